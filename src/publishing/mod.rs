//! The write workflows, over the corpus, the parser, the audit log and the state
//! directory: what the CLI does, and the API will do, as a named principal. Each takes
//! the corpus lock before it reads what it validates against, runs recovery, and
//! appends its audit entry.
//!
//! * [`who`]: the name the audit log records for a local user.
//! * [`tokens`]: creating and revoking tokens, audited.
//! * [`correct`]: correcting a published act from a correction request.
//! * [`drafts`]: the draft workflow (submit, approve, publish, discard) and [`check`],
//!   a draft's check report.
//! * [`publication`]: a draft published and brought into a loaded registry (library
//!   and search index), and [`reindex`], the index's incremental update after a write.

pub mod check;
pub mod correct;
pub mod drafts;
pub mod events;
pub mod publication;
pub mod reindex;
pub mod tokens;
pub mod who;

pub use check::{DraftCheck, check_draft};
pub use correct::{CorrectError, Corrected, correct};
pub use drafts::{Desk, DraftError, DraftInput, PublishedDraft};
pub use publication::{Publication, PublicationError, publish_draft};
pub use reindex::reindex;
pub use tokens::{create_token, revoke_token};
pub use who::local_user;

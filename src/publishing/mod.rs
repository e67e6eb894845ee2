//! The write workflows, over the corpus, the parser, the audit log and the state
//! directory: what the CLI does, and the API will do, as a named principal. Each takes
//! the corpus lock before it reads what it validates against, runs recovery, and
//! appends its audit entry.
//!
//! * [`who`]: the name the audit log records for a local user.
//! * [`tokens`]: creating and revoking tokens, audited.
//! * [`correct`]: correcting a published act from a correction request.

pub mod correct;
pub mod tokens;
pub mod who;

pub use correct::{CorrectError, Corrected, correct};
pub use tokens::{create_token, revoke_token};
pub use who::local_user;

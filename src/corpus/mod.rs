//! The corpus on disk: the only place where the core's data meets the file system.
//!
//! ```text
//! corpus/
//!   README.md                 the format, for people
//!   acts/V14/V1400010273/
//!     act.json                metadata (frozen once published)
//!     text.kk.md              the clause tree, in clause Markdown (see `crate::clause_markdown`)
//!     ops.json                the operations this act makes (frozen)
//!     events.json             events recorded after publication (append-only log)
//!     corrections/0001/       a correction: correction.json and the corrected files
//!   audit.jsonl               the audit log, a hash chain of every write
//!     redactions/             the registry's own texts, raw, and redactions.json (provenance)
//!   sources/                  what the texts were restored from, with provenance
//! ```
//!
//! Loading validates everything and reports every error with its place, not just the
//! first.

pub mod audit_log;
pub mod correction;
pub mod error;

pub mod generation;
pub mod load;
pub mod lock;
pub mod publish;
pub mod read;
pub mod redactions;
pub mod transaction;
pub mod write;

pub use error::{CorpusError, ErrorKind};
pub use load::{Loaded, LoadedEntry, act_text, load, load_with_options};
pub use lock::CorpusLock;
pub use publish::{PublicationFiles, PublishError, publish};
pub use read::{DEFAULT_MAX_FILE_BYTES, LoadOptions};
pub use transaction::{Recovery, recover, recover_if_needed};

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
//!     redactions/             the registry's own texts, raw, and redactions.json (provenance)
//!   sources/                  what the texts were restored from, with provenance
//! ```
//!
//! Loading validates everything and reports every error with its place, not just the
//! first.

pub mod error;

pub mod generation;
pub mod load;
pub mod lock;
pub mod read;
pub mod redactions;
pub mod write;

pub use error::{CorpusError, ErrorKind};
pub use load::{Loaded, act_text, load, load_with_options};
pub use lock::CorpusLock;
pub use read::{DEFAULT_MAX_FILE_BYTES, LoadOptions};

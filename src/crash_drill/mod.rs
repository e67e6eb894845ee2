//! Kill -9 of a real `nusqa serve` in the middle of a publication over HTTP, and what
//! must hold afterwards: the corpus checks, the audit chain verifies, and the act is
//! entirely there (its operations and one audit entry) or entirely absent. Used by
//! `nusqa bench crash --server` and the crash tests; the publication itself is a
//! [`crate::fixtures::prepare_publication`].
//!
//! * [`server`]: a `nusqa serve` child process on a free port, ready when it answers.
//! * [`verdict`]: the corpus after a kill, recovered and examined in process.

pub mod server;
pub mod verdict;

pub use server::{Server, free_port};
pub use verdict::{Verdict, examine};

/// Why a drill could not be run (as opposed to a drill whose verdict fails).
#[derive(Debug, thiserror::Error)]
pub enum DrillError {
    /// A process or a file could not be handled.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The corpus could not be read.
    #[error("{0}")]
    Corpus(#[from] Box<crate::corpus::CorpusError>),
    /// The server did not come up.
    #[error("{0}")]
    NotReady(String),
}

impl From<crate::corpus::CorpusError> for DrillError {
    fn from(e: crate::corpus::CorpusError) -> DrillError {
        DrillError::Corpus(Box::new(e))
    }
}

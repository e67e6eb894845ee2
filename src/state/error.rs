//! Errors of the state directory and of authentication. None of them ever holds a
//! token or a hash of one.

use std::path::PathBuf;

/// Why a presented token does not authenticate (the API answers 401 for each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AuthError {
    /// No token was presented.
    #[error("no token was presented")]
    Missing,
    /// The token is not one of ours.
    #[error("the token is not known")]
    Unknown,
    /// The token was revoked.
    #[error("the token was revoked")]
    Revoked,
}

/// Why the state directory cannot be read or written, or a request on it is refused.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// A file of the state directory cannot be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// A state file is malformed.
    #[error("{}:{line}: invalid JSON: {message}", path.display())]
    Json {
        /// The file.
        path: PathBuf,
        /// The line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// Another process holds the state lock.
    #[error("{}: another process holds the state lock (waited {waited_ms} ms)", path.display())]
    Locked {
        /// The lock file.
        path: PathBuf,
        /// How long this one waited.
        waited_ms: u64,
    },
    /// A token name is not a plain name.
    #[error("token name `{0}` must be 1 to 64 letters, digits, `.`, `_` or `-`")]
    BadName(String),
    /// A token of this name exists (revoked or not): names are never reused.
    #[error("a token named `{0}` exists already; names are never reused")]
    DuplicateName(String),
    /// No token has this name.
    #[error("no token is named `{0}`")]
    NoSuchToken(String),
    /// The token is revoked already.
    #[error("the token `{0}` is revoked already")]
    AlreadyRevoked(String),
    /// The system's random source failed.
    #[error("the system's random source failed: {0}")]
    Random(String),
}

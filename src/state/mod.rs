//! The operational state directory (`--state DIR`, default `state/`, git-ignored):
//! tokens, UI sessions and drafts. It is not the corpus: nothing here is part of
//! the registry's record, and the corpus never refers to it.
//!
//! * [`principal`]: who acts (a name and a role).
//! * [`secret`]: random tokens and how they are hashed; a secret never prints.
//! * [`tokens`]: `tokens.json`, only SHA-256 hashes of tokens; [`tokens::authenticate`].
//! * [`sessions`]: `sessions.json`, UI sessions with their CSRF tokens, hashed too.
//! * [`drafts`]: `drafts/ID.json`, amending orders submitted and not yet published.
//! * [`file`]: the directory, its lock and atomic, durable writes of its files.

pub mod drafts;
pub mod error;
pub mod file;
pub mod principal;
pub mod secret;
pub mod sessions;
pub mod tokens;

pub use drafts::{Approval, Draft, DraftSource, DraftState, DraftStore};
pub use error::{AuthError, StateError};
pub use file::{StateDir, StateLock};
pub use principal::{Principal, Role};
pub use secret::Secret;
pub use sessions::{SESSION_LIFETIME_HOURS, SessionStore};
pub use tokens::{TokenInfo, TokenStore, authenticate};

//! Creating and revoking tokens, each recorded in the audit log (the token's name and
//! role, never the token nor its hash).

use std::path::Path;

use crate::audit::{Action, AuditDraft};
use crate::corpus::{self, CorpusError, CorpusLock};
use crate::state::sessions::SESSIONS_FILE;
use crate::state::tokens::TOKENS_FILE;
use crate::state::{Role, Secret, SessionStore, StateDir, StateError, TokenStore};

/// Why a token command failed.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    /// The state directory refused.
    #[error("{0}")]
    State(#[from] StateError),
    /// The audit log could not be written.
    #[error("{0}")]
    Corpus(#[from] Box<CorpusError>),
}

impl From<CorpusError> for TokenError {
    fn from(e: CorpusError) -> TokenError {
        TokenError::Corpus(Box::new(e))
    }
}

/// The audit payload of a token action: its name and role, nothing secret.
fn payload(name: &str, role: Option<Role>) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({"name": name, "role": role.map(Role::as_str)})).unwrap_or_default()
}

/// Creates a token `name` with `role` in `state`, audited in the corpus at `corpus`
/// as done by `who`. Returns the token, to be shown once.
pub fn create_token(
    state: &StateDir,
    corpus_root: &Path,
    name: &str,
    role: Role,
    who: &str,
) -> Result<Secret, TokenError> {
    let lock = state.lock()?;
    let mut tokens: TokenStore = state.read_json(TOKENS_FILE)?;
    let secret = tokens.create(name, role)?;
    let corpus_lock = CorpusLock::acquire(corpus_root)?;
    state.write_json(&lock, TOKENS_FILE, &tokens)?;
    let draft = AuditDraft::new(who, Action::TokenCreate, name, &payload(name, Some(role)));
    corpus::audit_log::append(&corpus_lock, corpus_root, draft)?;
    Ok(secret)
}

/// Revokes the token `name` and ends its sessions, audited.
pub fn revoke_token(state: &StateDir, corpus_root: &Path, name: &str, who: &str) -> Result<(), TokenError> {
    let lock = state.lock()?;
    let mut tokens: TokenStore = state.read_json(TOKENS_FILE)?;
    tokens.revoke(name)?;
    let mut sessions: SessionStore = state.read_json(SESSIONS_FILE)?;
    let corpus_lock = CorpusLock::acquire(corpus_root)?;
    state.write_json(&lock, TOKENS_FILE, &tokens)?;
    if sessions.end_sessions_of(name) > 0 {
        state.write_json(&lock, SESSIONS_FILE, &sessions)?;
    }
    let draft = AuditDraft::new(who, Action::TokenRevoke, name, &payload(name, None));
    corpus::audit_log::append(&corpus_lock, corpus_root, draft)?;
    Ok(())
}

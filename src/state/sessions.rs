//! UI sessions: a login with a token opens a session; its id goes in the cookie, its
//! CSRF token in every form. `STATE/sessions.json` holds only the SHA-256 of both,
//! with the principal's name and the session's expiry. A session is valid only while
//! it has not expired and its principal's token is not revoked.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::error::StateError;
use super::principal::Principal;
use super::secret::{Secret, hash_of, same_hash};
use super::tokens::TokenStore;

/// The file in the state directory.
pub const SESSIONS_FILE: &str = "sessions.json";

/// How long a session lasts.
pub const SESSION_LIFETIME_HOURS: i64 = 8;

/// One stored session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionRecord {
    /// The SHA-256 of the session id.
    pub id_sha256: String,
    /// The SHA-256 of its CSRF token.
    pub csrf_sha256: String,
    /// The principal's name.
    pub name: String,
    /// When it was opened.
    pub created: DateTime<Utc>,
    /// When it expires.
    pub expires: DateTime<Utc>,
}

/// The sessions of a state directory (`sessions.json`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionStore {
    /// The sessions.
    pub sessions: Vec<SessionRecord>,
}

impl SessionStore {
    /// The sessions of the state directory (none when it has no `sessions.json`).
    pub fn load(state: &super::StateDir) -> Result<SessionStore, StateError> {
        state.read_json(SESSIONS_FILE)
    }

    /// Writes the sessions back, atomically, under the state lock.
    pub fn save(&self, state: &super::StateDir, lock: &super::StateLock) -> Result<(), StateError> {
        state.write_json(lock, SESSIONS_FILE, self)
    }

    /// Opens a session for `principal` at `now`; returns its id and its CSRF token (to
    /// be handed out once). Expired sessions are dropped on the way.
    pub fn create_session(
        &mut self,
        principal: &Principal,
        now: DateTime<Utc>,
    ) -> Result<(Secret, Secret), StateError> {
        self.sessions.retain(|s| s.expires > now);
        let id = Secret::random("s_")?;
        let csrf = Secret::random("c_")?;
        self.sessions.push(SessionRecord {
            id_sha256: id.hash(),
            csrf_sha256: csrf.hash(),
            name: principal.name.clone(),
            created: now,
            expires: now + Duration::hours(SESSION_LIFETIME_HOURS),
        });
        Ok((id, csrf))
    }

    fn find(&self, id: &str, now: DateTime<Utc>) -> Option<&SessionRecord> {
        let hash = hash_of(id);
        let mut found = None;
        for s in &self.sessions {
            if same_hash(&s.id_sha256, &hash) {
                found = Some(s);
            }
        }
        found.filter(|s| s.expires > now)
    }

    /// The principal of session `id` at `now`: `None` when it is unknown, expired, or
    /// its token is revoked in `tokens`.
    pub fn session(&self, tokens: &TokenStore, id: &str, now: DateTime<Utc>) -> Option<Principal> {
        self.find(id, now).and_then(|s| tokens.active(&s.name))
    }

    /// True when `csrf` is the CSRF token of the live session `id`.
    pub fn check_csrf(&self, tokens: &TokenStore, id: &str, csrf: &str, now: DateTime<Utc>) -> bool {
        self.session(tokens, id, now).is_some()
            && self
                .find(id, now)
                .is_some_and(|s| same_hash(&s.csrf_sha256, &hash_of(csrf)))
    }

    /// Ends session `id` (logout). Returns whether there was one.
    pub fn end_session(&mut self, id: &str) -> bool {
        let hash = hash_of(id);
        let before = self.sessions.len();
        self.sessions.retain(|s| !same_hash(&s.id_sha256, &hash));
        self.sessions.len() != before
    }

    /// Ends every session of the principal `name` (when its token is revoked).
    pub fn end_sessions_of(&mut self, name: &str) -> usize {
        let before = self.sessions.len();
        self.sessions.retain(|s| s.name != name);
        before - self.sessions.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Role;

    #[test]
    fn sessions_expire_follow_revocation_and_tie_their_csrf_token() {
        let mut tokens = TokenStore::default();
        tokens.create("editor-1", Role::Publisher).unwrap();
        let p = tokens.active("editor-1").unwrap();
        let mut sessions = SessionStore::default();
        let t0: DateTime<Utc> = "2026-01-01T08:00:00Z".parse().unwrap();
        let (id, csrf) = sessions.create_session(&p, t0).unwrap();
        let (other_id, other_csrf) = sessions.create_session(&p, t0).unwrap();
        assert_eq!(sessions.session(&tokens, id.expose(), t0), Some(p.clone()));
        assert!(sessions.check_csrf(&tokens, id.expose(), csrf.expose(), t0));
        assert!(!sessions.check_csrf(&tokens, id.expose(), other_csrf.expose(), t0));
        assert!(!sessions.check_csrf(&tokens, id.expose(), "", t0));
        let late = t0 + Duration::hours(SESSION_LIFETIME_HOURS);
        assert_eq!(sessions.session(&tokens, id.expose(), late), None);
        let json = serde_json::to_string(&sessions).unwrap();
        assert!(!json.contains(id.expose()) && !json.contains(csrf.expose()));
        assert!(sessions.end_session(other_id.expose()));
        assert_eq!(sessions.session(&tokens, other_id.expose(), t0), None);
        tokens.revoke("editor-1").unwrap();
        assert_eq!(sessions.session(&tokens, id.expose(), t0), None);
        assert_eq!(sessions.end_sessions_of("editor-1"), 1);
    }
}

//! API tokens: `STATE/tokens.json` holds, for each token, its name, role, creation
//! and revocation times and the SHA-256 of the token, never the token itself.
//! [`authenticate`] hashes the presented token and compares it with every stored hash
//! in constant time.

use serde::{Deserialize, Serialize};

use super::error::{AuthError, StateError};
use super::principal::{Principal, Role};
use super::secret::{Secret, hash_of, same_hash};

/// The file in the state directory.
pub const TOKENS_FILE: &str = "tokens.json";

/// What a token looks like: this prefix and 64 hexadecimal digits.
pub const TOKEN_PREFIX: &str = "nusqa_";

/// One stored token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRecord {
    /// Its name (unique, never reused).
    pub name: String,
    /// Its role.
    pub role: Role,
    /// When it was created (UTC, RFC 3339).
    pub created: String,
    /// When it was revoked, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked: Option<String>,
    /// The SHA-256 of the token.
    pub sha256: String,
}

/// A token as listed: everything but its hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct TokenInfo {
    /// Its name.
    pub name: String,
    /// Its role.
    pub role: Role,
    /// When it was created.
    pub created: String,
    /// When it was revoked, if it was.
    pub revoked: Option<String>,
}

/// The tokens of a state directory (`tokens.json`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenStore {
    /// The tokens, in the order they were created.
    pub tokens: Vec<TokenRecord>,
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// True for a token name: 1 to 64 of letters, digits, `.`, `_`, `-`.
pub fn is_valid_name(name: &str) -> bool {
    (1..=64).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
}

impl TokenStore {
    /// The tokens of the state directory (none when it has no `tokens.json`).
    pub fn load(state: &super::StateDir) -> Result<TokenStore, StateError> {
        state.read_json(TOKENS_FILE)
    }

    /// Writes the tokens back, atomically, under the state lock.
    pub fn save(&self, state: &super::StateDir, lock: &super::StateLock) -> Result<(), StateError> {
        state.write_json(lock, TOKENS_FILE, self)
    }

    /// Creates a token named `name` with `role`; returns it (to be shown once). Names
    /// are never reused, even a revoked one's.
    pub fn create(&mut self, name: &str, role: Role) -> Result<Secret, StateError> {
        if !is_valid_name(name) {
            return Err(StateError::BadName(name.to_string()));
        }
        if self.tokens.iter().any(|t| t.name == name) {
            return Err(StateError::DuplicateName(name.to_string()));
        }
        let secret = Secret::random(TOKEN_PREFIX)?;
        self.tokens.push(TokenRecord {
            name: name.to_string(),
            role,
            created: now(),
            revoked: None,
            sha256: secret.hash(),
        });
        Ok(secret)
    }

    /// Revokes the token named `name`.
    pub fn revoke(&mut self, name: &str) -> Result<(), StateError> {
        let t = self
            .tokens
            .iter_mut()
            .find(|t| t.name == name)
            .ok_or_else(|| StateError::NoSuchToken(name.to_string()))?;
        if t.revoked.is_some() {
            return Err(StateError::AlreadyRevoked(name.to_string()));
        }
        t.revoked = Some(now());
        Ok(())
    }

    /// Every token, without its hash.
    pub fn list(&self) -> Vec<TokenInfo> {
        self.tokens
            .iter()
            .map(|t| TokenInfo {
                name: t.name.clone(),
                role: t.role,
                created: t.created.clone(),
                revoked: t.revoked.clone(),
            })
            .collect()
    }

    /// The principal of the token named `name`, when it exists and is not revoked.
    pub fn active(&self, name: &str) -> Option<Principal> {
        self.tokens
            .iter()
            .find(|t| t.name == name && t.revoked.is_none())
            .map(|t| Principal {
                name: t.name.clone(),
                role: t.role,
            })
    }
}

/// Who presents `presented` (a bearer token): its principal, or why not. Every stored
/// hash is compared, in constant time, whatever matches.
pub fn authenticate(store: &TokenStore, presented: &str) -> Result<Principal, AuthError> {
    let presented = presented.trim();
    if presented.is_empty() {
        return Err(AuthError::Missing);
    }
    let hash = hash_of(presented);
    let mut found: Option<&TokenRecord> = None;
    for t in &store.tokens {
        if same_hash(&t.sha256, &hash) {
            found = Some(t);
        }
    }
    match found {
        None => Err(AuthError::Unknown),
        Some(t) if t.revoked.is_some() => Err(AuthError::Revoked),
        Some(t) => Ok(Principal {
            name: t.name.clone(),
            role: t.role,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_authenticates_until_revoked_and_only_its_hash_is_kept() {
        let mut store = TokenStore::default();
        let t = store.create("editor-1", Role::Publisher).unwrap();
        assert!(t.expose().starts_with(TOKEN_PREFIX));
        let p = authenticate(&store, t.expose()).unwrap();
        assert_eq!((p.name.as_str(), p.role), ("editor-1", Role::Publisher));
        let json = serde_json::to_string(&store).unwrap();
        assert!(!json.contains(t.expose()) && !json.contains(&t.expose()[TOKEN_PREFIX.len()..]));
        assert_eq!(authenticate(&store, ""), Err(AuthError::Missing));
        assert_eq!(authenticate(&store, "nusqa_00"), Err(AuthError::Unknown));
        assert!(matches!(
            store.create("editor-1", Role::Admin),
            Err(StateError::DuplicateName(_))
        ));
        assert!(matches!(store.create("a b", Role::Admin), Err(StateError::BadName(_))));
        store.revoke("editor-1").unwrap();
        assert_eq!(authenticate(&store, t.expose()), Err(AuthError::Revoked));
        assert!(store.active("editor-1").is_none());
        assert!(matches!(store.revoke("editor-1"), Err(StateError::AlreadyRevoked(_))));
        assert!(matches!(store.revoke("nobody"), Err(StateError::NoSuchToken(_))));
    }
}

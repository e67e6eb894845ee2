//! Secrets: 256-bit random tokens, shown once, stored only as their SHA-256, compared
//! in constant time. A [`Secret`] does not print: its `Debug` and `Display` say
//! `[redacted]`, so it cannot reach a log or an error by accident.

use subtle::ConstantTimeEq;

use super::error::StateError;
use crate::digest::{hex, sha256_hex};

/// A secret value: a token, a session id, a CSRF token.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// A new random secret: `prefix` and 256 random bits as 64 hexadecimal digits.
    pub fn random(prefix: &str) -> Result<Secret, StateError> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| StateError::Random(e.to_string()))?;
        Ok(Secret(format!("{prefix}{}", hex(&bytes))))
    }

    /// The secret's text, to hand to its owner once (the only way to see it).
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Its SHA-256, the only form stored.
    pub fn hash(&self) -> String {
        hash_of(&self.0)
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl std::fmt::Display for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

/// The stored form of a presented secret: its SHA-256 in hexadecimal.
pub fn hash_of(presented: &str) -> String {
    sha256_hex(presented.as_bytes())
}

/// Compares two stored hashes in constant time.
pub fn same_hash(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_random_long_and_never_print() {
        let a = Secret::random("nusqa_").unwrap();
        let b = Secret::random("nusqa_").unwrap();
        assert_ne!(a, b);
        assert_eq!(a.expose().len(), 6 + 64);
        assert!(!format!("{a:?} {a}").contains(&a.expose()[6..]));
        assert!(same_hash(&a.hash(), &hash_of(a.expose())));
        assert!(!same_hash(&a.hash(), &b.hash()));
    }
}

//! One entry of the audit log and how it is sealed into the chain.

use serde::{Deserialize, Serialize};

use crate::digest::sha256_hex;

/// The `prev` of the first entry: 64 zeros.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What a write did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// A draft was submitted.
    Submit,
    /// A draft was approved.
    Approve,
    /// An act was published.
    Publish,
    /// An event (a publication date…) was recorded.
    Event,
    /// A correction of a published act was recorded.
    Correction,
    /// A token was created.
    TokenCreate,
    /// A token was revoked.
    TokenRevoke,
    /// A draft was discarded.
    Discard,
}

impl Action {
    /// The action as written in the log (`token_create`…).
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::Approve => "approve",
            Action::Publish => "publish",
            Action::Event => "event",
            Action::Correction => "correction",
            Action::TokenCreate => "token_create",
            Action::TokenRevoke => "token_revoke",
            Action::Discard => "discard",
        }
    }
}

/// A corpus file an entry vouches for: its path relative to the corpus root (with `/`)
/// and the SHA-256 of its content when the entry was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FileHash {
    /// The path relative to the corpus root, e.g. `acts/V25/V2500037008/act.json`.
    pub path: String,
    /// The SHA-256 of its bytes, 64 lowercase hexadecimal digits.
    pub sha256: String,
}

impl FileHash {
    /// The hash of `bytes` stored at `path` (relative to the corpus root).
    pub fn of(path: impl Into<String>, bytes: &[u8]) -> FileHash {
        FileHash {
            path: path.into(),
            sha256: sha256_hex(bytes),
        }
    }
}

/// What a writer asks the log to record; [`AuditEntry::seal`] gives it its place in
/// the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditDraft {
    /// Who wrote: a principal's name, or `local:<unix user>` for the CLI.
    pub who: String,
    /// What was done.
    pub action: Action,
    /// What it was done to: an act id, a draft id or a token's name.
    pub subject: String,
    /// The SHA-256 of the write's input (the draft, the correction request, the event
    /// record…), never of a secret.
    pub payload_sha256: String,
    /// The corpus files written, with their hashes.
    pub files: Vec<FileHash>,
}

impl AuditDraft {
    /// A draft whose payload is `payload` (hashed here; the bytes are not kept).
    pub fn new(who: impl Into<String>, action: Action, subject: impl Into<String>, payload: &[u8]) -> AuditDraft {
        AuditDraft {
            who: who.into(),
            action,
            subject: subject.into(),
            payload_sha256: sha256_hex(payload),
            files: Vec::new(),
        }
    }

    /// The draft with these files.
    pub fn with_files(mut self, files: Vec<FileHash>) -> AuditDraft {
        self.files = files;
        self
    }
}

/// One line of `audit.jsonl`.
///
/// `prev` is the SHA-256 of the previous line's bytes (without its newline), or
/// [`GENESIS`] for the first; `hash` is the SHA-256 of this entry's own line written
/// without `hash`, so the last entry is protected too. A line is exactly the compact
/// JSON of its entry, in this field order ([`AuditEntry::to_line`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditEntry {
    /// 1 for the first entry, then one more per line.
    pub seq: u64,
    /// When it was written (UTC, RFC 3339, seconds).
    pub at: String,
    /// Who wrote.
    pub who: String,
    /// What was done.
    pub action: Action,
    /// What it was done to.
    pub subject: String,
    /// The SHA-256 of the write's input.
    pub payload_sha256: String,
    /// The corpus files written, with their hashes.
    pub files: Vec<FileHash>,
    /// The SHA-256 of the previous line.
    pub prev: String,
    /// The SHA-256 of this line without this field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash: Option<String>,
}

impl AuditEntry {
    /// Seals `draft` as entry `seq` written `at`, after the line whose hash is `prev`.
    pub fn seal(draft: AuditDraft, seq: u64, at: String, prev: String) -> AuditEntry {
        let mut entry = AuditEntry {
            seq,
            at,
            who: draft.who,
            action: draft.action,
            subject: draft.subject,
            payload_sha256: draft.payload_sha256,
            files: draft.files,
            prev,
            hash: None,
        };
        entry.hash = Some(entry.content_hash());
        entry
    }

    /// The SHA-256 of the entry's line written without `hash`.
    pub fn content_hash(&self) -> String {
        let unsealed = AuditEntry {
            hash: None,
            ..self.clone()
        };
        sha256_hex(unsealed.to_line().as_bytes())
    }

    /// The entry as its line: compact JSON, no newline.
    pub fn to_line(&self) -> String {
        // Serialising our own struct of strings and numbers cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// True when the entry records `draft` (every field but its place in the chain).
    pub fn records(&self, draft: &AuditDraft) -> bool {
        self.who == draft.who
            && self.action == draft.action
            && self.subject == draft.subject
            && self.payload_sha256 == draft.payload_sha256
            && self.files == draft.files
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_entry_hashes_its_own_line_and_round_trips() {
        let draft = AuditDraft::new("editor-1", Action::Publish, "V2599999001", b"payload")
            .with_files(vec![FileHash::of("acts/V25/V2599999001/act.json", b"{}")]);
        let e = AuditEntry::seal(draft.clone(), 1, "2026-01-01T00:00:00Z".into(), GENESIS.into());
        assert!(e.records(&draft));
        let line = e.to_line();
        assert!(
            line.starts_with(r#"{"seq":1,"at":"2026-01-01T00:00:00Z","who":"editor-1","action":"publish""#),
            "{line}"
        );
        let back: AuditEntry = serde_json::from_str(&line).unwrap();
        assert_eq!(back, e);
        assert_eq!(back.hash.as_deref(), Some(e.content_hash().as_str()));
        let other = AuditEntry {
            subject: "V2599999002".into(),
            ..e.clone()
        };
        assert_ne!(other.content_hash(), e.content_hash());
    }
}

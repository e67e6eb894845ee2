//! The audit log: an append-only hash chain of every write to the registry (submit,
//! approve, publish, event, correction, token create and revoke, discard), kept as
//! `corpus/audit.jsonl`, one JSON object per line.
//!
//! This module is pure: the entry ([`entry`]) and the chain's rules ([`chain`]).
//! `corpus::audit_log` appends to the file under the corpus lock and verifies it
//! against the files the entries reference. A token never appears in an entry: `who`
//! is a principal's name, `subject` an act id, a draft id or a token's name.

pub mod chain;
pub mod entry;

pub use chain::{Broken, BrokenKind, ChainSummary, verify_lines};
pub use entry::{Action, AuditDraft, AuditEntry, FileHash, GENESIS};

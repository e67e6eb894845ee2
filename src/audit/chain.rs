//! The chain's rules: what makes `audit.jsonl` whole. Pure: the file's bytes in, and a
//! function that checks each referenced file (the corpus reads them).

use super::entry::{AuditEntry, FileHash, GENESIS};
use crate::digest::sha256_hex;

/// What a whole chain holds.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct ChainSummary {
    /// The number of entries.
    pub entries: u64,
    /// The SHA-256 of the last line ([`GENESIS`] for an empty log): the next entry's
    /// `prev`.
    pub head: String,
    /// The number of file hashes checked.
    pub files: usize,
}

/// The first broken entry of a chain: its 1-based line and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("audit.jsonl:{line}: entry {}: {kind}", seq.map_or("?".to_string(), |s| s.to_string()))]
pub struct Broken {
    /// The 1-based line.
    pub line: usize,
    /// The entry's `seq`, when the line could be read.
    pub seq: Option<u64>,
    /// What is wrong.
    pub kind: BrokenKind,
}

/// What is wrong with an entry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BrokenKind {
    /// The line is not UTF-8.
    #[error("the line is not valid UTF-8")]
    NotUtf8,
    /// The last line has no newline: a write was cut short.
    #[error("the last line has no newline: an append was cut short")]
    Torn,
    /// The line is not an entry.
    #[error("the line is not an audit entry: {0}")]
    Json(String),
    /// The line is not exactly its entry's compact JSON (a byte was changed or added).
    #[error("the line is not its entry's canonical JSON: a byte was changed")]
    NotCanonical,
    /// `seq` is not one more than the previous entry's.
    #[error("seq is {found}, expected {expected}")]
    WrongSeq {
        /// The expected number.
        expected: u64,
        /// The number found.
        found: u64,
    },
    /// `prev` is not the hash of the previous line.
    #[error(
        "prev is {found}, but the previous line hashes to {expected}: the previous line was changed, or a line removed"
    )]
    WrongPrev {
        /// The previous line's hash.
        expected: String,
        /// The `prev` found.
        found: String,
    },
    /// `hash` is missing or is not the entry's own hash.
    #[error("hash does not match the entry's content: the entry was changed")]
    WrongHash,
    /// A file the entry vouches for is not as recorded.
    #[error("file {path}: {problem}")]
    File {
        /// The file, relative to the corpus root.
        path: String,
        /// What is wrong with it.
        problem: String,
    },
}

/// Checks the chain in `bytes` (the content of `audit.jsonl`): every line an entry in
/// canonical form, `seq` counting from 1, `prev` the hash of the previous line, `hash`
/// the entry's own; and every file an entry references, through `check_file` (which
/// says what is wrong, or `Ok`). Returns the first broken entry.
pub fn verify_lines(
    bytes: &[u8],
    mut check_file: impl FnMut(&FileHash) -> Result<(), String>,
) -> Result<ChainSummary, Broken> {
    let mut head = GENESIS.to_string();
    let mut entries = 0u64;
    let mut files = 0usize;
    if bytes.is_empty() {
        return Ok(ChainSummary { entries, head, files });
    }
    let mut lines: Vec<&[u8]> = bytes.split(|b| *b == b'\n').collect();
    let torn = lines.last().is_some_and(|l| !l.is_empty());
    if !torn {
        lines.pop();
    }
    let count = lines.len();
    for (i, raw) in lines.into_iter().enumerate() {
        let line = i + 1;
        let broken = |seq: Option<u64>, kind: BrokenKind| Broken { line, seq, kind };
        if torn && line == count {
            return Err(broken(None, BrokenKind::Torn));
        }
        let text = std::str::from_utf8(raw).map_err(|_| broken(None, BrokenKind::NotUtf8))?;
        let entry: AuditEntry =
            serde_json::from_str(text).map_err(|e| broken(None, BrokenKind::Json(e.to_string())))?;
        let seq = Some(entry.seq);
        if entry.to_line() != text {
            return Err(broken(seq, BrokenKind::NotCanonical));
        }
        if entry.seq != entries + 1 {
            return Err(broken(
                seq,
                BrokenKind::WrongSeq {
                    expected: entries + 1,
                    found: entry.seq,
                },
            ));
        }
        if entry.prev != head {
            return Err(broken(
                seq,
                BrokenKind::WrongPrev {
                    expected: head,
                    found: entry.prev,
                },
            ));
        }
        if entry.hash.as_deref() != Some(entry.content_hash().as_str()) {
            return Err(broken(seq, BrokenKind::WrongHash));
        }
        for f in &entry.files {
            check_file(f).map_err(|problem| {
                broken(
                    seq,
                    BrokenKind::File {
                        path: f.path.clone(),
                        problem,
                    },
                )
            })?;
            files += 1;
        }
        head = sha256_hex(raw);
        entries += 1;
    }
    Ok(ChainSummary { entries, head, files })
}

/// The last complete entry of a log and the hash of its line, or `None` for an empty
/// log. A torn last line (no newline) is not an entry. Only the tail is parsed.
pub fn last_entry(bytes: &[u8]) -> Result<Option<(AuditEntry, String)>, String> {
    let complete = match bytes.iter().rposition(|b| *b == b'\n') {
        Some(end) => &bytes[..end],
        None => return Ok(None),
    };
    let start = complete.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
    let raw = &complete[start..];
    let entry: AuditEntry = serde_json::from_slice(raw).map_err(|e| e.to_string())?;
    Ok(Some((entry, sha256_hex(raw))))
}

#[cfg(test)]
mod tests {
    use super::super::entry::{Action, AuditDraft};
    use super::*;

    fn log(n: u64) -> Vec<u8> {
        let mut out = Vec::new();
        let mut prev = GENESIS.to_string();
        for seq in 1..=n {
            let d = AuditDraft::new("a", Action::Event, format!("V25999990{seq:02}"), b"x");
            let line = AuditEntry::seal(d, seq, "2026-01-01T00:00:00Z".into(), prev).to_line();
            prev = sha256_hex(line.as_bytes());
            out.extend_from_slice(line.as_bytes());
            out.push(b'\n');
        }
        out
    }

    #[test]
    fn a_whole_chain_verifies_and_its_head_is_the_last_line() {
        let bytes = log(3);
        let s = verify_lines(&bytes, |_| Ok(())).unwrap();
        assert_eq!(s.entries, 3);
        let (last, hash) = last_entry(&bytes).unwrap().unwrap();
        assert_eq!(last.seq, 3);
        assert_eq!(hash, s.head);
        assert_eq!(verify_lines(b"", |_| Ok(())).unwrap().head, GENESIS);
    }

    #[test]
    fn every_single_byte_change_is_found_on_its_line() {
        let bytes = log(3);
        let first_len = bytes.iter().position(|b| *b == b'\n').unwrap();
        for i in 0..bytes.len() {
            let mut bad = bytes.clone();
            bad[i] = if bad[i] == b'1' { b'2' } else { b'1' };
            let e = verify_lines(&bad, |_| Ok(())).unwrap_err();
            let line = bytes[..i].iter().filter(|b| **b == b'\n').count() + 1;
            // A changed newline merges two lines; anything else breaks its own line.
            if bytes[i] != b'\n' {
                assert_eq!(e.line, line, "byte {i}: {e}");
            } else {
                assert!(e.line <= line + 1, "byte {i}: {e}");
            }
            if i < first_len {
                assert_eq!(e.line, 1);
            }
        }
    }

    #[test]
    fn a_torn_line_a_removed_line_and_a_bad_file_are_named() {
        let bytes = log(3);
        let mut torn = bytes.clone();
        torn.truncate(bytes.len() - 5);
        assert_eq!(verify_lines(&torn, |_| Ok(())).unwrap_err().kind, BrokenKind::Torn);
        let text = String::from_utf8(bytes.clone()).unwrap();
        let mut lines: Vec<&str> = text.lines().collect();
        lines.remove(1);
        let removed = lines.join("\n") + "\n";
        let e = verify_lines(removed.as_bytes(), |_| Ok(())).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(matches!(e.kind, BrokenKind::WrongSeq { expected: 2, found: 3 }), "{e}");
        let d =
            AuditDraft::new("a", Action::Publish, "V2599999001", b"x").with_files(vec![FileHash::of("acts/x", b"y")]);
        let line = AuditEntry::seal(d, 1, "t".into(), GENESIS.into()).to_line() + "\n";
        let e = verify_lines(line.as_bytes(), |_| Err("changed".into())).unwrap_err();
        assert_eq!(e.to_string(), "audit.jsonl:1: entry 1: file acts/x: changed");
    }
}

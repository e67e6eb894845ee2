//! Applying a correction request's changes to an act's text, pure: each change names
//! its line, and its `from` must occur exactly once on that line, else an error naming
//! the act, the file and the line, and nothing is changed.

use crate::model::{RegistryId, TextChange};

/// The one file a correction changes line by line.
pub const TEXT_FILE: &str = "text.kk.md";

/// Why a correction's changes cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CorrectionError {
    /// The request has no changes.
    #[error("{act}: the correction has no changes")]
    NoChanges {
        /// The act.
        act: RegistryId,
    },
    /// The request has no reason.
    #[error("{act}: a correction needs a non-empty reason")]
    NoReason {
        /// The act.
        act: RegistryId,
    },
    /// A change names a file other than `text.kk.md`.
    #[error("{act}: {file}: only {TEXT_FILE} is corrected line by line (operations are re-derived from it)")]
    UnsupportedFile {
        /// The act.
        act: RegistryId,
        /// The file named.
        file: String,
    },
    /// A change names a line the file does not have.
    #[error("{act}: {file}:{line}: no such line (the file has {lines})")]
    NoSuchLine {
        /// The act.
        act: RegistryId,
        /// The file.
        file: String,
        /// The line named.
        line: usize,
        /// How many lines the file has.
        lines: usize,
    },
    /// `from` is empty, or `from` or `to` spans lines.
    #[error("{act}: {file}:{line}: `from` must be non-empty and neither `from` nor `to` may hold a line break")]
    BadChange {
        /// The act.
        act: RegistryId,
        /// The file.
        file: String,
        /// The line.
        line: usize,
    },
    /// `from` and `to` are equal.
    #[error("{act}: {file}:{line}: `from` and `to` are the same text")]
    Unchanged {
        /// The act.
        act: RegistryId,
        /// The file.
        file: String,
        /// The line.
        line: usize,
    },
    /// `from` is not on the line, or is there more than once.
    #[error("{act}: {file}:{line}: \"{from}\" occurs {count} times on the line; it must occur exactly once")]
    NotOnce {
        /// The act.
        act: RegistryId,
        /// The file.
        file: String,
        /// The line.
        line: usize,
        /// The text looked for.
        from: String,
        /// How often it occurs.
        count: usize,
    },
}

/// Applies `changes` in order to `text` (the act's current effective `text.kk.md`).
/// Several changes may name one line: each applies to the line as the earlier ones
/// left it. Line breaks are kept as they are. Any error leaves nothing changed.
pub fn apply_changes(
    act: &RegistryId,
    text: &str,
    reason: &str,
    changes: &[TextChange],
) -> Result<String, CorrectionError> {
    if reason.trim().is_empty() {
        return Err(CorrectionError::NoReason { act: *act });
    }
    if changes.is_empty() {
        return Err(CorrectionError::NoChanges { act: *act });
    }
    // Each line with its terminator, so the text is rebuilt byte for byte.
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    for c in changes {
        let file = c.file.clone();
        if c.file != TEXT_FILE {
            return Err(CorrectionError::UnsupportedFile { act: *act, file });
        }
        let bad = |c: &TextChange| c.from.is_empty() || c.from.contains(['\n', '\r']) || c.to.contains(['\n', '\r']);
        if bad(c) {
            return Err(CorrectionError::BadChange {
                act: *act,
                file,
                line: c.line,
            });
        }
        if c.from == c.to {
            return Err(CorrectionError::Unchanged {
                act: *act,
                file,
                line: c.line,
            });
        }
        let count = lines.len();
        let Some(line) = c.line.checked_sub(1).and_then(|i| lines.get_mut(i)) else {
            return Err(CorrectionError::NoSuchLine {
                act: *act,
                file,
                line: c.line,
                lines: count,
            });
        };
        let found = line.match_indices(c.from.as_str()).count();
        if found != 1 {
            return Err(CorrectionError::NotOnce {
                act: *act,
                file,
                line: c.line,
                from: c.from.clone(),
                count: found,
            });
        }
        *line = line.replacen(c.from.as_str(), &c.to, 1);
    }
    Ok(lines.concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ch(line: usize, from: &str, to: &str) -> TextChange {
        TextChange {
            file: TEXT_FILE.into(),
            line,
            from: from.into(),
            to: to.into(),
            evidence: None,
        }
    }

    #[test]
    fn changes_apply_on_their_lines_and_keep_everything_else() {
        let id: RegistryId = "V2599999001".parse().unwrap();
        let text = "# para_1 [1]\r\nбір екі бір\nүш\n";
        let out = apply_changes(&id, text, "r", &[ch(3, "үш", "төрт"), ch(2, "екі", "бес")]).unwrap();
        assert_eq!(out, "# para_1 [1]\r\nбір бес бір\nтөрт\n");
        let e = apply_changes(&id, text, "r", &[ch(2, "бір", "x")]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "V2599999001: text.kk.md:2: \"бір\" occurs 2 times on the line; it must occur exactly once"
        );
        assert!(matches!(
            apply_changes(&id, text, "r", &[ch(2, "жоқ", "x")]),
            Err(CorrectionError::NotOnce { count: 0, .. })
        ));
        assert!(matches!(
            apply_changes(&id, text, "r", &[ch(4, "a", "b")]),
            Err(CorrectionError::NoSuchLine { lines: 3, .. })
        ));
        assert!(matches!(
            apply_changes(&id, text, " ", &[ch(2, "екі", "x")]),
            Err(CorrectionError::NoReason { .. })
        ));
        assert!(matches!(
            apply_changes(&id, text, "r", &[ch(2, "екі", "x\ny")]),
            Err(CorrectionError::BadChange { .. })
        ));
    }
}

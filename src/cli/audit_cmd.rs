//! `audit verify|show`: the audit log of the corpus.

use std::path::Path;
use std::process::ExitCode;

use super::{CliError, print_json};
use crate::corpus::{LoadOptions, audit_log};

/// `nusqa audit verify`: exit 0 when the chain and every file hash it references
/// check out; otherwise the first broken entry (line, what is wrong) and exit 1.
pub fn verify(root: &Path, opts: &LoadOptions, json: bool) -> Result<ExitCode, CliError> {
    match audit_log::verify(root, opts)? {
        Ok(s) => {
            if json {
                print_json(&serde_json::json!({"ok": true, "entries": s.entries, "files": s.files, "head": s.head}))?;
            } else {
                outln!(
                    "audit log whole: {} entries, {} file hashes checked; head {}",
                    s.entries,
                    s.files,
                    s.head
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(broken) => {
            if json {
                print_json(
                    &serde_json::json!({"ok": false, "line": broken.line, "seq": broken.seq, "problem": broken.kind.to_string(), "display": broken.to_string()}),
                )?;
            } else {
                outln!("{}", broken);
            }
            Ok(ExitCode::FAILURE)
        }
    }
}

/// `nusqa audit show`: every entry, oldest first.
pub fn show(root: &Path, opts: &LoadOptions, json: bool) -> Result<ExitCode, CliError> {
    let entries = audit_log::entries(root, opts)?;
    if json {
        print_json(&entries)?;
    } else {
        for e in &entries {
            let files = if e.files.is_empty() {
                String::new()
            } else {
                format!(" ({} file(s))", e.files.len())
            };
            outln!(
                "#{} {} {} {} {}{files}",
                e.seq,
                e.at,
                e.who,
                e.action.as_str(),
                e.subject
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

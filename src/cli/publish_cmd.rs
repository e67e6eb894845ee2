//! `publish DIR` and `correct ACT --changes FILE`: the write paths into the corpus,
//! audited and crash-safe.

use std::path::Path;
use std::process::ExitCode;

use super::{CliError, print_json};
use crate::audit::{Action, AuditDraft};
use crate::corpus::{CorpusLock, LoadOptions, PublicationFiles, PublishError, publish, read};
use crate::model::{CorrectionRequest, RegistryId};
use crate::publishing::{self, CorrectError};

/// `nusqa publish DIR`: publishes the prepared act directory DIR (act.json,
/// text.kk.md, ops.json, entry_into_force.json). Exit 2 when the act is refused (its
/// id or number is published, or it is invalid), 1 on other errors.
pub fn publish_dir(root: &Path, opts: &LoadOptions, dir: &Path, who: &str, json: bool) -> Result<ExitCode, CliError> {
    let lock = CorpusLock::acquire(root)?;
    let files = PublicationFiles::read_dir(dir, opts)?;
    let manifest: String = files
        .list()
        .iter()
        .map(|(name, bytes)| format!("{name} {}\n", crate::digest::sha256_hex(bytes)))
        .collect();
    let subject = serde_json::from_slice::<serde_json::Value>(&files.act_json)
        .ok()
        .and_then(|v| v.get("id").and_then(|i| i.as_str()).map(str::to_string))
        .unwrap_or_default();
    let audit = AuditDraft::new(who, Action::Publish, subject, manifest.as_bytes());
    let published = publish(&lock, root, opts, &files, audit).map_err(|e| match e {
        PublishError::Corpus(c) => CliError::Corpus(c),
        other => CliError::BadArgument(other.to_string()),
    })?;
    drop(lock);
    if json {
        print_json(&serde_json::json!({"act": published.id, "dir": published.dir, "audit_seq": published.audit.seq}))?;
    } else {
        outln!(
            "published {} into {} (audit entry {})",
            published.id,
            published.dir.display(),
            published.audit.seq
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `nusqa correct ACT --changes FILE`: records a correction of a published act.
pub fn correct(
    root: &Path,
    opts: &LoadOptions,
    id: &RegistryId,
    changes: &Path,
    who: &str,
    json: bool,
) -> Result<ExitCode, CliError> {
    let payload = read::read_file(changes, opts)?;
    let request: CorrectionRequest = serde_json::from_slice(&payload).map_err(|e| {
        CliError::BadArgument(format!(
            "{}:{}: not a correction request: {e}",
            changes.display(),
            e.line()
        ))
    })?;
    let lock = CorpusLock::acquire(root)?;
    let done = publishing::correct(&lock, root, opts, id, &request, &payload, who).map_err(|e| match e {
        CorrectError::Corpus(c) => CliError::Corpus(c),
        CorrectError::UnknownAct(_) => CliError::NotFound(e.to_string()),
        other => CliError::BadArgument(other.to_string()),
    })?;
    drop(lock);
    if json {
        print_json(&serde_json::json!({
            "act": done.id, "n": done.record.n, "dir": done.dir, "operations": done.operations,
            "operations_changed": done.operations_changed, "audit_seq": done.audit.seq,
        }))?;
    } else {
        let ops = done.operations.map_or(String::new(), |n| {
            format!("; {n} operation(s) re-derived, {} changed", done.operations_changed)
        });
        outln!(
            "recorded correction {} of {} in {}{ops} (audit entry {})",
            done.record.n,
            done.id,
            done.dir.display(),
            done.audit.seq
        );
    }
    Ok(ExitCode::SUCCESS)
}

//! Correction records on disk: `acts/<shard>/<id>/corrections/NNNN/` (NNNN = 0001,
//! 0002… in order), each with `correction.json` ([`CorrectionRecord`]), the corrected
//! `text.kk.md`, for an amending act the re-derived `ops.json`, and
//! `entry_into_force.json` when the act needs one. The originals are never changed;
//! the latest correction's files are the act's effective ones. Records are written
//! through the corpus's one transaction ([`super::transaction`]): staged, journaled,
//! renamed into place, audited.

use std::fs;
use std::path::{Path, PathBuf};

use super::error::{CorpusError, ErrorKind};
use super::load::is_hidden;
use super::lock::CorpusLock;
use super::read::{self, LoadOptions};
use super::transaction;
use super::write::act_dir;
use crate::audit::{AuditDraft, AuditEntry};
use crate::model::{CorrectionRecord, RegistryId};

/// The directory of an act's corrections.
pub const CORRECTIONS_DIR: &str = "corrections";

/// The record's file in a correction directory.
pub const RECORD_FILE: &str = "correction.json";

/// What a correction directory may hold.
const HOLDS: &str =
    "a correction holds correction.json, text.kk.md, and ops.json and entry_into_force.json where the act has them";

/// One correction as read.
#[derive(Debug, Clone)]
pub struct CorrectionDir {
    /// Its directory.
    pub dir: PathBuf,
    /// Its record.
    pub record: CorrectionRecord,
    /// The act files it holds (`text.kk.md`, `ops.json`, `entry_into_force.json`).
    pub files: Vec<String>,
}

/// The name of correction `n`'s directory: `0001`.
pub fn dir_name(n: u32) -> String {
    format!("{n:04}")
}

/// Reads the corrections of the act in `dir`, in order, validating them: directories
/// named 0001, 0002… without gaps, each with a record whose `n` is its number, the
/// corrected text, and `ops.json` when the act has operations. Errors are pushed with
/// their files; the corrections after the first broken one are left out (an older
/// text is never taken for the latest).
pub fn read_corrections(
    dir: &Path,
    opts: &LoadOptions,
    id: &RegistryId,
    errors: &mut Vec<CorpusError>,
) -> Vec<CorrectionDir> {
    let root = dir.join(CORRECTIONS_DIR);
    let entries = match fs::read_dir(&root) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => return Vec::new(),
        Err(e) => {
            errors.push(CorpusError::at(&root, None, ErrorKind::Io(e)).act(id));
            return Vec::new();
        }
    };
    let mut numbered: Vec<(u32, PathBuf)> = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                errors.push(CorpusError::at(&root, None, ErrorKind::Io(e)).act(id));
                continue;
            }
        };
        let name = entry.file_name();
        if is_hidden(&name) {
            continue;
        }
        let path = entry.path();
        let name = name.to_string_lossy();
        let n = (name.len() == 4 && name.bytes().all(|b| b.is_ascii_digit()))
            .then(|| name.parse::<u32>().ok())
            .flatten()
            .filter(|n| *n > 0);
        match (n, entry.file_type()) {
            (Some(n), Ok(ft)) if ft.is_dir() => numbered.push((n, path)),
            _ => errors.push(CorpusError::at(&path, None, ErrorKind::BadCorrectionEntry).act(id)),
        }
    }
    numbered.sort();
    let has_ops = fs::symlink_metadata(dir.join("ops.json")).is_ok();
    let mut out = Vec::new();
    for (i, (n, path)) in numbered.into_iter().enumerate() {
        let expected = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if n != expected {
            errors.push(CorpusError::at(&path, None, ErrorKind::CorrectionGap { expected }).act(id));
            break;
        }
        match read_one(&path, n, has_ops, opts, id) {
            Ok(c) => out.push(c),
            Err(errs) => {
                errors.extend(errs);
                break;
            }
        }
    }
    out
}

fn read_one(
    path: &Path,
    n: u32,
    has_ops: bool,
    opts: &LoadOptions,
    id: &RegistryId,
) -> Result<CorrectionDir, Vec<CorpusError>> {
    let mut errors = Vec::new();
    let mut files = Vec::new();
    match fs::read_dir(path) {
        Ok(entries) => {
            for entry in entries.flatten() {
                let name = entry.file_name();
                if is_hidden(&name) {
                    continue;
                }
                let name = name.to_string_lossy().into_owned();
                match name.as_str() {
                    RECORD_FILE => {}
                    "text.kk.md" | "ops.json" | "entry_into_force.json" => files.push(name),
                    _ => errors.push(
                        CorpusError::at(
                            entry.path(),
                            None,
                            ErrorKind::UnexpectedEntry {
                                what: "entry",
                                expected: HOLDS,
                            },
                        )
                        .act(id),
                    ),
                }
            }
        }
        Err(e) => errors.push(CorpusError::at(path, None, ErrorKind::Io(e)).act(id)),
    }
    files.sort();
    let record_path = path.join(RECORD_FILE);
    let record = match read::read_optional(&record_path, opts) {
        Ok(Some(bytes)) => match serde_json::from_slice::<CorrectionRecord>(&bytes) {
            Ok(r) if r.n == n => Some(r),
            Ok(r) => {
                errors.push(
                    CorpusError::at(&record_path, None, ErrorKind::CorrectionNumber { dir: n, record: r.n }).act(id),
                );
                None
            }
            Err(e) => {
                errors.push(CorpusError::at(&record_path, Some(e.line()), ErrorKind::Json(e.to_string())).act(id));
                None
            }
        },
        Ok(None) => {
            errors.push(CorpusError::at(path, None, ErrorKind::CorrectionIncomplete { missing: RECORD_FILE }).act(id));
            None
        }
        Err(e) => {
            errors.push(e.act(id));
            None
        }
    };
    if record.as_ref().is_some_and(|r| r.reason.trim().is_empty()) {
        errors.push(
            CorpusError::at(
                &record_path,
                None,
                ErrorKind::CorrectionIncomplete { missing: "reason" },
            )
            .act(id),
        );
    }
    if !files.iter().any(|f| f == "text.kk.md") {
        errors.push(CorpusError::at(path, None, ErrorKind::CorrectionIncomplete { missing: "text.kk.md" }).act(id));
    }
    if has_ops && !files.iter().any(|f| f == "ops.json") {
        errors.push(CorpusError::at(path, None, ErrorKind::CorrectionIncomplete { missing: "ops.json" }).act(id));
    }
    match record {
        Some(record) if errors.is_empty() => Ok(CorrectionDir {
            dir: path.to_path_buf(),
            record,
            files,
        }),
        _ => Err(errors),
    }
}

/// The act's effective `text.kk.md` (its latest correction's, or the original) and
/// the number the next correction takes. Errors in the corrections are returned.
pub fn effective_text(
    root: &Path,
    opts: &LoadOptions,
    id: &RegistryId,
) -> Result<(PathBuf, String, u32), Vec<CorpusError>> {
    let dir = act_dir(root, id);
    let mut errors = Vec::new();
    let corrections = read_corrections(&dir, opts, id, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let path = corrections
        .last()
        .map_or_else(|| dir.join("text.kk.md"), |c| c.dir.join("text.kk.md"));
    let text = read::read_text(&path, opts).map_err(|e| vec![e.act(id)])?;
    Ok((path, text, u32::try_from(corrections.len() + 1).unwrap_or(u32::MAX)))
}

/// The files of a correction besides its record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrectionFiles {
    /// The corrected text.kk.md.
    pub text_kk: Vec<u8>,
    /// The re-derived ops.json (amending acts).
    pub ops_json: Option<Vec<u8>>,
    /// The entry-into-force clause, where the act needs one.
    pub entry_into_force_json: Option<Vec<u8>>,
}

/// Writes correction `record.n` of act `id` through the corpus transaction (staged,
/// journaled, renamed into `corrections/NNNN`, audited with `audit` and the files'
/// hashes). Under the lock; `record.n` must be the next number. Returns the new
/// directory and the audit entry.
pub fn write_correction(
    lock: &CorpusLock,
    root: &Path,
    opts: &LoadOptions,
    id: &RegistryId,
    record: &CorrectionRecord,
    files: &CorrectionFiles,
    audit: AuditDraft,
) -> Result<(PathBuf, AuditEntry), CorpusError> {
    let dir = act_dir(root, id);
    let mut errors = Vec::new();
    let next = read_corrections(&dir, opts, id, &mut errors).len() + 1;
    if let Some(e) = errors.into_iter().next() {
        return Err(e);
    }
    let target_dir = dir.join(CORRECTIONS_DIR).join(dir_name(record.n));
    if usize::try_from(record.n).ok() != Some(next) {
        return Err(CorpusError::at(
            &target_dir,
            None,
            ErrorKind::CorrectionGap {
                expected: u32::try_from(next).unwrap_or(u32::MAX),
            },
        )
        .act(id));
    }
    let mut record_bytes = serde_json::to_vec_pretty(record).unwrap_or_default();
    record_bytes.push(b'\n');
    let mut list: Vec<(&str, &[u8])> = vec![(RECORD_FILE, &record_bytes), ("text.kk.md", &files.text_kk)];
    if let Some(ops) = &files.ops_json {
        list.push(("ops.json", ops));
    }
    if let Some(eif) = &files.entry_into_force_json {
        list.push(("entry_into_force.json", eif));
    }
    let target = format!(
        "acts/{}/{}/{CORRECTIONS_DIR}/{}",
        &id.as_str()[..3],
        id.as_str(),
        dir_name(record.n)
    );
    let entry = transaction::commit(lock, root, &target, &list, audit)?;
    Ok((target_dir, entry))
}

//! The one way a new directory enters the corpus (a published act, a correction
//! record): staged, journaled, renamed into place, audited; and the recovery that
//! completes or rolls back a transaction a crash interrupted.
//!
//! Steps, all under the corpus lock:
//!
//! 1. the files are written into `ROOT/.staging/<name>.<pid>/` and each is fsynced,
//!    then the staging directory;
//! 2. the journal `ROOT/.publishing.json` (the target, the staged directory, every
//!    file's SHA-256, the audit entry to append) is written atomically and durably;
//! 3. the staged directory is renamed to its target (`acts/<shard>/<id>` or
//!    `acts/<shard>/<id>/corrections/NNNN`) and the target's parent is fsynced;
//! 4. the audit entry is appended and fsynced;
//! 5. the journal is removed and the root fsynced.
//!
//! A directory rename is atomic, so after a crash the target is either absent or
//! whole. [`recover`] reads the journal: a target in place with the journal's hashes
//! is completed (its audit entry appended if it is not the log's last), an absent one
//! rolled back (the staged files removed); then the journal goes. Staging directories
//! no journal names are removed too. So the files and their audit entry are all there,
//! or none is. `.`-prefixed names are not the corpus: the loader and the generation
//! never see the staging area or the journal.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::audit_log;
use super::error::{CorpusError, ErrorKind};
use super::lock::CorpusLock;
use super::read::{self, LoadOptions};
use super::write::{atomic_write, sync_dir};
use crate::audit::{AuditDraft, AuditEntry, FileHash};
use crate::digest::sha256_hex;

/// The staging area's name in the corpus root.
pub const STAGING_DIR: &str = ".staging";

/// The journal's name in the corpus root.
pub const JOURNAL_FILE: &str = ".publishing.json";

/// The journal of a transaction in progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Journal {
    /// The target directory, relative to the corpus root (`acts/V25/V2599999001`).
    pub target: String,
    /// The staged directory, relative to the corpus root.
    pub staged: String,
    /// Every file of the target (paths relative to the corpus root) and its hash.
    pub files: Vec<FileHash>,
    /// The audit entry the transaction appends.
    pub audit: AuditDraft,
}

/// What [`recover`] found and did.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, schemars::JsonSchema)]
pub struct Recovery {
    /// A transaction found in place and completed: its target.
    pub completed: Option<String>,
    /// Whether completing it appended its audit entry (a crash came before the append).
    pub appended_audit: bool,
    /// A transaction rolled back: its target, which is absent.
    pub rolled_back: Option<String>,
    /// Staging directories removed.
    pub removed_staging: usize,
}

impl Recovery {
    /// True when there was nothing to recover.
    pub fn is_clean(&self) -> bool {
        self == &Recovery::default()
    }
}

/// Pauses between the steps when `NUSQA_CRASH_TEST_DELAY_MS` is set, in debug builds
/// only, so that crash tests can kill a writer in the middle of a transaction.
fn step_pause() {
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var("NUSQA_CRASH_TEST_DELAY_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> CorpusError + '_ {
    move |e| CorpusError::at(path, None, ErrorKind::Io(e))
}

/// Runs the transaction that puts `files` (name, bytes) into the new directory
/// `target` (relative to `root`, which must not exist) and appends `audit` with the
/// files' hashes. Under the lock; call [`recover`] first. Returns the audit entry.
pub fn commit(
    lock: &CorpusLock,
    root: &Path,
    target: &str,
    files: &[(&str, &[u8])],
    audit: AuditDraft,
) -> Result<AuditEntry, CorpusError> {
    let target_path = root.join(target);
    if fs::symlink_metadata(&target_path).is_ok() {
        return Err(CorpusError::at(&target_path, None, ErrorKind::TargetExists));
    }
    let name = target.rsplit('/').next().unwrap_or("entry");
    let staged_rel = format!("{STAGING_DIR}/{name}.{}", std::process::id());
    let staged = root.join(&staged_rel);
    if fs::symlink_metadata(&staged).is_ok() {
        fs::remove_dir_all(&staged).map_err(io(&staged))?;
    }
    fs::create_dir_all(&staged).map_err(io(&staged))?;
    let mut hashes = Vec::with_capacity(files.len());
    for (file, bytes) in files {
        let path = staged.join(file);
        write_synced(&path, bytes)?;
        hashes.push(FileHash {
            path: format!("{target}/{file}"),
            sha256: sha256_hex(bytes),
        });
        step_pause();
    }
    sync_dir(&staged).map_err(io(&staged))?;
    let audit = audit.with_files(hashes.clone());
    let journal = Journal {
        target: target.to_string(),
        staged: staged_rel,
        files: hashes,
        audit: audit.clone(),
    };
    let journal_path = root.join(JOURNAL_FILE);
    let journal_bytes = serde_json::to_vec_pretty(&journal).unwrap_or_default();
    atomic_write(&journal_path, &journal_bytes)?;
    step_pause();
    let parent = target_path.parent().unwrap_or(root);
    ensure_dir(root, parent)?;
    fs::rename(&staged, &target_path).map_err(io(&target_path))?;
    sync_dir(parent).map_err(io(parent))?;
    step_pause();
    let entry = audit_log::append(lock, root, audit)?;
    step_pause();
    fs::remove_file(&journal_path).map_err(io(&journal_path))?;
    sync_dir(root).map_err(io(root))?;
    Ok(entry)
}

/// Creates `dir` and its missing parents below `root`, fsyncing each new one's parent.
fn ensure_dir(root: &Path, dir: &Path) -> Result<(), CorpusError> {
    if dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent()
        && parent != root
        && parent.starts_with(root)
    {
        ensure_dir(root, parent)?;
    }
    fs::create_dir(dir).map_err(io(dir))?;
    let parent = dir.parent().unwrap_or(root);
    sync_dir(parent).map_err(io(parent))
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), CorpusError> {
    use std::io::Write;
    let written = (|| {
        let mut f = fs::File::create(path)?;
        f.write_all(bytes)?;
        f.sync_all()
    })();
    written.map_err(io(path))
}

/// Completes or rolls back the transaction a crash interrupted, and removes stale
/// staging directories. Under the lock: no other transaction is in progress, so
/// anything staged is stale. Cheap when there is nothing to do.
pub fn recover(lock: &CorpusLock, root: &Path, opts: &LoadOptions) -> Result<Recovery, CorpusError> {
    let mut out = Recovery::default();
    let journal_path = root.join(JOURNAL_FILE);
    if let Some(bytes) = read::read_optional(&journal_path, opts)? {
        let journal: Journal = serde_json::from_slice(&bytes)
            .map_err(|e| CorpusError::at(&journal_path, Some(e.line()), ErrorKind::Json(e.to_string())))?;
        let target = root.join(&journal.target);
        if fs::symlink_metadata(&target).is_ok() {
            for f in &journal.files {
                let path = root.join(&f.path);
                let found = read::read_optional(&path, opts)?.map(|b| sha256_hex(&b));
                if found.as_deref() != Some(f.sha256.as_str()) {
                    return Err(CorpusError::at(
                        &path,
                        None,
                        ErrorKind::RecoveryConflict {
                            journal: journal_path.clone(),
                        },
                    ));
                }
            }
            let recorded = audit_log::last(root)?.is_some_and(|e| e.records(&journal.audit));
            if !recorded {
                audit_log::append(lock, root, journal.audit.clone())?;
                out.appended_audit = true;
            }
            out.completed = Some(journal.target.clone());
        } else {
            out.rolled_back = Some(journal.target.clone());
        }
        fs::remove_file(&journal_path).map_err(io(&journal_path))?;
        sync_dir(root).map_err(io(root))?;
    }
    out.removed_staging = remove_staging(root)?;
    Ok(out)
}

/// True when a journal or a staging area is present: [`recover`] has work to do.
pub fn needs_recovery(root: &Path) -> bool {
    fs::symlink_metadata(root.join(JOURNAL_FILE)).is_ok() || fs::symlink_metadata(root.join(STAGING_DIR)).is_ok()
}

/// Removes every staged directory and the staging area itself.
fn remove_staging(root: &Path) -> Result<usize, CorpusError> {
    let dir: PathBuf = root.join(STAGING_DIR);
    let entries = match fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(io(&dir)(e)),
    };
    let mut removed = 0;
    for entry in entries {
        let path = entry.map_err(io(&dir))?.path();
        let meta = fs::symlink_metadata(&path).map_err(io(&path))?;
        if meta.is_dir() {
            fs::remove_dir_all(&path).map_err(io(&path))?;
        } else {
            fs::remove_file(&path).map_err(io(&path))?;
        }
        removed += 1;
    }
    fs::remove_dir(&dir).map_err(io(&dir))?;
    sync_dir(root).map_err(io(root))?;
    Ok(removed)
}

/// Runs [`recover`] when there is something to recover, taking the lock for it; for
/// readers (`check`, `serve`) at start. Returns what was done.
pub fn recover_if_needed(root: &Path, opts: &LoadOptions) -> Result<Recovery, CorpusError> {
    if !needs_recovery(root) {
        return Ok(Recovery::default());
    }
    let lock = CorpusLock::acquire(root)?;
    recover(&lock, root, opts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::Action;

    fn draft() -> AuditDraft {
        AuditDraft::new("t", Action::Publish, "V2599999001", b"p")
    }

    #[test]
    fn a_commit_puts_the_files_in_place_and_audits_them() {
        let root = tempfile::tempdir().unwrap();
        let lock = CorpusLock::acquire(root.path()).unwrap();
        let e = commit(&lock, root.path(), "acts/V25/V2599999001", &[("a.txt", b"A")], draft()).unwrap();
        assert_eq!(fs::read(root.path().join("acts/V25/V2599999001/a.txt")).unwrap(), b"A");
        assert_eq!(e.files, vec![FileHash::of("acts/V25/V2599999001/a.txt", b"A")]);
        assert!(!root.path().join(JOURNAL_FILE).exists());
        let again = commit(&lock, root.path(), "acts/V25/V2599999001", &[("a.txt", b"A")], draft()).unwrap_err();
        assert!(matches!(*again.kind, ErrorKind::TargetExists), "{again}");
        let opts = LoadOptions::default();
        assert!(recover(&lock, root.path(), &opts).unwrap().removed_staging <= 1);
        assert!(recover(&lock, root.path(), &opts).unwrap().is_clean());
    }

    #[test]
    fn recovery_completes_a_renamed_target_and_rolls_back_a_staged_one() {
        let root = tempfile::tempdir().unwrap();
        let lock = CorpusLock::acquire(root.path()).unwrap();
        let opts = LoadOptions::default();
        // Crashed after the rename, before the audit append.
        let target = root.path().join("acts/V25/V2599999001");
        fs::create_dir_all(&target).unwrap();
        fs::write(target.join("a.txt"), b"A").unwrap();
        let files = vec![FileHash::of("acts/V25/V2599999001/a.txt", b"A")];
        let journal = Journal {
            target: "acts/V25/V2599999001".into(),
            staged: ".staging/V2599999001.1".into(),
            files: files.clone(),
            audit: draft().with_files(files),
        };
        fs::write(root.path().join(JOURNAL_FILE), serde_json::to_vec(&journal).unwrap()).unwrap();
        let r = recover(&lock, root.path(), &opts).unwrap();
        assert_eq!(r.completed.as_deref(), Some("acts/V25/V2599999001"));
        assert!(r.appended_audit);
        assert_eq!(audit_log::entries(root.path(), &opts).unwrap().len(), 1);
        // The same journal again (a crash after the append): nothing appended twice.
        fs::write(root.path().join(JOURNAL_FILE), serde_json::to_vec(&journal).unwrap()).unwrap();
        let r = recover(&lock, root.path(), &opts).unwrap();
        assert!(!r.appended_audit);
        assert_eq!(audit_log::entries(root.path(), &opts).unwrap().len(), 1);
        // Crashed before the rename.
        let journal = Journal {
            target: "acts/V25/V2599999002".into(),
            staged: ".staging/V2599999002.1".into(),
            ..journal
        };
        fs::create_dir_all(root.path().join(&journal.staged)).unwrap();
        fs::write(root.path().join(JOURNAL_FILE), serde_json::to_vec(&journal).unwrap()).unwrap();
        let r = recover(&lock, root.path(), &opts).unwrap();
        assert_eq!(r.rolled_back.as_deref(), Some("acts/V25/V2599999002"));
        assert_eq!(r.removed_staging, 1);
        assert!(!needs_recovery(root.path()));
        assert!(audit_log::verify(root.path(), &opts).unwrap().is_ok());
    }
}

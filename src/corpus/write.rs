//! Writing the corpus: act directories, atomic file replacement, the event log.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::error::{CorpusError, ErrorKind};
use super::lock::CorpusLock;
use super::read::{self, LoadOptions};
use crate::clause_markdown;
use crate::library::ActEntry;
use crate::model::{Event, RegistryId};

/// The directory of an act: `ROOT/acts/V14/V1400010273`.
pub fn act_dir(root: &Path, id: &RegistryId) -> PathBuf {
    root.join("acts").join(&id.as_str()[..3]).join(id.as_str())
}

/// The temporary name [`atomic_write`] writes `path` under before renaming it:
/// `.NAME.tmpPID` in the same directory. The leading `.` keeps it out of the corpus:
/// the loader and the generation skip `.`-prefixed entries.
pub fn temp_path(path: &Path) -> PathBuf {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.join(format!(".{name}.tmp{}", std::process::id()))
}

/// True for a name [`temp_path`] makes: `.`, a name, `.tmp`, digits.
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with('.')
        && name
            .rsplit_once(".tmp")
            .is_some_and(|(head, pid)| head.len() > 1 && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
}

/// Removes the temporary files that interrupted writes left in `dir` (see
/// [`temp_path`]). Only a writer holding the lock may call it: no other write can be
/// in progress then, so every temporary file is stale. Returns how many were removed.
pub fn remove_stale_temp_files(_lock: &CorpusLock, dir: &Path) -> Result<usize, CorpusError> {
    let io = |p: &Path, e: std::io::Error| CorpusError::at(p, None, ErrorKind::Io(e));
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(io(dir, e)),
    };
    let mut removed = 0;
    for entry in entries {
        let entry = entry.map_err(|e| io(dir, e))?;
        let is_file = entry.file_type().is_ok_and(|t| t.is_file() || t.is_symlink());
        if is_file && is_temp_name(&entry.file_name().to_string_lossy()) {
            let path = entry.path();
            fs::remove_file(&path).map_err(|e| io(&path, e))?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Writes `contents` to `path` atomically and durably: a temporary file in the same
/// directory ([`temp_path`]) is written and flushed to disk, renamed over `path`, and
/// the directory is flushed too, so that the rename itself survives a crash. A crash
/// leaves either the old file or the new one, never half of one (and at worst a stale
/// temporary file, which the next writer removes).
pub fn atomic_write(path: &Path, contents: &[u8]) -> Result<(), CorpusError> {
    let io = |e: std::io::Error| CorpusError::at(path, None, ErrorKind::Io(e));
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(io)?;
    let tmp = temp_path(path);
    let written = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(io(e));
    }
    sync_dir(dir).map_err(|e| CorpusError::at(dir, None, ErrorKind::Io(e)))
}

/// Flushes a directory's entries to disk (after a rename into it).
pub(crate) fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        // Directories cannot be opened as files here; the rename is as durable as
        // the platform makes it.
        let _ = dir;
        Ok(())
    }
}

/// Pretty JSON with a final newline: how the corpus stores its JSON files.
pub fn json<T: Serialize>(value: &T) -> Vec<u8> {
    // Serialising our own types to a string cannot fail.
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s.into_bytes()
}

/// Copies the corpus tree `from` to `to` (which is created), leaving out the paths in
/// `skip` and `.`-prefixed entries (locks, temporary files); for benchmarks and tools
/// that work on a scratch copy. Symbolic links and special files are refused.
pub fn copy_tree(from: &Path, to: &Path, skip: &[&Path]) -> Result<(), CorpusError> {
    copy_tree_where(from, to, &|p| !skip.contains(&p))
}

/// [`copy_tree`] of the entries for which `keep` (given each entry's path under
/// `from`) is true; a directory not kept is left out whole.
pub fn copy_tree_where(from: &Path, to: &Path, keep: &dyn Fn(&Path) -> bool) -> Result<(), CorpusError> {
    let io = |p: &Path, e: std::io::Error| CorpusError::at(p, None, ErrorKind::Io(e));
    fs::create_dir_all(to).map_err(|e| io(to, e))?;
    for entry in fs::read_dir(from).map_err(|e| io(from, e))? {
        let entry = entry.map_err(|e| io(from, e))?;
        let path = entry.path();
        if super::load::is_hidden(&entry.file_name()) || !keep(&path) {
            continue;
        }
        let target = to.join(entry.file_name());
        let ft = entry.file_type().map_err(|e| io(&path, e))?;
        if ft.is_dir() {
            copy_tree_where(&path, &target, keep)?;
        } else if ft.is_file() {
            fs::copy(&path, &target).map_err(|e| io(&path, e))?;
        } else {
            return Err(CorpusError::at(
                &path,
                None,
                ErrorKind::NotRegularFile {
                    what: "not a regular file",
                },
            ));
        }
    }
    Ok(())
}

/// Writes an act's files (metadata, Kazakh text, operations when it makes any), under
/// the corpus lock.
pub fn write_act(_lock: &CorpusLock, root: &Path, entry: &ActEntry) -> Result<(), CorpusError> {
    let dir = act_dir(root, &entry.act.id);
    atomic_write(&dir.join("act.json"), &json(&entry.act))?;
    atomic_write(&dir.join("text.kk.md"), clause_markdown::write(&entry.base).as_bytes())?;
    if !entry.ops.is_empty() {
        atomic_write(&dir.join("ops.json"), &json(&entry.ops))?;
    }
    Ok(())
}

/// Writes an act's files plainly, without the flushes of [`write_act`]: for a scratch
/// corpus that is written whole and whose interruption loses nothing (`nusqa synth`,
/// which writes under a hidden directory and renames it into place at the end).
pub fn write_act_scratch(_lock: &CorpusLock, root: &Path, entry: &ActEntry) -> Result<(), CorpusError> {
    let dir = act_dir(root, &entry.act.id);
    let io = |p: &Path, e: std::io::Error| CorpusError::at(p, None, ErrorKind::Io(e));
    fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
    let mut files: Vec<(&str, Vec<u8>)> = vec![
        ("act.json", json(&entry.act)),
        ("text.kk.md", clause_markdown::write(&entry.base).into_bytes()),
    ];
    if !entry.ops.is_empty() {
        files.push(("ops.json", json(&entry.ops)));
    }
    for (name, bytes) in files {
        let path = dir.join(name);
        fs::write(&path, bytes).map_err(|e| io(&path, e))?;
    }
    Ok(())
}

/// One entry of an act's event log (`events.json`, a JSON array of these). The event's
/// fields are inline: `kind`, `date`, optional `note`; for a correction `corrects` (the
/// superseded date) and `reason`; optional `author`. Logs written before corrections
/// existed load unchanged (the new fields default to absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LoggedEvent {
    /// The event.
    #[serde(flatten)]
    pub event: Event,
    /// When it was recorded (UTC, RFC 3339).
    pub recorded: String,
}

/// Appends an event to the act's `events.json` log, atomically, under the corpus lock
/// (taken before the corpus was read). Stale temporary files of the act's directory
/// are removed first. The log is read with the loader's rules (`opts`).
pub fn append_event(
    lock: &CorpusLock,
    root: &Path,
    opts: &LoadOptions,
    id: &RegistryId,
    event: Event,
) -> Result<PathBuf, CorpusError> {
    let dir = act_dir(root, id);
    remove_stale_temp_files(lock, &dir)?;
    let path = dir.join("events.json");
    let mut log: Vec<LoggedEvent> = match read::read_optional(&path, opts)? {
        Some(bytes) => serde_json::from_slice(&bytes)
            .map_err(|e| CorpusError::at(&path, Some(e.line()), ErrorKind::Json(e.to_string())))?,
        None => Vec::new(),
    };
    log.push(LoggedEvent {
        event: Event { origin: None, ..event },
        recorded: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    });
    atomic_write(&path, &json(&log))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_are_recognised_and_nothing_else() {
        let t = temp_path(Path::new("/c/acts/V25/V2500037008/events.json"));
        let name = t.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with(".events.json.tmp"), "{name}");
        assert!(is_temp_name(&name));
        for other in [
            "events.json",
            ".tmp12",
            ".events.json.tmp",
            ".events.json.tmpx1",
            "a.tmp12",
            ".lock",
        ] {
            assert!(!is_temp_name(other), "{other}");
        }
    }

    #[test]
    fn stale_temp_files_are_removed_under_the_lock_and_nothing_else() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("acts/V25/V2500037008");
        fs::create_dir_all(&dir).unwrap();
        for n in [".events.json.tmp123", ".act.json.tmp9", "events.json", ".keep"] {
            fs::write(dir.join(n), "x").unwrap();
        }
        let lock = CorpusLock::acquire(root.path()).unwrap();
        assert_eq!(remove_stale_temp_files(&lock, &dir).unwrap(), 2);
        let mut left: Vec<String> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, [".keep", "events.json"]);
    }
}

/// What [`freeze_operations`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frozen {
    /// The operations (and the entry-into-force clause, when given and new) were written.
    Written {
        /// The ops.json written.
        path: PathBuf,
        /// How many operations.
        operations: usize,
    },
    /// The act's ops.json already holds exactly these operations; nothing was written.
    AlreadyFrozen {
        /// The ops.json.
        path: PathBuf,
    },
}

/// Freezes an amending act's parsed operations into its directory: `ops.json`, and its
/// entry-into-force clause as `entry_into_force.json` when act.json states none. Written
/// once: act.json is never rewritten, and frozen operations that differ from `ops` are an
/// error ([`ErrorKind::FrozenDiffers`]), never overwritten. Under the corpus lock.
pub fn freeze_operations(
    lock: &CorpusLock,
    root: &Path,
    act: &crate::model::Act,
    ops: &[crate::amend::Operation],
    entry_into_force: Option<&crate::dates::EntryIntoForce>,
    opts: &super::LoadOptions,
) -> Result<Frozen, CorpusError> {
    let dir = act_dir(root, &act.id);
    remove_stale_temp_files(lock, &dir)?;
    let ops_path = dir.join("ops.json");
    if let Some(text) = super::read::read_text_optional(&ops_path, opts)? {
        let frozen: Vec<crate::amend::Operation> = serde_json::from_str(&text)
            .map_err(|e| CorpusError::at(&ops_path, Some(e.line()), ErrorKind::Json(e.to_string())))?;
        return if frozen == ops {
            Ok(Frozen::AlreadyFrozen { path: ops_path })
        } else {
            Err(CorpusError::at(&ops_path, None, ErrorKind::FrozenDiffers).act(&act.id))
        };
    }
    let eif_path = dir.join("entry_into_force.json");
    if let (None, Some(eif)) = (&act.entry_into_force, entry_into_force)
        && super::read::read_optional(&eif_path, opts)?.is_none()
    {
        atomic_write(&eif_path, &json(eif))?;
    }
    atomic_write(&ops_path, &json(&ops))?;
    Ok(Frozen::Written {
        path: ops_path,
        operations: ops.len(),
    })
}

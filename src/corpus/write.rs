//! Writing the corpus: act directories, atomic file replacement, the event log.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::error::{CorpusError, ErrorKind};
use super::format;
use crate::library::ActEntry;
use crate::model::{Event, RegistryId};

/// The directory of an act: `ROOT/acts/V14/V1400010273`.
pub fn act_dir(root: &Path, id: &RegistryId) -> PathBuf {
    root.join("acts").join(&id.as_str()[..3]).join(id.as_str())
}

/// Writes `contents` to `path` atomically: a temporary file in the same directory is
/// written, flushed to disk and renamed over `path`, so a crash leaves either the old
/// file or the new one, never half of one.
pub fn atomic_write(path: &Path, contents: &[u8]) -> Result<(), CorpusError> {
    let io = |e: std::io::Error| CorpusError::at(path, None, ErrorKind::Io(e));
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(io)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp{}", std::process::id()));
    let mut f = fs::File::create(&tmp).map_err(io)?;
    f.write_all(contents).map_err(io)?;
    f.sync_all().map_err(io)?;
    drop(f);
    fs::rename(&tmp, path).map_err(io)?;
    Ok(())
}

fn json<T: Serialize>(value: &T) -> Vec<u8> {
    // Serialising our own types to a string cannot fail.
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s.into_bytes()
}

/// Writes an act's files (metadata, Kazakh text, operations when it makes any).
pub fn write_act(root: &Path, entry: &ActEntry) -> Result<(), CorpusError> {
    let dir = act_dir(root, &entry.act.id);
    atomic_write(&dir.join("act.json"), &json(&entry.act))?;
    atomic_write(&dir.join("text.kk.md"), format::write(&entry.base).as_bytes())?;
    if !entry.ops.is_empty() {
        atomic_write(&dir.join("ops.json"), &json(&entry.ops))?;
    }
    Ok(())
}

/// One entry of an act's event log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoggedEvent {
    /// The event.
    #[serde(flatten)]
    pub event: Event,
    /// When it was recorded (UTC, RFC 3339).
    pub recorded: String,
}

/// Appends an event to the act's `events.json` log, atomically.
pub fn append_event(root: &Path, id: &RegistryId, event: Event) -> Result<PathBuf, CorpusError> {
    let path = act_dir(root, id).join("events.json");
    let mut log: Vec<LoggedEvent> = match fs::read_to_string(&path) {
        Ok(text) => serde_json::from_str(&text)
            .map_err(|e| CorpusError::at(&path, Some(e.line()), ErrorKind::Json(e.to_string())))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(CorpusError::at(&path, None, ErrorKind::Io(e))),
    };
    log.push(LoggedEvent {
        event,
        recorded: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    });
    atomic_write(&path, &json(&log))?;
    Ok(path)
}

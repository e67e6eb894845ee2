//! `corpus/audit.jsonl`: appending entries under the corpus lock, reading them, and
//! verifying the chain and the files it references (the chain's rules are in
//! [`crate::audit`]).
//!
//! The log lives at the corpus root, beside `acts/`: it is part of the registry's
//! record (committed with the corpus) but not of the corpus generation, which hashes
//! `acts/` only: no view and no index depends on it, so an entry that only records a
//! token's creation does not make the search index stale.
//!
//! An append is one `write` of the line and its newline to the file opened for
//! appending, then `fsync`. A writer that crashes mid-append leaves a torn last line
//! (no newline); the next writer, holding the lock, cuts it off before appending
//! (only lines ending in a newline were ever committed).

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Component, Path, PathBuf};

use super::error::{CorpusError, ErrorKind};
use super::lock::CorpusLock;
use super::read::{self, LoadOptions};
use crate::audit::{self, AuditDraft, AuditEntry, Broken, ChainSummary, FileHash, GENESIS};
use crate::digest::sha256_hex;

/// The log's file name in the corpus root.
pub const AUDIT_FILE: &str = "audit.jsonl";

/// The log of the corpus at `root`.
pub fn audit_path(root: &Path) -> PathBuf {
    root.join(AUDIT_FILE)
}

fn io_at(path: &Path) -> impl Fn(std::io::Error) -> CorpusError + '_ {
    move |e| CorpusError::at(path, None, ErrorKind::Io(e))
}

fn open_log(path: &Path, create: bool) -> std::io::Result<File> {
    let mut o = OpenOptions::new();
    o.read(true).append(true).create(create);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NOFOLLOW);
    }
    o.open(path)
}

/// The last complete line of `file` (of length `len`) and where it ends (after its
/// newline), reading only the tail; `None` when the file has no complete line.
fn tail(file: &mut File, len: u64) -> std::io::Result<(Vec<u8>, u64)> {
    let mut window: u64 = 64 * 1024;
    loop {
        let start = len.saturating_sub(window);
        file.seek(SeekFrom::Start(start))?;
        let mut buf = Vec::new();
        Read::by_ref(file).take(len - start).read_to_end(&mut buf)?;
        let Some(end) = buf.iter().rposition(|b| *b == b'\n') else {
            if start == 0 {
                return Ok((Vec::new(), 0));
            }
            window = window.saturating_mul(4);
            continue;
        };
        match buf[..end].iter().rposition(|b| *b == b'\n') {
            Some(p) => return Ok((buf[p + 1..=end].to_vec(), start + end as u64 + 1)),
            None if start == 0 => return Ok((buf[..=end].to_vec(), end as u64 + 1)),
            None => window = window.saturating_mul(4),
        }
    }
}

/// Appends an entry recording `draft` to the log, under the corpus lock, and flushes
/// it to disk. A torn last line left by a crashed writer is cut off first. Returns the
/// entry as written.
pub fn append(_lock: &CorpusLock, root: &Path, draft: AuditDraft) -> Result<AuditEntry, CorpusError> {
    let path = audit_path(root);
    let io = io_at(&path);
    let existed = fs::symlink_metadata(&path).is_ok();
    let mut file = open_log(&path, true).map_err(&io)?;
    let meta = file.metadata().map_err(&io)?;
    if !meta.file_type().is_file() {
        return Err(CorpusError::at(
            &path,
            None,
            ErrorKind::NotRegularFile {
                what: read::describe(&meta),
            },
        ));
    }
    let (last_line, committed) = tail(&mut file, meta.len()).map_err(&io)?;
    if committed < meta.len() {
        // A torn line: an append cut short by a crash, never committed.
        file.set_len(committed).map_err(&io)?;
    }
    let (seq, prev) = match audit::chain::last_entry(&last_line) {
        Ok(Some((entry, hash))) => (entry.seq + 1, hash),
        Ok(None) => (1, GENESIS.to_string()),
        Err(e) => {
            return Err(CorpusError::at(&path, None, ErrorKind::AuditTail(e)));
        }
    };
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let entry = AuditEntry::seal(draft, seq, at, prev);
    let mut line = entry.to_line().into_bytes();
    line.push(b'\n');
    file.write_all(&line).map_err(&io)?;
    file.sync_data().map_err(&io)?;
    if !existed {
        super::write::sync_dir(root).map_err(io_at(root))?;
    }
    Ok(entry)
}

/// The last complete entry of the log, or `None` when there is none (no log, or an
/// empty one).
pub fn last(root: &Path) -> Result<Option<AuditEntry>, CorpusError> {
    let path = audit_path(root);
    let io = io_at(&path);
    let mut file = match open_log(&path, false) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io(e)),
    };
    let len = file.metadata().map_err(&io)?.len();
    let (line, _) = tail(&mut file, len).map_err(&io)?;
    audit::chain::last_entry(&line)
        .map(|o| o.map(|(e, _)| e))
        .map_err(|e| CorpusError::at(&path, None, ErrorKind::AuditTail(e)))
}

/// Every entry of the log, in order (an empty list when there is no log). A line that
/// is not an entry is an error naming it; use [`verify`] to check the chain.
pub fn entries(root: &Path, opts: &LoadOptions) -> Result<Vec<AuditEntry>, CorpusError> {
    let path = audit_path(root);
    let Some(bytes) = read::read_optional(&path, opts)? else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (i, raw) in bytes.split(|b| *b == b'\n').enumerate() {
        if raw.is_empty() {
            continue;
        }
        let e: AuditEntry = serde_json::from_slice(raw)
            .map_err(|e| CorpusError::at(&path, Some(i + 1), ErrorKind::Json(e.to_string())))?;
        out.push(e);
    }
    Ok(out)
}

/// Verifies the log of the corpus at `root`: the chain ([`audit::verify_lines`]) and
/// every file an entry references, read with the loader's rules and compared with its
/// recorded hash. `Ok(Err(broken))` names the first broken entry; an error reading
/// the log itself is `Err`. No log is an empty, whole chain.
pub fn verify(root: &Path, opts: &LoadOptions) -> Result<Result<ChainSummary, Broken>, CorpusError> {
    let path = audit_path(root);
    let bytes = read::read_optional(&path, opts)?.unwrap_or_default();
    Ok(audit::verify_lines(&bytes, |f| check_file(root, opts, f)))
}

/// Whether `f` is as recorded, and what is wrong if not.
fn check_file(root: &Path, opts: &LoadOptions, f: &FileHash) -> Result<(), String> {
    let rel = Path::new(&f.path);
    if f.path.is_empty() || !rel.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err("the path is not a plain path inside the corpus".to_string());
    }
    match read::read_optional(&root.join(rel), opts) {
        Ok(Some(bytes)) => {
            let found = sha256_hex(&bytes);
            if found == f.sha256 {
                Ok(())
            } else {
                Err(format!("content changed (recorded sha256 {}, now {found})", f.sha256))
            }
        }
        Ok(None) => Err("missing".to_string()),
        Err(e) => Err(e.kind.to_string()),
    }
}

/// `path` (a file under `root`) as an audit path: relative to `root`, with `/`.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::Action;

    #[test]
    fn appends_chain_and_a_torn_tail_is_cut_off() {
        let root = tempfile::tempdir().unwrap();
        let lock = CorpusLock::acquire(root.path()).unwrap();
        fs::create_dir_all(root.path().join("acts")).unwrap();
        fs::write(root.path().join("acts/f"), b"content").unwrap();
        let d = |s: &str| AuditDraft::new("t", Action::Event, s, b"p");
        let e1 = append(
            &lock,
            root.path(),
            d("a").with_files(vec![FileHash::of("acts/f", b"content")]),
        )
        .unwrap();
        assert_eq!((e1.seq, e1.prev.as_str()), (1, GENESIS));
        let e2 = append(&lock, root.path(), d("b")).unwrap();
        assert_eq!(e2.seq, 2);
        assert_eq!(last(root.path()).unwrap().unwrap(), e2);
        // A crash mid-append.
        let mut f = OpenOptions::new().append(true).open(audit_path(root.path())).unwrap();
        f.write_all(br#"{"seq":3,"at":"#).unwrap();
        let opts = LoadOptions::default();
        assert!(verify(root.path(), &opts).unwrap().is_err());
        let e3 = append(&lock, root.path(), d("c")).unwrap();
        assert_eq!(e3.seq, 3);
        let s = verify(root.path(), &opts).unwrap().unwrap();
        assert_eq!((s.entries, s.files), (3, 1));
        assert_eq!(entries(root.path(), &opts).unwrap().len(), 3);
        fs::write(root.path().join("acts/f"), b"contenT").unwrap();
        let broken = verify(root.path(), &opts).unwrap().unwrap_err();
        assert_eq!(broken.line, 1);
        assert!(broken.to_string().contains("acts/f: content changed"), "{broken}");
    }

    #[test]
    fn the_tail_is_found_past_the_first_window() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("log");
        let long = "x".repeat(200_000);
        fs::write(&p, format!("a\n{long}\n")).unwrap();
        let mut f = File::open(&p).unwrap();
        let len = f.metadata().unwrap().len();
        let (line, end) = tail(&mut f, len).unwrap();
        assert_eq!(line.len(), long.len() + 1);
        assert_eq!(end, len);
    }
}

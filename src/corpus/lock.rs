//! One writer at a time: an exclusive lock on the corpus.
//!
//! A writer (`nusqa event`, `nusqa amendments parse --write`, later the publishing
//! workflow) takes the lock **before** it reads the corpus and keeps it until its
//! write is on disk, so that read, validate and write are one step: two writers can no
//! longer both read the same log, each append a record, and lose one of them.
//!
//! The lock is an OS file lock (`File::lock`, `flock` on Unix) on `ROOT/.lock`, a file
//! that holds nothing and is not part of the corpus (it is git-ignored, and outside
//! `acts/`, so neither the loader nor the generation sees it). The OS releases the lock
//! when the holder exits, even when it crashes: a stale lock file never blocks anyone.
//! [`CorpusLock::acquire`] waits for the lock, up to [`DEFAULT_LOCK_TIMEOUT`], because
//! concurrent CLI writers are expected to queue rather than fail; after that it fails
//! with [`ErrorKind::Locked`]. Readers do not take the lock: every file is replaced
//! atomically, so a reader sees each file either old or new.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::error::{CorpusError, ErrorKind};

/// How long [`CorpusLock::acquire`] waits for another writer to finish.
pub const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(30);

/// The name of the lock file in the corpus root.
pub const LOCK_FILE: &str = ".lock";

/// The exclusive write lock on a corpus, held until dropped.
#[derive(Debug)]
pub struct CorpusLock {
    file: File,
    path: PathBuf,
}

impl CorpusLock {
    /// Takes the lock on the corpus at `root`, waiting up to [`DEFAULT_LOCK_TIMEOUT`]
    /// for another writer to release it.
    pub fn acquire(root: &Path) -> Result<CorpusLock, CorpusError> {
        CorpusLock::acquire_within(root, DEFAULT_LOCK_TIMEOUT)
    }

    /// Takes the lock, waiting up to `timeout`; a zero timeout tries once. Fails with
    /// [`ErrorKind::Locked`] when another writer still holds it.
    pub fn acquire_within(root: &Path, timeout: Duration) -> Result<CorpusLock, CorpusError> {
        let path = root.join(LOCK_FILE);
        let io = |e: std::io::Error| CorpusError::at(&path, None, ErrorKind::Io(e));
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(libc::O_NOFOLLOW);
        }
        let file = options.open(&path).map_err(io)?;
        let start = Instant::now();
        let mut pause = Duration::from_millis(5);
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(CorpusLock { file, path }),
                Err(TryLockError::WouldBlock) => {
                    let waited = start.elapsed();
                    if waited >= timeout {
                        return Err(CorpusError::at(
                            &path,
                            None,
                            ErrorKind::Locked {
                                waited_ms: u64::try_from(waited.as_millis()).unwrap_or(u64::MAX),
                            },
                        ));
                    }
                    std::thread::sleep(pause.min(timeout - waited));
                    pause = (pause * 2).min(Duration::from_millis(100));
                }
                Err(TryLockError::Error(e)) => return Err(io(e)),
            }
        }
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for CorpusLock {
    fn drop(&mut self) {
        // Closing the file releases the lock too; unlocking first makes it explicit.
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_waits_then_is_told_who_holds_the_lock() {
        let root = tempfile::tempdir().unwrap();
        let held = CorpusLock::acquire(root.path()).unwrap();
        assert_eq!(held.path(), root.path().join(".lock"));
        let e = CorpusLock::acquire_within(root.path(), Duration::from_millis(50)).unwrap_err();
        assert!(matches!(*e.kind, ErrorKind::Locked { .. }), "{e}");
        assert!(e.to_string().contains("another writer holds the corpus lock"), "{e}");
        drop(held);
        let again = CorpusLock::acquire_within(root.path(), Duration::ZERO).unwrap();
        drop(again);
    }
}

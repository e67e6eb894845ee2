//! The state directory on disk: its files, its lock, atomic and durable writes.
//!
//! Files are written as the corpus writes its own (a temporary file, fsync, rename,
//! fsync of the directory) but here, because state is not corpus. On Unix the
//! directory is created `0700` and its files `0600`: they hold hashes of secrets.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::StateError;

/// How long [`StateDir::lock`] waits for another process.
const LOCK_TIMEOUT: Duration = Duration::from_secs(30);

/// The state directory.
#[derive(Debug, Clone)]
pub struct StateDir {
    root: PathBuf,
}

/// The exclusive lock on the state directory (`STATE/.lock`), held until dropped.
#[derive(Debug)]
pub struct StateLock {
    file: File,
}

impl Drop for StateLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> StateError + '_ {
    move |source| StateError::Io {
        path: path.to_path_buf(),
        source,
    }
}

impl StateDir {
    /// The state directory at `root`, created (mode 0700) if missing.
    pub fn open(root: &Path) -> Result<StateDir, StateError> {
        if !root.is_dir() {
            let mut b = fs::DirBuilder::new();
            b.recursive(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::DirBuilderExt;
                b.mode(0o700);
            }
            b.create(root).map_err(io(root))?;
        }
        Ok(StateDir {
            root: root.to_path_buf(),
        })
    }

    /// The directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A file of the directory.
    pub fn path(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }

    /// Takes the state lock, waiting up to 30 s for another process.
    pub fn lock(&self) -> Result<StateLock, StateError> {
        let path = self.path(".lock");
        let mut o = OpenOptions::new();
        o.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            o.custom_flags(libc::O_NOFOLLOW);
        }
        let file = o.open(&path).map_err(io(&path))?;
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(StateLock { file }),
                Err(TryLockError::WouldBlock) if start.elapsed() < LOCK_TIMEOUT => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(StateError::Locked {
                        path,
                        waited_ms: u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX),
                    });
                }
                Err(TryLockError::Error(e)) => return Err(io(&path)(e)),
            }
        }
    }

    /// Reads the JSON file `name`, or the default value when it does not exist.
    pub fn read_json<T: DeserializeOwned + Default>(&self, name: &str) -> Result<T, StateError> {
        let path = self.path(name);
        match fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| StateError::Json {
                path,
                line: e.line(),
                message: e.to_string(),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(T::default()),
            Err(e) => Err(io(&path)(e)),
        }
    }

    /// Writes `value` as the JSON file `name` (which may name a subdirectory,
    /// `drafts/ID.json`, created if missing), atomically and durably, under the lock.
    pub fn write_json<T: Serialize>(&self, _lock: &StateLock, name: &str, value: &T) -> Result<(), StateError> {
        let path = self.path(name);
        let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
        bytes.push(b'\n');
        let dir = path.parent().unwrap_or(&self.root).to_path_buf();
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = dir.join(format!(".{file}.tmp{}", std::process::id()));
        let written = (|| {
            fs::create_dir_all(&dir)?;
            let mut o = OpenOptions::new();
            o.write(true).create(true).truncate(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                o.mode(0o600);
            }
            let mut f = o.open(&tmp)?;
            f.write_all(&bytes)?;
            f.sync_all()?;
            drop(f);
            fs::rename(&tmp, &path)?;
            File::open(&dir)?.sync_all()
        })();
        written.map_err(|e| {
            let _ = fs::remove_file(&tmp);
            io(&path)(e)
        })
    }

    /// The names of the `.json` files in the subdirectory `dir`, without the extension,
    /// sorted; none when it does not exist.
    pub fn list_json(&self, dir: &str) -> Result<Vec<String>, StateError> {
        let path = self.path(dir);
        let entries = match fs::read_dir(&path) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io(&path)(e)),
        };
        let mut names = Vec::new();
        for entry in entries {
            let name = entry.map_err(io(&path))?.file_name().to_string_lossy().into_owned();
            if let Some(stem) = name.strip_suffix(".json").filter(|s| !s.starts_with('.')) {
                names.push(stem.to_string());
            }
        }
        names.sort();
        Ok(names)
    }
}

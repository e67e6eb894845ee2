//! Reading one corpus file: regular files only, never more than a cap.
//!
//! Every corpus file (`act.json`, `text.kk.md`, `ops.json`, `events.json`) is read
//! here, by the loader, the event log and the corpus generation alike:
//!
//! * The entry is examined with `symlink_metadata` before it is opened, so a FIFO, a
//!   socket or a device is never opened (opening a FIFO blocks) and a symbolic link is
//!   never followed. Symbolic links are refused, not followed: the corpus is the source
//!   of truth, and a link can point outside it (to `/dev/zero`, to another corpus).
//! * On Unix the file is opened with `O_NOFOLLOW | O_NONBLOCK`, and the opened file is
//!   checked again, so swapping the file for a link or a FIFO between the check and the
//!   open cannot hang the reader or make it follow the link.
//! * At most `max_file_bytes + 1` bytes are read (`Read::take`), so even a file that
//!   grows while it is read cannot make the reader hold more than the cap.

use std::fs::{self, File, Metadata};
use std::io::{ErrorKind as IoKind, Read};
use std::path::Path;

use super::error::{CorpusError, ErrorKind};

/// The default cap on the size of one corpus file: 64 MiB.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// How corpus files are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadOptions {
    /// The largest file read, in bytes; a larger one is an error naming the file.
    pub max_file_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> LoadOptions {
        LoadOptions {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
        }
    }
}

impl LoadOptions {
    /// Options with a cap of `mib` MiB per file.
    pub fn with_max_file_mib(mib: u64) -> LoadOptions {
        LoadOptions {
            max_file_bytes: mib.saturating_mul(1024 * 1024),
        }
    }
}

/// What a non-regular entry is, in words for an error message.
pub(crate) fn describe(meta: &Metadata) -> &'static str {
    let ft = meta.file_type();
    if ft.is_symlink() {
        return "a symbolic link";
    }
    if ft.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_block_device() || ft.is_char_device() {
            return "a device";
        }
    }
    "something other than a file"
}

fn open_no_follow(path: &Path) -> std::io::Result<File> {
    let mut o = fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    o.open(path)
}

/// Reads a corpus file whole, or `None` when there is no entry at `path`. Anything
/// else than a regular file under the cap is an error naming the file.
pub fn read_optional(path: &Path, opts: &LoadOptions) -> Result<Option<Vec<u8>>, CorpusError> {
    let err = |kind: ErrorKind| CorpusError::at(path, None, kind);
    let meta = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == IoKind::NotFound => return Ok(None),
        Err(e) => return Err(err(ErrorKind::Io(e))),
    };
    if !meta.file_type().is_file() {
        return Err(err(ErrorKind::NotRegularFile { what: describe(&meta) }));
    }
    let too_large = || {
        err(ErrorKind::TooLarge {
            cap: opts.max_file_bytes,
            mib: opts.max_file_bytes / (1024 * 1024),
        })
    };
    if meta.len() > opts.max_file_bytes {
        return Err(too_large());
    }
    let file = open_no_follow(path).map_err(|e| err(ErrorKind::Io(e)))?;
    let opened = file.metadata().map_err(|e| err(ErrorKind::Io(e)))?;
    if !opened.file_type().is_file() {
        return Err(err(ErrorKind::NotRegularFile {
            what: describe(&opened),
        }));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(opened.len().min(opts.max_file_bytes)).unwrap_or(0));
    file.take(opts.max_file_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| err(ErrorKind::Io(e)))?;
    if bytes.len() as u64 > opts.max_file_bytes {
        return Err(too_large());
    }
    Ok(Some(bytes))
}

/// Reads a corpus file that must exist.
pub fn read_file(path: &Path, opts: &LoadOptions) -> Result<Vec<u8>, CorpusError> {
    read_optional(path, opts)?.ok_or_else(|| {
        CorpusError::at(
            path,
            None,
            ErrorKind::Io(std::io::Error::new(IoKind::NotFound, "no such file")),
        )
    })
}

/// Reads a corpus text file that must exist, as UTF-8.
pub fn read_text(path: &Path, opts: &LoadOptions) -> Result<String, CorpusError> {
    text(path, read_file(path, opts)?)
}

/// Reads a corpus text file as UTF-8, or `None` when there is no entry at `path`.
pub fn read_text_optional(path: &Path, opts: &LoadOptions) -> Result<Option<String>, CorpusError> {
    read_optional(path, opts)?.map(|b| text(path, b)).transpose()
}

fn text(path: &Path, bytes: Vec<u8>) -> Result<String, CorpusError> {
    String::from_utf8(bytes).map_err(|e| CorpusError::at(path, None, ErrorKind::NotUtf8(e.utf8_error())))
}

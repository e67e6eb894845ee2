//! The corpus generation: a fingerprint of the corpus's content, so that anything
//! derived from it (the search index) can tell whether it is stale.
//!
//! The generation is a BLAKE3 hash of every file under `acts/` (corrections included;
//! the audit log `audit.jsonl`, beside `acts/`, is not hashed: nothing derived depends
//! on it), in the order of their
//! paths relative to the corpus root: for each file its path, its length and its bytes.
//! It depends on content only: an edit that keeps a file's size and modification time
//! (`rsync -t`, a tar restore, a clock set back) changes it, and touching a file without
//! changing it does not. `.`-prefixed entries (temporary files of writes) are not part
//! of the corpus and are skipped, as the loader skips them. Files are read with the
//! loader's rules ([`super::read`]): regular files only, under the size cap; anything
//! else is an error naming the file.

use std::fs;
use std::path::{Path, PathBuf};

use super::error::{CorpusError, ErrorKind};
use super::load::is_hidden;
use super::read::{self, LoadOptions};

/// Changes whenever the way the generation is computed changes, so that an index built
/// under the old scheme is never taken for a fresh one.
const SCHEME: &[u8] = b"nusqa corpus generation 2 (blake3: path, length, bytes)\0";

/// The generation of the corpus at `root`, as 64 hexadecimal digits.
pub fn generation(root: &Path, opts: &LoadOptions) -> Result<String, CorpusError> {
    let mut files = Vec::new();
    collect(&root.join("acts"), &mut files)?;
    let mut keyed: Vec<(String, PathBuf)> = files
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(root).unwrap_or(&p);
            let key = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            (key, p)
        })
        .collect();
    keyed.sort();
    let mut hasher = blake3::Hasher::new();
    hasher.update(SCHEME);
    for (key, path) in keyed {
        let bytes = read::read_file(&path, opts)?;
        hasher.update(key.as_bytes());
        hasher.update(&[0]);
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(&bytes);
    }
    Ok(hasher.finalize().to_hex().to_string())
}

/// Every file under `dir`, `.`-prefixed entries left out. A symbolic link or another
/// special entry is an error: corpus files are regular files.
fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), CorpusError> {
    let io = |p: &Path, e: std::io::Error| CorpusError::at(p, None, ErrorKind::Io(e));
    for entry in fs::read_dir(dir).map_err(|e| io(dir, e))? {
        let entry = entry.map_err(|e| io(dir, e))?;
        if is_hidden(&entry.file_name()) {
            continue;
        }
        let path = entry.path();
        let ft = entry.file_type().map_err(|e| io(&path, e))?;
        if ft.is_dir() {
            collect(&path, out)?;
        } else if ft.is_file() {
            out.push(path);
        } else {
            let meta = fs::symlink_metadata(&path).map_err(|e| io(&path, e))?;
            return Err(CorpusError::at(
                &path,
                None,
                ErrorKind::NotRegularFile {
                    what: read::describe(&meta),
                },
            ));
        }
    }
    Ok(())
}

//! Loading and validating the corpus, collecting every error with its place.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::value::RawValue;

use super::error::{CorpusError, ErrorKind};
use super::format;
use super::write::LoggedEvent;
use crate::amend::{Operation, Origin};
use crate::library::{ActEntry, Library};
use crate::model::{Act, RegistryId};

/// A loaded corpus: the library, and every error found on the way.
#[derive(Debug)]
pub struct Loaded {
    /// The acts that could be read, with their timelines.
    pub library: Library,
    /// Every error, in a stable order (by file, then line).
    pub errors: Vec<CorpusError>,
    /// The number of act directories seen.
    pub dirs: usize,
}

/// Loads every act under `root/acts`, validates it, and builds the library. Read errors
/// do not stop the load: the act is left out and the error reported.
pub fn load(root: &Path) -> Result<Loaded, CorpusError> {
    let acts_dir = root.join("acts");
    let dirs = act_dirs(&acts_dir)?;
    let results = parallel_map(&dirs, |d| read_act_dir(d));
    let mut errors = Vec::new();
    let mut by_id: BTreeMap<RegistryId, (PathBuf, ActEntry)> = BTreeMap::new();
    for (dir, result) in dirs.iter().zip(results) {
        match result {
            Ok((entry, errs)) => {
                errors.extend(errs);
                let id = entry.act.id;
                if let Some((other, _)) = by_id.get(&id) {
                    errors.push(
                        CorpusError::at(
                            dir.join("act.json"),
                            None,
                            ErrorKind::DuplicateAct {
                                id,
                                other: other.clone(),
                            },
                        )
                        .act(&id),
                    );
                } else {
                    by_id.insert(id, (dir.clone(), entry));
                }
            }
            Err(errs) => errors.extend(errs),
        }
    }
    let (library, checks) = Library::build(by_id.into_values().map(|(_, e)| e).collect());
    errors.extend(checks.into_iter().map(CorpusError::from));
    errors.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    Ok(Loaded {
        library,
        errors,
        dirs: dirs.len(),
    })
}

/// Every `acts/<shard>/<id>` directory, sorted.
fn act_dirs(acts: &Path) -> Result<Vec<PathBuf>, CorpusError> {
    let io = |p: &Path, e: std::io::Error| CorpusError::at(p, None, ErrorKind::Io(e));
    let mut out = Vec::new();
    for shard in fs::read_dir(acts).map_err(|e| io(acts, e))? {
        let shard = shard.map_err(|e| io(acts, e))?.path();
        if !shard.is_dir() {
            continue;
        }
        for d in fs::read_dir(&shard).map_err(|e| io(&shard, e))? {
            let d = d.map_err(|e| io(&shard, e))?.path();
            if d.join("act.json").is_file() {
                out.push(d);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Maps `f` over `items` on all cores, keeping the order.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    if threads <= 1 || items.len() < 64 {
        return items.iter().map(&f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|c| s.spawn(|| c.iter().map(&f).collect::<Vec<R>>()))
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect()
    })
}

/// The clause Markdown text of act `id` as stored in the corpus at `root`, unparsed (for
/// tools that work on the text itself, such as the fuzzing harness).
pub fn act_text(root: &Path, id: &RegistryId) -> Result<String, CorpusError> {
    let path = super::write::act_dir(root, id).join("text.kk.md");
    fs::read_to_string(&path).map_err(|e| CorpusError::at(&path, None, ErrorKind::Io(e)).act(id))
}

type DirResult = Result<(ActEntry, Vec<CorpusError>), Vec<CorpusError>>;

/// Reads one act directory. Fatal errors (no readable act.json or text) drop the act;
/// the others are returned beside it.
fn read_act_dir(dir: &Path) -> DirResult {
    let mut errors = Vec::new();
    let act_path = dir.join("act.json");
    let mut act: Act = match read_json(&act_path) {
        Ok(a) => a,
        Err(e) => return Err(vec![e]),
    };
    let dir_name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if dir_name != act.id.as_str() {
        errors.push(CorpusError::at(
            &act_path,
            None,
            ErrorKind::MisplacedAct {
                dir: dir_name,
                id: act.id,
            },
        ));
    }
    let text_path = dir.join("text.kk.md");
    let base = match fs::read_to_string(&text_path) {
        Ok(text) => match format::parse(&text) {
            Ok(nodes) => nodes,
            Err(errs) => {
                errors.extend(
                    errs.into_iter()
                        .map(|e| CorpusError::at(&text_path, Some(e.line), ErrorKind::Format(e.message)).act(&act.id)),
                );
                return Err(errors);
            }
        },
        Err(e) => {
            errors.push(CorpusError::at(&text_path, None, ErrorKind::Io(e)).act(&act.id));
            return Err(errors);
        }
    };
    let ops_path = dir.join("ops.json");
    let ops = if ops_path.is_file() {
        read_ops(&ops_path, &act.id, &mut errors)
    } else {
        Vec::new()
    };
    let events_path = dir.join("events.json");
    if events_path.is_file() {
        match read_json::<Vec<LoggedEvent>>(&events_path) {
            Ok(log) => act.events.extend(log.into_iter().map(|l| l.event)),
            Err(e) => errors.push(e.act(&act.id)),
        }
    }
    Ok((ActEntry { act, base, ops }, errors))
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, CorpusError> {
    let text = fs::read_to_string(path).map_err(|e| CorpusError::at(path, None, ErrorKind::Io(e)))?;
    serde_json::from_str(&text).map_err(|e| CorpusError::at(path, Some(e.line()), ErrorKind::Json(e.to_string())))
}

/// Reads ops.json, giving each operation its file and line. A malformed operation is
/// reported and left out; the others load.
fn read_ops(path: &Path, act: &RegistryId, errors: &mut Vec<CorpusError>) -> Vec<Operation> {
    let text = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            errors.push(CorpusError::at(path, None, ErrorKind::Io(e)).act(act));
            return Vec::new();
        }
    };
    let raws: Vec<&RawValue> = match serde_json::from_str(&text) {
        Ok(r) => r,
        Err(e) => {
            errors.push(CorpusError::at(path, Some(e.line()), ErrorKind::Json(e.to_string())).act(act));
            return Vec::new();
        }
    };
    let mut ops = Vec::with_capacity(raws.len());
    for (i, raw) in raws.iter().enumerate() {
        // The raw slice may start with the whitespace after a comma: errors count lines
        // from the slice's start, the operation's place is its first character.
        let start = raw.get().as_ptr() as usize - text.as_ptr() as usize;
        let raw_line = text[..start].matches('\n').count() + 1;
        let lead = &raw.get()[..raw.get().len() - raw.get().trim_start().len()];
        let line = raw_line + lead.matches('\n').count();
        match serde_json::from_str::<Operation>(raw.get()) {
            Ok(mut op) => {
                if &op.source_act != act {
                    let mut e = CorpusError::at(
                        path,
                        Some(line),
                        ErrorKind::WrongSourceAct {
                            expected: *act,
                            found: op.source_act,
                        },
                    )
                    .act(act);
                    e.op = Some(i);
                    errors.push(e);
                    continue;
                }
                op.origin = Some(Origin {
                    file: path.to_path_buf(),
                    line,
                });
                ops.push(op);
            }
            Err(e) => {
                let mut err =
                    CorpusError::at(path, Some(raw_line + e.line() - 1), ErrorKind::Json(e.to_string())).act(act);
                err.op = Some(i);
                errors.push(err);
            }
        }
    }
    ops
}

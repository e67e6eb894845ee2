//! Loading and validating the corpus, collecting every error with its place.

use std::collections::BTreeMap;
use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use serde_json::value::RawValue;

use super::error::{CorpusError, ErrorKind};
use super::read::{self, LoadOptions};
use super::write::LoggedEvent;
use crate::amend::{Operation, Origin};
use crate::clause_markdown;
use crate::library::{ActEntry, Library};
use crate::model::{Act, Event, RegistryId};

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

/// Loads every act under `root/acts` with the default [`LoadOptions`], validates it,
/// and builds the library. Read errors do not stop the load: the act is left out and
/// the error reported.
pub fn load(root: &Path) -> Result<Loaded, CorpusError> {
    load_with_options(root, &LoadOptions::default())
}

/// [`load`] with explicit options (the cap on file sizes).
pub fn load_with_options(root: &Path, opts: &LoadOptions) -> Result<Loaded, CorpusError> {
    load_with(root, opts, read_act_dir)
}

/// [`load`] with the function that reads one act directory given, so that tests can
/// make it fail or panic.
fn load_with(
    root: &Path,
    opts: &LoadOptions,
    read_dir: impl Fn(&Path, &LoadOptions) -> DirResult + Sync,
) -> Result<Loaded, CorpusError> {
    let (entries, mut errors, dirs) = read_entries_with(root, opts, read_dir)?;
    let (mut library, checks) = build(entries);
    errors.extend(checks);
    // The registry's redactions: evidence read beside the timelines, never into them.
    let ids: Vec<RegistryId> = library.acts().map(|a| a.id).collect();
    for id in ids {
        super::redactions::load(&super::write::act_dir(root, &id), &id, opts, &mut library, &mut errors);
    }
    errors.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    Ok(Loaded { library, errors, dirs })
}

/// Reads every act of the corpus at `root` without building the library: the acts
/// that could be read (duplicates left out), the errors found reading them, and the
/// number of act directories. The publication checks a new act against these.
pub fn read_entries(
    root: &Path,
    opts: &LoadOptions,
) -> Result<(Vec<LoadedEntry>, Vec<CorpusError>, usize), CorpusError> {
    read_entries_with(root, opts, read_act_dir)
}

/// Builds the library from acts as read (with their corrections) and runs every
/// consistency check.
pub fn build(entries: Vec<LoadedEntry>) -> (Library, Vec<CorpusError>) {
    let mut corrections = Vec::new();
    let acts: Vec<ActEntry> = entries
        .into_iter()
        .map(|e| {
            if !e.corrections.is_empty() {
                corrections.push((e.entry.act.id, e.corrections));
            }
            e.entry
        })
        .collect();
    let (mut library, checks) = Library::build(acts);
    for (id, c) in corrections {
        library.set_corrections(&id, c);
    }
    (library, checks.into_iter().map(CorpusError::from).collect())
}

fn read_entries_with(
    root: &Path,
    opts: &LoadOptions,
    read_dir: impl Fn(&Path, &LoadOptions) -> DirResult + Sync,
) -> Result<(Vec<LoadedEntry>, Vec<CorpusError>, usize), CorpusError> {
    let acts_dir = root.join("acts");
    let (dirs, mut errors) = act_dirs(&acts_dir)?;
    let results = parallel_map(
        &dirs,
        |d| read_dir(d, opts),
        |d, message| Err(vec![CorpusError::at(d, None, ErrorKind::Panic(message))]),
    );
    let mut by_id: BTreeMap<RegistryId, (PathBuf, LoadedEntry)> = BTreeMap::new();
    for (dir, result) in dirs.iter().zip(results) {
        match result {
            Ok((entry, errs)) => {
                errors.extend(errs);
                let id = entry.entry.act.id;
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
    Ok((by_id.into_values().map(|(_, e)| e).collect(), errors, dirs.len()))
}

/// True for names that are not part of the corpus: `.`-prefixed entries (the temporary
/// files of writes, `.NAME.tmpPID`, and editors' or tools' files). They are never read
/// and never reported.
pub(crate) fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// Every `acts/<shard>/<id>` directory, sorted, and an error for every other entry
/// among the shards and act directories (a file, a symbolic link). `.`-prefixed
/// entries are skipped.
fn act_dirs(acts: &Path) -> Result<(Vec<PathBuf>, Vec<CorpusError>), CorpusError> {
    let io = |p: &Path, e: std::io::Error| CorpusError::at(p, None, ErrorKind::Io(e));
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let unexpected = |path: PathBuf, ft: fs::FileType, expected: &'static str| {
        let what = if ft.is_symlink() {
            "symbolic link"
        } else if ft.is_file() {
            "file"
        } else {
            "entry"
        };
        CorpusError::at(path, None, ErrorKind::UnexpectedEntry { what, expected })
    };
    for shard in fs::read_dir(acts).map_err(|e| io(acts, e))? {
        let shard = shard.map_err(|e| io(acts, e))?;
        if is_hidden(&shard.file_name()) {
            continue;
        }
        let ft = shard.file_type().map_err(|e| io(&shard.path(), e))?;
        let shard = shard.path();
        if !ft.is_dir() {
            errors.push(unexpected(
                shard,
                ft,
                "acts/ holds only shard directories (acts/V14/, acts/V25/…)",
            ));
            continue;
        }
        let entries = match fs::read_dir(&shard) {
            Ok(e) => e,
            Err(e) => {
                errors.push(io(&shard, e));
                continue;
            }
        };
        for d in entries {
            let d = match d {
                Ok(d) => d,
                Err(e) => {
                    errors.push(io(&shard, e));
                    continue;
                }
            };
            if is_hidden(&d.file_name()) {
                continue;
            }
            let path = d.path();
            match d.file_type() {
                Ok(ft) if ft.is_dir() => out.push(path),
                Ok(ft) => errors.push(unexpected(
                    path,
                    ft,
                    "a shard holds only act directories (acts/V14/V1400010273/…)",
                )),
                Err(e) => errors.push(io(&path, e)),
            }
        }
    }
    out.sort();
    Ok((out, errors))
}

/// The text of a caught panic.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_string())
}

/// Maps `f` over `items` on all cores, keeping the order: the result has exactly one
/// value per item, in the items' order. A panic in `f` is caught for its item, whose
/// value is then `on_panic(item, message)`; nothing is dropped or shifted.
fn parallel_map<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&T) -> R + Sync,
    on_panic: impl Fn(&T, String) -> R + Sync,
) -> Vec<R> {
    let guarded = |t: &T| match panic::catch_unwind(AssertUnwindSafe(|| f(t))) {
        Ok(r) => r,
        Err(p) => on_panic(t, panic_message(&*p)),
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    if threads <= 1 || items.len() < 64 {
        return items.iter().map(guarded).collect();
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|c| (c, s.spawn(|| c.iter().map(&guarded).collect::<Vec<R>>())))
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for (c, h) in handles {
            match h.join() {
                Ok(rs) => out.extend(rs),
                // Only a panic outside `f` (in `on_panic` or an allocation) gets here:
                // every item of the chunk is reported, none is lost.
                Err(p) => {
                    let m = panic_message(&*p);
                    out.extend(c.iter().map(|t| on_panic(t, m.clone())));
                }
            }
        }
        out
    })
}

/// The clause Markdown text of act `id` as stored in the corpus at `root`, unparsed (for
/// tools that work on the text itself, such as the fuzzing harness).
pub fn act_text(root: &Path, id: &RegistryId) -> Result<String, CorpusError> {
    let path = super::write::act_dir(root, id).join("text.kk.md");
    fs::read_to_string(&path).map_err(|e| CorpusError::at(&path, None, ErrorKind::Io(e)).act(id))
}

type DirResult = Result<(LoadedEntry, Vec<CorpusError>), Vec<CorpusError>>;

/// What an act directory may hold besides `.`-prefixed entries.
const ACT_DIR_HOLDS: &str = "an act directory holds act.json, text.<lang>.md, ops.json, entry_into_force.json, events.json, corrections/ and redactions/";

/// Reads one act directory. Fatal errors (no readable act.json or text) drop the act;
/// the others are returned beside it. The act's effective text, operations and
/// entry-into-force clause are its latest correction's, when it has corrections.
fn read_act_dir(dir: &Path, opts: &LoadOptions) -> DirResult {
    let act_path = dir.join("act.json");
    let id = match read::read_optional(&act_path, opts) {
        Ok(Some(bytes)) => match parse_json::<Act>(&act_path, &bytes) {
            Ok(a) => a.id,
            Err(e) => return Err(vec![e]),
        },
        Ok(None) => return Err(vec![CorpusError::at(dir, None, ErrorKind::MissingActJson)]),
        Err(e) => return Err(vec![e]),
    };
    let mut errors = Vec::new();
    check_entries(dir, opts, &id, &mut errors);
    check_place(dir, &act_path, &id, &mut errors);
    let corrections = super::correction::read_corrections(dir, opts, &id, &mut errors);
    let effective = |name: &str| -> PathBuf {
        corrections
            .iter()
            .rev()
            .find(|c| c.files.iter().any(|f| f == name))
            .map_or_else(|| dir.join(name), |c| c.dir.join(name))
    };
    let paths = ActFiles {
        act: act_path.clone(),
        text: effective("text.kk.md"),
        ops: effective("ops.json"),
        entry_into_force: effective("entry_into_force.json"),
        events: dir.join("events.json"),
    };
    check_superseded(dir, &paths, opts, &id, &mut errors);
    match read_act_files(&paths, &|p: &Path| read::read_optional(p, opts)) {
        Ok((mut loaded, errs)) => {
            errors.extend(errs);
            loaded.corrections = corrections.iter().map(|c| (&c.record).into()).collect();
            Ok((loaded, errors))
        }
        Err(errs) => {
            errors.extend(errs);
            Err(errors)
        }
    }
}

/// The originals a correction supersedes are evidence and stay under `check`: each is
/// read with the same guards (regular file, size bound, UTF-8) and parsed, so a damaged
/// or replaced original is reported even though the act reads its correction's files.
fn check_superseded(dir: &Path, paths: &ActFiles, opts: &LoadOptions, id: &RegistryId, errors: &mut Vec<CorpusError>) {
    let superseded = [
        ("text.kk.md", &paths.text),
        ("ops.json", &paths.ops),
        ("entry_into_force.json", &paths.entry_into_force),
    ];
    for (name, effective) in superseded {
        let original = dir.join(name);
        if *effective == original {
            continue;
        }
        let bytes = match read::read_optional(&original, opts) {
            Ok(Some(b)) => b,
            Ok(None) => continue,
            Err(e) => {
                errors.push(e.act(id));
                continue;
            }
        };
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                errors.push(CorpusError::at(&original, None, ErrorKind::NotUtf8(e.utf8_error())).act(id));
                continue;
            }
        };
        match name {
            "text.kk.md" => {
                if let Err(errs) = clause_markdown::parse(&text) {
                    errors.extend(
                        errs.into_iter()
                            .map(|e| CorpusError::at(&original, Some(e.line), ErrorKind::Format(e.message)).act(id)),
                    );
                }
            }
            "ops.json" => {
                read_ops(&original, &text, id, errors);
            }
            _ => {
                if let Err(e) = parse_json::<crate::dates::EntryIntoForce>(&original, text.as_bytes()) {
                    errors.push(e.act(id));
                }
            }
        }
    }
}

/// Fetches a file's bytes, or `None` when there is none.
pub(crate) type Fetch<'a> = dyn Fn(&Path) -> Result<Option<Vec<u8>>, CorpusError> + 'a;

/// The files one act is read from (the effective ones: a correction's when it has one).
pub(crate) struct ActFiles {
    /// act.json.
    pub act: PathBuf,
    /// text.kk.md.
    pub text: PathBuf,
    /// ops.json.
    pub ops: PathBuf,
    /// entry_into_force.json.
    pub entry_into_force: PathBuf,
    /// events.json.
    pub events: PathBuf,
}

/// Reads an act from its files, each fetched by `fetch` (from disk, or from memory for
/// a publication not yet on disk); errors name the files. Fatal errors (no readable
/// act.json or text) are `Err`.
pub(crate) fn read_act_files(
    files: &ActFiles,
    fetch: &Fetch<'_>,
) -> Result<(LoadedEntry, Vec<CorpusError>), Vec<CorpusError>> {
    let mut errors = Vec::new();
    let act_path = &files.act;
    let text_of = |path: &Path| -> Result<Option<String>, CorpusError> {
        fetch(path)?
            .map(|b| String::from_utf8(b).map_err(|e| CorpusError::at(path, None, ErrorKind::NotUtf8(e.utf8_error()))))
            .transpose()
    };
    let mut act: Act = match fetch(act_path) {
        Ok(Some(bytes)) => match parse_json::<Act>(act_path, &bytes) {
            Ok(mut a) => {
                place_act_events(act_path, &bytes, &mut a);
                a
            }
            Err(e) => return Err(vec![e]),
        },
        Ok(None) => {
            let dir = act_path.parent().unwrap_or(Path::new("."));
            return Err(vec![CorpusError::at(dir, None, ErrorKind::MissingActJson)]);
        }
        Err(e) => return Err(vec![e]),
    };
    let text_path = &files.text;
    let missing = |p: &Path| {
        CorpusError::at(
            p,
            None,
            ErrorKind::Io(std::io::Error::new(std::io::ErrorKind::NotFound, "no such file")),
        )
    };
    let base = match text_of(text_path).and_then(|t| t.ok_or_else(|| missing(text_path))) {
        Ok(text) => match clause_markdown::parse(&text) {
            Ok(nodes) => nodes,
            Err(errs) => {
                errors.extend(
                    errs.into_iter()
                        .map(|e| CorpusError::at(text_path, Some(e.line), ErrorKind::Format(e.message)).act(&act.id)),
                );
                return Err(errors);
            }
        },
        Err(e) => {
            errors.push(e.act(&act.id));
            return Err(errors);
        }
    };
    let ops_path = &files.ops;
    let ops = match text_of(ops_path) {
        Ok(Some(text)) => read_ops(ops_path, &text, &act.id, &mut errors),
        Ok(None) => Vec::new(),
        Err(e) => {
            errors.push(e.act(&act.id));
            Vec::new()
        }
    };
    let eif_path = &files.entry_into_force;
    match fetch(eif_path) {
        Ok(Some(bytes)) => match parse_json::<crate::dates::EntryIntoForce>(eif_path, &bytes) {
            Ok(eif) => match &act.entry_into_force {
                Some(stated) if *stated != eif => {
                    errors.push(CorpusError::at(eif_path, None, ErrorKind::EntryIntoForceClash).act(&act.id));
                }
                _ => act.entry_into_force = Some(eif),
            },
            Err(e) => errors.push(e.act(&act.id)),
        },
        Ok(None) => {}
        Err(e) => errors.push(e.act(&act.id)),
    }
    let events_path = &files.events;
    match text_of(events_path) {
        Ok(Some(text)) => {
            let log = read_events(events_path, &text, &act.id, &mut errors);
            act.events.extend(log);
        }
        Ok(None) => {}
        Err(e) => errors.push(e.act(&act.id)),
    }
    Ok((
        LoadedEntry {
            entry: ActEntry { act, base, ops },
            corrections: Vec::new(),
        },
        errors,
    ))
}

/// An act as read, with its corrections.
#[derive(Debug, Clone)]
pub struct LoadedEntry {
    /// The act, with its effective text and operations.
    pub entry: ActEntry,
    /// Its corrections, in order.
    pub corrections: Vec<crate::model::CorrectionInfo>,
}

/// Reports an act directory whose name is not its act's id, or that is in another
/// shard than its id's.
fn check_place(dir: &Path, act_path: &Path, id: &RegistryId, errors: &mut Vec<CorpusError>) {
    let dir_name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if dir_name != id.as_str() {
        errors.push(CorpusError::at(
            act_path,
            None,
            ErrorKind::MisplacedAct { dir: dir_name, id: *id },
        ));
    } else {
        let shard = dir
            .parent()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let expected = &id.as_str()[..3];
        if shard != expected {
            errors.push(
                CorpusError::at(
                    act_path,
                    None,
                    ErrorKind::WrongShard {
                        shard,
                        id: *id,
                        expected: expected.to_string(),
                    },
                )
                .act(id),
            );
        }
    }
}

/// Reports what an act directory holds besides its files: unknown entries, and texts
/// in other languages (not loaded) that are not regular files under the cap.
fn check_entries(dir: &Path, opts: &LoadOptions, id: &RegistryId, errors: &mut Vec<CorpusError>) {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(CorpusError::at(dir, None, ErrorKind::Io(e)).act(id));
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                errors.push(CorpusError::at(dir, None, ErrorKind::Io(e)).act(id));
                continue;
            }
        };
        let name = entry.file_name();
        if is_hidden(&name) {
            continue;
        }
        let path = entry.path();
        let name = name.to_string_lossy();
        match &*name {
            "act.json" | "text.kk.md" | "ops.json" | "entry_into_force.json" | "events.json" => {}
            super::correction::CORRECTIONS_DIR if entry.file_type().is_ok_and(|t| t.is_dir()) => {}
            "redactions" if entry.file_type().is_ok_and(|t| t.is_dir()) => {}
            n if n.starts_with("text.") && n.ends_with(".md") => {
                // Not loaded, but part of the corpus (and of its generation).
                match fs::symlink_metadata(&path) {
                    Ok(m) if !m.file_type().is_file() => errors.push(
                        CorpusError::at(
                            &path,
                            None,
                            ErrorKind::NotRegularFile {
                                what: read::describe(&m),
                            },
                        )
                        .act(id),
                    ),
                    Ok(m) if m.len() > opts.max_file_bytes => errors.push(
                        CorpusError::at(
                            &path,
                            None,
                            ErrorKind::TooLarge {
                                cap: opts.max_file_bytes,
                                mib: opts.max_file_bytes / (1024 * 1024),
                            },
                        )
                        .act(id),
                    ),
                    Ok(_) => {}
                    Err(e) => errors.push(CorpusError::at(&path, None, ErrorKind::Io(e)).act(id)),
                }
            }
            _ => {
                let what = match entry.file_type() {
                    Ok(ft) if ft.is_dir() => "directory",
                    Ok(ft) if ft.is_symlink() => "symbolic link",
                    _ => "file",
                };
                errors.push(
                    CorpusError::at(
                        &path,
                        None,
                        ErrorKind::UnexpectedEntry {
                            what,
                            expected: ACT_DIR_HOLDS,
                        },
                    )
                    .act(id),
                );
            }
        }
    }
}

/// The events array of act.json, as raw slices, to find each event's line.
#[derive(serde::Deserialize)]
struct EventsOf<'a> {
    #[serde(borrow, default)]
    events: Vec<&'a RawValue>,
}

/// Gives each event of act.json its file and line.
fn place_act_events(path: &Path, bytes: &[u8], act: &mut Act) {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    let Ok(of) = serde_json::from_str::<EventsOf<'_>>(text) else {
        return;
    };
    for (e, raw) in act.events.iter_mut().zip(of.events) {
        e.origin = Some(Origin {
            file: path.to_path_buf(),
            line: start_line(text, raw).1,
        });
    }
}

/// Where an element of a JSON array (a slice of `text`) starts: the line its slice
/// starts on (serde's errors count from there), and the line of its first character
/// (the slice may start with the whitespace after a comma).
fn start_line(text: &str, raw: &RawValue) -> (usize, usize) {
    let start = raw.get().as_ptr() as usize - text.as_ptr() as usize;
    let raw_line = text[..start].matches('\n').count() + 1;
    let lead = &raw.get()[..raw.get().len() - raw.get().trim_start().len()];
    (raw_line, raw_line + lead.matches('\n').count())
}

/// Reads events.json, giving each record its file and line. A malformed record is
/// reported and left out; the others load, in the order they were recorded.
fn read_events(path: &Path, text: &str, act: &RegistryId, errors: &mut Vec<CorpusError>) -> Vec<Event> {
    let raws: Vec<&RawValue> = match serde_json::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            errors.push(CorpusError::at(path, Some(e.line()), ErrorKind::Json(e.to_string())).act(act));
            return Vec::new();
        }
    };
    let mut events = Vec::with_capacity(raws.len());
    for raw in raws {
        let (raw_line, line) = start_line(text, raw);
        match serde_json::from_str::<LoggedEvent>(raw.get()) {
            Ok(logged) => events.push(Event {
                origin: Some(Origin {
                    file: path.to_path_buf(),
                    line,
                }),
                ..logged.event
            }),
            Err(e) => errors
                .push(CorpusError::at(path, Some(raw_line + e.line() - 1), ErrorKind::Json(e.to_string())).act(act)),
        }
    }
    events
}

fn parse_json<T: serde::de::DeserializeOwned>(path: &Path, bytes: &[u8]) -> Result<T, CorpusError> {
    serde_json::from_slice(bytes).map_err(|e| CorpusError::at(path, Some(e.line()), ErrorKind::Json(e.to_string())))
}

/// Reads ops.json, giving each operation its file and line. A malformed operation is
/// reported and left out; the others load.
fn read_ops(path: &Path, text: &str, act: &RegistryId, errors: &mut Vec<CorpusError>) -> Vec<Operation> {
    let raws: Vec<&RawValue> = match serde_json::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            errors.push(CorpusError::at(path, Some(e.line()), ErrorKind::Json(e.to_string())).act(act));
            return Vec::new();
        }
    };
    let mut ops = Vec::with_capacity(raws.len());
    for (i, raw) in raws.iter().enumerate() {
        // Errors count lines from the slice's start, the operation's place is its first
        // character.
        let (raw_line, line) = start_line(text, raw);
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

/// Reads one act's metadata and clause tree, for the amendment parser: `path` is an act
/// directory (`act.json` and `text.kk.md`) or the text file inside one, which may lie
/// outside the corpus. Errors name the file and line.
pub fn read_act(path: &Path, opts: &LoadOptions) -> Result<(Act, Vec<crate::model::Node>), Vec<CorpusError>> {
    let (dir, text_path) = if path.is_dir() {
        (path.to_path_buf(), path.join("text.kk.md"))
    } else {
        (
            path.parent().unwrap_or(Path::new(".")).to_path_buf(),
            path.to_path_buf(),
        )
    };
    let act_path = dir.join("act.json");
    let bytes = match read::read_optional(&act_path, opts) {
        Ok(Some(b)) => b,
        Ok(None) => return Err(vec![CorpusError::at(&dir, None, ErrorKind::MissingActJson)]),
        Err(e) => return Err(vec![e]),
    };
    let act: Act = parse_json(&act_path, &bytes).map_err(|e| vec![e])?;
    let text = read::read_text(&text_path, opts).map_err(|e| vec![e.act(&act.id)])?;
    let tree = clause_markdown::parse(&text).map_err(|errs| {
        errs.into_iter()
            .map(|e| CorpusError::at(&text_path, Some(e.line), ErrorKind::Format(e.message)).act(&act.id))
            .collect::<Vec<_>>()
    })?;
    Ok((act, tree))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// F9: a panic for one item is reported for that item; no result is dropped and
    /// every result stays beside its item, whichever chunk the panic was in.
    #[test]
    fn parallel_map_keeps_one_result_per_item_in_order_through_panics() {
        let items: Vec<usize> = (0..300).collect();
        let out = parallel_map(
            &items,
            |&i| {
                assert!(i % 97 != 5, "item {i} is cursed");
                Ok(i * 2)
            },
            |&i, message| Err((i, message)),
        );
        assert_eq!(out.len(), items.len());
        for (i, r) in out.iter().enumerate() {
            if i % 97 == 5 {
                assert_eq!(r, &Err((i, format!("item {i} is cursed"))));
            } else {
                assert_eq!(r, &Ok(i * 2));
            }
        }
    }

    /// F9: when reading one act directory panics, the load reports it as an error
    /// naming that directory, and every other act loads under its own directory.
    #[test]
    fn a_panic_reading_one_directory_is_an_error_naming_it() {
        let root = tempfile::tempdir().unwrap();
        let ids: Vec<RegistryId> = (0..150).map(|i| RegistryId::from_parts(2010, 1000 + i)).collect();
        for id in &ids {
            fs::create_dir_all(super::super::write::act_dir(root.path(), id)).unwrap();
        }
        let cursed = ids[77];
        let date = chrono::NaiveDate::from_ymd_opt(2010, 1, 1).unwrap();
        let reader = |dir: &Path, _: &LoadOptions| -> DirResult {
            let id: RegistryId = dir.file_name().unwrap().to_str().unwrap().parse().unwrap();
            assert!(id != cursed, "cannot read {id}");
            let act = crate::synth::synthetic_act(id, date, "1".into(), "Сынақ".into());
            Ok((
                LoadedEntry {
                    entry: ActEntry {
                        act,
                        base: Vec::new(),
                        ops: Vec::new(),
                    },
                    corrections: Vec::new(),
                },
                Vec::new(),
            ))
        };
        let loaded = load_with(root.path(), &LoadOptions::default(), reader).unwrap();
        assert_eq!(loaded.dirs, 150);
        assert_eq!(loaded.library.len(), 149);
        assert!(loaded.library.act(&cursed).is_none());
        assert!(
            ids.iter()
                .filter(|id| **id != cursed)
                .all(|id| loaded.library.act(id).is_some())
        );
        assert_eq!(loaded.errors.len(), 1, "{:?}", loaded.errors);
        let e = &loaded.errors[0];
        assert_eq!(
            e.file.as_deref(),
            Some(super::super::write::act_dir(root.path(), &cursed).as_path())
        );
        assert!(
            e.to_string().contains(&format!("panicked (cannot read {cursed})")),
            "{e}"
        );
    }
}

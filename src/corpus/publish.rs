//! Publishing a new act: checked against the corpus, then written through the corpus
//! transaction ([`super::transaction`]) so that after a crash the act, its text, its
//! frozen operations and its audit entry are all there or none is.

use std::path::{Path, PathBuf};

use super::error::{CorpusError, ErrorKind};
use super::load::{self, ActFiles, LoadedEntry};
use super::lock::CorpusLock;
use super::read::{self, LoadOptions};
use super::transaction;
use super::write::{act_dir, json};
use crate::audit::{AuditDraft, AuditEntry};
use crate::clause_markdown;
use crate::library::ActEntry;
use crate::model::{Act, RegistryId};

/// The files of an act to publish, as they will be stored.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PublicationFiles {
    /// act.json.
    pub act_json: Vec<u8>,
    /// text.kk.md (clause Markdown).
    pub text_kk: Vec<u8>,
    /// ops.json, for an amending act.
    pub ops_json: Option<Vec<u8>>,
    /// entry_into_force.json, when act.json states none and the parser read one.
    pub entry_into_force_json: Option<Vec<u8>>,
}

/// The files [`PublicationFiles::read_dir`] takes from a prepared act directory.
const PUBLISHED: [&str; 4] = ["act.json", "text.kk.md", "ops.json", "entry_into_force.json"];

impl PublicationFiles {
    /// The files of `entry` serialised as the corpus stores them (as
    /// [`super::write::write_act`] and [`super::write::freeze_operations`] do).
    pub fn from_entry(entry: &ActEntry, entry_into_force: Option<&crate::dates::EntryIntoForce>) -> PublicationFiles {
        PublicationFiles {
            act_json: json(&entry.act),
            text_kk: clause_markdown::write(&entry.base).into_bytes(),
            ops_json: (!entry.ops.is_empty()).then(|| json(&entry.ops)),
            entry_into_force_json: match (&entry.act.entry_into_force, entry_into_force) {
                (None, Some(eif)) => Some(json(eif)),
                _ => None,
            },
        }
    }

    /// Reads a prepared act directory (act.json, text.kk.md, and ops.json and
    /// entry_into_force.json where present) with the loader's rules. Any other entry
    /// is refused, so nothing is left out silently.
    pub fn read_dir(dir: &Path, opts: &LoadOptions) -> Result<PublicationFiles, CorpusError> {
        let io = |e: std::io::Error| CorpusError::at(dir, None, ErrorKind::Io(e));
        for entry in std::fs::read_dir(dir).map_err(io)? {
            let entry = entry.map_err(io)?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if !PUBLISHED.contains(&name.as_str()) {
                return Err(CorpusError::at(
                    entry.path(),
                    None,
                    ErrorKind::UnexpectedEntry {
                        what: "entry",
                        expected: "a publication holds act.json, text.kk.md, ops.json and entry_into_force.json",
                    },
                ));
            }
        }
        Self::read_published(dir, opts)
    }

    /// The files an act already in the corpus was published with, read from its
    /// directory `dir`; its later corrections (`corrections/`) are not part of them.
    pub fn read_published(dir: &Path, opts: &LoadOptions) -> Result<PublicationFiles, CorpusError> {
        Ok(PublicationFiles {
            act_json: read::read_file(&dir.join("act.json"), opts)?,
            text_kk: read::read_file(&dir.join("text.kk.md"), opts)?,
            ops_json: read::read_optional(&dir.join("ops.json"), opts)?,
            entry_into_force_json: read::read_optional(&dir.join("entry_into_force.json"), opts)?,
        })
    }

    /// The files as (name, bytes), in the order they are written.
    pub fn list(&self) -> Vec<(&'static str, &[u8])> {
        let mut out: Vec<(&'static str, &[u8])> = vec![("act.json", &self.act_json), ("text.kk.md", &self.text_kk)];
        if let Some(ops) = &self.ops_json {
            out.push(("ops.json", ops));
        }
        if let Some(eif) = &self.entry_into_force_json {
            out.push(("entry_into_force.json", eif));
        }
        out
    }
}

/// Why an act cannot be published. The API answers 409 for [`PublishError::IdExists`]
/// and [`PublishError::NumberExists`], 422 for [`PublishError::Invalid`].
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// The corpus could not be read or written.
    #[error("{0}")]
    Corpus(#[from] Box<CorpusError>),
    /// The corpus has errors already: nothing is published into an invalid corpus.
    #[error("the corpus has {0} error(s) already; run `nusqa check` and fix them before publishing")]
    CorpusInvalid(usize),
    /// The act's files are malformed, or the corpus with the act would have errors.
    #[error("the act cannot be published: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<CorpusError>),
    /// An act with this id is in the corpus.
    #[error("{id} is already in the corpus ({})", dir.display())]
    IdExists {
        /// The id.
        id: RegistryId,
        /// Its directory.
        dir: PathBuf,
    },
    /// An act of the same issuer, number and date is in the corpus.
    #[error("{id}: {existing} is already published by {issuer} with number {number} on {date}")]
    NumberExists {
        /// The act offered.
        id: RegistryId,
        /// The act published.
        existing: RegistryId,
        /// The issuer's office.
        issuer: String,
        /// The number.
        number: String,
        /// The date of adoption.
        date: chrono::NaiveDate,
    },
}

impl From<CorpusError> for PublishError {
    fn from(e: CorpusError) -> PublishError {
        PublishError::Corpus(Box::new(e))
    }
}

/// An act published.
#[derive(Debug, Clone)]
pub struct Published {
    /// Its id.
    pub id: RegistryId,
    /// Its directory.
    pub dir: PathBuf,
    /// Its audit entry.
    pub audit: AuditEntry,
}

/// Reads `files` as the act they make, naming errors by the files' places in the
/// corpus at `root`.
fn entry_of(root: &Path, files: &PublicationFiles) -> Result<(LoadedEntry, PathBuf), PublishError> {
    let act: Act = serde_json::from_slice(&files.act_json).map_err(|e| {
        PublishError::Invalid(vec![CorpusError::at(
            "act.json",
            Some(e.line()),
            ErrorKind::Json(e.to_string()),
        )])
    })?;
    let dir = act_dir(root, &act.id);
    let paths = ActFiles {
        act: dir.join("act.json"),
        text: dir.join("text.kk.md"),
        ops: dir.join("ops.json"),
        entry_into_force: dir.join("entry_into_force.json"),
        events: dir.join("events.json"),
    };
    let fetch = |p: &Path| -> Result<Option<Vec<u8>>, CorpusError> {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        Ok(match name {
            "act.json" => Some(files.act_json.clone()),
            "text.kk.md" => Some(files.text_kk.clone()),
            "ops.json" => files.ops_json.clone(),
            "entry_into_force.json" => files.entry_into_force_json.clone(),
            _ => None,
        })
    };
    match load::read_act_files(&paths, &fetch) {
        Ok((entry, errors)) if errors.is_empty() => Ok((entry, dir)),
        Ok((_, errors)) | Err(errors) => Err(PublishError::Invalid(errors)),
    }
}

/// Publishes a new act under the lock (taken before the caller read anything it
/// validated against): recovers an interrupted transaction first, refuses an act
/// whose id or whose issuer, number and date are in the corpus, or that would leave
/// the corpus with errors; then writes its files through the corpus transaction and
/// appends `audit` (with the files' hashes).
pub fn publish(
    lock: &CorpusLock,
    root: &Path,
    opts: &LoadOptions,
    files: &PublicationFiles,
    audit: AuditDraft,
) -> Result<Published, PublishError> {
    transaction::recover(lock, root, opts)?;
    let (new, dir) = entry_of(root, files)?;
    let id = new.entry.act.id;
    if std::fs::symlink_metadata(&dir).is_ok() {
        return Err(PublishError::IdExists { id, dir });
    }
    let (mut entries, errors, _) = load::read_entries(root, opts)?;
    if !errors.is_empty() {
        return Err(PublishError::CorpusInvalid(errors.len()));
    }
    let act = &new.entry.act;
    if let Some(other) = entries.iter().map(|e| &e.entry.act).find(|o| o.id == id) {
        return Err(PublishError::IdExists {
            id,
            dir: act_dir(root, &other.id),
        });
    }
    if let Some(other) = entries
        .iter()
        .map(|e| &e.entry.act)
        .find(|o| o.issuer.office == act.issuer.office && o.number == act.number && o.date == act.date)
    {
        return Err(PublishError::NumberExists {
            id,
            existing: other.id,
            issuer: act.issuer.office.clone(),
            number: act.number.clone(),
            date: act.date,
        });
    }
    let (_, before) = load::build(entries.clone());
    if !before.is_empty() {
        return Err(PublishError::CorpusInvalid(before.len()));
    }
    entries.push(new);
    let (_, after) = load::build(entries);
    if !after.is_empty() {
        return Err(PublishError::Invalid(after));
    }
    let target = format!("acts/{}/{}", &id.as_str()[..3], id.as_str());
    let entry = transaction::commit(lock, root, &target, &files.list(), audit)?;
    Ok(Published { id, dir, audit: entry })
}

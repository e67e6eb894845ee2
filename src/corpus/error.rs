//! Corpus errors, each with its place: file, line, act, node.

use std::fmt;
use std::path::PathBuf;

use crate::consolidate::{CheckError, CheckKind};
use crate::model::{EId, RegistryId};

/// What is wrong with the corpus.
#[derive(Debug, thiserror::Error)]
pub enum ErrorKind {
    /// A file cannot be read or written.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// A JSON file is malformed or does not fit its schema.
    #[error("invalid JSON: {0}")]
    Json(String),
    /// A clause Markdown file is malformed.
    #[error("{0}")]
    Format(String),
    /// A registry redaction or its import is wrong (unreadable, changed since import,
    /// without provenance, or different from one already imported).
    #[error("registry redaction: {0}")]
    Redaction(String),
    /// A directory's name and the act id inside it differ.
    #[error("directory is named {dir} but act.json says {id}")]
    MisplacedAct {
        /// The directory's name.
        dir: String,
        /// The id in act.json.
        id: RegistryId,
    },
    /// Two acts share an id.
    #[error("duplicate act id {id} (also in {other})")]
    DuplicateAct {
        /// The id.
        id: RegistryId,
        /// The other file.
        other: PathBuf,
    },
    /// An operation claims another source act than the act whose file holds it.
    #[error("operation says its source act is {found}, but it is stored with {expected}")]
    WrongSourceAct {
        /// The act whose ops.json holds it.
        expected: RegistryId,
        /// What it says.
        found: RegistryId,
    },
    /// A consistency check failed.
    #[error("{0}")]
    Check(CheckKind),
    /// A directory under `acts/` has no `act.json`: without it the act would vanish
    /// from the corpus unnoticed.
    #[error("act directory has no act.json; restore it, or remove the directory if the act is not meant to exist")]
    MissingActJson,
    /// An entry where the layout has none: a file among the shards or act directories,
    /// or a file an act directory does not hold.
    #[error("unexpected {what} here: {expected}")]
    UnexpectedEntry {
        /// What was found ("file", "symbolic link"…).
        what: &'static str,
        /// What the layout allows at this place.
        expected: &'static str,
    },
    /// A corpus file is not a regular file (a symbolic link, a FIFO, a device…).
    /// Symbolic links are refused, not followed: a corpus file is its own bytes.
    #[error("is {what}, not a regular file; corpus files must be regular files (copy the content in place)")]
    NotRegularFile {
        /// What it is.
        what: &'static str,
    },
    /// A corpus file is larger than the cap on file sizes.
    #[error("is larger than the cap of {cap} bytes ({mib} MiB); raise it with --max-file-mib if the file is genuine")]
    TooLarge {
        /// The cap, in bytes.
        cap: u64,
        /// The cap, in MiB (rounded down), as the flag takes it.
        mib: u64,
    },
    /// A text file is not valid UTF-8.
    #[error("is not valid UTF-8: {0}")]
    NotUtf8(std::str::Utf8Error),
    /// An act is kept in another shard than its id's (`acts/V14/` for `V14…`).
    #[error("act {id} is in shard {shard}, but its id puts it in {expected}")]
    WrongShard {
        /// The shard it is in.
        shard: String,
        /// The act's id.
        id: RegistryId,
        /// The shard its id names.
        expected: String,
    },
    /// Reading one act directory panicked: a bug in nusqa, reported instead of losing
    /// the act.
    #[error("reading this act directory panicked ({0}); this is a bug in nusqa, please report it")]
    Panic(String),
    /// Another writer holds the corpus lock.
    #[error("another writer holds the corpus lock (waited {waited_ms} ms); try again when it has finished")]
    Locked {
        /// How long this writer waited.
        waited_ms: u64,
    },
    /// Frozen operations differ from those offered: published operations are never
    /// overwritten.
    #[error("frozen operations differ from what is offered; published operations are never overwritten")]
    FrozenDiffers,
    /// act.json and entry_into_force.json both state the act's entry into force, and
    /// they differ.
    #[error("act.json and entry_into_force.json state different entry-into-force clauses")]
    EntryIntoForceClash,
    /// The audit log's last line is not an entry, so nothing can be chained to it.
    #[error("the audit log's last line is not an entry ({0}); run `nusqa audit verify`")]
    AuditTail(String),
    /// An entry of `corrections/` that is not a directory named by its number.
    #[error("a corrections/ entry must be a directory named by its number: 0001, 0002…")]
    BadCorrectionEntry,
    /// Corrections are numbered 0001, 0002… without gaps.
    #[error("corrections are numbered without gaps; expected {expected:04} here")]
    CorrectionGap {
        /// The number expected.
        expected: u32,
    },
    /// A correction record's `n` differs from its directory's number.
    #[error("correction.json says n = {record}, but its directory is {dir:04}")]
    CorrectionNumber {
        /// The directory's number.
        dir: u32,
        /// The record's.
        record: u32,
    },
    /// A correction lacks a file or field it must have.
    #[error("the correction has no {missing}")]
    CorrectionIncomplete {
        /// What is missing.
        missing: &'static str,
    },
    /// A new directory's target already exists.
    #[error("already exists; published files are never overwritten")]
    TargetExists,
    /// A journaled transaction's target is in place but its files differ from the
    /// journal's hashes: recovery stops rather than guess.
    #[error("differs from the hash in {journal}; recovery stopped: inspect the file and the journal by hand")]
    RecoveryConflict {
        /// The journal.
        journal: PathBuf,
    },
}

/// A corpus error with its place.
#[derive(Debug)]
pub struct CorpusError {
    /// The file, when known.
    pub file: Option<PathBuf>,
    /// The 1-based line, when known.
    pub line: Option<usize>,
    /// The act concerned.
    pub act: Option<RegistryId>,
    /// The operation's index in its act, for operation errors.
    pub op: Option<usize>,
    /// The node concerned.
    pub eid: Option<EId>,
    /// What is wrong (boxed: errors travel in `Result`s, which stay small).
    pub kind: Box<ErrorKind>,
}

impl CorpusError {
    /// An error in `file` at `line`.
    pub fn at(file: impl Into<PathBuf>, line: Option<usize>, kind: ErrorKind) -> CorpusError {
        CorpusError {
            file: Some(file.into()),
            line,
            act: None,
            op: None,
            eid: None,
            kind: Box::new(kind),
        }
    }

    /// Sets the act.
    pub fn act(mut self, act: &RegistryId) -> CorpusError {
        self.act = Some(*act);
        self
    }
}

impl From<CheckError> for CorpusError {
    fn from(e: CheckError) -> CorpusError {
        CorpusError {
            file: e.origin.as_ref().map(|o| o.file.clone()),
            line: e.origin.as_ref().map(|o| o.line),
            act: Some(e.act),
            op: e.op,
            eid: e.eid,
            kind: Box::new(ErrorKind::Check(e.kind)),
        }
    }
}

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.line) {
            (Some(file), Some(line)) => write!(f, "{}:{}: ", file.display(), line)?,
            (Some(file), None) => write!(f, "{}: ", file.display())?,
            _ => {}
        }
        if let Some(act) = &self.act {
            write!(f, "{act}")?;
            if let Some(op) = self.op {
                write!(f, " operation #{op}")?;
            }
            if let Some(eid) = &self.eid {
                write!(f, " `{eid}`")?;
            }
            write!(f, ": ")?;
        } else if let Some(eid) = &self.eid {
            write!(f, "`{eid}`: ")?;
        }
        write!(f, "{}", self.kind)
    }
}

impl std::error::Error for CorpusError {}

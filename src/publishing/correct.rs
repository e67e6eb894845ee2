//! Correcting a published act: a correction request's changes applied to the act's
//! current effective text, its operations re-derived by the parser (refused if they
//! no longer parse), the corpus checked with the corrected act, and the record written
//! through the corpus transaction with its audit entry (action `correction`).

use std::path::{Path, PathBuf};

use crate::audit::{Action, AuditDraft, AuditEntry};
use crate::clause_markdown;
use crate::corpus::correction::{self as record_files, CorrectionFiles};
use crate::corpus::write::{act_dir, json};
use crate::corpus::{self, CorpusError, CorpusLock, ErrorKind, LoadOptions, transaction};
use crate::correction::{CorrectionError, apply_changes};
use crate::model::{Act, CorrectionRecord, CorrectionRequest, Node, RegistryId};
use crate::parse::{self, ParseError};

/// A correction written.
#[derive(Debug, Clone)]
pub struct Corrected {
    /// The act.
    pub id: RegistryId,
    /// The record.
    pub record: CorrectionRecord,
    /// Its directory.
    pub dir: PathBuf,
    /// How many operations were re-derived (`None` for an act that makes none).
    pub operations: Option<usize>,
    /// How many of them differ from the operations in force before.
    pub operations_changed: usize,
    /// The audit entry.
    pub audit: AuditEntry,
}

/// Why a correction is refused. Nothing is written in any of these cases.
#[derive(Debug, thiserror::Error)]
pub enum CorrectError {
    /// The corpus could not be read or written.
    #[error("{0}")]
    Corpus(#[from] Box<CorpusError>),
    /// The corpus has errors already.
    #[error("the corpus has {0} error(s); run `nusqa check` and fix them first")]
    CorpusInvalid(usize),
    /// No such act.
    #[error("act {0} is not in the corpus")]
    UnknownAct(RegistryId),
    /// A change does not apply (names the act, the file and the line).
    #[error("{0}")]
    Change(#[from] CorrectionError),
    /// The corrected text is not clause Markdown, or the corpus would have errors with it.
    #[error("the corrected act is not valid: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<CorpusError>),
    /// The corrected amending act's instructions no longer parse.
    #[error("{act}: the corrected text's instructions no longer parse: {}", errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Unparsed {
        /// The act.
        act: RegistryId,
        /// The parser's errors (item and abzats).
        errors: Vec<ParseError>,
    },
}

impl From<CorpusError> for CorrectError {
    fn from(e: CorpusError) -> CorrectError {
        CorrectError::Corpus(Box::new(e))
    }
}

/// Applies `request` (whose bytes as received are `payload`, hashed into the audit
/// entry) to act `id` of the corpus at `root`, as `who`, under the lock. The record's
/// author is the request's, or `who`.
pub fn correct(
    lock: &CorpusLock,
    root: &Path,
    opts: &LoadOptions,
    id: &RegistryId,
    request: &CorrectionRequest,
    payload: &[u8],
    who: &str,
) -> Result<Corrected, CorrectError> {
    transaction::recover(lock, root, opts)?;
    let (mut entries, errors, _) = corpus::load::read_entries(root, opts)?;
    if !errors.is_empty() {
        return Err(CorrectError::CorpusInvalid(errors.len()));
    }
    let (library, checks) = corpus::load::build(entries.clone());
    if !checks.is_empty() {
        return Err(CorrectError::CorpusInvalid(checks.len()));
    }
    let act = library.act(id).ok_or(CorrectError::UnknownAct(*id))?.clone();
    let (_, text, n) = record_files::effective_text(root, opts, id).map_err(CorrectError::Invalid)?;
    let corrected = apply_changes(id, &text, &request.reason, &request.changes)?;
    let target = act_dir(root, id)
        .join(record_files::CORRECTIONS_DIR)
        .join(record_files::dir_name(n));
    let tree: Vec<Node> = clause_markdown::parse(&corrected).map_err(|errs| {
        CorrectError::Invalid(
            errs.into_iter()
                .map(|e| CorpusError::at(target.join("text.kk.md"), Some(e.line), ErrorKind::Format(e.message)).act(id))
                .collect(),
        )
    })?;
    // As frozen: where each was read from is not part of an operation.
    let before: Vec<crate::amend::Operation> = library
        .ops_by(id)
        .iter()
        .map(|op| crate::amend::Operation {
            origin: None,
            ..op.clone()
        })
        .collect();
    let mut ops_json = None;
    let mut eif_json = None;
    let mut new_ops = Vec::new();
    let mut new_eif = None;
    if !before.is_empty() {
        let bases: Vec<(&Act, Vec<Node>)> = library
            .acts()
            .filter(|a| a.id != *id)
            .map(|a| (a, library.base(&a.id).unwrap_or_default()))
            .collect();
        let targets: Vec<(&Act, &[Node])> = bases.iter().map(|(a, b)| (*a, b.as_slice())).collect();
        let parsed = parse::parse_amending_act(&act, &tree, &targets)
            .map_err(|errors| CorrectError::Unparsed { act: *id, errors })?;
        ops_json = Some(json(&parsed.ops));
        // act.json is never rewritten: a clause it does not state is frozen beside it.
        let stated = corpus::load::read_act(&act_dir(root, id), opts)
            .map_err(CorrectError::Invalid)?
            .0
            .entry_into_force;
        if stated.is_none() {
            eif_json = parsed.entry_into_force.as_ref().map(json);
            new_eif = parsed.entry_into_force.clone();
        }
        new_ops = parsed.ops;
    }
    let changed = new_ops.len().abs_diff(before.len()) + new_ops.iter().zip(&before).filter(|(a, b)| a != b).count();
    for e in entries.iter_mut().filter(|e| e.entry.act.id == *id) {
        e.entry.base = tree.clone();
        if !before.is_empty() {
            e.entry.ops = new_ops.clone();
        }
        if new_eif.is_some() {
            e.entry.act.entry_into_force = new_eif.clone();
        }
    }
    let (_, after) = corpus::load::build(entries);
    if !after.is_empty() {
        return Err(CorrectError::Invalid(after));
    }
    let now = chrono::Utc::now();
    let record = CorrectionRecord {
        n,
        date: now.date_naive(),
        recorded: now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        author: request.author.clone().unwrap_or_else(|| who.to_string()),
        reason: request.reason.trim().to_string(),
        source: request.source.clone(),
        changes: request.changes.clone(),
    };
    let files = CorrectionFiles {
        text_kk: corrected.into_bytes(),
        ops_json,
        entry_into_force_json: eif_json,
    };
    let audit = AuditDraft::new(who, Action::Correction, id.as_str(), payload);
    let (dir, entry) = record_files::write_correction(lock, root, opts, id, &record, &files, audit)?;
    Ok(Corrected {
        id: *id,
        record,
        dir,
        operations: (!before.is_empty()).then_some(new_ops.len()),
        operations_changed: changed,
        audit: entry,
    })
}

//! The registry's own consolidated texts ("redactions") of an act, read as evidence.
//!
//! A redaction is the registry's text of an act on a date, with its editorial notes
//! (`Ескерту`, `Сноска`) saying which acts changed each clause. nusqa keeps the raw
//! text byte for byte in the corpus (`corpus` reads and writes it); this module, which
//! does no I/O, reads it:
//!
//! * [`record`]: the import record (`redactions.json`): provenance of each redaction
//!   and the act's metadata as the registry states it.
//! * [`markdown`]: the registry's Markdown → a clause tree with nusqa's eIds, and the
//!   notes with the clause each is about.
//! * [`notes`]: a note → what happened, by which act, with its entry-into-force phrase.
//! * [`history`]: the partial history of every clause and language: the intervals in
//!   which the evidence holds its text, with starts and ends that may be unknown.
//! * [`reconcile`]: the operations' wording against the registry's, clause by clause.
//!
//! Registry texts are evidence: they are never copied into what operations derive
//! (the timelines). Views read them beside the timelines.

pub mod history;
pub mod markdown;
pub mod notes;
pub mod reconcile;
pub mod record;

pub use history::{ActReadings, Bound, LangReadings, Reading, ReadingState};
pub use markdown::{ParsedRedaction, PlacedNote};
pub use notes::{AmendingRef, Note, NoteAction, NoteChange};
pub use reconcile::{Agreement, ClauseReconciliation, Reconciliation};
pub use record::{ActMetadata, ImportRecord, RedactionDate, RedactionRecord};

/// Why a redaction cannot be read, with its place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct RegistryError {
    /// The redaction's file name (under `redactions/`).
    pub file: String,
    /// The 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

mod applied;
pub use applied::{AppliedDate, applied_dates};

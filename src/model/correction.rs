//! Corrections of published acts: the request an editor makes, the record kept in the
//! corpus (`acts/<shard>/<id>/corrections/NNNN/correction.json`) and what views show.
//!
//! A published act is never edited in place: a correction is a new record holding the
//! act's text (and operations) as corrected, with a reason, an author and a date. The
//! latest correction's files are the act's effective ones; the originals stay.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One change of a correction: on `line` (1-based) of the act's current effective
/// `file`, the text `from`, which occurs exactly once on that line, becomes `to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TextChange {
    /// The file changed; `text.kk.md` is the one supported.
    pub file: String,
    /// The 1-based line in the current effective file.
    pub line: usize,
    /// The text as it stands (once on the line).
    pub from: String,
    /// What it becomes.
    pub to: String,
    /// Why: the source's reading (e.g. the OCR line).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

/// A correction request: the input of `nusqa correct ACT --changes FILE`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CorrectionRequest {
    /// Why the act is corrected (required).
    pub reason: String,
    /// The source the corrections come from, e.g. `corpus/sources/order-429-kk-ocr.txt`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Who asks (the CLI's `--as` or the principal takes precedence when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The changes, applied in order.
    pub changes: Vec<TextChange>,
}

/// `correction.json`: one correction as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CorrectionRecord {
    /// Its number: 1 for the first correction of the act, then one more each.
    pub n: u32,
    /// The day it was recorded (UTC).
    pub date: NaiveDate,
    /// When it was recorded (UTC, RFC 3339).
    pub recorded: String,
    /// Who recorded it.
    pub author: String,
    /// Why.
    pub reason: String,
    /// The source of the corrections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The changes, against the effective text before this correction (the original,
    /// or correction `n - 1`).
    pub changes: Vec<TextChange>,
}

/// What views say of a correction: "corrected on D: reason".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CorrectionInfo {
    /// Its number.
    pub n: u32,
    /// The day it was recorded.
    pub date: NaiveDate,
    /// Who recorded it.
    pub author: String,
    /// Why.
    pub reason: String,
    /// The source of the corrections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl From<&CorrectionRecord> for CorrectionInfo {
    fn from(r: &CorrectionRecord) -> CorrectionInfo {
        CorrectionInfo {
            n: r.n,
            date: r.date,
            author: r.author.clone(),
            reason: r.reason.clone(),
            source: r.source.clone(),
        }
    }
}

//! The typed answers of the publishing routes (`/api/v1/drafts…`, events, corrections,
//! the audit log): what `drafts_api.rs` sends, and what the OpenAPI document describes.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::audit::{AuditEntry, ChainSummary};
use crate::draft::{CheckReport, Preview};
use crate::model::RegistryId;
use crate::state::{Approval, Draft, DraftSource, DraftState};

/// `GET /api/v1/drafts/{id}`: a draft with its check report.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct DraftAnswer<'a> {
    /// Its id.
    pub id: &'a str,
    /// Submitted, approved, published or discarded.
    pub state: DraftState,
    /// Who submitted it.
    pub submitted_by: &'a str,
    /// When.
    pub submitted_at: DateTime<Utc>,
    /// Its metadata, in the `act.json` shape.
    pub meta: &'a serde_json::Value,
    /// Its text by language.
    pub text: &'a BTreeMap<String, String>,
    /// What it was read from.
    pub source: &'a DraftSource,
    /// Its approvals.
    pub approvals: &'a [Approval],
    /// The act it was published as.
    pub published_as: &'a Option<String>,
    /// Its check report.
    pub report: &'a CheckReport,
}

impl<'a> DraftAnswer<'a> {
    /// `draft` with `report`.
    pub fn new(draft: &'a Draft, report: &'a CheckReport) -> DraftAnswer<'a> {
        DraftAnswer {
            id: &draft.id,
            state: draft.state,
            submitted_by: &draft.submitted_by,
            submitted_at: draft.submitted_at,
            meta: &draft.meta,
            text: &draft.text,
            source: &draft.source,
            approvals: &draft.approvals,
            published_as: &draft.published_as,
            report,
        }
    }
}

/// One draft of the list.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct DraftLine<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its state.
    pub state: DraftState,
    /// Who submitted it.
    pub submitted_by: &'a str,
    /// When.
    pub submitted_at: DateTime<Utc>,
    /// The registry id its metadata gives.
    pub act: Option<&'a serde_json::Value>,
    /// The act it was published as.
    pub published_as: &'a Option<String>,
}

/// `GET /api/v1/drafts`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct DraftList<'a> {
    /// The drafts.
    pub drafts: Vec<DraftLine<'a>>,
}

/// `POST /api/v1/drafts` (201).
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Submitted<'a> {
    /// The new draft's id.
    pub id: &'a str,
    /// Its state.
    pub state: DraftState,
    /// Its check report.
    pub report: &'a CheckReport,
}

/// `GET /api/v1/drafts/{id}/preview`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct PreviewAnswer<'a> {
    /// The draft.
    pub id: &'a str,
    /// Its check report.
    pub report: &'a CheckReport,
    /// Per target act and date: the diff, the notes, the services impacted.
    pub preview: &'a Preview,
}

/// `POST /api/v1/drafts/{id}/approve` and `DELETE /api/v1/drafts/{id}`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct DraftStateAnswer<'a> {
    /// The draft.
    pub id: &'a str,
    /// Its state now.
    pub state: DraftState,
}

/// `POST /api/v1/drafts/{id}/publish` (201).
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Published {
    /// The act published.
    pub act: RegistryId,
    /// Its audit entry's number.
    pub audit_seq: u64,
}

/// `POST /api/v1/acts/{id}/events`: 201 when written, 200 when already so.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct EventAnswer {
    /// The act.
    pub act: RegistryId,
    /// The event's kind.
    pub kind: &'static str,
    /// Its date.
    pub date: NaiveDate,
    /// True when the event was already recorded so (nothing written).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unchanged: Option<bool>,
    /// The date it corrects, for a correction of a recorded date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corrects: Option<Option<NaiveDate>>,
    /// The audit entry's number, when written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audit_seq: Option<u64>,
}

/// `POST /api/v1/acts/{id}/corrections` (201).
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct CorrectionAnswer {
    /// The act corrected.
    pub act: RegistryId,
    /// The correction's number.
    pub n: u32,
    /// How many operations the corrected act makes, for an amending act.
    pub operations: Option<usize>,
    /// How many of them differ from those in force before.
    pub operations_changed: usize,
    /// The audit entry's number.
    pub audit_seq: u64,
}

/// Whether the audit chain verifies.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ChainAnswer {
    /// True when it does.
    pub ok: bool,
    /// What it holds, when it verifies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<ChainSummary>,
    /// The first broken entry, when it does not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub broken: Option<String>,
}

/// `GET /api/v1/audit`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct AuditAnswer {
    /// The entries, oldest first.
    pub entries: Vec<AuditEntry>,
    /// The chain's state.
    pub chain: ChainAnswer,
}

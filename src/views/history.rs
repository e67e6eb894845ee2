//! Every version of one node.

use serde::Serialize;

use super::ViewError;
use crate::consolidate::{self, PendingChange};
use crate::library::Library;
use crate::model::{EId, RegistryId, Version};

/// `history --json` and `GET /api/acts/{id}/history/{eid}`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct HistoryView<'a> {
    /// The act.
    pub act: RegistryId,
    /// The node.
    pub eid: EId,
    /// Its versions, oldest first, as contiguous half-open intervals.
    pub versions: &'a [Version],
    /// Operations aimed at it whose date is not known yet.
    pub pending: Vec<&'a PendingChange>,
}

impl<'a> HistoryView<'a> {
    /// The versions of `eid` in act `id`.
    pub fn build(lib: &'a Library, id: &RegistryId, eid: &EId) -> Result<HistoryView<'a>, ViewError> {
        let tl = lib.timeline(id).ok_or(ViewError::UnknownAct(*id))?;
        let versions = consolidate::history(tl, eid).ok_or_else(|| ViewError::UnknownNode {
            act: *id,
            eid: eid.clone(),
        })?;
        Ok(HistoryView {
            act: *id,
            eid: eid.clone(),
            versions,
            pending: tl.pending_for(eid),
        })
    }
}

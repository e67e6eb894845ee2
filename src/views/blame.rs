//! Who wrote each clause's wording on a date.

use chrono::NaiveDate;
use serde::Serialize;

use super::ViewError;
use crate::blame::BlameLine;
use crate::library::Library;
use crate::model::RegistryId;

/// `blame --json` and `GET /api/acts/{id}/blame`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct BlameView {
    /// The act.
    pub act: RegistryId,
    /// The date.
    pub date: NaiveDate,
    /// One line per node, in document order.
    pub nodes: Vec<BlameLine>,
}

impl BlameView {
    /// The blame of act `id` on `date`.
    pub fn build(lib: &Library, id: &RegistryId, date: NaiveDate) -> Result<BlameView, ViewError> {
        if lib.act(id).is_none() {
            return Err(ViewError::UnknownAct(*id));
        }
        Ok(BlameView {
            act: *id,
            date,
            nodes: crate::blame::blame(lib, id, date)?,
        })
    }
}

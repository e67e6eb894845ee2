//! Every version date of an act: the days its text changed, each with the version's
//! expression URI, and the changes whose day is not known yet with their earliest day.

use chrono::NaiveDate;
use serde::Serialize;

use super::ViewError;
use crate::consolidate::{PendingChange, change_dates};
use crate::library::Library;
use crate::model::RegistryId;

/// One version: from its first day to the day the next begins.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct VersionSpan {
    /// The first day.
    pub from: NaiveDate,
    /// The first day of the next version; `null` for the latest.
    pub to: Option<NaiveDate>,
    /// Its Akoma Ntoso expression URI (`…/kaz@FROM`).
    pub expression: String,
}

/// `GET /api/v1/acts/{id}/versions`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct VersionsView<'a> {
    /// The act.
    pub act: RegistryId,
    /// Oldest first; the first is the act's base text.
    pub versions: Vec<VersionSpan>,
    /// Changes waiting for an event: they have no day yet, only an earliest one.
    pub pending: &'a [PendingChange],
}

impl<'a> VersionsView<'a> {
    /// The versions of act `id`.
    pub fn build(lib: &'a Library, id: &RegistryId) -> Result<VersionsView<'a>, ViewError> {
        let (Some(act), Some(tl)) = (lib.act(id), lib.timeline(id)) else {
            return Err(ViewError::UnknownAct(*id));
        };
        let days = change_dates(tl);
        let versions = days
            .iter()
            .enumerate()
            .map(|(i, d)| VersionSpan {
                from: *d,
                to: days.get(i + 1).copied(),
                expression: crate::akn::meta::expression_uri(act, *d),
            })
            .collect();
        Ok(VersionsView {
            act: *id,
            versions,
            pending: &tl.pending,
        })
    }
}

//! An act as in force on a date, with its editorial notes.

use chrono::NaiveDate;
use serde::Serialize;

use super::ViewError;
use crate::consolidate::{self, Consolidated};
use crate::library::Library;
use crate::model::{Act, CorrectionInfo, Lang, RegistryId};
use crate::render::Notes;

/// `show --json` and `GET /api/acts/{id}`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ActView<'a> {
    /// The act's metadata.
    pub act: &'a Act,
    /// Its tree on the date.
    pub consolidated: Consolidated<'a>,
    /// Editorial notes by eId (empty when none were asked for).
    pub notes: Notes,
    /// The act's corrections, in order: "corrected on D: reason" (empty when none;
    /// the text is already the latest correction's).
    pub corrections: &'a [CorrectionInfo],
}

impl<'a> ActView<'a> {
    /// The act `id` on `date`, with notes in `notes` (none when `None`).
    pub fn build(
        lib: &'a Library,
        id: &RegistryId,
        date: NaiveDate,
        notes: Option<Lang>,
    ) -> Result<ActView<'a>, ViewError> {
        ActView::build_in(lib, id, date, notes, Lang::Kk)
    }

    /// [`ActView::build`] in `lang`: the operations' Kazakh wordings where they define
    /// a clause (in Kazakh), the registry's redactions in that language where the
    /// evidence holds them (see [`consolidate::consolidate_with`]).
    pub fn build_in(
        lib: &'a Library,
        id: &RegistryId,
        date: NaiveDate,
        notes: Option<Lang>,
        lang: Lang,
    ) -> Result<ActView<'a>, ViewError> {
        let (Some(act), Some(tl)) = (lib.act(id), lib.timeline(id)) else {
            return Err(ViewError::UnknownAct(*id));
        };
        let readings = lib.readings(id).and_then(|r| r.lang(lang));
        let consolidated = consolidate::consolidate_with(tl, readings, lang, date)?;
        let notes = notes
            .map(|lang| crate::notes::notes_map(lib, tl, &consolidated, lang))
            .unwrap_or_default();
        Ok(ActView {
            act,
            consolidated,
            notes,
            corrections: lib.corrections(id),
        })
    }
}

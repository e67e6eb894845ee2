//! What a draft would do: its effects on every target act, by effective date (pending
//! dates stay pending), and the state services it changes, worked out on a copy of
//! the library with the draft added. Nothing is written.

use serde::Serialize;

use super::check::DraftCheck;
use crate::library::Library;
use crate::services::{Impact, Registry};
use crate::views::{EffectView, ViewError};

/// A draft's preview.
#[derive(Debug, Serialize)]
pub struct Preview {
    /// The structural and word diff of every operation, by target act and date.
    pub effects: EffectView,
    /// The state services and attributes it changes, from which date; `None` when
    /// the services could not be worked out (the reason is in `services_error`).
    pub services: Option<Impact>,
    /// Why `services` is missing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub services_error: Option<String>,
}

/// Why a draft cannot be previewed.
#[derive(Debug, thiserror::Error)]
pub enum PreviewError {
    /// The draft does not read as an act with operations (see its report).
    #[error("the draft does not read as an amending act; see its check report")]
    NotReadable,
    /// The draft's act is already in the library.
    #[error("{0}")]
    Library(#[from] crate::library::AddError),
    /// A view failed.
    #[error("{0}")]
    View(#[from] ViewError),
}

/// The preview of a checked draft against `lib`.
pub fn preview(lib: &Library, check: &DraftCheck) -> Result<Preview, PreviewError> {
    let (entry, eif) = check.prepared.clone().ok_or(PreviewError::NotReadable)?;
    let id = entry.act.id;
    let mut entry = entry;
    if entry.act.entry_into_force.is_none() {
        entry.act.entry_into_force = eif;
    }
    let mut with = lib.clone();
    with.add_act(entry)?;
    let effects = EffectView::build(&with, &id, None)?;
    let (services, services_error) = match Registry::new(&with).impact(&id) {
        Ok(i) => (Some(i), None),
        Err(e) => (None, Some(e.to_string())),
    };
    Ok(Preview {
        effects,
        services,
        services_error,
    })
}

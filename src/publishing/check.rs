//! A stored draft checked against the registry: its metadata read as an `act.json`,
//! its Kazakh text checked by [`crate::draft::check`]. What approval and publication
//! require, and what the API and the UI show.

use crate::dates::EntryIntoForce;
use crate::draft::{self, CheckReport, Place, Problem, Severity};
use crate::library::{ActEntry, Library};
use crate::model::{Act, RegistryId};
use crate::state::Draft;

/// A draft's check: the report, and what publication would write.
#[derive(Debug, Clone)]
pub struct DraftCheck {
    /// The report (every problem with its place; `prepared` filled whenever the text
    /// could be read, even with errors, so that a preview can show it).
    pub report: CheckReport,
}

impl DraftCheck {
    /// The number of errors.
    pub fn errors(&self) -> usize {
        self.report.errors
    }

    /// The act as it would be published and its entry-into-force clause.
    pub fn prepared(&self) -> Option<(ActEntry, Option<EntryIntoForce>)> {
        self.report
            .prepared
            .as_ref()
            .map(|p| (p.entry.clone(), p.entry_into_force.clone()))
    }

    /// The acts the draft's operations amend, sorted.
    pub fn targets(&self) -> Vec<RegistryId> {
        let mut t: Vec<RegistryId> = self
            .report
            .prepared
            .iter()
            .flat_map(|p| p.entry.ops.iter().map(|op| op.target_act))
            .collect();
        t.sort();
        t.dedup();
        t
    }

    /// The report's typed view (docs/json.md's `CheckReport`).
    pub fn view(&self) -> &CheckReport {
        &self.report
    }
}

fn only(code: &'static str, message: String) -> DraftCheck {
    DraftCheck {
        report: CheckReport::new(
            vec![Problem {
                severity: Severity::Error,
                code,
                place: Place::default(),
                text: String::new(),
                message,
            }],
            None,
        ),
    }
}

/// Checks the stored `draft` against `lib`.
pub fn check_draft(lib: &Library, draft: &Draft) -> DraftCheck {
    let act: Act = match serde_json::from_value(draft.meta.clone()) {
        Ok(a) => a,
        Err(e) => return only("meta_invalid", format!("the metadata is not an act.json: {e}")),
    };
    match draft.text.get("kk") {
        Some(text) => DraftCheck {
            report: draft::check(lib, &act, text),
        },
        None => only("empty_text", "the draft has no Kazakh text".to_string()),
    }
}

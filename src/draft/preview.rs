//! What a draft would do, before it is published: per target act and per effective date,
//! the structural and word diff of the target, the operations with their editorial
//! notes, and the state services whose passports change.
//!
//! The draft is not in the library: it is added to a copy ([`super::in_force`]'s
//! `with_draft`), and the existing views are asked of that copy: `effect` for each
//! operation's before and after and its note, `diff` for the target on the date,
//! `services::impact` for the services. A date the draft's events have not fixed yet is
//! shown as pending with its earliest day, worked out by [`crate::what_if`] as the other
//! views do; never as a known date.

use chrono::NaiveDate;
use serde::Serialize;

use super::in_force;
use super::report::Prepared;
use crate::dates::DateStatus;
use crate::diff::{self, ActDiff, DiffOptions};
use crate::effect::{self, OpEffect};
use crate::library::Library;
use crate::model::RegistryId;
use crate::services::{self, Registry, model::Impact};
use crate::what_if;

/// The changes to one target act on one date.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct DatePreview {
    /// Scheduled or pending.
    pub status: DateStatus,
    /// The date, when it is known.
    pub date: Option<NaiveDate>,
    /// The earliest possible date, when pending.
    pub earliest: Option<NaiveDate>,
    /// True when the diff was worked out on the earliest day of a pending date.
    pub simulated: bool,
    /// The target the day before and on the day, node by node (the whole act's changes
    /// on that day, other acts' included).
    pub diff: Option<ActDiff>,
    /// The draft's operations taking effect then, each with its before and after, its
    /// word diff and its editorial note.
    pub operations: Vec<OpEffect>,
    /// The editorial notes the operations make, in Kazakh.
    pub notes: Vec<String>,
}

/// The changes to one target act.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TargetPreview {
    /// The target act.
    pub act: RegistryId,
    /// Its title.
    pub title: String,
    /// By date: scheduled dates in order, then pending ones.
    pub dates: Vec<DatePreview>,
}

/// A draft's preview.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Preview {
    /// The draft.
    pub act: RegistryId,
    /// By target act, in the order the draft first names them.
    pub targets: Vec<TargetPreview>,
    /// The state services the draft changes.
    pub services: Option<Impact>,
    /// Why the services could not be worked out, when they could not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub services_error: Option<String>,
}

/// The preview of the draft `prepared` against `lib`.
pub fn preview(lib: &Library, prepared: &Prepared) -> Preview {
    let id = prepared.entry.act.id;
    let (tmp, _) = in_force::with_draft(lib, &prepared.entry);
    let sim = tmp
        .act(&id)
        .filter(|a| what_if::has_pending(&tmp, a))
        .map(|a| what_if::with_pending_resolved(&tmp, a));
    let mut targets = Vec::new();
    for group in effect::effect(&tmp, &id, None) {
        let mut dates: Vec<DatePreview> = Vec::new();
        for e in group.operations {
            let pending = e.status == DateStatus::Pending;
            let found = dates
                .iter_mut()
                .find(|d| d.status == e.status && d.date.or(d.earliest) == e.date);
            let d = match found {
                Some(d) => d,
                None => {
                    let view = if pending { sim.as_ref().unwrap_or(&tmp) } else { &tmp };
                    let diff = e.date.and_then(|day| {
                        let tl = view.timeline(&group.act)?;
                        diff::diff(tl, day.pred_opt()?, day, DiffOptions::default()).ok()
                    });
                    dates.push(DatePreview {
                        status: e.status,
                        date: if pending { None } else { e.date },
                        earliest: if pending { e.date } else { None },
                        simulated: pending,
                        diff,
                        operations: Vec::new(),
                        notes: Vec::new(),
                    });
                    let Some(last) = dates.last_mut() else { continue };
                    last
                }
            };
            if let Some(n) = &e.note {
                d.notes.push(n.clone());
            }
            d.operations.push(e);
        }
        dates.sort_by_key(|d| (d.status == DateStatus::Pending, d.date.or(d.earliest)));
        targets.push(TargetPreview {
            act: group.act,
            title: group.title,
            dates,
        });
    }
    let (services, services_error) = match services::impact::impact(&Registry::new(&tmp), &id) {
        Ok(i) => (Some(i), None),
        Err(e) => (None, Some(e.to_string())),
    };
    Preview {
        act: id,
        targets,
        services,
        services_error,
    }
}

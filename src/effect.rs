//! What an amending act does: for every operation, its target, its date or rule, and
//! the node before and after, with the word diff. Grouped by target act.
//!
//! A scheduled operation is read off the timelines (the day before, and the day of,
//! its effective date). A pending one is simulated: the target as it stands on the
//! earliest possible date, with the operation applied by `amend::apply`, the same
//! semantics the timelines use.

use chrono::NaiveDate;
use serde::Serialize;

use crate::amend::{self, Operation};
use crate::consolidate::{ConsolidatedNode, Status, consolidate};
use crate::dates::{DateStatus, Resolved};
use crate::diff::{WordDiff, normalize::normalize, words};
use crate::library::Library;
use crate::model::{EId, Lang, RegistryId};
use crate::render::label;

/// A node's reading at one moment: its status and the text of its whole subtree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Reading {
    /// The status.
    pub status: Status,
    /// The subtree's text, one line per abzats, children labelled ("1) …").
    pub text: Option<String>,
}

/// The effect of one operation.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct OpEffect {
    /// The operation's index in its act.
    pub index: usize,
    /// The operation, with its effective date worked out.
    pub operation: crate::views::OperationView,
    /// The date it takes (or, pending, may earliest take) effect.
    pub date: Option<NaiveDate>,
    /// Scheduled or pending.
    pub status: DateStatus,
    /// True when `after` was simulated because the date is not known yet.
    pub simulated: bool,
    /// The target the day before.
    pub before: Option<Reading>,
    /// The target on the day.
    pub after: Option<Reading>,
    /// The word diff of the two texts, when both exist and differ.
    pub words: Option<WordDiff>,
    /// The editorial note the operation makes, in Kazakh.
    pub note: Option<String>,
}

/// The effects on one target act.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TargetEffects {
    /// The target act.
    pub act: RegistryId,
    /// Its title.
    pub title: String,
    /// The operations aimed at it, in document order.
    pub operations: Vec<OpEffect>,
}

/// Appends a node's text, its first line prefixed with its label unless it is the node
/// the reading is of.
fn push_text(out: &mut Vec<String>, text: Option<&str>, label_: Option<String>, top: bool) {
    let Some(text) = text.filter(|t| !t.is_empty()) else {
        return;
    };
    let prefix = if top {
        String::new()
    } else {
        label_.map(|l| format!("{l} ")).unwrap_or_default()
    };
    for (i, line) in text.lines().enumerate() {
        out.push(if i == 0 {
            format!("{prefix}{line}")
        } else {
            line.to_string()
        });
    }
}

fn flatten(n: &ConsolidatedNode<'_>, out: &mut Vec<String>, top: bool) {
    push_text(out, n.text, label(n.kind, n.num), top);
    for c in &n.children {
        flatten(c, out, false);
    }
}

fn reading_of(n: &ConsolidatedNode<'_>) -> Reading {
    let mut lines = Vec::new();
    flatten(n, &mut lines, true);
    Reading {
        status: n.status,
        text: (!lines.is_empty()).then(|| lines.join("\n")),
    }
}

/// The node an operation's effect is shown on: its target, or the inserted node.
fn shown(op: &Operation) -> Option<EId> {
    match &op.change {
        amend::Change::Insert { content, .. } => Some(content.eid.clone()),
        _ => op.target.clone(),
    }
}

/// The effects of `amending`'s operations, grouped by target act (optionally one).
pub fn effect(lib: &Library, amending: &RegistryId, only: Option<&RegistryId>) -> Vec<TargetEffects> {
    let mut groups: Vec<TargetEffects> = Vec::new();
    let Some(source) = lib.act(amending) else { return groups };
    // Pending operations are read off one simulation in which all of them apply.
    let sim = crate::what_if::has_pending(lib, source).then(|| crate::what_if::with_pending_resolved(lib, source));
    for (index, op) in lib.ops_by(amending).iter().enumerate() {
        if only.is_some_and(|t| t != &op.target_act) {
            continue;
        }
        let resolved = lib.resolve(op).unwrap_or(Resolved::Pending { earliest: None });
        let date = resolved.earliest();
        let mut e = OpEffect {
            index,
            operation: crate::views::OperationView::new(op, index, Some(resolved)),
            date,
            status: resolved.status(),
            simulated: false,
            before: None,
            after: None,
            words: None,
            note: crate::notes::note(op, source, Lang::Kk),
        };
        if let (Some(tl), Some(date), Some(eid)) = (lib.timeline(&op.target_act), date, shown(op)) {
            let pred = date.pred_opt().unwrap_or(date);
            e.before = consolidate(tl, pred)
                .ok()
                .and_then(|c| c.find(eid.as_str()).map(reading_of));
            match resolved {
                Resolved::Scheduled(_) => {
                    e.after = consolidate(tl, date)
                        .ok()
                        .and_then(|c| c.find(eid.as_str()).map(reading_of));
                }
                Resolved::Pending { .. } => {
                    e.simulated = true;
                    e.after = sim
                        .as_ref()
                        .and_then(|sim| sim.timeline(&op.target_act))
                        .and_then(|stl| consolidate(stl, date).ok())
                        .and_then(|c| c.find(eid.as_str()).map(reading_of));
                }
            }
        }
        if let (Some(Reading { text: Some(b), .. }), Some(Reading { text: Some(a), .. })) = (&e.before, &e.after)
            && normalize(b) != normalize(a)
        {
            e.words = Some(words::word_diff(b, a, words::DEFAULT_DEADLINE));
        }
        match groups.iter_mut().find(|g| g.act == op.target_act) {
            Some(g) => g.operations.push(e),
            None => groups.push(TargetEffects {
                act: op.target_act,
                title: lib
                    .act(&op.target_act)
                    .map(|a| a.title(Lang::Kk).to_string())
                    .unwrap_or_default(),
                operations: vec![e],
            }),
        }
    }
    groups
}

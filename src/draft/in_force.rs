//! The draft's operations against the targets as in force on their dates.
//!
//! The parser only knows whether a node ever exists; whether it is in force on the
//! operation's date is the library's to say, with the one semantics of `amend::apply`.
//! So the draft is added to a copy of the library (built from [`Library::entries`], as
//! the corpus is checked) and its operations are replayed with everyone else's:
//!
//! * a scheduled operation on its date;
//! * a pending one on the earliest day the draft's awaited events can happen (its
//!   registration, else its adoption, as [`crate::what_if`] does), and then on every
//!   later possible date: a node another act removes later is reported too;
//! * an operation that fails only because another act's pending operations (Order
//!   No. 429 creating a subparagraph, say) have not applied yet is checked again with
//!   every pending act resolved on its earliest day: if it applies then, it is a warning
//!   naming those acts, not an error.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::amend::{AmendError, Change};
use crate::consolidate::{ActTimeline, CheckError, CheckKind};
use crate::dates::{Resolved, resolve};
use crate::library::{ActEntry, Library};
use crate::model::{Content, EId, Event, Node, RegistryId};
use crate::what_if;

/// What is wrong with one operation of the draft, or with the draft's own record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Finding {
    /// The operation's index, `None` for the act itself.
    pub op: Option<usize>,
    /// Error (true) or warning.
    pub error: bool,
    /// The problem code.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
}

/// `entries` with `events` added to their acts, built into a library; its findings.
fn build(mut entries: Vec<ActEntry>, events: &BTreeMap<RegistryId, Vec<Event>>) -> (Library, Vec<CheckError>) {
    for e in &mut entries {
        if let Some(evs) = events.get(&e.act.id) {
            for ev in evs {
                if e.act.event_date(ev.kind).is_none() {
                    e.act.events.push(ev.clone());
                }
            }
        }
    }
    Library::build(entries)
}

/// The events every act with pending operations waits for, on their earliest days.
fn all_awaited(lib: &Library) -> BTreeMap<RegistryId, Vec<Event>> {
    let mut out = BTreeMap::new();
    for act in lib.acts() {
        if !what_if::has_pending(lib, act) {
            continue;
        }
        let day = what_if::earliest_day(act);
        let evs: Vec<Event> = what_if::awaited_events(lib, act)
            .into_iter()
            .map(|k| Event::new(k, day))
            .collect();
        out.insert(act.id, evs);
    }
    out
}

/// The library with every pending act's awaited events recorded on their earliest days.
pub(super) fn all_pending_resolved(lib: &Library) -> Library {
    let events = all_awaited(lib);
    if events.is_empty() {
        return lib.clone();
    }
    build(lib.entries(), &events).0
}

/// Every node an act ever has (in `lib`'s timelines), each with its last text that is
/// not repealed: what the parser resolves names against.
pub(super) fn ever_tree(tl: &ActTimeline) -> Vec<Node> {
    fn go(tl: &ActTimeline, eid: &EId) -> Option<Node> {
        let n = tl.nodes.get(eid)?;
        let v = n
            .versions
            .iter()
            .rev()
            .find(|v| v.state.content != Content::Repealed)
            .or_else(|| n.versions.last())?;
        Some(Node {
            eid: eid.clone(),
            num: v.state.num.clone(),
            heading: v.state.heading.clone(),
            content: v.state.content.clone(),
            children: n.children.iter().filter_map(|c| go(tl, c)).collect(),
        })
    }
    tl.roots.iter().filter_map(|r| go(tl, r)).collect()
}

/// `lib` with the draft `entry` in it (an act of the same id replaced), and the
/// library's findings about the draft.
pub(super) fn with_draft(lib: &Library, entry: &ActEntry) -> (Library, Vec<CheckError>) {
    let mut entries: Vec<ActEntry> = lib.entries().into_iter().filter(|e| e.act.id != entry.act.id).collect();
    entries.push(entry.clone());
    let (tmp, errors) = Library::build(entries);
    let id = entry.act.id;
    (tmp, errors.into_iter().filter(|e| about(e, &id)).collect())
}

/// True when a finding is about the act `id` (or one of its operations).
fn about(e: &CheckError, id: &RegistryId) -> bool {
    e.act == *id || matches!(&e.kind, CheckKind::SameDay { first, second, .. } if first == id || second == id)
}

fn absent(e: &AmendError) -> bool {
    matches!(
        e,
        AmendError::TargetMissing(_) | AmendError::TargetRepealed(_) | AmendError::AlreadyDeleted(_)
    )
}

/// The node an operation needs in force: its target (an insertion's anchor).
fn needed(change: &Change, target: Option<&EId>) -> Option<EId> {
    match change {
        Change::Repeal => None,
        _ => target.cloned(),
    }
}

/// Checks every operation of `entry` against the targets on its dates.
pub(super) fn check(lib: &Library, entry: &ActEntry) -> Vec<Finding> {
    let id = entry.act.id;
    let (tmp, real) = with_draft(lib, entry);
    let ops = &entry.ops;
    // The draft's pending operations, on the earliest day.
    let draft_events: BTreeMap<RegistryId, Vec<Event>> = match tmp.act(&id) {
        Some(a) if what_if::has_pending(&tmp, a) => {
            let day = what_if::earliest_day(a);
            let evs = what_if::awaited_events(&tmp, a)
                .into_iter()
                .map(|k| Event::new(k, day))
                .collect();
            BTreeMap::from([(id, evs)])
        }
        _ => BTreeMap::new(),
    };
    let (sim, at_earliest) = if draft_events.is_empty() {
        (tmp.clone(), Vec::new())
    } else {
        let (l, e) = build(tmp.entries(), &draft_events);
        (l, e.into_iter().filter(|e| about(e, &id)).collect())
    };
    // Every pending act resolved: what another act's pending operations make.
    let everything = all_awaited(&tmp);
    let resolved_all: Vec<CheckError> = if everything.len() > draft_events.len() {
        build(tmp.entries(), &everything)
            .1
            .into_iter()
            .filter(|e| about(e, &id))
            .collect()
    } else {
        at_earliest.iter().chain(&real).cloned().collect()
    };
    let fails_anyway = |i: usize| {
        resolved_all
            .iter()
            .any(|e| e.op == Some(i) && e.act == id && matches!(e.kind, CheckKind::Apply { .. }))
    };
    let pending_acts = |target: &RegistryId| -> Vec<String> {
        tmp.acts()
            .filter(|a| a.id != id && what_if::has_pending(&tmp, a))
            .filter(|a| tmp.ops_by(&a.id).iter().any(|o| &o.target_act == target))
            .map(|a| a.id.to_string())
            .collect()
    };
    let mut out = Vec::new();
    let mut seen: BTreeSet<(Option<usize>, String)> = BTreeSet::new();
    for (e, simulated) in real
        .iter()
        .map(|e| (e, false))
        .chain(at_earliest.iter().map(|e| (e, true)))
    {
        let op = if e.act == id { e.op } else { None };
        let Some(f) = finding(e, op, simulated, &id, ops, &fails_anyway, &pending_acts) else {
            continue;
        };
        if seen.insert((op, f.code.to_string())) {
            out.push(f);
        }
    }
    later_removals(&sim, entry, &mut out);
    same_node_twice(entry, &mut out);
    out
}

/// A library finding about the draft, as a [`Finding`].
fn finding(
    e: &CheckError,
    op: Option<usize>,
    simulated: bool,
    id: &RegistryId,
    ops: &[crate::amend::Operation],
    fails_anyway: &dyn Fn(usize) -> bool,
    pending_acts: &dyn Fn(&RegistryId) -> Vec<String>,
) -> Option<Finding> {
    let when = |date: &NaiveDate| {
        if simulated {
            format!("on {date}, the earliest day the draft can take force")
        } else {
            format!("on {date}")
        }
    };
    let f = |error: bool, code: &'static str, message: String| Finding {
        op,
        error,
        code,
        message,
    };
    Some(match &e.kind {
        CheckKind::Apply { date, error } => {
            let i = op?;
            let target = ops.get(i).map(|o| o.target_act);
            if !fails_anyway(i) {
                let others = target.map(|t| pending_acts(&t)).unwrap_or_default();
                f(
                    false,
                    "target_node_awaits_pending",
                    format!(
                        "{error} {}; it applies once the pending operations of {} take effect first",
                        when(date),
                        if others.is_empty() {
                            "other acts".to_string()
                        } else {
                            others.join(", ")
                        }
                    ),
                )
            } else if absent(error) {
                f(
                    true,
                    "target_node_absent",
                    format!(
                        "{error} {} in {}",
                        when(date),
                        target.map_or(String::new(), |t| t.to_string())
                    ),
                )
            } else {
                f(true, "operation_fails", format!("{error} {}", when(date)))
            }
        }
        CheckKind::SameDay {
            eid,
            date,
            first,
            second,
        } => {
            let other = if first == id { second } else { first };
            f(
                true,
                "same_day_conflict",
                format!(
                    "an operation of {other} also changes `{eid}` {}, and no order between the two acts is stated",
                    when(date)
                ),
            )
        }
        CheckKind::BeforeTarget { date, base } => f(
            true,
            "operation_before_target",
            format!("effective {date}, on or before the target act's own text of {base}"),
        ),
        CheckKind::Tree(t) => f(true, "malformed_tree", t.to_string()),
        CheckKind::UnknownTargetAct(t) => f(
            true,
            "unresolved_target_act",
            format!("target act {t} is not in the registry"),
        ),
        CheckKind::PendingTargetMissing(_) => return None,
        // The simulation records events of its own: only the metadata's are the draft's.
        other if e.act == *id && op.is_none() && !simulated => f(true, "bad_event", other.to_string()),
        _ => return None,
    })
}

/// A pending operation's target in force on its earliest date but removed on a later
/// possible one by another act.
fn later_removals(sim: &Library, entry: &ActEntry, out: &mut Vec<Finding>) {
    let id = entry.act.id;
    let Some(act) = sim.act(&id) else { return };
    let pending = entry_act_pending(entry);
    for (i, op) in entry.ops.iter().enumerate() {
        if !pending.get(i).copied().unwrap_or(false) || out.iter().any(|f| f.op == Some(i)) {
            continue;
        }
        let Some(date) = resolve(&op.effective, act).date() else {
            continue;
        };
        let Some(eid) = needed(&op.change, op.target.as_ref()) else {
            continue;
        };
        let Some(n) = sim.timeline(&op.target_act).and_then(|tl| tl.nodes.get(&eid)) else {
            continue;
        };
        let removal = n
            .versions
            .iter()
            .find(|v| v.validity.from > date && v.state.content == Content::Repealed && v.state.source.act != id);
        if let Some(v) = removal {
            out.push(Finding {
                op: Some(i),
                error: false,
                code: "target_node_absent_later",
                message: format!(
                    "`{eid}` is in force on {date}, the earliest day, but {} removes it from {}: the operation fails if the draft takes force on or after that day",
                    v.state.source.act, v.validity.from
                ),
            });
        }
    }
}

/// Which of the entry's operations are pending against its own recorded events.
fn entry_act_pending(entry: &ActEntry) -> Vec<bool> {
    entry
        .ops
        .iter()
        .map(|op| matches!(resolve(&op.effective, &entry.act), Resolved::Pending { .. }))
        .collect()
}

/// Two operations of the draft on one node with one rule (so one day), insertions
/// apart.
fn same_node_twice(entry: &ActEntry, out: &mut Vec<Finding>) {
    let mut first: BTreeMap<(RegistryId, EId, String), usize> = BTreeMap::new();
    for (i, op) in entry.ops.iter().enumerate() {
        if matches!(op.change, Change::Insert { .. } | Change::Repeal) {
            continue;
        }
        let Some(t) = &op.target else { continue };
        let rule = serde_json::to_string(&op.effective).unwrap_or_default();
        match first.get(&(op.target_act, t.clone(), rule.clone())) {
            Some(&j) => out.push(Finding {
                op: Some(i),
                error: false,
                code: "same_node_twice",
                message: format!(
                    "operation {j} of the draft changes `{t}` of {} on the same day; they apply in the text's order",
                    op.target_act
                ),
            }),
            None => {
                first.insert((op.target_act, t.clone(), rule), i);
            }
        }
    }
}

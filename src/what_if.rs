//! What an amending act would do once the events its pending operations wait for have
//! happened: the one simulation of pending operations, used by `effect` and by the
//! services' `impact`.
//!
//! The library is copied and each awaited event of the act is recorded on the earliest
//! day it can happen (the act's registration, else its adoption). Every pending
//! operation then has a date, and all of them are applied in order, with the same
//! semantics as the real timelines; two pending operations on the same node compose as
//! they will once the date is known.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::dates::{EffectiveRule, Resolved};
use crate::library::Library;
use crate::model::{Act, EventKind};

/// True when some operation of `act` is pending.
pub fn has_pending(lib: &Library, act: &Act) -> bool {
    lib.ops_by(&act.id)
        .iter()
        .any(|op| matches!(lib.resolve(op), Some(Resolved::Pending { .. })))
}

/// The events `act`'s pending operations wait for.
pub fn awaited_events(lib: &Library, act: &Act) -> BTreeSet<EventKind> {
    let mut events = BTreeSet::new();
    for op in lib.ops_by(&act.id) {
        if !matches!(lib.resolve(op), Some(Resolved::Pending { .. })) {
            continue;
        }
        match &op.effective {
            EffectiveRule::AfterEvent { event, .. } => {
                events.insert(*event);
            }
            EffectiveRule::OnEntryIntoForce => {
                let event = match act.entry_into_force.as_ref().map(|e| &e.default) {
                    Some(EffectiveRule::AfterEvent { event, .. }) => *event,
                    _ => EventKind::EntryIntoForce,
                };
                events.insert(event);
            }
            EffectiveRule::Fixed { .. } => {}
        }
    }
    events
}

/// The earliest day an event of `act` can happen: its registration, else its adoption.
pub fn earliest_day(act: &Act) -> NaiveDate {
    act.registration.as_ref().and_then(|r| r.date).unwrap_or(act.date)
}

/// A copy of `lib` in which the events that `act`'s pending operations wait for are
/// recorded on the earliest day they can happen.
pub fn with_pending_resolved(lib: &Library, act: &Act) -> Library {
    let mut sim = lib.clone();
    let floor = earliest_day(act);
    for e in awaited_events(lib, act) {
        // Recording on the registration date cannot fail for a known act; if it did,
        // the operations would stay pending and be shown as such.
        let _ = sim.record_event(&act.id, e, floor);
    }
    sim
}

//! An act's change dates, and the changes still ahead of a date: what the act page's
//! version timeline and its "changes not yet in force" box show. Pure: read off the
//! timeline, nothing re-applied.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::timeline::ActTimeline;
use crate::model::{EId, RegistryId};

/// Changes by one amending act that take force on one day after the date asked about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheduled {
    /// The day they take force.
    pub from: NaiveDate,
    /// The amending act.
    pub by: RegistryId,
    /// The clauses whose wording starts then, in eId order.
    pub eids: Vec<EId>,
}

/// Changes by one amending act whose day is not known yet (they wait for an event).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiting {
    /// The amending act.
    pub by: RegistryId,
    /// The earliest day they can take force, when known.
    pub earliest: Option<NaiveDate>,
    /// The clauses they are aimed at (none for a change of the whole act).
    pub eids: Vec<EId>,
}

/// What is ahead of a date.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Upcoming {
    /// Dated changes after the date, earliest first.
    pub scheduled: Vec<Scheduled>,
    /// Changes waiting for an event.
    pub waiting: Vec<Waiting>,
}

impl Upcoming {
    /// True when nothing is ahead.
    pub fn is_empty(&self) -> bool {
        self.scheduled.is_empty() && self.waiting.is_empty()
    }
}

/// Every day the act's text changes after its base text, in order (the base date first).
pub fn change_dates(tl: &ActTimeline) -> Vec<NaiveDate> {
    let mut days: Vec<NaiveDate> = tl
        .nodes
        .values()
        .flat_map(|n| n.versions.iter().map(|v| v.validity.from))
        .chain(std::iter::once(tl.base_date))
        .chain(tl.repealed_on)
        .filter(|d| *d >= tl.base_date)
        .collect();
    days.sort();
    days.dedup();
    days
}

/// The changes after `date`: wordings that start later, grouped by day and amending act,
/// and the changes still waiting for an event.
pub fn upcoming(tl: &ActTimeline, date: NaiveDate) -> Upcoming {
    let mut scheduled: BTreeMap<(NaiveDate, RegistryId), Vec<EId>> = BTreeMap::new();
    for (eid, n) in &tl.nodes {
        for v in n.versions.iter().filter(|v| v.validity.from > date) {
            let by = v.state.source.act;
            if by != tl.act {
                scheduled.entry((v.validity.from, by)).or_default().push(eid.clone());
            }
        }
    }
    let mut waiting: BTreeMap<RegistryId, (Option<NaiveDate>, Vec<EId>)> = BTreeMap::new();
    for p in &tl.pending {
        let w = waiting.entry(p.source.act).or_insert((p.earliest, Vec::new()));
        w.0 = match (w.0, p.earliest) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        if let Some(t) = &p.target {
            w.1.push(t.clone());
        }
    }
    Upcoming {
        scheduled: scheduled
            .into_iter()
            .map(|((from, by), mut eids)| {
                eids.sort();
                eids.dedup();
                Scheduled { from, by, eids }
            })
            .collect(),
        waiting: waiting
            .into_iter()
            .map(|(by, (earliest, mut eids))| {
                eids.sort();
                eids.dedup();
                Waiting { by, earliest, eids }
            })
            .collect(),
    }
}

//! Resolving and ordering the operations aimed at one act.
//!
//! Scheduled operations are ordered by (effective date, amending act's adoption date,
//! amending act's id, index of the operation in its act): a total order that depends on
//! the data only, never on the order in which acts were loaded. Inside one amending act
//! the document order is the stated order.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::checks::{CheckError, CheckKind};
use crate::amend::Operation;
use crate::dates::{self, Resolved};
use crate::model::{Act, EId, Provenance, RegistryId};

/// An operation with a known effective date.
#[derive(Debug, Clone)]
pub struct ScheduledOp<'a> {
    /// The operation.
    pub op: &'a Operation,
    /// Its index among its amending act's operations.
    pub index: usize,
    /// Its effective date.
    pub date: NaiveDate,
    /// Its amending act's adoption date (an ordering key).
    pub source_date: NaiveDate,
}

impl ScheduledOp<'_> {
    /// The provenance of what it makes.
    pub fn provenance(&self) -> Provenance {
        self.op.provenance(self.index)
    }

    fn key(&self) -> (NaiveDate, NaiveDate, &RegistryId, usize) {
        (self.date, self.source_date, &self.op.source_act, self.index)
    }
}

/// A change whose date hangs on an event not yet recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct PendingChange {
    /// The node it aims at; `None` for repealing the whole act.
    pub target: Option<EId>,
    /// The operation kind.
    pub kind: &'static str,
    /// The earliest date it can take effect.
    pub earliest: Option<NaiveDate>,
    /// Who makes it.
    pub source: Provenance,
    /// Where the operation was read from.
    #[serde(skip)]
    pub origin: Option<crate::amend::Origin>,
}

/// The operations aimed at one act, resolved and ordered.
#[derive(Debug, Clone, Default)]
pub struct Schedule<'a> {
    /// Operations with a date, in application order.
    pub scheduled: Vec<ScheduledOp<'a>>,
    /// Operations waiting for an event.
    pub pending: Vec<PendingChange>,
}

impl<'a> Schedule<'a> {
    /// Resolves `ops` (all aimed at `target`) against their amending acts, drops and
    /// reports those dated on or before the day the target's base text holds from (the
    /// base text is what the act says on that day), and orders the rest.
    /// `ops` pairs each operation with its index in its amending act.
    pub fn build(
        target: &Act,
        ops: &[(&'a Operation, usize)],
        acts: &BTreeMap<RegistryId, Act>,
        errors: &mut Vec<CheckError>,
    ) -> Schedule<'a> {
        let mut s = Schedule::default();
        let base = target.base_date();
        for &(op, index) in ops {
            let Some(source) = acts.get(&op.source_act) else {
                continue;
            };
            match dates::resolve(&op.effective, source) {
                Resolved::Scheduled(date) if date <= base => errors.push(CheckError {
                    act: op.source_act,
                    op: Some(index),
                    origin: op.origin.clone(),
                    eid: op.target.clone(),
                    kind: CheckKind::BeforeTarget { date, base },
                }),
                Resolved::Scheduled(date) => s.scheduled.push(ScheduledOp {
                    op,
                    index,
                    date,
                    source_date: source.date,
                }),
                Resolved::Pending { earliest } => s.pending.push(PendingChange {
                    target: op.target.clone(),
                    kind: op.change.kind_name(),
                    earliest,
                    source: op.provenance(index),
                    origin: op.origin.clone(),
                }),
            }
        }
        s.scheduled.sort_by(|a, b| a.key().cmp(&b.key()));
        s.pending
            .sort_by(|a, b| (a.earliest, &a.source.act, a.source.op).cmp(&(b.earliest, &b.source.act, b.source.op)));
        s.check_same_day(errors);
        s
    }

    /// Reports operations of different amending acts that change one node on one day.
    fn check_same_day(&self, errors: &mut Vec<CheckError>) {
        let mut seen: BTreeMap<(NaiveDate, &EId), &ScheduledOp<'_>> = BTreeMap::new();
        for s in &self.scheduled {
            let Some(target) = s.op.target.as_ref() else { continue };
            match seen.get(&(s.date, target)) {
                Some(prev) if prev.op.source_act != s.op.source_act => errors.push(CheckError {
                    act: s.op.source_act,
                    op: Some(s.index),
                    origin: s.op.origin.clone(),
                    eid: Some(target.clone()),
                    kind: CheckKind::SameDay {
                        eid: target.clone(),
                        date: s.date,
                        first: prev.op.source_act,
                        second: s.op.source_act,
                    },
                }),
                _ => {
                    seen.insert((s.date, target), s);
                }
            }
        }
    }
}

//! What an amending act does to the state services: for each operation, the service
//! whose Rules it aims at; for each service and date, the clauses it changes and the
//! attributes whose passport differs the day before and the day of.
//!
//! An attribute counts as changed by the act when its value differs (in substance: the
//! statements, their clauses and versions) and one of the clauses stating it before or
//! after is a clause the act changes that day. Operations whose date is not yet known
//! are shown as pending with their earliest date; their effect is worked out on a copy
//! of the library in which the events they wait for are recorded on the earliest
//! possible day (the act's registration, else adoption), so the same extraction rules
//! apply. Nothing of that copy is ever stored.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};

use super::Registry;
use super::ServiceError;
use super::model::{
    Attribute, AttributeChange, AttributeValue, DatedChange, Impact, OutsideChange, Passport, ServiceId, ServiceImpact,
};
use super::passport::Context;
use super::span;
use crate::dates::{DateStatus, Resolved};
use crate::model::{EId, RegistryId};

/// The impact of `act` on the services of `reg`.
pub fn impact(reg: &Registry<'_>, act_id: &RegistryId) -> Result<Impact, ServiceError> {
    let lib = reg.library();
    let act = lib.act(act_id).ok_or(ServiceError::UnknownAct(*act_id))?;
    let ops = lib.ops_by(act_id);
    let resolved: Vec<Option<Resolved>> = ops.iter().map(|op| lib.resolve(op)).collect();
    let any_pending = resolved.iter().any(|r| matches!(r, Some(Resolved::Pending { .. })));
    let simulated = any_pending.then(|| crate::what_if::with_pending_resolved(lib, act));
    let sim_reg = simulated.as_ref().map(Registry::new);

    // (service, pending, date in its view) → operation indexes and earliest date.
    type Key = (ServiceId, bool, Option<NaiveDate>);
    let mut groups: BTreeMap<Key, (Vec<usize>, Option<NaiveDate>)> = BTreeMap::new();
    let mut outside = Vec::new();
    for (i, (op, r)) in ops.iter().zip(&resolved).enumerate() {
        let Some(r) = r else { continue };
        let (view, pending, date) = match r {
            Resolved::Scheduled(d) => (reg, false, Some(*d)),
            Resolved::Pending { .. } => {
                let view = sim_reg.as_ref().unwrap_or(reg);
                (view, true, view.library().resolve(op).and_then(|x| x.date()))
            }
        };
        let hit: Vec<&ServiceId> = view
            .definitions()
            .iter()
            .map(|d| &d.id)
            .filter(|id| id.act == op.target_act && op.target.as_ref().is_none_or(|t| t.is_within(&id.rules)))
            .collect();
        if hit.is_empty() {
            outside.push(OutsideChange {
                target_act: op.target_act,
                target: op.target.clone(),
                op: i,
            });
        }
        for id in hit {
            let entry = groups.entry((id.clone(), pending, date)).or_default();
            entry.0.push(i);
            entry.1 = match (entry.1, r.earliest()) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
    }

    let mut by_service: BTreeMap<ServiceId, ServiceImpact> = BTreeMap::new();
    for ((id, pending, date), (op_ix, earliest)) in groups {
        let view = if pending { sim_reg.as_ref().unwrap_or(reg) } else { reg };
        let def = view.find(&id)?;
        let ctx = Context::new(view.library(), def)?;
        let change = match date {
            Some(d) => dated_change(&ctx, act_id, d, pending, earliest, op_ix),
            None => DatedChange {
                status: DateStatus::Pending,
                date: None,
                earliest,
                ops: op_ix,
                clauses: Vec::new(),
                attributes: Vec::new(),
                ends_service: false,
            },
        };
        let entry = by_service.entry(id.clone()).or_insert_with(|| ServiceImpact {
            id: id.clone(),
            name: None,
            changes: Vec::new(),
        });
        if entry.name.is_none() {
            entry.name = service_name(&ctx, date);
        }
        entry.changes.push(change);
    }
    let mut services: Vec<ServiceImpact> = by_service.into_values().collect();
    for s in &mut services {
        s.changes
            .sort_by_key(|c| (c.status == DateStatus::Pending, c.date.or(c.earliest)));
    }
    Ok(Impact {
        act: *act_id,
        services,
        outside,
    })
}

fn dated_change(
    ctx: &Context<'_>,
    act: &RegistryId,
    date: NaiveDate,
    pending: bool,
    earliest: Option<NaiveDate>,
    ops: Vec<usize>,
) -> DatedChange {
    let rules = &ctx.def.id.rules;
    let before: Option<Passport> = date.checked_sub_days(Days::new(1)).and_then(|d| ctx.passport(d).ok());
    let after = ctx.passport(date);
    let ends_service = matches!(
        after,
        Err(ServiceError::Repealed { .. }) | Err(ServiceError::Absent { .. })
    );
    let after = after.ok();
    // The top-most clauses the act changes that day (a replaced paragraph, not each of
    // its abzats and cells).
    let mut clauses: Vec<EId> = Vec::new();
    for eid in span::document_order(ctx.tl, rules) {
        let changed = ctx.tl.nodes.get(&eid).is_some_and(|n| {
            n.versions
                .iter()
                .any(|v| v.validity.from == date && &v.state.source.act == act)
        });
        if changed && !clauses.iter().any(|c| eid.is_within(c)) {
            clauses.push(eid);
        }
    }
    let gone = || AttributeValue::Unknown {
        reason: "the Rules are not in force".to_string(),
        see: Vec::new(),
    };
    let mut attributes = Vec::new();
    for a in Attribute::ALL {
        let b = before
            .as_ref()
            .and_then(|p| p.attributes.get(a))
            .cloned()
            .unwrap_or_else(gone);
        let f = after
            .as_ref()
            .and_then(|p| p.attributes.get(a))
            .cloned()
            .unwrap_or_else(gone);
        if b.same_substance(&f) {
            continue;
        }
        let touched = b
            .statements()
            .iter()
            .chain(f.statements())
            .any(|s| clauses.iter().any(|c| c.is_within(&s.eid) || s.eid.is_within(c)));
        if touched || ends_service {
            attributes.push(AttributeChange {
                attribute: a,
                before: b,
                after: f,
            });
        }
    }
    DatedChange {
        status: if pending {
            DateStatus::Pending
        } else {
            DateStatus::Scheduled
        },
        date: (!pending).then_some(date),
        earliest: if pending { earliest } else { Some(date) },
        ops,
        clauses,
        attributes,
        ends_service,
    }
}

fn service_name(ctx: &Context<'_>, date: Option<NaiveDate>) -> Option<String> {
    let dates: Vec<NaiveDate> = date
        .into_iter()
        .chain(date.and_then(|d| d.checked_sub_days(Days::new(1))))
        .collect();
    for d in dates {
        if let Ok(p) = ctx.passport(d)
            && let Some(n) = p.name.kk.text()
        {
            return Some(n.to_string());
        }
    }
    let tl = ctx.tl;
    tl.nodes
        .get(&ctx.def.id.rules)
        .and_then(|n| n.versions.iter().rev().find_map(|v| v.state.heading.clone()))
        .map(|h| super::extract::heading_name(&h))
}

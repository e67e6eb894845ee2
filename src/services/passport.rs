//! A service's passport on a date, and why each attribute nobody states is unknown.
//!
//! An attribute is `known` when some clause or row held on the date states it,
//! `partial` when list items are held but the clause that introduces the list is not,
//! and `unknown` otherwise. An unknown attribute's reason is built from what the registry
//! holds, in this order (all that apply):
//! 1. clauses or rows that state the attribute in another version (earlier, later, or
//!    the wording of a pending amendment) and are not held, repealed or not yet there
//!    on the date: "paragraph 4 of the Rules (att_1__para_4) is not held by the
//!    registry; its wording in force from 2025-12-06 states the provider";
//! 2. clauses held on the date that say in which annex it is stated, and what the
//!    registry holds of that annex;
//! 3. requirements lists (tables with requirements rows, on any date) of which the
//!    registry holds only some rows, or none;
//! 4. otherwise "not stated in any clause held", saying when the registry does not hold
//!    the full text of the Rules.
//!
//! No value is ever filled in from another date: a reason names where the value would
//! be, never what it would be.

use chrono::NaiveDate;

use crate::consolidate::{ActTimeline, PendingChange};
use crate::library::Library;
use crate::model::{Act, EId, NodeKind};

use super::ServiceError;
use super::clause::{Clause, Held};
use super::discover;
use super::extract::{self, Extraction};
use super::model::{Attribute, AttributeValue, Attributes, Passport, Reference, ServiceDef, ServiceId};
use super::span::{self, Existence, NodeState};

/// A service's Rules with what the rules read in them on every date they change.
pub struct Context<'l> {
    /// The service.
    pub def: &'l ServiceDef,
    /// The approving act.
    pub act: &'l Act,
    /// Its timeline.
    pub tl: &'l ActTimeline,
    /// The extraction on every boundary date at which the Rules are in force.
    pub over_time: Vec<(NaiveDate, Extraction)>,
    /// The wordings of pending amendments aimed at the Rules, with their extraction.
    pub pending_wordings: Vec<(PendingChange, Extraction)>,
}

impl<'l> Context<'l> {
    /// Reads the Rules of `def` on every date at which they change.
    pub fn new(lib: &'l Library, def: &'l ServiceDef) -> Result<Context<'l>, ServiceError> {
        let id = &def.id;
        let act = lib.act(&id.act).ok_or(ServiceError::UnknownAct(id.act))?;
        let tl = lib.timeline(&id.act).ok_or(ServiceError::UnknownAct(id.act))?;
        let over_time = span::boundaries(tl, &id.rules)
            .into_iter()
            .filter_map(|d| Clause::at(tl, &id.rules, d).map(|c| (d, extract::extract(&c))))
            .collect();
        let pending_wordings = discover::pending_wordings(lib, tl, &id.rules);
        Ok(Context {
            def,
            act,
            tl,
            over_time,
            pending_wordings,
        })
    }

    fn id(&self) -> &ServiceId {
        &self.def.id
    }

    /// The passport on `date`, or why there is none.
    pub fn passport(&self, date: NaiveDate) -> Result<Passport, ServiceError> {
        let id = self.id();
        match span::existence(self.tl, &id.rules, date) {
            Existence::InForce => {}
            Existence::BeforeAct { base } => {
                return Err(ServiceError::BeforeRules {
                    id: id.clone(),
                    base,
                    date,
                });
            }
            Existence::Absent => return Err(ServiceError::Absent { id: id.clone(), date }),
            Existence::Repealed { since, by } => {
                return Err(ServiceError::Repealed {
                    id: id.clone(),
                    since,
                    by,
                    date,
                });
            }
        }
        let root = Clause::at(self.tl, &id.rules, date).ok_or_else(|| ServiceError::Absent { id: id.clone(), date })?;
        let x = extract::extract(&root);
        let attributes = Attribute::ALL
            .iter()
            .map(|&a| (a, self.value(a, date, &root, &x)))
            .collect();
        Ok(Passport {
            id: id.clone(),
            date,
            name: discover::names(self.act, &root, &x),
            rules: discover::rules_ref(self.act, &root),
            authority: discover::authority(self.act),
            classified_by: self.def.classified_by.clone(),
            attributes: Attributes(attributes),
            pending: span::pending(self.tl, &id.rules, Some(date)),
        })
    }

    fn value(&self, a: Attribute, date: NaiveDate, root: &Clause<'_>, x: &Extraction) -> AttributeValue {
        let statements: Vec<_> = x.of(a).filter_map(|f| f.statement()).collect();
        if statements.is_empty() {
            let (reason, see) = self.explain(a, date, root, x);
            return AttributeValue::Unknown { reason, see };
        }
        let partial: Vec<String> = x
            .partial
            .iter()
            .filter(|p| p.attribute == a)
            .map(|p| {
                format!(
                    "{} ({}), which introduces these items, is not held by the registry; the list may have more items",
                    span::describe(&p.intro, &self.id().rules),
                    p.intro
                )
            })
            .collect();
        if partial.is_empty() {
            AttributeValue::Known { statements }
        } else {
            AttributeValue::Partial {
                statements,
                reason: partial.join("; "),
            }
        }
    }

    /// Why `a` is unknown on `date`, and the clauses that say where it is stated.
    fn explain(&self, a: Attribute, date: NaiveDate, root: &Clause<'_>, x: &Extraction) -> (String, Vec<Reference>) {
        let rules = &self.id().rules;
        let label = |e: &EId| format!("{} ({e})", span::describe(e, rules));
        let mut reasons: Vec<String> = Vec::new();
        let mut see = Vec::new();

        // 1. Clauses that state it in other versions.
        let mut defining: Vec<(EId, NaiveDate)> = Vec::new();
        for (_, other) in &self.over_time {
            for f in other.of(a) {
                if let Some(since) = f.since
                    && !defining.iter().any(|(e, _)| *e == f.eid)
                {
                    defining.push((f.eid.clone(), since));
                }
            }
        }
        // A statement inside a clause that is not there on the date is explained by its
        // nearest ancestor that is: "paragraph 6 is not held; its wording … states the term
        // (in att_1__para_6__abz_9)".
        let mut carriers: Vec<(EId, NaiveDate, Vec<EId>)> = Vec::new();
        for (eid, from) in &defining {
            let carrier = self.carrier(eid, date);
            match carriers.iter_mut().find(|(c, f, _)| *c == carrier && f == from) {
                Some((_, _, inner)) => inner.push(eid.clone()),
                None => carriers.push((carrier, *from, vec![eid.clone()])),
            }
        }
        for (carrier, from, inner) in &carriers {
            let phrase = a.phrase();
            let within: Vec<&str> = inner.iter().filter(|e| *e != carrier).map(EId::as_str).collect();
            let within = if within.is_empty() {
                String::new()
            } else {
                format!(" (in {})", within.join(", "))
            };
            match span::node_state(self.tl, carrier, date) {
                NodeState::Text => {}
                NodeState::NotHeld => reasons.push(format!(
                    "{} is not held by the registry; its wording in force from {from} states {phrase}{within}",
                    label(carrier)
                )),
                NodeState::Repealed { since, by } => reasons.push(format!(
                    "{}, whose wording in force from {from} states {phrase}{within}, is repealed since {since} by {by}",
                    label(carrier)
                )),
                NodeState::Absent { .. } => reasons.push(format!(
                    "{} does not exist yet; its wording in force from {from} states {phrase}{within}",
                    label(carrier)
                )),
            }
        }
        for (change, wording) in &self.pending_wordings {
            let mut grouped: Vec<(EId, Vec<EId>)> = Vec::new();
            for f in wording.of(a) {
                if defining.iter().any(|(e, _)| *e == f.eid) {
                    continue;
                }
                let carrier = self.carrier(&f.eid, date);
                match grouped.iter_mut().find(|(c, _)| *c == carrier) {
                    Some((_, inner)) => {
                        if !inner.contains(&f.eid) {
                            inner.push(f.eid.clone());
                        }
                    }
                    None => grouped.push((carrier, vec![f.eid.clone()])),
                }
            }
            for (carrier, inner) in grouped {
                let now = match span::node_state(self.tl, &carrier, date) {
                    NodeState::Text => "reads otherwise",
                    NodeState::NotHeld => "is not held by the registry",
                    NodeState::Repealed { .. } => "is repealed",
                    NodeState::Absent { .. } => "does not exist yet",
                };
                let within: Vec<&str> = inner.iter().filter(|e| **e != carrier).map(EId::as_str).collect();
                let within = if within.is_empty() {
                    String::new()
                } else {
                    format!(" (in {})", within.join(", "))
                };
                let earliest = change.earliest.map_or("unknown".to_string(), |d| d.to_string());
                reasons.push(format!(
                    "{} {now}; an amendment by {} whose date is not yet known (earliest {earliest}) gives it a wording that states {}{within}",
                    label(&carrier),
                    change.source.act,
                    a.phrase()
                ));
            }
        }

        // 2. Clauses held on the date that point to an annex.
        let mut pointed: Vec<EId> = Vec::new();
        for p in x.pointers.iter().filter(|p| p.attributes.contains(&a)) {
            let Ok(annex) = rules.child(NodeKind::Attachment, Some(&p.annex)) else {
                continue;
            };
            if let Some(since) = p.since {
                see.push(Reference {
                    eid: p.eid.clone(),
                    since,
                    source: p.source.clone(),
                    points_to: annex.clone(),
                });
            }
            let says = format!("{} says it is stated in {}", label(&p.eid), label(&annex));
            let held = root.find(&annex);
            let tables: Vec<_> = x.tables.iter().filter(|t| t.eid.is_within(&annex)).collect();
            let reason = match held {
                None => format!("{says}, which the registry does not hold"),
                Some(c) if c.held == Held::NotHeld && tables.is_empty() => {
                    format!("{says}, whose text the registry does not hold")
                }
                Some(_) => match tables.iter().find(|t| !t.held) {
                    Some(t) => format!(
                        "{says}; the registry holds {} of its table ({}), not the row for {}",
                        rows_held(t),
                        t.eid,
                        a.phrase()
                    ),
                    None => format!("{says}, which has no row for {}", a.phrase()),
                },
            };
            pointed.push(annex);
            reasons.push(reason);
        }

        // 3. Requirements lists, known on any date, of which only some rows are held.
        let mut lists: Vec<EId> = Vec::new();
        let all_tables = self
            .over_time
            .iter()
            .flat_map(|(_, o)| o.tables.iter())
            .chain(&x.tables);
        for t in all_tables.filter(|t| t.is_requirements_list()) {
            if !lists.contains(&t.eid) {
                lists.push(t.eid.clone());
            }
        }
        for t_eid in lists {
            if pointed.iter().any(|p| t_eid.is_within(p)) || defining.iter().any(|(e, _)| e.is_within(&t_eid)) {
                continue;
            }
            match x.tables.iter().find(|t| t.eid == t_eid) {
                None => {}
                Some(t) if !t.rows.iter().any(|r| r.held && r.attribute.is_some()) => {
                    reasons.push(format!("the requirements list ({t_eid}) is not held by the registry"))
                }
                Some(t) if !t.held => reasons.push(format!(
                    "the registry holds {} of the requirements list ({t_eid}), not the row for {}",
                    rows_held(t),
                    a.phrase()
                )),
                Some(_) => reasons.push(format!("the requirements list ({t_eid}) has no row for {}", a.phrase())),
            }
        }

        // 4. Nothing points anywhere.
        if reasons.is_empty() {
            let mut not_held = false;
            root.walk(&mut |c| not_held |= c.held == Held::NotHeld);
            reasons.push(if not_held {
                "not stated in any clause held; the registry does not hold the full text of the Rules".to_string()
            } else {
                "not stated in any clause held".to_string()
            });
        }
        reasons.dedup();
        (reasons.join("; "), see)
    }
}

impl Context<'_> {
    /// `eid` when it exists on `date`, else its nearest ancestor within the Rules that
    /// does.
    fn carrier(&self, eid: &EId, date: NaiveDate) -> EId {
        let mut cur = eid.clone();
        loop {
            let exists = !matches!(span::node_state(self.tl, &cur, date), NodeState::Absent { .. });
            if exists || cur == self.def.id.rules {
                return cur;
            }
            match cur.parent() {
                Some(p) => cur = p,
                None => return cur,
            }
        }
    }
}

fn rows_held(t: &extract::TableInfo) -> String {
    let nums: Vec<&str> = t
        .rows
        .iter()
        .filter(|r| r.held)
        .map(|r| r.num.as_deref().unwrap_or("?"))
        .collect();
    match nums.len() {
        0 => "no row".to_string(),
        1 => format!("only row {}", nums[0]),
        _ => format!("only rows {}", nums.join(", ")),
    }
}

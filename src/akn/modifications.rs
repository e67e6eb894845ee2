//! Modifications. In an amending act every instruction is a `<mod>`: a `<ref>` to its
//! target (the target's work URI and `~eId`) on the instruction's line and a
//! `<quotedStructure>` holding the new wording's lines; `activeModifications` gives a
//! `textualMod` per operation with its `<source>` (the `<mod>`), `<destination>` and
//! `<force>` (a temporal group) — none for an operation still waiting for an event,
//! which refers to `#pending` instead. In an amended act, `passiveModifications`
//! gives the operations in force by the version's day, the pending ones, and the known
//! amendments whose text nusqa lacks, marked `incomplete="true"`.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::body::{self, PENDING};
use super::eids::{self, EIdMap};
use super::lifecycle::Lifecycle;
use super::text;
use super::xml::El;
use crate::amend::{Change, Operation};
use crate::consolidate::consolidate;
use crate::dates::Resolved;
use crate::library::Library;
use crate::model::{Act, EId, RegistryId};

/// One instruction: abzats `from..=to` of an item, and the operations it makes.
#[derive(Debug, Clone)]
pub struct Group {
    /// The first abzats (1-based).
    pub from: u32,
    /// The last abzats.
    pub to: u32,
    /// The operations, as indexes into the act's operations.
    pub ops: Vec<usize>,
    /// The first operation's destination (work URI and `~eId`).
    pub href: String,
}

/// An amending act's instructions, by item, with their targets resolved.
#[derive(Debug, Clone, Default)]
pub struct Active {
    by_item: HashMap<String, Vec<Group>>,
    /// Each operation's destination and effective date.
    targets: Vec<(String, Option<NaiveDate>)>,
}

/// The `textualMod` type of a change.
pub fn mod_type(change: &Change) -> &'static str {
    match change {
        Change::Replace { .. } | Change::ReplaceWords { .. } | Change::ReplaceAttachment { .. } => "substitution",
        Change::Delete | Change::DeleteWords { .. } | Change::Repeal => "repeal",
        Change::Insert { .. } => "insertion",
        Change::Renumber { .. } => "renumbering",
    }
}

/// The key under which the eId pass records a `<mod>`'s eId.
fn mod_key(op: usize) -> String {
    format!("#mod{op}")
}

/// The AKN eIds of acts' clauses, computed once per act and date.
#[derive(Default)]
pub struct TargetEIds {
    cache: RefCell<HashMap<(RegistryId, NaiveDate), EIdMap>>,
}

impl TargetEIds {
    /// The AKN eId of `eid` in `act`'s export on `date` (nusqa's eId when the act does not
    /// render it then).
    pub fn eid(&self, lib: &Library, act: &RegistryId, eid: &EId, date: NaiveDate) -> String {
        let mut cache = self.cache.borrow_mut();
        let map = cache.entry((*act, date)).or_insert_with(|| clause_map(lib, act, date));
        map.akn(eid.as_str()).unwrap_or(eid.as_str()).to_string()
    }
}

/// The clause eIds of `id`'s export on `date` (empty when it cannot be consolidated).
pub fn clause_map(lib: &Library, id: &RegistryId, date: NaiveDate) -> EIdMap {
    let (Some(act), Some(tl)) = (lib.act(id), lib.timeline(id)) else {
        return EIdMap::default();
    };
    let Ok(c) = consolidate(tl, date.max(tl.base_date)) else {
        return EIdMap::default();
    };
    let active = Active::default();
    let none = |_: NaiveDate| None;
    let cx = body::Ctx {
        act,
        c: &c,
        base: tl.base_date,
        period: &none,
        active: &active,
    };
    let mut doc = body::document(&cx);
    eids::assign(&mut doc)
}

impl Active {
    /// The instructions of `act` (none when it amends nothing), their targets' eIds
    /// taken from the targets' exports on the operations' days (`asked` for pending ones).
    pub fn build(lib: &Library, act: &Act, asked: NaiveDate, targets: &TargetEIds) -> Active {
        let ops = lib.ops_by(&act.id);
        let mut out = Active::default();
        for op in ops {
            let date = lib.resolve(op).and_then(|r| r.date());
            let work = lib
                .act(&op.target_act)
                .map_or(String::new(), |a| a.work_uri.to_string());
            let href = match &op.target {
                Some(t) => format!("{work}/~{}", targets.eid(lib, &op.target_act, t, date.unwrap_or(asked))),
                None => work,
            };
            out.targets.push((href, date));
        }
        let mut groups: BTreeMap<(String, u32, u32), Vec<usize>> = BTreeMap::new();
        for (i, op) in ops.iter().enumerate() {
            if let Some(r) = op.source_abzats {
                groups
                    .entry((op.source_item.clone(), r.from, r.to))
                    .or_default()
                    .push(i);
            }
        }
        for ((item, from, to), ix) in groups {
            let href = out.targets[ix[0]].0.clone();
            out.by_item.entry(item).or_default().push(Group {
                from,
                to,
                ops: ix,
                href,
            });
        }
        out
    }

    /// The instructions in an item, in order.
    pub fn groups(&self, item: &str) -> Option<&[Group]> {
        self.by_item.get(item).map(Vec::as_slice)
    }

    /// The blocks of an item's text, its instructions as `<mod>`s.
    pub fn blocks(&self, t: &str, groups: &[Group]) -> Vec<El> {
        let lines: Vec<&str> = t.split('\n').collect();
        let mut out = Vec::new();
        let mut plain: Vec<&str> = Vec::new();
        let mut i = 0usize;
        while i < lines.len() {
            let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
            let Some(g) = groups.iter().find(|g| g.from == n) else {
                plain.push(lines[i]);
                i += 1;
                continue;
            };
            if !plain.is_empty() {
                out.extend(text::blocks(&plain.join("\n")));
                plain.clear();
            }
            let end = usize::try_from(g.to).unwrap_or(usize::MAX).min(lines.len());
            let mut r = El::new("ref").attr("href", g.href.clone());
            r.children = text::para(lines[i]).children;
            let mut m = El::new("mod").child(r);
            m.internal = Some(mod_key(g.ops[0]));
            if end > i + 1 {
                let mut q = El::new("quotedStructure");
                for b in text::blocks(&lines[i + 1..end].join("\n")) {
                    q.push(b);
                }
                m.push(q);
            }
            out.push(El::new("p").child(m));
            i = end.max(i + 1);
        }
        if !plain.is_empty() {
            out.extend(text::blocks(&plain.join("\n")));
        }
        out
    }

    /// `activeModifications`, when the act makes operations.
    pub fn modifications(&self, ops: &[Operation], map: &EIdMap, life: &Lifecycle) -> Option<El> {
        if ops.is_empty() {
            return None;
        }
        let mut am = El::new("activeModifications");
        let mut source_of: HashMap<usize, String> = HashMap::new();
        for gs in self.by_item.values() {
            for g in gs {
                if let Some(e) = map.akn(&mod_key(g.ops[0])) {
                    for &o in &g.ops {
                        source_of.insert(o, format!("#{e}"));
                    }
                }
            }
        }
        for (i, op) in ops.iter().enumerate() {
            let Some((dest, date)) = self.targets.get(i) else {
                continue;
            };
            let src = source_of
                .get(&i)
                .cloned()
                .unwrap_or_else(|| format!("#{}", op.source_item));
            let mut tm = El::new("textualMod")
                .attr("type", mod_type(&op.change))
                .attr("eId", format!("amod_{}", i + 1))
                .child(El::new("source").attr("href", src))
                .child(El::new("destination").attr("href", dest.clone()));
            match date.and_then(|d| life.period(d)) {
                Some(p) => tm.push(El::new("force").attr("period", p)),
                None => tm.set("refersTo", PENDING),
            }
            am.push(tm);
        }
        Some(am)
    }
}

/// `passiveModifications` of an amended act's version: the operations in force by
/// `version`, those waiting for an event, and the known amendments nusqa has no text of.
pub fn passive(lib: &Library, act: &Act, version: NaiveDate, map: &EIdMap, life: &Lifecycle) -> Option<El> {
    let mut pm = El::new("passiveModifications");
    let mut n = 0;
    let mut push = |mut tm: El| {
        n += 1;
        tm.set("eId", format!("pmod_{n}"));
        pm.push(tm);
    };
    let dest = |eid: &Option<EId>| match eid {
        Some(e) => format!("#{}", map.akn(e.as_str()).unwrap_or(e.as_str())),
        None => format!("{}", act.work_uri),
    };
    let source = |op: &Operation| {
        let work = lib
            .act(&op.source_act)
            .map_or(String::new(), |a| a.work_uri.to_string());
        format!("{work}/~{}", op.source_item)
    };
    if let Some(s) = lib.schedule(&act.id) {
        for so in s
            .scheduled
            .iter()
            .filter(|so| so.date <= version && so.op.source_act != act.id)
        {
            let mut tm = El::new("textualMod")
                .attr("type", mod_type(&so.op.change))
                .child(El::new("source").attr("href", source(so.op)))
                .child(El::new("destination").attr("href", dest(&so.op.target)));
            if let Some(p) = life.period(so.date) {
                tm.push(El::new("force").attr("period", p));
            }
            push(tm);
        }
        for pc in &s.pending {
            let Some(op) = lib.ops_by(&pc.source.act).get(pc.source.op.unwrap_or(usize::MAX)) else {
                continue;
            };
            if !matches!(lib.resolve(op), Some(Resolved::Pending { .. })) {
                continue;
            }
            push(
                El::new("textualMod")
                    .attr("type", mod_type(&op.change))
                    .attr("refersTo", PENDING)
                    .child(El::new("source").attr("href", source(op)))
                    .child(El::new("destination").attr("href", dest(&op.target))),
            );
        }
    }
    for k in &life.known_without_text {
        let Some(a) = lib.act(k) else { continue };
        push(
            El::new("textualMod")
                .attr("type", "substitution")
                .attr("incomplete", "true")
                .child(El::new("source").attr("href", a.work_uri.to_string()))
                .child(El::new("destination").attr("href", act.work_uri.to_string())),
        );
    }
    (!pm.children.is_empty()).then_some(pm)
}

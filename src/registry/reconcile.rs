//! Two derivations of one act, side by side: the operations' wording of each clause
//! against the registry's redaction, per clause and language. Every difference is
//! listed; only typography ([`crate::diff::normalize`]) is not a difference.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::history::{ActReadings, ReadingState};
use super::notes::NoteAction;
use crate::consolidate::{Consolidated, ConsolidatedNode, Status};
use crate::diff::normalize::normalize;
use crate::diff::words::{DEFAULT_DEADLINE, Segment, WordDiff, word_diff};
use crate::model::{Content, EId, Lang, Provenance, RegistryId};

/// How the two readings of a clause compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Agreement {
    /// The same wording, word for word (typography aside), or both repealed.
    Agree,
    /// Different wordings.
    Differ,
    /// Only the registry holds a wording.
    OnlyRegistry,
    /// Only the operations make one.
    OnlyOperations,
}

/// One clause in one language.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ClauseReconciliation {
    /// The clause.
    pub eid: EId,
    /// The language.
    pub lang: Lang,
    /// How they compare.
    pub agreement: Agreement,
    /// The operations' wording (`None` when they make none; repealed is `{repealed}`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operations: Option<String>,
    /// Who made the operations' wording.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Provenance>,
    /// The registry's wording.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registry: Option<String>,
    /// The redaction it is read from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redaction: Option<String>,
    /// The word diff, operations → registry, when they differ.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diff: Option<WordDiff>,
    /// The number of words that differ (a replaced run counts its longer side).
    pub words: usize,
}

/// A clause flagged by the alignment of the languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct AlignmentFlag {
    /// The clause.
    pub eid: EId,
    /// What is found: `only_kk`, `only_ru`, `amended_in_one` (an act named in one
    /// language's notes and not the other's, or said to change one language only).
    pub flag: &'static str,
    /// Details.
    pub detail: String,
}

/// The reconciliation of an act on a date.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Reconciliation {
    /// The act.
    pub act: RegistryId,
    /// The date.
    pub date: NaiveDate,
    /// Counts by agreement and language.
    pub summary: BTreeMap<String, usize>,
    /// Every clause, in document order, Kazakh then Russian.
    pub clauses: Vec<ClauseReconciliation>,
    /// The alignment of the Russian redactions with the Kazakh ones.
    pub alignment: Vec<AlignmentFlag>,
}

/// The number of words that differ in a diff: per change, the longer of its sides.
pub fn changed_words(d: &WordDiff) -> usize {
    let words = |s: &str| {
        s.split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    };
    let mut total = 0;
    let (mut del, mut ins) = (0, 0);
    for s in &d.segments {
        match s {
            Segment::Equal(_) => {
                total += del.max(ins);
                del = 0;
                ins = 0;
            }
            Segment::Delete(t) => del += words(t),
            Segment::Insert(t) => ins += words(t),
        }
    }
    total + del.max(ins)
}

fn content_text(c: &Content) -> Option<String> {
    match c {
        Content::Text { text } => Some(text.clone()),
        Content::Repealed => Some("{repealed}".to_string()),
        Content::NotHeld => None,
    }
}

/// Reconciles `ops` (the act consolidated from operations alone, on `date`) with the
/// registry's readings on that date.
pub fn reconcile(ops: &Consolidated<'_>, readings: &ActReadings, date: NaiveDate) -> Reconciliation {
    let mut defined: BTreeMap<&EId, &ConsolidatedNode<'_>> = BTreeMap::new();
    let mut order: Vec<&EId> = Vec::new();
    ops.walk(&mut |n| {
        order.push(n.eid);
        if n.source.item.is_some() && matches!(n.status, Status::InForce | Status::Repealed) {
            defined.insert(n.eid, n);
        }
    });
    let mut clauses = Vec::new();
    for (lang, lr) in &readings.langs {
        // Document order: the registry's, with the operations' clauses merged in.
        let mut eids: Vec<EId> = Vec::new();
        fn go(lr: &super::LangReadings, e: &EId, out: &mut Vec<EId>) {
            out.push(e.clone());
            for c in lr.children.get(e).into_iter().flatten() {
                go(lr, c, out);
            }
        }
        for r in &lr.roots {
            go(lr, r, &mut eids);
        }
        for e in &order {
            if defined.contains_key(e) && !eids.contains(e) {
                eids.push((*e).clone());
            }
        }
        for eid in eids {
            let reading = lr
                .at(&eid, date)
                .filter(|(_, s)| *s == ReadingState::Held)
                .map(|(r, _)| r);
            let reg = reading.and_then(|r| content_text(&r.content));
            let op = defined.get(&eid).filter(|_| *lang == Lang::Kk);
            let op_text = op.map(|n| match n.status {
                Status::Repealed => "{repealed}".to_string(),
                _ => n.text.unwrap_or("").to_string(),
            });
            let (agreement, diff) = match (&op_text, &reg) {
                (Some(a), Some(b)) => {
                    let (na, nb) = (normalize(a), normalize(b));
                    if na == nb {
                        (Agreement::Agree, None)
                    } else {
                        (Agreement::Differ, Some(word_diff(&na, &nb, DEFAULT_DEADLINE)))
                    }
                }
                (Some(_), None) => (Agreement::OnlyOperations, None),
                (None, Some(_)) => (Agreement::OnlyRegistry, None),
                (None, None) => continue,
            };
            let words = diff.as_ref().map_or(0, changed_words);
            clauses.push(ClauseReconciliation {
                eid,
                lang: *lang,
                agreement,
                operations: op_text,
                source: op.map(|n| n.source.clone()),
                registry: reg,
                redaction: reading.and_then(|r| r.seen_in.last().cloned()),
                diff,
                words,
            });
        }
    }
    let mut summary = BTreeMap::new();
    for c in &clauses {
        let lang = serde_json::to_value(c.lang)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        let ag = serde_json::to_value(c.agreement)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        *summary.entry(format!("{lang}.{ag}")).or_insert(0) += 1;
    }
    Reconciliation {
        act: readings.act,
        date,
        summary,
        clauses,
        alignment: alignment(readings),
    }
}

/// Flags the clauses that exist in one language only, and those whose notes name an
/// act in one language and not the other (or say it changed one language only).
pub fn alignment(readings: &ActReadings) -> Vec<AlignmentFlag> {
    let (Some(kk), Some(ru)) = (readings.lang(Lang::Kk), readings.lang(Lang::Ru)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut all: Vec<&EId> = kk.nodes.keys().chain(ru.nodes.keys()).collect();
    all.sort();
    all.dedup();
    for eid in all {
        match (kk.nodes.contains_key(eid), ru.nodes.contains_key(eid)) {
            (true, false) => out.push(AlignmentFlag {
                eid: eid.clone(),
                flag: "only_kk",
                detail: "no Russian redaction has this clause".into(),
            }),
            (false, true) => out.push(AlignmentFlag {
                eid: eid.clone(),
                flag: "only_ru",
                detail: "no Kazakh redaction has this clause".into(),
            }),
            _ => {}
        }
    }
    let acts = |lang: Lang| -> BTreeMap<EId, Vec<(String, NoteAction)>> {
        let mut m: BTreeMap<EId, Vec<(String, NoteAction)>> = BTreeMap::new();
        for (_, n) in readings.notes.iter().filter(|(_, n)| n.lang == lang) {
            for c in &n.changes {
                let e = m.entry(n.eid.clone()).or_default();
                let key = (c.by.label(), c.action);
                if !e.contains(&key) {
                    e.push(key);
                }
            }
        }
        m
    };
    let (ka, ra) = (acts(Lang::Kk), acts(Lang::Ru));
    // Only the redactions both languages have are compared: the latest of each.
    let mut eids: Vec<&EId> = ka.keys().chain(ra.keys()).collect();
    eids.sort();
    eids.dedup();
    for eid in eids {
        let k: Vec<&String> = ka.get(eid).into_iter().flatten().map(|(a, _)| a).collect();
        let r: Vec<&String> = ra.get(eid).into_iter().flatten().map(|(a, _)| a).collect();
        let one_lang: Vec<&String> = ra
            .get(eid)
            .into_iter()
            .flatten()
            .filter(|(_, x)| *x == NoteAction::OtherLanguageOnly)
            .map(|(a, _)| a)
            .collect();
        let only_k: Vec<&&String> = k.iter().filter(|a| !r.contains(a)).collect();
        let only_r: Vec<&&String> = r.iter().filter(|a| !k.contains(a)).collect();
        if !one_lang.is_empty() {
            out.push(AlignmentFlag {
                eid: eid.clone(),
                flag: "amended_in_one",
                detail: format!(
                    "the Russian note says {} changed the Kazakh text only",
                    one_lang.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                ),
            });
        }
        if !only_k.is_empty() || !only_r.is_empty() {
            out.push(AlignmentFlag {
                eid: eid.clone(),
                flag: "amended_in_one",
                detail: format!(
                    "named in the Kazakh notes only: [{}]; in the Russian notes only: [{}]",
                    only_k.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "),
                    only_r.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                ),
            });
        }
    }
    out
}

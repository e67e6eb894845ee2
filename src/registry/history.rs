//! Partial histories: for every clause and language, the intervals in which the
//! registry's redactions hold its text.
//!
//! The rules:
//! * a redaction gives the text of every clause on its date; its notes name the acts
//!   that changed each clause (a note on a clause or on one of its ancestors);
//! * two consecutive redactions with the same text of a clause (typography aside) hold
//!   it throughout: it keeps its text;
//! * when the text differs, the acts newly named between them changed it. The old
//!   wording ends, and the new one starts, on a day that is unknown: after the old text
//!   was seen and not before the acts could take force (their date plus the period of
//!   their entry-into-force phrase plus one, the Civil Code count), and at the latest on
//!   the date of the redaction that shows the new text. Between the two the clause is
//!   not held ([`ReadingState::Unsettled`]);
//! * a redaction date that precedes the earliest day the act it reflects could take
//!   force is no bound at all (the wording's start is unknown, with no latest day) and
//!   is reported;
//! * the latest redaction's wordings stay open-ended.
//!
//! Nothing is guessed: an unknown day is [`Bound::Unknown`], never a date.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::markdown::ParsedRedaction;
use super::notes::{AmendingRef, Note, NoteAction};
use super::record::{ActMetadata, RedactionRecord};
use crate::diff::normalize::normalize;
use crate::model::{Content, EId, Lang, Node, Provenance, RegistryId};

/// The start or the end of a reading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Bound {
    /// On this day.
    Known {
        /// The day.
        date: NaiveDate,
    },
    /// On a day that is not known: not before `earliest`, not after `latest` (each
    /// unknown when `None`), because of the acts in `by`.
    Unknown {
        /// The earliest possible day.
        #[serde(skip_serializing_if = "Option::is_none")]
        earliest: Option<NaiveDate>,
        /// The latest possible day.
        #[serde(skip_serializing_if = "Option::is_none")]
        latest: Option<NaiveDate>,
        /// The acts that made the change, as the notes name them.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        by: Vec<String>,
    },
    /// No end known (the latest redaction's wordings).
    Open,
}

impl Bound {
    /// A start: true when the reading has certainly begun by `date`.
    fn started_by(&self, date: NaiveDate) -> bool {
        match self {
            Bound::Known { date: d } => *d <= date,
            Bound::Unknown { latest, .. } => latest.is_some_and(|l| l <= date),
            Bound::Open => false,
        }
    }

    /// A start: true when the reading may have begun by `date`.
    fn may_have_started_by(&self, date: NaiveDate) -> bool {
        match self {
            Bound::Known { date: d } => *d <= date,
            Bound::Unknown { earliest, .. } => earliest.is_none_or(|e| e <= date),
            Bound::Open => false,
        }
    }

    /// An end: true when the reading certainly still holds on `date`.
    fn holds_past(&self, date: NaiveDate) -> bool {
        match self {
            Bound::Open => true,
            Bound::Known { date: d } => date < *d,
            Bound::Unknown { earliest, .. } => earliest.is_some_and(|e| date < e),
        }
    }

    /// An end: true when the reading may still hold on `date`.
    fn may_hold_past(&self, date: NaiveDate) -> bool {
        match self {
            Bound::Open => true,
            Bound::Known { date: d } => date < *d,
            Bound::Unknown { latest, .. } => latest.is_none_or(|l| date < l),
        }
    }

    /// The bound for people: "2014-12-30", "unknown, at the latest 2021-12-31 (…)".
    pub fn describe(&self) -> String {
        match self {
            Bound::Known { date } => date.to_string(),
            Bound::Open => "open".to_string(),
            Bound::Unknown { earliest, latest, by } => {
                let mut s = "unknown".to_string();
                if let Some(e) = earliest {
                    s.push_str(&format!(", not before {e}"));
                }
                match latest {
                    Some(l) => s.push_str(&format!(", at the latest {l}")),
                    None => s.push_str(", no latest day known"),
                }
                if !by.is_empty() {
                    s.push_str(&format!(" ({})", by.join(", ")));
                }
                s
            }
        }
    }
}

/// One wording of a clause, in one language, and when the evidence holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Reading {
    /// The displayed number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub num: Option<String>,
    /// The heading.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// The text, or repealed (a deleted subparagraph the registry keeps in place).
    #[serde(flatten)]
    pub content: Content,
    /// When it starts.
    pub start: Bound,
    /// When it ends.
    pub end: Bound,
    /// The redactions that show it (file names under `redactions/`).
    pub seen_in: Vec<String>,
    /// The act whose wording it is, as the notes name it (`None` for the original).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub set_by: Option<AmendingRef>,
}

impl Reading {
    /// True when the evidence says this wording is in force on `date`.
    pub fn holds_on(&self, date: NaiveDate) -> bool {
        self.start.started_by(date) && self.end.holds_past(date)
    }

    /// True when this wording may be in force on `date`.
    pub fn may_hold_on(&self, date: NaiveDate) -> bool {
        self.start.may_have_started_by(date) && self.end.may_hold_past(date)
    }
}

/// What the registry's evidence says of a clause on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReadingState {
    /// This wording is in force.
    Held,
    /// This wording may be in force, or the one before or after it: the day of the
    /// change is unknown. Not held.
    Unsettled,
}

/// The readings of one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LangReadings {
    /// The language.
    pub lang: Lang,
    /// Every clause's readings, in time order.
    pub nodes: HashMap<EId, Vec<Reading>>,
    /// Top-level clauses in document order (over all redactions).
    pub roots: Vec<EId>,
    /// Children in document order (over all redactions).
    pub children: HashMap<EId, Vec<EId>>,
    /// The provenance the views give a clause only the registry holds: the act's own.
    pub base: Provenance,
}

impl LangReadings {
    /// The reading of `eid` on `date`: the one held, else the latest one that may hold.
    pub fn at(&self, eid: &EId, date: NaiveDate) -> Option<(&Reading, ReadingState)> {
        let rs = self.nodes.get(eid)?;
        if let Some(r) = rs.iter().find(|r| r.holds_on(date)) {
            return Some((r, ReadingState::Held));
        }
        rs.iter()
            .rev()
            .find(|r| r.may_hold_on(date))
            .map(|r| (r, ReadingState::Unsettled))
    }
}

/// A finding about the evidence, with its place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct RegistryFinding {
    /// The redaction file.
    pub file: String,
    /// The clause, when the finding is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eid: Option<EId>,
    /// What was found.
    pub message: String,
}

/// Everything the registry's redactions say of one act.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActReadings {
    /// The act.
    pub act: RegistryId,
    /// The redactions' provenance.
    pub records: Vec<RedactionRecord>,
    /// The act's metadata as the registry states it.
    pub metadata: ActMetadata,
    /// Every note of every redaction.
    pub notes: Vec<(String, Note)>,
    /// The readings by language.
    pub langs: BTreeMap<Lang, LangReadings>,
    /// What the evidence itself shows to be doubtful.
    pub findings: Vec<RegistryFinding>,
}

impl ActReadings {
    /// The readings of `lang`.
    pub fn lang(&self, lang: Lang) -> Option<&LangReadings> {
        self.langs.get(&lang)
    }
}

struct Flat {
    num: Option<String>,
    heading: Option<String>,
    content: Content,
}

/// A redaction's clauses by eId, its top-level eIds, and each clause's children.
type Flattened = (HashMap<EId, Flat>, Vec<EId>, HashMap<EId, Vec<EId>>);

fn flatten(nodes: &[Node]) -> Flattened {
    let mut map = HashMap::new();
    let mut children = HashMap::new();
    fn go(n: &Node, map: &mut HashMap<EId, Flat>, children: &mut HashMap<EId, Vec<EId>>) {
        map.insert(
            n.eid.clone(),
            Flat {
                num: n.num.clone(),
                heading: n.heading.clone(),
                content: n.content.clone(),
            },
        );
        children.insert(n.eid.clone(), n.children.iter().map(|c| c.eid.clone()).collect());
        for c in &n.children {
            go(c, map, children);
        }
    }
    for n in nodes {
        go(n, &mut map, &mut children);
    }
    (map, nodes.iter().map(|n| n.eid.clone()).collect(), children)
}

/// Merges `extra` into `into`, keeping `into`'s order and placing each new item after
/// the item that precedes it in `extra`.
fn merge_order(into: &mut Vec<EId>, extra: &[EId]) {
    let mut prev: Option<usize> = None;
    for e in extra {
        match into.iter().position(|x| x == e) {
            Some(p) => prev = Some(p),
            None => {
                let at = prev.map_or(0, |p| p + 1);
                into.insert(at, e.clone());
                prev = Some(at);
            }
        }
    }
}

fn same_text(a: &Flat, b: &Flat) -> bool {
    let norm = |c: &Content| match c {
        Content::Text { text } => Some(normalize(&text.split_whitespace().collect::<Vec<_>>().join(" "))),
        _ => None,
    };
    std::mem::discriminant(&a.content) == std::mem::discriminant(&b.content)
        && norm(&a.content) == norm(&b.content)
        && a.heading.as_deref().map(normalize) == b.heading.as_deref().map(normalize)
}

/// The readings of one act from its redactions. `earliest_in_force` gives, for an act
/// the corpus holds, the earliest day it can take force by the corpus's own records
/// (its registration, its recorded publication), which only ever narrows the bound the
/// note gives.
pub fn build(
    act: RegistryId,
    records: Vec<RedactionRecord>,
    metadata: ActMetadata,
    parsed: Vec<ParsedRedaction>,
    earliest_in_force: &dyn Fn(&AmendingRef) -> Option<NaiveDate>,
) -> ActReadings {
    let mut findings = Vec::new();
    let mut notes = Vec::new();
    let mut langs = BTreeMap::new();
    let eif = |a: &AmendingRef| -> Option<NaiveDate> {
        match (a.earliest_in_force(), earliest_in_force(a)) {
            (Some(x), Some(y)) => Some(x.max(y)),
            (x, y) => x.or(y),
        }
    };
    let mut by_lang: BTreeMap<Lang, Vec<(&RedactionRecord, &ParsedRedaction)>> = BTreeMap::new();
    for (r, p) in records.iter().zip(&parsed) {
        by_lang.entry(r.lang).or_default().push((r, p));
        notes.extend(p.notes.iter().map(|n| (r.file.clone(), n.clone())));
    }
    for (lang, mut reds) in by_lang {
        reds.sort_by_key(|(r, _)| r.date.latest());
        let flats: Vec<_> = reds.iter().map(|(_, p)| flatten(&p.nodes)).collect();
        // The acts that changed each clause, per redaction: notes on it or an ancestor.
        let acts_for = |k: usize, eid: &EId| -> Vec<AmendingRef> {
            let mut out: Vec<AmendingRef> = Vec::new();
            for n in &reds[k].1.notes {
                if eid == &n.eid || eid.is_within(&n.eid) {
                    for c in n.changes.iter().filter(|c| c.action != NoteAction::OtherLanguageOnly) {
                        if !out.iter().any(|a| a.same_act(&c.by)) {
                            out.push(c.by.clone());
                        }
                    }
                }
            }
            out.sort_by_key(|a| a.date);
            out
        };
        let mut all: Vec<EId> = Vec::new();
        let mut seen = HashSet::new();
        let mut roots: Vec<EId> = Vec::new();
        let mut children: HashMap<EId, Vec<EId>> = HashMap::new();
        for (map, r, ch) in flats.iter().rev() {
            merge_order(&mut roots, r);
            for (p, cs) in ch {
                merge_order(children.entry(p.clone()).or_default(), cs);
            }
            let mut keys: Vec<&EId> = map.keys().collect();
            keys.sort();
            for k in keys {
                if seen.insert(k.clone()) {
                    all.push(k.clone());
                }
            }
        }
        let mut nodes: HashMap<EId, Vec<Reading>> = HashMap::new();
        for eid in &all {
            let mut readings: Vec<Reading> = Vec::new();
            // The index of the redaction the open reading was last seen in.
            let mut open: Option<usize> = None;
            for (k, (rec, _)) in reds.iter().enumerate() {
                let here = flats[k].0.get(eid);
                let acts = acts_for(k, eid);
                let latest_here = rec.date.latest();
                match (open, here) {
                    (None, None) => {}
                    (Some(p), Some(f)) if flats[p].0.get(eid).is_some_and(|pf| same_text(pf, f)) => {
                        if let Some(r) = readings.last_mut() {
                            r.seen_in.push(rec.file.clone());
                        }
                        open = Some(k);
                    }
                    (prev, here) => {
                        let prev_acts = prev.map(|p| acts_for(p, eid)).unwrap_or_default();
                        let new: Vec<&AmendingRef> = acts
                            .iter()
                            .filter(|a| !prev_acts.iter().any(|b| b.same_act(a)))
                            .collect();
                        let seen_until = prev.and_then(|p| reds[p].0.date.latest());
                        if let (Some(p), Some(r)) = (prev, readings.last_mut()) {
                            let earliest = new
                                .iter()
                                .filter_map(|a| eif(a))
                                .min()
                                .into_iter()
                                .chain(seen_until.and_then(|d| d.checked_add_days(Days::new(1))))
                                .max();
                            r.end = Bound::Unknown {
                                earliest,
                                latest: latest_here,
                                by: new.iter().map(|a| a.label()).collect(),
                            };
                            if new.is_empty() {
                                findings.push(RegistryFinding {
                                    file: rec.file.clone(),
                                    eid: Some(eid.clone()),
                                    message: format!(
                                        "the text differs from {} but no note names an act that changed it",
                                        reds[p].0.file
                                    ),
                                });
                            }
                        }
                        let Some(f) = here else {
                            open = None;
                            continue;
                        };
                        let original = rec.caused_by.is_none() && acts.is_empty();
                        let start = if original {
                            Bound::Known {
                                date: rec.date.stated.unwrap_or(latest_here.unwrap_or(NaiveDate::MIN)),
                            }
                        } else {
                            let setter = if prev.is_some() {
                                new.last().copied()
                            } else {
                                acts.last()
                            };
                            let earliest = setter
                                .and_then(&eif)
                                .into_iter()
                                .chain(seen_until.and_then(|d| d.checked_add_days(Days::new(1))))
                                .max();
                            let latest = match (latest_here, earliest) {
                                (Some(l), Some(e)) if l < e => {
                                    findings.push(RegistryFinding {
                                        file: rec.file.clone(),
                                        eid: Some(eid.clone()),
                                        message: format!(
                                            "the redaction is dated {l}, before {e}, the earliest day {} can take force: its date is no bound",
                                            setter.map_or("the act".to_string(), |a| a.label())
                                        ),
                                    });
                                    None
                                }
                                (l, _) => l,
                            };
                            Bound::Unknown {
                                earliest,
                                latest,
                                by: setter.map(|a| a.label()).into_iter().collect(),
                            }
                        };
                        let set_by = if prev.is_some() {
                            new.last().copied()
                        } else {
                            acts.last()
                        };
                        readings.push(Reading {
                            num: f.num.clone(),
                            heading: f.heading.clone(),
                            content: f.content.clone(),
                            start,
                            end: Bound::Open,
                            seen_in: vec![rec.file.clone()],
                            set_by: set_by.cloned(),
                        });
                        open = Some(k);
                    }
                }
            }
            nodes.insert(eid.clone(), readings);
        }
        langs.insert(
            lang,
            LangReadings {
                lang,
                nodes,
                roots,
                children,
                base: Provenance::base(&act),
            },
        );
    }
    // Findings about one clause are reported once per file and message.
    let mut uniq = HashSet::new();
    findings.retain(|f| uniq.insert((f.file.clone(), f.message.clone(), f.eid.clone())));
    ActReadings {
        act,
        records,
        metadata,
        notes,
        langs,
        findings,
    }
}

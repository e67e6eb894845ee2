//! The consolidated view of an act on a date, and a node's history.

use chrono::NaiveDate;
use serde::Serialize;

use super::schedule::PendingChange;
use super::timeline::ActTimeline;
use crate::model::{Content, EId, Lang, NodeKind, Provenance, RegistryId, Version};
use crate::registry::{Bound, LangReadings, Reading, ReadingState};

/// A node's status on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// In force, with its text.
    InForce,
    /// Deleted or repealed.
    Repealed,
    /// The registry does not hold its text.
    NotHeld,
    /// An amendment whose date is not yet known may already have changed it.
    Pending,
}

/// Where a node's shown text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TextFrom {
    /// The act's base text and the operations applied to it (the primary derivation).
    Operations,
    /// The registry's redaction: evidence read beside the operations, where they hold
    /// no text of their own (see [`crate::registry`]).
    Registry,
}

impl TextFrom {
    fn is_operations(&self) -> bool {
        *self == TextFrom::Operations
    }
}

/// The registry's reading of a node on a date: the wording and whether the evidence
/// holds it on that day.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RegistryReading<'a> {
    /// Held, or unsettled (the day of a change around this date is unknown).
    pub evidence: ReadingState,
    /// The wording, its start and end, and the redactions that show it.
    #[serde(flatten)]
    pub reading: &'a Reading,
}

/// One node of a consolidated tree. Borrowed from the timeline: building a view copies
/// no text.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ConsolidatedNode<'a> {
    /// The eId.
    pub eid: &'a EId,
    /// The structural kind.
    pub kind: NodeKind,
    /// The displayed number.
    pub num: Option<&'a str>,
    /// The heading.
    pub heading: Option<&'a str>,
    /// The text, when held and in force.
    pub text: Option<&'a str>,
    /// The status.
    pub status: Status,
    /// Since when the node has read so: for a text from the registry whose start is
    /// unknown, the latest day it can have started (it certainly reads so since then;
    /// `registry_reading.start` gives the bound in full).
    pub since: NaiveDate,
    /// Which act and item made it so (for a text from the registry: the act itself;
    /// `registry_reading.set_by` names the amending act as the notes do).
    pub source: &'a Provenance,
    /// Where the text comes from (omitted for the operations).
    #[serde(skip_serializing_if = "TextFrom::is_operations")]
    pub text_from: TextFrom,
    /// The registry's reading on the date, beside the operations' (a second reading
    /// where the operations define the clause).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registry_reading: Option<RegistryReading<'a>>,
    /// Changes waiting for an event that could already apply on this date.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pending: Vec<&'a PendingChange>,
    /// Children in force (or repealed) on the date.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<ConsolidatedNode<'a>>,
}

/// An act as in force on a date.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Consolidated<'a> {
    /// The act.
    pub act: &'a RegistryId,
    /// The date.
    pub date: NaiveDate,
    /// The language of the texts.
    pub lang: Lang,
    /// True when the whole act has been repealed by then.
    pub repealed: bool,
    /// Pending whole-act changes (repeal) that could apply on this date.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pending: Vec<&'a PendingChange>,
    /// The top-level nodes.
    pub nodes: Vec<ConsolidatedNode<'a>>,
}

impl Consolidated<'_> {
    /// Visits every node in document order.
    pub fn walk<'s>(&'s self, f: &mut impl FnMut(&'s ConsolidatedNode<'s>)) {
        fn go<'s>(n: &'s ConsolidatedNode<'s>, f: &mut impl FnMut(&'s ConsolidatedNode<'s>)) {
            f(n);
            for c in &n.children {
                go(c, f);
            }
        }
        for n in &self.nodes {
            go(n, f);
        }
    }

    /// The node with this eId, if present on the date.
    pub fn find(&self, eid: &str) -> Option<&ConsolidatedNode<'_>> {
        let mut found = None;
        self.walk(&mut |n| {
            if found.is_none() && n.eid.as_str() == eid {
                found = Some(n);
            }
        });
        found
    }
}

/// Why an act cannot be consolidated on a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConsolidateError {
    /// The date is before the act's base text holds.
    #[error("{act} has no text before {base} (asked for {date})")]
    BeforeAct {
        /// The act.
        act: RegistryId,
        /// Its base date.
        base: NaiveDate,
        /// The date asked for.
        date: NaiveDate,
    },
}

/// The tree of `timeline`'s act in force on `date`. Deterministic: it depends on the
/// timeline only.
pub fn consolidate(timeline: &ActTimeline, date: NaiveDate) -> Result<Consolidated<'_>, ConsolidateError> {
    consolidate_with(timeline, None, Lang::Kk, date)
}

/// The tree of `timeline`'s act on `date` in `lang`, with the registry's readings
/// beside it: where the operations hold no text for a node (not held, or no Kazakh
/// operation wording in another language) and the evidence holds the registry's, that
/// text is shown, marked [`TextFrom::Registry`]; clauses only the registry has are
/// added in their place. Where the operations define a clause, their wording is
/// shown and the registry's is `registry_reading`.
pub fn consolidate_with<'a>(
    timeline: &'a ActTimeline,
    readings: Option<&'a LangReadings>,
    lang: Lang,
    date: NaiveDate,
) -> Result<Consolidated<'a>, ConsolidateError> {
    if date < timeline.base_date {
        return Err(ConsolidateError::BeforeAct {
            act: timeline.act,
            base: timeline.base_date,
            date,
        });
    }
    let roots = merged(Some(&timeline.roots), readings.map(|r| &r.roots));
    let ctx = Ctx {
        tl: timeline,
        rd: readings,
        lang,
        date,
    };
    let nodes = roots.into_iter().filter_map(|r| node_at(&ctx, r)).collect();
    let pending = timeline
        .pending
        .iter()
        .filter(|p| p.target.is_none() && p.earliest.is_none_or(|e| e <= date))
        .collect();
    Ok(Consolidated {
        act: &timeline.act,
        date,
        lang,
        repealed: timeline.repealed_on.is_some_and(|d| d <= date),
        pending,
        nodes,
    })
}

struct Ctx<'a> {
    tl: &'a ActTimeline,
    rd: Option<&'a LangReadings>,
    lang: Lang,
    date: NaiveDate,
}

/// The operations' list with the registry's merged in: each eId the registry adds is
/// placed after the one before it in the registry's order.
fn merged<'a>(ops: Option<&'a Vec<EId>>, reg: Option<&'a Vec<EId>>) -> Vec<&'a EId> {
    let mut out: Vec<&EId> = ops.map(|v| v.iter().collect()).unwrap_or_default();
    let mut prev: Option<usize> = None;
    for e in reg.into_iter().flatten() {
        match out.iter().position(|x| *x == e) {
            Some(p) => prev = Some(p),
            None => {
                let at = prev.map_or(0, |p| p + 1);
                out.insert(at, e);
                prev = Some(at);
            }
        }
    }
    out
}

fn bound_since(b: &Bound) -> Option<NaiveDate> {
    match b {
        Bound::Known { date } => Some(*date),
        Bound::Unknown { latest, .. } => *latest,
        Bound::Open => None,
    }
}

fn node_at<'a>(cx: &Ctx<'a>, eid: &'a EId) -> Option<ConsolidatedNode<'a>> {
    let (tl, date) = (cx.tl, cx.date);
    let node = tl.nodes.get(eid);
    let v = node.and_then(|n| n.at(date));
    let reading = cx.rd.and_then(|r| r.at(eid, date));
    if v.is_none() && reading.is_none() {
        return None;
    }
    let pending: Vec<&PendingChange> = tl
        .pending_by_target
        .get(eid)
        .map(|ix| {
            ix.iter()
                .map(|&i| &tl.pending[i])
                .filter(|p| p.earliest.is_none_or(|e| e <= date))
                .collect()
        })
        .unwrap_or_default();
    // The operations define the node when they give it a text in this language, or
    // repeal it.
    let ops_defined = v.is_some_and(|v| match &v.state.content {
        Content::Text { .. } => cx.lang == Lang::Kk,
        Content::Repealed => true,
        Content::NotHeld => false,
    });
    let held = reading.filter(|(_, s)| *s == ReadingState::Held).map(|(r, _)| r);
    let (content, text_from, since, source): (&Content, TextFrom, NaiveDate, &Provenance) = match (v, held) {
        (Some(v), _) if ops_defined => (&v.state.content, TextFrom::Operations, v.validity.from, &v.state.source),
        (v, Some(r)) if !matches!(r.content, Content::NotHeld) => (
            &r.content,
            TextFrom::Registry,
            bound_since(&r.start).unwrap_or(date),
            match v {
                Some(v) => &v.state.source,
                None => &cx.rd?.base,
            },
        ),
        (Some(v), _) => (&NOT_HELD, TextFrom::Operations, v.validity.from, &v.state.source),
        (None, _) => {
            // Only the registry has the node, and its evidence does not settle the date.
            let base = cx.rd.map(|r| &r.base)?;
            (&NOT_HELD, TextFrom::Registry, date, base)
        }
    };
    let status = match (content, pending.is_empty()) {
        (_, false) => Status::Pending,
        (Content::Text { .. }, true) => Status::InForce,
        (Content::NotHeld, true) => Status::NotHeld,
        (Content::Repealed, true) => Status::Repealed,
    };
    let first = |a: Option<&'a str>, b: Option<&'a str>| a.or(b);
    let kids = merged(node.map(|n| &n.children), cx.rd.and_then(|r| r.children.get(eid)));
    Some(ConsolidatedNode {
        eid,
        kind: eid.kind(),
        num: first(
            v.and_then(|v| v.state.num.as_deref()),
            reading.and_then(|(r, _)| r.num.as_deref()),
        ),
        heading: if text_from == TextFrom::Registry {
            reading.and_then(|(r, _)| r.heading.as_deref())
        } else {
            v.and_then(|v| v.state.heading.as_deref())
        }
        .or_else(|| v.and_then(|v| v.state.heading.as_deref())),
        text: content.text(),
        status,
        since,
        source,
        text_from,
        registry_reading: reading.map(|(r, s)| RegistryReading {
            evidence: s,
            reading: r,
        }),
        pending,
        children: kids.into_iter().filter_map(|c| node_at(cx, c)).collect(),
    })
}

static NOT_HELD: Content = Content::NotHeld;

/// Every version of a node, oldest first, or `None` when the act never had it.
pub fn history<'a>(timeline: &'a ActTimeline, eid: &EId) -> Option<&'a [Version]> {
    timeline.nodes.get(eid).map(|n| n.versions.as_slice())
}

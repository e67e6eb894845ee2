//! The consolidated view of an act on a date, and a node's history.

use chrono::NaiveDate;
use serde::Serialize;

use super::schedule::PendingChange;
use super::timeline::ActTimeline;
use crate::model::{Content, EId, NodeKind, Provenance, RegistryId, Version};

/// A node's status on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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

/// One node of a consolidated tree. Borrowed from the timeline: building a view copies
/// no text.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    /// Since when the node has read so.
    pub since: NaiveDate,
    /// Which act and item made it so.
    pub source: &'a Provenance,
    /// Changes waiting for an event that could already apply on this date.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pending: Vec<&'a PendingChange>,
    /// Children in force (or repealed) on the date.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<ConsolidatedNode<'a>>,
}

/// An act as in force on a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Consolidated<'a> {
    /// The act.
    pub act: &'a RegistryId,
    /// The date.
    pub date: NaiveDate,
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
    if date < timeline.base_date {
        return Err(ConsolidateError::BeforeAct {
            act: timeline.act,
            base: timeline.base_date,
            date,
        });
    }
    let nodes = timeline
        .roots
        .iter()
        .filter_map(|r| node_at(timeline, r, date))
        .collect();
    let pending = timeline
        .pending
        .iter()
        .filter(|p| p.target.is_none() && p.earliest.is_none_or(|e| e <= date))
        .collect();
    Ok(Consolidated {
        act: &timeline.act,
        date,
        repealed: timeline.repealed_on.is_some_and(|d| d <= date),
        pending,
        nodes,
    })
}

fn node_at<'a>(tl: &'a ActTimeline, eid: &'a EId, date: NaiveDate) -> Option<ConsolidatedNode<'a>> {
    let node = tl.nodes.get(eid)?;
    let v = node.at(date)?;
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
    let status = match (&v.state.content, pending.is_empty()) {
        (_, false) => Status::Pending,
        (Content::Text { .. }, true) => Status::InForce,
        (Content::NotHeld, true) => Status::NotHeld,
        (Content::Repealed, true) => Status::Repealed,
    };
    Some(ConsolidatedNode {
        eid,
        kind: eid.kind(),
        num: v.state.num.as_deref(),
        heading: v.state.heading.as_deref(),
        text: v.state.content.text(),
        status,
        since: v.validity.from,
        source: &v.state.source,
        pending,
        children: node.children.iter().filter_map(|c| node_at(tl, c, date)).collect(),
    })
}

/// Every version of a node, oldest first, or `None` when the act never had it.
pub fn history<'a>(timeline: &'a ActTimeline, eid: &EId) -> Option<&'a [Version]> {
    timeline.nodes.get(eid).map(|n| n.versions.as_slice())
}

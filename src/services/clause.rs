//! The view of the Rules that extraction reads: a clause tree with each node's state,
//! since when it reads so and who made it so. Built from the consolidated act on a date,
//! or from the new wording carried by a (pending) amendment.

use chrono::NaiveDate;

use crate::amend::Operation;
use crate::consolidate::{self, ActTimeline, ConsolidatedNode, PendingChange, Status};
use crate::model::{Content, EId, Node, NodeKind, Provenance};

/// What a clause holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held<'a> {
    /// Its text.
    Text(&'a str),
    /// The registry does not hold its text.
    NotHeld,
    /// Repealed.
    Repealed,
}

/// One node of the Rules as extraction sees it.
#[derive(Debug, Clone)]
pub struct Clause<'a> {
    /// The eId.
    pub eid: &'a EId,
    /// The displayed number.
    pub num: Option<&'a str>,
    /// The heading.
    pub heading: Option<&'a str>,
    /// Text, not held or repealed.
    pub held: Held<'a>,
    /// Since when it reads so; `None` for the wording of a pending amendment.
    pub since: Option<NaiveDate>,
    /// Who made it read so.
    pub source: Provenance,
    /// Pending amendments that may already have changed it.
    pub pending: Vec<&'a PendingChange>,
    /// Its children.
    pub children: Vec<Clause<'a>>,
}

impl<'a> Clause<'a> {
    /// The structural kind.
    pub fn kind(&self) -> NodeKind {
        self.eid.kind()
    }

    /// The text, when held.
    pub fn text(&self) -> Option<&'a str> {
        match self.held {
            Held::Text(t) => Some(t),
            _ => None,
        }
    }

    /// Visits the clause and its descendants in document order.
    pub fn walk<'s>(&'s self, f: &mut impl FnMut(&'s Clause<'a>)) {
        f(self);
        for c in &self.children {
            c.walk(f);
        }
    }

    /// The clause with this eId in the subtree.
    pub fn find(&self, eid: &EId) -> Option<&Clause<'a>> {
        if self.eid == eid {
            return Some(self);
        }
        if !eid.is_within(self.eid) {
            return None;
        }
        self.children.iter().find_map(|c| c.find(eid))
    }

    /// The subtree at `rules` of `timeline`'s act as consolidated on `date`, or `None`
    /// when the act has no text then or the node does not exist.
    pub fn at(timeline: &'a ActTimeline, rules: &EId, date: NaiveDate) -> Option<Clause<'a>> {
        let c = consolidate::consolidate(timeline, date).ok()?;
        let node = c.nodes.iter().find_map(|n| find_node(n, rules))?;
        Some(from_consolidated(timeline, node, date))
    }

    /// The new wording an amendment carries, as a clause tree. Its provenance is the
    /// operation's; it has no `since` (the amendment may not be dated yet).
    pub fn of_content(content: &'a Node, op: &Operation, index: usize) -> Clause<'a> {
        let source = op.provenance(index);
        of_node(content, &source)
    }
}

fn find_node<'n, 'a>(n: &'n ConsolidatedNode<'a>, eid: &EId) -> Option<&'n ConsolidatedNode<'a>> {
    if n.eid == eid {
        return Some(n);
    }
    if !eid.is_within(n.eid) {
        return None;
    }
    n.children.iter().find_map(|c| find_node(c, eid))
}

fn from_consolidated<'a>(tl: &'a ActTimeline, n: &ConsolidatedNode<'a>, date: NaiveDate) -> Clause<'a> {
    let held = match (n.status, n.text) {
        (_, Some(t)) => Held::Text(t),
        (Status::Repealed, None) => Held::Repealed,
        (Status::Pending, None) => {
            // The view does not say which state a pending node without text is in; the
            // timeline does.
            match tl.nodes.get(n.eid).and_then(|t| t.at(date)).map(|v| &v.state.content) {
                Some(Content::Repealed) => Held::Repealed,
                _ => Held::NotHeld,
            }
        }
        (_, None) => Held::NotHeld,
    };
    Clause {
        eid: n.eid,
        num: n.num,
        heading: n.heading,
        held,
        since: Some(n.since),
        source: n.source.clone(),
        pending: n.pending.clone(),
        children: n.children.iter().map(|c| from_consolidated(tl, c, date)).collect(),
    }
}

fn of_node<'a>(n: &'a Node, source: &Provenance) -> Clause<'a> {
    Clause {
        eid: &n.eid,
        num: n.num.as_deref(),
        heading: n.heading.as_deref(),
        held: match &n.content {
            Content::Text { text } => Held::Text(text),
            Content::NotHeld => Held::NotHeld,
            Content::Repealed => Held::Repealed,
        },
        since: None,
        source: source.clone(),
        pending: Vec::new(),
        children: n.children.iter().map(|c| of_node(c, source)).collect(),
    }
}

//! Diffs between two dates: structural first (by eId), then the words of changed
//! nodes. See [`words`] for the word diff and [`normalize`] for what is not a change.

pub mod html;
pub mod normalize;
pub mod words;

use std::collections::HashMap;
use std::time::Duration;

use chrono::NaiveDate;
use serde::Serialize;

use crate::consolidate::{ActTimeline, ConsolidateError, ConsolidatedNode, Status, consolidate};
use crate::model::{EId, NodeKind, Provenance};
pub use words::{Segment, WordDiff};

/// How a node differs between the two dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Present only on the later date.
    Added,
    /// Present only on the earlier date.
    Removed,
    /// Its text changed.
    Changed,
    /// Only its number changed.
    Renumbered,
    /// Its status changed (not held → text, in force → repealed…).
    StatusChanged,
    /// Nothing changed (listed only with `context`).
    Unchanged,
}

/// One side of a node's diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Side {
    /// The number.
    pub num: Option<String>,
    /// The status.
    pub status: Status,
    /// The text, when held and in force.
    pub text: Option<String>,
    /// Since when it has read so.
    pub since: NaiveDate,
    /// Who made it so.
    pub source: Provenance,
}

impl Side {
    fn of(n: &ConsolidatedNode<'_>) -> Side {
        Side {
            num: n.num.map(str::to_string),
            status: n.status,
            text: n.text.map(str::to_string),
            since: n.since,
            source: n.source.clone(),
        }
    }
}

/// One node's diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct NodeDiff {
    /// The node.
    pub eid: EId,
    /// Its kind.
    pub kind: NodeKind,
    /// How it changed.
    pub change: ChangeKind,
    /// On the earlier date (`None` when added).
    pub before: Option<Side>,
    /// On the later date (`None` when removed).
    pub after: Option<Side>,
    /// The word diff, when both sides have a text and they differ.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub words: Option<WordDiff>,
}

/// What to diff and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiffOptions {
    /// Show typography-only differences too.
    pub raw: bool,
    /// List unchanged nodes as well.
    pub context: bool,
    /// The time budget of each word diff.
    pub deadline: Duration,
}

impl Default for DiffOptions {
    fn default() -> Self {
        DiffOptions {
            raw: false,
            context: false,
            deadline: words::DEFAULT_DEADLINE,
        }
    }
}

/// An act's diff between two dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ActDiff {
    /// The act.
    pub act: String,
    /// The earlier date (as asked: may be after `to`).
    pub from: NaiveDate,
    /// The later date.
    pub to: NaiveDate,
    /// The nodes, in document order.
    pub nodes: Vec<NodeDiff>,
}

impl ActDiff {
    /// The diff with the dates swapped.
    pub fn inverted(&self) -> ActDiff {
        let nodes = self
            .nodes
            .iter()
            .map(|n| NodeDiff {
                eid: n.eid.clone(),
                kind: n.kind,
                change: match n.change {
                    ChangeKind::Added => ChangeKind::Removed,
                    ChangeKind::Removed => ChangeKind::Added,
                    other => other,
                },
                before: n.after.clone(),
                after: n.before.clone(),
                words: n.words.as_ref().map(WordDiff::inverted),
            })
            .collect();
        ActDiff {
            act: self.act.clone(),
            from: self.to,
            to: self.from,
            nodes,
        }
    }

    /// The changed nodes only.
    pub fn changes(&self) -> impl Iterator<Item = &NodeDiff> {
        self.nodes.iter().filter(|n| n.change != ChangeKind::Unchanged)
    }
}

/// Every node ever in the act, in document order.
fn document_order(tl: &ActTimeline) -> Vec<&EId> {
    fn go<'a>(tl: &'a ActTimeline, eid: &'a EId, out: &mut Vec<&'a EId>) {
        out.push(eid);
        if let Some(n) = tl.nodes.get(eid) {
            for c in &n.children {
                go(tl, c, out);
            }
        }
    }
    let mut out = Vec::with_capacity(tl.nodes.len());
    for r in &tl.roots {
        go(tl, r, &mut out);
    }
    out
}

fn same_text(a: Option<&str>, b: Option<&str>, raw: bool) -> bool {
    match (a, b) {
        (Some(a), Some(b)) if raw => a == b,
        (Some(a), Some(b)) => normalize::normalize(a) == normalize::normalize(b),
        (a, b) => a == b,
    }
}

/// Diffs the act of `tl` between `from` and `to`.
pub fn diff(tl: &ActTimeline, from: NaiveDate, to: NaiveDate, opts: DiffOptions) -> Result<ActDiff, ConsolidateError> {
    let a = consolidate(tl, from)?;
    let b = consolidate(tl, to)?;
    let mut before: HashMap<&EId, Side> = HashMap::new();
    a.walk(&mut |n| {
        before.insert(n.eid, Side::of(n));
    });
    let mut after: HashMap<&EId, Side> = HashMap::new();
    b.walk(&mut |n| {
        after.insert(n.eid, Side::of(n));
    });
    let mut nodes = Vec::new();
    for eid in document_order(tl) {
        let (x, y) = (before.remove(eid), after.remove(eid));
        let change = match (&x, &y) {
            (None, None) => continue,
            (None, Some(_)) => ChangeKind::Added,
            (Some(_), None) => ChangeKind::Removed,
            (Some(x), Some(y)) => {
                if x.status != y.status {
                    ChangeKind::StatusChanged
                } else if !same_text(x.text.as_deref(), y.text.as_deref(), opts.raw) {
                    ChangeKind::Changed
                } else if x.num != y.num {
                    ChangeKind::Renumbered
                } else {
                    ChangeKind::Unchanged
                }
            }
        };
        if change == ChangeKind::Unchanged && !opts.context {
            continue;
        }
        let words = match (
            x.as_ref().and_then(|s| s.text.as_deref()),
            y.as_ref().and_then(|s| s.text.as_deref()),
        ) {
            (Some(p), Some(q)) if !same_text(Some(p), Some(q), opts.raw) => Some(if opts.raw {
                words::word_diff(p, q, opts.deadline)
            } else {
                words::word_diff(&normalize::normalize(p), &normalize::normalize(q), opts.deadline)
            }),
            _ => None,
        };
        nodes.push(NodeDiff {
            eid: eid.clone(),
            kind: eid.kind(),
            change,
            before: x,
            after: y,
            words,
        });
    }
    Ok(ActDiff {
        act: tl.act.to_string(),
        from,
        to,
        nodes,
    })
}

/// A plain-text unified rendering: one block per changed node, `-`/`+` lines, and the
/// word diff with `[-deleted-]{+inserted+}` marks.
pub fn unified(d: &ActDiff) -> String {
    use std::fmt::Write;
    let mut out = format!("--- {} {}\n+++ {} {}\n", d.act, d.from, d.act, d.to);
    for n in &d.nodes {
        let _ = writeln!(out, "@@ {} ({:?}) @@", n.eid, n.change);
        let side = |s: &Option<Side>| {
            s.as_ref().map_or("(absent)".to_string(), |s| {
                let num = s.num.as_deref().map(|x| format!("[{x}] ")).unwrap_or_default();
                format!("{num}{:?}: {}", s.status, s.text.as_deref().unwrap_or(""))
            })
        };
        match &n.words {
            Some(w) => {
                let mut line = String::new();
                for s in &w.segments {
                    match s {
                        Segment::Equal(t) => line.push_str(t),
                        Segment::Delete(t) => {
                            let _ = write!(line, "[-{t}-]");
                        }
                        Segment::Insert(t) => {
                            let _ = write!(line, "{{+{t}+}}");
                        }
                    }
                }
                let _ = writeln!(out, "~ {}", line.replace('\n', "\n~ "));
                if w.coarse {
                    out.push_str("~ (coarse: the diff deadline passed)\n");
                }
            }
            None => {
                let _ = writeln!(out, "- {}", side(&n.before).replace('\n', "\n- "));
                let _ = writeln!(out, "+ {}", side(&n.after).replace('\n', "\n+ "));
            }
        }
    }
    out
}

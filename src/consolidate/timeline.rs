//! Version timelines: every operation replayed once, every node's versions kept.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::checks::{CheckError, CheckKind};
use super::schedule::{PendingChange, Schedule};
use crate::amend;
use crate::model::{Act, EId, Node, Provenance, RegistryId, Tree, TreeError, Validity, Version};

/// One node's versions, contiguous from its creation: `[from, to)` intervals that
/// never overlap and leave no gaps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeTimeline {
    /// Its children in document order, over its whole life (a child exists on a date
    /// only if it has a version then).
    pub children: Vec<EId>,
    /// Its versions in time order.
    pub versions: Vec<Version>,
}

impl NodeTimeline {
    /// The version in force on `date`.
    pub fn at(&self, date: NaiveDate) -> Option<&Version> {
        let i = self.versions.partition_point(|v| v.validity.from <= date);
        let v = self.versions.get(i.checked_sub(1)?)?;
        v.validity.contains(date).then_some(v)
    }
}

/// An act's whole history: the timelines of all its nodes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActTimeline {
    /// The act.
    pub act: RegistryId,
    /// The date its base text holds from.
    pub base_date: NaiveDate,
    /// Top-level nodes in order.
    pub roots: Vec<EId>,
    /// Every node ever present.
    pub nodes: HashMap<EId, NodeTimeline>,
    /// Changes waiting for an event.
    pub pending: Vec<PendingChange>,
    /// For each node, the indexes into `pending` of changes aimed at it.
    pub pending_by_target: HashMap<EId, Vec<usize>>,
    /// When the whole act was repealed, if it was.
    pub repealed_on: Option<NaiveDate>,
}

impl ActTimeline {
    /// Replays `schedule` over the act's base tree. Operations that cannot be applied are
    /// reported in `errors` and skipped, so the rest of the corpus still loads.
    pub fn build(
        act: &Act,
        base: &[Node],
        schedule: &Schedule<'_>,
        errors: &mut Vec<CheckError>,
    ) -> Result<ActTimeline, TreeError> {
        let base_date = act.base_date();
        let mut tree = Tree::from_nodes(base, base_date, &Provenance::base(&act.id))?;
        let mut nodes: HashMap<EId, NodeTimeline> = HashMap::with_capacity(tree.len());
        for eid in tree.all() {
            if let Some(n) = tree.get(&eid) {
                let v = Version {
                    validity: Validity {
                        from: base_date,
                        to: None,
                    },
                    state: n.state.clone(),
                };
                nodes.insert(
                    eid,
                    NodeTimeline {
                        children: Vec::new(),
                        versions: vec![v],
                    },
                );
            }
        }
        let mut repealed_on = None;
        for s in &schedule.scheduled {
            let provenance = s.provenance();
            match amend::apply(&mut tree, s.op, s.date, &provenance) {
                Ok(touched) => {
                    for eid in touched {
                        let Some(n) = tree.get(&eid) else { continue };
                        let tl = nodes.entry(eid).or_insert_with(|| NodeTimeline {
                            children: Vec::new(),
                            versions: Vec::new(),
                        });
                        push_version(tl, s.date, n.state.clone());
                    }
                    if matches!(s.op.change, amend::Change::Repeal) {
                        repealed_on.get_or_insert(s.date);
                    }
                }
                Err(error) => errors.push(CheckError {
                    act: s.op.source_act,
                    op: Some(s.index),
                    origin: s.op.origin.clone(),
                    eid: s.op.target.clone(),
                    kind: CheckKind::Apply { date: s.date, error },
                }),
            }
        }
        for (eid, tl) in nodes.iter_mut() {
            if let Some(n) = tree.get(eid) {
                tl.children = n.children.clone();
            }
            // Timelines live as long as the library: drop the growth slack.
            tl.versions.shrink_to_fit();
        }
        nodes.shrink_to_fit();
        let mut pending_by_target: HashMap<EId, Vec<usize>> = HashMap::new();
        for (i, p) in schedule.pending.iter().enumerate() {
            if let Some(t) = &p.target {
                if !nodes.contains_key(t) {
                    errors.push(CheckError {
                        act: p.source.act,
                        op: p.source.op,
                        origin: p.origin.clone(),
                        eid: Some(t.clone()),
                        kind: CheckKind::PendingTargetMissing(t.clone()),
                    });
                }
                pending_by_target.entry(t.clone()).or_default().push(i);
            }
        }
        Ok(ActTimeline {
            act: act.id,
            base_date,
            roots: tree.roots().to_vec(),
            nodes,
            pending: schedule.pending.clone(),
            pending_by_target,
            repealed_on,
        })
    }

    /// The act's base tree: every node whose first version is the act's own text on its
    /// base date, in document order. Operations dated on or before the base date are
    /// refused when scheduled, so a base version is never overwritten.
    pub fn base_nodes(&self) -> Vec<Node> {
        fn go(tl: &ActTimeline, eid: &EId) -> Option<Node> {
            let n = tl.nodes.get(eid)?;
            let v = n.versions.first()?;
            if v.validity.from != tl.base_date || v.state.source.item.is_some() || v.state.source.act != tl.act {
                return None;
            }
            Some(Node {
                eid: eid.clone(),
                num: v.state.num.clone(),
                heading: v.state.heading.clone(),
                content: v.state.content.clone(),
                children: n.children.iter().filter_map(|c| go(tl, c)).collect(),
            })
        }
        self.roots.iter().filter_map(|r| go(self, r)).collect()
    }

    /// The pending changes aimed at `eid`.
    pub fn pending_for(&self, eid: &EId) -> Vec<&PendingChange> {
        self.pending_by_target
            .get(eid)
            .into_iter()
            .flatten()
            .map(|&i| &self.pending[i])
            .collect()
    }

    /// The number of versions over all nodes.
    pub fn version_count(&self) -> usize {
        self.nodes.values().map(|n| n.versions.len()).sum()
    }
}

/// Closes the current version at `date` and opens a new one; a second change on the
/// same day overwrites that day's version, so intervals are never empty.
fn push_version(tl: &mut NodeTimeline, date: NaiveDate, state: crate::model::NodeState) {
    if let Some(last) = tl.versions.last_mut() {
        if last.validity.from == date {
            last.state = state;
            return;
        }
        last.validity.to = Some(date);
    }
    tl.versions.push(Version {
        validity: Validity { from: date, to: None },
        state,
    });
}

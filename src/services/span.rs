//! A set of Rules through time: the dates at which any of its nodes changes, whether it
//! is in force on a date, and the state of one of its nodes on a date.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::consolidate::{ActTimeline, PendingChange};
use crate::model::{Content, EId, RegistryId};

/// Every date at which a node of the subtree at `rules` gets a new version, and the
/// date the act is repealed, oldest first; none before the act's base date.
pub fn boundaries(tl: &ActTimeline, rules: &EId) -> Vec<NaiveDate> {
    let mut dates = BTreeSet::new();
    for (eid, node) in &tl.nodes {
        if eid.is_within(rules) {
            dates.extend(node.versions.iter().map(|v| v.validity.from));
        }
    }
    dates.extend(tl.repealed_on);
    dates.into_iter().filter(|d| *d >= tl.base_date).collect()
}

/// The nodes of the subtree at `rules` in document order, over their whole life.
pub fn document_order(tl: &ActTimeline, rules: &EId) -> Vec<EId> {
    fn go(tl: &ActTimeline, eid: &EId, out: &mut Vec<EId>) {
        out.push(eid.clone());
        if let Some(n) = tl.nodes.get(eid) {
            for c in &n.children {
                go(tl, c, out);
            }
        }
    }
    let mut out = Vec::new();
    go(tl, rules, &mut out);
    out
}

/// Whether a set of Rules is in force on a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Existence {
    /// In force.
    InForce,
    /// The act has no text yet.
    BeforeAct {
        /// The act's base date.
        base: NaiveDate,
    },
    /// The attachment does not exist on the date (it is created later).
    Absent,
    /// Repealed, with the act that repealed it.
    Repealed {
        /// Since when.
        since: NaiveDate,
        /// By which act.
        by: RegistryId,
    },
}

/// Whether the Rules at `rules` are in force on `date`.
pub fn existence(tl: &ActTimeline, rules: &EId, date: NaiveDate) -> Existence {
    if date < tl.base_date {
        return Existence::BeforeAct { base: tl.base_date };
    }
    let version = tl.nodes.get(rules).and_then(|n| n.at(date));
    match version {
        None => Existence::Absent,
        Some(v) if v.state.content == Content::Repealed => Existence::Repealed {
            since: v.validity.from,
            by: v.state.source.act,
        },
        Some(_) => Existence::InForce,
    }
}

/// The state of one node on a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeState {
    /// Its text is held.
    Text,
    /// The registry does not hold its text.
    NotHeld,
    /// Repealed.
    Repealed {
        /// Since when.
        since: NaiveDate,
        /// By which act.
        by: RegistryId,
    },
    /// It does not exist on the date; `from` is when it first does, if ever.
    Absent {
        /// Its first version's date.
        from: Option<NaiveDate>,
    },
}

/// The state of `eid` on `date`.
pub fn node_state(tl: &ActTimeline, eid: &EId, date: NaiveDate) -> NodeState {
    let Some(node) = tl.nodes.get(eid) else {
        return NodeState::Absent { from: None };
    };
    match node.at(date) {
        None => NodeState::Absent {
            from: node.versions.first().map(|v| v.validity.from),
        },
        Some(v) => match &v.state.content {
            Content::Text { .. } => NodeState::Text,
            Content::NotHeld => NodeState::NotHeld,
            Content::Repealed => NodeState::Repealed {
                since: v.validity.from,
                by: v.state.source.act,
            },
        },
    }
}

/// Pending amendments aimed at the Rules (or at the whole act) that may already apply on
/// `date`, or all of them when `date` is `None`.
pub fn pending(tl: &ActTimeline, rules: &EId, date: Option<NaiveDate>) -> Vec<PendingChange> {
    tl.pending
        .iter()
        .filter(|p| p.target.as_ref().is_none_or(|t| t.is_within(rules)))
        .filter(|p| match (date, p.earliest) {
            (Some(d), Some(e)) => e <= d,
            _ => true,
        })
        .cloned()
        .collect()
}

/// The acts whose versions of nodes in the subtree at `rules` start on `date`, sorted;
/// when `only` is given, only versions of nodes related to one of those eIds (the node,
/// an ancestor or a descendant).
pub fn changed_by(tl: &ActTimeline, rules: &EId, date: NaiveDate, only: Option<&[EId]>) -> Vec<RegistryId> {
    let mut acts = BTreeSet::new();
    for (eid, node) in &tl.nodes {
        if !eid.is_within(rules) {
            continue;
        }
        if let Some(only) = only
            && !only.iter().any(|o| eid.is_within(o) || o.is_within(eid))
        {
            continue;
        }
        for v in &node.versions {
            if v.validity.from == date {
                acts.insert(v.state.source.act);
            }
        }
    }
    if tl.repealed_on == Some(date)
        && let Some(v) = tl.nodes.get(rules).and_then(|n| n.at(date))
    {
        acts.insert(v.state.source.act);
    }
    acts.into_iter().collect()
}

/// An English label for a node of the Rules: "paragraph 4 of the Rules", "abzats 9 of
/// paragraph 6 of the Rules", "row 1 of table 1 of annex 2 to the Rules".
pub fn describe(eid: &EId, rules: &EId) -> String {
    if eid == rules {
        return "the Rules".to_string();
    }
    let rest = eid
        .as_str()
        .strip_prefix(rules.as_str())
        .and_then(|r| r.strip_prefix("__"))
        .unwrap_or(eid.as_str());
    let parts: Vec<String> = rest
        .split("__")
        .map(|p| {
            let (kind, num) = p.split_once('_').unwrap_or((p, ""));
            match kind {
                "para" => format!("paragraph {num}"),
                "subpara" => format!("subparagraph {num})"),
                "abz" => format!("abzats {num}"),
                "att" => format!("annex {num}"),
                "table" => format!("table {num}"),
                "row" => format!("row {num}"),
                "cell" => format!("cell {num}"),
                "chp" => format!("chapter {num}"),
                other => format!("{other} {num}").trim_end().to_string(),
            }
        })
        .collect();
    let top_is_annex = rest.starts_with("att_");
    let mut out = parts.into_iter().rev().collect::<Vec<_>>().join(" of ");
    out.push_str(if top_is_annex { " to the Rules" } else { " of the Rules" });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_like_a_lawyer_would_say_them() {
        let rules: EId = "att_1".parse().unwrap();
        let l = |e: &str| describe(&e.parse().unwrap(), &rules);
        assert_eq!(l("att_1__para_4"), "paragraph 4 of the Rules");
        assert_eq!(l("att_1__para_6__abz_9"), "abzats 9 of paragraph 6 of the Rules");
        assert_eq!(
            l("att_1__para_6__subpara_1"),
            "subparagraph 1) of paragraph 6 of the Rules"
        );
        assert_eq!(l("att_1__att_2"), "annex 2 to the Rules");
        assert_eq!(
            l("att_1__att_2__table_1__row_1"),
            "row 1 of table 1 of annex 2 to the Rules"
        );
        assert_eq!(l("att_1"), "the Rules");
    }
}

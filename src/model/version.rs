//! Node states, their validity intervals and their provenance.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::act::RegistryId;

/// What a node says in one version.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Content {
    /// The node's own text (its children carry theirs).
    Text {
        /// The text; abzats inside one node are separated by `\n`.
        text: String,
    },
    /// The registry does not hold this text. An explicit state, never a placeholder.
    NotHeld,
    /// The node has been deleted or repealed.
    Repealed,
}

impl Content {
    /// The text, when the registry holds one.
    pub fn text(&self) -> Option<&str> {
        match self {
            Content::Text { text } => Some(text),
            _ => None,
        }
    }

    /// Shorthand for a text content.
    pub fn of(text: impl Into<String>) -> Content {
        Content::Text { text: text.into() }
    }
}

/// A range of abzats of an amending act's item, 1-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AbzatsRange {
    /// The first abzats.
    pub from: u32,
    /// The last abzats.
    pub to: u32,
}

impl AbzatsRange {
    /// True when the two ranges share an abzats.
    pub fn overlaps(&self, other: &AbzatsRange) -> bool {
        self.from <= other.to && other.from <= self.to
    }

    /// True when `other` lies inside `self`.
    pub fn contains(&self, other: &AbzatsRange) -> bool {
        self.from <= other.from && other.to <= self.to
    }
}

impl fmt::Display for AbzatsRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.from == self.to {
            write!(f, "{}", self.from)
        } else {
            write!(f, "{}-{}", self.from, self.to)
        }
    }
}

/// Which act, and which item and abzats of it, made a version.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Provenance {
    /// The act: the act itself for its base text, else the amending act.
    pub act: RegistryId,
    /// The item of the amending act (an eId of its tree), `None` for a base text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// The abzats of that item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abzats: Option<AbzatsRange>,
    /// The index of the operation among the amending act's operations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub op: Option<usize>,
}

impl Provenance {
    /// The provenance of an act's own base text.
    pub fn base(act: &RegistryId) -> Provenance {
        Provenance {
            act: *act,
            item: None,
            abzats: None,
            op: None,
        }
    }
}

/// A node's state, apart from when it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct NodeState {
    /// The displayed number, e.g. `18-1` or `1)`-less `1`.
    pub num: Option<String>,
    /// The heading, when the node has one.
    pub heading: Option<String>,
    /// Text, not held, or repealed.
    pub content: Content,
    /// Who made it so.
    pub source: Provenance,
}

/// A half-open validity interval `[from, to)`; `to = None` is open-ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Validity {
    /// The first day.
    pub from: NaiveDate,
    /// The first day it no longer holds, if any.
    pub to: Option<NaiveDate>,
}

impl Validity {
    /// True when `date` lies in the interval.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && self.to.is_none_or(|to| date < to)
    }
}

/// One version of a node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Version {
    /// When it holds.
    #[serde(flatten)]
    pub validity: Validity,
    /// What it says.
    #[serde(flatten)]
    pub state: NodeState,
}

//! Akoma Ntoso-style element identifiers (eIds).
//!
//! An eId is a path of `type_num` parts joined by `__`, e.g. `att_1__para_6__subpara_1`
//! or `att_1__att_2__table_1__row_1`. Parts without a number (`preamble`,
//! `conclusions`) are bare. Numbers keep the act's own labels: `para_18-1`.
//!
//! The scheme: `preface` the document's title block, `preamble` and `conclusions`
//! (unnumbered); `att` attachments (annexes), numbered as the act numbers them, nested
//! for an annex of an annex; `chp` chapters; `art` articles of a law (бап, статья) and
//! `part` their parts (бөлік, часть, counted in order); `para` numbered paragraphs (тармақ) and the
//! order's own items; `subpara` subparagraphs (тармақша, `1)`); `abz` unnumbered abzats,
//! numbered by their position among the lines of their parent (the registry's count);
//! `table`, `row` (by serial number, реттік нөмірі) and `cell`. An attachment whose
//! number the registry does not state gets a descriptive number, documented with its act
//! (e.g. `att_std` for the state-service standard of order No. 208).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The structural kind of a clause-tree node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// The title block of the published document (title, registration line).
    Preface,
    /// кіріспе: the preamble, including the enacting formula.
    Preamble,
    /// The signature block at the end of an act.
    Conclusions,
    /// қосымша: an attachment (annex): approved Rules, a form, a table.
    Attachment,
    /// тарау: a chapter.
    Chapter,
    /// бап / статья: an article of a law.
    Article,
    /// бөлік / часть: a part of an article, counted in order (unnumbered in the text).
    Part,
    /// тармақ: a numbered paragraph, or an item of the order itself.
    Paragraph,
    /// тармақша: a subparagraph, `1)`.
    Subparagraph,
    /// абзац: an unnumbered text paragraph.
    Abzats,
    /// A table.
    Table,
    /// A table row, by serial number.
    Row,
    /// A table cell.
    Cell,
}

impl NodeKind {
    /// The eId part prefix of this kind.
    pub fn prefix(self) -> &'static str {
        match self {
            NodeKind::Preface => "preface",
            NodeKind::Preamble => "preamble",
            NodeKind::Conclusions => "conclusions",
            NodeKind::Attachment => "att",
            NodeKind::Chapter => "chp",
            NodeKind::Article => "art",
            NodeKind::Part => "part",
            NodeKind::Paragraph => "para",
            NodeKind::Subparagraph => "subpara",
            NodeKind::Abzats => "abz",
            NodeKind::Table => "table",
            NodeKind::Row => "row",
            NodeKind::Cell => "cell",
        }
    }

    /// The kind whose eId prefix is `prefix`.
    pub fn from_prefix(prefix: &str) -> Option<NodeKind> {
        Some(match prefix {
            "preface" => NodeKind::Preface,
            "preamble" => NodeKind::Preamble,
            "conclusions" => NodeKind::Conclusions,
            "att" => NodeKind::Attachment,
            "chp" => NodeKind::Chapter,
            "art" => NodeKind::Article,
            "part" => NodeKind::Part,
            "para" => NodeKind::Paragraph,
            "subpara" => NodeKind::Subparagraph,
            "abz" => NodeKind::Abzats,
            "table" => NodeKind::Table,
            "row" => NodeKind::Row,
            "cell" => NodeKind::Cell,
            _ => return None,
        })
    }

    /// True for kinds whose eId part carries no number.
    pub fn is_unnumbered(self) -> bool {
        matches!(self, NodeKind::Preface | NodeKind::Preamble | NodeKind::Conclusions)
    }
}

/// Why a string is not an eId.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EIdError {
    /// The string is empty.
    #[error("empty eId")]
    Empty,
    /// A part has an unknown type prefix.
    #[error("eId `{eid}`: unknown part type `{part}`")]
    UnknownType {
        /// The whole eId.
        eid: String,
        /// The offending part.
        part: String,
    },
    /// A part lacks its number, or has a number it must not have, or bad characters.
    #[error("eId `{eid}`: malformed part `{part}`")]
    BadPart {
        /// The whole eId.
        eid: String,
        /// The offending part.
        part: String,
    },
}

/// An element identifier; see the module documentation for the scheme.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(try_from = "String", into = "String")]
pub struct EId(String);

impl EId {
    /// The eId as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The eId of the parent node, or `None` for a top-level node.
    pub fn parent(&self) -> Option<EId> {
        self.0.rfind("__").map(|i| EId(self.0[..i].to_string()))
    }

    /// The last part, e.g. `subpara_1`.
    pub fn last_part(&self) -> &str {
        match self.0.rfind("__") {
            Some(i) => &self.0[i + 2..],
            None => &self.0,
        }
    }

    /// The node kind given by the last part.
    pub fn kind(&self) -> NodeKind {
        let part = self.last_part();
        let prefix = part.split_once('_').map_or(part, |(p, _)| p);
        // Validated on construction.
        NodeKind::from_prefix(prefix).unwrap_or(NodeKind::Paragraph)
    }

    /// The number in the last part, e.g. `18-1` for `att_1__para_18-1`.
    pub fn num(&self) -> Option<&str> {
        self.last_part().split_once('_').map(|(_, n)| n)
    }

    /// The eId of a child of this node.
    pub fn child(&self, kind: NodeKind, num: Option<&str>) -> Result<EId, EIdError> {
        let part = EId::part(kind, num);
        format!("{}__{}", self.0, part).parse()
    }

    /// A top-level eId.
    pub fn top(kind: NodeKind, num: Option<&str>) -> Result<EId, EIdError> {
        EId::part(kind, num).parse()
    }

    fn part(kind: NodeKind, num: Option<&str>) -> String {
        match num {
            Some(n) => format!("{}_{}", kind.prefix(), n),
            None => kind.prefix().to_string(),
        }
    }

    /// True when `self` is `other` or lies under it.
    pub fn is_within(&self, other: &EId) -> bool {
        self.0 == other.0
            || (self.0.len() > other.0.len() + 2
                && self.0.starts_with(other.as_str())
                && self.0[other.0.len()..].starts_with("__"))
    }

    /// The depth: 1 for a top-level node.
    pub fn depth(&self) -> usize {
        self.0.matches("__").count() + 1
    }
}

fn valid_num(n: &str) -> bool {
    !n.is_empty()
        && n.len() <= 16
        && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        && !n.starts_with('-')
        && !n.ends_with('-')
}

impl FromStr for EId {
    type Err = EIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.is_empty() {
            return Err(EIdError::Empty);
        }
        for part in s.split("__") {
            let (prefix, num) = match part.split_once('_') {
                Some((p, n)) => (p, Some(n)),
                None => (part, None),
            };
            let kind = NodeKind::from_prefix(prefix).ok_or_else(|| EIdError::UnknownType {
                eid: s.to_string(),
                part: part.to_string(),
            })?;
            let ok = match num {
                None => kind.is_unnumbered(),
                Some(n) => !kind.is_unnumbered() && valid_num(n),
            };
            if !ok {
                return Err(EIdError::BadPart {
                    eid: s.to_string(),
                    part: part.to_string(),
                });
            }
        }
        Ok(EId(s.to_string()))
    }
}

impl TryFrom<String> for EId {
    type Error = EIdError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<EId> for String {
    fn from(e: EId) -> String {
        e.0
    }
}

impl fmt::Display for EId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_navigates() {
        let e: EId = "att_1__para_6__subpara_1".parse().unwrap();
        assert_eq!(e.parent().unwrap().as_str(), "att_1__para_6");
        assert_eq!(e.kind(), NodeKind::Subparagraph);
        assert_eq!(e.num(), Some("1"));
        assert_eq!(e.depth(), 3);
        let p: EId = "att_1__para_18-1".parse().unwrap();
        assert_eq!(p.num(), Some("18-1"));
        assert!(e.is_within(&"att_1__para_6".parse().unwrap()));
        assert!(!e.is_within(&p));
        assert!("preamble".parse::<EId>().is_ok());
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "",
            "para",
            "foo_1",
            "para_",
            "preamble_1",
            "para_1__",
            "para_1 2",
            "para_-1",
        ] {
            assert!(bad.parse::<EId>().is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn is_within_respects_part_boundaries() {
        let a: EId = "att_1__para_1".parse().unwrap();
        let b: EId = "att_1__para_10".parse().unwrap();
        assert!(!b.is_within(&a));
    }
}

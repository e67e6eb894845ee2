//! English citations, from the outermost clause in: "Annex 1, paragraph 6,
//! subparagraph 2)".

use super::{DocName, Step};
use crate::model::{ActKind, NodeKind};

fn unit(kind: NodeKind) -> Option<&'static str> {
    Some(match kind {
        NodeKind::Attachment => "Annex",
        NodeKind::Chapter => "chapter",
        NodeKind::Article => "article",
        NodeKind::Part => "part",
        NodeKind::Paragraph => "paragraph",
        NodeKind::Subparagraph => "subparagraph",
        NodeKind::Abzats => "abzats",
        NodeKind::Table => "table",
        NodeKind::Row => "row",
        NodeKind::Cell => "column",
        NodeKind::Preface | NodeKind::Preamble | NodeKind::Conclusions => return None,
    })
}

/// The steps in words; `None` when a step has no English unit.
pub(super) fn clause(steps: &[Step], doc: Option<DocName>) -> Option<String> {
    let mut words = Vec::new();
    let named = doc.filter(|_| steps.first().is_some_and(|s| s.kind == NodeKind::Attachment));
    for (i, step) in steps.iter().enumerate() {
        if i == 0 && named.is_some() {
            words.push(
                match named {
                    Some(DocName::List) => "the List",
                    _ => "the Rules",
                }
                .to_string(),
            );
            continue;
        }
        let u = unit(step.kind)?;
        let num = step.num.as_deref()?;
        // The items of a list are items; elsewhere a paragraph is a paragraph.
        let u = if named == Some(DocName::List) && step.kind == NodeKind::Paragraph && i == 1 {
            "item"
        } else {
            u
        };
        words.push(match step.kind {
            NodeKind::Subparagraph => format!("{u} {num})"),
            _ => format!("{u} {num}"),
        });
    }
    Some(words.join(", "))
}

/// The act's kind, before its number: "Order No. 429".
pub(super) fn act_kind(kind: ActKind) -> &'static str {
    match kind {
        ActKind::Order => "Order",
        ActKind::JointOrder => "Joint Order",
        ActKind::GovernmentDecree => "Government Decree",
        ActKind::Law => "Law",
        ActKind::Decision => "Decision",
    }
}

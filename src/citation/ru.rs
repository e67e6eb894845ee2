//! Russian citations: the innermost clause in the nominative, the outer ones after it
//! in the genitive: "подпункт 2) пункта 6 Правил".

use super::{DocName, Step};
use crate::model::{ActKind, NodeKind};

/// A unit's nominative and genitive.
fn forms(kind: NodeKind) -> Option<(&'static str, &'static str)> {
    Some(match kind {
        NodeKind::Attachment => ("приложение", "приложения"),
        NodeKind::Chapter => ("глава", "главы"),
        NodeKind::Article => ("статья", "статьи"),
        NodeKind::Part => ("часть", "части"),
        NodeKind::Paragraph => ("пункт", "пункта"),
        NodeKind::Subparagraph => ("подпункт", "подпункта"),
        NodeKind::Abzats => ("абзац", "абзаца"),
        NodeKind::Table => ("таблица", "таблицы"),
        NodeKind::Row => ("строка", "строки"),
        NodeKind::Cell => ("графа", "графы"),
        NodeKind::Preface | NodeKind::Preamble | NodeKind::Conclusions => return None,
    })
}

/// The steps in words; `None` when a step has no Russian unit.
pub(super) fn clause(steps: &[Step], doc: Option<DocName>) -> Option<String> {
    let mut words = Vec::new();
    for (i, step) in steps.iter().enumerate().rev() {
        let inner = i + 1 == steps.len();
        if i == 0
            && step.kind == NodeKind::Attachment
            && let Some(d) = doc
        {
            {
                words.push(
                    match (d, inner) {
                        (DocName::List, true) => "Перечень",
                        (DocName::List, false) => "Перечня",
                        (DocName::Rules, true) => "Правила",
                        (DocName::Rules, false) => "Правил",
                    }
                    .to_string(),
                );
                continue;
            }
        }
        let (nom, gen_) = forms(step.kind)?;
        let num = step.num.as_deref()?;
        let word = if inner { nom } else { gen_ };
        words.push(match step.kind {
            NodeKind::Subparagraph => format!("{word} {num})"),
            _ => format!("{word} {num}"),
        });
    }
    Some(words.join(" "))
}

/// The act's kind, before its number: "приказ № 429".
pub(super) fn act_kind(kind: ActKind) -> &'static str {
    match kind {
        ActKind::Order => "приказ",
        ActKind::JointOrder => "совместный приказ",
        ActKind::GovernmentDecree => "постановление Правительства",
        ActKind::Law => "закон",
        ActKind::Decision => "решение",
    }
}

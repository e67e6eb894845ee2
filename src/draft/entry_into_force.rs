//! The draft's entry-into-force clause: missing, ambiguous (stated twice),
//! contradicting the metadata, or naming positions the text does not have.

use super::order_text::OrderText;
use super::report::{Place, Problem};
use crate::dates::{EffectiveRule, EntryIntoForce};
use crate::model::{Act, EVENT_HORIZON, NodeKind};
use crate::parse::entry_into_force::MARKER;

/// The problems of the clause `parsed` the parser read from `order` (`None`: no clause
/// found, or one that could not be read, which the parser reports itself).
pub(super) fn check(meta: &Act, order: &OrderText, parsed: Option<&EntryIntoForce>, malformed: bool) -> Vec<Problem> {
    let mut out = Vec::new();
    let stating: Vec<_> = order
        .tree
        .iter()
        .filter(|n| n.eid.kind() == NodeKind::Paragraph)
        .filter(|n| n.content.text().is_some_and(|t| t.to_lowercase().contains(MARKER)))
        .collect();
    if stating.len() > 1 {
        let names: Vec<String> = stating.iter().map(|n| n.eid.to_string()).collect();
        for n in stating.iter().take(stating.len() - 1) {
            out.push(Problem::error(
                "entry_into_force_ambiguous",
                Place {
                    item: Some(n.eid.to_string()),
                    line: order.first_line(n.eid.as_str()),
                    ..Place::default()
                },
                n.content.text().unwrap_or(""),
                format!(
                    "{} all state when the order takes force; only the last is read",
                    names.join(", ")
                ),
            ));
        }
    }
    let Some(eif) = parsed else {
        if !malformed {
            out.push(Problem::warning(
                "entry_into_force_missing",
                Place::default(),
                "",
                match &meta.entry_into_force {
                    Some(_) => "the text states no entry into force (no paragraph says \"… қолданысқа енгізіледі\"); the metadata's clause is used",
                    None => "the text states no entry into force (no paragraph says \"… қолданысқа енгізіледі\"): every operation waits for an entry-into-force event to be recorded",
                },
            ));
        }
        return out;
    };
    let clause_place = || Place {
        item: eif.stated_in.clone(),
        line: eif.stated_in.as_deref().and_then(|i| order.first_line(i)),
        ..Place::default()
    };
    if let Some(m) = &meta.entry_into_force
        && (m.default != eif.default || m.exceptions != eif.exceptions)
    {
        out.push(Problem::error(
            "entry_into_force_contradicts_meta",
            clause_place(),
            "",
            format!(
                "the text's clause reads {}; the metadata states {}",
                describe(eif),
                describe(m)
            ),
        ));
    }
    for (k, ex) in eif.exceptions.iter().enumerate() {
        let known = order.first_line(&ex.item).is_some();
        let fits = ex.abzats.is_none_or(|r| order.line_of(&ex.item, r.to).is_some());
        if !known || !fits {
            out.push(Problem::error(
                "entry_into_force_unknown_position",
                clause_place(),
                "",
                match (known, ex.abzats) {
                    (false, _) => format!("an exception names `{}`, which the text does not have", ex.item),
                    (true, Some(r)) => format!("an exception names abzats {r} of `{}`, which has fewer", ex.item),
                    (true, None) => format!("an exception names `{}`", ex.item),
                },
            ));
        }
        for other in eif.exceptions.iter().skip(k + 1) {
            let same_item = other.item == ex.item;
            let overlap = match (ex.abzats, other.abzats) {
                (Some(a), Some(b)) => a.overlaps(&b),
                _ => true,
            };
            if same_item && overlap && other.rule != ex.rule {
                out.push(Problem::error(
                    "entry_into_force_overlap",
                    clause_place(),
                    "",
                    format!("two exceptions give `{}` different dates", ex.item),
                ));
            }
        }
    }
    let rules = std::iter::once(&eif.default).chain(eif.exceptions.iter().map(|e| &e.rule));
    for r in rules {
        if let EffectiveRule::Fixed { date } = r
            && (*date < meta.date || *date > EVENT_HORIZON)
        {
            out.push(Problem::error(
                "entry_into_force_before_adoption",
                clause_place(),
                "",
                format!(
                    "the clause fixes {date}, {} the order's adoption on {}",
                    if *date < meta.date { "before" } else { "long after" },
                    meta.date
                ),
            ));
        }
    }
    out
}

fn rule(r: &EffectiveRule) -> String {
    match r {
        EffectiveRule::Fixed { date } => format!("from {date}"),
        EffectiveRule::AfterEvent { event, days } => format!("{days} days after {}", event.as_str()),
        EffectiveRule::OnEntryIntoForce => "on entry into force".into(),
    }
}

fn describe(e: &EntryIntoForce) -> String {
    let mut s = rule(&e.default);
    for ex in &e.exceptions {
        s.push_str(&format!(
            ", except {}{} {}",
            ex.item,
            ex.abzats.map(|a| format!(" abzats {a}")).unwrap_or_default(),
            rule(&ex.rule)
        ));
    }
    s
}

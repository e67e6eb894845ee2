//! The requirements table ("мемлекеттік қызмет көрсетуге қойылатын негізгі талаптар
//! тізбесі"): the attribute a row's name cell names, and what its value cells state.

use std::sync::LazyLock;

use regex::Regex;

use super::clause_rules::portals;
use super::found::{EvidenceFound, Extraction, Found, NameFound, RowInfo, TableInfo};
use super::lists::{NUMBERED_LINE, items};
use super::names::name_in;
use super::patterns::re;
use super::terms::case_term;
use crate::consolidate::PendingChange;
use crate::model::NodeKind;
use crate::services::clause::{Clause, Held};
use crate::services::model::{Attribute, FormKind, Value};

/// Row-name tests, in the order they are tried.
static ROW_NAMES: LazyLock<Vec<(Attribute, Regex)>> = LazyLock::new(|| {
    vec![
        (Attribute::Provider, re(r"(?i)қызметті\s+берушінің\s+атауы")),
        (Attribute::Fee, re(r"(?i)төлем")),
        (Attribute::RefusalGrounds, re(r"(?i)бас\s+тарту")),
        (Attribute::OtherRequirements, re(r"(?i)өзге\s+де\s+талаптар")),
        (Attribute::Documents, re(r"(?i)құжаттар\S*\s+тізбесі")),
        (Attribute::Schedule, re(r"(?i)жұмыс\s+кестесі")),
        (Attribute::Result, re(r"(?i)нәтижесі")),
        (Attribute::Term, re(r"(?i)мерзімі")),
        (Attribute::Form, re(r"(?i)нысаны")),
        (Attribute::Channels, re(r"(?i)тәсілдері")),
    ]
});

/// The attribute a requirements-list row states, from its name cell.
pub fn row_attribute(name: &str) -> Option<Attribute> {
    ROW_NAMES.iter().find(|(_, r)| r.is_match(name)).map(|(a, _)| *a)
}

fn cells<'c, 'a>(row: &'c Clause<'a>) -> Option<(&'c Clause<'a>, Vec<&'c Clause<'a>>)> {
    let cells: Vec<&Clause<'a>> = row.children.iter().filter(|c| c.kind() == NodeKind::Cell).collect();
    match cells.len() {
        0 | 1 => None,
        2 => Some((cells[0], vec![cells[1]])),
        _ => Some((cells[1], cells[2..].to_vec())),
    }
}

pub(super) fn table_info(t: &Clause<'_>) -> TableInfo {
    let rows = t
        .children
        .iter()
        .filter(|r| r.kind() == NodeKind::Row && r.held != Held::Repealed)
        .map(|r| {
            let (attribute, held) = match cells(r) {
                Some((name, values)) => (
                    name.text().and_then(row_attribute),
                    values.first().is_some_and(|v| v.text().is_some()),
                ),
                None => (None, false),
            };
            RowInfo {
                eid: r.eid.clone(),
                num: r.num.map(str::to_string),
                attribute,
                held,
            }
        })
        .collect();
    TableInfo {
        eid: t.eid.clone(),
        held: matches!(t.held, Held::Text(_)),
        rows,
    }
}

pub(super) fn row(r: &Clause<'_>, out: &mut Extraction) {
    if r.held == Held::Repealed {
        return;
    }
    let Some((name, values)) = cells(r) else { return };
    let Some(name_text) = name.text() else { return };
    if let Some((n, rule)) = name_in(name_text) {
        out.names.push(NameFound {
            text: n,
            eid: name.eid.clone(),
            since: name.since,
            source: name.source.clone(),
            rule,
        });
    }
    for v in &values {
        if let Some(t) = v.text()
            && let Some((n, rule)) = name_in(t)
        {
            out.names.push(NameFound {
                text: n,
                eid: v.eid.clone(),
                since: v.since,
                source: v.source.clone(),
                rule,
            });
        }
    }
    let Some(attribute) = row_attribute(name_text) else {
        return;
    };
    let Some(first) = values.first() else { return };
    let texts: Option<Vec<&str>> = values.iter().map(|v| v.text()).collect();
    let Some(texts) = texts else { return };
    let text = texts.join("\n");
    out.evidence.push(EvidenceFound {
        rule: "requirements.row",
        eid: r.eid.clone(),
        since: first.since,
        source: first.source.clone(),
    });
    let mut pending: Vec<PendingChange> = Vec::new();
    for p in r.pending.iter().chain(values.iter().flat_map(|v| v.pending.iter())) {
        if !pending.contains(p) {
            pending.push((*p).clone());
        }
    }
    let push = |value: Value, out: &mut Extraction| {
        out.found.push(Found {
            attribute,
            value,
            eid: r.eid.clone(),
            since: first.since,
            source: first.source.clone(),
            rule: "requirements.row",
            pending: pending.clone(),
        });
    };
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    match attribute {
        Attribute::Channels => push(
            Value::Channels {
                portals: portals(&text),
                text: text.trim().to_string(),
            },
            out,
        ),
        Attribute::Term => {
            let terms: Vec<Value> = lines.iter().filter_map(|l| case_term(l)).collect();
            if terms.is_empty() {
                push(
                    Value::Text {
                        text: text.trim().to_string(),
                    },
                    out,
                );
            }
            for t in terms {
                push(t, out);
            }
        }
        Attribute::Form => {
            let lower = text.to_lowercase();
            let mut kinds = Vec::new();
            if lower.contains("электрондық") {
                kinds.push(FormKind::Electronic);
            }
            if lower.contains("қағаз") {
                kinds.push(FormKind::Paper);
            }
            push(
                Value::Form {
                    kinds,
                    text: text.trim().to_string(),
                },
                out,
            );
        }
        Attribute::Documents | Attribute::RefusalGrounds => {
            let pairs: Vec<(Option<String>, &str)> = lines
                .iter()
                .map(|l| match NUMBERED_LINE.captures(l) {
                    Some(c) => (
                        c.get(1).map(|m| m.as_str().to_string()),
                        c.get(2).map_or("", |m| m.as_str()),
                    ),
                    None => (None, *l),
                })
                .collect();
            for item in items(&pairs, false) {
                push(item.value, out);
            }
        }
        _ => push(
            Value::Text {
                text: text.trim().to_string(),
            },
            out,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, values};
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        assert_eq!(ROW_NAMES.len(), Attribute::ALL.len());
    }

    #[test]
    fn row_names_map_to_attributes_in_order() {
        let cases = [
            ("Көрсетілетін қызметті берушінің атауы", Attribute::Provider),
            ("Мемлекеттік көрсетілетін қызметті ұсыну тәсілдері", Attribute::Channels),
            ("Мемлекеттік қызметті көрсету мерзімі", Attribute::Term),
            ("Мемлекеттік қызметті көрсету нысаны", Attribute::Form),
            ("Мемлекеттік қызметті көрсету нәтижесі", Attribute::Result),
            (
                "Мемлекеттік қызметті көрсету кезінде көрсетілетін қызметті алушыдан алынатын төлем мөлшері және Қазақстан Республикасының заңнамасында көзделген жағдайларда оны алу тәсілдері",
                Attribute::Fee,
            ),
            ("Жұмыс кестесі", Attribute::Schedule),
            (
                "Мемлекеттік қызметті көрсету үшін қажетті құжаттар тізбесі",
                Attribute::Documents,
            ),
            (
                "Қазақстан Республикасының заңнамасында белгіленген мемлекеттік қызметті көрсетуден бас тарту үшін негіздер",
                Attribute::RefusalGrounds,
            ),
            (
                "Мемлекеттік қызметті көрсету ерекшеліктері ескеріле отырып, өзге де талаптар",
                Attribute::OtherRequirements,
            ),
        ];
        for (name, a) in cases {
            assert_eq!(row_attribute(name), Some(a), "{name}");
        }
        assert_eq!(row_attribute("р/с №"), None);
    }

    #[test]
    fn requirements_rows() {
        let x = run(concat!(
            "# att_2 [2]\nНысан\n\n",
            "## att_2__table_1\n",
            "| 1 | Көрсетілетін қызметті берушінің атауы | Аумақтық бөлімше (бұдан әрі - көрсетілетін қызметті беруші) |\n",
            "| 2 | Мемлекеттік көрсетілетін қызметті ұсыну тәсілдері | \"Электрондық үкіметтің\" www.egov.kz, www.elicense.kz веб-порталы. |\n",
            "| 3 | Мемлекеттік қызметті көрсету мерзімі | 1) алу кезінде - 10 (он) жұмыс күні;<br>2) қайта ресімдеу кезінде - 3 (үш) жұмыс күні. |\n",
            "| 4 | Мемлекеттік қызметті көрсету нысаны | Электрондық түрде (ішінара автоматтандырылған). |\n",
            "| 6 | Төлем мөлшері және оны алу тәсілдері | Тегін |\n",
            "| 9 | Бас тарту үшін негіздер | 1) құжаттар толық емес;<br>2) дәйексіздігі анықталған. |\n",
        ));
        assert_eq!(
            values(&x, Attribute::Provider),
            ["att_2__table_1__row_1 Аумақтық бөлімше (бұдан әрі - көрсетілетін қызметті беруші)"]
        );
        assert_eq!(
            values(&x, Attribute::Channels),
            ["att_2__table_1__row_2 www.egov.kz, www.elicense.kz"]
        );
        assert_eq!(
            values(&x, Attribute::Term),
            [
                "att_2__table_1__row_3 10 (он) жұмыс күні (алу кезінде)",
                "att_2__table_1__row_3 3 (үш) жұмыс күні (қайта ресімдеу кезінде)"
            ]
        );
        assert!(matches!(
            &x.of(Attribute::Form).next().unwrap().value,
            Value::Form { kinds, .. } if kinds == &[FormKind::Electronic]
        ));
        assert_eq!(values(&x, Attribute::Fee), ["att_2__table_1__row_6 Тегін"]);
        assert_eq!(values(&x, Attribute::Channels).len(), 1, "the fee row is not a channel");
        assert_eq!(
            values(&x, Attribute::RefusalGrounds),
            [
                "att_2__table_1__row_9 1) құжаттар толық емес;",
                "att_2__table_1__row_9 2) дәйексіздігі анықталған."
            ]
        );
        assert!(x.tables[0].is_requirements_list());
        assert!(x.tables[0].held);
    }
}

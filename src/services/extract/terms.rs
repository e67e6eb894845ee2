//! Terms of a service: an amount of working or calendar days, hours or minutes
//! (`5 (бес) жұмыс күні`), for the whole service or by case (`CASE - 10 (он) жұмыс күні`).

use std::sync::LazyLock;

use regex::Regex;

use super::lists::NUMBERED_LINE;
use super::patterns::{DASH, re};
use crate::kk::TimeUnit;
use crate::services::model::{TermUnit, Value};

/// The units' stems as alternatives, their words joined by any spaces
/// (`жұмыс\s+күн|күнтізбелік\s+күн|сағат|минут`).
fn unit_stems() -> String {
    let stems: Vec<String> = TimeUnit::ALL
        .iter()
        .map(|u| u.stem().split(' ').map(regex::escape).collect::<Vec<_>>().join(r"\s+"))
        .collect();
    stems.join("|")
}

/// The units' first words as alternatives (`жұмыс|күнтізбелік|сағат|минут`).
fn unit_first_words() -> String {
    let words: Vec<String> = TimeUnit::ALL.iter().map(|u| regex::escape(u.first_word())).collect();
    words.join("|")
}

/// `N (words) UNIT`: the amount, the number in words, the unit.
pub(super) static AMOUNT: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?i)(\d+)\s*(?:\(([^)]*)\)\s*)?({})", unit_stems())));
/// `CASE - N ...`: the case a term is for.
static CASE_TERM: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"^(.+?)\s*{DASH}\s*\d+\s*(?:\(|{})", unit_first_words())));

pub(super) fn term(cap: &regex::Captures<'_>, case: Option<String>, text: &str) -> Option<Value> {
    let amount = cap.get(1)?.as_str().parse().ok()?;
    let words = cap
        .get(2)
        .map(|m| m.as_str().trim().to_string())
        .filter(|w| !w.is_empty());
    let unit = TermUnit::from(TimeUnit::of(cap.get(3)?.as_str())?);
    Some(Value::Term {
        case,
        amount,
        words,
        unit,
        text: text.trim().to_string(),
    })
}

/// A term read from one item or line: `CASE - N (words) жұмыс күні`, or an amount alone.
pub(super) fn case_term(line: &str) -> Option<Value> {
    let line = line.trim();
    let body = NUMBERED_LINE
        .captures(line)
        .and_then(|c| c.get(2))
        .map_or(line, |m| m.as_str());
    let cap = AMOUNT.captures(body)?;
    let case = CASE_TERM
        .captures(body)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().trim().to_string());
    term(&cap, case, line)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, values};
    use super::*;
    use crate::services::model::Attribute;

    #[test]
    fn the_unit_patterns() {
        assert_eq!(unit_stems(), r"жұмыс\s+күн|күнтізбелік\s+күн|сағат|минут");
        assert_eq!(unit_first_words(), "жұмыс|күнтізбелік|сағат|минут");
    }

    #[test]
    fn every_pattern_compiles() {
        for r in [&AMOUNT, &CASE_TERM] {
            LazyLock::force(r);
        }
    }

    #[test]
    fn terms_whole_and_by_case() {
        let x = run(
            "# para_6 [6]\nКіріспе.\n\n## para_6__abz_2\nМемлекеттік қызметті көрсету жалпы мерзімі 5 (бес) жұмыс күнін құрайды.\n",
        );
        let t: Vec<_> = x.of(Attribute::Term).collect();
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].eid.as_str(), "para_6__abz_2");
        assert_eq!(
            t[0].value,
            Value::Term {
                case: None,
                amount: 5,
                words: Some("бес".into()),
                unit: TermUnit::WorkingDays,
                text: "Мемлекеттік қызметті көрсету жалпы мерзімі 5 (бес) жұмыс күнін құрайды.".into()
            }
        );
        let x = run(
            "# para_7 [7]\nМемлекеттік қызметті көрсету жалпы мерзімі келесіні құрайды:\n\n## para_7__subpara_1 [1]\nлицензияны алу кезінде - 10 (он) жұмыс күні;\n\n## para_7__subpara_2 [2]\nлицензияны қайта ресімдеу кезінде - 3 (үш) жұмыс күні.\n",
        );
        assert_eq!(
            values(&x, Attribute::Term),
            [
                "para_7__subpara_1 10 (он) жұмыс күні (лицензияны алу кезінде)",
                "para_7__subpara_2 3 (үш) жұмыс күні (лицензияны қайта ресімдеу кезінде)"
            ]
        );
        // A step's duration is not the term of the service.
        let x = run("# para_9 [9]\nАумақтық департамент 5 (бес) жұмыс күні ішінде бақылауды жүзеге асырады.\n");
        assert!(values(&x, Attribute::Term).is_empty());
    }
}

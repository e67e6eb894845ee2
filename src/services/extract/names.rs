//! Service names and the signs that Rules govern a state service: the `name.quoted`,
//! `name.defined` and `name.heading` rules, and the evidence read from headings and texts.

use std::sync::LazyLock;

use regex::Regex;

use super::found::{EvidenceFound, Extraction, NameFound};
use super::patterns::{DASH, re};
use crate::services::clause::Clause;

static REQ_LIST: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)негізгі\s+талаптар\S*\s+тізбесі"));
static QUOTED_NAME: LazyLock<Regex> = LazyLock::new(|| {
    re(r#"["«“]([^\s"«»“”][^"«»“”]*?)["»”]\s+мемлекеттік\s+(?:көрсетілетін\s+қызмет|қызмет\S*\s+көрсету)"#)
});
static DEFINED_NAME: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(\S.{{8,}}?)\s+(?:мемлекеттік\s+)+көрсетілетін\s+қызмет\s*\(бұдан әрі\s*{DASH}?\s*мемлекеттік көрсетілетін қызмет\)"
    ))
});
static STATE_SERVICE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)мемлекеттік\s+(?:көрсетілетін\s+қызмет|қызмет\S*\s+көрсету)"));
static RULES_HEADING: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)қағида"));
static HEADING_NAME: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^(.+?)\s+қағида(?:лары|сы)\s*$"));

/// True when a heading names a set of Rules (`қағида…`).
pub fn is_rules_heading(heading: &str) -> bool {
    RULES_HEADING.is_match(heading)
}

/// The name a Rules heading gives, without its closing `қағидалары`.
pub fn heading_name(heading: &str) -> String {
    let h = heading.trim();
    HEADING_NAME
        .captures(h)
        .and_then(|c| c.get(1))
        .map_or(h, |m| m.as_str())
        .to_string()
}

/// A service name a text gives, with the rule that read it.
pub fn name_in(text: &str) -> Option<(String, &'static str)> {
    if let Some(m) = QUOTED_NAME.captures(text).and_then(|c| c.get(1)) {
        return Some((m.as_str().trim().to_string(), "name.quoted"));
    }
    DEFINED_NAME
        .captures(text.trim_start())
        .and_then(|c| c.get(1))
        .map(|m| (m.as_str().trim().to_string(), "name.defined"))
}

fn evidence(c: &Clause<'_>, rule: &'static str) -> EvidenceFound {
    EvidenceFound {
        rule,
        eid: c.eid.clone(),
        since: c.since,
        source: c.source.clone(),
    }
}

pub(super) fn names_and_evidence(c: &Clause<'_>, text: &str, heading: bool, out: &mut Extraction) {
    if let Some((name, rule)) = name_in(text) {
        out.names.push(NameFound {
            text: name,
            eid: c.eid.clone(),
            since: c.since,
            source: c.source.clone(),
            rule,
        });
        out.evidence.push(evidence(c, rule));
    } else if heading && STATE_SERVICE.is_match(text) {
        out.evidence.push(evidence(c, "heading.state_service"));
    }
    if !heading && REQ_LIST.is_match(text) {
        out.evidence.push(evidence(c, "requirements.reference"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        for r in [
            &REQ_LIST,
            &QUOTED_NAME,
            &DEFINED_NAME,
            &STATE_SERVICE,
            &RULES_HEADING,
            &HEADING_NAME,
        ] {
            LazyLock::force(r);
        }
    }

    #[test]
    fn names_by_rule() {
        assert_eq!(
            name_in(
                "\"Жарылыс жұмыстарын жүргізуге рұқсат беру\" мемлекеттік қызмет көрсетудің негізгі талаптарының тізбесі"
            ),
            Some(("Жарылыс жұмыстарын жүргізуге рұқсат беру".into(), "name.quoted"))
        );
        assert_eq!(
            name_in(
                "Басшылардың білімін тексеру мемлекеттік мемлекеттік көрсетілетін қызмет (бұдан әрі - мемлекеттік көрсетілетін қызмет) болып табылады"
            ),
            Some(("Басшылардың білімін тексеру".into(), "name.defined"))
        );
        // A quoted law title followed by other words is not a service name.
        assert_eq!(
            name_in("\"электрондық үкіметтің\" www.egov.kz веб-порталы, \"Рұқсаттар туралы\" Заңының"),
            None
        );
        assert_eq!(
            heading_name("Жарылыс жұмыстарын жүргізуге рұқсат беру қағидалары"),
            "Жарылыс жұмыстарын жүргізуге рұқсат беру"
        );
        assert!(is_rules_heading("Есепке қою қағидалары"));
        assert!(!is_rules_heading("Стандартқа қосымша"));
    }
}

//! The rules over a clause's text: provider, channels, term, the lists of documents and
//! grounds it introduces, documents under a clause not held, result, fee, and pointers to annexes.

use std::sync::LazyLock;

use regex::Regex;

use super::found::{Extraction, PartialList, Pointer, found};
use super::lists::{ends_with_colon, entries, list};
use super::patterns::{DASH, re};
use super::terms::{AMOUNT, case_term, term};
use crate::model::NodeKind;
use crate::services::clause::{Clause, Held};
use crate::services::model::{Attribute, Value};

static PROVIDER: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)сәйкес\s+([^()]+?)\s*\(бұдан әрі\s*{DASH}?\s*көрсетілетін қызметті беруші\)\s*(?:арқылы\s+)?көрсет(?:еді|іледі)"
    ))
});
static PORTAL_WORD: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)портал"));
static SUBMIT: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)(?:жолдайды|жібереді|жүгінеді|ұсынады)"));
static PORTAL: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)www\.[a-z0-9-]+(?:\.[a-z0-9-]+)+"));
static TERM_CLAUSE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)көрсету(?:дің)?\s+(?:жалпы\s+)?мерзімі"));
static DOCS_INTRO: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)құжаттар(?:ды)?\s+(?:жолдайды|ұсынады|береді|жібереді)"));
static DOC_ITEM: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?:өтініш|көшірмесі|көшірме|электрондық құжат)\s*[;.]?\s*$"));
static REFUSAL_INTRO: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)бас\s+тарту\S*\s+(?:үшін\s+)?негіздер"));
static RESULT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:нәтижесін\s+ресімдейді|бас\s+тарту\s+туралы\s+дәлелді\s+жауап\S*\s+(?:құрастырады|ресімдейді|береді|жолдайды|дайындайды))",
    )
});
static FEE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?:алым\S*\s+төлен|тегін\s+(?:негізде\s+)?көрсетіледі|ақылы\s+негізде)"));
static REQ_POINTER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)негізгі\s+талаптар\S*\s+тізбесі.*?осы\s+Қағидаларға\s+(\d+)-қосымша"));
static REFUSAL_POINTER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)бас\s+тарту\S*\s+үшін\s+негіздер\S*\s+осы\s+Қағидаларға\s+(\d+)-қосымша"));

pub(super) fn clause(c: &Clause<'_>, text: &str, parent: Option<&Clause<'_>>, out: &mut Extraction) {
    if let Some(m) = PROVIDER.captures(text).and_then(|cap| cap.get(1)) {
        let value = Value::Text {
            text: m.as_str().trim().to_string(),
        };
        out.found.push(found(c, Attribute::Provider, value, "provider.clause"));
    }
    if PORTAL_WORD.is_match(text) && SUBMIT.is_match(text) {
        let portals = portals(text);
        if let Some(first) = PORTAL.find(text) {
            let value = Value::Channels {
                portals,
                text: sentence(text, first.start(), first.end()).to_string(),
            };
            out.found.push(found(c, Attribute::Channels, value, "channels.clause"));
        }
    }
    if TERM_CLAUSE.is_match(text) {
        let amounts: Vec<_> = AMOUNT.captures_iter(text).collect();
        if !amounts.is_empty() {
            for cap in amounts {
                let whole = cap.get(0).map_or(0..0, |m| m.range());
                if let Some(value) = term(&cap, None, sentence(text, whole.start, whole.end)) {
                    out.found.push(found(c, Attribute::Term, value, "term.clause"));
                }
            }
        } else if ends_with_colon(text) {
            for e in entries(c) {
                if let Some(value) = case_term(e.text) {
                    out.found.push(found(e.clause, Attribute::Term, value, "term.case"));
                }
            }
        }
    }
    if DOCS_INTRO.is_match(text) && ends_with_colon(text) {
        list(c, Attribute::Documents, "documents.list", out);
    }
    if REFUSAL_INTRO.is_match(text) && ends_with_colon(text) {
        list(c, Attribute::RefusalGrounds, "refusal.list", out);
    }
    if c.kind() == NodeKind::Subparagraph && parent.is_some_and(|p| p.held == Held::NotHeld) && DOC_ITEM.is_match(text)
    {
        let value = Value::Item {
            num: c.num.map(str::to_string),
            case: None,
            text: text.trim().to_string(),
        };
        out.found.push(found(c, Attribute::Documents, value, "documents.item"));
        if let Some(p) = parent {
            let partial = PartialList {
                attribute: Attribute::Documents,
                intro: p.eid.clone(),
            };
            if !out.partial.contains(&partial) {
                out.partial.push(partial);
            }
        }
    }
    for m in RESULT.find_iter(text) {
        let value = Value::Text {
            text: sentence(text, m.start(), m.end()).to_string(),
        };
        out.found.push(found(c, Attribute::Result, value, "result.clause"));
    }
    for m in FEE.find_iter(text) {
        let value = Value::Text {
            text: sentence(text, m.start(), m.end()).to_string(),
        };
        out.found.push(found(c, Attribute::Fee, value, "fee.clause"));
    }
    let pointer = |attributes: Vec<Attribute>, annex: &str| Pointer {
        attributes,
        annex: annex.to_string(),
        eid: c.eid.clone(),
        since: c.since,
        source: c.source.clone(),
    };
    if let Some(n) = REQ_POINTER.captures(text).and_then(|cap| cap.get(1)) {
        out.pointers.push(pointer(Attribute::ALL.to_vec(), n.as_str()));
    }
    if let Some(n) = REFUSAL_POINTER.captures(text).and_then(|cap| cap.get(1)) {
        out.pointers.push(pointer(vec![Attribute::RefusalGrounds], n.as_str()));
    }
}

pub(super) fn portals(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in PORTAL.find_iter(text) {
        let p = m.as_str().to_lowercase();
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

/// The sentence of `text` around `start..end`: from after the previous `.`, `;` or `:`
/// followed by a space (or a line break) to the next one, inclusive.
fn sentence(text: &str, start: usize, end: usize) -> &str {
    let is_stop = |i: usize, ch: char| {
        ch == '\n'
            || (matches!(ch, '.' | ';' | ':')
                && text[i + ch.len_utf8()..].chars().next().is_none_or(char::is_whitespace))
    };
    let mut from = 0;
    for (i, ch) in text[..start].char_indices() {
        if is_stop(i, ch) {
            from = i + ch.len_utf8();
        }
    }
    let mut to = text.len();
    for (i, ch) in text[end..].char_indices() {
        if is_stop(end + i, ch) {
            to = end + i + if ch == '\n' { 0 } else { ch.len_utf8() };
            break;
        }
    }
    text[from..to].trim()
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, values};
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        for r in [
            &PROVIDER,
            &PORTAL_WORD,
            &SUBMIT,
            &PORTAL,
            &TERM_CLAUSE,
            &DOCS_INTRO,
            &DOC_ITEM,
            &REFUSAL_INTRO,
            &RESULT,
            &FEE,
            &REQ_POINTER,
            &REFUSAL_POINTER,
        ] {
            LazyLock::force(r);
        }
    }

    #[test]
    fn provider_from_the_defining_clause() {
        let x = run(
            "# para_4 [4]\n\"Жарылыс жұмыстарын жүргізуге рұқсат беру\" мемлекеттік көрсетілетін қызметті (бұдан әрі — мемлекеттік көрсетілетін қызмет) осы Қағидаларға сәйкес өнеркәсіптік қауіпсіздік саласындағы уәкілетті орган ведомствосының аумақтық бөлімшесі (бұдан әрі — көрсетілетін қызметті беруші) көрсетеді.\n",
        );
        assert_eq!(
            values(&x, Attribute::Provider),
            ["para_4 өнеркәсіптік қауіпсіздік саласындағы уәкілетті орган ведомствосының аумақтық бөлімшесі"]
        );
        assert_eq!(x.names[0].text, "Жарылыс жұмыстарын жүргізуге рұқсат беру");
        assert_eq!(x.names[0].rule, "name.quoted");
        // "арқылы көрсетіледі" and a hyphen without spaces.
        let x = run(
            "# para_7 [7]\nосы Қағидаларға сәйкес Комитет, аумақтық департаменттер (бұдан әрі-көрсетілетін қызметті беруші) арқылы көрсетіледі.\n",
        );
        assert_eq!(
            values(&x, Attribute::Provider),
            ["para_7 Комитет, аумақтық департаменттер"]
        );
        // A definition without the verb of provision is not a provider statement.
        let x = run(
            "# para_2 [2]\nосы Қағидаларға сәйкес аумақтық бөлімше (бұдан әрі — көрсетілетін қызметті беруші) тексереді.\n",
        );
        assert!(values(&x, Attribute::Provider).is_empty());
    }

    #[test]
    fn channels_need_a_portal_an_address_and_a_verb() {
        let x = run(
            "# para_6 [6]\nЗаңды тұлға көрсетілетін қызметті берушіге \"электрондық үкіметтің\" www.egov.kz, www.elicense.kz веб-порталы (бұдан әрі - портал) келесі құжаттарды жолдайды:\n",
        );
        assert_eq!(values(&x, Attribute::Channels), ["para_6 www.egov.kz, www.elicense.kz"]);
        let x = run("# para_8 [8]\nнәтиже портал арқылы жеке кабинетіне жолданады.\n");
        assert!(values(&x, Attribute::Channels).is_empty(), "no address, no channel");
    }

    #[test]
    fn items_under_a_clause_not_held_make_a_partial_list() {
        let x = run(
            "# para_6 [6]\n{not-held}\n\n## para_6__subpara_1 [1]\nосы Қағидаларға 2-қосымшаға сәйкес электрондық құжат нысанындағы өтініш;\n",
        );
        assert_eq!(values(&x, Attribute::Documents).len(), 1);
        assert_eq!(x.partial[0].intro.as_str(), "para_6");
        let x = run("# para_6 [6]\n{not-held}\n\n## para_6__subpara_1 [1]\nтесттерді уәкілетті орган әзірлейді;\n");
        assert!(values(&x, Attribute::Documents).is_empty());
    }

    #[test]
    fn result_fee_and_pointers() {
        let x = run(
            "# para_9 [9]\nБірінші сөйлем. Жауапты орындаушы осы Қағидаларға 3 немесе 4-қосымшаларға сәйкес нысандар бойынша мемлекеттік қызмет көрсету нәтижесін ресімдейді. Үшінші сөйлем.\n",
        );
        assert_eq!(
            values(&x, Attribute::Result),
            [
                "para_9 Жауапты орындаушы осы Қағидаларға 3 немесе 4-қосымшаларға сәйкес нысандар бойынша мемлекеттік қызмет көрсету нәтижесін ресімдейді."
            ]
        );
        let x = run(
            "# para_7 [7]\nЭҮТШ арқылы төленген жағдайларды қоспағанда, бюджетке лицензиялық алымның төленгенін растайтын мәліметтер;\n",
        );
        assert_eq!(values(&x, Attribute::Fee).len(), 1);
        let x = run(
            "# para_7 [7]\nҚазақстан Республикасының заңнамасымен белгіленген мемлекеттік қызмет көрсетуден бас тарту үшін негіздер осы Қағидаларға 1-қосымшасында баяндалған.\n",
        );
        assert_eq!(x.pointers[0].attributes, vec![Attribute::RefusalGrounds]);
        assert_eq!(x.pointers[0].annex, "1");
        assert!(
            values(&x, Attribute::RefusalGrounds).is_empty(),
            "a pointer states nothing"
        );
    }

    #[test]
    fn sentences_are_cut_at_stops_not_inside_addresses() {
        let t = "Бірінші. Екінші www.egov.kz арқылы; үшінші";
        let start = t.find("www").unwrap();
        assert_eq!(sentence(t, start, start + 11), "Екінші www.egov.kz арқылы;");
    }
}

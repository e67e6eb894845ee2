//! The registry's editorial notes, read: the Kazakh `Ескерту.` and Russian `Сноска.`
//! lines the registry prints under a clause, turned into [`PriorAmendment`]s, one per
//! amending act the note names. They are the only evidence of amending acts the corpus
//! does not hold (Orders 256, 170, 382 and 137 for Order No. 350), and
//! [`crate::notes`] takes them to write a note that combines those acts with the ones
//! the corpus holds, as the registry does.
//!
//! ```text
//! Ескерту. 4-тармақ жаңа редакцияда - ҚР Төтенше жағдайлар министрінің 02.06.2021 № 256
//! (…); 30.09.2025 № 429 (…) бұйрықтарымен.
//! Сноска. Пункт 6 с изменением, внесенным приказом Министра по чрезвычайным ситуациям РК
//! от 02.06.2021 № 256 (…); в редакции приказа … от 30.09.2025 № 429 (…).
//! ```
//!
//! An entry is `[issuer] DD.MM.YYYY № N (eif)`; an entry without an issuer has the
//! previous one's; a new action phrase (`өзгеріс енгізілді`, `жаңа редакцияда`, `в
//! редакции`, `с изменением, внесенным`, `исключен`) starts a new group. Pure: a line in,
//! entries out.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use serde::Serialize;

use crate::model::{EId, Lang};

/// What a note says an act did to the clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NoteAction {
    /// `жаңа редакцияда`, `в редакции`: a new wording.
    NewWording,
    /// `өзгеріс енгізілді`, `с изменением, внесенным`: a change within.
    Changed,
    /// `алып тасталды`, `исключен`: deleted.
    Deleted,
    /// `толықтырылды`, `дополнен`: supplemented.
    Supplemented,
}

/// One amending act a registry note names, for one clause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct PriorAmendment {
    /// The clause the note stands under.
    pub eid: EId,
    /// The note's language.
    pub lang: Lang,
    /// What the act did.
    pub action: NoteAction,
    /// The issuer as the note writes it, in the genitive, with `м.а.`/`и.о.` when acting:
    /// `ҚР Төтенше жағдайлар министрінің`, `и.о. Министра по чрезвычайным ситуациям РК`.
    pub issuer: String,
    /// The act's date.
    pub date: NaiveDate,
    /// The act's number.
    pub number: String,
    /// The entry-into-force phrase as written, with its parentheses.
    pub eif: String,
}

/// Why a note line could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoteError {
    /// The line is not an `Ескерту.`/`Сноска.` note.
    #[error("clause {eid}: not a registry note: {line}")]
    NotANote {
        /// The clause.
        eid: EId,
        /// The line.
        line: String,
    },
    /// The note names no act this reader understands.
    #[error("clause {eid}: no amending act read in the note: {line}")]
    NoEntry {
        /// The clause.
        eid: EId,
        /// The line.
        line: String,
    },
}

static ENTRY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<pre>[^;]*?)\s*(?:от\s+)?(?P<d>\d{2})\.(?P<m>\d{2})\.(?P<y>\d{4})\s*№\s*(?P<n>[^\s(]+)\s*(?P<eif>\((?:[^()]|\([^()]*\))*\))?")
        .expect("constant regex")
});

/// Kazakh action phrases, longest first.
const KK_ACTIONS: &[(&str, NoteAction)] = &[
    ("өзгеріс енгізілді", NoteAction::Changed),
    ("өзгерістер енгізілді", NoteAction::Changed),
    ("жаңа редакцияда көзделген", NoteAction::NewWording),
    ("жаңа редакцияда", NoteAction::NewWording),
    ("алып тасталды", NoteAction::Deleted),
    ("толықтырылды", NoteAction::Supplemented),
];

/// Russian action phrases.
const RU_ACTIONS: &[(&str, NoteAction)] = &[
    ("с изменениями, внесенными", NoteAction::Changed),
    ("с изменением, внесенным", NoteAction::Changed),
    ("с изменением внесенным", NoteAction::Changed),
    ("в редакции", NoteAction::NewWording),
    ("исключен", NoteAction::Deleted),
    ("дополнен", NoteAction::Supplemented),
];

/// Russian document words before the issuer, in the cases the notes use.
const RU_DOC_WORDS: &[&str] = &[
    "приказами",
    "приказом",
    "приказов",
    "приказа",
    "постановлением",
    "постановления",
    "в соответствии с",
];

/// The action a piece of a note starts with, and the rest.
fn action(lang: Lang, s: &str) -> Option<(NoteAction, usize)> {
    let table = if lang == Lang::Ru { RU_ACTIONS } else { KK_ACTIONS };
    table
        .iter()
        .filter_map(|(p, a)| s.find(p).map(|i| (i, i + p.len(), *a)))
        .min_by_key(|(i, _, _)| *i)
        .map(|(_, end, a)| (a, end))
}

/// Reads a registry note line (`> *Ескерту. …*`, `Сноска. …`, or an in-place note
/// `1) алып тасталды - …`) under clause `eid` into one entry per act it names.
pub fn parse_note(lang: Lang, eid: &EId, line: &str) -> Result<Vec<PriorAmendment>, NoteError> {
    let t = line.trim().trim_start_matches('>').trim().trim_matches('*').trim();
    let body = t
        .strip_prefix("Ескерту.")
        .or_else(|| t.strip_prefix("Сноска."))
        .unwrap_or(t)
        .trim();
    if action(lang, body).is_none() {
        return Err(NoteError::NotANote {
            eid: eid.clone(),
            line: line.to_string(),
        });
    }
    let mut out: Vec<PriorAmendment> = Vec::new();
    let mut current: Option<NoteAction> = None;
    let mut issuer = String::new();
    for c in ENTRY.captures_iter(body) {
        let pre = c.name("pre").map_or("", |m| m.as_str());
        let mut rest = pre;
        if let Some((a, end)) = action(lang, pre) {
            current = Some(a);
            rest = pre.get(end..).unwrap_or("");
        }
        let mut who = rest
            .trim()
            .trim_start_matches(['-', '–', '—', ';', ','])
            .trim()
            .to_string();
        if lang == Lang::Ru {
            for w in RU_DOC_WORDS {
                if let Some(x) = who.strip_prefix(w) {
                    who = x.trim().to_string();
                }
            }
            who = who.trim_end_matches("от").trim().to_string();
        }
        if !who.is_empty() {
            issuer = who;
        }
        let (Some(a), Some(date)) = (
            current,
            NaiveDate::from_ymd_opt(
                c.name("y").and_then(|m| m.as_str().parse().ok()).unwrap_or(0),
                c.name("m").and_then(|m| m.as_str().parse().ok()).unwrap_or(0),
                c.name("d").and_then(|m| m.as_str().parse().ok()).unwrap_or(0),
            ),
        ) else {
            continue;
        };
        out.push(PriorAmendment {
            eid: eid.clone(),
            lang,
            action: a,
            issuer: issuer.clone(),
            date,
            number: c.name("n").map_or("", |m| m.as_str()).to_string(),
            eif: c.name("eif").map_or("", |m| m.as_str()).to_string(),
        });
    }
    if out.is_empty() {
        return Err(NoteError::NoEntry {
            eid: eid.clone(),
            line: line.to_string(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eid(s: &str) -> EId {
        s.parse().unwrap()
    }

    #[test]
    fn reads_a_combined_kazakh_note() {
        let line = "> *Ескерту. 6-тармаққа өзгеріс енгізілді - ҚР Төтенше жағдайлар министрінің 02.06.2021 № 256 (алғашқы ресми жарияланған күнінен кейін күнтізбелік алпыс күн өткен соң қолданысқа енгізіледі); жаңа редакцияда - ҚР Төтенше жағдайлар министрінің 30.09.2025 № 429 (алғашқы ресми жарияланған күнінен кейін күнтізбелік алпыс күн өткен соң қолданысқа енгізіледі) бұйрықтарымен.*";
        let e = parse_note(Lang::Kk, &eid("att_1__para_6"), line).unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!(
            (e[0].action, e[0].issuer.as_str(), e[0].number.as_str()),
            (NoteAction::Changed, "ҚР Төтенше жағдайлар министрінің", "256")
        );
        assert_eq!((e[1].action, e[1].number.as_str()), (NoteAction::NewWording, "429"));
        assert!(e[1].eif.starts_with("(алғашқы") && e[1].eif.ends_with("енгізіледі)"));
    }

    #[test]
    fn an_entry_without_issuer_takes_the_previous_one() {
        let line = "Ескерту. 4-тармақ жаңа редакцияда - ҚР Төтенше жағдайлар министрінің 02.06.2021 № 256 (а); 30.09.2025 № 429 (б) бұйрықтарымен.";
        let e = parse_note(Lang::Kk, &eid("att_1__para_4"), line).unwrap();
        assert_eq!(e[1].issuer, "ҚР Төтенше жағдайлар министрінің");
        assert_eq!(e[1].date, NaiveDate::from_ymd_opt(2025, 9, 30).unwrap());
    }

    #[test]
    fn reads_russian_notes() {
        let line = "> *Сноска. Приложение 2 в редакции приказа Министра по чрезвычайным ситуациям РК от 02.06.2021 № 256 (а); в редакции приказа и.о. Министра по чрезвычайным ситуациям РК от 15.04.2025 № 137 (б); с изменением, внесенным приказом Министра по чрезвычайным ситуациям РК от 30.09.2025 № 429 (в).*";
        let e = parse_note(Lang::Ru, &eid("att_1__att_2"), line).unwrap();
        let got: Vec<(NoteAction, &str, &str)> = e
            .iter()
            .map(|x| (x.action, x.issuer.as_str(), x.number.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (NoteAction::NewWording, "Министра по чрезвычайным ситуациям РК", "256"),
                (
                    NoteAction::NewWording,
                    "и.о. Министра по чрезвычайным ситуациям РК",
                    "137"
                ),
                (NoteAction::Changed, "Министра по чрезвычайным ситуациям РК", "429"),
            ]
        );
        assert!(parse_note(Lang::Ru, &eid("att_1"), "просто текст").is_err());
    }
}

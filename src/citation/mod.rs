//! Citations in words: what a lawyer writes for a clause ("6-тармақтың 2) тармақшасы",
//! "подпункт 2) пункта 6", "paragraph 6, subparagraph 2)") and for the item of an act
//! that made a change ("№ 429 бұйрық (30.09.2025), Тізбенің 1-тармағы").
//!
//! A citation is built from the clause's eId alone, plus the name of the document an
//! attachment holds when the caller knows it ([`DocName`]: the List of an amending
//! order, the Rules an order approves). Pure: no I/O, no corpus.

mod date;
mod en;
mod kk;
mod ru;

pub use date::written as date;

use chrono::NaiveDate;

use crate::consolidate::ActTimeline;
use crate::model::{ActKind, EId, Lang, NodeKind};

/// What an attachment is, when its heading says so: the name a citation uses instead
/// of "Annex 1".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocName {
    /// тізбе / перечень: the list of changes an amending order approves.
    List,
    /// қағидалар / правила: the Rules an order approves.
    Rules,
}

impl DocName {
    /// The name an attachment's heading (or the last line of its title block) gives it:
    /// a heading whose last word is "тізбесі"/"тізбе" or "перечень" is a List,
    /// "қағидалары"/"қағидалар" or "правила" are Rules.
    pub fn from_heading(heading: &str) -> Option<DocName> {
        let last = heading
            .split_whitespace()
            .last()?
            .trim_matches(|c: char| !c.is_alphabetic())
            .to_lowercase();
        let first = heading.split_whitespace().next().unwrap_or("").to_lowercase();
        if last.starts_with("тізбе") || first.starts_with("перечень") || last.starts_with("перечень")
        {
            Some(DocName::List)
        } else if last.starts_with("қағидалар") || first.starts_with("правила") || last.starts_with("правила")
        {
            Some(DocName::Rules)
        } else {
            None
        }
    }
}

/// The name of the document attachment `att` of an act holds, from the heading or the
/// last line of the text of its first version.
pub fn doc_name(tl: &ActTimeline, att: &EId) -> Option<DocName> {
    let first = tl.nodes.get(att)?.versions.first()?;
    first
        .state
        .heading
        .as_deref()
        .and_then(DocName::from_heading)
        .or_else(|| {
            first
                .state
                .content
                .text()?
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .and_then(DocName::from_heading)
        })
}

/// One step of a clause's path: its kind and number (`None` for an unnumbered node).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Step {
    pub(crate) kind: NodeKind,
    pub(crate) num: Option<String>,
}

/// The steps of `eid`, outermost first.
pub(crate) fn steps(eid: &EId) -> Vec<Step> {
    eid.as_str()
        .split("__")
        .filter_map(|part| part.parse::<EId>().ok())
        .map(|e| Step {
            kind: e.kind(),
            num: e.num().map(str::to_string),
        })
        .collect()
}

/// The clause `eid` in words, in `lang`; `doc` names the document its attachment holds.
/// An eId with no numbered step reads as its raw form.
///
/// `clause("att_1__para_6__subpara_2", Kk, None)` = "1-қосымшаның 6-тармағының 2)
/// тармақшасы"; with `Some(DocName::Rules)` = "Қағидалардың 6-тармағының 2) тармақшасы".
pub fn clause(eid: &EId, lang: Lang, doc: Option<DocName>) -> String {
    let steps = steps(eid);
    let words = match lang {
        Lang::Kk => kk::clause(&steps, doc),
        Lang::Ru => ru::clause(&steps, doc),
        Lang::En => en::clause(&steps, doc),
    };
    words.unwrap_or_else(|| eid.as_str().to_string())
}

/// An act by its kind, number and date: "№ 429 бұйрық (30.09.2025)", "приказ № 429
/// (30.09.2025)", "Order No. 429 (30.09.2025)".
pub fn act(kind: ActKind, number: &str, date: NaiveDate, lang: Lang) -> String {
    let d = date.format("%d.%m.%Y");
    match lang {
        Lang::Kk => format!("№ {number} {} ({d})", kk::act_kind(kind)),
        Lang::Ru => format!("{} № {number} ({d})", ru::act_kind(kind)),
        Lang::En => format!("{} No. {number} ({d})", en::act_kind(kind)),
    }
}

/// The item of an act that made a change: the act, then the clause of it:
/// "№ 429 бұйрық (30.09.2025), Тізбенің 1-тармағы".
pub fn source(kind: ActKind, number: &str, date: NaiveDate, item: &EId, doc: Option<DocName>, lang: Lang) -> String {
    format!("{}, {}", act(kind, number, date, lang), clause(item, lang, doc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(s: &str) -> EId {
        s.parse().expect("a valid eId")
    }

    #[test]
    fn kazakh_citations_chain_genitives_and_possessives() {
        assert_eq!(clause(&e("para_6"), Lang::Kk, None), "6-тармақ");
        assert_eq!(
            clause(&e("para_6__subpara_2"), Lang::Kk, None),
            "6-тармақтың 2) тармақшасы"
        );
        assert_eq!(
            clause(&e("att_1__para_6__subpara_2"), Lang::Kk, None),
            "1-қосымшаның 6-тармағының 2) тармақшасы"
        );
        assert_eq!(
            clause(&e("att_1__para_6__subpara_2"), Lang::Kk, Some(DocName::Rules)),
            "Қағидалардың 6-тармағының 2) тармақшасы"
        );
        assert_eq!(
            clause(&e("att_1__para_1"), Lang::Kk, Some(DocName::List)),
            "Тізбенің 1-тармағы"
        );
        assert_eq!(
            clause(&e("att_1__para_4__abz_3"), Lang::Kk, None),
            "1-қосымшаның 4-тармағының үшінші абзацы"
        );
        assert_eq!(clause(&e("att_1__att_2"), Lang::Kk, None), "1-қосымшаның 2-қосымшасы");
    }

    #[test]
    fn russian_citations_run_from_the_innermost_clause() {
        assert_eq!(clause(&e("para_6__subpara_2"), Lang::Ru, None), "подпункт 2) пункта 6");
        assert_eq!(
            clause(&e("att_1__para_6__subpara_2"), Lang::Ru, Some(DocName::Rules)),
            "подпункт 2) пункта 6 Правил"
        );
        assert_eq!(
            clause(&e("att_1__para_1"), Lang::Ru, Some(DocName::List)),
            "пункт 1 Перечня"
        );
        assert_eq!(clause(&e("att_2"), Lang::Ru, None), "приложение 2");
    }

    #[test]
    fn english_citations_run_from_the_outermost_clause() {
        assert_eq!(
            clause(&e("att_1__para_6__subpara_2"), Lang::En, None),
            "Annex 1, paragraph 6, subparagraph 2)"
        );
        assert_eq!(
            clause(&e("att_1__para_1"), Lang::En, Some(DocName::List)),
            "the List, item 1"
        );
    }

    #[test]
    fn a_source_names_the_act_then_its_item() {
        let d = NaiveDate::from_ymd_opt(2025, 9, 30).expect("a date");
        let item = e("att_1__para_1");
        assert_eq!(
            source(ActKind::Order, "429", d, &item, Some(DocName::List), Lang::Kk),
            "№ 429 бұйрық (30.09.2025), Тізбенің 1-тармағы"
        );
        assert_eq!(
            source(ActKind::Order, "429", d, &item, Some(DocName::List), Lang::Ru),
            "приказ № 429 (30.09.2025), пункт 1 Перечня"
        );
        assert_eq!(
            source(ActKind::Order, "429", d, &item, Some(DocName::List), Lang::En),
            "Order No. 429 (30.09.2025), the List, item 1"
        );
    }

    #[test]
    fn headings_name_lists_and_rules() {
        assert_eq!(
            DocName::from_heading("… өзгерістер енгізілетін кейбір бұйрықтардың тізбесі"),
            Some(DocName::List)
        );
        assert_eq!(
            DocName::from_heading("Жарылыс жұмыстарын жүргізуге рұқсат беру қағидалары"),
            Some(DocName::Rules)
        );
        assert_eq!(DocName::from_heading("Правила выдачи разрешения"), Some(DocName::Rules));
        assert_eq!(DocName::from_heading("Нысан"), None);
    }

    #[test]
    fn unnumbered_paths_fall_back_to_the_eid() {
        assert_eq!(clause(&e("preamble"), Lang::Kk, None), "preamble");
    }
}

//! The registry's editorial notes (`Ескерту. …`, `Сноска. …`) read into records: what
//! happened to a clause, by which act, and when that act takes force.

use std::sync::LazyLock;

use chrono::{Days, NaiveDate};
use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::model::{EId, Lang};

/// What a note says happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NoteAction {
    /// жаңа редакцияда / в редакции: set out in a new wording.
    NewWording,
    /// өзгеріс енгізілді / внесено изменение, с изменением: amended.
    Amended,
    /// алып тасталды / исключен: deleted.
    Deleted,
    /// толықтырылды / дополнен: supplemented (a clause added).
    Supplemented,
    /// The change was made in the other language only ("внесено изменение на казахском
    /// языке, текст на русском языке не меняется").
    OtherLanguageOnly,
}

/// An amending act as a note names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AmendingRef {
    /// Who issued it, as the note says ("ҚР Төтенше жағдайлар министрінің"), when said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Its date (of adoption).
    pub date: NaiveDate,
    /// Its number.
    pub number: String,
    /// Its entry-into-force phrase, as the note gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry_into_force: Option<String>,
    /// The calendar days after first publication that phrase states, when it reads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
}

impl AmendingRef {
    /// "№ 256 of 2021-06-02".
    pub fn label(&self) -> String {
        format!("Order No. {} of {}", self.number, self.date)
    }

    /// The earliest day the act can take force: publication is not before adoption, so
    /// with a period of N days after it the act takes force on day date + N + 1 at the
    /// earliest (the Civil Code count); without a readable period, the day after its date.
    pub fn earliest_in_force(&self) -> Option<NaiveDate> {
        self.date
            .checked_add_days(Days::new(u64::from(self.days.unwrap_or(0)) + 1))
    }

    /// True when both name the same act (date and number).
    pub fn same_act(&self, other: &AmendingRef) -> bool {
        self.date == other.date && self.number == other.number
    }
}

/// One part of a note: an action and the act that made it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct NoteChange {
    /// What happened.
    pub action: NoteAction,
    /// By which act.
    pub by: AmendingRef,
}

/// A note, read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Note {
    /// The clause it is about.
    pub eid: EId,
    /// Its language.
    pub lang: Lang,
    /// The note as the registry writes it (without the Markdown emphasis).
    pub text: String,
    /// The 1-based line of the redaction it is on.
    pub line: usize,
    /// True for a note standing in the place of the clause ("1) алып тасталды - …").
    pub in_place: bool,
    /// What happened, by which acts, in the note's order.
    pub changes: Vec<NoteChange>,
}

static ACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<date>\d{2}\.\d{2}\.\d{4})\s*(?:жылғы\s*)?№\s*(?P<num>[0-9]+)\s*(?:\((?P<eif>[^()]*)\))?")
        .unwrap_or_else(|e| panic!("note act pattern: {e}"))
});

static ISSUER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<issuer>(?:ҚР|РК)\s[^;–—-]*?|(?:приказ\w*|приказом)\s[^;]*?РК)\s+(?:от\s+)?$")
        .unwrap_or_else(|e| panic!("note issuer pattern: {e}"))
});

/// The action words, by language, in the order they are tried (longest first).
const ACTIONS: &[(&str, NoteAction)] = &[
    (
        "на казахском языке, текст на русском языке не меняется",
        NoteAction::OtherLanguageOnly,
    ),
    ("жаңа редакцияда", NoteAction::NewWording),
    ("өзгеріс енгізілді", NoteAction::Amended),
    ("өзгерістер енгізілді", NoteAction::Amended),
    ("өзгерістер мен толықтырулар енгізілді", NoteAction::Amended),
    ("алып тасталды", NoteAction::Deleted),
    ("толықтырылды", NoteAction::Supplemented),
    ("в редакции", NoteAction::NewWording),
    ("внесено изменение", NoteAction::Amended),
    ("внесены изменения", NoteAction::Amended),
    ("с изменением", NoteAction::Amended),
    ("с изменениями", NoteAction::Amended),
    ("исключен", NoteAction::Deleted),
    ("дополнен", NoteAction::Supplemented),
];

/// The last action word in `text`, by position.
fn last_action(text: &str) -> Option<NoteAction> {
    let lower = text.to_lowercase();
    ACTIONS
        .iter()
        .filter_map(|(w, a)| lower.rfind(w).map(|p| (p, *a)))
        .max_by_key(|(p, a)| (*p, *a == NoteAction::OtherLanguageOnly))
        .map(|(_, a)| a)
}

/// The period in days an entry-into-force phrase states ("күнтізбелік алпыс күн өткен
/// соң", "по истечении шестидесяти календарных дней"), when it reads.
pub fn period_days(phrase: &str) -> Option<u32> {
    let lower = phrase.to_lowercase();
    if let Some(rest) = lower.split("күнтізбелік").nth(1) {
        let words: Vec<&str> = rest
            .split_whitespace()
            .take_while(|w| !w.starts_with("күн") && !w.starts_with("өткен"))
            .collect();
        return crate::kk::numerals::cardinal(&words.join(" "));
    }
    if let Some(rest) = lower.split("по истечении").nth(1) {
        let words = rest.split("календарн").next().unwrap_or("").trim();
        return (1..=99).find(|n| crate::ru::number_genitive(*n) == words);
    }
    None
}

/// Reads the changes of a note's text (after `Ескерту.` / `Сноска.`): each act with
/// the action said last before it.
pub fn read_changes(text: &str) -> Vec<NoteChange> {
    let mut out = Vec::new();
    let mut from = 0;
    let mut action = None;
    let mut issuer: Option<String> = None;
    for m in ACT.captures_iter(text) {
        let Some(whole) = m.get(0) else { continue };
        let before = text.get(from..whole.start()).unwrap_or("");
        if let Some(a) = last_action(before) {
            action = Some(a);
        }
        if let Some(c) = ISSUER.captures(before) {
            issuer = c.name("issuer").map(|i| i.as_str().trim().to_string());
        }
        let date = m
            .name("date")
            .and_then(|d| NaiveDate::parse_from_str(d.as_str(), "%d.%m.%Y").ok());
        if let (Some(date), Some(num)) = (date, m.name("num")) {
            let eif = m.name("eif").map(|e| e.as_str().trim().to_string());
            let days = eif.as_deref().and_then(period_days);
            out.push(NoteChange {
                action: action.unwrap_or(NoteAction::Amended),
                by: AmendingRef {
                    issuer: issuer.clone(),
                    date,
                    number: num.as_str().to_string(),
                    entry_into_force: eif,
                    days,
                },
            });
        }
        from = whole.end();
    }
    // "…, текст на русском языке не меняется" comes after the act in Russian notes.
    if let Some(last) = out.last_mut()
        && last_action(text.get(from..).unwrap_or("")) == Some(NoteAction::OtherLanguageOnly)
    {
        last.action = NoteAction::OtherLanguageOnly;
    }
    if last_action(text) == Some(NoteAction::OtherLanguageOnly) {
        for c in &mut out {
            c.action = NoteAction::OtherLanguageOnly;
        }
    }
    out
}

/// What a note is about, read from its first words, relative to the container it
/// stands in (`None` for the order itself, or the Rules' or an annex's eId).
pub fn subject(text: &str, container: Option<&EId>) -> Option<EId> {
    static PARA: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:(?P<kk>\d+(?:-\d+)?)-тармақ|Пункт\s+(?P<ru>\d+(?:-\d+)?))")
            .unwrap_or_else(|e| panic!("note subject pattern: {e}"))
    });
    static ADDED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:Қағидалар\s+(?P<kk>\d+(?:-\d+)?)-тармақпен|Правила\s+дополнены\s+пунктом\s+(?P<ru>\d+(?:-\d+)?))",
        )
        .unwrap_or_else(|e| panic!("note subject pattern: {e}"))
    });
    static ANNEX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:(?P<kk>\d+)-қосымша|Приложение\s+(?P<ru>\d+))")
            .unwrap_or_else(|e| panic!("note subject pattern: {e}"))
    });
    let t = text.trim();
    let rules: EId = "att_1".parse().ok()?;
    let num = |c: &regex::Captures<'_>| c.name("kk").or(c.name("ru")).map(|m| m.as_str().to_string());
    if let Some(c) = ADDED.captures(t) {
        return rules.child(crate::model::NodeKind::Paragraph, num(&c).as_deref()).ok();
    }
    if let Some(c) = ANNEX.captures(t) {
        return rules.child(crate::model::NodeKind::Attachment, num(&c).as_deref()).ok();
    }
    if let Some(c) = PARA.captures(t) {
        let n = num(&c)?;
        let parent = container.filter(|c| c.kind() == crate::model::NodeKind::Attachment && c.depth() == 1);
        return match parent {
            Some(p) => p.child(crate::model::NodeKind::Paragraph, Some(&n)).ok(),
            None => EId::top(crate::model::NodeKind::Paragraph, Some(&n)).ok(),
        };
    }
    let lower = t.to_lowercase();
    if lower.starts_with("тақырыбы") || lower.starts_with("заголовок") || lower.starts_with("заголок")
    {
        return match container {
            Some(c) => Some(c.clone()),
            None => EId::top(crate::model::NodeKind::Preface, None).ok(),
        };
    }
    if lower.starts_with("кіріспе") || lower.contains("преамбул") {
        return EId::top(crate::model::NodeKind::Preamble, None).ok();
    }
    if lower.starts_with("қағидалар") || lower.starts_with("правила") {
        return Some(rules);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_combined_kazakh_note() {
        let t = "6-тармаққа өзгеріс енгізілді - ҚР Төтенше жағдайлар министрінің 02.06.2021 № 256 (алғашқы ресми жарияланған күнінен кейін күнтізбелік алпыс күн өткен соң қолданысқа енгізіледі); жаңа редакцияда - ҚР Төтенше жағдайлар министрінің 30.09.2025 № 429 (алғашқы ресми жарияланған күнінен кейін күнтізбелік алпыс күн өткен соң қолданысқа енгізіледі) бұйрықтарымен.";
        let c = read_changes(t);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].action, NoteAction::Amended);
        assert_eq!(c[0].by.number, "256");
        assert_eq!(c[0].by.days, Some(60));
        assert_eq!(c[1].action, NoteAction::NewWording);
        assert_eq!(c[1].by.date, NaiveDate::from_ymd_opt(2025, 9, 30).unwrap());
        assert_eq!(c[1].by.earliest_in_force(), NaiveDate::from_ymd_opt(2025, 11, 30));
        assert_eq!(
            subject(t, Some(&"att_1".parse().unwrap())).unwrap().as_str(),
            "att_1__para_6"
        );
    }

    #[test]
    fn reads_russian_notes() {
        let t = "В преамбулу внесено изменение на казахском языке, текст на русском языке не меняется в соответствии с приказом Министра по инвестициям и развитию РК от 23.12.2015 № 1221 (вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования).";
        let c = read_changes(t);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].action, NoteAction::OtherLanguageOnly);
        assert_eq!(c[0].by.days, Some(10));
        assert_eq!(subject(t, None).unwrap().as_str(), "preamble");
        let t = "Пункт 11 в редакции приказа Министра по чрезвычайным ситуациям РК от 30.09.2025 № 429 (вводится в действие по истечении шестидесяти календарных дней после дня его первого официального опубликования).";
        let c = read_changes(t);
        assert_eq!((c[0].action, c[0].by.days), (NoteAction::NewWording, Some(60)));
        assert_eq!(
            subject(t, Some(&"att_1".parse().unwrap())).unwrap().as_str(),
            "att_1__para_11"
        );
        assert_eq!(period_days("по истечении двадцати одного календарного дня"), Some(21));
        assert_eq!(period_days("күнтізбелік он алпыс өткен соң"), None);
    }
}

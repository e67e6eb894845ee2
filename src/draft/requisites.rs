//! The requisites of an order as its own text states them: the line with its date and
//! number (and the city, and the registration when the registry's copy adds it), and
//! the signature's post and name.
//!
//! Two forms of the requisites line are read:
//!
//! * the registry's: `Қазақстан Республикасы Төтенше жағдайлар министрінің 2025 жылғы
//!   30 қыркүйектегі № 429 бұйрығы. Қазақстан Республикасының Әділет министрлігінде
//!   2025 жылғы 1 қазанда № 37008 болып тіркелді` (the issuer in the genitive before the
//!   date, then the registration);
//! * the drafter's: `Астана қаласы  2025 жылғы 30 қыркүйек  № 429` (the city, the date
//!   in words or as `30.09.2025`, the number), in any order.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use serde::Serialize;

use crate::kk;

fn re(p: &str) -> Regex {
    Regex::new(p).expect("constant regex")
}

static REGISTRATION: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?P<date>{})\p{{L}}*\s+№\s*(?P<n>\d+)\s+болып\s+тіркел\p{{L}}*",
        kk::dates::PATTERN
    ))
});
static NUMBER: LazyLock<Regex> = LazyLock::new(|| re(r"№\s*(?P<n>[\p{L}\d]+(?:[-/][\p{L}\d]+)*)"));
static NUMERIC_DATE: LazyLock<Regex> = LazyLock::new(|| re(r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\b"));
static PLACE: LazyLock<Regex> = LazyLock::new(|| re(r"(?P<p>\p{Lu}[\p{L}-]+)\s+қаласы"));
static NAME: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:(?:\p{Lu}\.\s?){1,2}\s?\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?|\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?\s(?:\p{Lu}\.\s?){1,2})$",
    )
});

/// What the requisites line of an order says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Requisites {
    /// The 1-based line of the text.
    pub line: usize,
    /// The line as written.
    pub text: String,
    /// The date of adoption.
    pub date: Option<NaiveDate>,
    /// The order's number.
    pub number: Option<String>,
    /// The city (`Астана` of `Астана қаласы`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// The issuer as the registry's form names it, in the genitive
    /// (`Қазақстан Республикасы Төтенше жағдайлар министрінің`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// The state registration, when the line states it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registration: Option<StatedRegistration>,
}

/// A registration as the text states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct StatedRegistration {
    /// The registration number.
    pub number: u32,
    /// The registration date.
    pub date: Option<NaiveDate>,
}

/// The signature of an order: the signer's post and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Signature {
    /// The 1-based line of the name.
    pub line: usize,
    /// The post, its lines joined by a space (`Қазақстан Республикасының Төтенше
    /// жағдайлар министрі`), when the text gives one.
    pub post: Option<String>,
    /// The name (`Ч. Аринов`).
    pub name: String,
}

/// The first date of `text`, in words (`2025 жылғы 30 қыркүйек`) or as `DD.MM.YYYY`,
/// with its byte range.
fn find_date(text: &str) -> Option<(NaiveDate, std::ops::Range<usize>)> {
    let words = kk::dates::find_date(text);
    let numeric = NUMERIC_DATE.captures_iter(text).find_map(|c| {
        let all = c.get(0)?;
        let (d, m, y) = (c.name("d")?, c.name("m")?, c.name("y")?);
        let date = NaiveDate::from_ymd_opt(
            y.as_str().parse().ok()?,
            m.as_str().parse().ok()?,
            d.as_str().parse().ok()?,
        )?;
        Some((date, all.range()))
    });
    match (words, numeric) {
        (Some(a), Some(b)) => Some(if a.1.start <= b.1.start { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// Reads the requisites of `text` (line `line`); `None` unless it states both a date and
/// a number.
pub fn read(text: &str, line: usize) -> Option<Requisites> {
    let mut rest = text.to_string();
    let mut registration = None;
    if let Some(c) = REGISTRATION.captures(text)
        && let (Some(all), Some(n)) = (c.get(0), c.name("n"))
    {
        let date = c
            .name("date")
            .and_then(|d| kk::dates::find_date(d.as_str()))
            .map(|(d, _)| d);
        if let Ok(number) = n.as_str().parse() {
            registration = Some(StatedRegistration { number, date });
        }
        rest = format!(
            "{}{}",
            text.get(..all.start()).unwrap_or(""),
            text.get(all.end()..).unwrap_or("")
        );
    }
    let (date, range) = find_date(&rest)?;
    let number = NUMBER
        .captures(&rest)
        .and_then(|c| c.name("n"))
        .map(|m| m.as_str().to_string())?;
    let place = PLACE
        .captures(&rest)
        .and_then(|c| c.name("p"))
        .map(|m| m.as_str().to_string());
    let before = rest.get(..range.start).unwrap_or("").trim();
    let issuer = (!before.is_empty() && !before.contains("қаласы") && !before.contains('№'))
        .then(|| before.trim_end_matches([',', '.']).trim().to_string())
        .filter(|s| !s.is_empty());
    Some(Requisites {
        line,
        text: text.to_string(),
        date: Some(date),
        number: Some(number),
        place,
        issuer,
        registration,
    })
}

/// True when `line` is a signer's name: initials and a surname (`Ч. Аринов`,
/// `А.Б. Иванов`, `Аринов Ч.`).
pub fn is_name(line: &str) -> bool {
    NAME.is_match(line.trim())
}

/// Folds a name of an office for comparison: lowercase, letters and digits only, in
/// words; restoration marks (`[?]`) dropped.
fn words(s: &str) -> Vec<String> {
    s.replace("[?]", " ")
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The words that say an official is acting for the office holder.
const ACTING: &[&str] = &["міндетін", "атқарушы", "атқарушысы", "атқарушының", "уақытша"];

/// How a stated post compares with the registry's name of the office.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostMatch {
    /// The stated words are the office's, in some case form.
    Same {
        /// The text says the signer acts for the office holder.
        acting: bool,
    },
    /// The stated words agree as far as they go (the text is cut short, or unreadable
    /// with `[?]`).
    Partial,
    /// They differ.
    Different,
}

/// Compares a post or issuer as stated (`Қазақстан Республикасы Төтенше жағдайлар
/// министрінің`) with the registry's name of the office (`… министрі`): word by word,
/// each stated word starting with the registry's word less its last letter (case
/// endings), the acting words allowed after it.
pub fn compare_post(stated: &str, registry: &str) -> PostMatch {
    let s = words(stated);
    let r = words(registry);
    let same = |a: &str, b: &str| {
        let stem: String = b.chars().take(b.chars().count().saturating_sub(1).max(1)).collect();
        a.starts_with(&stem) || b.starts_with(a)
    };
    let mut acting = false;
    let mut core: Vec<&String> = Vec::new();
    for w in &s {
        if ACTING.contains(&w.as_str()) {
            acting = true;
        } else {
            core.push(w);
        }
    }
    let n = core.len().min(r.len());
    if !core.iter().zip(&r).take(n).all(|(a, b)| same(a, b)) {
        return PostMatch::Different;
    }
    if core.len() == r.len() {
        PostMatch::Same { acting }
    } else if core.len() < r.len() && (stated.contains("[?]") || core.is_empty()) {
        PostMatch::Partial
    } else {
        PostMatch::Different
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn reads_the_registry_form() {
        let t = "Қазақстан Республикасы Төтенше жағдайлар министрінің 2025 жылғы 30 қыркүйектегі № 429 бұйрығы. Қазақстан Республикасының Әділет министрлігінде 2025 жылғы 1 қазанда № 37008 болып тіркелді";
        let r = read(t, 3).unwrap();
        assert_eq!(r.date, Some(date("2025-09-30")));
        assert_eq!(r.number.as_deref(), Some("429"));
        assert_eq!(
            r.issuer.as_deref(),
            Some("Қазақстан Республикасы Төтенше жағдайлар министрінің")
        );
        assert_eq!(
            r.registration,
            Some(StatedRegistration {
                number: 37008,
                date: Some(date("2025-10-01"))
            })
        );
    }

    #[test]
    fn reads_the_drafters_form() {
        let r = read("Астана қаласы 2025 жылғы 30 қыркүйек № 429", 1).unwrap();
        assert_eq!(
            (r.place.as_deref(), r.date, r.number.as_deref(), r.issuer),
            (Some("Астана"), Some(date("2025-09-30")), Some("429"), None)
        );
        let r = read("№ 12-қ/ж 01.02.2026 Астана қаласы", 1).unwrap();
        assert_eq!(
            (r.date, r.number.as_deref()),
            (Some(date("2026-02-01")), Some("12-қ/ж"))
        );
        assert_eq!(read("Өзгерістер енгізу туралы", 1), None);
        assert_eq!(read("2025 жылғы 30 қыркүйек", 1), None);
    }

    #[test]
    fn posts_compare_across_case_endings_and_acting() {
        let office = "Қазақстан Республикасы Төтенше жағдайлар министрі";
        assert_eq!(
            compare_post("Қазақстан Республикасы Төтенше жағдайлар министрінің", office),
            PostMatch::Same { acting: false }
        );
        assert_eq!(
            compare_post(
                "Қазақстан Республикасы Төтенше жағдайлар министрінің міндетін атқарушының",
                office
            ),
            PostMatch::Same { acting: true }
        );
        assert_eq!(
            compare_post("Қазақстан Республикасының [?]", office),
            PostMatch::Partial
        );
        assert_eq!(
            compare_post("Қазақстан Республикасы Денсаулық сақтау министрі", office),
            PostMatch::Different
        );
        assert!(is_name("Ч. Аринов") && is_name("А.Б. Иванов") && !is_name("Қазақстан Республикасының"));
    }
}

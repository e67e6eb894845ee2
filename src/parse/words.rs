//! Kazakh number words, ordinals, month names and dates.
//!
//! Cardinals are read as sequences of words (`он бес` = 15, `жүз жиырма` = 120,
//! `екі жүз` = 200); ordinals are the same with the last word in its ordinal form
//! (`он бірінші` = 11th, `жиырмасыншы` = 20th). Case endings after a number word are
//! tolerated (`бестен`, `онға`). Months are recognised by their stem in any case form
//! (`желтоқсандағы`, `қаңтардан`, `сәуірдегі`).

use chrono::NaiveDate;

/// The units and tens as (stem, value), the longest stems first where one is a prefix
/// of another.
const BASE: &[(&str, u32)] = &[
    ("бір", 1),
    ("екі", 2),
    ("үш", 3),
    ("төрт", 4),
    ("бес", 5),
    ("алты", 6),
    ("жеті", 7),
    ("сегіз", 8),
    ("тоғыз", 9),
    ("он", 10),
    ("жиырма", 20),
    ("отыз", 30),
    ("қырық", 40),
    ("елу", 50),
    ("алпыс", 60),
    ("жетпіс", 70),
    ("сексен", 80),
    ("тоқсан", 90),
];

/// Ordinal forms (exact words, lowercase).
const ORDINALS: &[(&str, u32)] = &[
    ("бірінші", 1),
    ("екінші", 2),
    ("үшінші", 3),
    ("төртінші", 4),
    ("бесінші", 5),
    ("алтыншы", 6),
    ("жетінші", 7),
    ("сегізінші", 8),
    ("тоғызыншы", 9),
    ("оныншы", 10),
    ("жиырмасыншы", 20),
    ("отызыншы", 30),
    ("қырқыншы", 40),
    ("елуінші", 50),
    ("алпысыншы", 60),
    ("жетпісінші", 70),
    ("сексенінші", 80),
    ("тоқсаныншы", 90),
    ("жүзінші", 100),
    ("мыңыншы", 1000),
];

/// The months' stems, January first.
const MONTHS: [&str; 12] = [
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
];

/// A number word's role in a cardinal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    /// 1..=90.
    Base(u32),
    /// жүз: ×100.
    Hundred,
    /// мың: ×1000.
    Thousand,
}

/// Reads one cardinal word, exactly or with a case ending (`бестен`, `оннан`).
fn cardinal_word(word: &str) -> Option<Word> {
    let w = word.to_lowercase();
    let w = w.trim_matches(|c: char| !c.is_alphabetic());
    if w.is_empty() {
        return None;
    }
    if w == "жүз" {
        return Some(Word::Hundred);
    }
    if w == "мың" {
        return Some(Word::Thousand);
    }
    if let Some((_, v)) = BASE.iter().find(|(s, _)| *s == w) {
        return Some(Word::Base(*v));
    }
    // A case ending: the longest stem that the word starts with, followed by at most
    // five more letters (Kazakh endings are short), and not an ordinal.
    if ordinal_word(w).is_some() {
        return None;
    }
    let mut best: Option<(&str, Word)> = None;
    for (s, v) in BASE {
        if w.starts_with(s) && best.is_none_or(|(b, _)| s.chars().count() > b.chars().count()) {
            best = Some((s, Word::Base(*v)));
        }
    }
    for (s, v) in [("жүз", Word::Hundred), ("мың", Word::Thousand)] {
        if w.starts_with(s) && best.is_none_or(|(b, _)| s.chars().count() > b.chars().count()) {
            best = Some((s, v));
        }
    }
    let (stem, v) = best?;
    let rest = w.chars().count() - stem.chars().count();
    (rest <= 5).then_some(v)
}

/// Reads one ordinal word.
fn ordinal_word(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    let w = w.trim_matches(|c: char| !c.is_alphabetic());
    ORDINALS.iter().find(|(s, _)| *s == w).map(|(_, v)| *v)
}

/// Sums a sequence of cardinal words; `None` when the sequence is not a well-formed
/// number.
fn combine(words: &[Word]) -> Option<u32> {
    let mut total: u32 = 0;
    let mut group: u32 = 0;
    let mut last_base: Option<u32> = None;
    for w in words {
        match *w {
            Word::Base(v) => {
                // Within a group, tens come before units: "он бес", not "бес он".
                if let Some(prev) = last_base
                    && !(prev >= 10 && v < 10)
                {
                    return None;
                }
                group = group.checked_add(v)?;
                last_base = Some(v);
            }
            Word::Hundred => {
                let mult = if group == 0 { 1 } else { group };
                if mult >= 10 && mult % 100 != 0 {
                    return None;
                }
                group = mult.checked_mul(100)?;
                last_base = None;
            }
            Word::Thousand => {
                let mult = if group == 0 { 1 } else { group };
                total = total.checked_add(mult.checked_mul(1000)?)?;
                group = 0;
                last_base = None;
            }
        }
    }
    total.checked_add(group)
}

/// The cardinal number written by `text` in words (`алпыс` = 60, `он бес` = 15,
/// `жүз жиырма` = 120), or in digits. Punctuation around the words is ignored.
pub fn cardinal(text: &str) -> Option<u32> {
    let t = text
        .trim()
        .trim_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace());
    if !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()) {
        return t.parse().ok();
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.is_empty() {
        return None;
    }
    let parsed: Option<Vec<Word>> = words.iter().map(|w| cardinal_word(w)).collect();
    combine(&parsed?)
}

/// The ordinal number written by `text` (`үшінші` = 3, `он бірінші` = 11,
/// `жиырма бесінші` = 25, `жүзінші` = 100).
pub fn ordinal(text: &str) -> Option<u32> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let (last, init) = words.split_last()?;
    let last_value = ordinal_word(last)?;
    let mut parsed: Vec<Word> = init.iter().map(|w| cardinal_word(w)).collect::<Option<Vec<Word>>>()?;
    parsed.push(match last_value {
        100 => Word::Hundred,
        1000 => Word::Thousand,
        v => Word::Base(v),
    });
    combine(&parsed)
}

/// The month (1..=12) named by `word` in any case form (`желтоқсандағы`, `қаңтардан`).
pub fn month(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    let w = w.trim_matches(|c: char| !c.is_alphabetic());
    let mut best: Option<(usize, usize)> = None;
    for (i, stem) in MONTHS.iter().enumerate() {
        if w.starts_with(stem) && best.is_none_or(|(_, len)| stem.len() > len) {
            best = Some((i, stem.len()));
        }
    }
    best.and_then(|(i, _)| u32::try_from(i + 1).ok())
}

/// The first date written as `YYYY жылғы D <month>` in `text`
/// (`2014 жылғы 30 желтоқсандағы`, `2026 жылғы 1 қаңтардан`), with its byte range.
pub fn find_date(text: &str) -> Option<(NaiveDate, std::ops::Range<usize>)> {
    find_dates(text).into_iter().next()
}

/// Every date written as `YYYY жылғы D <month>` in `text`, with their byte ranges, in
/// order. Quotes around the day (`«30»`) are tolerated.
pub fn find_dates(text: &str) -> Vec<(NaiveDate, std::ops::Range<usize>)> {
    let re = &*super::kk::DATE_RE;
    let mut out = Vec::new();
    for c in re.captures_iter(text) {
        let (Some(all), Some(y), Some(d), Some(m)) = (c.get(0), c.name("y"), c.name("d"), c.name("m")) else {
            continue;
        };
        let (Ok(y), Ok(d)) = (y.as_str().parse::<i32>(), d.as_str().parse::<u32>()) else {
            continue;
        };
        let Some(m) = month(m.as_str()) else { continue };
        if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
            out.push((date, all.range()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cardinals() {
        assert_eq!(cardinal("алпыс"), Some(60));
        assert_eq!(cardinal("он"), Some(10));
        assert_eq!(cardinal("он бес"), Some(15));
        assert_eq!(cardinal("жиырма бір"), Some(21));
        assert_eq!(cardinal("жүз жиырма"), Some(120));
        assert_eq!(cardinal("екі жүз он"), Some(210));
        assert_eq!(cardinal("бір мың"), Some(1000));
        assert_eq!(cardinal("бестен"), Some(5));
        assert_eq!(cardinal("42"), Some(42));
        assert_eq!(cardinal("(бес)"), Some(5));
        assert_eq!(cardinal("бес он"), None);
        assert_eq!(cardinal("он он"), None);
        assert_eq!(cardinal("күн"), None);
        assert_eq!(cardinal(""), None);
    }

    #[test]
    fn ordinals() {
        assert_eq!(ordinal("үшінші"), Some(3));
        assert_eq!(ordinal("он бірінші"), Some(11));
        assert_eq!(ordinal("оныншы"), Some(10));
        assert_eq!(ordinal("жиырмасыншы"), Some(20));
        assert_eq!(ordinal("жиырма бесінші"), Some(25));
        assert_eq!(ordinal("жүзінші"), Some(100));
        assert_eq!(ordinal("бес"), None);
    }

    #[test]
    fn months_and_dates() {
        assert_eq!(month("желтоқсандағы"), Some(12));
        assert_eq!(month("қаңтардан"), Some(1));
        assert_eq!(month("сәуірдегі"), Some(4));
        assert_eq!(month("Қыркүйектегі"), Some(9));
        assert_eq!(month("қазанда"), Some(10));
        assert_eq!(month("қарашадағы"), Some(11));
        assert_eq!(month("маусымдағы"), Some(6));
        assert_eq!(month("күн"), None);
        let (d, _) = find_date("2014 жылғы 30 желтоқсандағы № 350").unwrap();
        assert_eq!(d, NaiveDate::from_ymd_opt(2014, 12, 30).unwrap());
        assert!(find_date("2014 жылғы 31 ақпандағы").is_none());
    }
}

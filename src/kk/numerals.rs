//! Cardinal numbers in words, both ways: [`cardinal_words`] writes a number as the notes
//! do (60 → `алпыс`, 120 → `жүз жиырма`), [`cardinal`] reads one as the parser does
//! (`он бес` = 15, `екі жүз` = 200, `бестен` = 5).
//!
//! A number is written from the largest part down, tens before units: `жиырма бір` (21),
//! `жүз он` (110), `екі жүз` (200), `бір мың` or `мың` (1000). "One hundred" is `жүз`,
//! not `бір жүз`, when written; both are read.

/// The units, 0 to 9 (0 has no word of its own in a compound number).
pub const UNITS: [&str; 10] = ["", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз"];

/// The tens, 0 to 90.
pub const TENS: [&str; 10] = [
    "",
    "он",
    "жиырма",
    "отыз",
    "қырық",
    "елу",
    "алпыс",
    "жетпіс",
    "сексен",
    "тоқсан",
];

/// 100.
pub const HUNDRED: &str = "жүз";

/// 1000.
pub const THOUSAND: &str = "мың";

/// `n` in words (1 to 999: 60 → `алпыс`, 15 → `он бес`, 120 → `жүз жиырма`, 200 → `екі
/// жүз`); in digits otherwise.
pub fn cardinal_words(n: u32) -> String {
    if n == 0 || n > 999 {
        return n.to_string();
    }
    let (h, t, u) = (n / 100, (n / 10) % 10, n % 10);
    let word = |table: &[&'static str; 10], i: u32| table.get(i as usize).copied().unwrap_or("");
    let mut parts = Vec::new();
    if h > 0 {
        if h > 1 {
            parts.push(word(&UNITS, h));
        }
        parts.push(HUNDRED);
    }
    if t > 0 {
        parts.push(word(&TENS, t));
    }
    if u > 0 {
        parts.push(word(&UNITS, u));
    }
    parts.join(" ")
}

/// A number word's role in a cardinal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Word {
    /// 1..=90.
    Base(u32),
    /// жүз: ×100.
    Hundred,
    /// мың: ×1000.
    Thousand,
}

/// The units and tens with their values, 1 to 90.
fn bases() -> impl Iterator<Item = (&'static str, u32)> {
    let units = (1u32..).zip(UNITS.iter().skip(1).copied());
    let tens = (1u32..).map(|t| t * 10).zip(TENS.iter().skip(1).copied());
    units.chain(tens).map(|(v, w)| (w, v))
}

/// The lowercase letters of `word`, punctuation around it dropped.
pub(super) fn letters(word: &str) -> String {
    word.to_lowercase()
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_string()
}

/// Reads one cardinal word, exactly or with a case ending (`бестен`, `оннан`).
pub(super) fn cardinal_word(word: &str) -> Option<Word> {
    let w = letters(word);
    if w.is_empty() {
        return None;
    }
    if w == HUNDRED {
        return Some(Word::Hundred);
    }
    if w == THOUSAND {
        return Some(Word::Thousand);
    }
    if let Some((_, v)) = bases().find(|(s, _)| *s == w) {
        return Some(Word::Base(v));
    }
    // A case ending: the longest stem that the word starts with, followed by at most
    // five more letters (Kazakh endings are short), and not an ordinal.
    if super::ordinals::ordinal_word(&w).is_some() {
        return None;
    }
    let mut best: Option<(&str, Word)> = None;
    let words = bases()
        .map(|(s, v)| (s, Word::Base(v)))
        .chain([(HUNDRED, Word::Hundred), (THOUSAND, Word::Thousand)]);
    for (s, v) in words {
        if w.starts_with(s) && best.is_none_or(|(b, _)| s.chars().count() > b.chars().count()) {
            best = Some((s, v));
        }
    }
    let (stem, v) = best?;
    let rest = w.chars().count() - stem.chars().count();
    (rest <= 5).then_some(v)
}

/// Sums a sequence of cardinal words; `None` when the sequence is not a well-formed
/// number.
pub(super) fn combine(words: &[Word]) -> Option<u32> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cardinals() {
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
        assert_eq!(cardinal("бірінші"), None);
        assert_eq!(cardinal(""), None);
    }

    #[test]
    fn writes_cardinals() {
        assert_eq!(cardinal_words(60), "алпыс");
        assert_eq!(cardinal_words(10), "он");
        assert_eq!(cardinal_words(15), "он бес");
        assert_eq!(cardinal_words(120), "жүз жиырма");
        assert_eq!(cardinal_words(200), "екі жүз");
        assert_eq!(cardinal_words(999), "тоғыз жүз тоқсан тоғыз");
        assert_eq!(cardinal_words(0), "0");
        assert_eq!(cardinal_words(1000), "1000");
    }

    /// The two directions agree: every number written in words reads back.
    #[test]
    fn round_trip() {
        for n in 1..=999 {
            assert_eq!(cardinal(&cardinal_words(n)), Some(n), "{n}");
        }
    }
}

//! Dates as Russian texts of acts write them: `D <month in the genitive> YYYY года`
//! (`30 декабря 2014 года`, `5 июля 1996 г.`), the day sometimes in quotes
//! (`«30» сентября 2025 года`).

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

/// The months in the genitive, January first.
pub const MONTHS_GENITIVE: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

/// A written date as a regular expression without groups, for formulas that contain one
/// (`с {PATTERN}`). Matches what [`find_dates`] reads.
pub const PATTERN: &str = r#""?\d{1,2}"?\s*\p{L}+\s+\d{4}\s*(?:года|г\.?)"#;

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)"?(?P<d>\d{1,2})"?\s*(?P<m>\p{L}+)\s+(?P<y>\d{4})\s*(?:года|г\.?)"#).expect("constant regex")
});

/// The month (1–12) a genitive month name stands for, in any case.
pub fn month(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    MONTHS_GENITIVE
        .iter()
        .position(|m| *m == w)
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// The first date in `text`, with its byte range.
pub fn find_date(text: &str) -> Option<(NaiveDate, std::ops::Range<usize>)> {
    find_dates(text).into_iter().next()
}

/// Every date written as `D <month> YYYY года` (or `г.`) in `text`, with their byte
/// ranges, in order. A day the month does not have, or a word that is no month, is no
/// date.
pub fn find_dates(text: &str) -> Vec<(NaiveDate, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    for c in DATE.captures_iter(text) {
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
    fn reads_dates() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(find_date("от 5 июля 1996 г. \"О").map(|x| x.0), d(1996, 7, 5));
        assert_eq!(find_date("от 30 Декабря 2014 года № 350").map(|x| x.0), d(2014, 12, 30));
        assert_eq!(find_date("с \"1\" января 2026 года").map(|x| x.0), d(2026, 1, 1));
        assert_eq!(find_date("31 июня 2020 года"), None);
        assert_eq!(find_date("5 дней 1996 года"), None);
        assert_eq!(find_dates("1 мая 2020 года и 2 мая 2021 года").len(), 2);
    }
}

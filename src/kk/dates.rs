//! Dates as Kazakh texts write them: `YYYY жылғы D <month>` with the month in a case
//! form (`2014 жылғы 30 желтоқсандағы`, `2026 жылғы 1 қаңтардан`), the day sometimes in
//! quotes (`2025 жылғы «30» қыркүйектегі`).

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::months::month;

/// A written date as a regular expression without groups, for formulas that contain one
/// (`{PATTERN}\s+бастап`). Matches what [`find_dates`] reads.
pub const PATTERN: &str = r#"\d{4}\s*жылғы\s*"?\d{1,2}"?\s*\p{L}+"#;

/// A written date with its year, day and month word as the groups `y`, `d`, `m`.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(?P<y>\d{4})\s*жылғы\s*"?(?P<d>\d{1,2})"?\s*(?P<m>\p{L}+)"#).expect("constant regex")
});

/// The first date written as `YYYY жылғы D <month>` in `text`
/// (`2014 жылғы 30 желтоқсандағы`, `2026 жылғы 1 қаңтардан`), with its byte range.
pub fn find_date(text: &str) -> Option<(NaiveDate, std::ops::Range<usize>)> {
    find_dates(text).into_iter().next()
}

/// Every date written as `YYYY жылғы D <month>` in `text`, with their byte ranges, in
/// order. Quotes around the day (`"30"`, as the parser's normalised lines have them) are
/// tolerated; a day the month does not have, or a word that is no month, is no date.
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

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn dates() {
        let (date, range) = find_date("2014 жылғы 30 желтоқсандағы № 350").unwrap();
        assert_eq!(date, d("2014-12-30"));
        assert_eq!(range, 0.."2014 жылғы 30 желтоқсандағы".len());
        assert!(find_date("2014 жылғы 31 ақпандағы").is_none());
        assert!(find_date("2014 жылғы 3 күндегі").is_none());
        let all: Vec<NaiveDate> = find_dates("2025 жылғы \"30\" қыркүйектегі және 2026 жылғы 1 Қаңтардан")
            .into_iter()
            .map(|(d, _)| d)
            .collect();
        assert_eq!(all, [d("2025-09-30"), d("2026-01-01")]);
    }

    /// The pattern for formulas matches what the reader reads.
    #[test]
    fn the_pattern_matches_the_same_text() {
        let pattern = Regex::new(PATTERN).unwrap();
        for text in [
            "2014 жылғы 30 желтоқсандағы № 350",
            "бастап 2026 жылғы 1 қаңтардан бастап",
            "2025 жылғы \"30\" қыркүйектегі",
        ] {
            let (_, range) = find_date(text).unwrap();
            assert_eq!(pattern.find(text).map(|m| m.range()), Some(range), "{text}");
        }
    }
}

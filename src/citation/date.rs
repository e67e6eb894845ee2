//! Dates written out as each language writes them in law: "2026 жылғы 15 қаңтар",
//! "15 января 2026 г.", "15 January 2026".

use chrono::{Datelike, NaiveDate};

use crate::kk::months::MONTHS;
use crate::model::Lang;
use crate::ru::dates::MONTHS_GENITIVE as RU_MONTHS;

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `date` written out in `lang`.
pub fn written(date: NaiveDate, lang: Lang) -> String {
    let m = date.month0() as usize;
    let (y, d) = (date.year(), date.day());
    match lang {
        Lang::Kk => format!("{y} жылғы {d} {}", MONTHS.get(m).copied().unwrap_or("")),
        Lang::Ru => format!("{d} {} {y} г.", RU_MONTHS.get(m).copied().unwrap_or("")),
        Lang::En => format!("{d} {} {y}", EN_MONTHS.get(m).copied().unwrap_or("")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_out_in_each_language() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 15).expect("a date");
        assert_eq!(written(d, Lang::Kk), "2026 жылғы 15 қаңтар");
        assert_eq!(written(d, Lang::Ru), "15 января 2026 г.");
        assert_eq!(written(d, Lang::En), "15 January 2026");
        let d = NaiveDate::from_ymd_opt(2025, 12, 6).expect("a date");
        assert_eq!(written(d, Lang::Kk), "2025 жылғы 6 желтоқсан");
    }
}

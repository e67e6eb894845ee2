//! What nusqa knows of the Russian language, in one place, mirroring [`crate::kk`]: the
//! parser's Russian formulas and the notes use it and keep no Russian tables of their
//! own.
//!
//! * [`numerals`]: cardinals both ways, in the nominative and the genitive
//!   (60 ↔ `шестидесяти`, `двадцати одного` = 21);
//! * [`ordinals`]: ordinal words in every gender and case (`шестой`, `третьей`,
//!   `тринадцатом` = 13);
//! * [`detect`]: whether a query reads as Russian rather than Kazakh;
//! * [`dates`]: the months in the genitive and dates as acts write them
//!   (`5 июля 1996 года`, `30 декабря 2014 г.`).
//!
//! Everything here is pure and works on Cyrillic in any case (ё read as е). The amendment
//! formulas are the parser's grammar and stay in `parse::formulas_ru`.

pub mod dates;
pub mod detect;
pub mod numerals;
pub mod ordinals;

pub use dates::{find_date, find_dates, month};
pub use numerals::{cardinal, number_genitive};
pub use ordinals::ordinal;

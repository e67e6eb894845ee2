//! What nusqa knows of the Kazakh language, in one place: the parser, the notes, the
//! search's stemmer and the services' extraction use it and keep no tables of their own.
//!
//! * [`alphabet`]: the letters, the vowels, the sound each letter stands for before an
//!   ending, the alternating consonants, the Latin look-alikes of Cyrillic letters;
//! * [`harmony`]: vowel harmony, one rule for reading and writing (the rule, its
//!   reasons and its limits are documented there);
//! * [`endings`]: an ending after one class of sounds, and choosing the one to write;
//! * [`cases`]: the case endings (genitive, dative, accusative, locative, ablative,
//!   instrumental, attributive locative) and [`cases::inflect`];
//! * [`possessive`], [`plural`], [`personal`]: the other inflectional endings the stemmer
//!   reads;
//! * [`numerals`]: cardinals both ways (60 ↔ `алпыс`); [`ordinals`]: `үшінші` = 3;
//! * [`months`]: the month names; [`dates`]: `2014 жылғы 30 желтоқсандағы`;
//! * [`time_units`]: `жұмыс күні`, `күнтізбелік күн`, `сағат`, `минут`.
//!
//! Everything here is pure and works on lowercase Cyrillic unless a function says
//! otherwise. The amendment formulas (`parse::formulas`) are the parser's grammar, not
//! language knowledge, and stay in the parser; Russian numerals are in [`crate::ru`].

pub mod alphabet;
pub mod cases;
pub mod dates;
pub mod endings;
pub mod harmony;
pub mod months;
pub mod numerals;
pub mod ordinals;
pub mod personal;
pub mod plural;
pub mod possessive;
pub mod time_units;

pub use cases::{Base, Case, inflect};
pub use dates::{find_date, find_dates};
pub use harmony::Harmony;
pub use months::month;
pub use numerals::{cardinal, cardinal_words};
pub use ordinals::ordinal;
pub use time_units::TimeUnit;

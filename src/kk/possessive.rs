//! The possessive endings: "his, her, its, their" `-ы/-і` (`тармағы`), "your" `-ың/-ің`
//! and `-ыңыз/-іңіз` (`өтінішіңізді`), "our" `-ымыз/-іміз`.
//!
//! After a consonant the ending opens with ы/і, after a vowel it does not (`-сы/-сі` for
//! the 3rd person: `қосымшасы`, `қаулысы`). The 1st-person singular `-ым/-ім` and the
//! 2nd-person `-ң` after a vowel are not listed: nothing in the project reads or writes
//! them. A case ending after the 3rd person takes its pronominal н forms
//! ([`super::cases::Base::Possessive3`]).

use super::alphabet::Sounds;
use super::endings::Ending;

/// Whose: the person of a possessive ending.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum Possessor {
    /// "his, her, its, their": `-ы/-і`, `-сы/-сі`.
    Third,
    /// "your" (singular, familiar): `-ың/-ің`.
    Second,
    /// "your" (polite or plural): `-ыңыз/-іңіз`, `-ңыз/-ңіз`.
    SecondPolite,
    /// "our": `-ымыз/-іміз`, `-мыз/-міз`.
    FirstPlural,
}

/// One variant of a possessive ending.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct PossessiveEnding {
    /// Whose.
    pub possessor: Possessor,
    /// Its letters and sounds.
    pub ending: Ending,
}

/// After a consonant or a glide (й у и); texts also show it after a sign.
const CONSONANT: Sounds = Sounds::all(&[
    Sounds::L,
    Sounds::R,
    Sounds::NASAL,
    Sounds::Z,
    Sounds::VOICELESS,
    Sounds::VOICED_STOP,
]);

const fn row(possessor: Possessor, ending: Ending) -> PossessiveEnding {
    PossessiveEnding { possessor, ending }
}

/// Every possessive ending.
pub const ENDINGS: &[PossessiveEnding] = &[
    row(Possessor::Third, Ending::pair("ы", "і", CONSONANT, Sounds::SIGN)),
    row(Possessor::Third, Ending::pair("сы", "сі", Sounds::VOWEL, Sounds::NONE)),
    row(Possessor::Second, Ending::pair("ың", "ің", CONSONANT, Sounds::SIGN)),
    row(
        Possessor::SecondPolite,
        Ending::pair("ыңыз", "іңіз", CONSONANT, Sounds::SIGN),
    ),
    row(
        Possessor::SecondPolite,
        Ending::pair("ңыз", "ңіз", Sounds::VOWEL, Sounds::NONE),
    ),
    row(
        Possessor::FirstPlural,
        Ending::pair("ымыз", "іміз", CONSONANT, Sounds::SIGN),
    ),
    row(
        Possessor::FirstPlural,
        Ending::pair("мыз", "міз", Sounds::VOWEL, Sounds::NONE),
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kk::endings::{assert_partition, choose};

    fn of(p: Possessor) -> impl Iterator<Item = &'static Ending> {
        ENDINGS.iter().filter(move |e| e.possessor == p).map(|e| &e.ending)
    }

    #[test]
    fn forms() {
        for p in [Possessor::Third, Possessor::SecondPolite, Possessor::FirstPlural] {
            assert_partition(&format!("{p:?}"), of(p), Sounds::FINAL);
        }
        for (word, p, form) in [
            ("тармақ", Possessor::Third, "ы"),
            ("қосымша", Possessor::Third, "сы"),
            ("министр", Possessor::Third, "і"),
            ("объекті", Possessor::Third, "сі"),
            ("өтініш", Possessor::SecondPolite, "іңіз"),
            ("мемлекет", Possessor::FirstPlural, "іміз"),
        ] {
            assert_eq!(choose(of(p), word), Some(form), "{word}");
        }
        assert_eq!(choose(of(Possessor::Second), "қосымша"), None);
    }
}

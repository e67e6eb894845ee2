//! The personal endings of predicates and verbs: "I am, I do" `-мын/-бын/-пын`, "we"
//! `-мыз/-быз/-пыз`, "you" `-сың/-сің`, the 3rd-person imperative `-сын/-сін`
//! (`бекітілсін`, `енгізілсін`) and the 3rd person of the present tense `-ды/-ді` after
//! its vowel or й (`жолдайды`, `береді`).

use super::alphabet::Sounds;
use super::endings::Ending;

/// Which personal ending.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum Person {
    /// "I": `-мын/-мін` after a vowel or a sonorant, `-бын/-бін` after з ж, `-пын/-пін`
    /// after a voiceless consonant.
    FirstSingular,
    /// "we": `-мыз/-міз`, `-быз/-біз`, `-пыз/-піз`.
    FirstPlural,
    /// "you" (familiar): `-сың/-сің`.
    SecondSingular,
    /// "let it be done": `-сын/-сін`.
    ThirdImperative,
    /// "it does": `-ды/-ді` after the present tense's а/е or й.
    ThirdPresent,
}

/// One variant of a personal ending.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct PersonalEnding {
    /// Which.
    pub person: Person,
    /// Its letters and sounds.
    pub ending: Ending,
}

/// A vowel or a sonorant: where the endings open with м.
const SONOROUS: Sounds = Sounds::all(&[Sounds::VOWEL, Sounds::L, Sounds::R, Sounds::NASAL]);
/// A voiceless consonant or a devoiced stop: where they open with п.
const UNVOICED: Sounds = Sounds::VOICELESS.or(Sounds::VOICED_STOP);

const fn row(person: Person, ending: Ending) -> PersonalEnding {
    PersonalEnding { person, ending }
}

/// Every personal ending.
pub const ENDINGS: &[PersonalEnding] = &[
    row(
        Person::FirstSingular,
        Ending::pair("мын", "мін", SONOROUS, Sounds::NONE),
    ),
    row(
        Person::FirstSingular,
        Ending::pair("бын", "бін", Sounds::Z, Sounds::NONE),
    ),
    row(
        Person::FirstSingular,
        Ending::pair("пын", "пін", UNVOICED, Sounds::SIGN),
    ),
    row(Person::FirstPlural, Ending::pair("мыз", "міз", SONOROUS, Sounds::NONE)),
    row(Person::FirstPlural, Ending::pair("быз", "біз", Sounds::Z, Sounds::NONE)),
    row(Person::FirstPlural, Ending::pair("пыз", "піз", UNVOICED, Sounds::SIGN)),
    row(
        Person::SecondSingular,
        Ending::pair("сың", "сің", Sounds::FINAL, Sounds::SIGN),
    ),
    row(
        Person::ThirdImperative,
        Ending::pair("сын", "сін", Sounds::FINAL, Sounds::SIGN),
    ),
    row(
        Person::ThirdPresent,
        Ending::pair("ды", "ді", Sounds::VOWEL.or(Sounds::R), Sounds::NONE),
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kk::endings::{assert_partition, choose};

    fn of(p: Person) -> impl Iterator<Item = &'static Ending> {
        ENDINGS.iter().filter(move |e| e.person == p).map(|e| &e.ending)
    }

    #[test]
    fn forms() {
        for p in [
            Person::FirstSingular,
            Person::FirstPlural,
            Person::SecondSingular,
            Person::ThirdImperative,
        ] {
            assert_partition(&format!("{p:?}"), of(p), Sounds::FINAL);
        }
        for (word, p, form) in [
            ("бекітіл", Person::ThirdImperative, "сін"),
            ("енгізіл", Person::ThirdImperative, "сін"),
            ("жазыл", Person::ThirdImperative, "сын"),
            ("жолдай", Person::ThirdPresent, "ды"),
            ("бере", Person::ThirdPresent, "ді"),
            ("сұрай", Person::FirstSingular, "мын"),
            ("маман", Person::FirstSingular, "мын"),
            ("ұстаз", Person::FirstSingular, "бын"),
            ("қазақ", Person::FirstPlural, "пыз"),
        ] {
            assert_eq!(choose(of(p), word), Some(form), "{word}");
        }
    }
}

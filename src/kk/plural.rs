//! The plural ending: `-лар/-лер` after a vowel or р й у (`қағидалар`, `объектілер`),
//! `-дар/-дер` after л м н ң з ж (`органдар`, `материалдар`), `-тар/-тер` after a
//! voiceless consonant or a devoiced stop (`құжаттар`, `бұйрықтар`).

use super::alphabet::Sounds;
use super::endings::Ending;

/// Every variant of the plural ending.
pub const ENDINGS: &[Ending] = &[
    Ending::pair("лар", "лер", Sounds::VOWEL.or(Sounds::R), Sounds::SIGN),
    Ending::pair(
        "дар",
        "дер",
        Sounds::all(&[Sounds::L, Sounds::NASAL, Sounds::Z]),
        Sounds::VOICED_STOP.or(Sounds::SIGN),
    ),
    Ending::pair("тар", "тер", Sounds::VOICELESS.or(Sounds::VOICED_STOP), Sounds::SIGN),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kk::endings::{assert_partition, choose};

    #[test]
    fn forms() {
        assert_partition("plural", ENDINGS, Sounds::FINAL);
        for (word, form) in [
            ("қағида", "лар"),
            ("орган", "дар"),
            ("құжат", "тар"),
            ("объекті", "лер"),
            ("адам", "дар"),
            ("технология", "лар"),
            ("профиль", "дер"),
            ("материал", "дар"),
            ("бұйрық", "тар"),
        ] {
            assert_eq!(choose(ENDINGS, word), Some(form), "{word}");
        }
    }
}

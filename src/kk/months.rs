//! The month names: [`MONTHS`], January first, and [`month`], which finds one in any case
//! form (`желтоқсандағы`, `қаңтардан`, `сәуірдегі`).

/// The months' names (lowercase), January first.
pub const MONTHS: [&str; 12] = [
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

/// The month (1..=12) named by `word` in any case form (`желтоқсандағы`, `қаңтардан`):
/// the longest month name the word begins with.
pub fn month(word: &str) -> Option<u32> {
    let w = super::numerals::letters(word);
    let mut best: Option<(usize, usize)> = None;
    for (i, stem) in MONTHS.iter().enumerate() {
        if w.starts_with(stem) && best.is_none_or(|(_, len)| stem.len() > len) {
            best = Some((i, stem.len()));
        }
    }
    best.and_then(|(i, _)| u32::try_from(i + 1).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kk::cases::{Base, Case, inflect};

    #[test]
    fn months_in_any_case() {
        assert_eq!(month("желтоқсандағы"), Some(12));
        assert_eq!(month("қаңтардан"), Some(1));
        assert_eq!(month("сәуірдегі"), Some(4));
        assert_eq!(month("Қыркүйектегі"), Some(9));
        assert_eq!(month("қазанда"), Some(10));
        assert_eq!(month("қарашадағы"), Some(11));
        assert_eq!(month("маусымдағы"), Some(6));
        assert_eq!(month("«30»"), None);
        assert_eq!(month("күн"), None);
        // every name, in every case, is found
        for (i, name) in MONTHS.iter().enumerate() {
            for case in [Case::Genitive, Case::Dative, Case::Ablative, Case::AttributiveLocative] {
                let form = inflect(name, case, Base::Bare);
                assert_eq!(month(&form), u32::try_from(i + 1).ok(), "{form}");
            }
        }
        assert_eq!(
            inflect("желтоқсан", Case::AttributiveLocative, Base::Bare),
            "желтоқсандағы"
        );
        assert_eq!(inflect("қаңтар", Case::Ablative, Base::Bare), "қаңтардан");
        assert_eq!(inflect("сәуір", Case::AttributiveLocative, Base::Bare), "сәуірдегі");
        assert_eq!(
            inflect("қыркүйек", Case::AttributiveLocative, Base::Bare),
            "қыркүйектегі"
        );
    }
}

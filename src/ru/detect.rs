//! Telling a Russian query from a Kazakh one, for the search page's note that only the
//! Kazakh texts are searched. Both are written in Cyrillic; a query is taken as Russian
//! when it has none of the letters only Kazakh uses (ә ғ қ ң ө ұ ү һ і) and one of its
//! words has a letter native Kazakh words lack (ё щ ъ э в ч ь) or ends as Russian
//! words do and Kazakh ones do not (-ых, -ого, -ение…). A guess, used only to add a
//! note.

/// Letters of the Kazakh alphabet that Russian does not have.
const KAZAKH_ONLY: &[char] = &['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і'];

/// Letters Russian words have and native Kazakh words do not. Kazakh writes в, ч and ь
/// only in loanwords, rare in its own legal vocabulary; ф and ц are left out, being
/// common in loanwords both languages share (сертификат, цифрлық).
const RUSSIAN_ONLY: &[char] = &['ё', 'щ', 'ъ', 'э', 'в', 'ч', 'ь'];

/// Word endings common in Russian and absent from Kazakh inflection.
const RUSSIAN_ENDINGS: &[&str] = &[
    "ых", "их", "ого", "его", "ому", "ему", "ой", "ый", "ий", "ая", "яя", "ое", "ее", "ие", "ами", "ями", "ение",
    "ения", "ание", "ания", "ция", "ции", "ость", "ости", "ов", "ев", "ей",
];

/// True when `text` reads as Russian rather than Kazakh (see the module documentation).
pub fn looks_russian(text: &str) -> bool {
    let lower = text.to_lowercase();
    if lower.chars().any(|c| KAZAKH_ONLY.contains(&c)) {
        return false;
    }
    lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 3 && w.chars().all(is_cyrillic))
        .any(|w| w.chars().any(|c| RUSSIAN_ONLY.contains(&c)) || RUSSIAN_ENDINGS.iter().any(|e| w.ends_with(e)))
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_queries_are_told_from_kazakh_ones() {
        for ru in [
            "взрывных работ",
            "разрешение",
            "Правила выдачи",
            "объём",
            "государственной услуги",
        ] {
            assert!(looks_russian(ru), "{ru}");
        }
        for kk in [
            "жарылыс",
            "жарылыс жұмыстары",
            "рұқсат",
            "тармақ",
            "мемлекеттік",
            "blasting",
            "V1400010273",
        ] {
            assert!(!looks_russian(kk), "{kk}");
        }
    }
}

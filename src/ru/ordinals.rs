//! Ordinal numbers in words, in every gender, number and case, as the amendment formulas
//! use them: `абзац шестой`, `части третьей`, `в абзаце тринадцатом`, `абзацы третий,
//! четвертый … одиннадцатый`. [`ordinal`] reads them: a stem (`трет`, `шест`,
//! `тринадцат`) and an adjective ending (`ий`, `ьей`, `ом`, …); a compound ordinal
//! (`двадцать первый`) is cardinal tens, then an ordinal.

use super::numerals::TENS_NOMINATIVE;

/// The ordinal stems, with their values.
const STEMS: &[(&str, u32)] = &[
    ("перв", 1),
    ("втор", 2),
    ("трет", 3),
    ("четверт", 4),
    ("пят", 5),
    ("шест", 6),
    ("седьм", 7),
    ("восьм", 8),
    ("девят", 9),
    ("десят", 10),
    ("одиннадцат", 11),
    ("двенадцат", 12),
    ("тринадцат", 13),
    ("четырнадцат", 14),
    ("пятнадцат", 15),
    ("шестнадцат", 16),
    ("семнадцат", 17),
    ("восемнадцат", 18),
    ("девятнадцат", 19),
    ("двадцат", 20),
    ("тридцат", 30),
    ("сороков", 40),
    ("пятидесят", 50),
    ("шестидесят", 60),
    ("семидесят", 70),
    ("восьмидесят", 80),
    ("девяност", 90),
    ("сот", 100),
];

/// The adjective endings an ordinal takes: hard (`шестой`, `шестого`), soft after т
/// (`третий`, `третьего`, `третья`), in every gender, number and case.
const ENDINGS: &[&str] = &[
    "ый", "ой", "ий", "ого", "ому", "ым", "ом", "ая", "ую", "ое", "ые", "ых", "ыми", "ьего", "ьему", "ьим", "ьем",
    "ья", "ьей", "ью", "ье", "ьи", "ьих", "ьими",
];

/// The value of one ordinal word (any case; ё read as е; punctuation around it ignored).
fn ordinal_word(word: &str) -> Option<u32> {
    let w = word.to_lowercase().replace('ё', "е");
    let w = w.trim_matches(|c: char| !c.is_alphabetic());
    STEMS
        .iter()
        .filter(|(stem, _)| w.strip_prefix(stem).is_some_and(|rest| ENDINGS.contains(&rest)))
        .max_by_key(|(stem, _)| stem.len())
        .map(|(_, v)| *v)
}

/// The ordinal number written by `text` (`шестой` = 6, `третьей` = 3, `тринадцатом` =
/// 13, `двадцать первого` = 21).
pub fn ordinal(text: &str) -> Option<u32> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let (last, init) = words.split_last()?;
    let value = ordinal_word(last)?;
    match init {
        [] => Some(value),
        [tens] if value < 10 => {
            let t = tens.to_lowercase();
            let i = TENS_NOMINATIVE.iter().position(|x| !x.is_empty() && *x == t)?;
            u32::try_from(i).ok().filter(|&i| i >= 2).map(|i| i * 10 + value)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_ordinals_in_every_form() {
        for (w, v) in [
            ("шестой", 6),
            ("шестого", 6),
            ("третьей", 3),
            ("третий", 3),
            ("третья", 3),
            ("второй", 2),
            ("второго", 2),
            ("тринадцатом", 13),
            ("восьмом", 8),
            ("одиннадцатый", 11),
            ("четвертый", 4),
            ("четвёртого", 4),
            ("пятидесятого", 50),
            ("пятнадцатой", 15),
            ("Первый", 1),
            ("двадцать первого", 21),
            ("сороковой", 40),
        ] {
            assert_eq!(ordinal(w), Some(v), "{w}");
        }
        for w in ["шесть", "третьяк", "абзац", "", "двадцать двадцатый", "один первый"]
        {
            assert_eq!(ordinal(w), None, "{w}");
        }
    }
}

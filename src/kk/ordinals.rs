//! Ordinal numbers in words: [`ordinal`] reads `үшінші` = 3, `он бірінші` = 11,
//! `жиырма бесінші` = 25, `жүзінші` = 100, as the parser finds them in `екінші абзацы`.
//!
//! An ordinal is a cardinal whose last word takes `-ыншы/-інші` after a consonant and
//! `-ншы/-нші` after a vowel, in the word's harmony (`бесінші`, `алтыншы`, `оныншы`,
//! `елуінші`: у is a glide and е decides). Two are irregular: `жиырмасыншы` (20) keeps
//! an old с, and `қырқыншы` (40) drops the ы of `қырық`.

use super::numerals::{Word, cardinal_word, combine, letters};

/// The ordinal forms of the units, the tens, 100 and 1000 (exact words, lowercase).
pub const ORDINALS: &[(&str, u32)] = &[
    ("бірінші", 1),
    ("екінші", 2),
    ("үшінші", 3),
    ("төртінші", 4),
    ("бесінші", 5),
    ("алтыншы", 6),
    ("жетінші", 7),
    ("сегізінші", 8),
    ("тоғызыншы", 9),
    ("оныншы", 10),
    ("жиырмасыншы", 20),
    ("отызыншы", 30),
    ("қырқыншы", 40),
    ("елуінші", 50),
    ("алпысыншы", 60),
    ("жетпісінші", 70),
    ("сексенінші", 80),
    ("тоқсаныншы", 90),
    ("жүзінші", 100),
    ("мыңыншы", 1000),
];

/// The value of one ordinal word (any case, punctuation around it ignored).
pub(super) fn ordinal_word(word: &str) -> Option<u32> {
    let w = letters(word);
    ORDINALS.iter().find(|(s, _)| *s == w).map(|(_, v)| *v)
}

/// The ordinal number written by `text` (`үшінші` = 3, `он бірінші` = 11,
/// `жиырма бесінші` = 25, `жүзінші` = 100).
pub fn ordinal(text: &str) -> Option<u32> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let (last, init) = words.split_last()?;
    let last_value = ordinal_word(last)?;
    let mut parsed: Vec<Word> = init.iter().map(|w| cardinal_word(w)).collect::<Option<Vec<Word>>>()?;
    parsed.push(match last_value {
        100 => Word::Hundred,
        1000 => Word::Thousand,
        v => Word::Base(v),
    });
    combine(&parsed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kk::harmony::{self, Harmony};
    use crate::kk::numerals::{HUNDRED, TENS, THOUSAND, UNITS};

    /// The regular ordinal of a cardinal word: `-ыншы/-інші` after a consonant, `-ншы/-нші`
    /// after a vowel (и, у count as consonants: glides), in the word's harmony.
    fn regular_ordinal(cardinal: &str) -> String {
        let vowel_final = cardinal.chars().last().is_some_and(crate::kk::alphabet::is_vowel);
        let ending = match (vowel_final, harmony::for_ending(cardinal)) {
            (true, Harmony::Back) => "ншы",
            (true, Harmony::Front) => "нші",
            (false, Harmony::Back) => "ыншы",
            (false, Harmony::Front) => "інші",
        };
        format!("{cardinal}{ending}")
    }

    #[test]
    fn reads_ordinals() {
        assert_eq!(ordinal("үшінші"), Some(3));
        assert_eq!(ordinal("он бірінші"), Some(11));
        assert_eq!(ordinal("оныншы"), Some(10));
        assert_eq!(ordinal("жиырмасыншы"), Some(20));
        assert_eq!(ordinal("жиырма бесінші"), Some(25));
        assert_eq!(ordinal("жүзінші"), Some(100));
        assert_eq!(ordinal("Екінші"), Some(2));
        assert_eq!(ordinal("бес"), None);
        assert_eq!(ordinal(""), None);
    }

    /// The table is the rule applied to the cardinals, but for the two irregular forms:
    /// a test of the harmony rule on the numerals (`елу` is front, `алты` back).
    #[test]
    fn the_table_follows_the_rule() {
        let cardinals = UNITS
            .iter()
            .zip(0u32..)
            .skip(1)
            .chain(TENS.iter().zip((0u32..).map(|t| t * 10)).skip(1))
            .map(|(w, v)| (*w, v))
            .chain([(HUNDRED, 100), (THOUSAND, 1000)]);
        let mut n = 0;
        for (word, value) in cardinals {
            n += 1;
            let table = ORDINALS.iter().find(|(_, v)| *v == value).map(|(w, _)| *w);
            let expected = match value {
                20 => "жиырмасыншы".to_string(),
                40 => "қырқыншы".to_string(),
                _ => regular_ordinal(word),
            };
            assert_eq!(table, Some(expected.as_str()), "{word}");
        }
        assert_eq!(n, ORDINALS.len());
    }
}

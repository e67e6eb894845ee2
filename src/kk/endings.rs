//! An inflectional ending after one class of sounds: its back and front forms and the
//! sounds after which it is written.
//!
//! Kazakh endings change their first consonant with the sound before them and their
//! vowel with the word's harmony: the genitive is `-ның/-нің` after a vowel or м н ң,
//! `-дың/-дің` after л р й у з ж, `-тың/-тің` after a voiceless consonant. Each of the
//! three is one [`Ending`]. [`Ending::after`] is where grammar writes it, and the `after`
//! sets of one ending's variants do not overlap, so that a writer ([`choose`]) has one
//! answer; [`Ending::also_after`] adds where texts show it too (after a voiced stop in a
//! loanword, which may or may not be devoiced: `кодтың`, `кодқа`; after ь or ъ), so that
//! a reader accepts it there.

use super::alphabet::{Sounds, final_sound};
use super::harmony::{self, Harmony};

/// The letters of an ending.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Letters {
    /// A back and a front form (`-ның`, `-нің`).
    Harmonic {
        /// After a back word.
        back: &'static str,
        /// After a front word.
        front: &'static str,
    },
    /// One form for both harmonies (the instrumental `-мен`).
    Fixed(&'static str),
}

/// An ending after one class of sounds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Ending {
    /// Its letters (lowercase).
    pub letters: Letters,
    /// The sounds after which grammar writes it.
    pub after: Sounds,
    /// The further sounds after which texts show it as well.
    pub also_after: Sounds,
}

impl Ending {
    /// An ending with a back and a front form.
    pub const fn pair(back: &'static str, front: &'static str, after: Sounds, also_after: Sounds) -> Ending {
        Ending {
            letters: Letters::Harmonic { back, front },
            after,
            also_after,
        }
    }

    /// An ending with one form.
    pub const fn fixed(text: &'static str, after: Sounds, also_after: Sounds) -> Ending {
        Ending {
            letters: Letters::Fixed(text),
            after,
            also_after,
        }
    }

    /// Every sound it may follow: [`Ending::after`] and [`Ending::also_after`].
    pub const fn follows(&self) -> Sounds {
        self.after.or(self.also_after)
    }

    /// Its form for a word of harmony `h`.
    pub fn text(&self, h: Harmony) -> &'static str {
        match (self.letters, h) {
            (Letters::Harmonic { back, .. }, Harmony::Back) => back,
            (Letters::Harmonic { front, .. }, Harmony::Front) => front,
            (Letters::Fixed(text), _) => text,
        }
    }

    /// Its forms with the harmony each needs (`None`: either).
    pub fn forms(&self) -> Vec<(&'static str, Option<Harmony>)> {
        match self.letters {
            Letters::Harmonic { back, front } => vec![(back, Some(Harmony::Back)), (front, Some(Harmony::Front))],
            Letters::Fixed(text) => vec![(text, None)],
        }
    }
}

/// The ending, among the variants `endings` of one ending, that grammar writes after
/// `word`: the one whose [`Ending::after`] holds the word's [`final_sound`], in the form
/// of the word's harmony ([`harmony::for_ending`]). A word that ends in no Kazakh letter
/// (a digit, Latin) is taken as ending in a vowel.
pub fn choose<'a>(endings: impl IntoIterator<Item = &'a Ending>, word: &str) -> Option<&'static str> {
    let sound = final_sound(word).unwrap_or(Sounds::VOWEL);
    let e = endings.into_iter().find(|e| e.after.meets(sound))?;
    Some(e.text(harmony::for_ending(word)))
}

/// Test helper: checks that the [`Ending::after`] sets of `endings` hold each sound class
/// of `sounds` exactly once.
#[cfg(test)]
pub(super) fn assert_partition<'a>(name: &str, endings: impl IntoIterator<Item = &'a Ending>, sounds: Sounds) {
    let endings: Vec<&Ending> = endings.into_iter().collect();
    for one in Sounds::CLASSES.into_iter().filter(|c| sounds.meets(*c)) {
        let n = endings.iter().filter(|e| e.after.meets(one)).count();
        assert_eq!(n, 1, "{name}: {n} variants after {one:?}");
    }
    for e in &endings {
        assert!(!e.after.meets(e.also_after), "{name}: {e:?} lists a sound twice");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_and_choice() {
        let genitive = [
            Ending::pair("ның", "нің", Sounds::VOWEL.or(Sounds::NASAL), Sounds::NONE),
            Ending::pair(
                "дың",
                "дің",
                Sounds::all(&[Sounds::L, Sounds::R, Sounds::Z]),
                Sounds::NONE,
            ),
            Ending::pair("тың", "тің", Sounds::VOICELESS.or(Sounds::VOICED_STOP), Sounds::NONE),
        ];
        assert_partition("genitive", &genitive, Sounds::FINAL);
        assert_eq!(choose(&genitive, "қала"), Some("ның"));
        assert_eq!(choose(&genitive, "мемлекет"), Some("тің"));
        assert_eq!(choose(&genitive, "10"), Some("ның"));
        assert_eq!(
            genitive[0].forms(),
            [("ның", Some(Harmony::Back)), ("нің", Some(Harmony::Front))]
        );
        let fixed = Ending::fixed("мен", Sounds::VOWEL, Sounds::SIGN);
        assert_eq!(fixed.forms(), [("мен", None)]);
        assert_eq!(fixed.text(Harmony::Back), "мен");
        assert_eq!(fixed.follows(), Sounds::VOWEL.or(Sounds::SIGN));
    }
}

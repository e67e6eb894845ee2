//! The Kazakh Cyrillic alphabet: its letters, which of them are vowels, the sound each
//! letter stands for when an ending follows it, the consonants that alternate before a
//! vowel, and the Latin letters typed in place of Cyrillic ones.
//!
//! The alphabet has 42 letters: the 33 of the Russian alphabet and nine of its own,
//! [`KAZAKH_LETTERS`] (ә ғ қ ң ө ұ ү һ і). Of the vowels, а о ұ ы я are back, ә ө ү і е ё э
//! front (the pairs а/ә, о/ө, ұ/ү, ы/і differ only in that); и and у are not vowels of
//! their own but spellings of vowel + glide sequences (и for ый/ій, у for ұw/үw or a
//! bare w), see [`super::harmony`].

/// The lowercase letters of the Kazakh Cyrillic alphabet, in alphabetical order.
pub const LETTERS: [char; 42] = [
    'а', 'ә', 'б', 'в', 'г', 'ғ', 'д', 'е', 'ё', 'ж', 'з', 'и', 'й', 'к', 'қ', 'л', 'м', 'н', 'ң', 'о', 'ө', 'п', 'р',
    'с', 'т', 'у', 'ұ', 'ү', 'ф', 'х', 'һ', 'ц', 'ч', 'ш', 'щ', 'ъ', 'ы', 'і', 'ь', 'э', 'ю', 'я',
];

/// The nine letters Kazakh adds to the Russian alphabet (lowercase).
pub const KAZAKH_LETTERS: [char; 9] = ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і'];

/// Whether `c` is a lowercase letter of the Kazakh alphabet ([`LETTERS`]).
#[inline]
pub fn is_lowercase_letter(c: char) -> bool {
    matches!(c, 'а'..='я' | 'ё' | 'ә' | 'ғ' | 'қ' | 'ң' | 'ө' | 'ұ' | 'ү' | 'һ' | 'і')
}

/// Whether `c` (lowercase) is a vowel letter: а ә е ё о ө ұ ү ы і э ю я. и and у are not:
/// they are written for vowel + glide sequences and count as glides.
pub fn is_vowel(c: char) -> bool {
    sounds(c) == Sounds::VOWEL
}

/// A set of the sound classes an ending may follow (see [`sounds`]).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub struct Sounds(u16);

impl Sounds {
    /// No sound.
    pub const NONE: Sounds = Sounds(0);
    /// A vowel: а ә е ё о ө ұ ү ы і э ю я (and и, which is also a glide).
    pub const VOWEL: Sounds = Sounds(1);
    /// л.
    pub const L: Sounds = Sounds(1 << 1);
    /// р and the glides й у (and и).
    pub const R: Sounds = Sounds(1 << 2);
    /// The nasals м н ң.
    pub const NASAL: Sounds = Sounds(1 << 3);
    /// з ж.
    pub const Z: Sounds = Sounds(1 << 4);
    /// A voiceless consonant: к қ п с т ш щ ф х ц ч һ.
    pub const VOICELESS: Sounds = Sounds(1 << 5);
    /// A voiced stop: б в г ғ д. At the end of a word (in loanwords) they are devoiced,
    /// so endings follow them as they follow voiceless consonants, and texts show both.
    pub const VOICED_STOP: Sounds = Sounds(1 << 6);
    /// The signs ь ъ, which have no sound of their own.
    pub const SIGN: Sounds = Sounds(1 << 7);
    /// Every sound.
    pub const ANY: Sounds = Sounds(0xff);
    /// The classes one by one.
    pub const CLASSES: [Sounds; 8] = [
        Sounds::VOWEL,
        Sounds::L,
        Sounds::R,
        Sounds::NASAL,
        Sounds::Z,
        Sounds::VOICELESS,
        Sounds::VOICED_STOP,
        Sounds::SIGN,
    ];
    /// What a word can end in as an ending sees it ([`final_sound`] skips the signs).
    pub const FINAL: Sounds = Sounds(Self::ANY.0 & !Self::SIGN.0);
    /// Every consonant, the glides й у и and the signs included.
    pub const CONSONANT: Sounds = Sounds(Self::ANY.0 & !Self::VOWEL.0);

    /// The union of `self` and `other`.
    pub const fn or(self, other: Sounds) -> Sounds {
        Sounds(self.0 | other.0)
    }

    /// The sounds in both `self` and `other`.
    pub const fn and(self, other: Sounds) -> Sounds {
        Sounds(self.0 & other.0)
    }

    /// The union of `sets`.
    pub const fn all(sets: &[Sounds]) -> Sounds {
        let mut out = 0;
        let mut i = 0;
        while i < sets.len() {
            out |= sets[i].0;
            i += 1;
        }
        Sounds(out)
    }

    /// Whether `self` and `other` share a sound.
    #[inline]
    pub const fn meets(self, other: Sounds) -> bool {
        self.0 & other.0 != 0
    }
}

/// The sound a lowercase letter stands for when an ending follows it ([`Sounds::NONE`]
/// for anything that is not a letter of the alphabet). и is both a vowel and a glide.
#[inline]
pub fn sounds(c: char) -> Sounds {
    match c {
        'а' | 'ә' | 'е' | 'ё' | 'о' | 'ө' | 'ұ' | 'ү' | 'ы' | 'і' | 'э' | 'ю' | 'я' => Sounds::VOWEL,
        'и' => Sounds::VOWEL.or(Sounds::R),
        'л' => Sounds::L,
        'р' | 'й' | 'у' => Sounds::R,
        'м' | 'н' | 'ң' => Sounds::NASAL,
        'з' | 'ж' => Sounds::Z,
        'к' | 'қ' | 'п' | 'с' | 'т' | 'ш' | 'щ' | 'ф' | 'х' | 'ц' | 'ч' | 'һ' => Sounds::VOICELESS,
        'б' | 'в' | 'г' | 'ғ' | 'д' => Sounds::VOICED_STOP,
        'ь' | 'ъ' => Sounds::SIGN,
        _ => Sounds::NONE,
    }
}

/// The one sound an ending written after `word` follows: that of its last letter, a
/// sign (ь ъ) skipped, и taken as the glide it ends in (like й: таксиге, таксидің).
/// `None` when the word ends in no Kazakh letter.
pub fn final_sound(word: &str) -> Option<Sounds> {
    let c = word
        .chars()
        .rev()
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .find(|&c| sounds(c) != Sounds::SIGN)?;
    match c {
        'и' => Some(Sounds::R),
        c if sounds(c) == Sounds::NONE => None,
        c => Some(sounds(c)),
    }
}

/// Whether `c` is one of the consonants that alternate with a voiced partner between
/// vowels: қ/ғ, к/г, п/б (тармақ, тармағы; бап, бабы). Either member counts.
pub fn alternates(c: char) -> bool {
    matches!(c, 'қ' | 'ғ' | 'к' | 'г' | 'п' | 'б')
}

/// The Cyrillic letter a Latin look-alike stands for when typed inside a Kazakh word,
/// after lowercasing (so capital shapes count: H is Н, B is В, M is М, T is Т, K is К):
/// a→а, b→в, c→с, e→е, h→н, i→і, k→к, m→м, o→о, p→р, t→т, x→х, y→у, and ə→ә, ë→е.
/// Latin i is typed for the Kazakh і, and ə for ә, where keyboards lack them.
pub fn latin_look_alike(c: char) -> Option<char> {
    Some(match c {
        'a' => 'а',
        'b' => 'в',
        'c' => 'с',
        'e' => 'е',
        'h' => 'н',
        'i' => 'і',
        'k' => 'к',
        'm' => 'м',
        'o' => 'о',
        'p' => 'р',
        't' => 'т',
        'x' => 'х',
        'y' => 'у',
        'ə' => 'ә',
        'ë' => 'е',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_alphabet() {
        assert!(LETTERS.iter().all(|&c| is_lowercase_letter(c)));
        assert!(LETTERS.windows(2).all(|w| w[0] != w[1]));
        assert!(KAZAKH_LETTERS.iter().all(|c| LETTERS.contains(c)));
        // every lowercase letter the test accepts is in the table
        for c in (0..=0x52f_u32).filter_map(char::from_u32) {
            assert_eq!(is_lowercase_letter(c), LETTERS.contains(&c), "{c}");
        }
        // every letter has a sound, nothing else has one
        for c in LETTERS {
            assert_ne!(sounds(c), Sounds::NONE, "{c}");
        }
        assert_eq!(sounds('q'), Sounds::NONE);
        let vowels: String = LETTERS.iter().filter(|&&c| is_vowel(c)).collect();
        assert_eq!(vowels, "аәеёоөұүыіэюя");
    }

    #[test]
    fn sound_classes() {
        assert!(Sounds::CONSONANT.meets(Sounds::SIGN));
        assert!(!Sounds::CONSONANT.meets(Sounds::VOWEL));
        assert!(sounds('и').meets(Sounds::VOWEL) && sounds('и').meets(Sounds::R));
        assert_eq!(sounds('и').and(Sounds::CONSONANT), Sounds::R);
        assert_eq!(Sounds::all(&[Sounds::L, Sounds::R]), Sounds::L.or(Sounds::R));
        assert_eq!(Sounds::all(&Sounds::CLASSES), Sounds::ANY);
        assert_eq!(final_sound("тармақ"), Some(Sounds::VOICELESS));
        assert_eq!(final_sound("қосымша"), Some(Sounds::VOWEL));
        assert_eq!(final_sound("тарау"), Some(Sounds::R));
        assert_eq!(final_sound("такси"), Some(Sounds::R));
        assert_eq!(final_sound("автомобиль"), Some(Sounds::L));
        assert_eq!(final_sound("Заң"), Some(Sounds::NASAL));
        assert_eq!(final_sound("5"), None);
        assert_eq!(final_sound(""), None);
    }

    #[test]
    fn look_alikes_are_letters() {
        for c in 'a'..='z' {
            if let Some(k) = latin_look_alike(c) {
                assert!(is_lowercase_letter(k), "{c} → {k}");
            }
        }
        assert_eq!(latin_look_alike('i'), Some('і'));
        assert_eq!(latin_look_alike('ə'), Some('ә'));
        assert_eq!(latin_look_alike('z'), None);
    }
}

//! A small rule-based Kazakh stemmer and the folding applied before it.
//!
//! [`stem`] strips inflectional suffixes from the end of a lowercase Cyrillic word in four
//! layers, at most one suffix per layer, outermost first (after a predicative suffix the
//! word is a verb or a predicate, and the noun layers are skipped):
//!
//! 1. predicative: `-ды/-ді` after a vowel or й (where the accusative would be `-ны`:
//!    `жолдайды`, `береді`), the imperative `-сын/-сін` after л н т (`бекітілсін`),
//!    `-мын/-мыз` after й/и, `-бын/-пын`, `-сың`; never `-сыз/-сіз` (the privative
//!    "-less": `қауіпсіз`);
//! 2. case: genitive, dative, accusative, locative, ablative, instrumental, the
//!    attributive locative `-дағы/-дегі`, and the pronominal-n forms after a 3rd-person
//!    possessive (`-ын`, `-ына`, `-ында`, `-ынан`: `қағидаларында` = қағида+лар+ы+нда);
//! 3. possessive: `-ы/-і`, `-сы/-сі`, `-ың/-ің`, `-ымыз`, `-ыңыз`…;
//! 4. plural: `-лар/-лер/-дар/-дер/-тар/-тер`.
//!
//! A suffix is stripped only when
//! * its vowel agrees with the harmony of what remains ([`kk::harmony`]: the last deciding
//!   letter; when none decides, as in `министр`, either form is accepted),
//! * its first consonant is the allomorph the remaining word's last sound calls for
//!   (`-ның` after a vowel or м н ң, `-дың` after л р й у з ж, `-тың` after a voiceless
//!   consonant…, as [`kk::cases`] and the other ending tables of [`kk`] give them, with
//!   the forms texts show besides): this rules out most accidental matches (`тізбе` does
//!   not end in a dative, `мереке` not in `-ке`),
//! * at least three letters, one of them a vowel, remain, and
//! * a few ambiguities are settled the likelier way for legal text (see `Need`).
//!
//! The 1st-person singular possessive `-ым/-ім/-м` is not stripped at all: in legal text it
//! is rare, while nouns in `-ым/-ім/-ем/-ам` are everywhere (`білім`, `шешім`, `төлем`,
//! `адам`).
//!
//! Words that look inflected but are stems are listed in `PROTECTED`: if any reading of a
//! word's endings reaches one of them, that is the stem (`нысаны` → `нысан`, not
//! `ныса` + `-ны`; `қағидаларда` → `қағида`, not `қағи` + `-да`).
//!
//! Two final touches make the forms of a word meet:
//! * a stem ending in consonant + ы/і drops that vowel (`акті` + `-лер` and `акт` + `-ті`,
//!   `актісі` → `акт`);
//! * a stem ending in vowel + қ ғ к г п б drops that consonant, because these alternate
//!   before vowel suffixes (`қауіпсіздік`, `қауіпсіздігі` → `қауіпсізді`;
//!   `тармақ`, `тармағы` → `тарма`). [`stem`] returns a slice of its input, so it cannot
//!   rewrite ғ to қ: cutting the consonant is how the two spellings meet.
//!
//! Words of three letters or fewer are returned unchanged. The stemmer has no dictionary
//! beyond `PROTECTED`: it conflates the inflected forms of nouns (and of verbal nouns in
//! `-у`) well, verbs only partly, and it cannot join stems whose vowel drops (`орын`,
//! `орны`) or a three-letter word with its alternating forms (`бап`, `бабы`).

use std::sync::LazyLock;

use crate::kk;
use crate::kk::alphabet::{Sounds, alternates, is_lowercase_letter, is_vowel, latin_look_alike, sounds};
use crate::kk::cases::Base;
use crate::kk::endings::{Ending, Letters};
use crate::kk::harmony::{self, Harmony};
use crate::kk::personal::Person;
use crate::kk::possessive::Possessor;

/// The fewest letters a stem keeps.
const MIN_STEM: usize = 3;

/// Stems that look inflected. Stripping stops at them, and any reading of a word's
/// endings that reaches one of them wins (`нысаны` → `нысан`, `тұлғаны` → `тұлға`).
const PROTECTED: &[&str] = &[
    // ending in what looks like a case suffix (-да, -де, -та, -ны, -ға…)
    "қағида",
    "шілде",
    "сауда",
    "тізбе",
    "кесте",
    "шахта",
    "пошта",
    "алқа",
    "тұлға",
    "теңге",
    "өзге",
    "жеке",
    "мереке",
    "жаңа",
    "тоқтата",
    // nouns in -н + possessive -ы/-і look like accusative -ны/-ні (нысаны, органы)
    "нысан",
    "мазмұн",
    "орган",
    "телефон",
    "маман",
    "аудан",
    "заман",
    "емтихан",
    "кеден",
    "орман",
    "зиян",
    "мекен",
    "қазан",
    "ақпан",
    "қазақстан",
    // ending in -ын/-ін, which looks like possessive + accusative
    "тұрғын",
    "кәсіпорын",
    "жиын",
    "қиын",
    "ақын",
    "мүмкін",
    "бүгін",
    "кейін",
    "дейін",
    "бұрын",
    "үшін",
    "ішін",
    "тегін",
    // ending in -ы/-і or -сы/-сі, which look like a possessive
    "қаулы",
    "қорытынды",
    "отбасы",
    "желі",
    "келесі",
    "жалпы",
    "соңғы",
    "алғы",
    "арқылы",
    "туралы",
    "қатысты",
    // nouns in -с + possessive -і look like -сі (кеңесі)
    "кеңес",
    "күрес",
    "әдіс",
    "сәйкес",
    // others
    "заң",
    "бап",
    "жол",
    "сақтау",
    "тарау",
    "онда",
    "мұнда",
    "сонда",
    "осында",
    "кейде",
    "сондай",
    "мынадай",
    "ондай",
    "осы",
    "және",
    "немесе",
    "бойынша",
];

/// What else a suffix needs from the word before it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Need {
    /// Only the class of the preceding sound.
    Nothing,
    /// A 3rd-person possessive (-ы/-і/-сы/-сі) just before it: the pronominal -н of
    /// `-ын`, `-ына`, `-ында`, `-ынан`.
    Poss3,
    /// A 2nd-person singular possessive (-ың/-ің) just before it (dative -а/-е).
    Poss2,
    /// A vowel other than ы/і (the possessives -мыз, -ңыз after a vowel-final stem).
    FullVowel,
    /// A vowel or й/и, where -ды/-ді cannot be the accusative (which is -ны there).
    VowelOrY,
    /// л, н or т: the 3rd-person imperative -сын/-сін follows passive -ыл/-ын or ет-
    /// (`бекітілсін`, `салынсын`, `етсін`); after other consonants -сын is more often a noun
    /// in -с + -ын (`кодексін`, `ресурсын`).
    Imperative,
    /// After a vowel, at least five letters must remain: -дағы/-дегі there competes with a
    /// noun in -дақ/-дек + possessive (`мүгедегі`).
    LongAfterVowel,
    /// й or и: -мын/-мыз are taken as personal endings only there (`сұраймын`), since after
    /// a vowel they are far more often a noun in -м + -ын (`білімін`, `төлемін`, `адамын`).
    Glide,
    /// A vowel-final stem not ending in consonant + -ға/-ге/-қа/-ке: before accusative -ны/-ні,
    /// so that a participle + possessive (`берілгені`) is read as -ген + -і (but `бағаны`
    /// is `баға` + -ны).
    NotParticiple,
    /// For -сы/-сі: after ы/і only if a consonant of an agent noun or adjective precedes
    /// (ш щ т д к қ: `алушысы`, `актісі`, `қорытындысы`), else the word is a noun in -ыс/-іс
    /// with possessive -ы/-і (`жұмысы`, `өзгерісі`).
    SyPoss,
}

/// One suffix form the stemmer strips: its letters, its harmony (`None`: either), the
/// sounds it may follow (grammar's and the texts', [`Ending::follows`]) and any further
/// need.
struct Suffix {
    text: &'static str,
    harmony: Option<Harmony>,
    after: Sounds,
    need: Need,
}

/// The forms of `ending`, each with `need`.
fn forms(ending: &Ending, need: Need) -> impl Iterator<Item = Suffix> + use<> {
    narrowed(ending, need, Sounds::ANY)
}

/// The forms of `ending`, each with `need`, after the sounds of `within` only.
fn narrowed(ending: &Ending, need: Need, within: Sounds) -> impl Iterator<Item = Suffix> + use<> {
    let after = ending.follows().and(within);
    ending.forms().into_iter().map(move |(text, harmony)| Suffix {
        text,
        harmony,
        after,
        need,
    })
}

/// Personal (predicative) endings ([`kk::personal`]). `-мын/-мыз` only after й/и,
/// `-сын/-сін` only after л н т, `-ды/-ді` only after a vowel or й (where the accusative
/// would be `-ны`: the 3rd person `жолдайды`, `береді`, `асырады`). `-сыз/-сіз` is not a
/// personal ending here: it is mostly the privative "-less" (`қауіпсіз`). The first two
/// are narrowed in their sounds too, not only by their `Need`, because a protected stem
/// needs no further evidence (`жолмын` stays whole, not `жол` + `-мын`).
fn predicative() -> Vec<Suffix> {
    kk::personal::ENDINGS
        .iter()
        .flat_map(|e| {
            let (need, within) = match e.person {
                Person::FirstSingular | Person::FirstPlural if e.ending.after.meets(Sounds::VOWEL) => {
                    (Need::Glide, Sounds::R)
                }
                Person::ThirdImperative => (
                    Need::Imperative,
                    Sounds::all(&[Sounds::L, Sounds::NASAL, Sounds::VOICELESS]),
                ),
                Person::ThirdPresent => (Need::VowelOrY, Sounds::ANY),
                _ => (Need::Nothing, Sounds::ANY),
            };
            narrowed(&e.ending, need, within)
        })
        .collect()
}

/// Case endings ([`kk::cases`]), the pronominal-n forms after a 3rd-person possessive and
/// the dative after a 2nd-person one included.
fn case() -> Vec<Suffix> {
    kk::cases::ENDINGS
        .iter()
        .flat_map(|e| {
            let need = match (e.base, e.ending.letters) {
                (Base::Possessive3, _) => Need::Poss3,
                (Base::Possessive2, _) => Need::Poss2,
                (_, Letters::Harmonic { back: "дағы", .. }) => Need::LongAfterVowel,
                (_, Letters::Harmonic { back: "ны", .. }) => Need::NotParticiple,
                _ => Need::Nothing,
            };
            forms(&e.ending, need)
        })
        .collect()
}

/// Possessive endings ([`kk::possessive`]). The 1st-person singular `-ым/-ім/-м` is not
/// among them (see the module docs).
fn possessive() -> Vec<Suffix> {
    kk::possessive::ENDINGS
        .iter()
        .flat_map(|e| {
            let after_vowel = e.ending.after == Sounds::VOWEL;
            let need = match e.possessor {
                Possessor::Third if after_vowel => Need::SyPoss,
                Possessor::SecondPolite | Possessor::FirstPlural if after_vowel => Need::FullVowel,
                _ => Need::Nothing,
            };
            forms(&e.ending, need)
        })
        .collect()
}

/// Plural endings ([`kk::plural`]).
fn plural() -> Vec<Suffix> {
    kk::plural::ENDINGS
        .iter()
        .flat_map(|e| forms(e, Need::Nothing))
        .collect()
}

/// The suffix layers, outermost first: predicative, case, possessive, plural.
static LAYERS: LazyLock<[Vec<Suffix>; 4]> = LazyLock::new(|| [predicative(), case(), possessive(), plural()]);

/// The index of the possessive layer in [`LAYERS`].
const POSSESSIVE_LAYER: usize = 2;

/// The possessive layer's suffixes.
fn possessives() -> impl Iterator<Item = &'static Suffix> {
    LAYERS.get(POSSESSIVE_LAYER).into_iter().flatten()
}

/// A word being stemmed: its letters and the byte offset where each begins.
struct Word<'a> {
    text: &'a str,
    chars: Vec<char>,
    /// `offsets[i]` is the byte offset of letter `i`; `offsets[chars.len()]` is the length.
    offsets: Vec<usize>,
}

impl<'a> Word<'a> {
    fn new(text: &'a str) -> Self {
        let mut chars = Vec::with_capacity(text.len() / 2 + 1);
        let mut offsets = Vec::with_capacity(text.len() / 2 + 2);
        for (i, c) in text.char_indices() {
            chars.push(c);
            offsets.push(i);
        }
        offsets.push(text.len());
        Word { text, chars, offsets }
    }

    /// The first `n` letters, as a slice of the input.
    fn prefix(&self, n: usize) -> &'a str {
        let end = self.offsets.get(n).copied().unwrap_or(self.text.len());
        self.text.get(..end).unwrap_or(self.text)
    }

    /// The first `n` letters, as letters.
    fn head(&self, n: usize) -> &[char] {
        self.chars.get(..n).unwrap_or(&self.chars)
    }

    /// Whether the first `n` letters are a protected stem.
    fn protected(&self, n: usize) -> bool {
        PROTECTED.contains(&self.prefix(n))
    }
}

/// Whether letters are long enough to be a stem: at least [`MIN_STEM`], one a vowel.
fn long_enough(chars: &[char]) -> bool {
    chars.len() >= MIN_STEM && chars.iter().any(|&c| is_vowel(c) || c == 'и' || c == 'у')
}

/// Whether suffix `s` may be stripped from the first `n` letters of `word`.
fn strippable(word: &Word<'_>, n: usize, s: &Suffix) -> bool {
    if !word.prefix(n).ends_with(s.text) {
        return false;
    }
    let Some(rest) = n.checked_sub(s.text.chars().count()) else {
        return false;
    };
    let chars = word.head(rest);
    let Some(&last) = chars.last() else { return false };
    if !long_enough(chars) || !sounds(last).meets(s.after) {
        return false;
    }
    if let (Some(suffix), Some(stem)) = (s.harmony, harmony::of_letters(chars))
        && suffix != stem
    {
        return false;
    }
    // a protected stem needs no further evidence (`тұлға` + -ны, `қаулы` + -сы)
    if word.protected(rest) {
        return true;
    }
    match s.need {
        Need::Nothing => true,
        // the pronominal n follows a 3rd-person possessive: -ы/-і or -сы/-сі
        Need::Poss3 => {
            matches!(last, 'ы' | 'і')
                && possessives()
                    .filter(|p| matches!(p.text, "ы" | "і" | "сы" | "сі"))
                    .any(|p| strippable(word, rest, p))
        }
        Need::Poss2 => possessives()
            .filter(|p| matches!(p.text, "ың" | "ің"))
            .any(|p| strippable(word, rest, p)),
        Need::FullVowel => !matches!(last, 'ы' | 'і'),
        Need::VowelOrY => is_vowel(last) || matches!(last, 'й' | 'и'),
        Need::Glide => matches!(last, 'й' | 'и'),
        Need::Imperative => matches!(last, 'л' | 'н' | 'т'),
        Need::LongAfterVowel => !is_vowel(last) || rest >= 5,
        Need::NotParticiple => {
            let participle = ["ға", "ге", "қа", "ке"].iter().any(|e| word.prefix(rest).ends_with(e))
                && rest
                    .checked_sub(3)
                    .and_then(|i| word.chars.get(i))
                    .is_some_and(|&c| !is_vowel(c));
            !participle
        }
        Need::SyPoss => {
            !matches!(last, 'ы' | 'і')
                || rest
                    .checked_sub(2)
                    .and_then(|i| word.chars.get(i))
                    .is_some_and(|c| matches!(c, 'ш' | 'щ' | 'т' | 'д' | 'к' | 'қ'))
        }
    }
}

/// The lengths (in letters) of the suffixes of `table` that may be stripped from the first
/// `n` letters of `word`, longest first.
fn candidates(word: &Word<'_>, n: usize, table: &[Suffix]) -> Vec<usize> {
    let mut lens: Vec<usize> = table
        .iter()
        .filter(|s| strippable(word, n, s))
        .map(|s| s.text.chars().count())
        .collect();
    lens.sort_unstable_by(|a, b| b.cmp(a));
    lens.dedup();
    lens
}

/// The length of a protected stem that some parse of the first `n` letters (layers
/// `layer..`) reaches, trying the longest suffixes first.
fn protected_parse(word: &Word<'_>, n: usize, layer: usize) -> Option<usize> {
    if word.protected(n) {
        return Some(n);
    }
    let table = LAYERS.get(layer)?;
    candidates(word, n, table)
        .into_iter()
        .find_map(|len| protected_parse(word, n - len, next_layer(layer)))
        .or_else(|| protected_parse(word, n, layer + 1))
}

/// The layer after a suffix of `layer` was stripped: a personal ending leaves a verb (or a
/// predicate), which takes no case, possessive or plural inside it (`салынсын` → `салын`).
fn next_layer(layer: usize) -> usize {
    if layer == 0 { LAYERS.len() } else { layer + 1 }
}

/// Stems one lowercase Kazakh word (Cyrillic). Returns the stem (a prefix of the word,
/// possibly the whole word).
///
/// Words of three letters or fewer come back whole. If some reading of the word's endings
/// leads to a protected stem, that stem is returned (`нысаны` is `нысан` + `-ы`, not
/// `ныса` + `-ны`). Otherwise either one predicative suffix, or up to one case, one
/// possessive and one plural suffix are stripped (in that order, from the end, the longest
/// that fits in each layer), then a final consonant + ы/і loses the ы/і and a final vowel + қ ғ к г п б loses
/// the consonant, so that `тармақ`, `тармағы`, `тармағының`, `тармақта` all give `тарма`.
/// Never panics; input in other scripts comes back whole or cut only where Kazakh
/// suffixes match.
pub fn stem(word: &str) -> &str {
    let w = Word::new(word);
    let mut n = w.chars.len();
    if n <= MIN_STEM {
        return word;
    }
    if let Some(p) = protected_parse(&w, n, 0) {
        return w.prefix(p);
    }
    let mut layer = 0;
    while let Some(table) = LAYERS.get(layer) {
        match candidates(&w, n, table).first() {
            Some(&len) => {
                n -= len;
                layer = next_layer(layer);
            }
            None => layer += 1,
        }
    }
    // consonant + ы/і: the ы/і is a possessive or a linking vowel (акті-лер, объекті-сі)
    if let [.., a, b] = w.head(n)
        && matches!(b, 'ы' | 'і')
        && sounds(*a).meets(Sounds::CONSONANT)
        && long_enough(w.head(n - 1))
    {
        n -= 1;
    }
    // vowel + қ ғ к г п б: the consonant alternates (қ/ғ, к/г, п/б) before vowels
    if let [.., a, b] = w.head(n)
        && alternates(*b)
        && is_vowel(*a)
        && long_enough(w.head(n - 1))
    {
        n -= 1;
    }
    w.prefix(n)
}

/// Whether a letter is Cyrillic (the Cyrillic and Cyrillic Supplement blocks).
fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{052F}')
}

/// Folds text for indexing and queries: lowercase; ё→е; Latin look-alikes typed by users
/// inside an otherwise Cyrillic word to the Cyrillic letters they stand for
/// ([`latin_look_alike`]: a→а, c→с, i→і, ə→ә…), only when the word has at least one
/// Cyrillic letter (pure Latin words such as "www", "egov" are left alone).
///
/// A word is a run of alphabetic characters; anything else (digits, spaces, hyphens,
/// dots) separates words and is kept as is.
pub fn fold(word: &str) -> String {
    // Fast path: already lowercase Cyrillic (the common case in the corpus).
    if word.chars().all(|c| c != 'ё' && is_lowercase_letter(c)) {
        return word.to_string();
    }
    let lower: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
    let mut out = String::with_capacity(word.len());
    let mut i = 0;
    while let Some(&c) = lower.get(i) {
        if !c.is_alphabetic() {
            out.push(c);
            i += 1;
            continue;
        }
        let end = lower
            .get(i..)
            .map_or(0, |rest| rest.iter().take_while(|c| c.is_alphabetic()).count())
            + i;
        let run = lower.get(i..end).unwrap_or(&[]);
        let cyrillic = run.iter().any(|&c| is_cyrillic(c));
        for &c in run {
            let c = match c {
                'ё' => 'е',
                _ if cyrillic => latin_look_alike(c).unwrap_or(c),
                _ => c,
            };
            out.push(c);
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    const FAMILIES: &str = include_str!("../../../tests/data/kk-stem-families.txt");
    const WORDS: &str = include_str!("../../../tests/data/kk-words.txt");

    /// The non-empty, non-comment lines of a data file.
    fn lines(data: &str) -> impl Iterator<Item = &str> {
        data.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
    }

    #[test]
    fn every_family_meets_at_one_stem() {
        let mut failures = Vec::new();
        let mut count = 0;
        for line in lines(FAMILIES) {
            count += 1;
            let words: Vec<&str> = line.split_whitespace().collect();
            let stems: Vec<&str> = words.iter().map(|w| stem(w)).collect();
            if stems.iter().any(|s| *s != stems[0]) {
                let pairs: Vec<String> = words.iter().zip(&stems).map(|(w, s)| format!("{w}→{s}")).collect();
                failures.push(pairs.join(" "));
            }
        }
        assert!(count >= 25, "only {count} families");
        assert!(
            failures.is_empty(),
            "families that do not meet:\n{}",
            failures.join("\n")
        );
    }

    #[test]
    fn required_families() {
        for family in [
            &[
                "қауіпсіздік",
                "қауіпсіздігі",
                "қауіпсіздікті",
                "қауіпсіздіктің",
                "қауіпсіздікке",
                "қауіпсіздікпен",
            ][..],
            &[
                "қағида",
                "қағидалар",
                "қағидаларында",
                "қағидаларын",
                "қағидаларға",
                "қағидаларына",
                "қағидалары",
            ],
        ] {
            for w in family {
                assert_eq!(stem(w), stem(family[0]), "{w}");
            }
        }
        assert_eq!(stem("қағидаларында"), "қағида");
        assert_eq!(stem("жұмыстарын"), "жұмыс");
        assert_eq!(stem("тармағының"), "тарма");
    }

    #[test]
    fn short_words_stem_to_themselves() {
        for w in [
            "бір", "екі", "үш", "жыл", "заң", "бас", "күн", "ай", "он", "мен", "бен", "бап", "жол", "ақ", "а", "",
        ] {
            assert_eq!(stem(w), w);
        }
    }

    #[test]
    fn protected_stems_are_kept() {
        for w in [
            "тізбе",
            "нысан",
            "қазан",
            "сақтау",
            "қағида",
            "қауіпсіз",
            "қорытынды",
            "кесте",
            "тұлға",
            "қаулы",
        ] {
            assert_eq!(stem(w), w);
        }
        // and their inflected forms come back to them
        assert_eq!(stem("тізбеге"), "тізбе");
        assert_eq!(stem("қазанда"), "қазан");
        assert_eq!(stem("нысаны"), "нысан");
        assert_eq!(stem("тұлғаны"), "тұлға");
        assert_eq!(stem("қаулысының"), "қаулы");
        assert_eq!(stem("сақтауды"), "сақтау");
    }

    #[test]
    fn unrelated_words_keep_different_stems() {
        let pairs = [
            ("қазан", "қаз"),     // October / goose
            ("тегі", "тегін"),    // surname / free of charge
            ("жел", "желі"),      // wind / network
            ("он", "онда"),       // ten / there
            ("үш", "үшін"),       // three / for
            ("тұл", "тұлға"),     // widow / person
            ("сау", "сауда"),     // healthy / trade
            ("кей", "кейін"),     // some / after
            ("бұр", "бұрын"),     // turn / before
            ("мама", "маман"),    // mother / specialist
            ("ақ", "ақын"),       // white / poet
            ("кесе", "кесте"),    // cup / table
            ("шах", "шахта"),     // shah / mine
            ("ай", "аймақ"),      // moon / region
            ("ор", "орман"),      // ditch / forest
            ("қала", "қалау"),    // city / wish
            ("сала", "салу"),     // sphere / to build
            ("тіл", "тілек"),     // language / wish
            ("ата", "атау"),      // grandfather / name
            ("қор", "қорытынды"), // fund / conclusion
            ("тау", "тауар"),     // mountain / goods
            ("жаз", "жазу"),      // summer / writing
            ("кір", "кіріс"),     // dirt / income
            ("кез", "кезек"),     // time / queue
            ("аз", "азамат"),     // few / citizen
            ("әке", "әкім"),      // father / akim
            ("тек", "текст"),     // only / text
            ("сан", "сана"),      // number / consciousness
            ("бет", "бетон"),     // page / concrete
            ("жүз", "жүзеге"),    // hundred / (to carry) out
        ];
        for (a, b) in pairs {
            assert_ne!(stem(a), stem(b), "{a} / {b}");
        }
    }

    #[test]
    fn over_stemming_on_corpus_words() {
        let words: Vec<&str> = lines(WORDS).collect();
        let mut distinct = words.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), words.len(), "kk-words.txt has duplicates");
        assert!(words.len() >= 400, "only {} words", words.len());
        let mut groups: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for w in &words {
            assert!(w.chars().all(is_cyrillic), "{w} is not Cyrillic");
            assert_eq!(*w, fold(w), "{w} is not folded");
            let s = stem(w);
            assert!(w.starts_with(s), "{s} is not a prefix of {w}");
            assert!(s.chars().count() >= 2, "{w} → {s}: stem shorter than 2 letters");
            groups.entry(s).or_default().push(w);
        }
        let ratio = groups.len() as f64 / words.len() as f64;
        let mut big: Vec<(&str, &Vec<&str>)> = groups
            .iter()
            .filter(|(_, g)| g.len() >= 4)
            .map(|(s, g)| (*s, g))
            .collect();
        big.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
        println!(
            "kk-words.txt: {} distinct words, {} distinct stems, ratio {ratio:.3}",
            words.len(),
            groups.len()
        );
        println!("stem groups of 4 or more words: {}", big.len());
        for (s, g) in &big {
            println!("  {s} ({}): {}", g.len(), g.join(" "));
        }
        let largest = groups.values().map(Vec::len).max().unwrap_or(0);
        assert!(largest <= 12, "largest stem group has {largest} words");
    }

    /// A small deterministic generator (xorshift) for the no-panic test.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn pick<T: Copy>(&mut self, items: &[T]) -> T {
            items[(self.next() % items.len() as u64) as usize]
        }
    }

    #[test]
    fn never_panics_and_returns_a_prefix() {
        let letters: Vec<char> = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя".chars().collect();
        let others: Vec<char> = "abcxyzAZ09-_.ß\u{301}\u{200d}😀中ӘҚ Ң\t".chars().collect();
        let suffixes = [
            "ның", "лар", "ы", "сы", "н", "нда", "ға", "дағы", "мен", "ды", "ды", "ық", "ігі", "сін", "ымыз", "ңыз",
        ];
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut inputs: Vec<String> = vec![String::new()];
        inputs.extend(letters.iter().chain(&others).map(|c| c.to_string()));
        for _ in 0..20_000 {
            let len = (rng.next() % 12) as usize;
            let mut s = String::new();
            for _ in 0..len {
                match rng.next() % 10 {
                    0 => s.push(rng.pick(&others)),
                    1 | 2 => s.push_str(rng.pick(&suffixes)),
                    _ => s.push(rng.pick(&letters)),
                }
            }
            inputs.push(s);
        }
        for s in &inputs {
            let st = stem(s);
            assert!(s.starts_with(st), "{st:?} is not a prefix of {s:?}");
            let folded = fold(s);
            assert_eq!(fold(&folded), folded, "fold is not idempotent on {s:?}");
            let st = stem(&folded);
            assert!(folded.starts_with(st));
        }
    }

    #[test]
    fn fold_case_yo_and_look_alikes() {
        assert_eq!(fold("ҚАЗАҚСТАН"), "қазақстан");
        assert_eq!(fold("Ёлка"), "елка");
        assert_eq!(fold("KOMИТЕТ"), "комитет");
        assert_eq!(fold("қaуiпсiздiк"), "қауіпсіздік");
        assert_eq!(fold("Bедомство"), "ведомство");
        assert_eq!(fold("тapмaқ"), "тармақ");
        assert_eq!(fold("www"), "www");
        assert_eq!(fold("eGov"), "egov");
        assert_eq!(fold("www.egov.kz сайтындағы Өтінiш"), "www.egov.kz сайтындағы өтініш");
        assert_eq!(fold("3-тармақ"), "3-тармақ");
        assert_eq!(fold(""), "");
    }
}

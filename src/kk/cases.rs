//! The case endings: genitive, dative, accusative, locative, ablative, instrumental, and
//! the attributive locative `-дағы/-дегі`.
//!
//! Each case has a variant for each class of sounds it follows ([`super::endings`]), and
//! after a 3rd-person possessive (`-ы/-і/-сы/-сі`) some cases take a pronominal н
//! (`қағидалары` + dative = `қағидаларына`, locative `қағидаларында`, accusative
//! `қағидаларын`); after the 2nd-person `-ың/-ің` the dative is `-а/-е`
//! (`өтінішіңе`). [`ENDINGS`] holds them all; [`inflect`] writes one.
//!
//! | case | after a vowel | after л р й у з ж | after м н ң | voiceless, б в г д | after -ы/-і |
//! |------|---------------|-------------------|-------------|---------------------|-------------|
//! | genitive | -ның | -дың | -ның | -тың | -ның |
//! | dative | -ға | -ға | -ға | -қа | -на |
//! | accusative | -ны | -ды | -ды | -ты | -н |
//! | locative | -да | -да | -да | -та | -нда |
//! | ablative | -дан | -дан | -нан | -тан | -нан |
//! | instrumental | -мен | -мен (з ж: -бен) | -мен | -пен | -мен |
//! | attributive locative | -дағы | -дағы | -дағы | -тағы | -ндағы |
//!
//! (Front forms: -нің, -ге, -ні, -де, -нен, -дегі… The instrumental has no harmony and a
//! longer literary form, `-менен/-бенен/-пенен`.)

use super::alphabet::Sounds;
use super::endings::{self, Ending};

/// A case that has an ending (the nominative has none).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum Case {
    /// Ілік септік, "of": `тармақтың`.
    Genitive,
    /// Барыс септік, "to": `тармаққа`.
    Dative,
    /// Табыс септік, the direct object: `тармақты`.
    Accusative,
    /// Жатыс септік, "in": `тармақта`.
    Locative,
    /// Шығыс септік, "from": `тармақтан`.
    Ablative,
    /// Көмектес септік, "with, by": `тармақпен`.
    Instrumental,
    /// The locative with the adjective suffix -ғы/-гі, "which is in": `тармақтағы`. Not a
    /// case of its own, but written after the same sounds as one.
    AttributiveLocative,
}

/// What the case ending is written after.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub enum Base {
    /// A word without a possessive ending.
    Bare,
    /// A 3rd-person possessive `-ы/-і/-сы/-сі`: the pronominal н forms.
    Possessive3,
    /// The 2nd-person singular possessive `-ың/-ің`: the dative `-а/-е`.
    Possessive2,
}

/// One variant of a case ending.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct CaseEnding {
    /// The case.
    pub case: Case,
    /// What it follows.
    pub base: Base,
    /// The longer literary form of the instrumental (`-менен`), which a writer does not use.
    pub long: bool,
    /// Its letters and sounds.
    pub ending: Ending,
}

const V: Sounds = Sounds::VOWEL;
const L: Sounds = Sounds::L;
const R: Sounds = Sounds::R;
const N: Sounds = Sounds::NASAL;
const Z: Sounds = Sounds::Z;
const U: Sounds = Sounds::VOICELESS;
const D: Sounds = Sounds::VOICED_STOP;
const W: Sounds = Sounds::SIGN;
/// Voiced sounds, where grammar writes a voiced first consonant (-ға, -да).
const VOICED: Sounds = Sounds::all(&[V, L, R, N, Z]);
/// Voiceless consonants and the devoiced stops, where grammar writes a voiceless one.
const UNVOICED: Sounds = U.or(D);
/// Where texts show both: a voiced stop in a loanword, and a sign.
const DW: Sounds = D.or(W);

const fn bare(case: Case, ending: Ending) -> CaseEnding {
    CaseEnding {
        case,
        base: Base::Bare,
        long: false,
        ending,
    }
}

const fn after_poss3(case: Case, ending: Ending) -> CaseEnding {
    CaseEnding {
        case,
        base: Base::Possessive3,
        long: false,
        ending,
    }
}

const fn long(case: Case, ending: Ending) -> CaseEnding {
    CaseEnding {
        case,
        base: Base::Bare,
        long: true,
        ending,
    }
}

use Case::{Ablative, Accusative, AttributiveLocative, Dative, Genitive, Instrumental, Locative};

/// Every case ending.
pub const ENDINGS: &[CaseEnding] = &[
    bare(Genitive, Ending::pair("ның", "нің", V.or(N), W)),
    bare(Genitive, Ending::pair("дың", "дің", Sounds::all(&[L, R, Z]), DW)),
    bare(Genitive, Ending::pair("тың", "тің", UNVOICED, W)),
    bare(Dative, Ending::pair("ға", "ге", VOICED, DW)),
    bare(Dative, Ending::pair("қа", "ке", UNVOICED, W)),
    after_poss3(Dative, Ending::pair("на", "не", V, Sounds::NONE)),
    CaseEnding {
        case: Dative,
        base: Base::Possessive2,
        long: false,
        ending: Ending::pair("а", "е", N, Sounds::NONE),
    },
    bare(Accusative, Ending::pair("ны", "ні", V, Sounds::NONE)),
    bare(Accusative, Ending::pair("ды", "ді", Sounds::all(&[L, R, N, Z]), DW)),
    bare(Accusative, Ending::pair("ты", "ті", UNVOICED, W)),
    after_poss3(Accusative, Ending::fixed("н", V, Sounds::NONE)),
    bare(Locative, Ending::pair("да", "де", VOICED, DW)),
    bare(Locative, Ending::pair("та", "те", UNVOICED, W)),
    after_poss3(Locative, Ending::pair("нда", "нде", V, Sounds::NONE)),
    bare(Ablative, Ending::pair("нан", "нен", N, W)),
    bare(Ablative, Ending::pair("дан", "ден", Sounds::all(&[V, L, R, Z]), DW)),
    bare(Ablative, Ending::pair("тан", "тен", UNVOICED, W)),
    after_poss3(Ablative, Ending::pair("нан", "нен", V, Sounds::NONE)),
    bare(Instrumental, Ending::fixed("мен", Sounds::all(&[V, L, R, N]), W)),
    bare(Instrumental, Ending::fixed("бен", Z, DW)),
    bare(Instrumental, Ending::fixed("пен", UNVOICED, W)),
    long(Instrumental, Ending::fixed("менен", Sounds::all(&[V, L, R, N]), W)),
    long(Instrumental, Ending::fixed("бенен", Z, DW)),
    long(Instrumental, Ending::fixed("пенен", UNVOICED, W)),
    bare(AttributiveLocative, Ending::pair("дағы", "дегі", VOICED, DW)),
    bare(AttributiveLocative, Ending::pair("тағы", "тегі", UNVOICED, W)),
    after_poss3(AttributiveLocative, Ending::pair("ндағы", "ндегі", V, Sounds::NONE)),
];

/// The variants of `case` after `base` that a writer uses (short forms only).
fn variants(case: Case, base: Base) -> impl Iterator<Item = &'static Ending> {
    ENDINGS
        .iter()
        .filter(move |e| e.case == case && e.base == base && !e.long)
        .map(|e| &e.ending)
}

/// `word` in `case`: the word and the ending grammar writes after it (its last sound,
/// its harmony: [`endings::choose`]). After a possessive (`base`), a case without a form
/// of its own there takes the bare one (`тармақшасының`, `тармақшасымен`).
///
/// `inflect("4-тармақ", Case::Dative, Base::Bare)` = `4-тармаққа`;
/// `inflect("министрі", Case::Genitive, Base::Possessive3)` = `министрінің`;
/// `inflect("тармақшасы", Case::Dative, Base::Possessive3)` = `тармақшасына`.
pub fn inflect(word: &str, case: Case, base: Base) -> String {
    let ending = endings::choose(variants(case, base), word)
        .or_else(|| endings::choose(variants(case, Base::Bare), word))
        .unwrap_or("");
    format!("{word}{ending}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_variant_for_each_sound() {
        for case in [
            Genitive,
            Dative,
            Accusative,
            Locative,
            Ablative,
            Instrumental,
            AttributiveLocative,
        ] {
            endings::assert_partition(&format!("{case:?}"), variants(case, Base::Bare), Sounds::FINAL);
            let long: Vec<&Ending> = ENDINGS
                .iter()
                .filter(|e| e.case == case && e.long)
                .map(|e| &e.ending)
                .collect();
            if !long.is_empty() {
                endings::assert_partition(&format!("long {case:?}"), long, Sounds::FINAL);
            }
            // after a 3rd-person possessive the word ends in a vowel
            let poss: Vec<&Ending> = variants(case, Base::Possessive3).collect();
            if !poss.is_empty() {
                endings::assert_partition(&format!("{case:?} after -ы"), poss, V);
            }
        }
    }

    #[test]
    fn the_notes_forms() {
        assert_eq!(inflect("4-тармақ", Dative, Base::Bare), "4-тармаққа");
        assert_eq!(inflect("2-қосымша", Dative, Base::Bare), "2-қосымшаға");
        assert_eq!(inflect("18-1-тармақ", Instrumental, Base::Bare), "18-1-тармақпен");
        assert_eq!(inflect("тармақша", Instrumental, Base::Bare), "тармақшамен");
        assert_eq!(
            inflect("ҚР Төтенше жағдайлар министрі", Genitive, Base::Bare),
            "ҚР Төтенше жағдайлар министрінің"
        );
        assert_eq!(
            inflect("министрінің міндетін атқарушы", Genitive, Base::Bare),
            "министрінің міндетін атқарушының"
        );
    }

    /// Forms the corpus writes (tests/data/kk-words.txt, the acts).
    #[test]
    fn corpus_forms() {
        for (word, case, base, form) in [
            ("тармақ", Genitive, Base::Bare, "тармақтың"),
            ("қағида", Genitive, Base::Bare, "қағиданың"),
            ("адам", Genitive, Base::Bare, "адамның"),
            ("лицензия", Genitive, Base::Bare, "лицензияның"),
            ("партия", Genitive, Base::Bare, "партияның"),
            ("қағидалар", Dative, Base::Bare, "қағидаларға"),
            ("технологиялар", Dative, Base::Bare, "технологияларға"),
            ("адамдар", Dative, Base::Bare, "адамдарға"),
            ("қосымша", Dative, Base::Bare, "қосымшаға"),
            ("айналысу", Dative, Base::Bare, "айналысуға"),
            ("лицензиялау", Dative, Base::Bare, "лицензиялауға"),
            ("консервациялау", Dative, Base::Bare, "консервациялауға"),
            ("қағидалары", Dative, Base::Possessive3, "қағидаларына"),
            ("лицензиясы", Dative, Base::Possessive3, "лицензиясына"),
            ("министрі", Dative, Base::Possessive3, "министріне"),
            ("кабинеті", Dative, Base::Possessive3, "кабинетіне"),
            ("аймақ", Accusative, Base::Bare, "аймақты"),
            ("азаматтық", Accusative, Base::Bare, "азаматтықты"),
            ("өтініш", Accusative, Base::Bare, "өтінішті"),
            ("лицензия", Accusative, Base::Bare, "лицензияны"),
            ("алу", Accusative, Base::Bare, "алуды"),
            ("көрсету", Accusative, Base::Bare, "көрсетуді"),
            ("енгізу", Accusative, Base::Bare, "енгізуді"),
            ("материалдар", Accusative, Base::Bare, "материалдарды"),
            ("қағидалары", Accusative, Base::Possessive3, "қағидаларын"),
            ("тармақ", Locative, Base::Bare, "тармақта"),
            ("режим", Locative, Base::Bare, "режимде"),
            ("редакция", Locative, Base::Bare, "редакцияда"),
            ("қағидалары", Locative, Base::Possessive3, "қағидаларында"),
            ("министрлігі", Locative, Base::Possessive3, "министрлігінде"),
            ("минут", Ablative, Base::Bare, "минуттан"),
            ("қағидалары", Instrumental, Base::Possessive3, "қағидаларымен"),
            ("комитеті", Instrumental, Base::Possessive3, "комитетімен"),
            ("бұйрық", Instrumental, Base::Bare, "бұйрықпен"),
            ("тәртіп", Instrumental, Base::Bare, "тәртіппен"),
            ("үзіліс", Instrumental, Base::Bare, "үзіліспен"),
            ("газы", Instrumental, Base::Possessive3, "газымен"),
            ("инфрақұрылымы", Genitive, Base::Possessive3, "инфрақұрылымының"),
            ("профильдері", Genitive, Base::Possessive3, "профильдерінің"),
        ] {
            assert_eq!(inflect(word, case, base), form, "{word} {case:?}");
        }
    }

    /// Forms grammar writes where the old notes' table guessed otherwise: after м н ң
    /// the instrumental is -мен (`Заңмен белгіленген`), a final voiced stop is devoiced
    /// (`кодқа`, `клубтың`), a final и or я is a glide or a vowel (`таксидің`,
    /// `комиссияның`), and a final у is a glide in a front word (`беруге`).
    #[test]
    fn grammar_forms() {
        assert_eq!(inflect("заң", Instrumental, Base::Bare), "заңмен");
        assert_eq!(inflect("адам", Instrumental, Base::Bare), "адаммен");
        assert_eq!(inflect("газ", Instrumental, Base::Bare), "газбен");
        assert_eq!(inflect("код", Dative, Base::Bare), "кодқа");
        assert_eq!(inflect("клуб", Genitive, Base::Bare), "клубтың");
        assert_eq!(inflect("комиссия", Genitive, Base::Bare), "комиссияның");
        assert_eq!(inflect("беру", Dative, Base::Bare), "беруге");
        assert_eq!(inflect("тарау", Genitive, Base::Bare), "тараудың");
        assert_eq!(inflect("заң", Ablative, Base::Bare), "заңнан");
        assert_eq!(inflect("автомобиль", Dative, Base::Bare), "автомобильге");
        assert_eq!(inflect("тармақшасы", Dative, Base::Possessive3), "тармақшасына");
        assert_eq!(inflect("тармақшасы", Genitive, Base::Possessive3), "тармақшасының");
        assert_eq!(inflect("өтінішің", Dative, Base::Possessive2), "өтінішіңе");
        assert_eq!(inflect("жол", AttributiveLocative, Base::Bare), "жолдағы");
        assert_eq!(inflect("жолы", AttributiveLocative, Base::Possessive3), "жолындағы");
    }
}

//! Generators the harnesses share: hostile values, random text, dates, Kazakh words,
//! and the text shrinker.

use chrono::{Days, NaiveDate};

use crate::synth::Rng;

/// An element of `items` (which must not be empty).
pub(crate) fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[rng.below(items.len())]
}

/// True with probability `percent` / 100.
pub(crate) fn chance(rng: &mut Rng, percent: usize) -> bool {
    rng.below(100) < percent
}

/// Values that have broken parsers and servers before: huge and negative numbers,
/// template syntax, deep nesting, bad percent-encoding, odd dates, control characters.
pub(crate) const HOSTILE: &[&str] = &[
    "",
    " ",
    "0",
    "-1",
    "-0",
    "1e9",
    "NaN",
    "inf",
    "0x10",
    "4294967296",
    "9223372036854775807",
    "9223372036854775808",
    "18446744073709551615",
    "18446744073709551616",
    "99999999999999999999999999999999",
    "-9223372036854775808",
    "{{body}}",
    "{% raw %}",
    "${jndi:x}",
    "<script>alert(1)</script>",
    "\"><img src=x>",
    "'; DROP TABLE acts; --",
    "((((((((((((((((((((",
    "))))))))))",
    "(((a)))",
    "\"",
    "\"\"",
    "«",
    "»",
    "«»",
    "“",
    "”",
    "*",
    "**",
    "a*",
    "\\",
    "\\\\",
    "%",
    "%%",
    "%zz",
    "%2",
    "%00",
    "%FF%FE",
    "%C0%AF",
    "%E0%A4",
    "%ED%A0%80",
    "%F4%90%80%80",
    "%2F",
    "%2e%2e",
    "%252F",
    "..",
    "../../etc/passwd",
    ".",
    "//",
    "&",
    "=",
    "&&==",
    "+",
    "+++",
    "\u{0}",
    "\t",
    "\r\n",
    "\u{200b}",
    "\u{202e}",
    "\u{feff}",
    "\u{fffd}",
    "𝔸",
    "🦀",
    "ё",
    "Ⅴ",
    "ǅ",
    "İ",
    "ß",
    "e\u{301}",
    "true",
    "false",
    "yes",
    "1",
    "kk",
    "ru",
    "en",
    "xx",
    "none",
    "9999-12-31",
    "0000-01-01",
    "0001-01-01",
    "+262143-12-31",
    "-262144-01-01",
    "262144-01-01",
    "2026-02-29",
    "2024-02-29",
    "2025-13-01",
    "2025-00-10",
    "2025-10-32",
    "2025-1-5",
    "20251006",
    "2025-10-06T00:00:00",
    " 2025-10-06",
    "2025-10-06 ",
    "today",
];

/// A hostile value, sometimes repeated or made very long.
pub(crate) fn hostile(rng: &mut Rng) -> String {
    let base = pick(rng, HOSTILE).to_string();
    match rng.below(20) {
        0 => base.repeat(1 + rng.below(200)),
        1 => "а".repeat(1 + rng.below(6000)),
        2 => "(".repeat(1 + rng.below(300)),
        _ => base,
    }
}

/// A random character: mostly ASCII and Cyrillic, sometimes anything.
pub(crate) fn any_char(rng: &mut Rng) -> char {
    let c = match rng.below(10) {
        0..=3 => 0x20 + rng.below(0x5f) as u32,
        4..=6 => 0x400 + rng.below(0x100) as u32,
        7 => rng.below(0x20) as u32,
        8 => *pick(
            rng,
            &[
                '«', '»', '“', '”', '"', '№', '—', '–', '\u{a0}', '\u{3000}', '\u{301}', 'ә', 'ғ', 'қ', 'ң', 'ө', 'ұ',
                'ү', 'һ', 'і',
            ],
        ) as u32,
        _ => rng.below(0x11_0000) as u32,
    };
    char::from_u32(c).unwrap_or('\u{fffd}')
}

/// Random text of up to `max` characters.
pub(crate) fn any_text(rng: &mut Rng, max: usize) -> String {
    let n = rng.below(max + 1);
    (0..n).map(|_| any_char(rng)).collect()
}

/// Words of amendment formulas, numerals, ordinals and months, as they appear in acts.
pub(crate) const KK_WORDS: &[&str] = &[
    "тармақ",
    "тармақ:",
    "тармақта:",
    "тармақша",
    "тармақшасы",
    "тармақшасында",
    "абзац",
    "абзацы",
    "абзацында",
    "қосымша",
    "қосымшада:",
    "қосымшаға",
    "-қосымша",
    "-тармақ",
    "-тармақша",
    "-тармағы",
    "-тармақтың",
    "жол",
    "жолы",
    "реттік",
    "нөмірі",
    "бағаны",
    "редакцияда",
    "мынадай",
    "жазылсын:",
    "жазылсын",
    "алып",
    "тасталсын",
    "тасталсын;",
    "толықтырылсын:",
    "толықтырылсын",
    "мазмұндағы",
    "деген",
    "сөздер",
    "сөздермен",
    "сөзі",
    "ауыстырылсын",
    "ауыстырылсын;",
    "кейін",
    "бұйрығымен",
    "бекітілген",
    "Қағидаларында:",
    "Қағидалары",
    "бұйрық",
    "бұйрығы",
    "тіркелді",
    "Нормативтік",
    "құқықтық",
    "актілерді",
    "мемлекеттік",
    "тіркеу",
    "тізілімінде",
    "№",
    "қолданысқа",
    "енгізіледі",
    "енгізілсін",
    "күнінен",
    "бастап",
    "күнтізбелік",
    "күн",
    "өткен",
    "соң",
    "ресми",
    "жарияланған",
    "алғашқы",
    "бір",
    "екі",
    "үш",
    "он",
    "он бес",
    "жиырма",
    "алпыс",
    "жүз",
    "мың",
    "бірінші",
    "екінші",
    "үшінші",
    "оныншы",
    "он бірінші",
    "жиырмасыншы",
    "жүзінші",
    "қаңтар",
    "қаңтардан",
    "желтоқсандағы",
    "қыркүйектегі",
    "жылғы",
    "2025",
    "2026",
    "30",
    "1)",
    "2)",
    "18-1",
    "18-1)",
    "1.",
    "4.",
    "«",
    "»",
    "\"",
    "“",
    "”",
    ";",
    ":",
    ".",
    ",",
    "—",
    "(",
    ")",
    "|",
    "<br>",
];

/// A Kazakh word of the formulas, or one of `vocabulary` (the seed text's own words).
pub(crate) fn kk_word(rng: &mut Rng, vocabulary: &[String]) -> String {
    if vocabulary.is_empty() || chance(rng, 50) {
        pick(rng, KK_WORDS).to_string()
    } else {
        pick(rng, vocabulary).clone()
    }
}

/// A number in digits, sometimes huge or with a label's punctuation.
pub(crate) fn number(rng: &mut Rng) -> String {
    let n = match rng.below(10) {
        0 => rng.next_u64().to_string(),
        1 => "9".repeat(1 + rng.below(40)),
        2 => "0".to_string(),
        _ => (1 + rng.below(30)).to_string(),
    };
    match rng.below(8) {
        0 => format!("{n})"),
        1 => format!("{n}."),
        2 => format!("{n}-{}", 1 + rng.below(5)),
        3 => format!("{n}-тармақ"),
        4 => format!("{n}-қосымша"),
        _ => n,
    }
}

/// The distinct words of `text` (letters only), in order of first appearance, at most
/// `max`.
pub(crate) fn words_of<'a>(texts: impl IntoIterator<Item = &'a str>, max: usize) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for t in texts {
        for w in t.split(|c: char| !c.is_alphanumeric() && c != '-') {
            if w.chars().count() >= 2 && seen.insert(w.to_string()) {
                out.push(w.to_string());
                if out.len() >= max {
                    return out;
                }
            }
        }
    }
    out
}

/// A date: mostly within the corpus's years, sometimes at chrono's very ends.
pub(crate) fn date(rng: &mut Rng) -> NaiveDate {
    let start = NaiveDate::from_ymd_opt(2013, 1, 1).unwrap_or_default();
    match rng.below(12) {
        0 => NaiveDate::MIN,
        1 => NaiveDate::MAX,
        2 => NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or_default(),
        3 => NaiveDate::from_ymd_opt(0, 1, 1).unwrap_or_default(),
        4 => NaiveDate::from_ymd_opt(2025, 10, 6).unwrap_or_default(),
        _ => start
            .checked_add_days(Days::new(rng.below(365 * 16) as u64))
            .unwrap_or(start),
    }
}

/// A date parameter's value: a date (real, extreme or impossible) or anything hostile.
pub(crate) fn date_text(rng: &mut Rng) -> String {
    match rng.below(10) {
        0..=5 => date(rng).format("%Y-%m-%d").to_string(),
        6 => format!("{}-{:02}-{:02}", 1900 + rng.below(300), rng.below(14), rng.below(33)),
        _ => hostile(rng),
    }
}

/// Percent-encodes every byte of `bytes` outside the URI's unreserved characters.
pub(crate) fn percent_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 3);
    for &b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Smaller variants of `s`, made lazily: chunks of lines removed (halves first, then
/// down to single lines), then chunks of characters, then (for short texts) single
/// characters replaced by `a`.
pub fn shrink_text(s: &str) -> Box<dyn Iterator<Item = String>> {
    let lines: Vec<String> = s.split_inclusive('\n').map(str::to_string).collect();
    let chars: Vec<char> = s.chars().collect();
    let by_lines: Box<dyn Iterator<Item = String>> = if lines.len() > 1 {
        Box::new(without_chunks(lines).map(|ls| ls.concat()))
    } else {
        Box::new(std::iter::empty())
    };
    let by_chars = without_chunks(chars.clone()).map(|cs| cs.into_iter().collect::<String>());
    let simpler = (0..if chars.len() <= 64 { chars.len() } else { 0 })
        .filter(move |&i| chars[i] != 'a')
        .map({
            let chars: Vec<char> = s.chars().collect();
            move |i| {
                let mut v = chars.clone();
                v[i] = 'a';
                v.into_iter().collect()
            }
        });
    Box::new(by_lines.chain(by_chars).chain(simpler))
}

/// `items` with one chunk removed, for chunk sizes from half the length down to one.
fn without_chunks<T: Clone + 'static>(items: Vec<T>) -> impl Iterator<Item = Vec<T>> {
    let n = items.len();
    let mut sizes = Vec::new();
    let mut size = n.div_ceil(2);
    while size > 0 {
        sizes.push(size);
        if size == 1 {
            break;
        }
        size = size.div_ceil(2);
    }
    sizes.into_iter().flat_map(move |size| {
        let items = items.clone();
        (0..n.div_ceil(size)).map(move |k| {
            let (start, end) = (k * size, ((k + 1) * size).min(n));
            let mut v = Vec::with_capacity(n - (end - start));
            v.extend_from_slice(&items[..start]);
            v.extend_from_slice(&items[end..]);
            v
        })
    })
}

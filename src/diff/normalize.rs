//! Typographic normalisation: what is not a change.
//!
//! «» and “” against "", hyphens and dashes against each other, non-breaking and
//! doubled spaces, and Latin look-alikes typed inside Cyrillic words are typography,
//! not law. Comparing normalised texts keeps them out of diffs; `--raw` shows them.

/// A Latin letter that looks like a Cyrillic one, and that Cyrillic letter.
fn cyrillic_for(c: char) -> Option<char> {
    Some(match c {
        'A' => 'А',
        'B' => 'В',
        'C' => 'С',
        'E' => 'Е',
        'H' => 'Н',
        'K' => 'К',
        'M' => 'М',
        'O' => 'О',
        'P' => 'Р',
        'T' => 'Т',
        'X' => 'Х',
        'Y' => 'У',
        'a' => 'а',
        'c' => 'с',
        'e' => 'е',
        'o' => 'о',
        'p' => 'р',
        'x' => 'х',
        'y' => 'у',
        'i' => 'і',
        'I' => 'І',
        _ => return None,
    })
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

/// The normal form of a text: quotes, dashes and spaces unified, look-alikes inside
/// Cyrillic words made Cyrillic, ends trimmed. Line breaks (abzats) are kept.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split('\n') {
        if !out.is_empty() {
            out.push('\n');
        }
        let mut words = Vec::new();
        for word in line.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()) {
            let cyr = word.chars().any(is_cyrillic);
            let w: String = word
                .chars()
                .map(|c| match c {
                    '«' | '»' | '“' | '”' | '„' | '‟' | '″' => '"',
                    '‘' | '’' | '‚' => '\'',
                    '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => '-',
                    c if cyr => cyrillic_for(c).unwrap_or(c),
                    c => c,
                })
                .collect();
            words.push(w);
        }
        out.push_str(&words.join(" "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn typography_is_not_a_change() {
        let pairs = [
            ("«Жарылыс жұмыстары»", "\"Жарылыс жұмыстары\""),
            ("бұдан әрі – портал", "бұдан әрі - портал"),
            ("бұдан әрі — портал", "бұдан әрі - портал"),
            ("5\u{a0}(бес)  жұмыс күні", "5 (бес) жұмыс күні"),
            ("KOMИTET", "КОМИТЕТ"),
            ("портaл ", "портал"),
        ];
        for (a, b) in pairs {
            assert_eq!(normalize(a), normalize(b), "{a} vs {b}");
        }
        assert_ne!(
            normalize("www.egov.kz"),
            normalize("www.еgov.kz"),
            "a Latin word is left alone"
        );
        assert_ne!(normalize("бес"), normalize("он"));
        assert_eq!(normalize("бір\nекі"), "бір\nекі");
    }
}

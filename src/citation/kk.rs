//! Kazakh citations: the outermost clause in the genitive, each inner one with the
//! 3rd-person possessive and, but for the last, the genitive after it:
//! "1-қосымшаның 6-тармағының 2) тармақшасы".

use super::{DocName, Step};
use crate::kk::numerals::cardinal_words;
use crate::kk::ordinals::ORDINALS;
use crate::model::{ActKind, NodeKind};

/// A unit's forms: bare, genitive, possessive, possessive + genitive.
struct Forms(&'static str, &'static str, &'static str, &'static str);

fn forms(kind: NodeKind) -> Option<Forms> {
    Some(match kind {
        NodeKind::Attachment => Forms("қосымша", "қосымшаның", "қосымшасы", "қосымшасының"),
        NodeKind::Chapter => Forms("тарау", "тараудың", "тарауы", "тарауының"),
        NodeKind::Article => Forms("бап", "баптың", "бабы", "бабының"),
        NodeKind::Part => Forms("бөлік", "бөліктің", "бөлігі", "бөлігінің"),
        NodeKind::Paragraph => Forms("тармақ", "тармақтың", "тармағы", "тармағының"),
        NodeKind::Subparagraph => Forms("тармақша", "тармақшаның", "тармақшасы", "тармақшасының"),
        NodeKind::Abzats => Forms("абзац", "абзацтың", "абзацы", "абзацының"),
        NodeKind::Table => Forms("кесте", "кестенің", "кестесі", "кестесінің"),
        NodeKind::Row => Forms("жол", "жолдың", "жолы", "жолының"),
        NodeKind::Cell => Forms("баған", "бағанның", "бағаны", "бағанының"),
        NodeKind::Preface | NodeKind::Preamble | NodeKind::Conclusions => return None,
    })
}

/// `n` as an ordinal word: 3 → "үшінші", 21 → "жиырма бірінші"; digits past 999.
fn ordinal_words(n: u32) -> String {
    let cardinal = cardinal_words(n);
    let (head, last) = cardinal.rsplit_once(' ').unwrap_or(("", cardinal.as_str()));
    let value = crate::kk::cardinal(last);
    match ORDINALS.iter().find(|(_, v)| Some(*v) == value) {
        Some((word, _)) if head.is_empty() => (*word).to_string(),
        Some((word, _)) => format!("{head} {word}"),
        None => format!("{n}-"),
    }
}

/// Where an inflected unit goes after its number: "6-тармақ", "2) тармақша",
/// "үшінші абзац".
fn numbered(step: &Step, word: &str) -> String {
    let num = step.num.as_deref().unwrap_or("");
    match step.kind {
        NodeKind::Subparagraph => format!("{num}) {word}"),
        NodeKind::Abzats | NodeKind::Part => match num.parse::<u32>() {
            Ok(n) => format!("{} {word}", ordinal_words(n)),
            Err(_) => format!("{num}-{word}"),
        },
        _ => format!("{num}-{word}"),
    }
}

/// The named document's forms: bare and genitive.
fn doc_forms(doc: DocName) -> (&'static str, &'static str) {
    match doc {
        DocName::List => ("Тізбе", "Тізбенің"),
        DocName::Rules => ("Қағидалар", "Қағидалардың"),
    }
}

/// The steps in words; `None` when a step has no Kazakh unit.
pub(super) fn clause(steps: &[Step], doc: Option<DocName>) -> Option<String> {
    let (named, steps) = match (doc, steps.first()) {
        (Some(d), Some(first)) if first.kind == NodeKind::Attachment && steps.len() > 1 => (Some(d), &steps[1..]),
        (Some(d), Some(first)) if first.kind == NodeKind::Attachment => return Some(doc_forms(d).0.to_string()),
        _ => (None, steps),
    };
    let mut words = Vec::new();
    if let Some(d) = named {
        words.push(doc_forms(d).1.to_string());
    }
    let last = steps.len().checked_sub(1)?;
    for (i, step) in steps.iter().enumerate() {
        let f = forms(step.kind)?;
        step.num.as_ref()?;
        let outer = i == 0 && named.is_none();
        let word = match (outer, i == last) {
            (true, true) => f.0,
            (true, false) => f.1,
            (false, true) => f.2,
            (false, false) => f.3,
        };
        words.push(numbered(step, word));
    }
    Some(words.join(" "))
}

/// The act's kind as the registry names it after its number: "№ 429 бұйрық".
pub(super) fn act_kind(kind: ActKind) -> &'static str {
    match kind {
        ActKind::Order => "бұйрық",
        ActKind::JointOrder => "бірлескен бұйрық",
        ActKind::GovernmentDecree => "Үкімет қаулысы",
        ActKind::Law => "заң",
        ActKind::Decision => "шешім",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_in_words() {
        assert_eq!(ordinal_words(1), "бірінші");
        assert_eq!(ordinal_words(3), "үшінші");
        assert_eq!(ordinal_words(10), "оныншы");
        assert_eq!(ordinal_words(21), "жиырма бірінші");
    }
}

//! Target resolution: which act an item amends, which of its attachments holds the
//! Rules a heading names, and whether a target node exists.
//!
//! The act is found by its registration number, then checked against the date, number
//! and title the text gives. Rules are matched on their names, normalised: lowercase,
//! without quotes, with the case endings of the document word (`қағидаларында`,
//! `қағидаларына`, `қағидалары`) taken as equal, and without a trailing parenthetical
//! note of the corpus (`(new edition approved by this order)`).

use std::collections::HashMap;

use super::formulas::{ActRef, normalise};
use crate::model::{Act, EId, Lang, Node, NodeKind};

/// An act that may be amended, with an index of its nodes.
#[derive(Debug)]
pub struct Target<'a> {
    /// Its metadata.
    pub act: &'a Act,
    /// Its clause tree.
    pub nodes: &'a [Node],
    index: HashMap<&'a EId, &'a Node>,
}

impl<'a> Target<'a> {
    /// Indexes `nodes`.
    pub fn new(act: &'a Act, nodes: &'a [Node]) -> Target<'a> {
        let mut index = HashMap::new();
        for n in nodes {
            n.walk(&mut |x| {
                index.insert(&x.eid, x);
            });
        }
        Target { act, nodes, index }
    }

    /// The node at `eid`.
    pub fn get(&self, eid: &EId) -> Option<&'a Node> {
        self.index.get(eid).copied()
    }

    /// Every attachment node, in document order.
    fn attachments(&self) -> Vec<&'a Node> {
        let mut out = Vec::new();
        for n in self.nodes {
            n.walk(&mut |x| {
                if x.eid.kind() == NodeKind::Attachment {
                    out.push(x);
                }
            });
        }
        out
    }
}

/// A difference between the text's reference and the registry's metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// `date`, `number` or `title`.
    pub field: &'static str,
    /// What the text says.
    pub stated: String,
    /// What the registry holds.
    pub registry: String,
}

/// Normalises a title or name for comparison: lowercase, no quotes, one kind of dash
/// with no spaces around it, single spaces, no final period.
pub fn norm_name(s: &str) -> String {
    let n = normalise(s).to_lowercase().replace('"', "");
    let n = n.replace(" - ", "-").replace(" -", "-").replace("- ", "-");
    let n: Vec<&str> = n.split_whitespace().collect();
    n.join(" ").trim_end_matches(['.', ',', ';', ':']).trim().to_string()
}

/// Finds the act `r` refers to among `targets`, by registration number (or, when the
/// text gives none, by date and number, or for a law, which has no number, by date and
/// title in `lang`), and lists where its metadata disagrees. An act that is not found
/// is an error that names it as the text does.
pub fn resolve_act<'t, 'a>(
    lang: Lang,
    r: &ActRef,
    targets: &'t [Target<'a>],
) -> Result<(&'t Target<'a>, Vec<Mismatch>), String> {
    let title_lang = if lang == Lang::Ru { Lang::Ru } else { Lang::Kk };
    let found: Vec<&Target<'a>> = match r.registration {
        Some(reg) => targets
            .iter()
            .filter(|t| t.act.registration.as_ref().is_some_and(|x| x.number == reg))
            .collect(),
        None => match (&r.date, &r.number, &r.title) {
            (Some(d), Some(n), _) => targets
                .iter()
                .filter(|t| &t.act.date == d && &t.act.number == n)
                .collect(),
            (Some(d), None, Some(title)) => targets
                .iter()
                .filter(|t| {
                    &t.act.date == d
                        && t.act
                            .titles
                            .get(&title_lang)
                            .is_some_and(|x| norm_name(x) == norm_name(title))
                })
                .collect(),
            _ => return Err("the text gives no registration number, nor a date and a number".into()),
        },
    };
    let t = match found.as_slice() {
        [t] => *t,
        [] => {
            return Err(match (r.registration, &r.number, &r.title) {
                (Some(reg), _, _) => format!("no act registered as No. {reg} is among the targets"),
                (None, Some(n), _) => format!(
                    "no act of {} No. {n} is among the targets",
                    r.date.map(|d| d.to_string()).unwrap_or_default(),
                ),
                (None, None, title) => format!(
                    "the act \"{}\" of {} (it has no number) is not among the targets",
                    title.clone().unwrap_or_default(),
                    r.date.map(|d| d.to_string()).unwrap_or_default(),
                ),
            });
        }
        _ => return Err("several targets match".into()),
    };
    let mut mismatches = Vec::new();
    if let Some(d) = r.date
        && d != t.act.date
    {
        mismatches.push(Mismatch {
            field: "date",
            stated: d.to_string(),
            registry: t.act.date.to_string(),
        });
    }
    if let Some(n) = &r.number
        && n != &t.act.number
    {
        mismatches.push(Mismatch {
            field: "number",
            stated: n.clone(),
            registry: t.act.number.clone(),
        });
    }
    if let Some(title) = &r.title
        && let Some(registry) = t.act.titles.get(&title_lang)
        && norm_name(title) != norm_name(registry)
    {
        mismatches.push(Mismatch {
            field: "title",
            stated: title.clone(),
            registry: registry.clone(),
        });
    }
    if r.date.is_none() {
        mismatches.push(Mismatch {
            field: "date",
            stated: "(none)".into(),
            registry: t.act.date.to_string(),
        });
    }
    if r.number.is_none() && !t.act.number.is_empty() {
        mismatches.push(Mismatch {
            field: "number",
            stated: "(none)".into(),
            registry: t.act.number.clone(),
        });
    }
    if r.title.is_none()
        && let Some(registry) = t.act.titles.get(&title_lang)
    {
        mismatches.push(Mismatch {
            field: "title",
            stated: "(none)".into(),
            registry: registry.clone(),
        });
    }
    Ok((t, mismatches))
}

/// Document words: a stem of the word and its key. The key stands for every case form.
const DOC_WORDS: &[(&str, &str)] = &[
    ("қағида", "қағида"),
    ("нұсқаулы", "нұсқаулық"),
    ("тәртіб", "тәртіп"),
    ("тәртіп", "тәртіп"),
    ("ереже", "ереже"),
    ("әдістеме", "әдістеме"),
    ("стандарт", "стандарт"),
];

/// Russian document words: a stem and its key (the same keys as the Kazakh ones).
const DOC_WORDS_RU: &[(&str, &str)] = &[
    ("правил", "қағида"),
    ("инструкци", "нұсқаулық"),
    ("порядк", "тәртіп"),
    ("порядок", "тәртіп"),
    ("положени", "ереже"),
    ("методик", "әдістеме"),
    ("стандарт", "стандарт"),
];

/// A Russian name, whose document word comes first (`Правилах выдачи …`, `Правила
/// выдачи …`), split into (the rest, the word's key).
fn split_doc_word_ru(n: &str) -> Option<(String, &'static str)> {
    let (first, rest) = n.split_once(' ').unwrap_or((n, ""));
    let key = DOC_WORDS_RU
        .iter()
        .find(|(stem, _)| first.starts_with(stem))
        .map(|(_, k)| *k)?;
    Some((rest.to_string(), key))
}

/// Splits a normalised name into (name without the document word, the word's key).
fn split_doc_word(n: &str) -> Option<(String, &'static str)> {
    let (head, last) = match n.rsplit_once(' ') {
        Some((h, l)) => (h, l),
        None => ("", n),
    };
    let key = DOC_WORDS
        .iter()
        .find(|(stem, _)| last.starts_with(stem))
        .map(|(_, k)| *k)?;
    Some((head.to_string(), key))
}

/// The (name, document key) of a Rules name or an attachment heading. A heading's
/// leading `... бекітілген` and trailing parenthetical note are dropped.
fn rules_key(s: &str) -> Option<(String, &'static str)> {
    let mut n = norm_name(s);
    if let Some(i) = n.rfind("бекітілген ") {
        n = n.get(i + "бекітілген ".len()..).unwrap_or("").to_string();
    }
    if let Some(k) = split_doc_word(&n) {
        return Some(k);
    }
    if let Some((rest, key)) = split_doc_word_ru(&n) {
        // Without a trailing parenthetical note of the corpus.
        let rest = match rest.rfind(" (") {
            Some(i) if rest.ends_with(')') => rest.get(..i).unwrap_or("").to_string(),
            _ => rest,
        };
        return Some((rest, key));
    }
    // A trailing parenthetical note after the document word.
    if n.ends_with(')')
        && let Some(i) = n.rfind(" (")
    {
        return split_doc_word(n.get(..i).unwrap_or(""));
    }
    None
}

/// The heading of an attachment: its heading, else the first line of its text.
fn heading_of(n: &Node) -> Option<&str> {
    n.heading
        .as_deref()
        .or_else(|| n.content.text().and_then(|t| t.lines().next()))
}

/// The attachment of `t` whose heading names the Rules `name`, searched under `within`
/// when given. A heading that gives no name (`көрсетілген бұйрықпен бекітілген
/// Қағидаларда:`) names the act's only Rules.
pub fn resolve_rules(name: &str, t: &Target<'_>, within: Option<&EId>) -> Result<EId, String> {
    let Some(want) = rules_key(name) else {
        return Err(format!("\"{name}\" names no Rules"));
    };
    let matches = |k: (String, &'static str)| if want.0.is_empty() { k.1 == want.1 } else { k == want };
    let found: Vec<&EId> = t
        .attachments()
        .into_iter()
        .filter(|a| within.is_none_or(|w| a.eid.is_within(w) && &a.eid != w))
        .filter(|a| heading_of(a).and_then(rules_key).is_some_and(matches))
        .map(|a| &a.eid)
        .collect();
    match found.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(format!("no attachment of {} is headed \"{name}\"", t.act.id)),
        _ => Err(format!("several attachments of {} are headed \"{name}\"", t.act.id)),
    }
}

/// The annex (number `num`, or the only one) of the attachment of `t` whose heading
/// names the state-service standard `standard`. The standard is looked for under
/// `within` first, then anywhere in the act.
pub fn resolve_standard_annex(
    standard: &str,
    num: Option<&str>,
    t: &Target<'_>,
    within: Option<&EId>,
) -> Result<EId, String> {
    let std = match within.map(|w| resolve_rules(standard, t, Some(w))) {
        Some(Ok(e)) => e,
        _ => resolve_rules(standard, t, None)?,
    };
    let Some(node) = t.get(&std) else {
        return Err(format!("`{std}` is not in {}", t.act.id));
    };
    let annexes: Vec<&Node> = node
        .children
        .iter()
        .filter(|c| c.eid.kind() == NodeKind::Attachment)
        .collect();
    match num {
        Some(n) => annexes
            .iter()
            .find(|a| a.eid.num() == Some(n))
            .map(|a| a.eid.clone())
            .ok_or_else(|| format!("the standard `{std}` has no annex {n}")),
        None => match annexes.as_slice() {
            [one] => Ok(one.eid.clone()),
            [] => Err(format!("the standard `{std}` has no annex")),
            _ => Err(format!(
                "the standard `{std}` has several annexes and the text names none"
            )),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_names_match_across_case_endings_and_notes() {
        assert_eq!(
            rules_key("Жарылыс жұмыстарын жүргізуге рұқсат беру қағидаларында"),
            rules_key("Жарылыс жұмыстарын жүргізуге рұқсат беру қағидалары (new edition approved by this order)")
        );
        assert_eq!(
            rules_key("\"А\" мемлекеттік көрсетілетін қызмет Қағидаларында"),
            rules_key("«А» мемлекеттік көрсетілетін қызмет қағидалары")
        );
        assert_ne!(rules_key("А қағидалары"), rules_key("А стандарты"));
        assert_eq!(rules_key("2-қосымша"), None);
    }
}

//! Enumerations in the Rules, such as the documents to submit and the grounds for refusal:
//! a clause ending with `:` introduces them, and its subparagraphs, cases and abzats are the items.

use std::sync::LazyLock;

use regex::Regex;

use super::found::{Extraction, found};
use super::patterns::re;
use crate::model::NodeKind;
use crate::services::clause::Clause;
use crate::services::model::{Attribute, Value};

static DOC_LIKE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)(?:құжат|көшірме|өтініш)\S*\s+ұсынылады"));
pub(super) static NUMBERED_LINE: LazyLock<Regex> = LazyLock::new(|| re(r"^(\d+)\)\s*(.*)$"));

pub(super) fn ends_with_colon(text: &str) -> bool {
    text.trim_end().ends_with(':')
}

/// One entry of a list: a clause (numbered or not) and its text.
pub(super) struct Entry<'c, 'a> {
    pub(super) clause: &'c Clause<'a>,
    pub(super) num: Option<String>,
    pub(super) text: &'a str,
}

/// The descendants of `c` that hold text, in document order, as list entries.
pub(super) fn entries<'c, 'a>(c: &'c Clause<'a>) -> Vec<Entry<'c, 'a>> {
    let mut out = Vec::new();
    for child in &c.children {
        child.walk(&mut |d| {
            if let Some(text) = d.text() {
                let num = (d.kind() == NodeKind::Subparagraph)
                    .then(|| d.num.map(str::to_string))
                    .flatten();
                out.push(Entry { clause: d, num, text });
            }
        });
    }
    out
}

/// An item found by [`items`]: its index among the entries and its value.
pub(super) struct ItemFound {
    pub(super) index: usize,
    pub(super) value: Value,
}

/// Reads list items from entries `(num, text)`. A numbered entry ending with `:` is a
/// case; the unnumbered entries after it, up to the first ending with `.`, are its items.
/// When `stop` is set, an unnumbered entry outside a case ends the list unless it says a
/// document is submitted.
pub(super) fn items(entries: &[(Option<String>, &str)], stop: bool) -> Vec<ItemFound> {
    let mut out = Vec::new();
    let mut case: Option<(usize, String, usize)> = None; // (index, heading, items so far)
    let flush = |case: &mut Option<(usize, String, usize)>, out: &mut Vec<ItemFound>| {
        if let Some((index, heading, 0)) = case.take() {
            // A case with no items: the heading itself is the item.
            out.push(ItemFound {
                index,
                value: Value::Item {
                    num: None,
                    case: None,
                    text: heading,
                },
            });
        }
    };
    for (i, (num, text)) in entries.iter().enumerate() {
        let text = text.trim();
        if let Some(num) = num {
            flush(&mut case, &mut out);
            if ends_with_colon(text) {
                let heading = format!("{num}) {}", text.trim_end_matches(':').trim_end());
                case = Some((i, heading, 0));
            } else {
                out.push(ItemFound {
                    index: i,
                    value: Value::Item {
                        num: Some(num.clone()),
                        case: None,
                        text: text.to_string(),
                    },
                });
            }
            continue;
        }
        if let Some((_, heading, count)) = case.as_mut() {
            *count += 1;
            out.push(ItemFound {
                index: i,
                value: Value::Item {
                    num: None,
                    case: Some(heading.clone()),
                    text: text.to_string(),
                },
            });
            if text.ends_with('.') {
                case = None;
            }
            continue;
        }
        if stop && !DOC_LIKE.is_match(text) {
            break;
        }
        out.push(ItemFound {
            index: i,
            value: Value::Item {
                num: None,
                case: None,
                text: text.to_string(),
            },
        });
    }
    flush(&mut case, &mut out);
    out
}

pub(super) fn list(c: &Clause<'_>, attribute: Attribute, rule: &'static str, out: &mut Extraction) {
    let es = entries(c);
    let pairs: Vec<(Option<String>, &str)> = es.iter().map(|e| (e.num.clone(), e.text)).collect();
    for item in items(&pairs, true) {
        if let Some(e) = es.get(item.index) {
            out.found.push(found(e.clause, attribute, item.value, rule));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, values};
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        for r in [&DOC_LIKE, &NUMBERED_LINE] {
            LazyLock::force(r);
        }
    }

    #[test]
    fn documents_list_with_cases_and_its_end() {
        let x = run(concat!(
            "# para_6 [6]\nЗаңды тұлға келесі құжаттарды жолдайды:\n\n",
            "## para_6__subpara_1 [1]\nөтініш;\n\n",
            "## para_6__subpara_2 [2]\nжарылыс жұмыстарын жүргізу кезінде:\n\n",
            "## para_6__abz_4\nжер бетінде жоспар;\n\n",
            "## para_6__abz_5\nжер астында жоспар.\n\n",
            "## para_6__abz_6\nСейсмикалық барлау кезінде схемалары бар электрондық құжат ұсынылады.\n\n",
            "## para_6__abz_7\nНегізгі талаптар тізбесі осы Қағидаларға 2-қосымшаға сәйкес келтірілген.\n\n",
            "## para_6__abz_8\nБасқа құжат ұсынылады.\n",
        ));
        assert_eq!(
            values(&x, Attribute::Documents),
            [
                "para_6__subpara_1 1) өтініш;",
                "para_6__abz_4 2) жарылыс жұмыстарын жүргізу кезінде / жер бетінде жоспар;",
                "para_6__abz_5 2) жарылыс жұмыстарын жүргізу кезінде / жер астында жоспар.",
                "para_6__abz_6 Сейсмикалық барлау кезінде схемалары бар электрондық құжат ұсынылады.",
            ],
            "the list ends at the first abzats that is not a document"
        );
        assert_eq!(x.pointers.len(), 1);
        assert_eq!(x.pointers[0].annex, "2");
        assert_eq!(x.pointers[0].attributes, Attribute::ALL.to_vec());
    }
}

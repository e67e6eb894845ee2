//! What an amending text says, instruction by instruction, whether or not the amended
//! act is held: the [`Reading`] of a text, and the comparison of two readings of one act
//! in two languages ([`compare`]).
//!
//! An operation needs its target act; a reading does not. When the act an item opens on
//! is not among the targets (a law the corpus does not hold), the opening is an error
//! naming the act, and every instruction after it is still read, with the nodes it names
//! and `made: false`: nothing is dropped in silence. Two readings of the Kazakh and the
//! Russian text of one act must agree instruction by instruction on the kind of change
//! and on the nodes; [`compare`] lists every place where they do not, naming both.

use std::fmt;

use serde::Serialize;

use super::{ParseError, Parsed};
use crate::model::{AbzatsRange, EId, Lang};

/// One instruction that changes the amended act, as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ReadInstruction {
    /// The item (an eId of the amending act's tree).
    pub item: String,
    /// Its abzats in the item, from the instruction's first line to its quoted block's
    /// last.
    pub abzats: AbzatsRange,
    /// The instruction as written.
    pub text: String,
    /// The kind of change, as operations name it (`replace`, `delete`, `insert`,
    /// `replace_words`, `delete_words`, `replace_attachment`, `repeal`).
    pub change: &'static str,
    /// The nodes it changes (for an insertion, the new nodes), as the text names them.
    pub targets: Vec<EId>,
    /// True when operations were made; false when the target act is not held, or the
    /// node or another check failed (the errors say which).
    pub made: bool,
}

/// An amending text read in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// The language of the text.
    pub lang: Lang,
    /// What the parser made of it: the operations, or every error.
    pub parsed: Result<Parsed, Vec<ParseError>>,
    /// Every instruction that changes the amended act, in document order.
    pub instructions: Vec<ReadInstruction>,
}

/// A place where two readings of one act disagree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Discrepancy {
    /// The `index`-th instruction of `item` is another kind of change.
    Kind {
        /// The item.
        item: String,
        /// The instruction's position among the item's instructions (0-based).
        index: usize,
        /// The first reading's instruction.
        a: ReadInstruction,
        /// The second reading's.
        b: ReadInstruction,
    },
    /// The same kind of change, on other nodes.
    Target {
        /// The item.
        item: String,
        /// The instruction's position among the item's instructions (0-based).
        index: usize,
        /// The first reading's instruction.
        a: ReadInstruction,
        /// The second reading's.
        b: ReadInstruction,
    },
    /// An instruction one reading has and the other has not.
    Missing {
        /// The language whose reading has it.
        lang: Lang,
        /// The instruction.
        instruction: ReadInstruction,
    },
}

/// The language's code, as the corpus names its files (`kk`, `ru`).
fn code(lang: Lang) -> &'static str {
    match lang {
        Lang::Kk => "kk",
        Lang::Ru => "ru",
        Lang::En => "en",
    }
}

fn targets(r: &ReadInstruction) -> String {
    let t: Vec<&str> = r.targets.iter().map(EId::as_str).collect();
    if t.is_empty() { "the act".into() } else { t.join(", ") }
}

fn show(lang: Lang, r: &ReadInstruction) -> String {
    format!(
        "{} abzats {}: {} {} (\"{}\")",
        code(lang),
        r.abzats.from,
        r.change,
        targets(r),
        r.text
    )
}

impl Discrepancy {
    /// The discrepancy in words, naming both readings; `a` and `b` are the languages of
    /// the two readings compared.
    pub fn describe(&self, a_lang: Lang, b_lang: Lang) -> String {
        match self {
            Discrepancy::Kind { item, a, b, .. } => format!(
                "{item}: the readings make different changes: {} against {}",
                show(a_lang, a),
                show(b_lang, b)
            ),
            Discrepancy::Target { item, a, b, .. } => format!(
                "{item}: the readings change different nodes: {} against {}",
                show(a_lang, a),
                show(b_lang, b)
            ),
            Discrepancy::Missing { lang, instruction } => format!(
                "{}: only the {} reading has {}",
                instruction.item,
                code(*lang),
                show(*lang, instruction)
            ),
        }
    }
}

impl fmt::Display for Discrepancy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Discrepancy::Kind { item, index, .. } => write!(f, "{item} #{index}: kinds differ"),
            Discrepancy::Target { item, index, .. } => write!(f, "{item} #{index}: targets differ"),
            Discrepancy::Missing { lang, instruction } => {
                write!(f, "{}: only in {}", instruction.item, code(*lang))
            }
        }
    }
}

/// Compares two readings of one act, item by item and, within an item, instruction by
/// instruction in order: every instruction whose kind of change or nodes differ, and
/// every instruction one reading has beyond the other.
pub fn compare(a: &Reading, b: &Reading) -> Vec<Discrepancy> {
    let mut items: Vec<&str> = Vec::new();
    for r in a.instructions.iter().chain(&b.instructions) {
        if !items.contains(&r.item.as_str()) {
            items.push(&r.item);
        }
    }
    let mut out = Vec::new();
    for item in items {
        let xs: Vec<&ReadInstruction> = a.instructions.iter().filter(|r| r.item == item).collect();
        let ys: Vec<&ReadInstruction> = b.instructions.iter().filter(|r| r.item == item).collect();
        for index in 0..xs.len().max(ys.len()) {
            match (xs.get(index), ys.get(index)) {
                (Some(x), Some(y)) if x.change != y.change => out.push(Discrepancy::Kind {
                    item: item.to_string(),
                    index,
                    a: (*x).clone(),
                    b: (*y).clone(),
                }),
                (Some(x), Some(y)) if x.targets != y.targets => out.push(Discrepancy::Target {
                    item: item.to_string(),
                    index,
                    a: (*x).clone(),
                    b: (*y).clone(),
                }),
                (Some(x), None) => out.push(Discrepancy::Missing {
                    lang: a.lang,
                    instruction: (*x).clone(),
                }),
                (None, Some(y)) => out.push(Discrepancy::Missing {
                    lang: b.lang,
                    instruction: (*y).clone(),
                }),
                _ => {}
            }
        }
    }
    out
}

//! Reading the Kazakh and Russian texts of amending acts into operations.
//!
//! [`parse_amending_act`] (Kazakh) and [`parse_amending_text`] (either language) take an amending act (its metadata and clause tree, as
//! [`crate::corpus::load`] gives them) and the acts it may amend, and returns its
//! entry-into-force clause and its [`Operation`]s in document order, or every error
//! found. It never panics, whatever the input. The numerals, ordinals, months and dates
//! it reads are [`crate::kk`]'s.
//!
//! * [`formulas`]: the Kazakh amendment formulas, one line in, one
//!   [`formulas::Instruction`] out; [`formulas_ru`]: the Russian ones, into the same
//!   instructions;
//! * [`reading`]: every instruction as read, made or not ([`read_amending_act`]), and
//!   the comparison of the Kazakh and Russian readings of one act;
//! * [`structure`]: quoted new wordings and the [`Node`] trees built from them;
//! * [`targets`]: which act, which Rules, which node;
//! * [`entry_into_force`]: the act's own clause on when it takes force;
//! * `item`: which paragraphs are items, and the reader that walks an item's lines;
//! * `execute`: what each instruction does to the context, or the operations it makes;
//! * `error`: [`ParseError`] and [`ParseErrorKind`], with their places.
//!
//! # Items and abzats
//! The items are the paragraphs of the List (the attachment of the order whose
//! paragraphs are its items), and any of the order's own paragraphs that opens like an
//! amendment or a repeal. An item's lines are its abzats, numbered from 1: every line
//! counts, including lines of quoted new wordings, table-row lines and lone `"` lines.
//! An operation's `source_abzats` runs from its instruction's first line to the last
//! line of its quoted block.
//!
//! # Context
//! An item opening names the amended act; a Rules heading the attachment the following
//! instructions apply to, until the next heading or the item's end; `N-қосымшада:` an
//! attachment of the Rules (its rows, its paragraphs); `N-тармақта:` a paragraph whose
//! subparagraphs, abzats or words the following lines amend. An instruction that names
//! its own paragraph ends a paragraph context.

pub mod entry_into_force;
mod error;
mod execute;
pub mod formulas;
pub mod formulas_ru;
mod item;
pub mod reading;
pub mod structure;
pub mod targets;

use crate::amend::Operation;
use crate::dates::EntryIntoForce;
use crate::model::{Act, Lang, Node};

pub use error::{ParseError, ParseErrorKind};
use item::{Context, ItemParser, items, list_of};
pub use reading::{Discrepancy, ReadInstruction, Reading, compare};
use targets::Target;

/// What [`parse_amending_act`] reads from an amending act.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The act's entry-into-force clause, when it has one.
    pub entry_into_force: Option<EntryIntoForce>,
    /// The operations, in document order.
    pub ops: Vec<Operation>,
}

/// Reads the operations of the amending act `act` (its Kazakh clause tree `tree`) on the
/// acts of `targets`. Returns every error, not just the first.
pub fn parse_amending_act(act: &Act, tree: &[Node], targets: &[(&Act, &[Node])]) -> Result<Parsed, Vec<ParseError>> {
    parse_amending_text(Lang::Kk, act, tree, targets)
}

/// Like [`parse_amending_act`], but keeps what was read when some of it fails: the
/// operations of every instruction that was read, and the errors of the others. A
/// draft's check report is made of both.
pub fn parse_amending_act_partially(
    act: &Act,
    tree: &[Node],
    targets: &[(&Act, &[Node])],
) -> (Parsed, Vec<ParseError>) {
    let (parsed, errors, _) = read_partially(Lang::Kk, act, tree, targets);
    (parsed, errors)
}

/// [`parse_amending_act`] for a text in `lang` (Russian, or Kazakh for any other).
pub fn parse_amending_text(
    lang: Lang,
    act: &Act,
    tree: &[Node],
    targets: &[(&Act, &[Node])],
) -> Result<Parsed, Vec<ParseError>> {
    read_amending_act(lang, act, tree, targets).parsed
}

/// Reads the amending act's text in `lang`: what [`parse_amending_text`] returns, and
/// every instruction that changes an act, as read, including those on an act that is
/// not among the targets.
pub fn read_amending_act(lang: Lang, act: &Act, tree: &[Node], targets: &[(&Act, &[Node])]) -> Reading {
    let (parsed, errors, instructions) = read_partially(lang, act, tree, targets);
    Reading {
        lang,
        parsed: if errors.is_empty() { Ok(parsed) } else { Err(errors) },
        instructions,
    }
}

/// What was read, the errors of what was not, and every instruction as read.
fn read_partially(
    lang: Lang,
    act: &Act,
    tree: &[Node],
    targets: &[(&Act, &[Node])],
) -> (Parsed, Vec<ParseError>, Vec<ReadInstruction>) {
    let mut errors = Vec::new();
    let mut reading = Vec::new();
    let list = list_of(tree);
    let list_id = list.map(|l| l.eid.to_string());
    let entry_into_force = match entry_into_force::parse_in(lang, act, tree, list_id.as_deref()) {
        Ok(e) => e,
        Err(e) => {
            errors.push(*e);
            None
        }
    };
    let targets: Vec<Target<'_>> = targets.iter().map(|(a, n)| Target::new(a, n)).collect();
    let mut ops = Vec::new();
    for item in items(lang, tree, list) {
        let mut p = ItemParser {
            lang,
            act,
            tree,
            list: list.map(|l| &l.eid),
            targets: &targets,
            eif: entry_into_force.as_ref(),
            item: &item.eid,
            lines: &item.lines,
            ctx: Context::default(),
            ops: &mut ops,
            errors: &mut errors,
            reading: &mut reading,
        };
        p.run();
    }
    (Parsed { entry_into_force, ops }, errors, reading)
}

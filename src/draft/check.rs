//! The check of a draft: its text read ([`super::order_text`]), its metadata against
//! the registry and the text ([`super::metadata`]), its instructions parsed against the
//! targets, its entry-into-force clause ([`super::entry_into_force`]), and its
//! operations replayed on their dates ([`super::in_force`]). Every problem is reported
//! with its place; nothing is written anywhere.

use super::docx;
use super::order_text::{self, OrderText};
use super::report::{CheckReport, Place, Prepared, Problem, Severity};
use super::{entry_into_force, in_force, metadata};
use crate::clause_markdown;
use crate::library::{ActEntry, Library};
use crate::model::{Act, Node};
use crate::parse::{self, ParseError, ParseErrorKind};

/// Checks the draft `meta` with the plain text `text` against the library `lib`.
pub fn check(lib: &Library, meta: &Act, text: &str) -> CheckReport {
    match order_text::read(text) {
        Ok(order) => check_order(lib, meta, &order),
        Err(e) => refused(lib, meta, e.code(), e.line(), e.to_string()),
    }
}

/// Checks the draft `meta` whose text is the `.docx` file `bytes`.
pub fn check_docx(lib: &Library, meta: &Act, bytes: &[u8]) -> CheckReport {
    match docx::text(bytes) {
        Ok(text) => check(lib, meta, &text),
        Err(e) => refused(lib, meta, "bad_docx", None, e.to_string()),
    }
}

/// Checks the draft `meta` whose text is the bytes `bytes`, which must be UTF-8.
pub fn check_bytes(lib: &Library, meta: &Act, bytes: &[u8]) -> CheckReport {
    match std::str::from_utf8(bytes) {
        Ok(text) => check(lib, meta, text),
        Err(e) => {
            let line = bytes
                .get(..e.valid_up_to())
                .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count())
                + 1;
            refused(
                lib,
                meta,
                "not_utf8",
                Some(line),
                format!("the text is not UTF-8 (byte {})", e.valid_up_to()),
            )
        }
    }
}

/// The report of a draft whose text could not be read: the metadata's problems and the
/// reason.
fn refused(lib: &Library, meta: &Act, code: &'static str, line: Option<usize>, message: String) -> CheckReport {
    let mut problems = metadata::registry_clashes(lib, meta);
    problems.extend(metadata::internal(meta));
    problems.push(Problem::error(code, Place::line(line.unwrap_or(0)), "", message));
    CheckReport::new(problems, None)
}

/// Checks the draft `meta` with the text already read into `order`.
pub fn check_order(lib: &Library, meta: &Act, order: &OrderText) -> CheckReport {
    let mut problems = metadata::registry_clashes(lib, meta);
    problems.extend(metadata::internal(meta));
    problems.extend(metadata::against_text(meta, order));
    for p in &order.problems {
        problems.push(Problem {
            severity: p.severity,
            code: p.code,
            place: Place::line(p.line),
            text: p.text.clone(),
            message: p.message.clone(),
        });
    }
    storable(&order.tree, &mut problems);

    // Names resolve against every node the targets ever have, pending operations
    // included; whether a node is in force on the date is checked after.
    let ever = in_force::all_pending_resolved(lib);
    let trees: Vec<(Act, Vec<Node>)> = ever
        .acts()
        .filter(|a| a.id != meta.id)
        .map(|a| {
            (
                a.clone(),
                ever.timeline(&a.id).map(in_force::ever_tree).unwrap_or_default(),
            )
        })
        .collect();
    let targets: Vec<(&Act, &[Node])> = trees.iter().map(|(a, n)| (a, n.as_slice())).collect();
    let (parsed, errors) = parse::parse_amending_act_partially(meta, &order.tree, &targets);
    let reader_quotes: Vec<usize> = order
        .problems
        .iter()
        .filter(|p| p.code == "unclosed_quote")
        .map(|p| p.line)
        .collect();
    let mut eif_malformed = false;
    for e in &errors {
        eif_malformed |= matches!(e.kind, ParseErrorKind::MalformedEntryIntoForce(_));
        let p = parse_problem(order, e);
        // The reader reports an unclosed quote on the quote's line, just after the
        // instruction's.
        if e.kind == ParseErrorKind::UnclosedQuote
            && p.place
                .line
                .is_some_and(|l| reader_quotes.iter().any(|&q| q >= l && q <= l + 3))
        {
            continue;
        }
        problems.push(p);
    }
    problems.extend(entry_into_force::check(
        meta,
        order,
        parsed.entry_into_force.as_ref(),
        eif_malformed,
    ));
    let mut act = meta.clone();
    if act.entry_into_force.is_none() {
        act.entry_into_force = parsed.entry_into_force.clone();
    }
    let entry = ActEntry {
        act,
        base: order.tree.clone(),
        ops: parsed.ops,
    };
    if entry.ops.is_empty() && errors.is_empty() {
        problems.push(Problem::warning(
            "no_operations",
            Place::default(),
            "",
            "the draft makes no operation: no item amends or repeals an act",
        ));
    }
    for f in in_force::check(lib, &entry) {
        let op = f.op.and_then(|i| entry.ops.get(i));
        let item = op.map(|o| o.source_item.clone());
        let abzats = op.and_then(|o| o.source_abzats).map(|a| a.from);
        let line = match (&item, abzats) {
            (Some(i), Some(a)) => order.line_of(i, a),
            _ => None,
        };
        problems.push(Problem {
            severity: if f.error { Severity::Error } else { Severity::Warning },
            code: f.code,
            place: Place {
                item,
                abzats,
                line,
                eid: op.and_then(|o| o.target.clone()),
                target_act: op.map(|o| o.target_act),
            },
            text: op.and_then(|o| o.instruction.clone()).unwrap_or_default(),
            message: f.message,
        });
    }
    let prepared = Prepared {
        entry_into_force: parsed.entry_into_force,
        entry,
    };
    CheckReport::new(problems, Some(prepared))
}

/// The tree must read back the same from clause Markdown, the form it is stored in.
fn storable(tree: &[Node], problems: &mut Vec<Problem>) {
    let written = clause_markdown::write(tree);
    match clause_markdown::parse(&written) {
        Ok(back) if back == tree => {}
        Ok(_) => problems.push(Problem::error(
            "not_storable",
            Place::default(),
            "",
            "the clause tree does not read back the same from clause Markdown",
        )),
        Err(errs) => {
            for e in errs.iter().take(5) {
                problems.push(Problem::error(
                    "not_storable",
                    Place::default(),
                    written.lines().nth(e.line.saturating_sub(1)).unwrap_or(""),
                    format!("stored as clause Markdown, the tree would not read back: {}", e.message),
                ));
            }
        }
    }
}

/// A parse error as a problem, with the line of its item and abzats.
fn parse_problem(order: &OrderText, e: &ParseError) -> Problem {
    let code = match &e.kind {
        ParseErrorKind::UnrecognisedInstruction => "unrecognised_instruction",
        ParseErrorKind::NoTargetAct => "no_target_act",
        ParseErrorKind::UnresolvedTargetAct(_) => "unresolved_target_act",
        ParseErrorKind::TargetActMismatch { .. } => "target_act_mismatch",
        ParseErrorKind::UnresolvedRules(_) => "unresolved_rules",
        ParseErrorKind::UnresolvedNode(_) => "unresolved_node",
        ParseErrorKind::MissingContext(_) => "missing_context",
        ParseErrorKind::MalformedQuotedBlock(_) => "malformed_quoted_block",
        ParseErrorKind::UnclosedQuote => "unclosed_quote",
        ParseErrorKind::MalformedEntryIntoForce(_) => "entry_into_force_malformed",
    };
    let line = match e.abzats {
        Some(a) => order.line_of(&e.item, a),
        None => order.first_line(&e.item),
    };
    let message = match &e.kind {
        ParseErrorKind::UnresolvedNode(n) => format!(
            "unresolved node `{n}`: the amended act never has it (not in its text, nor made by any operation, pending ones included)"
        ),
        k => k.to_string(),
    };
    Problem::error(
        code,
        Place {
            item: Some(e.item.clone()),
            abzats: e.abzats,
            line,
            ..Place::default()
        },
        e.text.clone(),
        message,
    )
}

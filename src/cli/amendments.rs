//! `amendments parse`: read an amending act's Kazakh text into operations, and freeze
//! them into the corpus.

use std::path::Path;
use std::process::ExitCode;

use super::{CliError, load_valid, print_json};
use crate::corpus::{CorpusLock, LoadOptions, write};
use crate::dates;
use crate::model::{Act, Node, RegistryId};
use crate::parse::{self, Parsed};
use crate::views::OperationView;

/// `nusqa amendments parse FILE|ACT [--json] [--write]`.
///
/// FILE is an act directory (act.json and text.kk.md) or the text file inside one; ACT
/// is the registry id of an act in the corpus. Targets are resolved against the corpus.
/// `--write` freezes the result into the corpus (ops.json, and entry_into_force.json
/// when act.json states no clause); frozen operations are never overwritten and
/// act.json is never rewritten.
pub fn parse_cmd(
    root: &Path,
    opts: &LoadOptions,
    what: &str,
    json: bool,
    write_out: bool,
) -> Result<ExitCode, CliError> {
    // A writer takes the lock before it reads what it validates against.
    let lock = write_out.then(|| CorpusLock::acquire(root)).transpose()?;
    if let Some(lock) = &lock {
        super::report_recovery(&crate::corpus::recover(lock, root, opts)?);
    }
    let loaded = load_valid(root, opts)?;
    let lib = &loaded.library;
    let (act, tree): (Act, Vec<Node>) = match what.parse::<RegistryId>() {
        Ok(id) => {
            let act = lib
                .act(&id)
                .ok_or_else(|| CliError::NotFound(format!("act {id} is not in the corpus")))?;
            (act.clone(), lib.base(&id).unwrap_or_default())
        }
        Err(_) => read_act(Path::new(what), opts)?,
    };
    if write_out && lib.act(&act.id).is_none() {
        return Err(CliError::BadArgument(format!(
            "{} is not in the corpus: only an act of the corpus can have its operations frozen",
            act.id
        )));
    }
    if write_out && !lib.corrections(&act.id).is_empty() {
        return Err(CliError::BadArgument(format!(
            "{} has corrections: its operations are re-derived and frozen by `nusqa correct`, never by `amendments parse --write`",
            act.id
        )));
    }
    let bases: Vec<(&Act, Vec<Node>)> = lib
        .acts()
        .filter(|a| a.id != act.id)
        .map(|a| (a, lib.base(&a.id).unwrap_or_default()))
        .collect();
    let targets: Vec<(&Act, &[Node])> = bases.iter().map(|(a, b)| (*a, b.as_slice())).collect();
    let parsed = match parse::parse_amending_act(&act, &tree, &targets) {
        Ok(p) => p,
        Err(errors) => {
            for e in &errors {
                eprintln!("{e}");
            }
            eprintln!(
                "{} instruction(s) could not be parsed; nothing was skipped silently",
                errors.len()
            );
            return Ok(ExitCode::FAILURE);
        }
    };
    let mut resolved_act = act.clone();
    resolved_act.entry_into_force = parsed.entry_into_force.clone();
    let views: Vec<OperationView> = parsed
        .ops
        .iter()
        .enumerate()
        .map(|(i, op)| OperationView::new(op, i, Some(dates::resolve(&op.effective, &resolved_act))))
        .collect();
    if json {
        print_json(&ParsedView {
            act: act.id,
            entry_into_force: parsed.entry_into_force.as_ref(),
            operations: &views,
        })?;
    } else {
        print_summary(&act, &parsed, &views);
    }
    if let Some(lock) = &lock {
        freeze(lock, root, opts, &act, &parsed)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn read_act(path: &Path, opts: &LoadOptions) -> Result<(Act, Vec<Node>), CliError> {
    crate::corpus::load::read_act(path, opts).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        CliError::BadArgument(lines.join("\n"))
    })
}

/// `amendments parse --json`: what the parser read.
#[derive(serde::Serialize, schemars::JsonSchema)]
struct ParsedView<'a> {
    act: RegistryId,
    entry_into_force: Option<&'a dates::EntryIntoForce>,
    operations: &'a [OperationView],
}

fn print_summary(act: &Act, parsed: &Parsed, views: &[OperationView]) {
    outln!("{}: {} operation(s)", act.id, parsed.ops.len());
    if let Some(eif) = &parsed.entry_into_force {
        outln!("entry into force: {:?}", eif.default);
        for ex in &eif.exceptions {
            outln!(
                "  except {} abzats {:?}: {:?}",
                ex.item,
                ex.abzats.map(|a| a.to_string()),
                ex.rule
            );
        }
    }
    for v in views {
        let op = &v.operation;
        outln!(
            "#{:<3} {:<18} {} {:<40} {}  [{} abzats {}]",
            v.index,
            op.change.kind_name(),
            op.target_act,
            op.target.as_ref().map_or("(whole act)", |t| t.as_str()),
            super::corpus_cmds::when(&v.effective),
            op.source_item,
            op.source_abzats.map_or("-".to_string(), |a| a.to_string()),
        );
    }
}

/// Freezes the operations (and a new entry-into-force clause) into the act's
/// directory; frozen operations are never overwritten, act.json never rewritten.
fn freeze(lock: &CorpusLock, root: &Path, opts: &LoadOptions, act: &Act, parsed: &Parsed) -> Result<(), CliError> {
    match write::freeze_operations(lock, root, act, &parsed.ops, parsed.entry_into_force.as_ref(), opts)? {
        write::Frozen::AlreadyFrozen { path } => outln!("{} already holds exactly these operations", path.display()),
        write::Frozen::Written { path, operations } => {
            outln!("froze {operations} operation(s) into {}", path.display())
        }
    }
    Ok(())
}

//! `amendments parse`: read an amending act's Kazakh text into operations, and freeze
//! them into the corpus.

use std::path::Path;
use std::process::ExitCode;

use super::{CliError, load_valid, print_json};
use crate::amend::Operation;
use crate::corpus::{CorpusLock, LoadOptions, format, read, write};
use crate::dates;
use crate::model::{Act, Node, RegistryId};
use crate::parse::{self, Parsed};
use crate::views::OperationView;

/// `nusqa amendments parse FILE|ACT [--json] [--write]`.
///
/// FILE is an act directory (act.json and text.kk.md) or the text file inside one; ACT
/// is the registry id of an act in the corpus. Targets are resolved against the corpus.
/// `--write` freezes the result into the corpus (ops.json and the entry-into-force
/// clause in act.json); frozen operations are never overwritten.
pub fn parse_cmd(
    root: &Path,
    opts: &LoadOptions,
    what: &str,
    json: bool,
    write_out: bool,
) -> Result<ExitCode, CliError> {
    // A writer takes the lock before it reads what it validates against.
    let lock = write_out.then(|| CorpusLock::acquire(root)).transpose()?;
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
    let dir = if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent().unwrap_or(Path::new(".")).to_path_buf()
    };
    let text_path = if path.is_dir() {
        dir.join("text.kk.md")
    } else {
        path.to_path_buf()
    };
    let act_path = dir.join("act.json");
    let act_text = read::read_text(&act_path, opts)
        .map_err(|e| CliError::NotFound(format!("{e} (an act's metadata must sit beside its text)")))?;
    let act: Act = serde_json::from_str(&act_text)
        .map_err(|e| CliError::BadArgument(format!("{}:{}: {e}", act_path.display(), e.line())))?;
    let text = read::read_text(&text_path, opts).map_err(|e| CliError::NotFound(e.to_string()))?;
    let tree = format::parse(&text).map_err(|errs| {
        let lines: Vec<String> = errs
            .iter()
            .map(|e| format!("{}:{}: {}", text_path.display(), e.line, e.message))
            .collect();
        CliError::BadArgument(lines.join("\n"))
    })?;
    Ok((act, tree))
}

/// `amendments parse --json`: what the parser read.
#[derive(serde::Serialize)]
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

/// Writes the operations and the entry-into-force clause into the act's directory,
/// unless operations are frozen there already.
fn freeze(lock: &CorpusLock, root: &Path, opts: &LoadOptions, act: &Act, parsed: &Parsed) -> Result<(), CliError> {
    let dir = write::act_dir(root, &act.id);
    write::remove_stale_temp_files(lock, &dir)?;
    let ops_path = dir.join("ops.json");
    if let Some(text) = read::read_text_optional(&ops_path, opts)? {
        let frozen: Vec<Operation> = serde_json::from_str(&text)
            .map_err(|e| CliError::BadArgument(format!("{}:{}: {e}", ops_path.display(), e.line())))?;
        if frozen == parsed.ops {
            outln!("{} already holds exactly these operations", ops_path.display());
            return Ok(());
        }
        return Err(CliError::BadArgument(format!(
            "{} is frozen and differs from what the parser now produces; published operations are never overwritten",
            ops_path.display()
        )));
    }
    let mut act = act.clone();
    if act.entry_into_force.is_none() {
        act.entry_into_force = parsed.entry_into_force.clone();
    }
    let text = serde_json::to_string_pretty(&act).map_err(|e| CliError::BadArgument(e.to_string()))? + "\n";
    write::atomic_write(&dir.join("act.json"), text.as_bytes())?;
    let ops = serde_json::to_string_pretty(&parsed.ops).map_err(|e| CliError::BadArgument(e.to_string()))? + "\n";
    write::atomic_write(&ops_path, ops.as_bytes())?;
    outln!("froze {} operation(s) into {}", parsed.ops.len(), ops_path.display());
    Ok(())
}

//! `check`, `acts`, `ops` and `event`: commands about the corpus as a whole.

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use serde_json::json;

use super::{CliError, print_json};
use crate::corpus::{self, LoadOptions, Loaded};
use crate::model::{Event, EventKind, Lang, RegistryId};
use crate::render;

/// `nusqa check`.
pub fn check(root: &Path, opts: &LoadOptions, json: bool) -> Result<ExitCode, CliError> {
    let loaded = corpus::load_with_options(root, opts)?;
    let lib = &loaded.library;
    let ops: usize = lib.acts().map(|a| lib.ops_by(&a.id).len()).sum();
    let pending: usize = lib
        .acts()
        .filter_map(|a| lib.timeline(&a.id))
        .map(|t| t.pending.len())
        .sum();
    if json {
        print_json(&json!({
            "acts": lib.len(),
            "directories": loaded.dirs,
            "operations": ops,
            "pending_operations": pending,
            "versions": lib.version_count(),
            "errors": loaded.errors.iter().map(|e| json!({
                "file": e.file, "line": e.line, "act": e.act, "op": e.op, "eid": e.eid, "message": e.kind.to_string(),
                "display": e.to_string(),
            })).collect::<Vec<_>>(),
        }))?;
    } else {
        for e in &loaded.errors {
            outln!("{e}");
        }
        outln!(
            "{} acts, {} operations ({} pending), {} node versions; {} error(s)",
            lib.len(),
            ops,
            pending,
            lib.version_count(),
            loaded.errors.len()
        );
    }
    Ok(if loaded.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// `nusqa acts`.
pub fn acts(loaded: &Loaded, json: bool) -> Result<ExitCode, CliError> {
    let lib = &loaded.library;
    if json {
        print_json(&lib.acts().collect::<Vec<_>>())?;
    } else {
        for a in lib.acts() {
            let ops = lib.ops_by(&a.id).len();
            let synthetic = if a.synthetic { " [synthetic]" } else { "" };
            let ops = if ops > 0 {
                format!(" ({ops} operations)")
            } else {
                String::new()
            };
            outln!("{}  {}  {}{}{}", a.id, a.work_uri, a.title(Lang::Kk), ops, synthetic);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `nusqa ops ACT`.
pub fn ops(loaded: &Loaded, id: &RegistryId, json: bool) -> Result<ExitCode, CliError> {
    let lib = &loaded.library;
    if lib.act(id).is_none() {
        return Err(CliError::NotFound(format!("act {id} is not in the corpus")));
    }
    let views: Vec<serde_json::Value> = lib
        .ops_by(id)
        .iter()
        .enumerate()
        .map(|(i, op)| render::op_json(op, i, lib.resolve(op)))
        .collect();
    if json {
        print_json(&views)?;
    } else {
        for v in &views {
            let eff = &v["effective"];
            let when = match (eff["date"].as_str(), eff["earliest"].as_str()) {
                (Some(d), _) => d.to_string(),
                (None, Some(e)) => format!("pending, earliest {e}"),
                (None, None) => "pending".to_string(),
            };
            outln!(
                "#{} {} {} {} — {when}",
                v["index"],
                v["kind"].as_str().unwrap_or(""),
                v["target_act"].as_str().unwrap_or(""),
                v["target"].as_str().unwrap_or("(whole act)"),
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `nusqa event ACT KIND DATE`: appends to the act's event log and reports what it
/// resolved. Refuses events that fail the checks.
pub fn event(
    root: &Path,
    opts: &LoadOptions,
    id: &RegistryId,
    kind: &str,
    date: NaiveDate,
    json: bool,
) -> Result<ExitCode, CliError> {
    let kind: EventKind = kind.parse().map_err(CliError::BadArgument)?;
    let mut loaded = super::load_valid(root, opts)?;
    let before: usize = pending_of(&loaded, id);
    let errors = loaded
        .library
        .record_event(id, kind, date)
        .map_err(|e| CliError::BadArgument(e.to_string()))?;
    if !errors.is_empty() {
        for e in errors {
            eprintln!("{}", corpus::CorpusError::from(e));
        }
        return Err(CliError::BadArgument(format!(
            "recording {} {date} for {id} would make the corpus inconsistent",
            kind.as_str()
        )));
    }
    let path = corpus::write::append_event(
        root,
        id,
        Event {
            kind,
            date: Some(date),
            note: None,
        },
    )?;
    let after = pending_of(&loaded, id);
    let resolved = before.saturating_sub(after);
    if json {
        print_json(
            &json!({"act": id, "event": kind.as_str(), "date": date, "log": path, "resolved_operations": resolved, "still_pending": after}),
        )?;
    } else {
        outln!(
            "recorded {} of {id} on {date} in {}; {resolved} operation(s) resolved, {after} still pending",
            kind.as_str(),
            path.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn pending_of(loaded: &Loaded, id: &RegistryId) -> usize {
    let lib = &loaded.library;
    lib.ops_by(id)
        .iter()
        .filter(|op| lib.resolve(op).is_some_and(|r| r.date().is_none()))
        .count()
}

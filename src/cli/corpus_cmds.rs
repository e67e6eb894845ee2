//! `check`, `acts`, `ops` and `event`: commands about the corpus as a whole.

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use serde_json::json;

use super::{CliError, print_json};
use crate::corpus::{self, LoadOptions, Loaded};
use crate::model::{EventKind, Lang, RegistryId};
use crate::views::{EffectiveView, OpsView};

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
            "warnings": lib.registry_warnings(),
            "registry_dates": lib.registry_dates(),
            "errors": loaded.errors.iter().map(|e| json!({
                "file": e.file, "line": e.line, "act": e.act, "op": e.op, "eid": e.eid, "message": e.kind.to_string(),
                "display": e.to_string(),
            })).collect::<Vec<_>>(),
        }))?;
    } else {
        for e in &loaded.errors {
            outln!("{e}");
        }
        for w in lib.registry_warnings() {
            outln!("warning: {w}");
        }
        for a in lib.registry_dates() {
            outln!(
                "registry: {} applied {} on {} ({}, {}); that implies first publication on {} (Civil Code count); recorded: {}",
                a.target,
                a.act,
                a.applied_on,
                a.redaction,
                a.source,
                a.implies_publication.map_or("?".into(), |d| d.to_string()),
                a.recorded_publication.map_or("none".into(), |d| d.to_string())
            );
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
    let view = OpsView::build(&loaded.library, id)?;
    if json {
        print_json(&view.operations)?;
    } else {
        for v in &view.operations {
            let op = &v.operation;
            outln!(
                "#{} {} {} {} — {}",
                v.index,
                op.change.kind_name(),
                op.target_act,
                op.target.as_ref().map_or("(whole act)", |t| t.as_str()),
                when(&v.effective),
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// How `nusqa event` records: a new date, or a correction.
#[derive(Debug, Clone, Default)]
pub struct EventMode {
    /// `Some(reason)` for a correction (`--correct --reason`).
    pub correct: Option<String>,
    /// Who records it (`--author`).
    pub author: Option<String>,
    /// Who writes, for the audit log (`--as`, or the local user).
    pub who: String,
}

/// `nusqa event ACT KIND DATE [--correct --reason R] [--author A]`: appends to the
/// act's event log and reports what it resolved. Takes the corpus lock before reading
/// the corpus and keeps it until the log is written. Recording the date already
/// recorded writes nothing and succeeds; another date without `--correct`, and events
/// that fail the checks, are refused (exit 2).
pub fn event(
    root: &Path,
    opts: &LoadOptions,
    id: &RegistryId,
    kind: &str,
    date: NaiveDate,
    mode: EventMode,
    json: bool,
) -> Result<ExitCode, CliError> {
    let kind: EventKind = kind.parse().map_err(CliError::BadArgument)?;
    let lock = corpus::CorpusLock::acquire(root)?;
    super::report_recovery(&corpus::recover(&lock, root, opts)?);
    let mut loaded = super::load_valid(root, opts)?;
    let act = loaded
        .library
        .act(id)
        .ok_or_else(|| CliError::NotFound(format!("act {id} is not in the corpus")))?;
    if act.event_date(kind) == Some(date) {
        if json {
            print_json(&json!({"act": id, "event": kind.as_str(), "date": date, "unchanged": true}))?;
        } else {
            outln!(
                "{} of {id} is already recorded on {date}; nothing written",
                kind.as_str()
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let before: usize = pending_of(&loaded, id);
    let req = crate::publishing::events::EventRequest {
        act: *id,
        kind,
        date,
        correct: mode.correct.clone(),
        author: mode.author.clone(),
    };
    let done = crate::publishing::events::record(&lock, root, opts, &mut loaded.library, &req, &mode.who).map_err(
        |e| match e {
            crate::publishing::events::EventError::Corpus(c) => CliError::Corpus(c),
            crate::publishing::events::EventError::UnknownAct(_) => CliError::NotFound(e.to_string()),
            other => CliError::BadArgument(other.to_string()),
        },
    )?;
    let crate::publishing::events::Recorded::Written { event, log: path, .. } = done else {
        return Ok(ExitCode::SUCCESS);
    };
    let corrects = event.corrects;
    drop(lock);
    let after = pending_of(&loaded, id);
    let resolved = before.saturating_sub(after);
    if json {
        print_json(
            &json!({"act": id, "event": kind.as_str(), "date": date, "corrects": corrects, "log": path, "resolved_operations": resolved, "still_pending": after}),
        )?;
    } else {
        let what = match corrects {
            Some(old) => format!("corrected {} of {id} from {old} to {date}", kind.as_str()),
            None => format!("recorded {} of {id} on {date}", kind.as_str()),
        };
        outln!(
            "{what} in {}; {resolved} operation(s) resolved, {after} still pending",
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

/// "2025-12-06", or "pending, earliest 2025-12-06", or "pending".
pub(super) fn when(e: &EffectiveView) -> String {
    match (e.date, e.earliest) {
        (Some(d), _) => d.to_string(),
        (None, Some(d)) => format!("pending, earliest {d}"),
        (None, None) => "pending".to_string(),
    }
}

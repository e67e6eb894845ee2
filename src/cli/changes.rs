//! `diff`, `effect` and `blame`: what changed, what an act did, who wrote what.

use std::process::ExitCode;
use std::time::Duration;

use chrono::NaiveDate;
use clap::ValueEnum;

use super::{CliError, print_json, today};
use crate::corpus::Loaded;
use crate::diff::{self, DiffOptions};
use crate::model::RegistryId;
use crate::views::{BlameView, EffectView};

/// Output formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Unified text with inline word marks.
    Unified,
    /// JSON (see docs/json.md).
    Json,
    /// An HTML redline.
    Html,
}

/// `nusqa diff ACT --from D1 --to D2`.
pub fn diff_cmd(
    loaded: &Loaded,
    id: &RegistryId,
    from: NaiveDate,
    to: NaiveDate,
    format: DiffFormat,
    opts: DiffOptions,
) -> Result<ExitCode, CliError> {
    let tl = loaded
        .library
        .timeline(id)
        .ok_or_else(|| CliError::NotFound(format!("act {id} is not in the corpus")))?;
    let d = diff::diff(tl, from, to, opts).map_err(|e| CliError::NotFound(e.to_string()))?;
    match format {
        DiffFormat::Unified => out!("{}", diff::unified(&d)),
        DiffFormat::Json => print_json(&d)?,
        DiffFormat::Html => out!("{}", diff::html::redline(&d)),
    }
    Ok(ExitCode::SUCCESS)
}

/// The `--deadline-ms` argument as options.
pub fn options(raw: bool, context: bool, deadline_ms: u64) -> DiffOptions {
    DiffOptions {
        raw,
        context,
        deadline: Duration::from_millis(deadline_ms),
    }
}

/// `nusqa effect ACT [--target ACT]`.
pub fn effect_cmd(
    loaded: &Loaded,
    id: &RegistryId,
    target: Option<&RegistryId>,
    as_json: bool,
) -> Result<ExitCode, CliError> {
    let view = EffectView::build(&loaded.library, id, target)?;
    if as_json {
        print_json(&view)?;
        return Ok(ExitCode::SUCCESS);
    }
    let groups = view.targets;
    if groups.is_empty() {
        outln!(
            "{id} makes no operations{}",
            target.map(|t| format!(" on {t}")).unwrap_or_default()
        );
    }
    for g in &groups {
        outln!("== {} {} ({} operation(s))", g.act, g.title, g.operations.len());
        for e in &g.operations {
            let op = &e.operation.operation;
            let when = match (e.status, e.date) {
                (crate::dates::DateStatus::Scheduled, Some(d)) => d.to_string(),
                (_, Some(d)) => format!("pending, earliest {d}"),
                _ => "pending".to_string(),
            };
            outln!(
                "#{} {} {} — {when}{}",
                e.index,
                op.change.kind_name(),
                op.target.as_ref().map_or("(whole act)", |t| t.as_str()),
                if e.simulated { " (simulated)" } else { "" }
            );
            let show = |label: &str, r: &Option<crate::effect::Reading>| match r {
                Some(r) => format!(
                    "{label} [{:?}] {}",
                    r.status,
                    r.text.as_deref().unwrap_or("").lines().next().unwrap_or("")
                ),
                None => format!("{label} (absent)"),
            };
            outln!("   {}", show("before:", &e.before));
            outln!("   {}", show("after: ", &e.after));
            if let Some(n) = &e.note {
                outln!("   {n}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `nusqa blame ACT [--as-of DATE]`.
pub fn blame_cmd(
    loaded: &Loaded,
    id: &RegistryId,
    as_of: Option<NaiveDate>,
    as_json: bool,
) -> Result<ExitCode, CliError> {
    let view = BlameView::build(&loaded.library, id, as_of.unwrap_or_else(today))?;
    if as_json {
        print_json(&view)?;
        return Ok(ExitCode::SUCCESS);
    }
    for l in &view.nodes {
        let by = match &l.item {
            Some(item) => format!(
                "{} ({}) {item}{}",
                l.act,
                l.act_label,
                l.abzats.map(|a| format!(" abzats {a}")).unwrap_or_default()
            ),
            None => format!("{} ({}) base text", l.act, l.act_label),
        };
        outln!(
            "{:<45} {:<10} since {}  {by}",
            l.eid,
            format!("{:?}", l.status),
            l.since
        );
    }
    Ok(ExitCode::SUCCESS)
}

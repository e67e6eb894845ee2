//! `show` and `history`: one act, or one node, through time.

use std::process::ExitCode;

use chrono::NaiveDate;

use super::{CliError, Format, print_json, today};
use crate::consolidate::Status;
use crate::corpus::Loaded;
use crate::model::{Content, EId, Lang, RegistryId};
use crate::render;
use crate::views::{ActView, HistoryView};

/// `nusqa show ACT [--as-of DATE] [--format text|md|json]`.
pub fn show(
    loaded: &Loaded,
    id: &RegistryId,
    as_of: Option<NaiveDate>,
    format: Format,
    notes: Option<Lang>,
    langs: &[Lang],
) -> Result<ExitCode, CliError> {
    let date = as_of.unwrap_or_else(today);
    let views = langs
        .iter()
        .map(|l| ActView::build_in(&loaded.library, id, date, notes, *l))
        .collect::<Result<Vec<_>, _>>()?;
    for view in &views {
        let corrected = |prefix: &str| -> String {
            view.corrections
                .iter()
                .map(|c| format!("{prefix}corrected on {}: {}\n", c.date, c.reason))
                .collect()
        };
        match format {
            Format::Text => out!(
                "{}",
                after_first_line(&render::text(view.act, &view.consolidated, &view.notes), &corrected(""))
            ),
            Format::Md => out!(
                "{}",
                after_first_line(
                    &render::markdown(view.act, &view.consolidated, &view.notes),
                    &corrected("> ")
                )
            ),
            Format::Json if views.len() == 1 => print_json(view)?,
            Format::Json => {}
        }
    }
    if format == Format::Json && views.len() > 1 {
        print_json(&views)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `nusqa reconcile ACT [--as-of DATE] [--json]`: the operations' wordings against the
/// registry's, per clause and language. The operations are taken with their pending
/// changes applied on the earliest day they can take force, so that a wording still
/// waiting for its date is compared too.
pub fn reconcile(loaded: &Loaded, id: &RegistryId, as_of: Option<NaiveDate>, json: bool) -> Result<ExitCode, CliError> {
    let view = crate::views::ReconcileView::build(&loaded.library, id, as_of)?;
    if json {
        print_json(&view)?;
    } else {
        out!("{}", crate::views::reconcile::render_text(&view));
    }
    Ok(ExitCode::SUCCESS)
}

/// `text` with `lines` inserted after its first line (the act's title).
fn after_first_line(text: &str, lines: &str) -> String {
    if lines.is_empty() {
        return text.to_string();
    }
    match text.split_once('\n') {
        Some((first, rest)) => format!("{first}\n{lines}{rest}"),
        None => format!("{text}\n{lines}"),
    }
}

/// `nusqa history ACT EID`.
pub fn history(loaded: &Loaded, id: &RegistryId, eid: &str, json: bool) -> Result<ExitCode, CliError> {
    let eid: EId = eid.parse().map_err(|e| CliError::BadArgument(format!("{e}")))?;
    let view = HistoryView::build(&loaded.library, id, &eid)?;
    if json {
        print_json(&view)?;
        return Ok(ExitCode::SUCCESS);
    }
    let HistoryView { versions, pending, .. } = view;
    outln!("{id} {eid}");
    for v in versions {
        let to = v.validity.to.map_or("…".to_string(), |d| d.to_string());
        let status = match &v.state.content {
            Content::Text { .. } => Status::InForce,
            Content::NotHeld => Status::NotHeld,
            Content::Repealed => Status::Repealed,
        };
        let by = match &v.state.source.item {
            None => format!("base text of {}", v.state.source.act),
            Some(item) => format!("{} {}", v.state.source.act, item),
        };
        outln!("[{} – {})  {:?}  by {by}", v.validity.from, to, status);
        if let Some(t) = v.state.content.text() {
            for line in t.lines() {
                outln!("    {line}");
            }
        }
    }
    for p in pending {
        outln!(
            "pending: {} by {} (earliest {})",
            p.kind,
            p.source.act,
            p.earliest.map_or("unknown".into(), |d| d.to_string())
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `nusqa akn ACT [--as-of DATE] [--out DIR]`: the act in force on the date as Akoma
/// Ntoso 3.0 XML, printed or written to `DIR/<id>-kaz@<version>.xml`.
pub fn akn(
    loaded: &Loaded,
    id: &RegistryId,
    as_of: Option<NaiveDate>,
    dir: Option<std::path::PathBuf>,
) -> Result<ExitCode, CliError> {
    let lib = &loaded.library;
    let date = as_of.unwrap_or_else(today);
    let xml = crate::akn::export(lib, id, date, today()).map_err(|e| CliError::NotFound(e.to_string()))?;
    match (dir, lib.timeline(id)) {
        (Some(dir), Some(tl)) => {
            let path = dir.join(format!("{id}-kaz@{}.xml", crate::akn::version_date(tl, date)));
            std::fs::write(&path, xml)?;
            outln!("{}", path.display());
        }
        _ => out!("{xml}"),
    }
    Ok(ExitCode::SUCCESS)
}

//! `show` and `history`: one act, or one node, through time.

use std::process::ExitCode;

use chrono::NaiveDate;
use serde_json::json;

use super::{CliError, Format, print_json, today};
use crate::consolidate::{self, Status};
use crate::corpus::Loaded;
use crate::model::{Content, EId, Lang, RegistryId};
use crate::render;

/// `nusqa show ACT [--as-of DATE] [--format text|md|json]`.
pub fn show(
    loaded: &Loaded,
    id: &RegistryId,
    as_of: Option<NaiveDate>,
    format: Format,
    notes: Option<Lang>,
) -> Result<ExitCode, CliError> {
    let lib = &loaded.library;
    let (Some(act), Some(tl)) = (lib.act(id), lib.timeline(id)) else {
        return Err(CliError::NotFound(format!("act {id} is not in the corpus")));
    };
    let date = as_of.unwrap_or_else(today);
    let c = consolidate::consolidate(tl, date).map_err(|e| CliError::NotFound(e.to_string()))?;
    let note_map = notes
        .map(|lang| crate::notes::notes_map(lib, tl, &c, lang))
        .unwrap_or_default();
    match format {
        Format::Text => out!("{}", render::text(act, &c, &note_map)),
        Format::Md => out!("{}", render::markdown(act, &c, &note_map)),
        Format::Json => print_json(&json!({"act": act, "consolidated": c, "notes": note_map}))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `nusqa history ACT EID`.
pub fn history(loaded: &Loaded, id: &RegistryId, eid: &str, json: bool) -> Result<ExitCode, CliError> {
    let lib = &loaded.library;
    let tl = lib
        .timeline(id)
        .ok_or_else(|| CliError::NotFound(format!("act {id} is not in the corpus")))?;
    let eid: EId = eid.parse().map_err(|e| CliError::BadArgument(format!("{e}")))?;
    let versions =
        consolidate::history(tl, &eid).ok_or_else(|| CliError::NotFound(format!("{id} has no node `{eid}`")))?;
    let pending = tl.pending_for(&eid);
    if json {
        print_json(&json!({"act": id, "eid": eid, "versions": versions, "pending": pending}))?;
        return Ok(ExitCode::SUCCESS);
    }
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

/// `nusqa akn ACT [--as-of DATE]`: the act in force on the date as Akoma Ntoso 3.0 XML.
pub fn akn(loaded: &Loaded, id: &RegistryId, as_of: Option<NaiveDate>) -> Result<ExitCode, CliError> {
    let lib = &loaded.library;
    let (Some(act), Some(tl)) = (lib.act(id), lib.timeline(id)) else {
        return Err(CliError::NotFound(format!("act {id} is not in the corpus")));
    };
    let date = as_of.unwrap_or_else(today);
    let c = consolidate::consolidate(tl, date).map_err(|e| CliError::NotFound(e.to_string()))?;
    out!("{}", crate::akn::export(act, &c, today()));
    Ok(ExitCode::SUCCESS)
}

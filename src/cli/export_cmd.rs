//! `nusqa export --as-of D --format json|akn --out DIR`: the whole registry as in force
//! on a day, one file per act (`DIR/<id>.json`, the API's act view, or
//! `DIR/<id>-kaz@<version>.xml`), and `DIR/index.json` listing them with their version
//! days: for developers who load the registry into their own systems. An act not yet
//! in force on the day (its base day later) is listed as such and gets no file.

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use serde_json::json;

use super::CliError;
use crate::model::Lang;
use crate::{Library, views};

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// The API's JSON act view (`GET /api/v1/acts/{id}?as_of=D`).
    Json,
    /// Akoma Ntoso 3.0 XML.
    Akn,
}

/// Writes every act of `lib` on `date` into `out` (created; it must be empty or new).
pub fn export(
    lib: &Library,
    date: NaiveDate,
    format: ExportFormat,
    out: &Path,
    made: NaiveDate,
) -> Result<ExitCode, CliError> {
    if out.exists() && std::fs::read_dir(out)?.next().is_some() {
        return Err(CliError::Refused(format!(
            "{} is not empty; nothing was written",
            out.display()
        )));
    }
    std::fs::create_dir_all(out)?;
    let mut listed = Vec::new();
    let (mut written, mut skipped) = (0usize, 0usize);
    for act in lib.acts() {
        let Some(tl) = lib.timeline(&act.id) else { continue };
        if date < tl.base_date {
            listed.push(json!({"act": act.id.to_string(), "in_force_from": tl.base_date.to_string(), "file": null}));
            skipped += 1;
            continue;
        }
        let version = crate::akn::version_date(tl, date);
        let file = match format {
            ExportFormat::Json => {
                let view = views::ActView::build_in(lib, &act.id, date, Some(Lang::Kk), Lang::Kk)?;
                let name = format!("{}.json", act.id);
                let mut body = serde_json::to_string_pretty(&view).map_err(|e| CliError::BadArgument(e.to_string()))?;
                body.push('\n');
                std::fs::write(out.join(&name), body)?;
                name
            }
            ExportFormat::Akn => {
                let xml =
                    crate::akn::export(lib, &act.id, date, made).map_err(|e| CliError::NotFound(e.to_string()))?;
                let name = format!("{}-kaz@{version}.xml", act.id);
                std::fs::write(out.join(&name), xml)?;
                name
            }
        };
        listed.push(json!({
            "act": act.id.to_string(),
            "work_uri": act.work_uri.to_string(),
            "version": version.to_string(),
            "expression": crate::akn::meta::expression_uri(act, version),
            "file": file,
        }));
        written += 1;
    }
    let index = json!({"as_of": date.to_string(), "format": match format { ExportFormat::Json => "json", ExportFormat::Akn => "akn" }, "acts": listed});
    let mut body = serde_json::to_string_pretty(&index).map_err(|e| CliError::BadArgument(e.to_string()))?;
    body.push('\n');
    std::fs::write(out.join("index.json"), body)?;
    outln!(
        "{written} act(s) written to {} as in force on {date}; {skipped} not yet in force; index.json lists them",
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}

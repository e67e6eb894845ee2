//! `nusqa draft …`: a draft's check report and preview. The files are read here; the
//! checks are [`crate::draft`]'s pure functions. Further subcommands (submit, show,
//! approve, publish, discard) go in [`DraftCmd`] beside these.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::{CliError, load_valid, print_json};
use crate::corpus::LoadOptions;
use crate::draft::{self, CheckReport, Severity, docx, order_text};
use crate::model::Act;

/// `nusqa draft …`.
#[derive(Debug, Subcommand)]
pub enum DraftCmd {
    /// Check a draft: every problem with its place; exit 1 when it has errors.
    Check(DraftInput),
    /// What a draft would change: per target act and date, the diff, the notes and the
    /// services (exit 1 when its check has errors; the preview is printed anyway).
    Preview(DraftInput),
}

/// A draft's files.
#[derive(Debug, Args)]
pub struct DraftInput {
    /// The metadata, in the act.json shape.
    #[arg(long)]
    meta: PathBuf,
    /// The order's text: plain UTF-8 text, or a .docx file.
    #[arg(long)]
    text: PathBuf,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// Runs a `draft` subcommand.
pub fn run(root: &Path, opts: &LoadOptions, cmd: DraftCmd) -> Result<ExitCode, CliError> {
    match cmd {
        DraftCmd::Check(input) => check_cmd(root, opts, &input),
        DraftCmd::Preview(input) => preview_cmd(root, opts, &input),
    }
}

/// Reads at most `max` bytes of `path`; more is an error.
fn read_capped(path: &Path, max: usize) -> Result<Vec<u8>, CliError> {
    let f = std::fs::File::open(path).map_err(|e| CliError::BadArgument(format!("{}: {e}", path.display())))?;
    if !f.metadata().is_ok_and(|m| m.is_file()) {
        return Err(CliError::BadArgument(format!("{}: not a regular file", path.display())));
    }
    let mut out = Vec::new();
    f.take(max as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| CliError::BadArgument(format!("{}: {e}", path.display())))?;
    if out.len() > max {
        return Err(CliError::BadArgument(format!(
            "{}: larger than {max} bytes, more than a draft may have",
            path.display()
        )));
    }
    Ok(out)
}

fn read_meta(path: &Path) -> Result<Act, CliError> {
    let bytes = read_capped(path, 1 << 20)?;
    serde_json::from_slice(&bytes)
        .map_err(|e| CliError::BadArgument(format!("{}: not act.json metadata: {e}", path.display())))
}

fn report_for(lib: &crate::Library, meta: &Act, path: &Path) -> Result<CheckReport, CliError> {
    let max = order_text::MAX_TEXT_BYTES.max(docx::MAX_UNCOMPRESSED as usize);
    let bytes = read_capped(path, max)?;
    let is_docx = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("docx")) || bytes.starts_with(b"PK\x03\x04");
    Ok(if is_docx {
        draft::check_docx(lib, meta, &bytes)
    } else {
        draft::check_bytes(lib, meta, &bytes)
    })
}

fn check_cmd(root: &Path, opts: &LoadOptions, input: &DraftInput) -> Result<ExitCode, CliError> {
    let meta = read_meta(&input.meta)?;
    let loaded = load_valid(root, opts)?;
    let report = report_for(&loaded.library, &meta, &input.text)?;
    if input.json {
        print_json(&report)?;
    } else {
        print_report(&meta, &report);
    }
    Ok(if report.errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn print_report(meta: &Act, r: &CheckReport) {
    outln!(
        "{}: {} error(s), {} warning(s), {} operation(s)",
        meta.id,
        r.errors,
        r.warnings,
        r.prepared.as_ref().map_or(0, |p| p.ops().len())
    );
    for p in &r.problems {
        let sev = match p.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut place = Vec::new();
        if let Some(l) = p.place.line {
            place.push(format!("line {l}"));
        }
        if let Some(i) = &p.place.item {
            place.push(i.clone());
        }
        if let Some(a) = p.place.abzats {
            place.push(format!("abzats {a}"));
        }
        if let Some(t) = &p.place.target_act {
            place.push(t.to_string());
        }
        if let Some(e) = &p.place.eid {
            place.push(e.to_string());
        }
        let place = if place.is_empty() {
            String::new()
        } else {
            format!(" [{}]", place.join(", "))
        };
        outln!("{sev} {}{place}: {}", p.code, p.message);
        if !p.text.is_empty() {
            let t: String = p.text.chars().take(160).collect();
            outln!("    {t}");
        }
    }
}

fn preview_cmd(root: &Path, opts: &LoadOptions, input: &DraftInput) -> Result<ExitCode, CliError> {
    let meta = read_meta(&input.meta)?;
    let loaded = load_valid(root, opts)?;
    let lib = &loaded.library;
    let report = report_for(lib, &meta, &input.text)?;
    let Some(prepared) = &report.prepared else {
        print_report(&meta, &report);
        return Ok(ExitCode::FAILURE);
    };
    let preview = draft::preview(lib, prepared);
    if input.json {
        print_json(&preview)?;
    } else {
        if report.errors > 0 {
            print_report(&meta, &report);
        }
        for t in &preview.targets {
            outln!("{} {}", t.act, t.title);
            for d in &t.dates {
                let when = match (d.date, d.earliest) {
                    (Some(day), _) => day.to_string(),
                    (None, Some(e)) => format!("pending, earliest {e}"),
                    (None, None) => "pending".to_string(),
                };
                outln!("  {when}: {} operation(s)", d.operations.len());
                for n in &d.notes {
                    outln!("    note: {n}");
                }
                if let Some(diff) = &d.diff {
                    for line in crate::diff::unified(diff).lines() {
                        outln!("    {line}");
                    }
                }
            }
        }
        if let Some(s) = &preview.services {
            for svc in &s.services {
                outln!("service {} {}", svc.id, svc.name.as_deref().unwrap_or(""));
            }
        }
        if let Some(e) = &preview.services_error {
            outln!("services: {e}");
        }
    }
    Ok(if report.errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

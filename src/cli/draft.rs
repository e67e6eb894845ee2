//! `nusqa draft …`: a draft's check report and preview from its files (read here; the
//! checks are [`crate::draft`]'s pure functions), and the workflow of stored drafts
//! (submit, show, list, approve, publish, discard) in [`super::draft_desk`].

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::draft_desk::{self, Ctx, DraftId, ListArgs, PublishArgs, SubmitArgs};
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
    /// Submit a draft as the local user (`--as NAME`) into the state directory; prints
    /// its id and its check report.
    Submit(SubmitArgs),
    /// A stored draft: its state, submitter, approval and check report.
    Show(DraftId),
    /// The stored drafts, newest first.
    List(ListArgs),
    /// Approve a draft as the local user, who must not be its submitter; refused
    /// (exit 2) while its check report has errors.
    Approve(DraftId),
    /// Publish an approved draft into the corpus (under the corpus lock, audited),
    /// updating the search index; refused (exit 2) when not approved or when the
    /// registry changed since the approval.
    Publish(PublishArgs),
    /// Discard a draft (a published one cannot be).
    Discard(DraftId),
}

/// A draft's files.
#[derive(Debug, Args)]
pub struct DraftInput {
    /// The metadata, in the act.json shape.
    #[arg(long)]
    pub(super) meta: PathBuf,
    /// The order's text: plain UTF-8 text, or a .docx file.
    #[arg(long)]
    pub(super) text: PathBuf,
    /// Print JSON.
    #[arg(long)]
    pub(super) json: bool,
}

/// Runs a `draft` subcommand on the corpus at `root` and the state directory `state`
/// as the local user `who`.
pub fn run(root: &Path, opts: &LoadOptions, state: &Path, who: &str, cmd: DraftCmd) -> Result<ExitCode, CliError> {
    let ctx = Ctx { root, opts, state, who };
    match cmd {
        DraftCmd::Check(input) => check_cmd(root, opts, &input),
        DraftCmd::Preview(input) => preview_cmd(root, opts, &input),
        DraftCmd::Submit(a) => draft_desk::submit(&ctx, &a),
        DraftCmd::Show(a) => draft_desk::show(&ctx, &a),
        DraftCmd::List(a) => draft_desk::list(&ctx, &a),
        DraftCmd::Approve(a) => draft_desk::approve(&ctx, &a),
        DraftCmd::Publish(a) => draft_desk::publish(&ctx, &a),
        DraftCmd::Discard(a) => draft_desk::discard(&ctx, &a),
    }
}

/// Reads at most `max` bytes of `path`; more is an error.
pub(super) fn read_capped(path: &Path, max: usize) -> Result<Vec<u8>, CliError> {
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

/// Reads the metadata file as JSON, kept as given (the check reports a malformed
/// field); it must be an object.
pub(super) fn read_meta_value(path: &Path) -> Result<serde_json::Value, CliError> {
    let bytes = read_capped(path, 1 << 20)?;
    serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()
        .filter(serde_json::Value::is_object)
        .ok_or_else(|| CliError::BadArgument(format!("{}: not act.json metadata (a JSON object)", path.display())))
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
    print_report_titled(meta.id.as_str(), r);
}

/// Prints a stored draft's check report: the counts, then every problem with its place.
pub(super) fn print_report_of(draft: &crate::state::Draft, r: &CheckReport) {
    print_report_titled(draft.meta.get("id").and_then(|v| v.as_str()).unwrap_or(&draft.id), r);
}

fn print_report_titled(title: &str, r: &CheckReport) {
    outln!(
        "{title}: {} error(s), {} warning(s), {} operation(s)",
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

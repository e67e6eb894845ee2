//! `nusqa draft submit|show|list|approve|publish|discard`: the draft workflow from the
//! command line, as the named local user `--as NAME` (default `local:<unix user>`),
//! through the same [`Desk`] as the API and the UI. Approval by the submitter is
//! refused there, every step is audited there, and publication goes through
//! [`publishing::publish_draft`] under the corpus lock, updating the search index
//! incrementally when one of the corpus as it is exists.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;

use super::draft::{read_capped, read_meta_value};
use super::{CliError, load_valid, print_json, report_recovery};
use crate::corpus::{self, CorpusLock, LoadOptions};
use crate::digest::sha256_hex;
use crate::draft::{CheckReport, docx, order_text};
use crate::publishing::DraftCheck;
use crate::publishing::{self, Desk, DraftError, DraftInput, PublicationError};
use crate::search::{BuildStats, SearchIndex, corpus_generation};
use crate::state::{Draft, DraftSource, Principal, Role};

/// `nusqa draft submit`: the same files as `draft check`.
pub type SubmitArgs = super::draft::DraftInput;

/// `nusqa draft show|approve|discard ID`.
#[derive(Debug, Args)]
pub struct DraftId {
    /// The draft's id (`d` and 16 hex digits, as `submit` and `list` print it).
    id: String,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// `nusqa draft publish ID`.
#[derive(Debug, Args)]
pub struct PublishArgs {
    /// The draft's id.
    id: String,
    /// The search index to update (left alone when missing or stale: it is rebuilt
    /// when next used).
    #[arg(long, default_value = "index")]
    index: PathBuf,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// `nusqa draft list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// Where the workflow runs and who runs it.
pub struct Ctx<'a> {
    /// The corpus root.
    pub root: &'a Path,
    /// How corpus files are read.
    pub opts: &'a LoadOptions,
    /// The state directory.
    pub state: &'a Path,
    /// The local user's name.
    pub who: &'a str,
}

impl Ctx<'_> {
    fn desk(&self) -> Result<Desk, CliError> {
        publishing::drafts::desk(self.root, self.opts, self.state).map_err(refusal)
    }

    fn principal(&self) -> Principal {
        Principal {
            name: self.who.to_string(),
            role: Role::Publisher,
        }
    }
}

/// The CLI error of a refused workflow step: an unknown draft is not found (exit 2),
/// a refusal (self-approval, not ready, conflict) is refused (exit 2), the rest fails
/// (exit 1).
fn refusal(e: DraftError) -> CliError {
    match e {
        DraftError::NotFound(_) => CliError::NotFound(e.to_string()),
        DraftError::Forbidden(_) | DraftError::NotReady(_) | DraftError::Conflict(_) => {
            CliError::Refused(e.to_string())
        }
        DraftError::State(s) => CliError::State(s),
        DraftError::Corpus(c) => CliError::Corpus(c),
    }
}

fn state_line(d: &Draft) -> String {
    let act = d.meta.get("id").and_then(|v| v.as_str()).unwrap_or("?");
    let mut line = format!(
        "{} {} {act} submitted by {} at {}",
        d.id,
        d.state.as_str(),
        d.submitted_by,
        d.submitted_at.format("%Y-%m-%d %H:%M:%S UTC")
    );
    if let Some(a) = d.approval() {
        line.push_str(&format!(", approved by {}", a.by));
    }
    if let Some(p) = &d.published_as {
        line.push_str(&format!(", published as {p}"));
    }
    if let Some((by, _)) = &d.closed
        && d.published_as.is_none()
    {
        line.push_str(&format!(", closed by {by}"));
    }
    line
}

/// A draft and its check report, as `draft show --json` and `draft submit --json`
/// print them.
#[derive(Serialize, schemars::JsonSchema)]
struct DraftWithReport<'a> {
    draft: &'a Draft,
    report: &'a CheckReport,
}

/// `nusqa draft submit`: stores the draft as the local user and prints its id and its
/// check report. A draft with errors is stored too (it cannot be approved until a
/// corrected one is submitted).
pub fn submit(ctx: &Ctx<'_>, a: &SubmitArgs) -> Result<ExitCode, CliError> {
    let meta = read_meta_value(&a.meta)?;
    let max = order_text::MAX_TEXT_BYTES.max(docx::MAX_UNCOMPRESSED as usize);
    let bytes = read_capped(&a.text, max)?;
    let is_docx =
        a.text.extension().is_some_and(|e| e.eq_ignore_ascii_case("docx")) || bytes.starts_with(b"PK\x03\x04");
    let bad = |m: String| CliError::BadArgument(format!("{}: {m}", a.text.display()));
    let (text, source) = if is_docx {
        let text = docx::text(&bytes).map_err(|e| bad(e.to_string()))?;
        let file_name = a.text.file_name().map(|n| n.to_string_lossy().into_owned());
        (
            text,
            DraftSource {
                kind: "docx".into(),
                file_name,
                sha256: sha256_hex(&bytes),
            },
        )
    } else {
        let text = String::from_utf8(bytes)
            .map_err(|e| bad(format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to())))?;
        let sha256 = sha256_hex(text.as_bytes());
        (
            text,
            DraftSource {
                kind: "text".into(),
                file_name: None,
                sha256,
            },
        )
    };
    let desk = ctx.desk()?;
    let library = load_valid(ctx.root, ctx.opts)?.library;
    let input = DraftInput {
        meta,
        text: [("kk".to_string(), text)].into_iter().collect(),
        source,
    };
    let (draft, check) = desk.submit(&ctx.principal(), &library, input).map_err(refusal)?;
    print_draft(&draft, &check, a.json, &format!("submitted draft {}", draft.id))?;
    if !a.json && check.errors() > 0 {
        outln!("its check report has errors: it cannot be approved as it is");
    }
    Ok(ExitCode::SUCCESS)
}

/// `nusqa draft show ID`: the draft, its state and its check report against the
/// corpus as it is.
pub fn show(ctx: &Ctx<'_>, a: &DraftId) -> Result<ExitCode, CliError> {
    let desk = ctx.desk()?;
    let library = load_valid(ctx.root, ctx.opts)?.library;
    let (draft, check) = desk.show(&a.id, &library).map_err(refusal)?;
    print_draft(&draft, &check, a.json, &state_line(&draft))?;
    Ok(ExitCode::SUCCESS)
}

/// A draft and its report: JSON, or `heading` then the report for people.
fn print_draft(draft: &Draft, check: &DraftCheck, json: bool, heading: &str) -> Result<(), CliError> {
    if json {
        print_json(&DraftWithReport {
            draft,
            report: check.view(),
        })?;
    } else {
        outln!("{heading}");
        super::draft::print_report_of(draft, check.view());
    }
    Ok(())
}

/// `nusqa draft list`: every draft, newest first.
pub fn list(ctx: &Ctx<'_>, a: &ListArgs) -> Result<ExitCode, CliError> {
    let drafts = ctx.desk()?.list().map_err(refusal)?;
    if a.json {
        print_json(&drafts)?;
    } else if drafts.is_empty() {
        outln!("no drafts");
    } else {
        for d in &drafts {
            outln!("{}", state_line(d));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `nusqa draft approve ID`: approved by the local user, who must not be its submitter.
pub fn approve(ctx: &Ctx<'_>, a: &DraftId) -> Result<ExitCode, CliError> {
    let desk = ctx.desk()?;
    let library = load_valid(ctx.root, ctx.opts)?.library;
    let draft = desk.approve(&ctx.principal(), &a.id, &library).map_err(refusal)?;
    if a.json {
        print_json(&draft)?;
    } else {
        outln!("approved draft {} as {}", draft.id, ctx.who);
    }
    Ok(ExitCode::SUCCESS)
}

/// `nusqa draft discard ID`.
pub fn discard(ctx: &Ctx<'_>, a: &DraftId) -> Result<ExitCode, CliError> {
    let draft = ctx.desk()?.discard(&ctx.principal(), &a.id).map_err(refusal)?;
    if a.json {
        print_json(&draft)?;
    } else {
        outln!("discarded draft {} as {}", draft.id, ctx.who);
    }
    Ok(ExitCode::SUCCESS)
}

/// What became of the search index after a publication from the CLI.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", tag = "status")]
enum IndexOutcome {
    /// Updated incrementally.
    Updated(BuildStats),
    /// There is no usable index at the path.
    Missing,
    /// The index is of another corpus generation: left alone, rebuilt when next used.
    Stale,
}

/// `nusqa draft publish --json`.
#[derive(Serialize, schemars::JsonSchema)]
struct Published<'a> {
    act: String,
    draft: &'a str,
    audit_seq: u64,
    generation: &'a str,
    index: IndexOutcome,
}

/// `nusqa draft publish ID`: under the corpus lock (recovery first, then the corpus
/// loaded), publishes the approved draft and updates the search index of the corpus
/// as it was, when there is one.
pub fn publish(ctx: &Ctx<'_>, a: &PublishArgs) -> Result<ExitCode, CliError> {
    let desk = ctx.desk()?;
    let lock = CorpusLock::acquire(ctx.root)?;
    report_recovery(&corpus::recover(&lock, ctx.root, ctx.opts)?);
    // Taken before loading, under the lock: the index is updated only if it is of the
    // corpus the library is loaded from.
    let generation = corpus_generation(ctx.root, ctx.opts)?;
    let library = load_valid(ctx.root, ctx.opts)?.library;
    let (index, mut outcome) = match SearchIndex::open(&a.index) {
        Ok(idx) if idx.generation().corpus == generation => (Some(idx), IndexOutcome::Missing),
        Ok(_) => (None, IndexOutcome::Stale),
        Err(_) => (None, IndexOutcome::Missing),
    };
    let done = publishing::publish_draft(&lock, &desk, &ctx.principal(), &a.id, &library, index.as_ref()).map_err(
        |e| match e {
            PublicationError::Draft(d) => refusal(d),
            other => CliError::AfterPublication(other.to_string()),
        },
    )?;
    drop(lock);
    if let Some(stats) = done.reindexed {
        outcome = IndexOutcome::Updated(stats);
    }
    if a.json {
        return print_json(&Published {
            act: done.act.to_string(),
            draft: &done.draft.id,
            audit_seq: done.audit_seq,
            generation: &done.generation,
            index: outcome,
        })
        .map(|()| ExitCode::SUCCESS);
    }
    outln!(
        "published draft {} as {} (audit entry {}, {} act(s) rebuilt)",
        done.draft.id,
        done.act,
        done.audit_seq,
        done.rebuilt.len()
    );
    match outcome {
        IndexOutcome::Updated(s) => outln!(
            "search index {} updated: {} node(s) re-indexed, {} version(s) added in {:.2} s",
            a.index.display(),
            s.nodes_replaced,
            s.added,
            s.seconds
        ),
        IndexOutcome::Missing => outln!("no search index at {}; `nusqa index` builds one", a.index.display()),
        IndexOutcome::Stale => outln!(
            "the search index at {} was already stale; it is rebuilt when next used",
            a.index.display()
        ),
    }
    Ok(ExitCode::SUCCESS)
}

//! The command line: one file per command group. `main.rs` only calls [`main`].

/// Prints to standard output; a closed pipe (`nusqa show … | head`) ends the program
/// quietly instead of panicking.
macro_rules! out {
    ($($t:tt)*) => { $crate::cli::emit(&format!($($t)*)) };
}

/// [`out!`] with a newline.
macro_rules! outln {
    () => { $crate::cli::emit("\n") };
    ($($t:tt)*) => { $crate::cli::emit(&format!("{}\n", format_args!($($t)*))) };
}

mod accounts;
mod amendments;
mod audit_cmd;
mod bench;
mod bench_peer;
mod bench_publish;
mod bench_server;
mod changes;
mod corpus_cmds;
mod draft;
mod draft_desk;
mod export_cmd;
mod import_akn;
mod publish_cmd;
mod search_cmd;
mod serve_cmd;
mod services;
mod show;
mod synth_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use crate::corpus::{self, CorpusError, LoadOptions, Loaded};
use crate::model::RegistryId;

/// nusqa: point-in-time Kazakh regulatory acts.
#[derive(Debug, Parser)]
#[command(name = "nusqa", version, about)]
pub struct Cli {
    /// The corpus directory.
    #[arg(long, global = true, default_value = "corpus")]
    pub corpus: PathBuf,
    /// The largest corpus file read, in MiB: a larger file (or one that is not a
    /// regular file) is an error naming it, never read in full.
    #[arg(long, global = true, default_value_t = 64, value_name = "MIB")]
    pub max_file_mib: u64,
    /// The operational state directory (tokens, sessions): never inside the corpus.
    #[arg(long, global = true, default_value = "state")]
    pub state: PathBuf,
    /// Who writes, as the audit log records it (default `local:<unix user>`).
    #[arg(long = "as", global = true, value_name = "NAME")]
    pub who: Option<String>,
    #[command(subcommand)]
    command: Command,
}

/// What `nusqa import` reads.
#[derive(Debug, clap::Subcommand)]
pub enum ImportWhat {
    /// A folder of the registry's redactions: `DIR/SOURCES.md` (provenance) and
    /// `DIR/<registry id>/{kaz,rus}@DATE.md, meta@DATE.yaml`
    Registry {
        /// The folder.
        dir: std::path::PathBuf,
    },
    /// An Akoma Ntoso 3.0 document (one version of an act), written as a prepared
    /// publication `OUT/<registry id>/{act.json,text.kk.md}`; the corpus is not touched
    Akn {
        /// The XML file.
        file: std::path::PathBuf,
        /// Where the act's directory goes.
        #[arg(long)]
        out: std::path::PathBuf,
        /// The act's registry id, when the document does not give it
        #[arg(long)]
        id: Option<String>,
    },
}

/// Output formats of `show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Indented plain text.
    Text,
    /// Markdown.
    Md,
    /// JSON (see docs/json.md).
    Json,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate the corpus: print a summary, or every error; exit 1 on errors.
    Check {
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the acts.
    Acts {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Show an act as in force on a date.
    Show {
        /// The act's registry id.
        act: String,
        /// The date (YYYY-MM-DD); today by default.
        #[arg(long)]
        as_of: Option<NaiveDate>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Shorthand for `--format json`.
        #[arg(long)]
        json: bool,
        /// Omit the editorial notes.
        #[arg(long)]
        no_notes: bool,
        /// The language of the editorial notes (kk or ru).
        #[arg(long, default_value = "kk")]
        notes_lang: String,
        /// The language of the text: kk, ru, or both (Kazakh, then Russian).
        #[arg(long, default_value = "kk")]
        lang: String,
    },
    /// Import the registry's own texts of acts (`import registry DIR`), with provenance
    Import {
        /// What to import.
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// The operations' wordings of an act against the registry's redactions, per clause
    /// and language: agree, differ (with the word diff), only in the registry, only
    /// from operations
    Reconcile {
        /// The act's registry id.
        act: String,
        /// The date (YYYY-MM-DD); the latest dated redaction's by default.
        #[arg(long)]
        as_of: Option<NaiveDate>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// What changed between two dates: structural, then word by word.
    Diff {
        /// The act's registry id.
        act: String,
        /// The earlier date.
        #[arg(long)]
        from: NaiveDate,
        /// The later date.
        #[arg(long)]
        to: NaiveDate,
        /// Output format.
        #[arg(long, value_enum, default_value_t = changes::DiffFormat::Unified)]
        format: changes::DiffFormat,
        /// List unchanged nodes too.
        #[arg(long)]
        context: bool,
        /// Show typography-only differences (quotes, dashes, spaces, look-alikes).
        #[arg(long)]
        raw: bool,
        /// Time budget of each word diff, in milliseconds.
        #[arg(long, default_value_t = 200)]
        deadline_ms: u64,
        /// Shorthand for `--format json`.
        #[arg(long)]
        json: bool,
    },
    /// What an amending act does, operation by operation, grouped by target act.
    Effect {
        /// The amending act's registry id.
        act: String,
        /// Only this target act.
        #[arg(long)]
        target: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// For each node, the act, item and date of its current wording.
    Blame {
        /// The act's registry id.
        act: String,
        /// The date (default today).
        #[arg(long)]
        as_of: Option<NaiveDate>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// An act in force on a date as Akoma Ntoso 3.0 XML.
    Akn {
        /// The act's registry id.
        act: String,
        /// The date (default today).
        #[arg(long)]
        as_of: Option<NaiveDate>,
        /// Write `DIR/<id>-kaz@<version's first day>.xml` instead of printing.
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
    /// The API's OpenAPI 3.1 document (what `GET /api/v1/openapi.json` answers)
    Openapi,
    /// The whole registry as in force on a day, one file per act and an index.json
    Export {
        /// The day (default today).
        #[arg(long)]
        as_of: Option<NaiveDate>,
        /// `json` (the API's act view) or `akn` (Akoma Ntoso XML).
        #[arg(long, value_enum, default_value_t = export_cmd::ExportFormat::Json)]
        format: export_cmd::ExportFormat,
        /// The directory (new or empty).
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Every version of one node.
    History {
        /// The act's registry id.
        act: String,
        /// The node's eId.
        eid: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// The operations an act makes.
    Ops {
        /// The amending act's registry id.
        act: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Record an event of an act (e.g. its first publication), or correct its date.
    ///
    /// An act has one date per event: recording the date already recorded changes
    /// nothing; another date is refused unless given as a correction (`--correct
    /// --reason`), which the log keeps beside the record it supersedes. Writers take the
    /// corpus lock, so concurrent commands queue.
    Event {
        /// The act's registry id.
        act: String,
        /// publication, entry_into_force or repeal.
        kind: String,
        /// The date (YYYY-MM-DD).
        date: NaiveDate,
        /// Correct the recorded date of this event to DATE.
        #[arg(long, requires = "reason")]
        correct: bool,
        /// Why the date changes (required with --correct), e.g. the registry's note.
        #[arg(long, requires = "correct")]
        reason: Option<String>,
        /// Who records it (optional; reserved for the publishing workflow).
        #[arg(long)]
        author: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Amending acts: parse their Kazakh text into operations.
    #[command(subcommand)]
    Amendments(AmendmentsCmd),
    /// Rebuild the search index from the corpus.
    Index {
        /// The index directory.
        #[arg(long, default_value = "index")]
        index: PathBuf,
        /// Indexing threads.
        #[arg(long, default_value_t = 2)]
        threads: usize,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Search clause versions: in force on a date (default today), or at any time.
    Search(search_cmd::SearchArgs),
    /// Serve the JSON API (see the `web` module for the routes).
    Serve {
        /// The address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// The index directory.
        #[arg(long, default_value = "index")]
        index: PathBuf,
        /// Serve read-only: no drafts, publications or events over HTTP.
        #[arg(long)]
        read_only: bool,
    },
    /// Write a synthetic corpus (labelled synthetic) for tests and benchmarks.
    Synth {
        /// Base (amended) acts.
        #[arg(long)]
        acts: usize,
        /// Operations per base act.
        #[arg(long, default_value_t = 5)]
        amendments: usize,
        /// Clauses per base act.
        #[arg(long, default_value_t = 100)]
        clauses: usize,
        /// Random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Output directory (must not exist or be empty).
        #[arg(long)]
        out: PathBuf,
    },
    /// Measure consolidation, loading, search and diffs against baselines; fuzz.
    Bench(bench::BenchArgs),
    /// The state services governed by the corpus's Rules on a date.
    Services {
        /// The date (YYYY-MM-DD); today by default.
        #[arg(long)]
        as_of: Option<NaiveDate>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// A state service's passport on a date: each attribute with its source clause.
    Service {
        /// The service id, e.g. V1400010273-att_1.
        id: String,
        /// The date (YYYY-MM-DD); today by default.
        #[arg(long)]
        as_of: Option<NaiveDate>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// How a state service (or one attribute) changed over time, and by which act.
    ServiceHistory {
        /// The service id, e.g. V1400010273-att_1.
        id: String,
        /// One attribute: provider, channels, term, form, result, fee, schedule,
        /// documents, refusal_grounds, other_requirements.
        attribute: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Which state services, and which attributes, an amending act changes.
    Impact {
        /// The amending act's registry id.
        act: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Drafts of amending orders: their check report and preview, and the workflow
    /// (submit, show, list, approve, publish, discard) as the local user `--as NAME`.
    #[command(subcommand)]
    Draft(draft::DraftCmd),
    /// API tokens of the state directory: create, list, revoke (audited).
    #[command(subcommand)]
    Token(TokenCmd),
    /// The audit log (corpus/audit.jsonl): verify the chain, show the entries.
    #[command(subcommand)]
    Audit(AuditCmd),
    /// Publish a prepared act directory (act.json, text.kk.md, ops.json,
    /// entry_into_force.json): checked, staged, renamed into place, audited.
    Publish {
        /// The prepared directory.
        dir: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Correct a published act from a correction request (see corpus/README.md): the
    /// original is kept, operations are re-derived, the audit log gets an entry.
    Correct {
        /// The act's registry id.
        act: String,
        /// The correction request (JSON).
        #[arg(long)]
        changes: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `nusqa token …`.
#[derive(Debug, Subcommand)]
enum TokenCmd {
    /// Create a token; it is printed once, alone on the last line.
    Create {
        /// publisher or admin.
        #[arg(long)]
        role: String,
        /// Its name (letters, digits, `.`, `_`, `-`), never reused.
        #[arg(long)]
        name: String,
    },
    /// List the tokens: name, role, created, revoked (never a hash).
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Revoke a token (and end its sessions).
    Revoke {
        /// Its name.
        name: String,
    },
}

/// `nusqa audit …`.
#[derive(Debug, Subcommand)]
enum AuditCmd {
    /// Check the chain and every file hash it references; exit 1 naming the first
    /// broken entry.
    Verify {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print the entries, oldest first.
    Show {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `nusqa amendments …`.
#[derive(Debug, Subcommand)]
enum AmendmentsCmd {
    /// Parse an amending act (an act directory, its text file, or a registry id).
    Parse {
        /// FILE or ACT.
        what: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Freeze the result into the corpus (never overwrites frozen operations).
        #[arg(long)]
        write: bool,
    },
}

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The corpus could not be read at all.
    #[error("{0}")]
    Corpus(Box<CorpusError>),
    /// The corpus has errors.
    #[error("the corpus has {0} error(s); run `nusqa check`")]
    Invalid(usize),
    /// Something asked for does not exist.
    #[error("{0}")]
    NotFound(String),
    /// An argument is malformed.
    #[error("{0}")]
    BadArgument(String),
    /// Output could not be written.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The state directory could not be read or written.
    #[error("{0}")]
    State(crate::state::StateError),
    /// A write was refused: a draft approved by its submitter, not ready, or in
    /// conflict with the registry. Nothing was written.
    #[error("refused: {0}")]
    Refused(String),
    /// An act was published, but a step after its write failed (its draft or the
    /// search index).
    #[error("{0}")]
    AfterPublication(String),
}

impl From<crate::views::ViewError> for CliError {
    fn from(e: crate::views::ViewError) -> CliError {
        CliError::NotFound(e.to_string())
    }
}

impl From<CorpusError> for CliError {
    fn from(e: CorpusError) -> CliError {
        CliError::Corpus(Box::new(e))
    }
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(match e {
                CliError::BadArgument(_) | CliError::NotFound(_) | CliError::Refused(_) => 2,
                _ => 1,
            })
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, CliError> {
    let root = cli.corpus;
    let opts = LoadOptions::with_max_file_mib(cli.max_file_mib);
    let who = cli.who.unwrap_or_else(crate::publishing::local_user);
    let state = cli.state;
    match cli.command {
        Command::Check { json } => {
            recover_at_start(&root, &opts)?;
            corpus_cmds::check(&root, &opts, json)
        }
        Command::Token(TokenCmd::Create { role, name }) => accounts::create(&state, &root, &name, &role, &who),
        Command::Token(TokenCmd::List { json }) => accounts::list(&state, json),
        Command::Token(TokenCmd::Revoke { name }) => accounts::revoke(&state, &root, &name, &who),
        Command::Audit(AuditCmd::Verify { json }) => audit_cmd::verify(&root, &opts, json),
        Command::Audit(AuditCmd::Show { json }) => audit_cmd::show(&root, &opts, json),
        Command::Publish { dir, json } => publish_cmd::publish_dir(&root, &opts, &dir, &who, json),
        Command::Correct { act, changes, json } => {
            publish_cmd::correct(&root, &opts, &parse_id(&act)?, &changes, &who, json)
        }
        Command::Acts { json } => corpus_cmds::acts(&load_valid(&root, &opts)?, json),
        Command::Show {
            act,
            as_of,
            format,
            json,
            no_notes,
            notes_lang,
            lang,
        } => {
            let notes = if no_notes { None } else { Some(parse_lang(&notes_lang)?) };
            let langs = match lang.as_str() {
                "both" => vec![crate::model::Lang::Kk, crate::model::Lang::Ru],
                l => vec![parse_lang(l)?],
            };
            show::show(
                &load_valid(&root, &opts)?,
                &parse_id(&act)?,
                as_of,
                if json { Format::Json } else { format },
                notes,
                &langs,
            )
        }
        Command::Import {
            what: ImportWhat::Akn { file, out, id },
        } => import_akn::import_akn(&file, &out, id.as_deref()),
        Command::Import {
            what: ImportWhat::Registry { dir },
        } => {
            let lock = crate::corpus::CorpusLock::acquire(&root)?;
            let s = crate::corpus::redactions::import(&lock, &root, &dir)?;
            for f in &s.written {
                outln!("written   {f}");
            }
            for f in &s.unchanged {
                outln!("unchanged {f}");
            }
            outln!("{} file(s) written, {} unchanged", s.written.len(), s.unchanged.len());
            Ok(ExitCode::SUCCESS)
        }
        Command::Reconcile { act, as_of, json } => {
            show::reconcile(&load_valid(&root, &opts)?, &parse_id(&act)?, as_of, json)
        }
        Command::Diff {
            act,
            from,
            to,
            format,
            context,
            raw,
            deadline_ms,
            json,
        } => changes::diff_cmd(
            &load_valid(&root, &opts)?,
            &parse_id(&act)?,
            from,
            to,
            if json { changes::DiffFormat::Json } else { format },
            changes::options(raw, context, deadline_ms),
        ),
        Command::Effect { act, target, json } => {
            let target = target.map(|t| parse_id(&t)).transpose()?;
            changes::effect_cmd(&load_valid(&root, &opts)?, &parse_id(&act)?, target.as_ref(), json)
        }
        Command::Openapi => {
            let doc = serde_json::to_string_pretty(&crate::web::openapi::document())
                .map_err(|e| CliError::BadArgument(e.to_string()))?;
            outln!("{doc}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { as_of, format, out } => export_cmd::export(
            &load_valid(&root, &opts)?.library,
            as_of.unwrap_or_else(|| chrono::Local::now().date_naive()),
            format,
            &out,
            chrono::Local::now().date_naive(),
        ),
        Command::Akn { act, as_of, out } => show::akn(&load_valid(&root, &opts)?, &parse_id(&act)?, as_of, out),
        Command::Blame { act, as_of, json } => {
            changes::blame_cmd(&load_valid(&root, &opts)?, &parse_id(&act)?, as_of, json)
        }
        Command::History { act, eid, json } => show::history(&load_valid(&root, &opts)?, &parse_id(&act)?, &eid, json),
        Command::Ops { act, json } => corpus_cmds::ops(&load_valid(&root, &opts)?, &parse_id(&act)?, json),
        Command::Event {
            act,
            kind,
            date,
            correct,
            reason,
            author,
            json,
        } => corpus_cmds::event(
            &root,
            &opts,
            &parse_id(&act)?,
            &kind,
            date,
            corpus_cmds::EventMode {
                correct: correct.then(|| reason.unwrap_or_default()),
                author,
                who,
            },
            json,
        ),
        Command::Synth {
            acts,
            amendments,
            clauses,
            seed,
            out,
        } => synth_cmd::synth(
            crate::synth::SynthOptions {
                acts,
                amendments,
                clauses,
                seed,
            },
            &out,
        ),
        Command::Bench(args) => bench::run(args, &root, &opts),
        Command::Services { as_of, json } => services::services(&load_valid(&root, &opts)?, as_of, json),
        Command::Service { id, as_of, json } => services::service(&load_valid(&root, &opts)?, &id, as_of, json),
        Command::ServiceHistory { id, attribute, json } => {
            services::service_history(&load_valid(&root, &opts)?, &id, attribute.as_deref(), json)
        }
        Command::Impact { act, json } => services::impact(&load_valid(&root, &opts)?, &parse_id(&act)?, json),
        Command::Amendments(AmendmentsCmd::Parse { what, json, write }) => {
            amendments::parse_cmd(&root, &opts, &what, json, write)
        }
        Command::Index { index, threads, json } => search_cmd::index(&root, &opts, &index, threads, json),
        Command::Search(args) => search_cmd::search(&root, &opts, args),
        Command::Draft(cmd) => draft::run(&root, &opts, &state, &who, cmd),
        Command::Serve { addr, index, read_only } => {
            recover_at_start(&root, &opts)?;
            let state = (!read_only).then_some(state.as_path());
            serve_cmd::serve(&root, &opts, &index, addr, state)
        }
    }
}

/// Completes or rolls back a publication or correction a crash interrupted (readers
/// that start a session: `check`, `serve`); says what it did on standard error.
fn recover_at_start(root: &std::path::Path, opts: &LoadOptions) -> Result<(), CliError> {
    let r = corpus::recover_if_needed(root, opts)?;
    report_recovery(&r);
    Ok(())
}

/// Says on standard error what a recovery did, when it did anything.
pub(crate) fn report_recovery(r: &corpus::Recovery) {
    if let Some(t) = &r.completed {
        let audit = if r.appended_audit {
            ", its audit entry appended"
        } else {
            ""
        };
        eprintln!("recovery: completed the interrupted write of {t}{audit}");
    }
    if let Some(t) = &r.rolled_back {
        eprintln!("recovery: rolled back the interrupted write of {t}");
    }
    if r.removed_staging > 0 {
        eprintln!("recovery: removed {} stale staging director(y/ies)", r.removed_staging);
    }
}

fn parse_lang(s: &str) -> Result<crate::model::Lang, CliError> {
    match s {
        "kk" => Ok(crate::model::Lang::Kk),
        "ru" => Ok(crate::model::Lang::Ru),
        other => Err(CliError::BadArgument(format!(
            "unknown language `{other}`; expected kk or ru"
        ))),
    }
}

fn parse_id(s: &str) -> Result<RegistryId, CliError> {
    s.parse().map_err(|e| CliError::BadArgument(format!("{e}")))
}

/// Loads the corpus and refuses to serve it when it has errors.
fn load_valid(root: &std::path::Path, opts: &LoadOptions) -> Result<Loaded, CliError> {
    let loaded = corpus::load_with_options(root, opts)?;
    if !loaded.errors.is_empty() {
        for e in &loaded.errors {
            eprintln!("{e}");
        }
        return Err(CliError::Invalid(loaded.errors.len()));
    }
    Ok(loaded)
}

/// Writes `s` to standard output; exits quietly when the reader has gone away.
pub(crate) fn emit(s: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(s.as_bytes()).and_then(|()| out.flush())
        && e.kind() == std::io::ErrorKind::BrokenPipe
    {
        std::process::exit(0);
    }
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<(), CliError> {
    let s = serde_json::to_string_pretty(value).map_err(|e| CliError::BadArgument(e.to_string()))?;
    outln!("{s}");
    Ok(())
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

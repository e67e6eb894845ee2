//! `index` and `search`.

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;

use super::{CliError, load_valid, print_json, today};
use crate::corpus::LoadOptions;
use crate::model::{Lang, RegistryId};
use crate::search::{self, SearchIndex, SearchRequest, When, corpus_generation};

impl From<search::SearchError> for CliError {
    fn from(e: search::SearchError) -> CliError {
        match e {
            search::SearchError::Query(m) => CliError::BadArgument(format!("malformed query: {m}")),
            search::SearchError::Limit(l) => CliError::BadArgument(l.to_string()),
            search::SearchError::Corpus(e) => CliError::Corpus(e),
            other => CliError::NotFound(other.to_string()),
        }
    }
}

/// `nusqa index`: rebuild the index from the corpus.
pub fn index(root: &Path, opts: &LoadOptions, dir: &Path, threads: usize, json: bool) -> Result<ExitCode, CliError> {
    // The generation is taken before the corpus is read: a change made meanwhile leaves
    // the index labelled older than its content, so it is rebuilt, never served stale.
    let generation = corpus_generation(root, opts)?;
    let loaded = load_valid(root, opts)?;
    let (_, stats) = SearchIndex::build(&loaded.library, dir, &generation, threads)?;
    if json {
        print_json(&stats)?;
    } else {
        outln!(
            "indexed {} clause versions in {:.2} s ({} bytes) into {}",
            stats.added,
            stats.seconds,
            stats.bytes,
            dir.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Opens the index, rebuilding it first when it is missing or of another corpus
/// generation: a stale index is never served.
pub fn fresh_index(root: &Path, opts: &LoadOptions, dir: &Path) -> Result<SearchIndex, CliError> {
    fresh_index_of(root, opts, dir, None)
}

/// [`fresh_index`], rebuilding from `library` (already loaded from `root`) when given,
/// so that a caller which needs the library anyway does not load the corpus twice.
pub(super) fn fresh_index_of(
    root: &Path,
    opts: &LoadOptions,
    dir: &Path,
    library: Option<(&crate::library::Library, &str)>,
) -> Result<SearchIndex, CliError> {
    // With a library given, the index must be of the generation that library was
    // loaded at (taken before loading it), not of whatever the corpus is now.
    let generation = match library {
        Some((_, loaded_at)) => loaded_at.to_string(),
        None => corpus_generation(root, opts)?,
    };
    match SearchIndex::open(dir) {
        Ok(idx) if idx.generation().corpus == generation => Ok(idx),
        Ok(_) | Err(_) => {
            eprintln!(
                "the search index is missing or stale; rebuilding it from {}",
                root.display()
            );
            let built = match library {
                Some((lib, _)) => SearchIndex::build(lib, dir, &generation, 2)?,
                None => SearchIndex::build(&load_valid(root, opts)?.library, dir, &generation, 2)?,
            };
            Ok(built.0)
        }
    }
}

/// The arguments of `nusqa search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// The query: words, "phrases", prefix*, AND / OR / NOT, parentheses.
    pub query: String,
    /// Versions in force on this date (default: today).
    #[arg(long)]
    pub as_of: Option<NaiveDate>,
    /// Every version ever, grouped by clause.
    #[arg(long)]
    pub any_time: bool,
    /// Only this act.
    #[arg(long)]
    pub act: Option<String>,
    /// Only texts in this language (kk or ru).
    #[arg(long)]
    pub lang: Option<String>,
    /// At most this many hits (clauses with --any-time).
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Skip this many hits.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// The index directory.
    #[arg(long, default_value = "index")]
    pub index: std::path::PathBuf,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `nusqa search QUERY`.
pub fn search(root: &Path, opts: &LoadOptions, a: SearchArgs) -> Result<ExitCode, CliError> {
    let dir = a.index.clone();
    let dir = dir.as_path();
    let act = a
        .act
        .as_deref()
        .map(|s| {
            s.parse::<RegistryId>()
                .map_err(|e| CliError::BadArgument(e.to_string()))
        })
        .transpose()?;
    let lang = match a.lang.as_deref() {
        None => None,
        Some("kk") => Some(Lang::Kk),
        Some("ru") => Some(Lang::Ru),
        Some(other) => {
            return Err(CliError::BadArgument(format!(
                "unknown language `{other}`; expected kk or ru"
            )));
        }
    };
    if a.any_time && a.as_of.is_some() {
        return Err(CliError::BadArgument("give --as-of or --any-time, not both".into()));
    }
    let when = if a.any_time {
        When::AnyTime
    } else {
        When::AsOf(a.as_of.unwrap_or_else(today))
    };
    let req = SearchRequest {
        query: a.query.clone(),
        when,
        act,
        lang,
        limit: a.limit,
        offset: a.offset,
    };
    // The same limits as the API, before the index is opened (or rebuilt).
    search::limits::check(&req).map_err(|e| CliError::BadArgument(e.to_string()))?;
    let idx = fresh_index(root, opts, dir)?;
    let res = search::search(&idx, &req)?;
    if a.json {
        print_json(&res)?;
        return Ok(ExitCode::SUCCESS);
    }
    let scope = match when {
        When::AsOf(d) => format!("in force on {d}"),
        When::AnyTime => "at any time".to_string(),
    };
    if res.total == 0 {
        outln!("no clause {scope} matches `{}`", a.query);
        return Ok(ExitCode::SUCCESS);
    }
    outln!("{} matching clause version(s) {scope}", res.total);
    let show = |h: &search::Hit| {
        let to = h.valid_to.map_or("…".to_string(), |d| d.to_string());
        let from = h.valid_from.map_or("?".to_string(), |d| d.to_string());
        outln!("  [{from} – {to})  by {}  score {:.2}", h.source_act, h.score);
        outln!("    {}", h.marked_snippet());
    };
    match &res.groups {
        Some(groups) => {
            for g in groups {
                outln!("{} {}", g.act, g.eid);
                g.versions.iter().for_each(show);
            }
        }
        None => {
            for h in &res.hits {
                let num = h.num.as_deref().map(|n| format!(" [{n}]")).unwrap_or_default();
                outln!("{} {}{num}", h.act, h.eid);
                show(h);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

//! `serve`: the web UI and the JSON API over the corpus and a fresh search index.

use std::path::Path;
use std::process::ExitCode;

use super::search_cmd::fresh_index_of;
use super::{CliError, load_valid};
use crate::corpus::LoadOptions;
use crate::search::corpus_generation;

/// `nusqa serve`: the UI and the JSON API on `addr`, over the corpus and a fresh index;
/// with a state directory it also accepts drafts, publications and events.
pub fn serve(
    root: &Path,
    opts: &LoadOptions,
    dir: &Path,
    addr: std::net::SocketAddr,
    state: Option<&Path>,
) -> Result<ExitCode, CliError> {
    // The generation is taken before loading: a change made meanwhile makes the index
    // look stale, never fresh.
    let loaded_at = corpus_generation(root, opts)?;
    let library = load_valid(root, opts)?.library;
    let index = fresh_index_of(root, opts, dir, Some((&library, &loaded_at)))?;
    let state = std::sync::Arc::new(match state {
        Some(state) => {
            let desk = crate::publishing::Desk {
                corpus: root.to_path_buf(),
                opts: *opts,
                drafts: crate::state::DraftStore::new(crate::state::StateDir::open(state).map_err(CliError::State)?),
            };
            crate::web::AppState::with_writer(library, Some(index), desk)
        }
        None => crate::web::AppState::new(library, Some(index)),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    eprintln!("serving nusqa on http://{addr}/ (API under /api/v1/, described at /api/v1/openapi.json)");
    let watched = crate::web::watch::Watched {
        corpus: root.to_path_buf(),
        opts: *opts,
    };
    runtime.block_on(crate::web::serve(
        state,
        addr,
        crate::web::serve::ServeOptions::default(),
        Some(watched),
    ))?;
    Ok(ExitCode::SUCCESS)
}

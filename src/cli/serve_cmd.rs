//! `serve`: the web UI and the JSON API over the corpus and a fresh search index.

use std::path::Path;
use std::process::ExitCode;

use super::search_cmd::fresh_index_of;
use super::{CliError, load_valid};

/// `nusqa serve`: the JSON API on `addr`, over the corpus and a fresh search index.
pub fn serve(root: &Path, dir: &Path, addr: std::net::SocketAddr) -> Result<ExitCode, CliError> {
    let library = load_valid(root)?.library;
    let index = fresh_index_of(root, dir, Some(&library))?;
    let state = std::sync::Arc::new(crate::web::AppState {
        library,
        index: Some(index),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    eprintln!("serving the nusqa API on http://{addr}/api/acts");
    runtime.block_on(crate::web::serve(
        state,
        addr,
        crate::web::serve::ServeOptions::default(),
    ))?;
    Ok(ExitCode::SUCCESS)
}

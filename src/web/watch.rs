//! A running server follows writes made to its corpus by others (`nusqa event`, `nusqa
//! publish`, a second server on the same corpus): every write appends to the audit log
//! (`corpus/audit.jsonl`), so the server looks at the log's length every
//! [`INTERVAL`], and when it changed reloads the corpus, updates the search index for
//! the acts whose entries differ, and swaps the snapshot in, as its own writes do. Its
//! own writes change the log too, but leave its index at the corpus's generation, so
//! they are recognised without a reload. Under the writer's order lock, so a reload and
//! a write never interleave.
//!
//! The whole corpus is read on each change: enough for a registry of thousands of acts;
//! at the national registry's size the derived store of issue 15 replaces it.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use super::{AppState, Snapshot};
use crate::corpus::{self, LoadOptions};
use crate::library::Library;
use crate::model::RegistryId;

/// How often the audit log is looked at.
pub const INTERVAL: Duration = Duration::from_secs(2);

/// What the watcher needs: the corpus and how to read it.
#[derive(Debug, Clone)]
pub struct Watched {
    /// The corpus directory.
    pub corpus: PathBuf,
    /// How it is read.
    pub opts: LoadOptions,
}

fn log_len(w: &Watched) -> u64 {
    std::fs::metadata(corpus::audit_log::audit_path(&w.corpus)).map_or(0, |m| m.len())
}

/// The acts whose entries (metadata, base text, operations) differ between `old` and
/// `new`, with the acts their operations target: what the index must rebuild.
fn changed(old: &Library, new: &Library) -> Vec<RegistryId> {
    let mut out: Vec<RegistryId> = Vec::new();
    let ids: std::collections::BTreeSet<RegistryId> = old.acts().chain(new.acts()).map(|a| a.id).collect();
    for id in ids {
        let same = old.act(&id) == new.act(&id) && old.base(&id) == new.base(&id) && old.ops_by(&id) == new.ops_by(&id);
        if !same {
            out.push(id);
            out.extend(old.ops_by(&id).iter().chain(new.ops_by(&id)).map(|o| o.target_act));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Reloads the corpus when it differs from what `state` serves; true when a new
/// snapshot was swapped in. A corpus that does not load is left alone (the current
/// snapshot goes on being served) and reported on standard error.
pub fn refresh(state: &AppState, w: &Watched) -> bool {
    let _order = state
        .writer
        .as_ref()
        .map(|wr| wr.order.lock().unwrap_or_else(|p| p.into_inner()));
    let generation = crate::search::corpus_generation(&w.corpus, &w.opts);
    let old = state.snapshot();
    // This server's own writes leave its index at the corpus's generation: nothing to
    // reload (the generation hashes the files; loading would also replay them).
    if let (Ok(g), Some(idx)) = (&generation, &old.index)
        && idx.generation().corpus == *g
    {
        return false;
    }
    let loaded = corpus::load_with_options(&w.corpus, &w.opts);
    let (generation, loaded) = match (generation, loaded) {
        (Ok(g), Ok(l)) if l.errors.is_empty() => (g, l),
        (_, Ok(l)) => {
            eprintln!(
                "the corpus changed but has {} error(s); still serving the last good one",
                l.errors.len()
            );
            return false;
        }
        (_, Err(e)) => {
            eprintln!("the corpus changed but cannot be read ({e}); still serving the last good one");
            return false;
        }
    };
    let rebuilt = changed(&old.library, &loaded.library);
    if rebuilt.is_empty() {
        return false;
    }
    let index = match &old.index {
        Some(idx) => match crate::publishing::reindex(idx, &old.library, &loaded.library, &rebuilt, &generation) {
            Ok((idx, _)) => Some(idx),
            Err(e) => {
                eprintln!("the corpus changed but the index could not follow ({e}); still serving the last good one");
                return false;
            }
        },
        None => None,
    };
    state.replace(Snapshot::new(loaded.library, index));
    true
}

/// Watches the audit log of `w` for as long as the server runs.
pub async fn follow(state: Arc<AppState>, w: Watched) {
    let mut seen = log_len(&w);
    loop {
        tokio::time::sleep(INTERVAL).await;
        let now = log_len(&w);
        if now == seen {
            continue;
        }
        seen = now;
        let (st, wc) = (state.clone(), w.clone());
        if let Ok(true) = tokio::task::spawn_blocking(move || refresh(&st, &wc)).await {
            eprintln!("the corpus changed outside this server: reloaded");
        }
    }
}

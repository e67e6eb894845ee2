//! The search index brought up to date after a write: only the acts the write rebuilt
//! are re-indexed ([`SearchIndex::update`]), and the index then records the corpus
//! generation the write left. What a publication, an event and a correction do alike,
//! in the server and in the CLI.

use crate::library::Library;
use crate::model::RegistryId;
use crate::search::{BuildStats, SearchError, SearchIndex};

/// The index of `new`, made from `index` (the index of `old`, which the write turned
/// into `new`) by re-indexing the changed nodes of `rebuilt`; it records `generation`,
/// the corpus generation after the write. `index` itself is a clone sharing the same
/// files, so readers holding it see the update after their next reload.
pub fn reindex(
    index: &SearchIndex,
    old: &Library,
    new: &Library,
    rebuilt: &[RegistryId],
    generation: &str,
) -> Result<(SearchIndex, BuildStats), SearchError> {
    let mut next = index.clone();
    let stats = next.update(old, new, rebuilt, generation)?;
    Ok((next, stats))
}

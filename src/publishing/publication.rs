//! A draft published and brought into a loaded registry: the step after approval, the
//! same for the API, the UI, the CLI and the benchmark.
//!
//! Under the corpus lock the caller holds: [`Desk::publish_locked`] writes the act
//! through the corpus transaction (fsynced, audited), the corpus generation after the
//! write is taken, the act is added to a copy of the loaded library
//! ([`Library::add_act`], which rebuilds the timelines of the acts it amends) and the
//! search index, when there is one, is updated for those acts only ([`reindex`]). The
//! caller then serves or drops the result; nothing here knows HTTP.

use crate::corpus::{CorpusError, CorpusLock};
use crate::library::{AddError, Library};
use crate::model::RegistryId;
use crate::search::{BuildStats, SearchError, SearchIndex};
use crate::state::{Draft, Principal};

use super::drafts::{Desk, DraftError};
use super::reindex::reindex;

/// Why a publication was refused, or what failed after the act was written.
#[derive(Debug, thiserror::Error)]
pub enum PublicationError {
    /// The workflow refused the publication (not found, not ready, conflict); nothing
    /// was written.
    #[error(transparent)]
    Draft(#[from] DraftError),
    /// The act was written, but the loaded library already holds it: the caller's
    /// library was not the corpus as it is.
    #[error("act {act} was published, but the loaded library refuses it: {source}")]
    Library {
        /// The act written.
        act: RegistryId,
        /// Why the library refused it.
        source: AddError,
    },
    /// The act was written, but the corpus generation after it could not be read.
    #[error("act {act} was published, but the corpus generation cannot be read: {source}")]
    Generation {
        /// The act written.
        act: RegistryId,
        /// What failed.
        source: Box<CorpusError>,
    },
    /// The act was written, but the search index could not be updated (it still records
    /// the generation before the write, so it is rebuilt when next opened, never
    /// served stale by the CLI).
    #[error("act {act} was published, but the search index could not be updated: {source}")]
    Index {
        /// The act written.
        act: RegistryId,
        /// What failed.
        source: SearchError,
    },
}

/// A published draft and the registry with it: what the caller serves next.
pub struct Publication {
    /// The act published.
    pub act: RegistryId,
    /// The draft, now `published`.
    pub draft: Draft,
    /// The publication's audit entry's sequence number.
    pub audit_seq: u64,
    /// The corpus generation after the write.
    pub generation: String,
    /// The loaded library with the act added.
    pub library: Library,
    /// The acts whose timelines were rebuilt: the act and the acts it amends.
    pub rebuilt: Vec<RegistryId>,
    /// The search index of `library`, when an index was given.
    pub index: Option<SearchIndex>,
    /// What the incremental update of the index did, when an index was given.
    pub reindexed: Option<BuildStats>,
}

impl std::fmt::Debug for Publication {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Publication")
            .field("act", &self.act)
            .field("draft", &self.draft.id)
            .field("audit_seq", &self.audit_seq)
            .field("generation", &self.generation)
            .field("rebuilt", &self.rebuilt)
            .field("index", &self.index.is_some())
            .field("reindexed", &self.reindexed)
            .finish_non_exhaustive()
    }
}

/// Publishes the draft `id` as `who` under `lock` and brings `library` and `index` up
/// to date with it. `library` must be the corpus as it is under the lock (loaded after
/// taking it, or the server's snapshot, which only this server's writes change) and
/// `index`, when given, the index of that same library.
pub fn publish_draft(
    lock: &CorpusLock,
    desk: &Desk,
    who: &Principal,
    id: &str,
    library: &Library,
    index: Option<&SearchIndex>,
) -> Result<Publication, PublicationError> {
    let done = desk.publish_locked(lock, who, id, library)?;
    let act = done.entry.act.id;
    let generation =
        crate::corpus::generation::generation(&desk.corpus, &desk.opts).map_err(|e| PublicationError::Generation {
            act,
            source: Box::new(e),
        })?;
    let mut next = library.clone();
    let (rebuilt, _) = next
        .add_act(done.entry)
        .map_err(|source| PublicationError::Library { act, source })?;
    let (index, reindexed) = match index {
        Some(idx) => {
            let (idx, stats) = reindex(idx, library, &next, &rebuilt, &generation)
                .map_err(|source| PublicationError::Index { act, source })?;
            (Some(idx), Some(stats))
        }
        None => (None, None),
    };
    Ok(Publication {
        act,
        draft: done.draft,
        audit_seq: done.audit_seq,
        generation,
        library: next,
        rebuilt,
        index,
        reindexed,
    })
}

//! The draft workflow: submit, check, preview, approve, publish, discard. What the
//! API, the UI and the CLI (`nusqa draft …`) do alike, as a named principal.
//!
//! * A draft is stored in the state directory ([`DraftStore`]); the corpus holds only
//!   the audit entries of its steps until it is published.
//! * Approval is by a publisher other than the submitter, of a draft whose check has
//!   no errors; it records the fingerprint ([`basis`]) of the target acts as the
//!   approver saw them.
//! * Publication needs an approval and a check without errors (else 422), refuses an
//!   id or number already published and a corpus that changed under the approval in a
//!   way that touches the targets (409), and writes through the corpus transaction
//!   ([`crate::corpus::publish`]): the act, its text, its frozen operations and the
//!   audit entry land together or not at all.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::Utc;

use super::check::{DraftCheck, check_draft};
use crate::audit::{Action, AuditDraft};
use crate::corpus::{self, CorpusError, CorpusLock, LoadOptions, PublicationFiles, PublishError};
use crate::digest::sha256_hex;
use crate::library::{ActEntry, Library};
use crate::model::RegistryId;
use crate::state::{Approval, Draft, DraftSource, DraftState, DraftStore, Principal, StateError};

/// What a drafter hands in: the metadata in the `act.json` shape and the order's text.
#[derive(Debug, Clone)]
pub struct DraftInput {
    /// The metadata, as received.
    pub meta: serde_json::Value,
    /// The text by language (`kk`).
    pub text: BTreeMap<String, String>,
    /// What it came from.
    pub source: DraftSource,
}

/// Why a step of the workflow is refused. Nothing is written in any of these cases.
#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    /// No draft has this id.
    #[error("no draft `{0}`")]
    NotFound(String),
    /// The principal may not take this step (self-approval).
    #[error("{0}")]
    Forbidden(String),
    /// The draft is not ready for this step: its check has errors, it lacks an
    /// approval, or it is closed.
    #[error("{0}")]
    NotReady(String),
    /// The registry already holds the act, or changed under the approval.
    #[error("{0}")]
    Conflict(String),
    /// The state directory could not be read or written.
    #[error("{0}")]
    State(#[from] StateError),
    /// The corpus could not be read or written.
    #[error("{0}")]
    Corpus(#[from] Box<CorpusError>),
}

impl From<CorpusError> for DraftError {
    fn from(e: CorpusError) -> DraftError {
        DraftError::Corpus(Box::new(e))
    }
}

/// The corpus and the drafts a workflow step works on.
#[derive(Debug, Clone)]
pub struct Desk {
    /// The corpus root.
    pub corpus: std::path::PathBuf,
    /// How corpus files are read.
    pub opts: LoadOptions,
    /// The drafts.
    pub drafts: DraftStore,
}

/// A published draft: the draft as closed, and the act as the library holds it.
#[derive(Debug)]
pub struct PublishedDraft {
    /// The draft, now `published`.
    pub draft: Draft,
    /// The act, to add to a loaded library ([`Library::add_act`]).
    pub entry: ActEntry,
    /// The audit entry's sequence number.
    pub audit_seq: u64,
}

/// The fingerprint of the registry as it bears on `targets`: each target's metadata
/// and events, and the id and events of every act that amends it. A new amending act,
/// an event or a correction touching a target changes it; anything else does not.
pub fn basis(lib: &Library, targets: &[RegistryId]) -> String {
    let mut parts: Vec<serde_json::Value> = Vec::new();
    let mut targets = targets.to_vec();
    targets.sort();
    targets.dedup();
    for t in &targets {
        let Some(act) = lib.act(t) else {
            parts.push(serde_json::json!({ "missing": t }));
            continue;
        };
        let mut amending: Vec<&RegistryId> = lib
            .acts()
            .filter(|a| lib.ops_by(&a.id).iter().any(|op| op.target_act == *t))
            .map(|a| &a.id)
            .collect();
        amending.sort();
        let amending: Vec<serde_json::Value> = amending
            .into_iter()
            .filter_map(|id| lib.act(id))
            .map(|a| serde_json::json!({ "id": a.id, "events": a.events, "ops": lib.ops_by(&a.id).len() }))
            .collect();
        parts.push(serde_json::json!({ "act": act, "amended_by": amending }));
    }
    sha256_hex(serde_json::to_string(&parts).unwrap_or_default().as_bytes())
}

fn audit(desk: &Desk, who: &Principal, action: Action, subject: &str, payload: &[u8]) -> Result<u64, DraftError> {
    let lock = CorpusLock::acquire(&desk.corpus)?;
    let entry = corpus::audit_log::append(
        &lock,
        &desk.corpus,
        AuditDraft::new(&who.name, action, subject, payload),
    )?;
    Ok(entry.seq)
}

fn payload(draft: &Draft) -> Vec<u8> {
    serde_json::to_vec(draft).unwrap_or_default()
}

fn open(desk: &Desk, id: &str) -> Result<Draft, DraftError> {
    desk.drafts.get(id)?.ok_or_else(|| DraftError::NotFound(id.to_string()))
}

impl Desk {
    /// Submits a new draft as `who` and checks it against `lib`.
    pub fn submit(&self, who: &Principal, lib: &Library, input: DraftInput) -> Result<(Draft, DraftCheck), DraftError> {
        let draft = Draft {
            id: DraftStore::new_id()?,
            state: DraftState::Submitted,
            submitted_by: who.name.clone(),
            submitted_at: Utc::now(),
            meta: input.meta,
            text: input.text,
            source: input.source,
            approvals: Vec::new(),
            published_as: None,
            closed: None,
        };
        let lock = self.drafts.state().lock()?;
        self.drafts.save(&lock, &draft)?;
        drop(lock);
        audit(self, who, Action::Submit, &draft.id, &payload(&draft))?;
        let check = check_draft(lib, &draft);
        Ok((draft, check))
    }

    /// The draft `id` and its check against `lib`.
    pub fn show(&self, id: &str, lib: &Library) -> Result<(Draft, DraftCheck), DraftError> {
        let draft = open(self, id)?;
        let check = check_draft(lib, &draft);
        Ok((draft, check))
    }

    /// Every draft, newest first.
    pub fn list(&self) -> Result<Vec<Draft>, DraftError> {
        Ok(self.drafts.list()?)
    }

    /// Approves the draft `id` as `who`: refused for its submitter (403), for a closed
    /// draft and for one whose check against `lib` has errors (422).
    pub fn approve(&self, who: &Principal, id: &str, lib: &Library) -> Result<Draft, DraftError> {
        let lock = self.drafts.state().lock()?;
        let mut draft = open(self, id)?;
        if !draft.state.is_open() {
            return Err(DraftError::NotReady(format!("draft {id} is {}", draft.state.as_str())));
        }
        if draft.submitted_by == who.name {
            return Err(DraftError::Forbidden(format!(
                "draft {id} was submitted by {}: it must be approved by another publisher",
                who.name
            )));
        }
        let check = check_draft(lib, &draft);
        if check.errors() > 0 {
            return Err(DraftError::NotReady(format!(
                "draft {id} has {} error(s) in its check report; it cannot be approved",
                check.errors()
            )));
        }
        draft.approvals.push(Approval {
            by: who.name.clone(),
            at: Utc::now(),
            basis: basis(lib, &check.targets()),
        });
        draft.state = DraftState::Approved;
        self.drafts.save(&lock, &draft)?;
        drop(lock);
        audit(self, who, Action::Approve, id, &payload(&draft))?;
        Ok(draft)
    }

    /// Discards the draft `id` as `who`; a published draft cannot be discarded.
    pub fn discard(&self, who: &Principal, id: &str) -> Result<Draft, DraftError> {
        let lock = self.drafts.state().lock()?;
        let mut draft = open(self, id)?;
        if !draft.state.is_open() {
            return Err(DraftError::NotReady(format!("draft {id} is {}", draft.state.as_str())));
        }
        draft.state = DraftState::Discarded;
        draft.closed = Some((who.name.clone(), Utc::now()));
        self.drafts.save(&lock, &draft)?;
        drop(lock);
        audit(self, who, Action::Discard, id, &payload(&draft))?;
        Ok(draft)
    }

    /// Publishes the draft `id` as `who` into the corpus. `lib` must be the library of
    /// the corpus as it is now (the server's current snapshot, or a fresh load): the
    /// approval's basis is compared with it, and the corpus transaction re-validates
    /// against the files under the lock.
    pub fn publish(&self, who: &Principal, id: &str, lib: &Library) -> Result<PublishedDraft, DraftError> {
        let lock = CorpusLock::acquire(&self.corpus)?;
        self.publish_locked(&lock, who, id, lib)
    }

    /// [`Desk::publish`] under the corpus lock `lock`, which the caller took before it
    /// loaded or took `lib` (and keeps, to bring derived state such as the search
    /// index up to date before another writer comes: [`super::publish_draft`]). The
    /// corpus lock is always taken before the state directory's.
    pub fn publish_locked(
        &self,
        lock: &CorpusLock,
        who: &Principal,
        id: &str,
        lib: &Library,
    ) -> Result<PublishedDraft, DraftError> {
        let state_lock = self.drafts.state().lock()?;
        let mut draft = open(self, id)?;
        if draft.state != DraftState::Approved {
            return Err(DraftError::NotReady(format!(
                "draft {id} is {}: only an approved draft is published",
                draft.state.as_str()
            )));
        }
        let check = check_draft(lib, &draft);
        if check.errors() > 0 {
            return Err(DraftError::NotReady(format!(
                "draft {id} has {} error(s) in its check report",
                check.errors()
            )));
        }
        let Some((entry, eif)) = check.prepared() else {
            return Err(DraftError::NotReady(format!("draft {id} has nothing to publish")));
        };
        let approved = draft.approval().map(|a| a.basis.clone()).unwrap_or_default();
        if basis(lib, &check.targets()) != approved {
            return Err(DraftError::Conflict(format!(
                "the registry changed since draft {id} was approved in a way that touches its target acts; \
                 preview it again and have it approved again"
            )));
        }
        let files = PublicationFiles::from_entry(&entry, eif.as_ref());
        let manifest: String = files
            .list()
            .iter()
            .map(|(name, bytes)| format!("{name} {}\n", sha256_hex(bytes)))
            .collect();
        let audit = AuditDraft::new(&who.name, Action::Publish, entry.act.id.as_str(), manifest.as_bytes());
        let published = corpus::publish(lock, &self.corpus, &self.opts, &files, audit).map_err(|e| match e {
            PublishError::Corpus(c) => DraftError::Corpus(c),
            e @ (PublishError::IdExists { .. } | PublishError::NumberExists { .. }) => {
                DraftError::Conflict(e.to_string())
            }
            e @ (PublishError::CorpusInvalid(_) | PublishError::Invalid(_)) => DraftError::NotReady(e.to_string()),
        })?;
        draft.state = DraftState::Published;
        draft.published_as = Some(published.id.to_string());
        draft.closed = Some((who.name.clone(), Utc::now()));
        // The act is published: a failure to close the draft leaves it approved, and a
        // second publication of it is refused as a conflict (the id exists).
        self.drafts.save(&state_lock, &draft)?;
        // As the loader reads it back: the clause read by the parser, when act.json
        // states none, is the act's.
        let mut entry = entry;
        if entry.act.entry_into_force.is_none() {
            entry.act.entry_into_force = eif;
        }
        Ok(PublishedDraft {
            draft,
            entry,
            audit_seq: published.audit.seq,
        })
    }
}

/// A desk over the corpus at `corpus` and the state directory at `state`.
pub fn desk(corpus: &Path, opts: &LoadOptions, state: &Path) -> Result<Desk, DraftError> {
    Ok(Desk {
        corpus: corpus.to_path_buf(),
        opts: *opts,
        drafts: DraftStore::new(crate::state::StateDir::open(state)?),
    })
}

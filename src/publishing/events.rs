//! Recording an event of a published act (its first publication, entry into force,
//! repeal), or correcting a recorded date: validated on the library, appended to the
//! act's event log and to the audit log under the corpus lock. What `nusqa event` and
//! `POST /api/acts/{id}/events` do alike.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::audit::{Action, AuditDraft};
use crate::consolidate::CheckError;
use crate::corpus::{self, CorpusError, CorpusLock, LoadOptions};
use crate::library::{Library, RecordError};
use crate::model::{Event, EventKind, RegistryId};

/// An event to record.
#[derive(Debug, Clone)]
pub struct EventRequest {
    /// The act.
    pub act: RegistryId,
    /// What happened.
    pub kind: EventKind,
    /// When.
    pub date: NaiveDate,
    /// `Some(reason)` to correct a recorded date; a first record needs none.
    pub correct: Option<String>,
    /// Who states it (the record's `author`), when not the writer.
    pub author: Option<String>,
}

/// What recording did.
#[derive(Debug, Clone)]
pub enum Recorded {
    /// The date was already recorded: nothing written.
    Unchanged,
    /// The event was appended.
    Written {
        /// The event as logged.
        event: Event,
        /// The log.
        log: PathBuf,
        /// The acts whose timelines changed (the act and those it amends).
        rebuilt: Vec<RegistryId>,
        /// The audit entry's sequence number.
        audit_seq: u64,
    },
}

/// Why an event is refused. Nothing is written.
#[derive(Debug, thiserror::Error)]
pub enum EventError {
    /// No such act.
    #[error("act {0} is not in the corpus")]
    UnknownAct(RegistryId),
    /// The event contradicts what is recorded, or its date is impossible.
    #[error("{0}")]
    Refused(#[from] RecordError),
    /// Recording it would make the corpus inconsistent.
    #[error("recording {kind} {date} for {act} would make the corpus inconsistent: {}", .errors.iter().map(|e| corpus::CorpusError::from(e.clone()).to_string()).collect::<Vec<_>>().join("; "))]
    Inconsistent {
        /// The act.
        act: RegistryId,
        /// The event.
        kind: &'static str,
        /// Its date.
        date: NaiveDate,
        /// What the checks found.
        errors: Vec<CheckError>,
    },
    /// The corpus could not be written.
    #[error("{0}")]
    Corpus(#[from] Box<CorpusError>),
}

impl From<CorpusError> for EventError {
    fn from(e: CorpusError) -> EventError {
        EventError::Corpus(Box::new(e))
    }
}

/// Records `req` as `who` in `lib` (the corpus at `root` as loaded under `lock`) and in
/// the corpus's logs. On error `lib` may hold the refused event: callers work on a copy
/// or discard it.
pub fn record(
    lock: &CorpusLock,
    root: &Path,
    opts: &LoadOptions,
    lib: &mut Library,
    req: &EventRequest,
    who: &str,
) -> Result<Recorded, EventError> {
    let id = req.act;
    let act = lib.act(&id).ok_or(EventError::UnknownAct(id))?;
    if req.correct.is_none() && act.event_date(req.kind) == Some(req.date) {
        return Ok(Recorded::Unchanged);
    }
    let (event, errors) = match &req.correct {
        Some(reason) => lib.correct_event(&id, req.kind, req.date, reason, req.author.as_deref())?,
        None => {
            let errors = lib.record_event(&id, req.kind, req.date)?;
            let event = Event {
                author: req.author.clone(),
                ..Event::new(req.kind, req.date)
            };
            (event, errors)
        }
    };
    if !errors.is_empty() {
        return Err(EventError::Inconsistent {
            act: id,
            kind: req.kind.as_str(),
            date: req.date,
            errors,
        });
    }
    let record = serde_json::to_vec(&event).unwrap_or_default();
    let log = corpus::write::append_event(lock, root, opts, &id, event.clone())?;
    let audit = corpus::audit_log::append(lock, root, AuditDraft::new(who, Action::Event, id.as_str(), &record))?;
    let mut rebuilt: Vec<RegistryId> = lib.ops_by(&id).iter().map(|o| o.target_act).collect();
    rebuilt.push(id);
    rebuilt.sort();
    rebuilt.dedup();
    Ok(Recorded::Written {
        event,
        log,
        rebuilt,
        audit_seq: audit.seq,
    })
}

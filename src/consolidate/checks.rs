//! Consistency findings, each with its place.

use chrono::NaiveDate;

use crate::amend::{AmendError, Origin};
use crate::model::{EId, RegistryId};

/// What is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckKind {
    /// An operation cannot be applied on its effective date.
    #[error("operation effective {date} cannot be applied: {error}")]
    Apply {
        /// The effective date.
        date: NaiveDate,
        /// Why.
        error: AmendError,
    },
    /// Two operations from different acts change one node on the same day, with no
    /// stated order between them.
    #[error("operations of {first} and {second} both change `{eid}` on {date} with no stated order")]
    SameDay {
        /// The node.
        eid: EId,
        /// The day.
        date: NaiveDate,
        /// One amending act.
        first: RegistryId,
        /// The other.
        second: RegistryId,
    },
    /// An operation dated before the target act was adopted (or took force), or on
    /// that very day.
    #[error("operation effective {date} is dated before the target act's base text of {base} (or on its day)")]
    BeforeTarget {
        /// The operation's date.
        date: NaiveDate,
        /// The target act's base date.
        base: NaiveDate,
    },
    /// An event dated before the act's registration.
    #[error("{event} on {date} is dated before registration on {registered}")]
    EventBeforeRegistration {
        /// The event.
        event: &'static str,
        /// Its date.
        date: NaiveDate,
        /// The registration date.
        registered: NaiveDate,
    },
    /// An event dated before the act was adopted.
    #[error("{event} on {date} is dated before the act's adoption on {adopted}")]
    EventBeforeAdoption {
        /// The event.
        event: &'static str,
        /// Its date.
        date: NaiveDate,
        /// The date of adoption.
        adopted: NaiveDate,
    },
    /// An event dated past the horizon ([`crate::model::EVENT_HORIZON`]).
    #[error("{event} on {date} is dated past the horizon of {horizon}")]
    EventBeyondHorizon {
        /// The event.
        event: &'static str,
        /// Its date.
        date: NaiveDate,
        /// The horizon.
        horizon: NaiveDate,
    },
    /// The same event recorded twice with the same date.
    #[error("{event} on {date} is recorded twice")]
    DuplicateEvent {
        /// The event.
        event: &'static str,
        /// Its date.
        date: NaiveDate,
    },
    /// A second event of a kind with another date, without a correction.
    #[error(
        "{event} on {date} contradicts the {event} recorded on {recorded}; a changed date must be a correction (`nusqa event ACT {event} {date} --correct --reason …`)"
    )]
    ContradictoryEvent {
        /// The event.
        event: &'static str,
        /// The second date.
        date: NaiveDate,
        /// The date recorded before it.
        recorded: NaiveDate,
    },
    /// A correction whose `corrects` is not the date it supersedes.
    #[error("correction of {event} to {date} says it corrects {corrects}, but {}", match .recorded { Some(r) => format!("the date it supersedes is {r}"), None => "no date is recorded before it".to_string() })]
    CorrectionMismatch {
        /// The event.
        event: &'static str,
        /// The corrected date.
        date: NaiveDate,
        /// What the correction says it supersedes.
        corrects: NaiveDate,
        /// The date actually in force before it, if any.
        recorded: Option<NaiveDate>,
    },
    /// A correction without a reason, or without a date.
    #[error("correction of {event} has no {missing}; a correction needs a date and a non-empty reason")]
    IncompleteCorrection {
        /// The event.
        event: &'static str,
        /// What is missing ("reason", "date").
        missing: &'static str,
    },
    /// An operation's target act is not in the corpus.
    #[error("target act {0} is not in the corpus")]
    UnknownTargetAct(RegistryId),
    /// The act's clause tree is malformed.
    #[error("malformed clause tree: {0}")]
    Tree(crate::model::TreeError),
    /// A pending operation's target never exists in the target act.
    #[error("pending operation targets `{0}`, which does not exist")]
    PendingTargetMissing(EId),
}

/// A consistency finding: what, and where (act, operation, file and line, node).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckError {
    /// The act the finding is about: the amending act for operations.
    pub act: RegistryId,
    /// The index of the operation among its act's operations.
    pub op: Option<usize>,
    /// Where the operation was read from.
    pub origin: Option<Origin>,
    /// The node concerned.
    pub eid: Option<EId>,
    /// What is wrong.
    pub kind: CheckKind,
}

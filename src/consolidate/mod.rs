//! Point-in-time consolidation.
//!
//! [`schedule`] resolves and orders the operations aimed at one act; [`timeline`]
//! replays them once over the act's base tree and keeps, for every node, its versions
//! with their validity intervals; [`consolidate`] then answers "what did the act say on
//! date D" by a binary search per node. [`naive`] is the slow reference: re-apply every
//! operation from the base for each query. Both use the same [`crate::amend::apply`].

pub mod checks;
pub mod naive;
pub mod schedule;
pub mod timeline;
pub mod upcoming;
mod view;

pub use checks::{CheckError, CheckKind};
pub use schedule::{PendingChange, Schedule, ScheduledOp};
pub use timeline::{ActTimeline, NodeTimeline};
pub use upcoming::{Scheduled, Upcoming, Waiting, change_dates, upcoming};
pub use view::{
    ConsolidateError, Consolidated, ConsolidatedNode, RegistryReading, Status, TextFrom, consolidate, consolidate_with,
    history,
};

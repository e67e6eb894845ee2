//! Typed answers: one serde struct per answer, built here from the library and
//! serialised alike by the CLI's `--json`, the JSON API and the UI. No I/O.
//!
//! Answers that are already a library type (a [`Diff`](crate::diff::Diff), the
//! [`SearchResults`](crate::search::SearchResults), a service
//! [`Passport`](crate::services::Passport)) are served as they are; the views here give
//! a name and a type to the rest. `docs/json.md` lists their shapes, and a test keeps
//! that list equal to what the types serialise to.

pub mod act;
pub mod blame;
pub mod effect;
pub mod history;
pub mod operation;
pub mod reconcile;
pub mod services;
pub mod versions;

pub use act::ActView;
pub use blame::BlameView;
pub use effect::EffectView;
pub use history::HistoryView;
pub use operation::{EffectiveView, OperationView, OpsView};
pub use reconcile::ReconcileView;
pub use services::ServicesView;
pub use versions::VersionsView;

use crate::model::{EId, RegistryId};

/// Why a view cannot be built: what was asked for does not exist.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ViewError {
    /// No such act.
    #[error("act {0} is not in the corpus")]
    UnknownAct(RegistryId),
    /// The act has no such node.
    #[error("{act} has no node `{eid}`")]
    UnknownNode {
        /// The act.
        act: RegistryId,
        /// The node asked for.
        eid: EId,
    },
    /// No registry redactions of the act are imported.
    #[error("no registry redactions of {0} are imported (nusqa import registry DIR)")]
    NoRedactions(RegistryId),
    /// The date is before the act's base text.
    #[error("{0}")]
    BeforeAct(#[from] crate::consolidate::ConsolidateError),
}

/// `GET /api/acts`: every act's metadata. (`acts --json` prints the bare list.)
#[derive(Debug, serde::Serialize, schemars::JsonSchema)]
pub struct ActsView<'a> {
    /// The acts, by registry id.
    pub acts: Vec<&'a crate::model::Act>,
}

//! The types of nusqa's domain, with no I/O.
//!
//! * [`act`]: acts, their identifiers, kinds, issuers and events.
//! * [`correction`]: corrections of published acts (request, record, what views show).
//! * [`dates`]: effective dates, entry into force, and the Civil Code's period count.
//! * [`eid`]: Akoma Ntoso-style element identifiers of clauses.
//! * [`tree`]: clause trees, as stored in the corpus and carried by operations.
//! * [`version`]: node states, validity intervals and provenance.

pub mod act;
pub mod correction;
pub mod dates;
pub mod eid;
pub mod tree;
pub mod version;

pub use act::{Act, ActKind, EVENT_HORIZON, Event, EventKind, Issuer, Lang, Origin, Registration, RegistryId, WorkUri};
pub use correction::{CorrectionInfo, CorrectionRecord, CorrectionRequest, TextChange};
pub use eid::{EId, EIdError, NodeKind};
pub use tree::{Node, Tree, TreeError};
pub use version::{AbzatsRange, Content, NodeState, Provenance, Validity, Version};

//! The state-services registry: what the state services (мемлекеттік көрсетілетін
//! қызметтер) governed by the corpus's Rules are, on any date, read from the
//! consolidated texts. Pure: it takes a [`Library`] and dates, and does no I/O.
//!
//! * [`discover`](mod@discover): which top-level attachments are Rules of a state
//!   service, and the service's name.
//! * [`extract`]: the named, tested rules that read attributes from clauses and from
//!   the rows of the "негізгі талаптар тізбесі" table.
//! * [`passport`]: a service on a date, each attribute with the clause or row that states
//!   it (eId, version date, source act) or, when unknown, why.
//! * [`history`](mod@history): how a service changed, by which act.
//! * [`impact`](mod@impact): which services and attributes an amending act changes, from
//!   which date.
//!
//! A service's id is `{act}-{rules eId}` (`V1400010273-att_1`): stable, since eIds never
//! change. Values are never entered by hand or carried over from another date: when an
//! amendment changes a clause, the passport changes with it, and what no held text
//! states is `unknown`, with the reason.

pub mod clause;
pub mod discover;
pub mod extract;
pub mod history;
pub mod impact;
pub mod model;
pub mod passport;
pub mod span;

use chrono::NaiveDate;

use crate::library::Library;
use crate::model::RegistryId;

pub use model::{
    Attribute, AttributeValue, Attributes, Authority, Evidence, FormKind, Impact, NameValue, Names, Passport,
    Reference, RulesRef, Segment, SegmentStatus, ServiceDef, ServiceHistory, ServiceId, ServiceIdError, ServiceImpact,
    ServiceSummary, Statement, TermUnit, Value,
};
use passport::Context;

/// Why a service query has no answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ServiceError {
    /// No service has this id.
    #[error("no state service `{0}` in the corpus; run `nusqa services` for the list")]
    UnknownService(ServiceId),
    /// No such act.
    #[error("act {0} is not in the corpus")]
    UnknownAct(RegistryId),
    /// The date is before the approving act's text holds.
    #[error("{id}: its Rules have no text before {base} (asked for {date})")]
    BeforeRules {
        /// The service.
        id: ServiceId,
        /// The approving act's base date.
        base: NaiveDate,
        /// The date asked for.
        date: NaiveDate,
    },
    /// The Rules do not exist on the date.
    #[error("{id}: its Rules do not exist on {date}")]
    Absent {
        /// The service.
        id: ServiceId,
        /// The date asked for.
        date: NaiveDate,
    },
    /// The Rules are repealed.
    #[error("{id}: its Rules are repealed since {since} by {by} (asked for {date}); see `nusqa service-history {id}`")]
    Repealed {
        /// The service.
        id: ServiceId,
        /// Since when.
        since: NaiveDate,
        /// By which act.
        by: RegistryId,
        /// The date asked for.
        date: NaiveDate,
    },
}

/// The services of a library, discovered once.
#[derive(Debug, Clone)]
pub struct Registry<'l> {
    lib: &'l Library,
    defs: Vec<ServiceDef>,
}

impl<'l> Registry<'l> {
    /// Discovers every state service of `lib`.
    pub fn new(lib: &'l Library) -> Registry<'l> {
        Registry {
            lib,
            defs: discover::discover(lib),
        }
    }

    /// The library.
    pub fn library(&self) -> &'l Library {
        self.lib
    }

    /// Every service ever governed by the corpus, by id, whatever the date.
    pub fn definitions(&self) -> &[ServiceDef] {
        &self.defs
    }

    /// The service with this id.
    pub fn find(&self, id: &ServiceId) -> Result<&ServiceDef, ServiceError> {
        self.defs
            .iter()
            .find(|d| &d.id == id)
            .ok_or_else(|| ServiceError::UnknownService(id.clone()))
    }

    /// The services whose Rules are in force on `date`, by id.
    pub fn services(&self, date: NaiveDate) -> Vec<ServiceSummary> {
        let mut out = Vec::new();
        for def in &self.defs {
            let (Some(act), Some(tl)) = (self.lib.act(&def.id.act), self.lib.timeline(&def.id.act)) else {
                continue;
            };
            if span::existence(tl, &def.id.rules, date) != span::Existence::InForce {
                continue;
            }
            let Some(root) = clause::Clause::at(tl, &def.id.rules, date) else {
                continue;
            };
            let x = extract::extract(&root);
            out.push(ServiceSummary {
                id: def.id.clone(),
                name: discover::names(act, &root, &x),
                rules: discover::rules_ref(act, &root),
                authority: discover::authority(act),
                classified_by: def.classified_by.clone(),
            });
        }
        out
    }

    /// The passport of service `id` on `date`.
    pub fn passport(&self, id: &ServiceId, date: NaiveDate) -> Result<Passport, ServiceError> {
        Context::new(self.lib, self.find(id)?)?.passport(date)
    }

    /// How service `id` changed over time: every attribute, or only `attribute`.
    pub fn history(&self, id: &ServiceId, attribute: Option<Attribute>) -> Result<ServiceHistory, ServiceError> {
        history::history(&Context::new(self.lib, self.find(id)?)?, attribute)
    }

    /// Which services, and which of their attributes, amending act `act` changes.
    pub fn impact(&self, act: &RegistryId) -> Result<Impact, ServiceError> {
        impact::impact(self, act)
    }
}

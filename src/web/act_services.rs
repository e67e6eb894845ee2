//! The state services an amending act changes, for its page: per service its name
//! (linked to its passport on the day of the change), and per date of change the
//! attributes of its passport that differ and the clauses of its Rules changed, each
//! linked on that day. Worked out by [`crate::services::Registry::impact`], once per
//! snapshot ([`Snapshot::impact`]).

use super::Snapshot;
use super::citing::Citer;
use super::i18n::{Words, code};
use super::pages::url_encode;
use super::service_pages::attribute_name;
use crate::dates::DateStatus;
use crate::model::RegistryId;

/// One service the act changes.
pub(super) struct ServiceRow {
    /// Its name (Kazakh), or its id when the name is not held.
    pub name: String,
    /// Its passport page.
    pub href: String,
    /// One per date of change.
    pub changes: Vec<ServiceChange>,
}

/// What changes in a service on one date.
pub(super) struct ServiceChange {
    /// The date written out, or "date not yet known, at the earliest …".
    pub when: String,
    /// The attributes whose value changes, in the UI's language.
    pub attributes: Vec<String>,
    /// The Rules' clauses changed, in words, each linked on that day.
    pub clauses: Vec<(String, String)>,
    /// The Rules cease to exist that day.
    pub ends_service: bool,
}

/// The services act `id` changes; empty when it changes none (or the impact cannot be
/// worked out, e.g. the act is not an amending act).
pub(super) fn act_services(s: &Snapshot, id: &RegistryId, citer: &Citer<'_>, t: Words) -> Vec<ServiceRow> {
    let Some(impact) = s.impact(id) else {
        return Vec::new();
    };
    let lang = code(t.0);
    impact
        .services
        .iter()
        .map(|s| {
            let sid = url_encode(&s.id.to_string());
            let first = s.changes.iter().find_map(|c| c.earliest);
            let mut href = format!("/services/{sid}?lang={lang}");
            if let Some(d) = first {
                href.push_str(&format!("&as_of={d}"));
            }
            let enc = url_encode(&s.id.act.to_string());
            ServiceRow {
                name: s.name.clone().unwrap_or_else(|| s.id.to_string()),
                href,
                changes: s
                    .changes
                    .iter()
                    .map(|c| {
                        let when = match (c.status, c.date) {
                            (DateStatus::Scheduled, Some(d)) => citer.date(d),
                            _ => citer.waiting(c.earliest),
                        };
                        let on = c.date.or(c.earliest);
                        ServiceChange {
                            when,
                            attributes: c
                                .attributes
                                .iter()
                                .map(|a| attribute_name(a.attribute, t).to_string())
                                .collect(),
                            clauses: c
                                .clauses
                                .iter()
                                .map(|e| {
                                    let mut h = format!("/acts/{enc}?lang={lang}");
                                    if let Some(d) = on {
                                        h.push_str(&format!("&as_of={d}"));
                                    }
                                    h.push('#');
                                    h.push_str(&url_encode(e.as_str()));
                                    (citer.clause(&s.id.act, e), h)
                                })
                                .collect(),
                            ends_service: c.ends_service,
                        }
                    })
                    .collect(),
            }
        })
        .collect()
}

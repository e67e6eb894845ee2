//! The date on which the registry applied an amending act: a fact with its source (the
//! redaction's stated version date), and what it implies under the Civil Code count.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::history::ActReadings;
use crate::dates::EffectiveRule;
use crate::model::{Act, EventKind, RegistryId};

/// A redaction's date read as the day the registry applied the act it reflects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct AppliedDate {
    /// The amended act.
    pub target: RegistryId,
    /// The redaction (file under `redactions/`) and where its date is stated.
    pub redaction: String,
    /// The source of the date (repository, path, commit).
    pub source: String,
    /// The amending act, as the corpus holds it.
    pub act: RegistryId,
    /// The day the registry's redaction is dated.
    pub applied_on: NaiveDate,
    /// The period of the act's default entry-into-force rule, in days after first
    /// publication, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
    /// The first publication that date implies under the Civil Code count
    /// (P + days + 1 = applied_on).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub implies_publication: Option<NaiveDate>,
    /// The first publication the corpus records, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recorded_publication: Option<NaiveDate>,
}

impl AppliedDate {
    /// A warning when the recorded publication gives another date in force.
    pub fn conflict(&self) -> Option<String> {
        let (Some(implied), Some(recorded)) = (self.implies_publication, self.recorded_publication) else {
            return None;
        };
        (implied != recorded).then(|| {
            format!(
                "{}: the registry applied {} on {} ({}), which under the Civil Code count means first publication on {implied}; the corpus records {recorded}. The recorded date stands; check it",
                self.target, self.act, self.applied_on, self.redaction
            )
        })
    }
}

/// For each redaction with a stated date: the latest act its notes name that the
/// corpus holds, and what the date implies.
pub fn applied_dates(r: &ActReadings, acts: &BTreeMap<RegistryId, Act>) -> Vec<AppliedDate> {
    let mut out = Vec::new();
    for rec in &r.records {
        let Some(applied_on) = rec.date.stated else { continue };
        let latest = r
            .notes
            .iter()
            .filter(|(f, _)| f == &rec.file)
            .flat_map(|(_, n)| n.changes.iter().map(|c| &c.by))
            .max_by_key(|a| a.date);
        let Some(by) = latest else { continue };
        let Some(act) = acts.values().find(|a| a.number == by.number && a.date == by.date) else {
            continue;
        };
        if out
            .iter()
            .any(|x: &AppliedDate| x.act == act.id && x.applied_on == applied_on)
        {
            continue;
        }
        let days = match act.entry_into_force.as_ref().map(|e| &e.default) {
            Some(EffectiveRule::AfterEvent {
                event: EventKind::Publication,
                days,
            }) => Some(*days),
            _ => None,
        };
        let implies_publication = days.and_then(|d| applied_on.checked_sub_days(Days::new(u64::from(d) + 1)));
        out.push(AppliedDate {
            target: r.act,
            redaction: rec.file.clone(),
            source: format!("{} {} @ {}", rec.repository, rec.path, rec.commit),
            act: act.id,
            applied_on,
            days,
            implies_publication,
            recorded_publication: act.event_date(EventKind::Publication),
        });
    }
    out
}

//! Effective dates of operations.
//!
//! An operation takes effect on a fixed date, a number of calendar days after an event
//! of its amending act (first official publication), or when the amending act takes
//! force. The amending act's entry-into-force clause ([`EntryIntoForce`]) is a default
//! rule plus exceptions for positions inside the act; every operation takes its rule from
//! the position it was made at.
//!
//! # Counting periods
//! As the Civil Code counts periods, a period of N days after an event starts on the
//! next day, and the act takes force on the day after the period ends: an event on day P
//! gives P + N + 1. Publication on 2025-10-06 with sixty days gives 2025-12-06.
//!
//! # Pending
//! While the event's date is unknown the operation is *pending*: a real state, never a
//! placeholder date. Its earliest possible date is still known, because publication
//! cannot come before state registration.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{AbzatsRange, Act, EventKind};

/// How an operation's effective date is fixed, as stored in the corpus.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum EffectiveRule {
    /// A fixed date.
    Fixed {
        /// The date.
        date: NaiveDate,
    },
    /// N calendar days after an event of the amending act.
    AfterEvent {
        /// The event, usually first official publication.
        event: EventKind,
        /// The number of calendar days.
        days: u32,
    },
    /// The day the amending act takes force.
    OnEntryIntoForce,
}

/// An exception to an entry-into-force clause: a position inside the amending act.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct EntryIntoForceException {
    /// The item of the amending act (an eId of its tree, e.g. `att_1__para_3`).
    pub item: String,
    /// The abzats of that item; `None` for the whole item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abzats: Option<AbzatsRange>,
    /// The rule for that position.
    #[serde(flatten)]
    pub rule: EffectiveRule,
}

/// An amending act's entry-into-force clause: a default rule plus exceptions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct EntryIntoForce {
    /// The rule for every position not excepted.
    pub default: EffectiveRule,
    /// Positions with their own rule.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exceptions: Vec<EntryIntoForceException>,
    /// The clause of the act that states this (e.g. `para_4`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated_in: Option<String>,
}

impl EntryIntoForce {
    /// The rule for a position: the first exception whose item matches and whose abzats
    /// range contains the position's, else the default.
    pub fn rule_for(&self, item: &str, abzats: Option<AbzatsRange>) -> &EffectiveRule {
        for ex in &self.exceptions {
            let item_matches = item == ex.item || item.starts_with(&format!("{}__", ex.item));
            if !item_matches {
                continue;
            }
            match (ex.abzats, abzats) {
                (None, _) => return &ex.rule,
                (Some(range), Some(pos)) if range.contains(&pos) => return &ex.rule,
                _ => {}
            }
        }
        &self.default
    }
}

/// Whether an effective date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DateStatus {
    /// The date is known.
    Scheduled,
    /// The date hangs on an event whose date is not yet known.
    Pending,
}

/// An effective date worked out against the amending act's recorded events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    /// The operation takes effect on this date.
    Scheduled(NaiveDate),
    /// The date is not known yet; it can be no earlier than `earliest` (when known).
    Pending {
        /// The earliest possible date.
        earliest: Option<NaiveDate>,
    },
}

impl Resolved {
    /// The date, when scheduled.
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            Resolved::Scheduled(d) => Some(*d),
            Resolved::Pending { .. } => None,
        }
    }

    /// The earliest possible date: the date itself when scheduled.
    pub fn earliest(&self) -> Option<NaiveDate> {
        match self {
            Resolved::Scheduled(d) => Some(*d),
            Resolved::Pending { earliest } => *earliest,
        }
    }

    /// Scheduled or pending.
    pub fn status(&self) -> DateStatus {
        match self {
            Resolved::Scheduled(_) => DateStatus::Scheduled,
            Resolved::Pending { .. } => DateStatus::Pending,
        }
    }
}

/// The day an act with a period of `days` after an event on `event_date` takes force:
/// `event_date + days + 1` (see the module documentation).
pub fn after_period(event_date: NaiveDate, days: u32) -> Option<NaiveDate> {
    event_date.checked_add_days(Days::new(u64::from(days) + 1))
}

/// The earliest date `event` of `act` can have when it is not recorded: publication and
/// entry into force cannot come before state registration (or adoption).
fn earliest_event(act: &Act, event: EventKind) -> Option<NaiveDate> {
    let floor = act.registration.as_ref().and_then(|r| r.date).unwrap_or(act.date);
    match event {
        EventKind::Publication | EventKind::EntryIntoForce | EventKind::Repeal => Some(floor),
    }
}

/// Works out `rule` for an operation made by `source`.
pub fn resolve(rule: &EffectiveRule, source: &Act) -> Resolved {
    resolve_depth(rule, source, 0)
}

fn resolve_depth(rule: &EffectiveRule, source: &Act, depth: u8) -> Resolved {
    match rule {
        EffectiveRule::Fixed { date } => Resolved::Scheduled(*date),
        EffectiveRule::AfterEvent { event, days } => match source.event_date(*event) {
            Some(d) => match after_period(d, *days) {
                Some(date) => Resolved::Scheduled(date),
                None => Resolved::Pending { earliest: None },
            },
            None => Resolved::Pending {
                earliest: earliest_event(source, *event).and_then(|d| after_period(d, *days)),
            },
        },
        EffectiveRule::OnEntryIntoForce => {
            if let Some(d) = source.event_date(EventKind::EntryIntoForce) {
                return Resolved::Scheduled(d);
            }
            match &source.entry_into_force {
                // The act's own default rule says when it takes force, unless it defers
                // to itself.
                Some(eif) if depth == 0 && eif.default != EffectiveRule::OnEntryIntoForce => {
                    resolve_depth(&eif.default, source, depth + 1)
                }
                _ => Resolved::Pending {
                    earliest: earliest_event(source, EventKind::EntryIntoForce),
                },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn civil_code_period_counting() {
        assert_eq!(after_period(d("2025-10-06"), 60), Some(d("2025-12-06")));
        assert_eq!(after_period(d("2025-10-01"), 60), Some(d("2025-12-01")));
        assert_eq!(after_period(d("2025-12-31"), 10), Some(d("2026-01-11")));
    }

    #[test]
    fn exceptions_match_item_and_abzats() {
        let eif = EntryIntoForce {
            default: EffectiveRule::AfterEvent {
                event: EventKind::Publication,
                days: 60,
            },
            exceptions: vec![EntryIntoForceException {
                item: "att_1__para_3".into(),
                abzats: Some(AbzatsRange { from: 3, to: 11 }),
                rule: EffectiveRule::Fixed { date: d("2026-01-01") },
            }],
            stated_in: None,
        };
        let inside = Some(AbzatsRange { from: 3, to: 11 });
        let outside = Some(AbzatsRange { from: 12, to: 15 });
        assert_eq!(
            eif.rule_for("att_1__para_3", inside),
            &EffectiveRule::Fixed { date: d("2026-01-01") }
        );
        assert_eq!(eif.rule_for("att_1__para_3", outside), &eif.default);
        assert_eq!(eif.rule_for("att_1__para_30", inside), &eif.default);
        assert_eq!(eif.rule_for("att_1__para_2", inside), &eif.default);
    }
}

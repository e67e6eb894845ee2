//! The loaded collection of acts: metadata, base trees, operations and the timelines
//! built from them. No I/O: the `corpus` module reads and writes the files.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::amend::Operation;
use crate::consolidate::{ActTimeline, CheckError, CheckKind, Schedule};
use crate::dates::{self, Resolved};
use crate::model::{Act, CorrectionInfo, EVENT_HORIZON, Event, EventKind, Node, RegistryId, TreeError};

/// One act as read from the corpus.
#[derive(Debug, Clone)]
pub struct ActEntry {
    /// Metadata, with every recorded event merged in.
    pub act: Act,
    /// The base clause tree.
    pub base: Vec<Node>,
    /// The operations this act makes, in document order.
    pub ops: Vec<Operation>,
}

/// All acts with their timelines.
#[derive(Debug, Clone, Default)]
pub struct Library {
    acts: BTreeMap<RegistryId, Act>,
    ops: BTreeMap<RegistryId, Vec<Operation>>,
    /// For each target act, its incoming operations as (amending act, index).
    incoming: BTreeMap<RegistryId, Vec<(RegistryId, usize)>>,
    timelines: BTreeMap<RegistryId, ActTimeline>,
    /// The corrections of each corrected act, in order (the corpus reads them).
    corrections: BTreeMap<RegistryId, Vec<CorrectionInfo>>,
    /// The registry's redactions of acts, read (evidence beside the timelines).
    readings: BTreeMap<RegistryId, crate::registry::ActReadings>,
}

impl Library {
    /// Builds the library and runs every consistency check. The result does not depend
    /// on the order of `entries`. Entries with a duplicate id must be removed by the
    /// caller, which knows their files.
    pub fn build(entries: Vec<ActEntry>) -> (Library, Vec<CheckError>) {
        let mut lib = Library::default();
        let mut errors = Vec::new();
        // Base trees are needed only to build the timelines, which keep them as their
        // first versions (see `ActTimeline::base_nodes`): they are not held twice.
        let mut bases: BTreeMap<RegistryId, Vec<Node>> = BTreeMap::new();
        for e in entries {
            let id = e.act.id;
            lib.acts.insert(id, e.act);
            bases.insert(id, e.base);
            lib.ops.insert(id, e.ops);
        }
        for act in lib.acts.values() {
            check_events(act, &mut errors);
        }
        for (source, ops) in &lib.ops {
            for (i, op) in ops.iter().enumerate() {
                if lib.acts.contains_key(&op.target_act) {
                    lib.incoming.entry(op.target_act).or_default().push((*source, i));
                } else {
                    errors.push(CheckError {
                        act: *source,
                        op: Some(i),
                        origin: op.origin.clone(),
                        eid: op.target.clone(),
                        kind: CheckKind::UnknownTargetAct(op.target_act),
                    });
                }
            }
        }
        for (id, base) in bases {
            lib.build_timeline(&id, &base, &mut errors);
        }
        (lib, errors)
    }

    /// Rebuilds one act's timeline from its base (kept in its current timeline) and its
    /// incoming operations.
    fn rebuild(&mut self, id: &RegistryId, errors: &mut Vec<CheckError>) {
        if let Some(base) = self.base(id) {
            self.build_timeline(id, &base, errors);
        }
    }

    fn build_timeline(&mut self, id: &RegistryId, base: &[Node], errors: &mut Vec<CheckError>) {
        let Some(act) = self.acts.get(id) else { return };
        let ops = self.incoming_ops(id);
        let schedule = Schedule::build(act, &ops, &self.acts, errors);
        match ActTimeline::build(act, base, &schedule, errors) {
            Ok(tl) => {
                self.timelines.insert(*id, tl);
            }
            Err(e) => errors.push(tree_error(act, e)),
        }
    }

    fn incoming_ops(&self, target: &RegistryId) -> Vec<(&Operation, usize)> {
        self.incoming
            .get(target)
            .into_iter()
            .flatten()
            .filter_map(|(src, i)| self.ops.get(src).and_then(|ops| ops.get(*i)).map(|op| (op, *i)))
            .collect()
    }

    /// Reads the registry's redactions of `record.act` (`texts` in the record's order)
    /// and keeps them beside the act's timeline. The metadata the registry states
    /// fills what the act's metadata leaves unknown (registration date, titles); what
    /// contradicts it is left as it is and reported by [`Library::registry_warnings`].
    pub fn add_redactions(
        &mut self,
        record: crate::registry::ImportRecord,
        texts: &[String],
    ) -> Result<(), Vec<crate::registry::RegistryError>> {
        use crate::registry::{history, markdown};
        let mut parsed = Vec::new();
        let mut errors = Vec::new();
        for (r, t) in record.redactions.iter().zip(texts) {
            match markdown::parse(t, r.lang, &r.file) {
                Ok(p) => parsed.push(p),
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        if let Some(act) = self.acts.get_mut(&record.act) {
            let m = &record.metadata;
            if let (Some(reg), Some(d)) = (act.registration.as_mut(), m.registration_date)
                && reg.date.is_none()
            {
                reg.date = Some(d);
            }
            for (lang, t) in &m.titles {
                act.titles.entry(*lang).or_insert_with(|| t.clone());
            }
        }
        let acts = &self.acts;
        let earliest = |a: &crate::registry::AmendingRef| -> Option<NaiveDate> {
            let act = acts.values().find(|x| x.number == a.number && x.date == a.date)?;
            let rule = act.entry_into_force.as_ref()?;
            dates::resolve(&rule.default, act).earliest()
        };
        let readings = history::build(
            record.act,
            record.redactions.clone(),
            record.metadata.clone(),
            parsed,
            &earliest,
        );
        self.readings.insert(record.act, readings);
        Ok(())
    }

    /// The registry's readings of act `id`, when its redactions were imported.
    pub fn readings(&self, id: &RegistryId) -> Option<&crate::registry::ActReadings> {
        self.readings.get(id)
    }

    /// The dates on which the registry applied an amending act the corpus holds: for
    /// each dated redaction, the latest act its notes name, and what the date implies
    /// under the Civil Code count.
    pub fn registry_dates(&self) -> Vec<crate::registry::AppliedDate> {
        let mut out = Vec::new();
        for r in self.readings.values() {
            out.extend(crate::registry::applied_dates(r, &self.acts));
        }
        out
    }

    /// What the registry's evidence contradicts or doubts, for `check`: metadata that
    /// differs from the act's, a date of application that does not fit a recorded
    /// publication, and the findings of the partial histories.
    pub fn registry_warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        for r in self.readings.values() {
            let Some(act) = self.acts.get(&r.act) else { continue };
            if let (Some(reg), Some(d)) = (act.registration.as_ref(), r.metadata.registration_date)
                && reg.date.is_some_and(|x| x != d)
            {
                out.push(format!(
                    "{}: the registry states registration on {d} ({}), the act's metadata {}",
                    r.act,
                    r.metadata.source,
                    reg.date.map_or("nothing".into(), |x| x.to_string())
                ));
            }
            for f in &r.findings {
                out.push(format!(
                    "{} redactions/{}{}: {}",
                    r.act,
                    f.file,
                    f.eid.as_ref().map_or(String::new(), |e| format!(" `{e}`")),
                    f.message
                ));
            }
        }
        for a in self.registry_dates() {
            if let Some(w) = a.conflict() {
                out.push(w);
            }
        }
        out
    }

    /// Every act, by id.
    pub fn acts(&self) -> impl Iterator<Item = &Act> {
        self.acts.values()
    }

    /// The number of acts.
    pub fn len(&self) -> usize {
        self.acts.len()
    }

    /// True when there are no acts.
    pub fn is_empty(&self) -> bool {
        self.acts.is_empty()
    }

    /// An act's metadata.
    pub fn act(&self, id: &RegistryId) -> Option<&Act> {
        self.acts.get(id)
    }

    /// An act's base tree, as stored in the corpus (rebuilt from its timeline's first
    /// versions).
    pub fn base(&self, id: &RegistryId) -> Option<Vec<Node>> {
        self.timelines.get(id).map(ActTimeline::base_nodes)
    }

    /// Every act as an entry (metadata with its recorded events, base tree, operations),
    /// from which [`Library::build`] makes this library again: the way to a changed copy
    /// (an act added, events recorded) that is checked as the corpus is.
    pub fn entries(&self) -> Vec<ActEntry> {
        self.acts
            .values()
            .map(|a| ActEntry {
                act: a.clone(),
                base: self.base(&a.id).unwrap_or_default(),
                ops: self.ops_by(&a.id).to_vec(),
            })
            .collect()
    }

    /// An act's timeline.
    pub fn timeline(&self, id: &RegistryId) -> Option<&ActTimeline> {
        self.timelines.get(id)
    }

    /// The operations an act makes.
    pub fn ops_by(&self, source: &RegistryId) -> &[Operation] {
        self.ops.get(source).map_or(&[], Vec::as_slice)
    }

    /// The operations aimed at `target`, resolved and ordered (a fresh schedule).
    pub fn schedule(&self, target: &RegistryId) -> Option<Schedule<'_>> {
        let act = self.acts.get(target)?;
        let ops = self.incoming_ops(target);
        Some(Schedule::build(act, &ops, &self.acts, &mut Vec::new()))
    }

    /// An operation's effective date against its amending act's recorded events.
    pub fn resolve(&self, op: &Operation) -> Option<Resolved> {
        self.acts.get(&op.source_act).map(|a| dates::resolve(&op.effective, a))
    }

    /// The corrections of act `id`, in order (empty when it has none). The act's text
    /// and operations are already its latest correction's.
    pub fn corrections(&self, id: &RegistryId) -> &[CorrectionInfo] {
        self.corrections.get(id).map_or(&[], Vec::as_slice)
    }

    /// Records the corrections of act `id` (the loader does, beside the act's
    /// effective text and operations). Nothing is rebuilt: they are facts about the
    /// act, not input to its timeline.
    pub fn set_corrections(&mut self, id: &RegistryId, corrections: Vec<CorrectionInfo>) {
        if corrections.is_empty() {
            self.corrections.remove(id);
        } else {
            self.corrections.insert(*id, corrections);
        }
    }

    /// The total number of node versions.
    pub fn version_count(&self) -> usize {
        self.timelines.values().map(ActTimeline::version_count).sum()
    }

    /// Records an event of `id` (e.g. its first publication) and rebuilds the timelines
    /// of every act it amends, so that operations pending on that event are resolved.
    /// Returns the consistency findings of the rebuilt acts.
    ///
    /// An act has one date per kind of event: recording the date already recorded
    /// changes nothing (and returns no findings); another date is refused with
    /// [`RecordError::AlreadyRecorded`], since changing a date is a correction
    /// ([`Library::correct_event`]). Dates before the act's adoption or past
    /// [`EVENT_HORIZON`], and (except a repeal) before its registration, are refused.
    pub fn record_event(
        &mut self,
        id: &RegistryId,
        kind: EventKind,
        date: NaiveDate,
    ) -> Result<Vec<CheckError>, RecordError> {
        let act = self.acts.get(id).ok_or(RecordError::UnknownAct(*id))?;
        check_event_date(act, kind, date)?;
        match act.event_date(kind) {
            Some(recorded) if recorded == date => return Ok(Vec::new()),
            Some(recorded) => {
                return Err(RecordError::AlreadyRecorded {
                    act: *id,
                    event: kind.as_str(),
                    recorded,
                    date,
                });
            }
            None => {}
        }
        Ok(self.push_event(id, Event::new(kind, date)))
    }

    /// Corrects the recorded date of an event of `id`: adds a correction that names the
    /// date it supersedes (the record of that date stays), then rebuilds what it
    /// affects. Returns the correction as recorded, to be logged, and the findings of
    /// the rebuilt acts. Refused when no date is recorded, when `date` is the recorded
    /// one, when `reason` is empty, and for the dates [`Library::record_event`] refuses.
    pub fn correct_event(
        &mut self,
        id: &RegistryId,
        kind: EventKind,
        date: NaiveDate,
        reason: &str,
        author: Option<&str>,
    ) -> Result<(Event, Vec<CheckError>), RecordError> {
        let act = self.acts.get(id).ok_or(RecordError::UnknownAct(*id))?;
        check_event_date(act, kind, date)?;
        if reason.trim().is_empty() {
            return Err(RecordError::NoReason);
        }
        let recorded = act.event_date(kind).ok_or(RecordError::NothingToCorrect {
            act: *id,
            event: kind.as_str(),
        })?;
        if recorded == date {
            return Err(RecordError::CorrectionToSameDate {
                act: *id,
                event: kind.as_str(),
                date,
            });
        }
        let event = Event {
            corrects: Some(recorded),
            reason: Some(reason.trim().to_string()),
            author: author.map(str::to_string),
            ..Event::new(kind, date)
        };
        let errors = self.push_event(id, event.clone());
        Ok((event, errors))
    }

    /// Adds a newly published act and rebuilds what it affects: its own timeline and
    /// those of the acts it amends. Returns the ids whose timelines were rebuilt (what a
    /// search index must update) and the findings of the rebuilt acts. An act already in
    /// the library is refused, the library unchanged: a published act is never replaced.
    pub fn add_act(&mut self, entry: ActEntry) -> Result<(Vec<RegistryId>, Vec<CheckError>), AddError> {
        let id = entry.act.id;
        if self.acts.contains_key(&id) {
            return Err(AddError::AlreadyPublished(id));
        }
        let mut errors = Vec::new();
        check_events(&entry.act, &mut errors);
        let mut targets: Vec<RegistryId> = vec![id];
        for (i, op) in entry.ops.iter().enumerate() {
            if self.acts.contains_key(&op.target_act) {
                self.incoming.entry(op.target_act).or_default().push((id, i));
                targets.push(op.target_act);
            } else {
                errors.push(CheckError {
                    act: id,
                    op: Some(i),
                    origin: op.origin.clone(),
                    eid: op.target.clone(),
                    kind: CheckKind::UnknownTargetAct(op.target_act),
                });
            }
        }
        self.acts.insert(id, entry.act);
        self.ops.insert(id, entry.ops);
        self.build_timeline(&id, &entry.base, &mut errors);
        targets.sort();
        targets.dedup();
        for t in targets.iter().filter(|t| **t != id) {
            self.rebuild(t, &mut errors);
        }
        Ok((targets, errors))
    }

    /// Appends `event` to the act's events and rebuilds the act and every act it amends.
    fn push_event(&mut self, id: &RegistryId, event: Event) -> Vec<CheckError> {
        if let Some(act) = self.acts.get_mut(id) {
            act.events.push(event);
        }
        let mut targets: Vec<RegistryId> = self.ops_by(id).iter().map(|o| o.target_act).collect();
        targets.push(*id);
        targets.sort();
        targets.dedup();
        let mut errors = Vec::new();
        for t in targets {
            self.rebuild(&t, &mut errors);
        }
        errors
    }
}

/// Why an act cannot be added to the library.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddError {
    /// The id is already in the library.
    #[error("act {0} is already published")]
    AlreadyPublished(RegistryId),
}

/// Why an event cannot be recorded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    /// No such act.
    #[error("act {0} is not in the corpus")]
    UnknownAct(RegistryId),
    /// Publication or entry into force before registration.
    #[error("{act}: an event on {date} cannot come before registration on {registered}")]
    BeforeRegistration {
        /// The act.
        act: RegistryId,
        /// The date given.
        date: NaiveDate,
        /// The registration date.
        registered: NaiveDate,
    },
    /// An event before the act's adoption.
    #[error("{act}: an event on {date} cannot come before the act's adoption on {adopted}")]
    BeforeAdoption {
        /// The act.
        act: RegistryId,
        /// The date given.
        date: NaiveDate,
        /// The date of adoption.
        adopted: NaiveDate,
    },
    /// An event past the horizon.
    #[error("{act}: an event on {date} is past the horizon of {horizon}; is the date mistyped?")]
    BeyondHorizon {
        /// The act.
        act: RegistryId,
        /// The date given.
        date: NaiveDate,
        /// [`EVENT_HORIZON`].
        horizon: NaiveDate,
    },
    /// Another date of this event is recorded already.
    #[error(
        "{act}: {event} is already recorded on {recorded}; if {date} is right, record a correction: nusqa event {act} {event} {date} --correct --reason \"why the date changes\""
    )]
    AlreadyRecorded {
        /// The act.
        act: RegistryId,
        /// The event.
        event: &'static str,
        /// The date recorded.
        recorded: NaiveDate,
        /// The date given.
        date: NaiveDate,
    },
    /// A correction of an event that has no date yet.
    #[error("{act}: no {event} date is recorded, so there is nothing to correct; record it without --correct")]
    NothingToCorrect {
        /// The act.
        act: RegistryId,
        /// The event.
        event: &'static str,
    },
    /// A correction to the date already recorded.
    #[error("{act}: {event} is already recorded on {date}; there is nothing to correct")]
    CorrectionToSameDate {
        /// The act.
        act: RegistryId,
        /// The event.
        event: &'static str,
        /// The date.
        date: NaiveDate,
    },
    /// A correction without a reason.
    #[error("a correction needs a non-empty --reason (where the right date comes from)")]
    NoReason,
}

/// The date rules every recorded event follows: not before the act's adoption, not
/// past [`EVENT_HORIZON`], and (except a repeal) not before its registration.
fn check_event_date(act: &Act, kind: EventKind, date: NaiveDate) -> Result<(), RecordError> {
    // Registration comes after adoption: where both are broken, name the later bound.
    if let Some(registered) = act.registration.as_ref().and_then(|r| r.date)
        && date < registered
        && kind != EventKind::Repeal
    {
        return Err(RecordError::BeforeRegistration {
            act: act.id,
            date,
            registered,
        });
    }
    if date < act.date {
        return Err(RecordError::BeforeAdoption {
            act: act.id,
            date,
            adopted: act.date,
        });
    }
    if date > EVENT_HORIZON {
        return Err(RecordError::BeyondHorizon {
            act: act.id,
            date,
            horizon: EVENT_HORIZON,
        });
    }
    Ok(())
}

/// Checks an act's events in the order they were recorded: each date against the
/// rules of [`check_event_date`], and each kind's dates against each other (a second
/// date must be a correction naming the date it supersedes).
fn check_events(act: &Act, errors: &mut Vec<CheckError>) {
    let mut push = |e: &Event, kind: CheckKind| {
        errors.push(CheckError {
            act: act.id,
            op: None,
            origin: e.origin.clone(),
            eid: None,
            kind,
        })
    };
    let mut current: BTreeMap<EventKind, NaiveDate> = BTreeMap::new();
    for e in &act.events {
        let event = e.kind.as_str();
        let Some(date) = e.date else {
            if e.corrects.is_some() {
                push(e, CheckKind::IncompleteCorrection { event, missing: "date" });
            }
            continue;
        };
        match check_event_date(act, e.kind, date) {
            Ok(()) => {}
            Err(RecordError::BeforeAdoption { adopted, .. }) => {
                push(e, CheckKind::EventBeforeAdoption { event, date, adopted })
            }
            Err(RecordError::BeyondHorizon { horizon, .. }) => {
                push(e, CheckKind::EventBeyondHorizon { event, date, horizon })
            }
            Err(RecordError::BeforeRegistration { registered, .. }) => push(
                e,
                CheckKind::EventBeforeRegistration {
                    event,
                    date,
                    registered,
                },
            ),
            Err(_) => {}
        }
        let recorded = current.get(&e.kind).copied();
        match (e.corrects, recorded) {
            (None, None) => {}
            (None, Some(r)) if r == date => push(e, CheckKind::DuplicateEvent { event, date }),
            (None, Some(r)) => push(
                e,
                CheckKind::ContradictoryEvent {
                    event,
                    date,
                    recorded: r,
                },
            ),
            (Some(corrects), recorded) => {
                if e.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
                    push(
                        e,
                        CheckKind::IncompleteCorrection {
                            event,
                            missing: "reason",
                        },
                    );
                }
                if recorded != Some(corrects) {
                    push(
                        e,
                        CheckKind::CorrectionMismatch {
                            event,
                            date,
                            corrects,
                            recorded,
                        },
                    );
                } else if corrects == date {
                    push(e, CheckKind::DuplicateEvent { event, date });
                }
            }
        }
        current.insert(e.kind, date);
    }
}

fn tree_error(act: &Act, e: TreeError) -> CheckError {
    let eid = match &e {
        TreeError::DuplicateEId(x) | TreeError::NotTopLevel(x) => Some(x.clone()),
        TreeError::NotAChild { child, .. } => Some(child.clone()),
    };
    CheckError {
        act: act.id,
        op: None,
        origin: None,
        eid,
        kind: CheckKind::Tree(e),
    }
}

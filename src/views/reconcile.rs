//! `reconcile --json` and `GET /api/acts/{id}/reconcile`: the operations' wordings of
//! an act against the registry's redactions, and the dates the registry applied them.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;

use super::ViewError;
use crate::consolidate;
use crate::library::Library;
use crate::model::RegistryId;
use crate::registry::reconcile::{Agreement, Reconciliation, reconcile};
use crate::registry::{AppliedDate, RedactionRecord};

/// The reconciliation of one act.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ReconcileView {
    /// Per clause and language, and the alignment of the languages.
    #[serde(flatten)]
    pub reconciliation: Reconciliation,
    /// True when some operations were pending and are taken on the earliest day they
    /// can take force.
    pub pending_applied: bool,
    /// The days the registry applied the amending acts the corpus holds, and what they
    /// imply.
    pub applied: Vec<AppliedDate>,
    /// The redactions compared against.
    pub redactions: Vec<RedactionRecord>,
}

impl ReconcileView {
    /// Reconciles act `id` on `date` (default: the latest dated redaction's date).
    pub fn build(lib: &Library, id: &RegistryId, date: Option<NaiveDate>) -> Result<ReconcileView, ViewError> {
        let readings = lib.readings(id).ok_or(ViewError::NoRedactions(*id))?;
        let date = date
            .or_else(|| readings.records.iter().filter_map(|r| r.date.stated).max())
            .ok_or(ViewError::NoRedactions(*id))?;
        let tl = lib.timeline(id).ok_or(ViewError::UnknownAct(*id))?;
        let mut sim: Option<Library> = None;
        let sources: Vec<RegistryId> = {
            let mut v: Vec<RegistryId> = tl.pending.iter().map(|p| p.source.act).collect();
            v.sort();
            v.dedup();
            v
        };
        for s in &sources {
            let base = sim.as_ref().unwrap_or(lib);
            if let Some(act) = base.act(s).cloned() {
                sim = Some(crate::what_if::with_pending_resolved(base, &act));
            }
        }
        let used = sim.as_ref().unwrap_or(lib);
        let tl = used.timeline(id).ok_or(ViewError::UnknownAct(*id))?;
        let c = consolidate::consolidate(tl, date)?;
        Ok(ReconcileView {
            reconciliation: reconcile(&c, readings, date),
            pending_applied: !sources.is_empty(),
            applied: lib.registry_dates().into_iter().filter(|a| a.target == *id).collect(),
            redactions: readings.records.clone(),
        })
    }
}

/// The reconciliation as text: one line per clause, the word diffs in full.
pub fn render_text(v: &ReconcileView) -> String {
    let r = &v.reconciliation;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} reconciled on {}: operations against the registry's redactions",
        r.act, r.date
    );
    if v.pending_applied {
        let _ = writeln!(s, "(pending operations taken on the earliest day they can take force)");
    }
    for a in &v.applied {
        let _ = writeln!(
            s,
            "the registry applied {} on {} ({}); under the Civil Code count ({} days) that means first publication on {}; recorded: {}",
            a.act,
            a.applied_on,
            a.redaction,
            a.days.map_or("?".into(), |d| d.to_string()),
            a.implies_publication.map_or("?".into(), |d| d.to_string()),
            a.recorded_publication.map_or("none".into(), |d| d.to_string()),
        );
    }
    let _ = writeln!(
        s,
        "summary: {}",
        r.summary
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for c in &r.clauses {
        let lang = match c.lang {
            crate::model::Lang::Kk => "kk",
            crate::model::Lang::Ru => "ru",
            crate::model::Lang::En => "en",
        };
        let ag = match c.agreement {
            Agreement::Agree => "agree",
            Agreement::Differ => "differ",
            Agreement::OnlyRegistry => "only_registry",
            Agreement::OnlyOperations => "only_operations",
        };
        if c.agreement == Agreement::Differ {
            let _ = writeln!(s, "{ag:<16} {lang} {} ({} words)", c.eid, c.words);
            if let Some(d) = &c.diff {
                let mut line = String::new();
                for seg in &d.segments {
                    match seg {
                        crate::diff::words::Segment::Equal(t) => line.push_str(t),
                        crate::diff::words::Segment::Delete(t) => {
                            let _ = write!(line, "[-{t}-]");
                        }
                        crate::diff::words::Segment::Insert(t) => {
                            let _ = write!(line, "{{+{t}+}}");
                        }
                    }
                }
                let _ = writeln!(s, "    {}", line.replace('\n', "\n    "));
            }
        } else {
            let _ = writeln!(s, "{ag:<16} {lang} {}", c.eid);
        }
    }
    for f in &r.alignment {
        let _ = writeln!(s, "alignment {} {}: {}", f.flag, f.eid, f.detail);
    }
    s
}

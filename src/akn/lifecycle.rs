//! The act's life: `lifecycle` (adoption, registration, publication, the entry into
//! force of an amending act's parts, each amendment in force by the version's day,
//! repeal), the references they cite (`original`, a `passiveRef` per amending act),
//! `publication`, and `temporalData`: a temporal group per day a provision or an
//! instruction takes force, its interval starting at that day's event. Events whose day
//! is not known are not events yet: nothing is dated that nusqa does not know.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::xml::El;
use crate::consolidate::ActTimeline;
use crate::library::Library;
use crate::model::{Act, EventKind, Lang, RegistryId};

/// One `eventRef`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRef {
    /// Its eId.
    pub eid: String,
    /// Its day.
    pub date: NaiveDate,
    /// `generation`, `amendment` or `repeal`.
    pub kind: &'static str,
    /// The reference it comes from (`#original`, `#pref_1`).
    pub source: String,
    /// The TLCEvent it is (`#adoption`…), if any.
    pub refers: Option<&'static str>,
}

/// An act's life as far as nusqa knows it, up to one version.
#[derive(Debug, Clone, Default)]
pub struct Lifecycle {
    /// The events, in order of day.
    pub events: Vec<EventRef>,
    /// The amending acts cited: eId, work URI, title.
    pub passive_refs: Vec<(String, String, String)>,
    /// Acts that say they amend this one but hold no operation on it.
    pub known_without_text: Vec<RegistryId>,
    /// The day of first publication, when known.
    pub publication: Option<NaiveDate>,
    /// The event each temporal group starts at, by day.
    by_date: BTreeMap<NaiveDate, String>,
}

/// True when `other`'s title says it amends `act` (it names the act's title and
/// number) — how Order No. 234 names Order No. 350.
fn says_it_amends(other: &Act, act: &Act) -> bool {
    let title = act.title(Lang::Kk);
    let theirs = other.title(Lang::Kk);
    other.id != act.id
        && other.date > act.date
        && !title.is_empty()
        && theirs.contains(title)
        && theirs.contains(&format!("№ {}", act.number))
        && theirs.contains("өзгеріс")
}

impl Lifecycle {
    /// The life of `act` up to its version of `version`.
    pub fn build(lib: &Library, act: &Act, tl: &ActTimeline, version: NaiveDate) -> Lifecycle {
        let mut l = Lifecycle::default();
        let original = |kind, eid: &str, date, refers| EventRef {
            eid: format!("e_{eid}"),
            date,
            kind,
            source: "#original".into(),
            refers: Some(refers),
        };
        l.events.push(original("generation", "adoption", act.date, "#adoption"));
        if let Some(d) = act.registration.as_ref().and_then(|r| r.date) {
            l.events
                .push(original("generation", "registration", d, "#registration"));
        }
        l.publication = act.event_date(EventKind::Publication);
        if let Some(d) = l.publication {
            l.events.push(original("generation", "publication", d, "#publication"));
        }
        if let Some(d) = act.event_date(EventKind::EntryIntoForce) {
            l.events
                .push(original("generation", "entryIntoForce", d, "#entryIntoForce"));
            l.by_date.entry(d).or_insert_with(|| "e_entryIntoForce".into());
        }
        // The days the act's own instructions take force.
        let mut own: Vec<NaiveDate> = lib
            .ops_by(&act.id)
            .iter()
            .filter_map(|op| lib.resolve(op).and_then(|r| r.date()))
            .collect();
        own.sort();
        own.dedup();
        for d in own {
            if l.by_date.contains_key(&d) {
                continue;
            }
            let e = original("generation", &format!("entryIntoForce_{d}"), d, "#entryIntoForce");
            l.by_date.insert(d, e.eid.clone());
            l.events.push(e);
        }
        // Amendments in force by the version's day, by day and amending act.
        let mut cited: Vec<RegistryId> = Vec::new();
        let mut amendments: BTreeMap<(NaiveDate, RegistryId), ()> = BTreeMap::new();
        if let Some(s) = lib.schedule(&act.id) {
            for so in s.scheduled.iter().filter(|so| so.op.source_act != act.id) {
                if so.date <= version {
                    amendments.insert((so.date, so.op.source_act), ());
                }
            }
            for p in &s.pending {
                if !cited.contains(&p.source.act) {
                    cited.push(p.source.act);
                }
            }
        }
        for &(_, by) in amendments.keys() {
            if !cited.contains(&by) {
                cited.push(by);
            }
        }
        l.known_without_text = lib
            .acts()
            .filter(|o| says_it_amends(o, act) && !lib.ops_by(&o.id).iter().any(|op| op.target_act == act.id))
            .map(|o| o.id)
            .collect();
        cited.extend(l.known_without_text.iter().copied());
        cited.sort();
        cited.dedup();
        let pref = |id: &RegistryId| cited.iter().position(|c| c == id).map(|i| format!("pref_{}", i + 1));
        for id in &cited {
            if let (Some(a), Some(eid)) = (lib.act(id), pref(id)) {
                l.passive_refs
                    .push((eid, a.work_uri.to_string(), a.title(Lang::Kk).to_string()));
            }
        }
        for (k, &(d, by)) in amendments.keys().enumerate() {
            let eid = format!("e_amendment_{}", k + 1);
            l.events.push(EventRef {
                eid: eid.clone(),
                date: d,
                kind: "amendment",
                source: format!("#{}", pref(&by).unwrap_or_default()),
                refers: None,
            });
            l.by_date.entry(d).or_insert(eid);
        }
        if let Some(d) = tl.repealed_on.filter(|d| *d <= version) {
            l.events.push(original("repeal", "repeal", d, "#repeal"));
        }
        l.events.sort_by_key(|e| e.date);
        l
    }

    /// The temporal group (`#tmpg_…`) of what takes force on `date`, when the day is an
    /// event of this life.
    pub fn period(&self, date: NaiveDate) -> Option<String> {
        self.by_date.contains_key(&date).then(|| format!("#tmpg_{date}"))
    }

    /// `lifecycle`.
    pub fn lifecycle(&self) -> El {
        let mut lc = El::new("lifecycle").attr("source", "#nusqa");
        for e in &self.events {
            let mut r = El::new("eventRef")
                .attr("eId", e.eid.clone())
                .attr("date", e.date.to_string())
                .attr("source", e.source.clone())
                .attr("type", e.kind);
            if let Some(refers) = e.refers {
                r.set("refersTo", refers);
            }
            lc.push(r);
        }
        lc
    }

    /// `publication`, when the day is known.
    pub fn publication(&self) -> Option<El> {
        self.publication.map(|d| {
            El::new("publication")
                .attr("date", d.to_string())
                .attr("name", "officialPublication")
                .attr("showAs", "first official publication")
        })
    }

    /// `temporalData`, when some provision or instruction takes force on an event's day.
    pub fn temporal_data(&self) -> Option<El> {
        if self.by_date.is_empty() {
            return None;
        }
        let mut td = El::new("temporalData").attr("source", "#nusqa");
        for (d, eid) in &self.by_date {
            td.push(
                El::new("temporalGroup").attr("eId", format!("tmpg_{d}")).child(
                    El::new("timeInterval")
                        .attr("start", format!("#{eid}"))
                        .attr("refersTo", "#inForce"),
                ),
            );
        }
        Some(td)
    }
}

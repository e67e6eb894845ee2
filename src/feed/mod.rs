//! Change feeds: what changed in the registry, in an act, or in one clause, newest first,
//! as entries that say what changed, by which act, from which day (or that the day is
//! not known yet), with links to the diff and the clause. Built from the library alone
//! (pure, no I/O); [`atom`] and [`json`] write them as Atom (RFC 4287) and JSON Feed
//! 1.1.
//!
//! * The registry's feed: every act (on its registration day, else its adoption day),
//!   every recorded event (publication, entry into force, repeal) and every correction.
//! * An act's feed: its own entries, and one entry per amending act and day on which
//!   that act changes it (pending changes first, with their earliest day).
//! * A clause's feed: one entry per version of the clause, and its pending changes.

pub mod atom;
pub mod json;

use chrono::NaiveDate;

use crate::citation;
use crate::consolidate;
use crate::library::Library;
use crate::model::{Act, Content, EId, EventKind, Lang, RegistryId};

/// A feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    /// Its id (a tag URI).
    pub id: String,
    /// Its title.
    pub title: String,
    /// The path of the page it follows (`/acts/V1400010273`).
    pub page: String,
    /// Newest first.
    pub entries: Vec<Entry>,
}

impl Feed {
    /// The day of its newest entry.
    pub fn updated(&self) -> Option<NaiveDate> {
        self.entries.iter().map(|e| e.date).max()
    }
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// A stable id (a tag URI).
    pub id: String,
    /// What changed, in one line.
    pub title: String,
    /// What changed, in full: the clauses and kinds of change.
    pub summary: String,
    /// The day it takes (or took) effect; for a pending change its earliest day, else
    /// the day it was recorded.
    pub date: NaiveDate,
    /// The change waits for an event whose day is not known yet.
    pub pending: bool,
    /// The act that makes the change.
    pub by: Option<RegistryId>,
    /// Links: (relation, path); `alternate` is the clause or act on that day, `related`
    /// the diff.
    pub links: Vec<(&'static str, String)>,
}

const TAG: &str = "tag:nusqa,2026:";

fn cite(act: &Act) -> String {
    citation::act(act.kind, &act.number, act.date, Lang::En)
}

fn act_href(id: &RegistryId) -> String {
    format!("/acts/{id}?lang=en")
}

/// The entries of one act's own life: its entry into the registry, its events, its
/// corrections.
fn own_entries(lib: &Library, act: &Act) -> Vec<Entry> {
    let mut out = Vec::new();
    let entered = act.registration.as_ref().and_then(|r| r.date).unwrap_or(act.date);
    out.push(Entry {
        id: format!("{TAG}{}:act", act.id),
        title: format!("{}: {}", cite(act), act.title(Lang::Kk)),
        summary: format!(
            "{} ({}), adopted {}{}.",
            cite(act),
            act.id,
            act.date,
            act.registration
                .as_ref()
                .map(|r| format!(", state registration no. {}", r.number))
                .unwrap_or_default()
        ),
        date: entered,
        pending: false,
        by: Some(act.id),
        links: vec![("alternate", act_href(&act.id))],
    });
    for (i, e) in act.events.iter().enumerate() {
        let Some(d) = e.date else { continue };
        let what = match e.kind {
            EventKind::Publication => "first official publication",
            EventKind::EntryIntoForce => "entry into force",
            EventKind::Repeal => "repeal",
        };
        out.push(Entry {
            id: format!("{TAG}{}:event:{}:{i}", act.id, e.kind.as_str()),
            title: format!("{}: {what} on {d}", cite(act)),
            summary: match &e.reason {
                Some(r) => format!("{what} recorded on {d}: {r}"),
                None => format!("{what} recorded on {d}"),
            },
            date: d,
            pending: false,
            by: Some(act.id),
            links: vec![("alternate", format!("/acts/{}?lang=en&as_of={d}", act.id))],
        });
    }
    for c in lib.corrections(&act.id) {
        out.push(Entry {
            id: format!("{TAG}{}:correction:{}", act.id, c.n),
            title: format!("{}: corrected on {}", cite(act), c.date),
            summary: format!("Correction {} by {}: {}", c.n, c.author, c.reason),
            date: c.date,
            pending: false,
            by: Some(act.id),
            links: vec![("alternate", act_href(&act.id))],
        });
    }
    out
}

fn newest_first(mut entries: Vec<Entry>) -> Vec<Entry> {
    entries.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then(b.pending.cmp(&a.pending))
            .then(a.id.cmp(&b.id))
    });
    entries
}

/// The registry's feed.
pub fn registry(lib: &Library) -> Feed {
    let entries = lib.acts().flat_map(|a| own_entries(lib, a)).collect();
    Feed {
        id: format!("{TAG}registry"),
        title: "nusqa: the registry's changes".into(),
        page: "/?lang=en".into(),
        entries: newest_first(entries),
    }
}

/// Act `id`'s feed; `None` for an act not in the library.
pub fn act(lib: &Library, id: &RegistryId) -> Option<Feed> {
    let act = lib.act(id)?;
    let mut entries = own_entries(lib, act);
    if let Some(s) = lib.schedule(id) {
        // One entry per amending act and day.
        let mut groups: std::collections::BTreeMap<(NaiveDate, RegistryId), Vec<String>> = Default::default();
        for so in s.scheduled.iter().filter(|so| so.op.source_act != *id) {
            groups
                .entry((so.date, so.op.source_act))
                .or_default()
                .push(change_words(so.op.target.as_ref(), so.op.change.kind_name()));
        }
        for ((d, by), changes) in groups {
            let by_act = lib.act(&by).map_or_else(|| by.to_string(), cite);
            let before = d.pred_opt().unwrap_or(d);
            entries.push(Entry {
                id: format!("{TAG}{id}:change:{by}:{d}"),
                title: format!("{}: changed by {by_act} from {d}", cite(act)),
                summary: format!("From {d}, {by_act} changes: {}.", changes.join("; ")),
                date: d,
                pending: false,
                by: Some(by),
                links: vec![
                    ("alternate", format!("/acts/{id}?lang=en&as_of={d}")),
                    ("related", format!("/acts/{id}/diff?lang=en&from={before}&to={d}")),
                ],
            });
        }
        let mut waiting: std::collections::BTreeMap<RegistryId, (Option<NaiveDate>, Vec<String>)> = Default::default();
        for p in &s.pending {
            let w = waiting.entry(p.source.act).or_default();
            w.0 = match (w.0, p.earliest) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            w.1.push(change_words(p.target.as_ref(), p.kind));
        }
        for (by, (earliest, changes)) in waiting {
            let by_act = lib.act(&by).map_or_else(|| by.to_string(), cite);
            let when = earliest.map_or_else(String::new, |e| format!(", at the earliest {e}"));
            entries.push(Entry {
                id: format!("{TAG}{id}:pending:{by}"),
                title: format!("{}: {by_act} will change it (date not yet known{when})", cite(act)),
                summary: format!(
                    "{by_act} changes, from a day not yet known{when}: {}.",
                    changes.join("; ")
                ),
                date: earliest.unwrap_or(act.date),
                pending: true,
                by: Some(by),
                links: vec![("alternate", act_href(id))],
            });
        }
    }
    Some(Feed {
        id: format!("{TAG}{id}"),
        title: format!("nusqa: {} ({id})", cite(act)),
        page: act_href(id),
        entries: newest_first(entries),
    })
}

fn change_words(target: Option<&EId>, kind: &str) -> String {
    let what = match kind {
        "replace" => "new wording",
        "delete" => "deleted",
        "insert" => "inserted",
        "replace_words" => "words replaced",
        "delete_words" => "words deleted",
        "replace_attachment" => "annex in a new wording",
        "renumber" => "renumbered",
        _ => "repealed",
    };
    match target {
        Some(e) => format!("{} ({e}): {what}", citation::clause(e, Lang::En, None)),
        None => format!("the whole act: {what}"),
    }
}

/// The feed of clause `eid` of act `id`; `None` when the act or the clause is unknown.
pub fn clause(lib: &Library, id: &RegistryId, eid: &EId) -> Option<Feed> {
    let act = lib.act(id)?;
    let tl = lib.timeline(id)?;
    let versions = consolidate::history(tl, eid)?;
    let words = citation::clause(eid, Lang::En, None);
    let mut entries = Vec::new();
    for v in versions {
        let d = v.validity.from;
        let state = match &v.state.content {
            Content::Text { .. } => "text",
            Content::NotHeld => "text not held by the registry",
            Content::Repealed => "repealed",
        };
        let by = v.state.source.act;
        let by_act = lib.act(&by).map_or_else(|| by.to_string(), cite);
        let item = v
            .state
            .source
            .item
            .as_deref()
            .map(|i| format!(", item {i}"))
            .unwrap_or_default();
        let before = d.pred_opt().unwrap_or(d);
        entries.push(Entry {
            id: format!("{TAG}{id}:{eid}:{d}"),
            title: format!("{} {words}: from {d}, {state}", cite(act)),
            summary: if by == *id {
                format!("The act's own text ({state}), from {d}.")
            } else {
                format!("From {d}, by {by_act}{item}: {state}.")
            },
            date: d,
            pending: false,
            by: Some(by),
            links: vec![
                ("alternate", format!("/acts/{id}?lang=en&as_of={d}#{eid}")),
                ("related", format!("/acts/{id}/diff?lang=en&from={before}&to={d}")),
            ],
        });
    }
    for p in tl.pending_for(eid) {
        let by = p.source.act;
        let by_act = lib.act(&by).map_or_else(|| by.to_string(), cite);
        let when = p
            .earliest
            .map_or_else(String::new, |e| format!(", at the earliest {e}"));
        entries.push(Entry {
            id: format!("{TAG}{id}:{eid}:pending:{by}:{}", p.source.op.unwrap_or(0)),
            title: format!(
                "{} {words}: {by_act} will change it (date not yet known{when})",
                cite(act)
            ),
            summary: format!("{by_act} changes it ({}), from a day not yet known{when}.", p.kind),
            date: p.earliest.unwrap_or(act.date),
            pending: true,
            by: Some(by),
            links: vec![("alternate", format!("/acts/{id}?lang=en#{eid}"))],
        });
    }
    Some(Feed {
        id: format!("{TAG}{id}:{eid}"),
        title: format!("nusqa: {} {words}", cite(act)),
        page: format!("/acts/{id}/history/{eid}?lang=en"),
        entries: newest_first(entries),
    })
}

//! `GET /acts/{id}?as_of=&text=`: an act as in force on a date, in Kazakh, in Russian,
//! or both side by side (`text=kk|ru|both`; by default the UI's language where a text
//! can be in it, else Kazakh).
//!
//! The text is the one [`consolidate::consolidate_with`] derives: the operations'
//! wording where they define a clause, else the registry's redaction where its evidence
//! holds the clause on the date (marked as the registry's, with the redaction it comes
//! from and, when the start of its wording is unknown, "start unknown, at the latest D"),
//! else "not held". Side by side, the tree is aligned by top-level clause; a clause one
//! language lacks says so in that column.

use std::sync::Arc;

use askama::Template;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use chrono::NaiveDate;

use super::i18n::{Word, Words, code, parse};
use super::pages::{Failure, Layout, PageQuery, date_of, failure, page_query, render, url_encode};
use super::{AppState, Snapshot};
use crate::consolidate::{self, Consolidated, ConsolidatedNode, Status, TextFrom};
use crate::model::{EId, Lang, RegistryId};
use crate::registry::Bound;
use crate::render::{Notes, label};

/// Which texts the page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TextChoice {
    /// One language.
    One(Lang),
    /// Kazakh and Russian side by side.
    Both,
}

impl TextChoice {
    /// From `text=`; without it, Russian for the Russian UI and Kazakh otherwise.
    fn parse(text: Option<&str>, ui: Lang) -> Result<Self, String> {
        match text {
            None | Some("") => Ok(TextChoice::One(if ui == Lang::Ru { Lang::Ru } else { Lang::Kk })),
            Some("kk") => Ok(TextChoice::One(Lang::Kk)),
            Some("ru") => Ok(TextChoice::One(Lang::Ru)),
            Some("both") => Ok(TextChoice::Both),
            Some(other) => Err(format!("text must be kk, ru or both, not `{other}`")),
        }
    }

    fn code(self) -> &'static str {
        match self {
            TextChoice::One(Lang::Ru) => "ru",
            TextChoice::One(_) => "kk",
            TextChoice::Both => "both",
        }
    }

    fn langs(self) -> &'static [Lang] {
        match self {
            TextChoice::One(Lang::Ru) => &[Lang::Ru],
            TextChoice::One(_) => &[Lang::Kk],
            TextChoice::Both => &[Lang::Kk, Lang::Ru],
        }
    }
}

/// An act on a date.
#[derive(Template)]
#[template(path = "act.html")]
struct ActPage {
    layout: Layout,
    t: Words,
    id: String,
    title: String,
    work_uri: String,
    number: String,
    date: NaiveDate,
    /// The date shown.
    as_of: NaiveDate,
    diff_href: String,
    akn_href: String,
    /// The reconciliation page, for an act with registry redactions.
    reconcile_href: Option<String>,
    /// The act's corrections: "corrected on D: reason".
    corrections: Vec<(NaiveDate, String)>,
    /// The text-language switch: Kazakh, Russian, side by side.
    text_links: Vec<TextLink>,
    /// `kk`, `ru` or `both`.
    text: &'static str,
    /// The columns' languages, in order.
    columns: Vec<&'static str>,
    /// One row per top-level clause, one cell per column.
    rows: Vec<Row>,
    /// Every day the text changes: a link to the act on it, the one shown marked.
    versions: Vec<VersionLink>,
    /// The changes after the date shown: dated ones, then those waiting for an event.
    upcoming: Vec<UpcomingView>,
    /// For an amending act: what it changes.
    changes: Option<super::act_changes::ActChanges>,
}

/// A day the act's text changes.
struct VersionLink {
    date: NaiveDate,
    href: String,
    /// The version shown: the latest change on or before the date.
    current: bool,
}

/// Changes by one act still ahead of the date shown.
struct UpcomingView {
    /// The day they take force; `None` while it waits for an event.
    from: Option<NaiveDate>,
    /// For a waiting change, its earliest day when known.
    earliest: Option<NaiveDate>,
    by: String,
    by_href: String,
    /// The clauses, with links to them on their first day (or their earliest).
    clauses: Vec<(String, String)>,
}

/// A link to the page with another text language.
struct TextLink {
    label: &'static str,
    href: String,
    current: bool,
}

/// A top-level clause in each column.
struct Row {
    cells: Vec<Cell>,
}

/// A clause's subtree in one language, or nothing when that language lacks it.
struct Cell {
    lang: &'static str,
    blocks: Vec<Block>,
}

/// One step through the clause tree: a node opens, and closes after its children.
enum Block {
    /// A node's own content; its children follow, then its [`Block::Close`].
    Open(Box<NodeView>),
    /// The end of the node opened last.
    Close,
}

/// A clause as the act page shows it.
struct NodeView {
    eid: String,
    /// `in_force`, `not_held`, `repealed` or `pending` (the `nq-*` class).
    status: &'static str,
    label: Option<String>,
    heading: Option<String>,
    /// What stands for a text that is not there (not held, repealed).
    placeholder: Option<&'static str>,
    /// The text's lines.
    lines: Vec<String>,
    /// A change waiting for an event may already apply.
    pending: bool,
    /// False for a text not held: the placeholder says all there is.
    show_source: bool,
    /// Since when it reads so, in the UI's word order; for a registry wording whose
    /// start is unknown, "start unknown, at the latest D".
    since: String,
    source_act: String,
    source_href: String,
    /// The amending act's item, `None` for the base text.
    source_item: Option<String>,
    /// For the registry's wording: the redactions that show it, and the act the notes
    /// name as its author.
    registry: Option<String>,
    notes: Vec<String>,
}

/// Appends `n` and its children to `out`.
fn node_blocks(out: &mut Vec<Block>, n: &ConsolidatedNode<'_>, t: Words, notes: &Notes) {
    let status = match n.status {
        Status::InForce => "in_force",
        Status::NotHeld => "not_held",
        Status::Repealed => "repealed",
        Status::Pending => "pending",
    };
    let placeholder = match n.status {
        Status::NotHeld => Some(t.get(Word::NotHeld)),
        Status::Repealed => Some(t.get(Word::Repealed)),
        _ => None,
    };
    let lines = match placeholder {
        Some(_) => Vec::new(),
        None => n
            .text
            .map(|s| s.lines().map(str::to_string).collect())
            .unwrap_or_default(),
    };
    let from_registry = n.text_from == TextFrom::Registry && n.text.is_some();
    let reading = n.registry_reading.as_ref().filter(|_| from_registry).map(|r| r.reading);
    let since = match reading.map(|r| &r.start) {
        Some(Bound::Unknown { latest, .. }) => match latest {
            Some(l) => format!("{} {l}", t.get(Word::StartUnknown)),
            None => t.get(Word::StartUnknownNoBound).to_string(),
        },
        _ => match t.0 {
            Lang::Kk => format!("{} {}", n.since, t.get(Word::Since)),
            _ => format!("{} {}", t.get(Word::Since), n.since),
        },
    };
    let registry = reading.map(|r| {
        let mut s = format!("{}: {}", t.get(Word::RegistryText), r.seen_in.join(", "));
        if let Some(by) = &r.set_by {
            s.push_str(&format!(" · № {} ({})", by.number, by.date));
        }
        s
    });
    let act = n.source.act.to_string();
    out.push(Block::Open(Box::new(NodeView {
        eid: n.eid.as_str().to_string(),
        status,
        label: label(n.kind, n.num),
        heading: n.heading.map(str::to_string),
        placeholder,
        lines,
        pending: n.status == Status::Pending,
        show_source: n.status != Status::NotHeld,
        since,
        source_href: format!("/acts/{}?lang={}", url_encode(&act), code(t.0)),
        source_act: act,
        source_item: if from_registry { None } else { n.source.item.clone() },
        registry,
        notes: notes.get(n.eid.as_str()).cloned().unwrap_or_default(),
    })));
    for c in &n.children {
        node_blocks(out, c, t, notes);
    }
    out.push(Block::Close);
}

/// Aligns the languages' trees by top-level eId, in the order the first language gives
/// (clauses only a later language has follow their predecessor there).
fn rows(trees: &[(Lang, Consolidated<'_>, Notes)], t: Words) -> Vec<Row> {
    let mut order: Vec<&EId> = Vec::new();
    for (_, c, _) in trees {
        let mut at = 0;
        for n in &c.nodes {
            match order.iter().position(|e| *e == n.eid) {
                Some(i) => at = i + 1,
                None => {
                    order.insert(at, n.eid);
                    at += 1;
                }
            }
        }
    }
    order
        .into_iter()
        .map(|eid| Row {
            cells: trees
                .iter()
                .map(|(lang, c, notes)| {
                    let mut blocks = Vec::new();
                    if let Some(n) = c.nodes.iter().find(|n| n.eid == eid) {
                        node_blocks(&mut blocks, n, t, notes);
                    }
                    Cell {
                        lang: code(*lang),
                        blocks,
                    }
                })
                .collect(),
        })
        .collect()
}

/// `GET /acts/{id}?as_of=&text=`: an act as in force on a date, with its notes.
pub async fn act(
    State(s): State<Arc<AppState>>,
    OriginalUri(uri): OriginalUri,
    id: Result<Path<String>, PathRejection>,
    q: Result<Query<PageQuery>, QueryRejection>,
) -> Response {
    let s = s.snapshot();
    act_page(&s, &uri, id, q).unwrap_or_else(|f| f.page(&uri))
}

fn act_page(
    s: &Snapshot,
    uri: &Uri,
    id: Result<Path<String>, PathRejection>,
    q: Result<Query<PageQuery>, QueryRejection>,
) -> Result<Response, Failure> {
    let q = page_query(q, uri)?;
    let lang = parse(q.lang.as_deref());
    let fail = failure(lang);
    let Path(id) = id.map_err(|e| fail(StatusCode::BAD_REQUEST, e.body_text()))?;
    let Ok(id) = id.parse::<RegistryId>() else {
        return Err(fail(StatusCode::BAD_REQUEST, format!("`{id}` is not a registry id")));
    };
    let (Some(act), Some(tl)) = (s.library.act(&id), s.library.timeline(&id)) else {
        return Err(fail(StatusCode::NOT_FOUND, format!("{id} is not in the corpus")));
    };
    let choice = TextChoice::parse(q.text.as_deref(), lang).map_err(|e| fail(StatusCode::BAD_REQUEST, e))?;
    let date = date_of(q.as_of.as_deref())
        .map_err(|e| fail(StatusCode::BAD_REQUEST, e))?
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let readings = s.library.readings(&id);
    let mut trees = Vec::new();
    for &text_lang in choice.langs() {
        let c = consolidate::consolidate_with(tl, readings.and_then(|r| r.lang(text_lang)), text_lang, date)
            .map_err(|e| fail(StatusCode::NOT_FOUND, e.to_string()))?;
        let notes = crate::notes::notes_map(&s.library, tl, &c, text_lang);
        trees.push((text_lang, c, notes));
    }
    let t = Words(lang);
    let enc = url_encode(&act.id.to_string());
    let here = |text: &str| format!("/acts/{enc}?lang={}&as_of={date}&text={text}", code(lang));
    let text_links = [
        (TextChoice::One(Lang::Kk), Word::Kazakh),
        (TextChoice::One(Lang::Ru), Word::Russian),
        (TextChoice::Both, Word::SideBySide),
    ]
    .into_iter()
    .map(|(c, w)| TextLink {
        label: t.get(w),
        href: here(c.code()),
        current: c == choice,
    })
    .collect();
    let title_lang = if choice == TextChoice::One(Lang::Ru) {
        Lang::Ru
    } else {
        Lang::Kk
    };
    let ahead = consolidate::upcoming(tl, date);
    let act_on = |d: NaiveDate| format!("/acts/{enc}?lang={}&as_of={d}&text={}", code(lang), choice.code());
    let act_href = |by: &RegistryId| format!("/acts/{}?lang={}", url_encode(&by.to_string()), code(lang));
    let clause_links = |eids: &[EId], on: Option<NaiveDate>| -> Vec<(String, String)> {
        eids.iter()
            .map(|e| {
                let at = on
                    .map(&act_on)
                    .unwrap_or_else(|| format!("/acts/{enc}?lang={}", code(lang)));
                (e.as_str().to_string(), format!("{at}#{}", url_encode(e.as_str())))
            })
            .collect()
    };
    let upcoming = ahead
        .scheduled
        .iter()
        .map(|u| UpcomingView {
            from: Some(u.from),
            earliest: None,
            by: u.by.to_string(),
            by_href: act_href(&u.by),
            clauses: clause_links(&u.eids, Some(u.from)),
        })
        .chain(ahead.waiting.iter().map(|w| UpcomingView {
            from: None,
            earliest: w.earliest,
            by: w.by.to_string(),
            by_href: act_href(&w.by),
            clauses: clause_links(&w.eids, w.earliest.filter(|e| *e > date)),
        }))
        .collect();
    let days = consolidate::change_dates(tl);
    let shown = days.iter().rev().find(|d| **d <= date).copied();
    let versions = days
        .iter()
        .map(|d| VersionLink {
            date: *d,
            href: act_on(*d),
            current: Some(*d) == shown,
        })
        .collect();
    let mut layout = Layout::at(lang, act.title(title_lang), uri);
    layout.as_of = Some(date.to_string());
    let page = ActPage {
        layout,
        t,
        id: act.id.to_string(),
        title: act.title(title_lang).to_string(),
        work_uri: act.work_uri.as_str().to_string(),
        number: act.number.clone(),
        date: act.date,
        as_of: date,
        diff_href: format!("/acts/{enc}/diff?lang={}&to={date}", code(lang)),
        akn_href: format!("/api/acts/{enc}/akn?as_of={date}"),
        reconcile_href: readings.map(|_| format!("/acts/{enc}/reconcile?lang={}", code(lang))),
        corrections: s
            .library
            .corrections(&id)
            .iter()
            .map(|c| (c.date, c.reason.clone()))
            .collect(),
        text_links,
        text: choice.code(),
        columns: choice.langs().iter().map(|l| code(*l)).collect(),
        rows: rows(&trees, t),
        versions,
        upcoming,
        changes: super::act_changes::act_changes(&s.library, &id, date, t),
    };
    Ok(render(StatusCode::OK, &page, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_language_defaults_to_the_ui_language_where_a_text_can_be_in_it() {
        assert_eq!(TextChoice::parse(None, Lang::Ru), Ok(TextChoice::One(Lang::Ru)));
        assert_eq!(TextChoice::parse(None, Lang::En), Ok(TextChoice::One(Lang::Kk)));
        assert_eq!(TextChoice::parse(Some("both"), Lang::Kk), Ok(TextChoice::Both));
        assert!(TextChoice::parse(Some("en"), Lang::En).unwrap_err().contains("`en`"));
    }
}

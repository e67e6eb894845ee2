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

use super::citing::Citer;
use super::i18n::{Word, Words, code, parse};
use super::pages::{Failure, Layout, PageQuery, date_of, failure, page_query, render, url_encode};
use super::{AppState, Snapshot};
use crate::consolidate::{self, Consolidated, ConsolidatedNode, Status, TextFrom};
use crate::model::{EId, Lang, NodeKind, RegistryId};
use crate::registry::Bound;
use crate::render::Notes;

/// Which texts the page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TextChoice {
    /// One language.
    One(Lang),
    /// Kazakh and Russian side by side.
    Both,
}

impl TextChoice {
    /// From `text=`; without it, Russian for the Russian UI when the act has a Russian
    /// text, and Kazakh otherwise.
    fn parse(text: Option<&str>, ui: Lang, has_russian: bool) -> Result<Self, String> {
        match text {
            None | Some("") => Ok(TextChoice::One(if ui == Lang::Ru && has_russian {
                Lang::Ru
            } else {
                Lang::Kk
            })),
            Some("kk") => Ok(TextChoice::One(Lang::Kk)),
            Some("ru") => Ok(TextChoice::One(Lang::Ru)),
            Some("both") => Ok(TextChoice::Both),
            Some(other) => Err(format!("«{other}»: {}", super::i18n::t(ui, Word::BadTextChoice))),
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
    /// The date shown.
    as_of: NaiveDate,
    /// The date shown, written out.
    as_of_written: String,
    /// "№ 429 бұйрық (30.09.2025)".
    number_line: String,
    /// The version shown, as a permanent AKN URL.
    permalink: String,
    diff_href: String,
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
    /// For an amending act: its entry-into-force schedule and the registry's note.
    schedule: Option<super::act_schedule::ActSchedule>,
    /// For an amending act: the state services it changes.
    services: Vec<super::act_services::ServiceRow>,
    /// The language of the title (the text's, Kazakh side by side).
    title_lang: &'static str,
    /// The act's particulars, in the UI's words.
    facts: Vec<(&'static str, String)>,
    /// "Original text, adopted: D", linking to the act's first version.
    original: (String, String),
    /// Where the act's text comes from, as its record says.
    provenance: Option<String>,
    /// Explanations the page needs: "not held", "[?]".
    banners: Vec<&'static str>,
    /// The table of contents: top-level clauses and the clauses of annexes (empty for a
    /// short act, which needs none).
    toc: Vec<TocEntry>,
    /// The downloads: Akoma Ntoso and JSON of the version shown.
    downloads: Vec<(&'static str, String)>,
}

/// A line of the table of contents.
struct TocEntry {
    href: String,
    label: String,
    /// The clauses under it (for an annex).
    children: Vec<TocEntry>,
}

/// A day the act's text changes.
struct VersionLink {
    /// The date written out.
    written: String,
    href: String,
    /// The version shown: the latest change on or before the date.
    current: bool,
}

/// Changes by one act still ahead of the date shown.
struct UpcomingView {
    /// The day they take force, written out; `None` while it waits for an event.
    from: Option<String>,
    /// For a waiting change, its earliest day when known, written out.
    earliest: Option<String>,
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
    /// The end of the node opened last: its shape (what to close), and for a table the
    /// source lines of its changed rows, shown once under it.
    Close(Shape, Vec<SourceLine>),
}

/// How a node is laid out: tables, their rows and cells as HTML tables, the rest as
/// nested blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Node,
    Table,
    Row,
    Cell,
}

impl Shape {
    fn of(kind: NodeKind) -> Shape {
        match kind {
            NodeKind::Table => Shape::Table,
            NodeKind::Row => Shape::Row,
            NodeKind::Cell => Shape::Cell,
            _ => Shape::Node,
        }
    }
}

/// Where a changed block's wording comes from: since when, by which item of which act
/// (or the registry's redaction). Shown once per changed block, not under every child.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SourceLine {
    /// "2025 жылғы 6 желтоқсаннан бастап"; for a registry wording whose start is
    /// unknown, "start unknown, at the latest D".
    since: String,
    /// The amending act's item in words and a link to it.
    by: Option<(String, String)>,
    /// For the registry's wording: the redactions that show it, and the act the notes
    /// name as its author.
    registry: Option<String>,
    /// The clause's history page.
    history: String,
}

/// A clause as the act page shows it.
struct NodeView {
    eid: String,
    /// `in_force`, `not_held`, `repealed` or `pending` (the `nq-*` class).
    status: &'static str,
    shape: Shape,
    /// For an attachment or a chapter, the heading level that carries its label.
    level: Option<u8>,
    label: Option<String>,
    /// The clause's permanent link (its AKN expression and the eId as fragment).
    permalink: String,
    heading: Option<String>,
    /// What stands for a text that is not there (not held, repealed).
    placeholder: Option<&'static str>,
    /// The text's lines.
    lines: Vec<String>,
    /// A change waiting for an event may already apply.
    pending: bool,
    /// The source line, for the first node of a changed block.
    source: Option<SourceLine>,
    notes: Vec<String>,
    /// For a table: the widest row's cell count (a row not held spans it).
    span: usize,
}

impl NodeView {
    /// The element's id: the eId, prefixed with the language side by side.
    fn anchor(&self, side_by_side: bool, lang: &str) -> String {
        if side_by_side {
            format!("{lang}-{}", self.eid)
        } else {
            self.eid.clone()
        }
    }
}

/// What the clause walk needs: the UI's words, the notes, the citer, the permalink base.
struct Walk<'a> {
    t: Words,
    notes: &'a Notes,
    citer: &'a Citer<'a>,
    /// The text's language (labels follow it).
    text_lang: Lang,
    /// `/akn/kz/act/order/2014-12-30/350/kaz@2025-12-06`: the expression shown.
    expression: String,
    /// The link to a clause's history page, by eId.
    history: &'a dyn Fn(&str) -> String,
}

/// Identifies a block's wording: same act, item and day (or the same redactions).
type SourceKey = (String, Option<String>, NaiveDate, bool);

/// Appends `n` and its children to `out`. `parent` is the parent's source key: a node
/// whose wording came with its parent's shows no source line of its own. Inside a table
/// the lines are gathered in `table_sources` and shown once under it.
fn node_blocks(
    out: &mut Vec<Block>,
    n: &ConsolidatedNode<'_>,
    w: &Walk<'_>,
    parent: Option<&SourceKey>,
    depth: usize,
    table_sources: &mut Option<Vec<SourceLine>>,
) {
    let t = w.t;
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
    let key: SourceKey = (
        n.source.act.to_string(),
        if from_registry {
            reading.map(|r| r.seen_in.join(","))
        } else {
            n.source.item.clone()
        },
        n.since,
        from_registry,
    );
    let changed = from_registry || n.source.item.is_some();
    let source = (changed && n.status != Status::NotHeld && parent != Some(&key)).then(|| {
        let since = match reading.map(|r| &r.start) {
            Some(Bound::Unknown { latest, .. }) => match latest {
                Some(l) => format!("{} {}", t.get(Word::StartUnknown), w.citer.date(*l)),
                None => t.get(Word::StartUnknownNoBound).to_string(),
            },
            _ => w.citer.since(n.since),
        };
        let registry = reading.map(|r| {
            let mut s = format!("{}: {}", t.get(Word::RegistryText), r.seen_in.join(", "));
            if let Some(by) = &r.set_by {
                s.push_str(&format!(" · № {} ({})", by.number, by.date.format("%d.%m.%Y")));
            }
            s
        });
        SourceLine {
            since,
            by: if from_registry {
                None
            } else {
                w.citer.source(&n.source.act, n.source.item.as_deref())
            },
            registry,
            history: (w.history)(n.eid.as_str()),
        }
    });
    let shape = Shape::of(n.kind);
    let source = match (source, table_sources.as_mut()) {
        (Some(line), Some(gathered)) => {
            // One line per wording: the history link is the first clause's that has it.
            let same = |g: &SourceLine| g.since == line.since && g.by == line.by && g.registry == line.registry;
            if !gathered.iter().any(same) {
                gathered.push(line);
            }
            None
        }
        (source, _) => source,
    };
    let level = match n.kind {
        NodeKind::Attachment => Some(if depth == 0 { 2 } else { 3 }),
        NodeKind::Chapter => Some(if depth <= 1 { 3 } else { 4 }),
        _ => None,
    };
    let span = n.children.iter().map(|r| r.children.len()).max().unwrap_or(1).max(1);
    out.push(Block::Open(Box::new(NodeView {
        eid: n.eid.as_str().to_string(),
        status,
        shape,
        level,
        label: crate::render::label_in(n.kind, n.num, w.text_lang),
        permalink: format!("{}#{}", w.expression, n.eid.as_str()),
        heading: n.heading.map(str::to_string),
        placeholder,
        lines,
        pending: n.status == Status::Pending,
        source,
        notes: w.notes.get(n.eid.as_str()).cloned().unwrap_or_default(),
        span,
    })));
    let mut inner = if shape == Shape::Table { Some(Vec::new()) } else { None };
    for c in &n.children {
        let gather = if shape == Shape::Table {
            &mut inner
        } else {
            &mut *table_sources
        };
        node_blocks(out, c, w, Some(&key), depth + 1, gather);
    }
    out.push(Block::Close(shape, inner.unwrap_or_default()));
}

/// Aligns the languages' trees by top-level eId, in the order the first language gives
/// (clauses only a later language has follow their predecessor there).
fn rows(
    trees: &[(Lang, Consolidated<'_>, Notes)],
    t: Words,
    citer: &Citer<'_>,
    expression: &dyn Fn(Lang) -> String,
    history: &dyn Fn(&str) -> String,
) -> Vec<Row> {
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
                        let w = Walk {
                            t,
                            notes,
                            citer,
                            text_lang: *lang,
                            expression: expression(*lang),
                            history,
                        };
                        node_blocks(&mut blocks, n, &w, None, 0, &mut None);
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
        return Err(fail(
            StatusCode::BAD_REQUEST,
            super::pages::not_a_registry_id(lang, &id),
        ));
    };
    let (Some(act), Some(tl)) = (s.library.act(&id), s.library.timeline(&id)) else {
        return Err(fail(
            StatusCode::NOT_FOUND,
            super::pages::not_in_corpus(lang, &id.to_string()),
        ));
    };
    let readings = s.library.readings(&id);
    let has_russian = readings.and_then(|r| r.lang(Lang::Ru)).is_some();
    let choice =
        TextChoice::parse(q.text.as_deref(), lang, has_russian).map_err(|e| fail(StatusCode::BAD_REQUEST, e))?;
    let date = date_of(q.as_of.as_deref(), lang)
        .map_err(|e| fail(StatusCode::BAD_REQUEST, e))?
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let mut trees = Vec::new();
    for &text_lang in choice.langs() {
        let c = consolidate::consolidate_with(tl, readings.and_then(|r| r.lang(text_lang)), text_lang, date)
            .map_err(|e| fail(StatusCode::NOT_FOUND, e.to_string()))?;
        let notes = crate::notes::notes_map(&s.library, tl, &c, text_lang);
        trees.push((text_lang, c, notes));
    }
    let t = Words(lang);
    let citer = Citer::new(&s.library, lang);
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
                (citer.clause(&id, e), format!("{at}#{}", url_encode(e.as_str())))
            })
            .collect()
    };
    let cite_act = |by: &RegistryId| match s.library.act(by) {
        Some(a) => crate::citation::act(a.kind, &a.number, a.date, lang),
        None => by.to_string(),
    };
    let upcoming = ahead
        .scheduled
        .iter()
        .map(|u| UpcomingView {
            from: Some(citer.date(u.from)),
            earliest: None,
            by: cite_act(&u.by),
            by_href: act_href(&u.by),
            clauses: clause_links(&u.eids, Some(u.from)),
        })
        .chain(ahead.waiting.iter().map(|w| UpcomingView {
            from: None,
            earliest: w.earliest.map(|d| citer.date(d)),
            by: cite_act(&w.by),
            by_href: act_href(&w.by),
            clauses: clause_links(&w.eids, w.earliest.filter(|e| *e > date)),
        }))
        .collect();
    let days = consolidate::change_dates(tl);
    let shown = days.iter().rev().find(|d| **d <= date).copied();
    let versions = days
        .iter()
        .map(|d| VersionLink {
            written: citer.date(*d),
            href: act_on(*d),
            current: Some(*d) == shown,
        })
        .collect();
    let version_day = shown.unwrap_or(tl.base_date);
    let expression = |l: Lang| {
        format!(
            "{}/{}@{version_day}",
            act.work_uri.as_str(),
            if l == Lang::Ru { "rus" } else { "kaz" }
        )
    };
    let facts = facts(act, tl, date, &citer, t);
    let first_day = days.first().copied().unwrap_or(tl.base_date);
    let original = (
        format!("{}: {}", t.get(Word::OriginalText), citer.date(act.date)),
        format!("{}#text", act_on(first_day)),
    );
    let mut banners = Vec::new();
    let mut uncertain = false;
    let mut not_held = false;
    for (_, c, _) in &trees {
        walk(&c.nodes, &mut |n| {
            not_held |= n.status == Status::NotHeld;
            uncertain |= n.text.is_some_and(|t| t.contains("[?]"));
        });
    }
    if not_held {
        banners.push(t.get(Word::NotHeldExplained));
    }
    if uncertain {
        banners.push(t.get(Word::UncertainExplained));
    }
    let mut toc = trees
        .first()
        .map(|(_, c, _)| toc(&c.nodes, &citer, act.id))
        .unwrap_or_default();
    if toc.iter().map(|e| 1 + e.children.len()).sum::<usize>() < 8 {
        toc.clear();
    }
    let downloads = vec![
        ("Akoma Ntoso (XML)", format!("/api/acts/{enc}/akn?as_of={date}")),
        ("JSON", format!("/api/acts/{enc}?as_of={date}")),
    ];
    let mut layout = Layout::at(lang, act.title(title_lang), uri);
    layout.as_of = Some(date.to_string());
    let page = ActPage {
        layout,
        t,
        id: act.id.to_string(),
        title: act.title(title_lang).to_string(),
        work_uri: act.work_uri.as_str().to_string(),
        as_of: date,
        as_of_written: citer.date(date),
        number_line: crate::citation::act(act.kind, &act.number, act.date, lang),
        permalink: expression(title_lang),
        diff_href: format!("/acts/{enc}/diff?lang={}&to={date}", code(lang)),
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
        rows: rows(&trees, t, &citer, &expression, &|eid: &str| {
            format!(
                "/acts/{enc}/history/{}?lang={}&as_of={date}",
                url_encode(eid),
                code(lang)
            )
        }),
        versions,
        upcoming,
        changes: super::act_changes::act_changes(&s.library, &id, date, &citer, t),
        schedule: super::act_schedule::act_schedule(act, &citer, t),
        services: super::act_services::act_services(s, &id, &citer, t),
        title_lang: code(title_lang),
        facts,
        original,
        provenance: act.provenance.clone(),
        banners,
        toc,
        downloads,
    };
    Ok(render(StatusCode::OK, &page, lang))
}

/// Calls `f` on every node of `nodes`, depth first.
fn walk<'a>(nodes: &'a [ConsolidatedNode<'a>], f: &mut impl FnMut(&'a ConsolidatedNode<'a>)) {
    for n in nodes {
        f(n);
        walk(&n.children, f);
    }
}

/// The act's particulars: issuer, registration, status on the date shown.
fn facts(
    act: &crate::model::Act,
    tl: &consolidate::ActTimeline,
    date: NaiveDate,
    citer: &Citer<'_>,
    t: Words,
) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let issuer = act
        .issuer
        .names
        .get(&t.0)
        .or_else(|| act.issuer.names.get(&Lang::Kk))
        .cloned()
        .unwrap_or_else(|| act.issuer.office.clone());
    out.push((t.get(Word::Issuer), issuer));
    if let Some(r) = &act.registration {
        let mut s = format!("{} {}", t.get(Word::RegisteredAs), r.number);
        if let Some(d) = r.date {
            s = format!("{}, {s}", citer.date(d));
        }
        out.push((t.get(Word::Registration), s));
    }
    let status = match tl.repealed_on {
        Some(d) if d <= date => format!("{} ({})", t.get(Word::ActRepealed), citer.date(d)),
        _ if date < tl.base_date => t.get(Word::ActNotYetInForce).to_string(),
        _ => t.get(Word::StatusInForce).to_string(),
    };
    out.push((t.get(Word::StatusLabel), status));
    out
}

/// The table of contents: every top-level clause, and under an annex its own clauses,
/// each by its label and the first words of its text.
fn toc(nodes: &[ConsolidatedNode<'_>], citer: &Citer<'_>, act: RegistryId) -> Vec<TocEntry> {
    let entry = |n: &ConsolidatedNode<'_>| -> TocEntry {
        let mut label = match n.kind {
            NodeKind::Preface | NodeKind::Preamble | NodeKind::Conclusions => String::new(),
            _ => citer.clause(&act, n.eid),
        };
        let words: String = n
            .heading
            .or(n.text)
            .unwrap_or("")
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .chars()
            .take(70)
            .collect();
        if !words.is_empty() {
            if !label.is_empty() {
                label.push_str(" — ");
            }
            label.push_str(words.trim());
        }
        if label.is_empty() {
            label = n.eid.as_str().to_string();
        }
        TocEntry {
            href: format!("#{}", n.eid.as_str()),
            label,
            children: Vec::new(),
        }
    };
    nodes
        .iter()
        .map(|n| {
            let mut e = entry(n);
            if n.kind == NodeKind::Attachment {
                e.children = n
                    .children
                    .iter()
                    .filter(|c| matches!(c.kind, NodeKind::Attachment | NodeKind::Chapter | NodeKind::Paragraph))
                    .map(entry)
                    .collect();
            }
            e
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_language_defaults_to_the_ui_language_where_a_text_can_be_in_it() {
        assert_eq!(TextChoice::parse(None, Lang::Ru, true), Ok(TextChoice::One(Lang::Ru)));
        assert_eq!(TextChoice::parse(None, Lang::Ru, false), Ok(TextChoice::One(Lang::Kk)));
        assert_eq!(TextChoice::parse(None, Lang::En, true), Ok(TextChoice::One(Lang::Kk)));
        assert_eq!(TextChoice::parse(Some("both"), Lang::Kk, false), Ok(TextChoice::Both));
        assert!(
            TextChoice::parse(Some("en"), Lang::En, true)
                .unwrap_err()
                .contains("«en»")
        );
    }
}

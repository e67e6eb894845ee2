//! `GET /acts/{id}/diff?from=&to=`: what changed in an act between two dates, for
//! people: the act's title, each changed clause cited in words and linked to the act on
//! the later date, the kind of change and the statuses in the UI's language, the
//! amending act's item that made it and from when, the word diff, and a clear "no
//! changes" for an empty range.

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
use crate::consolidate::Status;
use crate::diff::{ChangeKind, NodeDiff, Side, html};
use crate::model::{Lang, RegistryId};

/// The compare page.
#[derive(Template)]
#[template(path = "diff.html")]
struct DiffPage {
    layout: Layout,
    t: Words,
    title: String,
    title_lang: &'static str,
    from: NaiveDate,
    to: NaiveDate,
    from_written: String,
    to_written: String,
    back_href: String,
    entries: Vec<Entry>,
}

/// One changed clause.
struct Entry {
    eid: String,
    /// The clause in words.
    cited: String,
    /// The act on the later date, at the clause.
    href: String,
    /// The kind of change, in words.
    change: &'static str,
    /// "in force → repealed", in words.
    statuses: String,
    /// "changed by № 429 бұйрық (30.09.2025), Тізбенің 1-тармағы, from D", linked.
    by: Option<(String, String, String)>,
    /// The word diff, from [`crate::diff::html`], which escapes every text it takes.
    redline: String,
}

fn change_word(c: ChangeKind) -> Word {
    match c {
        ChangeKind::Added => Word::DiffAdded,
        ChangeKind::Removed => Word::DiffRemoved,
        ChangeKind::Changed => Word::DiffChanged,
        ChangeKind::Renumbered => Word::DiffRenumbered,
        ChangeKind::StatusChanged => Word::DiffStatusChanged,
        ChangeKind::Unchanged => Word::DiffUnchanged,
    }
}

fn status_word(s: Option<&Side>) -> Word {
    match s.map(|s| s.status) {
        None => Word::StatusAbsent,
        Some(Status::InForce) => Word::StatusInForce,
        Some(Status::NotHeld) => Word::StatusNotHeld,
        Some(Status::Repealed) => Word::ActRepealed,
        Some(Status::Pending) => Word::StatusPending,
    }
}

fn entry(n: &NodeDiff, act: RegistryId, to: NaiveDate, citer: &Citer<'_>, t: Words) -> Entry {
    let enc = url_encode(&act.to_string());
    let redline = match &n.words {
        Some(w) => html::words_html(w),
        None => html::replaced_html(
            n.before.as_ref().and_then(|s| s.text.as_deref()),
            n.after.as_ref().and_then(|s| s.text.as_deref()),
        ),
    };
    let by = n.after.as_ref().filter(|a| a.source.item.is_some()).and_then(|a| {
        let (text, href) = citer.source(&a.source.act, a.source.item.as_deref())?;
        Some((text, href, citer.since(a.since)))
    });
    Entry {
        eid: n.eid.as_str().to_string(),
        cited: citer.clause(&act, &n.eid),
        href: format!(
            "/acts/{enc}?lang={}&as_of={to}#{}",
            code(t.0),
            url_encode(n.eid.as_str())
        ),
        change: t.get(change_word(n.change)),
        statuses: format!(
            "{} → {}",
            t.get(status_word(n.before.as_ref())),
            t.get(status_word(n.after.as_ref()))
        ),
        by,
        redline,
    }
}

/// `GET /acts/{id}/diff?from=&to=`.
pub async fn diff(
    State(s): State<Arc<AppState>>,
    OriginalUri(uri): OriginalUri,
    id: Result<Path<String>, PathRejection>,
    q: Result<Query<PageQuery>, QueryRejection>,
) -> Response {
    let s = s.snapshot();
    diff_page(&s, &uri, id, q).unwrap_or_else(|f| f.page(&uri))
}

fn diff_page(
    s: &Snapshot,
    uri: &Uri,
    id: Result<Path<String>, PathRejection>,
    q: Result<Query<PageQuery>, QueryRejection>,
) -> Result<Response, Failure> {
    let q = page_query(q, uri)?;
    let lang = parse(q.lang.as_deref());
    let fail = failure(lang);
    let Path(id) = id.map_err(|e| fail(StatusCode::BAD_REQUEST, e.body_text()))?;
    let parsed = id.parse::<RegistryId>().ok();
    let (Some(act), Some(tl)) = (
        parsed.and_then(|id| s.library.act(&id)),
        parsed.and_then(|id| s.library.timeline(&id)),
    ) else {
        return Err(fail(
            StatusCode::NOT_FOUND,
            super::pages::not_in_corpus(lang, &id.to_string()),
        ));
    };
    let bad = |e| fail(StatusCode::BAD_REQUEST, e);
    let from = date_of(q.from.as_deref(), lang).map_err(bad)?.unwrap_or(tl.base_date);
    let to = date_of(q.to.as_deref(), lang)
        .map_err(bad)?
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let d = crate::diff::diff(tl, from, to, crate::diff::DiffOptions::default())
        .map_err(|e| fail(StatusCode::NOT_FOUND, e.to_string()))?;
    let t = Words(lang);
    let citer = Citer::new(&s.library, lang);
    let title_lang = if lang == Lang::Ru && act.titles.contains_key(&Lang::Ru) {
        Lang::Ru
    } else {
        Lang::Kk
    };
    let title = act.title(title_lang).to_string();
    let page = DiffPage {
        layout: Layout::at(lang, format!("{} · {title}", t.get(Word::CompareVersions)), uri),
        t,
        title,
        title_lang: code(title_lang),
        from,
        to,
        from_written: citer.date(from),
        to_written: citer.date(to),
        back_href: format!(
            "/acts/{}?lang={}&as_of={to}",
            url_encode(&act.id.to_string()),
            code(lang)
        ),
        entries: d.changes().map(|n| entry(n, act.id, to, &citer, t)).collect(),
    };
    Ok(render(StatusCode::OK, &page, lang))
}

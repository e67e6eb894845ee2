//! `GET /acts/{id}/history/{eid}`: every version of one clause, newest first, each with
//! its period written out, its state (text, not held, repealed), the act and item that
//! made it, a link to the act on its first day at the clause, and its word diff against
//! the version before it. Changes whose date is not yet known come first.
//! `/api/acts/{id}/history/{eid}` gives the versions as JSON.

use std::sync::Arc;
use std::time::Duration;

use askama::Template;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;

use super::citing::Citer;
use super::i18n::{Word, Words, code, parse};
use super::pages::{Failure, Layout, PageQuery, failure, page_query, render, url_encode};
use super::{AppState, Snapshot};
use crate::kk::{Base, Case, inflect};
use crate::model::{Content, EId, Lang, RegistryId};
use crate::views::ViewError;
use crate::views::history::HistoryView;

/// How long one word diff may take before it is given coarser.
const DIFF_BUDGET: Duration = Duration::from_millis(50);

/// The history page.
#[derive(Template)]
#[template(path = "history.html")]
struct HistoryPage {
    layout: Layout,
    t: Words,
    /// The clause in words.
    clause: String,
    eid: String,
    /// The act cited, and its page on the date the user came from.
    act: String,
    act_href: String,
    /// Waiting changes: their earliest day (or "date not yet known") and their act.
    pending: Vec<(String, Option<(String, String)>)>,
    /// Newest first.
    versions: Vec<VersionRow>,
}

/// One version.
struct VersionRow {
    /// "from D to D", "from D".
    period: String,
    /// In force on the date the user came from.
    current: bool,
    /// `in_force`, `not_held` or `repealed`.
    status: &'static str,
    /// For a version without text, what stands for it.
    placeholder: Option<&'static str>,
    /// The act and item that made it (`None` for the act's own base text).
    by: Option<(String, String)>,
    /// The act on the version's first day, at the clause.
    href: String,
    /// The version's text against the one before, built by `crate::diff::html`, which
    /// escapes both texts; the plain text for the first version.
    diff_html: String,
    /// The first version with a text: nothing to compare it with.
    first: bool,
    /// The text is word for word the one before (a new source, the same words).
    same: bool,
}

/// `GET /acts/{id}/history/{eid}`.
pub async fn history(
    State(s): State<Arc<AppState>>,
    OriginalUri(uri): OriginalUri,
    path: Result<Path<(String, String)>, PathRejection>,
    q: Result<Query<PageQuery>, QueryRejection>,
) -> Response {
    let s = s.snapshot();
    page(&s, &uri, path, q).unwrap_or_else(|f| f.page(&uri))
}

fn page(
    s: &Snapshot,
    uri: &Uri,
    path: Result<Path<(String, String)>, PathRejection>,
    q: Result<Query<PageQuery>, QueryRejection>,
) -> Result<Response, Failure> {
    let q = page_query(q, uri)?;
    let lang = parse(q.lang.as_deref());
    let fail = failure(lang);
    let Path((id, eid)) = path.map_err(|e| fail(StatusCode::BAD_REQUEST, e.body_text()))?;
    let Ok(id) = id.parse::<RegistryId>() else {
        return Err(fail(
            StatusCode::BAD_REQUEST,
            super::pages::not_a_registry_id(lang, &id),
        ));
    };
    let eid: EId = eid.parse().map_err(|e| fail(StatusCode::BAD_REQUEST, format!("{e}")))?;
    let on = super::pages::date_of(q.as_of.as_deref(), lang)
        .map_err(|e| fail(StatusCode::BAD_REQUEST, e))?
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let v = HistoryView::build(&s.library, &id, &eid).map_err(|e| match e {
        ViewError::UnknownAct(_) => fail(
            StatusCode::NOT_FOUND,
            super::pages::not_in_corpus(lang, &id.to_string()),
        ),
        other => fail(StatusCode::NOT_FOUND, other.to_string()),
    })?;
    let t = Words(lang);
    let citer = Citer::new(&s.library, lang);
    let enc = url_encode(&id.to_string());
    let ui = code(lang);
    let at = |d: chrono::NaiveDate| format!("/acts/{enc}?lang={ui}&as_of={d}#{}", url_encode(eid.as_str()));
    let mut versions = Vec::with_capacity(v.versions.len());
    let mut before: Option<&str> = None;
    let mut seen_text = false;
    for (i, ver) in v.versions.iter().enumerate() {
        let text = ver.state.content.text();
        let (status, placeholder) = match ver.state.content {
            Content::Text { .. } => ("in_force", None),
            Content::NotHeld => ("not_held", Some(t.get(Word::NotHeld))),
            Content::Repealed => ("repealed", Some(t.get(Word::Repealed))),
        };
        let first = text.is_some() && !seen_text;
        seen_text |= text.is_some();
        let diff_html = match (before, text) {
            (Some(b), Some(a)) => crate::diff::html::words_html(&crate::diff::words::word_diff(b, a, DIFF_BUDGET)),
            // The first text known: shown as it is, not as an insertion.
            (None, Some(a)) if first => crate::diff::html::plain_html(a),
            (b, a) => crate::diff::html::replaced_html(b, a),
        };
        let period = match ver.validity.to {
            Some(to) => format!("{} — {}", citer.since(ver.validity.from), until(&citer, to, lang)),
            None => citer.since(ver.validity.from),
        };
        versions.push(VersionRow {
            period,
            current: ver.validity.contains(on),
            status,
            placeholder,
            by: (ver.state.source.item.is_some())
                .then(|| citer.source(&ver.state.source.act, ver.state.source.item.as_deref()))
                .flatten(),
            href: at(ver.validity.from),
            same: i > 0 && before.is_some() && before == text,
            first,
            diff_html,
        });
        before = text;
    }
    versions.reverse();
    let pending = v
        .pending
        .iter()
        .map(|p| {
            (
                citer.waiting(p.earliest),
                citer.source(&p.source.act, p.source.item.as_deref()),
            )
        })
        .collect();
    let act = s.library.act(&id);
    let clause = citer.clause(&id, &eid);
    let page = HistoryPage {
        layout: Layout::at(lang, format!("{} · {}", t.clause_history(), clause), uri),
        t,
        eid: eid.as_str().to_string(),
        act: act.map_or_else(
            || id.to_string(),
            |a| crate::citation::act(a.kind, &a.number, a.date, lang),
        ),
        act_href: at(on),
        clause,
        pending,
        versions,
    };
    Ok(render(StatusCode::OK, &page, lang))
}

/// "to D inclusive": D is the last day the version held, the day before `to`.
fn until(citer: &Citer<'_>, to: chrono::NaiveDate, lang: Lang) -> String {
    let last = to.pred_opt().unwrap_or(to);
    let d = citer.date(last);
    match lang {
        Lang::Kk => format!("{} қоса алғанда", inflect(&d, Case::Accusative, Base::Bare)),
        Lang::Ru => format!("по {d} включительно"),
        Lang::En => format!("to {d} inclusive"),
    }
}

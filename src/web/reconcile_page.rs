//! `GET /acts/{id}/reconcile?as_of=`: the operations' text of an act set against the
//! registry's redactions, for people: the days the registry applied each amending act
//! and what they imply, the counts, every clause whose wordings differ with its word
//! diff, and the clauses only one derivation has. `/api/acts/{id}/reconcile` gives the
//! same view as JSON.

use std::sync::Arc;

use askama::Template;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use chrono::NaiveDate;

use super::i18n::{Words, code, parse};
use super::pages::{Failure, Layout, PageQuery, date_of, failure, page_query, render, url_encode};
use super::{AppState, Snapshot};
use crate::model::{Lang, RegistryId};
use crate::registry::Agreement;
use crate::views::ViewError;
use crate::views::reconcile::ReconcileView;

/// The reconciliation page.
#[derive(Template)]
#[template(path = "reconcile.html")]
struct ReconcilePage {
    layout: Layout,
    t: Words,
    id: String,
    title: String,
    act_href: String,
    /// The date compared on.
    date: NaiveDate,
    pending_applied: bool,
    /// "the registry applied A on D (file); that implies first publication on P;
    /// recorded: R", one per amending act.
    applied: Vec<Applied>,
    /// `kk.agree 14`, …
    summary: Vec<(String, usize)>,
    /// The clauses whose wordings differ, or that only the operations make.
    clauses: Vec<ClauseRow>,
    /// eIds only the registry holds, per language.
    only_registry: Vec<(String, Vec<String>)>,
    /// Alignment flags of the Russian redactions.
    alignment: Vec<String>,
}

/// One amending act's application by the registry.
struct Applied {
    act: String,
    on: NaiveDate,
    redaction: String,
    implies: Option<NaiveDate>,
    recorded: Option<NaiveDate>,
}

/// A clause whose two derivations do not agree.
struct ClauseRow {
    eid: String,
    href: String,
    lang: &'static str,
    /// `differ` or `only_operations`.
    agreement: &'static str,
    words: usize,
    /// The word diff, operations → registry, built by `crate::diff::html::words_html`,
    /// which escapes both texts.
    diff_html: String,
}

/// `GET /acts/{id}/reconcile`.
pub async fn reconcile(
    State(s): State<Arc<AppState>>,
    OriginalUri(uri): OriginalUri,
    id: Result<Path<String>, PathRejection>,
    q: Result<Query<PageQuery>, QueryRejection>,
) -> Response {
    let s = s.snapshot();
    page(&s, &uri, id, q).unwrap_or_else(|f| f.page(&uri))
}

fn page(
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
    let date = date_of(q.as_of.as_deref(), lang).map_err(|e| fail(StatusCode::BAD_REQUEST, e))?;
    let v = ReconcileView::build(&s.library, &id, date).map_err(|e| match e {
        ViewError::UnknownAct(_) | ViewError::NoRedactions(_) => fail(StatusCode::NOT_FOUND, e.to_string()),
        other => fail(StatusCode::BAD_REQUEST, other.to_string()),
    })?;
    let act = s.library.act(&id);
    let enc = url_encode(&id.to_string());
    let r = &v.reconciliation;
    let lang_code = |l: Lang| code(l);
    let clauses = r
        .clauses
        .iter()
        .filter(|c| matches!(c.agreement, Agreement::Differ | Agreement::OnlyOperations))
        .map(|c| ClauseRow {
            eid: c.eid.as_str().to_string(),
            href: format!(
                "/acts/{enc}?lang={}&as_of={}&text={}#{}",
                code(lang),
                r.date,
                lang_code(c.lang),
                url_encode(c.eid.as_str())
            ),
            lang: lang_code(c.lang),
            agreement: match c.agreement {
                Agreement::Differ => "differ",
                _ => "only_operations",
            },
            words: c.words,
            diff_html: match &c.diff {
                Some(d) => crate::diff::html::words_html(d),
                None => crate::diff::html::replaced_html(c.operations.as_deref(), c.registry.as_deref()),
            },
        })
        .collect();
    let mut only_registry: Vec<(String, Vec<String>)> = Vec::new();
    for c in r.clauses.iter().filter(|c| c.agreement == Agreement::OnlyRegistry) {
        let l = lang_code(c.lang).to_string();
        match only_registry.iter_mut().find(|(k, _)| *k == l) {
            Some((_, v)) => v.push(c.eid.as_str().to_string()),
            None => only_registry.push((l, vec![c.eid.as_str().to_string()])),
        }
    }
    let title = act.map(|a| a.title(Lang::Kk).to_string()).unwrap_or_default();
    let page = ReconcilePage {
        layout: Layout::at(lang, title.clone(), uri),
        t: Words(lang),
        id: id.to_string(),
        title,
        act_href: format!("/acts/{enc}?lang={}&as_of={}", code(lang), r.date),
        date: r.date,
        pending_applied: v.pending_applied,
        applied: v
            .applied
            .iter()
            .map(|a| Applied {
                act: a.act.to_string(),
                on: a.applied_on,
                redaction: a.redaction.clone(),
                implies: a.implies_publication,
                recorded: a.recorded_publication,
            })
            .collect(),
        summary: r.summary.iter().map(|(k, n)| (k.clone(), *n)).collect(),
        clauses,
        only_registry,
        alignment: r
            .alignment
            .iter()
            .map(|f| format!("{} {}: {}", f.flag, f.eid, f.detail))
            .collect(),
    };
    Ok(render(StatusCode::OK, &page, lang))
}

//! The route handlers.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::Deserialize;

use super::error::ApiError;
use super::extract::{ApiPath as Path, ApiQuery as Query};
use super::{AppState, Snapshot};
use crate::consolidate::ActTimeline;
use crate::model::{Act, EId, Lang, RegistryId};
use crate::views;

type ApiResult = Result<Response, ApiError>;

fn bad(msg: impl Into<String>) -> ApiError {
    ApiError::bad(msg)
}

fn missing(msg: impl Into<String>) -> ApiError {
    ApiError::missing(msg)
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn date(s: Option<&str>) -> Result<Option<NaiveDate>, ApiError> {
    s.map(|s| {
        s.parse::<NaiveDate>()
            .map_err(|_| bad(format!("`{s}` is not a date (YYYY-MM-DD)")))
    })
    .transpose()
}

fn act_of<'s>(state: &'s Snapshot, id: &str) -> Result<(&'s Act, &'s ActTimeline), ApiError> {
    let id: RegistryId = id.parse().map_err(|e| bad(format!("{e}")))?;
    match (state.library.act(&id), state.library.timeline(&id)) {
        (Some(a), Some(t)) => Ok((a, t)),
        _ => Err(missing(format!("act {id} is not in the corpus"))),
    }
}

/// A typed view as a JSON answer.
fn json_ok<T: serde::Serialize>(v: &T) -> ApiResult {
    Ok(Json(v).into_response())
}

/// `GET /api/acts`.
pub async fn acts(State(s): State<Arc<AppState>>) -> ApiResult {
    let s = s.snapshot();
    json_ok(&views::ActsView {
        acts: s.library.acts().collect(),
    })
}

/// Query parameters with a date.
#[derive(Deserialize)]
pub struct AsOf {
    as_of: Option<String>,
    notes: Option<String>,
    /// The language of the text: kk (default) or ru.
    lang: Option<String>,
}

/// `GET /api/acts/{id}`.
pub async fn show(State(s): State<Arc<AppState>>, Path(id): Path<String>, Query(q): Query<AsOf>) -> ApiResult {
    let s = s.snapshot();
    let (act, _) = act_of(&s, &id)?;
    let date = date(q.as_of.as_deref())?.unwrap_or_else(today);
    let lang = match q.notes.as_deref() {
        None | Some("kk") => Some(Lang::Kk),
        Some("ru") => Some(Lang::Ru),
        Some("none") => None,
        Some(other) => return Err(bad(format!("notes must be kk, ru or none, not `{other}`"))),
    };
    let text_lang = match q.lang.as_deref() {
        None | Some("kk") => Lang::Kk,
        Some("ru") => Lang::Ru,
        Some(other) => return Err(bad(format!("lang must be kk or ru, not `{other}`"))),
    };
    json_ok(&views::ActView::build_in(&s.library, &act.id, date, lang, text_lang)?)
}

/// `GET /api/acts/{id}/reconcile?as_of=D`: the operations against the registry's
/// redactions (see `nusqa reconcile`).
pub async fn reconcile(State(s): State<Arc<AppState>>, Path(id): Path<String>, Query(q): Query<AsOf>) -> ApiResult {
    let s = s.snapshot();
    let (act, _) = act_of(&s, &id)?;
    let date = date(q.as_of.as_deref())?;
    json_ok(&views::ReconcileView::build(&s.library, &act.id, date)?)
}

/// `GET /api/v1/status`: what this server serves, so that replicas can be compared.
#[derive(Debug, serde::Serialize, schemars::JsonSchema)]
pub struct StatusView {
    /// The corpus generation its search index was built from (a hash of every corpus
    /// file's content); `null` without an index.
    pub corpus_generation: Option<String>,
    /// When its current snapshot was made (its load or its last write), RFC 3339.
    pub snapshot_made: String,
    /// The acts held.
    pub acts: usize,
    /// The clause versions held.
    pub versions: usize,
    /// True when it takes no writes.
    pub read_only: bool,
}

/// `GET /api/v1/status`.
pub async fn status(State(s): State<Arc<AppState>>) -> ApiResult {
    let snap = s.snapshot();
    json_ok(&StatusView {
        corpus_generation: snap.index.as_ref().map(|i| i.generation().corpus.clone()),
        snapshot_made: chrono::DateTime::<chrono::Utc>::from(snap.made()).to_rfc3339(),
        acts: snap.library.len(),
        versions: snap.library.version_count(),
        read_only: s.writer.is_none(),
    })
}

/// `GET /api/v1/acts/{id}/impact`: which state services, and which of their
/// attributes, an amending act changes (`nusqa impact`).
pub async fn impact(State(s): State<Arc<AppState>>, Path(id): Path<String>) -> ApiResult {
    let s = s.snapshot();
    let (act, _) = act_of(&s, &id)?;
    let id = act.id;
    match s.impact(&id) {
        Some(i) => json_ok(&*i),
        None => Err(missing(format!("{id} changes no state service's Rules"))),
    }
}

/// `GET /api/v1/acts/{id}/versions`.
pub async fn versions(State(s): State<Arc<AppState>>, Path(id): Path<String>) -> ApiResult {
    let s = s.snapshot();
    let (act, _) = act_of(&s, &id)?;
    json_ok(&views::VersionsView::build(&s.library, &act.id)?)
}

/// `GET /api/acts/{id}/history/{eid}`.
pub async fn history(State(s): State<Arc<AppState>>, Path((id, eid)): Path<(String, String)>) -> ApiResult {
    let s = s.snapshot();
    let (act, _) = act_of(&s, &id)?;
    let eid: EId = eid.parse().map_err(|e| bad(format!("{e}")))?;
    json_ok(&views::HistoryView::build(&s.library, &act.id, &eid)?)
}

/// `GET /api/acts/{id}/ops`.
pub async fn ops(State(s): State<Arc<AppState>>, Path(id): Path<String>) -> ApiResult {
    let s = s.snapshot();
    let (act, _) = act_of(&s, &id)?;
    json_ok(&views::OpsView::build(&s.library, &act.id)?)
}

/// Query parameters of a diff.
#[derive(Deserialize)]
pub struct DiffQuery {
    from: Option<String>,
    to: Option<String>,
    #[serde(default)]
    raw: bool,
}

/// `GET /api/acts/{id}/diff`.
pub async fn diff(State(s): State<Arc<AppState>>, Path(id): Path<String>, Query(q): Query<DiffQuery>) -> ApiResult {
    let s = s.snapshot();
    let (_, tl) = act_of(&s, &id)?;
    let from = date(q.from.as_deref())?.ok_or_else(|| bad("`from` is required"))?;
    let to = date(q.to.as_deref())?.ok_or_else(|| bad("`to` is required"))?;
    let opts = crate::diff::DiffOptions {
        raw: q.raw,
        ..Default::default()
    };
    let d = crate::diff::diff(tl, from, to, opts).map_err(|e| missing(e.to_string()))?;
    json_ok(&d)
}

/// Query parameters of an effect.
#[derive(Deserialize)]
pub struct EffectQuery {
    target: Option<String>,
}

/// `GET /api/acts/{id}/effect`.
pub async fn effect(State(s): State<Arc<AppState>>, Path(id): Path<String>, Query(q): Query<EffectQuery>) -> ApiResult {
    let s = s.snapshot();
    let (act, _) = act_of(&s, &id)?;
    let target = q
        .target
        .as_deref()
        .map(|t| t.parse::<RegistryId>().map_err(|e| bad(format!("{e}"))))
        .transpose()?;
    json_ok(&views::EffectView::build(&s.library, &act.id, target.as_ref())?)
}

/// `GET /api/acts/{id}/blame`.
pub async fn blame(State(s): State<Arc<AppState>>, Path(id): Path<String>, Query(q): Query<AsOf>) -> ApiResult {
    let s = s.snapshot();
    let (act, _) = act_of(&s, &id)?;
    let date = date(q.as_of.as_deref())?.unwrap_or_else(today);
    json_ok(&views::BlameView::build(&s.library, &act.id, date)?)
}

/// `GET /api/acts/{id}/akn`.
pub async fn akn(State(s): State<Arc<AppState>>, Path(id): Path<String>, Query(q): Query<AsOf>) -> ApiResult {
    let s = s.snapshot();
    let (act, _) = act_of(&s, &id)?;
    let date = date(q.as_of.as_deref())?.unwrap_or_else(today);
    let xml = crate::akn::export(&s.library, &act.id, date, today()).map_err(|e| missing(e.to_string()))?;
    Ok(([(header::CONTENT_TYPE, "application/akn+xml; charset=utf-8")], xml).into_response())
}

/// Query parameters of a search.
#[derive(Deserialize)]
pub struct SearchQuery {
    q: Option<String>,
    as_of: Option<String>,
    #[serde(default)]
    any_time: bool,
    act: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// `GET /api/search`. The limits of [`crate::search::limits`] are checked before any
/// work, and each refusal names the limit.
pub async fn search(State(s): State<Arc<AppState>>, Query(q): Query<SearchQuery>) -> ApiResult {
    let s = s.snapshot();
    use crate::search::{SearchRequest, When};
    let idx = s
        .index
        .as_ref()
        .ok_or_else(|| ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", "no search index"))?;
    let query = q.q.ok_or_else(|| bad("`q` is required"))?;
    let when = match (q.any_time, date(q.as_of.as_deref())?) {
        (true, Some(_)) => return Err(bad("give as_of or any_time, not both")),
        (true, None) => When::AnyTime,
        (false, d) => When::AsOf(d.unwrap_or_else(today)),
    };
    let act = q
        .act
        .as_deref()
        .map(|a| a.parse::<RegistryId>().map_err(|e| bad(format!("{e}"))))
        .transpose()?;
    let req = SearchRequest {
        query,
        when,
        act,
        lang: None,
        limit: q.limit.unwrap_or(10),
        offset: q.offset.unwrap_or(0),
    };
    json_ok(&crate::search::search(idx, &req)?)
}

/// `GET /api/services`.
pub async fn services(State(s): State<Arc<AppState>>, Query(q): Query<AsOf>) -> ApiResult {
    let s = s.snapshot();
    let date = date(q.as_of.as_deref())?.unwrap_or_else(today);
    json_ok(&views::ServicesView::build(&s.library, date))
}

/// `GET /api/services/{id}`.
pub async fn service(State(s): State<Arc<AppState>>, Path(id): Path<String>, Query(q): Query<AsOf>) -> ApiResult {
    let s = s.snapshot();
    let date = date(q.as_of.as_deref())?.unwrap_or_else(today);
    let id: crate::services::ServiceId = id
        .parse()
        .map_err(|e: crate::services::ServiceIdError| bad(e.to_string()))?;
    let reg = crate::services::Registry::new(&s.library);
    let passport = reg.passport(&id, date).map_err(|e| missing(e.to_string()))?;
    json_ok(&passport)
}

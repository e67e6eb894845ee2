//! The write routes of the API: drafts (submit, show, preview, approve, publish,
//! discard), events of published acts, and the audit log. Each needs a bearer token;
//! the work is done by [`crate::publishing`] on a blocking thread, and a write that
//! changes the corpus swaps the server's snapshot before it answers, so the next
//! request sees it.
//!
//! | route | who | answers |
//! |---|---|---|
//! | `GET /api/drafts` | publisher | the drafts, newest first |
//! | `POST /api/drafts` | publisher | 201 `{"id", "state", "report"}` |
//! | `GET /api/drafts/{id}` | publisher | the draft, its state and its report |
//! | `GET /api/drafts/{id}/preview` | publisher | effects by act and date, services |
//! | `POST /api/drafts/{id}/approve` | another publisher | the draft, approved |
//! | `POST /api/drafts/{id}/publish` | publisher | 201 `{"act"}`; 422 not ready; 409 conflict |
//! | `DELETE /api/drafts/{id}` | publisher | the draft, discarded |
//! | `POST /api/acts/{id}/events` | publisher | `{"kind", "date", "reason"?}` recorded |
//! | `POST /api/acts/{id}/corrections` | publisher | a correction request, recorded |
//! | `GET /api/audit` | admin | the audit log and whether its chain holds |

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::auth::{bearer, require};
use super::desk_answers::{
    AuditAnswer, ChainAnswer, CorrectionAnswer, DraftAnswer, DraftLine, DraftList, DraftStateAnswer, EventAnswer,
    PreviewAnswer, Published, Submitted,
};
use super::error::ApiError;
use super::extract::ApiPath as Path;
use super::{AppState, Snapshot, Writer};
use crate::digest::sha256_hex;
use crate::library::Library;
use crate::model::{EventKind, RegistryId};
use crate::publishing::events::{EventError, EventRequest, Recorded};
use crate::publishing::{DraftError, DraftInput, PublicationError, check_draft};
use crate::state::{Draft, DraftSource, Principal, Role};

type ApiResult = Result<Response, ApiError>;

pub(super) fn writer(s: &AppState) -> Result<&Writer, ApiError> {
    s.writer.as_ref().ok_or_else(|| {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "read_only",
            "this server is read-only: start it with a state directory to accept writes",
        )
    })
}

fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string())
}

/// The API error of a refused workflow step.
pub(super) fn draft_error(e: DraftError) -> ApiError {
    match e {
        DraftError::NotFound(_) => ApiError::new(StatusCode::NOT_FOUND, "not_found", e.to_string()),
        DraftError::Forbidden(_) => ApiError::new(StatusCode::FORBIDDEN, "forbidden", e.to_string()),
        DraftError::NotReady(_) => ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "not_ready", e.to_string()),
        DraftError::Conflict(_) => ApiError::new(StatusCode::CONFLICT, "conflict", e.to_string()),
        DraftError::State(_) | DraftError::Corpus(_) => internal(e),
    }
}

/// Runs `f` on a blocking thread (it takes file locks and flushes to disk).
pub(super) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f).await.map_err(internal)?
}

pub(super) fn publisher(s: &AppState, headers: &HeaderMap) -> Result<Principal, ApiError> {
    let who = bearer(writer(s)?, headers)?;
    require(&who, Role::Publisher)?;
    Ok(who)
}

/// A draft as the API shows it, with its report against `lib`.
pub(super) fn draft_json(lib: &Library, draft: &Draft) -> serde_json::Value {
    let check = check_draft(lib, draft);
    serde_json::to_value(DraftAnswer::new(draft, check.view())).unwrap_or_default()
}

/// `GET /api/drafts`.
pub async fn list(State(s): State<Arc<AppState>>, headers: HeaderMap) -> ApiResult {
    publisher(&s, &headers)?;
    let drafts = writer(&s)?.desk.list().map_err(draft_error)?;
    let drafts = drafts
        .iter()
        .map(|d| DraftLine {
            id: &d.id,
            state: d.state,
            submitted_by: &d.submitted_by,
            submitted_at: d.submitted_at,
            act: d.meta.get("id"),
            published_as: &d.published_as,
        })
        .collect();
    Ok(Json(DraftList { drafts }).into_response())
}

/// The JSON body of `POST /api/drafts`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SubmitBody {
    meta: serde_json::Value,
    text: BTreeMap<String, String>,
}

/// Reads a submission: JSON `{"meta", "text": {"kk"}}`.
fn submission(headers: &HeaderMap, body: &[u8]) -> Result<DraftInput, ApiError> {
    let ctype = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mime = ctype.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if mime != "application/json" {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            format!("a draft is submitted as application/json or multipart/form-data, not `{mime}`"),
        ));
    }
    let b: SubmitBody = serde_json::from_slice(body).map_err(|e| {
        ApiError::bad(format!(
            "the body is not a draft (line {}, column {}): {e}",
            e.line(),
            e.column()
        ))
    })?;
    if !b.meta.is_object() {
        return Err(ApiError::bad("`meta` must be an object in the act.json shape"));
    }
    if let Some(lang) = b.text.keys().find(|l| !matches!(l.as_str(), "kk" | "ru")) {
        return Err(ApiError::bad(format!(
            "`text` has language `{lang}`; expected kk or ru"
        )));
    }
    Ok(DraftInput {
        meta: b.meta,
        text: b.text,
        source: DraftSource {
            kind: "text".into(),
            file_name: None,
            sha256: sha256_hex(body),
        },
    })
}

/// Reads a multipart submission: a `meta` part (the act.json) and a `file` part (the
/// order as .docx) or a `text` part (plain text); the UI's form adds `csrf` and `lang`,
/// returned beside the input.
pub(super) async fn multipart(req: axum::extract::Request) -> Result<(DraftInput, BTreeMap<String, String>), ApiError> {
    use axum::extract::FromRequest;
    let mut form = axum::extract::Multipart::from_request(req, &())
        .await
        .map_err(|e| ApiError::bad(format!("not a multipart body: {}", e.body_text())))?;
    let (mut meta, mut text, mut source) = (None, None, None);
    let mut extra = BTreeMap::new();
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|e| ApiError::bad(format!("a part cannot be read: {}", e.body_text())))?
    {
        let name = field.name().unwrap_or("").to_string();
        let file_name = field.file_name().map(str::to_string);
        let bytes = field
            .bytes()
            .await
            .map_err(|e| ApiError::bad(format!("part `{name}` cannot be read: {}", e.body_text())))?;
        match name.as_str() {
            "meta" => {
                meta = Some(
                    serde_json::from_slice::<serde_json::Value>(&bytes)
                        .map_err(|e| ApiError::bad(format!("part `meta` is not JSON (line {}): {e}", e.line())))?,
                )
            }
            "file" if !bytes.is_empty() => {
                let t = crate::draft::docx::text(&bytes).map_err(|e| {
                    ApiError::new(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "bad_docx",
                        format!("part `file`: {e}"),
                    )
                })?;
                source = Some(DraftSource {
                    kind: "docx".into(),
                    file_name,
                    sha256: sha256_hex(&bytes),
                });
                text = Some(t);
            }
            "csrf" | "lang" => {
                extra.insert(name, String::from_utf8_lossy(&bytes).into_owned());
            }
            "text" if bytes.is_empty() && text.is_some() => {}
            "file" | "text" if bytes.is_empty() => {}
            "text" => {
                let t = String::from_utf8(bytes.to_vec()).map_err(|_| ApiError::bad("part `text` is not UTF-8"))?;
                source = Some(DraftSource {
                    kind: "text".into(),
                    file_name: None,
                    sha256: sha256_hex(t.as_bytes()),
                });
                text = Some(t);
            }
            other => {
                return Err(ApiError::bad(format!(
                    "unknown part `{other}`; expected meta and file (or text)"
                )));
            }
        }
    }
    let meta = meta
        .filter(serde_json::Value::is_object)
        .ok_or_else(|| ApiError::bad("the `meta` part (an act.json object) is missing"))?;
    let (Some(text), Some(source)) = (text, source) else {
        return Err(ApiError::bad("the `file` part (.docx) or the `text` part is missing"));
    };
    Ok((
        DraftInput {
            meta,
            text: [("kk".to_string(), text)].into_iter().collect(),
            source,
        },
        extra,
    ))
}

/// `POST /api/drafts`: JSON `{"meta", "text": {"kk"}}`, or multipart with `meta` and a
/// .docx `file`.
pub async fn submit(State(s): State<Arc<AppState>>, req: axum::extract::Request) -> ApiResult {
    let headers = req.headers().clone();
    let who = publisher(&s, &headers)?;
    let is_multipart = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"));
    let input = if is_multipart {
        multipart(req).await?.0
    } else {
        let body = axum::body::to_bytes(req.into_body(), usize::MAX).await.map_err(|e| {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                format!("the body cannot be read: {e}"),
            )
        })?;
        submission(&headers, &body)?
    };
    let st = s.clone();
    let body = blocking(move || {
        let snap = st.snapshot();
        let (draft, check) = writer(&st)?
            .desk
            .submit(&who, &snap.library, input)
            .map_err(draft_error)?;
        let body = serde_json::to_value(Submitted {
            id: &draft.id,
            state: draft.state,
            report: check.view(),
        })
        .map_err(internal)?;
        Ok(body)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// `GET /api/drafts/{id}`.
pub async fn show(State(s): State<Arc<AppState>>, headers: HeaderMap, Path(id): Path<String>) -> ApiResult {
    publisher(&s, &headers)?;
    let snap = s.snapshot();
    let (draft, _) = writer(&s)?.desk.show(&id, &snap.library).map_err(draft_error)?;
    Ok(Json(draft_json(&snap.library, &draft)).into_response())
}

/// `GET /api/drafts/{id}/preview`.
pub async fn preview(State(s): State<Arc<AppState>>, headers: HeaderMap, Path(id): Path<String>) -> ApiResult {
    publisher(&s, &headers)?;
    let snap = s.snapshot();
    let (_, check) = writer(&s)?.desk.show(&id, &snap.library).map_err(draft_error)?;
    let Some(prepared) = check.report.prepared.as_ref() else {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "not_ready",
            format!("draft {id} does not read as an amending act; see its check report"),
        ));
    };
    let p = crate::draft::preview(&snap.library, prepared);
    Ok(Json(PreviewAnswer {
        id: &id,
        report: check.view(),
        preview: &p,
    })
    .into_response())
}

/// `POST /api/drafts/{id}/approve`.
pub async fn approve(State(s): State<Arc<AppState>>, headers: HeaderMap, Path(id): Path<String>) -> ApiResult {
    let who = publisher(&s, &headers)?;
    let st = s.clone();
    let draft = blocking(move || {
        let snap = st.snapshot();
        writer(&st)?.desk.approve(&who, &id, &snap.library).map_err(draft_error)
    })
    .await?;
    Ok(Json(draft_json(&s.snapshot().library, &draft)).into_response())
}

/// `DELETE /api/drafts/{id}`.
pub async fn discard(State(s): State<Arc<AppState>>, headers: HeaderMap, Path(id): Path<String>) -> ApiResult {
    let who = publisher(&s, &headers)?;
    let st = s.clone();
    let draft = blocking(move || writer(&st)?.desk.discard(&who, &id).map_err(draft_error)).await?;
    Ok(Json(DraftStateAnswer {
        id: &draft.id,
        state: draft.state,
    })
    .into_response())
}

/// Swaps in a snapshot of `library` after a write that rebuilt `rebuilt`, updating
/// the search index for those acts only ([`crate::publishing::reindex`]).
fn swap(s: &AppState, old: &Snapshot, library: Library, rebuilt: &[RegistryId]) -> Result<(), ApiError> {
    let index = match &old.index {
        Some(idx) => {
            let desk = &writer(s)?.desk;
            let corpus = crate::search::corpus_generation(&desk.corpus, &desk.opts).map_err(internal)?;
            let (idx, _) =
                crate::publishing::reindex(idx, &old.library, &library, rebuilt, &corpus).map_err(internal)?;
            Some(idx)
        }
        None => None,
    };
    s.replace(Snapshot::new(library, index));
    Ok(())
}

/// The API error of a publication: the workflow's refusals as [`draft_error`] maps
/// them, a library that already holds the act 409, the rest 500.
fn publication_error(e: PublicationError) -> ApiError {
    match e {
        PublicationError::Draft(e) => draft_error(e),
        e @ PublicationError::Library { .. } => ApiError::new(StatusCode::CONFLICT, "conflict", e.to_string()),
        e @ (PublicationError::Generation { .. } | PublicationError::Index { .. }) => internal(e),
    }
}

/// Publishes draft `id` as `who` and swaps in the snapshot with the new act: what the
/// API's and the UI's publish do, through [`crate::publishing::publish_draft`] under
/// the corpus lock. Returns the act and its audit entry's number.
pub(super) async fn publish_draft(
    s: &Arc<AppState>,
    who: Principal,
    id: String,
) -> Result<(RegistryId, u64), ApiError> {
    let st = s.clone();
    blocking(move || {
        let w = writer(&st)?;
        let _order = w.order.lock().unwrap_or_else(|p| p.into_inner());
        let lock = crate::corpus::CorpusLock::acquire(&w.desk.corpus).map_err(internal)?;
        let snap = st.snapshot();
        let done = crate::publishing::publish_draft(&lock, &w.desk, &who, &id, &snap.library, snap.index.as_ref())
            .map_err(publication_error)?;
        drop(lock);
        st.replace(Snapshot::new(done.library, done.index));
        Ok((done.act, done.audit_seq))
    })
    .await
}

/// `POST /api/drafts/{id}/publish`.
pub async fn publish(State(s): State<Arc<AppState>>, headers: HeaderMap, Path(id): Path<String>) -> ApiResult {
    let who = publisher(&s, &headers)?;
    let (act, audit_seq) = publish_draft(&s, who, id).await?;
    Ok((StatusCode::CREATED, Json(Published { act, audit_seq })).into_response())
}

/// The JSON body of `POST /api/acts/{id}/events`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventBody {
    kind: String,
    date: String,
    /// Required to correct a recorded date.
    #[serde(default)]
    reason: Option<String>,
    /// Who states it, when not the token's owner.
    #[serde(default)]
    author: Option<String>,
}

/// An event to record over HTTP, as the API's JSON and the UI's form give it.
pub(super) struct EventForm {
    /// `publication`, `entry_into_force` or `repeal`.
    pub kind: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Required to correct a recorded date.
    pub reason: Option<String>,
    /// Who states it, when not the writer.
    pub author: Option<String>,
}

/// Records an event of act `id` as `who` and swaps in the rebuilt snapshot: what the
/// API's and the UI's event forms do. Answers the status and the JSON of the API.
pub(super) async fn record_event(
    s: &Arc<AppState>,
    who: Principal,
    id: &str,
    form: EventForm,
) -> Result<(StatusCode, serde_json::Value), ApiError> {
    let act: RegistryId = id.parse().map_err(|e| ApiError::bad(format!("{e}")))?;
    let kind: EventKind = form.kind.parse().map_err(ApiError::bad)?;
    let date: chrono::NaiveDate = form
        .date
        .parse()
        .map_err(|_| ApiError::bad(format!("`{}` is not a date (YYYY-MM-DD)", form.date)))?;
    let st = s.clone();
    blocking(move || {
        let w = writer(&st)?;
        let _order = w.order.lock().unwrap_or_else(|p| p.into_inner());
        let snap = st.snapshot();
        let recorded_date = snap
            .library
            .act(&act)
            .ok_or_else(|| ApiError::missing(format!("act {act} is not in the corpus")))?
            .event_date(kind);
        let reason = form.reason.filter(|r| !r.trim().is_empty());
        let correct = match (recorded_date, reason) {
            (Some(d), Some(reason)) if d != date => Some(reason),
            _ => None,
        };
        let req = EventRequest {
            act,
            kind,
            date,
            correct,
            author: form.author.filter(|a| !a.trim().is_empty()),
        };
        let lock = crate::corpus::CorpusLock::acquire(&w.desk.corpus).map_err(internal)?;
        let mut library = snap.library.clone();
        let done =
            crate::publishing::events::record(&lock, &w.desk.corpus, &w.desk.opts, &mut library, &req, &who.name)
                .map_err(|e| match e {
                    EventError::UnknownAct(_) => ApiError::missing(e.to_string()),
                    EventError::Refused(_) | EventError::Inconsistent { .. } => {
                        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "event_refused", e.to_string())
                    }
                    EventError::Corpus(_) => internal(e),
                })?;
        drop(lock);
        match done {
            Recorded::Unchanged => Ok((
                StatusCode::OK,
                serde_json::to_value(EventAnswer {
                    act,
                    kind: kind.as_str(),
                    date,
                    unchanged: Some(true),
                    corrects: None,
                    audit_seq: None,
                })
                .map_err(internal)?,
            )),
            Recorded::Written {
                event,
                rebuilt,
                audit_seq,
                ..
            } => {
                swap(&st, &snap, library, &rebuilt)?;
                Ok((
                    StatusCode::CREATED,
                    serde_json::to_value(EventAnswer {
                        act,
                        kind: kind.as_str(),
                        date,
                        unchanged: None,
                        corrects: Some(event.corrects),
                        audit_seq: Some(audit_seq),
                    })
                    .map_err(internal)?,
                ))
            }
        }
    })
    .await
}

/// `POST /api/acts/{id}/events`: records an event, or corrects a recorded date when
/// `reason` is given and a date is recorded.
pub async fn event(
    State(s): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult {
    let who = publisher(&s, &headers)?;
    let b: EventBody = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad(format!("the body is not an event (line {}): {e}", e.line())))?;
    let form = EventForm {
        kind: b.kind,
        date: b.date,
        reason: b.reason,
        author: b.author,
    };
    let (status, v) = record_event(&s, who, &id, form).await?;
    Ok((status, Json(v)).into_response())
}

/// Records a correction of act `id` (the request's JSON bytes) as `who`, then reloads
/// the corpus into a new snapshot: a correction changes the act's text and operations.
pub(super) async fn record_correction(
    s: &Arc<AppState>,
    who: Principal,
    id: &str,
    body: Vec<u8>,
) -> Result<serde_json::Value, ApiError> {
    let act: RegistryId = id.parse().map_err(|e| ApiError::bad(format!("{e}")))?;
    let request: crate::model::CorrectionRequest = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad(format!("not a correction request (line {}): {e}", e.line())))?;
    let st = s.clone();
    blocking(move || {
        let w = writer(&st)?;
        let _order = w.order.lock().unwrap_or_else(|p| p.into_inner());
        let snap = st.snapshot();
        let lock = crate::corpus::CorpusLock::acquire(&w.desk.corpus).map_err(internal)?;
        let done = crate::publishing::correct(&lock, &w.desk.corpus, &w.desk.opts, &act, &request, &body, &who.name)
            .map_err(|e| match e {
                crate::publishing::CorrectError::UnknownAct(_) => ApiError::missing(e.to_string()),
                crate::publishing::CorrectError::Corpus(_) => internal(e),
                other => ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "correction_refused",
                    other.to_string(),
                ),
            })?;
        let library = crate::corpus::load_with_options(&w.desk.corpus, &w.desk.opts)
            .map_err(internal)?
            .library;
        drop(lock);
        let mut rebuilt: Vec<RegistryId> = snap.library.ops_by(&act).iter().map(|o| o.target_act).collect();
        rebuilt.extend(library.ops_by(&act).iter().map(|o| o.target_act));
        rebuilt.push(act);
        rebuilt.sort();
        rebuilt.dedup();
        swap(&st, &snap, library, &rebuilt)?;
        serde_json::to_value(CorrectionAnswer {
            act,
            n: done.record.n,
            operations: done.operations,
            operations_changed: done.operations_changed,
            audit_seq: done.audit.seq,
        })
        .map_err(internal)
    })
    .await
}

/// `POST /api/acts/{id}/corrections`: a correction request (see corpus/README.md).
pub async fn correction(
    State(s): State<Arc<AppState>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult {
    let who = publisher(&s, &headers)?;
    let v = record_correction(&s, who, &id, body.to_vec()).await?;
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

/// `GET /api/audit`: admins only.
pub async fn audit(State(s): State<Arc<AppState>>, headers: HeaderMap) -> ApiResult {
    let w = writer(&s)?;
    let who = bearer(w, &headers)?;
    require(&who, Role::Admin)?;
    let (corpus, opts) = (w.desk.corpus.clone(), w.desk.opts);
    let (entries, verified) = blocking(move || {
        let entries = crate::corpus::audit_log::entries(&corpus, &opts).map_err(internal)?;
        let verified = crate::corpus::audit_log::verify(&corpus, &opts).map_err(internal)?;
        Ok((entries, verified))
    })
    .await?;
    let chain = match verified {
        Ok(summary) => ChainAnswer {
            ok: true,
            summary: Some(summary),
            broken: None,
        },
        Err(broken) => ChainAnswer {
            ok: false,
            summary: None,
            broken: Some(broken.to_string()),
        },
    };
    Ok(Json(AuditAnswer { entries, chain }).into_response())
}

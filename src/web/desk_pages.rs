//! The publishing desk in the UI, for ministry staff: log in with a token, submit a
//! draft, read its check report (each problem linked to its line), preview its effect
//! as a redline per act and date, approve, publish or discard it, and record events and
//! corrections of published acts. Kazakh, Russian and English, without JavaScript.
//!
//! A login turns a token into a session: two cookies, `nusqa_session` and
//! `nusqa_csrf`, both HttpOnly and SameSite=Strict (and Secure behind TLS, when the
//! proxy says `X-Forwarded-Proto: https`). Every form carries the session's CSRF token
//! in a hidden field, and a post whose field does not match the session is refused
//! (403): another site can neither read the cookie nor make the browser send it.
//! The work itself is done by the same functions as the API's ([`super::drafts_api`]).

use std::sync::Arc;

use askama::Template;
use axum::Form;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::AppState;
use super::auth::{SESSION_COOKIE, cookie, csrf_ok, session};
use super::drafts_api::{EventForm, blocking, draft_error, record_correction, record_event, writer};
use super::error::ApiError;
use super::i18n::{Words, code, parse};
use super::pages::{Layout, error_page_at, lang_of, render, url_encode};
use crate::effect::Reading;
use crate::model::Lang;
use crate::state::sessions::SESSIONS_FILE;
use crate::state::tokens::TOKENS_FILE;
use crate::state::{DraftState, Principal, SessionStore, TokenStore, authenticate};

/// The cookie holding the session's CSRF token, which the server copies into forms.
pub const CSRF_COOKIE: &str = "nusqa_csrf";

/// `?lang=`.
#[derive(Deserialize, Default)]
pub struct LangQuery {
    lang: Option<String>,
}

/// A logged-in user on a page.
struct Session {
    who: Principal,
    id: String,
    csrf: String,
}

fn session_of(s: &AppState, headers: &HeaderMap) -> Option<Session> {
    let w = s.writer.as_ref()?;
    let (who, id) = session(w, headers)?;
    let csrf = cookie(headers, CSRF_COOKIE).unwrap_or_default().to_string();
    Some(Session { who, id, csrf })
}

fn to_login(lang: Lang) -> Response {
    Redirect::to(&format!("/login?lang={}", code(lang))).into_response()
}

fn fail(lang: Lang, uri: &Uri, e: ApiError) -> Response {
    error_page_at(lang, uri, e.status, &e.message)
}

/// The session of a form post, its CSRF token checked: 303 to the login page without
/// a session, 403 when the token is missing or wrong.
fn posting(s: &AppState, headers: &HeaderMap, csrf: &str, lang: Lang, uri: &Uri) -> Result<Session, Box<Response>> {
    let Some(w) = s.writer.as_ref() else {
        let e = writer(s).err().unwrap_or_else(|| ApiError::bad("read-only"));
        return Err(Box::new(fail(lang, uri, e)));
    };
    let Some(sess) = session_of(s, headers) else {
        return Err(Box::new(to_login(lang)));
    };
    if csrf.is_empty() || !csrf_ok(w, &sess.id, csrf) {
        return Err(Box::new(error_page_at(
            lang,
            uri,
            StatusCode::FORBIDDEN,
            "the form's CSRF token does not match your session; reload the page and try again",
        )));
    }
    Ok(sess)
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    layout: Layout,
    t: Words,
    failed: bool,
}

/// `GET /login`.
pub async fn login_form(OriginalUri(uri): OriginalUri, Query(q): Query<LangQuery>) -> Response {
    let lang = parse(q.lang.as_deref());
    let t = Words(lang);
    render(
        StatusCode::OK,
        &LoginPage {
            layout: Layout::at(lang, t.login(), &uri),
            t,
            failed: false,
        },
        lang,
    )
}

/// The login form.
#[derive(Deserialize)]
pub struct LoginForm {
    token: String,
    #[serde(default)]
    lang: Option<String>,
}

fn cookie_header(name: &str, value: &str, secure: bool, max_age: Option<i64>) -> HeaderValue {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict");
    if secure {
        c.push_str("; Secure");
    }
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    HeaderValue::from_str(&c).unwrap_or_else(|_| HeaderValue::from_static(""))
}

fn behind_tls(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// `POST /login`: a token in, a session out.
pub async fn login(
    State(s): State<Arc<AppState>>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    Form(f): Form<LoginForm>,
) -> Response {
    let lang = parse(f.lang.as_deref());
    let st = s.clone();
    let opened = blocking(move || {
        let w = writer(&st)?;
        let state = w.desk.drafts.state();
        let tokens: TokenStore = state.read_json(TOKENS_FILE).map_err(|e| ApiError::bad(e.to_string()))?;
        let Ok(who) = authenticate(&tokens, &f.token) else {
            return Ok(None);
        };
        let lock = state.lock().map_err(|e| ApiError::bad(e.to_string()))?;
        let mut sessions: SessionStore = state
            .read_json(SESSIONS_FILE)
            .map_err(|e| ApiError::bad(e.to_string()))?;
        let (id, csrf) = sessions
            .create_session(&who, chrono::Utc::now())
            .map_err(|e| ApiError::bad(e.to_string()))?;
        state
            .write_json(&lock, SESSIONS_FILE, &sessions)
            .map_err(|e| ApiError::bad(e.to_string()))?;
        Ok(Some((id.expose().to_string(), csrf.expose().to_string())))
    })
    .await;
    match opened {
        Ok(Some((id, csrf))) => {
            let secure = behind_tls(&headers);
            let age = crate::state::SESSION_LIFETIME_HOURS * 3600;
            let mut res = Redirect::to(&format!("/desk?lang={}", code(lang))).into_response();
            let h = res.headers_mut();
            h.append(
                header::SET_COOKIE,
                cookie_header(SESSION_COOKIE, &id, secure, Some(age)),
            );
            h.append(header::SET_COOKIE, cookie_header(CSRF_COOKIE, &csrf, secure, Some(age)));
            res
        }
        Ok(None) => {
            let t = Words(lang);
            render(
                StatusCode::UNAUTHORIZED,
                &LoginPage {
                    layout: Layout::at(lang, t.login(), &uri),
                    t,
                    failed: true,
                },
                lang,
            )
        }
        Err(e) => fail(lang, &uri, e),
    }
}

/// A form that carries only its CSRF token (and the language).
#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    lang: Option<String>,
}

/// `POST /logout`.
pub async fn logout(
    State(s): State<Arc<AppState>>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    Form(f): Form<CsrfForm>,
) -> Response {
    let lang = parse(f.lang.as_deref());
    let sess = match posting(&s, &headers, &f.csrf, lang, &uri) {
        Ok(sess) => sess,
        Err(r) => return *r,
    };
    let st = s.clone();
    let ended = blocking(move || {
        let w = writer(&st)?;
        let state = w.desk.drafts.state();
        let lock = state.lock().map_err(|e| ApiError::bad(e.to_string()))?;
        let mut sessions: SessionStore = state
            .read_json(SESSIONS_FILE)
            .map_err(|e| ApiError::bad(e.to_string()))?;
        sessions.end_session(&sess.id);
        state
            .write_json(&lock, SESSIONS_FILE, &sessions)
            .map_err(|e| ApiError::bad(e.to_string()))
    })
    .await;
    if let Err(e) = ended {
        return fail(lang, &uri, e);
    }
    let mut res = Redirect::to(&format!("/?lang={}", code(lang))).into_response();
    let secure = behind_tls(&headers);
    res.headers_mut()
        .append(header::SET_COOKIE, cookie_header(SESSION_COOKIE, "", secure, Some(0)));
    res.headers_mut()
        .append(header::SET_COOKIE, cookie_header(CSRF_COOKIE, "", secure, Some(0)));
    res
}

/// One draft in the list.
struct DraftRow {
    href: String,
    id: String,
    act: String,
    state: &'static str,
    submitted_by: String,
    submitted_at: String,
}

#[derive(Template)]
#[template(path = "desk.html")]
struct DeskPage {
    layout: Layout,
    t: Words,
    who: String,
    csrf: String,
    drafts: Vec<DraftRow>,
}

/// `GET /desk`: the drafts and the form for a new one.
pub async fn desk(
    State(s): State<Arc<AppState>>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
) -> Response {
    let lang = parse(q.lang.as_deref());
    let Some(sess) = session_of(&s, &headers) else {
        return to_login(lang);
    };
    let w = match writer(&s) {
        Ok(w) => w,
        Err(e) => return fail(lang, &uri, e),
    };
    let drafts = match w.desk.list() {
        Ok(d) => d,
        Err(e) => return fail(lang, &uri, draft_error(e)),
    };
    let t = Words(lang);
    let rows = drafts
        .iter()
        .map(|d| DraftRow {
            href: format!("/desk/drafts/{}?lang={}", url_encode(&d.id), code(lang)),
            id: d.id.clone(),
            act: d.meta.get("id").and_then(|v| v.as_str()).unwrap_or("?").to_string(),
            state: d.state.as_str(),
            submitted_by: d.submitted_by.clone(),
            submitted_at: d.submitted_at.format("%Y-%m-%d %H:%M").to_string(),
        })
        .collect();
    render(
        StatusCode::OK,
        &DeskPage {
            layout: Layout::at(lang, t.drafts(), &uri),
            t,
            who: sess.who.name,
            csrf: sess.csrf,
            drafts: rows,
        },
        lang,
    )
}

/// The form of a new draft.
#[derive(Deserialize)]
pub struct SubmitForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    lang: Option<String>,
    meta: String,
    text: String,
}

/// `POST /desk/drafts`: the pasted text form, or the .docx upload form (multipart).
pub async fn submit(
    State(s): State<Arc<AppState>>,
    OriginalUri(uri): OriginalUri,
    req: axum::extract::Request,
) -> Response {
    use axum::extract::FromRequest;
    let headers = req.headers().clone();
    let is_multipart = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"));
    let (input, csrf, lang) = if is_multipart {
        match super::drafts_api::multipart(req).await {
            Ok((input, extra)) => {
                let lang = parse(extra.get("lang").map(String::as_str));
                (input, extra.get("csrf").cloned().unwrap_or_default(), lang)
            }
            Err(e) => return fail(lang_of(&uri), &uri, e),
        }
    } else {
        let Form(f) = match Form::<SubmitForm>::from_request(req, &()).await {
            Ok(f) => f,
            Err(e) => return fail(lang_of(&uri), &uri, ApiError::bad(e.body_text())),
        };
        let lang = parse(f.lang.as_deref());
        let meta: serde_json::Value = match serde_json::from_str(&f.meta) {
            Ok(v @ serde_json::Value::Object(_)) => v,
            Ok(_) => {
                return fail(
                    lang,
                    &uri,
                    ApiError::bad("the metadata must be a JSON object (act.json)"),
                );
            }
            Err(e) => {
                return fail(
                    lang,
                    &uri,
                    ApiError::bad(format!("the metadata is not JSON (line {}): {e}", e.line())),
                );
            }
        };
        let text = f.text.replace("\r\n", "\n");
        let input = crate::publishing::DraftInput {
            meta,
            source: crate::state::DraftSource {
                kind: "text".into(),
                file_name: None,
                sha256: crate::digest::sha256_hex(text.as_bytes()),
            },
            text: [("kk".to_string(), text)].into_iter().collect(),
        };
        (input, f.csrf, lang)
    };
    let sess = match posting(&s, &headers, &csrf, lang, &uri) {
        Ok(sess) => sess,
        Err(r) => return *r,
    };
    let st = s.clone();
    let who = sess.who;
    let submitted = blocking(move || {
        let snap = st.snapshot();
        writer(&st)?
            .desk
            .submit(&who, &snap.library, input)
            .map(|(d, _)| d.id)
            .map_err(draft_error)
    })
    .await;
    match submitted {
        Ok(id) => Redirect::to(&format!("/desk/drafts/{}?lang={}", url_encode(&id), code(lang))).into_response(),
        Err(e) => fail(lang, &uri, e),
    }
}

/// A problem of the report, with the anchor of its line.
struct ProblemRow {
    severity: &'static str,
    code: &'static str,
    place: String,
    href: Option<String>,
    text: String,
    message: String,
}

/// A line of the submitted text, with its anchor.
struct TextLine {
    n: usize,
    text: String,
    flagged: bool,
}

/// One operation of the preview.
struct OpRow {
    target: String,
    kind: &'static str,
    note: String,
    /// From `crate::diff::html`, which escapes its input.
    redline: String,
}

/// The operations taking effect on one date (or pending).
struct DateGroup {
    when: String,
    ops: Vec<OpRow>,
}

/// The preview of one target act.
struct ActPreview {
    id: String,
    href: String,
    title: String,
    dates: Vec<DateGroup>,
}

#[derive(Template)]
#[template(path = "draft.html")]
struct DraftPage {
    layout: Layout,
    t: Words,
    csrf: String,
    id: String,
    act: String,
    state: &'static str,
    submitted_by: String,
    approved_by: String,
    published_href: Option<String>,
    can_approve: bool,
    can_publish: bool,
    can_discard: bool,
    errors: usize,
    problems: Vec<ProblemRow>,
    lines: Vec<TextLine>,
    preview: Vec<ActPreview>,
}

fn reading_text(r: &Option<Reading>) -> Option<&str> {
    r.as_ref().and_then(|r| r.text.as_deref())
}

/// `GET /desk/drafts/{id}`.
pub async fn draft(
    State(s): State<Arc<AppState>>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
) -> Response {
    let lang = parse(q.lang.as_deref());
    let Some(sess) = session_of(&s, &headers) else {
        return to_login(lang);
    };
    let w = match writer(&s) {
        Ok(w) => w,
        Err(e) => return fail(lang, &uri, e),
    };
    let snap = s.snapshot();
    let (d, check) = match w.desk.show(&id, &snap.library) {
        Ok(x) => x,
        Err(e) => return fail(lang, &uri, draft_error(e)),
    };
    let text = d.text.get("kk").cloned().unwrap_or_default();
    let problems: Vec<ProblemRow> = check
        .report
        .problems
        .iter()
        .map(|p| {
            let line = p.place.line;
            let mut place = Vec::new();
            if let Some(i) = &p.place.item {
                place.push(i.clone());
            }
            if let Some(a) = p.place.abzats {
                place.push(format!("abz. {a}"));
            }
            if let Some(act) = &p.place.target_act {
                place.push(act.to_string());
            }
            if let Some(eid) = &p.place.eid {
                place.push(eid.to_string());
            }
            if let Some(l) = line {
                place.push(format!("{} {l}", Words(lang).line()));
            }
            ProblemRow {
                severity: match p.severity {
                    crate::draft::Severity::Error => "error",
                    crate::draft::Severity::Warning => "warning",
                },
                code: p.code,
                place: place.join(", "),
                href: line.map(|l| format!("#L{l}")),
                text: p.text.clone(),
                message: p.message.clone(),
            }
        })
        .collect();
    let flagged: Vec<usize> = problems
        .iter()
        .filter_map(|p| {
            p.href
                .as_deref()
                .and_then(|h| h.strip_prefix("#L"))
                .and_then(|n| n.parse().ok())
        })
        .collect();
    let lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| TextLine {
            n: i + 1,
            text: l.to_string(),
            flagged: flagged.contains(&(i + 1)),
        })
        .collect();
    let t = Words(lang);
    let mut previews = Vec::new();
    if let Some(prepared) = check.report.prepared.as_ref() {
        let p = crate::draft::preview(&snap.library, prepared);
        for target in &p.targets {
            let mut dates: Vec<DateGroup> = Vec::new();
            for day in &target.dates {
                let when = match (day.date, day.earliest) {
                    (Some(d), _) => d.to_string(),
                    (None, Some(e)) => format!("{} ({} ≥ {e})", t.pending_date(), t.from()),
                    (None, None) => t.pending_date().to_string(),
                };
                let ops = day
                    .operations
                    .iter()
                    .map(|op| OpRow {
                        target: op
                            .operation
                            .operation
                            .target
                            .as_ref()
                            .map_or_else(String::new, |e| e.to_string()),
                        kind: op.operation.operation.change.kind_name(),
                        note: op.note.clone().unwrap_or_default(),
                        redline: match &op.words {
                            Some(w) => crate::diff::html::words_html(w),
                            None => crate::diff::html::replaced_html(reading_text(&op.before), reading_text(&op.after)),
                        },
                    })
                    .collect();
                dates.push(DateGroup { when, ops });
            }
            previews.push(ActPreview {
                id: target.act.to_string(),
                href: format!("/acts/{}?lang={}", target.act, code(lang)),
                title: target.title.clone(),
                dates,
            });
        }
    }
    let open = d.state.is_open();
    let errors = check.errors();
    render(
        StatusCode::OK,
        &DraftPage {
            layout: Layout::at(lang, format!("{} {}", t.drafts(), d.id), &uri),
            t,
            csrf: sess.csrf,
            act: d.meta.get("id").and_then(|v| v.as_str()).unwrap_or("?").to_string(),
            state: d.state.as_str(),
            submitted_by: d.submitted_by.clone(),
            approved_by: d.approval().map(|a| a.by.clone()).unwrap_or_default(),
            published_href: d
                .published_as
                .as_ref()
                .map(|a| format!("/acts/{}?lang={}", url_encode(a), code(lang))),
            can_approve: open && errors == 0 && d.submitted_by != sess.who.name,
            can_publish: d.state == DraftState::Approved && errors == 0,
            can_discard: open,
            errors,
            problems,
            lines,
            preview: previews,
            id: d.id,
        },
        lang,
    )
}

/// `POST /desk/drafts/{id}/{step}`: approve, publish or discard.
pub async fn step(
    State(s): State<Arc<AppState>>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    Path((id, step)): Path<(String, String)>,
    Form(f): Form<CsrfForm>,
) -> Response {
    let lang = parse(f.lang.as_deref());
    let sess = match posting(&s, &headers, &f.csrf, lang, &uri) {
        Ok(sess) => sess,
        Err(r) => return *r,
    };
    let who = sess.who;
    let done: Result<Option<String>, ApiError> = match step.as_str() {
        "publish" => super::drafts_api::publish_draft(&s, who, id.clone())
            .await
            .map(|(act, _)| Some(act.to_string())),
        "approve" | "discard" => {
            let st = s.clone();
            let did = id.clone();
            blocking(move || {
                let w = writer(&st)?;
                let snap = st.snapshot();
                let r = if step == "approve" {
                    w.desk.approve(&who, &did, &snap.library)
                } else {
                    w.desk.discard(&who, &did)
                };
                r.map(|_| None).map_err(draft_error)
            })
            .await
        }
        _ => Err(ApiError::missing(format!("no step `{step}`"))),
    };
    match done {
        Ok(Some(act)) => Redirect::to(&format!("/acts/{}?lang={}", url_encode(&act), code(lang))).into_response(),
        Ok(None) => Redirect::to(&format!("/desk/drafts/{}?lang={}", url_encode(&id), code(lang))).into_response(),
        Err(e) => fail(lang, &uri, e),
    }
}

#[derive(Template)]
#[template(path = "desk_act.html")]
struct ActDeskPage {
    layout: Layout,
    t: Words,
    csrf: String,
    id: String,
    title: String,
    href: String,
    events: Vec<(String, String)>,
    done: bool,
}

/// `?lang=&done=`.
#[derive(Deserialize, Default)]
pub struct ActDeskQuery {
    lang: Option<String>,
    done: Option<String>,
}

/// `GET /desk/acts/{id}`: the forms for an act's events and corrections.
pub async fn act(
    State(s): State<Arc<AppState>>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<ActDeskQuery>,
) -> Response {
    let lang = parse(q.lang.as_deref());
    let Some(sess) = session_of(&s, &headers) else {
        return to_login(lang);
    };
    let snap = s.snapshot();
    let Some(act) = id.parse().ok().and_then(|i| snap.library.act(&i)) else {
        return fail(lang, &uri, ApiError::missing(format!("act {id} is not in the corpus")));
    };
    let t = Words(lang);
    let events = act
        .events
        .iter()
        .map(|e| {
            (
                e.kind.as_str().to_string(),
                e.date.map_or_else(|| t.pending_date().to_string(), |d| d.to_string()),
            )
        })
        .collect();
    render(
        StatusCode::OK,
        &ActDeskPage {
            layout: Layout::at(lang, format!("{} {}", t.events(), act.id), &uri),
            csrf: sess.csrf,
            id: act.id.to_string(),
            title: act.titles.get(&Lang::Kk).cloned().unwrap_or_default(),
            href: format!("/acts/{}?lang={}", act.id, code(lang)),
            events,
            done: q.done.is_some(),
            t,
        },
        lang,
    )
}

/// The event form.
#[derive(Deserialize)]
pub struct EventPost {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    lang: Option<String>,
    kind: String,
    date: String,
    #[serde(default)]
    reason: Option<String>,
}

/// `POST /desk/acts/{id}/events`.
pub async fn event(
    State(s): State<Arc<AppState>>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(f): Form<EventPost>,
) -> Response {
    let lang = parse(f.lang.as_deref());
    let sess = match posting(&s, &headers, &f.csrf, lang, &uri) {
        Ok(sess) => sess,
        Err(r) => return *r,
    };
    let form = EventForm {
        kind: f.kind,
        date: f.date,
        reason: f.reason,
        author: None,
    };
    match record_event(&s, sess.who, &id, form).await {
        Ok(_) => Redirect::to(&format!("/desk/acts/{}?lang={}&done=1", url_encode(&id), code(lang))).into_response(),
        Err(e) => fail(lang, &uri, e),
    }
}

/// The correction form.
#[derive(Deserialize)]
pub struct CorrectionPost {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    lang: Option<String>,
    request: String,
}

/// `POST /desk/acts/{id}/corrections`.
pub async fn correction(
    State(s): State<Arc<AppState>>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(f): Form<CorrectionPost>,
) -> Response {
    let lang = parse(f.lang.as_deref());
    let sess = match posting(&s, &headers, &f.csrf, lang, &uri) {
        Ok(sess) => sess,
        Err(r) => return *r,
    };
    match record_correction(&s, sess.who, &id, f.request.into_bytes()).await {
        Ok(_) => Redirect::to(&format!("/desk/acts/{}?lang={}&done=1", url_encode(&id), code(lang))).into_response(),
        Err(e) => fail(lang, &uri, e),
    }
}

//! Validators for the API's answers: a strong `ETag` on every successful `GET` of
//! `/api/…` (the SHA-256 of the body as sent, so each content coding has its own),
//! `Last-Modified` (when the registry's current snapshot was made: its load or its last
//! write), and `304 Not Modified` for a request whose `If-None-Match` names the tag, or,
//! without one, whose `If-Modified-Since` is not before the snapshot.
//!
//! `Cache-Control` says how long an answer holds ([`freshness`]): an act's answer for a
//! day in the past (`as_of`, or a diff's `to`) when the act has no change whose day is
//! still unknown can only change with the next publication or correction, so it is
//! `public, max-age=3600, stale-while-revalidate=86400`: a shared cache may keep it for
//! an hour and must then ask, which the tags make cheap. Every other answer (today's,
//! one that a pending change may alter, the lists, the feeds) is `no-cache`: keep it,
//! but ask each time. The route that aliases the unversioned API (`/api/…` for
//! `/api/v1/…`) marks its answers deprecated ([`deprecated`]).

use std::sync::Arc;
use std::time::SystemTime;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::{AppState, Snapshot};

/// The largest answer given a tag (larger ones go untagged rather than buffered).
const MAX_TAGGED_BYTES: usize = 64 << 20;

/// True when `if_none_match` (a list of tags, or `*`) names `tag`.
fn matches(if_none_match: &str, tag: &str) -> bool {
    if_none_match
        .split(',')
        .map(str::trim)
        .any(|t| t == "*" || t == tag || t.strip_prefix("W/") == Some(tag))
}

/// Tags a successful `GET`/`HEAD` of the API and answers 304 when the client has it.
pub async fn etag(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let tagged = matches!(*req.method(), Method::GET | Method::HEAD) && req.uri().path().starts_with("/api/");
    let (if_none_match, if_modified_since) = {
        let header_of = |name| {
            req.headers()
                .get(name)
                .and_then(|v: &HeaderValue| v.to_str().ok())
                .map(str::to_string)
        };
        (
            header_of(header::IF_NONE_MATCH),
            header_of(header::IF_MODIFIED_SINCE).and_then(|v| httpdate::parse_http_date(&v).ok()),
        )
    };
    // Taken before the answer: a snapshot swapped in meanwhile is newer than this.
    if !tagged {
        return next.run(req).await;
    }
    let snapshot = state.snapshot();
    let made = snapshot.made();
    let cache_control = freshness(&snapshot, req.uri(), chrono::Local::now().date_naive());
    drop(snapshot);
    let resp = next.run(req).await;
    if resp.status() != StatusCode::OK {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_TAGGED_BYTES).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let tag = format!("\"{}\"", &crate::digest::sha256_hex(&bytes)[..32]);
    let Ok(value) = HeaderValue::from_str(&tag) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    parts.headers.insert(header::ETAG, value);
    if let Ok(lm) = HeaderValue::from_str(&httpdate::fmt_http_date(made)) {
        parts.headers.insert(header::LAST_MODIFIED, lm);
    }
    parts
        .headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static(cache_control));
    let unchanged = match (&if_none_match, if_modified_since) {
        (Some(inm), _) => matches(inm, &tag),
        // Last-Modified has whole seconds: compare at that precision.
        (None, Some(ims)) => secs(made) <= secs(ims),
        (None, None) => false,
    };
    if unchanged {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// The `Cache-Control` of a successful answer to `uri` on `today` (see the module
/// documentation).
pub fn freshness(snapshot: &Snapshot, uri: &axum::http::Uri, today: chrono::NaiveDate) -> &'static str {
    const ASK: &str = "no-cache";
    const HOUR: &str = "public, max-age=3600, stale-while-revalidate=86400";
    let path = uri.path();
    let rest = path
        .strip_prefix("/api/v1/acts/")
        .or_else(|| path.strip_prefix("/api/acts/"));
    let Some(rest) = rest else { return ASK };
    let mut segments = rest.split('/');
    let (Some(id), route) = (segments.next(), segments.next()) else {
        return ASK;
    };
    if !matches!(route, None | Some("diff" | "blame" | "akn")) || segments.next().is_some() {
        return ASK;
    }
    let Ok(id) = id.parse::<crate::model::RegistryId>() else {
        return ASK;
    };
    let day = uri.query().unwrap_or_default().split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        let wanted = if route == Some("diff") { "to" } else { "as_of" };
        (k == wanted).then(|| v.parse::<chrono::NaiveDate>().ok()).flatten()
    });
    let stable =
        day.is_some_and(|d| d < today) && snapshot.library.timeline(&id).is_some_and(|tl| tl.pending.is_empty());
    if stable { HOUR } else { ASK }
}

fn secs(t: SystemTime) -> u64 {
    t.duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// Marks an answer of the unversioned API as deprecated (RFC 9745, since 2026-12-04)
/// and links its successor under `/api/v1/`.
pub async fn deprecated(req: Request, next: Next) -> Response {
    // Inside the nest the path has lost its `/api` prefix; the original keeps it.
    let successor = match req.extensions().get::<axum::extract::OriginalUri>() {
        Some(o) => {
            o.0.path_and_query()
                .map(|pq| pq.as_str().replacen("/api/", "/api/v1/", 1))
        }
        None => req.uri().path_and_query().map(|pq| format!("/api/v1{}", pq.as_str())),
    };
    let mut resp = next.run(req).await;
    // @1796342400 = 2026-12-04T00:00:00Z, the day /api/v1/ came.
    resp.headers_mut()
        .insert("deprecation", HeaderValue::from_static("@1796342400"));
    if let Some(s) = successor.and_then(|s| HeaderValue::from_str(&format!("<{s}>; rel=\"successor-version\"")).ok()) {
        resp.headers_mut().insert(header::LINK, s);
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_lists_and_stars() {
        assert!(matches("\"a\"", "\"a\""));
        assert!(matches("\"b\", \"a\"", "\"a\""));
        assert!(matches("W/\"a\"", "\"a\""));
        assert!(matches("*", "\"a\""));
        assert!(!matches("\"b\"", "\"a\""));
    }
}

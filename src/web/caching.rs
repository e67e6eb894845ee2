//! Validators for the API's answers: a strong `ETag` on every successful `GET` of
//! `/api/…` (the SHA-256 of the body as sent, so each content coding has its own), and
//! `304 Not Modified` for a request whose `If-None-Match` names it. `Cache-Control:
//! no-cache` lets a client keep an answer and revalidate it: a publication changes the
//! answers it touches, and with them their tags. The route that aliases the unversioned
//! API (`/api/…` for `/api/v1/…`) marks its answers deprecated ([`deprecated`]).

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

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
pub async fn etag(req: Request, next: Next) -> Response {
    let tagged = matches!(*req.method(), Method::GET | Method::HEAD) && req.uri().path().starts_with("/api/");
    let if_none_match = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let resp = next.run(req).await;
    if !tagged || resp.status() != StatusCode::OK {
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
    parts
        .headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-cache"));
    if if_none_match.as_deref().is_some_and(|inm| matches(inm, &tag)) {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::from(bytes))
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

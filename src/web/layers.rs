//! What every request passes through before and after its handler: limits on the
//! request head, a timeout, a body limit, compression, security headers, a panic
//! catcher, and one error shape (JSON under `/api/`, a localized HTML page elsewhere)
//! whichever layer or extractor made the error.

use std::any::Any;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

use super::error::ApiError;

/// The longest request target (path and query), in bytes: a search query's 4 KB
/// percent-encoded, with room for the other parameters.
pub const MAX_URI_BYTES: usize = 16 * 1024;
/// The most bytes of header names and values in a request.
pub const MAX_HEADER_BYTES: usize = 32 * 1024;
/// The largest request body.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// The longest a request may take before it is answered 503.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(20);

/// The Content-Security-Policy of every answer: nothing inline, nothing from elsewhere,
/// never framed.
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; \
connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Wraps `router` in the layers every answer goes through.
pub fn wrap(router: Router) -> Router {
    wrap_with_timeout(router, REQUEST_TIMEOUT)
}

/// [`wrap`] with another request timeout (tests use a short one).
pub fn wrap_with_timeout(router: Router, timeout: Duration) -> Router {
    let headers = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::REFERRER_POLICY, "no-referrer"),
        (HeaderName::from_static("cross-origin-opener-policy"), "same-origin"),
    ];
    let mut router = router.layer(
        ServiceBuilder::new()
            .layer(CompressionLayer::new())
            .layer(middleware::from_fn(one_error_shape))
            .layer(middleware::from_fn(super::lang_cookie::remember))
            .layer(middleware::from_fn(head_limits))
            .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, timeout))
            .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
            .layer(CatchPanicLayer::custom(panic_answer)),
    );
    for (name, value) in headers {
        router = router.layer(SetResponseHeaderLayer::overriding(
            name,
            HeaderValue::from_static(value),
        ));
    }
    router
}

/// A handler that panicked: a 500 with a JSON body, and the server goes on. The panic's
/// message is not shown (it may name internals); it goes to standard error.
fn panic_answer(err: Box<dyn Any + Send + 'static>) -> Response {
    let what = err
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| err.downcast_ref::<&str>().copied())
        .unwrap_or("a panic");
    eprintln!("nusqa serve: a request handler panicked: {what}");
    plain(StatusCode::INTERNAL_SERVER_ERROR, "internal error".to_string())
}

/// Refuses a request whose target or headers are over the limits, before any handler.
async fn head_limits(req: Request, next: Next) -> Response {
    let uri_len = req.uri().path_and_query().map_or(0, |p| p.as_str().len());
    if uri_len > MAX_URI_BYTES {
        return plain(
            StatusCode::URI_TOO_LONG,
            format!("the request target is {uri_len} bytes; the limit is {MAX_URI_BYTES}"),
        );
    }
    let header_len: usize = req.headers().iter().map(|(k, v)| k.as_str().len() + v.len()).sum();
    if header_len > MAX_HEADER_BYTES {
        return plain(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            format!("the request headers are {header_len} bytes; the limit is {MAX_HEADER_BYTES}"),
        );
    }
    next.run(req).await
}

/// Whether an answer is already in the shape its path calls for.
fn well_shaped(api: bool, res: &Response) -> bool {
    let ctype = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if api {
        ctype.starts_with("application/json")
    } else {
        ctype.starts_with("text/html")
    }
}

/// Gives every error one shape: `{"error": {"code", "message"}}` under `/api/`, the
/// localized HTML error page elsewhere. Errors that already have it pass unchanged;
/// others (axum's plain-text rejections, the empty 404 and 405 of the router, the
/// timeout's and the body limit's answers) are rewritten, keeping their status and
/// their text as the message.
async fn one_error_shape(req: Request, next: Next) -> Response {
    let uri = req.uri().clone();
    let api = is_api(&uri);
    let res = next.run(req).await;
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) || well_shaped(api, &res) {
        return res;
    }
    let (parts, body) = res.into_parts();
    let detail = match axum::body::to_bytes(body, 4096).await {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(_) => String::new(),
    };
    let error = ApiError::from_status(status, &detail);
    let mut out = if api {
        error.into_response()
    } else {
        let lang = super::i18n::parse(query_param(&uri, "lang").as_deref());
        super::pages::error_page_at(lang, &uri, status, &error.message)
    };
    // Keep what the original answer said about the method or the retry.
    for name in [header::ALLOW, header::RETRY_AFTER] {
        if let Some(v) = parts.headers.get(&name) {
            out.headers_mut().insert(name, v.clone());
        }
    }
    out
}

fn is_api(uri: &Uri) -> bool {
    uri.path() == "/api" || uri.path().starts_with("/api/")
}

/// The first value of a query parameter, undecoded (used for `lang`, whose values are
/// plain ASCII codes).
fn query_param(uri: &Uri, name: &str) -> Option<String> {
    uri.query()?
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// The answer to a route that does not exist: JSON under `/api/`, a page elsewhere.
pub async fn not_found(uri: Uri) -> Response {
    let message = format!("no such route: {}", uri.path());
    if is_api(&uri) {
        ApiError::new(StatusCode::NOT_FOUND, "no_route", message).into_response()
    } else {
        let lang = super::i18n::parse(query_param(&uri, "lang").as_deref());
        let message = format!(
            "{}: {}",
            super::i18n::t(lang, super::i18n::Word::NoSuchPage),
            uri.path()
        );
        super::pages::error_page_at(lang, &uri, StatusCode::NOT_FOUND, &message)
    }
}

/// A plain-text error, which [`one_error_shape`] turns into its path's shape.
fn plain(status: StatusCode, message: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        Body::from(message),
    )
        .into_response()
}

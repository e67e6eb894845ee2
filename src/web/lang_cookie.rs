//! The UI language is remembered: a page asked for with `lang=kk|ru|en` sets the
//! `nusqa_lang` cookie, and a page asked for without `lang=` takes the cookie's
//! language, as if the link had carried it. The API (`/api/…`) is left alone.

use axum::extract::{OriginalUri, Request};
use axum::http::{HeaderValue, Uri, header};
use axum::middleware::Next;
use axum::response::Response;

/// The cookie's name.
pub const COOKIE: &str = "nusqa_lang";

const LANGS: [&str; 3] = ["kk", "ru", "en"];

/// The `lang=` the query asks for, if any.
fn asked(uri: &Uri) -> Option<&str> {
    uri.query()?.split('&').find_map(|p| p.strip_prefix("lang="))
}

/// The language the request's cookie remembers, if it is one the UI offers.
fn remembered(req: &Request) -> Option<&'static str> {
    req.headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().strip_prefix(COOKIE)?.strip_prefix('='))
        .find_map(|l| LANGS.iter().find(|x| **x == l).copied())
}

/// `uri` with `lang=` added to its query.
fn with_lang(uri: &Uri, lang: &str) -> Option<Uri> {
    let query = match uri.query() {
        Some(q) if !q.is_empty() => format!("{q}&lang={lang}"),
        _ => format!("lang={lang}"),
    };
    format!("{}?{query}", uri.path()).parse().ok()
}

/// The middleware: applies the cookie to a page request without `lang=`, and sets it
/// when a page is asked for in an offered language.
pub async fn remember(mut req: Request, next: Next) -> Response {
    if req.uri().path() == "/api" || req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let asked = asked(req.uri()).map(|l| LANGS.iter().find(|x| **x == l).copied());
    let set = asked.flatten();
    if asked.is_none()
        && let Some(lang) = remembered(&req)
        && let Some(uri) = with_lang(req.uri(), lang)
    {
        req.extensions_mut().insert(OriginalUri(uri.clone()));
        *req.uri_mut() = uri;
    }
    let mut res = next.run(req).await;
    if let Some(lang) = set
        && let Ok(v) = HeaderValue::from_str(&format!("{COOKIE}={lang}; Path=/; Max-Age=31536000; SameSite=Lax"))
    {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_is_added_to_the_query() {
        let u: Uri = "/acts/V1?as_of=2026-01-15".parse().expect("a uri");
        assert_eq!(
            with_lang(&u, "ru").expect("a uri").to_string(),
            "/acts/V1?as_of=2026-01-15&lang=ru"
        );
        let u: Uri = "/".parse().expect("a uri");
        assert_eq!(with_lang(&u, "en").expect("a uri").to_string(), "/?lang=en");
    }
}

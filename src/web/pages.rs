//! The web UI's pages, rendered on the server with askama from the templates in the
//! top-level `web/templates/` folder (`askama.toml` points there). Every page works
//! without JavaScript.
//!
//! A handler builds a small view (plain strings, numbers and lists of child views) and
//! renders its template; askama escapes every value. No user text is ever put into
//! markup by string substitution or `format!`: only URLs (percent-encoded) and plain
//! text are built here, and the templates escape them in turn. The one exception is the
//! redline, whose HTML `crate::diff::html::redline` builds escaping its own input.

use std::fmt::Write;
use std::sync::Arc;

use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{OriginalUri, Query, State};
use axum::http::{StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Response};
use chrono::NaiveDate;
use serde::Deserialize;

use super::AppState;
use super::i18n::{Word, Words, code, parse, t};
use crate::model::Lang;

const STYLE: &str = include_str!("../../web/static/style.css");

/// The page sent when even the error page cannot be rendered: fixed text, no input.
const LAST_RESORT: &str = "<!doctype html><html><head><meta charset=\"utf-8\"><title>500 · nusqa</title></head><body><h1>500</h1><p>Сервердің ішкі қатесі · Внутренняя ошибка сервера · Internal server error</p></body></html>";

/// Query parameters common to the pages.
#[derive(Deserialize, Default)]
pub struct PageQuery {
    pub(super) lang: Option<String>,
    pub(super) as_of: Option<String>,
    pub(super) from: Option<String>,
    pub(super) to: Option<String>,
    pub(super) q: Option<String>,
    /// The language of an act's text: `kk`, `ru` or `both` (side by side).
    pub(super) text: Option<String>,
    /// Search every version (`true`), not those in force on a date.
    pub(super) any_time: Option<String>,
    /// The page of search hits, from 1.
    pub(super) page: Option<String>,
}

/// What the layout shows around every page.
pub(super) struct Layout {
    /// The language code (`kk`, `ru`, `en`).
    pub(super) lang: &'static str,
    /// The page title (before ` · nusqa`).
    pub(super) title: String,
    /// The search box's value.
    pub(super) query: String,
    /// The page's date, which the header's search box sends along.
    pub(super) as_of: Option<String>,
    /// Links to this page in each language.
    pub(super) langs: Vec<LangLink>,
    /// Said when `lang=` asked for a language the UI does not offer.
    pub(super) notice: Option<&'static str>,
}

/// A link to the current page in one language.
pub(super) struct LangLink {
    pub(super) href: String,
    pub(super) label: String,
    pub(super) current: bool,
}

impl Layout {
    /// The layout of a page reached at `path` with the raw query `query`; the language
    /// links keep both and set `lang=`.
    pub(super) fn new(lang: Lang, title: impl Into<String>, path: &str, query: Option<&str>) -> Self {
        // Only a local path: `//host` or `/\host` would make a link to another site.
        let path = match path.strip_prefix('/') {
            Some(rest) if !rest.starts_with(['/', '\\']) => path,
            _ => "/",
        };
        let kept: Vec<&str> = query
            .unwrap_or_default()
            .split('&')
            .filter(|p| !p.is_empty() && p.split('=').next() != Some("lang"))
            .collect();
        let langs = [Lang::Kk, Lang::Ru, Lang::En]
            .into_iter()
            .map(|l| {
                let mut href = format!("{path}?");
                for p in &kept {
                    href.push_str(p);
                    href.push('&');
                }
                href.push_str("lang=");
                href.push_str(code(l));
                LangLink {
                    href,
                    label: code(l).to_uppercase(),
                    current: l == lang,
                }
            })
            .collect();
        let unknown = query
            .unwrap_or_default()
            .split('&')
            .filter_map(|p| p.strip_prefix("lang="))
            .any(|l| !l.is_empty() && !matches!(l, "kk" | "ru" | "en"));
        Layout {
            lang: code(lang),
            title: title.into(),
            query: String::new(),
            as_of: None,
            langs,
            notice: unknown.then(|| t(lang, Word::LangNotOffered)),
        }
    }

    /// The layout of the page at `uri`.
    pub(super) fn at(lang: Lang, title: impl Into<String>, uri: &Uri) -> Self {
        Self::new(lang, title, uri.path(), uri.query())
    }
}

/// The language a raw query string asks for (used when the query cannot be parsed).
pub(super) fn lang_of(uri: &Uri) -> Lang {
    let lang = uri
        .query()
        .unwrap_or_default()
        .split('&')
        .find_map(|p| p.strip_prefix("lang="));
    parse(lang)
}

/// Renders `page` with `status`; a page that fails to render becomes a 500 page.
pub(super) fn render(status: StatusCode, page: &impl Template, lang: Lang) -> Response {
    let (status, html) = render_html(status, page, lang);
    (status, Html(html)).into_response()
}

/// The status and HTML of `page`, or of the 500 page when `page` fails to render.
fn render_html(status: StatusCode, page: &impl Template, lang: Lang) -> (StatusCode, String) {
    match page.render() {
        Ok(html) => (status, html),
        Err(e) => {
            let t = Words(lang);
            let page = ErrorPage::new(
                lang,
                Layout::new(lang, "", "/", None),
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("{}: {e}", t.get(Word::RenderFailed)),
            );
            let html = page.render().unwrap_or_else(|_| LAST_RESORT.to_string());
            (StatusCode::INTERNAL_SERVER_ERROR, html)
        }
    }
}

/// An error page.
#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    layout: Layout,
    t: Words,
    /// The status code.
    code: u16,
    /// The status's name in the UI's language.
    name: &'static str,
    /// What went wrong.
    message: String,
}

impl ErrorPage {
    fn new(lang: Lang, mut layout: Layout, status: StatusCode, message: String) -> Self {
        let t = Words(lang);
        let name = t.get(match status {
            StatusCode::BAD_REQUEST => Word::BadRequest,
            StatusCode::NOT_FOUND => Word::NotFound,
            StatusCode::SERVICE_UNAVAILABLE => Word::Unavailable,
            StatusCode::INTERNAL_SERVER_ERROR => Word::InternalError,
            StatusCode::FORBIDDEN => Word::Forbidden,
            StatusCode::CONFLICT => Word::Conflict,
            StatusCode::UNPROCESSABLE_ENTITY => Word::Unprocessable,
            _ => Word::Error,
        });
        layout.title = format!("{} {name}", status.as_u16());
        ErrorPage {
            layout,
            t,
            code: status.as_u16(),
            name,
            message,
        }
    }
}

/// A localized HTML error page with `status` and `message` (plain text, escaped). Its
/// language links lead to `/`; [`error_page_at`] keeps the request's path instead.
pub fn error_page(lang: Lang, status: StatusCode, message: &str) -> Response {
    let layout = Layout::new(lang, "", "/", None);
    render(status, &ErrorPage::new(lang, layout, status, message.to_string()), lang)
}

/// Like [`error_page`], for the request at `uri`: its language links lead to the same
/// path and query in each language.
pub fn error_page_at(lang: Lang, uri: &Uri, status: StatusCode, message: &str) -> Response {
    let layout = Layout::at(lang, "", uri);
    render(status, &ErrorPage::new(lang, layout, status, message.to_string()), lang)
}

/// Why a page cannot be shown: what its error page says.
pub(super) struct Failure {
    lang: Lang,
    status: StatusCode,
    message: String,
}

impl Failure {
    /// The error page for the request at `uri`.
    pub(super) fn page(self, uri: &Uri) -> Response {
        error_page_at(self.lang, uri, self.status, &self.message)
    }
}

/// The query parameters, or a 400 when they cannot be read (say, `q=` twice).
pub(super) fn page_query(q: Result<Query<PageQuery>, QueryRejection>, uri: &Uri) -> Result<PageQuery, Failure> {
    q.map(|Query(q)| q).map_err(|e| Failure {
        lang: lang_of(uri),
        status: StatusCode::BAD_REQUEST,
        message: e.body_text(),
    })
}

/// A failure in `lang`.
pub(super) fn failure(lang: Lang) -> impl Fn(StatusCode, String) -> Failure + Copy {
    move |status, message| Failure { lang, status, message }
}

/// Percent-encodes a URL path segment or query parameter value.
pub(super) fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

pub(super) fn date_of(s: Option<&str>, lang: Lang) -> Result<Option<NaiveDate>, String> {
    s.filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<NaiveDate>()
                .map_err(|_| format!("«{s}»: {}", t(lang, Word::NotADate)))
        })
        .transpose()
}

/// "V1499999999: is not in the corpus", in `lang`.
pub(super) fn not_in_corpus(lang: Lang, id: &str) -> String {
    format!("{id}: {}", t(lang, Word::NotInCorpus))
}

/// "«x»: is not a registry id", in `lang`.
pub(super) fn not_a_registry_id(lang: Lang, id: &str) -> String {
    format!("«{id}»: {}", t(lang, Word::NotARegistryId))
}

/// `GET /static/style.css`.
pub async fn style() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE).into_response()
}

/// The act list.
#[derive(Template)]
#[template(path = "index.html")]
struct IndexPage {
    layout: Layout,
    t: Words,
    acts: Vec<ActRow>,
}

/// One act in the list.
struct ActRow {
    id: String,
    href: String,
    title: String,
    number: String,
    date: NaiveDate,
    /// How many operations it makes.
    ops: usize,
}

/// `GET /`: the acts.
pub async fn index(
    State(s): State<Arc<AppState>>,
    OriginalUri(uri): OriginalUri,
    q: Result<Query<PageQuery>, QueryRejection>,
) -> Response {
    let s = s.snapshot();
    let q = match page_query(q, &uri) {
        Ok(q) => q,
        Err(f) => return f.page(&uri),
    };
    let lang = parse(q.lang.as_deref());
    let t = Words(lang);
    let acts = s
        .library
        .acts()
        .map(|a| ActRow {
            id: a.id.to_string(),
            href: format!("/acts/{}?lang={}", url_encode(&a.id.to_string()), code(lang)),
            title: a.title(Lang::Kk).to_string(),
            number: a.number.clone(),
            date: a.date,
            ops: s.library.ops_by(&a.id).len(),
        })
        .collect();
    let page = IndexPage {
        layout: Layout::at(lang, t.get(Word::Acts), &uri),
        t,
        acts,
    };
    render(StatusCode::OK, &page, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A template whose rendering fails, as a broken value's `Display` would make it.
    #[derive(Template)]
    #[template(source = "<p>{{ broken }}</p>", ext = "html")]
    struct Broken {
        broken: Failing,
    }

    struct Failing;

    impl std::fmt::Display for Failing {
        fn fmt(&self, _: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            Err(std::fmt::Error)
        }
    }

    #[test]
    fn a_page_that_fails_to_render_is_a_localized_500_page() {
        let (status, html) = render_html(StatusCode::OK, &Broken { broken: Failing }, Lang::Ru);
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(html.contains("<html lang=\"ru\">"), "{html}");
        assert!(html.contains("<h1>500 Внутренняя ошибка сервера</h1>"), "{html}");
        assert!(html.contains("Не удалось построить страницу"), "{html}");
        let (status, html) = render_html(StatusCode::OK, &Broken { broken: Failing }, Lang::Kk);
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(html.contains("<h1>500 Сервердің ішкі қатесі</h1>"), "{html}");
    }

    #[test]
    fn language_links_keep_only_local_paths() {
        for path in ["//evil.example/x", "/\\evil.example", "evil"] {
            let l = Layout::new(Lang::Kk, "", path, Some("a=1&lang=ru"));
            assert_eq!(l.langs[1].href, "/?a=1&lang=ru", "{path}");
        }
        let l = Layout::new(Lang::En, "", "/acts/V1", Some("lang=kk&as_of=2026-01-01"));
        let hrefs: Vec<&str> = l.langs.iter().map(|l| l.href.as_str()).collect();
        assert_eq!(
            hrefs,
            [
                "/acts/V1?as_of=2026-01-01&lang=kk",
                "/acts/V1?as_of=2026-01-01&lang=ru",
                "/acts/V1?as_of=2026-01-01&lang=en"
            ]
        );
        assert_eq!(l.langs.iter().filter(|l| l.current).count(), 1);
        assert!(l.langs[2].current);
        assert_eq!(l.notice, None);
        let fr = Layout::new(Lang::Kk, "", "/", Some("lang=fr"));
        assert_eq!(
            fr.notice,
            Some(t(Lang::Kk, Word::LangNotOffered)),
            "an unknown language is said so"
        );
    }
}

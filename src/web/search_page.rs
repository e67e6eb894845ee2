//! `GET /search?q=&as_of=&any_time=&page=`: search results with highlighted snippets.
//!
//! Like the API, a search without a date is a search of the texts in force today; the
//! page's date field sets another day and "any time" searches every version. The
//! header's search box sends the date of the page it is on. Hits come 20 a page with
//! the total, each with its act's title, and open the act on the user's date (or on
//! the version's first day when that date is outside it) at the clause's anchor. A
//! query that cannot be read gets a message in the UI's language, with the parser's
//! own words kept beside it for the curious.

use std::sync::Arc;

use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{OriginalUri, Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use chrono::NaiveDate;

use super::i18n::{Word, Words, code, parse};
use super::pages::{Failure, Layout, PageQuery, date_of, failure, page_query, render, url_encode};
use super::{AppState, Snapshot};
use crate::search::{SearchError, SearchRequest, When};

/// Hits per page.
const PER_PAGE: usize = 20;

/// The deepest page offered: the search's own offset limit bounds it too.
const MAX_PAGE: usize = 500;

/// Search results.
#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    layout: Layout,
    t: Words,
    /// The query as typed.
    query: String,
    /// The date searched on (today by default), empty for any time.
    as_of: String,
    any_time: bool,
    /// The query reads as Russian: say that only the Kazakh texts are searched.
    russian_query: bool,
    outcome: Outcome,
}

/// What a search came to.
enum Outcome {
    /// No query was asked.
    Nothing,
    /// The query could not be run: a message in the UI's language and the parser's.
    Failed { message: &'static str, detail: String },
    /// Nothing matched.
    NoHits,
    /// This page of hits among `total`.
    Hits {
        total: usize,
        first: usize,
        last: usize,
        hits: Vec<HitView>,
        prev: Option<String>,
        next: Option<String>,
    },
}

/// One hit.
struct HitView {
    act: String,
    act_title: String,
    eid: String,
    href: String,
    from: String,
    to: String,
    snippet: Vec<SnippetPart>,
}

/// A run of a snippet's text, marked when it matched.
struct SnippetPart {
    text: String,
    marked: bool,
}

/// `snippet` cut at the byte ranges `highlights` (sorted); a range that is out of
/// order, out of bounds or not on character boundaries is left unmarked.
fn snippet_parts(snippet: &str, highlights: &[(usize, usize)]) -> Vec<SnippetPart> {
    let mut parts = Vec::new();
    let mut at = 0;
    for &(a, b) in highlights {
        let (Some(before), Some(marked)) = (snippet.get(at..a), snippet.get(a..b)) else {
            continue;
        };
        if !before.is_empty() {
            parts.push(SnippetPart {
                text: before.to_string(),
                marked: false,
            });
        }
        parts.push(SnippetPart {
            text: marked.to_string(),
            marked: true,
        });
        at = b;
    }
    if let Some(rest) = snippet.get(at..).filter(|r| !r.is_empty()) {
        parts.push(SnippetPart {
            text: rest.to_string(),
            marked: false,
        });
    }
    parts
}

/// `GET /search?q=&as_of=&any_time=&page=`.
pub async fn search(
    State(s): State<Arc<AppState>>,
    OriginalUri(uri): OriginalUri,
    q: Result<Query<PageQuery>, QueryRejection>,
) -> Response {
    let s = s.snapshot();
    search_page(&s, &uri, q).unwrap_or_else(|f| f.page(&uri))
}

/// The day a hit opens on: the user's date when the version is in force then, else the
/// version's first day.
fn open_on(asked: Option<NaiveDate>, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Option<NaiveDate> {
    match asked {
        Some(d) if from.is_none_or(|f| f <= d) && to.is_none_or(|t| d < t) => Some(d),
        _ => from,
    }
}

fn search_page(s: &Snapshot, uri: &Uri, q: Result<Query<PageQuery>, QueryRejection>) -> Result<Response, Failure> {
    let q = page_query(q, uri)?;
    let lang = parse(q.lang.as_deref());
    let fail = failure(lang);
    let t = Words(lang);
    let query = q.q.clone().unwrap_or_default();
    let Some(idx) = s.index.as_ref() else {
        return Err(fail(StatusCode::SERVICE_UNAVAILABLE, "no search index".to_string()));
    };
    let any_time = match q.any_time.as_deref() {
        None | Some("") | Some("false") | Some("0") => false,
        Some("true") | Some("1") | Some("on") => true,
        Some(other) => {
            return Err(fail(
                StatusCode::BAD_REQUEST,
                format!("any_time must be true or false, not `{other}`"),
            ));
        }
    };
    let page = match q.page.as_deref() {
        None | Some("") => 1,
        Some(p) => match p.parse::<usize>() {
            Ok(n) if (1..=MAX_PAGE).contains(&n) => n,
            _ => {
                return Err(fail(
                    StatusCode::BAD_REQUEST,
                    format!("page must be a number from 1 to {MAX_PAGE}, not `{p}`"),
                ));
            }
        },
    };
    let asked = date_of(q.as_of.as_deref(), lang).map_err(|e| fail(StatusCode::BAD_REQUEST, e))?;
    let day = asked.unwrap_or_else(|| chrono::Local::now().date_naive());
    let when = if any_time { When::AnyTime } else { When::AsOf(day) };
    let link = |page: usize| {
        let mut href = format!("/search?lang={}&q={}", code(lang), url_encode(&query));
        if any_time {
            href.push_str("&any_time=true");
        } else {
            href.push_str(&format!("&as_of={day}"));
        }
        href.push_str(&format!("&page={page}"));
        href
    };
    // A query the user can fix (malformed, or over a limit) is a 400, shown on the
    // search page itself so that it can be corrected there.
    let mut status = StatusCode::OK;
    let outcome = if query.trim().is_empty() {
        Outcome::Nothing
    } else {
        let req = SearchRequest {
            query: query.clone(),
            when,
            act: None,
            lang: None,
            limit: PER_PAGE,
            offset: (page - 1) * PER_PAGE,
        };
        match crate::search::search(idx, &req) {
            Err(e) => {
                let message = match &e {
                    SearchError::Query(_) => Some(t.get(Word::QueryUnreadable)),
                    SearchError::Limit(_) => Some(t.get(Word::QueryTooBig)),
                    _ => None,
                };
                status = if message.is_some() {
                    StatusCode::BAD_REQUEST
                } else {
                    StatusCode::INTERNAL_SERVER_ERROR
                };
                Outcome::Failed {
                    message: message.unwrap_or(t.get(Word::InternalError)),
                    detail: e.to_string(),
                }
            }
            Ok(r) if r.total == 0 => Outcome::NoHits,
            Ok(r) => {
                let first = (page - 1) * PER_PAGE + 1;
                let last = (first + r.hits.len()).saturating_sub(1);
                Outcome::Hits {
                    total: r.total,
                    first,
                    last,
                    prev: (page > 1).then(|| link(page - 1)),
                    next: (last < r.total && page < MAX_PAGE).then(|| link(page + 1)),
                    hits: r
                        .hits
                        .iter()
                        .map(|h| {
                            let on = open_on((!any_time).then_some(day), h.valid_from, h.valid_to)
                                .map(|d| format!("&as_of={d}"))
                                .unwrap_or_default();
                            HitView {
                                href: format!(
                                    "/acts/{}?lang={}{on}#{}",
                                    url_encode(&h.act),
                                    code(lang),
                                    url_encode(&h.eid)
                                ),
                                act: h.act.clone(),
                                act_title: h.act_title.clone(),
                                eid: h.eid.clone(),
                                from: h.valid_from.map_or("?".to_string(), |d| d.to_string()),
                                to: h.valid_to.map_or("…".to_string(), |d| d.to_string()),
                                snippet: snippet_parts(&h.snippet, &h.highlights),
                            }
                        })
                        .collect(),
                }
            }
        }
    };
    let mut layout = Layout::at(lang, t.get(Word::Search), uri);
    layout.query = query.clone();
    layout.as_of = (!any_time).then(|| day.to_string());
    let russian_query = crate::ru::detect::looks_russian(&query);
    let page = SearchPage {
        layout,
        t,
        query,
        as_of: if any_time { String::new() } else { day.to_string() },
        any_time,
        russian_query,
        outcome,
    };
    Ok(render(status, &page, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_cut_at_their_highlights() {
        let parts = snippet_parts("a <b> c", &[(2, 5), (4, 3), (6, 99)]);
        let got: Vec<(&str, bool)> = parts.iter().map(|p| (p.text.as_str(), p.marked)).collect();
        assert_eq!(got, [("a ", false), ("<b>", true), (" c", false)]);
        // Not on a character boundary: left unmarked.
        let parts = snippet_parts("жер", &[(1, 2)]);
        assert_eq!(
            (parts.len(), parts[0].text.as_str(), parts[0].marked),
            (1, "жер", false)
        );
    }

    #[test]
    fn a_hit_opens_on_the_users_date_when_its_version_is_in_force_then() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(
            open_on(d("2025-10-05"), d("2014-12-30"), d("2025-12-06")),
            d("2025-10-05")
        );
        assert_eq!(
            open_on(d("2026-01-15"), d("2014-12-30"), d("2025-12-06")),
            d("2014-12-30")
        );
        assert_eq!(open_on(None, d("2025-12-06"), None), d("2025-12-06"));
        assert_eq!(open_on(d("2025-12-06"), d("2025-12-06"), None), d("2025-12-06"));
    }
}

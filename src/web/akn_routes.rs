//! The permanent Akoma Ntoso URLs: `/akn/kz/act/{kind}/{date}/{number}` (the work: the
//! version in force today) and `…/{number}/kaz@{date}` (the version in force on that
//! day). A request that accepts `application/akn+xml` gets the XML; any other gets
//! the act's page on that day (a `303 See Other` to `/acts/{id}?as_of=…`). Both
//! answers vary on `Accept`.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;

use super::AppState;
use super::error::ApiError;
use crate::model::WorkUri;

/// The media type of an Akoma Ntoso document.
pub const AKN_XML: &str = "application/akn+xml";

fn wants_xml(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|m| {
            m.split(';')
                .next()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case(AKN_XML))
        })
}

/// The date of an expression component: `kaz@2025-12-06`, or `kaz` for today.
fn expression_date(expr: &str) -> Option<Option<NaiveDate>> {
    match expr.strip_prefix("kaz") {
        Some("") => Some(None),
        Some(rest) => rest.strip_prefix('@')?.parse().ok().map(Some),
        None => None,
    }
}

fn answer(s: &AppState, work: &str, date: Option<NaiveDate>, headers: &HeaderMap, uri: &Uri) -> Response {
    let snap = s.snapshot();
    let lib = &snap.library;
    let act = work
        .parse::<WorkUri>()
        .ok()
        .and_then(|w| lib.acts().find(|a| a.work_uri == w));
    let Some(act) = act else {
        return not_found(headers, uri, format!("no act has the work URI {work}"));
    };
    let date = date.unwrap_or_else(|| chrono::Local::now().date_naive());
    let vary = (header::VARY, "Accept");
    if !wants_xml(headers) {
        let to = format!("/acts/{}?as_of={date}", act.id);
        return (StatusCode::SEE_OTHER, [(header::LOCATION, to.as_str()), vary]).into_response();
    }
    let today = chrono::Local::now().date_naive();
    match crate::akn::export(lib, &act.id, date, today) {
        Ok(xml) => (
            [(header::CONTENT_TYPE, "application/akn+xml; charset=utf-8"), vary],
            xml,
        )
            .into_response(),
        Err(e) => not_found(headers, uri, e.to_string()),
    }
}

fn not_found(headers: &HeaderMap, uri: &Uri, message: String) -> Response {
    if wants_xml(headers) {
        ApiError::missing(message).into_response()
    } else {
        let lang = super::i18n::parse(None);
        super::pages::error_page_at(lang, uri, StatusCode::NOT_FOUND, &message)
    }
}

/// `GET /akn/kz/act/{kind}/{date}/{number}`: the work, as in force today.
pub async fn work(
    State(s): State<Arc<AppState>>,
    Path((kind, date, number)): Path<(String, String, String)>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    answer(&s, &format!("/akn/kz/act/{kind}/{date}/{number}"), None, &headers, &uri)
}

/// `GET /akn/kz/act/{kind}/{date}/{number}/{expression}`: the version in force on the
/// expression's day (`kaz@2025-12-06`).
pub async fn expression(
    State(s): State<Arc<AppState>>,
    Path((kind, date, number, expr)): Path<(String, String, String, String)>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let work = format!("/akn/kz/act/{kind}/{date}/{number}");
    match expression_date(&expr) {
        Some(d) => answer(&s, &work, d, &headers, &uri),
        None => not_found(
            &headers,
            &uri,
            format!("`{expr}` is not an expression of {work}: expected kaz@YYYY-MM-DD"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_accept_and_expressions() {
        let mut h = HeaderMap::new();
        assert!(!wants_xml(&h));
        h.insert(header::ACCEPT, "text/html, application/akn+xml;q=0.9".parse().unwrap());
        assert!(wants_xml(&h));
        assert_eq!(expression_date("kaz"), Some(None));
        assert_eq!(expression_date("kaz@2025-12-06"), Some("2025-12-06".parse().ok()));
        assert_eq!(expression_date("rus@2025-12-06"), None);
        assert_eq!(expression_date("kaz@2025-13-06"), None);
    }
}

//! `GET /api/v1/feed` and `GET /api/v1/acts/{id}/feed[?eid=]`: the change feeds of
//! [`crate::feed`], as Atom by default or JSON Feed with `format=json` (or `Accept:
//! application/feed+json`). Links are absolute on the request's `Host`.

use std::sync::Arc;

use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::AppState;
use super::error::ApiError;
use crate::feed::{self, Feed};
use crate::model::{EId, RegistryId};

/// The query of a feed.
#[derive(Deserialize, Default)]
pub struct FeedQuery {
    /// `atom` (default) or `json`.
    format: Option<String>,
    /// A clause of the act, for its own feed.
    eid: Option<String>,
}

fn answer(feed: &Feed, q: &FeedQuery, headers: &HeaderMap, uri: &axum::http::Uri) -> Result<Response, ApiError> {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | ':' | '-' | '[' | ']'))
        })
        .unwrap_or("localhost");
    let base = format!("http://{host}");
    let path = uri
        .path_and_query()
        .map_or_else(|| uri.path().to_string(), |p| p.as_str().to_string());
    let wants_json = match q.format.as_deref() {
        Some("json") => true,
        Some("atom") => false,
        Some(other) => {
            return Err(ApiError::bad(format!("format `{other}`: expected atom or json")));
        }
        None => headers
            .get(header::ACCEPT)
            .and_then(|a| a.to_str().ok())
            .is_some_and(|a| a.contains("application/feed+json")),
    };
    Ok(if wants_json {
        let body = feed::json::write(feed, &base, &path).to_string();
        (
            [(header::CONTENT_TYPE, HeaderValue::from_static("application/feed+json"))],
            body,
        )
            .into_response()
    } else {
        (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/atom+xml; charset=utf-8"),
            )],
            feed::atom::write(feed, &base, &path),
        )
            .into_response()
    })
}

/// `GET /api/v1/feed`: the registry's changes.
pub async fn registry(
    State(s): State<Arc<AppState>>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    Query(q): Query<FeedQuery>,
) -> Result<Response, ApiError> {
    let s = s.snapshot();
    answer(&feed::registry(&s.library), &q, &headers, &uri)
}

/// `GET /api/v1/acts/{id}/feed[?eid=]`: an act's changes, or one clause's.
pub async fn act(
    State(s): State<Arc<AppState>>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<FeedQuery>,
) -> Result<Response, ApiError> {
    let s = s.snapshot();
    let id: RegistryId = id.parse().map_err(|e| ApiError::bad(format!("{e}")))?;
    let f = match q.eid.as_deref() {
        Some(e) => {
            let eid: EId = e.parse().map_err(|e| ApiError::bad(format!("{e}")))?;
            feed::clause(&s.library, &id, &eid).ok_or_else(|| ApiError::missing(format!("{id} has no clause {eid}")))?
        }
        None => {
            feed::act(&s.library, &id).ok_or_else(|| ApiError::missing(format!("act {id} is not in the corpus")))?
        }
    };
    answer(&f, &q, &headers, &uri)
}

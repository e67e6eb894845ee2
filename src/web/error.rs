//! The API's errors: every one is JSON `{"error": {"code": "…", "message": "…"}}` with
//! its status, whether a handler, an extractor, the router or a middleware made it.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// An API error: a status, a stable code and a message for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// A stable, machine-readable code (`bad_request`, `not_found`, `query_too_long`…).
    pub code: &'static str,
    /// What went wrong, in English.
    pub message: String,
}

/// The JSON body of an error.
#[derive(Debug, Serialize, schemars::JsonSchema)]
struct Body<'a> {
    error: Inner<'a>,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
#[schemars(rename = "ErrorDetail")]
struct Inner<'a> {
    code: &'a str,
    message: &'a str,
}

/// The JSON Schema of an error's body, for the OpenAPI document.
pub fn schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
    <Body<'static> as schemars::JsonSchema>::json_schema(g)
}

impl ApiError {
    /// An error with its status, code and message.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }

    /// 400: the request is malformed.
    pub fn bad(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// 404: what was asked for does not exist.
    pub fn missing(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    /// The error the router or a middleware answers with this status, when it gave no
    /// JSON of its own: the code is derived from the status, the message is `detail` or
    /// the status's reason.
    pub fn from_status(status: StatusCode, detail: &str) -> ApiError {
        let code = status_code_name(status);
        let message = if detail.trim().is_empty() {
            status.canonical_reason().unwrap_or("error").to_string()
        } else {
            detail.trim().to_string()
        };
        ApiError::new(status, code, message)
    }
}

/// The stable code of a status the server may answer with on its own.
pub fn status_code_name(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "bad_request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        408 => "request_timeout",
        413 => "payload_too_large",
        414 => "uri_too_long",
        415 => "unsupported_media_type",
        422 => "unprocessable",
        429 => "too_many_requests",
        431 => "headers_too_large",
        500 => "internal",
        503 => "unavailable",
        504 => "timeout",
        s if s >= 500 => "internal",
        _ => "error",
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = Body {
            error: Inner {
                code: self.code,
                message: &self.message,
            },
        };
        (self.status, Json(body)).into_response()
    }
}

impl From<crate::search::SearchError> for ApiError {
    fn from(e: crate::search::SearchError) -> ApiError {
        use crate::search::SearchError;
        match e {
            SearchError::Limit(l) => ApiError::new(StatusCode::BAD_REQUEST, l.code(), l.to_string()),
            SearchError::Query(m) => ApiError::new(
                StatusCode::BAD_REQUEST,
                "malformed_query",
                format!("malformed query: {m}"),
            ),
            SearchError::Missing(_) => ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", e.to_string()),
            other => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", other.to_string()),
        }
    }
}

impl From<crate::views::ViewError> for ApiError {
    fn from(e: crate::views::ViewError) -> ApiError {
        ApiError::missing(e.to_string())
    }
}

//! Who makes a request: a bearer token (`Authorization: Bearer TOKEN`) for the API, or
//! a UI session cookie. The token is hashed and compared in constant time by
//! [`crate::state::authenticate`]; it never reaches a log or an error message.

use axum::http::{HeaderMap, StatusCode, header};

use super::Writer;
use super::error::ApiError;
use crate::state::sessions::SESSIONS_FILE;
use crate::state::tokens::TOKENS_FILE;
use crate::state::{AuthError, Principal, Role, SessionStore, TokenStore, authenticate};

/// The name of the UI's session cookie.
pub const SESSION_COOKIE: &str = "nusqa_session";

fn unauthorized(message: &str) -> ApiError {
    ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", message)
}

/// The value of cookie `name` in `headers`.
pub fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn tokens(writer: &Writer) -> Result<TokenStore, ApiError> {
    writer
        .desk
        .drafts
        .state()
        .read_json(TOKENS_FILE)
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "state", e.to_string()))
}

/// The principal of a bearer token: 401 without one, or for an unknown or revoked one.
pub fn bearer(writer: &Writer, headers: &HeaderMap) -> Result<Principal, ApiError> {
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .ok_or_else(|| unauthorized("this route needs `Authorization: Bearer TOKEN`"))?;
    authenticate(&tokens(writer)?, presented).map_err(|e| match e {
        AuthError::Missing => unauthorized("no token was presented"),
        AuthError::Unknown => unauthorized("the token is not known"),
        AuthError::Revoked => unauthorized("the token was revoked"),
    })
}

/// The principal of the UI session cookie, if it is live.
pub fn session(writer: &Writer, headers: &HeaderMap) -> Option<(Principal, String)> {
    let id = cookie(headers, SESSION_COOKIE)?;
    let state = writer.desk.drafts.state();
    let sessions: SessionStore = state.read_json(SESSIONS_FILE).ok()?;
    let tokens = tokens(writer).ok()?;
    sessions
        .session(&tokens, id, chrono::Utc::now())
        .map(|p| (p, id.to_string()))
}

/// True when `csrf` is the CSRF token of the live session `id`.
pub fn csrf_ok(writer: &Writer, id: &str, csrf: &str) -> bool {
    let state = writer.desk.drafts.state();
    let (Ok(sessions), Ok(tokens)) = (state.read_json::<SessionStore>(SESSIONS_FILE), tokens(writer)) else {
        return false;
    };
    sessions.check_csrf(&tokens, id, csrf, chrono::Utc::now())
}

/// `who` may do what `needed` may, or 403.
pub fn require(who: &Principal, needed: Role) -> Result<(), ApiError> {
    if who.role.allows(needed) {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            format!(
                "{} is a {}; this route is for an {}",
                who.name,
                who.role.as_str(),
                needed.as_str()
            ),
        ))
    }
}

//! The web UI and the JSON API over HTTP: the only module that knows HTTP.
//!
//! The UI (`/`, `/acts/{id}?as_of=`, `/acts/{id}/diff`, `/search`; `?lang=kk|ru|en`) is
//! rendered on the server from the templates in the top-level `web/` folder and works
//! without JavaScript.
//!
//! Every route is a thin wrapper around a library view, so the API, the CLI and (later)
//! the web UI answer alike. Dates are `YYYY-MM-DD`; errors are `{"error": "…"}` with
//! 400 for a malformed request and 404 for something that does not exist.
//!
//! | route | view |
//! |---|---|
//! | `GET /api/acts` | acts |
//! | `GET /api/acts/{id}?as_of=&notes=kk\|ru\|none` | consolidated act with notes |
//! | `GET /api/acts/{id}/history/{eid}` | every version of a node |
//! | `GET /api/acts/{id}/ops` | the operations an act makes |
//! | `GET /api/acts/{id}/diff?from=&to=&raw=` | structural and word diff |
//! | `GET /api/acts/{id}/effect?target=` | what an amending act does |
//! | `GET /api/acts/{id}/blame?as_of=` | who wrote each clause |
//! | `GET /api/acts/{id}/akn?as_of=` | Akoma Ntoso 3.0 XML |
//! | `GET /api/search?q=&as_of=&any_time=&act=&limit=&offset=` | search |
//! | `GET /api/services?as_of=`, `GET /api/services/{id}?as_of=` | state services |

pub mod error;
mod extract;
pub mod i18n;
pub mod layers;
pub mod pages;
mod routes;
pub mod serve;

use std::sync::Arc;

use axum::Router;
use axum::routing::get;

use crate::library::Library;
use crate::search::SearchIndex;

/// What every request reads: the library and, when built, the search index.
pub struct AppState {
    /// The loaded corpus.
    pub library: Library,
    /// The search index of the same corpus generation, if one was opened.
    pub index: Option<SearchIndex>,
}

/// The API's and the UI's routes over `state`, inside the layers every answer goes
/// through ([`layers::wrap`]): what `nusqa serve` serves, and what the tests call.
pub fn router(state: Arc<AppState>) -> Router {
    layers::wrap(routes(state))
}

fn routes(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/api/acts", get(routes::acts))
        .route("/api/acts/{id}", get(routes::show))
        .route("/api/acts/{id}/history/{eid}", get(routes::history))
        .route("/api/acts/{id}/ops", get(routes::ops))
        .route("/api/acts/{id}/diff", get(routes::diff))
        .route("/api/acts/{id}/effect", get(routes::effect))
        .route("/api/acts/{id}/blame", get(routes::blame))
        .route("/api/acts/{id}/akn", get(routes::akn))
        .route("/api/acts/{id}/reconcile", get(routes::reconcile))
        .route("/api/search", get(routes::search))
        .route("/api/services", get(routes::services))
        .route("/api/services/{id}", get(routes::service))
        .route("/", get(pages::index))
        .route("/acts/{id}", get(pages::act))
        .route("/acts/{id}/diff", get(pages::diff))
        .route("/search", get(pages::search))
        .route("/static/style.css", get(pages::style))
        .fallback(layers::not_found)
        .with_state(state)
}

/// Serves the API and the UI on `addr` until Ctrl-C or SIGTERM.
pub async fn serve(state: Arc<AppState>, addr: std::net::SocketAddr, opts: serve::ServeOptions) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    serve::serve_on(listener, router(state), opts, serve::shutdown_signal()).await
}

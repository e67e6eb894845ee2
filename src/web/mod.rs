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
//! The API is versioned: every route below answers under `/api/v1/…`, and under
//! `/api/…` as a deprecated alias (a `Deprecation` header and a `Link` to the
//! successor). Successful `GET`s of the API carry a strong `ETag`, and `If-None-Match`
//! gets `304` ([`caching`]).
//!
//! | route | view |
//! |---|---|
//! | `GET /api/v1/openapi.json` | the OpenAPI 3.1 document of every route below |
//! | `GET /api/v1/acts` | acts |
//! | `GET /api/v1/acts/{id}/versions` | every version date, and the changes still pending |
//! | `GET /api/v1/acts/{id}/impact` | the state services an amending act changes |
//! | `GET /api/v1/feed`, `GET /api/v1/acts/{id}/feed[?eid=]` (`format=atom\|json`) | change feeds |
//! | `GET /api/acts/{id}?as_of=&notes=kk\|ru\|none` | consolidated act with notes |
//! | `GET /api/acts/{id}/history/{eid}` | every version of a node |
//! | `GET /api/acts/{id}/ops` | the operations an act makes |
//! | `GET /api/acts/{id}/diff?from=&to=&raw=` | structural and word diff |
//! | `GET /api/acts/{id}/effect?target=` | what an amending act does |
//! | `GET /api/acts/{id}/blame?as_of=` | who wrote each clause |
//! | `GET /api/acts/{id}/akn?as_of=` | Akoma Ntoso 3.0 XML |
//! | `GET /akn/kz/act/{kind}/{date}/{number}[/kaz@DATE]` | the permanent URLs: XML for `Accept: application/akn+xml`, else a redirect to the act page |
//! | `GET /api/search?q=&as_of=&any_time=&act=&limit=&offset=` | search |
//! | `GET /api/services?as_of=`, `GET /api/services/{id}?as_of=` | state services |

mod act_changes;
mod act_page;
mod act_schedule;
mod act_services;
mod akn_routes;
pub mod auth;
mod caching;
mod citing;
pub mod client;
mod desk_answers;
mod desk_pages;
mod diff_page;
mod drafts_api;
pub mod error;
mod extract;
mod feed_routes;
mod history_page;
pub mod i18n;
pub mod lang_cookie;
pub mod layers;
pub mod openapi;
pub mod pages;
mod reconcile_page;
mod routes;
mod search_page;
pub mod serve;
mod service_pages;
pub mod watch;

use std::sync::{Arc, RwLock};

use axum::Router;
use axum::routing::{get, post};

use crate::library::Library;
use crate::search::SearchIndex;

/// One consistent reading of the registry: a library and the search index of the same
/// corpus generation. A request takes the current snapshot once and answers from it
/// alone, so a publication that lands meanwhile never mixes two generations in one
/// answer.
pub struct Snapshot {
    /// The loaded corpus.
    pub library: Library,
    /// The search index of the same corpus generation, if one was opened.
    pub index: Option<SearchIndex>,
    /// What each amending act does to the state services, worked out once per snapshot
    /// (derived from the library; an amending act's page shows it).
    impacts: std::sync::Mutex<std::collections::HashMap<crate::model::RegistryId, Arc<crate::services::Impact>>>,
    /// When this snapshot was made: the answers' `Last-Modified`.
    made: std::time::SystemTime,
}

impl Snapshot {
    /// A snapshot of `library` and `index`.
    pub fn new(library: Library, index: Option<SearchIndex>) -> Snapshot {
        Snapshot {
            library,
            index,
            impacts: std::sync::Mutex::default(),
            made: std::time::SystemTime::now(),
        }
    }

    /// When this snapshot was made (a load or a write): nothing it answers changed since.
    pub fn made(&self) -> std::time::SystemTime {
        self.made
    }

    /// What amending act `id` does to the state services, cached for the snapshot's
    /// life; `None` when it amends nothing or the impact cannot be worked out.
    pub fn impact(&self, id: &crate::model::RegistryId) -> Option<Arc<crate::services::Impact>> {
        if self.library.ops_by(id).is_empty() {
            return None;
        }
        let cached = self.impacts.lock().unwrap_or_else(|p| p.into_inner()).get(id).cloned();
        if cached.is_some() {
            return cached;
        }
        let impact = Arc::new(crate::services::Registry::new(&self.library).impact(id).ok()?);
        self.impacts
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(*id, impact.clone());
        Some(impact)
    }
}

/// What every request reads: the current [`Snapshot`], replaced whole when the
/// registry changes (a publication, an event), so new acts show at once, without a
/// restart.
pub struct AppState {
    current: RwLock<Arc<Snapshot>>,
    /// Where writes go (drafts, publications, events), for a server that accepts
    /// them; `None` serves read-only (the write routes answer 503).
    pub writer: Option<Writer>,
}

/// A server's write side: the corpus and the state directory it writes to, and the
/// mutex that orders its writes with the snapshots they make.
pub struct Writer {
    /// The draft workflow over the corpus and the state directory.
    pub desk: crate::publishing::Desk,
    /// Held while a write changes the corpus and swaps the snapshot, so snapshots
    /// follow the corpus's own order of writes.
    pub order: std::sync::Mutex<()>,
}

impl AppState {
    /// A state serving `library` and `index`.
    pub fn new(library: Library, index: Option<SearchIndex>) -> AppState {
        AppState {
            current: RwLock::new(Arc::new(Snapshot::new(library, index))),
            writer: None,
        }
    }

    /// A state serving `library` and `index` that accepts writes through `desk`.
    pub fn with_writer(library: Library, index: Option<SearchIndex>, desk: crate::publishing::Desk) -> AppState {
        AppState {
            writer: Some(Writer {
                desk,
                order: std::sync::Mutex::new(()),
            }),
            ..AppState::new(library, index)
        }
    }

    /// The current snapshot. Cheap (one reference count); held for one request.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        // A writer that panicked while swapping left a whole snapshot behind (the swap
        // is one assignment), so a poisoned lock still holds a consistent value.
        Arc::clone(&self.current.read().unwrap_or_else(|p| p.into_inner()))
    }

    /// Makes `next` the snapshot every later request reads.
    pub fn replace(&self, next: Snapshot) {
        *self.current.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(next);
    }
}

/// The API's and the UI's routes over `state`, inside the layers every answer goes
/// through ([`layers::wrap`]): what `nusqa serve` serves, and what the tests call.
pub fn router(state: Arc<AppState>) -> Router {
    layers::wrap(routes(state.clone())).layer(axum::middleware::from_fn_with_state(state, caching::etag))
}

/// The JSON API's routes, without their prefix, from the one table that also makes the
/// OpenAPI document ([`openapi::ROUTES`]): served under `/api/v1/`, and under `/api/`
/// as a deprecated alias for one release.
fn api() -> Router<Arc<AppState>> {
    openapi::ROUTES
        .iter()
        .fold(Router::new(), |r, route| r.route(route.path, (route.handler)()))
}

fn routes(state: Arc<AppState>) -> Router {
    Router::new()
        .nest("/api/v1", api())
        .nest("/api", api().layer(axum::middleware::from_fn(caching::deprecated)))
        .route("/akn/kz/act/{kind}/{date}/{number}", get(akn_routes::work))
        .route(
            "/akn/kz/act/{kind}/{date}/{number}/{expression}",
            get(akn_routes::expression),
        )
        .route("/", get(pages::index))
        .route("/acts/{id}", get(act_page::act))
        .route("/acts/{id}/diff", get(diff_page::diff))
        .route("/acts/{id}/reconcile", get(reconcile_page::reconcile))
        .route("/acts/{id}/history/{eid}", get(history_page::history))
        .route("/search", get(search_page::search))
        .route("/services", get(service_pages::services))
        .route("/services/{id}", get(service_pages::service))
        .route("/login", get(desk_pages::login_form).post(desk_pages::login))
        .route("/logout", post(desk_pages::logout))
        .route("/desk", get(desk_pages::desk))
        .route("/desk/drafts", post(desk_pages::submit))
        .route("/desk/drafts/{id}", get(desk_pages::draft))
        .route("/desk/drafts/{id}/{step}", post(desk_pages::step))
        .route("/desk/acts/{id}", get(desk_pages::act))
        .route("/desk/acts/{id}/events", post(desk_pages::event))
        .route("/desk/acts/{id}/corrections", post(desk_pages::correction))
        .route("/static/style.css", get(pages::style))
        .fallback(layers::not_found)
        .with_state(state)
}

/// Serves the API and the UI on `addr` until Ctrl-C or SIGTERM; with `watched`, it
/// follows writes made to that corpus by others ([`watch`]).
pub async fn serve(
    state: Arc<AppState>,
    addr: std::net::SocketAddr,
    opts: serve::ServeOptions,
    watched: Option<watch::Watched>,
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    if let Some(w) = watched {
        tokio::spawn(watch::follow(state.clone(), w));
    }
    serve::serve_on(listener, router(state), opts, serve::shutdown_signal()).await
}

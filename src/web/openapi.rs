//! The API's routes in one table ([`ROUTES`]), from which both the router
//! ([`super::api`]) and the OpenAPI 3.1 document (`GET /api/v1/openapi.json`) are made:
//! a route cannot be served without being described, nor described without being
//! served. The answers' schemas are generated from the Rust types by schemars (JSON
//! Schema 2020-12, which OpenAPI 3.1 uses); nothing in the document is written by hand
//! but the summaries and parameter descriptions beside each route.

use std::sync::Arc;

use axum::routing::{MethodRouter, delete, get, post};
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::{Map, Value, json};

use super::{AppState, drafts_api, feed_routes, routes};

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum In {
    /// In the path.
    Path,
    /// In the query.
    Query,
}

/// A parameter: name, where, required, its JSON type, what it means.
pub type Param = (&'static str, In, bool, &'static str, &'static str);

/// What a route answers with on success.
#[derive(Clone, Copy)]
pub enum Answer {
    /// JSON of a Rust type, with its status.
    Json(u16, fn(&mut SchemaGenerator) -> Schema),
    /// A JSON object without a Rust type of its own (the document itself).
    Object(u16),
    /// Akoma Ntoso XML.
    Xml,
    /// A feed: Atom, or JSON Feed with `format=json`.
    Feed,
}

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone.
    Public,
    /// A publisher's or an admin's bearer token.
    Publisher,
    /// An admin's bearer token.
    Admin,
}

/// One route of the API (its path under `/api/v1`).
pub struct Route {
    /// `get`, `post` or `delete`.
    pub method: &'static str,
    /// The path under `/api/v1`, with `{parameters}`.
    pub path: &'static str,
    /// What it does.
    pub summary: &'static str,
    /// Its parameters.
    pub params: &'static [Param],
    /// Its answer.
    pub answer: Answer,
    /// Who may call it.
    pub access: Access,
    /// The handler.
    pub handler: fn() -> MethodRouter<Arc<AppState>>,
}

fn schema<T: JsonSchema>(g: &mut SchemaGenerator) -> Schema {
    g.subschema_for::<T>()
}

const ID: Param = (
    "id",
    In::Path,
    true,
    "string",
    "The act's registry id, e.g. V1400010273.",
);
const AS_OF: Param = (
    "as_of",
    In::Query,
    false,
    "string",
    "A date, YYYY-MM-DD (default today).",
);

use Access::{Admin, Public, Publisher};

/// `GET /api/v1/openapi.json`.
async fn openapi_json() -> axum::Json<Value> {
    axum::Json(document())
}

/// Every route of the API.
pub const ROUTES: &[Route] = &[
    Route {
        method: "get",
        path: "/openapi.json",
        summary: "This document.",
        params: &[],
        answer: Answer::Object(200),
        access: Public,
        handler: || get(openapi_json),
    },
    Route {
        method: "get",
        path: "/status",
        summary: "What this server serves: its corpus generation, snapshot, counts (compare replicas).",
        params: &[],
        answer: Answer::Json(200, schema::<routes::StatusView>),
        access: Public,
        handler: || get(routes::status),
    },
    Route {
        method: "get",
        path: "/acts",
        summary: "The acts held.",
        params: &[],
        answer: Answer::Json(200, schema::<crate::views::ActsView<'static>>),
        access: Public,
        handler: || get(routes::acts),
    },
    Route {
        method: "get",
        path: "/acts/{id}",
        summary: "An act as in force on a date, with the registry's notes.",
        params: &[
            ID,
            AS_OF,
            ("notes", In::Query, false, "string", "kk (default), ru or none."),
            (
                "lang",
                In::Query,
                false,
                "string",
                "The text's language: kk (default) or ru.",
            ),
        ],
        answer: Answer::Json(200, schema::<crate::views::ActView<'static>>),
        access: Public,
        handler: || get(routes::show),
    },
    Route {
        method: "get",
        path: "/acts/{id}/versions",
        summary: "Every version of an act, and its changes still pending.",
        params: &[ID],
        answer: Answer::Json(200, schema::<crate::views::VersionsView<'static>>),
        access: Public,
        handler: || get(routes::versions),
    },
    Route {
        method: "get",
        path: "/acts/{id}/impact",
        summary: "The state services an amending act changes, attribute by attribute.",
        params: &[ID],
        answer: Answer::Json(200, schema::<crate::services::Impact>),
        access: Public,
        handler: || get(routes::impact),
    },
    Route {
        method: "get",
        path: "/acts/{id}/feed",
        summary: "An act's changes, or one clause's (eid), newest first.",
        params: &[
            ID,
            ("eid", In::Query, false, "string", "A clause, e.g. att_1__para_6."),
            (
                "format",
                In::Query,
                false,
                "string",
                "atom (default) or json (JSON Feed 1.1).",
            ),
        ],
        answer: Answer::Feed,
        access: Public,
        handler: || get(feed_routes::act),
    },
    Route {
        method: "get",
        path: "/feed",
        summary: "The registry's changes: acts, events, corrections, newest first.",
        params: &[(
            "format",
            In::Query,
            false,
            "string",
            "atom (default) or json (JSON Feed 1.1).",
        )],
        answer: Answer::Feed,
        access: Public,
        handler: || get(feed_routes::registry),
    },
    Route {
        method: "get",
        path: "/acts/{id}/history/{eid}",
        summary: "Every version of one clause.",
        params: &[ID, ("eid", In::Path, true, "string", "The clause, e.g. att_1__para_6.")],
        answer: Answer::Json(200, schema::<crate::views::HistoryView<'static>>),
        access: Public,
        handler: || get(routes::history),
    },
    Route {
        method: "get",
        path: "/acts/{id}/ops",
        summary: "The operations an amending act makes, dated.",
        params: &[ID],
        answer: Answer::Json(200, schema::<crate::views::OpsView>),
        access: Public,
        handler: || get(routes::ops),
    },
    Route {
        method: "get",
        path: "/acts/{id}/diff",
        summary: "What changed between two dates: structural, then word by word.",
        params: &[
            ID,
            ("from", In::Query, true, "string", "The earlier date, YYYY-MM-DD."),
            ("to", In::Query, true, "string", "The later date, YYYY-MM-DD."),
            (
                "raw",
                In::Query,
                false,
                "boolean",
                "Every node, not only the changed ones.",
            ),
        ],
        answer: Answer::Json(200, schema::<crate::diff::ActDiff>),
        access: Public,
        handler: || get(routes::diff),
    },
    Route {
        method: "get",
        path: "/acts/{id}/effect",
        summary: "What an amending act does, operation by operation, by target act.",
        params: &[ID, ("target", In::Query, false, "string", "Only this target act.")],
        answer: Answer::Json(200, schema::<crate::views::EffectView>),
        access: Public,
        handler: || get(routes::effect),
    },
    Route {
        method: "get",
        path: "/acts/{id}/blame",
        summary: "For each clause, the act, item and date of its wording.",
        params: &[ID, AS_OF],
        answer: Answer::Json(200, schema::<crate::views::BlameView>),
        access: Public,
        handler: || get(routes::blame),
    },
    Route {
        method: "get",
        path: "/acts/{id}/akn",
        summary: "An act as in force on a date, as Akoma Ntoso 3.0 XML.",
        params: &[ID, AS_OF],
        answer: Answer::Xml,
        access: Public,
        handler: || get(routes::akn),
    },
    Route {
        method: "get",
        path: "/acts/{id}/reconcile",
        summary: "The operations' wordings against the registry's redactions.",
        params: &[ID, AS_OF],
        answer: Answer::Json(200, schema::<crate::views::ReconcileView>),
        access: Public,
        handler: || get(routes::reconcile),
    },
    Route {
        method: "get",
        path: "/search",
        summary: "Search the clause versions in force on a date, or at any time (Kazakh texts).",
        params: &[
            (
                "q",
                In::Query,
                true,
                "string",
                "The query: words, \"phrases\", AND/OR/NOT.",
            ),
            AS_OF,
            (
                "any_time",
                In::Query,
                false,
                "boolean",
                "Every version, not those in force on a date.",
            ),
            ("act", In::Query, false, "string", "Only this act."),
            (
                "limit",
                In::Query,
                false,
                "integer",
                "Hits per page (default 10, at most 100).",
            ),
            ("offset", In::Query, false, "integer", "Hits to skip (at most 10000)."),
        ],
        answer: Answer::Json(200, schema::<crate::search::SearchResults>),
        access: Public,
        handler: || get(routes::search),
    },
    Route {
        method: "get",
        path: "/services",
        summary: "The state services whose Rules are in force on a date.",
        params: &[AS_OF],
        answer: Answer::Json(200, schema::<crate::views::ServicesView>),
        access: Public,
        handler: || get(routes::services),
    },
    Route {
        method: "get",
        path: "/services/{id}",
        summary: "A state service's passport on a date, each value with its clause.",
        params: &[
            ("id", In::Path, true, "string", "The service, e.g. V1400010273-att_1."),
            AS_OF,
        ],
        answer: Answer::Json(200, schema::<crate::services::Passport>),
        access: Public,
        handler: || get(routes::service),
    },
    Route {
        method: "get",
        path: "/drafts",
        summary: "The drafts.",
        params: &[],
        answer: Answer::Json(200, schema::<super::desk_answers::DraftList<'static>>),
        access: Publisher,
        handler: || get(drafts_api::list),
    },
    Route {
        method: "post",
        path: "/drafts",
        summary: "Submit a draft: JSON {\"meta\": {…act.json…}, \"text\": {\"kk\": \"…\"}}, or multipart with a .docx.",
        params: &[],
        answer: Answer::Json(201, schema::<super::desk_answers::Submitted<'static>>),
        access: Publisher,
        handler: || post(drafts_api::submit),
    },
    Route {
        method: "get",
        path: "/drafts/{id}",
        summary: "A draft, its state and its check report.",
        params: &[("id", In::Path, true, "string", "The draft.")],
        answer: Answer::Json(200, schema::<super::desk_answers::DraftAnswer<'static>>),
        access: Publisher,
        handler: || get(drafts_api::show),
    },
    Route {
        method: "delete",
        path: "/drafts/{id}",
        summary: "Discard a draft.",
        params: &[("id", In::Path, true, "string", "The draft.")],
        answer: Answer::Json(200, schema::<super::desk_answers::DraftStateAnswer<'static>>),
        access: Publisher,
        handler: || delete(drafts_api::discard),
    },
    Route {
        method: "get",
        path: "/drafts/{id}/preview",
        summary: "Per target act and date: the diff, the notes, the services impacted.",
        params: &[("id", In::Path, true, "string", "The draft.")],
        answer: Answer::Json(200, schema::<super::desk_answers::PreviewAnswer<'static>>),
        access: Publisher,
        handler: || get(drafts_api::preview),
    },
    Route {
        method: "post",
        path: "/drafts/{id}/approve",
        summary: "Approve a draft (not by its submitter).",
        params: &[("id", In::Path, true, "string", "The draft.")],
        answer: Answer::Json(200, schema::<super::desk_answers::DraftAnswer<'static>>),
        access: Publisher,
        handler: || post(drafts_api::approve),
    },
    Route {
        method: "post",
        path: "/drafts/{id}/publish",
        summary: "Publish an approved draft: 201 {\"act\"}; 409 when the registry changed; 422 when not ready.",
        params: &[("id", In::Path, true, "string", "The draft.")],
        answer: Answer::Json(201, schema::<super::desk_answers::Published>),
        access: Publisher,
        handler: || post(drafts_api::publish),
    },
    Route {
        method: "post",
        path: "/acts/{id}/events",
        summary: "Record an event of an act: {\"kind\", \"date\", \"reason\"}.",
        params: &[ID],
        answer: Answer::Json(201, schema::<super::desk_answers::EventAnswer>),
        access: Publisher,
        handler: || post(drafts_api::event),
    },
    Route {
        method: "post",
        path: "/acts/{id}/corrections",
        summary: "Record a correction of an act (the original is kept).",
        params: &[ID],
        answer: Answer::Json(201, schema::<super::desk_answers::CorrectionAnswer>),
        access: Publisher,
        handler: || post(drafts_api::correction),
    },
    Route {
        method: "get",
        path: "/audit",
        summary: "The audit log.",
        params: &[],
        answer: Answer::Json(200, schema::<super::desk_answers::AuditAnswer>),
        access: Admin,
        handler: || get(drafts_api::audit),
    },
];

fn parameter(p: &Param) -> Value {
    let (name, place, required, ty, description) = *p;
    json!({
        "name": name,
        "in": match place { In::Path => "path", In::Query => "query" },
        "required": required,
        "description": description,
        "schema": {"type": ty},
    })
}

fn error_response(description: &str) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})
}

/// The OpenAPI 3.1 document of the API.
pub fn document() -> Value {
    let mut g = schemars::generate::SchemaSettings::draft2020_12()
        .with(|s| {
            s.definitions_path = "/components/schemas".into();
            // The answers are what serde serialises (a skipped field is optional).
            s.contract = schemars::generate::Contract::Serialize;
        })
        .into_generator();
    let error = super::error::schema(&mut g);
    let mut paths = Map::new();
    for r in ROUTES {
        let mut responses = Map::new();
        match r.answer {
            Answer::Json(status, f) => {
                let s = f(&mut g);
                responses.insert(
                    status.to_string(),
                    json!({"description": "OK", "content": {"application/json": {"schema": s}}}),
                );
            }
            Answer::Object(status) => {
                responses.insert(
                    status.to_string(),
                    json!({"description": "OK", "content": {"application/json": {"schema": {"type": "object"}}}}),
                );
            }
            Answer::Xml => {
                responses.insert(
                    "200".into(),
                    json!({"description": "Akoma Ntoso 3.0", "content": {"application/akn+xml": {"schema": {"type": "string"}}}}),
                );
            }
            Answer::Feed => {
                responses.insert(
                    "200".into(),
                    json!({"description": "A feed", "content": {
                        "application/atom+xml": {"schema": {"type": "string"}},
                        "application/feed+json": {"schema": {"type": "object", "required": ["version", "title", "items"]}},
                    }}),
                );
            }
        }
        responses.insert("400".into(), error_response("A malformed request."));
        if r.path.contains('{') {
            responses.insert("404".into(), error_response("Not in the registry."));
        }
        let mut op = json!({
            "summary": r.summary,
            "operationId": format!("{}{}", r.method, r.path.replace(['{', '}'], "").replace('/', "_")),
            "parameters": r.params.iter().map(parameter).collect::<Vec<_>>(),
            "responses": responses,
        });
        if r.access != Access::Public {
            op["security"] = json!([{"bearer": []}]);
            for (code, what) in [
                ("401", "No token, or an unknown or revoked one."),
                ("403", "A publisher on an admin route."),
                ("409", "In conflict with the registry."),
                ("422", "Not ready: the report has errors or an approval is missing."),
                ("503", "The server is read-only."),
            ] {
                op["responses"][code] = error_response(what);
            }
            if r.access == Access::Admin {
                op["description"] = json!("Admins only.");
            }
        }
        let path = format!("/api/v1{}", r.path);
        let entry = paths.entry(path).or_insert_with(|| json!({}));
        entry[r.method] = op;
    }
    let mut schemas = Map::new();
    for (name, s) in g.take_definitions(true) {
        schemas.insert(name, s);
    }
    schemas.insert("Error".into(), error.to_value());
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "nusqa",
            "version": env!("CARGO_PKG_VERSION"),
            "description": format!(
                "Kazakhstan's regulatory acts on any date. Dates are YYYY-MM-DD; a date not yet known is null with an earliest beside it. \
    Every successful GET carries a strong ETag (If-None-Match gets 304). /api/ without the version answers as a deprecated alias. \
    Limits: a URI of at most {} bytes, headers of at most {} bytes, a body of at most {} bytes, {} s per request; a search query of at most {} bytes, limit ≤ {}, offset ≤ {}.",
                super::layers::MAX_URI_BYTES,
                super::layers::MAX_HEADER_BYTES,
                super::layers::MAX_BODY_BYTES,
                super::layers::REQUEST_TIMEOUT.as_secs(),
                crate::search::limits::MAX_QUERY_BYTES,
                crate::search::limits::MAX_LIMIT,
                crate::search::limits::MAX_OFFSET,
            ),
        },
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "A token from `nusqa token create`."}},
        },
    })
}

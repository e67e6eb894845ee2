//! The OpenAPI 3.1 document: it validates (openapi-spec-validator), it lists every route
//! the router serves and the router serves every route it lists, and schemathesis finds
//! no 5xx and no answer off its schema on the running server's reading routes.

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use nusqa::web::{AppState, openapi, router};
use tower::ServiceExt;

fn status(state: &Arc<AppState>, method: &str, uri: &str) -> (StatusCode, String) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let req = Request::builder().method(method).uri(uri).body(Body::empty()).unwrap();
        let resp = router(state.clone()).oneshot(req).await.unwrap();
        let s = resp.status();
        let body = axum::body::to_bytes(resp.into_body(), 64 << 20).await.unwrap();
        (s, String::from_utf8_lossy(&body).into_owned())
    })
}

fn sample(path: &str) -> String {
    let id = if path.contains("/impact") || path.contains("/ops") || path.contains("/effect") {
        "V2500037008"
    } else if path.starts_with("/api/v1/services/") {
        "V1400010273-att_1"
    } else if path.starts_with("/api/v1/drafts/") {
        "d1"
    } else {
        "V1400010273"
    };
    path.replace("{id}", id).replace("{eid}", "att_1__para_6")
}

#[test]
fn the_document_lists_exactly_the_routes_the_router_serves() {
    let lib = nusqa::corpus::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"))
        .unwrap()
        .library;
    let dir = tempfile::tempdir().unwrap();
    let (index, _) = nusqa::search::SearchIndex::build(&lib, dir.path(), "openapi", 1).unwrap();
    let state = Arc::new(AppState::new(lib, Some(index)));
    let (s, body) = status(&state, "GET", "/api/v1/openapi.json");
    assert_eq!(s, StatusCode::OK);
    let doc: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    // Every route of the table that makes the router is in the document…
    for r in openapi::ROUTES {
        let p = format!("/api/v1{}", r.path);
        assert!(
            paths.get(&p).and_then(|o| o.get(r.method)).is_some(),
            "{} {p} is not documented",
            r.method
        );
    }
    // …and every documented operation is served: not the router's 404 or 405.
    let mut operations = 0;
    for (path, ops) in paths {
        for (method, op) in ops.as_object().unwrap() {
            let mut uri = sample(path);
            // The required query parameters, with real values.
            let required: Vec<&str> = op["parameters"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|p| p["in"] == "query" && p["required"] == true)
                .map(|p| p["name"].as_str().unwrap())
                .collect();
            for (i, name) in required.iter().enumerate() {
                let value = match *name {
                    "from" => "2025-10-05",
                    "to" => "2026-01-15",
                    "q" => "%D0%B6%D0%B0%D1%80%D1%8B%D0%BB%D1%8B%D1%81",
                    other => panic!("no sample for the required parameter {other}"),
                };
                uri.push_str(&format!("{}{name}={value}", if i == 0 { '?' } else { '&' }));
            }
            let (s, body) = status(&state, &method.to_uppercase(), &uri);
            assert_ne!(s, StatusCode::METHOD_NOT_ALLOWED, "{method} {uri}");
            assert!(
                s != StatusCode::NOT_FOUND || body.contains("is not in") || body.contains("no clause"),
                "{method} {uri}: {s} {body}"
            );
            if op.get("security").is_some() {
                assert!(
                    matches!(s, StatusCode::UNAUTHORIZED | StatusCode::SERVICE_UNAVAILABLE),
                    "{method} {uri} without a token: {s}"
                );
            } else {
                assert!(s.is_success(), "{method} {uri}: {s} {body}");
            }
            operations += 1;
        }
    }
    assert_eq!(operations, openapi::ROUTES.len());
    assert_eq!(status(&state, "GET", "/api/v1/nothing").0, StatusCode::NOT_FOUND);
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for name in ["ActView", "Passport", "SearchResults", "Error", "VersionsView"] {
        assert!(schemas.contains_key(name), "{name}");
    }
    assert_eq!(doc["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
}

#[test]
fn the_document_validates_as_openapi_3_1() {
    let doc = serde_json::to_string_pretty(&openapi::document()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("openapi.json");
    std::fs::write(&file, doc).unwrap();
    let out = Command::new("python3")
        .args(["-m", "openapi_spec_validator"])
        .arg(&file)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "openapi-spec-validator (pip install openapi-spec-validator): {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// schemathesis against a real server (a copy of the corpus, a state directory so the
/// write routes answer 401 rather than 503): every reading route, no 5xx, every answer
/// as its schema says.
#[test]
fn schemathesis_finds_no_server_error_and_no_answer_off_its_schema() {
    let st = Command::new("st").arg("--version").output();
    assert!(
        st.is_ok_and(|o| o.status.success()),
        "schemathesis is missing: python3 -m pip install schemathesis (the README's test command does)"
    );
    let mut live = crate::support::live_server();
    let server = &mut live.server;
    let url = format!("http://127.0.0.1:{}/api/v1/openapi.json", server.port);
    let out = Command::new("st")
        .args(["run", &url, "--include-method", "GET", "-n", "15", "--seed", "1"])
        .args([
            "-c",
            "not_a_server_error,response_schema_conformance,content_type_conformance",
        ])
        .arg("--no-color")
        .output()
        .unwrap();
    let _ = server.kill();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "schemathesis failed:\n{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("passed"), "{text}");
}

/// `docs/openapi.json` is the document the code makes (`nusqa openapi >
/// docs/openapi.json` after a change to the routes or the types).
#[test]
fn the_committed_document_is_the_generated_one() {
    let committed = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/openapi.json")).unwrap();
    let generated = format!("{}\n", serde_json::to_string_pretty(&openapi::document()).unwrap());
    assert!(
        committed == generated,
        "docs/openapi.json is stale: run `cargo run -- openapi > docs/openapi.json`"
    );
}

//! Publishing over HTTP: tokens and roles, the draft workflow (submit, approve by
//! another publisher, publish), conflicts, bad drafts, events; each against a copy of
//! the corpus without Order 429, which is then submitted as the draft it once was.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::http::{Method, Request, StatusCode, header};
use nusqa::corpus;
use nusqa::publishing::{Desk, create_token, revoke_token};
use nusqa::search::SearchIndex;
use nusqa::state::{DraftStore, Role, StateDir};
use nusqa::web::{AppState, router};
use serde_json::{Value, json};
use tower::ServiceExt;

const ORDER_429: &str = "V2500037008";

/// A registry without Order 429, served with a writer, and three tokens.
struct Registry {
    _tmp: tempfile::TempDir,
    corpus: PathBuf,
    state: PathBuf,
    app: Router,
    alice: String,
    bob: String,
    admin: String,
}

fn order_429_files() -> (Value, String) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/acts/V25/V2500037008");
    let meta: Value = serde_json::from_slice(&std::fs::read(dir.join("act.json")).unwrap()).unwrap();
    (meta, crate::draft_text::order_429_plain())
}

fn registry() -> Registry {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    crate::support::copy_without_429(&corpus);
    let state = tmp.path().join("state");
    let sdir = StateDir::open(&state).unwrap();
    let token = |name: &str, role| {
        create_token(&sdir, &corpus, name, role, "test")
            .unwrap()
            .expose()
            .to_string()
    };
    let (alice, bob, admin) = (
        token("alice", Role::Publisher),
        token("bob", Role::Publisher),
        token("root", Role::Admin),
    );
    let library = corpus::load(&corpus).unwrap().library;
    let (index, _) = SearchIndex::build(&library, &tmp.path().join("index"), "g0", 1).unwrap();
    let desk = Desk {
        corpus: corpus.clone(),
        opts: corpus::LoadOptions::default(),
        drafts: DraftStore::new(sdir),
    };
    let app = router(Arc::new(AppState::with_writer(library, Some(index), desk)));
    Registry {
        _tmp: tmp,
        corpus,
        state,
        app,
        alice,
        bob,
        admin,
    }
}

async fn call(
    app: &Router,
    method: Method,
    uri: &str,
    token: Option<&str>,
    body: Option<(&str, Vec<u8>)>,
) -> (StatusCode, Value) {
    let mut req = Request::builder().method(method).uri(uri);
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    let req = match body {
        Some((ctype, bytes)) => req
            .header(header::CONTENT_TYPE, ctype)
            .body(axum::body::Body::from(bytes)),
        None => req.body(axum::body::Body::empty()),
    }
    .unwrap();
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let bytes = axum::body::to_bytes(res.into_body(), 64 << 20).await.unwrap();
    let v = serde_json::from_slice(&bytes).unwrap_or_else(|_| json!({ "raw": String::from_utf8_lossy(&bytes) }));
    (status, v)
}

/// A request body: its content type and bytes.
type Body = Option<(&'static str, Vec<u8>)>;

fn draft_body(meta: &Value, text: &str) -> Body {
    Some((
        "application/json",
        serde_json::to_vec(&json!({"meta": meta, "text": {"kk": text}})).unwrap(),
    ))
}

async fn submit_429(r: &Registry, token: &str) -> String {
    let (meta, text) = order_429_files();
    let (status, v) = call(
        &r.app,
        Method::POST,
        "/api/drafts",
        Some(token),
        draft_body(&meta, &text),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    v["id"].as_str().unwrap().to_string()
}

/// Every file of the corpus but the audit log, with its bytes.
fn snapshot(corpus: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![corpus.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.file_name().is_some_and(|n| n != "audit.jsonl" && n != ".lock") {
                out.push((p.clone(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[tokio::test]
async fn writes_need_a_live_token_and_admin_routes_an_admin() {
    let r = registry();
    let (meta, text) = order_429_files();
    for token in [None, Some("nusqa_not-a-token"), Some("")] {
        let (status, v) = call(&r.app, Method::POST, "/api/drafts", token, draft_body(&meta, &text)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{token:?}: {v}");
        assert_eq!(v["error"]["code"], "unauthorized");
    }
    let (status, _) = call(&r.app, Method::GET, "/api/audit", Some(&r.alice), None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, v) = call(&r.app, Method::GET, "/api/audit", Some(&r.admin), None).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["chain"]["ok"], true, "{v}");
    revoke_token(&StateDir::open(&r.state).unwrap(), &r.corpus, "alice", "test").unwrap();
    let (status, v) = call(&r.app, Method::GET, "/api/drafts", Some(&r.alice), None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(v["error"]["message"], "the token was revoked");
    // No token is ever written: not in the audit log, not in the state directory.
    let audit = std::fs::read_to_string(r.corpus.join("audit.jsonl")).unwrap();
    for t in [&r.alice, &r.bob, &r.admin] {
        assert!(!audit.contains(t.as_str()));
        for (_, bytes) in snapshot(&r.state) {
            assert!(!String::from_utf8_lossy(&bytes).contains(t.as_str()));
        }
    }
}

#[tokio::test]
async fn order_429_is_submitted_approved_by_another_and_published_and_shows_at_once() {
    let r = registry();
    let id = submit_429(&r, &r.alice).await;
    let (status, v) = call(&r.app, Method::GET, &format!("/api/drafts/{id}"), Some(&r.alice), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(v["state"], "submitted");
    assert_eq!(v["report"]["errors"], 0, "{}", v["report"]);
    let ops = v["report"]["prepared"]["operations"].as_array().unwrap();
    assert_eq!(ops.len(), 40);
    let mut targets: Vec<&str> = ops.iter().filter_map(|o| o["target_act"].as_str()).collect();
    targets.sort();
    targets.dedup();
    assert_eq!(targets.len(), 7);

    let (status, v) = call(
        &r.app,
        Method::GET,
        &format!("/api/drafts/{id}/preview"),
        Some(&r.alice),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["preview"]["targets"].as_array().unwrap().len(), 7);

    // Not approved yet; then self-approval is refused.
    let (status, v) = call(
        &r.app,
        Method::POST,
        &format!("/api/drafts/{id}/publish"),
        Some(&r.alice),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let (status, _) = call(
        &r.app,
        Method::POST,
        &format!("/api/drafts/{id}/approve"),
        Some(&r.alice),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, v) = call(
        &r.app,
        Method::POST,
        &format!("/api/drafts/{id}/approve"),
        Some(&r.bob),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["state"], "approved");

    let (status, _) = call(&r.app, Method::GET, "/api/acts/V2500037008", None, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, v) = call(
        &r.app,
        Method::POST,
        &format!("/api/drafts/{id}/publish"),
        Some(&r.alice),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    assert_eq!(v["act"], ORDER_429);

    // At once, without a restart: the act, its effect on Order 350, and search.
    let (status, _) = call(&r.app, Method::GET, "/api/acts/V2500037008", None, None).await;
    assert_eq!(status, StatusCode::OK);
    let (_, v) = call(
        &r.app,
        Method::GET,
        "/api/acts/V1400010273?as_of=2026-01-15",
        None,
        None,
    )
    .await;
    assert!(
        v.to_string().contains("V2500037008"),
        "Order 350 does not show Order 429's wordings"
    );
    let (_, v) = call(
        &r.app,
        Method::GET,
        "/api/search?q=%D0%B1%D2%B1%D0%B9%D1%80%D1%8B%D2%9B&act=V2500037008&any_time=true",
        None,
        None,
    )
    .await;
    assert!(v["total"].as_u64().unwrap() > 0, "{v}");

    // The corpus now loads as the bundled one does, and the audit chain holds.
    let loaded = corpus::load(&r.corpus).unwrap();
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    // Published from its drafter's text, Order 429 derives the operations it was first
    // frozen with (the bundled corpus's correction 0001 came later).
    let bundled = corpus::load(crate::support::corpus_copy_before_corrections().path())
        .unwrap()
        .library;
    let order = ORDER_429.parse().unwrap();
    // As frozen: where each was read from is not part of an operation.
    let frozen = |lib: &nusqa::Library| -> Vec<nusqa::amend::Operation> {
        lib.ops_by(&order)
            .iter()
            .map(|op| nusqa::amend::Operation {
                origin: None,
                ..op.clone()
            })
            .collect()
    };
    assert_eq!(frozen(&loaded.library), frozen(&bundled));
    let verified = corpus::audit_log::verify(&r.corpus, &corpus::LoadOptions::default()).unwrap();
    assert!(verified.is_ok(), "{verified:?}");
    let actions: Vec<String> = corpus::audit_log::entries(&r.corpus, &corpus::LoadOptions::default())
        .unwrap()
        .iter()
        .map(|e| e.action.as_str().to_string())
        .collect();
    assert_eq!(actions[3..], ["submit", "approve", "publish"]);

    // Published once: the draft is closed, and the same order again is refused.
    let (status, _) = call(
        &r.app,
        Method::POST,
        &format!("/api/drafts/{id}/publish"),
        Some(&r.alice),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let again = submit_429(&r, &r.alice).await;
    let (_, v) = call(&r.app, Method::GET, &format!("/api/drafts/{again}"), Some(&r.bob), None).await;
    let codes: Vec<&str> = v["report"]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["code"].as_str())
        .collect();
    assert!(codes.contains(&"id_already_published"), "{codes:?}");
    let (status, _) = call(
        &r.app,
        Method::POST,
        &format!("/api/drafts/{again}/approve"),
        Some(&r.bob),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_registry_changed_under_the_approval_is_a_conflict() {
    let r = registry();
    let id = submit_429(&r, &r.alice).await;
    let (status, _) = call(
        &r.app,
        Method::POST,
        &format!("/api/drafts/{id}/approve"),
        Some(&r.bob),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    // A target act's repeal is recorded meanwhile: what was approved no longer holds.
    let event = json!({"kind": "repeal", "date": "2030-01-01"});
    let (status, v) = call(
        &r.app,
        Method::POST,
        "/api/acts/V1400010273/events",
        Some(&r.bob),
        Some(("application/json", serde_json::to_vec(&event).unwrap())),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    let (status, v) = call(
        &r.app,
        Method::POST,
        &format!("/api/drafts/{id}/publish"),
        Some(&r.alice),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{v}");
    assert!(!r.corpus.join("acts/V25/V2500037008").exists());
    // Approved again on the registry as it is, it publishes.
    let (status, _) = call(
        &r.app,
        Method::POST,
        &format!("/api/drafts/{id}/approve"),
        Some(&r.bob),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, v) = call(
        &r.app,
        Method::POST,
        &format!("/api/drafts/{id}/publish"),
        Some(&r.alice),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
}

#[tokio::test]
async fn events_over_the_api_are_validated_recorded_and_served_at_once() {
    let r = registry();
    let post = |body: Value| ("application/json", serde_json::to_vec(&body).unwrap());
    let uri = "/api/acts/V1400010273/events";
    let (status, v) = call(
        &r.app,
        Method::POST,
        uri,
        Some(&r.alice),
        Some(post(json!({"kind": "repeal", "date": "1900-01-01"}))),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let (status, _) = call(
        &r.app,
        Method::POST,
        uri,
        Some(&r.alice),
        Some(post(json!({"kind": "birthday", "date": "2030-01-01"}))),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = call(
        &r.app,
        Method::POST,
        uri,
        None,
        Some(post(json!({"kind": "repeal", "date": "2030-01-01"}))),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, v) = call(
        &r.app,
        Method::POST,
        uri,
        Some(&r.alice),
        Some(post(json!({"kind": "repeal", "date": "2030-01-01"}))),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    let (_, v) = call(
        &r.app,
        Method::GET,
        "/api/acts/V1400010273?as_of=2030-06-01",
        None,
        None,
    )
    .await;
    assert!(v.to_string().contains("repealed"), "{v}");
    // Another date is a correction: refused without a reason, recorded with one.
    let (status, _) = call(
        &r.app,
        Method::POST,
        uri,
        Some(&r.alice),
        Some(post(json!({"kind": "repeal", "date": "2031-01-01"}))),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, v) = call(
        &r.app,
        Method::POST,
        uri,
        Some(&r.alice),
        Some(post(
            json!({"kind": "repeal", "date": "2031-01-01", "reason": "the repealing act's date was misread"}),
        )),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    assert_eq!(v["corrects"], "2030-01-01");
    assert!(
        corpus::audit_log::verify(&r.corpus, &corpus::LoadOptions::default())
            .unwrap()
            .is_ok()
    );
}

#[tokio::test]
async fn bad_drafts_get_a_4xx_or_a_report_naming_the_place_and_leave_the_corpus_as_it_was() {
    let r = registry();
    let before = snapshot(&r.corpus);
    let (meta, text) = order_429_files();
    let mut cases: Vec<(String, Body)> = vec![
        (
            "wrong content type".into(),
            Some(("text/plain", text.clone().into_bytes())),
        ),
        ("not JSON".into(), Some(("application/json", b"{\"meta\": ".to_vec()))),
        (
            "meta not an object".into(),
            Some(("application/json", br#"{"meta": 1, "text": {"kk": "x"}}"#.to_vec())),
        ),
        (
            "unknown field".into(),
            Some(("application/json", br#"{"meta": {}, "text": {}, "x": 1}"#.to_vec())),
        ),
        (
            "unknown language".into(),
            Some(("application/json", br#"{"meta": {}, "text": {"de": "x"}}"#.to_vec())),
        ),
        ("50 MB".into(), Some(("application/json", vec![b' '; 50 << 20]))),
        ("no body".into(), None),
    ];
    let broken = [
        ("empty", meta.clone(), String::new()),
        (
            "a missing quote",
            meta.clone(),
            text.replacen("күнін құрайды.\";", "күнін құрайды.;", 1),
        ),
        (
            "an unknown target",
            meta.clone(),
            text.replace("2014 жылғы 30 желтоқсандағы", "2014 жылғы 31 желтоқсандағы"),
        ),
        (
            "an unparsable formula",
            meta.clone(),
            text.replace("редакцияда жазылсын", "редакцияда оқылсын"),
        ),
        ("bad dates", json!({"date": "2025-13-45"}), text.clone()),
        (
            "only a title",
            meta.clone(),
            text.lines().take(1).collect::<Vec<_>>().join("\n"),
        ),
    ];
    for (what, meta, text) in &broken {
        cases.push((what.to_string(), draft_body(meta, text)));
    }
    for (what, body) in cases {
        let (status, v) = call(&r.app, Method::POST, "/api/drafts", Some(&r.alice), body).await;
        if status == StatusCode::CREATED {
            let problems = v["report"]["problems"].as_array().unwrap();
            assert!(
                v["report"]["errors"].as_u64().unwrap() > 0,
                "{what}: no error reported: {v}"
            );
            for p in problems {
                assert!(p["message"].as_str().is_some_and(|m| !m.is_empty()), "{what}: {p}");
            }
        } else {
            assert!(status.is_client_error(), "{what}: {status} {v}");
            assert!(v["error"]["code"].is_string(), "{what}: {v}");
        }
    }
    assert_eq!(snapshot(&r.corpus), before, "the corpus changed");
    assert!(
        corpus::audit_log::verify(&r.corpus, &corpus::LoadOptions::default())
            .unwrap()
            .is_ok()
    );
}

/// A multipart/form-data body of `parts` (name, file name, bytes).
fn multipart(parts: &[(&str, Option<&str>, Vec<u8>)]) -> (String, Vec<u8>) {
    let boundary = "nusqa-test-boundary-7f3a";
    let mut body = Vec::new();
    for (name, file, bytes) in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        let disposition = match file {
            Some(f) => format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\n\r\n"),
            None => format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n"),
        };
        body.extend_from_slice(disposition.as_bytes());
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test]
async fn a_docx_order_is_submitted_as_multipart_and_a_broken_one_refused() {
    let r = registry();
    let (meta, text) = order_429_files();
    let docx = crate::draft_text::docx_of(&text);
    let meta = serde_json::to_vec(&meta).unwrap();
    let (ctype, body) = multipart(&[("meta", None, meta.clone()), ("file", Some("order-429.docx"), docx)]);
    let ctype: &'static str = Box::leak(ctype.into_boxed_str());
    let (status, v) = call(&r.app, Method::POST, "/api/drafts", Some(&r.alice), Some((ctype, body))).await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    assert_eq!(v["report"]["errors"], 0, "{}", v["report"]);
    assert_eq!(v["report"]["prepared"]["operations"].as_array().unwrap().len(), 40);
    let id = v["id"].as_str().unwrap();
    let (_, v) = call(&r.app, Method::GET, &format!("/api/drafts/{id}"), Some(&r.alice), None).await;
    assert_eq!(v["source"]["kind"], "docx");
    assert_eq!(v["source"]["file_name"], "order-429.docx");

    let (ctype, body) = multipart(&[
        ("meta", None, meta),
        ("file", Some("x.docx"), b"PK\x03\x04 not a zip".to_vec()),
    ]);
    let ctype: &'static str = Box::leak(ctype.into_boxed_str());
    let (status, v) = call(&r.app, Method::POST, "/api/drafts", Some(&r.alice), Some((ctype, body))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["error"]["code"], "bad_docx");
}

//! Hostile and careless requests: limits refused with the limit named, every API error
//! in one JSON shape, security headers, panics and timeouts answered, slow clients
//! dropped. Each test is one finding of the hardening review.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use axum::routing::get;
use nusqa::search::SearchIndex;
use nusqa::web::{AppState, layers, router};
use serde_json::Value;
use tower::ServiceExt;

use crate::support::{corpus_copy, nusqa};

fn state(dir: &Path) -> Arc<AppState> {
    let library = nusqa::corpus::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"))
        .unwrap()
        .library;
    let (index, _) = SearchIndex::build(&library, dir, "hardening", 1).unwrap();
    Arc::new(AppState::new(library, Some(index)))
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    fn ctype(&self) -> &str {
        self.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// Asserts the API error shape and returns its code.
    fn error_code(&self) -> String {
        assert!(self.ctype().starts_with("application/json"), "{}", self.ctype());
        let v = self.json();
        let message = v["error"]["message"].as_str().unwrap_or("");
        assert!(!message.is_empty(), "{v}");
        v["error"]["code"]
            .as_str()
            .unwrap_or_else(|| panic!("no code: {v}"))
            .to_string()
    }
}

fn send(app: Router, req: Request<Body>) -> Answer {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let resp = app.oneshot(req).await.unwrap();
        let status = resp.status();
        let headers = resp.headers().clone();
        let body = axum::body::to_bytes(resp.into_body(), 16 << 20).await.unwrap().to_vec();
        Answer { status, headers, body }
    })
}

fn get_uri(s: &Arc<AppState>, uri: &str) -> Answer {
    send(
        router(s.clone()),
        Request::builder().uri(uri).body(Body::empty()).unwrap(),
    )
}

/// Finding 1: 2,200 `(` used to overflow the stack and kill the server.
#[test]
fn deep_nesting_is_refused_before_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path());
    let q = format!("{}a", "(".repeat(2200));
    let a = get_uri(&s, &format!("/api/search?q={}", q.replace('(', "%28")));
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert_eq!(a.error_code(), "query_too_deep");
    let page = get_uri(&s, &format!("/search?q={}", q.replace('(', "%28")));
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.ctype().starts_with("text/html"));
    assert!(String::from_utf8_lossy(&page.body).contains("nests parentheses"));
    // Within the limit, nesting still works.
    let ok = get_uri(
        &s,
        "/api/search?q=%28%28%D0%B6%D0%B0%D1%80%D1%8B%D0%BB%D1%8B%D1%81%29%29&any_time=true",
    );
    assert_eq!(ok.status, StatusCode::OK, "{}", String::from_utf8_lossy(&ok.body));
    // The CLI used to die at 50,000; it refuses with exit 2 before opening the index.
    let corpus = corpus_copy();
    let index = tempfile::tempdir().unwrap();
    let out = nusqa(
        corpus.path(),
        &[
            "search",
            &format!("{}a", "(".repeat(50_000)),
            "--index",
            &index.path().to_string_lossy(),
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bytes long") || stderr.contains("nests"), "{stderr}");
}

/// Finding 2: huge offsets allocated terabytes or overflowed; a huge CLI limit panicked.
#[test]
fn page_bounds_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path());
    let q = "q=%D0%B6%D0%B0%D1%80%D1%8B%D0%BB%D1%8B%D1%81";
    for (params, code) in [
        ("offset=1000000000000", "offset_out_of_range"),
        ("any_time=true&offset=1000000000", "offset_out_of_range"),
        ("offset=2305843009213693942", "offset_out_of_range"),
        ("any_time=true&offset=2305843009213693942", "offset_out_of_range"),
        ("limit=18446744073709551615", "limit_out_of_range"),
        ("limit=0", "limit_out_of_range"),
        ("limit=101", "limit_out_of_range"),
        ("limit=18446744073709551616", "bad_query"),
        ("offset=-1", "bad_query"),
    ] {
        let a = get_uri(&s, &format!("/api/search?{q}&{params}"));
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{params}");
        assert_eq!(a.error_code(), code, "{params}");
    }
    let a = get_uri(&s, &format!("/api/search?{q}&limit=100&offset=10000"));
    assert_eq!(a.status, StatusCode::OK);
    let corpus = corpus_copy();
    let index = tempfile::tempdir().unwrap();
    let out = nusqa(
        corpus.path(),
        &[
            "search",
            "жарылыс",
            "--limit",
            "18446744073709551615",
            "--index",
            &index.path().to_string_lossy(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("limit must be between 1 and 100"));
}

/// Finding 10: axum's own rejections were text/plain, 404 and 405 had empty bodies.
#[test]
fn every_api_error_is_json() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path());
    for (uri, status, code) in [
        ("/api/acts/%FF%FE", StatusCode::BAD_REQUEST, "bad_path"),
        (
            "/api/acts/V1400010273?as_of=2025-01-01&as_of=2025-02-02",
            StatusCode::BAD_REQUEST,
            "bad_query",
        ),
        ("/api/search?q=a&any_time=maybe", StatusCode::BAD_REQUEST, "bad_query"),
        ("/api/search?q=%ZZ", StatusCode::OK, ""),
        ("/api/nope", StatusCode::NOT_FOUND, "no_route"),
        ("/api/acts/V1400010273/nope", StatusCode::NOT_FOUND, "no_route"),
    ] {
        let a = get_uri(&s, uri);
        assert_eq!(a.status, status, "{uri}: {}", String::from_utf8_lossy(&a.body));
        if !code.is_empty() {
            assert_eq!(a.error_code(), code, "{uri}");
        }
    }
    // A method the route does not take.
    let a = send(
        router(s.clone()),
        Request::builder()
            .method("DELETE")
            .uri("/api/acts")
            .body(Body::empty())
            .unwrap(),
    );
    assert_eq!(a.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(a.error_code(), "method_not_allowed");
    assert!(a.headers.get("allow").is_some());
    // A request target over the limit, and headers over the limit.
    let long = format!("/api/search?q={}", "a".repeat(layers::MAX_URI_BYTES));
    let a = get_uri(&s, &long);
    assert_eq!(a.status, StatusCode::URI_TOO_LONG);
    assert_eq!(a.error_code(), "uri_too_long");
    let a = send(
        router(s.clone()),
        Request::builder()
            .uri("/api/acts")
            .header("x-junk", "j".repeat(layers::MAX_HEADER_BYTES))
            .body(Body::empty())
            .unwrap(),
    );
    assert_eq!(a.status, StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE);
    assert_eq!(a.error_code(), "headers_too_large");
    // A body over the limit.
    let a = send(
        router(s.clone()),
        Request::builder()
            .method("POST")
            .uri("/api/acts")
            .header("content-length", (layers::MAX_BODY_BYTES + 1).to_string())
            .body(Body::from(vec![b'x'; layers::MAX_BODY_BYTES + 1]))
            .unwrap(),
    );
    assert!(
        a.status == StatusCode::PAYLOAD_TOO_LARGE || a.status == StatusCode::METHOD_NOT_ALLOWED,
        "{}",
        a.status
    );
    a.error_code();
    // Unknown pages get the localized HTML error page, not JSON.
    let a = get_uri(&s, "/no/such/page?lang=ru");
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    assert!(a.ctype().starts_with("text/html"));
    assert!(String::from_utf8_lossy(&a.body).contains("Не найдено"));
}

/// Finding 10: no security headers.
#[test]
fn security_headers_on_every_answer() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path());
    for uri in [
        "/",
        "/api/acts",
        "/api/nope",
        "/acts/V1400010273?as_of=2026-01-15",
        "/static/style.css",
    ] {
        let a = get_uri(&s, uri);
        let h = |n: &str| a.headers.get(n).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
        assert_eq!(h("x-content-type-options"), "nosniff", "{uri}");
        assert_eq!(h("x-frame-options"), "DENY", "{uri}");
        let csp = h("content-security-policy");
        assert!(csp.contains("frame-ancestors 'none'"), "{uri}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{uri}: {csp}");
        assert!(!h("referrer-policy").is_empty(), "{uri}");
    }
}

/// Compression is on for clients that ask for it.
#[test]
fn answers_are_compressed_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path());
    let a = send(
        router(s.clone()),
        Request::builder()
            .uri("/api/acts/V1400010273")
            .header("accept-encoding", "gzip")
            .body(Body::empty())
            .unwrap(),
    );
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.headers.get("content-encoding").unwrap(), "gzip");
}

/// Finding 10: a panicking handler gave the client no answer; a slow one held it.
#[test]
fn panics_and_timeouts_are_answered_in_json() {
    async fn boom() -> &'static str {
        panic!("boom")
    }
    async fn slow() -> &'static str {
        tokio::time::sleep(Duration::from_secs(5)).await;
        "late"
    }
    let app = || {
        layers::wrap_with_timeout(
            Router::new()
                .route("/api/boom", get(boom))
                .route("/api/slow", get(slow))
                .route("/boom", get(boom)),
            Duration::from_millis(100),
        )
    };
    let req = |uri: &str| Request::builder().uri(uri).body(Body::empty()).unwrap();
    let a = send(app(), req("/api/boom"));
    assert_eq!(a.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(a.error_code(), "internal");
    assert!(
        !String::from_utf8_lossy(&a.body).contains("boom"),
        "the panic's text is not shown"
    );
    let a = send(app(), req("/api/slow"));
    assert_eq!(a.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(a.error_code(), "unavailable");
    let a = send(app(), req("/boom"));
    assert_eq!(a.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(a.ctype().starts_with("text/html"));
}

/// Finding 10: 300 slowloris connections were still held after 50 s. A client that
/// trickles its head, or says nothing, is dropped after the header-read timeout.
#[test]
fn slow_clients_are_dropped() {
    use std::io::{Read, Write};
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path());
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap();
    let opts = nusqa::web::serve::ServeOptions {
        header_read_timeout: Duration::from_millis(300),
        ..Default::default()
    };
    rt.spawn(nusqa::web::serve::serve_on(
        listener,
        router(s),
        opts,
        std::future::pending::<()>(),
    ));
    // A well-behaved client is answered.
    let mut ok = std::net::TcpStream::connect(addr).unwrap();
    ok.write_all(b"GET /api/acts HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut answer = String::new();
    ok.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    // A trickling one and a silent one are closed by the server, well before the
    // read timeout set here as a safety net.
    let mut trickle = std::net::TcpStream::connect(addr).unwrap();
    trickle.write_all(b"GET /api/acts HTTP/1.1\r\nHost: x\r\n").unwrap();
    let mut silent = std::net::TcpStream::connect(addr).unwrap();
    for conn in [&mut trickle, &mut silent] {
        conn.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut buf = Vec::new();
        // The server either closes (0 bytes) or answers 408 then closes.
        match conn.read_to_end(&mut buf) {
            Ok(_) => assert!(buf.is_empty() || buf.starts_with(b"HTTP/1.1 408"), "{buf:?}"),
            Err(e) => assert_eq!(e.kind(), std::io::ErrorKind::ConnectionReset, "{e}"),
        }
    }
}

/// Finding 12: a search cost about twelve act pages. Part of it was a stem cache kept
/// per analyzer clone, which tantivy clones for every field of a query and every
/// snippet: it started empty each time. The cache is now one per process.
#[test]
fn stems_are_remembered_across_analyzer_clones() {
    use nusqa::search::analyzer;
    let text = "жарылғыш заттарды қолдануға рұқсат беру қағидаларының тармақтары";
    let mut a = analyzer::kazakh();
    let first = analyzer::terms(&mut a, text);
    let len = analyzer::stem_cache_len();
    assert!(len >= 6, "the words were remembered");
    let mut b = a.clone();
    let mut c = analyzer::kazakh();
    assert_eq!(analyzer::terms(&mut b, text), first);
    assert_eq!(analyzer::terms(&mut c, text), first);
    assert!(analyzer::stem_cache_len() >= len);
}

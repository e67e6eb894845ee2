//! A registry that changes while it serves: adding a published act to a loaded library
//! (what publishing does) gives the library a fresh load would, and a server shows the
//! act at once.

use std::path::Path;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use nusqa::corpus;
use nusqa::library::AddError;
use nusqa::model::RegistryId;
use nusqa::search::SearchIndex;
use nusqa::web::{AppState, Snapshot, router};
use nusqa::{ActEntry, Library};
use tower::ServiceExt;

const ORDER_429: &str = "V2500037008";

fn full() -> Library {
    corpus::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"))
        .expect("the bundled corpus loads")
        .library
}

fn entries(lib: &Library) -> Vec<ActEntry> {
    lib.acts()
        .map(|a| ActEntry {
            act: a.clone(),
            base: lib.base(&a.id).unwrap_or_default(),
            ops: lib.ops_by(&a.id).to_vec(),
        })
        .collect()
}

fn split(lib: &Library) -> (Library, ActEntry) {
    let order: RegistryId = ORDER_429.parse().unwrap();
    let (with, without): (Vec<_>, Vec<_>) = entries(lib).into_iter().partition(|e| e.act.id == order);
    let (rest, errors) = Library::build(without);
    assert!(errors.is_empty(), "{errors:?}");
    (rest, with.into_iter().next().expect("Order 429 is in the corpus"))
}

#[test]
fn adding_an_act_gives_the_library_a_fresh_load_gives() {
    let full = full();
    let (mut lib, order) = split(&full);
    let (rebuilt, errors) = lib.add_act(order.clone()).expect("a new act is added");
    assert!(errors.is_empty(), "{errors:?}");
    // Order 429 itself and the seven orders it amends.
    assert_eq!(rebuilt.len(), 8, "{rebuilt:?}");
    for a in full.acts() {
        assert_eq!(lib.timeline(&a.id), full.timeline(&a.id), "{}", a.id);
        assert_eq!(lib.act(&a.id), full.act(&a.id), "{}", a.id);
    }
    let again = lib.add_act(order).map(|_| ());
    assert_eq!(again, Err(AddError::AlreadyPublished(ORDER_429.parse().unwrap())));
}

#[tokio::test]
async fn a_replaced_snapshot_is_served_at_once_and_searched() {
    let full = full();
    let (without, order) = split(&full);
    let dir = tempfile::tempdir().unwrap();
    let (index, _) = SearchIndex::build(&without, dir.path(), "g1", 1).unwrap();
    let state = Arc::new(AppState::new(without.clone(), Some(index.clone())));
    let app = router(state.clone());
    let get = |uri: &str| Request::builder().uri(uri).body(Body::empty()).unwrap();
    let status = app
        .clone()
        .oneshot(get("/api/acts/V2500037008"))
        .await
        .unwrap()
        .status();
    assert_eq!(status, StatusCode::NOT_FOUND);
    let hits = |body: &[u8]| -> u64 {
        let v: serde_json::Value = serde_json::from_slice(body).unwrap();
        v["total"].as_u64().unwrap()
    };
    let search = "/api/search?q=%D0%B1%D2%B1%D0%B9%D1%80%D1%8B%D2%9B%D2%9B%D0%B0&act=V2500037008&any_time=true";
    let before = app.clone().oneshot(get(search)).await.unwrap();
    let before = hits(&axum::body::to_bytes(before.into_body(), 1 << 20).await.unwrap());
    assert_eq!(before, 0);

    let mut library = without.clone();
    let (rebuilt, _) = library.add_act(order).unwrap();
    let mut index = index;
    let stats = index.update(&without, &library, &rebuilt, "g2").unwrap();
    assert!(stats.added > 0);
    state.replace(Snapshot::new(library, Some(index)));
    let status = app
        .clone()
        .oneshot(get("/api/acts/V2500037008"))
        .await
        .unwrap()
        .status();
    assert_eq!(status, StatusCode::OK);
    let after = app.clone().oneshot(get(search)).await.unwrap();
    assert!(hits(&axum::body::to_bytes(after.into_body(), 1 << 20).await.unwrap()) > 0);
}

/// A running server follows a write another process makes to its corpus: `nusqa event`
/// records Order 429's publication, and the server, without a restart, serves it (the
/// changes dated, the feed updated) within a few of its polling intervals.
#[test]
fn a_running_server_follows_a_write_made_by_the_cli() {
    // Kept whole: its temp dirs (the server's state and index) live as long as it does.
    let mut live = crate::support::live_server();
    let port = live.server.port;
    let get = |path: &str| -> String {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    };
    let before = get("/api/v1/acts/V1400010273/versions");
    assert!(
        before.contains("\"pending\":[{") && !before.contains("\"from\":\"2025-12-06\""),
        "Order 429's changes wait before: {before}"
    );
    crate::support::nusqa_ok(
        live.corpus.path(),
        &["event", "V2500037008", "publication", "2025-10-06"],
    );
    let start = std::time::Instant::now();
    let mut seen = false;
    while start.elapsed() < std::time::Duration::from_secs(20) {
        if get("/api/v1/acts/V1400010273/versions").contains("\"from\":\"2025-12-06\"") {
            seen = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    let _ = live.server.kill();
    assert!(seen, "the server did not follow the CLI's write within 20 s");
}

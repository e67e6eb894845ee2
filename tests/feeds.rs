//! Change feeds: the registry's, an act's and a clause's, as Atom (RFC 4287) and JSON
//! Feed 1.1, each checked for the elements its specification requires; a publication
//! shows in the feeds at once.

use std::path::Path;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use nusqa::akn::read;
use nusqa::akn::xml::El;
use nusqa::model::EventKind;
use nusqa::web::{AppState, router};
use nusqa::{Library, corpus};
use tower::ServiceExt;

use crate::support::d;

fn library() -> Library {
    let mut lib = corpus::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"))
        .unwrap()
        .library;
    lib.record_event(&"V2500037008".parse().unwrap(), EventKind::Publication, d("2025-10-06"))
        .unwrap();
    lib
}

fn get(state: &Arc<AppState>, uri: &str) -> (StatusCode, String, String) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let req = Request::builder()
            .uri(uri)
            .header("host", "nusqa.test")
            .body(Body::empty())
            .unwrap();
        let resp = router(state.clone()).oneshot(req).await.unwrap();
        let status = resp.status();
        let ctype = resp
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        let body = axum::body::to_bytes(resp.into_body(), 16 << 20).await.unwrap();
        (status, ctype, String::from_utf8(body.to_vec()).unwrap())
    })
}

fn one<'a>(el: &'a El, name: &str, at: &str) -> &'a El {
    let found: Vec<&El> = el.elements().filter(|e| e.name == name).collect();
    assert_eq!(found.len(), 1, "{at}: exactly one <{name}>");
    found[0]
}

fn rfc3339(s: &str, at: &str) {
    assert!(
        chrono::DateTime::parse_from_rfc3339(s).is_ok(),
        "{at}: «{s}» is not an RFC 3339 date"
    );
}

/// The RFC 4287 requirements: a feed with one id, title and updated, an author, a self
/// link; each entry with one id, title and updated, a summary, an alternate link, and
/// ids unique. The entries' ids, in order.
fn check_atom(xml: &str, at: &str) -> Vec<String> {
    let feed = read::parse(xml).unwrap_or_else(|e| panic!("{at}: {e}"));
    assert_eq!(feed.name, "feed", "{at}");
    assert!(xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">"), "{at}");
    for name in ["id", "title"] {
        assert!(!one(&feed, name, at).all_text().is_empty(), "{at}: <{name}>");
    }
    rfc3339(&one(&feed, "updated", at).all_text(), at);
    assert!(!one(&feed, "author", at).all_text().is_empty());
    assert!(
        feed.elements()
            .any(|l| l.name == "link" && l.get("rel") == Some("self"))
    );
    let mut ids = Vec::new();
    for e in feed.elements().filter(|e| e.name == "entry") {
        let id = one(e, "id", at).all_text();
        assert!(id.starts_with("tag:nusqa,2026:"), "{at}: {id}");
        assert!(!one(e, "title", at).all_text().is_empty());
        rfc3339(&one(e, "updated", at).all_text(), at);
        assert!(!one(e, "summary", at).all_text().is_empty());
        let alt = e
            .elements()
            .find(|l| l.name == "link" && l.get("rel") == Some("alternate"))
            .unwrap_or_else(|| panic!("{at}: {id} has no alternate link"));
        assert!(alt.get("href").unwrap().starts_with("http://nusqa.test/acts/"), "{at}");
        assert!(!ids.contains(&id), "{at}: {id} twice");
        ids.push(id);
    }
    ids
}

/// The JSON Feed 1.1 requirements: version, title, items each with a string id and a
/// content; URLs absolute. The items, in order.
fn check_json(body: &str, at: &str) -> Vec<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("{at}: {e}"));
    assert_eq!(v["version"], "https://jsonfeed.org/version/1.1", "{at}");
    assert!(v["title"].as_str().is_some_and(|t| !t.is_empty()), "{at}");
    assert!(
        v["feed_url"].as_str().unwrap().starts_with("http://nusqa.test/api/v1/"),
        "{at}"
    );
    let items = v["items"].as_array().unwrap().clone();
    for i in &items {
        assert!(i["id"].as_str().is_some(), "{at}: {i}");
        assert!(i["content_text"].as_str().is_some_and(|c| !c.is_empty()), "{at}: {i}");
        rfc3339(i["date_published"].as_str().unwrap(), at);
        assert!(i["url"].as_str().unwrap().starts_with("http://nusqa.test/"), "{at}");
    }
    items
}

#[test]
fn every_feed_is_valid_atom_and_json_feed_and_newest_first() {
    let s = Arc::new(AppState::new(library(), None));
    for path in [
        "/api/v1/feed",
        "/api/v1/acts/V1400010273/feed",
        "/api/v1/acts/V2500037008/feed",
        "/api/v1/acts/V1400010273/feed?eid=att_1__para_6",
    ] {
        let (status, ctype, atom) = get(&s, path);
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(ctype.starts_with("application/atom+xml"), "{path}: {ctype}");
        let ids = check_atom(&atom, path);
        assert!(!ids.is_empty(), "{path}");
        let sep = if path.contains('?') { '&' } else { '?' };
        let (status, ctype, json) = get(&s, &format!("{path}{sep}format=json"));
        assert_eq!(
            (status, ctype.as_str()),
            (StatusCode::OK, "application/feed+json"),
            "{path}"
        );
        let items = check_json(&json, path);
        assert_eq!(
            items
                .iter()
                .map(|i| i["id"].as_str().unwrap().to_string())
                .collect::<Vec<_>>(),
            ids,
            "{path}: the same entries in both"
        );
        let dates: Vec<&str> = items.iter().map(|i| i["date_published"].as_str().unwrap()).collect();
        assert!(
            dates.windows(2).all(|w| w[0] >= w[1]),
            "{path}: newest first: {dates:?}"
        );
    }
    // Order 350's feed says what Order 429 changes, from which day, with the diff.
    let (_, _, json) = get(&s, "/api/v1/acts/V1400010273/feed?format=json");
    let items = check_json(&json, "350");
    let change = items
        .iter()
        .find(|i| i["id"] == "tag:nusqa,2026:V1400010273:change:V2500037008:2025-12-06")
        .expect("the change of 2025-12-06");
    assert!(
        change["title"]
            .as_str()
            .unwrap()
            .contains("changed by Order No. 429 (30.09.2025) from 2025-12-06")
    );
    assert!(change["content_text"].as_str().unwrap().contains("att_1__para_4"));
    assert_eq!(
        change["external_url"],
        "http://nusqa.test/acts/V1400010273/diff?lang=en&from=2025-12-05&to=2025-12-06"
    );
    assert_eq!(change["_nusqa"]["pending"], false);
    // One clause: paragraph 6 from 2025-12-06 by Order 429.
    let (_, _, json) = get(&s, "/api/v1/acts/V1400010273/feed?eid=att_1__para_6&format=json");
    let items = check_json(&json, "para_6");
    assert!(
        items[0]["title"].as_str().unwrap().contains("from 2025-12-06, text"),
        "{items:?}"
    );
    assert_eq!(items[0]["_nusqa"]["by"], "V2500037008");
    // Without the publication, the change is pending with its earliest day.
    let unpublished = corpus::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"))
        .unwrap()
        .library;
    let s2 = Arc::new(AppState::new(unpublished, None));
    let (_, _, json) = get(&s2, "/api/v1/acts/V1400010273/feed?format=json");
    let items = check_json(&json, "pending");
    let p = items
        .iter()
        .find(|i| i["id"] == "tag:nusqa,2026:V1400010273:pending:V2500037008")
        .expect("a pending entry");
    assert_eq!(p["tags"][0], "pending");
    assert!(
        p["title"]
            .as_str()
            .unwrap()
            .contains("date not yet known, at the earliest")
    );

    assert_eq!(get(&s, "/api/v1/acts/V1499999999/feed").0, StatusCode::NOT_FOUND);
    assert_eq!(
        get(&s, "/api/v1/acts/V1400010273/feed?eid=att_9").0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&s, "/api/v1/acts/V1400010273/feed?format=rss").0,
        StatusCode::BAD_REQUEST
    );
}

/// A publication made in a copy of the corpus (Order 429, submitted and approved, then
/// published over the API by a publisher) shows in the registry's feed and in the
/// feeds of the acts it changes at once, without a restart.
#[test]
fn a_publication_shows_in_the_feeds_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let ready = nusqa::fixtures::prepare_publication(&crate::support::bundled_corpus(), tmp.path()).unwrap();
    let library = corpus::load(&ready.corpus).unwrap().library;
    let desk = nusqa::publishing::Desk {
        corpus: ready.corpus.clone(),
        opts: corpus::LoadOptions::default(),
        drafts: nusqa::state::DraftStore::new(nusqa::state::StateDir::open(&ready.state).unwrap()),
    };
    let s = Arc::new(AppState::with_writer(library, None, desk));
    let (_, _, before) = get(&s, "/api/v1/feed?format=json");
    assert!(!before.contains("V2500037008"));
    let (_, _, before_350) = get(&s, "/api/v1/acts/V1400010273/feed?format=json");
    assert!(!before_350.contains("V2500037008"));

    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let published = rt.block_on(async {
        let req = Request::builder()
            .method("POST")
            .uri(format!("/api/v1/drafts/{}/publish", ready.draft))
            .header("authorization", format!("Bearer {}", ready.token.expose()))
            .body(Body::empty())
            .unwrap();
        router(s.clone()).oneshot(req).await.unwrap().status()
    });
    assert_eq!(published, StatusCode::CREATED);
    let (_, _, after) = get(&s, "/api/v1/feed?format=json");
    let items = check_json(&after, "after");
    assert!(
        items.iter().any(|i| i["id"] == "tag:nusqa,2026:V2500037008:act"),
        "{after}"
    );
    let (_, _, after_350) = get(&s, "/api/v1/acts/V1400010273/feed");
    let ids = check_atom(&after_350, "350 after");
    assert!(
        ids.contains(&"tag:nusqa,2026:V1400010273:pending:V2500037008".to_string()),
        "{ids:?}"
    );
}

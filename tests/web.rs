//! The JSON API, driven in process (no socket): routes, status codes, shapes.

use std::path::Path;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use nusqa::model::EventKind;
use nusqa::search::SearchIndex;
use nusqa::web::{AppState, router};
use serde_json::Value;
use tower::ServiceExt;

use crate::support::d;

fn state(dir: &Path) -> Arc<AppState> {
    let mut library = nusqa::corpus::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"))
        .unwrap()
        .library;
    library
        .record_event(&"V2500037008".parse().unwrap(), EventKind::Publication, d("2025-10-06"))
        .unwrap();
    let (index, _) = SearchIndex::build(&library, dir, "web", 1).unwrap();
    Arc::new(AppState {
        library,
        index: Some(index),
    })
}

fn get(state: &Arc<AppState>, uri: &str) -> (StatusCode, String, Vec<u8>) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let resp = router(state.clone())
            .oneshot(Request::builder().uri(uri).body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = resp.status();
        let ctype = resp
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        let body = axum::body::to_bytes(resp.into_body(), 64 << 20).await.unwrap().to_vec();
        (status, ctype, body)
    })
}

fn json(state: &Arc<AppState>, uri: &str) -> (StatusCode, Value) {
    let (status, ctype, body) = get(state, uri);
    assert!(ctype.starts_with("application/json"), "{uri}: {ctype}");
    (status, serde_json::from_slice(&body).unwrap())
}

#[test]
fn acts_show_history_and_ops() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path());
    let (st, v) = json(&s, "/api/acts");
    assert_eq!((st, v["acts"].as_array().unwrap().len()), (StatusCode::OK, 8));
    let (st, v) = json(&s, "/api/acts/V1400010273?as_of=2026-01-15");
    assert_eq!(st, StatusCode::OK);
    let p4 = &v["consolidated"]["nodes"][0]["children"][0];
    assert_eq!(
        (p4["eid"].as_str(), p4["status"].as_str(), p4["since"].as_str()),
        (Some("att_1__para_4"), Some("in_force"), Some("2025-12-06"))
    );
    assert!(v["notes"]["att_1__para_4"][0].as_str().unwrap().starts_with("Ескерту."));
    let (_, v) = json(&s, "/api/acts/V1400010273?as_of=2026-01-15&notes=ru");
    assert!(v["notes"]["att_1__para_4"][0].as_str().unwrap().starts_with("Сноска."));
    let (_, v) = json(&s, "/api/acts/V2000020340/history/att_1__para_2");
    assert_eq!(v["versions"].as_array().unwrap().len(), 2);
    let (_, v) = json(&s, "/api/acts/V2500037008/ops");
    assert_eq!(v["operations"].as_array().unwrap().len(), 40);
}

#[test]
fn diff_effect_blame_akn_search_and_services() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path());
    let (_, v) = json(&s, "/api/acts/V1400010273/diff?from=2025-10-05&to=2026-01-15");
    assert_eq!(v["nodes"][0]["change"], "status_changed");
    let (_, v) = json(&s, "/api/acts/V2500037008/effect?target=V2100024574");
    assert_eq!(v["targets"][0]["operations"].as_array().unwrap().len(), 3);
    let (_, v) = json(&s, "/api/acts/V2000020340/blame?as_of=2026-01-02");
    assert!(
        v["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["eid"] == "att_1__para_2" && n["act"] == "V2500037008")
    );
    let (st, ctype, body) = get(&s, "/api/acts/V1400010273/akn?as_of=2026-01-15");
    assert_eq!(st, StatusCode::OK);
    assert!(ctype.starts_with("application/akn+xml"));
    assert!(
        String::from_utf8(body)
            .unwrap()
            .contains("<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\">")
    );
    let (_, v) = json(
        &s,
        "/api/search?q=%D0%B6%D0%B0%D1%80%D1%8B%D0%BB%D1%8B%D1%81&as_of=2026-01-15&act=V1400010273",
    );
    assert!(v["total"].as_u64().unwrap() > 0);
    let (_, v) = json(&s, "/api/services?as_of=2026-01-15");
    assert_eq!(v["services"].as_array().unwrap().len(), 9);
    let (st, v) = json(&s, "/api/services/V1400010273-att_1?as_of=2026-01-15");
    assert_eq!(st, StatusCode::OK);
    assert!(v.to_string().contains("www.egov.kz"));
}

#[test]
fn errors_are_json_with_the_right_status() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path());
    for (uri, status) in [
        ("/api/acts/X1", StatusCode::BAD_REQUEST),
        ("/api/acts/V1499999999", StatusCode::NOT_FOUND),
        ("/api/acts/V1400010273?as_of=2026-13-01", StatusCode::BAD_REQUEST),
        ("/api/acts/V1400010273?as_of=2000-01-01", StatusCode::NOT_FOUND),
        ("/api/acts/V1400010273/history/bogus_1", StatusCode::BAD_REQUEST),
        ("/api/acts/V1400010273/diff?from=2025-01-01", StatusCode::BAD_REQUEST),
        (
            "/api/search?q=%D0%B6%D0%B0%D1%80%D1%8B%D0%BB%D1%8B%D1%81%20AND",
            StatusCode::BAD_REQUEST,
        ),
        ("/api/services/nope", StatusCode::BAD_REQUEST),
    ] {
        let (st, v) = json(&s, uri);
        assert_eq!(st, status, "{uri}: {v}");
        assert!(v["error"]["message"].as_str().is_some_and(|e| !e.is_empty()), "{uri}: {v}");
        assert!(v["error"]["code"].as_str().is_some_and(|e| !e.is_empty()), "{uri}: {v}");
    }
}

fn html(state: &Arc<AppState>, uri: &str) -> (StatusCode, String) {
    let (status, ctype, body) = get(state, uri);
    assert!(ctype.starts_with("text/html"), "{uri}: {ctype}");
    (status, String::from_utf8(body).unwrap())
}

#[test]
fn the_ui_speaks_kazakh_russian_and_english() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path());
    for (lang, heading) in [("kk", "Актілер"), ("ru", "Акты"), ("en", "Acts")] {
        let (st, page) = html(&s, &format!("/?lang={lang}"));
        assert_eq!(st, StatusCode::OK);
        assert!(
            page.contains(&format!("<html lang=\"{lang}\">")) && page.contains(&format!("<h1>{heading}</h1>")),
            "{lang}"
        );
        assert!(page.contains("href=\"/acts/V2500037008?lang="), "{lang}");
    }
    let (_, page) = html(&s, "/acts/V1400010273?as_of=2026-01-15&lang=en");
    assert!(page.contains("id=\"att_1__para_4\""));
    assert!(page.contains("&quot;Жарылыс жұмыстарын жүргізуге рұқсат беру&quot; мемлекеттік"));
    assert!(page.contains("nq-not_held") && page.contains("Text not held by the registry"));
    assert!(page.contains("nq-repealed"));
    assert!(page.contains("Ескерту. 4-тармақ жаңа редакцияда"));
    let (_, ru) = html(&s, "/acts/V1400010273?as_of=2026-01-15&lang=ru");
    assert!(ru.contains("Сноска. Пункт 4") && ru.contains("Текст в реестре отсутствует"));
    let (_, diff) = html(&s, "/acts/V1400010273/diff?from=2025-10-05&to=2026-01-15");
    assert!(diff.contains("<ins class=\"nq-ins\">") && diff.contains("nq-status"));
    let (st, css, _) = get(&s, "/static/style.css");
    assert_eq!((st, css.starts_with("text/css")), (StatusCode::OK, true));
}

#[test]
fn ui_search_highlights_and_escapes() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path());
    let (_, page) = html(&s, "/search?q=%D0%BF%D0%BE%D1%80%D1%82%D0%B0%D0%BB&as_of=2026-01-15");
    assert!(page.contains("<mark>"), "{page}");
    let (_, page) = html(&s, "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    assert!(!page.contains("<script>") && page.contains("&lt;script&gt;"));
    let (st, page) = html(&s, "/acts/V1499999999");
    assert_eq!(st, StatusCode::NOT_FOUND);
    assert!(page.contains("not in the corpus"));
    let (st, _) = html(&s, "/acts/V1400010273?as_of=nope");
    assert_eq!(st, StatusCode::BAD_REQUEST);
}

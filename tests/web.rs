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
    Arc::new(AppState::new(library, Some(index)))
}

fn get(state: &Arc<AppState>, uri: &str) -> (StatusCode, String, Vec<u8>) {
    get_at_most(state, uri, 64 << 20)
}

/// Like `get`, but fails when the body is longer than `limit` bytes.
fn get_at_most(state: &Arc<AppState>, uri: &str, limit: usize) -> (StatusCode, String, Vec<u8>) {
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
        let body = axum::body::to_bytes(resp.into_body(), limit)
            .await
            .unwrap_or_else(|e| panic!("{uri}: {e}"))
            .to_vec();
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
    let p4 = crate::support::find_node(&v["consolidated"], "att_1__para_4");
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
        assert!(
            v["error"]["message"].as_str().is_some_and(|e| !e.is_empty()),
            "{uri}: {v}"
        );
        assert!(v["error"]["code"].as_str().is_some_and(|e| !e.is_empty()), "{uri}: {v}");
    }
}

/// `raw` HTML-escaped, with named (`&lt;`) or with numeric (`&#60;`) entities.
fn escaped_forms(raw: &str) -> [String; 2] {
    let esc = |named: bool| {
        let mut out = String::new();
        for c in raw.chars() {
            match (c, named) {
                ('&', true) => out.push_str("&amp;"),
                ('<', true) => out.push_str("&lt;"),
                ('>', true) => out.push_str("&gt;"),
                ('"', true) => out.push_str("&quot;"),
                ('\'', true) => out.push_str("&#39;"),
                ('&' | '<' | '>' | '"' | '\'', false) => out.push_str(&format!("&#{};", c as u32)),
                (c, _) => out.push(c),
            }
        }
        out
    };
    [esc(true), esc(false)]
}

/// Whether `page` holds `raw` HTML-escaped.
fn has_escaped(page: &str, raw: &str) -> bool {
    escaped_forms(raw).iter().any(|e| page.contains(e.as_str()))
}

/// Every `href` of `page`, with `&` unescaped.
fn hrefs(page: &str) -> Vec<String> {
    page.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(|h| h.replace("&amp;", "&").replace("&#38;", "&"))
        .collect()
}

/// The `value` attribute of the header's search box, as the page holds it.
fn search_box_value(page: &str) -> &str {
    let key = "type=\"search\" name=\"q\" value=\"";
    let at = page.find(key).map(|i| i + key.len()).expect("a search box");
    page[at..].split('"').next().unwrap_or_default()
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
    assert!(has_escaped(
        &page,
        "\"Жарылыс жұмыстарын жүргізуге рұқсат беру\" мемлекеттік"
    ));
    assert!(page.contains("nq-repealed"));
    assert!(page.contains("Ескерту. 4-тармақ жаңа редакцияда"));
    let (_, gap) = html(&s, "/acts/V1400010273?as_of=2025-12-02&lang=en");
    assert!(gap.contains("nq-not_held") && gap.contains("Text not held by the registry"));
    let (_, ru) = html(&s, "/acts/V1400010273?as_of=2026-01-15&lang=ru");
    assert!(ru.contains("Сноска. Пункт 4"));
    let (_, ru) = html(&s, "/acts/V1400010273?as_of=2025-12-02&lang=ru");
    assert!(ru.contains("Текст в реестре отсутствует"));
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
    assert!(!page.contains("<script>") && has_escaped(&page, "<script>"));
    let (st, page) = html(&s, "/acts/V1499999999");
    assert_eq!(st, StatusCode::NOT_FOUND);
    assert!(
        page.contains("V1499999999: бұл акт корпуста жоқ"),
        "the message is in the UI's language"
    );
    let (st, _) = html(&s, "/acts/V1400010273?as_of=nope");
    assert_eq!(st, StatusCode::BAD_REQUEST);
}

/// The search box's value used to go into the layout by string substitution before the
/// page body did, so `{{body}}` in a query pasted the whole page into it, once per
/// occurrence: 3,900 of them (a 62 KB request) made a 244 MB response.
#[test]
fn a_query_is_text_never_a_template() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path());
    // tantivy cannot read `{{body}}` as a query: a 400, shown on the search page.
    let (st, page) = html(&s, "/search?q=%7B%7Bbody%7D%7D");
    assert_eq!(st, StatusCode::BAD_REQUEST);
    assert!(page.len() < 16 << 10, "{} bytes", page.len());
    assert_eq!(page.matches("<main").count(), 1);
    assert_eq!(search_box_value(&page), "{{body}}");
    // 3,900 of them (a 62 KB request target) are now over the request-target limit.
    let q = "%7B%7Bbody%7D%7D".repeat(3900);
    let (st, ctype, body) = get_at_most(&s, &format!("/search?q={q}"), 512 << 10);
    assert!(ctype.starts_with("text/html"), "{ctype}");
    assert_eq!(st, StatusCode::URI_TOO_LONG);
    assert!(body.len() < 256 << 10, "{} bytes", body.len());
    // As many as the limits let through are echoed once, as text.
    let q = "%7B%7Bbody%7D%7D".repeat(250);
    let (_, ctype, body) = get_at_most(&s, &format!("/search?q={q}"), 512 << 10);
    assert!(ctype.starts_with("text/html"), "{ctype}");
    assert!(body.len() < 64 << 10, "{} bytes", body.len());
    let page = String::from_utf8(body).unwrap();
    assert_eq!(page.matches("<main").count(), 1);
    assert_eq!(search_box_value(&page), "{{body}}".repeat(250));
    // Nor is any other placeholder-looking text in the query expanded.
    let (_, page) = html(
        &s,
        "/search?q=%7B%7Blangs%7D%7D%20%7B%7Bfooter%7D%7D%20%7B%7Btitle%7D%7D",
    );
    assert_eq!(search_box_value(&page), "{{langs}} {{footer}} {{title}}");
    assert_eq!(page.matches("<nav").count(), 1);
}

#[test]
fn what_the_user_types_is_escaped_wherever_it_is_echoed() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path());
    for (uri, status) in [
        ("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", StatusCode::BAD_REQUEST),
        ("/search?q=x&as_of=%3Cscript%3E", StatusCode::BAD_REQUEST),
        ("/acts/%3Cscript%3E", StatusCode::BAD_REQUEST),
        ("/acts/%3Cscript%3E/diff", StatusCode::NOT_FOUND),
        ("/acts/V1400010273?as_of=%3Cscript%3E", StatusCode::BAD_REQUEST),
        ("/acts/V1400010273/diff?to=%3Cscript%3E", StatusCode::BAD_REQUEST),
    ] {
        let (st, page) = html(&s, uri);
        assert_eq!(st, status, "{uri}");
        assert!(!page.contains("<script"), "{uri}: {page}");
        assert!(has_escaped(&page, "<script>"), "{uri}: {page}");
    }
    // The search box's value cannot be closed from the query.
    let raw = "\"><script>alert(1)</script>";
    let (_, page) = html(&s, "/search?q=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    assert!(!page.contains("<script"), "{page}");
    assert!(
        escaped_forms(raw).contains(&search_box_value(&page).to_string()),
        "{page}"
    );
    // The language links carry the query percent-encoded.
    assert!(
        hrefs(&page)
            .iter()
            .any(|h| h.starts_with("/search?q=%22%3E%3Cscript%3E"))
    );
    // An unknown language is Kazakh, and is not echoed.
    let (st, page) = html(&s, "/acts/V1400010273?as_of=2026-01-15&lang=%3Cscript%3E");
    assert_eq!(st, StatusCode::OK);
    assert!(page.contains("<html lang=\"kk\">") && !page.contains("<script"));
    let (_, fr) = html(&s, "/acts/V1400010273?as_of=2026-01-15&lang=fr");
    assert!(
        fr.contains("<p class=\"nq-banner\" role=\"status\">Сұралған тіл жоқ"),
        "an unknown language falls back to Kazakh with a notice"
    );
}

/// Every page in every language: its words, forms and links, which keep the path and
/// query when they switch the language.
#[test]
fn every_page_renders_in_kazakh_russian_and_english() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path());
    let langs = ["kk", "ru", "en"];
    for (lang, acts, in_force_on, _changes, search, not_held, repealed, since_by) in [
        (
            "kk",
            "Актілер",
            "Күшіндегі редакция, күні",
            "Өзгерістер",
            "Іздеу",
            "Тізілімде мәтіні жоқ",
            "Алып тасталды",
            "2025 жылғы 6 желтоқсаннан бастап · <a href=\"/acts/V2500037008?lang=kk#att_1__para_1\">№ 429 бұйрық (30.09.2025), Тізбенің 1-тармағы</a>",
        ),
        (
            "ru",
            "Акты",
            "Редакция, действующая на",
            "Изменения",
            "Поиск",
            "Текст в реестре отсутствует",
            "Исключён",
            "с 6 декабря 2025 г. · <a href=\"/acts/V2500037008?lang=ru#att_1__para_1\">приказ № 429 (30.09.2025), пункт 1 Перечня</a>",
        ),
        (
            "en",
            "Acts",
            "In force on",
            "Changes",
            "Search",
            "Text not held by the registry",
            "Repealed",
            "from 6 December 2025 · <a href=\"/acts/V2500037008?lang=en#att_1__para_1\">Order No. 429 (30.09.2025), the List, item 1</a>",
        ),
    ] {
        let pages = [
            ("/".to_string(), format!("<h1>{acts}</h1>")),
            (
                "/acts/V1400010273?as_of=2026-01-15".to_string(),
                format!(
                    "<label for=\"as_of\">{in_force_on}</label> <input type=\"text\" id=\"as_of\" name=\"as_of\" value=\"2026-01-15\""
                ),
            ),
            (
                "/acts/V1400010273/diff?from=2025-10-05&to=2026-01-15".to_string(),
                "<h1><span class=\"nq-kicker\">".to_string(),
            ),
            (
                "/search?q=%D0%BF%D0%BE%D1%80%D1%82%D0%B0%D0%BB&as_of=2026-01-15".to_string(),
                format!("<h1>{search}</h1>"),
            ),
        ];
        for (path, words) in pages {
            let sep = if path.contains('?') { '&' } else { '?' };
            let uri = format!("{path}{sep}lang={lang}");
            let (st, page) = html(&s, &uri);
            assert_eq!(st, StatusCode::OK, "{uri}");
            assert!(page.contains(&format!("<html lang=\"{lang}\">")), "{uri}");
            assert!(page.contains(&words), "{uri}: {words}\n{page}");
            assert!(
                page.contains(&format!("<input type=\"hidden\" name=\"lang\" value=\"{lang}\">")),
                "{uri}"
            );
            assert_eq!(page.matches("<main").count(), 1, "{uri}");
            let links = hrefs(&page);
            for l in langs {
                let want = format!("{path}{sep}lang={l}");
                assert!(links.contains(&want), "{uri}: no link {want} in {links:?}");
            }
            assert!(
                page.contains(&format!(
                    "lang={lang}\" aria-current=\"true\">{}</a>",
                    lang.to_uppercase()
                )),
                "{uri}"
            );
        }
        let (_, page) = html(&s, &format!("/acts/V1400010273?as_of=2026-01-15&lang={lang}"));
        assert!(
            page.contains(&format!("<p class=\"nq-source\" lang=\"{lang}\">{since_by}")),
            "{lang}: {page}"
        );
        // On 2025-12-02 the registry's evidence leaves clauses open (Order 429's
        // changes lie between two redactions); by 2026-01-15 it holds every clause.
        let (_, gap) = html(&s, &format!("/acts/V1400010273?as_of=2025-12-02&lang={lang}"));
        assert!(
            gap.contains(&format!(
                "<div class=\"nq-text\"><span class=\"nq-placeholder\">{not_held}</span></div>"
            )),
            "{lang}"
        );
        assert!(
            page.contains(&format!(
                "<div class=\"nq-text\"><span class=\"nq-placeholder\">{repealed}</span></div>"
            )),
            "{lang}"
        );
        assert!(
            page.contains("class=\"nq-node nq-in_force\" id=\"att_1__para_4\""),
            "{lang}"
        );
        let links = hrefs(&page);
        assert!(
            links.contains(&format!("/acts/V1400010273/diff?lang={lang}&to=2026-01-15")),
            "{links:?}"
        );
        assert!(links.contains(&"/api/acts/V1400010273/akn?as_of=2026-01-15".to_string()));
        let (_, page) = html(
            &s,
            &format!("/acts/V1400010273/diff?from=2025-10-05&to=2026-01-15&lang={lang}"),
        );
        assert!(page.contains("name=\"from\" value=\"2025-10-05\""), "{lang}");
        assert!(page.contains("name=\"to\" value=\"2026-01-15\""), "{lang}");
        assert!(page.contains("<ins class=\"nq-ins\">"), "{lang}");
        let (_, page) = html(
            &s,
            &format!("/search?q=%D0%BF%D0%BE%D1%80%D1%82%D0%B0%D0%BB&as_of=2026-01-15&lang={lang}"),
        );
        assert_eq!(search_box_value(&page), "портал");
        assert!(page.contains("<mark>"), "{lang}");
        let hit = format!("/acts/V1400010273?lang={lang}&as_of=");
        assert!(hrefs(&page).iter().any(|h| h.starts_with(&hit)), "{lang}: {page}");
    }
}

fn state_without_index() -> Arc<AppState> {
    let library = nusqa::corpus::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"))
        .unwrap()
        .library;
    Arc::new(AppState::new(library, None))
}

#[test]
fn error_pages_are_localized_and_carry_their_status() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path());
    let bare = state_without_index();
    for (lang, bad, missing, unavailable) in [
        ("kk", "Қате сұрау", "Табылмады", "Қызмет қолжетімсіз"),
        ("ru", "Неверный запрос", "Не найдено", "Сервис недоступен"),
        ("en", "Bad request", "Not found", "Service unavailable"),
    ] {
        for (state, path, status, word, detail) in [
            (
                &s,
                "/acts/V1499999999",
                StatusCode::NOT_FOUND,
                missing,
                "V1499999999: is not in the corpus",
            ),
            (&s, "/acts/X1", StatusCode::BAD_REQUEST, bad, "is not a registry id"),
            (
                &s,
                "/acts/V1400010273?as_of=nope",
                StatusCode::BAD_REQUEST,
                bad,
                "is not a date",
            ),
            (
                &s,
                "/acts/V1400010273?as_of=2000-01-01",
                StatusCode::NOT_FOUND,
                missing,
                "",
            ),
            (
                &s,
                "/acts/V1499999999/diff",
                StatusCode::NOT_FOUND,
                missing,
                "not in the corpus",
            ),
            (
                &s,
                "/acts/V1400010273/diff?from=nope",
                StatusCode::BAD_REQUEST,
                bad,
                "is not a date",
            ),
            (
                &s,
                "/search?q=x&as_of=nope",
                StatusCode::BAD_REQUEST,
                bad,
                "is not a date",
            ),
            (&bare, "/search?q=x", StatusCode::SERVICE_UNAVAILABLE, unavailable, ""),
            // A query that cannot be read (a parameter twice) is an HTML 400 too.
            (&s, "/search?q=a&q=b", StatusCode::BAD_REQUEST, bad, "duplicate field"),
            (
                &s,
                "/acts/V1400010273?as_of=2026-01-15&as_of=2026-01-16",
                StatusCode::BAD_REQUEST,
                bad,
                "duplicate field",
            ),
        ] {
            let sep = if path.contains('?') { '&' } else { '?' };
            let uri = format!("{path}{sep}lang={lang}");
            let (st, page) = html(state, &uri);
            assert_eq!(st, status, "{uri}");
            assert!(page.contains(&format!("<html lang=\"{lang}\">")), "{uri}");
            assert!(
                page.contains(&format!("<title>{} {word} · nusqa</title>", status.as_u16())),
                "{uri}: {page}"
            );
            assert!(
                page.contains(&format!("<h1>{} {word}</h1>", status.as_u16())),
                "{uri}: {page}"
            );
            assert!(
                page.contains("<p class=\"nq-error\">") && page.contains(&localized(detail, lang)),
                "{uri}: {page}"
            );
            assert_eq!(page.matches("<main").count(), 1, "{uri}");
            // The language links lead to the same request in another language.
            let links = hrefs(&page);
            for l in ["kk", "ru", "en"] {
                let want = format!("{path}{sep}lang={l}");
                assert!(links.contains(&want), "{uri}: no link {want} in {links:?}");
            }
        }
    }
    // Kazakh unless asked otherwise.
    let (st, page) = html(&s, "/acts/V1499999999");
    assert_eq!(st, StatusCode::NOT_FOUND);
    assert!(page.contains("<html lang=\"kk\">") && page.contains("404 Табылмады"));
}

/// `error_page`, which a fallback handler calls for routes that do not exist: localized,
/// with its status, and the message escaped.
#[test]
fn error_page_is_localized_and_escapes_its_message() {
    use nusqa::model::Lang;
    use nusqa::web::pages::error_page;
    let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    for (lang, code, status, word) in [
        (Lang::Kk, "kk", StatusCode::NOT_FOUND, "Табылмады"),
        (Lang::Ru, "ru", StatusCode::BAD_REQUEST, "Неверный запрос"),
        (Lang::En, "en", StatusCode::SERVICE_UNAVAILABLE, "Service unavailable"),
        (
            Lang::Ru,
            "ru",
            StatusCode::INTERNAL_SERVER_ERROR,
            "Внутренняя ошибка сервера",
        ),
    ] {
        let resp = error_page(lang, status, "no route /<script>");
        assert_eq!(resp.status(), status);
        let ctype = resp
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_string());
        assert!(ctype.unwrap_or_default().starts_with("text/html"));
        let body = rt.block_on(axum::body::to_bytes(resp.into_body(), 1 << 20)).unwrap();
        let page = String::from_utf8(body.to_vec()).unwrap();
        assert!(page.contains(&format!("<html lang=\"{code}\">")), "{page}");
        assert!(page.contains(&format!("<h1>{} {word}</h1>", status.as_u16())), "{page}");
        assert!(
            !page.contains("<script") && has_escaped(&page, "no route /<script>"),
            "{page}"
        );
        assert!(hrefs(&page).contains(&format!("/?lang={code}")), "{page}");
    }
}

/// Order 350's page shows the registry's texts where the operations hold none: in
/// Russian, in Kazakh with "start unknown, at the latest D" for a wording whose start
/// the evidence leaves open, and both side by side, aligned by clause.
#[test]
fn the_act_page_shows_kazakh_russian_or_both_with_the_registry_s_provenance() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path());
    let (status, ru) = html(&s, "/acts/V1400010273?as_of=2015-06-01&text=ru&lang=en");
    assert_eq!(status, StatusCode::OK);
    assert!(ru.contains("Настоящие Правила выдачи разрешения на производство взрывных работ"));
    assert!(
        ru.contains("rus@2014-12-30.md"),
        "the redaction a registry text comes from"
    );
    assert!(!ru.contains("Осы бұйрық алғашқы ресми жарияланған"), "Russian only");
    let (_, kk) = html(&s, "/acts/V1400010273?as_of=2021-12-31&text=kk");
    assert!(
        kk.contains("басталған күні белгісіз, кешіктірмей 2021 жылғы 31 желтоқсан"),
        "an unknown start is said so"
    );
    assert!(kk.contains("№ 234 (27.04.2020)"), "the act the notes name");
    let (_, both) = html(&s, "/acts/V1400010273?as_of=2026-01-15&text=both&lang=ru");
    assert!(both.contains("class=\"nq-text-both\""));
    let kk_at = both.find("Осы бұйрық алғашқы ресми жарияланған").unwrap();
    let ru_at = both
        .find("Настоящий приказ вводится в действие по истечении двадцати одного")
        .unwrap();
    assert!(kk_at < ru_at, "the Kazakh column comes first");
    let row = &both[both[..kk_at].rfind("class=\"nq-row\"").unwrap()..ru_at];
    assert!(
        !row[1..].contains("class=\"nq-row\""),
        "both wordings of the clause share a row"
    );
    assert!(both.contains("lang=\"kk\"") && both.contains("lang=\"ru\""));
    for t in ["text=kk", "text=ru"] {
        assert!(
            hrefs(&both)
                .iter()
                .any(|h| h.contains(t) && h.contains("as_of=2026-01-15")),
            "{t}"
        );
    }
    let (status, _) = html(&s, "/acts/V1400010273?text=fr");
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

/// The reconciliation page: the registry's date of applying Order 429 and what it
/// implies, the counts, and each differing clause with its word diff, linked to the
/// clause on the act page; an act without redactions is a 404 and has no link to it.
#[test]
fn the_reconcile_page_shows_the_applied_date_the_counts_and_the_word_diffs() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path());
    let (status, page) = html(&s, "/acts/V1400010273/reconcile?lang=en");
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("The registry applied V2500037008: 2025-12-03 (kaz@2025-12-03.md)"));
    assert!(page.contains("first publication on 2025-10-03"));
    // The recorded publication (2025-10-06) contradicts it, and the page says so.
    assert!(
        page.contains("Recorded publication: 2025-10-06 <strong class=\"nq-conflict\">≠ 2025-10-03</strong>"),
        "{page}"
    );
    // On 2025-12-03 the recorded publication leaves Order 429 not yet in force; from
    // 2025-12-05 its operations and the registry's redaction are compared.
    assert!(!page.contains("<span>kk.differ "));
    let (_, page) = html(&s, "/acts/V1400010273/reconcile?lang=en&as_of=2025-12-06");
    assert!(page.contains("<span>kk.differ "));
    assert!(page.contains("<del class=\"nq-del\">профильдерінің</del><ins class=\"nq-ins\">профилдерінің</ins>"));
    assert!(
        hrefs(&page)
            .iter()
            .any(|h| h.ends_with("as_of=2025-12-06&text=kk#att_1__para_6__abz_7"))
    );
    let (_, act) = html(&s, "/acts/V1400010273?lang=en");
    assert!(hrefs(&act).contains(&"/acts/V1400010273/reconcile?lang=en".to_string()));
    let (_, other) = html(&s, "/acts/V2500037008?lang=en");
    assert!(!other.contains("/reconcile"));
    let (status, _) = html(&s, "/acts/V2500037008/reconcile");
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// The search page keeps the user's date: the header's box sends the page's date, a
/// search without one is of today's texts (as in the API), "any time" is a choice, hits
/// open on the user's date at the clause, come 20 a page with the total and carry their
/// act's title; a query that cannot be read gets a message in the UI's language.
#[test]
fn ui_search_keeps_the_date_pages_and_speaks_the_ui_language() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path());
    let (_, act) = html(&s, "/acts/V1400010273?as_of=2025-10-05&lang=en");
    assert!(act.contains("<input type=\"hidden\" name=\"as_of\" value=\"2025-10-05\">"));
    let q = "%D0%B6%D0%B0%D1%80%D1%8B%D0%BB%D1%8B%D1%81"; // жарылыс
    let (status, page) = html(&s, &format!("/search?q={q}&as_of=2025-10-05&lang=en"));
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("name=\"as_of\" value=\"2025-10-05\""));
    let hits: Vec<String> = hrefs(&page).into_iter().filter(|h| h.starts_with("/acts/")).collect();
    assert!(!hits.is_empty());
    for h in &hits {
        assert!(h.contains("as_of=2025-10-05#"), "a hit opens on the user's date: {h}");
    }
    assert!(page.contains("Жарылыс жұмыстарын жүргізуге рұқсат беру қағидаларын бекіту туралы</a>"));
    // Paging: every version of a common word, 20 a page.
    let common = "%D0%BC%D0%B5%D0%BC%D0%BB%D0%B5%D0%BA%D0%B5%D1%82%D1%82%D1%96%D0%BA"; // мемлекеттік
    let (_, first) = html(&s, &format!("/search?q={common}&any_time=true&lang=en"));
    assert!(first.contains("1–20 of "), "{first}");
    let next = hrefs(&first)
        .into_iter()
        .find(|h| h.contains("page=2"))
        .expect("a next page");
    assert!(next.contains("any_time=true"));
    let (_, second) = html(&s, &next);
    assert!(second.contains("21–"));
    assert!(hrefs(&second).iter().any(|h| h.contains("page=1")));
    assert!(second.contains("name=\"any_time\" value=\"true\" checked"));
    // A query that cannot be read.
    let (status, bad) = html(&s, &format!("/search?q={q}%20AND&lang=ru"));
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(bad.contains("Запрос не удалось прочитать"), "{bad}");
    let (status, _) = html(&s, &format!("/search?q={q}&page=0"));
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

/// The act page warns of what is coming: Order 350 on 2025-11-01 lists the changes
/// Order 429 brings on 2025-12-06, each linked to its clause on that day; its version
/// timeline marks the version shown and links the others; after the last change there
/// is no box.
#[test]
fn the_act_page_shows_its_versions_and_the_changes_not_yet_in_force() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path());
    let (_, page) = html(&s, "/acts/V1400010273?as_of=2025-11-01&lang=en");
    assert!(page.contains("<h2>Changes not yet in force</h2>"), "{page}");
    assert!(
        page.contains("<li>6 December 2025 · <a href=\"/acts/V2500037008?lang=en\">Order No. 429 (30.09.2025)</a>"),
        "{page}"
    );
    let links = hrefs(&page);
    assert!(
        links.contains(&"/acts/V1400010273?lang=en&as_of=2025-12-06&text=kk#att_1__para_4".to_string()),
        "{links:?}"
    );
    assert!(page.contains("<strong aria-current=\"true\">30 December 2014</strong>"));
    assert!(links.contains(&"/acts/V1400010273?lang=en&as_of=2025-12-06&text=kk".to_string()));
    let (_, later) = html(&s, "/acts/V1400010273?as_of=2026-06-01&lang=en");
    assert!(!later.contains("nq-upcoming"));
    assert!(later.contains("<strong aria-current=\"true\">6 December 2025</strong>"));
}

/// Order 429's page says what it changes: a row per operation with the target act, the
/// clause linked on its first day in force at its anchor, the kind of change in the UI's
/// language and the day; its publication as recorded.
#[test]
fn an_amending_act_s_page_lists_what_it_changes() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path());
    let (_, page) = html(&s, "/acts/V2500037008?as_of=2025-10-10&lang=en");
    assert!(page.contains("<h2>What this act changes</h2>"));
    assert!(page.contains("First published: 6 October 2025"), "{page}");
    assert_eq!(
        page.matches("<tr><td><a href=\"/acts/").count(),
        40,
        "one row per operation"
    );
    assert!(hrefs(&page).contains(&"/acts/V1400010273?lang=en&as_of=2025-12-06#att_1__para_4".to_string()));
    assert!(page.contains("<td>new wording</td>") && page.contains("<td>deleted</td>"));
    assert!(page.contains("6 December 2025 · not yet in force"));
    assert!(
        page.contains(">the Rules, paragraph 4</a>") && page.contains(">Order No. 350 (30.12.2014)</a>"),
        "clauses and target acts are cited in words"
    );
    assert!(
        page.contains("<a href=\"#att_1__para_1\">the List, item 1</a>"),
        "the item that makes it, in words and linked"
    );
    let (_, ru) = html(&s, "/acts/V2500037008?as_of=2026-02-01&lang=ru");
    assert!(ru.contains("Что изменяет акт") && ru.contains("6 декабря 2025 г. · действует"));
    let (_, base) = html(&s, "/acts/V1400010273?lang=en");
    assert!(
        !base.contains("nq-changes"),
        "an act that amends nothing has no such section"
    );
}

/// Order 350 on 2026-01-15 reads as a lawyer expects: its particulars and the date
/// written out, a table of contents, tables as HTML tables with one source line under
/// each changed table (not one per cell), one source line per changed block, clause
/// labels linking to their AKN permalinks, and a banner that explains "not held" on a
/// day its texts are open.
#[test]
fn the_act_page_cites_in_words_and_shows_tables_and_contents() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path());
    let (_, page) = html(&s, "/acts/V1400010273?as_of=2026-01-15&lang=kk");
    assert!(
        page.contains("<dt>Мемлекеттік тіркеу</dt><dd>2015 жылғы 17 ақпан, тіркеу нөмірі 10273</dd>"),
        "{page}"
    );
    assert!(page.contains("<strong>2026 жылғы 15 қаңтар</strong>"));
    assert!(page.contains("№ 350 бұйрық (30.12.2014)"));
    assert!(page.contains("<details class=\"nq-toc\"><summary>Мазмұны</summary>"));
    assert!(
        page.contains("<a href=\"#att_1__para_6\">Қағидалардың 6-тармағы"),
        "the contents cite in words"
    );
    // The table of annex 2 is a table, its rows and cells real rows and cells.
    let at = page.find("<table class=\"nq-table").expect("a table");
    let end = at + page[at..].find("</table>").expect("its end");
    let table = &page[at..end];
    assert!(table.contains("<tr id=\"att_1__att_2__table_1__row_1\""));
    assert!(table.contains("<td id=\"att_1__att_2__table_1__row_1__cell_2\""));
    assert!(
        !table.contains("nq-source") && !table.contains("1-жол"),
        "no source line inside the table"
    );
    let after = &page[end..end + page[end..].find("</div>").expect("the table's end")];
    let lines = after.matches("class=\"nq-source\"").count();
    assert!(
        (1..=3).contains(&lines),
        "one source line per item that changed the table: {after}"
    );
    assert!(after.contains("Тізбенің 1-тармағы"));
    // Paragraph 6 changed as a block: its subparagraphs carry no line of their own.
    let p6 = page.find("id=\"att_1__para_6\"").expect("paragraph 6");
    let p7 = page.find("id=\"att_1__para_7\"").expect("paragraph 7");
    assert_eq!(
        page[p6..p7].matches("class=\"nq-source\"").count(),
        1,
        "{}",
        &page[p6..p7]
    );
    // Labels link to the clause's permanent AKN address on the version shown.
    assert!(
        page.contains("<a class=\"nq-num\" href=\"/akn/kz/act/order/2014-12-30/350/kaz@2025-12-06#att_1__para_6\""),
        "{page}"
    );
    assert!(!page.contains("nq-banner"), "nothing not held on 2026-01-15");
    let (_, gap) = html(&s, "/acts/V1400010273?as_of=2025-12-02&lang=en");
    assert!(gap.contains("<p class=\"nq-banner\" role=\"note\">“Text not held by the registry”"));
    assert_eq!(gap.matches("nq-banner").count(), 1, "one banner, not one per clause");
    // Russian text carries Russian labels.
    let (_, ru) = html(&s, "/acts/V1400010273?as_of=2026-01-15&lang=ru&text=ru");
    assert!(ru.contains(">Приложение 2</a>"), "{ru}");
}

/// The compare view names the act, cites each changed clause in words linked to the act
/// on the later date, says the kind of change, the statuses in the UI's language and the
/// amending act's item with its date, links back, and says so when nothing changed.
#[test]
fn the_compare_view_reads_in_words_and_says_when_nothing_changed() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path());
    let (_, page) = html(&s, "/acts/V1400010273/diff?from=2025-10-05&to=2026-01-15&lang=ru");
    assert!(page.contains("Сравнение редакций"));
    assert!(
        page.contains("<span lang=\"ru\">Об утверждении Правил"),
        "the act's title"
    );
    assert!(page.contains("← Вернуться к акту</a>"));
    let links = hrefs(&page);
    assert!(links.contains(&"/acts/V1400010273?lang=ru&as_of=2026-01-15".to_string()));
    assert!(links.contains(&"/acts/V1400010273?lang=ru&as_of=2026-01-15#att_1__para_4".to_string()));
    assert!(
        page.contains("\">пункт 4 Правил</a> <span class=\"nq-kind\">изменён статус</span></h2>")
            && page.contains("текст отсутствует → действует"),
        "{page}"
    );
    assert!(page.contains("изменено <a href=\"/acts/V2500037008?lang=ru#att_1__para_1\">приказ № 429 (30.09.2025), пункт 1 Перечня</a>, с 6 декабря 2025 г."));
    assert!(!page.contains("nq-eid"), "no raw eIds as headings");
    let (_, en) = html(&s, "/acts/V1400010273/diff?from=2025-10-05&to=2026-01-15&lang=en");
    assert!(en.contains("text not held → in force"), "{en}");
    let (_, none) = html(&s, "/acts/V1400010273/diff?from=2026-02-01&to=2026-03-01&lang=kk");
    assert!(none.contains("Бұл екі күннің арасында актінің мәтіні өзгермеген."));
    assert!(none.contains("өзгеріс саны: 0"));
}

/// An English error detail as the error page says it in `lang`.
fn localized(detail: &str, lang: &str) -> String {
    let words = [
        (
            "is not in the corpus",
            "бұл акт корпуста жоқ",
            "этого акта нет в корпусе",
        ),
        (
            "is not a registry id",
            "тізілім нөмірі емес",
            "не регистрационный номер",
        ),
        ("is not a date", "күн емес", "не дата"),
        ("not in the corpus", "бұл акт корпуста жоқ", "этого акта нет в корпусе"),
    ];
    let mut out = detail.to_string();
    for (en, kk, ru) in words {
        match lang {
            "kk" => out = out.replace(en, kk),
            "ru" => out = out.replace(en, ru),
            _ => {}
        }
    }
    out
}

/// The UI language is remembered: a page in Russian sets the cookie, and a link without
/// `lang=` then opens in Russian; the API sets no cookie.
#[test]
fn the_ui_language_is_remembered_in_a_cookie() {
    use tower::ServiceExt;
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let send = |uri: &str, cookie: Option<&str>| {
        let mut req = axum::http::Request::builder().uri(uri);
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        let req = req.body(axum::body::Body::empty()).unwrap();
        rt.block_on(async {
            let res = nusqa::web::router(s.clone()).oneshot(req).await.unwrap();
            let set = res.headers().get("set-cookie").map(|v| v.to_str().unwrap().to_string());
            let body = axum::body::to_bytes(res.into_body(), 64 << 20).await.unwrap();
            (set, String::from_utf8_lossy(&body).into_owned())
        })
    };
    let (set, _) = send("/?lang=ru", None);
    let set = set.expect("a cookie");
    assert!(
        set.starts_with("nusqa_lang=ru;") && set.contains("SameSite=Lax"),
        "{set}"
    );
    let (again, page) = send("/acts/V1400010273?as_of=2026-01-15", Some("nusqa_lang=ru"));
    assert!(page.contains("<html lang=\"ru\">"), "the cookie's language");
    assert_eq!(again, None, "no cookie is set when none was asked for");
    let (_, page) = send("/acts/V1400010273?as_of=2026-01-15&lang=en", Some("nusqa_lang=ru"));
    assert!(page.contains("<html lang=\"en\">"), "lang= wins over the cookie");
    let (_, page) = send("/", Some("nusqa_lang=xx"));
    assert!(page.contains("<html lang=\"kk\">"), "an unknown cookie is ignored");
    let (api, _) = send("/api/acts?lang=ru", None);
    assert_eq!(api, None);
}

/// Order 429's page gives its schedule (publication, the default rule and the day it
/// gives, the exception with its position in words and its day, the clause that states
/// it), the registry's note, and the state services it changes, each linked to its
/// passport on the day of the change; the home page links its operations count there.
#[test]
fn an_amending_act_s_page_gives_its_schedule_and_the_services_it_changes() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path());
    let (_, page) = html(&s, "/acts/V2500037008?as_of=2025-10-10&lang=en");
    let at = page.find("<section class=\"nq-schedule\"").expect("a schedule");
    let schedule = &page[at..at + page[at..].find("</section>").unwrap()];
    assert!(schedule.contains("<h2>Entry into force</h2>"));
    assert!(schedule.contains("First published: 6 October 2025"));
    assert!(schedule.contains(
        "<th scope=\"row\">By default</th><td>60 calendar days after its first official publication</td><td><strong>6 December 2025</strong></td>"
    ), "{schedule}");
    assert!(schedule.contains(">the List, item 3, paragraphs (abzats) 3–11</a></th><td>from a fixed date</td><td><strong>1 January 2026</strong></td>"), "{schedule}");
    assert!(
        schedule.contains("Stated in: <a href=\"/acts/V2500037008?lang=en#para_4\">paragraph 4</a>"),
        "{schedule}"
    );
    assert!(
        schedule.contains("<strong>The registry&#39;s note:</strong> <span lang=\"kk\">ЗҚАИ-ның ескертпесі!</span>"),
        "{schedule}"
    );

    let at = page.find("<section class=\"nq-impact\"").expect("a services section");
    let impact = &page[at..at + page[at..].find("</section>").unwrap()];
    assert!(impact.contains("<h2>State services this act changes</h2>"));
    assert_eq!(impact.matches("<li><a href=\"/services/").count(), 9, "{impact}");
    assert!(hrefs(impact).contains(&"/services/V1400010273-att_1?lang=en&as_of=2025-12-06".to_string()));
    assert!(
        impact.contains("6 December 2025: Changes in the passport: Service provider"),
        "{impact}"
    );
    assert!(hrefs(impact).contains(&"/acts/V1400010273?lang=en&as_of=2025-12-06#att_1__para_4".to_string()));

    let (_, kk) = html(&s, "/acts/V2500037008?lang=kk&as_of=2025-10-10");
    assert!(
        kk.contains("Қолданысқа енгізілу тәртібі")
            && kk.contains("алғашқы ресми жарияланған күнінен кейін күнтізбелік 60 күн өткен соң")
    );
    let (_, home) = html(&s, "/?lang=kk");
    assert!(hrefs(&home).contains(&"/acts/V2500037008?lang=kk#changes".to_string()));
    assert!(home.contains(">40 операция</a>"));
    let (_, base) = html(&s, "/acts/V1400010273?lang=en");
    assert!(!base.contains("nq-schedule") && !base.contains("nq-impact"));
}

/// `/services` lists the services in force on a date, each linked to its passport;
/// a passport cites each value's clause, on that date, with the act that made it, and
/// says so where the texts held do not state a value.
#[test]
fn the_services_pages_list_services_and_show_passports_with_their_sources() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path());
    let (status, list) = html(&s, "/services?lang=ru&as_of=2026-01-15");
    assert_eq!(status, StatusCode::OK);
    assert!(list.contains("<h1>Государственные услуги</h1>"));
    assert_eq!(
        list.matches("<tr><th scope=\"row\"><a href=\"/services/").count(),
        9,
        "{list}"
    );
    assert!(hrefs(&list).contains(&"/services/V1400010273-att_1?lang=ru&as_of=2026-01-15".to_string()));
    assert!(list.contains("приказ № 350 (30.12.2014)"));

    let (status, p) = html(&s, "/services/V1400010273-att_1?lang=en&as_of=2026-01-15");
    assert_eq!(status, StatusCode::OK);
    assert!(
        p.contains("<h1 lang=\"kk\">Жарылыс жұмыстарын жүргізуге рұқсат беру</h1>"),
        "{p}"
    );
    let at = p
        .find("<th scope=\"row\">Service provider</th>")
        .expect("the provider row");
    let provider = &p[at..at + p[at..].find("</tr>").unwrap()];
    assert!(
        hrefs(provider).contains(&"/acts/V1400010273?lang=en&as_of=2026-01-15#att_1__para_4".to_string()),
        "{provider}"
    );
    assert!(
        provider.contains("from 6 December 2025") && provider.contains("Order No. 429 (30.09.2025), the List, item 1"),
        "{provider}"
    );
    assert!(
        p.contains("Not stated in the texts held"),
        "the form, fee… are not stated in the texts held"
    );

    let (_, before) = html(&s, "/services/V1400010273-att_1?lang=en&as_of=2025-10-10");
    let at = before.find("<th scope=\"row\">Service provider</th>").unwrap();
    assert!(
        before[at..at + 400].contains("Not stated in the texts held"),
        "before Order 429 paragraph 4 is not held"
    );
    assert!(before.contains("<h2>Changes not yet in force</h2>") || !before.contains("nq-upcoming"));

    assert_eq!(html(&s, "/services/V1400010273?lang=en").0, StatusCode::BAD_REQUEST);
    assert_eq!(html(&s, "/services/V1400010273-att_9?lang=en").0, StatusCode::NOT_FOUND);
    assert_eq!(html(&s, "/services?as_of=2026-13-01").0, StatusCode::BAD_REQUEST);
}

/// A clause's history page lists its versions newest first with their periods, the act
/// and item that made each, a link to the act on its first day, and the word diff from
/// the version before; the act page links every changed clause to it.
#[test]
fn a_clause_s_history_page_shows_every_version_with_its_diff() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path());
    let (_, act) = html(&s, "/acts/V1400010273?lang=en&as_of=2026-01-15");
    assert!(hrefs(&act).contains(&"/acts/V1400010273/history/att_1__para_4?lang=en&as_of=2026-01-15".to_string()));
    let (status, h) = html(&s, "/acts/V1400010273/history/att_1__para_4?lang=en&as_of=2026-01-15");
    assert_eq!(status, StatusCode::OK);
    assert!(
        h.contains("<h1><span class=\"nq-kicker\">Order No. 350 (30.12.2014)</span>the Rules, paragraph 4</h1>"),
        "{h}"
    );
    let newest = h
        .find("from 6 December 2025 <span class=\"nq-kind\">(in force on the date shown)</span>")
        .expect("the current version first");
    let older = h
        .find("from 30 December 2014 — to 5 December 2025 inclusive")
        .expect("the base version, ended");
    assert!(newest < older, "newest first");
    assert!(h[newest..older].contains("Order No. 429 (30.09.2025), the List, item 1"));
    assert!(hrefs(&h).contains(&"/acts/V1400010273?lang=en&as_of=2025-12-06#att_1__para_4".to_string()));
    assert!(h[older..].contains("Text not held by the registry"), "{h}");
    assert!(h[newest..older].contains("First known text"));

    // A clause whose text changes word for word: Order 186, paragraph 2 of its Rules.
    let (_, h) = html(&s, "/acts/V2000020340/history/att_1__para_2?lang=ru&as_of=2026-01-15");
    assert!(h.contains("История пункта"));
    let (_, ru_bad) = html(&s, "/acts/V1400010273/history/att_1__para_999?lang=ru");
    assert!(ru_bad.contains("404") || ru_bad.contains("Не найдено"));
    assert_eq!(
        html(&s, "/acts/V1400010273/history/att_1__para_999").0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        html(&s, "/acts/V1400010273/history/not%20an%20eid").0,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(html(&s, "/acts/V1499999999/history/att_1").0, StatusCode::NOT_FOUND);
}

/// A query that reads as Russian gets a note that only the Kazakh texts are searched; a
/// Kazakh one does not.
#[test]
fn a_russian_query_is_told_that_only_kazakh_texts_are_searched() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path());
    let q = "%D0%B2%D0%B7%D1%80%D1%8B%D0%B2%D0%BD%D1%8B%D1%85%20%D1%80%D0%B0%D0%B1%D0%BE%D1%82"; // взрывных работ
    let (_, ru) = html(&s, &format!("/search?q={q}&lang=ru"));
    assert!(
        ru.contains("Поиск ведётся только по текстам на казахском языке"),
        "{ru}"
    );
    let (_, kk) = html(&s, "/search?q=%D0%B6%D0%B0%D1%80%D1%8B%D0%BB%D1%8B%D1%81&lang=ru"); // жарылыс
    assert!(!kk.contains("Поиск ведётся только"));
}

/// A GET with headers: the status, the answer's headers and its body.
fn get_with(
    state: &Arc<AppState>,
    uri: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let mut req = Request::builder().uri(uri);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let resp = router(state.clone())
            .oneshot(req.body(Body::empty()).unwrap())
            .await
            .unwrap();
        let (status, headers) = (resp.status(), resp.headers().clone());
        let body = axum::body::to_bytes(resp.into_body(), 64 << 20).await.unwrap().to_vec();
        (status, headers, body)
    })
}

/// The API answers under `/api/v1/`; `/api/` answers the same as a deprecated alias,
/// saying so and naming its successor.
#[test]
fn the_api_is_versioned_and_the_unversioned_routes_are_a_deprecated_alias() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path());
    for path in [
        "/acts",
        "/acts/V1400010273?as_of=2026-01-15",
        "/services?as_of=2026-01-15",
        "/acts/V2500037008/effect",
    ] {
        let (v1, h1, b1) = get_with(&s, &format!("/api/v1{path}"), &[]);
        let (old, h0, b0) = get_with(&s, &format!("/api{path}"), &[]);
        assert_eq!((v1, old), (StatusCode::OK, StatusCode::OK), "{path}");
        assert_eq!(b1, b0, "{path}: the same answer");
        assert!(h1.get("deprecation").is_none(), "{path}");
        assert_eq!(h0.get("deprecation").unwrap(), "@1796342400");
        assert_eq!(
            h0.get("link").unwrap().to_str().unwrap(),
            format!("</api/v1{path}>; rel=\"successor-version\"")
        );
    }
    let (status, _, body) = get_with(&s, "/api/v1/acts/V1499999999", &[]);
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(String::from_utf8_lossy(&body).contains("\"error\""));
    assert_eq!(get_with(&s, "/api/v2/acts", &[]).0, StatusCode::NOT_FOUND);
}

/// Every successful GET of the API carries a strong ETag that changes with the answer;
/// If-None-Match with it gets 304 and no body; pages carry none.
#[test]
fn api_answers_carry_an_etag_and_if_none_match_gets_304() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path());
    let uri = "/api/v1/acts/V1400010273?as_of=2026-01-15";
    let (status, h, body) = get_with(&s, uri, &[]);
    assert_eq!(status, StatusCode::OK);
    let tag = h.get("etag").expect("an ETag").to_str().unwrap().to_string();
    assert!(
        tag.starts_with('"') && tag.ends_with('"') && !tag.starts_with("W/"),
        "strong: {tag}"
    );
    // A past day of an act with nothing pending holds until the next publication.
    assert_eq!(
        h.get("cache-control").unwrap(),
        "public, max-age=3600, stale-while-revalidate=86400"
    );
    for (state, ask) in [
        (&s, "/api/v1/acts/V1400010273"),
        (&s, "/api/v1/acts"),
        (&s, "/api/v1/acts/V1400010273/versions"),
        (&s, "/api/v1/acts/V1400010273?as_of=2999-01-01"),
    ] {
        assert_eq!(
            get_with(state, ask, &[]).1.get("cache-control").unwrap(),
            "no-cache",
            "{ask}"
        );
    }
    let unpublished = state_without_index();
    let (_, pending, _) = get_with(&unpublished, uri, &[]);
    assert_eq!(
        pending.get("cache-control").unwrap(),
        "no-cache",
        "a pending change may alter it"
    );
    let (_, diff, _) = get_with(&s, "/api/v1/acts/V1400010273/diff?from=2025-10-05&to=2026-01-15", &[]);
    assert_eq!(
        diff.get("cache-control").unwrap(),
        "public, max-age=3600, stale-while-revalidate=86400"
    );
    assert!(!body.is_empty());
    let (again, h2, _) = get_with(&s, uri, &[]);
    assert_eq!(
        (again, h2.get("etag").unwrap().to_str().unwrap()),
        (StatusCode::OK, tag.as_str())
    );
    let (status, h3, body) = get_with(&s, uri, &[("if-none-match", &tag)]);
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert!(body.is_empty());
    assert_eq!(h3.get("etag").unwrap().to_str().unwrap(), tag);
    let (status, _, _) = get_with(&s, uri, &[("if-none-match", "\"other\"")]);
    assert_eq!(status, StatusCode::OK);
    // Last-Modified is the snapshot's; If-Modified-Since at or after it gets 304,
    // before it the answer; If-None-Match, when sent, decides alone.
    let lm = h
        .get("last-modified")
        .expect("Last-Modified")
        .to_str()
        .unwrap()
        .to_string();
    let made = httpdate::parse_http_date(&lm).unwrap();
    assert_eq!(
        get_with(&s, uri, &[("if-modified-since", &lm)]).0,
        StatusCode::NOT_MODIFIED
    );
    let earlier = httpdate::fmt_http_date(made - std::time::Duration::from_secs(3600));
    assert_eq!(get_with(&s, uri, &[("if-modified-since", &earlier)]).0, StatusCode::OK);
    assert_eq!(
        get_with(&s, uri, &[("if-modified-since", &lm), ("if-none-match", "\"other\"")]).0,
        StatusCode::OK
    );
    let (_, other, _) = get_with(&s, "/api/v1/acts/V1400010273?as_of=2025-10-05", &[]);
    assert_ne!(
        other.get("etag").unwrap().to_str().unwrap(),
        tag,
        "another version, another tag"
    );
    let (_, page, _) = get_with(&s, "/acts/V1400010273?as_of=2026-01-15", &[]);
    assert!(page.get("etag").is_none());
    let (status, h, _) = get_with(&s, "/api/v1/acts/V1499999999", &[]);
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(h.get("etag").is_none(), "errors are not tagged");
}

/// `/api/v1/acts/{id}/versions` lists every version with its expression URI, and the
/// changes still waiting for an event.
#[test]
fn the_versions_route_lists_every_version_date() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path());
    let (status, v) = json(&s, "/api/v1/acts/V1400010273/versions");
    assert_eq!(status, StatusCode::OK);
    let versions = v["versions"].as_array().unwrap();
    assert_eq!(versions[0]["from"], "2014-12-30");
    assert_eq!(versions[0]["to"], versions[1]["from"]);
    assert!(versions.last().unwrap()["to"].is_null());
    assert!(
        versions
            .iter()
            .any(|x| x["from"] == "2025-12-06" && x["expression"] == "/akn/kz/act/order/2014-12-30/350/kaz@2025-12-06"),
        "{v}"
    );
    assert_eq!(
        v["pending"].as_array().map(Vec::len),
        Some(0),
        "Order 429 is published here"
    );
    let unpublished = state_without_index();
    let (_, v) = json(&unpublished, "/api/v1/acts/V1400010273/versions");
    assert!(
        !v["pending"].as_array().unwrap().is_empty(),
        "its changes wait for the publication"
    );
    assert_eq!(json(&s, "/api/v1/acts/V1499999999/versions").0, StatusCode::NOT_FOUND);
}

/// `/api/v1/acts/{id}/impact` gives the services an amending act changes; an act that
/// amends nothing gets 404.
#[test]
fn the_impact_route_gives_the_services_an_amending_act_changes() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path());
    let (status, v) = json(&s, "/api/v1/acts/V2500037008/impact");
    assert_eq!(status, StatusCode::OK);
    assert_eq!(v["act"], "V2500037008");
    assert_eq!(v["services"].as_array().map(Vec::len), Some(9));
    assert_eq!(json(&s, "/api/v1/acts/V1400010273/impact").0, StatusCode::NOT_FOUND);
}

/// `/api/v1/status` says what the server serves: its corpus generation, its counts.
#[test]
fn the_status_route_names_the_corpus_generation_served() {
    let dir = tempfile::tempdir().unwrap();
    let s = state(dir.path());
    let (status, v) = json(&s, "/api/v1/status");
    assert_eq!(status, StatusCode::OK);
    assert_eq!(v["acts"], 8);
    assert!(v["versions"].as_u64().is_some_and(|n| n > 100));
    assert_eq!(v["corpus_generation"], "web", "the generation the index was built for");
    assert_eq!(v["read_only"], true);
    assert!(chrono::DateTime::parse_from_rfc3339(v["snapshot_made"].as_str().unwrap()).is_ok());
    let (_, v) = json(&state_without_index(), "/api/v1/status");
    assert!(v["corpus_generation"].is_null());
}

//! The publishing desk in the UI: login into a session, CSRF on every form, a draft
//! submitted, reported, previewed, approved by another and published through forms.

use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use nusqa::corpus;
use nusqa::publishing::{Desk, create_token};
use nusqa::state::{DraftStore, Role, StateDir};
use nusqa::web::{AppState, router};
use tower::ServiceExt;

struct Ui {
    _tmp: tempfile::TempDir,
    app: Router,
    alice: String,
    bob: String,
}

fn ui() -> Ui {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    crate::support::copy_without_429(&corpus);
    let sdir = StateDir::open(&tmp.path().join("state")).unwrap();
    let alice = create_token(&sdir, &corpus, "alice", Role::Publisher, "test")
        .unwrap()
        .expose()
        .to_string();
    let bob = create_token(&sdir, &corpus, "bob", Role::Publisher, "test")
        .unwrap()
        .expose()
        .to_string();
    let library = corpus::load(&corpus).unwrap().library;
    let desk = Desk {
        corpus,
        opts: corpus::LoadOptions::default(),
        drafts: DraftStore::new(sdir),
    };
    Ui {
        app: router(Arc::new(AppState::with_writer(library, None, desk))),
        _tmp: tmp,
        alice,
        bob,
    }
}

struct Answer {
    status: StatusCode,
    location: String,
    cookies: Vec<String>,
    body: String,
}

async fn send(
    app: &Router,
    method: Method,
    uri: &str,
    cookies: &str,
    form: Option<Vec<(&str, &str)>>,
    https: bool,
) -> Answer {
    let mut req = Request::builder().method(method).uri(uri);
    if !cookies.is_empty() {
        req = req.header(header::COOKIE, cookies);
    }
    if https {
        req = req.header("x-forwarded-proto", "https");
    }
    let req = match form {
        Some(fields) => {
            let body: String = fields
                .iter()
                .map(|(k, v)| format!("{k}={}", urlencode(v)))
                .collect::<Vec<_>>()
                .join("&");
            req.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
        }
        None => req.body(Body::empty()),
    }
    .unwrap();
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let location = res
        .headers()
        .get(header::LOCATION)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let cookies = res
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    let body = String::from_utf8(axum::body::to_bytes(res.into_body(), 16 << 20).await.unwrap().to_vec()).unwrap();
    Answer {
        status,
        location,
        cookies,
        body,
    }
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Logs in with `token`; returns the Cookie header and the CSRF token.
async fn login(app: &Router, token: &str) -> (String, String) {
    let a = send(
        app,
        Method::POST,
        "/login",
        "",
        Some(vec![("token", token), ("lang", "en")]),
        false,
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    assert_eq!(a.location, "/desk?lang=en");
    let pairs: Vec<String> = a
        .cookies
        .iter()
        .map(|c| c.split(';').next().unwrap().to_string())
        .collect();
    let csrf = pairs
        .iter()
        .find_map(|p| p.strip_prefix("nusqa_csrf="))
        .unwrap()
        .to_string();
    (pairs.join("; "), csrf)
}

fn order_429() -> (String, String) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/acts/V25/V2500037008");
    (
        std::fs::read_to_string(dir.join("act.json")).unwrap(),
        crate::draft_text::order_429_plain(),
    )
}

#[tokio::test]
async fn a_login_gives_a_strict_http_only_session_and_a_bad_token_none() {
    let u = ui();
    let a = send(&u.app, Method::GET, "/desk?lang=ru", "", None, false).await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    assert_eq!(a.location, "/login?lang=ru");
    let a = send(&u.app, Method::GET, "/login?lang=ru", "", None, false).await;
    assert!(a.body.contains("Токен доступа"), "{}", a.body);
    let a = send(
        &u.app,
        Method::POST,
        "/login",
        "",
        Some(vec![("token", "nusqa_wrong"), ("lang", "kk")]),
        false,
    )
    .await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED);
    assert!(a.cookies.is_empty());
    assert!(a.body.contains("Токен жарамсыз"), "{}", a.body);
    let a = send(
        &u.app,
        Method::POST,
        "/login",
        "",
        Some(vec![("token", &u.alice)]),
        true,
    )
    .await;
    assert_eq!(a.cookies.len(), 2);
    for c in &a.cookies {
        assert!(
            c.contains("HttpOnly") && c.contains("SameSite=Strict") && c.contains("Secure"),
            "{c}"
        );
        assert!(!c.contains(&u.alice), "the token is not the session");
    }
    let plain = send(
        &u.app,
        Method::POST,
        "/login",
        "",
        Some(vec![("token", &u.alice)]),
        false,
    )
    .await;
    assert!(plain.cookies.iter().all(|c| !c.contains("Secure")));
    let (cookies, csrf) = login(&u.app, &u.alice).await;
    let a = send(&u.app, Method::GET, "/desk?lang=en", &cookies, None, false).await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(
        a.body.contains(&format!("name=\"csrf\" value=\"{csrf}\"")),
        "every form carries the CSRF token"
    );
    assert!(a.body.contains("alice"));
}

#[tokio::test]
async fn a_form_without_its_csrf_token_is_refused_and_writes_nothing() {
    let u = ui();
    let (cookies, csrf) = login(&u.app, &u.alice).await;
    let (meta, text) = order_429();
    for bad in ["", "c_forged", csrf.as_str()] {
        // The right token but another session's cookie is as bad as no token.
        let jar = if bad == csrf {
            "nusqa_session=s_other"
        } else {
            cookies.as_str()
        };
        let a = send(
            &u.app,
            Method::POST,
            "/desk/drafts",
            jar,
            Some(vec![("csrf", bad), ("meta", &meta), ("text", &text)]),
            false,
        )
        .await;
        assert!(
            matches!(a.status, StatusCode::FORBIDDEN | StatusCode::SEE_OTHER),
            "{bad}: {}",
            a.status
        );
        if a.status == StatusCode::SEE_OTHER {
            assert!(a.location.starts_with("/login"), "{}", a.location);
        }
    }
    let a = send(&u.app, Method::GET, "/desk", &cookies, None, false).await;
    assert!(
        a.body.contains("No drafts") || a.body.contains("Жобалар жоқ"),
        "{}",
        a.body
    );
}

#[tokio::test]
async fn order_429_goes_through_the_desk_from_submission_to_publication() {
    let u = ui();
    let (alice, alice_csrf) = login(&u.app, &u.alice).await;
    let (meta, text) = order_429();
    let a = send(
        &u.app,
        Method::POST,
        "/desk/drafts",
        &alice,
        Some(vec![
            ("csrf", &alice_csrf),
            ("lang", "en"),
            ("meta", &meta),
            ("text", &text),
        ]),
        false,
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let draft = a.location.clone();
    assert!(draft.starts_with("/desk/drafts/d"), "{draft}");
    let page = send(&u.app, Method::GET, &draft, &alice, None, false).await.body;
    assert!(page.contains("No problems found"), "{page}");
    // The preview: all seven target acts, with Order 350's paragraph 4 as a redline.
    assert_eq!(page.matches("class=\"nq-preview\"").count(), 7, "{page}");
    assert!(page.contains("data-eid=\"att_1__para_4\""));
    assert!(page.contains("<ins class=\"nq-ins\">"));
    // The submitter sees no approve button; another publisher does.
    assert!(!page.contains("/approve\""));
    let (bob, bob_csrf) = login(&u.app, &u.bob).await;
    let page = send(&u.app, Method::GET, &draft, &bob, None, false).await.body;
    assert!(page.contains("/approve\""));
    let id = draft
        .trim_start_matches("/desk/drafts/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let a = send(
        &u.app,
        Method::POST,
        &format!("/desk/drafts/{id}/approve"),
        &bob,
        Some(vec![("csrf", &bob_csrf), ("lang", "en")]),
        false,
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    let a = send(
        &u.app,
        Method::POST,
        &format!("/desk/drafts/{id}/publish"),
        &alice,
        Some(vec![("csrf", &alice_csrf), ("lang", "en")]),
        false,
    )
    .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.body);
    assert_eq!(a.location, "/acts/V2500037008?lang=en");
    let a = send(&u.app, Method::GET, &a.location, "", None, false).await;
    assert_eq!(a.status, StatusCode::OK);
    // Published: a second publish is refused with a page saying why.
    let a = send(
        &u.app,
        Method::POST,
        &format!("/desk/drafts/{id}/publish"),
        &alice,
        Some(vec![("csrf", &alice_csrf), ("lang", "ru")]),
        false,
    )
    .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.body.contains("Невозможно выполнить"), "{}", a.body);
}

#[tokio::test]
async fn a_problem_of_the_report_links_to_its_line() {
    let u = ui();
    let (alice, csrf) = login(&u.app, &u.alice).await;
    let (meta, text) = order_429();
    let broken = text.replacen(
        "5-тармақтың 1) тармақшасы алып тасталсын",
        "5-тармақтың 1) тармақшасы ұмытылсын",
        1,
    );
    let line = broken.lines().position(|l| l.contains("ұмытылсын")).unwrap() + 1;
    let a = send(
        &u.app,
        Method::POST,
        "/desk/drafts",
        &alice,
        Some(vec![("csrf", &csrf), ("meta", &meta), ("text", &broken)]),
        false,
    )
    .await;
    let page = send(&u.app, Method::GET, &a.location, &alice, None, false).await.body;
    assert!(page.contains("class=\"nq-error\""), "{page}");
    // The problem links to a line of the text, and that line is there, flagged.
    let href = page
        .split("href=\"#L")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap();
    let n: usize = href.parse().unwrap();
    assert!(
        page.contains(&format!("<li id=\"L{n}\" value=\"{n}\" class=\"nq-flagged\">")),
        "{page}"
    );
    assert!(n <= line, "the problem's line {n} is after the instruction's {line}");
    assert!(!page.contains("/approve\""), "a draft with errors cannot be approved");
}

#[tokio::test]
async fn a_docx_is_uploaded_through_the_desk_form_with_its_csrf_token() {
    let u = ui();
    let (cookies, csrf) = login(&u.app, &u.alice).await;
    let (meta, text) = order_429();
    let docx = crate::draft_text::docx_of(&text);
    let upload = |csrf: &str| {
        let boundary = "desk-upload-boundary";
        let mut body = Vec::new();
        for (name, file, bytes) in [
            ("csrf", None, csrf.as_bytes().to_vec()),
            ("lang", None, b"en".to_vec()),
            ("meta", None, meta.as_bytes().to_vec()),
            ("file", Some("order.docx"), docx.clone()),
        ] {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"").as_bytes(),
            );
            if let Some(f) = file {
                body.extend_from_slice(format!("; filename=\"{f}\"").as_bytes());
            }
            body.extend_from_slice(b"\r\n\r\n");
            body.extend_from_slice(&bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        Request::builder()
            .method(Method::POST)
            .uri("/desk/drafts")
            .header(header::COOKIE, cookies.as_str())
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(Body::from(body))
            .unwrap()
    };
    let res = u.app.clone().oneshot(upload("c_forged")).await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = u.app.clone().oneshot(upload(&csrf)).await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let location = res.headers()[header::LOCATION].to_str().unwrap().to_string();
    let page = send(&u.app, Method::GET, &location, &cookies, None, false).await.body;
    assert!(page.contains("No problems found"), "{page}");
    assert_eq!(page.matches("class=\"nq-preview\"").count(), 7);
}

//! The HTTP router in process: random methods and URIs built from the real route
//! shapes, filled with real and hostile values, plus random raw paths, sent through
//! [`crate::web::router`] with `tower::ServiceExt::oneshot` on a current-thread tokio
//! runtime.
//!
//! Checked: no panic; no status of 500 or above (the state has an index, so not even
//! 503); the body can be read; a successful JSON answer (to any method but `HEAD`,
//! whose answers have no body) is JSON. Counted, not failed:
//! error answers under `/api/` whose body is not `{"error": {"code", "message"}}`
//! (`non_json_api_errors`, and by status `non_json_api_errors_404`, `_405`, `_other`:
//! axum's own 404 and 405 have empty bodies until the router answers those in JSON too) and error pages elsewhere that are not HTML
//! (`non_html_page_errors`).

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, Uri};
use serde_json::Value;
use tower::ServiceExt;

use super::inputs::{any_text, chance, date_text, hostile, number, percent_encode, pick, words_of};
use super::{Counts, FuzzError, Harness, Samples, bump, shorten, shrink_text};
use crate::synth::Rng;
use crate::web::AppState;

/// A request: its method and its URI as text (which may not parse).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpCase {
    /// The method.
    pub method: String,
    /// The request target.
    pub uri: String,
}

/// What a query parameter holds.
#[derive(Debug, Clone, Copy)]
enum Param {
    Date,
    Bool,
    Num,
    Act,
    Lang,
    Notes,
    Query,
    Eid,
    Format,
}

const METHODS: &[&str] = &[
    "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "FOO", "get",
];

const ODD_IDS: &[&str] = &[
    "V",
    "V14",
    "v1400010273",
    "V1400010273x",
    "V14000102730",
    "V14000102730000000000",
    "V0000000000",
    "V9999999999",
    "W1400010273",
    "1400010273",
    "V-140001027",
    "V14 0010273",
    "Ⅴ1400010273",
    "V１４００010273",
    "V1400010273-att_1",
    "V1400010273-att_",
    "V1400010273-att_0",
    "V1400010273-att_999999999999999999999",
    "V1400010273-att_-1",
    "V1400010273-para_1",
    "V1400010273-att_1__para_1",
    "-att_1",
    "V9900000001-att_1",
];

const ODD_EIDS: &[&str] = &[
    "att_1__",
    "__",
    "att_1____para_1",
    "para_99999999999999999",
    "para_0",
    "ATT_1",
    "att",
    "preface_1",
    "att_1__para_1__subpara_1__abz_1__table_1__row_1__cell_1",
    "cell_1",
    "att_1__para_6__subpara_1",
    "att_1__para_18-1",
    "att_1__para_-1",
    "att_1__para_1.",
];

const WORDS: &[&str] = &[
    "жарылыс",
    "жұмыстарын",
    "қағида*",
    "рұқсат",
    "AND",
    "OR",
    "NOT",
    "\"рұқсат беру\"",
    "«",
    "(",
    ")",
    "*",
    "правила",
    "a: *",
    "act:*",
    "valid_from:>5",
];

/// The HTTP harness.
pub struct HttpHarness {
    app: Router,
    rt: tokio::runtime::Runtime,
    acts: Vec<String>,
    eids: Vec<String>,
    words: Vec<String>,
}

fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread().enable_all().build()
}

impl HttpHarness {
    /// A harness over the router of `state`.
    pub fn new(state: &Arc<AppState>) -> Result<HttpHarness, FuzzError> {
        let snap = state.snapshot();
        if snap.index.is_none() {
            return Err(FuzzError::NoIndex);
        }
        let lib = &snap.library;
        let acts: Vec<String> = lib.acts().map(|a| a.id.to_string()).collect();
        let mut eids: Vec<String> = Vec::new();
        for a in lib.acts() {
            if let Some(tl) = lib.timeline(&a.id) {
                let mut e: Vec<String> = tl.nodes.keys().map(|e| e.to_string()).collect();
                e.sort();
                eids.extend(e.into_iter().step_by(3));
            }
        }
        let mut texts = Vec::new();
        let bases: Vec<_> = lib.acts().filter_map(|a| lib.base(&a.id)).collect();
        for b in &bases {
            for n in b {
                n.walk(&mut |n| texts.extend(n.content.text()));
            }
        }
        Ok(HttpHarness {
            app: crate::web::router(state.clone()),
            rt: runtime()?,
            acts,
            eids,
            words: words_of(texts, 1000),
        })
    }

    /// A value of kind `p`, not yet encoded.
    fn value(&self, rng: &mut Rng, p: Param) -> String {
        if chance(rng, 15) {
            return hostile(rng);
        }
        match p {
            Param::Date => date_text(rng),
            Param::Bool => pick(rng, &["true", "false", "1", "0", "TRUE", "", "yes", "on"]).to_string(),
            Param::Num => match rng.below(4) {
                0 => number(rng),
                1 => pick(
                    rng,
                    &["0", "100", "101", "10000", "10001", "18446744073709551615", "-5"],
                )
                .to_string(),
                _ => rng.below(30).to_string(),
            },
            Param::Act => self.act_id(rng),
            Param::Lang => pick(rng, &["kk", "ru", "en", "KK", "xx", ""]).to_string(),
            Param::Notes => pick(rng, &["kk", "ru", "none", "en", "NONE", ""]).to_string(),
            Param::Eid => self.eid(rng),
            Param::Format => pick(rng, &["atom", "json", "rss", "JSON", ""]).to_string(),
            Param::Query => {
                let n = rng.below(6);
                let q: Vec<String> = (0..n)
                    .map(|_| match rng.below(3) {
                        0 => pick(rng, WORDS).to_string(),
                        1 => pick(rng, &self.words).clone(),
                        _ => hostile(rng),
                    })
                    .collect();
                q.join(" ")
            }
        }
    }

    fn act_id(&self, rng: &mut Rng) -> String {
        match rng.below(10) {
            0..=5 => pick(rng, &self.acts).clone(),
            6 => format!("V99{:08}", rng.below(100_000_000)),
            7 | 8 => pick(rng, ODD_IDS).to_string(),
            _ => hostile(rng),
        }
    }

    fn service_id(&self, rng: &mut Rng) -> String {
        match rng.below(4) {
            0 | 1 => format!("{}-att_{}", pick(rng, &self.acts), 1 + rng.below(4)),
            2 => pick(rng, ODD_IDS).to_string(),
            _ => self.act_id(rng),
        }
    }

    fn eid(&self, rng: &mut Rng) -> String {
        match rng.below(10) {
            0..=6 if !self.eids.is_empty() => pick(rng, &self.eids).clone(),
            7 | 8 => pick(rng, ODD_EIDS).to_string(),
            _ => hostile(rng),
        }
    }

    /// `value` as it goes into the URI: percent-encoded (spaces sometimes as `+`),
    /// raw (bad encodings and all), or replaced by percent-encoded random bytes.
    fn encode(&self, rng: &mut Rng, value: &str) -> String {
        match rng.below(10) {
            0..=5 => percent_encode(value.as_bytes()),
            6 => percent_encode(value.as_bytes()).replace("%20", "+"),
            7 | 8 => value.to_string(),
            _ => {
                let bytes: Vec<u8> = (0..1 + rng.below(12)).map(|_| rng.next_u64() as u8).collect();
                percent_encode(&bytes)
            }
        }
    }

    fn query_string(&self, rng: &mut Rng, params: &[(&str, Param)]) -> String {
        let mut parts: Vec<String> = Vec::new();
        for &(name, p) in params {
            if chance(rng, 65) {
                let v = self.value(rng, p);
                parts.push(format!("{name}={}", self.encode(rng, &v)));
            }
            if chance(rng, 8) {
                let v = self.value(rng, p);
                parts.push(format!("{name}={}", self.encode(rng, &v)));
            }
        }
        if chance(rng, 10) {
            parts.push(
                pick(
                    rng,
                    &[
                        "zzz=1",
                        "lang",
                        "=x",
                        "as_of",
                        "q",
                        "&",
                        "",
                        ";",
                        "a=b=c",
                        "%3D=%26",
                        "lang=ru&lang=en",
                    ],
                )
                .to_string(),
            );
        }
        let i = rng.below(parts.len() + 1);
        if chance(rng, 5) {
            parts.insert(i, String::new());
        }
        parts.join("&")
    }

    fn route(&self, rng: &mut Rng) -> String {
        use Param::*;
        let id = {
            let v = self.act_id(rng);
            if chance(rng, 80) {
                percent_encode(v.as_bytes())
            } else {
                v
            }
        };
        let (path, params): (String, &[(&str, Param)]) = match rng.below(27) {
            0 => ("/api/acts".into(), &[]),
            1 => (format!("/api/acts/{id}"), &[("as_of", Date), ("notes", Notes)]),
            2 => {
                let e = self.eid(rng);
                (format!("/api/acts/{id}/history/{}", self.encode(rng, &e)), &[])
            }
            3 => (format!("/api/acts/{id}/ops"), &[]),
            4 => (
                format!("/api/acts/{id}/diff"),
                &[("from", Date), ("to", Date), ("raw", Bool)],
            ),
            5 => (format!("/api/acts/{id}/effect"), &[("target", Act)]),
            6 => (format!("/api/acts/{id}/blame"), &[("as_of", Date)]),
            7 => (format!("/api/acts/{id}/akn"), &[("as_of", Date)]),
            8 => (
                "/api/search".into(),
                &[
                    ("q", Query),
                    ("as_of", Date),
                    ("any_time", Bool),
                    ("act", Act),
                    ("limit", Num),
                    ("offset", Num),
                ],
            ),
            9 => ("/api/services".into(), &[("as_of", Date)]),
            10 => {
                let s = self.service_id(rng);
                (format!("/api/services/{}", self.encode(rng, &s)), &[("as_of", Date)])
            }
            11 => ("/".into(), &[("lang", Lang)]),
            12 => (format!("/acts/{id}"), &[("as_of", Date), ("lang", Lang)]),
            13 => (
                format!("/acts/{id}/diff"),
                &[("from", Date), ("to", Date), ("lang", Lang)],
            ),
            14 => ("/search".into(), &[("q", Query), ("as_of", Date), ("lang", Lang)]),
            15 => ("/static/style.css".into(), &[]),
            16 => (format!("/api/v1/acts/{id}/versions"), &[]),
            17 => (format!("/api/v1/acts/{id}/impact"), &[]),
            18 => (format!("/api/v1/acts/{id}/feed"), &[("eid", Eid), ("format", Format)]),
            19 => ("/api/v1/feed".into(), &[("format", Format)]),
            20 => {
                let e = self.eid(rng);
                (
                    format!("/acts/{id}/history/{}", self.encode(rng, &e)),
                    &[("as_of", Date), ("lang", Lang)],
                )
            }
            21 => ("/services".into(), &[("as_of", Date), ("lang", Lang)]),
            22 => {
                let s = self.service_id(rng);
                (
                    format!("/services/{}", self.encode(rng, &s)),
                    &[("as_of", Date), ("lang", Lang)],
                )
            }
            23 => (format!("/acts/{id}/reconcile"), &[("as_of", Date), ("lang", Lang)]),
            24 => {
                let date = date_text(rng);
                let number = pick(rng, &["350", "429", "1100", "0", "x"]).to_string();
                let tail = if chance(rng, 2) {
                    format!("/kaz@{}", date_text(rng))
                } else {
                    String::new()
                };
                (
                    format!("/akn/kz/act/order/{}/{number}{tail}", self.encode(rng, &date)),
                    &[],
                )
            }
            25 => (format!("/api/v1/acts/{id}"), &[("as_of", Date), ("notes", Notes)]),
            _ => return self.raw_path(rng),
        };
        let query = self.query_string(rng, params);
        let mut uri = path;
        if !query.is_empty() || chance(rng, 5) {
            uri.push('?');
            uri.push_str(&query);
        }
        if chance(rng, 3) {
            uri.push_str(pick::<&str>(rng, &["#frag", "/", "//", "%", "?"]));
        }
        uri
    }

    fn raw_path(&self, rng: &mut Rng) -> String {
        const SEGMENTS: &[&str] = &[
            "api",
            "api",
            "acts",
            "acts",
            "search",
            "services",
            "static",
            "style.css",
            "history",
            "diff",
            "ops",
            "effect",
            "blame",
            "akn",
            "..",
            ".",
            "",
            "%2e%2e",
            "%2F",
            "%00",
            "~",
            "index.html",
            "API",
            "favicon.ico",
        ];
        let mut path = String::new();
        if chance(rng, 5) {
            path.push_str(pick::<&str>(
                rng,
                &["http://localhost", "https://example.org:8080", "*", "//evil.example"],
            ));
        }
        for _ in 0..rng.below(7) {
            path.push('/');
            let seg = match rng.below(8) {
                0..=3 => pick(rng, SEGMENTS).to_string(),
                4 => pick(rng, &self.acts).clone(),
                5 => self.eid(rng),
                6 => {
                    let h = hostile(rng);
                    self.encode(rng, &h)
                }
                _ => any_text(rng, 10),
            };
            path.push_str(&seg);
        }
        if path.is_empty() || chance(rng, 10) {
            path.push('/');
        }
        if chance(rng, 30) {
            path.push('?');
            let q = self.value(rng, Param::Query);
            path.push_str(&self.encode(rng, &q));
        }
        path
    }
}

/// True when `body` is `{"error": {"code": "…", "message": "…"}}`.
fn is_error_json(body: &[u8]) -> bool {
    serde_json::from_slice::<Value>(body)
        .is_ok_and(|v| v["error"]["code"].is_string() && v["error"]["message"].is_string())
}

impl Harness for HttpHarness {
    type Input = HttpCase;

    fn generate(&mut self, rng: &mut Rng) -> HttpCase {
        let method = if chance(rng, 75) { "GET" } else { pick(rng, METHODS) }.to_string();
        HttpCase {
            method,
            uri: self.route(rng),
        }
    }

    fn check(&mut self, case: &HttpCase, counts: &mut Counts, samples: &mut Samples) -> Result<(), String> {
        let Ok(method) = Method::from_bytes(case.method.as_bytes()) else {
            bump(counts, "invalid_method");
            return Ok(());
        };
        let Ok(uri) = case.uri.parse::<Uri>() else {
            // hyper refuses such a request line before any router sees it.
            bump(counts, "invalid_uri");
            return Ok(());
        };
        let path = uri.path().to_string();
        let Ok(req) = Request::builder().method(method.clone()).uri(uri).body(Body::empty()) else {
            bump(counts, "invalid_request");
            return Ok(());
        };
        let app = self.app.clone();
        let (status, ctype, body) = self.rt.block_on(async move {
            let resp = match app.oneshot(req).await {
                Ok(r) => r,
                Err(e) => match e {},
            };
            let status = resp.status();
            let ctype = resp
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string();
            let body = axum::body::to_bytes(resp.into_body(), 256 << 20).await;
            (status, ctype, body)
        });
        let body = body.map_err(|e| format!("the body cannot be read\n{e}"))?;
        let show = || format!("{status} {} {}", case.method, shorten(&case.uri, 160));
        if status.is_server_error() {
            return Err(format!(
                "status {}\n{}: {}",
                status.as_u16(),
                show(),
                shorten(&String::from_utf8_lossy(&body), 300)
            ));
        }
        bump(
            counts,
            match status.as_u16() {
                200..=299 => "status_2xx",
                300..=399 => "status_3xx",
                400..=499 => "status_4xx",
                _ => "status_other",
            },
        );
        let api = path == "/api" || path.starts_with("/api/");
        if status.is_success()
            && method != Method::HEAD
            && ctype.starts_with("application/json")
            && serde_json::from_slice::<Value>(&body).is_err()
        {
            return Err(format!("a JSON answer that is not JSON\n{}", show()));
        }
        if status.as_u16() >= 400 && method != Method::HEAD {
            if api && !is_error_json(&body) {
                bump(counts, "non_json_api_errors");
                bump(
                    counts,
                    match status.as_u16() {
                        404 => "non_json_api_errors_404",
                        405 => "non_json_api_errors_405",
                        _ => "non_json_api_errors_other",
                    },
                );
                samples.note("non_json_api_errors", || {
                    format!("{}: {ctype:?}, {} bytes", show(), body.len())
                });
            }
            if !api && !ctype.starts_with("text/html") {
                bump(counts, "non_html_page_errors");
                samples.note("non_html_page_errors", || {
                    format!("{}: {ctype:?}, {} bytes", show(), body.len())
                });
            }
        }
        Ok(())
    }

    fn shrink(&self, case: &HttpCase) -> Box<dyn Iterator<Item = HttpCase>> {
        let mut out = Vec::new();
        if case.method != "GET" {
            out.push(HttpCase {
                method: "GET".into(),
                uri: case.uri.clone(),
            });
        }
        let method = case.method.clone();
        Box::new(out.into_iter().chain(shrink_text(&case.uri).map(move |uri| HttpCase {
            method: method.clone(),
            uri,
        })))
    }

    fn show(&self, case: &HttpCase) -> String {
        format!("{} {}", case.method, case.uri)
    }

    fn after_panic(&mut self) {
        if let Ok(rt) = runtime() {
            self.rt = rt;
        }
    }
}

//! The web UI's pages, rendered on the server from the templates in the top-level
//! `web/` folder. Every page works without JavaScript.

use std::fmt::Write;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use chrono::NaiveDate;
use serde::Deserialize;

use super::AppState;
use super::i18n::{code, parse, t};
use crate::consolidate::{self, ConsolidatedNode, Status};
use crate::diff::html::escape;
use crate::model::{Lang, RegistryId};
use crate::render::label;

const LAYOUT: &str = include_str!("../../web/templates/layout.html");
const STYLE: &str = include_str!("../../web/static/style.css");

/// Query parameters common to the pages.
#[derive(Deserialize, Default)]
pub struct PageQuery {
    lang: Option<String>,
    as_of: Option<String>,
    from: Option<String>,
    to: Option<String>,
    q: Option<String>,
}

fn page(lang: Lang, title: &str, query: &str, path: &str, body: &str) -> Html<String> {
    let mut langs = String::new();
    for l in [Lang::Kk, Lang::Ru, Lang::En] {
        let current = if l == lang { " aria-current=\"true\"" } else { "" };
        let sep = if path.contains('?') { '&' } else { '?' };
        let _ = write!(
            langs,
            "<a href=\"{}{sep}lang={}\"{current}>{}</a>",
            escape(path),
            code(l),
            code(l).to_uppercase()
        );
    }
    Html(
        LAYOUT
            .replace("{{lang}}", code(lang))
            .replace("{{title}}", &escape(title))
            .replace("{{query}}", &escape(query))
            .replace("{{search_placeholder}}", t(lang, "search_placeholder"))
            .replace("{{search_button}}", t(lang, "search"))
            .replace("{{langs}}", &langs)
            .replace("{{footer}}", t(lang, "footer"))
            .replace("{{body}}", body),
    )
}

fn error_page(lang: Lang, status: StatusCode, message: &str) -> Response {
    (
        status,
        page(
            lang,
            "error",
            "",
            "/",
            &format!("<p class=\"nq-error\">{}</p>", escape(message)),
        ),
    )
        .into_response()
}

/// Percent-encodes a query parameter value.
fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn date_of(s: Option<&str>) -> Result<Option<NaiveDate>, String> {
    s.filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<NaiveDate>()
                .map_err(|_| format!("`{s}` is not a date (YYYY-MM-DD)"))
        })
        .transpose()
}

/// `GET /static/style.css`.
pub async fn style() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE).into_response()
}

/// `GET /`: the acts.
pub async fn index(State(s): State<Arc<AppState>>, Query(q): Query<PageQuery>) -> Response {
    let lang = parse(q.lang.as_deref());
    let mut body = format!("<h1>{}</h1><table class=\"nq-acts\">", t(lang, "acts"));
    for a in s.library.acts() {
        let ops = s.library.ops_by(&a.id).len();
        let ops = if ops > 0 {
            format!("{ops} {}", t(lang, "operations"))
        } else {
            String::new()
        };
        let _ = write!(
            body,
            "<tr><td><a href=\"/acts/{id}?lang={l}\">{id}</a></td><td>{title}</td><td class=\"nq-meta\">№ {num}, {date}</td><td class=\"nq-meta\">{ops}</td></tr>",
            id = a.id,
            l = code(lang),
            title = escape(a.title(Lang::Kk)),
            num = escape(&a.number),
            date = a.date
        );
    }
    body.push_str("</table>");
    page(lang, t(lang, "acts"), "", "/", &body).into_response()
}

fn node_html(out: &mut String, n: &ConsolidatedNode<'_>, lang: Lang, notes: &crate::render::Notes) {
    let status = match n.status {
        Status::InForce => "in_force",
        Status::NotHeld => "not_held",
        Status::Repealed => "repealed",
        Status::Pending => "pending",
    };
    let _ = write!(
        out,
        "<div class=\"nq-node nq-{status}\" id=\"{}\">",
        escape(n.eid.as_str())
    );
    if let Some(l) = label(n.kind, n.num) {
        let _ = write!(out, "<span class=\"nq-num\">{}</span>", escape(&l));
    }
    if let Some(h) = n.heading {
        let _ = write!(out, "<span class=\"nq-heading\">{}</span>", escape(h));
    }
    match (n.status, n.text.filter(|t| !t.is_empty())) {
        (Status::NotHeld, _) => {
            let _ = write!(out, "<div class=\"nq-text\">{}</div>", t(lang, "not_held"));
        }
        (Status::Repealed, _) => {
            let _ = write!(out, "<div class=\"nq-text\">{}</div>", t(lang, "repealed"));
        }
        (_, Some(text)) => {
            out.push_str("<div class=\"nq-text\">");
            for line in text.lines() {
                let _ = write!(out, "<p>{}</p>", escape(line));
            }
            out.push_str("</div>");
        }
        _ => {}
    }
    if n.status == Status::Pending {
        let _ = write!(out, "<span class=\"nq-note\">{}</span>", t(lang, "pending"));
    }
    let by = match &n.source.item {
        None => format!("{} {}", t(lang, "base_text"), n.source.act),
        Some(item) => format!(
            "{} <a href=\"/acts/{act}?lang={l}\">{act}</a> {}",
            t(lang, "by"),
            escape(item),
            act = n.source.act,
            l = code(lang)
        ),
    };
    let since = match lang {
        Lang::Kk => format!("{} {}", n.since, t(lang, "since")),
        _ => format!("{} {}", t(lang, "since"), n.since),
    };
    let _ = write!(out, "<span class=\"nq-source\">{since} · {by}</span>");
    for note in notes.get(n.eid.as_str()).into_iter().flatten() {
        let _ = write!(out, "<span class=\"nq-note\">{}</span>", escape(note));
    }
    for c in &n.children {
        node_html(out, c, lang, notes);
    }
    out.push_str("</div>");
}

/// `GET /acts/{id}?as_of=`: an act as in force on a date, with its notes.
pub async fn act(State(s): State<Arc<AppState>>, Path(id): Path<String>, Query(q): Query<PageQuery>) -> Response {
    let lang = parse(q.lang.as_deref());
    let Ok(id) = id.parse::<RegistryId>() else {
        return error_page(lang, StatusCode::BAD_REQUEST, &format!("`{id}` is not a registry id"));
    };
    let (Some(act), Some(tl)) = (s.library.act(&id), s.library.timeline(&id)) else {
        return error_page(lang, StatusCode::NOT_FOUND, &format!("{id} is not in the corpus"));
    };
    let date = match date_of(q.as_of.as_deref()) {
        Ok(d) => d.unwrap_or_else(|| chrono::Local::now().date_naive()),
        Err(e) => return error_page(lang, StatusCode::BAD_REQUEST, &e),
    };
    let c = match consolidate::consolidate(tl, date) {
        Ok(c) => c,
        Err(e) => return error_page(lang, StatusCode::NOT_FOUND, &e.to_string()),
    };
    let notes_lang = if lang == Lang::Ru { Lang::Ru } else { Lang::Kk };
    let notes = crate::notes::notes_map(&s.library, tl, &c, notes_lang);
    let mut body = format!(
        "<h1>{}</h1><p class=\"nq-meta\">{} · {} · № {} · {}</p>\
<form method=\"get\"><input type=\"hidden\" name=\"lang\" value=\"{l}\"><label>{} <input type=\"date\" name=\"as_of\" value=\"{date}\"></label> <button>{}</button></form>\
<p><a href=\"/acts/{}/diff?lang={l}&to={date}\">{}</a> · <a href=\"/api/acts/{}/akn?as_of={date}\">Akoma Ntoso</a></p>",
        escape(act.title(Lang::Kk)),
        act.id,
        escape(act.work_uri.as_str()),
        escape(&act.number),
        act.date,
        t(lang, "in_force_on"),
        t(lang, "show"),
        act.id,
        t(lang, "changes"),
        act.id,
        l = code(lang),
    );
    for n in &c.nodes {
        node_html(&mut body, n, lang, &notes);
    }
    let path = format!("/acts/{}?as_of={date}", act.id);
    page(lang, act.title(Lang::Kk), "", &path, &body).into_response()
}

/// `GET /acts/{id}/diff?from=&to=`: the redline between two dates.
pub async fn diff(State(s): State<Arc<AppState>>, Path(id): Path<String>, Query(q): Query<PageQuery>) -> Response {
    let lang = parse(q.lang.as_deref());
    let Some(tl) = id.parse::<RegistryId>().ok().and_then(|id| s.library.timeline(&id)) else {
        return error_page(lang, StatusCode::NOT_FOUND, &format!("{id} is not in the corpus"));
    };
    let (from, to) = match (date_of(q.from.as_deref()), date_of(q.to.as_deref())) {
        (Ok(f), Ok(t)) => (
            f.unwrap_or(tl.base_date),
            t.unwrap_or_else(|| chrono::Local::now().date_naive()),
        ),
        (Err(e), _) | (_, Err(e)) => return error_page(lang, StatusCode::BAD_REQUEST, &e),
    };
    let d = match crate::diff::diff(tl, from, to, crate::diff::DiffOptions::default()) {
        Ok(d) => d,
        Err(e) => return error_page(lang, StatusCode::NOT_FOUND, &e.to_string()),
    };
    let body = format!(
        "<h1>{} {id}</h1><form method=\"get\"><input type=\"hidden\" name=\"lang\" value=\"{l}\">\
<label>{} <input type=\"date\" name=\"from\" value=\"{from}\"></label> <label>{} <input type=\"date\" name=\"to\" value=\"{to}\"></label> <button>{}</button></form>{}",
        t(lang, "changes"),
        t(lang, "from"),
        t(lang, "to"),
        t(lang, "show"),
        crate::diff::html::redline(&d),
        l = code(lang),
    );
    let path = format!("/acts/{id}/diff?from={from}&to={to}");
    page(lang, t(lang, "changes"), "", &path, &body).into_response()
}

/// `GET /search?q=&as_of=`: search results with highlighted snippets.
pub async fn search(State(s): State<Arc<AppState>>, Query(q): Query<PageQuery>) -> Response {
    use crate::search::{SearchRequest, When};
    let lang = parse(q.lang.as_deref());
    let query = q.q.clone().unwrap_or_default();
    let Some(idx) = s.index.as_ref() else {
        return error_page(lang, StatusCode::SERVICE_UNAVAILABLE, "no search index");
    };
    let when = match date_of(q.as_of.as_deref()) {
        Ok(Some(d)) => When::AsOf(d),
        Ok(None) => When::AnyTime,
        Err(e) => return error_page(lang, StatusCode::BAD_REQUEST, &e),
    };
    let mut body = format!("<h1>{}</h1>", t(lang, "search"));
    if !query.trim().is_empty() {
        let req = SearchRequest {
            query: query.clone(),
            when,
            act: None,
            lang: None,
            limit: 20,
            offset: 0,
        };
        match crate::search::search(idx, &req) {
            Err(e) => {
                let _ = write!(body, "<p class=\"nq-error\">{}</p>", escape(&e.to_string()));
            }
            Ok(r) if r.total == 0 => {
                let _ = write!(body, "<p>{}</p>", t(lang, "no_hits"));
            }
            Ok(r) => {
                let _ = write!(body, "<p class=\"nq-meta\">{} {}</p>", t(lang, "hits"), r.total);
                for h in &r.hits {
                    let mut snippet = String::new();
                    let mut at = 0;
                    for &(a, b) in &h.highlights {
                        let _ = write!(
                            snippet,
                            "{}<mark>{}</mark>",
                            escape(&h.snippet[at..a]),
                            escape(&h.snippet[a..b])
                        );
                        at = b;
                    }
                    snippet.push_str(&escape(&h.snippet[at..]));
                    let to = h.valid_to.map_or("…".to_string(), |d| d.to_string());
                    let from = h.valid_from.map_or("?".to_string(), |d| d.to_string());
                    let _ = write!(
                        body,
                        "<div class=\"nq-hit\"><a href=\"/acts/{act}?lang={l}&as_of={from}#{eid}\">{act} {eid}</a> <span class=\"nq-meta\">[{from} – {to})</span><div>{snippet}</div></div>",
                        act = escape(&h.act),
                        eid = escape(&h.eid),
                        l = code(lang),
                    );
                }
            }
        }
    }
    page(
        lang,
        t(lang, "search"),
        &query,
        &format!("/search?q={}", url_encode(&query)),
        &body,
    )
    .into_response()
}

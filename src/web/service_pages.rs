//! `GET /services?as_of=` and `GET /services/{id}?as_of=`: the state services whose
//! Rules are in force on a date, and one service's passport on a date. Each value of
//! the passport is linked to the clause that states it, on that date, with the act that
//! made the clause read so; a value the texts held do not state says so, with the
//! reason, instead of being guessed. `/api/services…` gives the same as JSON.

use std::sync::Arc;

use askama::Template;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use chrono::NaiveDate;

use super::citing::Citer;
use super::i18n::{Word, Words, code, parse};
use super::pages::{Failure, Layout, PageQuery, date_of, failure, page_query, render, url_encode};
use super::{AppState, Snapshot};
use crate::model::{EId, Lang, Provenance, RegistryId};
use crate::services::{Attribute, AttributeValue, NameValue, Names, Registry, ServiceId};

/// An attribute's name in the UI's language.
pub(super) fn attribute_name(a: Attribute, t: Words) -> &'static str {
    t.get(match a {
        Attribute::Provider => Word::AttrProvider,
        Attribute::Channels => Word::AttrChannels,
        Attribute::Term => Word::AttrTerm,
        Attribute::Form => Word::AttrForm,
        Attribute::Result => Word::AttrResult,
        Attribute::Fee => Word::AttrFee,
        Attribute::Schedule => Word::AttrSchedule,
        Attribute::Documents => Word::AttrDocuments,
        Attribute::RefusalGrounds => Word::AttrRefusalGrounds,
        Attribute::OtherRequirements => Word::AttrOtherRequirements,
    })
}

/// A service's name for a page in `lang`: the Russian one on a Russian page when held,
/// else the Kazakh one; with its language code.
fn name_in(names: &Names, lang: Lang) -> Option<(String, &'static str)> {
    let known = |n: &NameValue| n.text().map(str::to_string);
    match lang {
        Lang::Ru => known(&names.ru)
            .map(|n| (n, "ru"))
            .or_else(|| known(&names.kk).map(|n| (n, "kk"))),
        _ => known(&names.kk).map(|n| (n, "kk")),
    }
}

/// The list of services.
#[derive(Template)]
#[template(path = "services.html")]
struct ServicesPage {
    layout: Layout,
    t: Words,
    date: NaiveDate,
    date_written: String,
    services: Vec<ServiceLine>,
}

/// One service of the list.
struct ServiceLine {
    name: String,
    name_lang: &'static str,
    href: String,
    rules: String,
    rules_href: String,
    authority: String,
}

/// A passport.
#[derive(Template)]
#[template(path = "service.html")]
struct ServicePage {
    layout: Layout,
    t: Words,
    id: String,
    name: String,
    name_lang: &'static str,
    date: NaiveDate,
    date_written: String,
    rules: String,
    rules_href: String,
    authority: String,
    list_href: String,
    attributes: Vec<AttributeRow>,
    /// Changes to the Rules whose date is not yet known, in words with their act.
    pending: Vec<(String, String, String)>,
}

/// One attribute of a passport.
struct AttributeRow {
    name: &'static str,
    /// `known`, `partial` or `unknown`.
    state: &'static str,
    statements: Vec<StatementLine>,
    /// Why it is unknown or partial (the engine's words, in English).
    reason: Option<String>,
    /// Clauses that say where it is stated.
    see: Vec<(String, String)>,
}

/// One statement of a value.
struct StatementLine {
    text: String,
    clause: String,
    href: String,
    since: String,
    by: Option<(String, String)>,
}

/// `GET /services`.
pub async fn services(
    State(s): State<Arc<AppState>>,
    OriginalUri(uri): OriginalUri,
    q: Result<Query<PageQuery>, QueryRejection>,
) -> Response {
    let s = s.snapshot();
    list(&s, &uri, q).unwrap_or_else(|f| f.page(&uri))
}

/// `GET /services/{id}`.
pub async fn service(
    State(s): State<Arc<AppState>>,
    OriginalUri(uri): OriginalUri,
    id: Result<Path<String>, PathRejection>,
    q: Result<Query<PageQuery>, QueryRejection>,
) -> Response {
    let s = s.snapshot();
    passport(&s, &uri, id, q).unwrap_or_else(|f| f.page(&uri))
}

/// The page's language and date (today by default).
fn lang_and_date(q: &PageQuery) -> (Lang, Result<NaiveDate, Failure>) {
    let lang = parse(q.lang.as_deref());
    let date = date_of(q.as_of.as_deref(), lang)
        .map(|d| d.unwrap_or_else(|| chrono::Local::now().date_naive()))
        .map_err(|e| failure(lang)(StatusCode::BAD_REQUEST, e));
    (lang, date)
}

/// The Rules of a service, in words with the approving act, and their link on `date`.
fn rules_link(
    act: &RegistryId,
    rules: &EId,
    citer: &Citer<'_>,
    lib: &crate::Library,
    lang: Lang,
    date: NaiveDate,
) -> (String, String) {
    let cited = match lib.act(act) {
        Some(a) => format!(
            "{}, {}",
            crate::citation::act(a.kind, &a.number, a.date, lang),
            citer.clause(act, rules)
        ),
        None => format!("{act} {rules}"),
    };
    let href = format!(
        "/acts/{}?lang={}&as_of={date}#{}",
        url_encode(&act.to_string()),
        code(lang),
        url_encode(rules.as_str())
    );
    (cited, href)
}

fn authority_in(a: &crate::services::Authority, lang: Lang) -> String {
    match lang {
        Lang::Kk => a.kk.clone(),
        Lang::Ru => a.ru.clone(),
        Lang::En => None,
    }
    .unwrap_or_else(|| a.office.clone())
}

fn list(s: &Snapshot, uri: &Uri, q: Result<Query<PageQuery>, QueryRejection>) -> Result<Response, Failure> {
    let q = page_query(q, uri)?;
    let (lang, date) = lang_and_date(&q);
    let date = date?;
    let t = Words(lang);
    let citer = Citer::new(&s.library, lang);
    let services = Registry::new(&s.library)
        .services(date)
        .into_iter()
        .map(|sv| {
            let (name, name_lang) = name_in(&sv.name, lang).unwrap_or_else(|| (sv.id.to_string(), "en"));
            let (rules, rules_href) = rules_link(&sv.id.act, &sv.id.rules, &citer, &s.library, lang, date);
            ServiceLine {
                name,
                name_lang,
                href: format!(
                    "/services/{}?lang={}&as_of={date}",
                    url_encode(&sv.id.to_string()),
                    code(lang)
                ),
                rules,
                rules_href,
                authority: authority_in(&sv.authority, lang),
            }
        })
        .collect();
    let mut layout = Layout::at(lang, t.services(), uri);
    layout.as_of = Some(date.to_string());
    let page = ServicesPage {
        layout,
        t,
        date,
        date_written: citer.date(date),
        services,
    };
    Ok(render(StatusCode::OK, &page, lang))
}

fn passport(
    s: &Snapshot,
    uri: &Uri,
    id: Result<Path<String>, PathRejection>,
    q: Result<Query<PageQuery>, QueryRejection>,
) -> Result<Response, Failure> {
    let q = page_query(q, uri)?;
    let (lang, date) = lang_and_date(&q);
    let fail = failure(lang);
    let Path(raw) = id.map_err(|e| fail(StatusCode::BAD_REQUEST, e.body_text()))?;
    let id: ServiceId = raw
        .parse()
        .map_err(|e: crate::services::ServiceIdError| fail(StatusCode::BAD_REQUEST, e.to_string()))?;
    let date = date?;
    let t = Words(lang);
    let citer = Citer::new(&s.library, lang);
    let p = Registry::new(&s.library)
        .passport(&id, date)
        .map_err(|e| fail(StatusCode::NOT_FOUND, e.to_string()))?;
    let enc = url_encode(&id.act.to_string());
    let clause_href = |eid: &EId| {
        format!(
            "/acts/{enc}?lang={}&as_of={date}#{}",
            code(lang),
            url_encode(eid.as_str())
        )
    };
    let by = |src: &Provenance| -> Option<(String, String)> {
        (src.act != id.act)
            .then(|| citer.source(&src.act, src.item.as_deref()))
            .flatten()
    };
    let attributes = p
        .attributes
        .iter()
        .map(|(a, v)| {
            let statements = v
                .statements()
                .iter()
                .map(|st| StatementLine {
                    text: st.value.summary(),
                    clause: citer.clause(&id.act, &st.eid),
                    href: clause_href(&st.eid),
                    since: citer.since(st.since),
                    by: by(&st.source),
                })
                .collect();
            let (reason, see) = match v {
                AttributeValue::Known { .. } => (None, Vec::new()),
                AttributeValue::Partial { reason, .. } => (Some(reason.clone()), Vec::new()),
                AttributeValue::Unknown { reason, see } => (
                    Some(reason.clone()),
                    see.iter()
                        .map(|r| (citer.clause(&id.act, &r.eid), clause_href(&r.eid)))
                        .collect(),
                ),
            };
            AttributeRow {
                name: attribute_name(*a, t),
                state: v.state(),
                statements,
                reason,
                see,
            }
        })
        .collect();
    let pending = p
        .pending
        .iter()
        .map(|c| {
            let clause = c
                .target
                .as_ref()
                .map_or_else(|| t.whole_act().to_string(), |e| citer.clause(&id.act, e));
            let when = citer.waiting(c.earliest);
            let by = citer
                .source(&c.source.act, c.source.item.as_deref())
                .map_or_else(|| c.source.act.to_string(), |(s, _)| s);
            (clause, when, by)
        })
        .collect();
    let (name, name_lang) = name_in(&p.name, lang).unwrap_or_else(|| (id.to_string(), "en"));
    let (rules, rules_href) = rules_link(&id.act, &id.rules, &citer, &s.library, lang, date);
    let mut layout = Layout::at(lang, name.clone(), uri);
    layout.as_of = Some(date.to_string());
    let page = ServicePage {
        layout,
        t,
        id: id.to_string(),
        name,
        name_lang,
        date,
        date_written: citer.date(date),
        rules,
        rules_href,
        authority: authority_in(&p.authority, lang),
        list_href: format!("/services?lang={}&as_of={date}", code(lang)),
        attributes,
        pending,
    };
    Ok(render(StatusCode::OK, &page, lang))
}

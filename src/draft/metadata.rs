//! The draft's metadata against the registry (an id or a number already published),
//! against itself (the id, the work URI, the registration), and against what its own
//! text states (the requisites line, the annex's header, the signature, the title).

use chrono::Datelike;

use super::order_text::OrderText;
use super::report::{Place, Problem};
use super::requisites::{PostMatch, Requisites, compare_post};
use crate::library::Library;
use crate::model::{Act, Lang, WorkUri};
use crate::parse::targets::norm_name;

/// An id or a number the registry has published already.
pub(super) fn registry_clashes(lib: &Library, meta: &Act) -> Vec<Problem> {
    let mut out = Vec::new();
    if let Some(a) = lib.act(&meta.id) {
        out.push(Problem::error(
            "id_already_published",
            Place::default(),
            meta.id.to_string(),
            format!(
                "{} is already published ({}, No. {} of {})",
                meta.id,
                a.title(Lang::Kk),
                a.number,
                a.date
            ),
        ));
    }
    if let Some(reg) = &meta.registration {
        for a in lib.acts().filter(|a| a.id != meta.id) {
            if a.registration.as_ref().is_some_and(|r| r.number == reg.number) {
                out.push(Problem::error(
                    "id_already_published",
                    Place::default(),
                    reg.number.to_string(),
                    format!("registration No. {} is already {}'s", reg.number, a.id),
                ));
            }
        }
    }
    for a in lib.acts() {
        if a.issuer.office == meta.issuer.office && a.number == meta.number && a.date == meta.date {
            out.push(Problem::error(
                "number_already_published",
                Place::default(),
                format!("No. {} of {}", meta.number, meta.date),
                format!(
                    "the {} published order No. {} of {} already: {}",
                    a.issuer.office, a.number, a.date, a.id
                ),
            ));
        }
    }
    out
}

/// The metadata against itself: the id is `V`, the year of adoption and the
/// registration number; the work URI is the kind, date and number; registration does
/// not come before adoption.
pub(super) fn internal(meta: &Act) -> Vec<Problem> {
    let mut out = Vec::new();
    let year = format!("{:02}", meta.date.year().rem_euclid(100));
    if meta.id.year2() != year {
        out.push(Problem::error(
            "id_mismatch",
            Place::default(),
            meta.id.to_string(),
            format!("the id's year is {} but the act is of {}", meta.id.year2(), meta.date),
        ));
    }
    match &meta.registration {
        Some(r) if r.number != meta.id.registration_number() => out.push(Problem::error(
            "id_mismatch",
            Place::default(),
            meta.id.to_string(),
            format!(
                "the id's registration number is {} but the registration is No. {}",
                meta.id.registration_number(),
                r.number
            ),
        )),
        _ => {}
    }
    if let Some(d) = meta.registration.as_ref().and_then(|r| r.date)
        && d < meta.date
    {
        out.push(Problem::error(
            "registration_before_adoption",
            Place::default(),
            d.to_string(),
            format!("registered on {d}, before its adoption on {}", meta.date),
        ));
    }
    let uri = WorkUri::new(&meta.kind, meta.date, &meta.number);
    if uri != meta.work_uri {
        out.push(Problem::error(
            "work_uri_mismatch",
            Place::default(),
            meta.work_uri.to_string(),
            format!("the work URI should be {uri} for this kind, date and number"),
        ));
    }
    out
}

fn at(r: &Requisites) -> Place {
    Place::line(r.line)
}

/// A requisites line against the metadata.
fn requisites(meta: &Act, r: &Requisites, what: &str, out: &mut Vec<Problem>) {
    if let Some(d) = r.date
        && d != meta.date
    {
        out.push(Problem::error(
            "date_mismatch",
            at(r),
            &r.text,
            format!("{what} dates the order {d}; the metadata says {}", meta.date),
        ));
    }
    if let Some(n) = &r.number
        && n != &meta.number
    {
        out.push(Problem::error(
            "number_mismatch",
            at(r),
            &r.text,
            format!("{what} numbers the order {n}; the metadata says {}", meta.number),
        ));
    }
    if let Some(stated) = &r.registration {
        let reg = meta.registration.as_ref();
        if reg.is_none_or(|m| m.number != stated.number) {
            out.push(Problem::error(
                "registration_mismatch",
                at(r),
                &r.text,
                format!(
                    "{what} says registered as No. {}; the metadata says {}",
                    stated.number,
                    reg.map_or("nothing".to_string(), |m| format!("No. {}", m.number))
                ),
            ));
        } else if let (Some(sd), Some(md)) = (stated.date, reg.and_then(|m| m.date))
            && sd != md
        {
            out.push(Problem::error(
                "registration_mismatch",
                at(r),
                &r.text,
                format!("{what} says registered on {sd}; the metadata says {md}"),
            ));
        }
    }
    if let Some(issuer) = &r.issuer {
        post(meta, issuer, r.line, &r.text, what, true, out);
    }
}

/// A stated issuer or post against the metadata's issuer.
fn post(meta: &Act, stated: &str, line: usize, text: &str, what: &str, strict: bool, out: &mut Vec<Problem>) {
    let office = meta.issuer.name(Lang::Kk);
    let push = |out: &mut Vec<Problem>, code: &'static str, m: String| {
        out.push(if strict {
            Problem::error(code, Place::line(line), text, m)
        } else {
            Problem::warning(code, Place::line(line), text, m)
        })
    };
    match compare_post(stated, office) {
        PostMatch::Same { acting } if acting != meta.issuer.acting => push(
            out,
            "acting_mismatch",
            format!(
                "{what} {} the signer as acting; the metadata {}",
                if acting { "names" } else { "does not name" },
                if meta.issuer.acting { "does" } else { "does not" }
            ),
        ),
        PostMatch::Different => push(
            out,
            "issuer_mismatch",
            format!("{what} names the issuer \"{stated}\"; the metadata's issuer is \"{office}\""),
        ),
        _ => {}
    }
}

/// The metadata against what the text states.
pub(super) fn against_text(meta: &Act, order: &OrderText) -> Vec<Problem> {
    let mut out = Vec::new();
    match &order.requisites {
        Some(r) => requisites(meta, r, "the requisites line", &mut out),
        None => out.push(Problem::warning(
            "no_requisites",
            Place::default(),
            "",
            "the text has no requisites line (a date and a number, e.g. \"2025 жылғы 30 қыркүйек № 429\") to compare with the metadata",
        )),
    }
    for r in &order.annex_requisites {
        requisites(meta, r, "the annex's header", &mut out);
    }
    match &order.signature {
        Some(s) => {
            if let Some(p) = &s.post {
                let text = format!("{p} {}", s.name);
                post(meta, p, s.line, &text, "the signature", false, &mut out);
            }
        }
        None => out.push(Problem::warning(
            "no_signature",
            Place::default(),
            "",
            "the text has no signature (the post, and the name as \"Ч. Аринов\")",
        )),
    }
    if let (Some(t), Some(m)) = (&order.title, meta.titles.get(&Lang::Kk))
        && norm_name(&t.text) != norm_name(m)
    {
        out.push(Problem::warning(
            "title_mismatch",
            Place::line(t.line),
            &t.text,
            format!("the metadata's title is \"{m}\""),
        ));
    }
    out
}

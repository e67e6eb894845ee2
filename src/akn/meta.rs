//! `meta`: the FRBR identification of the version (the expression is the version in
//! force on the day asked for, dated by its first day: `…/kaz@2025-12-06`, the day
//! asked for as `asOf`), `publication`, `lifecycle`, `analysis`, `temporalData` and the
//! references: the issuing ministry, the minister's role, the signatory, nusqa, the
//! events and concepts the rest refers to.

use chrono::NaiveDate;

use super::lifecycle::Lifecycle;
use super::xml::El;
use crate::model::{Act, Lang};

/// The dates an export is identified by.
#[derive(Debug, Clone, Copy)]
pub struct Dates {
    /// The first day of the version (the expression's date).
    pub version: NaiveDate,
    /// The day asked for.
    pub as_of: NaiveDate,
    /// The day of the export (the manifestation's date).
    pub made: NaiveDate,
}

/// The expression URI of a version: `{work}/kaz@{first day}`.
pub fn expression_uri(act: &Act, version: NaiveDate) -> String {
    format!("{}/kaz@{version}", act.work_uri)
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for w in s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&w.to_lowercase());
    }
    out
}

/// The issuing body of an act whose issuer is a minister: "Minister for Emergency
/// Situations" → "Ministry for Emergency Situations".
pub fn ministry(act: &Act) -> String {
    let office = act.issuer.office.as_str();
    match office.strip_prefix("Minister ") {
        Some(rest) => format!("Ministry {rest}"),
        None => office.to_string(),
    }
}

/// The eId of the issuer's `TLCOrganization`: its name in lower camel case.
pub fn organization_eid(act: &Act) -> String {
    let mut out = String::new();
    for (i, w) in slug(&ministry(act)).split('-').enumerate() {
        let mut cs = w.chars();
        if let Some(f) = cs.next() {
            if i == 0 {
                out.extend(f.to_lowercase());
            } else {
                out.extend(f.to_uppercase());
            }
            out.push_str(cs.as_str());
        }
    }
    if out.is_empty() { "issuer".into() } else { out }
}

/// `identification` of the main document (`main`) or of an attachment (`att_1/att_2`).
pub fn identification(act: &Act, component: &str, d: Dates) -> El {
    let work = act.work_uri.as_str();
    let expr = expression_uri(act, d.version);
    let author = format!("#{}", organization_eid(act));
    let title = act.title(Lang::Kk);
    let mut w = El::new("FRBRWork")
        .child(El::new("FRBRthis").attr("value", format!("{work}/!{component}")))
        .child(El::new("FRBRuri").attr("value", work));
    if !title.is_empty() {
        w.push(El::new("FRBRalias").attr("value", title).attr("name", "title"));
    }
    // The state registry's id, which the work URI does not carry (the import reads it).
    w.push(
        El::new("FRBRalias")
            .attr("value", act.id.to_string())
            .attr("name", "registryId"),
    );
    let w = w
        .child(
            El::new("FRBRdate")
                .attr("date", act.date.to_string())
                .attr("name", "adoption"),
        )
        .child(El::new("FRBRauthor").attr("href", author).attr("as", "#minister"))
        .child(El::new("FRBRcountry").attr("value", "kz"))
        .child(El::new("FRBRsubtype").attr("value", act.kind.akn_subtype()))
        .child(El::new("FRBRnumber").attr("value", act.number.clone()));
    let e = El::new("FRBRExpression")
        .child(El::new("FRBRthis").attr("value", format!("{expr}/!{component}")))
        .child(El::new("FRBRuri").attr("value", expr.clone()))
        .child(
            El::new("FRBRdate")
                .attr("date", d.version.to_string())
                .attr("name", "version"),
        )
        .child(
            El::new("FRBRdate")
                .attr("date", d.as_of.to_string())
                .attr("name", "asOf"),
        )
        .child(El::new("FRBRauthor").attr("href", "#nusqa"))
        .child(El::new("FRBRauthoritative").attr("value", "false"))
        .child(El::new("FRBRlanguage").attr("language", "kaz"));
    let m = El::new("FRBRManifestation")
        .child(El::new("FRBRthis").attr("value", format!("{expr}/!{component}.xml")))
        .child(El::new("FRBRuri").attr("value", format!("{expr}.xml")))
        .child(
            El::new("FRBRdate")
                .attr("date", d.made.to_string())
                .attr("name", "transform"),
        )
        .child(El::new("FRBRauthor").attr("href", "#nusqa"));
    El::new("identification")
        .attr("source", "#nusqa")
        .child(w)
        .child(e)
        .child(m)
}

fn tlc(tag: &str, eid: &str, href: String, show: &str) -> El {
    El::new(tag).attr("eId", eid).attr("href", href).attr("showAs", show)
}

/// `references`: what the metadata and the text refer to.
pub fn references(act: &Act, life: &Lifecycle, signatory: Option<&str>, version: NaiveDate) -> El {
    let mut r = El::new("references").attr("source", "#nusqa");
    let title = act.title(Lang::Kk);
    r.push(tlc(
        "original",
        "original",
        expression_uri(act, act.base_date().min(version)),
        if title.is_empty() { act.number.as_str() } else { title },
    ));
    for (eid, href, show) in &life.passive_refs {
        r.push(tlc("passiveRef", eid, href.clone(), show));
    }
    r.push(tlc(
        "TLCOrganization",
        "nusqa",
        "/ontology/organization/kz/nusqa".into(),
        "nusqa",
    ));
    let ministry = ministry(act);
    r.push(tlc(
        "TLCOrganization",
        &organization_eid(act),
        format!("/ontology/organization/kz/{}", slug(&ministry)),
        &ministry,
    ));
    if let Some(p) = signatory {
        r.push(tlc(
            "TLCPerson",
            "signatory",
            format!("/ontology/person/kz/{}", slug(p)),
            p,
        ));
    }
    r.push(tlc(
        "TLCRole",
        "minister",
        format!("/ontology/role/kz/{}", slug(&act.issuer.office)),
        act.issuer.name(Lang::Kk),
    ));
    for (eid, show) in [
        ("adoption", "adoption"),
        ("registration", "state registration"),
        ("publication", "first official publication"),
        ("entryIntoForce", "entry into force"),
        ("repeal", "repeal"),
    ] {
        r.push(tlc("TLCEvent", eid, format!("/ontology/event/kz/{eid}"), show));
    }
    r.push(tlc(
        "TLCConcept",
        "inForce",
        "/ontology/concept/kz/inForce".into(),
        "in force",
    ));
    r.push(tlc(
        "TLCConcept",
        "pending",
        "/ontology/concept/kz/pending".into(),
        "waits for an event of the amending act whose day is not known yet",
    ));
    r
}

/// Fills the `meta` of every attachment's `doc` with its identification; the component
/// names follow the nesting (`att_1/att_2`).
pub fn fill_attachments(el: &mut El, act: &Act, d: Dates) {
    for kid in el.elements_mut() {
        if kid.name == "attachment" {
            let component = kid.get("eId").unwrap_or("att").replace("__", "/");
            if let Some(doc) = kid.elements_mut().find(|e| e.name == "doc") {
                if let Some(meta) = doc.elements_mut().find(|e| e.name == "meta") {
                    *meta = El::new("meta").child(identification(act, &component, d));
                }
                fill_attachments(doc, act, d);
            }
        } else {
            fill_attachments(kid, act, d);
        }
    }
}

//! Akoma Ntoso 3.0 export of an act as in force on a date.
//!
//! The expression is the consolidated Kazakh text on the date
//! (`/akn/kz/act/order/2014-12-30/350/kaz@2026-01-15`). Hierarchy follows the eIds:
//! `para` → `paragraph`, `subpara` → `subparagraph`, `chp` → `chapter`, `abz` →
//! `hcontainer name="abzats"`, tables → `table`/`tr`/`td`, attachments →
//! `attachment`/`doc` with their own identification. A node whose text the registry
//! does not hold is exported empty with `status="unknown"`; a repealed one with
//! `status="removed"`: no text is ever made up. The output validates against the OASIS
//! schema (`akomantoso30.xsd`), which a test checks.

use std::fmt::Write;

use chrono::NaiveDate;

use crate::consolidate::{Consolidated, ConsolidatedNode, Status};
use crate::markup::escape_xml as escape;
use crate::model::{Act, Lang, NodeKind};
use crate::render::label;

/// The AKN namespace.
pub const NAMESPACE: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

fn identification(
    out: &mut String,
    work: &str,
    component: &str,
    date: NaiveDate,
    adopted: NaiveDate,
    number: &str,
    made: NaiveDate,
) {
    let expr = format!("{work}/kaz@{date}");
    let _ = write!(
        out,
        "<identification source=\"#nusqa\">\
<FRBRWork><FRBRthis value=\"{work}/!{component}\"/><FRBRuri value=\"{work}\"/><FRBRdate date=\"{adopted}\" name=\"adoption\"/>\
<FRBRauthor href=\"#issuer\"/><FRBRcountry value=\"kz\"/><FRBRnumber value=\"{}\"/></FRBRWork>\
<FRBRExpression><FRBRthis value=\"{expr}/!{component}\"/><FRBRuri value=\"{expr}\"/><FRBRdate date=\"{date}\" name=\"consolidation\"/>\
<FRBRauthor href=\"#nusqa\"/><FRBRlanguage language=\"kaz\"/></FRBRExpression>\
<FRBRManifestation><FRBRthis value=\"{expr}/!{component}.xml\"/><FRBRuri value=\"{expr}.akn\"/><FRBRdate date=\"{made}\" name=\"transform\"/>\
<FRBRauthor href=\"#nusqa\"/></FRBRManifestation></identification>",
        escape(number)
    );
}

/// `meta` of the main document (with the references) or of an attachment (eIds are
/// unique across the whole act, so the references are given once).
fn meta(out: &mut String, act: &Act, component: &str, date: NaiveDate, made: NaiveDate) {
    out.push_str("<meta>");
    identification(out, act.work_uri.as_str(), component, date, act.date, &act.number, made);
    if component != "main" {
        out.push_str("</meta>");
        return;
    }
    let issuer = act.issuer.name(Lang::Kk);
    let _ = write!(
        out,
        "<references source=\"#nusqa\"><TLCOrganization eId=\"nusqa\" href=\"/ontology/organization/kz/nusqa\" showAs=\"nusqa\"/>\
<TLCOrganization eId=\"issuer\" href=\"/ontology/organization/kz/issuer\" showAs=\"{}\"/></references>",
        escape(issuer)
    );
    out.push_str("</meta>");
}

fn paragraphs(out: &mut String, text: &str) {
    for line in text.lines() {
        let _ = write!(out, "<p>{}</p>", escape(line));
    }
}

fn status_attr(n: &ConsolidatedNode<'_>) -> &'static str {
    match n.status {
        Status::NotHeld => " status=\"unknown\"",
        Status::Repealed => " status=\"removed\"",
        _ => "",
    }
}

fn element(kind: NodeKind) -> (&'static str, Option<&'static str>) {
    match kind {
        NodeKind::Paragraph => ("paragraph", None),
        NodeKind::Subparagraph => ("subparagraph", None),
        NodeKind::Chapter => ("chapter", None),
        NodeKind::Article => ("article", None),
        NodeKind::Part => ("hcontainer", Some("part")),
        NodeKind::Abzats => ("hcontainer", Some("abzats")),
        NodeKind::Row | NodeKind::Cell => ("hcontainer", Some("tablePart")),
        _ => ("hcontainer", Some("node")),
    }
}

/// A hierarchical node and its subtree.
fn hier(out: &mut String, n: &ConsolidatedNode<'_>) {
    if n.kind == NodeKind::Table {
        table(out, n);
        return;
    }
    let (tag, name) = element(n.kind);
    let name = name.map(|v| format!(" name=\"{v}\"")).unwrap_or_default();
    let _ = write!(
        out,
        "<{tag} eId=\"{}\"{name}{}>",
        escape(n.eid.as_str()),
        status_attr(n)
    );
    if let Some(l) = label(n.kind, n.num) {
        let _ = write!(out, "<num>{}</num>", escape(&l));
    }
    if let Some(h) = n.heading {
        let _ = write!(out, "<heading>{}</heading>", escape(h));
    }
    let text = n.text.filter(|t| !t.is_empty());
    if n.children.is_empty() {
        out.push_str("<content>");
        match text {
            Some(t) => paragraphs(out, t),
            None => out.push_str("<p/>"),
        }
        out.push_str("</content>");
    } else {
        if let Some(t) = text {
            out.push_str("<intro>");
            paragraphs(out, t);
            out.push_str("</intro>");
        }
        for c in &n.children {
            hier(out, c);
        }
    }
    let _ = write!(out, "</{tag}>");
}

/// A table node: an `hcontainer` whose content is the table, rows and cells with eIds.
fn table(out: &mut String, n: &ConsolidatedNode<'_>) {
    let _ = write!(
        out,
        "<hcontainer eId=\"{}\" name=\"table\"{}><content>",
        escape(n.eid.as_str()),
        status_attr(n)
    );
    let rows: Vec<&ConsolidatedNode<'_>> = n.children.iter().filter(|r| r.kind == NodeKind::Row).collect();
    if rows.is_empty() {
        out.push_str("<p/>");
    } else {
        let _ = write!(out, "<table eId=\"{}__tbl\">", escape(n.eid.as_str()));
        for r in rows {
            let _ = write!(out, "<tr eId=\"{}\"{}>", escape(r.eid.as_str()), status_attr(r));
            if r.children.is_empty() {
                out.push_str("<td><p/></td>");
            }
            for c in &r.children {
                let _ = write!(out, "<td eId=\"{}\"{}>", escape(c.eid.as_str()), status_attr(c));
                match c.text.filter(|t| !t.is_empty()) {
                    Some(t) => paragraphs(out, t),
                    None => out.push_str("<p/>"),
                }
                out.push_str("</td>");
            }
            out.push_str("</tr>");
        }
        out.push_str("</table>");
    }
    out.push_str("</content></hcontainer>");
}

/// An attachment: a `doc` of its own, its text and children in `mainBody`, its own
/// attachments nested.
fn attachment(out: &mut String, act: &Act, n: &ConsolidatedNode<'_>, date: NaiveDate, made: NaiveDate) {
    let _ = write!(
        out,
        "<attachment eId=\"{}\"{}><doc name=\"attachment\">",
        escape(n.eid.as_str()),
        status_attr(n)
    );
    meta(out, act, n.eid.as_str(), date, made);
    if n.num.is_some() || n.heading.is_some() {
        out.push_str("<preface>");
        if let Some(l) = label(n.kind, n.num) {
            let _ = write!(out, "<p>{}</p>", escape(&l));
        }
        if let Some(h) = n.heading {
            let _ = write!(out, "<p>{}</p>", escape(h));
        }
        out.push_str("</preface>");
    }
    out.push_str("<mainBody>");
    let mut wrote = false;
    if let Some(t) = n.text.filter(|t| !t.is_empty()) {
        paragraphs(out, t);
        wrote = true;
    }
    for c in n.children.iter().filter(|c| c.kind != NodeKind::Attachment) {
        hier(out, c);
        wrote = true;
    }
    if !wrote {
        out.push_str("<p/>");
    }
    out.push_str("</mainBody>");
    let nested: Vec<_> = n.children.iter().filter(|c| c.kind == NodeKind::Attachment).collect();
    if !nested.is_empty() {
        out.push_str("<attachments>");
        for c in nested {
            attachment(out, act, c, date, made);
        }
        out.push_str("</attachments>");
    }
    out.push_str("</doc></attachment>");
}

/// The act as in force on `c.date`, as an Akoma Ntoso 3.0 XML document. `made` is the
/// date of the export (the manifestation's date).
pub fn export(act: &Act, c: &Consolidated<'_>, made: NaiveDate) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = write!(
        out,
        "<akomaNtoso xmlns=\"{NAMESPACE}\"><act name=\"{}\">",
        act.kind.akn_subtype()
    );
    meta(&mut out, act, "main", c.date, made);
    let top = |k: NodeKind| c.nodes.iter().filter(move |n| n.kind == k);
    for n in top(NodeKind::Preface) {
        out.push_str("<preface>");
        paragraphs(&mut out, n.text.unwrap_or(""));
        if n.text.is_none_or(str::is_empty) {
            out.push_str("<p/>");
        }
        out.push_str("</preface>");
    }
    for n in top(NodeKind::Preamble) {
        out.push_str("<preamble><formula name=\"enactingFormula\">");
        match n.text.filter(|t| !t.is_empty()) {
            Some(t) => paragraphs(&mut out, t),
            None => out.push_str("<p/>"),
        }
        out.push_str("</formula></preamble>");
    }
    out.push_str("<body>");
    let body: Vec<_> = c
        .nodes
        .iter()
        .filter(|n| {
            !matches!(
                n.kind,
                NodeKind::Preface | NodeKind::Preamble | NodeKind::Conclusions | NodeKind::Attachment
            )
        })
        .collect();
    if body.is_empty() {
        // The registry holds none of the act's own provisions: say so, without text.
        let _ = write!(
            out,
            "<hcontainer eId=\"body_not_held\" name=\"notHeld\" status=\"unknown\"><content><p/></content></hcontainer>"
        );
    }
    for n in body {
        hier(&mut out, n);
    }
    out.push_str("</body>");
    for n in top(NodeKind::Conclusions) {
        out.push_str("<conclusions>");
        match n.text.filter(|t| !t.is_empty()) {
            Some(t) => paragraphs(&mut out, t),
            None => out.push_str("<p/>"),
        }
        out.push_str("</conclusions>");
    }
    let atts: Vec<_> = top(NodeKind::Attachment).collect();
    if !atts.is_empty() {
        out.push_str("<attachments>");
        for n in atts {
            attachment(&mut out, act, n, c.date, made);
        }
        out.push_str("</attachments>");
    }
    out.push_str("</act></akomaNtoso>\n");
    out
}

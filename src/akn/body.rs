//! The document's text: preface (with the act's long title), preamble (the enacting
//! formula), body, conclusions (the signature), attachments; the clause hierarchy
//! (`paragraph`, `subparagraph`, `alinea`, `wrapUp`, `table`/`tr`/`td`). A node whose
//! text the registry does not hold is exported empty with `status="unknown"`; a
//! repealed one with `status="removed"`: no text is ever made up.

use super::modifications::Active;
use super::text;
use super::xml::El;
use crate::consolidate::{Consolidated, ConsolidatedNode, Status};
use crate::model::{Act, Lang, NodeKind};
use crate::render::label;

/// What the body needs to know beside the consolidated tree.
pub struct Ctx<'a> {
    /// The act.
    pub act: &'a Act,
    /// The act on the date asked for.
    pub c: &'a Consolidated<'a>,
    /// The act's base date: provisions changed since then carry a `period`.
    pub base: chrono::NaiveDate,
    /// The temporal group of a provision changed on a day, by day.
    pub period: &'a dyn Fn(chrono::NaiveDate) -> Option<String>,
    /// The amending act's instructions, by item (empty for other acts).
    pub active: &'a Active,
}

/// The references a pending change's element points at.
pub const PENDING: &str = "#pending";

fn status_of(n: &ConsolidatedNode<'_>) -> Option<&'static str> {
    match n.status {
        Status::NotHeld => Some("unknown"),
        Status::Repealed => Some("removed"),
        Status::Pending if n.text.is_none() => Some("unknown"),
        _ => None,
    }
}

/// Sets the attributes every clause element carries: its nusqa eId (the eId pass
/// makes the AKN one), status, period, and the pending mark.
fn mark(cx: &Ctx<'_>, mut el: El, n: &ConsolidatedNode<'_>) -> El {
    el.internal = Some(n.eid.as_str().to_string());
    if let Some(s) = status_of(n) {
        el.set("status", s);
    }
    if n.source.act != cx.act.id
        && n.since > cx.base
        && let Some(p) = (cx.period)(n.since)
    {
        el.set("period", p);
    }
    if n.status == Status::Pending {
        el.set("refersTo", PENDING);
    }
    el
}

fn num_heading(mut el: El, n: &ConsolidatedNode<'_>) -> El {
    let num = match n.kind {
        // `<num>2</num>`: the convention makes the eId from it (`att_2`).
        NodeKind::Attachment => n.num.map(str::to_string),
        _ => label(n.kind, n.num),
    };
    if let Some(l) = num {
        el.push(El::new("num").text(l));
    }
    if let Some(h) = n.heading {
        el.push(El::new("heading").text(h));
    }
    el
}

fn text_of<'a>(n: &ConsolidatedNode<'a>) -> Option<&'a str> {
    n.text.filter(|t| !t.is_empty())
}

/// The blocks of a node's own text, with an amending act's instructions as `<mod>`s.
fn blocks(cx: &Ctx<'_>, n: &ConsolidatedNode<'_>, t: &str) -> Vec<El> {
    match cx.active.groups(n.eid.as_str()) {
        Some(groups) => cx.active.blocks(t, groups),
        None => text::blocks(t),
    }
}

fn tag_of(kind: NodeKind) -> (&'static str, Option<&'static str>) {
    match kind {
        NodeKind::Paragraph => ("paragraph", None),
        NodeKind::Subparagraph => ("subparagraph", None),
        NodeKind::Chapter => ("chapter", None),
        NodeKind::Article => ("article", None),
        NodeKind::Part => ("part", None),
        NodeKind::Abzats => ("alinea", None),
        _ => ("hcontainer", Some("node")),
    }
}

/// True for a trailing abzats that reads as the wrap-up of a list: one line of text in
/// force, no children of its own.
fn wraps_up(n: &ConsolidatedNode<'_>) -> bool {
    n.kind == NodeKind::Abzats
        && n.children.is_empty()
        && n.status == Status::InForce
        && n.num.is_none()
        && n.text
            .is_some_and(|t| !t.is_empty() && !t.contains('\n') && !t.trim_start().starts_with('|'))
}

/// A hierarchical node and its subtree.
fn hier(cx: &Ctx<'_>, n: &ConsolidatedNode<'_>) -> El {
    if n.kind == NodeKind::Table {
        return table(cx, n);
    }
    let (tag, name) = tag_of(n.kind);
    let mut el = El::new(tag);
    if let Some(name) = name {
        el.set("name", name);
    }
    let mut el = num_heading(mark(cx, el, n), n);
    let text = text_of(n);
    if n.children.is_empty() {
        let mut content = El::new("content");
        match text {
            Some(t) => content
                .children
                .extend(blocks(cx, n, t).into_iter().map(super::xml::XNode::El)),
            None => content.push(El::new("p")),
        }
        el.push(content);
        return el;
    }
    if let Some(t) = text {
        let mut intro = El::new("intro");
        for b in blocks(cx, n, t) {
            intro.push(b);
        }
        el.push(intro);
    }
    // Abzats after the last other child wrap the list up.
    let kids = &n.children;
    let mut split = kids.len();
    while split > 0 && wraps_up(&kids[split - 1]) {
        split -= 1;
    }
    if split == 0 {
        split = kids.len();
    }
    for c in &kids[..split] {
        el.push(child(cx, c));
    }
    if split < kids.len() {
        let mut wrap = El::new("wrapUp");
        for c in &kids[split..] {
            let mut p = text::para(c.text.unwrap_or(""));
            p = mark(cx, p, c);
            wrap.push(p);
        }
        el.push(wrap);
    }
    el
}

/// A child inside a hierarchy: a table gets a container of its own there.
fn child(cx: &Ctx<'_>, n: &ConsolidatedNode<'_>) -> El {
    if n.kind == NodeKind::Table {
        let content = El::new("content").child(table(cx, n));
        return El::new("hcontainer").attr("name", "tableContainer").child(content);
    }
    hier(cx, n)
}

/// A table node: `<table>` with a `tr` per row and a `td` per cell (rows and cells keep
/// their nusqa eIds: the convention gives them none).
fn table(cx: &Ctx<'_>, n: &ConsolidatedNode<'_>) -> El {
    let mut t = mark(cx, El::new("table"), n);
    let rows: Vec<_> = n.children.iter().filter(|r| r.kind == NodeKind::Row).collect();
    if rows.is_empty() {
        t.push(El::new("tr").child(El::new("td").child(El::new("p"))));
    }
    for r in rows {
        let mut tr = mark(cx, El::new("tr").attr("eId", r.eid.as_str()), r);
        if r.children.is_empty() {
            tr.push(El::new("td").child(El::new("p")));
        }
        for c in &r.children {
            let mut td = mark(cx, El::new("td").attr("eId", c.eid.as_str()), c);
            let lines: Vec<&str> = text_of(c).map(|t| t.split('\n').collect()).unwrap_or_default();
            if lines.is_empty() {
                td.push(El::new("p"));
            }
            for l in lines {
                td.push(text::para(l));
            }
            tr.push(td);
        }
        t.push(tr);
    }
    t
}

/// An attachment: a `doc` of its own (its `meta` is filled once the eIds are known),
/// its text and children in `mainBody`, its own attachments nested.
fn attachment(cx: &Ctx<'_>, n: &ConsolidatedNode<'_>) -> El {
    let att = num_heading(mark(cx, El::new("attachment"), n), n);
    let mut main = El::new("mainBody");
    if let Some(t) = text_of(n) {
        for b in blocks(cx, n, t) {
            main.push(b);
        }
    }
    for c in n.children.iter().filter(|c| c.kind != NodeKind::Attachment) {
        main.push(hier(cx, c));
    }
    if main.children.is_empty() {
        main.push(El::new("p"));
    }
    let mut doc = El::new("doc")
        .attr("name", "attachment")
        .child(El::new("meta"))
        .child(main);
    let nested: Vec<_> = n.children.iter().filter(|c| c.kind == NodeKind::Attachment).collect();
    if !nested.is_empty() {
        let mut atts = El::new("attachments");
        for c in nested {
            atts.push(attachment(cx, c));
        }
        doc.push(atts);
    }
    att.child(doc)
}

fn preface(cx: &Ctx<'_>, n: Option<&ConsolidatedNode<'_>>) -> Option<El> {
    let title = cx.act.title(Lang::Kk);
    let lines: Vec<&str> = n.and_then(text_of).map(|t| t.split('\n').collect()).unwrap_or_default();
    if title.is_empty() && lines.is_empty() {
        return None;
    }
    let mut preface = El::new("preface");
    let doc_title = |t: &str| El::new("longTitle").child(El::new("p").child(El::new("docTitle").text(t)));
    let rest = if lines.first() == Some(&title) && !title.is_empty() {
        preface.push(doc_title(title));
        &lines[1..]
    } else {
        if !title.is_empty() {
            // The title from the act's metadata, not from its text.
            preface.push(doc_title(title).attr("status", "editorial"));
        }
        &lines[..]
    };
    for b in text::blocks(&rest.join("\n")) {
        preface.push(b);
    }
    Some(preface)
}

fn preamble(n: &ConsolidatedNode<'_>) -> El {
    let mut formula = El::new("formula").attr("name", "enactingFormula");
    match text_of(n) {
        Some(t) => text::blocks(t).into_iter().for_each(|b| formula.push(b)),
        None => formula.push(El::new("p")),
    }
    El::new("preamble").child(formula)
}

/// The signatory of an act: the last line of its conclusions, when they have a line
/// before it (the post).
pub fn signatory<'a>(c: &Consolidated<'a>) -> Option<&'a str> {
    let n = c.nodes.iter().find(|n| n.kind == NodeKind::Conclusions)?;
    let lines: Vec<&str> = n.text?.split('\n').filter(|l| !l.is_empty()).collect();
    (lines.len() >= 2).then(|| lines[lines.len() - 1])
}

fn conclusions(n: &ConsolidatedNode<'_>) -> El {
    let mut out = El::new("conclusions");
    let lines: Vec<&str> = n.text.unwrap_or("").split('\n').filter(|l| !l.is_empty()).collect();
    match lines.split_last() {
        Some((person, post)) if !post.is_empty() => {
            let mut role = El::new("role").attr("refersTo", "#minister");
            for (i, l) in post.iter().enumerate() {
                if i > 0 {
                    role.push(El::new("eol"));
                }
                role.children.extend(text::para(l).children);
            }
            let person = El::new("person")
                .attr("refersTo", "#signatory")
                .attr("as", "#minister")
                .text(*person);
            let sig = El::new("signature").child(role).child(El::new("eol")).child(person);
            out.push(El::new("p").child(sig));
        }
        _ => {
            for b in text::blocks(n.text.unwrap_or("")) {
                out.push(b);
            }
            if out.children.is_empty() {
                out.push(El::new("p"));
            }
        }
    }
    out
}

/// The `act` element, without its `meta` (the caller puts it first).
pub fn document(cx: &Ctx<'_>) -> El {
    let c = cx.c;
    let mut act = El::new("act")
        .attr("name", cx.act.kind.akn_subtype())
        .attr("contains", "singleVersion");
    let top = |k: NodeKind| c.nodes.iter().filter(move |n| n.kind == k);
    if let Some(p) = preface(cx, top(NodeKind::Preface).next()) {
        act.push(p);
    }
    for n in top(NodeKind::Preamble) {
        act.push(preamble(n));
    }
    let mut body = El::new("body");
    for n in c.nodes.iter().filter(|n| {
        !matches!(
            n.kind,
            NodeKind::Preface | NodeKind::Preamble | NodeKind::Conclusions | NodeKind::Attachment
        )
    }) {
        body.push(child(cx, n));
    }
    if body.children.is_empty() {
        // The registry holds none of the act's own provisions: say so, without text.
        let content = El::new("content").child(El::new("p"));
        body.push(
            El::new("hcontainer")
                .attr("name", "notHeld")
                .attr("status", "unknown")
                .child(content),
        );
    }
    act.push(body);
    for n in top(NodeKind::Conclusions) {
        act.push(conclusions(n));
    }
    let atts: Vec<_> = top(NodeKind::Attachment).collect();
    if !atts.is_empty() {
        let mut el = El::new("attachments");
        for n in atts {
            el.push(attachment(cx, n));
        }
        act.push(el);
    }
    act
}

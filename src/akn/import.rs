//! Akoma Ntoso 3.0 import: an act's version read back into nusqa's model, the metadata
//! as an [`Act`] and the text as a clause tree ([`Node`]s with nusqa's eIds), ready to
//! be written as a prepared publication (`act.json`, `text.kk.md`).
//!
//! The reader inverts the exporter ([`super::body`], [`super::text`]): the clause
//! elements (`paragraph`, `subparagraph`, `alinea`, `wrapUp` items, `hcontainer`,
//! `table`/`tr`/`td`, `attachment`) become nodes, their nusqa eId from `wId` where the
//! export kept it (else the eId), their number from `<num>` without the label's
//! punctuation, `status="unknown"` the not-held state and `status="removed"` the
//! repealed one. Text blocks read back line by line ([`super::text::lines_of`]), a
//! `<mod>` as its instruction line followed by its quoted structure.
//!
//! An export holds one version: the import gives that version's text as a base text,
//! with the act's adoption, registration, publication, entry into force and repeal as
//! the lifecycle records them. The amendments that made the version are not in it (an
//! amended act's history lives in the amending acts' operations), so nothing of them is
//! imported. What the document does not say is not made up: a missing registry id,
//! title, number or date is an error that names the element.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::eids::internal_of;
use super::read::{self, ReadError};
use super::text::{line_of, lines_of};
use super::xml::El;
use crate::model::{
    Act, ActKind, Content, EId, Event, EventKind, Issuer, Lang, Node, NodeKind, Registration, RegistryId, WorkUri,
};

/// Why a document cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The XML is not well formed.
    #[error("not well-formed XML: {0}")]
    Read(#[from] ReadError),
    /// A required element or attribute is missing.
    #[error("missing {what}")]
    Missing {
        /// What, as a path (`meta/identification/FRBRWork/FRBRnumber`).
        what: &'static str,
    },
    /// A value that cannot be read.
    #[error("{what}: «{value}» {problem}")]
    Bad {
        /// Where.
        what: String,
        /// The value.
        value: String,
        /// What is wrong with it.
        problem: String,
    },
}

/// An imported version.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The act's metadata.
    pub act: Act,
    /// Its text, as a base text.
    pub nodes: Vec<Node>,
    /// The first day of the version the document holds (`FRBRdate name="version"`, else
    /// the expression's date).
    pub version: NaiveDate,
}

fn bad(what: impl Into<String>, value: &str, problem: impl Into<String>) -> ImportError {
    ImportError::Bad {
        what: what.into(),
        value: value.to_string(),
        problem: problem.into(),
    }
}

fn date_of(what: &str, s: &str) -> Result<NaiveDate, ImportError> {
    s.parse().map_err(|_| bad(what, s, "is not a date (YYYY-MM-DD)"))
}

fn named<'a>(parent: &'a El, tag: &str, name: &str) -> Option<&'a El> {
    parent.elements().find(|e| e.name == tag && e.get("name") == Some(name))
}

fn kind_of(subtype: &str) -> Result<ActKind, ImportError> {
    Ok(match subtype {
        "order" => ActKind::Order,
        "joint_order" => ActKind::JointOrder,
        "decree" => ActKind::GovernmentDecree,
        "law" => ActKind::Law,
        "decision" => ActKind::Decision,
        other => return Err(bad("act/@name", other, "is not a kind of act nusqa holds")),
    })
}

/// Reads an Akoma Ntoso document. `id` is the act's registry id when the document does
/// not give it (`FRBRalias name="registryId"`); given both, they must agree.
pub fn import(xml: &str, id: Option<RegistryId>) -> Result<Imported, ImportError> {
    let root = read::parse(xml)?;
    let doc = if root.name == "akomaNtoso" {
        root.elements()
            .find(|e| e.name == "act")
            .ok_or(ImportError::Missing { what: "akomaNtoso/act" })?
    } else if root.name == "act" {
        &root
    } else {
        return Err(bad("the root element", &root.name, "is not akomaNtoso"));
    };
    let meta = doc.first("meta").ok_or(ImportError::Missing { what: "act/meta" })?;
    let ident = meta.first("identification").ok_or(ImportError::Missing {
        what: "meta/identification",
    })?;
    let work = ident.first("FRBRWork").ok_or(ImportError::Missing {
        what: "identification/FRBRWork",
    })?;
    let value = |el: Option<&El>, what: &'static str| -> Result<String, ImportError> {
        el.and_then(|e| e.get("value").or_else(|| e.get("date")))
            .map(str::to_string)
            .ok_or(ImportError::Missing { what })
    };
    let work_uri_s = value(work.first("FRBRuri"), "FRBRWork/FRBRuri")?;
    let work_uri: WorkUri = work_uri_s
        .parse()
        .map_err(|e| bad("FRBRWork/FRBRuri", &work_uri_s, format!("{e}")))?;
    let number = value(work.first("FRBRnumber"), "FRBRWork/FRBRnumber")?;
    let date = date_of(
        "FRBRWork/FRBRdate",
        &value(
            named(work, "FRBRdate", "adoption").or_else(|| work.first("FRBRdate")),
            "FRBRWork/FRBRdate",
        )?,
    )?;
    let subtype = doc
        .get("name")
        .map(str::to_string)
        .or_else(|| {
            work.first("FRBRsubtype")
                .and_then(|e| e.get("value"))
                .map(str::to_string)
        })
        .ok_or(ImportError::Missing { what: "act/@name" })?;
    let kind = kind_of(&subtype)?;
    let stated_id = named(work, "FRBRalias", "registryId").and_then(|e| e.get("value"));
    let id = match (stated_id, id) {
        (Some(s), given) => {
            let stated: RegistryId = s
                .parse()
                .map_err(|e| bad("FRBRalias[@name=registryId]", s, format!("{e}")))?;
            if let Some(g) = given.filter(|g| *g != stated) {
                return Err(bad(
                    "FRBRalias[@name=registryId]",
                    s,
                    format!("differs from the id given, {g}"),
                ));
            }
            stated
        }
        (None, Some(g)) => g,
        (None, None) => {
            return Err(ImportError::Missing {
                what: "FRBRWork/FRBRalias[@name=registryId] (or give the registry id)",
            });
        }
    };
    let mut titles = BTreeMap::new();
    if let Some(t) = named(work, "FRBRalias", "title").and_then(|e| e.get("value")) {
        titles.insert(Lang::Kk, t.to_string());
    }
    let expr = ident.first("FRBRExpression");
    let version = match expr.and_then(|e| named(e, "FRBRdate", "version").or_else(|| e.first("FRBRdate"))) {
        Some(d) => date_of("FRBRExpression/FRBRdate", d.get("date").unwrap_or_default())?,
        None => date,
    };

    // The lifecycle's own events of the act.
    let mut events = Vec::new();
    let mut registration_date = None;
    for e in meta.first("lifecycle").into_iter().flat_map(El::elements) {
        let (Some(d), Some(refers)) = (e.get("date"), e.get("refersTo")) else {
            continue;
        };
        let d = date_of("lifecycle/eventRef/@date", d)?;
        match (refers, e.get("eId")) {
            ("#registration", _) => registration_date = Some(d),
            ("#publication", _) => events.push(Event::new(EventKind::Publication, d)),
            // The act's own entry into force; `e_entryIntoForce_D` are its instructions'.
            ("#entryIntoForce", Some("e_entryIntoForce")) => events.push(Event::new(EventKind::EntryIntoForce, d)),
            ("#repeal", _) => events.push(Event::new(EventKind::Repeal, d)),
            _ => {}
        }
    }
    if !events.iter().any(|e| e.kind == EventKind::Publication)
        && let Some(p) = meta.first("publication").and_then(|p| p.get("date"))
    {
        events.push(Event::new(EventKind::Publication, date_of("publication/@date", p)?));
    }

    let refs = meta.first("references");
    let role = refs.and_then(|r| r.elements().find(|e| e.name == "TLCRole"));
    let org = refs.and_then(|r| {
        r.elements()
            .find(|e| e.name == "TLCOrganization" && e.get("eId") != Some("nusqa"))
    });
    let office = org
        .and_then(|o| o.get("showAs"))
        .map(|m| match m.strip_prefix("Ministry ") {
            Some(rest) => format!("Minister {rest}"),
            None => m.to_string(),
        })
        .unwrap_or_default();
    let mut names = BTreeMap::new();
    if let Some(kk) = role
        .and_then(|r| r.get("showAs"))
        .filter(|s| !s.is_empty() && *s != office)
    {
        names.insert(Lang::Kk, kk.to_string());
    }
    let acting = names.get(&Lang::Kk).is_some_and(|n| n.contains("міндетін атқарушы"));

    let act = Act {
        id,
        work_uri,
        kind,
        issuer: Issuer { office, names, acting },
        date,
        number,
        registration: Some(Registration {
            number: id.registration_number(),
            date: registration_date,
        }),
        titles,
        events,
        synthetic: false,
        provenance: None,
        editorial_notes: Vec::new(),
        entry_into_force: None,
    };
    Ok(Imported {
        act,
        nodes: text_nodes(doc)?,
        version,
    })
}

/// The top-level nodes of the document: preface, preamble, body, conclusions,
/// attachments.
fn text_nodes(doc: &El) -> Result<Vec<Node>, ImportError> {
    let mut out = Vec::new();
    let fixed = |name: &str| -> Result<EId, ImportError> { name.parse().map_err(|e| bad("eId", name, format!("{e}"))) };
    for el in doc.elements() {
        match el.name.as_str() {
            "preface" => {
                let mut lines = Vec::new();
                let mut rest = Vec::new();
                for c in el.elements() {
                    if c.name == "longTitle" {
                        // A title from the act's metadata, not from its text, is editorial.
                        if c.get("status") != Some("editorial") {
                            lines.push(c.all_text());
                        }
                    } else {
                        rest.push(c);
                    }
                }
                lines.extend(block_lines(rest));
                if !lines.is_empty() {
                    out.push(leaf(fixed("preface")?, lines.join("\n")));
                }
            }
            "preamble" => {
                let formula = el.first("formula").unwrap_or(el);
                out.push(leaf(fixed("preamble")?, block_lines(formula.elements()).join("\n")));
            }
            "body" => {
                for c in el.elements() {
                    if c.name == "hcontainer" && c.get("name") == Some("notHeld") {
                        continue;
                    }
                    out.push(clause(c)?);
                }
            }
            "conclusions" => out.push(leaf(fixed("conclusions")?, conclusion_lines(el).join("\n"))),
            "attachments" => {
                for a in el.elements().filter(|a| a.name == "attachment") {
                    out.push(attachment(a)?);
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

fn leaf(eid: EId, text: String) -> Node {
    Node {
        eid,
        num: None,
        heading: None,
        content: Content::Text { text },
        children: Vec::new(),
    }
}

/// The lines of a sequence of blocks, a `<p>` holding a `<mod>` as its instruction line
/// and the lines of its quoted structure.
fn block_lines<'a>(blocks: impl IntoIterator<Item = &'a El>) -> Vec<String> {
    let mut out = Vec::new();
    for b in blocks {
        match b.first("mod") {
            Some(m) if b.name == "p" => {
                if let Some(r) = m.first("ref") {
                    out.push(line_of(r));
                }
                if let Some(q) = m.first("quotedStructure") {
                    out.extend(block_lines(q.elements()));
                }
            }
            _ => out.extend(lines_of([b])),
        }
    }
    out
}

/// The lines of the conclusions: a signature's role, line by line, then the person.
fn conclusion_lines(el: &El) -> Vec<String> {
    let sig = el.first("p").and_then(|p| p.first("signature"));
    let Some(sig) = sig else {
        return block_lines(el.elements());
    };
    let mut out: Vec<String> = sig
        .first("role")
        .map(|r| line_of(r).split("<br>").map(str::to_string).collect())
        .unwrap_or_default();
    if let Some(p) = sig.first("person") {
        out.push(p.all_text());
    }
    out
}

fn eid_of(el: &El) -> Result<EId, ImportError> {
    let raw = internal_of(el).ok_or_else(|| bad(format!("<{}>", el.name), "", "has no eId"))?;
    raw.parse()
        .map_err(|e| bad(format!("<{}> eId", el.name), raw, format!("{e}")))
}

/// The number a `<num>` label stands for: "4." → 4, "1)" → 1, "2-қосымша" → 2.
fn unlabel(kind: NodeKind, label: &str) -> String {
    let l = label.trim();
    let stripped = match kind {
        NodeKind::Paragraph => l.strip_suffix('.'),
        NodeKind::Subparagraph => l.strip_suffix(')'),
        NodeKind::Attachment => l.strip_suffix("-қосымша"),
        NodeKind::Chapter => l.strip_suffix("-тарау"),
        NodeKind::Article => l.strip_suffix("-бап"),
        NodeKind::Row => l.strip_suffix("-жол"),
        _ => None,
    };
    stripped.unwrap_or(l).to_string()
}

fn content_of(el: &El, lines: Option<Vec<String>>) -> Content {
    match el.get("status") {
        Some("unknown") => Content::NotHeld,
        Some("removed") => Content::Repealed,
        _ => Content::Text {
            text: lines.unwrap_or_default().join("\n"),
        },
    }
}

fn is_clause(el: &El) -> bool {
    match el.name.as_str() {
        "paragraph" | "subparagraph" | "chapter" | "article" | "part" | "alinea" | "hcontainer" | "attachment" => true,
        // A table node's rows carry their eIds; a table in a clause's text has none.
        "table" => el.elements().any(|tr| tr.name == "tr" && tr.get("eId").is_some()),
        _ => false,
    }
}

/// A clause element and its subtree.
fn clause(el: &El) -> Result<Node, ImportError> {
    if el.name == "hcontainer" && el.get("name") == Some("tableContainer") {
        let t = el
            .first("content")
            .and_then(|c| c.first("table"))
            .ok_or_else(|| bad("hcontainer[@name=tableContainer]", "", "holds no table"))?;
        return table(t);
    }
    if el.name == "table" {
        return table(el);
    }
    if el.name == "attachment" {
        return attachment(el);
    }
    let eid = eid_of(el)?;
    let kind = eid.kind();
    let num = el.first("num").map(|n| unlabel(kind, &n.all_text()));
    let heading = el.first("heading").map(El::all_text);
    let mut children = Vec::new();
    let mut lines = None;
    for c in el.elements() {
        match c.name.as_str() {
            "num" | "heading" => {}
            "content" | "intro" => lines = Some(block_lines(c.elements())),
            "wrapUp" => {
                for p in c.elements() {
                    children.push(Node {
                        eid: eid_of(p)?,
                        num: None,
                        heading: None,
                        content: content_of(p, Some(vec![line_of(p)])),
                        children: Vec::new(),
                    });
                }
            }
            _ if is_clause(c) => children.push(clause(c)?),
            _ => {}
        }
    }
    Ok(Node {
        eid,
        num,
        heading,
        content: content_of(el, lines),
        children,
    })
}

/// A table node: its rows and cells keep their eIds.
fn table(t: &El) -> Result<Node, ImportError> {
    let eid = eid_of(t)?;
    let mut rows = Vec::new();
    for tr in t.elements().filter(|e| e.name == "tr" && e.get("eId").is_some()) {
        let row_eid = eid_of(tr)?;
        let mut cells = Vec::new();
        for td in tr.elements().filter(|e| e.get("eId").is_some()) {
            let lines: Vec<String> = td.elements().map(line_of).collect();
            cells.push(Node {
                eid: eid_of(td)?,
                num: None,
                heading: None,
                content: content_of(td, Some(lines)),
                children: Vec::new(),
            });
        }
        rows.push(Node {
            num: row_eid.as_str().rsplit('_').next().map(str::to_string),
            eid: row_eid,
            heading: None,
            content: content_of(tr, None),
            children: cells,
        });
    }
    Ok(Node {
        eid,
        num: None,
        heading: None,
        content: content_of(t, None),
        children: rows,
    })
}

/// An attachment: its number and heading, its own text and clauses in `mainBody`, its
/// own attachments nested.
fn attachment(a: &El) -> Result<Node, ImportError> {
    let eid = eid_of(a)?;
    let num = a.first("num").map(|n| unlabel(NodeKind::Attachment, &n.all_text()));
    let heading = a.first("heading").map(El::all_text);
    let doc = a.first("doc");
    let mut children = Vec::new();
    let mut blocks = Vec::new();
    if let Some(main) = doc.and_then(|d| d.first("mainBody")) {
        for c in main.elements() {
            if is_clause(c) {
                children.push(clause(c)?);
            } else {
                blocks.push(c);
            }
        }
    }
    if let Some(atts) = doc.and_then(|d| d.first("attachments")) {
        for n in atts.elements().filter(|e| e.name == "attachment") {
            children.push(attachment(n)?);
        }
    }
    let lines = block_lines(blocks);
    // `<mainBody><p/></mainBody>`: no text of its own.
    let lines = (lines != [String::new()]).then_some(lines);
    Ok(Node {
        eid,
        num,
        heading,
        content: content_of(a, lines),
        children,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_lose_their_punctuation() {
        assert_eq!(unlabel(NodeKind::Paragraph, "18-1."), "18-1");
        assert_eq!(unlabel(NodeKind::Subparagraph, "1)"), "1");
        assert_eq!(unlabel(NodeKind::Attachment, "2"), "2");
        assert_eq!(unlabel(NodeKind::Chapter, "3-тарау"), "3");
    }

    #[test]
    fn a_document_without_an_id_or_number_is_refused_by_name() {
        let xml = "<akomaNtoso><act name=\"order\"><meta><identification><FRBRWork>\
<FRBRuri value=\"/akn/kz/act/order/2014-12-30/350\"/><FRBRdate date=\"2014-12-30\" name=\"adoption\"/>\
</FRBRWork></identification></meta></act></akomaNtoso>";
        assert_eq!(
            import(xml, None).unwrap_err(),
            ImportError::Missing {
                what: "FRBRWork/FRBRnumber"
            }
        );
        let with_number = xml.replace("</FRBRWork>", "<FRBRnumber value=\"350\"/></FRBRWork>");
        assert!(matches!(import(&with_number, None), Err(ImportError::Missing { .. })));
        let got = import(&with_number, Some("V1400010273".parse().unwrap())).unwrap();
        assert_eq!(got.act.number, "350");
        assert!(got.nodes.is_empty());
        assert!(matches!(import("<html/>", None), Err(ImportError::Bad { .. })));
        assert!(matches!(import("<act", None), Err(ImportError::Read(_))));
    }
}

//! eIds: nusqa's clause ids and the Akoma Ntoso naming convention, mapped in one place.
//!
//! nusqa's eIds never change (`att_1__para_6__abz_5`, `att_std`); the export's eIds
//! follow the naming convention as bluebell's `IdGenerator` (the one Indigo uses)
//! applies it, so a round through Indigo changes none: every element but the exempt
//! ones gets `prefix__name_num`, the number cleaned from its `<num>` (`4.` → `4`), or a
//! counter among its unnumbered siblings of the same name (`p_1`, `table_1`), or
//! `nn_K` for an unnumbered element that expects a number (`al_nn_1`); `intro`,
//! `wrapUp`, `preface`… pass their name to their descendants. [`assign`] computes them
//! over a whole document, and where a clause's AKN eId differs from its nusqa eId the
//! latter is kept as `wId`, so [`internal_of`] gives it back on import.

use std::collections::{BTreeMap, HashMap};

use super::xml::El;

/// Elements that never get an eId.
const EXEMPT: &[&str] = &[
    "akomaNtoso",
    "act",
    "amendment",
    "amendmentList",
    "bill",
    "debate",
    "debateReport",
    "doc",
    "documentCollection",
    "judgment",
    "officialGazette",
    "portion",
    "statement",
    "amendmentBody",
    "attachments",
    "body",
    "collectionBody",
    "components",
    "coverPage",
    "debateBody",
    "judgmentBody",
    "mainBody",
    "meta",
    "portionBody",
    "br",
    "tr",
    "td",
    "th",
    "num",
    "heading",
    "subheading",
    "content",
    "abbr",
    "b",
    "i",
    "u",
    "sub",
    "sup",
    "ins",
    "del",
    "inline",
    "img",
    "remark",
    "span",
];

/// Elements without an eId whose name their descendants' eIds carry.
const PASS_TO_CHILDREN: &[&str] = &[
    "arguments",
    "background",
    "conclusions",
    "decision",
    "header",
    "intro",
    "introduction",
    "motivation",
    "preamble",
    "preface",
    "remedies",
    "wrapUp",
];

/// Elements that expect a `<num>`: unnumbered, they are `nn`.
const NUM_EXPECTED: &[&str] = &[
    "alinea",
    "article",
    "book",
    "chapter",
    "clause",
    "division",
    "indent",
    "item",
    "level",
    "list",
    "paragraph",
    "part",
    "point",
    "proviso",
    "rule",
    "section",
    "subchapter",
    "subclause",
    "subdivision",
    "sublist",
    "subparagraph",
    "subpart",
    "subrule",
    "subsection",
    "subtitle",
    "title",
    "tome",
    "transitional",
];

fn alias(name: &str) -> &str {
    match name {
        "alinea" => "al",
        "amendmentBody" | "debateBody" | "judgmentBody" | "mainBody" => "body",
        "article" => "art",
        "attachment" => "att",
        "blockList" => "list",
        "chapter" => "chp",
        "citation" => "cit",
        "citations" => "cits",
        "clause" => "cl",
        "component" => "cmp",
        "components" => "cmpnts",
        "componentRef" => "cref",
        "division" => "dvs",
        "documentRef" => "dref",
        "eventRef" => "eref",
        "listIntroduction" => "intro",
        "listWrapUp" | "wrapUp" => "wrapup",
        "paragraph" => "para",
        "quotedStructure" => "qstr",
        "quotedText" => "qtext",
        "recital" => "rec",
        "recitals" => "recs",
        "section" => "sec",
        "subchapter" => "subchp",
        "subclause" => "subcl",
        "subdivision" => "subdvs",
        "subparagraph" => "subpara",
        "subsection" => "subsec",
        "temporalGroup" => "tmpg",
        other => other,
    }
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation() || ('\u{2000}'..='\u{206f}').contains(&c) || ('\u{2e00}'..='\u{2e7f}').contains(&c)
}

/// A `<num>` cleaned for an eId: leading and trailing punctuation and space stripped,
/// inner space removed, inner punctuation runs made one hyphen (`18-1.` → `18-1`,
/// `1)` → `1`).
pub fn clean_num(num: &str) -> String {
    let t = num.trim_matches(|c: char| c.is_whitespace() || is_punct(c));
    let mut out = String::with_capacity(t.len());
    let mut in_punct = false;
    for c in t.chars().filter(|c| !c.is_whitespace()) {
        if is_punct(c) {
            if !in_punct {
                out.push('-');
            }
            in_punct = true;
        } else {
            out.push(c);
            in_punct = false;
        }
    }
    out
}

/// nusqa's eIds and the export's, for the clauses of one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EIdMap {
    to_akn: BTreeMap<String, String>,
}

impl EIdMap {
    /// The AKN eId of a nusqa clause, when the document renders it.
    pub fn akn(&self, internal: &str) -> Option<&str> {
        self.to_akn.get(internal).map(String::as_str)
    }

    /// The number of clauses mapped.
    pub fn len(&self) -> usize {
        self.to_akn.len()
    }

    /// True when no clause is mapped.
    pub fn is_empty(&self) -> bool {
        self.to_akn.is_empty()
    }
}

#[derive(Default)]
struct Counters {
    per_prefix: HashMap<(String, String), u32>,
    per_eid: HashMap<String, u32>,
}

impl Counters {
    fn unique(&mut self, eid: String, nn: bool) -> String {
        let count = self.per_eid.entry(eid.clone()).or_insert(0);
        *count += 1;
        let count = *count;
        if count == 1 && !nn {
            eid
        } else {
            self.unique(format!("{eid}_{count}"), false)
        }
    }

    fn eid(&mut self, prefix: &str, name: &str, num: &str) -> String {
        let base = if prefix.is_empty() {
            alias(name).to_string()
        } else {
            format!("{prefix}__{}", alias(name))
        };
        let mut num = clean_num(num);
        let mut nn = false;
        if num.is_empty() && NUM_EXPECTED.contains(&name) {
            num = "nn".to_string();
            nn = true;
        }
        if num.is_empty() {
            let c = self
                .per_prefix
                .entry((prefix.to_string(), name.to_string()))
                .or_insert(0);
            *c += 1;
            num = c.to_string();
        }
        self.unique(format!("{base}_{num}"), nn)
    }
}

/// Gives every element of the document its conforming eId (the `meta` blocks are left
/// alone), sets `wId` to the nusqa eId where the two differ, and returns the mapping.
pub fn assign(root: &mut El) -> EIdMap {
    let mut counters = Counters::default();
    let mut map = EIdMap::default();
    rewrite(root, "", &mut counters, &mut map);
    map
}

fn rewrite(el: &mut El, prefix: &str, counters: &mut Counters, map: &mut EIdMap) {
    if el.name == "meta" {
        return;
    }
    let name = el.name.clone();
    let mut prefix = prefix.to_string();
    let exempt = EXEMPT.contains(&name.as_str());
    let pass = PASS_TO_CHILDREN.contains(&name.as_str());
    if !exempt && !pass {
        let num = el.first("num").map(El::leading_text).unwrap_or_default();
        let eid = counters.eid(&prefix, &name, &num);
        el.attrs.retain(|(k, _)| k != "eId" && k != "wId");
        el.attrs.insert(0, ("eId".to_string(), eid.clone()));
        if let Some(internal) = el.internal.clone() {
            // `#…` keys name elements for the exporter only (a `<mod>`).
            if internal != eid && !internal.starts_with('#') {
                el.attrs.insert(1, ("wId".to_string(), internal.clone()));
            }
            map.to_akn.insert(internal, eid.clone());
        }
        prefix = eid;
    } else if let Some(internal) = el.internal.clone() {
        // An exempt element keeps the eId it was given (table rows and cells).
        let eid = el.get("eId").unwrap_or(&internal).to_string();
        map.to_akn.insert(internal, eid);
    }
    if pass {
        let lower = name.to_lowercase();
        prefix = if prefix.is_empty() {
            lower
        } else {
            format!("{prefix}__{lower}")
        };
    }
    for kid in el.elements_mut() {
        rewrite(kid, &prefix, counters, map);
    }
}

/// The nusqa eId of an exported element: its `wId` when it has one, else its `eId`.
pub fn internal_of(el: &El) -> Option<&str> {
    el.get("wId").or_else(|| el.get("eId"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbered(name: &str, num: &str, internal: &str) -> El {
        let mut e = El::new(name).child(El::new("num").text(num));
        e.internal = Some(internal.to_string());
        e
    }

    #[test]
    fn cleans_numbers_as_bluebell() {
        assert_eq!(clean_num("4."), "4");
        assert_eq!(clean_num("1)"), "1");
        assert_eq!(clean_num("18-1."), "18-1");
        assert_eq!(clean_num(" 1.2. "), "1-2");
        assert_eq!(clean_num("3a bis"), "3abis");
        assert_eq!(clean_num(""), "");
    }

    #[test]
    fn assigns_conforming_eids_and_keeps_nusqa_ids_as_wid() {
        let mut abz = El::new("alinea").child(El::new("content").child(El::new("p").text("x")));
        abz.internal = Some("att_1__para_6__abz_5".into());
        let mut att_std = El::new("attachment").child(El::new("doc"));
        att_std.internal = Some("att_1__att_std".into());
        let para = numbered("paragraph", "6.", "att_1__para_6")
            .child(El::new("intro").child(El::new("p").text("a")))
            .child(numbered("subparagraph", "1)", "att_1__para_6__subpara_1"))
            .child(abz);
        let main = El::new("mainBody").child(para);
        let doc = El::new("doc").child(El::new("meta")).child(main);
        let mut att = numbered("attachment", "1", "att_1").child(doc);
        att.push(att_std);
        let mut root = El::new("act").child(El::new("attachments").child(att));
        let map = assign(&mut root);
        assert_eq!(map.akn("att_1"), Some("att_1"));
        assert_eq!(map.akn("att_1__para_6"), Some("att_1__para_6"));
        assert_eq!(map.akn("att_1__para_6__subpara_1"), Some("att_1__para_6__subpara_1"));
        assert_eq!(map.akn("att_1__para_6__abz_5"), Some("att_1__para_6__al_nn_1"));
        assert_eq!(map.akn("att_1__att_std"), Some("att_1__att_1"));
        let mut s = String::new();
        root.write(&mut s);
        assert!(s.contains("<p eId=\"att_1__para_6__intro__p_1\">a</p>"), "{s}");
        assert!(
            s.contains("eId=\"att_1__para_6__al_nn_1\" wId=\"att_1__para_6__abz_5\""),
            "{s}"
        );
        assert!(s.contains("<p eId=\"att_1__para_6__al_nn_1__p_1\">x</p>"), "{s}");
    }

    #[test]
    fn duplicates_get_a_count() {
        let mut root = El::new("body")
            .child(El::new("paragraph").child(El::new("num").text("1.")))
            .child(El::new("paragraph").child(El::new("num").text("1.")));
        assign(&mut root);
        let ids: Vec<_> = root.elements().filter_map(|e| e.get("eId")).collect();
        assert_eq!(ids, ["para_1", "para_1_2"]);
    }
}

//! Extraction rules: what the clauses and table rows of a set of Rules say about the
//! state service they govern. Every rule is a regular expression or keyword test over
//! the text of a clause held on the date, named, and unit-tested where it is defined;
//! nothing is entered by hand, so when an amendment changes a clause the extracted value
//! changes with it.
//!
//! [`extract`] walks the clause tree; the rules live in the submodules `clause_rules`
//! (clause texts), `terms`, `lists` (documents, grounds), `table` (requirements rows) and
//! `names` (names and evidence), with the shared pattern helpers in `patterns`. What
//! they find is written into the result types of `found`, a leaf module.
//!
//! # Table rows (`requirements.row`)
//! A row of any table in the Rules whose name cell (the second of three or more cells,
//! the first of two) names one of the standard rows of the "мемлекеттік қызмет
//! көрсетуге қойылатын негізгі талаптар тізбесі" states that attribute in its value
//! cell(s). Name tests, in this order (the first that matches wins, since the fee row
//! also mentions "тәсілдері"):
//!
//! | attribute | the row name contains |
//! |---|---|
//! | provider | `қызметті берушінің атауы` |
//! | fee | `төлем` |
//! | refusal_grounds | `бас тарту` |
//! | other_requirements | `өзге де талаптар` |
//! | documents | `құжаттар… тізбесі` |
//! | schedule | `жұмыс кестесі` |
//! | result | `нәтижесі` |
//! | term | `мерзімі` |
//! | form | `нысаны` |
//! | channels | `тәсілдері` |
//!
//! Channels give the portal addresses (`www.…`) named; terms one value per line with an
//! amount (`5 (бес) жұмыс күні`, by case when the line reads `CASE - 10 (он) жұмыс
//! күні`); form the kinds named (`электрондық`, `қағаз`); documents and grounds one item
//! per line; the rest the cell's text.
//!
//! # Clauses
//! - `provider.clause`: `… сәйкес PROVIDER (бұдан әрі — көрсетілетін қызметті беруші)
//!   [арқылы] көрсетеді|көрсетіледі`.
//! - `channels.clause`: a clause that names a portal (`портал`) with its address
//!   (`www.…`) and a verb of submission (`жолдайды`, `жібереді`, `жүгінеді`, `ұсынады`).
//! - `term.clause`: `… көрсету [жалпы] мерзімі … N (words) жұмыс күні`; when the clause
//!   ends with `:` and gives no amount, `term.case` reads its items (`CASE - N (words)
//!   жұмыс күні`).
//! - `documents.list`: a clause `… құжаттарды жолдайды|ұсынады:` introduces the list;
//!   its items are its numbered subparagraphs; an item ending with `:` is a case whose
//!   following abzats (up to the first ending with `.`) are its items; an unnumbered
//!   abzats after them is an item only if it says a document is submitted
//!   (`… құжат ұсынылады`), and the list ends at the first that does not.
//! - `documents.item`: a subparagraph whose introducing clause is not held and whose
//!   text ends with an application or a document (`өтініш;`, `көшірмесі;`…): the list is
//!   then only partly known.
//! - `refusal.list`: `… бас тарту үшін негіздер…:` introduces a list, read like documents.
//! - `result.clause`: the sentence `… нәтижесін ресімдейді` or `… бас тарту туралы
//!   дәлелді жауап құрастырады|ресімдейді|береді|жолдайды|дайындайды`.
//! - `fee.clause`: the sentence `… алымның төленгенін …`, `тегін [негізде] көрсетіледі`
//!   or `ақылы негізде`.
//!
//! # Pointers (where an attribute is stated, without stating it)
//! - `… негізгі талаптар тізбесі … осы Қағидаларға N-қосымшаға сәйкес …`: every row
//!   attribute is stated in annex N.
//! - `… бас тарту үшін негіздер осы Қағидаларға N-қосымша…`: the grounds are in annex N.
//!
//! # Names and classification
//! - `name.quoted`: `"NAME" мемлекеттік көрсетілетін қызмет…` or `"NAME" мемлекеттік
//!   қызмет… көрсету…`, in a heading or a text.
//! - `name.defined`: a clause that opens `NAME мемлекеттік көрсетілетін қызмет (бұдан
//!   әрі — мемлекеттік көрсетілетін қызмет)`.
//! - `name.heading`: the Rules' heading without its closing `қағидалары`.
//! - Evidence that Rules govern a state service: a name by `name.quoted` or
//!   `name.defined`; a heading that names a state service (`heading.state_service`); a
//!   requirements row (`requirements.row`); a mention of the requirements list
//!   (`requirements.reference`).

mod clause_rules;
mod found;
mod lists;
mod names;
mod patterns;
mod table;
mod terms;

use clause_rules::clause;
use names::names_and_evidence;
use table::{row, table_info};

use crate::model::NodeKind;
use crate::services::clause::Clause;

pub use found::{EvidenceFound, Extraction, Found, NameFound, PartialList, Pointer, RowInfo, TableInfo};
pub use names::{heading_name, is_rules_heading, name_in};
pub use table::row_attribute;

/// Runs every rule over `root` and its descendants.
pub fn extract(root: &Clause<'_>) -> Extraction {
    let mut out = Extraction::default();
    visit(root, None, &mut out);
    out
}

fn visit(c: &Clause<'_>, parent: Option<&Clause<'_>>, out: &mut Extraction) {
    if let Some(h) = c.heading {
        names_and_evidence(c, h, true, out);
    }
    match c.kind() {
        NodeKind::Table => {
            out.tables.push(table_info(c));
        }
        NodeKind::Row => row(c, out),
        NodeKind::Cell => {}
        _ => {
            if let Some(text) = c.text() {
                names_and_evidence(c, text, false, out);
                clause(c, text, parent, out);
            }
        }
    }
    for child in &c.children {
        visit(child, Some(c), out);
    }
}

/// Test helpers: the extraction of a clause tree written as clause Markdown.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use chrono::NaiveDate;

    use crate::clause_markdown;
    use crate::model::{Node, Provenance, RegistryId};
    use crate::services::clause::Held;
    use crate::services::model::Attribute;

    fn clause_of(nodes: &[Node]) -> Clause<'_> {
        // Every test tree has a single root.
        let source = Provenance::base(&"V1400010273".parse::<RegistryId>().unwrap());
        fn conv<'a>(n: &'a Node, source: &Provenance) -> Clause<'a> {
            Clause {
                eid: &n.eid,
                num: n.num.as_deref(),
                heading: n.heading.as_deref(),
                held: match &n.content {
                    crate::model::Content::Text { text } => Held::Text(text),
                    crate::model::Content::NotHeld => Held::NotHeld,
                    crate::model::Content::Repealed => Held::Repealed,
                },
                since: Some(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()),
                source: source.clone(),
                pending: vec![],
                children: n.children.iter().map(|c| conv(c, source)).collect(),
            }
        }
        conv(&nodes[0], &source)
    }

    pub(crate) fn run(md: &str) -> Extraction {
        let nodes = clause_markdown::parse(md).unwrap();
        extract(&clause_of(&nodes))
    }

    pub(crate) fn values(x: &Extraction, a: Attribute) -> Vec<String> {
        x.of(a).map(|f| format!("{} {}", f.eid, f.value.summary())).collect()
    }
}

//! Extraction rules: what the clauses and table rows of a set of Rules say about the
//! state service they govern. Every rule is a regular expression or keyword test over
//! the text of a clause held on the date, named, and unit-tested where it is defined;
//! nothing is entered by hand, so when an amendment changes a clause the extracted value
//! changes with it.
//!
//! [`extract`] walks the clause tree; the rules live in the sibling modules `clause_rules`
//! (clause texts), `terms`, `lists` (documents, grounds), `table` (requirements rows) and
//! `names` (names and evidence), with the shared pattern helpers in `patterns`.
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

use chrono::NaiveDate;

use super::clause::Clause;
use super::clause_rules::clause;
use super::model::{Attribute, Statement, Value};
use super::names::names_and_evidence;
use super::table::{row, table_info};
use crate::consolidate::PendingChange;
use crate::model::{EId, NodeKind, Provenance};

pub use super::names::{heading_name, is_rules_heading, name_in};
pub use super::table::{RowInfo, TableInfo, row_attribute};

/// A statement found by a rule, not yet dated (a pending wording has no date).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The attribute.
    pub attribute: Attribute,
    /// What it says.
    pub value: Value,
    /// The clause or row.
    pub eid: EId,
    /// Since when it reads so.
    pub since: Option<NaiveDate>,
    /// Who made it so.
    pub source: Provenance,
    /// The rule.
    pub rule: &'static str,
    /// Pending amendments to it.
    pub pending: Vec<PendingChange>,
}

impl Found {
    /// The dated statement; `None` for a pending wording.
    pub fn statement(&self) -> Option<Statement> {
        Some(Statement {
            value: self.value.clone(),
            eid: self.eid.clone(),
            since: self.since?,
            source: self.source.clone(),
            rule: self.rule,
            pending: self.pending.clone(),
        })
    }
}

/// A clause that says in which annex attributes are stated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pointer {
    /// The attributes stated there.
    pub attributes: Vec<Attribute>,
    /// The annex's number, e.g. `2`.
    pub annex: String,
    /// The clause.
    pub eid: EId,
    /// Since when it reads so.
    pub since: Option<NaiveDate>,
    /// Who made it so.
    pub source: Provenance,
}

/// A list item held under a clause that is not held: the list is only partly known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartialList {
    /// The attribute.
    pub attribute: Attribute,
    /// The clause that introduces the list, not held.
    pub intro: EId,
}

/// A name a heading or text gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameFound {
    /// The name.
    pub text: String,
    /// The node.
    pub eid: EId,
    /// Since when.
    pub since: Option<NaiveDate>,
    /// Who made it so.
    pub source: Provenance,
    /// `name.quoted` or `name.defined`.
    pub rule: &'static str,
}

/// A sign that the Rules govern a state service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceFound {
    /// The rule.
    pub rule: &'static str,
    /// The node.
    pub eid: EId,
    /// Since when.
    pub since: Option<NaiveDate>,
    /// Who made it so.
    pub source: Provenance,
}

/// Everything the rules read from one clause tree.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extraction {
    /// Statements, in document order.
    pub found: Vec<Found>,
    /// Lists known only in part.
    pub partial: Vec<PartialList>,
    /// Pointers to annexes.
    pub pointers: Vec<Pointer>,
    /// Tables.
    pub tables: Vec<TableInfo>,
    /// Names, in document order.
    pub names: Vec<NameFound>,
    /// Evidence of a state service, in document order.
    pub evidence: Vec<EvidenceFound>,
}

impl Extraction {
    /// The statements of one attribute.
    pub fn of(&self, attribute: Attribute) -> impl Iterator<Item = &Found> {
        self.found.iter().filter(move |f| f.attribute == attribute)
    }
}

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

pub(super) fn found(c: &Clause<'_>, attribute: Attribute, value: Value, rule: &'static str) -> Found {
    Found {
        attribute,
        value,
        eid: c.eid.clone(),
        since: c.since,
        source: c.source.clone(),
        rule,
        pending: c.pending.iter().map(|p| (*p).clone()).collect(),
    }
}

/// Test helpers: the extraction of a clause tree written as clause Markdown.
#[cfg(test)]
pub(super) mod testing {
    use super::*;
    use crate::clause_markdown;
    use crate::model::{Node, RegistryId};
    use crate::services::clause::Held;

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

//! Extraction rules: what the clauses and table rows of a set of Rules say about the
//! state service they govern. Every rule is a regular expression or keyword test over
//! the text of a clause held on the date, named, and tested below; nothing is entered
//! by hand, so when an amendment changes a clause the extracted value changes with it.
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

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::clause::{Clause, Held};
use super::model::{Attribute, FormKind, Statement, TermUnit, Value};
use crate::consolidate::PendingChange;
use crate::model::{EId, NodeKind, Provenance};

fn re(pattern: &str) -> Regex {
    // The patterns are constants, compiled once; a unit test compiles every one.
    Regex::new(pattern).unwrap_or_else(|e| panic!("invalid extraction pattern {pattern}: {e}"))
}

const DASH: &str = "[-—–]";

static PROVIDER: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)сәйкес\s+([^()]+?)\s*\(бұдан әрі\s*{DASH}?\s*көрсетілетін қызметті беруші\)\s*(?:арқылы\s+)?көрсет(?:еді|іледі)"
    ))
});
static PORTAL_WORD: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)портал"));
static SUBMIT: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)(?:жолдайды|жібереді|жүгінеді|ұсынады)"));
static PORTAL: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)www\.[a-z0-9-]+(?:\.[a-z0-9-]+)+"));
static TERM_CLAUSE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)көрсету(?:дің)?\s+(?:жалпы\s+)?мерзімі"));
static AMOUNT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(\d+)\s*(?:\(([^)]*)\)\s*)?(жұмыс\s+күн|күнтізбелік\s+күн|сағат|минут)"));
static CASE_TERM: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(.+?)\s*{DASH}\s*\d+\s*(?:\(|жұмыс|күнтізбелік|сағат|минут)"
    ))
});
static DOCS_INTRO: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)құжаттар(?:ды)?\s+(?:жолдайды|ұсынады|береді|жібереді)"));
static DOC_LIKE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)(?:құжат|көшірме|өтініш)\S*\s+ұсынылады"));
static DOC_ITEM: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?:өтініш|көшірмесі|көшірме|электрондық құжат)\s*[;.]?\s*$"));
static REFUSAL_INTRO: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)бас\s+тарту\S*\s+(?:үшін\s+)?негіздер"));
static RESULT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:нәтижесін\s+ресімдейді|бас\s+тарту\s+туралы\s+дәлелді\s+жауап\S*\s+(?:құрастырады|ресімдейді|береді|жолдайды|дайындайды))",
    )
});
static FEE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?:алым\S*\s+төлен|тегін\s+(?:негізде\s+)?көрсетіледі|ақылы\s+негізде)"));
static REQ_POINTER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)негізгі\s+талаптар\S*\s+тізбесі.*?осы\s+Қағидаларға\s+(\d+)-қосымша"));
static REFUSAL_POINTER: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)бас\s+тарту\S*\s+үшін\s+негіздер\S*\s+осы\s+Қағидаларға\s+(\d+)-қосымша"));
static REQ_LIST: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)негізгі\s+талаптар\S*\s+тізбесі"));
static QUOTED_NAME: LazyLock<Regex> = LazyLock::new(|| {
    re(r#"["«“]([^\s"«»“”][^"«»“”]*?)["»”]\s+мемлекеттік\s+(?:көрсетілетін\s+қызмет|қызмет\S*\s+көрсету)"#)
});
static DEFINED_NAME: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(\S.{{8,}}?)\s+(?:мемлекеттік\s+)+көрсетілетін\s+қызмет\s*\(бұдан әрі\s*{DASH}?\s*мемлекеттік көрсетілетін қызмет\)"
    ))
});
static STATE_SERVICE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)мемлекеттік\s+(?:көрсетілетін\s+қызмет|қызмет\S*\s+көрсету)"));
static RULES_HEADING: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)қағида"));
static HEADING_NAME: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^(.+?)\s+қағида(?:лары|сы)\s*$"));
static NUMBERED_LINE: LazyLock<Regex> = LazyLock::new(|| re(r"^(\d+)\)\s*(.*)$"));

/// Row-name tests, in the order they are tried.
static ROW_NAMES: LazyLock<Vec<(Attribute, Regex)>> = LazyLock::new(|| {
    vec![
        (Attribute::Provider, re(r"(?i)қызметті\s+берушінің\s+атауы")),
        (Attribute::Fee, re(r"(?i)төлем")),
        (Attribute::RefusalGrounds, re(r"(?i)бас\s+тарту")),
        (Attribute::OtherRequirements, re(r"(?i)өзге\s+де\s+талаптар")),
        (Attribute::Documents, re(r"(?i)құжаттар\S*\s+тізбесі")),
        (Attribute::Schedule, re(r"(?i)жұмыс\s+кестесі")),
        (Attribute::Result, re(r"(?i)нәтижесі")),
        (Attribute::Term, re(r"(?i)мерзімі")),
        (Attribute::Form, re(r"(?i)нысаны")),
        (Attribute::Channels, re(r"(?i)тәсілдері")),
    ]
});

/// The attribute a requirements-list row states, from its name cell.
pub fn row_attribute(name: &str) -> Option<Attribute> {
    ROW_NAMES.iter().find(|(_, r)| r.is_match(name)).map(|(a, _)| *a)
}

/// True when a heading names a set of Rules (`қағида…`).
pub fn is_rules_heading(heading: &str) -> bool {
    RULES_HEADING.is_match(heading)
}

/// The name a Rules heading gives, without its closing `қағидалары`.
pub fn heading_name(heading: &str) -> String {
    let h = heading.trim();
    HEADING_NAME
        .captures(h)
        .and_then(|c| c.get(1))
        .map_or(h, |m| m.as_str())
        .to_string()
}

/// A service name a text gives, with the rule that read it.
pub fn name_in(text: &str) -> Option<(String, &'static str)> {
    if let Some(m) = QUOTED_NAME.captures(text).and_then(|c| c.get(1)) {
        return Some((m.as_str().trim().to_string(), "name.quoted"));
    }
    DEFINED_NAME
        .captures(text.trim_start())
        .and_then(|c| c.get(1))
        .map(|m| (m.as_str().trim().to_string(), "name.defined"))
}

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

/// One row of a table in the Rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowInfo {
    /// The row.
    pub eid: EId,
    /// Its serial number.
    pub num: Option<String>,
    /// The attribute its name cell names, when held and recognised.
    pub attribute: Option<Attribute>,
    /// True when its value cell is held.
    pub held: bool,
}

/// A table in the Rules, with what the registry holds of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableInfo {
    /// The table.
    pub eid: EId,
    /// False when the table itself is marked not held (only the rows listed are held).
    pub held: bool,
    /// Its rows present on the date.
    pub rows: Vec<RowInfo>,
}

impl TableInfo {
    /// True when some row names a requirements attribute.
    pub fn is_requirements_list(&self) -> bool {
        self.rows.iter().any(|r| r.attribute.is_some())
    }
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

fn evidence(c: &Clause<'_>, rule: &'static str) -> EvidenceFound {
    EvidenceFound {
        rule,
        eid: c.eid.clone(),
        since: c.since,
        source: c.source.clone(),
    }
}

fn names_and_evidence(c: &Clause<'_>, text: &str, heading: bool, out: &mut Extraction) {
    if let Some((name, rule)) = name_in(text) {
        out.names.push(NameFound {
            text: name,
            eid: c.eid.clone(),
            since: c.since,
            source: c.source.clone(),
            rule,
        });
        out.evidence.push(evidence(c, rule));
    } else if heading && STATE_SERVICE.is_match(text) {
        out.evidence.push(evidence(c, "heading.state_service"));
    }
    if !heading && REQ_LIST.is_match(text) {
        out.evidence.push(evidence(c, "requirements.reference"));
    }
}

fn found(c: &Clause<'_>, attribute: Attribute, value: Value, rule: &'static str) -> Found {
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

fn clause(c: &Clause<'_>, text: &str, parent: Option<&Clause<'_>>, out: &mut Extraction) {
    if let Some(m) = PROVIDER.captures(text).and_then(|cap| cap.get(1)) {
        let value = Value::Text {
            text: m.as_str().trim().to_string(),
        };
        out.found.push(found(c, Attribute::Provider, value, "provider.clause"));
    }
    if PORTAL_WORD.is_match(text) && SUBMIT.is_match(text) {
        let portals = portals(text);
        if let Some(first) = PORTAL.find(text) {
            let value = Value::Channels {
                portals,
                text: sentence(text, first.start(), first.end()).to_string(),
            };
            out.found.push(found(c, Attribute::Channels, value, "channels.clause"));
        }
    }
    if TERM_CLAUSE.is_match(text) {
        let amounts: Vec<_> = AMOUNT.captures_iter(text).collect();
        if !amounts.is_empty() {
            for cap in amounts {
                let whole = cap.get(0).map_or(0..0, |m| m.range());
                if let Some(value) = term(&cap, None, sentence(text, whole.start, whole.end)) {
                    out.found.push(found(c, Attribute::Term, value, "term.clause"));
                }
            }
        } else if ends_with_colon(text) {
            for e in entries(c) {
                if let Some(value) = case_term(e.text) {
                    out.found.push(found(e.clause, Attribute::Term, value, "term.case"));
                }
            }
        }
    }
    if DOCS_INTRO.is_match(text) && ends_with_colon(text) {
        list(c, Attribute::Documents, "documents.list", out);
    }
    if REFUSAL_INTRO.is_match(text) && ends_with_colon(text) {
        list(c, Attribute::RefusalGrounds, "refusal.list", out);
    }
    if c.kind() == NodeKind::Subparagraph && parent.is_some_and(|p| p.held == Held::NotHeld) && DOC_ITEM.is_match(text)
    {
        let value = Value::Item {
            num: c.num.map(str::to_string),
            case: None,
            text: text.trim().to_string(),
        };
        out.found.push(found(c, Attribute::Documents, value, "documents.item"));
        if let Some(p) = parent {
            let partial = PartialList {
                attribute: Attribute::Documents,
                intro: p.eid.clone(),
            };
            if !out.partial.contains(&partial) {
                out.partial.push(partial);
            }
        }
    }
    for m in RESULT.find_iter(text) {
        let value = Value::Text {
            text: sentence(text, m.start(), m.end()).to_string(),
        };
        out.found.push(found(c, Attribute::Result, value, "result.clause"));
    }
    for m in FEE.find_iter(text) {
        let value = Value::Text {
            text: sentence(text, m.start(), m.end()).to_string(),
        };
        out.found.push(found(c, Attribute::Fee, value, "fee.clause"));
    }
    let pointer = |attributes: Vec<Attribute>, annex: &str| Pointer {
        attributes,
        annex: annex.to_string(),
        eid: c.eid.clone(),
        since: c.since,
        source: c.source.clone(),
    };
    if let Some(n) = REQ_POINTER.captures(text).and_then(|cap| cap.get(1)) {
        out.pointers.push(pointer(Attribute::ALL.to_vec(), n.as_str()));
    }
    if let Some(n) = REFUSAL_POINTER.captures(text).and_then(|cap| cap.get(1)) {
        out.pointers.push(pointer(vec![Attribute::RefusalGrounds], n.as_str()));
    }
}

fn ends_with_colon(text: &str) -> bool {
    text.trim_end().ends_with(':')
}

fn portals(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in PORTAL.find_iter(text) {
        let p = m.as_str().to_lowercase();
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

/// The sentence of `text` around `start..end`: from after the previous `.`, `;` or `:`
/// followed by a space (or a line break) to the next one, inclusive.
fn sentence(text: &str, start: usize, end: usize) -> &str {
    let is_stop = |i: usize, ch: char| {
        ch == '\n'
            || (matches!(ch, '.' | ';' | ':')
                && text[i + ch.len_utf8()..].chars().next().is_none_or(char::is_whitespace))
    };
    let mut from = 0;
    for (i, ch) in text[..start].char_indices() {
        if is_stop(i, ch) {
            from = i + ch.len_utf8();
        }
    }
    let mut to = text.len();
    for (i, ch) in text[end..].char_indices() {
        if is_stop(end + i, ch) {
            to = end + i + if ch == '\n' { 0 } else { ch.len_utf8() };
            break;
        }
    }
    text[from..to].trim()
}

fn term(cap: &regex::Captures<'_>, case: Option<String>, text: &str) -> Option<Value> {
    let amount = cap.get(1)?.as_str().parse().ok()?;
    let words = cap
        .get(2)
        .map(|m| m.as_str().trim().to_string())
        .filter(|w| !w.is_empty());
    let unit = cap.get(3)?.as_str().to_lowercase();
    let unit = if unit.starts_with("жұмыс") {
        TermUnit::WorkingDays
    } else if unit.starts_with("күнтізбелік") {
        TermUnit::CalendarDays
    } else if unit.starts_with("сағат") {
        TermUnit::Hours
    } else {
        TermUnit::Minutes
    };
    Some(Value::Term {
        case,
        amount,
        words,
        unit,
        text: text.trim().to_string(),
    })
}

/// A term read from one item or line: `CASE - N (words) жұмыс күні`, or an amount alone.
fn case_term(line: &str) -> Option<Value> {
    let line = line.trim();
    let body = NUMBERED_LINE
        .captures(line)
        .and_then(|c| c.get(2))
        .map_or(line, |m| m.as_str());
    let cap = AMOUNT.captures(body)?;
    let case = CASE_TERM
        .captures(body)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().trim().to_string());
    term(&cap, case, line)
}

/// One entry of a list: a clause (numbered or not) and its text.
struct Entry<'c, 'a> {
    clause: &'c Clause<'a>,
    num: Option<String>,
    text: &'a str,
}

/// The descendants of `c` that hold text, in document order, as list entries.
fn entries<'c, 'a>(c: &'c Clause<'a>) -> Vec<Entry<'c, 'a>> {
    let mut out = Vec::new();
    for child in &c.children {
        child.walk(&mut |d| {
            if let Some(text) = d.text() {
                let num = (d.kind() == NodeKind::Subparagraph)
                    .then(|| d.num.map(str::to_string))
                    .flatten();
                out.push(Entry { clause: d, num, text });
            }
        });
    }
    out
}

/// An item found by [`items`]: its index among the entries and its value.
struct ItemFound {
    index: usize,
    value: Value,
}

/// Reads list items from entries `(num, text)`. A numbered entry ending with `:` is a
/// case; the unnumbered entries after it, up to the first ending with `.`, are its items.
/// When `stop` is set, an unnumbered entry outside a case ends the list unless it says a
/// document is submitted.
fn items(entries: &[(Option<String>, &str)], stop: bool) -> Vec<ItemFound> {
    let mut out = Vec::new();
    let mut case: Option<(usize, String, usize)> = None; // (index, heading, items so far)
    let flush = |case: &mut Option<(usize, String, usize)>, out: &mut Vec<ItemFound>| {
        if let Some((index, heading, 0)) = case.take() {
            // A case with no items: the heading itself is the item.
            out.push(ItemFound {
                index,
                value: Value::Item {
                    num: None,
                    case: None,
                    text: heading,
                },
            });
        }
    };
    for (i, (num, text)) in entries.iter().enumerate() {
        let text = text.trim();
        if let Some(num) = num {
            flush(&mut case, &mut out);
            if ends_with_colon(text) {
                let heading = format!("{num}) {}", text.trim_end_matches(':').trim_end());
                case = Some((i, heading, 0));
            } else {
                out.push(ItemFound {
                    index: i,
                    value: Value::Item {
                        num: Some(num.clone()),
                        case: None,
                        text: text.to_string(),
                    },
                });
            }
            continue;
        }
        if let Some((_, heading, count)) = case.as_mut() {
            *count += 1;
            out.push(ItemFound {
                index: i,
                value: Value::Item {
                    num: None,
                    case: Some(heading.clone()),
                    text: text.to_string(),
                },
            });
            if text.ends_with('.') {
                case = None;
            }
            continue;
        }
        if stop && !DOC_LIKE.is_match(text) {
            break;
        }
        out.push(ItemFound {
            index: i,
            value: Value::Item {
                num: None,
                case: None,
                text: text.to_string(),
            },
        });
    }
    flush(&mut case, &mut out);
    out
}

fn list(c: &Clause<'_>, attribute: Attribute, rule: &'static str, out: &mut Extraction) {
    let es = entries(c);
    let pairs: Vec<(Option<String>, &str)> = es.iter().map(|e| (e.num.clone(), e.text)).collect();
    for item in items(&pairs, true) {
        if let Some(e) = es.get(item.index) {
            out.found.push(found(e.clause, attribute, item.value, rule));
        }
    }
}

fn cells<'c, 'a>(row: &'c Clause<'a>) -> Option<(&'c Clause<'a>, Vec<&'c Clause<'a>>)> {
    let cells: Vec<&Clause<'a>> = row.children.iter().filter(|c| c.kind() == NodeKind::Cell).collect();
    match cells.len() {
        0 | 1 => None,
        2 => Some((cells[0], vec![cells[1]])),
        _ => Some((cells[1], cells[2..].to_vec())),
    }
}

fn table_info(t: &Clause<'_>) -> TableInfo {
    let rows = t
        .children
        .iter()
        .filter(|r| r.kind() == NodeKind::Row && r.held != Held::Repealed)
        .map(|r| {
            let (attribute, held) = match cells(r) {
                Some((name, values)) => (
                    name.text().and_then(row_attribute),
                    values.first().is_some_and(|v| v.text().is_some()),
                ),
                None => (None, false),
            };
            RowInfo {
                eid: r.eid.clone(),
                num: r.num.map(str::to_string),
                attribute,
                held,
            }
        })
        .collect();
    TableInfo {
        eid: t.eid.clone(),
        held: matches!(t.held, Held::Text(_)),
        rows,
    }
}

fn row(r: &Clause<'_>, out: &mut Extraction) {
    if r.held == Held::Repealed {
        return;
    }
    let Some((name, values)) = cells(r) else { return };
    let Some(name_text) = name.text() else { return };
    if let Some((n, rule)) = name_in(name_text) {
        out.names.push(NameFound {
            text: n,
            eid: name.eid.clone(),
            since: name.since,
            source: name.source.clone(),
            rule,
        });
    }
    for v in &values {
        if let Some(t) = v.text()
            && let Some((n, rule)) = name_in(t)
        {
            out.names.push(NameFound {
                text: n,
                eid: v.eid.clone(),
                since: v.since,
                source: v.source.clone(),
                rule,
            });
        }
    }
    let Some(attribute) = row_attribute(name_text) else {
        return;
    };
    let Some(first) = values.first() else { return };
    let texts: Option<Vec<&str>> = values.iter().map(|v| v.text()).collect();
    let Some(texts) = texts else { return };
    let text = texts.join("\n");
    out.evidence.push(EvidenceFound {
        rule: "requirements.row",
        eid: r.eid.clone(),
        since: first.since,
        source: first.source.clone(),
    });
    let mut pending: Vec<PendingChange> = Vec::new();
    for p in r.pending.iter().chain(values.iter().flat_map(|v| v.pending.iter())) {
        if !pending.contains(p) {
            pending.push((*p).clone());
        }
    }
    let push = |value: Value, out: &mut Extraction| {
        out.found.push(Found {
            attribute,
            value,
            eid: r.eid.clone(),
            since: first.since,
            source: first.source.clone(),
            rule: "requirements.row",
            pending: pending.clone(),
        });
    };
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    match attribute {
        Attribute::Channels => push(
            Value::Channels {
                portals: portals(&text),
                text: text.trim().to_string(),
            },
            out,
        ),
        Attribute::Term => {
            let terms: Vec<Value> = lines.iter().filter_map(|l| case_term(l)).collect();
            if terms.is_empty() {
                push(
                    Value::Text {
                        text: text.trim().to_string(),
                    },
                    out,
                );
            }
            for t in terms {
                push(t, out);
            }
        }
        Attribute::Form => {
            let lower = text.to_lowercase();
            let mut kinds = Vec::new();
            if lower.contains("электрондық") {
                kinds.push(FormKind::Electronic);
            }
            if lower.contains("қағаз") {
                kinds.push(FormKind::Paper);
            }
            push(
                Value::Form {
                    kinds,
                    text: text.trim().to_string(),
                },
                out,
            );
        }
        Attribute::Documents | Attribute::RefusalGrounds => {
            let pairs: Vec<(Option<String>, &str)> = lines
                .iter()
                .map(|l| match NUMBERED_LINE.captures(l) {
                    Some(c) => (
                        c.get(1).map(|m| m.as_str().to_string()),
                        c.get(2).map_or("", |m| m.as_str()),
                    ),
                    None => (None, *l),
                })
                .collect();
            for item in items(&pairs, false) {
                push(item.value, out);
            }
        }
        _ => push(
            Value::Text {
                text: text.trim().to_string(),
            },
            out,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::format;
    use crate::model::{Node, RegistryId};

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

    fn run(md: &str) -> Extraction {
        let nodes = format::parse(md).unwrap();
        extract(&clause_of(&nodes))
    }

    fn values(x: &Extraction, a: Attribute) -> Vec<String> {
        x.of(a).map(|f| format!("{} {}", f.eid, f.value.summary())).collect()
    }

    #[test]
    fn every_pattern_compiles() {
        for r in [
            &PROVIDER,
            &PORTAL_WORD,
            &SUBMIT,
            &PORTAL,
            &TERM_CLAUSE,
            &AMOUNT,
            &CASE_TERM,
            &DOCS_INTRO,
            &DOC_LIKE,
            &DOC_ITEM,
            &REFUSAL_INTRO,
            &RESULT,
            &FEE,
            &REQ_POINTER,
            &REFUSAL_POINTER,
            &REQ_LIST,
            &QUOTED_NAME,
            &DEFINED_NAME,
            &STATE_SERVICE,
            &RULES_HEADING,
            &HEADING_NAME,
            &NUMBERED_LINE,
        ] {
            LazyLock::force(r);
        }
        assert_eq!(ROW_NAMES.len(), Attribute::ALL.len());
    }

    #[test]
    fn row_names_map_to_attributes_in_order() {
        let cases = [
            ("Көрсетілетін қызметті берушінің атауы", Attribute::Provider),
            ("Мемлекеттік көрсетілетін қызметті ұсыну тәсілдері", Attribute::Channels),
            ("Мемлекеттік қызметті көрсету мерзімі", Attribute::Term),
            ("Мемлекеттік қызметті көрсету нысаны", Attribute::Form),
            ("Мемлекеттік қызметті көрсету нәтижесі", Attribute::Result),
            (
                "Мемлекеттік қызметті көрсету кезінде көрсетілетін қызметті алушыдан алынатын төлем мөлшері және Қазақстан Республикасының заңнамасында көзделген жағдайларда оны алу тәсілдері",
                Attribute::Fee,
            ),
            ("Жұмыс кестесі", Attribute::Schedule),
            (
                "Мемлекеттік қызметті көрсету үшін қажетті құжаттар тізбесі",
                Attribute::Documents,
            ),
            (
                "Қазақстан Республикасының заңнамасында белгіленген мемлекеттік қызметті көрсетуден бас тарту үшін негіздер",
                Attribute::RefusalGrounds,
            ),
            (
                "Мемлекеттік қызметті көрсету ерекшеліктері ескеріле отырып, өзге де талаптар",
                Attribute::OtherRequirements,
            ),
        ];
        for (name, a) in cases {
            assert_eq!(row_attribute(name), Some(a), "{name}");
        }
        assert_eq!(row_attribute("р/с №"), None);
    }

    #[test]
    fn provider_from_the_defining_clause() {
        let x = run(
            "# para_4 [4]\n\"Жарылыс жұмыстарын жүргізуге рұқсат беру\" мемлекеттік көрсетілетін қызметті (бұдан әрі — мемлекеттік көрсетілетін қызмет) осы Қағидаларға сәйкес өнеркәсіптік қауіпсіздік саласындағы уәкілетті орган ведомствосының аумақтық бөлімшесі (бұдан әрі — көрсетілетін қызметті беруші) көрсетеді.\n",
        );
        assert_eq!(
            values(&x, Attribute::Provider),
            ["para_4 өнеркәсіптік қауіпсіздік саласындағы уәкілетті орган ведомствосының аумақтық бөлімшесі"]
        );
        assert_eq!(x.names[0].text, "Жарылыс жұмыстарын жүргізуге рұқсат беру");
        assert_eq!(x.names[0].rule, "name.quoted");
        // "арқылы көрсетіледі" and a hyphen without spaces.
        let x = run(
            "# para_7 [7]\nосы Қағидаларға сәйкес Комитет, аумақтық департаменттер (бұдан әрі-көрсетілетін қызметті беруші) арқылы көрсетіледі.\n",
        );
        assert_eq!(
            values(&x, Attribute::Provider),
            ["para_7 Комитет, аумақтық департаменттер"]
        );
        // A definition without the verb of provision is not a provider statement.
        let x = run(
            "# para_2 [2]\nосы Қағидаларға сәйкес аумақтық бөлімше (бұдан әрі — көрсетілетін қызметті беруші) тексереді.\n",
        );
        assert!(values(&x, Attribute::Provider).is_empty());
    }

    #[test]
    fn channels_need_a_portal_an_address_and_a_verb() {
        let x = run(
            "# para_6 [6]\nЗаңды тұлға көрсетілетін қызметті берушіге \"электрондық үкіметтің\" www.egov.kz, www.elicense.kz веб-порталы (бұдан әрі - портал) келесі құжаттарды жолдайды:\n",
        );
        assert_eq!(values(&x, Attribute::Channels), ["para_6 www.egov.kz, www.elicense.kz"]);
        let x = run("# para_8 [8]\nнәтиже портал арқылы жеке кабинетіне жолданады.\n");
        assert!(values(&x, Attribute::Channels).is_empty(), "no address, no channel");
    }

    #[test]
    fn terms_whole_and_by_case() {
        let x = run(
            "# para_6 [6]\nКіріспе.\n\n## para_6__abz_2\nМемлекеттік қызметті көрсету жалпы мерзімі 5 (бес) жұмыс күнін құрайды.\n",
        );
        let t: Vec<_> = x.of(Attribute::Term).collect();
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].eid.as_str(), "para_6__abz_2");
        assert_eq!(
            t[0].value,
            Value::Term {
                case: None,
                amount: 5,
                words: Some("бес".into()),
                unit: TermUnit::WorkingDays,
                text: "Мемлекеттік қызметті көрсету жалпы мерзімі 5 (бес) жұмыс күнін құрайды.".into()
            }
        );
        let x = run(
            "# para_7 [7]\nМемлекеттік қызметті көрсету жалпы мерзімі келесіні құрайды:\n\n## para_7__subpara_1 [1]\nлицензияны алу кезінде - 10 (он) жұмыс күні;\n\n## para_7__subpara_2 [2]\nлицензияны қайта ресімдеу кезінде - 3 (үш) жұмыс күні.\n",
        );
        assert_eq!(
            values(&x, Attribute::Term),
            [
                "para_7__subpara_1 10 (он) жұмыс күні (лицензияны алу кезінде)",
                "para_7__subpara_2 3 (үш) жұмыс күні (лицензияны қайта ресімдеу кезінде)"
            ]
        );
        // A step's duration is not the term of the service.
        let x = run("# para_9 [9]\nАумақтық департамент 5 (бес) жұмыс күні ішінде бақылауды жүзеге асырады.\n");
        assert!(values(&x, Attribute::Term).is_empty());
    }

    #[test]
    fn documents_list_with_cases_and_its_end() {
        let x = run(concat!(
            "# para_6 [6]\nЗаңды тұлға келесі құжаттарды жолдайды:\n\n",
            "## para_6__subpara_1 [1]\nөтініш;\n\n",
            "## para_6__subpara_2 [2]\nжарылыс жұмыстарын жүргізу кезінде:\n\n",
            "## para_6__abz_4\nжер бетінде жоспар;\n\n",
            "## para_6__abz_5\nжер астында жоспар.\n\n",
            "## para_6__abz_6\nСейсмикалық барлау кезінде схемалары бар электрондық құжат ұсынылады.\n\n",
            "## para_6__abz_7\nНегізгі талаптар тізбесі осы Қағидаларға 2-қосымшаға сәйкес келтірілген.\n\n",
            "## para_6__abz_8\nБасқа құжат ұсынылады.\n",
        ));
        assert_eq!(
            values(&x, Attribute::Documents),
            [
                "para_6__subpara_1 1) өтініш;",
                "para_6__abz_4 2) жарылыс жұмыстарын жүргізу кезінде / жер бетінде жоспар;",
                "para_6__abz_5 2) жарылыс жұмыстарын жүргізу кезінде / жер астында жоспар.",
                "para_6__abz_6 Сейсмикалық барлау кезінде схемалары бар электрондық құжат ұсынылады.",
            ],
            "the list ends at the first abzats that is not a document"
        );
        assert_eq!(x.pointers.len(), 1);
        assert_eq!(x.pointers[0].annex, "2");
        assert_eq!(x.pointers[0].attributes, Attribute::ALL.to_vec());
    }

    #[test]
    fn items_under_a_clause_not_held_make_a_partial_list() {
        let x = run(
            "# para_6 [6]\n{not-held}\n\n## para_6__subpara_1 [1]\nосы Қағидаларға 2-қосымшаға сәйкес электрондық құжат нысанындағы өтініш;\n",
        );
        assert_eq!(values(&x, Attribute::Documents).len(), 1);
        assert_eq!(x.partial[0].intro.as_str(), "para_6");
        let x = run("# para_6 [6]\n{not-held}\n\n## para_6__subpara_1 [1]\nтесттерді уәкілетті орган әзірлейді;\n");
        assert!(values(&x, Attribute::Documents).is_empty());
    }

    #[test]
    fn result_fee_and_pointers() {
        let x = run(
            "# para_9 [9]\nБірінші сөйлем. Жауапты орындаушы осы Қағидаларға 3 немесе 4-қосымшаларға сәйкес нысандар бойынша мемлекеттік қызмет көрсету нәтижесін ресімдейді. Үшінші сөйлем.\n",
        );
        assert_eq!(
            values(&x, Attribute::Result),
            [
                "para_9 Жауапты орындаушы осы Қағидаларға 3 немесе 4-қосымшаларға сәйкес нысандар бойынша мемлекеттік қызмет көрсету нәтижесін ресімдейді."
            ]
        );
        let x = run(
            "# para_7 [7]\nЭҮТШ арқылы төленген жағдайларды қоспағанда, бюджетке лицензиялық алымның төленгенін растайтын мәліметтер;\n",
        );
        assert_eq!(values(&x, Attribute::Fee).len(), 1);
        let x = run(
            "# para_7 [7]\nҚазақстан Республикасының заңнамасымен белгіленген мемлекеттік қызмет көрсетуден бас тарту үшін негіздер осы Қағидаларға 1-қосымшасында баяндалған.\n",
        );
        assert_eq!(x.pointers[0].attributes, vec![Attribute::RefusalGrounds]);
        assert_eq!(x.pointers[0].annex, "1");
        assert!(
            values(&x, Attribute::RefusalGrounds).is_empty(),
            "a pointer states nothing"
        );
    }

    #[test]
    fn requirements_rows() {
        let x = run(concat!(
            "# att_2 [2]\nНысан\n\n",
            "## att_2__table_1\n",
            "| 1 | Көрсетілетін қызметті берушінің атауы | Аумақтық бөлімше (бұдан әрі - көрсетілетін қызметті беруші) |\n",
            "| 2 | Мемлекеттік көрсетілетін қызметті ұсыну тәсілдері | \"Электрондық үкіметтің\" www.egov.kz, www.elicense.kz веб-порталы. |\n",
            "| 3 | Мемлекеттік қызметті көрсету мерзімі | 1) алу кезінде - 10 (он) жұмыс күні;<br>2) қайта ресімдеу кезінде - 3 (үш) жұмыс күні. |\n",
            "| 4 | Мемлекеттік қызметті көрсету нысаны | Электрондық түрде (ішінара автоматтандырылған). |\n",
            "| 6 | Төлем мөлшері және оны алу тәсілдері | Тегін |\n",
            "| 9 | Бас тарту үшін негіздер | 1) құжаттар толық емес;<br>2) дәйексіздігі анықталған. |\n",
        ));
        assert_eq!(
            values(&x, Attribute::Provider),
            ["att_2__table_1__row_1 Аумақтық бөлімше (бұдан әрі - көрсетілетін қызметті беруші)"]
        );
        assert_eq!(
            values(&x, Attribute::Channels),
            ["att_2__table_1__row_2 www.egov.kz, www.elicense.kz"]
        );
        assert_eq!(
            values(&x, Attribute::Term),
            [
                "att_2__table_1__row_3 10 (он) жұмыс күні (алу кезінде)",
                "att_2__table_1__row_3 3 (үш) жұмыс күні (қайта ресімдеу кезінде)"
            ]
        );
        assert!(matches!(
            &x.of(Attribute::Form).next().unwrap().value,
            Value::Form { kinds, .. } if kinds == &[FormKind::Electronic]
        ));
        assert_eq!(values(&x, Attribute::Fee), ["att_2__table_1__row_6 Тегін"]);
        assert_eq!(values(&x, Attribute::Channels).len(), 1, "the fee row is not a channel");
        assert_eq!(
            values(&x, Attribute::RefusalGrounds),
            [
                "att_2__table_1__row_9 1) құжаттар толық емес;",
                "att_2__table_1__row_9 2) дәйексіздігі анықталған."
            ]
        );
        assert!(x.tables[0].is_requirements_list());
        assert!(x.tables[0].held);
    }

    #[test]
    fn names_by_rule() {
        assert_eq!(
            name_in(
                "\"Жарылыс жұмыстарын жүргізуге рұқсат беру\" мемлекеттік қызмет көрсетудің негізгі талаптарының тізбесі"
            ),
            Some(("Жарылыс жұмыстарын жүргізуге рұқсат беру".into(), "name.quoted"))
        );
        assert_eq!(
            name_in(
                "Басшылардың білімін тексеру мемлекеттік мемлекеттік көрсетілетін қызмет (бұдан әрі - мемлекеттік көрсетілетін қызмет) болып табылады"
            ),
            Some(("Басшылардың білімін тексеру".into(), "name.defined"))
        );
        // A quoted law title followed by other words is not a service name.
        assert_eq!(
            name_in("\"электрондық үкіметтің\" www.egov.kz веб-порталы, \"Рұқсаттар туралы\" Заңының"),
            None
        );
        assert_eq!(
            heading_name("Жарылыс жұмыстарын жүргізуге рұқсат беру қағидалары"),
            "Жарылыс жұмыстарын жүргізуге рұқсат беру"
        );
        assert!(is_rules_heading("Есепке қою қағидалары"));
        assert!(!is_rules_heading("Стандартқа қосымша"));
    }

    #[test]
    fn sentences_are_cut_at_stops_not_inside_addresses() {
        let t = "Бірінші. Екінші www.egov.kz арқылы; үшінші";
        let start = t.find("www").unwrap();
        assert_eq!(sentence(t, start, start + 11), "Екінші www.egov.kz арқылы;");
    }
}

//! What the extraction rules find: the result types every rule module writes into and
//! the passport reads. A leaf: it depends on no rule module, so the rules depend on it
//! and never on each other's results.

use chrono::NaiveDate;

use crate::consolidate::PendingChange;
use crate::model::{EId, Provenance};
use crate::services::clause::Clause;
use crate::services::model::{Attribute, Statement, Value};

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

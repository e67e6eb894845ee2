//! The types of the state-services registry: service ids, attributes, their values and
//! the statements that make them known, passports, histories and impacts.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::consolidate::PendingChange;
use crate::dates::DateStatus;
use crate::kk::TimeUnit;
use crate::model::{EId, NodeKind, Provenance, RegistryId};

/// A state service's id: the act that approves its Rules and the Rules attachment's eId,
/// joined by `-`, e.g. `V1400010273-att_1`. Stable: eIds never change, and a registry id
/// never contains `-`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ServiceId {
    /// The act that approves the Rules.
    pub act: RegistryId,
    /// The Rules attachment (a top-level attachment of that act).
    pub rules: EId,
}

/// Why a string is not a [`ServiceId`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("service id `{0}` is not ACT-ATTACHMENT, e.g. V1400010273-att_1")]
pub struct ServiceIdError(pub String);

impl FromStr for ServiceId {
    type Err = ServiceIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || ServiceIdError(s.to_string());
        let (act, rules) = s.split_once('-').ok_or_else(bad)?;
        let act: RegistryId = act.parse().map_err(|_| bad())?;
        let rules: EId = rules.parse().map_err(|_| bad())?;
        if rules.parent().is_some() || rules.kind() != NodeKind::Attachment {
            return Err(bad());
        }
        Ok(ServiceId { act, rules })
    }
}

impl fmt::Display for ServiceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.act, self.rules)
    }
}

impl schemars::JsonSchema for ServiceId {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ServiceId".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "pattern": "^V[0-9]{10}-att_[0-9a-z]+$", "examples": ["V1400010273-att_1"]})
    }
}

impl Serialize for ServiceId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// An attribute of a state service, in passport order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Attribute {
    /// көрсетілетін қызметті беруші: who provides the service.
    Provider,
    /// ұсыну тәсілдері: how it is provided (portals such as www.egov.kz).
    Channels,
    /// мерзімі: how long it takes, by case.
    Term,
    /// нысаны: electronic or paper.
    Form,
    /// нәтижесі: what the recipient gets.
    Result,
    /// төлем: what it costs.
    Fee,
    /// жұмыс кестесі: when it is provided.
    Schedule,
    /// құжаттар тізбесі: the documents required.
    Documents,
    /// бас тарту үшін негіздер: the grounds for refusal.
    RefusalGrounds,
    /// өзге де талаптар: other requirements.
    OtherRequirements,
}

impl Attribute {
    /// Every attribute, in passport order.
    pub const ALL: [Attribute; 10] = [
        Attribute::Provider,
        Attribute::Channels,
        Attribute::Term,
        Attribute::Form,
        Attribute::Result,
        Attribute::Fee,
        Attribute::Schedule,
        Attribute::Documents,
        Attribute::RefusalGrounds,
        Attribute::OtherRequirements,
    ];

    /// The name used on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Attribute::Provider => "provider",
            Attribute::Channels => "channels",
            Attribute::Term => "term",
            Attribute::Form => "form",
            Attribute::Result => "result",
            Attribute::Fee => "fee",
            Attribute::Schedule => "schedule",
            Attribute::Documents => "documents",
            Attribute::RefusalGrounds => "refusal_grounds",
            Attribute::OtherRequirements => "other_requirements",
        }
    }

    /// How reasons name the attribute: "the provider", "the grounds for refusal"…
    pub fn phrase(self) -> &'static str {
        match self {
            Attribute::Provider => "the provider",
            Attribute::Channels => "the channels",
            Attribute::Term => "the term",
            Attribute::Form => "the form",
            Attribute::Result => "the result",
            Attribute::Fee => "the fee",
            Attribute::Schedule => "the schedule",
            Attribute::Documents => "the documents required",
            Attribute::RefusalGrounds => "the grounds for refusal",
            Attribute::OtherRequirements => "the other requirements",
        }
    }
}

impl fmt::Display for Attribute {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a string is not an [`Attribute`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown attribute `{0}`; expected provider, channels, term, form, result, fee, schedule, documents, refusal_grounds or other_requirements"
)]
pub struct AttributeError(pub String);

impl FromStr for Attribute {
    type Err = AttributeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().to_ascii_lowercase().replace('-', "_");
        Attribute::ALL
            .into_iter()
            .find(|a| a.as_str() == norm)
            .ok_or_else(|| AttributeError(s.to_string()))
    }
}

/// The unit of a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TermUnit {
    /// жұмыс күні.
    WorkingDays,
    /// күнтізбелік күн.
    CalendarDays,
    /// сағат.
    Hours,
    /// минут.
    Minutes,
}

impl From<TimeUnit> for TermUnit {
    fn from(u: TimeUnit) -> TermUnit {
        match u {
            TimeUnit::WorkingDay => TermUnit::WorkingDays,
            TimeUnit::CalendarDay => TermUnit::CalendarDays,
            TimeUnit::Hour => TermUnit::Hours,
            TimeUnit::Minute => TermUnit::Minutes,
        }
    }
}

impl From<TermUnit> for TimeUnit {
    fn from(u: TermUnit) -> TimeUnit {
        match u {
            TermUnit::WorkingDays => TimeUnit::WorkingDay,
            TermUnit::CalendarDays => TimeUnit::CalendarDay,
            TermUnit::Hours => TimeUnit::Hour,
            TermUnit::Minutes => TimeUnit::Minute,
        }
    }
}

/// How a service is provided: electronic (электрондық) or paper (қағаз).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FormKind {
    /// электрондық.
    Electronic,
    /// қағаз.
    Paper,
}

/// What one statement says. Every variant keeps `text`: the words of the clause or row
/// that say it, verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Value {
    /// A text (provider, result, fee, schedule, other requirements).
    Text {
        /// The words, verbatim.
        text: String,
    },
    /// Channels: the portals named, e.g. `www.egov.kz`.
    Channels {
        /// The portals' addresses, in the order named (empty when the text names none).
        portals: Vec<String>,
        /// The words, verbatim.
        text: String,
    },
    /// A term, for one case or for every case.
    Term {
        /// The case ("лицензияны … қайта ресімдеу кезінде"), when the term is by case.
        case: Option<String>,
        /// The number, e.g. 5.
        amount: u32,
        /// The number in words as the text gives it, e.g. "бес".
        words: Option<String>,
        /// Working days, calendar days…
        unit: TermUnit,
        /// The words, verbatim.
        text: String,
    },
    /// The form of provision.
    Form {
        /// Electronic, paper or both, as the text says.
        kinds: Vec<FormKind>,
        /// The words, verbatim.
        text: String,
    },
    /// One item of a list (a document required, a ground for refusal).
    Item {
        /// Its number in the list ("1"), when numbered.
        num: Option<String>,
        /// The case it belongs to, when the list is by case ("1) лицензия алу үшін").
        case: Option<String>,
        /// The words, verbatim.
        text: String,
    },
}

impl Value {
    /// The verbatim words that say it.
    pub fn text(&self) -> &str {
        match self {
            Value::Text { text }
            | Value::Channels { text, .. }
            | Value::Term { text, .. }
            | Value::Form { text, .. }
            | Value::Item { text, .. } => text,
        }
    }

    /// A short display form: the portals, the term in its Kazakh form ("5 (бес) жұмыс
    /// күні"), the item…
    pub fn summary(&self) -> String {
        match self {
            Value::Channels { portals, text } if portals.is_empty() => text.clone(),
            Value::Channels { portals, .. } => portals.join(", "),
            Value::Term {
                case,
                amount,
                words,
                unit,
                ..
            } => {
                let unit = TimeUnit::from(*unit).name();
                let words = words.as_ref().map(|w| format!(" ({w})")).unwrap_or_default();
                match case {
                    Some(c) => format!("{amount}{words} {unit} ({c})"),
                    None => format!("{amount}{words} {unit}"),
                }
            }
            Value::Item { num, case, text } => {
                let mut s = String::new();
                if let Some(c) = case {
                    s.push_str(c);
                    s.push_str(" / ");
                }
                if let Some(n) = num {
                    s.push_str(n);
                    s.push_str(") ");
                }
                s.push_str(text);
                s
            }
            Value::Text { text } | Value::Form { text, .. } => text.clone(),
        }
    }
}

/// One clause or table row of the Rules that states (part of) an attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Statement {
    /// What it says.
    pub value: Value,
    /// The clause or table row that says it.
    pub eid: EId,
    /// Since when that clause (for a row: the cell that holds the value) has read so.
    pub since: NaiveDate,
    /// The act (and item, abzats, operation) that made it read so.
    pub source: Provenance,
    /// The extraction rule that read it (see `services::extract`).
    pub rule: &'static str,
    /// Amendments whose date is not yet known that may already have changed the clause.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pending: Vec<PendingChange>,
}

/// A clause that says where an attribute is stated, without stating it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Reference {
    /// The clause.
    pub eid: EId,
    /// Since when it has read so.
    pub since: NaiveDate,
    /// Who made it read so.
    pub source: Provenance,
    /// Where it points, e.g. `att_1__att_2` (annex 2 to the Rules).
    pub points_to: EId,
}

/// An attribute's value on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum AttributeValue {
    /// Stated by the clauses and rows listed (at least one).
    Known {
        /// The statements, in document order.
        statements: Vec<Statement>,
    },
    /// Some items are stated, but the clause that introduces the list is not held, so
    /// the list may be incomplete.
    Partial {
        /// The items held, in document order.
        statements: Vec<Statement>,
        /// Why the rest is unknown.
        reason: String,
    },
    /// Not stated by any text the registry holds.
    Unknown {
        /// Why, in words.
        reason: String,
        /// Clauses that say where it is stated.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        see: Vec<Reference>,
    },
}

impl AttributeValue {
    /// The statements, when (partly) known.
    pub fn statements(&self) -> &[Statement] {
        match self {
            AttributeValue::Known { statements } | AttributeValue::Partial { statements, .. } => statements,
            AttributeValue::Unknown { .. } => &[],
        }
    }

    /// True when unknown.
    pub fn is_unknown(&self) -> bool {
        matches!(self, AttributeValue::Unknown { .. })
    }

    /// The state's name: `known`, `partial` or `unknown`.
    pub fn state(&self) -> &'static str {
        match self {
            AttributeValue::Known { .. } => "known",
            AttributeValue::Partial { .. } => "partial",
            AttributeValue::Unknown { .. } => "unknown",
        }
    }

    /// True when both say the same thing from the same clauses and versions. Two
    /// unknowns are the same whatever their reasons: nothing is stated in either.
    pub fn same_substance(&self, other: &AttributeValue) -> bool {
        let key = |v: &AttributeValue| {
            v.statements()
                .iter()
                .map(|s| (s.value.clone(), s.eid.clone(), s.since, s.source.clone()))
                .collect::<Vec<_>>()
        };
        self.state() == other.state() && key(self) == key(other)
    }
}

/// Every attribute with its value, in passport order. Serialised as a JSON object keyed
/// by attribute name.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Attributes(pub Vec<(Attribute, AttributeValue)>);

impl Attributes {
    /// The value of `attribute`, when present.
    pub fn get(&self, attribute: Attribute) -> Option<&AttributeValue> {
        self.0.iter().find(|(a, _)| *a == attribute).map(|(_, v)| v)
    }

    /// The attributes and values, in order.
    pub fn iter(&self) -> impl Iterator<Item = &(Attribute, AttributeValue)> {
        self.0.iter()
    }
}

impl schemars::JsonSchema for Attributes {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Attributes".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        std::collections::BTreeMap::<String, AttributeValue>::json_schema(g)
    }
}

impl Serialize for Attributes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (a, v) in &self.0 {
            m.serialize_entry(a.as_str(), v)?;
        }
        m.end()
    }
}

/// A service's name in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum NameValue {
    /// Read from a heading or a clause.
    Known {
        /// The name.
        text: String,
        /// The heading's or clause's node.
        eid: EId,
        /// Since when it has read so.
        since: NaiveDate,
        /// Who made it read so.
        source: Provenance,
        /// The rule that read it (`name.quoted`, `name.defined`, `name.heading`).
        rule: &'static str,
    },
    /// Not held.
    Unknown {
        /// Why.
        reason: String,
    },
}

impl NameValue {
    /// The name, when known.
    pub fn text(&self) -> Option<&str> {
        match self {
            NameValue::Known { text, .. } => Some(text),
            NameValue::Unknown { .. } => None,
        }
    }
}

/// A service's name by language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Names {
    /// In Kazakh.
    pub kk: NameValue,
    /// In Russian.
    pub ru: NameValue,
}

/// The Rules that govern a service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct RulesRef {
    /// The approving act.
    pub act: RegistryId,
    /// The Rules attachment.
    pub eid: EId,
    /// The attachment's heading on the date.
    pub heading: Option<String>,
    /// The approving act's Kazakh title.
    pub act_title: String,
    /// The approving act's AKN work URI.
    pub work_uri: String,
}

/// The authority that approved the Rules: the approving act's issuer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Authority {
    /// The office in English.
    pub office: String,
    /// The office in Kazakh, when the registry gives it.
    pub kk: Option<String>,
    /// The office in Russian, when the registry gives it.
    pub ru: Option<String>,
    /// Signed by someone acting for the office.
    pub acting: bool,
}

/// What shows that a Rules attachment governs a state service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Evidence {
    /// The rule that matched: `heading.state_service`, `name.quoted`, `name.defined`,
    /// `requirements.row` or `requirements.reference`.
    pub rule: &'static str,
    /// The node whose heading or text matched.
    pub eid: EId,
    /// Since when that wording holds; `null` when it comes from a pending amendment.
    pub since: Option<NaiveDate>,
    /// For a pending amendment, the earliest date it can take effect.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub earliest: Option<NaiveDate>,
    /// Who made that wording.
    pub source: Provenance,
}

/// A state service as discovered in the corpus, independent of dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ServiceDef {
    /// Its id.
    pub id: ServiceId,
    /// The first evidence that its Rules govern a state service (the earliest in force;
    /// else a pending amendment's wording).
    pub classified_by: Evidence,
}

/// One entry of `services`: a service that exists on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ServiceSummary {
    /// Its id.
    pub id: ServiceId,
    /// Its names on the date.
    pub name: Names,
    /// Its Rules.
    pub rules: RulesRef,
    /// Who approved them.
    pub authority: Authority,
    /// Why it is a state service.
    pub classified_by: Evidence,
}

/// A service's passport on a date: every attribute, with where it is stated or why it
/// is unknown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Passport {
    /// Its id.
    pub id: ServiceId,
    /// The date.
    pub date: NaiveDate,
    /// Its names.
    pub name: Names,
    /// Its Rules.
    pub rules: RulesRef,
    /// Who approved them.
    pub authority: Authority,
    /// Why it is a state service.
    pub classified_by: Evidence,
    /// The attributes.
    pub attributes: Attributes,
    /// Amendments to the Rules whose date is not yet known and that may already apply.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pending: Vec<PendingChange>,
}

/// Whether a service exists during a history segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SegmentStatus {
    /// Its Rules are in force.
    InForce,
    /// Its Rules (or their act) are repealed.
    Repealed,
}

/// One interval `[from, to)` of a service's history during which nothing shown changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Segment {
    /// The first day.
    pub from: NaiveDate,
    /// The first day it no longer holds; `null` when open.
    pub to: Option<NaiveDate>,
    /// In force or repealed.
    pub status: SegmentStatus,
    /// The acts whose changes to the Rules start this segment (the approving act for
    /// the base text).
    pub changed_by: Vec<RegistryId>,
    /// The Kazakh name, when in force.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<NameValue>,
    /// The attributes shown (one, or all), when in force.
    pub attributes: Attributes,
}

/// How a service changed over time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ServiceHistory {
    /// The service.
    pub id: ServiceId,
    /// The attribute followed, or `null` for the whole passport.
    pub attribute: Option<Attribute>,
    /// The segments, oldest first; contiguous.
    pub segments: Vec<Segment>,
    /// Amendments to the Rules whose date is not yet known.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pending: Vec<PendingChange>,
}

/// How one attribute changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct AttributeChange {
    /// The attribute.
    pub attribute: Attribute,
    /// Its value the day before.
    pub before: AttributeValue,
    /// Its value from the date.
    pub after: AttributeValue,
}

/// What an amending act changes in one service on one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct DatedChange {
    /// Scheduled (the date is known) or pending.
    pub status: DateStatus,
    /// The date, when scheduled.
    pub date: Option<NaiveDate>,
    /// The earliest date (the date itself when scheduled).
    pub earliest: Option<NaiveDate>,
    /// The operations (indexes in the amending act's `ops.json`).
    pub ops: Vec<usize>,
    /// The clauses of the Rules the act changes on that date.
    pub clauses: Vec<EId>,
    /// The attributes that change.
    pub attributes: Vec<AttributeChange>,
    /// True when the service's Rules cease to exist on that date.
    pub ends_service: bool,
}

/// What an amending act does to one service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ServiceImpact {
    /// The service.
    pub id: ServiceId,
    /// Its Kazakh name (on the first date of change, else its Rules' heading).
    pub name: Option<String>,
    /// The changes, by date (pending last).
    pub changes: Vec<DatedChange>,
}

/// Operations of the act that touch no service's Rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct OutsideChange {
    /// The amended act.
    pub target_act: RegistryId,
    /// The target node (`null` for a whole-act repeal).
    pub target: Option<EId>,
    /// The operation's index.
    pub op: usize,
}

/// Which services, and which of their attributes, an amending act changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Impact {
    /// The amending act.
    pub act: RegistryId,
    /// The services affected, by id.
    pub services: Vec<ServiceImpact>,
    /// Operations outside any service's Rules.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub outside: Vec<OutsideChange>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_ids_round_trip_and_reject_garbage() {
        let id: ServiceId = "V1400010273-att_1".parse().unwrap();
        assert_eq!(id.act.as_str(), "V1400010273");
        assert_eq!(id.rules.as_str(), "att_1");
        assert_eq!(id.to_string(), "V1400010273-att_1");
        for bad in [
            "V1400010273",
            "V1400010273-",
            "V1400010273-para_1",
            "V14-att_1",
            "V1400010273-att_1__att_2",
        ] {
            assert!(bad.parse::<ServiceId>().is_err(), "{bad}");
        }
    }

    #[test]
    fn attributes_parse_by_name() {
        for a in Attribute::ALL {
            assert_eq!(a.as_str().parse::<Attribute>().unwrap(), a);
        }
        assert_eq!(
            "refusal-grounds".parse::<Attribute>().unwrap(),
            Attribute::RefusalGrounds
        );
        assert!("price".parse::<Attribute>().is_err());
    }
}

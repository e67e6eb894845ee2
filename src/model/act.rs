//! Acts: the registry's unit of publication.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The state-registry id of an act: `V`, the two-digit year of adoption, then the
/// eight-digit registration number, e.g. `V1400010273`.
///
/// Held inline as its eleven ASCII bytes: it is `Copy`-cheap and needs no allocation,
/// which matters because every version of every clause names the act that made it.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(try_from = "String", into = "String")]
pub struct RegistryId([u8; 11]);

impl fmt::Debug for RegistryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RegistryId({})", self.as_str())
    }
}

/// Why a string is not a [`RegistryId`] or a [`WorkUri`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// Not `V` + 10 digits.
    #[error("registry id `{0}` is not V, a two-digit year and an eight-digit registration number")]
    BadRegistryId(String),
    /// Not `/akn/kz/act/{kind}/{YYYY-MM-DD}/{number}`.
    #[error("work URI `{0}` is not of the form /akn/kz/act/KIND/YYYY-MM-DD/NUMBER")]
    BadWorkUri(String),
}

impl RegistryId {
    /// Builds the id from the year of adoption and the registration number.
    pub fn from_parts(year: i32, registration_number: u32) -> RegistryId {
        let s = format!("V{:02}{:08}", year.rem_euclid(100), registration_number % 100_000_000);
        let mut b = [b'0'; 11];
        b.copy_from_slice(&s.as_bytes()[..11]);
        RegistryId(b)
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        // Validated on construction: eleven ASCII bytes.
        std::str::from_utf8(&self.0).unwrap_or("V0000000000")
    }

    /// The two-digit year of adoption, e.g. `14` for `V1400010273`.
    pub fn year2(&self) -> &str {
        &self.as_str()[1..3]
    }

    /// The registration number, e.g. `10273` for `V1400010273`.
    pub fn registration_number(&self) -> u32 {
        self.as_str()[3..].parse().unwrap_or(0)
    }
}

impl FromStr for RegistryId {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let ok = s.len() == 11 && s.starts_with('V') && s[1..].bytes().all(|b| b.is_ascii_digit());
        if ok {
            let mut b = [0u8; 11];
            b.copy_from_slice(s.as_bytes());
            Ok(RegistryId(b))
        } else {
            Err(IdError::BadRegistryId(s.to_string()))
        }
    }
}

impl TryFrom<String> for RegistryId {
    type Error = IdError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<RegistryId> for String {
    fn from(id: RegistryId) -> String {
        id.as_str().to_string()
    }
}

impl fmt::Display for RegistryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The Akoma Ntoso work URI of an act, e.g. `/akn/kz/act/order/2014-12-30/350`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(try_from = "String", into = "String")]
pub struct WorkUri(String);

impl WorkUri {
    /// Builds the URI from the act's kind, date of adoption and number.
    pub fn new(kind: &ActKind, date: NaiveDate, number: &str) -> WorkUri {
        WorkUri(format!(
            "/akn/kz/act/{}/{}/{}",
            kind.akn_subtype(),
            date.format("%Y-%m-%d"),
            number
        ))
    }

    /// The URI as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for WorkUri {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let parts: Vec<&str> = s.split('/').collect();
        let ok = parts.len() == 7
            && parts[0].is_empty()
            && parts[1] == "akn"
            && parts[2] == "kz"
            && parts[3] == "act"
            && !parts[4].is_empty()
            && NaiveDate::parse_from_str(parts[5], "%Y-%m-%d").is_ok()
            && !parts[6].is_empty();
        if ok {
            Ok(WorkUri(s.to_string()))
        } else {
            Err(IdError::BadWorkUri(s.to_string()))
        }
    }
}

impl TryFrom<String> for WorkUri {
    type Error = IdError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<WorkUri> for String {
    fn from(u: WorkUri) -> String {
        u.0
    }
}

impl fmt::Display for WorkUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The kind of a normative legal act.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActKind {
    /// бұйрық: a minister's order.
    Order,
    /// бірлескен бұйрық: a joint order of several bodies.
    JointOrder,
    /// Үкімет қаулысы: a government decree.
    GovernmentDecree,
    /// заң: a law.
    Law,
    /// шешім: a decision.
    Decision,
}

impl ActKind {
    /// The document subtype used in AKN work URIs.
    pub fn akn_subtype(&self) -> &'static str {
        match self {
            ActKind::Order => "order",
            ActKind::JointOrder => "joint_order",
            ActKind::GovernmentDecree => "decree",
            ActKind::Law => "law",
            ActKind::Decision => "decision",
        }
    }
}

/// Who issued an act, e.g. the Minister for Emergency Situations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Issuer {
    /// The office in English, e.g. "Minister for Emergency Situations".
    pub office: String,
    /// The office as the act names it, by language.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub names: BTreeMap<Lang, String>,
    /// True when signed by someone acting for the office (міндетін атқарушы, и.о.).
    #[serde(default)]
    pub acting: bool,
}

impl Issuer {
    /// The office as the act names it in `lang`, falling back to the English office.
    pub fn name(&self, lang: Lang) -> &str {
        self.names.get(&lang).map_or(self.office.as_str(), String::as_str)
    }
}

/// A language of the registry's texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Kazakh.
    Kk,
    /// Russian.
    Ru,
    /// English (translations and UI only).
    En,
}

/// State registration with the Ministry of Justice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Registration {
    /// The number in the Register of State Registration of Normative Legal Acts.
    pub number: u32,
    /// The date of registration, when the registry states it.
    pub date: Option<NaiveDate>,
}

/// The kind of an event in an act's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// First official publication.
    Publication,
    /// Entry into force of the act as a whole.
    EntryIntoForce,
    /// Repeal of the whole act.
    Repeal,
}

impl EventKind {
    /// The name used on the command line and in JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            EventKind::Publication => "publication",
            EventKind::EntryIntoForce => "entry_into_force",
            EventKind::Repeal => "repeal",
        }
    }
}

impl FromStr for EventKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "publication" => Ok(EventKind::Publication),
            "entry_into_force" | "entry-into-force" => Ok(EventKind::EntryIntoForce),
            "repeal" => Ok(EventKind::Repeal),
            other => Err(format!(
                "unknown event `{other}`; expected publication, entry_into_force or repeal"
            )),
        }
    }
}

/// The latest date an event may carry: a date past it is a typing error, not a plan
/// (`9999-12-31` would move operations where no query reaches them).
pub const EVENT_HORIZON: NaiveDate = match NaiveDate::from_ymd_opt(2100, 12, 31) {
    Some(d) => d,
    None => panic!("2100-12-31 is a date"),
};

/// Where something was read from: file and line. Not part of the stored form.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Origin {
    /// The file.
    pub file: PathBuf,
    /// The 1-based line where it starts.
    pub line: usize,
}

/// An event in an act's life. Its date may not be known yet.
///
/// An act has at most one date per kind of event. A recorded date is changed only by a
/// *correction*: a later event of the same kind that names the date it supersedes
/// (`corrects`) and why (`reason`). Events are kept in the order they were recorded,
/// so the latest correction wins; the corrected record stays, for the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Event {
    /// What happened.
    pub kind: EventKind,
    /// When, if known.
    pub date: Option<NaiveDate>,
    /// Where the date comes from (a publication source, a registry note…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// For a correction: the date it supersedes, which must be the date in force
    /// before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrects: Option<NaiveDate>,
    /// For a correction: why the date changes (required, non-empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Who recorded it (reserved for the publishing workflow; optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Where it was read from (act.json or events.json, and the line).
    #[serde(skip)]
    pub origin: Option<Origin>,
}

impl Event {
    /// An event of `kind` on `date`, with no note, not a correction.
    pub fn new(kind: EventKind, date: NaiveDate) -> Event {
        Event {
            kind,
            date: Some(date),
            note: None,
            corrects: None,
            reason: None,
            author: None,
            origin: None,
        }
    }
}

/// An act's metadata. The clause tree and the operations are held beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Act {
    /// The state-registry id, the act's key.
    pub id: RegistryId,
    /// The AKN work URI.
    pub work_uri: WorkUri,
    /// Order, decree, law…
    pub kind: ActKind,
    /// Who issued it.
    pub issuer: Issuer,
    /// The date the act was adopted (signed).
    pub date: NaiveDate,
    /// The act's own number, e.g. `350`.
    pub number: String,
    /// State registration, when the act was registered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration: Option<Registration>,
    /// Titles by language.
    pub titles: BTreeMap<Lang, String>,
    /// Events known when the act was written to the corpus. Events recorded later live
    /// in the act's event log and are merged on load.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
    /// Set on acts written by `nusqa synth`: they are not law.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub synthetic: bool,
    /// Where the act's data comes from and what the registry holds of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<String>,
    /// Editorial notes of the registry (not part of the act's text).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub editorial_notes: Vec<String>,
    /// For an amending act: when its parts take force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry_into_force: Option<super::dates::EntryIntoForce>,
}

impl Act {
    /// The date of the last recorded event of `kind` with a known date. Events are kept
    /// in the order they were recorded, so a correction supersedes what it corrects.
    pub fn event_date(&self, kind: EventKind) -> Option<NaiveDate> {
        self.events
            .iter()
            .filter(|e| e.kind == kind)
            .filter_map(|e| e.date)
            .next_back()
    }

    /// The title in `lang`, falling back to Kazakh, then to any title.
    pub fn title(&self, lang: Lang) -> &str {
        self.titles
            .get(&lang)
            .or_else(|| self.titles.get(&Lang::Kk))
            .or_else(|| self.titles.values().next())
            .map(String::as_str)
            .unwrap_or("")
    }

    /// The date from which the act's base text is taken to read as stored: its entry into
    /// force when known, otherwise its date of adoption.
    pub fn base_date(&self) -> NaiveDate {
        self.event_date(EventKind::EntryIntoForce).unwrap_or(self.date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_id_round_trips_and_rejects_garbage() {
        let id: RegistryId = "V1400010273".parse().unwrap();
        assert_eq!(id.year2(), "14");
        assert_eq!(id.registration_number(), 10273);
        assert_eq!(RegistryId::from_parts(2014, 10273), id);
        assert!("V14000102".parse::<RegistryId>().is_err());
        assert!("X1400010273".parse::<RegistryId>().is_err());
        assert!("V14000102a3".parse::<RegistryId>().is_err());
    }

    #[test]
    fn work_uri_is_built_and_checked() {
        let d = NaiveDate::from_ymd_opt(2014, 12, 30).unwrap();
        let uri = WorkUri::new(&ActKind::Order, d, "350");
        assert_eq!(uri.as_str(), "/akn/kz/act/order/2014-12-30/350");
        assert!(uri.as_str().parse::<WorkUri>().is_ok());
        assert!("/akn/kz/act/order/2014-13-30/350".parse::<WorkUri>().is_err());
    }
}

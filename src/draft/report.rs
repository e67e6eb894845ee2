//! The check report of a draft: every problem with its place, and what publication
//! needs when there is no error.
//!
//! The JSON shape is stable: `{"errors": N, "warnings": N, "problems": [{"severity",
//! "code", "place": {"item", "abzats", "line", "eid", "target_act"}, "text",
//! "message"}], "prepared": {...} | null}`; absent place fields are left out. Codes are
//! snake_case and never renamed (the list is [`CODES`]).

use serde::Serialize;

use crate::amend::Operation;
use crate::dates::EntryIntoForce;
use crate::library::ActEntry;
use crate::model::{EId, RegistryId};

/// How bad a problem is: an error stops publication, a warning does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Publication is refused while the report has one.
    Error,
    /// Worth a look; publication may go on.
    Warning,
}

/// Where a problem is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Place {
    /// The item of the draft (an eId of its tree: `att_1__para_3`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// The abzats of the item, 1-based.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abzats: Option<u32>,
    /// The 1-based line of the submitted text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The node of the target act concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eid: Option<EId>,
    /// The target act concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_act: Option<RegistryId>,
}

/// One problem of a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// A stable snake_case code (one of [`CODES`]).
    pub code: &'static str,
    /// Where.
    pub place: Place,
    /// The text concerned, as the draft has it.
    pub text: String,
    /// What is wrong, in English.
    pub message: String,
}

/// What publishing the draft needs, once it has no error.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The act as it will be stored: its metadata (with the entry-into-force clause the
    /// text states), its clause tree (`base`) and its operations (`ops`, in document
    /// order).
    pub entry: ActEntry,
    /// The entry-into-force clause the text states.
    pub entry_into_force: Option<EntryIntoForce>,
}

impl Prepared {
    /// The operations, in document order.
    pub fn ops(&self) -> &[Operation] {
        &self.entry.ops
    }
}

/// The serialised shape of a [`Prepared`].
#[derive(Serialize, schemars::JsonSchema)]
struct PreparedShape<'a> {
    act: &'a crate::model::Act,
    entry_into_force: Option<&'a EntryIntoForce>,
    operations: &'a [Operation],
}

impl schemars::JsonSchema for Prepared {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Prepared".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        PreparedShape::<'static>::json_schema(g)
    }
}

/// Serialised as `{"act", "entry_into_force", "operations"}` (the tree is the text's).
impl Serialize for Prepared {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        PreparedShape {
            act: &self.entry.act,
            entry_into_force: self.entry_into_force.as_ref(),
            operations: &self.entry.ops,
        }
        .serialize(s)
    }
}

/// The check report.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct CheckReport {
    /// The number of errors.
    pub errors: usize,
    /// The number of warnings.
    pub warnings: usize,
    /// Every problem, errors first, each group in the order of the text.
    pub problems: Vec<Problem>,
    /// What publication needs; `None` when the text could not be read into
    /// operations at all.
    pub prepared: Option<Prepared>,
}

impl CheckReport {
    /// Builds a report: sorts the problems (errors first, then by line) and counts them.
    pub fn new(mut problems: Vec<Problem>, prepared: Option<Prepared>) -> CheckReport {
        problems.sort_by(|a, b| {
            (a.severity, a.place.line.unwrap_or(usize::MAX)).cmp(&(b.severity, b.place.line.unwrap_or(usize::MAX)))
        });
        problems.dedup();
        let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
        CheckReport {
            errors,
            warnings: problems.len() - errors,
            problems,
            prepared,
        }
    }

    /// True when publication may go on: no error, and the draft was read.
    pub fn is_ok(&self) -> bool {
        self.errors == 0 && self.prepared.is_some()
    }

    /// The problems with this code.
    pub fn with_code<'s>(&'s self, code: &'s str) -> impl Iterator<Item = &'s Problem> + 's {
        self.problems.iter().filter(move |p| p.code == code)
    }
}

/// Every problem code, with what it means.
pub const CODES: &[(&str, &str)] = &[
    ("meta_invalid", "the metadata is not an act.json"),
    ("empty_text", "the text is empty"),
    ("text_too_large", "the text is larger than a draft may be"),
    (
        "not_plain_text",
        "the input holds control characters: it is binary, not text",
    ),
    ("not_utf8", "the input is not UTF-8"),
    ("bad_docx", "the .docx file cannot be read"),
    ("no_paragraphs", "the text has no numbered paragraph"),
    ("no_title", "the text has no title"),
    ("numbering_gap", "a paragraph's number skips"),
    ("duplicate_number", "two annexes or paragraphs share a number"),
    ("bad_number", "a number no eId can hold"),
    ("malformed_table", "a table that cannot be read into rows"),
    ("unclosed_quote", "a quoted new wording that never closes"),
    (
        "not_storable",
        "the tree would not read back the same from clause Markdown",
    ),
    (
        "unrecognised_instruction",
        "a line of an item that is no known amendment formula",
    ),
    ("no_target_act", "an instruction before any item names the amended act"),
    ("unresolved_target_act", "the amended act is not in the registry"),
    (
        "target_act_mismatch",
        "the amended act's date, number or title differs from the registry",
    ),
    (
        "unresolved_rules",
        "no attachment of the amended act is headed as the text names it",
    ),
    ("unresolved_node", "the amended node never exists in the amended act"),
    (
        "missing_context",
        "an instruction needs a paragraph or attachment no heading set",
    ),
    (
        "malformed_quoted_block",
        "a quoted new wording is missing or does not fit",
    ),
    (
        "target_node_absent",
        "the amended node is not in force on the operation's date",
    ),
    (
        "target_node_absent_later",
        "the amended node is in force on the earliest date but not on some later possible date",
    ),
    (
        "target_node_awaits_pending",
        "the amended node exists only once another act's pending operations apply",
    ),
    ("operation_fails", "the operation cannot be applied on its date"),
    (
        "same_day_conflict",
        "an operation of another act changes the same node on the same day",
    ),
    (
        "same_node_twice",
        "two operations of the draft change the same node on the same day",
    ),
    (
        "operation_before_target",
        "an operation dated on or before the target act's own date",
    ),
    ("entry_into_force_missing", "the text states no entry into force"),
    (
        "entry_into_force_malformed",
        "the entry-into-force clause cannot be read",
    ),
    (
        "entry_into_force_ambiguous",
        "several paragraphs state the entry into force",
    ),
    (
        "entry_into_force_contradicts_meta",
        "the metadata states another entry into force",
    ),
    (
        "entry_into_force_unknown_position",
        "an exception names an item or abzats the text does not have",
    ),
    (
        "entry_into_force_overlap",
        "two exceptions cover one position with different rules",
    ),
    (
        "entry_into_force_before_adoption",
        "a fixed date before the act's adoption",
    ),
    ("id_already_published", "an act with this registry id is published"),
    (
        "number_already_published",
        "an act of this issuer, date and number is published",
    ),
    (
        "id_mismatch",
        "the registry id does not agree with the registration number or year",
    ),
    (
        "work_uri_mismatch",
        "the work URI does not agree with the kind, date and number",
    ),
    (
        "registration_before_adoption",
        "the registration date is before the adoption",
    ),
    ("date_mismatch", "the text's requisites give another date"),
    ("number_mismatch", "the text's requisites give another number"),
    ("registration_mismatch", "the text states another registration"),
    ("issuer_mismatch", "the text names another issuer"),
    (
        "acting_mismatch",
        "the text and the metadata disagree on whether the signer is acting",
    ),
    ("no_requisites", "the text has no requisites line (date and number)"),
    ("no_signature", "the text has no signature"),
    ("title_mismatch", "the text's title differs from the metadata's"),
    ("no_operations", "the draft makes no operation"),
    ("bad_event", "an event of the draft's metadata is not valid"),
    ("malformed_tree", "the draft's clause tree is malformed"),
];

impl Problem {
    /// An error.
    pub fn error(code: &'static str, place: Place, text: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Error,
            code,
            place,
            text: text.into(),
            message: message.into(),
        }
    }

    /// A warning.
    pub fn warning(code: &'static str, place: Place, text: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(code, place, text, message)
        }
    }
}

impl Place {
    /// A line of the text.
    pub fn line(line: usize) -> Place {
        Place {
            line: (line > 0).then_some(line),
            ..Place::default()
        }
    }
}

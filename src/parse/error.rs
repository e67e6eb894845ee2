//! The errors of reading an amending act: what is wrong ([`ParseErrorKind`]) and where
//! ([`ParseError`]: the act, the item and the abzats).

use crate::model::RegistryId;

/// Why a part of an amending act could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseErrorKind {
    /// The line matches no known formula.
    #[error("unrecognised instruction")]
    UnrecognisedInstruction,
    /// An instruction comes before any item opening names the amended act.
    #[error("no amended act is named before this instruction")]
    NoTargetAct,
    /// The amended act is not among the targets.
    #[error("unresolved target act: {0}")]
    UnresolvedTargetAct(String),
    /// The amended act was found, but the text disagrees with its metadata (or omits it).
    #[error("the amended act's {field} is \"{registry}\" but the text says \"{stated}\"")]
    TargetActMismatch {
        /// `date`, `number` or `title`.
        field: &'static str,
        /// What the text says (`(none)` when it says nothing).
        stated: String,
        /// What the registry holds.
        registry: String,
    },
    /// No attachment of the amended act has the heading the text names.
    #[error("unresolved Rules: {0}")]
    UnresolvedRules(String),
    /// The node the instruction amends is not in the amended act (or the amending act's
    /// annex that holds a new edition is missing).
    #[error("unresolved node `{0}`")]
    UnresolvedNode(String),
    /// The instruction needs a context (a paragraph, an attachment) that no heading set.
    #[error("missing context: {0}")]
    MissingContext(String),
    /// A quoted new wording is missing or does not fit its instruction.
    #[error("malformed quoted block: {0}")]
    MalformedQuotedBlock(String),
    /// A quoted new wording never closes before the next instruction or the item's end.
    #[error("unclosed quote")]
    UnclosedQuote,
    /// The entry-into-force clause could not be read.
    #[error("malformed entry-into-force clause: {0}")]
    MalformedEntryIntoForce(String),
}

/// An error of [`parse_amending_act`](super::parse_amending_act), with its place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{act} {item}{}: {kind}: {text}", abzats.map(|a| format!(", abzats {a}")).unwrap_or_default())]
pub struct ParseError {
    /// The amending act.
    pub act: RegistryId,
    /// The item (an eId of the amending act's tree).
    pub item: String,
    /// The abzats of the item (1-based), when known.
    pub abzats: Option<u32>,
    /// The offending text.
    pub text: String,
    /// What is wrong.
    pub kind: ParseErrorKind,
}

/// Why an instruction made no operation.
pub(super) type Failure = ParseErrorKind;

pub(super) fn malformed(m: String) -> Failure {
    ParseErrorKind::MalformedQuotedBlock(m)
}

pub(super) fn no_block() -> Failure {
    ParseErrorKind::MalformedQuotedBlock("no quoted new wording".into())
}

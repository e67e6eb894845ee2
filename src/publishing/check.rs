//! A draft checked against the registry: its report (every problem with its place)
//! and, when it has no errors, what publication writes.

use serde::Serialize;

use crate::dates::EntryIntoForce;
use crate::library::{ActEntry, Library};
use crate::model::{Act, Node, RegistryId};
use crate::parse;
use crate::state::Draft;

/// How bad a problem is: errors block approval and publication, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Blocks approval and publication.
    Error,
    /// Shown, never blocking.
    Warning,
}

/// One problem of a draft, with its place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// A stable snake_case code (`instruction_not_parsed`, `already_published`…).
    pub code: &'static str,
    /// The item of the order (an eId of its tree), when the problem is in one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// The abzats of the item (1-based), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abzats: Option<u32>,
    /// The line of the submitted text (1-based), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The offending text.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// What is wrong, in English.
    pub message: String,
}

impl Problem {
    fn error(code: &'static str, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Error,
            code,
            item: None,
            abzats: None,
            line: None,
            text: String::new(),
            message: message.into(),
        }
    }
}

/// A draft's check: the report and, without errors, the act to publish.
#[derive(Debug, Clone)]
pub struct DraftCheck {
    /// Every problem, in the order of the text.
    pub problems: Vec<Problem>,
    /// The act as it would be published and its entry-into-force clause, when the draft
    /// reads as one (even with errors elsewhere, so that a preview can show it).
    pub prepared: Option<(ActEntry, Option<EntryIntoForce>)>,
}

impl DraftCheck {
    /// The number of errors.
    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|p| p.severity == Severity::Error).count()
    }

    /// The acts the draft's operations amend, sorted.
    pub fn targets(&self) -> Vec<RegistryId> {
        let mut t: Vec<RegistryId> = self
            .prepared
            .iter()
            .flat_map(|(e, _)| e.ops.iter().map(|op| op.target_act))
            .collect();
        t.sort();
        t.dedup();
        t
    }
}

/// The report as the API and the UI show it.
#[derive(Debug, Clone, Serialize)]
pub struct ReportView<'a> {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// The acts the draft amends.
    pub targets: Vec<RegistryId>,
    /// The operations read.
    pub operations: usize,
    /// Every problem.
    pub problems: &'a [Problem],
}

impl DraftCheck {
    /// The report's typed view.
    pub fn view(&self) -> ReportView<'_> {
        ReportView {
            errors: self.errors(),
            warnings: self.problems.len() - self.errors(),
            targets: self.targets(),
            operations: self.prepared.as_ref().map_or(0, |(e, _)| e.ops.len()),
            problems: &self.problems,
        }
    }
}

/// Reads the draft's text into the order's clause tree.
fn read_tree(text: &str) -> Result<Vec<Node>, Vec<Problem>> {
    crate::clause_markdown::parse(text).map_err(|errs| {
        errs.into_iter()
            .map(|e| Problem {
                line: Some(e.line),
                ..Problem::error("text_unreadable", e.message)
            })
            .collect()
    })
}

/// Checks `draft` against `lib`.
pub fn check_draft(lib: &Library, draft: &Draft) -> DraftCheck {
    let mut problems = Vec::new();
    let act: Option<Act> = match serde_json::from_value::<Act>(draft.meta.clone()) {
        Ok(a) => Some(a),
        Err(e) => {
            problems.push(Problem::error(
                "meta_invalid",
                format!("the metadata is not an act.json: {e}"),
            ));
            None
        }
    };
    let tree = match draft.text.get("kk").map(String::as_str) {
        None | Some("") => {
            problems.push(Problem::error("text_missing", "the draft has no Kazakh text"));
            None
        }
        Some(text) => match read_tree(text) {
            Ok(t) if t.is_empty() => {
                problems.push(Problem::error("text_missing", "the Kazakh text holds no clause"));
                None
            }
            Ok(t) => Some(t),
            Err(p) => {
                problems.extend(p);
                None
            }
        },
    };
    let (Some(act), Some(tree)) = (act, tree) else {
        return DraftCheck {
            problems,
            prepared: None,
        };
    };
    if lib.act(&act.id).is_some() {
        problems.push(Problem::error(
            "already_published",
            format!("{} is already in the registry", act.id),
        ));
    }
    if let Some(other) = lib.acts().find(|o| {
        o.id != act.id && o.issuer.office == act.issuer.office && o.number == act.number && o.date == act.date
    }) {
        problems.push(Problem::error(
            "number_published",
            format!(
                "{} already holds number {} of {} by {}",
                other.id, act.number, act.date, act.issuer.office
            ),
        ));
    }
    let bases: Vec<(&Act, Vec<Node>)> = lib
        .acts()
        .filter(|a| a.id != act.id)
        .map(|a| (a, lib.base(&a.id).unwrap_or_default()))
        .collect();
    let targets: Vec<(&Act, &[Node])> = bases.iter().map(|(a, b)| (*a, b.as_slice())).collect();
    let prepared = match parse::parse_amending_act(&act, &tree, &targets) {
        Ok(parsed) => {
            if parsed.ops.is_empty() {
                problems.push(Problem::error("no_instruction", "the draft makes no amendment"));
            }
            if parsed.entry_into_force.is_none() && act.entry_into_force.is_none() {
                problems.push(Problem::error(
                    "entry_into_force_missing",
                    "the draft states no entry-into-force clause",
                ));
            }
            Some((
                ActEntry {
                    act: act.clone(),
                    base: tree,
                    ops: parsed.ops,
                },
                parsed.entry_into_force,
            ))
        }
        Err(errors) => {
            problems.extend(errors.into_iter().map(|e| Problem {
                item: Some(e.item.clone()),
                abzats: e.abzats,
                text: e.text.clone(),
                ..Problem::error("instruction_not_parsed", e.kind.to_string())
            }));
            None
        }
    };
    DraftCheck { problems, prepared }
}

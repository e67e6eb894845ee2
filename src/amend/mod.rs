//! Amendment operations: one module per kind, in the spirit of AJDB's `src/amender/`.
//!
//! An [`Operation`] is what an amending act does to a target act: replace a node with a
//! new wording, delete it, insert a new node, replace or delete words, replace an
//! attachment with a new edition, renumber, or repeal the whole act. [`apply`] performs
//! one operation on a [`Tree`] as of a date and reports which nodes it changed.
//!
//! Every kind's semantics live only here: point-in-time consolidation replays these
//! same functions, so the timeline can never disagree with a naive re-application.

mod attachment;
mod delete;
mod insert;
mod renumber;
mod repeal;
mod replace;
mod words;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dates::EffectiveRule;
use crate::model::{AbzatsRange, Content, EId, Node, NodeState, Provenance, RegistryId, Tree, TreeError};

/// Where an insertion goes, relative to the operation's target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// Just before the target, among its siblings.
    Before,
    /// Just after the target, among its siblings.
    After,
    /// As the last child of the target.
    Inside,
}

/// What an operation does. Serialised with a `kind` tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// "N-тармақ мынадай редакцияда жазылсын": the target gets a new wording, children
    /// included; children absent from the new wording are repealed.
    Replace {
        /// The new wording; its eId is the target's.
        content: Node,
    },
    /// "... алып тасталсын": the target and its descendants are deleted.
    Delete,
    /// "мынадай мазмұндағы N-1-тармақпен толықтырылсын": a new node.
    Insert {
        /// Before, after or inside the target.
        position: Position,
        /// The new node, with its own eId.
        content: Node,
    },
    /// "X" деген сөздер "Y" деген сөздермен ауыстырылсын: in the target and its
    /// descendants, every occurrence of `words` becomes `replacement`.
    ReplaceWords {
        /// The words to find.
        words: String,
        /// What they become.
        replacement: String,
    },
    /// "X" деген сөздер алып тасталсын: every occurrence of `words` is deleted.
    DeleteWords {
        /// The words to delete.
        words: String,
    },
    /// "N-қосымша ... жаңа редакцияда жазылсын": an attachment in a new edition.
    ReplaceAttachment {
        /// The new edition; its eId is the target's.
        content: Node,
    },
    /// The target's number changes; its eId, its identity, stays.
    Renumber {
        /// The new number.
        num: String,
    },
    /// "күші жойылды деп танылсын": the whole target act is repealed.
    Repeal,
}

impl Change {
    /// The kind's name as used in JSON.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Change::Replace { .. } => "replace",
            Change::Delete => "delete",
            Change::Insert { .. } => "insert",
            Change::ReplaceWords { .. } => "replace_words",
            Change::DeleteWords { .. } => "delete_words",
            Change::ReplaceAttachment { .. } => "replace_attachment",
            Change::Renumber { .. } => "renumber",
            Change::Repeal => "repeal",
        }
    }

    /// The node created or overwritten by this change, if it carries one.
    pub fn content(&self) -> Option<&Node> {
        match self {
            Change::Replace { content } | Change::Insert { content, .. } | Change::ReplaceAttachment { content } => {
                Some(content)
            }
            _ => None,
        }
    }
}

/// Where an operation was read from: file and line (defined in `model`, where events
/// use it too). Not part of the stored form.
pub use crate::model::Origin;

/// One amendment operation, as frozen in the corpus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Operation {
    /// The amending act.
    pub source_act: RegistryId,
    /// The item of the amending act that makes it (an eId of the amending act's tree).
    pub source_item: String,
    /// The abzats of that item, when the instruction occupies part of it.
    pub source_abzats: Option<AbzatsRange>,
    /// The amended act.
    pub target_act: RegistryId,
    /// The target node; `None` only for repealing a whole act.
    pub target: Option<EId>,
    /// What the operation does.
    #[serde(flatten)]
    pub change: Change,
    /// How its effective date is fixed.
    pub effective: EffectiveRule,
    /// The instruction's text in the amending act, for display and audit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instruction: Option<String>,
    /// Where it was read from (set by the loader).
    #[serde(skip)]
    pub origin: Option<Origin>,
}

impl Operation {
    /// The provenance of what this operation (the `index`-th of its act) makes.
    pub fn provenance(&self, index: usize) -> Provenance {
        Provenance {
            act: self.source_act,
            item: Some(self.source_item.clone()),
            abzats: self.source_abzats,
            op: Some(index),
        }
    }
}

/// Why an operation cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmendError {
    /// The target does not exist on the effective date.
    #[error("target `{0}` does not exist on the effective date")]
    TargetMissing(EId),
    /// The target was repealed before the effective date.
    #[error("target `{0}` is already repealed on the effective date")]
    TargetRepealed(EId),
    /// Deleting something already deleted.
    #[error("`{0}` is already deleted")]
    AlreadyDeleted(EId),
    /// Inserting a node whose number already exists.
    #[error("cannot insert `{0}`: a node with that number already exists")]
    NumberExists(EId),
    /// The words to replace or delete occur nowhere in the target's text.
    #[error("the words \"{words}\" do not occur in `{eid}`")]
    WordsNotFound {
        /// The target.
        eid: EId,
        /// The words.
        words: String,
    },
    /// A new attachment edition aimed at something that is not an attachment.
    #[error("`{0}` is not an attachment")]
    NotAnAttachment(EId),
    /// The operation's content has an eId other than the one it must have.
    #[error("the new wording is for `{found}` but the operation targets `{expected}`")]
    ContentMismatch {
        /// The eId the content must have.
        expected: EId,
        /// The eId it has.
        found: EId,
    },
    /// An inserted node is not a sibling (or child, for `inside`) of its anchor.
    #[error("cannot insert `{node}` {position:?} `{anchor}`: wrong parent")]
    WrongParent {
        /// The new node.
        node: EId,
        /// The anchor.
        anchor: EId,
        /// Where it was to go.
        position: Position,
    },
    /// The operation needs a target and has none.
    #[error("a `{0}` operation needs a target eId")]
    NoTarget(&'static str),
    /// The content is not a well-formed tree.
    #[error("malformed content: {0}")]
    Tree(#[from] TreeError),
}

/// Applies `op` to `tree` as of `date`; what it writes carries `provenance`.
/// Returns the eIds whose state changed or which were created, in document order.
pub fn apply(
    tree: &mut Tree,
    op: &Operation,
    date: NaiveDate,
    provenance: &Provenance,
) -> Result<Vec<EId>, AmendError> {
    let target = || op.target.as_ref().ok_or(AmendError::NoTarget(op.change.kind_name()));
    match &op.change {
        Change::Replace { content } => replace::apply(tree, target()?, content, date, provenance),
        Change::Delete => delete::apply(tree, target()?, date, provenance),
        Change::Insert { position, content } => insert::apply(tree, target()?, *position, content, date, provenance),
        Change::ReplaceWords { words, replacement } => {
            words::replace(tree, target()?, words, replacement, date, provenance)
        }
        Change::DeleteWords { words } => words::delete(tree, target()?, words, date, provenance),
        Change::ReplaceAttachment { content } => attachment::apply(tree, target()?, content, date, provenance),
        Change::Renumber { num } => renumber::apply(tree, target()?, num, date, provenance),
        Change::Repeal => Ok(repeal::apply(tree, date, provenance)),
    }
}

/// The live (existing, not repealed) node at `eid`, or the reason there is none.
fn live<'t>(tree: &'t Tree, eid: &EId) -> Result<&'t crate::model::tree::TreeNode, AmendError> {
    match tree.get(eid) {
        None => Err(AmendError::TargetMissing(eid.clone())),
        Some(n) if n.state.content == Content::Repealed => Err(AmendError::TargetRepealed(eid.clone())),
        Some(n) => Ok(n),
    }
}

/// Sets a node's state, when it differs, and records it as touched.
fn set_state(tree: &mut Tree, eid: &EId, state: NodeState, date: NaiveDate, touched: &mut Vec<EId>) {
    if let Some(n) = tree.get_mut(eid) {
        n.state = state;
        n.since = date;
        touched.push(eid.clone());
    }
}

/// Marks `eid` and its live descendants repealed.
fn repeal_subtree(tree: &mut Tree, eid: &EId, date: NaiveDate, provenance: &Provenance, touched: &mut Vec<EId>) {
    for e in tree.subtree(eid) {
        let Some(n) = tree.get(&e) else { continue };
        if n.state.content == Content::Repealed {
            continue;
        }
        let state = NodeState {
            content: Content::Repealed,
            source: provenance.clone(),
            ..n.state.clone()
        };
        set_state(tree, &e, state, date, touched);
    }
}

/// Checks that `content` is a well-formed subtree (children extend their parent's eId,
/// no eId twice) before anything is changed, so that a failing operation leaves the
/// tree untouched.
fn validate_content(content: &Node) -> Result<(), AmendError> {
    fn go<'n>(n: &'n Node, seen: &mut std::collections::HashSet<&'n EId>) -> Result<(), AmendError> {
        if !seen.insert(&n.eid) {
            return Err(TreeError::DuplicateEId(n.eid.clone()).into());
        }
        for c in &n.children {
            if c.eid.parent().as_ref() != Some(&n.eid) {
                return Err(TreeError::NotAChild {
                    parent: n.eid.clone(),
                    child: c.eid.clone(),
                }
                .into());
            }
            go(c, seen)?;
        }
        Ok(())
    }
    go(content, &mut std::collections::HashSet::new())
}

/// Writes `content` over the live node at its eId: the node and its children take the new
/// wording; existing children missing from it are repealed; new ones are created.
fn overwrite(
    tree: &mut Tree,
    content: &Node,
    date: NaiveDate,
    provenance: &Provenance,
    touched: &mut Vec<EId>,
) -> Result<(), AmendError> {
    let state = NodeState {
        num: content.num.clone(),
        heading: content.heading.clone(),
        content: content.content.clone(),
        source: provenance.clone(),
    };
    let old_children = tree.get(&content.eid).map(|n| n.children.clone()).unwrap_or_default();
    set_state(tree, &content.eid, state, date, touched);
    for old in &old_children {
        if !content.children.iter().any(|c| &c.eid == old) {
            repeal_subtree(tree, old, date, provenance, touched);
        }
    }
    // Existing children keep their places (a node never moves, so the order on any past
    // date stays a sub-sequence of today's); new ones go after the new wording's previous
    // child.
    let mut order = old_children;
    let mut at = 0;
    for c in &content.children {
        match order.iter().position(|e| e == &c.eid) {
            Some(i) => at = at.max(i + 1),
            None => {
                order.insert(at, c.eid.clone());
                at += 1;
            }
        }
    }
    for c in &content.children {
        if tree.contains(&c.eid) {
            overwrite(tree, c, date, provenance, touched)?;
        } else {
            create(tree, c, date, provenance, touched)?;
        }
    }
    if let Some(n) = tree.get_mut(&content.eid) {
        n.children = order;
    }
    Ok(())
}

/// Creates `node` and its descendants (the caller links it to its parent).
fn create(
    tree: &mut Tree,
    node: &Node,
    date: NaiveDate,
    provenance: &Provenance,
    touched: &mut Vec<EId>,
) -> Result<(), AmendError> {
    tree.add_subtree(node, date, provenance)?;
    node.walk(&mut |n| touched.push(n.eid.clone()));
    Ok(())
}

#[cfg(test)]
mod tests;

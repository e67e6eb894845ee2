//! Replace an attachment: "N-қосымша ... жаңа редакцияда жазылсын".
//!
//! The same as a new wording of a node, restricted to attachments: the whole annex,
//! every table and row in it included, takes the new edition.

use chrono::NaiveDate;

use super::{AmendError, replace};
use crate::model::{EId, Node, NodeKind, Provenance, Tree};

/// Gives the attachment `target` the new edition `content`.
pub(super) fn apply(
    tree: &mut Tree,
    target: &EId,
    content: &Node,
    date: NaiveDate,
    provenance: &Provenance,
) -> Result<Vec<EId>, AmendError> {
    if target.kind() != NodeKind::Attachment {
        return Err(AmendError::NotAnAttachment(target.clone()));
    }
    replace::apply(tree, target, content, date, provenance)
}

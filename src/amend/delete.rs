//! Delete: "5-тармақтың 1) тармақшасы алып тасталсын".

use chrono::NaiveDate;

use super::{AmendError, repeal_subtree};
use crate::model::{Content, EId, Provenance, Tree};

/// Deletes `target` and its descendants. Deleting what is already deleted is an error.
pub(super) fn apply(
    tree: &mut Tree,
    target: &EId,
    date: NaiveDate,
    provenance: &Provenance,
) -> Result<Vec<EId>, AmendError> {
    match tree.get(target) {
        None => return Err(AmendError::TargetMissing(target.clone())),
        Some(n) if n.state.content == Content::Repealed => return Err(AmendError::AlreadyDeleted(target.clone())),
        Some(_) => {}
    }
    let mut touched = Vec::new();
    repeal_subtree(tree, target, date, provenance, &mut touched);
    Ok(touched)
}

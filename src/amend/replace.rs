//! Replace: "N-тармақ мынадай редакцияда жазылсын" (new wording of a node).

use chrono::NaiveDate;

use super::{AmendError, live, overwrite};
use crate::model::{EId, Node, Provenance, Tree};

/// Gives the live node `target` the wording `content`, children included.
pub(super) fn apply(
    tree: &mut Tree,
    target: &EId,
    content: &Node,
    date: NaiveDate,
    provenance: &Provenance,
) -> Result<Vec<EId>, AmendError> {
    if &content.eid != target {
        return Err(AmendError::ContentMismatch {
            expected: target.clone(),
            found: content.eid.clone(),
        });
    }
    live(tree, target)?;
    super::validate_content(content)?;
    let mut touched = Vec::new();
    overwrite(tree, content, date, provenance, &mut touched)?;
    Ok(touched)
}

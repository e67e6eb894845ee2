//! Repeal a whole act: "күші жойылды деп танылсын".

use chrono::NaiveDate;

use super::repeal_subtree;
use crate::model::{EId, Provenance, Tree};

/// Repeals every live node of the act.
pub(super) fn apply(tree: &mut Tree, date: NaiveDate, provenance: &Provenance) -> Vec<EId> {
    let mut touched = Vec::new();
    for root in tree.roots().to_vec() {
        repeal_subtree(tree, &root, date, provenance, &mut touched);
    }
    touched
}

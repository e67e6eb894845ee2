//! Renumber: a node's displayed number changes; its eId, its identity, stays.

use chrono::NaiveDate;

use super::{AmendError, live, set_state};
use crate::model::{EId, NodeState, Provenance, Tree};

/// Gives the live node `target` the number `num`.
pub(super) fn apply(
    tree: &mut Tree,
    target: &EId,
    num: &str,
    date: NaiveDate,
    provenance: &Provenance,
) -> Result<Vec<EId>, AmendError> {
    let node = live(tree, target)?;
    let state = NodeState {
        num: Some(num.to_string()),
        source: provenance.clone(),
        ..node.state.clone()
    };
    let mut touched = Vec::new();
    set_state(tree, target, state, date, &mut touched);
    Ok(touched)
}

//! The naive baseline: re-apply every operation from the base for each query.
//!
//! Used as the reference in property tests and as the baseline in benchmarks.

use chrono::NaiveDate;

use super::schedule::Schedule;
use crate::amend;
use crate::model::{Act, Node, Provenance, Tree, TreeError};

/// The act's tree on `date`, by applying in order every scheduled operation effective on
/// or before `date` to a fresh copy of the base. Operations that fail are skipped, as the
/// timeline skips them. Nodes created after `date` are absent.
pub fn consolidate(act: &Act, base: &[Node], schedule: &Schedule<'_>, date: NaiveDate) -> Result<Tree, TreeError> {
    let mut tree = Tree::from_nodes(base, act.base_date(), &Provenance::base(&act.id))?;
    for s in schedule.scheduled.iter().take_while(|s| s.date <= date) {
        // A failing operation leaves the tree as it was: operations validate first.
        let _ = amend::apply(&mut tree, s.op, s.date, &s.provenance());
    }
    Ok(tree)
}

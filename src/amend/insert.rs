//! Insert: "мынадай мазмұндағы 18-1-тармақпен толықтырылсын".

use chrono::NaiveDate;

use super::{AmendError, Position, create, live, overwrite};
use crate::model::{Content, EId, Node, Provenance, Tree};

/// Inserts `content` before, after or inside the live node `anchor`.
///
/// A node with the new node's eId must not exist, unless it was repealed: a repealed
/// number may be reused, and the node then reads anew from `date`.
pub(super) fn apply(
    tree: &mut Tree,
    anchor: &EId,
    position: Position,
    content: &Node,
    date: NaiveDate,
    provenance: &Provenance,
) -> Result<Vec<EId>, AmendError> {
    live(tree, anchor)?;
    super::validate_content(content)?;
    let expected_parent = match position {
        Position::Inside => Some(anchor.clone()),
        Position::Before | Position::After => anchor.parent(),
    };
    if content.eid.parent() != expected_parent {
        return Err(AmendError::WrongParent {
            node: content.eid.clone(),
            anchor: anchor.clone(),
            position,
        });
    }
    let mut touched = Vec::new();
    match tree.get(&content.eid) {
        Some(n) if n.state.content != Content::Repealed => return Err(AmendError::NumberExists(content.eid.clone())),
        Some(_) => {
            // Reusing a repealed number: the node keeps its place.
            overwrite(tree, content, date, provenance, &mut touched)?;
            return Ok(touched);
        }
        None => {}
    }
    create(tree, content, date, provenance, &mut touched)?;
    let new = content.eid.clone();
    let siblings = match position {
        Position::Inside => tree.get_mut(anchor).map(|n| &mut n.children),
        _ => tree.siblings_mut(anchor),
    };
    if let Some(list) = siblings {
        match position {
            Position::Inside => list.push(new),
            Position::Before | Position::After => {
                let at = list.iter().position(|e| e == anchor).unwrap_or(list.len());
                let at = if position == Position::After { at + 1 } else { at };
                list.insert(at.min(list.len()), new);
            }
        }
    }
    Ok(touched)
}

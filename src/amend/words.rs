//! Replace or delete words: "X" деген сөздер "Y" деген сөздермен ауыстырылсын /
//! "X" деген сөздер алып тасталсын.
//!
//! The change applies to every occurrence in the target and its descendants. Where the
//! registry does not hold a text, the words cannot be checked or changed: the node stays
//! not held, and the version records that the amending act touched it.

use chrono::NaiveDate;

use super::{AmendError, live, set_state};
use crate::model::{Content, EId, NodeState, Provenance, Tree};

/// Replaces `words` with `replacement` throughout the subtree at `target`.
pub(super) fn replace(
    tree: &mut Tree,
    target: &EId,
    words: &str,
    replacement: &str,
    date: NaiveDate,
    provenance: &Provenance,
) -> Result<Vec<EId>, AmendError> {
    rewrite(tree, target, words, date, provenance, |t| t.replace(words, replacement))
}

/// Deletes `words` throughout the subtree at `target`, tidying the spaces left behind.
pub(super) fn delete(
    tree: &mut Tree,
    target: &EId,
    words: &str,
    date: NaiveDate,
    provenance: &Provenance,
) -> Result<Vec<EId>, AmendError> {
    rewrite(tree, target, words, date, provenance, |t| tidy(&t.replace(words, "")))
}

/// Collapses doubled spaces and removes spaces before punctuation.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if ch == ' ' && out.ends_with(' ') {
            continue;
        }
        if matches!(ch, ',' | '.' | ';' | ':' | ')') && out.ends_with(' ') {
            out.pop();
        }
        out.push(ch);
    }
    out.trim().to_string()
}

fn rewrite(
    tree: &mut Tree,
    target: &EId,
    words: &str,
    date: NaiveDate,
    provenance: &Provenance,
    edit: impl Fn(&str) -> String,
) -> Result<Vec<EId>, AmendError> {
    live(tree, target)?;
    let mut touched = Vec::new();
    let mut found = false;
    let mut not_held = Vec::new();
    for e in tree.subtree(target) {
        let Some(n) = tree.get(&e) else { continue };
        match &n.state.content {
            Content::Text { text } if text.contains(words) => {
                found = true;
                let state = NodeState {
                    content: Content::Text { text: edit(text) },
                    source: provenance.clone(),
                    ..n.state.clone()
                };
                set_state(tree, &e, state, date, &mut touched);
            }
            Content::NotHeld => not_held.push(e),
            _ => {}
        }
    }
    if !found && not_held.is_empty() {
        return Err(AmendError::WordsNotFound {
            eid: target.clone(),
            words: words.to_string(),
        });
    }
    if !found {
        // The words may be in a text the registry does not hold: record the touch.
        for e in not_held {
            if let Some(n) = tree.get(&e) {
                let state = NodeState {
                    source: provenance.clone(),
                    ..n.state.clone()
                };
                set_state(tree, &e, state, date, &mut touched);
            }
        }
    }
    Ok(touched)
}

#[cfg(test)]
mod tests {
    #[test]
    fn tidy_removes_gaps() {
        assert_eq!(super::tidy("a  b , c ."), "a b, c.");
    }
}

//! Word diffs inside a changed node.
//!
//! Abzats (lines) are aligned first, then the words of each replaced run, with
//! `similar` (Patience, Unicode word tokens) under a shared deadline, followed by a
//! semantic cleanup: a lone space or punctuation mark kept between two changes is
//! folded into them, so a redline reads as whole replaced phrases. When the deadline
//! passes, `similar` returns a coarse result and the diff says so.

use std::time::{Duration, Instant};

use serde::Serialize;
use similar::{Algorithm, ChangeTag, TextDiff};

/// One run of a word diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "op", content = "text", rename_all = "snake_case")]
pub enum Segment {
    /// In both texts.
    Equal(String),
    /// Only in the old text.
    Delete(String),
    /// Only in the new text.
    Insert(String),
}

impl Segment {
    fn text(&self) -> &str {
        match self {
            Segment::Equal(t) | Segment::Delete(t) | Segment::Insert(t) => t,
        }
    }
}

/// The word diff of two texts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct WordDiff {
    /// The runs, in order; the old text is the Equal and Delete runs, the new text the
    /// Equal and Insert runs.
    pub segments: Vec<Segment>,
    /// True when the deadline passed and the result is coarser than it could be.
    pub coarse: bool,
}

impl WordDiff {
    /// The old text, rebuilt from the runs.
    pub fn old_text(&self) -> String {
        self.segments
            .iter()
            .filter(|s| !matches!(s, Segment::Insert(_)))
            .map(Segment::text)
            .collect()
    }

    /// The new text, rebuilt from the runs.
    pub fn new_text(&self) -> String {
        self.segments
            .iter()
            .filter(|s| !matches!(s, Segment::Delete(_)))
            .map(Segment::text)
            .collect()
    }

    /// The diff with old and new swapped.
    pub fn inverted(&self) -> WordDiff {
        let segments = self
            .segments
            .iter()
            .map(|s| match s {
                Segment::Equal(t) => Segment::Equal(t.clone()),
                Segment::Delete(t) => Segment::Insert(t.clone()),
                Segment::Insert(t) => Segment::Delete(t.clone()),
            })
            .collect();
        WordDiff {
            segments: order_runs(segments),
            coarse: self.coarse,
        }
    }

    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        self.segments.iter().all(|s| matches!(s, Segment::Equal(_)))
    }
}

/// The default time budget of one diff.
pub const DEFAULT_DEADLINE: Duration = Duration::from_millis(200);

/// Diffs `old` and `new` word by word, within `budget`.
pub fn word_diff(old: &str, new: &str, budget: Duration) -> WordDiff {
    let start = Instant::now();
    let deadline = start + budget;
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .deadline(deadline)
        .diff_unicode_words(old, new);
    let mut segments = Vec::new();
    for op in diff.ops() {
        for change in diff.iter_changes(op) {
            let text = change.value().to_string();
            segments.push(match change.tag() {
                ChangeTag::Equal => Segment::Equal(text),
                ChangeTag::Delete => Segment::Delete(text),
                ChangeTag::Insert => Segment::Insert(text),
            });
        }
    }
    let coarse = Instant::now() > deadline;
    WordDiff {
        segments: order_runs(cleanup(coalesce(segments))),
        coarse,
    }
}

/// Merges adjacent runs of the same kind.
fn coalesce(segments: Vec<Segment>) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::with_capacity(segments.len());
    for s in segments {
        match (out.last_mut(), &s) {
            (Some(Segment::Equal(a)), Segment::Equal(b))
            | (Some(Segment::Delete(a)), Segment::Delete(b))
            | (Some(Segment::Insert(a)), Segment::Insert(b)) => a.push_str(b),
            _ => out.push(s),
        }
    }
    out
}

/// Folds a whitespace- or punctuation-only equal run between two changes into them.
fn cleanup(segments: Vec<Segment>) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::with_capacity(segments.len());
    for (i, s) in segments.iter().enumerate() {
        if let Segment::Equal(t) = s {
            let between = i > 0
                && i + 1 < segments.len()
                && !matches!(segments[i - 1], Segment::Equal(_))
                && !matches!(segments[i + 1], Segment::Equal(_));
            if between && t.chars().all(|c| c.is_whitespace() || c.is_ascii_punctuation()) && t.chars().count() <= 2 {
                out.push(Segment::Delete(t.clone()));
                out.push(Segment::Insert(t.clone()));
                continue;
            }
        }
        out.push(s.clone());
    }
    coalesce(out)
}

/// Within each run of changes, puts the deletions before the insertions.
fn order_runs(segments: Vec<Segment>) -> Vec<Segment> {
    let mut out = Vec::with_capacity(segments.len());
    let mut del = String::new();
    let mut ins = String::new();
    let flush = |out: &mut Vec<Segment>, del: &mut String, ins: &mut String| {
        if !del.is_empty() {
            out.push(Segment::Delete(std::mem::take(del)));
        }
        if !ins.is_empty() {
            out.push(Segment::Insert(std::mem::take(ins)));
        }
    };
    for s in segments {
        match s {
            Segment::Delete(t) => del.push_str(&t),
            Segment::Insert(t) => ins.push_str(&t),
            Segment::Equal(t) => {
                flush(&mut out, &mut del, &mut ins);
                out.push(Segment::Equal(t));
            }
        }
    }
    flush(&mut out, &mut del, &mut ins);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rebuilds_both_texts_and_marks_the_changed_words() {
        let old = "мерзімі 5 (бес) жұмыс күнін құрайды.";
        let new = "мерзімі 10 (он) жұмыс күнін құрайды.";
        let d = word_diff(old, new, DEFAULT_DEADLINE);
        assert_eq!(d.old_text(), old);
        assert_eq!(d.new_text(), new);
        assert!(
            d.segments.contains(&Segment::Delete("5 (бес".into())),
            "{:?}",
            d.segments
        );
        assert!(
            d.segments.contains(&Segment::Insert("10 (он".into())),
            "{:?}",
            d.segments
        );
        assert!(!d.coarse);
        assert_eq!(d.inverted().inverted(), d);
        assert_eq!(d.inverted().new_text(), old);
    }

    #[test]
    fn identical_texts_have_no_changes() {
        assert!(word_diff("бір екі", "бір екі", DEFAULT_DEADLINE).is_empty());
    }
}

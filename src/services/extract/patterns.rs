//! What the extraction rules' regular expressions share: compiling a constant pattern,
//! and the dashes (`-`, `—`, `–`) the texts write between a term and its definition.

use regex::Regex;

pub(super) fn re(pattern: &str) -> Regex {
    // The patterns are constants, compiled once; each rule module's unit tests compile its own.
    Regex::new(pattern).unwrap_or_else(|e| panic!("invalid extraction pattern {pattern}: {e}"))
}

pub(super) const DASH: &str = "[-—–]";

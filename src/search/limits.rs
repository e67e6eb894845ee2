//! Limits a search request must keep before any work starts.
//!
//! Every caller (the CLI, the JSON API and the UI) goes through [`check`], which
//! [`search`](super::search) calls first, so no request can make the query parser
//! recurse without bound, the collector allocate for an absurd page, or arithmetic
//! overflow. A refused request names the limit it broke.

use super::query::SearchRequest;

/// The longest query, in bytes.
pub const MAX_QUERY_BYTES: usize = 4096;
/// The deepest nesting of parentheses.
pub const MAX_DEPTH: usize = 8;
/// The most words (and phrase words) in a query; operators do not count.
pub const MAX_TERMS: usize = 32;
/// The most `prefix*` words in a query (each expands to many terms).
pub const MAX_PREFIXES: usize = 4;
/// The largest page.
pub const MAX_LIMIT: usize = 100;
/// The largest offset.
pub const MAX_OFFSET: usize = 10_000;

/// A limit a request broke.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LimitError {
    /// The query is longer than [`MAX_QUERY_BYTES`].
    #[error("the query is {found} bytes long; the limit is {MAX_QUERY_BYTES} bytes")]
    QueryTooLong {
        /// Its length in bytes.
        found: usize,
    },
    /// Parentheses nest deeper than [`MAX_DEPTH`].
    #[error("the query nests parentheses {found} deep; the limit is {MAX_DEPTH}")]
    TooDeep {
        /// The depth reached (counting stops just past the limit).
        found: usize,
    },
    /// More words than [`MAX_TERMS`].
    #[error("the query has {found} words; the limit is {MAX_TERMS}")]
    TooManyTerms {
        /// The words counted.
        found: usize,
    },
    /// More `prefix*` words than [`MAX_PREFIXES`].
    #[error("the query has {found} prefix* words; the limit is {MAX_PREFIXES}")]
    TooManyPrefixes {
        /// The prefix words counted.
        found: usize,
    },
    /// `limit` is 0 or above [`MAX_LIMIT`].
    #[error("limit must be between 1 and {MAX_LIMIT}, not {found}")]
    Limit {
        /// The limit asked for.
        found: usize,
    },
    /// `offset` is above [`MAX_OFFSET`].
    #[error("offset must be at most {MAX_OFFSET}, not {found}")]
    Offset {
        /// The offset asked for.
        found: usize,
    },
}

impl LimitError {
    /// A stable machine-readable code, used by the API's error bodies.
    pub fn code(&self) -> &'static str {
        match self {
            LimitError::QueryTooLong { .. } => "query_too_long",
            LimitError::TooDeep { .. } => "query_too_deep",
            LimitError::TooManyTerms { .. } => "too_many_terms",
            LimitError::TooManyPrefixes { .. } => "too_many_prefixes",
            LimitError::Limit { .. } => "limit_out_of_range",
            LimitError::Offset { .. } => "offset_out_of_range",
        }
    }
}

/// Checks the page bounds of a request.
pub fn check_page(limit: usize, offset: usize) -> Result<(), LimitError> {
    if limit == 0 || limit > MAX_LIMIT {
        return Err(LimitError::Limit { found: limit });
    }
    if offset > MAX_OFFSET {
        return Err(LimitError::Offset { found: offset });
    }
    Ok(())
}

/// Checks a request against every limit, in one linear pass over the query.
pub fn check(req: &SearchRequest) -> Result<(), LimitError> {
    check_page(req.limit, req.offset)?;
    check_query(&req.query)
}

/// Checks the query text: length, nesting, words and prefixes. Quoted phrases do not
/// nest (parentheses inside them are text), but their words count.
pub fn check_query(query: &str) -> Result<(), LimitError> {
    if query.len() > MAX_QUERY_BYTES {
        return Err(LimitError::QueryTooLong { found: query.len() });
    }
    let (mut depth, mut terms, mut prefixes) = (0usize, 0usize, 0usize);
    let mut in_phrase = false;
    let mut word = String::new();
    let end_word = |word: &mut String, terms: &mut usize, prefixes: &mut usize| {
        let w = word.trim_start_matches(['+', '-']);
        if !w.is_empty() && !matches!(w, "AND" | "OR" | "NOT") {
            *terms += 1;
            if w.ends_with('*') {
                *prefixes += 1;
            }
        }
        word.clear();
    };
    for c in query.chars() {
        if in_phrase {
            if matches!(c, '"' | '»' | '”') {
                in_phrase = false;
                end_word(&mut word, &mut terms, &mut prefixes);
            } else if c.is_whitespace() {
                end_word(&mut word, &mut terms, &mut prefixes);
            } else {
                word.push(c);
            }
            continue;
        }
        match c {
            '"' | '«' | '“' => {
                end_word(&mut word, &mut terms, &mut prefixes);
                in_phrase = true;
            }
            '(' => {
                end_word(&mut word, &mut terms, &mut prefixes);
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(LimitError::TooDeep { found: depth });
                }
            }
            ')' => {
                end_word(&mut word, &mut terms, &mut prefixes);
                depth = depth.saturating_sub(1);
            }
            c if c.is_whitespace() => end_word(&mut word, &mut terms, &mut prefixes),
            c => word.push(c),
        }
    }
    end_word(&mut word, &mut terms, &mut prefixes);
    if terms > MAX_TERMS {
        return Err(LimitError::TooManyTerms { found: terms });
    }
    if prefixes > MAX_PREFIXES {
        return Err(LimitError::TooManyPrefixes { found: prefixes });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_outside_phrases_counts() {
        assert_eq!(check_query(&"(".repeat(9)), Err(LimitError::TooDeep { found: 9 }));
        assert!(check_query(&format!("{}a{}", "(".repeat(8), ")".repeat(8))).is_ok());
        assert!(check_query("\"((((((((((\"").is_ok());
    }

    #[test]
    fn words_count_but_operators_do_not() {
        let q = vec!["а"; 32].join(" AND ");
        assert!(check_query(&q).is_ok());
        let q = vec!["а"; 33].join(" OR ");
        assert_eq!(check_query(&q), Err(LimitError::TooManyTerms { found: 33 }));
        assert_eq!(
            check_query("а* б* в* г* д*"),
            Err(LimitError::TooManyPrefixes { found: 5 })
        );
    }

    #[test]
    fn length_and_page() {
        let q = "а".repeat(2049);
        assert_eq!(check_query(&q), Err(LimitError::QueryTooLong { found: 4098 }));
        assert_eq!(check_page(0, 0), Err(LimitError::Limit { found: 0 }));
        assert_eq!(check_page(101, 0), Err(LimitError::Limit { found: 101 }));
        assert_eq!(check_page(100, 10_001), Err(LimitError::Offset { found: 10_001 }));
        assert!(check_page(100, 10_000).is_ok());
    }
}

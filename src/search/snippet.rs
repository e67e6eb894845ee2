//! Snippets: the fragment of a hit's text that shows why it matched, with the matched
//! words marked.
//!
//! The query's terms are read off the parsed query per field (stemmed Kazakh, stemmed
//! Russian, unstemmed for phrases and prefixes). A hit's text is then walked once, word
//! by word, each word folded and stemmed as the index did, and the walk stops at the
//! first window of [`FRAGMENT_CHARS`] characters that holds every distinct term: no
//! later fragment can hold more. Otherwise the window with the most distinct terms,
//! the earliest of equals, is shown. This replaced tantivy's snippet generator, which
//! re-tokenised the whole text once per field and lower-cased every token again, and
//! was most of a search's cost.

use std::collections::HashMap;

use tantivy::query::Query;
use tantivy::tokenizer::TokenStream;

use super::analyzer::{self, MAX_TOKEN_BYTES, kazakh::fold, words::is_word_char};
use super::schema::Fields;

/// The length of a fragment, in characters.
pub const FRAGMENT_CHARS: usize = 150;
/// How much context before the first match a fragment shows, in characters.
const LEAD_CHARS: usize = 40;

/// The terms of one request, by the field they match in.
pub struct Snippets {
    /// Stemmed Kazakh terms → their distinct-term number.
    kk: HashMap<String, usize>,
    /// Stemmed Russian terms.
    ru: HashMap<String, usize>,
    /// Unstemmed terms (phrases, prefixes).
    exact: HashMap<String, usize>,
}

/// A word of the text that matched: its byte range and which term it is.
#[derive(Debug, Clone, Copy)]
struct Match {
    from: usize,
    to: usize,
    term: usize,
}

impl Snippets {
    /// The terms of `query` in the text fields.
    pub fn new(query: &dyn Query, f: &Fields) -> Snippets {
        let mut s = Snippets {
            kk: HashMap::new(),
            ru: HashMap::new(),
            exact: HashMap::new(),
        };
        let mut ids: HashMap<String, usize> = HashMap::new();
        query.query_terms(&mut |term, _| {
            let value = term.value();
            let Some(text) = value.as_str() else { return };
            let map = if term.field() == f.text_kk {
                &mut s.kk
            } else if term.field() == f.text_ru {
                &mut s.ru
            } else if term.field() == f.exact {
                &mut s.exact
            } else {
                return;
            };
            // The same word queried in several fields is one term to find.
            let next = ids.len();
            let id = *ids.entry(text.to_string()).or_insert(next);
            map.insert(text.to_string(), id);
        });
        s
    }

    /// The snippet of `text` (Russian when `ru`): the fragment and the byte ranges of
    /// its marked words.
    pub fn cut(&self, text: &str, ru: bool) -> (String, Vec<(usize, usize)>) {
        let scan = if ru {
            self.matches_ru(text)
        } else {
            self.matches_kk(text)
        };
        let Some((_, first, last)) = scan.best else {
            return (text.chars().take(160).collect(), Vec::new());
        };
        let matches = scan.matches;
        let start = lead_start(text, matches[first].from);
        let end = fragment_end(text, start, matches[last].to);
        let highlights = matches
            .iter()
            .filter(|m| m.from >= start && m.to <= end)
            .map(|m| (m.from - start, m.to - start))
            .collect();
        (text[start..end].to_string(), highlights)
    }

    fn distinct(&self, ru: bool) -> usize {
        let own = if ru { &self.ru } else { &self.kk };
        let mut ids: Vec<usize> = own.values().chain(self.exact.values()).copied().collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }

    /// Kazakh text: each word folded (for the unstemmed terms) and stemmed (for the
    /// stemmed ones), as the `nusqa_exact` and `nusqa_kk` analyzers make them.
    fn matches_kk(&self, text: &str) -> Scanner {
        let all = self.distinct(false);
        let mut out = Scanner::default();
        if all == 0 {
            return out;
        }
        let mut stem = String::new();
        for (from, to) in words(text) {
            if to - from > MAX_TOKEN_BYTES {
                continue;
            }
            let folded = fold(&text[from..to]);
            let mut term = self.exact.get(&folded).copied();
            if term.is_none() && !self.kk.is_empty() {
                analyzer::cached_stem(&folded, &mut stem);
                term = self.kk.get(&stem).copied();
            }
            if let Some(term) = term
                && out.push(text, Match { from, to, term }) == all
            {
                break;
            }
        }
        out
    }

    /// Russian text, through the Russian analyzer (Snowball), plus the unstemmed terms.
    fn matches_ru(&self, text: &str) -> Scanner {
        let all = self.distinct(true);
        let mut out = Scanner::default();
        if all == 0 {
            return out;
        }
        let mut ru = analyzer::russian();
        let mut stream = ru.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            let folded = fold(&text[t.offset_from..t.offset_to]);
            let term = self.exact.get(&folded).or_else(|| self.ru.get(&t.text)).copied();
            let m = term.map(|term| Match {
                from: t.offset_from,
                to: t.offset_to,
                term,
            });
            if let Some(m) = m
                && out.push(text, m) == all
            {
                break;
            }
        }
        out
    }
}

/// The byte ranges of the words of `text`, as the word tokenizer makes them.
fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some((from, c)) = chars.next() {
            if is_word_char(c) {
                let mut to = from + c.len_utf8();
                while let Some(&(at, d)) = chars.peek() {
                    if !is_word_char(d) {
                        break;
                    }
                    to = at + d.len_utf8();
                    chars.next();
                }
                return Some((from, to));
            }
        }
        None
    })
}

/// The matches found so far and the best window among them, kept in one pass: the
/// window is the run of matches whose span fits in [`FRAGMENT_CHARS`], with a count per
/// term, so each match is added and dropped once.
#[derive(Default)]
struct Scanner {
    matches: Vec<Match>,
    /// Character offsets of each match's start and end.
    spans: Vec<(usize, usize)>,
    /// The first match of the current window.
    first: usize,
    /// Matches per term in the current window.
    counts: HashMap<usize, usize>,
    /// (distinct terms, first, last) of the best window so far.
    best: Option<(usize, usize, usize)>,
    /// Where the character count stands: (byte, chars).
    at: (usize, usize),
}

impl Scanner {
    /// The character offset of byte `byte`; bytes must not go backwards.
    fn chars_to(&mut self, text: &str, byte: usize) -> usize {
        let (b, c) = self.at;
        let n = text.get(b..byte).map_or(0, |s| s.chars().count());
        self.at = (byte, c + n);
        c + n
    }

    /// Adds a match; returns how many distinct terms the window ending at it holds.
    fn push(&mut self, text: &str, m: Match) -> usize {
        let from = self.chars_to(text, m.from);
        let to = self.chars_to(text, m.to);
        self.matches.push(m);
        self.spans.push((from, to));
        *self.counts.entry(m.term).or_default() += 1;
        let last = self.matches.len() - 1;
        while to - self.spans[self.first].0 > FRAGMENT_CHARS {
            let term = self.matches[self.first].term;
            if let Some(n) = self.counts.get_mut(&term) {
                *n -= 1;
                if *n == 0 {
                    self.counts.remove(&term);
                }
            }
            self.first += 1;
        }
        let distinct = self.counts.len();
        if self.best.is_none_or(|(c, ..)| distinct > c) {
            self.best = Some((distinct, self.first, last));
        }
        distinct
    }
}

/// Where a fragment starts: up to [`LEAD_CHARS`] before the first match, at the start
/// of a word.
fn lead_start(text: &str, first: usize) -> usize {
    let before = &text[..first];
    let back = before
        .char_indices()
        .rev()
        .take(LEAD_CHARS)
        .last()
        .map_or(first, |(i, _)| i);
    if back == 0 {
        return 0;
    }
    // Skip the word cut in half, and the space after it.
    text[back..first]
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .and_then(|(i, _)| {
            text[back + i..first]
                .char_indices()
                .find(|&(_, c)| is_word_char(c))
                .map(|(j, _)| back + i + j)
        })
        .unwrap_or(first)
}

/// Where a fragment starting at `start` ends: [`FRAGMENT_CHARS`] later, not before
/// `last_match`, not in the middle of a word.
fn fragment_end(text: &str, start: usize, last_match: usize) -> usize {
    let limit = text[start..]
        .char_indices()
        .nth(FRAGMENT_CHARS)
        .map_or(text.len(), |(i, _)| start + i);
    if limit <= last_match {
        return last_match;
    }
    if limit == text.len() {
        return limit;
    }
    // Back off to the end of the last whole word.
    text[last_match..limit]
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(limit, |(i, _)| last_match + i)
        .max(last_match)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snippets(kk: &[&str], exact: &[&str]) -> Snippets {
        let mut s = Snippets {
            kk: HashMap::new(),
            ru: HashMap::new(),
            exact: HashMap::new(),
        };
        for (i, t) in kk.iter().enumerate() {
            s.kk.insert(t.to_string(), i);
        }
        for (i, t) in exact.iter().enumerate() {
            s.exact.insert(t.to_string(), kk.len() + i);
        }
        s
    }

    #[test]
    fn marks_stemmed_and_exact_words() {
        let text = "Жарылыс жұмыстарын жүргізуге рұқсат беру қағидалары";
        let stem = |w: &str| {
            let mut s = String::new();
            analyzer::cached_stem(&fold(w), &mut s);
            s
        };
        let s = snippets(&[&stem("жарылыстар")], &["рұқсат"]);
        let (frag, marks) = s.cut(text, false);
        assert_eq!(frag, text);
        let marked: Vec<&str> = marks.iter().map(|&(a, b)| &frag[a..b]).collect();
        assert_eq!(marked, vec!["Жарылыс", "рұқсат"]);
    }

    #[test]
    fn a_late_match_is_shown_with_its_context() {
        let text = format!("{} соңында жарылыс бар.", "бос сөз ".repeat(100));
        let s = snippets(&[], &["жарылыс"]);
        let (frag, marks) = s.cut(&text, false);
        assert_eq!(marks.len(), 1);
        assert_eq!(&frag[marks[0].0..marks[0].1], "жарылыс");
        assert!(frag.chars().count() <= FRAGMENT_CHARS + 1, "{frag}");
        assert!(frag.starts_with("бос") || frag.starts_with("сөз"), "{frag}");
    }

    /// Finding 12 of the hardening review: snippets were most of a search's cost. The
    /// walk stops at the first fragment holding every term, however long the text.
    #[test]
    fn the_walk_stops_once_every_term_is_found() {
        let text = format!("жарылыс рұқсат {}", "жарылыс рұқсат және ".repeat(10_000));
        let s = snippets(&[], &["жарылыс", "рұқсат"]);
        let scan = s.matches_kk(&text);
        assert_eq!(scan.matches.len(), 2, "stopped after the first fragment");
        let one_term_missing = snippets(&[], &["жарылыс", "жоқ"]);
        assert_eq!(
            one_term_missing.matches_kk(&text).matches.len(),
            10_001,
            "every жарылыс"
        );
    }

    #[test]
    fn no_match_gives_the_start() {
        let s = snippets(&[], &["жоқ"]);
        let (frag, marks) = s.cut("бірінші сөйлем", false);
        assert_eq!((frag.as_str(), marks.len()), ("бірінші сөйлем", 0));
    }
}

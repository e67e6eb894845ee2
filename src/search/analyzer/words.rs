//! The word tokenizer: maximal runs of alphanumeric characters, as tantivy's
//! `SimpleTokenizer` makes them, with a fast path for Cyrillic.
//!
//! `char::is_alphanumeric` looks a non-ASCII character up in Unicode tables, which was a
//! third of a search request's time (snippets re-tokenise every hit's text). Every
//! character of the Cyrillic block but the seven non-letters is alphabetic, so the test
//! is a range check there; elsewhere it is the standard one. A test checks that the two
//! agree on every character.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Whether `c` belongs to a word: exactly `char::is_alphanumeric`, faster for Cyrillic.
#[inline]
pub fn is_word_char(c: char) -> bool {
    match c {
        '\0'..='\u{7f}' => c.is_ascii_alphanumeric(),
        // The Cyrillic block: U+0482 (thousands sign) and U+0483..U+0489 (combining
        // marks) are not alphabetic; every other character is a letter.
        '\u{0400}'..='\u{0481}' | '\u{048a}'..='\u{04ff}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// Splits text into words (see the module docs).
#[derive(Clone, Default)]
pub struct WordTokenizer {
    token: Token,
}

/// The token stream of a [`WordTokenizer`].
pub struct WordStream<'a> {
    text: &'a str,
    chars: std::str::CharIndices<'a>,
    token: &'a mut Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        WordStream {
            text,
            chars: text.char_indices(),
            token: &mut self.token,
        }
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        self.token.text.clear();
        self.token.position = self.token.position.wrapping_add(1);
        while let Some((from, c)) = self.chars.next() {
            if is_word_char(c) {
                let to = self
                    .chars
                    .find(|&(_, c)| !is_word_char(c))
                    .map_or(self.text.len(), |(at, _)| at);
                self.token.offset_from = from;
                self.token.offset_to = to;
                self.token.text.push_str(&self.text[from..to]);
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::SimpleTokenizer;

    #[test]
    fn agrees_with_is_alphanumeric_on_every_char() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?} U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn tokens_match_the_simple_tokenizer() {
        let text = "1. Өнеркәсіптік қауіпсіздік — «Қағидалар» 2025-12-06; KOMИТЕТ ҂ те\u{0483}ст";
        type Next<'a> = Box<dyn FnMut() -> Option<(String, usize, usize, usize)> + 'a>;
        let collect = |t: Next<'_>| std::iter::from_fn(t).collect::<Vec<_>>();
        let mut ours = WordTokenizer::default();
        let mut s = ours.token_stream(text);
        let a = collect(Box::new(move || {
            s.advance().then(|| {
                (
                    s.token().text.clone(),
                    s.token().offset_from,
                    s.token().offset_to,
                    s.token().position,
                )
            })
        }));
        let mut theirs = SimpleTokenizer::default();
        let mut s = theirs.token_stream(text);
        let b = collect(Box::new(move || {
            s.advance().then(|| {
                (
                    s.token().text.clone(),
                    s.token().offset_from,
                    s.token().offset_to,
                    s.token().position,
                )
            })
        }));
        assert_eq!(a, b);
        assert!(a.len() > 8);
    }
}

//! Text analysis: tokenising, folding and stemming, registered with tantivy.
//!
//! * `nusqa_kk`: words, long-word guard, folding ([`kazakh::fold`]: case, ё/е, Latin
//!   look-alikes typed for Cyrillic letters), then our Kazakh stemmer ([`kazakh::stem`]).
//! * `nusqa_ru`: the same, with the Snowball Russian stemmer.
//! * `nusqa_exact`: the same without stemming, for phrases and prefixes.
//!
//! tantivy's `RemoveLongFilter` counts bytes, and a Cyrillic letter is two: the limit is
//! set so that no real Cyrillic word is dropped.

pub mod kazakh;
pub mod words;

use tantivy::Index;

use tantivy::tokenizer::{
    Language, RemoveLongFilter, Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};
use words::WordTokenizer;

/// The Kazakh analyzer's name.
pub const KK: &str = "nusqa_kk";
/// The Russian analyzer's name.
pub const RU: &str = "nusqa_ru";
/// The exact (unstemmed) analyzer's name.
pub const EXACT: &str = "nusqa_exact";

/// Tokens longer than this many bytes are dropped (about 80 Cyrillic letters; the
/// longest Kazakh legal words are under 40).
pub const MAX_TOKEN_BYTES: usize = 160;

/// The Kazakh analyzer.
pub fn kazakh() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(Fold)
        .filter(KazakhStem)
        .build()
}

/// The Russian analyzer.
pub fn russian() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(Fold)
        .filter(Stemmer::new(Language::Russian))
        .build()
}

/// The exact analyzer.
pub fn exact() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(Fold)
        .build()
}

/// Registers the three analyzers with an index.
pub fn register(index: &Index) {
    let m = index.tokenizers();
    m.register(KK, kazakh());
    m.register(RU, russian());
    m.register(EXACT, exact());
}

/// The terms `analyzer` makes of `text` (for tests and diagnostics).
pub fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// A token filter that rewrites each token's text with a function.
macro_rules! map_filter {
    ($filter:ident, $wrapper:ident, $stream:ident, $f:expr, $doc:literal) => {
        #[doc = $doc]
        #[derive(Clone, Copy, Debug)]
        pub struct $filter;

        impl TokenFilter for $filter {
            type Tokenizer<T: Tokenizer> = $wrapper<T>;
            fn transform<T: Tokenizer>(self, tokenizer: T) -> $wrapper<T> {
                $wrapper(tokenizer)
            }
        }

        #[doc = $doc]
        #[derive(Clone, Debug)]
        pub struct $wrapper<T>(T);

        impl<T: Tokenizer> Tokenizer for $wrapper<T> {
            type TokenStream<'a> = $stream<T::TokenStream<'a>>;
            fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
                $stream(self.0.token_stream(text))
            }
        }

        #[doc = $doc]
        pub struct $stream<S>(S);

        impl<S: TokenStream> TokenStream for $stream<S> {
            fn advance(&mut self) -> bool {
                if !self.0.advance() {
                    return false;
                }
                let token = self.0.token_mut();
                let new: String = $f(token.text.as_str());
                token.text = new;
                true
            }
            fn token(&self) -> &Token {
                self.0.token()
            }
            fn token_mut(&mut self) -> &mut Token {
                self.0.token_mut()
            }
        }
    };
}

map_filter!(
    Fold,
    FoldTokenizer,
    FoldStream,
    kazakh::fold,
    "Folds case, ё/е and Latin look-alikes."
);
/// Stems Kazakh words, remembering the stems of words it has seen (legal text repeats
/// its vocabulary, and stemming is the analyzer's costliest step).
///
/// The memory is one process-wide table shared by every clone of the analyzer: tantivy
/// clones an analyzer for each field of a query and for each snippet, so a cache kept
/// per clone would start empty every time.
#[derive(Clone, Copy, Debug)]
pub struct KazakhStem;

/// The most words the stem cache holds (then it stops growing).
const STEM_CACHE_LIMIT: usize = 200_000;

/// Word → stem, for every word stemmed so far in this process.
static STEMS: std::sync::LazyLock<std::sync::RwLock<std::collections::HashMap<String, String>>> =
    std::sync::LazyLock::new(Default::default);

/// How many words the process-wide stem cache holds.
pub fn stem_cache_len() -> usize {
    STEMS.read().unwrap_or_else(|e| e.into_inner()).len()
}

/// The stem of `word`, from the cache when it is there.
pub fn cached_stem(word: &str, out: &mut String) {
    // A poisoned lock only means another thread panicked mid-insert; the map is still
    // a valid map, so it is used as it is.
    if let Some(stem) = STEMS.read().unwrap_or_else(|e| e.into_inner()).get(word) {
        out.clone_from(stem);
        return;
    }
    let stem = kazakh::stem(word).to_string();
    let mut map = STEMS.write().unwrap_or_else(|e| e.into_inner());
    if map.len() < STEM_CACHE_LIMIT {
        map.insert(word.to_string(), stem.clone());
    }
    *out = stem;
}

impl TokenFilter for KazakhStem {
    type Tokenizer<T: Tokenizer> = KazakhStemTokenizer<T>;
    fn transform<T: Tokenizer>(self, tokenizer: T) -> KazakhStemTokenizer<T> {
        KazakhStemTokenizer { inner: tokenizer }
    }
}

/// Stems Kazakh words (see [`KazakhStem`]).
#[derive(Clone, Debug)]
pub struct KazakhStemTokenizer<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for KazakhStemTokenizer<T> {
    type TokenStream<'a> = KazakhStemStream<T::TokenStream<'a>>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        KazakhStemStream {
            inner: self.inner.token_stream(text),
            stem: String::new(),
        }
    }
}

/// Stems Kazakh words (see [`KazakhStem`]).
pub struct KazakhStemStream<S> {
    inner: S,
    stem: String,
}

impl<S: TokenStream> TokenStream for KazakhStemStream<S> {
    fn advance(&mut self) -> bool {
        if !self.inner.advance() {
            return false;
        }
        let token = self.inner.token_mut();
        cached_stem(&token.text, &mut self.stem);
        std::mem::swap(&mut token.text, &mut self.stem);
        true
    }
    fn token(&self) -> &Token {
        self.inner.token()
    }
    fn token_mut(&mut self) -> &mut Token {
        self.inner.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_cyrillic_words_are_kept() {
        let word = "қауіпсіздіктерініңізден"; // 23 letters, 46 bytes
        assert_eq!(terms(&mut exact(), word), vec![word.to_string()]);
    }

    #[test]
    fn latin_look_alikes_and_yo_fold() {
        assert_eq!(terms(&mut exact(), "KOMИТЕТ"), terms(&mut exact(), "комитет"));
        assert_eq!(terms(&mut exact(), "ёлка"), vec!["елка".to_string()]);
    }

    #[test]
    fn russian_is_stemmed_with_snowball() {
        let mut ru = russian();
        assert_eq!(terms(&mut ru, "приказа"), terms(&mut ru, "приказом"));
        assert_eq!(terms(&mut ru, "приказа"), vec!["приказ".to_string()]);
    }
}

//! Point-in-time full-text search (tantivy).
//!
//! One document per clause version, carrying its validity interval as day numbers in
//! i64 fast fields, so "in force on D" is two range filters and "ever said" is none.
//! Texts the registry does not hold, and repealed versions, are not indexed: a search
//! never finds a placeholder.
//!
//! * [`analyzer`]: Kazakh (our own stemmer), Russian (Snowball) and exact analyzers.
//! * [`schema`]: the fields.
//! * [`index`]: full build, incremental update, the corpus generation the index is of.
//! * [`limits`]: what a request may ask for, checked before any work.
//! * [`query`]: the query language and results.
//! * [`snippet`]: the fragment of a hit that shows why it matched.

pub mod analyzer;
pub mod index;
pub mod limits;
pub mod query;
pub mod schema;
pub mod snippet;

pub use index::{BuildStats, SearchIndex, corpus_generation};
pub use query::{Hit, HitGroup, SearchRequest, SearchResults, When, search};

/// Why a search or an index operation failed.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The index could not be read or written.
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// The query is malformed.
    #[error("malformed query: {0}")]
    Query(String),
    /// The request breaks a limit ([`limits`]); nothing was searched.
    #[error("{0}")]
    Limit(#[from] limits::LimitError),
    /// A file around the index could not be read or written.
    #[error("search index: {0}")]
    Io(#[from] std::io::Error),
    /// The corpus could not be read to compute its generation.
    #[error("{0}")]
    Corpus(Box<crate::corpus::CorpusError>),
    /// The index directory holds no index, or one of another schema.
    #[error("no usable index in {0}; run `nusqa index`")]
    Missing(String),
}

//! The index schema: one document per clause version.

use chrono::{Datelike, NaiveDate};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use super::SearchError;
use super::analyzer;

/// The day number stored for an open-ended interval: a real maximum, not a date.
pub const OPEN_END: i64 = i64::MAX;

/// Bumped whenever the schema or the analyzers change; an index of another version is
/// rebuilt.
pub const SCHEMA_VERSION: u32 = 1;

/// A date as a day number (days since 0001-01-01).
pub fn day_number(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce())
}

/// The date of a day number, `None` for [`OPEN_END`] or out of range.
pub fn date_of(day: i64) -> Option<NaiveDate> {
    if day == OPEN_END {
        return None;
    }
    i32::try_from(day).ok().and_then(NaiveDate::from_num_days_from_ce_opt)
}

/// The fields of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// `act|eid`: the node a version belongs to (for incremental deletes).
    pub node_key: Field,
    /// The act's registry id.
    pub act: Field,
    /// The act's title.
    pub act_title: Field,
    /// order, law…
    pub kind: Field,
    /// The issuer's office.
    pub issuer: Field,
    /// `kk` or `ru`.
    pub lang: Field,
    /// The node's eId.
    pub eid: Field,
    /// Its number.
    pub num: Field,
    /// Its heading.
    pub heading: Field,
    /// The text as stored (not indexed).
    pub text: Field,
    /// The text through the Kazakh analyzer.
    pub text_kk: Field,
    /// The text through the Russian analyzer.
    pub text_ru: Field,
    /// The text unstemmed, for phrases and prefixes.
    pub exact: Field,
    /// First day of validity.
    pub valid_from: Field,
    /// First day no longer valid, or [`OPEN_END`].
    pub valid_to: Field,
    /// `in_force` (versions with text only are indexed).
    pub status: Field,
    /// The act that made this version.
    pub source_act: Field,
    /// Its item.
    pub source_item: Field,
}

fn analyzed(tokenizer: &str) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

/// Builds the schema.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        node_key: b.add_text_field("node_key", STRING),
        act: b.add_text_field("act", STRING | STORED),
        act_title: b.add_text_field("act_title", STORED),
        kind: b.add_text_field("kind", STRING | STORED),
        issuer: b.add_text_field("issuer", STRING | STORED),
        lang: b.add_text_field("lang", STRING | STORED),
        eid: b.add_text_field("eid", STRING | STORED),
        num: b.add_text_field("num", STORED),
        heading: b.add_text_field("heading", analyzed(analyzer::KK).set_stored()),
        text: b.add_text_field("text", STORED),
        text_kk: b.add_text_field("text_kk", analyzed(analyzer::KK)),
        text_ru: b.add_text_field("text_ru", analyzed(analyzer::RU)),
        exact: b.add_text_field("exact", analyzed(analyzer::EXACT)),
        valid_from: b.add_i64_field("valid_from", INDEXED | FAST | STORED),
        valid_to: b.add_i64_field("valid_to", INDEXED | FAST | STORED),
        status: b.add_text_field("status", STRING | STORED),
        source_act: b.add_text_field("source_act", STRING | STORED),
        source_item: b.add_text_field("source_item", STORED),
    };
    (b.build(), fields)
}

/// The fields of an existing index's schema.
pub fn fields(schema: &Schema) -> Result<Fields, SearchError> {
    let f = |name: &str| {
        schema
            .get_field(name)
            .map_err(|_| SearchError::Missing(format!("field {name}")))
    };
    Ok(Fields {
        node_key: f("node_key")?,
        act: f("act")?,
        act_title: f("act_title")?,
        kind: f("kind")?,
        issuer: f("issuer")?,
        lang: f("lang")?,
        eid: f("eid")?,
        num: f("num")?,
        heading: f("heading")?,
        text: f("text")?,
        text_kk: f("text_kk")?,
        text_ru: f("text_ru")?,
        exact: f("exact")?,
        valid_from: f("valid_from")?,
        valid_to: f("valid_to")?,
        status: f("status")?,
        source_act: f("source_act")?,
        source_item: f("source_item")?,
    })
}

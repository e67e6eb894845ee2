//! The query language and its results.
//!
//! Words are matched stemmed (Kazakh and Russian); `"quoted phrases"` and `prefix*`
//! are matched on the unstemmed field; `AND`, `OR`, `NOT` (or `+`, `-`) and parentheses
//! combine them; words are ANDed by default. A date filter keeps the versions in force on
//! that date; `AnyTime` keeps every version and groups hits by clause.

use std::collections::BTreeMap;
use std::ops::Bound;

use chrono::NaiveDate;
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Term, Value};
use tantivy::{DocAddress, TantivyDocument, TantivyError};

use super::SearchError;
use super::index::SearchIndex;
use super::schema::{date_of, day_number};
use super::snippet::Snippets;
use crate::model::{Lang, RegistryId};

/// Which versions to search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Versions in force on this date.
    AsOf(NaiveDate),
    /// Every version ever.
    AnyTime,
}

/// A search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    /// The query text.
    pub query: String,
    /// Which versions.
    pub when: When,
    /// Only this act.
    pub act: Option<RegistryId>,
    /// Only texts in this language.
    pub lang: Option<Lang>,
    /// At most this many hits.
    pub limit: usize,
    /// Skip this many hits.
    pub offset: usize,
}

/// One matching clause version.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Hit {
    /// The act.
    pub act: String,
    /// Its title.
    pub act_title: String,
    /// The clause.
    pub eid: String,
    /// Its number.
    pub num: Option<String>,
    /// Its heading.
    pub heading: Option<String>,
    /// The version's first day.
    pub valid_from: Option<NaiveDate>,
    /// The first day it no longer holds (`None`: still in force).
    pub valid_to: Option<NaiveDate>,
    /// The act that made this version.
    pub source_act: String,
    /// The relevance score.
    pub score: f32,
    /// A fragment of the text.
    pub snippet: String,
    /// Byte ranges of `snippet` that matched.
    pub highlights: Vec<(usize, usize)>,
}

impl Hit {
    /// The snippet with matches marked `[[…]]`.
    pub fn marked_snippet(&self) -> String {
        let mut out = String::new();
        let mut at = 0;
        for &(s, e) in &self.highlights {
            out.push_str(&self.snippet[at..s]);
            out.push_str("[[");
            out.push_str(&self.snippet[s..e]);
            out.push_str("]]");
            at = e;
        }
        out.push_str(&self.snippet[at..]);
        out
    }
}

/// The hits of one clause across its versions (`AnyTime`).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct HitGroup {
    /// The act.
    pub act: String,
    /// The clause.
    pub eid: String,
    /// The best score among its versions.
    pub score: f32,
    /// Its matching versions, oldest first.
    pub versions: Vec<Hit>,
}

/// The result of a search.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct SearchResults {
    /// Matching versions in all.
    pub total: usize,
    /// This page of hits, best first.
    pub hits: Vec<Hit>,
    /// For `AnyTime`: the hits grouped by clause, best first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<HitGroup>>,
}

/// The most terms a `prefix*` expands to.
pub const MAX_PREFIX_TERMS: usize = 64;

/// Rewrites the user's query into tantivy's language: quoted phrases go to the
/// unstemmed `exact` field, and `word*` becomes the OR of the `exact` terms starting with
/// the folded prefix, as `expand` lists them (tantivy's own phrase prefix needs two
/// words).
pub fn rewrite(query: &str, expand: &dyn Fn(&str) -> Vec<String>) -> String {
    let mut out = String::new();
    let mut chars = query.chars().peekable();
    let mut word = String::new();
    // `NOT x` is written `-x` (tantivy reads `a AND NOT b` as a search for the word "NOT").
    let mut negate = false;
    let sign = |negate: &mut bool| if std::mem::take(negate) { "-" } else { "" };
    let flush = |word: &mut String, out: &mut String, negate: &mut bool| {
        if word == "NOT" {
            *negate = true;
        } else if let Some(stem) = word.strip_suffix('*').filter(|s| !s.is_empty() && !s.contains('*')) {
            let (op, stem) = match stem.strip_prefix(['+', '-']) {
                Some(rest) => (&stem[..1], rest),
                None => (sign(negate), stem),
            };
            let terms = expand(&super::analyzer::kazakh::fold(stem));
            if terms.is_empty() {
                out.push_str(&format!("{op}exact:\"{stem}\""));
            } else {
                let alts: Vec<String> = terms.iter().map(|t| format!("exact:\"{t}\"")).collect();
                out.push_str(&format!("{op}({})", alts.join(" OR ")));
            }
        } else if !word.is_empty() {
            out.push_str(sign(negate));
            out.push_str(word);
        }
        word.clear();
    };
    while let Some(c) = chars.next() {
        match c {
            '"' | '«' | '“' => {
                flush(&mut word, &mut out, &mut negate);
                let mut phrase = String::new();
                for d in chars.by_ref() {
                    if matches!(d, '"' | '»' | '”') {
                        break;
                    }
                    phrase.push(d);
                }
                out.push_str(sign(&mut negate));
                out.push_str(&format!("exact:\"{}\"", phrase.replace('\\', "")));
            }
            '(' => {
                flush(&mut word, &mut out, &mut negate);
                out.push_str(sign(&mut negate));
                out.push('(');
            }
            c if c.is_whitespace() || c == ')' => {
                flush(&mut word, &mut out, &mut negate);
                out.push(c);
            }
            c => word.push(c),
        }
    }
    flush(&mut word, &mut out, &mut negate);
    if negate {
        // A dangling NOT stays a word, so the parser reports it.
        out.push_str("NOT");
    }
    out
}

/// The terms of `field` that start with `prefix`, at most [`MAX_PREFIX_TERMS`].
fn expand_prefix(searcher: &tantivy::Searcher, field: tantivy::schema::Field, prefix: &str) -> Vec<String> {
    let mut out = std::collections::BTreeSet::new();
    for seg in searcher.segment_readers() {
        let Ok(inv) = seg.inverted_index(field) else { continue };
        let Ok(mut stream) = inv.terms().range().ge(prefix.as_bytes()).into_stream() else {
            continue;
        };
        while stream.advance() && out.len() < MAX_PREFIX_TERMS {
            let key = stream.key();
            if !key.starts_with(prefix.as_bytes()) {
                break;
            }
            if let Ok(t) = std::str::from_utf8(key) {
                out.insert(t.to_string());
            }
        }
    }
    out.into_iter().collect()
}

/// Runs a search.
pub fn search(idx: &SearchIndex, req: &SearchRequest) -> Result<SearchResults, SearchError> {
    super::limits::check(req)?;
    let f = &idx.fields;
    let mut parser = QueryParser::for_index(&idx.index, vec![f.text_kk, f.text_ru, f.heading]);
    parser.set_conjunction_by_default();
    let searcher = idx.reader.searcher();
    let rewritten = rewrite(req.query.trim(), &|p| expand_prefix(&searcher, f.exact, p));
    if rewritten.trim().is_empty() {
        return Err(SearchError::Query("the query is empty".into()));
    }
    let text_query = parser
        .parse_query(&rewritten)
        .map_err(|e| SearchError::Query(format!("{e} (in `{}`)", req.query)))?;
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query.box_clone())];
    if let When::AsOf(date) = req.when {
        let d = day_number(date);
        clauses.push((
            Occur::Must,
            Box::new(RangeQuery::new(
                Bound::Unbounded,
                Bound::Included(Term::from_field_i64(f.valid_from, d)),
            )),
        ));
        clauses.push((
            Occur::Must,
            Box::new(RangeQuery::new(
                Bound::Excluded(Term::from_field_i64(f.valid_to, d)),
                Bound::Unbounded,
            )),
        ));
    }
    if let Some(act) = &req.act {
        clauses.push((
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_text(f.act, act.as_str()),
                IndexRecordOption::Basic,
            )),
        ));
    }
    if let Some(lang) = req.lang {
        let code = match lang {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        };
        clauses.push((
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_text(f.lang, code),
                IndexRecordOption::Basic,
            )),
        ));
    }
    let query = BooleanQuery::new(clauses);
    let limit = req.limit.max(1);
    // Bounded by the limits (at most (100 + 10,000) × 8), but checked all the same.
    let collect_n = if req.when == When::AnyTime {
        limit
            .checked_add(req.offset)
            .and_then(|n| n.checked_mul(8))
            .ok_or(super::limits::LimitError::Offset { found: req.offset })?
    } else {
        limit
    };
    let offset = if req.when == When::AnyTime { 0 } else { req.offset };
    let (top, total) = searcher
        .search(
            &query,
            &(
                TopDocs::with_limit(collect_n).and_offset(offset).order_by_score(),
                Count,
            ),
        )
        .map_err(|e| match e {
            // The parser accepts `field:*` (and `field: *`) as "the field has a value" and
            // only the search finds that the field does not exist or is not a fast field:
            // the user's query is at fault, not the index.
            TantivyError::FieldNotFound(_) | TantivyError::SchemaError(_) => {
                SearchError::Query(format!("{e} (in `{}`)", req.query))
            }
            other => SearchError::Index(other),
        })?;
    let snippets = Snippets::new(&*text_query, f);
    let mut found = Vec::with_capacity(top.len());
    for (score, addr) in top {
        found.push(hit(idx, &searcher, addr, score)?);
    }
    if req.when == When::AnyTime {
        let mut groups: BTreeMap<(String, String), Vec<Found>> = BTreeMap::new();
        for h in found {
            groups
                .entry((h.hit.act.clone(), h.hit.eid.clone()))
                .or_default()
                .push(h);
        }
        let mut groups: Vec<(f32, Vec<Found>)> = groups
            .into_values()
            .map(|vs| (vs.iter().map(|v| v.hit.score).fold(f32::MIN, f32::max), vs))
            .collect();
        groups.sort_by(|(a, av), (b, bv)| {
            b.total_cmp(a)
                .then_with(|| (&av[0].hit.act, &av[0].hit.eid).cmp(&(&bv[0].hit.act, &bv[0].hit.eid)))
        });
        // Snippets are made only for the page shown: they are the costly part.
        let groups: Vec<HitGroup> = groups
            .into_iter()
            .skip(req.offset)
            .take(limit)
            .map(|(score, versions)| {
                let mut versions: Vec<Hit> = versions.into_iter().map(|v| fill(&snippets, v)).collect();
                versions.sort_by_key(|v| v.valid_from);
                HitGroup {
                    act: versions[0].act.clone(),
                    eid: versions[0].eid.clone(),
                    score,
                    versions,
                }
            })
            .collect();
        let hits = groups.iter().flat_map(|g| g.versions.iter().cloned()).collect();
        return Ok(SearchResults {
            total,
            hits,
            groups: Some(groups),
        });
    }
    Ok(SearchResults {
        total,
        hits: found.into_iter().map(|h| fill(&snippets, h)).collect(),
        groups: None,
    })
}

/// A hit before its snippet is made: the stored text and its language.
struct Found {
    hit: Hit,
    text: String,
    ru: bool,
}

/// The hit with its snippet.
fn fill(snippets: &Snippets, found: Found) -> Hit {
    let Found { mut hit, text, ru } = found;
    (hit.snippet, hit.highlights) = snippets.cut(&text, ru);
    hit
}

fn hit(idx: &SearchIndex, searcher: &tantivy::Searcher, addr: DocAddress, score: f32) -> Result<Found, SearchError> {
    let f = &idx.fields;
    let doc: TantivyDocument = searcher.doc(addr)?;
    let text_of = |field| doc.get_first(field).and_then(|v| v.as_str()).map(str::to_string);
    let int_of = |field| doc.get_first(field).and_then(|v| v.as_i64());
    let text = text_of(f.text).or_else(|| text_of(f.heading)).unwrap_or_default();
    let hit = Hit {
        act: text_of(f.act).unwrap_or_default(),
        act_title: text_of(f.act_title).unwrap_or_default(),
        eid: text_of(f.eid).unwrap_or_default(),
        num: text_of(f.num),
        heading: text_of(f.heading),
        valid_from: int_of(f.valid_from).and_then(date_of),
        valid_to: int_of(f.valid_to).and_then(date_of),
        source_act: text_of(f.source_act).unwrap_or_default(),
        score,
        snippet: String::new(),
        highlights: Vec::new(),
    };
    Ok(Found {
        hit,
        text,
        ru: text_of(f.lang).as_deref() == Some("ru"),
    })
}

#[cfg(test)]
mod tests {
    use super::rewrite;

    #[test]
    fn phrases_and_prefixes_go_to_the_exact_field() {
        let none = |_: &str| Vec::new();
        let two = |p: &str| vec![format!("{p}лар"), format!("{p}ның")];
        assert_eq!(
            rewrite("жарылыс \"жұмыстарын жүргізу\"", &none),
            "жарылыс exact:\"жұмыстарын жүргізу\""
        );
        assert_eq!(
            rewrite("Қағида* OR -рұқсат*", &two),
            "(exact:\"қағидалар\" OR exact:\"қағиданың\") OR -(exact:\"рұқсатлар\" OR exact:\"рұқсатның\")"
        );
        assert_eq!(rewrite("жоқ*", &none), "exact:\"жоқ\"");
        assert_eq!(rewrite("жарылыс AND NOT портал", &none), "жарылыс AND  -портал");
        assert_eq!(
            rewrite("а NOT \"б в\" NOT (г OR д)", &none),
            "а  -exact:\"б в\"  -(г OR д)"
        );
        assert_eq!(
            rewrite("«рұқсат беру» AND (портал OR egov)", &none),
            "exact:\"рұқсат беру\" AND (портал OR egov)"
        );
    }
}

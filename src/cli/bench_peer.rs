//! The peer of `nusqa bench search --peer sqlite`: SQLite FTS5 (rusqlite, bundled) over
//! the same clause versions with the same date filter, as a developer would build it
//! instead of tantivy. One row per version with a text: the text (indexed by FTS5's
//! `unicode61` tokenizer, which folds case but does not stem), the act, the eId and
//! the validity as day numbers (unindexed, filtered after the match). A query answers
//! what `search` answers: the total, the ten best by `rank` and a snippet each. Terms
//! are prefix queries (`жарылыс*`) in place of the Kazakh stemmer; a phrase is an FTS5
//! phrase whose last word is a prefix.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::CliError;
use crate::library::Library;
use crate::search::schema::{OPEN_END, day_number};

/// What the peer measured.
pub struct PeerRun {
    /// Versions indexed.
    pub rows: usize,
    /// Building, in seconds (one thread).
    pub build_seconds: f64,
    /// The database file's size.
    pub bytes: u64,
    /// Per query class (in the order given): the sorted query times and the mean total.
    pub classes: Vec<(Vec<Duration>, f64)>,
}

/// One query: its words, whether a phrase, its day.
pub type Query = (Vec<String>, bool, NaiveDate);

fn sql(e: rusqlite::Error) -> CliError {
    CliError::BadArgument(format!("sqlite: {e}"))
}

fn fts_query(terms: &[String], phrase: bool) -> String {
    let clean = |t: &str| t.replace('"', "");
    if phrase {
        format!("\"{}\"*", terms.iter().map(|t| clean(t)).collect::<Vec<_>>().join(" "))
    } else {
        terms
            .iter()
            .map(|t| format!("\"{}\"*", clean(t)))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Builds the FTS5 table of `lib`'s versions at `file` and runs `classes` of queries.
pub fn run(lib: &Library, file: &Path, classes: &[Vec<Query>]) -> Result<PeerRun, CliError> {
    let _ = std::fs::remove_file(file);
    let mut db = Connection::open(file).map_err(sql)?;
    db.execute_batch(
        "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
         CREATE VIRTUAL TABLE v USING fts5(text, act UNINDEXED, eid UNINDEXED, valid_from UNINDEXED, valid_to UNINDEXED);",
    )
    .map_err(sql)?;
    let t = Instant::now();
    let mut rows = 0usize;
    {
        let tx = db.transaction().map_err(sql)?;
        {
            let mut ins = tx
                .prepare("INSERT INTO v(text, act, eid, valid_from, valid_to) VALUES (?1, ?2, ?3, ?4, ?5)")
                .map_err(sql)?;
            for act in lib.acts() {
                let Some(tl) = lib.timeline(&act.id) else { continue };
                for (eid, node) in &tl.nodes {
                    for v in &node.versions {
                        let Some(text) = v.state.content.text() else { continue };
                        ins.execute(params![
                            text,
                            act.id.as_str(),
                            eid.as_str(),
                            day_number(v.validity.from),
                            v.validity.to.map_or(OPEN_END, day_number)
                        ])
                        .map_err(sql)?;
                        rows += 1;
                    }
                }
            }
        }
        tx.commit().map_err(sql)?;
    }
    db.execute_batch("INSERT INTO v(v) VALUES('optimize');").map_err(sql)?;
    let build_seconds = t.elapsed().as_secs_f64();
    let bytes = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    let mut count = db
        .prepare("SELECT count(*) FROM v WHERE v MATCH ?1 AND valid_from <= ?2 AND valid_to > ?2")
        .map_err(sql)?;
    let mut top = db
        .prepare(
            "SELECT act, eid, snippet(v, 0, '<', '>', '…', 12) FROM v
             WHERE v MATCH ?1 AND valid_from <= ?2 AND valid_to > ?2 ORDER BY rank LIMIT 10",
        )
        .map_err(sql)?;
    let mut out = Vec::with_capacity(classes.len());
    for class in classes {
        let mut times = Vec::with_capacity(class.len());
        let mut totals = 0u64;
        for (terms, phrase, day) in class {
            let q = fts_query(terms, *phrase);
            let d = day_number(*day);
            let t = Instant::now();
            let total: i64 = count.query_row(params![q, d], |r| r.get(0)).map_err(sql)?;
            let hits: Vec<(String, String, String)> = top
                .query_map(params![q, d], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .map_err(sql)?
                .collect::<Result<_, _>>()
                .map_err(sql)?;
            times.push(t.elapsed());
            std::hint::black_box(hits);
            totals += u64::try_from(total).unwrap_or(0);
        }
        times.sort();
        out.push((times, totals as f64 / class.len().max(1) as f64));
    }
    drop(count);
    drop(top);
    drop(db);
    let _ = std::fs::remove_file(file);
    Ok(PeerRun {
        rows,
        build_seconds,
        bytes,
        classes: out,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_prefix_terms_or_a_prefix_phrase() {
        let t = vec!["жарылыс".to_string(), "жұмыс\"".to_string()];
        assert_eq!(fts_query(&t, false), "\"жарылыс\"* \"жұмыс\"*");
        assert_eq!(fts_query(&t, true), "\"жарылыс жұмыс\"*");
    }
}

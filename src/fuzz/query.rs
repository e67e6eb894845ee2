//! The search query language: random queries, pages, dates and filters against a real
//! index of the corpus.
//!
//! Checked: no panic; the answer is `Ok` or a clean refusal (`SearchError::Query`, or
//! `SearchError::Limit` exactly when [`limits::check`] refuses the request), never an
//! index or I/O error; a page holds at most `limit` hits (groups for `AnyTime`); every
//! hit of a dated search is in force on the date and belongs to the act filtered on;
//! highlights are ordered ranges on character boundaries of the snippet.

use std::sync::Arc;

use super::inputs::{chance, date, hostile, pick, words_of};
use super::{Counts, FuzzError, Harness, Samples, bump, shrink_text};
use crate::model::{Lang, RegistryId};
use crate::search::{SearchError, SearchRequest, When, limits, query::rewrite};
use crate::synth::Rng;
use crate::web::AppState;

/// Tantivy's and our own query syntax, and things that look like it.
const SYNTAX: &[&str] = &[
    "AND",
    "OR",
    "NOT",
    "and",
    "or",
    "not",
    "&&",
    "||",
    "!",
    "+",
    "-",
    "(",
    ")",
    "((",
    "))",
    "\"",
    "«",
    "»",
    "“",
    "”",
    "*",
    "**",
    "*:*",
    ":",
    "exact:",
    "text_kk:",
    "text_ru:",
    "heading:",
    "act:",
    "eid:",
    "valid_from:",
    "^",
    "^2",
    "~",
    "~1",
    "[",
    "]",
    "{",
    "}",
    "[a TO b]",
    "{0 TO 9}",
    "IN [a b]",
    "\\",
    "'",
    "$",
    "@",
    "#",
    "/",
    "<",
    ">",
    "=",
    ">=2",
    "*a",
    "a*b*",
    "+a*",
    "-a*",
    "NOT NOT",
    "AND AND",
    "OR)",
    "(NOT",
    "\u{0}",
];

/// A few Russian words (the corpus is mostly Kazakh).
const RU: &[&str] = &["правила", "разрешение", "взрывных", "работ", "услуги", "ёлка", "ЕЛКА"];

/// The query harness.
pub struct QueryHarness {
    state: Arc<AppState>,
    words: Vec<String>,
    acts: Vec<RegistryId>,
}

impl QueryHarness {
    /// A harness over the index held by `state`; its words come from the corpus texts.
    pub fn new(state: &Arc<AppState>) -> Result<QueryHarness, FuzzError> {
        let snap = state.snapshot();
        if snap.index.is_none() {
            return Err(FuzzError::NoIndex);
        }
        let lib = &snap.library;
        let acts: Vec<RegistryId> = lib.acts().map(|a| a.id).collect();
        let bases: Vec<_> = acts.iter().filter_map(|id| lib.base(id)).collect();
        let mut texts = Vec::new();
        for b in &bases {
            for n in b {
                n.walk(&mut |n| texts.extend(n.content.text()));
            }
        }
        Ok(QueryHarness {
            state: state.clone(),
            words: words_of(texts, 4000),
            acts,
        })
    }

    fn token(&self, rng: &mut Rng) -> String {
        match rng.below(20) {
            0..=7 => pick(rng, &self.words).clone(),
            8..=11 => pick(rng, SYNTAX).to_string(),
            12 => pick(rng, RU).to_string(),
            13 => {
                let w = pick(rng, &self.words);
                let keep = 1 + rng.below(w.chars().count().max(1));
                format!("{}*", w.chars().take(keep).collect::<String>())
            }
            14 => format!("\"{} {}\"", pick(rng, &self.words), pick(rng, &self.words)),
            15 => "(".repeat(1 + rng.below(12)),
            16 => ")".repeat(1 + rng.below(12)),
            17 => super::inputs::number(rng),
            18 => super::inputs::any_text(rng, 12),
            _ => hostile(rng),
        }
    }

    /// A well-formed query: words, phrases and prefixes combined with operators and
    /// parentheses, nested up to `depth`.
    fn expr(&self, rng: &mut Rng, depth: usize) -> String {
        let word = |rng: &mut Rng| pick(rng, &self.words).clone();
        match rng.below(if depth == 0 { 4 } else { 8 }) {
            0 | 1 => word(rng),
            2 => format!("\"{} {}\"", word(rng), word(rng)),
            3 => {
                let w = word(rng);
                let keep = 1 + rng.below(w.chars().count().max(1));
                format!("{}*", w.chars().take(keep).collect::<String>())
            }
            4 => format!("({})", self.expr(rng, depth - 1)),
            5 => format!("NOT {}", self.expr(rng, depth - 1)),
            6 => format!("-{}", word(rng)),
            _ => {
                let op = *pick(rng, &[" AND ", " OR ", " ", " +", " -"]);
                format!("{}{op}{}", self.expr(rng, depth - 1), self.expr(rng, depth - 1))
            }
        }
    }

    fn query(&self, rng: &mut Rng) -> String {
        if chance(rng, 45) {
            let depth = rng.below(5);
            return self.expr(rng, depth);
        }
        let n = rng.below(10);
        let mut q = String::new();
        for i in 0..n {
            if i > 0 {
                q.push_str(pick::<&str>(rng, &[" ", " ", " ", "", "\t", "\u{a0}", "\n", "  "]));
            }
            q.push_str(&self.token(rng));
        }
        if chance(rng, 2) {
            q = q.repeat(1 + rng.below(400));
        }
        q
    }
}

/// Mostly `from..from + usual`, sometimes one of `edges`.
fn size(rng: &mut Rng, from: usize, usual: usize, edges: &[usize]) -> usize {
    if chance(rng, 93) {
        from + rng.below(usual)
    } else {
        *pick(rng, edges)
    }
}

impl Harness for QueryHarness {
    type Input = SearchRequest;

    fn generate(&mut self, rng: &mut Rng) -> SearchRequest {
        let query = self.query(rng);
        let when = if chance(rng, 60) {
            When::AsOf(date(rng))
        } else {
            When::AnyTime
        };
        let act = match rng.below(10) {
            0..=6 => None,
            7 | 8 => Some(*pick(rng, &self.acts)),
            _ => Some(RegistryId::from_parts(2099, rng.below(100_000_000) as u32)),
        };
        let lang = match rng.below(8) {
            0 => Some(Lang::Kk),
            1 => Some(Lang::Ru),
            2 => Some(Lang::En),
            _ => None,
        };
        let limit = size(rng, 1, 20, &[0, 1, 100, 101, usize::MAX, usize::MAX / 8 + 1]);
        let offset = size(rng, 0, 30, &[0, 10_000, 10_001, usize::MAX, usize::MAX / 8]);
        SearchRequest {
            query,
            when,
            act,
            lang,
            limit,
            offset,
        }
    }

    fn check(&mut self, req: &SearchRequest, counts: &mut Counts, samples: &mut Samples) -> Result<(), String> {
        // The rewriter alone, with expansions of every shape.
        std::hint::black_box(rewrite(&req.query, &|_| Vec::new()));
        std::hint::black_box(rewrite(&req.query, &|p| vec![p.to_string(), format!("{p}\"*)(")]));
        let expected = limits::check(req);
        let snap = self.state.snapshot();
        let idx = snap.index.as_ref().ok_or("no index")?;
        match (crate::search::search(idx, req), expected) {
            (Err(SearchError::Limit(got)), Err(want)) if got == want => bump(counts, "refused_limit"),
            (Err(SearchError::Limit(got)), want) => {
                return Err(format!(
                    "limit refusal differs from limits::check\nsearch: {got:?}; check: {want:?}"
                ));
            }
            (_, Err(want)) => return Err(format!("limits::check refuses ({want:?}) but search did not")),
            (Err(SearchError::Query(m)), Ok(())) => {
                if m.trim().is_empty() {
                    return Err("malformed-query error without a message".into());
                }
                bump(counts, "refused_malformed");
                samples.note("refused_malformed", || format!("{:?}: {m}", req.query));
            }
            (Err(e), Ok(())) => return Err(format!("unclean search error\n{e}")),
            (Ok(res), Ok(())) => {
                bump(counts, if res.total > 0 { "ok_with_hits" } else { "ok_empty" });
                check_results(req, &res)?;
            }
        }
        Ok(())
    }

    fn shrink(&self, req: &SearchRequest) -> Box<dyn Iterator<Item = SearchRequest>> {
        let mut out = Vec::new();
        let with = |f: &dyn Fn(&mut SearchRequest)| {
            let mut r = req.clone();
            f(&mut r);
            r
        };
        if req.act.is_some() {
            out.push(with(&|r| r.act = None));
        }
        if req.lang.is_some() {
            out.push(with(&|r| r.lang = None));
        }
        if req.offset != 0 {
            out.push(with(&|r| r.offset = 0));
        }
        if req.limit != 10 {
            out.push(with(&|r| r.limit = 10));
        }
        let base = req.clone();
        Box::new(
            out.into_iter()
                .chain(shrink_text(&req.query).map(move |query| SearchRequest { query, ..base.clone() })),
        )
    }

    fn show(&self, req: &SearchRequest) -> String {
        let when = match req.when {
            When::AsOf(d) => format!("as_of={d}"),
            When::AnyTime => "any_time".to_string(),
        };
        format!(
            "q={:?} {when} act={} lang={:?} limit={} offset={}",
            req.query,
            req.act.map_or("-".to_string(), |a| a.to_string()),
            req.lang,
            req.limit,
            req.offset
        )
    }
}

/// The properties of a successful search.
fn check_results(req: &SearchRequest, res: &crate::search::SearchResults) -> Result<(), String> {
    match (&res.groups, req.when) {
        (Some(groups), When::AnyTime) => {
            if groups.len() > req.limit {
                return Err(format!("{} groups on a page of {}", groups.len(), req.limit));
            }
            if let Some(g) = groups.iter().find(|g| g.versions.is_empty()) {
                return Err(format!("an empty group for {} {}", g.act, g.eid));
            }
        }
        (None, When::AsOf(_)) => {
            if res.hits.len() > req.limit {
                return Err(format!("{} hits on a page of {}", res.hits.len(), req.limit));
            }
        }
        _ => return Err("groups are given exactly for any-time searches".into()),
    }
    for h in &res.hits {
        if let When::AsOf(d) = req.when
            && (h.valid_from.is_some_and(|f| f > d) || h.valid_to.is_some_and(|t| t <= d))
        {
            return Err(format!(
                "hit not in force on the date\n{} {} [{:?}, {:?}) on {d}",
                h.act, h.eid, h.valid_from, h.valid_to
            ));
        }
        if let Some(a) = &req.act
            && h.act != a.as_str()
        {
            return Err(format!("hit of another act\n{} under act={a}", h.act));
        }
        let mut at = 0;
        for &(s, e) in &h.highlights {
            if s < at
                || e < s
                || e > h.snippet.len()
                || !h.snippet.is_char_boundary(s)
                || !h.snippet.is_char_boundary(e)
            {
                return Err(format!(
                    "bad highlight\n({s}, {e}) in a snippet of {} bytes",
                    h.snippet.len()
                ));
            }
            at = e;
        }
        std::hint::black_box(h.marked_snippet());
    }
    Ok(())
}

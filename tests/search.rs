//! Point-in-time search on the real corpus and on a small constructed one.

use std::path::Path;

use nusqa::amend::{Change, Operation};
use nusqa::clause_markdown;
use nusqa::corpus;
use nusqa::dates::EffectiveRule;
use nusqa::model::{EventKind, RegistryId};
use nusqa::search::{SearchIndex, SearchRequest, When, search};
use nusqa::{ActEntry, Library};

use crate::support::d;

fn request(q: &str, when: When) -> SearchRequest {
    SearchRequest {
        query: q.into(),
        when,
        act: None,
        lang: None,
        limit: 20,
        offset: 0,
    }
}

fn real_index(dir: &Path) -> SearchIndex {
    let mut lib = corpus::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"))
        .unwrap()
        .library;
    lib.record_event(&"V2500037008".parse().unwrap(), EventKind::Publication, d("2025-10-06"))
        .unwrap();
    SearchIndex::build(&lib, dir, "test", 1).unwrap().0
}

#[test]
fn finds_the_new_paragraph_6_of_the_blasting_permit_rules() {
    let dir = tempfile::tempdir().unwrap();
    let idx = real_index(dir.path());
    let mut req = request("жарылыс жұмыстарын", When::AsOf(d("2026-01-15")));
    req.act = Some("V1400010273".parse().unwrap());
    let res = search(&idx, &req).unwrap();
    assert!(
        res.hits.iter().any(|h| h.eid.starts_with("att_1__para_6")),
        "{:#?}",
        res.hits
    );
    let h = res.hits.iter().find(|h| h.eid.starts_with("att_1__para_6")).unwrap();
    assert_eq!(h.valid_from, Some(d("2025-12-06")));
    assert_eq!(h.source_act, "V2500037008");
    assert!(
        h.marked_snippet().contains("[[жарылыс]]") || h.marked_snippet().contains("[[жұмыстарын]]"),
        "{}",
        h.marked_snippet()
    );
    // Before the order took force, the rules' text is not held: nothing to find there.
    req.when = When::AsOf(d("2025-10-05"));
    let before = search(&idx, &req).unwrap();
    assert!(
        before.hits.iter().all(|h| !h.eid.starts_with("att_1__para_6")),
        "{:#?}",
        before.hits
    );
}

#[test]
fn inflected_forms_meet_and_placeholders_are_never_hits() {
    let dir = tempfile::tempdir().unwrap();
    let idx = real_index(dir.path());
    // Inflected query forms find the same clause versions (recall through the stemmer).
    let a = search(&idx, &request("қағидаларында", When::AnyTime)).unwrap();
    let b = search(&idx, &request("қағидалар", When::AnyTime)).unwrap();
    assert!(a.total > 0 && a.total == b.total, "{} vs {}", a.total, b.total);
    // The not-held token is not text.
    for q in ["not", "held", "\"not-held\""] {
        assert_eq!(search(&idx, &request(q, When::AnyTime)).unwrap().total, 0, "{q}");
    }
    // Latin look-alikes typed by a user find Cyrillic text.
    let latin = search(&idx, &request("пopтaл", When::AnyTime)).unwrap();
    let cyr = search(&idx, &request("портал", When::AnyTime)).unwrap();
    assert_eq!(latin.total, cyr.total);
    assert!(cyr.total > 0);
}

#[test]
fn malformed_queries_get_errors_and_empty_results_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let idx = real_index(dir.path());
    assert!(search(&idx, &request("", When::AnyTime)).is_err());
    assert!(search(&idx, &request("жарылыс)", When::AnyTime)).is_err());
    assert!(search(&idx, &request("жарылыс AND", When::AnyTime)).is_err());
    // `field: *` parses as "the field has a value"; an unknown or non-fast field is the
    // query's fault (found by `nusqa bench fuzz`: it was an index error, a 500).
    for q in ["a: *", "act: *", "act:*"] {
        for when in [When::AnyTime, When::AsOf(d("2024-11-24"))] {
            match search(&idx, &request(q, when)) {
                Err(nusqa::search::SearchError::Query(m)) => assert!(m.contains(q), "{q}: {m}"),
                Ok(r) => assert_eq!(r.total, 0, "{q}"),
                Err(e) => panic!("{q}: {e:?}"),
            }
        }
    }
    assert_eq!(search(&idx, &request("zzzzqqqq", When::AnyTime)).unwrap().total, 0);
    let prefix = search(&idx, &request("жарыл*", When::AnyTime)).unwrap();
    assert!(prefix.total > 0);
}

fn small_library() -> Library {
    let mk = crate::support::act;
    let base =
        clause_markdown::parse("# para_1 [1]\nБұл тармақта ерекшесөз бар.\n\n# para_2 [2]\nЕкінші тармақ.\n").unwrap();
    let target: RegistryId = "V1400000001".parse().unwrap();
    let op = Operation {
        source_act: "V2500000002".parse().unwrap(),
        source_item: "para_1".into(),
        source_abzats: None,
        target_act: target,
        target: Some("para_1".parse().unwrap()),
        change: Change::Delete,
        effective: EffectiveRule::Fixed { date: d("2026-01-01") },
        instruction: None,
        origin: None,
    };
    let amending_base = clause_markdown::parse("# para_1 [1]\nӨзгерістер.\n").unwrap();
    let (lib, errors) = Library::build(vec![
        ActEntry {
            act: mk("V1400000001", "2014-01-01"),
            base,
            ops: vec![],
        },
        ActEntry {
            act: mk("V2500000002", "2025-06-01"),
            base: amending_base,
            ops: vec![op],
        },
    ]);
    assert!(errors.is_empty(), "{errors:?}");
    lib
}

#[test]
fn a_word_only_a_repealed_version_had_is_found_any_time_only() {
    let dir = tempfile::tempdir().unwrap();
    let (idx, _) = SearchIndex::build(&small_library(), dir.path(), "t", 1).unwrap();
    assert_eq!(
        search(&idx, &request("ерекшесөз", When::AsOf(d("2025-12-31"))))
            .unwrap()
            .total,
        1
    );
    assert_eq!(
        search(&idx, &request("ерекшесөз", When::AsOf(d("2026-01-01"))))
            .unwrap()
            .total,
        0
    );
    let any = search(&idx, &request("ерекшесөз", When::AnyTime)).unwrap();
    assert_eq!(any.total, 1);
    let g = &any.groups.unwrap()[0];
    assert_eq!(
        (g.eid.as_str(), g.versions[0].valid_to),
        ("para_1", Some(d("2026-01-01")))
    );
}

#[test]
fn an_update_touches_only_the_changed_nodes() {
    let dir = tempfile::tempdir().unwrap();
    let old = corpus::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"))
        .unwrap()
        .library;
    let (mut idx, built) = SearchIndex::build(&old, dir.path(), "g1", 1).unwrap();
    let mut new = old.clone();
    new.record_event(&"V2500037008".parse().unwrap(), EventKind::Publication, d("2025-10-06"))
        .unwrap();
    let targets: Vec<RegistryId> = new.acts().map(|a| a.id).collect();
    let stats = idx.update(&old, &new, &targets, "g2").unwrap();
    let nodes: usize = new
        .acts()
        .filter_map(|a| new.timeline(&a.id))
        .map(|t| t.nodes.len())
        .sum();
    let order_nodes = new.timeline(&"V2500037008".parse().unwrap()).unwrap().nodes.len();
    // Order 429's own clauses do not change when its publication is recorded.
    assert!(
        stats.nodes_replaced > 0 && stats.nodes_replaced <= nodes - order_nodes,
        "{stats:?} of {nodes} nodes"
    );
    assert!(built.added > 0);
    assert_eq!(idx.generation().corpus, "g2");
    // The same as a fresh build.
    let fresh_dir = tempfile::tempdir().unwrap();
    let (fresh, _) = SearchIndex::build(&new, fresh_dir.path(), "g2", 1).unwrap();
    assert_eq!(idx.len(), fresh.len());
    let q = request("жарылыс", When::AsOf(d("2026-01-15")));
    assert_eq!(search(&idx, &q).unwrap().total, search(&fresh, &q).unwrap().total);
}

#[test]
fn negation_excludes_words_and_phrases() {
    let dir = tempfile::tempdir().unwrap();
    let idx = real_index(dir.path());
    let total = |q: &str| search(&idx, &request(q, When::AnyTime)).unwrap().total;
    let all = total("жарылыс");
    let with_phrase = total("жарылыс AND \"рұқсат беру\"");
    assert!(all > with_phrase && with_phrase > 0, "{all} {with_phrase}");
    assert_eq!(total("жарылыс -\"рұқсат беру\""), all - with_phrase);
    assert_eq!(total("жарылыс NOT \"рұқсат беру\""), all - with_phrase);
    assert_eq!(total("жарылыс AND NOT портал"), total("жарылыс -портал"));
    assert!(total("жарылыс AND NOT портал") < all);
}

/// `nusqa bench search --sqlite` runs SQLite FTS5 over the same versions and the same
/// queries: it indexes exactly the versions tantivy does and reports both, with ratios.
#[test]
fn bench_search_runs_the_sqlite_fts5_peer_on_the_same_versions() {
    let dir = tempfile::tempdir().unwrap();
    let synth = dir.path().join("synth");
    crate::support::nusqa_ok(
        &crate::support::bundled_corpus(),
        &["synth", "--acts", "20", "--out", synth.to_str().unwrap()],
    );
    let out = crate::support::nusqa_ok(
        &crate::support::bundled_corpus(),
        &[
            "bench",
            "search",
            "--dir",
            synth.to_str().unwrap(),
            "--queries",
            "10",
            "--baseline-queries",
            "1",
            "--sqlite",
            "--json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let peer = &v["sqlite_fts5"];
    assert_eq!(peer["rows"], v["indexed_docs"], "the same versions: {v}");
    assert!(peer["bytes"].as_u64().is_some_and(|b| b > 0));
    let classes = peer["classes"].as_array().unwrap();
    assert_eq!(classes.len(), 4);
    for c in classes {
        assert!(c["p50_ms"].as_f64().is_some_and(|p| p > 0.0), "{c}");
        assert!(c["p50_ratio"].as_f64().is_some_and(|r| r > 0.0), "{c}");
    }
    let plain = crate::support::nusqa_ok(
        &crate::support::bundled_corpus(),
        &[
            "bench",
            "search",
            "--dir",
            synth.to_str().unwrap(),
            "--queries",
            "5",
            "--baseline-queries",
            "1",
            "--json",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&plain).unwrap();
    assert!(v["sqlite_fts5"].is_null(), "the peer runs only when asked");
}

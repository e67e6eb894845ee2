//! Properties of consolidation over random synthetic corpora (proptest).

use chrono::{Days, NaiveDate};
use nusqa::consolidate::{consolidate, naive};
use nusqa::model::{Content, RegistryId};
use nusqa::synth::{self, SynthOptions};
use nusqa::{ActEntry, Library};
use proptest::prelude::*;

fn corpus(seed: u64, acts: usize, amendments: usize, clauses: usize) -> Vec<ActEntry> {
    synth::generate(SynthOptions {
        acts,
        amendments,
        clauses,
        seed,
    })
}

fn base_ids(acts: usize) -> Vec<RegistryId> {
    (0..acts)
        .map(|i| RegistryId::from_parts(2010, 90_000_000 + i as u32))
        .collect()
}

/// (eid, num, heading, content, since, source act and op) of every node, in order.
type Row = (
    String,
    Option<String>,
    Option<String>,
    Content,
    NaiveDate,
    String,
    Option<usize>,
);

fn timeline_rows(lib: &Library, id: &RegistryId, date: NaiveDate) -> Vec<Row> {
    let c = consolidate(lib.timeline(id).unwrap(), date).unwrap();
    let mut rows = Vec::new();
    c.walk(&mut |n| {
        let content = match n.status {
            _ if n.text.is_some() => Content::of(n.text.unwrap_or_default()),
            nusqa::consolidate::Status::Repealed => Content::Repealed,
            _ => Content::NotHeld,
        };
        rows.push((
            n.eid.to_string(),
            n.num.map(str::to_string),
            n.heading.map(str::to_string),
            content,
            n.since,
            n.source.act.to_string(),
            n.source.op,
        ));
    });
    rows
}

fn naive_rows(lib: &Library, id: &RegistryId, date: NaiveDate) -> Vec<Row> {
    let schedule = lib.schedule(id).unwrap();
    let tree = naive::consolidate(lib.act(id).unwrap(), &lib.base(id).unwrap(), &schedule, date).unwrap();
    tree.all()
        .into_iter()
        .map(|e| {
            let n = tree.get(&e).unwrap();
            let s = &n.state;
            (
                e.to_string(),
                s.num.clone(),
                s.heading.clone(),
                s.content.clone(),
                n.since,
                s.source.act.to_string(),
                s.source.op,
            )
        })
        .collect()
}

fn dates() -> impl Strategy<Value = Vec<u64>> {
    prop::collection::vec(0u64..1200, 1..6)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Consolidating at D equals applying, in order, the operations effective on or
    /// before D to the base.
    #[test]
    fn timeline_equals_naive_reapplication(seed in 0u64..10_000, acts in 1usize..5, amendments in 1usize..12, clauses in 4usize..40, offsets in dates()) {
        let (lib, errors) = Library::build(corpus(seed, acts, amendments, clauses));
        prop_assert!(errors.is_empty(), "{errors:?}");
        let start = NaiveDate::from_ymd_opt(2019, 12, 1).unwrap();
        for id in base_ids(acts) {
            for &o in &offsets {
                let date = start.checked_add_days(Days::new(o)).unwrap();
                prop_assert_eq!(timeline_rows(&lib, &id, date), naive_rows(&lib, &id, date));
            }
        }
    }

    /// Version intervals are non-empty, never overlap and leave no gaps.
    #[test]
    fn versions_are_contiguous(seed in 0u64..10_000, acts in 1usize..4, amendments in 1usize..15, clauses in 4usize..30) {
        let (lib, _) = Library::build(corpus(seed, acts, amendments, clauses));
        for id in base_ids(acts) {
            for (eid, node) in &lib.timeline(&id).unwrap().nodes {
                prop_assert!(!node.versions.is_empty(), "{eid} has no version");
                for pair in node.versions.windows(2) {
                    prop_assert_eq!(pair[0].validity.to, Some(pair[1].validity.from), "gap or overlap in {}", eid);
                    prop_assert!(pair[0].validity.from < pair[1].validity.from, "empty interval in {}", eid);
                }
                prop_assert_eq!(node.versions.last().unwrap().validity.to, None);
            }
        }
    }

    /// Before any amendment, the consolidated act is its base.
    #[test]
    fn before_amendments_the_base(seed in 0u64..10_000, acts in 1usize..4, amendments in 0usize..10, clauses in 4usize..30) {
        let entries = corpus(seed, acts, amendments, clauses);
        let bases: Vec<_> = entries.iter().take(acts).map(|e| (e.act.id, e.act.date, e.base.clone())).collect();
        let (lib, _) = Library::build(entries);
        for (id, date, base) in bases {
            // The library keeps the base only inside the timeline, and gives it back whole.
            let rebuilt = lib.base(&id);
            prop_assert_eq!(rebuilt.as_ref(), Some(&base));
            let c = consolidate(lib.timeline(&id).unwrap(), date).unwrap();
            let mut got = Vec::new();
            c.walk(&mut |n| got.push((n.eid.to_string(), n.text.map(str::to_string))));
            let mut want = Vec::new();
            for n in &base {
                n.walk(&mut |m| want.push((m.eid.to_string(), m.content.text().map(str::to_string))));
            }
            prop_assert_eq!(got, want);
        }
    }

    /// The result does not depend on the order in which acts were loaded.
    #[test]
    fn load_order_does_not_matter(seed in 0u64..10_000, acts in 1usize..5, amendments in 1usize..10, clauses in 4usize..24, shuffle in 0u64..u64::MAX) {
        let entries = corpus(seed, acts, amendments, clauses);
        let mut shuffled = entries.clone();
        let mut rng = synth::Rng::new(shuffle);
        for i in (1..shuffled.len()).rev() {
            shuffled.swap(i, rng.below(i + 1));
        }
        let (a, ea) = Library::build(entries);
        let (b, eb) = Library::build(shuffled);
        prop_assert_eq!(ea, eb);
        let date = NaiveDate::from_ymd_opt(2021, 6, 1).unwrap();
        for id in base_ids(acts) {
            let ja = serde_json::to_string(&consolidate(a.timeline(&id).unwrap(), date).unwrap()).unwrap();
            let jb = serde_json::to_string(&consolidate(b.timeline(&id).unwrap(), date).unwrap()).unwrap();
            prop_assert_eq!(ja, jb);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Clause Markdown of any shape gives nodes or errors with lines, never a panic; what
    /// it accepts, it writes back identically.
    #[test]
    fn clause_markdown_never_panics(lines in prop::collection::vec(
        prop_oneof![
            "#{1,7} [a-z_0-9\\-]{0,20}( \\[[0-9\\-)]{0,4}\\])?( .{0,10})?",
            "\\{not-held\\}|\\{repealed\\}",
            "\\|[^\\n]{0,30}\\|",
            "[^\\n]{0,40}",
        ],
        0..30,
    )) {
        let text = lines.join("\n");
        match nusqa::clause_markdown::parse(&text) {
            Ok(nodes) => {
                let again = nusqa::clause_markdown::parse(&nusqa::clause_markdown::write(&nodes));
                prop_assert_eq!(again, Ok(nodes));
            }
            Err(errors) => prop_assert!(errors.iter().all(|e| e.line >= 1 && e.line <= lines.len().max(1))),
        }
    }
}

/// Any query text gives results or a clear error, never a panic.
#[test]
fn search_queries_never_panic() {
    use nusqa::search::{SearchIndex, SearchRequest, When, search};
    let (lib, _) = Library::build(corpus(1, 3, 5, 12));
    let dir = tempfile::tempdir().unwrap();
    let (idx, _) = SearchIndex::build(&lib, dir.path(), "p", 1).unwrap();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 300,
        ..ProptestConfig::default()
    });
    runner
        .run(&"[\\PC\"()*:+\\-^~\\[\\]{} ]{0,30}", |q| {
            let req = SearchRequest {
                query: q,
                when: When::AnyTime,
                act: None,
                lang: None,
                limit: 5,
                offset: 0,
            };
            let _ = search(&idx, &req);
            Ok(())
        })
        .unwrap();
}

//! The fuzzing harnesses: a short seeded run of each target must find nothing, the
//! driver must catch and minimise a failure, and the bugs the harnesses found stay
//! fixed (one regression test each).

use std::path::Path;

use nusqa::clause_markdown;
use nusqa::fuzz::{self, Counts, Harness, Options, Report, Samples, Setup, Target};
use nusqa::model::Content;
use nusqa::synth::Rng;

use crate::support::nusqa;

fn corpus() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"))
}

/// Runs `cases` cases of `target` with a fixed seed and checks that none failed.
fn run_clean(target: Target, cases: u64) -> Report {
    let dir = tempfile::tempdir().unwrap();
    let setup = Setup::new(corpus(), dir.path()).unwrap();
    let report = setup
        .run(
            target,
            Options {
                cases,
                seed: 20_251_006,
                ..Options::default()
            },
        )
        .unwrap();
    assert_eq!(report.cases, cases);
    assert!(
        report.passed(),
        "{} failure(s): {:#?}",
        report.failures,
        report.examples
    );
    report
}

fn count(r: &Report, key: &str) -> u64 {
    r.counts.get(key).copied().unwrap_or(0)
}

#[test]
fn the_query_language_answers_cleanly() {
    let r = run_clean(Target::Query, 1500);
    // The run reaches every kind of answer, not only refusals.
    for key in ["ok_with_hits", "ok_empty", "refused_limit", "refused_malformed"] {
        assert!(count(&r, key) > 15, "{key}: {:?}", r.counts);
    }
}

#[test]
fn the_clause_markdown_reader_round_trips() {
    let r = run_clean(Target::Markdown, 2000);
    assert!(count(&r, "parsed") > 200, "{:?}", r.counts);
    assert!(count(&r, "rejected") > 200, "{:?}", r.counts);
}

#[test]
fn the_amendment_parser_never_panics_on_mutated_order_429() {
    let r = run_clean(Target::Amendment, 300);
    // Most mutations reach the parser, and some leave the order parseable.
    assert!(count(&r, "reader_rejected") < 30, "{:?}", r.counts);
    assert!(count(&r, "parsed_ok") > 10, "{:?}", r.counts);
    assert!(count(&r, "parse_errors") > 100, "{:?}", r.counts);
}

#[test]
fn the_router_answers_hostile_requests_without_server_errors() {
    let r = run_clean(Target::Http, 1500);
    assert!(count(&r, "status_2xx") > 150, "{:?}", r.counts);
    assert!(count(&r, "status_4xx") > 150, "{:?}", r.counts);
    // Every error under /api/ is JSON, every error page HTML (the web layers' one error
    // shape), including the router's own 404 and 405.
    assert_eq!(count(&r, "non_json_api_errors"), 0, "{:?}", r.counts);
    assert_eq!(count(&r, "non_html_page_errors"), 0, "{:?}", r.counts);
}

#[test]
fn the_same_seed_makes_the_same_run() {
    let dir = tempfile::tempdir().unwrap();
    let setup = Setup::new(corpus(), dir.path()).unwrap();
    let opts = Options {
        cases: 500,
        seed: 9,
        ..Options::default()
    };
    let a = setup.run(Target::Markdown, opts).unwrap();
    let b = setup.run(Target::Markdown, opts).unwrap();
    assert_eq!(a.counts, b.counts);
    let c = setup.run(Target::Markdown, Options { seed: 10, ..opts }).unwrap();
    assert_ne!(a.counts, c.counts);
}

/// A harness with a planted bug: texts holding `x` after a `(` panic.
struct Planted;

impl Harness for Planted {
    type Input = String;

    fn generate(&mut self, rng: &mut Rng) -> String {
        (0..40).map(|_| ['a', 'b', '(', 'x', ' '][rng.below(5)]).collect()
    }

    fn check(&mut self, input: &String, counts: &mut Counts, _: &mut Samples) -> Result<(), String> {
        fuzz::bump(counts, "checked");
        if let Some(i) = input.find('(')
            && input[i..].contains('x')
        {
            panic!("planted bug on {input:?}");
        }
        Ok(())
    }

    fn shrink(&self, input: &String) -> Box<dyn Iterator<Item = String>> {
        fuzz::shrink_text(input)
    }

    fn show(&self, input: &String) -> String {
        input.clone()
    }
}

#[test]
fn the_driver_catches_a_panic_and_minimises_its_input() {
    let r = fuzz::drive(
        "planted",
        &mut Planted,
        Options {
            cases: 50,
            seed: 1,
            ..Options::default()
        },
    );
    assert!(!r.passed());
    assert!(r.failures > 40, "{}", r.failures);
    assert_eq!(r.counts["checked"], 50);
    // One kind of failure (one place), minimised to its essence.
    assert_eq!(r.failure_kinds.len(), 1, "{:?}", r.failure_kinds);
    assert_eq!(r.examples.len(), 1);
    assert_eq!(r.examples[0].input, "(x");
    assert!(
        r.examples[0].message.starts_with("panic: panicked at tests/fuzz.rs:")
            && r.examples[0].message.contains("planted bug on \"(x\""),
        "{}",
        r.examples[0].message
    );
}

#[test]
fn guarded_turns_a_panic_into_its_message_and_place() {
    assert_eq!(fuzz::guarded(|| 1 + 1), Ok(2));
    let err = fuzz::guarded(|| {
        let v: Vec<u8> = Vec::new();
        v[3]
    })
    .unwrap_err();
    assert!(
        err.contains("tests/fuzz.rs") && err.contains("index out of bounds"),
        "{err}"
    );
}

#[test]
fn shrinking_tries_halves_first_and_never_grows() {
    let c: Vec<String> = fuzz::shrink_text("ab\ncd\n").collect();
    assert_eq!(&c[..2], ["cd\n", "ab\n"]);
    assert!(c.iter().all(|x| x.len() <= 6));
    assert!(c.contains(&"aa\ncd\n".to_string()));
    assert_eq!(fuzz::shrink_text("").count(), 0);
}

#[test]
fn bench_fuzz_reports_per_target_as_json_and_exits_zero_when_clean() {
    let out = nusqa(
        corpus(),
        &[
            "bench", "fuzz", "--cases", "40", "--seed", "3", "--target", "markdown", "--json",
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let t = &v["targets"][0];
    assert_eq!(
        (t["target"].as_str(), t["cases"].as_u64(), t["failures"].as_u64()),
        (Some("markdown"), Some(40), Some(0))
    );
    assert!(t["cases_per_second"].as_f64().is_some_and(|c| c > 0.0));
    let text = nusqa(corpus(), &["bench", "fuzz", "--cases", "20", "--target", "http"]);
    assert!(text.status.success());
    let s = String::from_utf8_lossy(&text.stdout);
    assert!(s.starts_with("http      20 cases, 0 failures"), "{s}");
}

// ---------------------------------------------------------------------------------------
// Regressions: what the harnesses found.

/// Parses, checks the round trip, and returns the nodes.
fn round_trip(text: &str) -> Vec<nusqa::model::Node> {
    let nodes = clause_markdown::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e:?}"));
    let written = clause_markdown::write(&nodes);
    assert_eq!(
        clause_markdown::parse(&written).as_ref(),
        Ok(&nodes),
        "{text:?} written as {written:?}"
    );
    nodes
}

#[test]
fn an_abzats_that_starts_like_a_heading_is_written_so_it_reads_back() {
    // The lines `#` and `a` make the abzats `# a`, which was written as a heading.
    let nodes = round_trip("# att_1\n#\na\n\n##\n#\nb\n");
    assert_eq!(nodes[0].content, Content::of("# a\n## # b"));
    // The same inside a table cell, which is written as its own node.
    let nodes = round_trip("# att_2\n## att_2__table_1\n| 1 | # att_1 |\n");
    assert_eq!(
        nodes[0].children[0].children[0].children[1].content,
        Content::of("# att_1")
    );
}

#[test]
fn a_text_that_would_read_back_as_table_lines_is_refused() {
    // `|` and `a` joined make `| a`: written back, a table line.
    for src in ["# preamble\n|\na\n", "# att_1\n## att_1__table_1\n|-|\nx\n"] {
        let errs = clause_markdown::parse(src).unwrap_err();
        assert!(errs[0].message.contains("starts with `|`"), "{src:?}: {errs:?}");
    }
    // A text with one abzats of other words keeps its pipe lines (Order No. 429's
    // List quotes table rows so).
    let nodes = round_trip("# att_1\n| 1 | a |\n\nтексті\n");
    assert_eq!(nodes[0].content, Content::of("| 1 | a |\nтексті"));
}

#[test]
fn table_cells_read_as_bodies_do() {
    let nodes = round_trip("# att_2\n## att_2__table_1\n| 1 | {not-held} | {repealed} | x <br> y | <br> |\n");
    let cells: Vec<&Content> = nodes[0].children[0].children[0]
        .children
        .iter()
        .map(|c| &c.content)
        .collect();
    assert_eq!(
        cells,
        [
            &Content::of("1"),
            &Content::NotHeld,
            &Content::Repealed,
            &Content::of("x\ny"),
            &Content::of("")
        ]
    );
}

#[test]
fn a_heading_cannot_repeat_a_row_that_table_lines_made() {
    let src = "# att_2 [2]\n\n## att_2__table_1\n| 1 | a |\n\n### att_2__table_1__row_1\nx\n";
    let errs = clause_markdown::parse(src).unwrap_err();
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].line, 6);
    assert!(
        errs[0].message.contains("duplicate eId `att_2__table_1__row_1`"),
        "{errs:?}"
    );
    // A row the lines did not make may follow.
    let nodes = round_trip("# att_2 [2]\n\n## att_2__table_1\n| 1 | a |\n\n### att_2__table_1__row_2\nx\n");
    assert_eq!(nodes[0].children[0].children.len(), 2);
}

//! `bench`: speed and memory, each against a baseline measured in the same run.
//!
//! * `bench consolidate`: the timeline lookup against the naive baseline (re-apply every
//!   operation from the base for each query), on synthetic acts.
//! * `bench load`: loading and validating a corpus directory, with peak memory.
//! * `bench tree`: building one wide act (many top-level nodes) from its clause
//!   Markdown, at a quarter, half and all of the size: linear work keeps the time per
//!   node flat.
//! * `bench publish`, `bench crash`: the write path ([`super::bench_publish`]); with
//!   `--end-to-end` and `--server`, through the draft desk and a real server
//!   ([`super::bench_server`]).
//! * `bench fuzz`: the fuzzing harnesses of [`crate::fuzz`] (query parser, clause
//!   Markdown, amendment parser, HTTP router), with cases per second.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use clap::{Args, Subcommand};
use serde_json::json;

use super::{CliError, print_json};
use crate::consolidate::{self, naive};
use crate::corpus::LoadOptions;
use crate::library::Library;
use crate::model::RegistryId;
use crate::synth::{self, SynthOptions};

/// Arguments of `nusqa bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    #[command(subcommand)]
    what: BenchWhat,
    /// Print JSON.
    #[arg(long, global = true)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum BenchWhat {
    /// Consolidation at a date: timeline lookup vs naive re-application.
    Consolidate {
        /// Clauses per act.
        #[arg(long, default_value_t = 200)]
        clauses: usize,
        /// Operations per act.
        #[arg(long, default_value_t = 20)]
        amendments: usize,
        /// Acts to spread the queries over.
        #[arg(long, default_value_t = 20)]
        acts: usize,
        /// Queries per method.
        #[arg(long, default_value_t = 5000)]
        queries: usize,
        /// Random seed.
        #[arg(long, default_value_t = 7)]
        seed: u64,
    },
    /// Index build throughput and query latency against a linear regex scan.
    Search {
        /// The corpus to index (make one with `nusqa synth`).
        #[arg(long = "dir")]
        dir: PathBuf,
        /// Queries per class.
        #[arg(long, default_value_t = 500)]
        queries: usize,
        /// Queries for the (slow) regex-scan baseline.
        #[arg(long, default_value_t = 20)]
        baseline_queries: usize,
        /// Also run SQLite FTS5 over the same versions and queries, side by side.
        #[arg(long)]
        sqlite: bool,
    },
    /// Diffing an act between two dates, and a pathological word diff under a deadline.
    Diff {
        /// Clauses of the act.
        #[arg(long, default_value_t = 500)]
        clauses: usize,
        /// Operations between the two dates.
        #[arg(long, default_value_t = 50)]
        changes: usize,
        /// Runs.
        #[arg(long, default_value_t = 200)]
        runs: usize,
    },
    /// Building one act with many top-level nodes from its text (parse, nest, timeline),
    /// at a quarter, half and all of `--nodes`: the time per node shows the growth.
    Tree {
        /// Top-level nodes (each with one child).
        #[arg(long, default_value_t = 80_000)]
        nodes: usize,
    },
    /// Load and validate a corpus directory (make one with `nusqa synth`).
    Load {
        /// The corpus to load.
        #[arg(long = "dir")]
        dir: PathBuf,
    },
    /// Publish Order No. 429 into a copy of the corpus without it, end to end with
    /// fsync (in process): p50 and p99.
    Publish {
        /// Through the draft desk as the server publishes (an approved draft, the
        /// library and the search index updated), against the bare transaction.
        #[arg(long)]
        end_to_end: bool,
        /// Runs (each into a fresh copy).
        #[arg(long, default_value_t = 20)]
        runs: usize,
        /// Where the copies go (default: the system's temp directory).
        #[arg(long)]
        scratch: Option<PathBuf>,
    },
    /// Kill -9 `nusqa publish` at random moments, recover, and check that the act is
    /// all there or absent and that the corpus and the audit chain hold; exit 1 if not.
    Crash {
        /// Kill a real `nusqa serve` publishing over HTTP, instead of `nusqa publish`.
        #[arg(long)]
        server: bool,
        /// Kills.
        #[arg(long, default_value_t = 100)]
        runs: u32,
        /// Random seed of the kill moments.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Where the copy goes (default: the system's temp directory).
        #[arg(long)]
        scratch: Option<PathBuf>,
    },
    /// Fuzz the parsers and the HTTP router with seeded random inputs (uses the corpus
    /// given by `--corpus`); exits 1 when any case fails.
    Fuzz {
        /// Cases per target.
        #[arg(long, default_value_t = 10_000)]
        cases: u64,
        /// Random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// What to fuzz.
        #[arg(long, value_enum, default_value_t = FuzzTarget::All)]
        target: FuzzTarget,
    },
}

/// `bench fuzz --target`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum FuzzTarget {
    /// The search query language, on an index of the corpus.
    Query,
    /// The clause Markdown reader and its round trip.
    Markdown,
    /// The amendment parser, on mutated versions of Order No. 429.
    Amendment,
    /// The HTTP router, in process.
    Http,
    /// All four, one after the other.
    All,
}

/// Runs `nusqa bench` (`corpus`: the corpus directory, for `bench fuzz`).
pub fn run(args: BenchArgs, corpus: &Path, opts: &LoadOptions) -> Result<ExitCode, CliError> {
    match args.what {
        BenchWhat::Consolidate {
            clauses,
            amendments,
            acts,
            queries,
            seed,
        } => consolidate_bench(
            SynthOptions {
                acts,
                amendments,
                clauses,
                seed,
            },
            queries,
            args.json,
        ),
        BenchWhat::Load { dir } => load_bench(&dir, opts, args.json),
        BenchWhat::Tree { nodes } => tree_bench(nodes, args.json),
        BenchWhat::Diff { clauses, changes, runs } => diff_bench(clauses, changes, runs, args.json),
        BenchWhat::Search {
            dir,
            queries,
            baseline_queries,
            sqlite,
        } => search_bench(&dir, opts, queries, baseline_queries, sqlite, args.json),
        BenchWhat::Fuzz { cases, seed, target } => fuzz_bench(corpus, cases, seed, target, args.json),
        BenchWhat::Publish {
            end_to_end: true,
            runs,
            scratch,
        } => super::bench_server::publish_end_to_end_bench(corpus, opts, runs, scratch.as_deref(), args.json),
        BenchWhat::Publish { runs, scratch, .. } => {
            super::bench_publish::publish_bench(corpus, opts, runs, scratch.as_deref(), args.json)
        }
        BenchWhat::Crash {
            server: true,
            runs,
            seed,
            scratch,
        } => super::bench_server::crash_server_bench(corpus, opts, runs, seed, scratch.as_deref(), args.json),
        BenchWhat::Crash {
            runs, seed, scratch, ..
        } => super::bench_publish::crash_bench(corpus, opts, runs, seed, scratch.as_deref(), args.json),
    }
}

fn fuzz_bench(corpus: &Path, cases: u64, seed: u64, target: FuzzTarget, json: bool) -> Result<ExitCode, CliError> {
    use crate::fuzz::{Options, Setup, Target};
    let targets: Vec<Target> = match target {
        FuzzTarget::Query => vec![Target::Query],
        FuzzTarget::Markdown => vec![Target::Markdown],
        FuzzTarget::Amendment => vec![Target::Amendment],
        FuzzTarget::Http => vec![Target::Http],
        FuzzTarget::All => Target::ALL.to_vec(),
    };
    let scratch = std::env::temp_dir().join(format!("nusqa-fuzz-index-{}", std::process::id()));
    let setup = Setup::new(corpus, &scratch);
    let reports = setup.and_then(|s| {
        targets
            .iter()
            .map(|&t| {
                s.run(
                    t,
                    Options {
                        cases,
                        seed,
                        ..Options::default()
                    },
                )
            })
            .collect::<Result<Vec<_>, _>>()
    });
    let _ = std::fs::remove_dir_all(&scratch);
    let reports = reports.map_err(|e| CliError::BadArgument(e.to_string()))?;
    if json {
        print_json(&json!({"seed": seed, "targets": reports}))?;
    } else {
        for r in &reports {
            outln!(
                "{:9} {} cases, {} failures, {:.1} s, {:.0} cases/s (slowest case {:.1} ms)",
                r.target,
                r.cases,
                r.failures,
                r.seconds,
                r.cases_per_second,
                r.slowest_ms
            );
            let counts: Vec<String> = r.counts.iter().map(|(k, v)| format!("{k} {v}")).collect();
            outln!("          {}", counts.join(", "));
            outln!("          slowest: {}", r.slowest_input);
            for (key, examples) in &r.samples.0 {
                if key.starts_with("non_") {
                    for e in examples {
                        outln!("          {key}: {e}");
                    }
                }
            }
            for (k, n) in &r.failure_kinds {
                outln!("  {n} failure(s): {k}");
            }
            for f in &r.examples {
                outln!("  FAIL case {}: {}", f.case, f.message);
                outln!("    minimised: {}", f.input);
                outln!("    original:  {}", f.original);
            }
        }
    }
    Ok(if reports.iter().all(|r| r.passed()) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The `p`-th percentile of sorted durations, in microseconds.
fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i].as_secs_f64() * 1e6
}

fn consolidate_bench(opts: SynthOptions, queries: usize, json: bool) -> Result<ExitCode, CliError> {
    let (lib, errors) = Library::build(synth::generate(opts));
    if !errors.is_empty() {
        return Err(CliError::BadArgument(format!(
            "synthetic corpus has {} errors",
            errors.len()
        )));
    }
    let targets: Vec<RegistryId> = (0..opts.acts)
        .map(|i| RegistryId::from_parts(2010, 90_000_000 + i as u32))
        .collect();
    let start = NaiveDate::from_ymd_opt(2019, 12, 1).unwrap_or_default();
    let span = 60 + (opts.acts * opts.amendments / synth::OPS_PER_AMENDING_ACT / 4) as u64;
    let mut rng = synth::Rng::new(opts.seed);
    let plan: Vec<(usize, NaiveDate)> = (0..queries)
        .map(|_| {
            (
                rng.below(targets.len()),
                start
                    .checked_add_days(Days::new(rng.next_u64() % span))
                    .unwrap_or(start),
            )
        })
        .collect();
    let mut fast = Vec::with_capacity(queries);
    let mut nodes_seen = 0usize;
    for &(a, d) in &plan {
        let tl = lib
            .timeline(&targets[a])
            .ok_or_else(|| CliError::NotFound("act".into()))?;
        let t = Instant::now();
        let c = consolidate::consolidate(tl, d).map_err(|e| CliError::NotFound(e.to_string()))?;
        let mut n = 0;
        c.walk(&mut |_| n += 1);
        fast.push(t.elapsed());
        nodes_seen += n;
    }
    let schedules: Vec<_> = targets.iter().map(|t| lib.schedule(t)).collect();
    let bases: Vec<_> = targets.iter().map(|t| lib.base(t)).collect();
    let mut slow = Vec::with_capacity(queries);
    for &(a, d) in &plan {
        let (Some(act), Some(base), Some(Some(schedule))) =
            (lib.act(&targets[a]), bases[a].as_deref(), schedules.get(a))
        else {
            continue;
        };
        let t = Instant::now();
        let tree = naive::consolidate(act, base, schedule, d).map_err(|e| CliError::BadArgument(e.to_string()))?;
        std::hint::black_box(tree.to_nodes());
        slow.push(t.elapsed());
    }
    fast.sort();
    slow.sort();
    let (f50, f99, s50, s99) = (
        percentile(&fast, 0.5),
        percentile(&fast, 0.99),
        percentile(&slow, 0.5),
        percentile(&slow, 0.99),
    );
    let avg_nodes = nodes_seen as f64 / queries.max(1) as f64;
    if json {
        print_json(&json!({
            "clauses": opts.clauses, "amendments": opts.amendments, "acts": opts.acts, "queries": queries,
            "avg_nodes_per_view": avg_nodes,
            "timeline_p50_us": f50, "timeline_p99_us": f99, "naive_p50_us": s50, "naive_p99_us": s99,
            "speedup_p50": s50 / f50.max(1e-9),
        }))?;
    } else {
        outln!(
            "consolidate: {} acts × {} clauses × {} operations, {} queries, {:.0} nodes per view",
            opts.acts,
            opts.clauses,
            opts.amendments,
            queries,
            avg_nodes
        );
        outln!("  timeline lookup   p50 {f50:8.1} µs   p99 {f99:8.1} µs");
        outln!("  naive re-apply    p50 {s50:8.1} µs   p99 {s99:8.1} µs");
        outln!("  speed-up at p50   {:.1}×", s50 / f50.max(1e-9));
    }
    Ok(ExitCode::SUCCESS)
}

/// A memory figure of this process from /proc/self/status, in MiB (Linux; 0 elsewhere):
/// `VmHWM` is the peak resident size, `VmRSS` the current one.
fn status_mib(key: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Peak resident memory of this process so far, in MiB.
fn peak_rss_mib() -> f64 {
    status_mib("VmHWM:")
}

fn load_bench(dir: &std::path::Path, opts: &LoadOptions, json: bool) -> Result<ExitCode, CliError> {
    let t = Instant::now();
    let loaded = crate::corpus::load_with_options(dir, opts)?;
    let secs = t.elapsed().as_secs_f64();
    let rss = peak_rss_mib();
    let resident = status_mib("VmRSS:");
    let lib = &loaded.library;
    // Consolidation latency on this corpus: does it grow with the number of acts?
    let ids: Vec<RegistryId> = lib
        .acts()
        .filter(|a| lib.ops_by(&a.id).is_empty())
        .map(|a| a.id)
        .collect();
    let mut rng = synth::Rng::new(9);
    let start = NaiveDate::from_ymd_opt(2019, 12, 1).unwrap_or_default();
    let mut times = Vec::with_capacity(2000);
    for _ in 0..2000.min(ids.len() * 10) {
        let id = &ids[rng.below(ids.len())];
        let date = start
            .checked_add_days(Days::new(rng.next_u64() % 1500))
            .unwrap_or(start);
        let Some(tl) = lib.timeline(id) else { continue };
        let t = Instant::now();
        if let Ok(c) = consolidate::consolidate(tl, date) {
            std::hint::black_box(c.nodes.len());
        }
        times.push(t.elapsed());
    }
    times.sort();
    let (c50, c99) = (percentile(&times, 0.5), percentile(&times, 0.99));
    if json {
        print_json(&json!({
            "dir": dir, "acts": lib.len(), "versions": lib.version_count(), "errors": loaded.errors.len(),
            "seconds": secs, "peak_rss_mib": rss, "resident_after_load_mib": resident, "consolidate_p50_us": c50, "consolidate_p99_us": c99,
            "threads": std::thread::available_parallelism().map_or(1, |n| n.get()),
        }))?;
    } else {
        outln!(
            "load {}: {} acts, {} versions, {} errors in {:.2} s, peak RSS {:.0} MiB",
            dir.display(),
            lib.len(),
            lib.version_count(),
            loaded.errors.len(),
            secs,
            rss
        );
        outln!("  resident after loading: {resident:.0} MiB");
        outln!("  consolidating a random act on a random date: p50 {c50:.1} µs, p99 {c99:.1} µs");
    }
    Ok(if loaded.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn tree_bench(nodes: usize, json: bool) -> Result<ExitCode, CliError> {
    use crate::clause_markdown;
    use crate::library::ActEntry;
    let mut rows = Vec::new();
    for n in [nodes / 4, nodes / 2, nodes] {
        let (act, text) = synth::wide_act(n.max(1));
        let t = Instant::now();
        let base =
            clause_markdown::parse(&text).map_err(|e| CliError::BadArgument(format!("{} format errors", e.len())))?;
        let parse = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let (lib, errors) = Library::build(vec![ActEntry {
            act,
            base,
            ops: Vec::new(),
        }]);
        let build = t.elapsed().as_secs_f64();
        if !errors.is_empty() {
            return Err(CliError::BadArgument(format!("wide act has {} errors", errors.len())));
        }
        let versions = lib.version_count();
        rows.push((n.max(1), versions, parse, build));
    }
    if json {
        print_json(
            &rows
                .iter()
                .map(|(n, v, p, b)| json!({"top_level": n, "versions": v, "parse_seconds": p, "build_seconds": b, "us_per_top_level_node": (p + b) * 1e6 / *n as f64}))
                .collect::<Vec<_>>(),
        )?;
    } else {
        outln!("tree: one act, N top-level paragraphs with one subparagraph each");
        for (n, v, p, b) in &rows {
            outln!(
                "  N = {n:7}  {v:7} versions  parse + nest {p:7.3} s  timeline {b:7.3} s  {:6.2} µs per top-level node",
                (p + b) * 1e6 / *n as f64
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn search_bench(
    dir: &std::path::Path,
    opts: &LoadOptions,
    queries: usize,
    baseline_queries: usize,
    sqlite: bool,
    json: bool,
) -> Result<ExitCode, CliError> {
    use crate::search::{SearchIndex, SearchRequest, When};
    let loaded = crate::corpus::load_with_options(dir, opts)?;
    let lib = &loaded.library;
    let versions = lib.version_count();
    let tmp = std::env::temp_dir().join(format!("nusqa-bench-index-{}", std::process::id()));
    let (idx, stats) = SearchIndex::build(lib, &tmp, "bench", 1)?;
    let throughput = stats.added as f64 / stats.seconds.max(1e-9);
    let mut rng = synth::Rng::new(11);
    let start = NaiveDate::from_ymd_opt(2019, 12, 1).unwrap_or_default();
    let date = |rng: &mut synth::Rng| {
        start
            .checked_add_days(Days::new(rng.next_u64() % 1500))
            .unwrap_or(start)
    };
    // The same queries for both engines: per class, the words, phrase or not, the day.
    let names = ["1 term", "2 terms", "3 terms", "phrase"];
    let workload: Vec<Vec<super::bench_peer::Query>> = [(1, false), (2, false), (3, false), (2, true)]
        .into_iter()
        .map(|(n_terms, phrase)| {
            (0..queries)
                .map(|_| {
                    let terms: Vec<String> = (0..n_terms)
                        .map(|_| synth::root(rng.zipf(synth::VOCABULARY_ROOTS)))
                        .collect();
                    (terms, phrase, date(&mut rng))
                })
                .collect()
        })
        .collect();
    let mut classes = Vec::new();
    for (name, class) in names.into_iter().zip(&workload) {
        let mut times = Vec::with_capacity(queries);
        let mut hits = 0usize;
        for (terms, phrase, day) in class {
            let q = if *phrase {
                format!("\"{}\"", terms.join(" "))
            } else {
                terms.join(" ")
            };
            let req = SearchRequest {
                query: q,
                when: When::AsOf(*day),
                act: None,
                lang: None,
                limit: 10,
                offset: 0,
            };
            let t = Instant::now();
            let res = crate::search::search(&idx, &req)?;
            times.push(t.elapsed());
            hits += res.total;
        }
        times.sort();
        classes.push((
            name,
            percentile(&times, 0.5) / 1000.0,
            percentile(&times, 0.99) / 1000.0,
            hits as f64 / queries.max(1) as f64,
        ));
    }
    // Baseline: consolidate every act on the date and scan its texts with a regex.
    let ids: Vec<RegistryId> = lib.acts().map(|a| a.id).collect();
    let mut base_times = Vec::with_capacity(baseline_queries);
    for _ in 0..baseline_queries {
        let terms: Vec<String> = (0..2).map(|_| synth::root(rng.zipf(synth::VOCABULARY_ROOTS))).collect();
        let res: Vec<regex::Regex> = terms
            .iter()
            .filter_map(|t| regex::Regex::new(&format!("(?i){}", regex::escape(t))).ok())
            .collect();
        let d = date(&mut rng);
        let t = Instant::now();
        let mut found = 0usize;
        for id in &ids {
            let Some(tl) = lib.timeline(id) else { continue };
            let Ok(c) = consolidate::consolidate(tl, d) else {
                continue;
            };
            c.walk(&mut |n| {
                if let Some(text) = n.text
                    && res.iter().all(|r| r.is_match(text))
                {
                    found += 1;
                }
            });
        }
        std::hint::black_box(found);
        base_times.push(t.elapsed());
    }
    base_times.sort();
    let base_p50 = percentile(&base_times, 0.5) / 1000.0;
    let _ = std::fs::remove_dir_all(&tmp);
    let peer = if sqlite {
        let file = std::env::temp_dir().join(format!("nusqa-bench-fts5-{}.db", std::process::id()));
        Some(super::bench_peer::run(lib, &file, &workload)?)
    } else {
        None
    };
    let peer_classes: Vec<(f64, f64, f64)> = peer
        .iter()
        .flat_map(|p| p.classes.iter())
        .map(|(t, hits)| (percentile(t, 0.5) / 1000.0, percentile(t, 0.99) / 1000.0, *hits))
        .collect();
    if json {
        print_json(&json!({
            "acts": lib.len(), "versions": versions, "indexed_docs": stats.added,
            "build_seconds": stats.seconds, "build_docs_per_second_one_thread": throughput, "index_bytes": stats.bytes,
            "classes": classes.iter().map(|(n, p50, p99, hits)| json!({"class": n, "p50_ms": p50, "p99_ms": p99, "avg_total_hits": hits})).collect::<Vec<_>>(),
            "regex_scan_p50_ms": base_p50,
            "speedup_vs_scan_2_terms": base_p50 / classes[1].1.max(1e-9),
            "sqlite_fts5": peer.as_ref().map(|p| json!({
                "rows": p.rows, "build_seconds": p.build_seconds, "bytes": p.bytes,
                "build_ratio": p.build_seconds / stats.seconds.max(1e-9),
                "size_ratio": p.bytes as f64 / (stats.bytes as f64).max(1.0),
                "classes": classes.iter().zip(&peer_classes).map(|((n, p50, p99, _), (q50, q99, hits))| json!({
                    "class": n, "p50_ms": q50, "p99_ms": q99, "avg_total_hits": hits,
                    "p50_ratio": q50 / p50.max(1e-9), "p99_ratio": q99 / p99.max(1e-9),
                })).collect::<Vec<_>>(),
            })),
        }))?;
    } else {
        outln!(
            "search: {} acts, {} versions, {} documents indexed",
            lib.len(),
            versions,
            stats.added
        );
        outln!(
            "  build (1 thread): {:.1} s, {:.0} docs/s, index {:.1} MiB",
            stats.seconds,
            throughput,
            stats.bytes as f64 / 1048576.0
        );
        for (n, p50, p99, hits) in &classes {
            outln!("  {n:8}  p50 {p50:7.2} ms  p99 {p99:7.2} ms  (avg {hits:.0} matching versions)");
        }
        outln!(
            "  regex scan of consolidated texts (2 terms): p50 {base_p50:.1} ms; index is {:.0}× faster",
            base_p50 / classes[1].1.max(1e-9)
        );
        if let Some(p) = &peer {
            outln!(
                "  SQLite FTS5 peer: {} rows, build {:.1} s ({:.2}× tantivy's), {:.1} MiB ({:.2}× tantivy's)",
                p.rows,
                p.build_seconds,
                p.build_seconds / stats.seconds.max(1e-9),
                p.bytes as f64 / 1048576.0,
                p.bytes as f64 / (stats.bytes as f64).max(1.0)
            );
            for ((n, p50, p99, _), (q50, q99, hits)) in classes.iter().zip(&peer_classes) {
                outln!(
                    "  {n:8}  p50 {q50:7.2} ms ({:.1}×)  p99 {q99:7.2} ms ({:.1}×)  (avg {hits:.0} matching versions)",
                    q50 / p50.max(1e-9),
                    q99 / p99.max(1e-9)
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn diff_bench(clauses: usize, changes: usize, runs: usize, json: bool) -> Result<ExitCode, CliError> {
    use crate::diff::{self, DiffOptions, words};
    let opts = SynthOptions {
        acts: 1,
        amendments: changes,
        clauses,
        seed: 5,
    };
    let (lib, errors) = Library::build(synth::generate(opts));
    if !errors.is_empty() {
        return Err(CliError::BadArgument(format!(
            "synthetic corpus has {} errors",
            errors.len()
        )));
    }
    let id = RegistryId::from_parts(2010, 90_000_000);
    let tl = lib.timeline(&id).ok_or_else(|| CliError::NotFound("act".into()))?;
    let (from, to) = (
        NaiveDate::from_ymd_opt(2019, 12, 31).unwrap_or_default(),
        NaiveDate::from_ymd_opt(2030, 1, 1).unwrap_or_default(),
    );
    let d = diff::diff(tl, from, to, DiffOptions::default()).map_err(|e| CliError::NotFound(e.to_string()))?;
    let changed = d.nodes.len();
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(
            diff::diff(tl, from, to, DiffOptions::default()).map_err(|e| CliError::NotFound(e.to_string()))?,
        );
        times.push(t.elapsed());
    }
    times.sort();
    // Baseline: a line diff of the two rendered texts (what a plain text diff tool does).
    let render_text = |date| {
        consolidate::consolidate(tl, date).map(|c| {
            let mut s = String::new();
            c.walk(&mut |n| {
                s.push_str(n.text.unwrap_or(""));
                s.push('\n');
            });
            s
        })
    };
    let (a, b) = (
        render_text(from).map_err(|e| CliError::NotFound(e.to_string()))?,
        render_text(to).map_err(|e| CliError::NotFound(e.to_string()))?,
    );
    let mut base = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(similar::TextDiff::from_lines(&a, &b).ops().len());
        base.push(t.elapsed());
    }
    base.sort();
    // Pathological: two unrelated ~100 KB texts under a 100 ms deadline.
    let mut rng = synth::Rng::new(3);
    let x: String = (0..8_000).map(|_| synth::root(rng.below(5000)) + " ").collect();
    let y: String = (0..8_000).map(|_| synth::root(rng.below(5000) + 5000) + " ").collect();
    let budget = Duration::from_millis(5);
    let t = Instant::now();
    let w = words::word_diff(&x, &y, budget);
    let patho = t.elapsed();
    let (p50, p99, b50) = (
        percentile(&times, 0.5) / 1000.0,
        percentile(&times, 0.99) / 1000.0,
        percentile(&base, 0.5) / 1000.0,
    );
    if json {
        print_json(&json!({
            "clauses": clauses, "operations": changes, "changed_nodes": changed, "structural_diff_p50_ms": p50, "structural_diff_p99_ms": p99,
            "line_diff_baseline_p50_ms": b50, "pathological_bytes": [x.len(), y.len()], "pathological_ms": patho.as_secs_f64() * 1000.0,
            "pathological_coarse": w.coarse, "deadline_ms": 5,
        }))?;
    } else {
        outln!("diff: {clauses}-clause act, {changes} operations between the dates, {changed} changed nodes");
        outln!("  structural + word diff   p50 {p50:.2} ms  p99 {p99:.2} ms");
        outln!("  baseline: line diff of the rendered texts  p50 {b50:.2} ms");
        outln!(
            "  pathological: {} KB vs {} KB unrelated texts, deadline 5 ms: {:.1} ms, coarse = {}",
            x.len() / 1024,
            y.len() / 1024,
            patho.as_secs_f64() * 1000.0,
            w.coarse
        );
    }
    Ok(ExitCode::SUCCESS)
}

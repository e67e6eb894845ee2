//! `bench publish --end-to-end` and `bench crash --server`: the publication as ministry
//! staff make it, through the draft desk, rather than the bare corpus transaction.
//!
//! * `bench publish --end-to-end`: an approved draft of Order No. 429
//!   ([`fixtures::prepare_publication`]) published by
//!   [`publishing::publish_draft`] as the server does it: the corpus lock, the
//!   transaction with its fsyncs and audit entry, the draft marked published, the act
//!   added to the loaded library (rebuilding the seven acts it amends) and the search
//!   index updated incrementally. The loaded library and the index exist before the
//!   clock starts, as in a running server. The baseline, measured in the same run on
//!   copies of the same corpus, is the bare transaction of `bench publish`.
//! * `bench crash --server`: a real `nusqa serve` killed with SIGKILL while it
//!   publishes the draft over HTTP, N times; after each kill
//!   [`crash_drill::examine`] recovers and examines the corpus (all or nothing), and a
//!   restarted server must serve the act exactly when it is there.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use serde_json::json;

use super::bench_publish::{bare_publish_ms, percentile, scratch_dir};
use super::{CliError, print_json};
use crate::corpus::{self, CorpusLock, LoadOptions, PublicationFiles, write::act_dir};
use crate::crash_drill::{self, Server};
use crate::fixtures::{self, ORDER_429, PreparedPublication};
use crate::model::RegistryId;
use crate::publishing;
use crate::search::SearchIndex;
use crate::state::{Principal, Role};
use crate::synth::Rng;
use crate::web::client;

/// The operations Order No. 429 holds when whole.
const ORDER_429_OPERATIONS: usize = 40;

fn bad<E: std::fmt::Display>(e: E) -> CliError {
    CliError::BadArgument(e.to_string())
}

fn order_429() -> Result<RegistryId, CliError> {
    ORDER_429.parse().map_err(bad)
}

/// `nusqa bench publish --end-to-end --runs N`.
pub fn publish_end_to_end_bench(
    root: &Path,
    opts: &LoadOptions,
    runs: usize,
    scratch: Option<&Path>,
    json_out: bool,
) -> Result<ExitCode, CliError> {
    let id = order_429()?;
    let files = PublicationFiles::read_published(&act_dir(root, &id), opts)?;
    let base = scratch_dir(scratch, "publish-e2e");
    let alice = Principal {
        name: "alice".into(),
        role: Role::Publisher,
    };
    let (mut desk_ms, mut bare_ms, mut reindexed) = (Vec::new(), Vec::new(), 0usize);
    for run in 0..runs.max(1) {
        // The baseline first, then the desk, alternating within a run so that drift in
        // the machine's speed touches both alike.
        bare_ms.push(bare_publish_ms(root, opts, &files, &base.join(format!("bare-{run}")))?);

        let dir = base.join(format!("desk-{run}"));
        let ready: PreparedPublication = fixtures::prepare_publication(root, &dir).map_err(bad)?;
        let generation = corpus::generation::generation(&ready.corpus, opts)?;
        let library = corpus::load_with_options(&ready.corpus, opts)?.library;
        let (index, _) = SearchIndex::build(&library, &dir.join("index"), &generation, 1).map_err(bad)?;
        let desk = publishing::drafts::desk(&ready.corpus, opts, &ready.state).map_err(bad)?;

        let t = Instant::now();
        let lock = CorpusLock::acquire(&ready.corpus)?;
        let done =
            publishing::publish_draft(&lock, &desk, &alice, &ready.draft, &library, Some(&index)).map_err(bad)?;
        drop(lock);
        desk_ms.push(t.elapsed().as_secs_f64() * 1000.0);

        reindexed = done.reindexed.map_or(0, |s| s.added);
        let _ = std::fs::remove_dir_all(&dir);
    }
    let _ = std::fs::remove_dir_all(&base);
    desk_ms.sort_by(f64::total_cmp);
    bare_ms.sort_by(f64::total_cmp);
    let (p50, p99) = (percentile(&desk_ms, 0.5), percentile(&desk_ms, 0.99));
    let (b50, b99) = (percentile(&bare_ms, 0.5), percentile(&bare_ms, 0.99));
    let ratio = if b50 > 0.0 { p50 / b50 } else { 0.0 };
    if json_out {
        print_json(&json!({
            "act": ORDER_429, "runs": desk_ms.len(), "reindexed_clause_versions": reindexed,
            "end_to_end": {"p50_ms": p50, "p99_ms": p99, "max_ms": desk_ms.last()},
            "baseline_transaction": {"p50_ms": b50, "p99_ms": b99, "max_ms": bare_ms.last()},
            "ratio_p50": ratio,
        }))?;
    } else {
        outln!(
            "publish {ORDER_429} through the desk, end to end ({} runs, {reindexed} clause versions reindexed): p50 {p50:.1} ms, p99 {p99:.1} ms, max {:.1} ms",
            desk_ms.len(),
            desk_ms.last().copied().unwrap_or(0.0)
        );
        outln!(
            "baseline, the bare corpus transaction: p50 {b50:.1} ms, p99 {b99:.1} ms; end to end / baseline at p50: {ratio:.2}"
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// What the uninterrupted publication over HTTP took: the whole request, and its
/// transaction (from the staging directory's appearance to the answer).
struct Windows {
    request: Duration,
    transaction: Duration,
}

/// A drill's server: started on the prepared publication, ready to answer.
fn serve(exe: &Path, ready: &PreparedPublication, index: &Path, pause_ms: u64) -> Result<Server, CliError> {
    let mut server = Server::spawn(exe, &ready.corpus, &ready.state, index, pause_ms).map_err(bad)?;
    server.wait_ready(Duration::from_secs(120)).map_err(bad)?;
    Ok(server)
}

/// Sends the publication request on a thread; the thread answers its status.
fn post_publish(port: u16, ready: &PreparedPublication) -> std::thread::JoinHandle<Option<u16>> {
    let path = format!("/api/drafts/{}/publish", ready.draft);
    let token = ready.token.expose().to_string();
    std::thread::spawn(move || client::status(port, "POST", &path, Some(&token)).ok())
}

/// Waits until the staging directory under `corpus` appears or the request is answered.
fn until_staged(corpus: &Path, request: &std::thread::JoinHandle<Option<u16>>) -> Instant {
    let staging = corpus.join(corpus::transaction::STAGING_DIR);
    let start = Instant::now();
    while !staging.exists() && !request.is_finished() && start.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_micros(50));
    }
    Instant::now()
}

/// `nusqa bench crash --server --runs N`.
pub fn crash_server_bench(
    root: &Path,
    opts: &LoadOptions,
    runs: u32,
    seed: u64,
    scratch: Option<&Path>,
    json_out: bool,
) -> Result<ExitCode, CliError> {
    let exe = std::env::current_exe()?;
    let id = order_429()?;
    let base = scratch_dir(scratch, "crash-server");
    // Debug builds pause between the transaction's steps when asked; release builds
    // ignore the pause, so the kills are spread over the measured transaction instead.
    let pause_ms = if cfg!(debug_assertions) { 5 } else { 0 };
    let prepare = |name: &str| -> Result<(PreparedPublication, PathBuf), CliError> {
        let dir = base.join(name);
        let ready = fixtures::prepare_publication(root, &dir).map_err(bad)?;
        Ok((ready, dir.join("index")))
    };

    let (ready, index) = prepare("uninterrupted")?;
    let mut server = serve(&exe, &ready, &index, pause_ms)?;
    let t = Instant::now();
    let request = post_publish(server.port, &ready);
    let staged = until_staged(&ready.corpus, &request);
    let status = request.join().ok().flatten();
    let windows = Windows {
        request: t.elapsed(),
        transaction: staged.elapsed(),
    };
    server.kill()?;
    if status != Some(201) {
        let _ = std::fs::remove_dir_all(&base);
        return Err(CliError::BadArgument(format!(
            "the uninterrupted publication over HTTP answered {status:?}, not 201"
        )));
    }

    let mut rng = Rng::new(seed);
    let (mut landed, mut absent, mut completed, mut rolled_back) = (0u32, 0u32, 0u32, 0u32);
    let mut failures = Vec::new();
    for run in 0..runs {
        let (ready, index) = prepare(&format!("run-{run}"))?;
        let mut server = serve(&exe, &ready, &index, pause_ms)?;
        // Even runs: a moment of the whole request. Odd runs: a moment of the
        // transaction itself, so that its steps are hit often.
        let in_transaction = run % 2 == 1;
        let span = if in_transaction {
            windows.transaction
        } else {
            windows.request
        };
        let window = u64::try_from(span.as_micros()).unwrap_or(u64::MAX).saturating_mul(3) / 2;
        let delay = Duration::from_micros(rng.next_u64() % window.max(1));
        let request = post_publish(server.port, &ready);
        if in_transaction {
            until_staged(&ready.corpus, &request);
        }
        std::thread::sleep(delay);
        server.kill()?;
        let answered = request.join().ok().flatten();

        let verdict = crash_drill::examine(&ready.corpus, opts, &id)?;
        completed += u32::from(verdict.recovery.completed.is_some());
        rolled_back += u32::from(verdict.recovery.rolled_back.is_some());
        let mut problems = verdict.problems(ORDER_429_OPERATIONS);
        if answered == Some(201) && !verdict.present {
            problems.push("answered 201, yet the act is absent".into());
        }
        let mut again = serve(&exe, &ready, &index, 0)?;
        let want = if verdict.present { 200 } else { 404 };
        let got = client::status(again.port, "GET", &format!("/api/acts/{ORDER_429}"), None).ok();
        again.kill()?;
        if got != Some(want) {
            problems.push(format!("the restarted server answered {got:?}, not {want}"));
        }
        if !problems.is_empty() {
            failures.push(format!(
                "run {run} (kill after {} µs{}): {}",
                delay.as_micros(),
                if in_transaction { " of the transaction" } else { "" },
                problems.join("; ")
            ));
        }
        if verdict.present {
            landed += 1;
        } else {
            absent += 1;
        }
        let _ = std::fs::remove_dir_all(base.join(format!("run-{run}")));
    }
    let _ = std::fs::remove_dir_all(&base);
    if json_out {
        print_json(&json!({
            "runs": runs, "request_ms": windows.request.as_secs_f64() * 1000.0,
            "transaction_ms": windows.transaction.as_secs_f64() * 1000.0, "step_pause_ms": pause_ms,
            "landed": landed, "absent": absent, "recovered_completed": completed,
            "recovered_rolled_back": rolled_back, "failures": failures,
        }))?;
    } else {
        outln!(
            "{runs} kills of `nusqa serve` publishing {ORDER_429} over HTTP (request {:.1} ms, transaction {:.1} ms, step pause {pause_ms} ms): {landed} landed whole, {absent} absent; recovery completed {completed} and rolled back {rolled_back}; {} failure(s)",
            windows.request.as_secs_f64() * 1000.0,
            windows.transaction.as_secs_f64() * 1000.0,
            failures.len()
        );
    }
    Ok(super::bench_publish::outcome(&failures, !json_out))
}

//! `bench publish` and `bench crash`: the write path's speed, and its all-or-nothing
//! promise under kill -9.
//!
//! * `bench publish`: publishes Order No. 429 (40 operations over seven acts) into a
//!   copy of the corpus without it, end to end in process as the API will (lock,
//!   recovery, checking against the corpus, staging, fsyncs, rename, audit append);
//!   p50 and p99 over N runs, each into a fresh copy.
//! * `bench crash`: runs `nusqa publish` as a child process and kills it with SIGKILL,
//!   N times: on even runs at a random moment within 1.5 times an uninterrupted run of
//!   the process, on odd runs at a random moment of the transaction itself (from the
//!   staging directory's appearance to 1.5 times the transaction's measured length), so
//!   that the steps after loading are hit often in a release build too; after each,
//!   recovery runs, the corpus must load without errors, the audit chain must
//!   verify, and the act must be entirely there (with its audit entry) or absent.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;

use super::{CliError, print_json};
use crate::audit::{Action, AuditDraft};
use crate::corpus::{self, CorpusLock, LoadOptions, PublicationFiles, audit_log, write::act_dir};
use crate::model::RegistryId;
use crate::synth::Rng;

const ORDER_429: &str = "V2500037008";

/// The scratch directory of one benchmark of this process.
pub(super) fn scratch_dir(scratch: Option<&Path>, what: &str) -> PathBuf {
    scratch
        .map(Path::to_path_buf)
        .unwrap_or_else(std::env::temp_dir)
        .join(format!("nusqa-bench-{what}-{}", std::process::id()))
}

/// The `p` quantile (0..=1) of sorted figures.
pub(super) fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// `nusqa bench publish --runs N`.
pub fn publish_bench(
    root: &Path,
    opts: &LoadOptions,
    runs: usize,
    scratch: Option<&Path>,
    json_out: bool,
) -> Result<ExitCode, CliError> {
    let id: RegistryId = ORDER_429.parse().map_err(|e| CliError::BadArgument(format!("{e}")))?;
    let files = PublicationFiles::read_published(&act_dir(root, &id), opts)?;
    let base = scratch_dir(scratch, "publish");
    let mut times = Vec::with_capacity(runs);
    for run in 0..runs.max(1) {
        times.push(bare_publish_ms(root, opts, &files, &base.join(format!("run-{run}")))?);
    }
    let _ = std::fs::remove_dir_all(&base);
    times.sort_by(f64::total_cmp);
    let (p50, p99) = (percentile(&times, 0.5), percentile(&times, 0.99));
    let bytes: usize = files.list().iter().map(|(_, b)| b.len()).sum();
    if json_out {
        print_json(
            &json!({"act": ORDER_429, "runs": times.len(), "bytes": bytes, "p50_ms": p50, "p99_ms": p99, "max_ms": times.last()}),
        )?;
    } else {
        outln!(
            "publish {ORDER_429} ({bytes} bytes, 40 operations), {} runs: p50 {p50:.1} ms, p99 {p99:.1} ms, max {:.1} ms",
            times.len(),
            times.last().copied().unwrap_or(0.0)
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Publishes Order No. 429's `files` into `copy`, a fresh copy of `root` without it,
/// with the bare corpus transaction (lock, recovery, check, staging, fsyncs, rename,
/// audit append); the milliseconds that took. The copy is removed afterwards.
pub(super) fn bare_publish_ms(
    root: &Path,
    opts: &LoadOptions,
    files: &PublicationFiles,
    copy: &Path,
) -> Result<f64, CliError> {
    let id: RegistryId = ORDER_429.parse().map_err(|e| CliError::BadArgument(format!("{e}")))?;
    corpus::write::copy_tree(
        root,
        copy,
        &[act_dir(root, &id).as_path(), &root.join(audit_log::AUDIT_FILE)],
    )?;
    let t = Instant::now();
    let lock = CorpusLock::acquire(copy)?;
    let audit = AuditDraft::new("bench", Action::Publish, ORDER_429, &files.act_json);
    corpus::publish(&lock, copy, opts, files, audit).map_err(|e| CliError::BadArgument(e.to_string()))?;
    drop(lock);
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    let _ = std::fs::remove_dir_all(copy);
    Ok(ms)
}

/// Writes the prepared directory of synthetic act `V25999990NN` (made up, labelled
/// synthetic) under `parent`.
fn synthetic_fixture(parent: &Path, n: u32) -> Result<(PathBuf, String), CliError> {
    let id = format!("V25{:08}", 99_999_000 + n);
    let dir = parent.join(&id);
    std::fs::create_dir_all(&dir)?;
    let act = json!({
        "id": id,
        "work_uri": format!("/akn/kz/act/order/2025-11-01/{}", 9000 + n),
        "kind": "order",
        "issuer": {"office": "Synthetic test issuer", "acting": false},
        "date": "2025-11-01",
        "number": (9000 + n).to_string(),
        "registration": {"number": 99_999_000 + n, "date": "2025-11-03"},
        "titles": {"kk": format!("Сынақ бұйрығы {n} (синтетикалық)")},
        "synthetic": true,
    });
    std::fs::write(dir.join("act.json"), act.to_string())?;
    let text: String = (1..=200)
        .map(|i| format!("# para_{i} [{i}]\nСынақ мәтінінің {i}-тармағы.\n\n"))
        .collect();
    std::fs::write(dir.join("text.kk.md"), text)?;
    Ok((dir, id))
}

/// `nusqa bench crash --runs N`.
pub fn crash_bench(
    root: &Path,
    opts: &LoadOptions,
    runs: u32,
    seed: u64,
    scratch: Option<&Path>,
    json_out: bool,
) -> Result<ExitCode, CliError> {
    if runs > 900 {
        return Err(CliError::BadArgument(
            "at most 900 runs (synthetic ids V2599999001…)".into(),
        ));
    }
    let exe = std::env::current_exe()?;
    let base = scratch_dir(scratch, "crash");
    let copy = base.join("corpus");
    corpus::write::copy_tree(root, &copy, &[])?;
    let fixtures = base.join("fixtures");
    let spawn = |dir: &Path| {
        Command::new(&exe)
            .arg("--corpus")
            .arg(&copy)
            .arg("--max-file-mib")
            .arg((opts.max_file_bytes / (1024 * 1024)).max(1).to_string())
            .arg("publish")
            .arg(dir)
            .env("NUSQA_CRASH_TEST_DELAY_MS", "5")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
    };
    let staging = copy.join(corpus::transaction::STAGING_DIR);
    // Waits until the child's transaction starts (its staging directory appears) or
    // it exits; returns when that was.
    let until_staged = |child: &mut std::process::Child| -> std::io::Result<Instant> {
        loop {
            if staging.exists() || child.try_wait()?.is_some() {
                return Ok(Instant::now());
            }
            std::thread::sleep(Duration::from_micros(50));
        }
    };
    // One uninterrupted publication gives the windows the kills are spread over.
    let (dir, _) = synthetic_fixture(&fixtures, 1)?;
    let t = Instant::now();
    let mut child = spawn(&dir)?;
    let staged = until_staged(&mut child)?;
    let status = child.wait()?;
    let full = t.elapsed();
    let transaction = staged.elapsed();
    if !status.success() {
        return Err(CliError::BadArgument("an uninterrupted publication failed".into()));
    }
    let mut rng = Rng::new(seed);
    let (mut landed, mut absent, mut completed, mut rolled_back, mut failures) = (0u32, 0u32, 0u32, 0u32, Vec::new());
    for run in 0..runs {
        let (dir, id) = synthetic_fixture(&fixtures, run + 2)?;
        let in_transaction = run % 2 == 1;
        let span = if in_transaction { transaction } else { full };
        let window = u64::try_from(span.as_micros()).unwrap_or(u64::MAX).saturating_mul(3) / 2;
        let delay = Duration::from_micros(rng.next_u64() % window.max(1));
        let mut child = spawn(&dir)?;
        if in_transaction {
            until_staged(&mut child)?;
        }
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        let recovery = corpus::recover_if_needed(&copy, opts)?;
        completed += u32::from(recovery.completed.is_some());
        rolled_back += u32::from(recovery.rolled_back.is_some());
        let loaded = corpus::load_with_options(&copy, opts)?;
        let verified = audit_log::verify(&copy, opts)?;
        let id_: RegistryId = id.parse().map_err(|e| CliError::BadArgument(format!("{e}")))?;
        let present = act_dir(&copy, &id_).exists();
        let audited = audit_log::entries(&copy, opts)?
            .iter()
            .filter(|e| e.subject == id && e.action == Action::Publish)
            .count();
        let whole = present
            && ["act.json", "text.kk.md"]
                .iter()
                .all(|f| std::fs::read(act_dir(&copy, &id_).join(f)).ok() == std::fs::read(dir.join(f)).ok());
        let fine =
            loaded.errors.is_empty() && verified.is_ok() && (present == whole) && audited == usize::from(present);
        if !fine {
            failures.push(format!(
                "run {run} ({id}, kill after {} ms): {} corpus error(s), audit {:?}, present {present}, whole {whole}, {audited} audit entr(y/ies)",
                delay.as_millis(),
                loaded.errors.len(),
                verified.err().map(|b| b.to_string())
            ));
        }
        if present {
            landed += 1;
        } else {
            absent += 1;
        }
    }
    let _ = std::fs::remove_dir_all(&base);
    if json_out {
        print_json(
            &json!({"runs": runs, "process_ms": full.as_secs_f64() * 1000.0, "transaction_ms": transaction.as_secs_f64() * 1000.0, "landed": landed, "absent": absent,
            "recovered_completed": completed, "recovered_rolled_back": rolled_back, "failures": failures}),
        )?;
    } else {
        outln!(
            "{runs} kills of `nusqa publish` (process {:.1} ms, transaction {:.1} ms): {landed} landed whole, {absent} absent; recovery completed {completed} and rolled back {rolled_back}; {} failure(s)",
            full.as_secs_f64() * 1000.0,
            transaction.as_secs_f64() * 1000.0,
            failures.len()
        );
    }
    Ok(outcome(&failures, !json_out))
}

/// Prints each failure under a crash bench's summary line (unless the output is JSON,
/// which holds them); success when there is none.
pub(super) fn outcome(failures: &[String], print: bool) -> ExitCode {
    if print {
        for f in failures {
            outln!("  {f}");
        }
    }
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

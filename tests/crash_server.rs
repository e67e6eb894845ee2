//! Kill -9 of the server in the middle of a publication over HTTP: after each kill the
//! corpus checks, the audit chain verifies, and Order 429 is entirely there (act, text,
//! operations, one audit entry) or entirely absent; a restarted server serves it or not
//! accordingly.

use std::path::Path;
use std::time::{Duration, Instant};

use nusqa::corpus;
use nusqa::crash_drill::Server;
use nusqa::fixtures::prepare_publication;
use nusqa::web::client;

const RUNS: u64 = 10;

/// A raw HTTP/1.1 request; the status, or `None` when the connection failed.
fn http(port: u16, method: &str, path: &str, token: Option<&str>) -> Option<u16> {
    client::status(port, method, path, token).ok()
}

fn serve(corpus: &Path, state: &Path, index: &Path) -> Server {
    let mut server = Server::spawn(Path::new(env!("CARGO_BIN_EXE_nusqa")), corpus, state, index, 25).unwrap();
    server.wait_ready(Duration::from_secs(60)).unwrap();
    server
}

#[test]
fn kill_9_of_the_server_mid_publication_leaves_all_or_nothing() {
    let (mut landed, mut absent) = (0, 0);
    for run in 0..RUNS {
        let tmp = tempfile::tempdir().unwrap();
        let ready = prepare_publication(&crate::support::bundled_corpus(), tmp.path()).unwrap();
        let (corpus, state, draft) = (ready.corpus, ready.state, ready.draft);
        let token = ready.token.expose().to_string();
        let index = tmp.path().join("index");
        let mut server = serve(&corpus, &state, &index);
        let port = server.port;
        let path = format!("/api/drafts/{draft}/publish");
        let client = std::thread::spawn(move || http(port, "POST", &path, Some(&token)));
        // The publication pauses 25 ms between its steps. The first kill comes before its
        // transaction starts; the others once its staging directory appears, spread over
        // 0..250 ms after, so that they fall between every pair of steps and after the last.
        if run > 0 {
            let start = Instant::now();
            while !corpus.join(".staging").exists()
                && start.elapsed() < Duration::from_secs(30)
                && !client.is_finished()
            {
                std::thread::sleep(Duration::from_micros(200));
            }
            std::thread::sleep(Duration::from_millis((run - 1) * 250 / (RUNS - 2) + (run * 7) % 5));
        }
        server.kill().unwrap();
        let _ = client.join();

        crate::support::nusqa_ok(&corpus, &["check"]);
        crate::support::nusqa_ok(&corpus, &["audit", "verify"]);
        assert!(!corpus.join(".publishing.json").exists() && !corpus.join(".staging").exists());
        let dir = corpus.join("acts/V25/V2500037008");
        let entries = corpus::audit_log::entries(&corpus, &corpus::LoadOptions::default())
            .unwrap()
            .into_iter()
            .filter(|e| e.subject == "V2500037008" && e.action == nusqa::audit::Action::Publish)
            .count();
        let lib = corpus::load(&corpus).unwrap().library;
        let there = dir.exists();
        if there {
            assert_eq!(entries, 1, "run {run}: in place, one audit entry");
            assert_eq!(lib.ops_by(&"V2500037008".parse().unwrap()).len(), 40, "run {run}");
            landed += 1;
        } else {
            assert_eq!(entries, 0, "run {run}: absent, no audit entry");
            absent += 1;
        }
        // A restarted server serves what the corpus holds.
        let mut again = serve(&corpus, &state, &index);
        let want = if there { 200 } else { 404 };
        assert_eq!(
            http(again.port, "GET", "/api/acts/V2500037008", None),
            Some(want),
            "run {run}"
        );
        again.kill().unwrap();
    }
    assert!(
        landed > 0 && absent > 0,
        "landed {landed}, absent {absent}: the kills missed the publication"
    );
}

/// `nusqa bench crash --server` kills a real server mid-publication and reports every
/// run as landed or absent, with no failure; its JSON adds up.
#[test]
fn bench_crash_server_reports_every_kill_and_no_failure() {
    let out = crate::support::nusqa_ok(
        &crate::support::bundled_corpus(),
        &["bench", "crash", "--server", "--runs", "2", "--seed", "5", "--json"],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["failures"].as_array().map(Vec::len), Some(0), "{v}");
    assert_eq!(v["landed"].as_u64().unwrap() + v["absent"].as_u64().unwrap(), 2, "{v}");
    assert!(v["request_ms"].as_f64().is_some_and(|ms| ms > 0.0), "{v}");
    assert!(v["transaction_ms"].as_f64().is_some_and(|ms| ms > 0.0), "{v}");
}

/// `nusqa bench publish --end-to-end` times the desk's publication against the bare
/// transaction measured in the same run: the desk does more, so its p50 is larger.
#[test]
fn bench_publish_end_to_end_measures_against_the_bare_transaction() {
    let out = crate::support::nusqa_ok(
        &crate::support::bundled_corpus(),
        &["bench", "publish", "--end-to-end", "--runs", "2", "--json"],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let (desk, bare) = (
        v["end_to_end"]["p50_ms"].as_f64().unwrap(),
        v["baseline_transaction"]["p50_ms"].as_f64().unwrap(),
    );
    assert!(bare > 0.0 && desk > bare, "{v}");
    assert!(v["reindexed_clause_versions"].as_u64().is_some_and(|n| n > 0), "{v}");
    assert_eq!(v["runs"].as_u64(), Some(2));
}

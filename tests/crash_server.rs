//! Kill -9 of the server in the middle of a publication over HTTP: after each kill the
//! corpus checks, the audit chain verifies, and Order 429 is entirely there (act, text,
//! operations, one audit entry) or entirely absent; a restarted server serves it or not
//! accordingly.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use nusqa::corpus;
use nusqa::publishing::{Desk, DraftInput, create_token};
use nusqa::state::{DraftSource, DraftStore, Principal, Role, StateDir};

const RUNS: u64 = 10;

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A raw HTTP/1.1 request; the status, or `None` when the connection failed.
fn http(port: u16, method: &str, path: &str, token: Option<&str>) -> Option<u16> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    let auth = token
        .map(|t| format!("Authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    let req =
        format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\n{auth}Content-Length: 0\r\nConnection: close\r\n\r\n");
    s.write_all(req.as_bytes()).ok()?;
    let mut out = Vec::new();
    s.read_to_end(&mut out).ok()?;
    let head = String::from_utf8_lossy(&out);
    head.split_whitespace().nth(1)?.parse().ok()
}

fn serve(corpus: &Path, state: &Path, index: &Path, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_nusqa"))
        .arg("--corpus")
        .arg(corpus)
        .arg("--state")
        .arg(state)
        .args(["serve", "--addr", &format!("127.0.0.1:{port}"), "--index"])
        .arg(index)
        .env("NUSQA_CRASH_TEST_DELAY_MS", "25")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn wait_ready(port: u16, child: &mut Child) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(60) {
        if http(port, "GET", "/api/acts", None) == Some(200) {
            return;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("the server exited before answering: {status}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("the server did not answer within 60 s");
}

/// A corpus without Order 429, a publisher token, and Order 429 submitted and approved.
fn prepared(dir: &Path) -> (PathBuf, PathBuf, String, String) {
    let corpus = dir.join("corpus");
    crate::support::copy_without_429(&corpus);
    let state = dir.join("state");
    let sdir = StateDir::open(&state).unwrap();
    let token = create_token(&sdir, &corpus, "alice", Role::Publisher, "test").unwrap();
    let lib = corpus::load(&corpus).unwrap().library;
    let desk = Desk {
        corpus: corpus.clone(),
        opts: corpus::LoadOptions::default(),
        drafts: DraftStore::new(sdir),
    };
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/acts/V25/V2500037008");
    let meta = serde_json::from_slice(&std::fs::read(src.join("act.json")).unwrap()).unwrap();
    let text = crate::draft_text::order_429_plain();
    let who = |name: &str| Principal {
        name: name.into(),
        role: Role::Publisher,
    };
    let input = DraftInput {
        meta,
        text: [("kk".to_string(), text)].into_iter().collect(),
        source: DraftSource {
            kind: "text".into(),
            file_name: None,
            sha256: String::new(),
        },
    };
    let (draft, _) = desk.submit(&who("alice"), &lib, input).unwrap();
    desk.approve(&who("bob"), &draft.id, &lib).unwrap();
    (corpus, state, token.expose().to_string(), draft.id)
}

fn ok(corpus: &Path, args: &[&str]) {
    let out = crate::support::nusqa(corpus, args);
    assert!(
        out.status.success(),
        "nusqa {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn kill_9_of_the_server_mid_publication_leaves_all_or_nothing() {
    let (mut landed, mut absent) = (0, 0);
    for run in 0..RUNS {
        let tmp = tempfile::tempdir().unwrap();
        let (corpus, state, token, draft) = prepared(tmp.path());
        let index = tmp.path().join("index");
        let port = free_port();
        let mut server = serve(&corpus, &state, &index, port);
        wait_ready(port, &mut server);
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
        let _ = server.kill();
        let _ = server.wait();
        let _ = client.join();

        ok(&corpus, &["check"]);
        ok(&corpus, &["audit", "verify"]);
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
        let port = free_port();
        let mut again = serve(&corpus, &state, &index, port);
        wait_ready(port, &mut again);
        let want = if there { 200 } else { 404 };
        assert_eq!(
            http(port, "GET", "/api/acts/V2500037008", None),
            Some(want),
            "run {run}"
        );
        let _ = again.kill();
        let _ = again.wait();
    }
    assert!(
        landed > 0 && absent > 0,
        "landed {landed}, absent {absent}: the kills missed the publication"
    );
}

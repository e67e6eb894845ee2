//! The web UI in a real browser: `tests/browser/journeys.mjs` drives Debian's Chromium
//! (playwright-core) through the journeys a lawyer makes, and runs axe-core on the main
//! pages, against the real `nusqa serve` on a copy of the bundled corpus.
//!
//! Needs `chromium` (Debian's, at /usr/bin/chromium, or `CHROMIUM`), `node` and
//! `npm ci` in tests/browser: `.ci/run` installs them (see the README). When any is
//! missing the test fails and says so; it never passes without running the journeys.
//! Screenshots go to `target/browser-screenshots/` (test output, not committed).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const INSTALL: &str = "install them with `bash .ci/run`, or the README's set-up commands \
    (`apt-get install -y chromium chromium-driver` and \
    `cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci`)";

/// Kills the server when the test ends, passed or not.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The status of `GET path`, or `None` when the connection failed.
fn status(port: u16, path: &str) -> Option<u16> {
    nusqa::web::client::status(port, "GET", path, None).ok()
}

/// What the journeys need and where it is: the browser, node and the npm packages.
/// Fails naming whatever is missing and how to install it.
fn prerequisites(dir: &Path) -> PathBuf {
    let chromium = std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    let mut missing = Vec::new();
    if !chromium.is_file() {
        missing.push(format!("Chromium ({} does not exist)", chromium.display()));
    }
    let node = Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        missing.push("node (not on PATH)".to_string());
    }
    for package in ["playwright-core", "axe-core"] {
        if !dir.join("node_modules").join(package).join("package.json").is_file() {
            missing.push(format!("the npm package {package} (tests/browser/node_modules)"));
        }
    }
    assert!(
        missing.is_empty(),
        "the browser tests cannot run: missing {}; {INSTALL}",
        missing.join(", ")
    );
    chromium
}

#[test]
fn journeys_in_chromium_and_axe_find_nothing_serious() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let chromium = prerequisites(&dir);

    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    crate::support::copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"), &corpus);
    // The registry's seed does not date Order 429's first publication; the journeys
    // need its changes in force (paragraph 4 of Order 350 from 2025-12-06), so the copy
    // records it on 2025-10-06, as the API tests do.
    crate::support::nusqa_ok(&corpus, &["event", "V2500037008", "publication", "2025-10-06"]);
    let state = tmp.path().join("state");
    let token_out = crate::support::nusqa_ok(
        &corpus,
        &[
            "--state",
            state.to_str().unwrap(),
            "token",
            "create",
            "--role",
            "publisher",
            "--name",
            "browser",
        ],
    );
    let token = token_out.lines().last().unwrap_or_default().trim().to_string();
    assert!(!token.is_empty(), "no token printed: {token_out}");

    let port = free_port();
    let log = tmp.path().join("serve.log");
    let child = Command::new(env!("CARGO_BIN_EXE_nusqa"))
        .arg("--corpus")
        .arg(&corpus)
        .arg("--state")
        .arg(&state)
        .args(["serve", "--addr", &format!("127.0.0.1:{port}"), "--index"])
        .arg(tmp.path().join("index"))
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let mut server = Server(child);
    let start = Instant::now();
    while status(port, "/api/acts") != Some(200) {
        if let Ok(Some(exit)) = server.0.try_wait() {
            panic!(
                "the server exited ({exit}) before answering: {}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "the server did not answer within 120 s"
        );
        std::thread::sleep(Duration::from_millis(100));
    }

    // `target/browser-screenshots`, beside the test's scratch directory `target/tmp`.
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("browser-screenshots");
    let out = Command::new("node")
        .arg(dir.join("journeys.mjs"))
        .arg(format!("http://127.0.0.1:{port}"))
        .arg(&shots)
        .env("CHROMIUM", &chromium)
        .env("NUSQA_TOKEN", &token)
        .current_dir(&dir)
        .output()
        .unwrap();
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "the browser journeys failed ({}); screenshots in {}:\n{report}",
        out.status,
        shots.display()
    );
    // Every journey ran and passed: the script's own count, not only its exit code.
    assert!(
        report
            .lines()
            .any(|l| l.starts_with("journeys: ") && l.ends_with(" passed, 0 failed")),
        "{report}"
    );
    eprintln!("{report}");
}

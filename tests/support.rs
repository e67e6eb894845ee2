//! Helpers shared by the integration tests.

use chrono::NaiveDate;
use nusqa::consolidate::{Consolidated, Status};

/// A date from `YYYY-MM-DD`.
pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap_or_else(|e| panic!("bad date {s}: {e}"))
}

/// One line per node: `eid [num] status: text` (text lines joined by ` / `), in
/// document order. The form the data-driven cases expect.
pub fn compact(c: &Consolidated<'_>) -> Vec<String> {
    let mut out = Vec::new();
    c.walk(&mut |n| {
        let status = match n.status {
            Status::InForce => "in_force",
            Status::Repealed => "repealed",
            Status::NotHeld => "not_held",
            Status::Pending => "pending",
        };
        let num = n.num.map(|x| format!(" [{x}]")).unwrap_or_default();
        let text = n.text.map(|t| t.replace('\n', " / ")).unwrap_or_default();
        out.push(format!("{}{num} {status}: {text}", n.eid).trim_end().to_string());
    });
    out
}

/// A minimal order adopted on `date`, labelled synthetic; adjust fields with struct
/// update syntax.
pub fn act(id: &str, date: &str) -> nusqa::model::Act {
    use nusqa::model::{Act, ActKind, Issuer, Lang, WorkUri};
    Act {
        id: id.parse().unwrap_or_else(|e| panic!("bad id {id}: {e}")),
        work_uri: WorkUri::new(&ActKind::Order, d(date), "1"),
        kind: ActKind::Order,
        issuer: Issuer {
            office: "Minister".into(),
            names: std::collections::BTreeMap::new(),
            acting: false,
        },
        date: d(date),
        number: "1".into(),
        registration: None,
        titles: std::collections::BTreeMap::from([(Lang::Kk, "Сынақ".to_string())]),
        events: vec![],
        synthetic: true,
        provenance: None,
        editorial_notes: vec![],
        entry_into_force: None,
    }
}

/// Copies a directory tree.
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// A scratch copy of the bundled corpus.
pub fn corpus_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"),
        dir.path(),
    );
    dir
}

/// The bundled corpus (the source of the fixtures).
pub fn bundled_corpus() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// The bundled corpus as it stood before its corrections, at `to`
/// ([`nusqa::fixtures::copy_before_corrections`]). Tests of publishing and correcting
/// start from here, as the registry did.
pub fn copy_before_corrections(to: &std::path::Path) {
    nusqa::fixtures::copy_before_corrections(&bundled_corpus(), to).unwrap();
}

/// A scratch copy of the bundled corpus before its corrections
/// ([`copy_before_corrections`]).
pub fn corpus_copy_before_corrections() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_before_corrections(dir.path());
    dir
}

/// The bundled corpus before Order 429 was published, at `to`
/// ([`nusqa::fixtures::copy_without_429`]).
pub fn copy_without_429(to: &std::path::Path) {
    nusqa::fixtures::copy_without_429(&bundled_corpus(), to).unwrap();
}

/// Runs the `nusqa` binary on `corpus` with `args`.
pub fn nusqa(corpus: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_nusqa"))
        .arg("--corpus")
        .arg(corpus)
        .args(args)
        .output()
        .unwrap()
}

/// Runs the binary like [`nusqa`] and fails the test unless it succeeds; its standard
/// output.
pub fn nusqa_ok(corpus: &std::path::Path, args: &[&str]) -> String {
    let out = nusqa(corpus, args);
    assert!(
        out.status.success(),
        "nusqa {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Declares one `#[test]` per data case, named as the case and calling `$run("name")`,
/// and a test that fails when the cases on disk (`$on_disk()`, their names) are not
/// exactly the listed ones: a case file added without being listed, or listed but
/// missing, cannot go unnoticed.
macro_rules! data_cases {
    (run: $run:path, on_disk: $on_disk:path; $($name:ident),+ $(,)?) => {
        $(
            #[test]
            fn $name() {
                $run(stringify!($name));
            }
        )+

        #[test]
        fn every_case_on_disk_is_listed() {
            if let Some(m) = $crate::support::case_list_mismatch(&$on_disk(), &[$(stringify!($name)),+]) {
                panic!("{m}");
            }
        }
    };
}
pub(crate) use data_cases;

/// What differs between the cases on disk and the listed ones, or `None`.
pub fn case_list_mismatch(on_disk: &[String], listed: &[&str]) -> Option<String> {
    let unlisted: Vec<&str> = on_disk
        .iter()
        .map(String::as_str)
        .filter(|c| !listed.contains(c))
        .collect();
    let missing: Vec<&str> = listed
        .iter()
        .copied()
        .filter(|c| !on_disk.iter().any(|d| d == c))
        .collect();
    (!unlisted.is_empty() || !missing.is_empty())
        .then(|| format!("cases on disk but not listed: {unlisted:?}; listed but not on disk: {missing:?}"))
}

#[test]
fn case_list_mismatch_names_unlisted_and_missing_cases() {
    let disk = ["a".to_string(), "b".to_string()];
    assert_eq!(case_list_mismatch(&disk, &["b", "a"]), None);
    let m = case_list_mismatch(&disk, &["a", "c"]).unwrap();
    assert!(
        m.contains(r#"not listed: ["b"]"#) && m.contains(r#"not on disk: ["c"]"#),
        "{m}"
    );
}

/// Compares `actual` with the golden JSON file at `path` (of the case `what`). With
/// `NUSQA_UPDATE_GOLDEN=1` it writes `actual` there instead; otherwise a difference
/// fails with a unified diff of the pretty JSON (expected, then actual).
pub fn assert_golden(what: &str, path: &std::path::Path, actual: &serde_json::Value) {
    let pretty = |v: &serde_json::Value| serde_json::to_string_pretty(v).unwrap() + "\n";
    if std::env::var_os("NUSQA_UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::write(path, pretty(actual)).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return;
    }
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run `NUSQA_UPDATE_GOLDEN=1 cargo test parse_cases` to write it",
            path.display()
        )
    });
    let expected: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if let Some(diff) = golden_diff(&pretty(&expected), &pretty(actual)) {
        panic!(
            "{what}: {} differs from the output (rerun with NUSQA_UPDATE_GOLDEN=1 to accept it):\n{diff}",
            path.display()
        );
    }
}

/// A unified diff from `expected` to `actual`, or `None` when they are equal.
pub fn golden_diff(expected: &str, actual: &str) -> Option<String> {
    (expected != actual).then(|| {
        similar::TextDiff::from_lines(expected, actual)
            .unified_diff()
            .context_radius(3)
            .header("expected", "actual")
            .to_string()
    })
}

#[test]
fn golden_diff_shows_the_changed_line() {
    assert_eq!(golden_diff("a\nb\n", "a\nb\n"), None);
    let diff = golden_diff("a\nb\nc\n", "a\nB\nc\n").unwrap();
    assert!(diff.contains("--- expected\n+++ actual\n"), "{diff}");
    assert!(diff.contains("-b\n+B\n"), "{diff}");
}

/// The node `eid` in a consolidated tree as JSON (`{"nodes": [...]}`), searched depth
/// first; `Null` when absent.
pub fn find_node<'v>(consolidated: &'v serde_json::Value, eid: &str) -> &'v serde_json::Value {
    fn go<'v>(nodes: &'v serde_json::Value, eid: &str) -> Option<&'v serde_json::Value> {
        for n in nodes.as_array()? {
            if n["eid"] == eid {
                return Some(n);
            }
            if let Some(f) = go(&n["children"], eid) {
                return Some(f);
            }
        }
        None
    }
    go(&consolidated["nodes"], eid).unwrap_or(&serde_json::Value::Null)
}

/// A real `nusqa serve` on a copy of the bundled corpus, with a state directory (so the
/// write routes answer) and its own index; the temp dirs live as long as it does.
pub struct LiveServer {
    /// The server (kill it when done; dropping the temp dirs does not).
    pub server: nusqa::crash_drill::Server,
    /// The corpus copy it serves.
    pub corpus: tempfile::TempDir,
    _tmp: tempfile::TempDir,
}

/// Starts a [`LiveServer`] and waits until it answers.
pub fn live_server() -> LiveServer {
    let corpus = corpus_copy();
    let tmp = tempfile::tempdir().unwrap();
    let (state, index) = (tmp.path().join("state"), tmp.path().join("index"));
    std::fs::create_dir_all(&state).unwrap();
    let mut server = nusqa::crash_drill::Server::spawn(
        std::path::Path::new(env!("CARGO_BIN_EXE_nusqa")),
        corpus.path(),
        &state,
        &index,
        0,
    )
    .unwrap();
    server.wait_ready(std::time::Duration::from_secs(60)).unwrap();
    LiveServer {
        server,
        corpus,
        _tmp: tmp,
    }
}

//! The draft workflow from the command line (`nusqa draft submit|show|list|approve|
//! publish|discard`), run as the real binary on a copy of the corpus without Order
//! 429, as named local users (`--as NAME`): the same desk as the API, so self-approval
//! is refused, every step is audited, and a publication lands whole and updates the
//! search index.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::{bundled_corpus, copy_without_429};

struct Fixture {
    _tmp: tempfile::TempDir,
    corpus: PathBuf,
    state: PathBuf,
    index: PathBuf,
    meta: PathBuf,
    text: PathBuf,
}

fn fixture() -> Fixture {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    copy_without_429(&corpus);
    let meta = tmp.path().join("meta.json");
    std::fs::copy(bundled_corpus().join("acts/V25/V2500037008/act.json"), &meta).unwrap();
    let text = tmp.path().join("order-429.txt");
    std::fs::write(&text, crate::draft_text::order_429_plain()).unwrap();
    Fixture {
        state: tmp.path().join("state"),
        index: tmp.path().join("index"),
        corpus,
        meta,
        text,
        _tmp: tmp,
    }
}

/// Runs `nusqa --corpus C --state S [--as WHO] ARGS…`.
fn run(f: &Fixture, who: Option<&str>, args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_nusqa"));
    c.arg("--corpus").arg(&f.corpus).arg("--state").arg(&f.state);
    if let Some(w) = who {
        c.args(["--as", w]);
    }
    c.args(args).output().unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn ok(o: Output) -> Output {
    assert!(o.status.success(), "{}", text(&o));
    o
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(o)))
}

fn submit(f: &Fixture, who: &str) -> String {
    let meta = f.meta.to_str().unwrap();
    let txt = f.text.to_str().unwrap();
    let out = ok(run(
        f,
        Some(who),
        &["draft", "submit", "--meta", meta, "--text", txt, "--json"],
    ));
    let v = json(&out);
    assert_eq!(v["draft"]["state"], "submitted", "{v}");
    assert_eq!(v["draft"]["submitted_by"], who);
    assert_eq!(v["report"]["errors"], 0, "{}", v["report"]);
    v["draft"]["id"].as_str().unwrap().to_string()
}

fn audit_entries(corpus: &Path) -> Vec<(String, String, String)> {
    let v: serde_json::Value =
        serde_json::from_slice(&ok(crate::support::nusqa(corpus, &["audit", "show", "--json"])).stdout).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["who"].as_str().unwrap().to_string(),
                e["action"].as_str().unwrap().to_string(),
                e["subject"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn order_429_submitted_approved_by_another_and_published_from_the_command_line() {
    let f = fixture();
    let idx = f.index.to_str().unwrap();
    ok(crate::support::nusqa(&f.corpus, &["index", "--index", idx]));
    let id = submit(&f, "alice");

    // The submitter may not approve it, and an unapproved draft is not published.
    let selfie = run(&f, Some("alice"), &["draft", "approve", &id]);
    assert_eq!(selfie.status.code(), Some(2), "{}", text(&selfie));
    assert!(
        String::from_utf8_lossy(&selfie.stderr).contains("must be approved by another publisher"),
        "{}",
        text(&selfie)
    );
    let early = run(&f, Some("bob"), &["draft", "publish", &id, "--index", idx]);
    assert_eq!(early.status.code(), Some(2), "{}", text(&early));
    assert!(
        String::from_utf8_lossy(&early.stderr).contains("only an approved draft is published"),
        "{}",
        text(&early)
    );
    assert!(!f.corpus.join("acts/V25/V2500037008").exists());

    let approved = ok(run(&f, Some("bob"), &["draft", "approve", &id]));
    assert!(
        String::from_utf8_lossy(&approved.stdout).contains(&format!("approved draft {id} as bob")),
        "{}",
        text(&approved)
    );
    let shown = ok(run(&f, None, &["draft", "show", &id]));
    let shown = String::from_utf8_lossy(&shown.stdout).into_owned();
    assert!(
        shown.contains(&format!("{id} approved V2500037008 submitted by alice"))
            && shown.contains("approved by bob")
            && shown.contains("V2500037008: 0 error(s)"),
        "{shown}"
    );

    let published = ok(run(
        &f,
        Some("carol"),
        &["draft", "publish", &id, "--index", idx, "--json"],
    ));
    let v = json(&published);
    assert_eq!(v["act"], "V2500037008", "{v}");
    assert_eq!(v["draft"], id.as_str());
    assert_eq!(v["index"]["status"], "updated", "{v}");
    assert!(v["index"]["added"].as_u64().unwrap() > 0, "{v}");

    // The corpus checks, the audit chain holds, the act is there with its 40
    // operations, and each step is audited under its user's name.
    ok(crate::support::nusqa(&f.corpus, &["check"]));
    ok(crate::support::nusqa(&f.corpus, &["audit", "verify"]));
    let show = ok(crate::support::nusqa(&f.corpus, &["show", "V2500037008"]));
    assert!(
        String::from_utf8_lossy(&show.stdout).contains("кейбір бұйрықтарға өзгерістер енгізу туралы"),
        "{}",
        text(&show)
    );
    let ops: serde_json::Value =
        serde_json::from_slice(&ok(crate::support::nusqa(&f.corpus, &["ops", "V2500037008", "--json"])).stdout)
            .unwrap();
    assert_eq!(ops.as_array().map(Vec::len), Some(40));
    let steps: Vec<(String, String, String)> = audit_entries(&f.corpus)
        .into_iter()
        .filter(|(_, action, _)| action != "token_create")
        .collect();
    let want = |w: &str, a: &str, s: &str| (w.to_string(), a.to_string(), s.to_string());
    assert_eq!(
        steps,
        vec![
            want("alice", "submit", &id),
            want("bob", "approve", &id),
            want("carol", "publish", "V2500037008"),
        ]
    );

    // The index was updated to the corpus as it is: a search uses it without a rebuild
    // and finds the new act.
    let found = ok(crate::support::nusqa(
        &f.corpus,
        &[
            "search",
            "өзгерістер",
            "--any-time",
            "--act",
            "V2500037008",
            "--index",
            idx,
            "--json",
        ],
    ));
    assert!(
        !String::from_utf8_lossy(&found.stderr).contains("rebuilding"),
        "{}",
        text(&found)
    );
    assert!(json(&found)["total"].as_u64().unwrap() > 0, "{}", text(&found));

    // Published is final: neither published again nor discarded.
    let again = run(&f, Some("carol"), &["draft", "publish", &id, "--index", idx]);
    assert_eq!(again.status.code(), Some(2), "{}", text(&again));
    let discard = run(&f, Some("carol"), &["draft", "discard", &id]);
    assert_eq!(discard.status.code(), Some(2), "{}", text(&discard));
    let listed = json(&ok(run(&f, None, &["draft", "list", "--json"])));
    assert_eq!(listed[0]["state"], "published", "{listed}");
    assert_eq!(listed[0]["published_as"], "V2500037008", "{listed}");
}

#[test]
fn drafts_are_listed_discarded_and_an_unknown_one_is_a_clear_error() {
    let f = fixture();
    let empty = ok(run(&f, None, &["draft", "list"]));
    assert_eq!(String::from_utf8_lossy(&empty.stdout).trim(), "no drafts");
    let first = submit(&f, "alice");
    let second = submit(&f, "dana");
    let listed = String::from_utf8_lossy(&ok(run(&f, None, &["draft", "list"])).stdout).into_owned();
    assert_eq!(listed.lines().count(), 2, "{listed}");
    assert!(
        listed.contains(&format!("{first} submitted V2500037008 submitted by alice"))
            && listed.contains(&format!("{second} submitted V2500037008 submitted by dana")),
        "{listed}"
    );

    let gone = ok(run(&f, Some("bob"), &["draft", "discard", &first]));
    assert!(
        String::from_utf8_lossy(&gone.stdout).contains(&format!("discarded draft {first} as bob")),
        "{}",
        text(&gone)
    );
    let v = json(&ok(run(&f, None, &["draft", "show", &first, "--json"])));
    assert_eq!(v["draft"]["state"], "discarded", "{v}");
    // A discarded draft is closed: not approved, not published.
    let approve = run(&f, Some("bob"), &["draft", "approve", &first]);
    assert_eq!(approve.status.code(), Some(2), "{}", text(&approve));
    assert!(
        String::from_utf8_lossy(&approve.stderr).contains("is discarded"),
        "{}",
        text(&approve)
    );
    let entries = audit_entries(&f.corpus);
    assert!(
        entries.contains(&("bob".into(), "discard".into(), first.clone())),
        "{entries:?}"
    );
    assert!(!f.corpus.join("acts/V25/V2500037008").exists());

    // Unknown drafts: a well-formed id that does not exist, and a malformed one.
    for unknown in ["d0123456789abcdef", "../../etc/passwd"] {
        let out = run(&f, None, &["draft", "show", unknown]);
        assert_eq!(out.status.code(), Some(2), "{}", text(&out));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("error: no draft `{unknown}`")), "{}", text(&out));
        assert!(!err.contains("panicked"), "{err}");
    }
    let out = run(&f, Some("bob"), &["draft", "publish", "d0123456789abcdef"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
}

#[test]
fn a_submission_that_is_not_a_draft_is_refused_with_its_file_named() {
    let f = fixture();
    let bad_meta = f.text.with_file_name("meta-bad.json");
    std::fs::write(&bad_meta, "[1, 2]").unwrap();
    let out = run(
        &f,
        Some("alice"),
        &[
            "draft",
            "submit",
            "--meta",
            bad_meta.to_str().unwrap(),
            "--text",
            f.text.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("meta-bad.json: not act.json metadata"),
        "{}",
        text(&out)
    );
    let binary = f.text.with_file_name("order.bin");
    std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x41]).unwrap();
    let out = run(
        &f,
        Some("alice"),
        &[
            "draft",
            "submit",
            "--meta",
            f.meta.to_str().unwrap(),
            "--text",
            binary.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("order.bin: not UTF-8 text"),
        "{}",
        text(&out)
    );
    let listed = ok(run(&f, None, &["draft", "list"]));
    assert_eq!(String::from_utf8_lossy(&listed.stdout).trim(), "no drafts");
}

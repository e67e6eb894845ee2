//! The `nusqa` binary as users run it: exit codes, messages, JSON shapes.

use std::process::{Command, Output};

use crate::support::{corpus_copy, nusqa};

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn check_passes_on_the_bundled_corpus_and_fails_with_places_on_a_broken_one() {
    let dir = corpus_copy();
    let ok = nusqa(dir.path(), &["check"]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert!(
        stdout(&ok).contains("8 acts, 40 operations (39 pending)"),
        "{}",
        stdout(&ok)
    );
    // Order 429's effective operations are its correction's.
    let ops = dir.path().join("acts/V25/V2500037008/corrections/0001/ops.json");
    let text = std::fs::read_to_string(&ops)
        .unwrap()
        .replacen("\"att_1__para_4\"", "\"att_1__para_44\"", 1);
    std::fs::write(&ops, text).unwrap();
    let bad = nusqa(dir.path(), &["check"]);
    assert_eq!(bad.status.code(), Some(1));
    let out = stdout(&bad);
    assert!(
        out.contains("ops.json:") && out.contains("att_1__para_44") && out.contains("1 error(s)"),
        "{out}"
    );
    // Commands that serve data refuse an inconsistent corpus.
    let show = nusqa(dir.path(), &["show", "V1400010273"]);
    assert_eq!(show.status.code(), Some(1));
    assert!(stderr(&show).contains("the corpus has 1 error(s)"), "{}", stderr(&show));
}

#[test]
fn recording_publication_resolves_the_pending_operations() {
    let dir = corpus_copy();
    let before = nusqa(dir.path(), &["show", "V1400010273", "--as-of", "2026-01-15", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&before.stdout).unwrap();
    let att = crate::support::find_node(&v["consolidated"], "att_1");
    assert_eq!(att["eid"], "att_1");
    // Pending: Order 429's publication is not recorded. The text shown is the
    // registry's 2025-12-03 redaction (evidence), not the operations'.
    let p4 = crate::support::find_node(&v["consolidated"], "att_1__para_4");
    assert_eq!(p4["status"], "pending");
    assert_eq!(p4["text_from"], "registry");
    assert!(p4["text"].is_string());
    let ev = nusqa(dir.path(), &["event", "V2500037008", "publication", "2025-10-06"]);
    assert!(ev.status.success(), "{}", stderr(&ev));
    assert!(
        stdout(&ev).contains("39 operation(s) resolved, 0 still pending"),
        "{}",
        stdout(&ev)
    );
    let after = nusqa(dir.path(), &["show", "V1400010273", "--as-of", "2026-01-15", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&after.stdout).unwrap();
    let p4 = crate::support::find_node(&v["consolidated"], "att_1__para_4");
    assert_eq!(
        (p4["eid"].as_str(), p4["status"].as_str(), p4["since"].as_str()),
        (Some("att_1__para_4"), Some("in_force"), Some("2025-12-06"))
    );
    assert_eq!(p4["source"]["act"], "V2500037008");
    assert!(
        v["notes"]["att_1__para_4"][0]
            .as_str()
            .unwrap()
            .starts_with("Ескерту. 4-тармақ жаңа редакцияда")
    );
    // A publication before registration is refused, and nothing is written.
    let early = nusqa(dir.path(), &["event", "V2500037008", "publication", "2025-09-01"]);
    assert_eq!(early.status.code(), Some(2));
    assert!(
        stderr(&early).contains("cannot come before registration"),
        "{}",
        stderr(&early)
    );
}

#[test]
fn search_says_when_nothing_matches_and_rejects_malformed_queries() {
    let dir = corpus_copy();
    let index = dir.path().join("index");
    let idx = index.to_str().unwrap();
    let none = nusqa(dir.path(), &["search", "zzzzqqqq", "--any-time", "--index", idx]);
    assert!(none.status.success());
    assert!(
        stdout(&none).contains("no clause at any time matches"),
        "{}",
        stdout(&none)
    );
    let bad = nusqa(dir.path(), &["search", "жарылыс AND", "--index", idx]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("malformed query"), "{}", stderr(&bad));
    let hits = nusqa(
        dir.path(),
        &["search", "жарылыс жұмыстарын", "--any-time", "--json", "--index", idx],
    );
    let v: serde_json::Value = serde_json::from_slice(&hits.stdout).unwrap();
    assert!(v["total"].as_u64().unwrap() > 0);
    assert!(v["groups"].as_array().is_some());
    // A corpus change makes the index stale; it is rebuilt, not served.
    nusqa(dir.path(), &["event", "V2500037008", "publication", "2025-10-06"]);
    let again = nusqa(dir.path(), &["search", "жарылыс", "--index", idx]);
    assert!(
        stderr(&again).contains("missing or stale; rebuilding"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn diff_effect_and_blame_speak_json_and_html() {
    let dir = corpus_copy();
    nusqa(dir.path(), &["event", "V2500037008", "publication", "2025-10-06"]);
    let html = nusqa(
        dir.path(),
        &[
            "diff",
            "V1400010273",
            "--from",
            "2025-10-05",
            "--to",
            "2026-01-15",
            "--format",
            "html",
        ],
    );
    let h = stdout(&html);
    assert!(
        h.contains("<ins class=\"nq-ins\">") && h.contains("data-eid=\"att_1__para_6\""),
        "{h}"
    );
    let json = nusqa(
        dir.path(),
        &[
            "diff",
            "V1400010273",
            "--from",
            "2025-10-05",
            "--to",
            "2026-01-15",
            "--json",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["nodes"][0]["change"], "status_changed");
    let effect = nusqa(
        dir.path(),
        &["effect", "V2500037008", "--target", "V2000020340", "--json"],
    );
    let v: serde_json::Value = serde_json::from_slice(&effect.stdout).unwrap();
    assert_eq!(v["targets"].as_array().unwrap().len(), 1);
    assert_eq!(v["targets"][0]["operations"].as_array().unwrap().len(), 3);
    let blame = nusqa(dir.path(), &["blame", "V2000020340", "--as-of", "2026-01-02"]);
    assert!(
        stdout(&blame).contains("att_1__para_2 ")
            && stdout(&blame).contains("V2500037008 (№ 429, 2025-09-30) att_1__para_3 abzats 3-11"),
        "{}",
        stdout(&blame)
    );
}

#[test]
fn amendments_parse_reads_an_act_directory_and_reports_unparsable_instructions() {
    let dir = corpus_copy();
    let ok = nusqa(dir.path(), &["amendments", "parse", "V2500037008", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&ok.stdout).unwrap();
    assert_eq!(v["operations"].as_array().unwrap().len(), 40);
    // The same order with one instruction garbled: an error naming item and abzats.
    let order_dir = dir.path().join("acts/V25/V2500037008");
    let text = std::fs::read_to_string(order_dir.join("text.kk.md")).unwrap();
    let garbled = text.replacen(
        "5-тармақтың 1) тармақшасы алып тасталсын;",
        "5-тармақтың бірдеңе істелсін;",
        1,
    );
    assert_ne!(garbled, text);
    let new_dir = tempfile::tempdir().unwrap();
    std::fs::copy(order_dir.join("act.json"), new_dir.path().join("act.json")).unwrap();
    std::fs::write(new_dir.path().join("text.kk.md"), garbled).unwrap();
    let bad = nusqa(dir.path(), &["amendments", "parse", new_dir.path().to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(1));
    let err = stderr(&bad);
    assert!(
        err.contains("att_1__para_1") && err.contains("abzats 5") && err.contains("бірдеңе"),
        "{err}"
    );
}

#[test]
fn a_closed_pipe_ends_output_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let dir = corpus_copy();
    let mut child = Command::new(env!("CARGO_BIN_EXE_nusqa"))
        .arg("--corpus")
        .arg(dir.path())
        .args(["show", "V2500037008", "--format", "md"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.as_mut().unwrap().read_exact(&mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("panicked"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success());
}

/// Freezing parsed operations writes ops.json (and entry_into_force.json when act.json
/// states no clause) once, never rewrites act.json, and never overwrites frozen
/// operations that differ.
#[test]
fn amendments_parse_write_freezes_once_and_never_rewrites_act_json() {
    // A corrected act's operations are re-derived by `correct`, never re-frozen.
    let corrected = crate::support::corpus_copy();
    let out = crate::support::nusqa(corrected.path(), &["amendments", "parse", "V2500037008", "--write"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("has corrections"));
    let corpus = crate::support::corpus_copy_before_corrections();
    let dir = corpus.path().join("acts/V25/V2500037008");
    let ops_before = std::fs::read_to_string(dir.join("ops.json")).unwrap();
    let mut act: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("act.json")).unwrap()).unwrap();
    let eif = act.as_object_mut().unwrap().remove("entry_into_force").unwrap();
    std::fs::write(dir.join("act.json"), serde_json::to_string_pretty(&act).unwrap()).unwrap();
    std::fs::remove_file(dir.join("ops.json")).unwrap();
    let act_bytes = std::fs::read(dir.join("act.json")).unwrap();
    let out = crate::support::nusqa(corpus.path(), &["amendments", "parse", "V2500037008", "--write"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        std::fs::read(dir.join("act.json")).unwrap(),
        act_bytes,
        "act.json is never rewritten"
    );
    assert_eq!(std::fs::read_to_string(dir.join("ops.json")).unwrap(), ops_before);
    let frozen: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("entry_into_force.json")).unwrap()).unwrap();
    assert_eq!(frozen, eif);
    assert!(crate::support::nusqa(corpus.path(), &["check"]).status.success());
    // Again: nothing to do.
    let out = crate::support::nusqa(corpus.path(), &["amendments", "parse", "V2500037008", "--write"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("already holds exactly these operations"));
    // Frozen operations that differ are refused and left as they are.
    let tampered = ops_before.replacen("\"instruction\": \"", "\"instruction\": \"(edited) ", 1);
    assert_ne!(tampered, ops_before);
    std::fs::write(dir.join("ops.json"), &tampered).unwrap();
    let out = crate::support::nusqa(corpus.path(), &["amendments", "parse", "V2500037008", "--write"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("never overwritten"));
    assert_eq!(std::fs::read_to_string(dir.join("ops.json")).unwrap(), tampered);
}

/// `nusqa export` writes every act as in force on a day, in the API's JSON or as Akoma
/// Ntoso, with an index; it refuses a directory that holds anything.
#[test]
fn export_writes_the_whole_registry_on_a_day() {
    let corpus = crate::support::bundled_corpus();
    let dir = tempfile::tempdir().unwrap();
    let json_dir = dir.path().join("json");
    let said = crate::support::nusqa_ok(
        &corpus,
        &["export", "--as-of", "2026-01-15", "--out", json_dir.to_str().unwrap()],
    );
    assert!(said.starts_with("8 act(s) written"), "{said}");
    let index: serde_json::Value =
        serde_json::from_slice(&std::fs::read(json_dir.join("index.json")).unwrap()).unwrap();
    assert_eq!(index["as_of"], "2026-01-15");
    assert_eq!(index["acts"].as_array().unwrap().len(), 8);
    let lib = nusqa::corpus::load(&corpus).unwrap().library;
    let id: nusqa::model::RegistryId = "V2000020340".parse().unwrap();
    let view = nusqa::views::ActView::build_in(
        &lib,
        &id,
        crate::support::d("2026-01-15"),
        Some(nusqa::model::Lang::Kk),
        nusqa::model::Lang::Kk,
    )
    .unwrap();
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(json_dir.join("V2000020340.json")).unwrap()).unwrap();
    assert_eq!(
        written,
        serde_json::to_value(&view).unwrap(),
        "the API's view, as written"
    );
    let entry = index["acts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["act"] == "V2000020340")
        .unwrap();
    assert_eq!(entry["version"], "2026-01-01");

    let akn_dir = dir.path().join("akn");
    crate::support::nusqa_ok(
        &corpus,
        &[
            "export",
            "--as-of",
            "2026-01-15",
            "--format",
            "akn",
            "--out",
            akn_dir.to_str().unwrap(),
        ],
    );
    let xml = std::fs::read_to_string(akn_dir.join("V2000020340-kaz@2026-01-01.xml")).unwrap();
    assert!(xml.contains("<FRBRuri value=\"/akn/kz/act/order/2020-04-06/186/kaz@2026-01-01\"/>"));

    let before = crate::support::nusqa_ok(
        &corpus,
        &[
            "export",
            "--as-of",
            "2014-01-01",
            "--out",
            dir.path().join("early").to_str().unwrap(),
        ],
    );
    assert!(
        before.contains("0 act(s) written") && before.contains("8 not yet in force"),
        "{before}"
    );
    let again = crate::support::nusqa(&corpus, &["export", "--out", json_dir.to_str().unwrap()]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("is not empty"));
}

/// `nusqa synth` writes a corpus that loads without errors, leaves no scratch
/// directory behind, clears one an interrupted run left, and refuses a directory that
/// already holds a corpus.
#[test]
fn synth_writes_a_whole_corpus_or_none() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("s");
    std::fs::create_dir_all(out.join(".synth-partial/acts/V99")).unwrap();
    let said = crate::support::nusqa_ok(
        &crate::support::bundled_corpus(),
        &["synth", "--acts", "12", "--out", out.to_str().unwrap()],
    );
    assert!(said.starts_with("wrote 12 base acts"), "{said}");
    assert!(!out.join(".synth-partial").exists(), "the scratch directory is gone");
    let loaded = nusqa::corpus::load(&out).unwrap();
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    assert!(loaded.library.len() >= 12);
    let again = crate::support::nusqa(
        &crate::support::bundled_corpus(),
        &["synth", "--acts", "3", "--out", out.to_str().unwrap()],
    );
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already holds a corpus"));
}

//! Publishing, corrections, the audit chain and tokens, on copies of the corpus: the
//! write paths survive kill -9 at any moment, queue under the lock, and leave a chain
//! that `audit verify` accepts; a changed byte or file is named. Every act published
//! here is made up, labelled synthetic (ids V25999990NN), and lives in a temp copy.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use nusqa::state::{AuthError, StateDir, TokenStore, authenticate};

use crate::support::{corpus_copy_before_corrections, nusqa};

const ORDER_429: &str = "V2500037008";

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_nusqa"))
}

/// A prepared act directory for the synthetic act `V25999990NN`, number `90NN`.
fn fixture(parent: &Path, n: u32, number: u32) -> PathBuf {
    let dir = parent.join(format!("fixture-{n}"));
    std::fs::create_dir_all(&dir).unwrap();
    let id = format!("V25{:08}", 99_999_000 + n);
    let act = serde_json::json!({
        "id": id,
        "work_uri": format!("/akn/kz/act/order/2025-11-01/{number}"),
        "kind": "order",
        "issuer": {"office": "Synthetic test issuer", "acting": false},
        "date": "2025-11-01",
        "number": number.to_string(),
        "registration": {"number": 99_999_000 + n, "date": "2025-11-03"},
        "titles": {"kk": format!("Сынақ бұйрығы {n} (синтетикалық)")},
        "synthetic": true,
    });
    std::fs::write(dir.join("act.json"), serde_json::to_string_pretty(&act).unwrap()).unwrap();
    let text: String = (1..=30)
        .map(|i| format!("# para_{i} [{i}]\nСынақ мәтінінің {i}-тармағы.\n\n"))
        .collect();
    std::fs::write(dir.join("text.kk.md"), text).unwrap();
    dir
}

fn id_of(n: u32) -> String {
    format!("V25{:08}", 99_999_000 + n)
}

fn act_path(corpus: &Path, id: &str) -> PathBuf {
    corpus.join("acts").join(&id[..3]).join(id)
}

fn ok(out: &std::process::Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what}: {:?}\nstdout: {}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn audit_entries(corpus: &Path) -> Vec<nusqa::audit::AuditEntry> {
    nusqa::corpus::audit_log::entries(corpus, &Default::default()).unwrap()
}

/// The act is entirely there (every fixture file, byte for byte, and one publish
/// entry for it in the log) or entirely absent (no directory, no entry).
fn all_or_nothing(corpus: &Path, fixture: &Path, id: &str) -> bool {
    let dir = act_path(corpus, id);
    let entries = audit_entries(corpus)
        .into_iter()
        .filter(|e| e.subject == id && e.action == nusqa::audit::Action::Publish)
        .count();
    if dir.exists() {
        for f in ["act.json", "text.kk.md"] {
            assert_eq!(
                std::fs::read(dir.join(f)).unwrap(),
                std::fs::read(fixture.join(f)).unwrap(),
                "{id}: {f}"
            );
        }
        assert_eq!(entries, 1, "{id} is in place: exactly one audit entry");
        true
    } else {
        assert_eq!(entries, 0, "{id} is absent: no audit entry");
        false
    }
}

#[test]
fn a_publication_lands_audited_and_a_second_of_the_id_or_number_is_refused() {
    let corpus = corpus_copy_before_corrections();
    let work = tempfile::tempdir().unwrap();
    let fx = fixture(work.path(), 1, 9001);
    let out = ok(
        &nusqa(corpus.path(), &["--as", "tester", "publish", fx.to_str().unwrap()]),
        "publish",
    );
    assert!(out.contains("published V2599999001"), "{out}");
    ok(&nusqa(corpus.path(), &["check"]), "check");
    ok(&nusqa(corpus.path(), &["audit", "verify"]), "verify");
    let shown = ok(
        &nusqa(corpus.path(), &["show", &id_of(1), "--as-of", "2026-01-01"]),
        "show",
    );
    assert!(shown.contains("Сынақ мәтінінің 3-тармағы."), "{shown}");
    let entries = audit_entries(corpus.path());
    assert_eq!(entries.len(), 1);
    assert_eq!(
        (entries[0].who.as_str(), entries[0].subject.as_str()),
        ("tester", "V2599999001")
    );
    assert_eq!(entries[0].files.len(), 2);

    let again = nusqa(corpus.path(), &["publish", fx.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("V2599999001 is already in the corpus"));
    // Another id, the same issuer, number and date.
    let twin = fixture(work.path(), 2, 9001);
    let refused = nusqa(corpus.path(), &["publish", twin.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(
        err.contains("V2599999001 is already published by Synthetic test issuer with number 9001"),
        "{err}"
    );
    assert!(!act_path(corpus.path(), &id_of(2)).exists());
    assert_eq!(audit_entries(corpus.path()).len(), 1);
}

#[test]
fn an_invalid_act_is_refused_naming_its_file_and_nothing_is_written() {
    let corpus = corpus_copy_before_corrections();
    let work = tempfile::tempdir().unwrap();
    let fx = fixture(work.path(), 3, 9003);
    std::fs::write(fx.join("text.kk.md"), "# para_1 [1]\nбір\n\n# para_1 [1]\nекі\n").unwrap();
    let out = nusqa(corpus.path(), &["publish", fx.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("acts/V25/V2599999003/text.kk.md"), "{err}");
    assert!(!act_path(corpus.path(), &id_of(3)).exists());
    assert!(!corpus.path().join("audit.jsonl").exists());
    assert!(!corpus.path().join(".staging").exists());
}

/// Kill -9 `nusqa publish` at moments spread over the whole publication (the debug
/// build pauses between the steps), then recover: the act is all there or absent.
#[test]
fn kill_9_at_any_moment_of_a_publication_leaves_all_or_nothing() {
    let corpus = corpus_copy_before_corrections();
    let work = tempfile::tempdir().unwrap();
    let runs = 12u32;
    let (mut landed, mut absent) = (0, 0);
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for run in 0..runs {
        let n = 10 + run;
        let fx = fixture(work.path(), n, 9000 + n);
        let mut child = bin()
            .arg("--corpus")
            .arg(corpus.path())
            .args(["publish", fx.to_str().unwrap()])
            .env("NUSQA_CRASH_TEST_DELAY_MS", "25")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Spread over 0..400 ms (the publication takes about 150 ms + 5 pauses), jittered.
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let jitter = (seed >> 33) % 30;
        let delay = u64::from(run) * 400 / u64::from(runs) + jitter;
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        ok(&nusqa(corpus.path(), &["check"]), "check after the kill (recovery)");
        ok(
            &nusqa(corpus.path(), &["audit", "verify"]),
            "audit verify after the kill",
        );
        assert!(!corpus.path().join(".publishing.json").exists());
        assert!(!corpus.path().join(".staging").exists());
        if all_or_nothing(corpus.path(), &fx, &id_of(n)) {
            landed += 1;
        } else {
            absent += 1;
        }
    }
    // Both outcomes happened: the kills did fall inside and outside the publication.
    assert!(landed > 0 && absent > 0, "landed {landed}, absent {absent}");
}

#[test]
fn eight_concurrent_publishers_all_land_one_after_another() {
    let work = tempfile::tempdir().unwrap();
    let fixtures: Vec<(u32, PathBuf)> = (40..48).map(|n| (n, fixture(work.path(), n, 9000 + n))).collect();
    let corpus2 = corpus_copy_before_corrections();
    let spawned: Vec<_> = fixtures
        .iter()
        .map(|(n, fx)| {
            bin()
                .arg("--corpus")
                .arg(corpus2.path())
                .args(["--as", &format!("publisher-{n}"), "publish", fx.to_str().unwrap()])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in spawned {
        ok(&c.wait_with_output().unwrap(), "a concurrent publish");
    }
    ok(&nusqa(corpus2.path(), &["check"]), "check");
    ok(&nusqa(corpus2.path(), &["audit", "verify"]), "verify");
    let entries = audit_entries(corpus2.path());
    assert_eq!(
        entries.iter().map(|e| e.seq).collect::<Vec<_>>(),
        (1..=8).collect::<Vec<u64>>()
    );
    let mut subjects: Vec<String> = entries.iter().map(|e| e.subject.clone()).collect();
    subjects.sort();
    let mut expected: Vec<String> = fixtures.iter().map(|(n, _)| id_of(*n)).collect();
    expected.sort();
    assert_eq!(subjects, expected);
    for (n, fx) in &fixtures {
        assert!(all_or_nothing(corpus2.path(), fx, &id_of(*n)));
        // Each entry's `who` is its own publisher's.
        let e = entries.iter().find(|e| e.subject == id_of(*n)).unwrap();
        assert_eq!(e.who, format!("publisher-{n}"));
    }
}

#[test]
fn audit_verify_names_the_entry_with_a_changed_byte_or_a_changed_file() {
    let corpus = corpus_copy_before_corrections();
    let work = tempfile::tempdir().unwrap();
    for n in 60..63 {
        let fx = fixture(work.path(), n, 9000 + n);
        ok(&nusqa(corpus.path(), &["publish", fx.to_str().unwrap()]), "publish");
    }
    ok(
        &nusqa(corpus.path(), &["event", &id_of(61), "publication", "2025-11-05"]),
        "event",
    );
    let entries = audit_entries(corpus.path());
    assert_eq!(entries.len(), 4);
    assert_eq!(entries[3].action, nusqa::audit::Action::Event);
    let log = corpus.path().join("audit.jsonl");
    let good = std::fs::read(&log).unwrap();
    let second = good.iter().position(|b| *b == b'\n').unwrap() + 1;
    // One byte of entry 2's subject.
    let i = second
        + good[second..]
            .windows(11)
            .position(|w| w == id_of(61).as_bytes())
            .unwrap()
        + 10;
    let mut bad = good.clone();
    bad[i] = if bad[i] == b'1' { b'7' } else { b'1' };
    std::fs::write(&log, &bad).unwrap();
    let out = nusqa(corpus.path(), &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.starts_with("audit.jsonl:2: entry 2:"), "{said}");
    std::fs::write(&log, &good).unwrap();
    ok(&nusqa(corpus.path(), &["audit", "verify"]), "verify restored");
    // A referenced file changed (as a hand edit would).
    let text = act_path(corpus.path(), &id_of(62)).join("text.kk.md");
    let mut t = std::fs::read_to_string(&text).unwrap();
    t = t.replacen("Сынақ", "Сынақ!", 1);
    std::fs::write(&text, t).unwrap();
    let out = nusqa(corpus.path(), &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.starts_with("audit.jsonl:3: entry 3: file acts/V25/V2599999062/text.kk.md: content changed"),
        "{said}"
    );
}

#[test]
fn tokens_are_kept_as_hashes_only_and_revocation_is_told_from_unknown() {
    let corpus = corpus_copy_before_corrections();
    let state = tempfile::tempdir().unwrap();
    let st = state.path().to_str().unwrap();
    let out = ok(
        &nusqa(
            corpus.path(),
            &[
                "--state",
                st,
                "token",
                "create",
                "--role",
                "publisher",
                "--name",
                "editor-1",
            ],
        ),
        "token create",
    );
    let token = out.lines().last().unwrap().to_string();
    assert!(token.starts_with("nusqa_") && token.len() == 70, "{token}");
    ok(
        &nusqa(
            corpus.path(),
            &["--state", st, "token", "create", "--role", "admin", "--name", "admin-1"],
        ),
        "token create",
    );
    // Nowhere on disk: not in the state directory, not in the audit log.
    let secret = &token["nusqa_".len()..];
    let hash = nusqa::digest::sha256_hex(token.as_bytes());
    for dir in [state.path(), corpus.path()] {
        for entry in walk(dir) {
            let bytes = std::fs::read(&entry).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            assert!(!text.contains(secret), "the token is in {}", entry.display());
            if entry.starts_with(corpus.path()) {
                assert!(!text.contains(&hash), "the token's hash is in {}", entry.display());
            }
        }
    }
    let store: TokenStore = StateDir::open(state.path()).unwrap().read_json("tokens.json").unwrap();
    assert_eq!(authenticate(&store, &token).unwrap().name, "editor-1");
    assert_eq!(authenticate(&store, "nusqa_0000").unwrap_err(), AuthError::Unknown);
    assert_eq!(authenticate(&store, " ").unwrap_err(), AuthError::Missing);
    ok(
        &nusqa(corpus.path(), &["--state", st, "token", "revoke", "editor-1"]),
        "revoke",
    );
    let store: TokenStore = StateDir::open(state.path()).unwrap().read_json("tokens.json").unwrap();
    assert_eq!(authenticate(&store, &token).unwrap_err(), AuthError::Revoked);
    for args in [vec!["token", "list"], vec!["token", "list", "--json"]] {
        let mut a = vec!["--state", st];
        a.extend(args);
        let listed = ok(&nusqa(corpus.path(), &a), "list");
        assert!(listed.contains("editor-1") && listed.contains("admin-1"), "{listed}");
        assert!(!listed.contains(&hash) && !listed.contains("sha256"), "{listed}");
    }
    let again = nusqa(corpus.path(), &["--state", st, "token", "revoke", "editor-1"]);
    assert_eq!(again.status.code(), Some(2));
    let actions: Vec<&str> = audit_entries(corpus.path()).iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["token_create", "token_create", "token_revoke"]);
    ok(&nusqa(corpus.path(), &["audit", "verify"]), "verify");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// Two of the restoration errors of Order No. 429 (issue 12, item 9), corrected on a
/// copy: line 25 (not an amendment, the operations stay) and line 65 (a new wording:
/// its operation changes).
fn request_429() -> serde_json::Value {
    serde_json::json!({
        "reason": "restoration errors found by proofreading against the OCR",
        "source": "corpus/sources/order-429-kk-ocr.txt",
        "author": "editor-1",
        "changes": [
            {"file": "text.kk.md", "line": 25, "from": "интернет-ресурсында", "to": "интернет-ресурсына",
             "evidence": "OCR 25: \"PECypPChIHA\", no letter for д"},
            {"file": "text.kk.md", "line": 65, "from": "сынықтардың [?] қашықтығы", "to": "сынықтардың ұшу қашықтығы",
             "evidence": "OCR 74: \"VI\", read үш elsewhere (ұшу); annex 3 row 8 has \"ұшуы\""}
        ]
    })
}

#[test]
fn a_correction_of_order_429_keeps_the_original_rederives_the_operations_and_shows() {
    let corpus = corpus_copy_before_corrections();
    let work = tempfile::tempdir().unwrap();
    let dir = act_path(corpus.path(), ORDER_429);
    let original_text = std::fs::read(dir.join("text.kk.md")).unwrap();
    let original_ops = std::fs::read(dir.join("ops.json")).unwrap();
    let req = work.path().join("req.json");
    std::fs::write(&req, serde_json::to_vec_pretty(&request_429()).unwrap()).unwrap();
    let out = ok(
        &nusqa(
            corpus.path(),
            &[
                "--as",
                "editor-1",
                "correct",
                ORDER_429,
                "--changes",
                req.to_str().unwrap(),
            ],
        ),
        "correct",
    );
    assert!(
        out.contains("recorded correction 1 of V2500037008") && out.contains("40 operation(s) re-derived, 1 changed"),
        "{out}"
    );
    // The originals are untouched.
    assert_eq!(std::fs::read(dir.join("text.kk.md")).unwrap(), original_text);
    assert_eq!(std::fs::read(dir.join("ops.json")).unwrap(), original_ops);
    let rec = dir.join("corrections/0001");
    let text = std::fs::read_to_string(rec.join("text.kk.md")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[24].contains("интернет-ресурсына орналастыруды"), "{}", lines[24]);
    assert!(lines[64].contains("сынықтардың ұшу қашықтығы"), "{}", lines[64]);
    let record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(rec.join("correction.json")).unwrap()).unwrap();
    assert_eq!(record["n"], 1);
    assert_eq!(record["author"], "editor-1");

    // The operations are the parser's on the corrected text, exactly one of them new.
    let loaded = nusqa::corpus::load(corpus.path()).unwrap();
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    let lib = &loaded.library;
    let id: nusqa::model::RegistryId = ORDER_429.parse().unwrap();
    let act = lib.act(&id).unwrap();
    let bases: Vec<(&nusqa::model::Act, Vec<nusqa::model::Node>)> = lib
        .acts()
        .filter(|a| a.id != id)
        .map(|a| (a, lib.base(&a.id).unwrap()))
        .collect();
    let targets: Vec<(&nusqa::model::Act, &[nusqa::model::Node])> =
        bases.iter().map(|(a, b)| (*a, b.as_slice())).collect();
    let tree = nusqa::clause_markdown::parse(&text).unwrap();
    let parsed = nusqa::parse::parse_amending_act(act, &tree, &targets).unwrap();
    let frozen: Vec<nusqa::amend::Operation> = lib
        .ops_by(&id)
        .iter()
        .map(|o| nusqa::amend::Operation {
            origin: None,
            ..o.clone()
        })
        .collect();
    assert_eq!(parsed.ops, frozen);
    let new_ops = std::fs::read_to_string(rec.join("ops.json")).unwrap();
    assert!(new_ops.contains("сынықтардың ұшу қашықтығы") && !new_ops.contains("сынықтардың [?] қашықтығы"));
    assert_eq!(lib.corrections(&id).len(), 1);

    // Views: the CLI's show, the JSON and the UI page say "corrected on D: reason".
    let shown = ok(
        &nusqa(corpus.path(), &["show", ORDER_429, "--as-of", "2026-01-15"]),
        "show",
    );
    assert!(
        shown.contains(": restoration errors found by proofreading against the OCR"),
        "{shown}"
    );
    assert!(shown.contains("интернет-ресурсына орналастыруды"));
    let json: serde_json::Value = serde_json::from_str(&ok(
        &nusqa(corpus.path(), &["show", ORDER_429, "--json"]),
        "show --json",
    ))
    .unwrap();
    assert_eq!(
        json["corrections"][0]["reason"],
        "restoration errors found by proofreading against the OCR"
    );
    assert_eq!(json["corrections"][0]["source"], "corpus/sources/order-429-kk-ocr.txt");
    // Order 350 shows the corrected wording of paragraph 6's subparagraph once in force.
    let as_of = "2026-06-01";
    ok(
        &nusqa(corpus.path(), &["event", ORDER_429, "publication", "2025-10-06"]),
        "event",
    );
    let o350 = ok(
        &nusqa(corpus.path(), &["show", "V1400010273", "--as-of", as_of]),
        "show 350",
    );
    assert!(!o350.contains("сынықтардың [?] қашықтығы"));
    ok(&nusqa(corpus.path(), &["check"]), "check");
    let verify = ok(&nusqa(corpus.path(), &["audit", "verify"]), "verify");
    assert!(verify.contains("2 entries"), "{verify}");
    let entries = audit_entries(corpus.path());
    assert_eq!(entries[0].action, nusqa::audit::Action::Correction);
    assert_eq!(entries[0].files.len(), 3);
    assert_eq!(
        entries[0].payload_sha256,
        nusqa::digest::sha256_hex(&std::fs::read(&req).unwrap())
    );

    // A second correction applies to the corrected text: line 25 no longer has the old word.
    let again = nusqa(
        corpus.path(),
        &["correct", ORDER_429, "--changes", req.to_str().unwrap()],
    );
    assert_eq!(again.status.code(), Some(2));
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(
        err.contains("V2500037008: text.kk.md:25: \"интернет-ресурсында\" occurs 0 times"),
        "{err}"
    );
    assert!(!dir.join("corrections/0002").exists());
    assert_eq!(audit_entries(corpus.path()).len(), 2);
}

#[test]
fn a_correction_that_breaks_the_instructions_is_refused_and_writes_nothing() {
    let corpus = corpus_copy_before_corrections();
    let work = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(act_path(corpus.path(), ORDER_429).join("text.kk.md")).unwrap();
    // Line 53's instruction loses its verb: it no longer says what to do with item 4.
    let line = text.lines().nth(52).unwrap();
    assert_eq!(line, "4-тармақ мынадай редакцияда жазылсын:");
    let req = serde_json::json!({
        "reason": "a made-up damaging change",
        "changes": [{"file": "text.kk.md", "line": 53, "from": "мынадай редакцияда жазылсын", "to": "туралы"}]
    });
    let path = work.path().join("req.json");
    std::fs::write(&path, req.to_string()).unwrap();
    let out = nusqa(
        corpus.path(),
        &["correct", ORDER_429, "--changes", path.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stdout));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no longer parse") || err.contains("not valid"), "{err}");
    assert!(!act_path(corpus.path(), ORDER_429).join("corrections").exists());
    assert!(!corpus.path().join("audit.jsonl").exists());
}

/// `check` validates correction records: a stray entry, a gap in the numbering, a
/// record whose `n` is not its directory's, and one without its text or operations,
/// each named by its file.
#[test]
fn check_names_broken_correction_records() {
    let corpus = corpus_copy_before_corrections();
    let work = tempfile::tempdir().unwrap();
    let req = work.path().join("req.json");
    std::fs::write(&req, serde_json::to_vec(&request_429()).unwrap()).unwrap();
    ok(
        &nusqa(
            corpus.path(),
            &["correct", ORDER_429, "--changes", req.to_str().unwrap()],
        ),
        "correct",
    );
    let corrections = act_path(corpus.path(), ORDER_429).join("corrections");
    let check = |what: &str, expect: &str| {
        let out = nusqa(corpus.path(), &["check"]);
        let said = String::from_utf8_lossy(&out.stdout).into_owned();
        assert_eq!(out.status.code(), Some(1), "{what}: {said}");
        assert!(said.contains(expect), "{what}: expected `{expect}` in\n{said}");
    };
    std::fs::write(corrections.join("notes.txt"), "x").unwrap();
    check(
        "a stray entry",
        "corrections/notes.txt: V2500037008: a corrections/ entry must be a directory",
    );
    std::fs::remove_file(corrections.join("notes.txt")).unwrap();
    let third = corrections.join("0003");
    std::fs::create_dir(&third).unwrap();
    check(
        "a gap",
        "corrections/0003: V2500037008: corrections are numbered without gaps; expected 0002 here",
    );
    std::fs::remove_dir(&third).unwrap();
    let second = corrections.join("0002");
    support_copy(&corrections.join("0001"), &second);
    check(
        "a wrong n",
        "corrections/0002/correction.json: V2500037008: correction.json says n = 1",
    );
    let record = std::fs::read_to_string(second.join("correction.json"))
        .unwrap()
        .replacen("\"n\": 1", "\"n\": 2", 1);
    std::fs::write(second.join("correction.json"), record).unwrap();
    std::fs::remove_file(second.join("ops.json")).unwrap();
    check(
        "no operations",
        "corrections/0002: V2500037008: the correction has no ops.json",
    );
    std::fs::remove_dir_all(&second).unwrap();
    ok(&nusqa(corpus.path(), &["check"]), "check once repaired");
}

fn support_copy(from: &Path, to: &Path) {
    crate::support::copy_dir(from, to);
}

/// The UI's act page and the API say "corrected on D: reason" in each language.
#[test]
fn the_act_page_and_the_api_show_the_correction() {
    use tower::ServiceExt;
    let corpus = corpus_copy_before_corrections();
    let work = tempfile::tempdir().unwrap();
    let req = work.path().join("req.json");
    std::fs::write(&req, serde_json::to_vec(&request_429()).unwrap()).unwrap();
    ok(
        &nusqa(
            corpus.path(),
            &["correct", ORDER_429, "--changes", req.to_str().unwrap()],
        ),
        "correct",
    );
    let library = nusqa::corpus::load(corpus.path()).unwrap().library;
    let id: nusqa::model::RegistryId = ORDER_429.parse().unwrap();
    let date = library.corrections(&id)[0].date;
    let state = std::sync::Arc::new(nusqa::web::AppState::new(library, None));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let get = |uri: &str| -> String {
        rt.block_on(async {
            let resp = nusqa::web::router(state.clone())
                .oneshot(
                    axum::http::Request::builder()
                        .uri(uri)
                        .body(axum::body::Body::empty())
                        .unwrap(),
                )
                .await
                .unwrap();
            assert_eq!(resp.status(), axum::http::StatusCode::OK, "{uri}");
            let body = axum::body::to_bytes(resp.into_body(), 64 << 20).await.unwrap();
            String::from_utf8(body.to_vec()).unwrap()
        })
    };
    let reason = "restoration errors found by proofreading against the OCR";
    for (lang, words) in [("en", "Corrected on"), ("ru", "Исправлено"), ("kk", "Түзетілген күні")]
    {
        let page = get(&format!("/acts/{ORDER_429}?lang={lang}&as_of=2026-01-15"));
        let line = format!("<p class=\"nq-correction\">{words} {date}: {reason}</p>");
        assert!(page.contains(&line), "{lang}: no `{line}`");
    }
    let api: serde_json::Value =
        serde_json::from_str(&get(&format!("/api/acts/{ORDER_429}?as_of=2026-01-15"))).unwrap();
    assert_eq!(api["corrections"][0]["reason"], reason);
    assert_eq!(api["corrections"][0]["n"], 1);
}

//! The corpus half of the hardening issue: each test is one finding (F4–F11) that
//! failed before its fix.

use std::fs;
use std::path::Path;
use std::process::Output;

use nusqa::corpus;

use crate::support::{corpus_copy, nusqa};

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// F6: building the tree of a text with 80,000 top-level nodes was quadratic (36 s in
/// a release build, see BENCHMARKS.md "Tree building"); it is linear now and every
/// child lands under its own parent.
#[test]
fn f6_a_text_with_80000_top_level_nodes_loads_whole_and_nested() {
    let dir = tempfile::tempdir().unwrap();
    let (act, text) = nusqa::synth::wide_act(80_000);
    let act_dir = corpus::write::act_dir(dir.path(), &act.id);
    fs::create_dir_all(&act_dir).unwrap();
    fs::write(act_dir.join("act.json"), serde_json::to_string_pretty(&act).unwrap()).unwrap();
    fs::write(act_dir.join("text.kk.md"), text).unwrap();
    let loaded = corpus::load(dir.path()).unwrap();
    assert!(
        loaded.errors.is_empty(),
        "{:?}",
        &loaded.errors[..loaded.errors.len().min(3)]
    );
    let base = loaded.library.base(&act.id).unwrap();
    assert_eq!(base.len(), 80_000);
    for (i, n) in base.iter().enumerate() {
        assert_eq!(n.eid.as_str(), format!("para_{}", i + 1));
        assert_eq!(n.children.len(), 1, "{}", n.eid);
        assert_eq!(n.children[0].eid.as_str(), format!("para_{}__subpara_1", i + 1));
    }
    assert_eq!(loaded.library.version_count(), 160_000);
}

/// Runs `nusqa` like [`nusqa`], but kills it and fails the test if it has not finished
/// after two minutes: the findings below made it hang (a FIFO) or read forever
/// (`/dev/zero`), and a regression must fail, not hang the suite.
fn nusqa_guarded(corpus: &Path, args: &[&str]) -> Output {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_nusqa"))
        .arg("--corpus")
        .arg(corpus)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    for _ in 0..1200 {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    child.kill().unwrap();
    panic!("nusqa {args:?} did not finish: it hangs or reads without end");
}

/// F4: an act directory without act.json made the act vanish silently (7 acts, 0
/// errors, exit 0). It is an error naming the directory now.
#[test]
fn f4_an_act_directory_without_act_json_is_an_error_naming_it() {
    let dir = corpus_copy();
    fs::remove_file(dir.path().join("acts/V25/V2500037008/act.json")).unwrap();
    let out = nusqa(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.lines()
            .any(|l| l.contains("acts/V25/V2500037008: ") && l.contains("has no act.json")),
        "{text}"
    );
    assert!(text.contains("7 acts") && text.contains("1 error(s)"), "{text}");
    // Commands that serve data refuse the corpus too.
    let show = nusqa(dir.path(), &["show", "V1400010273"]);
    assert_eq!(show.status.code(), Some(1), "{}", stderr(&show));
}

/// F4: stray entries among the shards and act directories are reported, not skipped;
/// `.`-prefixed entries (temporary files) are neither read nor reported.
#[test]
fn f4_stray_entries_are_reported_and_dot_entries_ignored() {
    let dir = corpus_copy();
    let root = dir.path();
    fs::write(root.join("acts/README.txt"), "notes").unwrap();
    fs::write(root.join("acts/V25/V2500037008.json"), "{}").unwrap();
    fs::write(root.join("acts/V14/V1400010273/notes.txt"), "x").unwrap();
    // Temporary files of an interrupted write, and a dot-directory, are not the corpus.
    fs::write(root.join("acts/V25/V2500037008/.events.json.tmp4242"), "[garbage").unwrap();
    fs::create_dir_all(root.join("acts/.trash/V9900000001")).unwrap();
    fs::write(root.join("acts/V14/.DS_Store"), "x").unwrap();
    let m: Vec<String> = corpus::load(root)
        .unwrap()
        .errors
        .iter()
        .map(|e| e.to_string())
        .collect();
    assert_eq!(m.len(), 3, "{m:#?}");
    assert!(
        m.iter().any(|x| x.contains("acts/README.txt: unexpected file here")),
        "{m:#?}"
    );
    assert!(
        m.iter()
            .any(|x| x.contains("acts/V25/V2500037008.json: unexpected file here")),
        "{m:#?}"
    );
    assert!(
        m.iter()
            .any(|x| x.contains("V1400010273/notes.txt") && x.contains("an act directory holds")),
        "{m:#?}"
    );
    fs::remove_file(root.join("acts/README.txt")).unwrap();
    fs::remove_file(root.join("acts/V25/V2500037008.json")).unwrap();
    fs::remove_file(root.join("acts/V14/V1400010273/notes.txt")).unwrap();
    let ok = nusqa(root, &["check"]);
    assert!(ok.status.success(), "{}", stdout(&ok));
}

/// F4: an act kept in another shard than its id's would have `nusqa event` write its
/// log elsewhere; it is reported.
#[test]
fn f4_an_act_in_the_wrong_shard_is_reported() {
    let dir = corpus_copy();
    let root = dir.path();
    fs::create_dir_all(root.join("acts/V20")).unwrap();
    fs::rename(root.join("acts/V14/V1400010273"), root.join("acts/V20/V1400010273")).unwrap();
    let m: Vec<String> = corpus::load(root)
        .unwrap()
        .errors
        .iter()
        .map(|e| e.to_string())
        .collect();
    assert!(
        m.iter()
            .any(|x| x.contains("act V1400010273 is in shard V20, but its id puts it in V14")),
        "{m:#?}"
    );
}

/// F5: `text.kk.md` as a symbolic link to `/dev/zero` made `check` grow to 23 GB.
/// Symbolic links are refused (not followed), whatever they point to.
#[cfg(unix)]
#[test]
fn f5_symbolic_links_are_refused_even_to_dev_zero() {
    let dir = corpus_copy();
    let act = dir.path().join("acts/V14/V1400010273");
    fs::remove_file(act.join("text.kk.md")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", act.join("text.kk.md")).unwrap();
    let out = nusqa_guarded(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("V1400010273/text.kk.md: V1400010273: is a symbolic link, not a regular file"),
        "{text}"
    );
    // A link to a genuine, regular file is refused too: the corpus holds its own bytes.
    let good = corpus_copy();
    let events = dir.path().join("events-elsewhere.json");
    fs::write(&events, "[]\n").unwrap();
    let order = good.path().join("acts/V25/V2500037008/events.json");
    std::os::unix::fs::symlink(&events, &order).unwrap();
    let out = nusqa_guarded(good.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("events.json: V2500037008: is a symbolic link"),
        "{}",
        stdout(&out)
    );
    // The index generation reads with the same rules.
    let gen_err = corpus::generation::generation(good.path(), &corpus::LoadOptions::default()).unwrap_err();
    assert!(gen_err.to_string().contains("is a symbolic link"), "{gen_err}");
}

/// F5: a FIFO in place of a corpus file hung `check`; it is never opened now.
#[cfg(unix)]
#[test]
fn f5_a_fifo_is_never_opened() {
    let dir = corpus_copy();
    let ops = dir.path().join("acts/V25/V2500037008/ops.json");
    fs::remove_file(&ops).unwrap();
    let made = std::process::Command::new("mkfifo").arg(&ops).status().unwrap();
    assert!(made.success());
    let out = nusqa_guarded(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("ops.json: V2500037008: is a FIFO, not a regular file"),
        "{}",
        stdout(&out)
    );
}

/// F5: files are read under a cap (64 MiB by default, `--max-file-mib`); a larger one
/// is an error naming the file and the cap, and is not read in full.
#[test]
fn f5_a_file_over_the_cap_is_an_error_naming_it_and_the_cap() {
    let dir = corpus_copy();
    let text = dir.path().join("acts/V14/V1400010273/text.kk.md");
    let mut body = fs::read_to_string(&text).unwrap();
    body.push_str("\n# para_999 [999]\n");
    body.push_str(&"Ұзын мәтін. ".repeat(60_000)); // ~1.3 MiB
    body.push('\n');
    fs::write(&text, body).unwrap();
    let ok = nusqa(dir.path(), &["check"]);
    assert!(ok.status.success(), "{}", stdout(&ok));
    let capped = nusqa(dir.path(), &["--max-file-mib", "1", "check"]);
    assert_eq!(capped.status.code(), Some(1));
    assert!(
        stdout(&capped)
            .contains("V1400010273/text.kk.md: V1400010273: is larger than the cap of 1048576 bytes (1 MiB)"),
        "{}",
        stdout(&capped)
    );
    let show = nusqa(dir.path(), &["--max-file-mib", "1", "show", "V1400010273"]);
    assert_eq!(show.status.code(), Some(1));
    // The library API takes the cap too.
    let opts = corpus::LoadOptions::with_max_file_mib(1);
    let loaded = corpus::load_with_options(dir.path(), &opts).unwrap();
    let too_large: Vec<_> = loaded
        .errors
        .iter()
        .filter(|e| matches!(*e.kind, corpus::ErrorKind::TooLarge { cap: 1_048_576, .. }))
        .collect();
    assert_eq!(too_large.len(), 1, "{:?}", loaded.errors);
    assert_eq!(too_large[0].file.as_deref(), Some(text.as_path()));
    assert_eq!(loaded.library.len(), 7);
}

/// Replaces the first `from` in `path` by `to` (of the same length in bytes) and
/// restores the file's modification time: what `rsync -t` or a tar restore leaves.
fn edit_keeping_size_and_mtime(path: &Path, from: &str, to: &str) {
    assert_eq!(from.len(), to.len());
    let before = fs::metadata(path).unwrap();
    let mtime = before.modified().unwrap();
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from));
    fs::write(path, text.replacen(from, to, 1)).unwrap();
    let f = fs::File::options().write(true).open(path).unwrap();
    f.set_modified(mtime).unwrap();
    drop(f);
    let after = fs::metadata(path).unwrap();
    assert_eq!((after.len(), after.modified().unwrap()), (before.len(), mtime));
}

/// F11: the index generation hashed paths, sizes and modification times, so an edit
/// that kept them served a stale index. It hashes content now.
#[test]
fn f11_an_edit_keeping_size_and_mtime_changes_the_generation() {
    let dir = corpus_copy();
    let opts = corpus::LoadOptions::default();
    let text = dir.path().join("acts/V14/V1400010273/text.kk.md");
    let g1 = corpus::generation::generation(dir.path(), &opts).unwrap();
    // Touching a file without changing it keeps the generation.
    let f = fs::File::options().write(true).open(&text).unwrap();
    f.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(3600))
        .unwrap();
    drop(f);
    assert_eq!(corpus::generation::generation(dir.path(), &opts).unwrap(), g1);
    // One letter, same size, same mtime: another generation.
    edit_keeping_size_and_mtime(&text, "рұқсат беру қағидалары", "рұқсат беру қағидалоры");
    let g2 = corpus::generation::generation(dir.path(), &opts).unwrap();
    assert_ne!(g1, g2);
    // Temporary files of writes are not the corpus.
    fs::write(dir.path().join("acts/V14/V1400010273/.text.kk.md.tmp99"), "x").unwrap();
    assert_eq!(corpus::generation::generation(dir.path(), &opts).unwrap(), g2);
}

/// F11, end to end: `search` rebuilds the index after such an edit instead of serving
/// the old text.
#[test]
fn f11_search_rebuilds_after_an_edit_keeping_size_and_mtime() {
    let dir = corpus_copy();
    let index = dir.path().join("index");
    let idx = index.to_str().unwrap();
    let first = nusqa(dir.path(), &["search", "қағидалары", "--any-time", "--index", idx]);
    assert!(first.status.success(), "{}", stderr(&first));
    let again = nusqa(dir.path(), &["search", "қағидалары", "--any-time", "--index", idx]);
    assert!(!stderr(&again).contains("stale"), "{}", stderr(&again));
    let text = dir.path().join("acts/V14/V1400010273/text.kk.md");
    edit_keeping_size_and_mtime(&text, "рұқсат беру қағидалары", "рұқсат беру қағидалоры");
    let after = nusqa(
        dir.path(),
        &["search", "қағидалоры", "--any-time", "--json", "--index", idx],
    );
    assert!(
        stderr(&after).contains("missing or stale; rebuilding"),
        "{}",
        stderr(&after)
    );
    let v: serde_json::Value = serde_json::from_slice(&after.stdout).unwrap();
    assert!(v["total"].as_u64().unwrap() > 0, "{v}");
}

const ORDER: &str = "V2500037008";

fn events_log(corpus: &Path) -> Option<Vec<u8>> {
    fs::read(corpus.join("acts/V25/V2500037008/events.json")).ok()
}

fn records(corpus: &Path) -> Vec<serde_json::Value> {
    events_log(corpus).map_or_else(Vec::new, |b| serde_json::from_slice(&b).unwrap())
}

/// The date from which `att_1__para_4` of Order 350 reads as Order 429 made it (60
/// days after 429's publication, plus one).
fn para_4_since(corpus: &Path) -> String {
    let out = nusqa(corpus, &["show", "V1400010273", "--as-of", "2026-06-01", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let p4 = crate::support::find_node(&v["consolidated"], "att_1__para_4");
    assert_eq!(p4["eid"], "att_1__para_4");
    p4["since"].as_str().unwrap().to_string()
}

/// F7: a second publication with another date moved all 40 operations and was
/// accepted; it is refused now (exit 2), naming the recorded date and the way to
/// correct it, and nothing is written. The same date again is a no-op.
#[test]
fn f7_a_second_date_is_refused_and_the_same_date_is_a_no_op() {
    let dir = corpus_copy();
    let first = nusqa(dir.path(), &["event", ORDER, "publication", "2025-10-06"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let log = events_log(dir.path()).unwrap();
    assert_eq!(para_4_since(dir.path()), "2025-12-06");
    let second = nusqa(dir.path(), &["event", ORDER, "publication", "2025-11-20"]);
    assert_eq!(second.status.code(), Some(2), "{}", stdout(&second));
    let err = stderr(&second);
    assert!(err.contains("publication is already recorded on 2025-10-06"), "{err}");
    assert!(
        err.contains("nusqa event V2500037008 publication 2025-11-20 --correct --reason"),
        "{err}"
    );
    assert_eq!(events_log(dir.path()).unwrap(), log, "nothing may be written");
    assert_eq!(para_4_since(dir.path()), "2025-12-06");
    let again = nusqa(dir.path(), &["event", ORDER, "publication", "2025-10-06"]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(stdout(&again).contains("already recorded on 2025-10-06; nothing written"));
    assert_eq!(events_log(dir.path()).unwrap(), log, "a no-op writes nothing");
    let check = nusqa(dir.path(), &["check"]);
    assert!(check.status.success(), "{}", stdout(&check));
}

/// F7: dates before the act's adoption or past the horizon (2100-12-31) are refused,
/// a repeal too; the rule on registration is kept.
#[test]
fn f7_dates_before_adoption_or_past_the_horizon_are_refused() {
    let dir = corpus_copy();
    for (kind, date, says) in [
        ("publication", "9999-12-31", "past the horizon of 2100-12-31"),
        ("publication", "2101-01-01", "past the horizon of 2100-12-31"),
        ("repeal", "1900-01-01", "before the act's adoption on 2025-09-30"),
        ("repeal", "9999-12-31", "past the horizon"),
        ("publication", "2025-09-30", "before registration on 2025-10-01"),
    ] {
        let out = nusqa(dir.path(), &["event", ORDER, kind, date]);
        assert_eq!(out.status.code(), Some(2), "{kind} {date}: {}", stdout(&out));
        assert!(stderr(&out).contains(says), "{kind} {date}: {}", stderr(&out));
        assert_eq!(events_log(dir.path()), None, "{kind} {date} wrote the log");
    }
    // On the horizon itself, and a repeal before registration, are accepted.
    let ok = nusqa(dir.path(), &["event", ORDER, "repeal", "2025-09-30"]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    let ok = nusqa(dir.path(), &["event", "V1400010273", "repeal", "2100-12-31"]);
    assert!(ok.status.success(), "{}", stderr(&ok));
}

/// F7: a changed date is a correction: a new record that keeps the first, carries
/// `corrects` and a required `reason`; the latest correction wins.
#[test]
fn f7_a_correction_keeps_the_first_record_and_wins() {
    let dir = corpus_copy();
    // Nothing to correct yet.
    let early = nusqa(
        dir.path(),
        &[
            "event",
            ORDER,
            "publication",
            "2025-10-07",
            "--correct",
            "--reason",
            "note",
        ],
    );
    assert_eq!(early.status.code(), Some(2));
    assert!(stderr(&early).contains("nothing to correct"), "{}", stderr(&early));
    assert!(
        nusqa(dir.path(), &["event", ORDER, "publication", "2025-10-06"])
            .status
            .success()
    );
    // A correction needs a reason, and a non-empty one.
    let no_reason = nusqa(dir.path(), &["event", ORDER, "publication", "2025-10-07", "--correct"]);
    assert_eq!(no_reason.status.code(), Some(2));
    let blank = nusqa(
        dir.path(),
        &[
            "event",
            ORDER,
            "publication",
            "2025-10-07",
            "--correct",
            "--reason",
            "  ",
        ],
    );
    assert_eq!(blank.status.code(), Some(2));
    assert!(stderr(&blank).contains("non-empty --reason"), "{}", stderr(&blank));
    assert_eq!(records(dir.path()).len(), 1);
    let fix = nusqa(
        dir.path(),
        &[
            "event",
            ORDER,
            "publication",
            "2025-10-07",
            "--correct",
            "--reason",
            "registry note of 2025-10-08: first published on 7 October",
            "--author",
            "editor-1",
        ],
    );
    assert!(fix.status.success(), "{}", stderr(&fix));
    assert!(
        stdout(&fix).contains("corrected publication of V2500037008 from 2025-10-06 to 2025-10-07"),
        "{}",
        stdout(&fix)
    );
    let log = records(dir.path());
    assert_eq!(log.len(), 2);
    assert_eq!(log[0]["date"], "2025-10-06");
    assert_eq!(log[0].get("corrects"), None);
    assert_eq!(log[1]["date"], "2025-10-07");
    assert_eq!(log[1]["corrects"], "2025-10-06");
    assert_eq!(
        log[1]["reason"],
        "registry note of 2025-10-08: first published on 7 October"
    );
    assert_eq!(log[1]["author"], "editor-1");
    assert_eq!(para_4_since(dir.path()), "2025-12-07");
    // A second correction supersedes the first; the latest wins.
    let fix2 = nusqa(
        dir.path(),
        &[
            "event",
            ORDER,
            "publication",
            "2025-10-08",
            "--correct",
            "--reason",
            "again",
        ],
    );
    assert!(fix2.status.success(), "{}", stderr(&fix2));
    assert_eq!(records(dir.path())[2]["corrects"], "2025-10-07");
    assert_eq!(para_4_since(dir.path()), "2025-12-08");
    let check = nusqa(dir.path(), &["check"]);
    assert!(check.status.success(), "{}", stdout(&check));
}

/// F7: logs written before corrections existed still load.
#[test]
fn f7_an_old_event_log_still_loads() {
    let dir = corpus_copy();
    fs::write(
        dir.path().join("acts/V25/V2500037008/events.json"),
        "[\n  {\n    \"kind\": \"publication\",\n    \"date\": \"2025-10-06\",\n    \"note\": \"Әділет\",\n    \"recorded\": \"2026-01-02T10:00:00Z\"\n  }\n]\n",
    )
    .unwrap();
    let check = nusqa(dir.path(), &["check"]);
    assert!(check.status.success(), "{}", stdout(&check));
    assert!(stdout(&check).contains("(0 pending)"), "{}", stdout(&check));
    assert_eq!(para_4_since(dir.path()), "2025-12-06");
}

/// F7: `check` reports duplicate and contradictory events in events.json and act.json
/// with the file and line: two dates without a correction, a correction that names
/// another date than the one it supersedes or has no reason, dates before adoption or
/// past the horizon.
#[test]
fn f7_check_reports_contradictory_events_with_file_and_line() {
    let dir = corpus_copy();
    let act_dir = dir.path().join("acts/V25/V2500037008");
    fs::write(
        act_dir.join("events.json"),
        r#"[
  {"kind": "publication", "date": "2025-10-06", "recorded": "r"},
  {"kind": "publication", "date": "2025-11-20", "recorded": "r"},
  {"kind": "publication", "date": "2025-10-07", "corrects": "2025-10-01", "reason": "x", "recorded": "r"},
  {"kind": "publication", "date": "2025-10-08", "corrects": "2025-10-07", "recorded": "r"},
  {"kind": "entry_into_force", "date": "2025-12-06", "recorded": "r"},
  {"kind": "entry_into_force", "date": "2025-12-06", "recorded": "r"},
  {"kind": "repeal", "date": "1900-01-01", "recorded": "r"},
  {"kind": "repeal", "date": "9999-12-31", "corrects": "1900-01-01", "reason": "typo", "recorded": "r"}
]
"#,
    )
    .unwrap();
    let out = nusqa(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    for (line, says) in [
        (
            3,
            "publication on 2025-11-20 contradicts the publication recorded on 2025-10-06",
        ),
        (
            4,
            "says it corrects 2025-10-01, but the date it supersedes is 2025-11-20",
        ),
        (5, "correction of publication has no reason"),
        (7, "entry_into_force on 2025-12-06 is recorded twice"),
        (
            8,
            "repeal on 1900-01-01 is dated before the act's adoption on 2025-09-30",
        ),
        (9, "repeal on 9999-12-31 is dated past the horizon of 2100-12-31"),
    ] {
        let place = format!("V2500037008/events.json:{line}: V2500037008: ");
        assert!(
            text.lines().any(|l| l.contains(&place) && l.contains(says)),
            "line {line}, {says}:\n{text}"
        );
    }
    assert!(text.contains("; 6 error(s)"), "{text}");
    // In act.json too, and between act.json and the log.
    fs::remove_file(act_dir.join("events.json")).unwrap();
    let act_json = act_dir.join("act.json");
    let act = fs::read_to_string(&act_json).unwrap();
    let needle = "\"note\": \"the date of first official publication is not in the registry's seed\"\n    }";
    assert!(act.contains(needle));
    let act = act.replacen(
        needle,
        &format!("{needle},\n    {{\"kind\": \"publication\", \"date\": \"2025-10-06\"}},\n    {{\"kind\": \"publication\", \"date\": \"2025-10-09\"}}"),
        1,
    );
    fs::write(&act_json, &act).unwrap();
    let line = act.lines().position(|l| l.contains("\"2025-10-09\"")).unwrap() + 1;
    let out = nusqa(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let place = format!("V2500037008/act.json:{line}: V2500037008: publication on 2025-10-09 contradicts");
    assert!(stdout(&out).contains(&place), "{place}\n{}", stdout(&out));
    // A first event in act.json and a second date in the log.
    let act = act.replacen(",\n    {\"kind\": \"publication\", \"date\": \"2025-10-09\"}", "", 1);
    fs::write(&act_json, &act).unwrap();
    fs::write(
        act_dir.join("events.json"),
        "[\n  {\"kind\": \"publication\", \"date\": \"2025-10-10\", \"recorded\": \"r\"}\n]\n",
    )
    .unwrap();
    let out = nusqa(dir.path(), &["check"]);
    assert!(
        stdout(&out).contains(
            "events.json:2: V2500037008: publication on 2025-10-10 contradicts the publication recorded on 2025-10-06"
        ),
        "{}",
        stdout(&out)
    );
}

/// Starts `nusqa` without waiting for it.
fn spawn(corpus: &Path, args: &[&str]) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_nusqa"))
        .arg("--corpus")
        .arg(corpus)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

/// F8: two `event` commands at once both reported success and one record was lost
/// (38 rounds of 60). Writers take the corpus lock before reading now: no record is
/// ever lost.
#[test]
fn f8_concurrent_events_of_one_act_are_never_lost() {
    for round in 0..20 {
        let dir = corpus_copy();
        let a = spawn(dir.path(), &["event", ORDER, "publication", "2025-10-06"]);
        let b = spawn(dir.path(), &["event", ORDER, "entry_into_force", "2025-12-06"]);
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        assert!(a.status.success(), "round {round}: {}", stderr(&a));
        assert!(b.status.success(), "round {round}: {}", stderr(&b));
        let mut kinds: Vec<String> = records(dir.path())
            .iter()
            .map(|r| r["kind"].as_str().unwrap().to_string())
            .collect();
        kinds.sort();
        assert_eq!(kinds, ["entry_into_force", "publication"], "round {round}");
        if round == 0 {
            let check = nusqa(dir.path(), &["check"]);
            assert!(check.status.success(), "{}", stdout(&check));
        }
    }
}

/// F8: two different dates of the same event at once: exactly one is recorded, the
/// other is refused as a second date.
#[test]
fn f8_concurrent_dates_of_one_event_record_exactly_one() {
    for round in 0..10 {
        let dir = corpus_copy();
        let a = spawn(dir.path(), &["event", ORDER, "publication", "2025-10-06"]);
        let b = spawn(dir.path(), &["event", ORDER, "publication", "2025-10-09"]);
        let outs = [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()];
        let ok: Vec<&Output> = outs.iter().filter(|o| o.status.success()).collect();
        let refused: Vec<&Output> = outs.iter().filter(|o| o.status.code() == Some(2)).collect();
        assert_eq!((ok.len(), refused.len()), (1, 1), "round {round}");
        assert!(
            stderr(refused[0]).contains("already recorded on"),
            "{}",
            stderr(refused[0])
        );
        let log = records(dir.path());
        assert_eq!(log.len(), 1, "round {round}");
        let recorded = log[0]["date"].as_str().unwrap();
        assert!(stdout(ok[0]).contains(recorded), "round {round}");
    }
}

/// F8: a stale temporary file of an interrupted write is neither read nor reported by
/// the loader, and the next writer removes it.
#[test]
fn f8_stale_temp_files_are_ignored_and_removed_by_the_next_writer() {
    let dir = corpus_copy();
    let act_dir = dir.path().join("acts/V25/V2500037008");
    let stale = act_dir.join(".events.json.tmp4194305");
    fs::write(&stale, "[{\"half\": ").unwrap();
    let check = nusqa(dir.path(), &["check"]);
    assert!(check.status.success(), "{}", stdout(&check));
    let ev = nusqa(dir.path(), &["event", ORDER, "publication", "2025-10-06"]);
    assert!(ev.status.success(), "{}", stderr(&ev));
    assert!(!stale.exists(), "the stale temporary file is still there");
    let names: Vec<String> = fs::read_dir(&act_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.starts_with('.')), "{names:?}");
    // The lock file is in the corpus root, and git-ignored.
    assert!(dir.path().join(".lock").is_file());
    let ignore = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "/corpus/.lock"), "{ignore}");
}

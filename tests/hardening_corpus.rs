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

//! Bad corpus files get errors that name the file and the line, and loading reports
//! every error, not just the first.

use std::fs;
use std::path::Path;

use nusqa::corpus;

const ACT: &str = r#"{
  "id": "V1400010273",
  "work_uri": "/akn/kz/act/order/2014-12-30/350",
  "kind": "order",
  "issuer": {"office": "Minister", "acting": false},
  "date": "2014-12-30",
  "number": "350",
  "titles": {"kk": "Сынақ"}
}
"#;

const AMENDING: &str = r#"{
  "id": "V2500037008",
  "work_uri": "/akn/kz/act/order/2025-09-30/429",
  "kind": "order",
  "issuer": {"office": "Minister", "acting": false},
  "date": "2025-09-30",
  "number": "429",
  "registration": {"number": 37008, "date": "2025-10-01"},
  "titles": {"kk": "Өзгерістер"}
}
"#;

const TREE: &str = "# att_1 [1] Қағидалар\n{not-held}\n\n## att_1__para_4 [4]\n{not-held}\n";

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

fn good(root: &Path) {
    write(root, "acts/V14/V1400010273/act.json", ACT);
    write(root, "acts/V14/V1400010273/text.kk.md", TREE);
    write(root, "acts/V25/V2500037008/act.json", AMENDING);
    write(root, "acts/V25/V2500037008/text.kk.md", "# para_1 [1]\nӨзгерістер.\n");
}

fn op(target: &str, date: &str) -> String {
    format!(
        r#"  {{
    "source_act": "V2500037008", "source_item": "att_1__para_1", "source_abzats": null,
    "target_act": "V1400010273", "target": "{target}", "kind": "delete",
    "effective": {{"rule": "fixed", "date": "{date}"}}
  }}"#
    )
}

fn messages(root: &Path) -> Vec<String> {
    corpus::load(root)
        .unwrap()
        .errors
        .iter()
        .map(|e| e.to_string())
        .collect()
}

#[test]
fn a_good_corpus_loads_clean() {
    let dir = tempfile::tempdir().unwrap();
    good(dir.path());
    write(
        dir.path(),
        "acts/V25/V2500037008/ops.json",
        &format!("[\n{}\n]\n", op("att_1__para_4", "2026-01-01")),
    );
    let loaded = corpus::load(dir.path()).unwrap();
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    assert_eq!(loaded.library.len(), 2);
}

#[test]
fn broken_json_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    good(dir.path());
    write(
        dir.path(),
        "acts/V14/V1400010273/act.json",
        &ACT.replace("\"number\": \"350\",", "\"number\": \"350\""),
    );
    let m = messages(dir.path());
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].contains("V1400010273/act.json:8:"), "{m:?}");
}

#[test]
fn unknown_eid_and_bad_date_name_the_operation_line_and_every_error_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    good(dir.path());
    let ops = format!(
        "[\n{},\n{},\n{}\n]\n",
        op("att_1__para_9", "2026-01-01"),
        op("att_1__para_4", "2026-13-01"),
        op("para_1 2", "2026-01-01")
    );
    write(dir.path(), "acts/V25/V2500037008/ops.json", &ops);
    let m = messages(dir.path());
    assert_eq!(m.len(), 3, "{m:?}");
    assert!(
        m.iter()
            .any(|x| x.contains("ops.json:2:") && x.contains("att_1__para_9") && x.contains("does not exist")),
        "{m:?}"
    );
    assert!(
        m.iter()
            .any(|x| x.contains("ops.json:11:") && x.contains("invalid JSON")),
        "{m:?}"
    );
    assert!(
        m.iter()
            .any(|x| x.contains("ops.json:") && x.contains("malformed part")),
        "{m:?}"
    );
}

#[test]
fn duplicate_ids_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    good(dir.path());
    write(dir.path(), "acts/V14/V1400099999/act.json", ACT);
    write(dir.path(), "acts/V14/V1400099999/text.kk.md", TREE);
    let m = messages(dir.path());
    assert!(m.iter().any(|x| x.contains("duplicate act id V1400010273")), "{m:?}");
    assert!(m.iter().any(|x| x.contains("directory is named V1400099999")), "{m:?}");
}

#[test]
fn malformed_clause_markdown_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    good(dir.path());
    write(
        dir.path(),
        "acts/V14/V1400010273/text.kk.md",
        "# att_1 [1]\n\n## att_1__para_4 [4]\nтекст\n\n## bogus_1\n",
    );
    let m = messages(dir.path());
    assert!(
        m.iter().any(|x| x.contains("text.kk.md:6:") && x.contains("bogus_1")),
        "{m:?}"
    );
}

#[test]
fn events_before_registration_and_deleting_twice_are_caught() {
    let dir = tempfile::tempdir().unwrap();
    good(dir.path());
    write(
        dir.path(),
        "acts/V25/V2500037008/act.json",
        &AMENDING.replace(
            "\"titles\"",
            "\"events\": [{\"kind\": \"publication\", \"date\": \"2025-09-01\"}],\n  \"titles\"",
        ),
    );
    let ops = format!(
        "[\n{},\n{}\n]\n",
        op("att_1__para_4", "2026-01-01"),
        op("att_1__para_4", "2026-02-01")
    );
    write(dir.path(), "acts/V25/V2500037008/ops.json", &ops);
    let m = messages(dir.path());
    assert!(m.iter().any(|x| x.contains("before registration")), "{m:?}");
    assert!(
        m.iter()
            .any(|x| x.contains("ops.json:7:") && x.contains("already deleted")),
        "{m:?}"
    );
}

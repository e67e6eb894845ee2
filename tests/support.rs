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

/// Runs the `nusqa` binary on `corpus` with `args`.
pub fn nusqa(corpus: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_nusqa"))
        .arg("--corpus")
        .arg(corpus)
        .args(args)
        .output()
        .unwrap()
}

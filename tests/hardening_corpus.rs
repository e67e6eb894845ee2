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

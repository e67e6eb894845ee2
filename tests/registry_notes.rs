//! Our editorial notes against the registry's: for every clause Order No. 429 changed in
//! Order No. 350, the note we generate in Kazakh and in Russian equals the registry's
//! note in its 2025-12-03 redaction (`shared/registry/V1400010273/`), character for
//! character but for the dash style. Notes that also name earlier acts the corpus does
//! not hold (Orders 256 and 137) get those acts from the registry's own notes, read by
//! `registry_notes::parse_note`.

use std::path::{Path, PathBuf};

use nusqa::model::{EId, EventKind, Lang, RegistryId};
use nusqa::notes::notes_with_priors;
use nusqa::registry_notes::parse_note;
use nusqa::{Library, corpus};

use crate::support::d;

fn registry() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/registry/V1400010273")
}

/// The clauses Order 429 changed in Order 350, where the registry notes them: the
/// clause, the start of its Kazakh note, the start of its Russian note, and whether the
/// note stands in place of the clause (a deleted subparagraph).
const CLAUSES: &[(&str, &str, &str, bool)] = &[
    ("att_1__para_4", "Ескерту. 4-тармақ ", "Сноска. Пункт 4 ", false),
    ("att_1__para_5", "Ескерту. 5-тармаққа ", "Сноска. Пункт 5 ", false),
    ("att_1__para_5__subpara_1", "1) алып тасталды", "1) исключен", true),
    ("att_1__para_6", "Ескерту. 6-тармаққа ", "Сноска. Пункт 6 ", false),
    ("att_1__para_11", "Ескерту. 11-тармақ ", "Сноска. Пункт 11 ", false),
    ("att_1__att_2", "Ескерту. 2-қосымша ", "Сноска. Приложение 2 ", false),
];

/// The one wording of the registry's that our notes do not copy: paragraph 11's Kazakh
/// note reads "жаңа редакцияда көзделген" ("provided in a new wording") where every other
/// note of the redaction writes "жаңа редакцияда". It is compared with that word
/// removed, and the test fails if the registry's text ever stops saying it.
const REGISTRY_VARIANT: (&str, &str, &str) = ("att_1__para_11", "жаңа редакцияда көзделген", "жаңа редакцияда");

/// The registry's note lines of a redaction, without their Markdown (`> *…*`, `*…*`).
fn note_lines(file: &str) -> Vec<String> {
    let text = std::fs::read_to_string(registry().join(file)).unwrap();
    text.lines()
        .map(|l| l.trim().trim_start_matches('>').trim())
        .filter(|l| l.starts_with('*') && l.ends_with('*'))
        .map(|l| l.trim_matches('*').trim().to_string())
        .collect()
}

/// The one note starting with `start`.
fn registry_note(lines: &[String], start: &str) -> String {
    let found: Vec<&String> = lines.iter().filter(|l| l.starts_with(start)).collect();
    assert_eq!(found.len(), 1, "notes starting with {start:?}: {found:?}");
    found[0].clone()
}

/// The dash style is the only thing told apart: en dash and hyphen read alike.
fn dashes(s: &str) -> String {
    s.replace(" – ", " - ").replace(" — ", " - ")
}

fn library() -> Library {
    let loaded = corpus::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")).unwrap();
    assert!(loaded.errors.is_empty());
    let mut lib = loaded.library;
    // Order 429 first published 2025-10-03; its changes then hold from 2025-12-03.
    lib.record_event(&id("V2500037008"), EventKind::Publication, d("2025-10-03"))
        .unwrap();
    lib
}

fn id(s: &str) -> RegistryId {
    s.parse().unwrap()
}

#[test]
fn the_list_names_every_clause_order_429_changed_in_order_350() {
    let lib = library();
    let order = id("V2500037008");
    let listed: Vec<&str> = CLAUSES.iter().map(|c| c.0).collect();
    for op in lib.ops_by(&order).iter().filter(|o| o.target_act == id("V1400010273")) {
        let t = op.target.as_ref().unwrap().as_str();
        // A change is noted on the clause, or on its paragraph or annex.
        let noted = listed
            .iter()
            .any(|c| t == *c || t.starts_with(&format!("{c}__")) && !c.contains("subpara"));
        assert!(noted, "Order 429 changes {t}, and no listed clause notes it");
    }
}

#[test]
fn our_notes_equal_the_registrys() {
    let lib = library();
    let tl = lib.timeline(&id("V1400010273")).unwrap();
    for (lang, file) in [(Lang::Kk, "kaz@2025-12-03.md"), (Lang::Ru, "rus@2025-12-03.md")] {
        let lines = note_lines(file);
        for &(clause, kk_start, ru_start, in_place) in CLAUSES {
            let eid: EId = clause.parse().unwrap();
            let mut theirs = registry_note(&lines, if lang == Lang::Kk { kk_start } else { ru_start });
            if lang == Lang::Kk && clause == REGISTRY_VARIANT.0 {
                assert!(theirs.contains(REGISTRY_VARIANT.1), "{theirs}");
                theirs = theirs.replace(REGISTRY_VARIANT.1, REGISTRY_VARIANT.2);
            }
            // The acts before Order 429 are known only from the registry's note.
            let priors: Vec<_> = parse_note(lang, &eid, &theirs)
                .unwrap()
                .into_iter()
                .filter(|p| p.number != "429")
                .collect();
            let ours = notes_with_priors(&lib, tl, &eid, d("2026-01-15"), lang, &priors);
            let ours: Vec<&String> = ours
                .iter()
                .filter(|n| (n.starts_with("Ескерту.") || n.starts_with("Сноска.")) != in_place)
                .collect();
            assert_eq!(ours.len(), 1, "{lang:?} {clause}: {ours:#?}");
            assert!(theirs.contains("№ 429"), "{theirs}");
            assert_eq!(dashes(ours[0]), dashes(&theirs), "{lang:?} {clause}");
        }
    }
}

#[test]
fn before_order_429_takes_force_there_is_no_note_of_ours() {
    let lib = library();
    let tl = lib.timeline(&id("V1400010273")).unwrap();
    for &(clause, ..) in CLAUSES {
        let eid: EId = clause.parse().unwrap();
        assert!(notes_with_priors(&lib, tl, &eid, d("2025-12-02"), Lang::Kk, &[]).is_empty());
    }
}

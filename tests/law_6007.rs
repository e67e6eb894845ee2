//! The amending Law "On amendments to the Law on emergencies of natural and man-made
//! character" (`shared/registry/laws-6007/`, ESPI code 6007), in Kazakh and Russian,
//! read by the parser: both texts give the same kinds of change, instruction by
//! instruction; the one place where they name different nodes (the Russian "абзац шестой
//! части третьей" of article 13, the Kazakh "он бірінші абзац") is reported, naming both
//! readings; and the law they amend, which the corpus does not hold, is an error that
//! names it, never a silent skip.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use nusqa::model::{Act, ActKind, Content, EId, Issuer, Lang, Node, WorkUri};
use nusqa::parse::{Discrepancy, ParseErrorKind, Reading, compare, read_amending_act};

use crate::support::d;

fn law_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/registry/laws-6007")
}

/// The law as the registry's Markdown gives it: the `# ` title, then one abzats per
/// paragraph; the last paragraph is the signature. Returns the title and the body's
/// abzats, which make the law's one item (it has no List: its body amends).
fn registry_text(lang: &str) -> (String, Vec<String>) {
    let path = law_dir().join(format!("{lang}.md"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut paras: Vec<String> = text
        .split("\n\n")
        .map(|p| p.trim().replace('\n', " "))
        .filter(|p| !p.is_empty())
        .collect();
    let title = paras.remove(0);
    let title = title.strip_prefix("# ").unwrap_or(&title).to_string();
    let signature = paras.pop().unwrap();
    assert!(signature.contains("Президент"), "{signature}");
    (title, paras)
}

/// The amending law as an act: a law has no registry id of the orders' kind, so the
/// test gives it a synthetic one (labelled so); its titles are the registry's.
fn law(kk_title: &str, ru_title: &str) -> Act {
    Act {
        id: "V9600006007".parse().unwrap(),
        work_uri: WorkUri::new(&ActKind::Law, d("1999-01-01"), "6007"),
        kind: ActKind::Law,
        issuer: Issuer {
            office: "Parliament".into(),
            names: BTreeMap::new(),
            acting: false,
        },
        date: d("1999-01-01"),
        number: "6007".into(),
        registration: None,
        titles: BTreeMap::from([(Lang::Kk, kk_title.to_string()), (Lang::Ru, ru_title.to_string())]),
        events: vec![],
        synthetic: true,
        provenance: Some("shared/registry/laws-6007 (ESPI code 6007); the id and date are the test's".into()),
        editorial_notes: vec![],
        entry_into_force: None,
    }
}

fn read(lang: Lang) -> Reading {
    let (kk_title, _) = registry_text("kaz");
    let (ru_title, _) = registry_text("rus");
    let (_, body) = registry_text(if lang == Lang::Ru { "rus" } else { "kaz" });
    let tree = vec![Node {
        eid: "para_1".parse().unwrap(),
        num: None,
        heading: None,
        content: Content::of(body.join("\n")),
        children: vec![],
    }];
    // The corpus's acts are the targets; the amended law is not among them.
    let loaded = nusqa::corpus::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")).unwrap();
    let lib = loaded.library;
    let bases: Vec<_> = lib.acts().map(|a| (a, lib.base(&a.id).unwrap())).collect();
    let targets: Vec<_> = bases.iter().map(|(a, b)| (*a, b.as_slice())).collect();
    read_amending_act(lang, &law(&kk_title, &ru_title), &tree, &targets)
}

fn eids(v: &[&str]) -> Vec<EId> {
    v.iter().map(|s| s.parse().unwrap()).collect()
}

#[test]
fn both_languages_read_the_same_kinds_of_change() {
    let (kk, ru) = (read(Lang::Kk), read(Lang::Ru));
    let kinds = |r: &Reading| r.instructions.iter().map(|i| i.change).collect::<Vec<_>>();
    let expected = ["replace_words", "replace_words", "replace", "replace", "delete"];
    assert_eq!(kinds(&kk), expected);
    assert_eq!(kinds(&ru), kinds(&kk));
    // Clause by clause: the same item, and the nodes each names.
    let places = |r: &Reading| {
        r.instructions
            .iter()
            .map(|i| (i.item.clone(), i.targets.clone()))
            .collect::<Vec<_>>()
    };
    let p = |v: &[&str]| ("para_1".to_string(), eids(v));
    assert_eq!(
        places(&kk),
        [
            p(&["art_10__abz_13"]),
            p(&["art_11__part_2__abz_8"]),
            p(&["art_13__part_2__abz_3"]),
            p(&["art_13__abz_11"]),
            p(&["art_29"]),
        ]
    );
    assert_eq!(
        places(&ru),
        [
            p(&["art_10__abz_13"]),
            p(&["art_11__part_2__abz_8"]),
            p(&["art_13__part_2__abz_3"]),
            p(&["art_13__part_3__abz_6"]),
            p(&["art_29"]),
        ]
    );
    // Nothing is applied: the amended law is not held.
    assert!(kk.instructions.iter().chain(&ru.instructions).all(|i| !i.made));
}

#[test]
fn the_target_mismatch_is_reported_naming_both_readings() {
    let (kk, ru) = (read(Lang::Kk), read(Lang::Ru));
    let found = compare(&kk, &ru);
    assert_eq!(found.len(), 1, "{found:#?}");
    let Discrepancy::Target { item, index, a, b } = &found[0] else {
        panic!("not a target discrepancy: {found:?}")
    };
    assert_eq!((item.as_str(), *index), ("para_1", 3));
    assert_eq!(a.text, "он бірінші абзац мынадай редакцияда жазылсын:");
    assert_eq!(b.text, "абзац шестой части третьей изложить в следующей редакции:");
    let said = found[0].describe(Lang::Kk, Lang::Ru);
    for part in [
        "art_13__abz_11",
        "он бірінші абзац",
        "art_13__part_3__abz_6",
        "абзац шестой части третьей",
    ] {
        assert!(said.contains(part), "{said}");
    }
}

#[test]
fn the_law_not_held_is_an_error_naming_it() {
    for (lang, title) in [
        (Lang::Kk, "Табиғи және техногендік сипаттағы төтенше жағдайлар туралы"),
        (Lang::Ru, "О чрезвычайных ситуациях природного и техногенного характера"),
    ] {
        let errors = read(lang).parsed.unwrap_err();
        assert_eq!(errors.len(), 1, "{lang:?}: {errors:#?}");
        let e = &errors[0];
        assert_eq!((e.item.as_str(), e.abzats), ("para_1", Some(1)));
        let ParseErrorKind::UnresolvedTargetAct(m) = &e.kind else {
            panic!("{lang:?}: {e}")
        };
        assert!(m.contains(title) && m.contains("1996-07-05"), "{lang:?}: {m}");
    }
}

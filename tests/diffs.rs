//! Diffs, effects, blame and editorial notes.

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use nusqa::consolidate::{Status, consolidate};
use nusqa::dates::DateStatus;
use nusqa::diff::{ChangeKind, DiffOptions, diff, words::word_diff};
use nusqa::model::{EventKind, Lang, RegistryId};
use nusqa::synth::{self, SynthOptions};
use nusqa::{Library, corpus};
use proptest::prelude::*;

use crate::support::d;

fn real() -> Library {
    corpus::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"))
        .unwrap()
        .library
}

fn id(s: &str) -> RegistryId {
    s.parse().unwrap()
}

type View = HashMap<String, (Option<String>, Status, Option<String>)>;

fn view(lib: &Library, act: &RegistryId, date: NaiveDate) -> View {
    let c = consolidate(lib.timeline(act).unwrap(), date).unwrap();
    let mut m = HashMap::new();
    c.walk(&mut |n| {
        m.insert(
            n.eid.to_string(),
            (n.num.map(str::to_string), n.status, n.text.map(str::to_string)),
        );
    });
    m
}

#[test]
fn a_date_against_itself_has_no_changes() {
    let lib = real();
    let tl = lib.timeline(&id("V2500037008")).unwrap();
    let x = d("2025-10-01");
    assert!(diff(tl, x, x, DiffOptions::default()).unwrap().nodes.is_empty());
    let with_context = diff(
        tl,
        x,
        x,
        DiffOptions {
            context: true,
            ..DiffOptions::default()
        },
    )
    .unwrap();
    assert!(with_context.nodes.iter().all(|n| n.change == ChangeKind::Unchanged) && !with_context.nodes.is_empty());
}

#[test]
fn pathological_texts_finish_within_the_deadline_with_a_coarse_result() {
    let mut rng = synth::Rng::new(3);
    let a: String = (0..20_000)
        .map(|_| synth::root(rng.below(5000)) + " ")
        .collect::<String>();
    let b: String = (0..20_000)
        .map(|_| synth::root(rng.below(5000) + 5000) + " ")
        .collect::<String>();
    assert!(a.len() > 100_000 && b.len() > 100_000);
    let budget = Duration::from_millis(100);
    let t = Instant::now();
    let w = word_diff(&a, &b, budget);
    let took = t.elapsed();
    assert!(took < budget * 10, "took {took:?}");
    assert_eq!(w.old_text(), a);
    assert_eq!(w.new_text(), b);
}

#[test]
fn the_effect_of_order_429_covers_all_seven_acts() {
    let lib = real();
    let order = id("V2500037008");
    let pending = nusqa::effect::effect(&lib, &order, None);
    let counts: Vec<(String, usize)> = pending
        .iter()
        .map(|g| (g.act.to_string(), g.operations.len()))
        .collect();
    assert_eq!(
        counts,
        [
            ("V1400010273", 5),
            ("V1500012479", 9),
            ("V2000020340", 3),
            ("V2000020435", 4),
            ("V2000020561", 12),
            ("V2100024508", 4),
            ("V2100024574", 3)
        ]
        .map(|(a, n)| (a.to_string(), n))
    );
    let ops: Vec<_> = pending.iter().flat_map(|g| &g.operations).collect();
    assert_eq!(ops.iter().filter(|e| e.status == DateStatus::Pending).count(), 39);
    let fixed = ops.iter().find(|e| e.status == DateStatus::Scheduled).unwrap();
    assert_eq!(
        (
            fixed.operation.operation.target.as_ref().map(|t| t.as_str()),
            fixed.date
        ),
        (Some("att_1__para_2"), Some(d("2026-01-01")))
    );
    for e in &ops {
        let kind = e.operation.operation.change.kind_name();
        let after = e.after.as_ref().unwrap_or_else(|| panic!("#{} has no after", e.index));
        match kind {
            "delete" => assert_eq!(after.status, Status::Repealed, "#{}", e.index),
            _ => assert!(after.text.is_some(), "#{} {kind} has no new text", e.index),
        }
        assert!(
            e.note
                .as_deref()
                .is_some_and(|n| n.starts_with("Ескерту.") && n.contains("№ 429")),
            "#{}",
            e.index
        );
    }
    // Once published, the timelines give the same after-texts the simulation gave.
    let mut published = lib.clone();
    published
        .record_event(&order, EventKind::Publication, d("2025-10-06"))
        .unwrap();
    let real_effects = nusqa::effect::effect(&published, &order, None);
    let after: Vec<_> = real_effects
        .iter()
        .flat_map(|g| &g.operations)
        .map(|e| (e.date, e.after.clone()))
        .collect();
    let simulated: Vec<_> = ops.iter().map(|e| e.after.clone()).collect();
    assert!(
        after
            .iter()
            .all(|(date, _)| date.is_some_and(|x| x == d("2025-12-06") || x == d("2026-01-01")))
    );
    assert_eq!(after.into_iter().map(|(_, a)| a).collect::<Vec<_>>(), simulated);
}

#[test]
fn blame_and_notes_name_the_order_and_item() {
    let mut lib = real();
    lib.record_event(&id("V2500037008"), EventKind::Publication, d("2025-10-06"))
        .unwrap();
    let act = id("V1400010273");
    let lines = nusqa::blame::blame(&lib, &act, d("2026-01-15")).unwrap();
    let p4 = lines.iter().find(|l| l.eid == "att_1__para_4").unwrap();
    assert_eq!(
        (p4.act.as_str(), p4.item.as_deref(), p4.since),
        ("V2500037008", Some("att_1__para_1"), d("2025-12-06"))
    );
    assert_eq!(p4.act_label, "№ 429, 2025-09-30");
    let base = lines.iter().find(|l| l.eid == "att_1__para_5").unwrap();
    assert_eq!((base.act.as_str(), base.item.as_deref()), ("V1400010273", None));
    let tl = lib.timeline(&act).unwrap();
    let kk = nusqa::notes::notes_for(&lib, tl, &"att_1__para_4".parse().unwrap(), d("2026-01-15"), Lang::Kk);
    assert_eq!(
        kk,
        [
            "Ескерту. 4-тармақ жаңа редакцияда – ҚР Төтенше жағдайлар министрінің 30.09.2025 № 429 (алғашқы ресми жарияланған күнінен кейін күнтізбелік алпыс күн өткен соң қолданысқа енгізіледі) бұйрығымен."
        ]
    );
    let ru = nusqa::notes::notes_for(
        &lib,
        tl,
        &"att_1__para_5__subpara_1".parse().unwrap(),
        d("2026-01-15"),
        Lang::Ru,
    );
    // A deleted subparagraph is noted in place, as the registry does.
    assert_eq!(ru.len(), 1);
    assert!(
        ru[0].starts_with("1) исключен приказом Министра по чрезвычайным ситуациям РК от 30.09.2025 № 429"),
        "{ru:?}"
    );
    // Children written as part of a new wording carry no note of their own; before the
    // change there is none.
    assert!(
        nusqa::notes::notes_for(
            &lib,
            tl,
            &"att_1__para_6__subpara_1".parse().unwrap(),
            d("2026-01-15"),
            Lang::Kk
        )
        .is_empty()
    );
    assert!(nusqa::notes::notes_for(&lib, tl, &"att_1__para_4".parse().unwrap(), d("2025-12-05"), Lang::Kk).is_empty());
    let att2 = nusqa::notes::notes_for(
        &lib,
        lib.timeline(&id("V2000020561")).unwrap(),
        &"att_3__att_2".parse().unwrap(),
        d("2026-01-15"),
        Lang::Kk,
    );
    assert!(att2[0].starts_with("Ескерту. 2-қосымша жаңа редакцияда"), "{att2:?}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// diff(x, x) is empty; applying a diff's changes to the D1 view gives the D2 view;
    /// swapping the dates swaps the diff.
    #[test]
    fn diff_properties(seed in 0u64..10_000, amendments in 1usize..15, clauses in 4usize..40, a in 0u64..900, b in 0u64..900) {
        let (lib, errors) = Library::build(synth::generate(SynthOptions { acts: 2, amendments, clauses, seed }));
        prop_assert!(errors.is_empty());
        let start = NaiveDate::from_ymd_opt(2019, 12, 1).unwrap();
        let (d1, d2) = (start.checked_add_days(Days::new(a)).unwrap(), start.checked_add_days(Days::new(b)).unwrap());
        let raw = DiffOptions { raw: true, ..DiffOptions::default() };
        for act in [RegistryId::from_parts(2010, 90_000_000), RegistryId::from_parts(2010, 90_000_001)] {
            let tl = lib.timeline(&act).unwrap();
            prop_assert!(diff(tl, d1, d1, raw).unwrap().nodes.is_empty());
            let dd = diff(tl, d1, d2, raw).unwrap();
            let mut v = view(&lib, &act, d1);
            for n in &dd.nodes {
                match &n.after {
                    None => { v.remove(n.eid.as_str()); }
                    Some(s) => { v.insert(n.eid.to_string(), (s.num.clone(), s.status, s.text.clone())); }
                }
                if let Some(w) = &n.words {
                    prop_assert_eq!(Some(w.old_text()), n.before.as_ref().and_then(|s| s.text.clone()));
                    prop_assert_eq!(Some(w.new_text()), n.after.as_ref().and_then(|s| s.text.clone()));
                }
            }
            prop_assert_eq!(v, view(&lib, &act, d2));
            let back = diff(tl, d2, d1, raw).unwrap();
            let inv = dd.inverted();
            prop_assert_eq!(back.nodes.len(), inv.nodes.len());
            for (x, y) in back.nodes.iter().zip(&inv.nodes) {
                prop_assert_eq!((&x.eid, x.change, &x.before, &x.after), (&y.eid, y.change, &y.before, &y.after));
            }
        }
    }
}

/// Two pending operations on one node compose in the simulation as they will once the
/// date is known (each used to be simulated alone, and effect and impact disagreed).
#[test]
fn pending_operations_on_one_node_are_simulated_together() {
    use nusqa::library::ActEntry;
    let base = crate::support::act("V1400000001", "2014-01-01");
    let mut amending = crate::support::act("V2500000002", "2025-09-30");
    amending.registration = serde_json::from_value(serde_json::json!({"number": 2, "date": "2025-10-01"})).unwrap();
    let op = |i: usize, words: &str, replacement: &str| -> nusqa::amend::Operation {
        serde_json::from_value(serde_json::json!({
            "source_act": "V2500000002", "source_item": format!("para_{}", i + 1), "source_abzats": null,
            "target_act": "V1400000001", "target": "para_1", "kind": "replace_words",
            "words": words, "replacement": replacement,
            "effective": {"rule": "after_event", "event": "publication", "days": 10}
        }))
        .unwrap()
    };
    let entries = vec![
        ActEntry {
            act: base,
            base: nusqa::clause_markdown::parse("# para_1 [1]\nалғашқы мәтін бар\n").unwrap(),
            ops: vec![],
        },
        ActEntry {
            act: amending,
            base: nusqa::clause_markdown::parse("# para_1 [1]\nӨзгерістер.\n\n# para_2 [2]\nӨзгерістер.\n").unwrap(),
            ops: vec![op(0, "алғашқы", "жаңа"), op(1, "мәтін", "сөз")],
        },
    ];
    let (lib, errors) = Library::build(entries);
    assert!(errors.is_empty(), "{errors:?}");
    let after = |lib: &Library| -> Vec<Option<String>> {
        nusqa::effect::effect(lib, &id("V2500000002"), None)
            .iter()
            .flat_map(|g| &g.operations)
            .map(|e| e.after.as_ref().and_then(|r| r.text.clone()))
            .collect()
    };
    let simulated = after(&lib);
    assert_eq!(simulated, vec![Some("жаңа сөз бар".to_string()); 2]);
    let mut published = lib.clone();
    published
        .record_event(&id("V2500000002"), EventKind::Publication, d("2025-10-01"))
        .unwrap();
    assert_eq!(after(&published), simulated);
}

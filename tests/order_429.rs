//! Order No. 429 on the real corpus: the frozen operations are what the parser makes,
//! and lawyers see what the order did, on the right dates.

use std::path::Path;

use nusqa::consolidate::{Status, consolidate};
use nusqa::model::{EventKind, RegistryId};
use nusqa::{Library, corpus};

use crate::support::d;

fn library() -> Library {
    let loaded = corpus::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")).unwrap();
    assert!(
        loaded.errors.is_empty(),
        "{:?}",
        loaded.errors.iter().map(|e| e.to_string()).collect::<Vec<_>>()
    );
    loaded.library
}

fn id(s: &str) -> RegistryId {
    s.parse().unwrap()
}

#[test]
fn frozen_operations_equal_what_the_parser_produces() {
    let lib = library();
    let order = id("V2500037008");
    let act = lib.act(&order).unwrap();
    let bases: Vec<_> = lib
        .acts()
        .filter(|a| a.id != order)
        .map(|a| (a, lib.base(&a.id).unwrap()))
        .collect();
    let targets: Vec<_> = bases.iter().map(|(a, b)| (*a, b.as_slice())).collect();
    let parsed = nusqa::parse::parse_amending_act(act, &lib.base(&order).unwrap(), &targets).unwrap();
    let frozen: Vec<_> = lib
        .ops_by(&order)
        .iter()
        .map(|o| {
            let mut o = o.clone();
            o.origin = None;
            o
        })
        .collect();
    assert_eq!(parsed.ops.len(), 40);
    assert_eq!(
        frozen, parsed.ops,
        "the frozen ops.json differs from the parser's output"
    );
    assert_eq!(
        act.entry_into_force, parsed.entry_into_force,
        "the frozen entry-into-force clause differs"
    );
}

#[test]
fn before_publication_the_sixty_day_changes_are_pending_from_1_december() {
    let lib = library();
    let tl = lib.timeline(&id("V1400010273")).unwrap();
    let c = consolidate(tl, d("2025-11-30")).unwrap();
    assert_eq!(c.find("att_1__para_4").unwrap().status, Status::NotHeld);
    let c = consolidate(tl, d("2025-12-01")).unwrap();
    let p4 = c.find("att_1__para_4").unwrap();
    assert_eq!(p4.status, Status::Pending);
    assert_eq!(p4.pending[0].earliest, Some(d("2025-12-01")));
    assert_eq!(p4.text, None, "a pending change shows no invented text");
}

#[test]
fn after_publication_the_blasting_permit_rules_read_anew() {
    let mut lib = library();
    let errors = lib
        .record_event(&id("V2500037008"), EventKind::Publication, d("2025-10-06"))
        .unwrap();
    assert!(errors.is_empty(), "{errors:?}");
    let tl = lib.timeline(&id("V1400010273")).unwrap();
    let c = consolidate(tl, d("2026-01-15")).unwrap();
    for eid in [
        "att_1__para_4",
        "att_1__para_6",
        "att_1__para_11",
        "att_1__att_2__table_1__row_1",
    ] {
        let n = c.find(eid).unwrap();
        assert_eq!(n.status, Status::InForce, "{eid}");
        assert_eq!(n.since, d("2025-12-06"), "{eid}: sixty days after 6 October 2025");
        assert_eq!(n.source.act.as_str(), "V2500037008", "{eid}");
        assert_eq!(n.source.item.as_deref(), Some("att_1__para_1"), "{eid}");
    }
    assert!(
        c.find("att_1__para_4")
            .unwrap()
            .text
            .unwrap()
            .starts_with("\"Жарылыс жұмыстарын жүргізуге рұқсат беру\"")
    );
    assert!(
        c.find("att_1__para_6__subpara_1")
            .unwrap()
            .text
            .unwrap()
            .contains("өтініш")
    );
    assert_eq!(c.find("att_1__para_5__subpara_1").unwrap().status, Status::Repealed);
    for eid in ["att_1", "att_1__para_5", "att_1__att_2", "att_1__att_2__table_1"] {
        assert_eq!(c.find(eid).unwrap().status, Status::NotHeld, "{eid}");
    }
    let row = c.find("att_1__att_2__table_1__row_1").unwrap();
    assert_eq!(row.children[1].text, Some("Көрсетілетін қызметті берушінің атауы"));
    // Before: nothing of Order 429.
    let before = consolidate(tl, d("2025-10-05")).unwrap();
    before.walk(&mut |n| {
        assert_eq!(
            n.source.act.as_str(),
            "V1400010273",
            "{} changed before the order took force",
            n.eid
        );
    });
}

#[test]
fn item_3_takes_force_in_two_steps() {
    let mut lib = library();
    lib.record_event(&id("V2500037008"), EventKind::Publication, d("2025-10-06"))
        .unwrap();
    let tl = lib.timeline(&id("V2000020340")).unwrap();
    let at = |date: &str, eid: &str| {
        let c = consolidate(tl, d(date)).unwrap();
        let n = c.find(eid).unwrap();
        (n.status, n.since)
    };
    assert_eq!(at("2025-12-05", "att_1__para_9"), (Status::NotHeld, d("2020-04-06")));
    assert_eq!(at("2025-12-06", "att_1__para_9"), (Status::InForce, d("2025-12-06")));
    assert_eq!(at("2025-12-06", "att_1__para_12"), (Status::InForce, d("2025-12-06")));
    assert_eq!(at("2025-12-31", "att_1__para_2"), (Status::NotHeld, d("2020-04-06")));
    assert_eq!(at("2026-01-01", "att_1__para_2"), (Status::InForce, d("2026-01-01")));
    let c = consolidate(tl, d("2026-01-01")).unwrap();
    assert_eq!(
        c.find("att_1__para_2").unwrap().children.len(),
        7,
        "the new paragraph 2 has subparagraphs 1) to 7)"
    );
}

#[test]
fn every_amended_act_is_touched_and_each_check_passes() {
    let mut lib = library();
    lib.record_event(&id("V2500037008"), EventKind::Publication, d("2025-10-06"))
        .unwrap();
    for target in [
        "V1400010273",
        "V1500012479",
        "V2000020340",
        "V2000020435",
        "V2000020561",
        "V2100024508",
        "V2100024574",
    ] {
        let tl = lib.timeline(&id(target)).unwrap();
        let c = consolidate(tl, d("2026-02-01")).unwrap();
        let mut changed = 0;
        c.walk(&mut |n| {
            if n.source.act.as_str() == "V2500037008" {
                changed += 1;
            }
        });
        assert!(changed > 0, "{target} was not changed by Order 429");
    }
}

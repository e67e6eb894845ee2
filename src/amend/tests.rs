//! Unit tests of the operation kinds (the data-driven cases live in tests/datatests).

use chrono::NaiveDate;

use super::*;
use crate::model::Content;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn e(s: &str) -> EId {
    s.parse().unwrap()
}

fn leaf(eid: &str, num: &str, text: &str) -> Node {
    Node {
        eid: e(eid),
        num: Some(num.into()),
        heading: None,
        content: Content::of(text),
        children: vec![],
    }
}

fn base() -> Tree {
    let mut p5 = leaf("att_1__para_5", "5", "Бесінші тармақ:");
    p5.children = vec![
        leaf("att_1__para_5__subpara_1", "1", "бірінші;"),
        leaf("att_1__para_5__subpara_2", "2", "екінші."),
    ];
    let att = Node {
        eid: e("att_1"),
        num: Some("1".into()),
        heading: None,
        content: Content::of(""),
        children: vec![leaf("att_1__para_4", "4", "Төртінші тармақ."), p5],
    };
    Tree::from_nodes(
        &[att],
        d("2015-01-01"),
        &Provenance::base(&"V1400010273".parse().unwrap()),
    )
    .unwrap()
}

fn op(target: &str, change: Change) -> Operation {
    Operation {
        source_act: "V2500037008".parse().unwrap(),
        source_item: "att_1__para_1".into(),
        source_abzats: None,
        target_act: "V1400010273".parse().unwrap(),
        target: Some(e(target)),
        change,
        effective: crate::dates::EffectiveRule::Fixed { date: d("2026-01-01") },
        instruction: None,
        origin: None,
    }
}

fn run(tree: &mut Tree, o: &Operation) -> Result<Vec<EId>, AmendError> {
    apply(tree, o, d("2026-01-01"), &o.provenance(0))
}

#[test]
fn failing_operations_leave_the_tree_untouched() {
    let mut t = base();
    let before = t.clone();
    let bad = Node {
        children: vec![leaf("att_1__para_9__subpara_1", "1", "x")],
        ..leaf("att_1__para_4", "4", "y")
    };
    assert!(run(&mut t, &op("att_1__para_4", Change::Replace { content: bad })).is_err());
    assert!(run(&mut t, &op("att_1__para_9", Change::Delete)).is_err());
    assert!(
        run(
            &mut t,
            &op(
                "att_1__para_4",
                Change::DeleteWords {
                    words: "жоқ сөз".into()
                }
            )
        )
        .is_err()
    );
    assert_eq!(t, before);
}

#[test]
fn insert_before_and_inside_keep_order() {
    let mut t = base();
    run(
        &mut t,
        &op(
            "att_1__para_5",
            Change::Insert {
                position: Position::Before,
                content: leaf("att_1__para_4-1", "4-1", "Жаңа."),
            },
        ),
    )
    .unwrap();
    run(
        &mut t,
        &op(
            "att_1__para_5",
            Change::Insert {
                position: Position::Inside,
                content: leaf("att_1__para_5__subpara_3", "3", "үшінші."),
            },
        ),
    )
    .unwrap();
    let att = t.get(&e("att_1")).unwrap();
    assert_eq!(
        att.children,
        vec![e("att_1__para_4"), e("att_1__para_4-1"), e("att_1__para_5")]
    );
    assert_eq!(
        t.get(&e("att_1__para_5")).unwrap().children.last(),
        Some(&e("att_1__para_5__subpara_3"))
    );
    let wrong = op(
        "att_1__para_5",
        Change::Insert {
            position: Position::After,
            content: leaf("att_1__para_5__subpara_9", "9", "x"),
        },
    );
    assert!(matches!(run(&mut t, &wrong), Err(AmendError::WrongParent { .. })));
}

#[test]
fn replace_attachment_only_targets_attachments() {
    let mut t = base();
    let o = op(
        "att_1__para_4",
        Change::ReplaceAttachment {
            content: leaf("att_1__para_4", "4", "x"),
        },
    );
    assert_eq!(run(&mut t, &o), Err(AmendError::NotAnAttachment(e("att_1__para_4"))));
}

#[test]
fn words_in_a_text_not_held_are_recorded_not_invented() {
    let mut t = base();
    t.get_mut(&e("att_1__para_4")).unwrap().state.content = Content::NotHeld;
    let touched = run(
        &mut t,
        &op(
            "att_1__para_4",
            Change::ReplaceWords {
                words: "a".into(),
                replacement: "b".into(),
            },
        ),
    )
    .unwrap();
    assert_eq!(touched, vec![e("att_1__para_4")]);
    let n = t.get(&e("att_1__para_4")).unwrap();
    assert_eq!(n.state.content, Content::NotHeld);
    assert_eq!(n.state.source.act.as_str(), "V2500037008");
}

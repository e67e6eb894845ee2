//! Tests of the Kazakh amendment parser: one test per formula on small hand-made acts,
//! the golden test over Order No. 429, error tests and a property test on mangled input.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use nusqa::amend::{Change, Operation, Position};
use nusqa::dates::{EffectiveRule, EntryIntoForceException};
use nusqa::model::{
    AbzatsRange, Act, ActKind, Content, EId, EventKind, Issuer, Lang, Node, Registration, RegistryId, WorkUri,
};
use nusqa::parse::{ParseError, ParseErrorKind, Parsed, parse_amending_act};

// ---------------------------------------------------------------------------------------
// Helpers

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap_or_else(|e| panic!("bad date {s}: {e}"))
}

fn eid(s: &str) -> EId {
    s.parse().unwrap_or_else(|e| panic!("bad eId {s}: {e}"))
}

/// An act's metadata.
fn act(id: &str, date: &str, number: &str, title: &str) -> Act {
    let id: RegistryId = id.parse().unwrap();
    let reg = id.registration_number();
    Act {
        work_uri: WorkUri::new(&ActKind::Order, d(date), number),
        id,
        kind: ActKind::Order,
        issuer: Issuer {
            office: "Minister".into(),
            names: BTreeMap::new(),
            acting: false,
        },
        date: d(date),
        number: number.into(),
        registration: Some(Registration {
            number: reg,
            date: None,
        }),
        titles: BTreeMap::from([(Lang::Kk, title.to_string())]),
        events: Vec::new(),
        synthetic: false,
        provenance: None,
        editorial_notes: Vec::new(),
        entry_into_force: None,
    }
}

/// A node with text (`None`: not held) and children.
fn node(e: &str, num: Option<&str>, text: Option<&str>, children: Vec<Node>) -> Node {
    Node {
        eid: eid(e),
        num: num.map(str::to_string),
        heading: None,
        content: text.map_or(Content::NotHeld, Content::of),
        children,
    }
}

/// A not-held node numbered by its eId.
fn held(e: &str, children: Vec<Node>) -> Node {
    let id = eid(e);
    let num = id.num().map(str::to_string);
    Node {
        eid: id,
        num,
        heading: None,
        content: Content::NotHeld,
        children,
    }
}

/// A not-held attachment with a heading.
fn att(e: &str, heading: &str, children: Vec<Node>) -> Node {
    let mut n = held(e, children);
    n.heading = Some(heading.to_string());
    n
}

const TITLE_350: &str = "Жарылыс жұмыстарын жүргізуге рұқсат беру қағидаларын бекіту туралы";
const RULES_350: &str = "Жарылыс жұмыстарын жүргізуге рұқсат беру қағидалары";
const OPENING: &str = "\"Жарылыс жұмыстарын жүргізуге рұқсат беру қағидаларын бекіту туралы\" Қазақстан Республикасы Инвестициялар және даму министрінің 2014 жылғы 30 желтоқсандағы № 350 бұйрығына (Нормативтік құқықтық актілерді мемлекеттік тіркеу тізілімінде № 10273 болып тіркелген) мынадай өзгерістер енгізілсін:";
const RULES: &str = "көрсетілген бұйрықпен бекітілген Жарылыс жұмыстарын жүргізуге рұқсат беру қағидаларында:";

/// The target: order No. 350 with its Rules (att_1) and a generous skeleton.
fn target() -> (Act, Vec<Node>) {
    let a = act("V1400010273", "2014-12-30", "350", TITLE_350);
    let rules = att(
        "att_1",
        RULES_350,
        vec![
            held(
                "att_1__para_4",
                vec![
                    held("att_1__para_4__subpara_1", vec![]),
                    held("att_1__para_4__subpara_5", vec![]),
                    held("att_1__para_4__subpara_6", vec![]),
                ],
            ),
            held(
                "att_1__para_5",
                vec![
                    held("att_1__para_5__subpara_1", vec![]),
                    held("att_1__para_5__subpara_2", vec![]),
                ],
            ),
            held(
                "att_1__para_6",
                vec![
                    held("att_1__para_6__subpara_1", vec![]),
                    held("att_1__para_6__abz_2", vec![]),
                ],
            ),
            held("att_1__para_7", vec![]),
            held("att_1__para_8", vec![]),
            held("att_1__para_11", vec![held("att_1__para_11__abz_11", vec![])]),
            held("att_1__para_18", vec![]),
            held("att_1__para_18-1", vec![]),
            att(
                "att_1__att_2",
                "Жарылыс жұмыстарын жүргізуге рұқсат беру қағидаларына 2-қосымша",
                vec![held(
                    "att_1__att_2__table_1",
                    vec![
                        held("att_1__att_2__table_1__row_1", vec![]),
                        held("att_1__att_2__table_1__row_9", vec![]),
                    ],
                )],
            ),
            att("att_1__att_3", "Қағидаларға 3-қосымша", vec![]),
            att(
                "att_1__att_std",
                "\"Жарылыс жұмыстарын жүргізуге рұқсат беру\" мемлекеттік көрсетілетін қызмет стандарты (the registry does not state this attachment's number)",
                vec![att("att_1__att_std__att_1", "Стандартқа қосымша", vec![])],
            ),
        ],
    );
    (a, vec![rules])
}

/// An amending order (V2500099999, No. 9) whose List (att_1) holds `items`, each given
/// as its lines, with the List's `annexes`, and an entry-into-force clause when given.
fn order(items: &[Vec<&str>], annexes: Vec<Node>, eif: Option<&str>) -> (Act, Vec<Node>) {
    let a = act(
        "V2500099999",
        "2025-09-30",
        "9",
        "Кейбір бұйрықтарға өзгерістер енгізу туралы",
    );
    let mut tree = vec![node(
        "para_1",
        Some("1"),
        Some("Қоса беріліп отырған өзгерістер енгізілетін кейбір бұйрықтардың тізбесі (бұдан әрі — Тізбе) бекітілсін."),
        vec![],
    )];
    if let Some(e) = eif {
        tree.push(node("para_2", Some("2"), Some(e), vec![]));
    }
    let mut children: Vec<Node> = items
        .iter()
        .enumerate()
        .map(|(i, lines)| {
            let e = format!("att_1__para_{}", i + 1);
            node(&e, Some(&(i + 1).to_string()), Some(&lines.join("\n")), vec![])
        })
        .collect();
    children.extend(annexes);
    tree.push(node(
        "att_1",
        Some("1"),
        Some("Өзгерістер енгізілетін кейбір бұйрықтардың тізбесі"),
        children,
    ));
    (a, tree)
}

/// An item of order No. 350's Rules: the opening, the Rules heading, then `lines`.
fn item<'a>(lines: &[&'a str]) -> Vec<&'a str> {
    let mut v = vec![OPENING, RULES];
    v.extend_from_slice(lines);
    v
}

fn run(order: &(Act, Vec<Node>), targets: &[&(Act, Vec<Node>)]) -> Result<Parsed, Vec<ParseError>> {
    let t: Vec<(&Act, &[Node])> = targets.iter().map(|(a, n)| (a, n.as_slice())).collect();
    parse_amending_act(&order.0, &order.1, &t)
}

/// Parses one item against order No. 350, expecting success.
fn ops_of(lines: &[&str]) -> Vec<Operation> {
    let o = order(&[item(lines)], vec![], None);
    match run(&o, &[&target()]) {
        Ok(p) => p.ops,
        Err(e) => panic!("unexpected errors: {e:#?}"),
    }
}

/// Parses one item against order No. 350, expecting errors.
fn errors_of(lines: &[&str]) -> Vec<ParseError> {
    let o = order(&[item(lines)], vec![], None);
    match run(&o, &[&target()]) {
        Ok(p) => panic!("expected errors, got {} ops: {:#?}", p.ops.len(), p.ops),
        Err(e) => e,
    }
}

fn targets_of(ops: &[Operation]) -> Vec<String> {
    ops.iter()
        .map(|o| o.target.as_ref().map_or("-".to_string(), EId::to_string))
        .collect()
}

fn kinds_of(ops: &[Operation]) -> Vec<&'static str> {
    ops.iter().map(|o| o.change.kind_name()).collect()
}

fn content(op: &Operation) -> &Node {
    op.change
        .content()
        .unwrap_or_else(|| panic!("{} carries no content", op.change.kind_name()))
}

/// (eid, num, text) of every node of a subtree, in document order.
fn flat(n: &Node) -> Vec<(String, Option<String>, String)> {
    let mut out = Vec::new();
    n.walk(&mut |x| {
        out.push((
            x.eid.to_string(),
            x.num.clone(),
            x.content.text().unwrap_or("").to_string(),
        ))
    });
    out
}

fn range(from: u32, to: u32) -> Option<AbzatsRange> {
    Some(AbzatsRange { from, to })
}

// ---------------------------------------------------------------------------------------
// Item openings and Rules headings

#[test]
fn opening_resolves_the_act_by_registration_and_checks_it() {
    let ops = ops_of(&["4-тармақ мынадай редакцияда жазылсын:", "\"4. Жаңа мәтін.\";"]);
    assert_eq!(ops.len(), 1);
    assert_eq!(ops[0].target_act.as_str(), "V1400010273");
    assert_eq!(ops[0].source_act.as_str(), "V2500099999");
    assert_eq!(ops[0].source_item, "att_1__para_1");
    assert_eq!(
        ops[0].instruction.as_deref(),
        Some("4-тармақ мынадай редакцияда жазылсын:")
    );
    assert_eq!(ops[0].origin, None);
}

#[test]
fn opening_with_guillemets_singular_and_nested_title_takes_the_last_number() {
    // Order No. 234-like: its title quotes order No. 350, and both numbers appear.
    let title = "Жарылғыш заттар саласындағы қағидаларды бекіту туралы және \"Жарылыс жұмыстарын жүргізуге рұқсат беру қағидаларын бекіту туралы\" Қазақстан Республикасы Инвестициялар және даму министрінің 2014 жылғы 30 желтоқсандағы № 350 бұйрығына өзгерістер енгізу туралы";
    let t234 = (
        act("V2000020561", "2020-04-27", "234", title),
        vec![att(
            "att_1",
            "Жарылғыш заттар саласындағы қағидалар",
            vec![held("att_1__para_6", vec![])],
        )],
    );
    let opening = "«Жарылғыш заттар саласындағы қағидаларды бекіту туралы және «Жарылыс жұмыстарын жүргізуге рұқсат беру қағидаларын бекіту туралы» Қазақстан Республикасы Инвестициялар және даму министрінің 2014 жылғы 30 желтоқсандағы № 350 бұйрығына өзгерістер енгізу туралы» Қазақстан Республикасы Индустрия министрінің 2020 жылғы 27 сәуірдегі № 234 бұйрығына (нормативтік құқықтық актілерді мемлекеттік тіркеу тізілімінде № 20561 болып тіркелген) мынадай өзгеріс енгізілсін:";
    let o = order(
        &[vec![
            opening,
            "Көрсетілген бұйрықпен бекітілген Жарылғыш заттар саласындағы қағидаларында:",
            "6-тармақ алып тасталсын.",
        ]],
        vec![],
        None,
    );
    let p = run(&o, &[&target(), &t234]).unwrap();
    assert_eq!(p.ops.len(), 1);
    assert_eq!(p.ops[0].target_act.as_str(), "V2000020561");
    assert_eq!(targets_of(&p.ops), ["att_1__para_6"]);
}

#[test]
fn rules_headings_in_every_form_select_the_attachment() {
    // Three sets of Rules in one act; one heading carries the corpus's note.
    let t = (
        act("V1400010273", "2014-12-30", "350", TITLE_350),
        vec![
            att(
                "att_1",
                "\"Бірінші қызмет\" мемлекеттік көрсетілетін қызмет қағидалары",
                vec![held("att_1__para_4", vec![])],
            ),
            att(
                "att_2",
                "Екінші қызметті көрсету қағидалары",
                vec![held("att_2__para_4", vec![])],
            ),
            att(
                "att_3",
                "Үшінші қағидалары (new edition approved by this order)",
                vec![held("att_3__para_4", vec![])],
            ),
        ],
    );
    let o = order(
        &[vec![
            OPENING,
            "көрсетілген бұйрықпен бекітілген «Бірінші қызмет» мемлекеттік көрсетілетін қызмет Қағидаларында:",
            "4-тармақ алып тасталсын;",
            "Көрсетілген бұйрықпен бекітілген Екінші қызметті көрсету қағидаларында;",
            "4-тармақ алып тасталсын;",
            "\"Үшінші\" қағидаларына:",
            "4-тармақ алып тасталсын.",
        ]],
        vec![],
        None,
    );
    let p = run(&o, &[&t]).unwrap();
    assert_eq!(targets_of(&p.ops), ["att_1__para_4", "att_2__para_4", "att_3__para_4"]);
    assert_eq!(kinds_of(&p.ops), ["delete", "delete", "delete"]);
}

#[test]
fn bare_rules_heading_names_the_only_rules() {
    let o = order(
        &[vec![
            OPENING,
            "Көрсетілген бұйрықпен бекітілген Қағидаларда:",
            "4-тармақ алып тасталсын;",
        ]],
        vec![],
        None,
    );
    assert_eq!(targets_of(&run(&o, &[&target()]).unwrap().ops), ["att_1__para_4"]);
}

// ---------------------------------------------------------------------------------------
// Paragraphs

#[test]
fn replace_paragraph_builds_the_new_wording() {
    let ops = ops_of(&[
        "6-тармақ мынадай редакцияда жазылсын:",
        "\"6. Заңды тұлға \"электрондық үкіметтің\" порталы арқылы жолдайды:",
        "1) өтініш;",
        "2) құжат;",
        "Мемлекеттік қызметті көрсету мерзімі 5 (бес) жұмыс күні.\";",
    ]);
    assert_eq!(ops.len(), 1);
    assert_eq!(ops[0].target.as_ref().unwrap().as_str(), "att_1__para_6");
    assert_eq!(ops[0].source_abzats, range(3, 7));
    let Change::Replace { content } = &ops[0].change else {
        panic!("not a replace")
    };
    assert_eq!(
        flat(content),
        [
            (
                "att_1__para_6".into(),
                Some("6".into()),
                "Заңды тұлға \"электрондық үкіметтің\" порталы арқылы жолдайды:".into()
            ),
            ("att_1__para_6__subpara_1".into(), Some("1".into()), "өтініш;".into()),
            ("att_1__para_6__subpara_2".into(), Some("2".into()), "құжат;".into()),
            (
                "att_1__para_6__abz_4".into(),
                None,
                "Мемлекеттік қызметті көрсету мерзімі 5 (бес) жұмыс күні.".into()
            ),
        ]
    );
}

#[test]
fn replace_paragraph_variants_guillemets_dashes_endings_and_numbers() {
    let ops = ops_of(&[
        "4 – тармақ мынадай редакцияда жазылсын:",
        "«4. «Жарылыс» бір.».",
        "18-1-тармақ мынадай редакцияда жазылсын.",
        "\"18-1 Уәкілетті орган хабарлайды.\";",
        "11-тармақ мынадай редакцияда жазылсын;",
        "\"11. Бірінші абзац.",
        "Екінші абзац.\".",
    ]);
    assert_eq!(
        targets_of(&ops),
        ["att_1__para_4", "att_1__para_18-1", "att_1__para_11"]
    );
    assert_eq!(content(&ops[0]).content, Content::of("«Жарылыс» бір."));
    let c = content(&ops[1]);
    assert_eq!(
        (c.num.as_deref(), c.content.text()),
        (Some("18-1"), Some("Уәкілетті орган хабарлайды."))
    );
    assert_eq!(
        flat(content(&ops[2]))[1],
        ("att_1__para_11__abz_2".into(), None, "Екінші абзац.".into())
    );
    assert_eq!(
        ops.iter().map(|o| o.source_abzats).collect::<Vec<_>>(),
        [range(3, 4), range(5, 6), range(7, 9)]
    );
}

#[test]
fn replace_two_paragraphs_from_one_block() {
    let ops = ops_of(&[
        "7 және 8-тармақтар мынадай редакцияда жазылсын:",
        "\"7. Жетінші.",
        "Жетіншінің екінші абзацы.",
        "8. Сегізінші.",
        "Сегізіншінің екінші абзацы.\";",
    ]);
    assert_eq!(targets_of(&ops), ["att_1__para_7", "att_1__para_8"]);
    assert_eq!(kinds_of(&ops), ["replace", "replace"]);
    assert_eq!(flat(content(&ops[0])).len(), 2);
    assert_eq!(
        flat(content(&ops[1]))[1],
        (
            "att_1__para_8__abz_2".into(),
            None,
            "Сегізіншінің екінші абзацы.".into()
        )
    );
    assert!(ops.iter().all(|o| o.source_abzats == range(3, 7)));
}

#[test]
fn insert_paragraph_after_its_anchor() {
    let ops = ops_of(&[
        "мынадай мазмұндағы 18-1-тармақпен толықтырылсын:",
        "\"18-1. Жаңа тармақ.\";",
        "мынадай мазмұндағы 11-1 және 11-2-тармақтармен толықтырылсын:",
        "\"11-1. Бір.",
        "11-2. Екі.\".",
    ]);
    assert_eq!(
        targets_of(&ops),
        ["att_1__para_18", "att_1__para_11", "att_1__para_11-1"]
    );
    let Change::Insert { position, content: new } = &ops[0].change else {
        panic!("not an insert")
    };
    assert_eq!(*position, Position::After);
    assert_eq!(new.eid.as_str(), "att_1__para_18-1");
    assert_eq!(new.content, Content::of("Жаңа тармақ."));
    assert_eq!(content(&ops[2]).eid.as_str(), "att_1__para_11-2");
}

// ---------------------------------------------------------------------------------------
// Subparagraphs

#[test]
fn delete_subparagraph_with_every_hyphen() {
    for line in [
        "5-тармақтың 1) тармақшасы алып тасталсын;",
        "5-тармақтың 1)-тармақшасы алып тасталсын.",
        "5-тармақтың 1)- тармақшасы алып тасталсын",
        "5 – тармақтың 1) – тармақшасы алып тасталсын;",
    ] {
        let ops = ops_of(&[line]);
        assert_eq!(targets_of(&ops), ["att_1__para_5__subpara_1"], "{line}");
        assert_eq!(kinds_of(&ops), ["delete"]);
        assert_eq!(ops[0].source_abzats, range(3, 3));
    }
}

#[test]
fn replace_subparagraph_with_its_abzats() {
    let ops = ops_of(&[
        "6-тармақтың 1)-тармақшасы мынадай редакцияда жазылсын:",
        "\"1) лицензия беру кезінде:",
        "2 (екі) жұмыс күні ішінде тексереді;",
        "сұрау салуды жолдайды;\";",
    ]);
    assert_eq!(targets_of(&ops), ["att_1__para_6__subpara_1"]);
    assert_eq!(
        flat(content(&ops[0])),
        [
            (
                "att_1__para_6__subpara_1".into(),
                Some("1".into()),
                "лицензия беру кезінде:".into()
            ),
            (
                "att_1__para_6__subpara_1__abz_2".into(),
                None,
                "2 (екі) жұмыс күні ішінде тексереді;".into()
            ),
            (
                "att_1__para_6__subpara_1__abz_3".into(),
                None,
                "сұрау салуды жолдайды;".into()
            ),
        ]
    );
}

#[test]
fn paragraph_context_then_subparagraph_instructions() {
    let ops = ops_of(&[
        "4-тармақта:",
        "1)- тармақшасы алып тасталсын;",
        "5) және 6) - тармақшалары мынадай редакцияда жазылсын:",
        "\"5) уәкілетті орган (бұдан әрі - уәкілетті орган) - орган;",
        "6) аумақтық департамент - бөлімше;\";",
        "5-тармақ алып тасталсын;",
    ]);
    assert_eq!(
        targets_of(&ops),
        [
            "att_1__para_4__subpara_1",
            "att_1__para_4__subpara_5",
            "att_1__para_4__subpara_6",
            "att_1__para_5"
        ]
    );
    assert_eq!(content(&ops[2]).content, Content::of("аумақтық департамент - бөлімше;"));
    // The paragraph context ends with an instruction naming its own paragraph.
    let errs = errors_of(&[
        "4-тармақта:",
        "5-тармақ алып тасталсын;",
        "1) тармақшасы алып тасталсын;",
    ]);
    assert_eq!(errs.len(), 1);
    assert!(matches!(errs[0].kind, ParseErrorKind::MissingContext(_)));
    assert_eq!(errs[0].abzats, Some(5));
}

#[test]
fn insert_subparagraph() {
    let ops = ops_of(&[
        "5-тармақ мынадай мазмұндағы 2-1) тармақшамен толықтырылсын:",
        "\"2-1) жаңа тармақша;\";",
    ]);
    assert_eq!(targets_of(&ops), ["att_1__para_5__subpara_2"]);
    let Change::Insert { position, content } = &ops[0].change else {
        panic!("not an insert")
    };
    assert_eq!(
        (*position, content.eid.as_str()),
        (Position::After, "att_1__para_5__subpara_2-1")
    );
    // In a paragraph context.
    let ops = ops_of(&[
        "4-тармақта:",
        "мынадай мазмұндағы 1-1) тармақшамен толықтырылсын:",
        "\"1-1) тағы бір;\";",
    ]);
    assert_eq!(targets_of(&ops), ["att_1__para_4__subpara_1"]);
}

#[test]
fn abzats_of_a_paragraph() {
    let ops = ops_of(&[
        "6-тармақтың екінші абзацы мынадай редакцияда жазылсын:",
        "\"Жаңа абзац.\";",
        "11-тармақтың он бірінші абзацы алып тасталсын;",
    ]);
    assert_eq!(targets_of(&ops), ["att_1__para_6__abz_2", "att_1__para_11__abz_11"]);
    assert_eq!(kinds_of(&ops), ["replace", "delete"]);
    assert_eq!(content(&ops[0]).content, Content::of("Жаңа абзац."));
}

// ---------------------------------------------------------------------------------------
// Attachments and tables

#[test]
fn replace_table_row_in_every_form() {
    let row =
        "| 1 | Көрсетілетін қызметті берушінің атауы | Аумақтық бөлімше (бұдан әрі-көрсетілетін қызметті беруші) |";
    let glued = "\"| 9 | Бас тарту үшін негіздер | 1) дәйексіздігі;<br>2) тыйым салынуы. |\";";
    let ops = ops_of(&[
        "көрсетілген Қағидаларға 2-қосымшада:",
        "реттік нөмірі 1-жол мынадай редакцияда жазылсын:",
        "\"",
        row,
        "көрсетілген Қағидаларға 2-қосымшасында;",
        "реттік нөмірі 9-жол мынадай редакцияда жазылсын:",
        glued,
    ]);
    assert_eq!(
        targets_of(&ops),
        ["att_1__att_2__table_1__row_1", "att_1__att_2__table_1__row_9"]
    );
    assert_eq!(ops[0].source_abzats, range(4, 6));
    assert_eq!(ops[1].source_abzats, range(8, 9));
    let r = content(&ops[0]);
    assert_eq!((r.num.as_deref(), &r.content), (Some("1"), &Content::of("")));
    assert_eq!(
        flat(r).into_iter().skip(1).map(|(e, _, t)| (e, t)).collect::<Vec<_>>(),
        [
            ("att_1__att_2__table_1__row_1__cell_1".into(), "1".into()),
            (
                "att_1__att_2__table_1__row_1__cell_2".into(),
                "Көрсетілетін қызметті берушінің атауы".into()
            ),
            (
                "att_1__att_2__table_1__row_1__cell_3".into(),
                "Аумақтық бөлімше (бұдан әрі-көрсетілетін қызметті беруші)".into()
            ),
        ]
    );
    assert_eq!(
        content(&ops[1]).children[2].content,
        Content::of("1) дәйексіздігі;\n2) тыйым салынуы.")
    );
}

#[test]
fn delete_and_insert_rows_in_an_annex_of_the_order_itself() {
    let (a, mut nodes) = target();
    nodes.push(att(
        "att_2",
        "Бұйрыққа 2-қосымша",
        vec![held(
            "att_2__table_1",
            vec![
                held("att_2__table_1__row_1", vec![]),
                held("att_2__table_1__row_2", vec![]),
            ],
        )],
    ));
    let o = order(
        &[vec![
            OPENING,
            "көрсетілген бұйрыққа 2-қосымшада:",
            "реттік нөмірі 1-жол алып тасталсын;",
            "мынадай мазмұндағы реттік нөмірі 2-1-жолмен толықтырылсын:",
            "\"| 2-1 | Жаңа | жол |\";",
        ]],
        vec![],
        None,
    );
    let p = run(&o, &[&(a, nodes)]).unwrap();
    assert_eq!(targets_of(&p.ops), ["att_2__table_1__row_1", "att_2__table_1__row_2"]);
    assert_eq!(kinds_of(&p.ops), ["delete", "insert"]);
    assert_eq!(content(&p.ops[1]).eid.as_str(), "att_2__table_1__row_2-1");
}

#[test]
fn replace_attachment_with_a_list_annex_reroots_it() {
    let annex = node(
        "att_1__att_2",
        Some("2"),
        Some("Тізбенің 2-қосымшасы\nҚағидаларға 3-қосымша\nНысан"),
        vec![node(
            "att_1__att_2__table_1",
            None,
            Some(""),
            vec![node("att_1__att_2__table_1__row_1", Some("1"), Some(""), vec![])],
        )],
    );
    let o = order(
        &[item(&[
            "көрсетілген Қағидаларға 3-қосымша осы Тізбеге 2-қосымшаға сәйкес жаңа редакцияда жазылсын;",
        ])],
        vec![annex],
        None,
    );
    let p = run(&o, &[&target()]).unwrap();
    assert_eq!(targets_of(&p.ops), ["att_1__att_3"]);
    let Change::ReplaceAttachment { content } = &p.ops[0].change else {
        panic!("not a replace_attachment")
    };
    assert_eq!(content.num.as_deref(), Some("3"));
    assert_eq!(
        flat(content).into_iter().map(|(e, _, _)| e).collect::<Vec<_>>(),
        ["att_1__att_3", "att_1__att_3__table_1", "att_1__att_3__table_1__row_1"]
    );
    // The List's own header labels the annex inside the amending act: it is dropped.
    assert_eq!(content.content, Content::of("Қағидаларға 3-қосымша\nНысан"));
    // A missing annex of the List is an unresolved node.
    let o = order(
        &[item(&[
            "көрсетілген Қағидаларға 3-қосымша осы Тізбеге 5-қосымшаға сәйкес жаңа редакцияда жазылсын.",
        ])],
        vec![],
        None,
    );
    let errs = run(&o, &[&target()]).unwrap_err();
    assert!(matches!(&errs[0].kind, ParseErrorKind::UnresolvedNode(e) if e.starts_with("att_1__att_5")));
}

#[test]
fn delete_annex_of_a_state_service_standard() {
    let ops = ops_of(&[
        "«Жарылыс жұмыстарын жүргізуге рұқсат беру» мемлекеттік көрсетілетін қызмет стандартына қосымша алып тасталсын.",
    ]);
    assert_eq!(targets_of(&ops), ["att_1__att_std__att_1"]);
    assert_eq!(kinds_of(&ops), ["delete"]);
    let errs = errors_of(&["\"Басқа қызмет\" мемлекеттік көрсетілетін қызмет стандартына қосымша алып тасталсын."]);
    assert!(matches!(errs[0].kind, ParseErrorKind::UnresolvedRules(_)));
}

// ---------------------------------------------------------------------------------------
// Words and repeal

#[test]
fn replace_words_in_a_paragraph() {
    let ops = ops_of(&[
        "4-тармақта:",
        "\"облыстың\" деген сөздер \"облыстардың\" деген сөздермен ауыстырылсын;",
        "11-тармақтағы «уәкілетті орган» деген сөздер «аумақтық департамент» деген сөздермен ауыстырылсын.",
        "6-тармақтың 1) тармақшасындағы \"5\" деген цифр \"10\" деген цифрмен ауыстырылсын;",
        "мәтін бойынша \"министрлік\" деген сөз \"министрлігі\" деген сөзбен ауыстырылсын.",
    ]);
    assert_eq!(
        targets_of(&ops),
        ["att_1__para_4", "att_1__para_11", "att_1__para_6__subpara_1", "att_1"]
    );
    assert_eq!(
        ops[1].change,
        Change::ReplaceWords {
            words: "уәкілетті орган".into(),
            replacement: "аумақтық департамент".into()
        }
    );
    assert_eq!(
        ops[0].change,
        Change::ReplaceWords {
            words: "облыстың".into(),
            replacement: "облыстардың".into()
        }
    );
}

#[test]
fn delete_words() {
    let ops = ops_of(&[
        "5-тармақтағы \", сондай-ақ\" деген сөздер алып тасталсын;",
        "6-тармақта:",
        "«мемлекеттік» деген сөз алып тасталсын.",
    ]);
    assert_eq!(targets_of(&ops), ["att_1__para_5", "att_1__para_6"]);
    assert_eq!(
        ops[0].change,
        Change::DeleteWords {
            words: ", сондай-ақ".into()
        }
    );
    assert_eq!(
        ops[1].change,
        Change::DeleteWords {
            words: "мемлекеттік".into()
        }
    );
}

#[test]
fn repeal_of_a_whole_act() {
    let o = order(
        &[vec![
            "\"Жарылыс жұмыстарын жүргізуге рұқсат беру қағидаларын бекіту туралы\" Қазақстан Республикасы Инвестициялар және даму министрінің 2014 жылғы 30 желтоқсандағы № 350 бұйрығының (Нормативтік құқықтық актілерді мемлекеттік тіркеу тізілімінде № 10273 болып тіркелген) күші жойылды деп танылсын.",
        ]],
        vec![],
        None,
    );
    let p = run(&o, &[&target()]).unwrap();
    assert_eq!(p.ops.len(), 1);
    assert_eq!(
        (p.ops[0].target_act.as_str(), &p.ops[0].target, &p.ops[0].change),
        ("V1400010273", &None, &Change::Repeal)
    );
    // "The said order" after an opening.
    let o = order(
        &[vec![OPENING, "Көрсетілген бұйрықтың күші жойылды деп танылсын."]],
        vec![],
        None,
    );
    assert_eq!(kinds_of(&run(&o, &[&target()]).unwrap().ops), ["repeal"]);
}

#[test]
fn an_order_paragraph_can_itself_be_an_item() {
    let a = act("V2500099998", "2025-09-30", "8", "Бұйрыққа өзгеріс енгізу туралы");
    let tree = vec![
        node(
            "para_1",
            Some("1"),
            Some(&[OPENING, RULES, "4-тармақ алып тасталсын."].join("\n")),
            vec![],
        ),
        node(
            "para_2",
            Some("2"),
            Some("Осы бұйрық мемлекеттік тіркелген күнінен бастап қолданысқа енгізіледі."),
            vec![],
        ),
    ];
    let p = run(&(a, tree), &[&target()]).unwrap();
    assert_eq!((p.ops.len(), p.ops[0].source_item.as_str()), (1, "para_1"));
    // No registration date is recorded: the act's own entry into force.
    assert_eq!(p.ops[0].effective, EffectiveRule::OnEntryIntoForce);
}

#[test]
fn an_order_paragraph_with_labelled_subparagraphs() {
    let a = act("V2500099997", "2025-09-30", "7", "Бұйрыққа өзгерістер енгізу туралы");
    let tree = vec![node(
        "para_1",
        Some("1"),
        Some(OPENING),
        vec![
            node("para_1__subpara_1", Some("1"), Some(RULES), vec![]),
            node(
                "para_1__subpara_2",
                Some("2"),
                Some("4-тармақ мынадай редакцияда жазылсын:\n\"4. Жаңа.\";"),
                vec![],
            ),
            node(
                "para_1__subpara_3",
                Some("3"),
                Some("5-тармақтың 1) тармақшасы алып тасталсын."),
                vec![],
            ),
        ],
    )];
    let p = run(&(a, tree), &[&target()]).unwrap();
    assert_eq!(targets_of(&p.ops), ["att_1__para_4", "att_1__para_5__subpara_1"]);
    assert_eq!(p.ops[0].source_abzats, range(3, 4));
}

// ---------------------------------------------------------------------------------------
// Line breaks inside formulas

#[test]
fn formulas_broken_across_lines() {
    let o = order(
        &[vec![
            "\"Жарылыс жұмыстарын жүргізуге рұқсат беру қағидаларын бекіту туралы\" Қазақстан Республикасы Инвестициялар және даму министрінің 2014 жылғы 30 желтоқсандағы № 350 бұйрығына",
            "(Нормативтік құқықтық актілерді мемлекеттік тіркеу тізілімінде № 10273 болып тіркелген) мынадай өзгерістер енгізілсін:",
            "көрсетілген бұйрықпен бекітілген Жарылыс жұмыстарын жүргізуге рұқсат беру",
            "қағидаларында:",
            "6-тармақтың 1)-тармақшасы",
            "мынадай редакцияда жазылсын:",
            "\"1) өтініш;\";",
        ]],
        vec![],
        None,
    );
    let p = run(&o, &[&target()]).unwrap();
    assert_eq!(targets_of(&p.ops), ["att_1__para_6__subpara_1"]);
    assert_eq!(p.ops[0].source_abzats, range(5, 7));
    assert_eq!(
        p.ops[0].instruction.as_deref(),
        Some("6-тармақтың 1)-тармақшасы мынадай редакцияда жазылсын:")
    );
}

// ---------------------------------------------------------------------------------------
// Entry into force

const EIF_429: &str = "Осы бұйрық 2026 жылғы 1 қаңтардан бастап қолданысқа енгізілетін Тізбенің 3-тармағының үшінші, төртінші, бесінші, алтыншы, жетінші, сегізінші, тоғызыншы, оныншы және он бірінші абзацтарын қоспағанда, алғашқы ресми жарияланған күнінен кейін күнтізбелік алпыс күн өткен соң қолданысқа енгізіледі.";

#[test]
fn entry_into_force_with_an_exception_sets_each_operation_s_rule() {
    let o = order(
        &[
            item(&["4-тармақ алып тасталсын;"]),
            item(&["5-тармақ алып тасталсын;"]),
            item(&[
                "6-тармақ мынадай редакцияда жазылсын:",
                "\"6. Бір.",
                "1) екі;",
                "2) үш;",
                "3) төрт;",
                "4) бес;",
                "5) алты;",
                "6) жеті;",
                "7) сегіз.\";",
                "11-тармақ алып тасталсын.",
            ]),
        ],
        vec![],
        Some(EIF_429),
    );
    let p = run(&o, &[&target()]).unwrap();
    let eif = p.entry_into_force.clone().unwrap();
    let after60 = EffectiveRule::AfterEvent {
        event: EventKind::Publication,
        days: 60,
    };
    assert_eq!(eif.default, after60);
    assert_eq!(
        eif.exceptions,
        [EntryIntoForceException {
            item: "att_1__para_3".into(),
            abzats: range(3, 11),
            rule: EffectiveRule::Fixed { date: d("2026-01-01") }
        }]
    );
    assert_eq!(eif.stated_in.as_deref(), Some("para_2"));
    assert_eq!(p.ops[2].source_abzats, range(3, 11));
    assert_eq!(p.ops[3].source_abzats, range(12, 12));
    let rules: Vec<&EffectiveRule> = p.ops.iter().map(|o| &o.effective).collect();
    let fixed = EffectiveRule::Fixed { date: d("2026-01-01") };
    assert_eq!(rules, [&after60, &after60, &fixed, &after60]);
}

#[test]
fn entry_into_force_other_forms() {
    let cases = [
        (
            "Осы бұйрық алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі.",
            EffectiveRule::AfterEvent {
                event: EventKind::Publication,
                days: 10,
            },
        ),
        (
            "Осы бұйрық алғашқы ресми жарияланған күнінен кейін күнтізбелік жиырма бір күн өткен соң қолданысқа енгізіледі.",
            EffectiveRule::AfterEvent {
                event: EventKind::Publication,
                days: 21,
            },
        ),
        (
            "Осы бұйрық мемлекеттік тіркелген күнінен бастап қолданысқа енгізіледі.",
            EffectiveRule::OnEntryIntoForce,
        ),
        (
            "Осы бұйрық 2026 жылғы 6 сәуірден бастап қолданысқа енгізіледі.",
            EffectiveRule::Fixed { date: d("2026-04-06") },
        ),
    ];
    for (text, want) in cases.clone() {
        let o = order(&[item(&["4-тармақ алып тасталсын;"])], vec![], Some(text));
        let p = run(&o, &[&target()]).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        let eif = p.entry_into_force.unwrap();
        assert_eq!((&eif.default, eif.exceptions.len()), (&want, 0), "{text}");
        assert_eq!(p.ops[0].effective, want);
    }
    // With a registration date, "from the day of state registration" is that date.
    let mut o = order(&[item(&["4-тармақ алып тасталсын;"])], vec![], Some(cases[2].0));
    o.0.registration = Some(Registration {
        number: 99999,
        date: Some(d("2025-10-01")),
    });
    let p = run(&o, &[&target()]).unwrap();
    assert_eq!(p.ops[0].effective, EffectiveRule::Fixed { date: d("2025-10-01") });
    // Several exceptions, with a gap in the abzats and an item as a whole.
    let text = "Осы бұйрық 2026 жылғы 1 қаңтардан бастап қолданысқа енгізілетін Тізбенің 1-тармағының екінші, үшінші және бесінші абзацтарын, 2026 жылғы 30 маусымнан бастап қолданысқа енгізілетін Тізбенің 2-тармағын қоспағанда, алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі.";
    let o = order(&[item(&["4-тармақ алып тасталсын;"])], vec![], Some(text));
    let eif = run(&o, &[&target()]).unwrap().entry_into_force.unwrap();
    let got: Vec<(String, Option<AbzatsRange>)> = eif.exceptions.iter().map(|e| (e.item.clone(), e.abzats)).collect();
    assert_eq!(
        got,
        [
            ("att_1__para_1".into(), range(2, 3)),
            ("att_1__para_1".into(), range(5, 5)),
            ("att_1__para_2".into(), None),
        ]
    );
    assert_eq!(eif.exceptions[2].rule, EffectiveRule::Fixed { date: d("2026-06-30") });
}

#[test]
fn no_entry_into_force_clause_means_on_entry_into_force() {
    let o = order(&[item(&["4-тармақ алып тасталсын;"])], vec![], None);
    let p = run(&o, &[&target()]).unwrap();
    assert_eq!(
        (p.entry_into_force, &p.ops[0].effective),
        (None, &EffectiveRule::OnEntryIntoForce)
    );
}

#[test]
fn malformed_entry_into_force_is_an_error() {
    let o = order(
        &[item(&["4-тармақ алып тасталсын;"])],
        vec![],
        Some("Осы бұйрық бір күні қолданысқа енгізіледі."),
    );
    let errs = run(&o, &[&target()]).unwrap_err();
    assert_eq!(errs.len(), 1);
    assert!(matches!(errs[0].kind, ParseErrorKind::MalformedEntryIntoForce(_)));
    assert_eq!(errs[0].item, "para_2");
}

// ---------------------------------------------------------------------------------------
// Errors

#[test]
fn unknown_formula_names_item_and_abzats() {
    let errs = errors_of(&[
        "4-тармақ мынадай редакцияда жазылсын:",
        "\"4. Бір.\";",
        "4-тармақ бір нәрсе істелсін;",
        "5-тармақ алып тасталсын;",
    ]);
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].kind, ParseErrorKind::UnrecognisedInstruction);
    assert_eq!((errs[0].item.as_str(), errs[0].abzats), ("att_1__para_1", Some(5)));
    assert_eq!(errs[0].text, "4-тармақ бір нәрсе істелсін;");
    assert_eq!(errs[0].act.as_str(), "V2500099999");
    assert!(errs[0].to_string().contains("att_1__para_1, abzats 5"));
}

#[test]
fn unresolvable_act_is_reported_once_per_item() {
    let opening = OPENING.replace("10273", "10274");
    let o = order(&[vec![&opening, RULES, "4-тармақ алып тасталсын;"]], vec![], None);
    let errs = run(&o, &[&target()]).unwrap_err();
    assert_eq!(errs.len(), 1);
    assert!(matches!(errs[0].kind, ParseErrorKind::UnresolvedTargetAct(_)));
    assert_eq!(errs[0].abzats, Some(1));
}

#[test]
fn inconsistent_or_missing_act_metadata_is_an_error() {
    for (from, to, field) in [
        ("30 желтоқсандағы", "29 желтоқсандағы", "date"),
        ("№ 350 бұйрығына", "№ 351 бұйрығына", "number"),
        ("рұқсат беру қағидаларын", "рұқсат алу қағидаларын", "title"),
    ] {
        let opening = OPENING.replace(from, to);
        let o = order(&[vec![&opening, RULES, "4-тармақ алып тасталсын;"]], vec![], None);
        let errs = run(&o, &[&target()]).unwrap_err();
        assert!(
            matches!(&errs[0].kind, ParseErrorKind::TargetActMismatch { field: f, .. } if *f == field),
            "{field}: {errs:?}"
        );
        assert_eq!(errs[0].abzats, Some(1));
    }
}

#[test]
fn instruction_before_any_opening() {
    let o = order(&[vec![RULES, "4-тармақ алып тасталсын;"]], vec![], None);
    let errs = run(&o, &[&target()]).unwrap_err();
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(
        (errs[0].kind.clone(), errs[0].abzats),
        (ParseErrorKind::NoTargetAct, Some(1))
    );
}

#[test]
fn unresolvable_rules_and_nodes() {
    let errs = errors_of(&[
        "көрсетілген бұйрықпен бекітілген Басқа қызмет қағидаларында:",
        "4-тармақ алып тасталсын;",
        RULES,
        "99-тармақ алып тасталсын;",
        "реттік нөмірі 1-жол мынадай редакцияда жазылсын:",
        "\"",
        "| 1 | а | б |",
    ]);
    let got: Vec<(Option<u32>, String)> = errs
        .iter()
        .map(|e| {
            let k = match &e.kind {
                ParseErrorKind::UnresolvedRules(_) => "rules".to_string(),
                ParseErrorKind::UnresolvedNode(n) => format!("node {n}"),
                ParseErrorKind::MissingContext(_) => "context".to_string(),
                other => format!("{other:?}"),
            };
            (e.abzats, k)
        })
        .collect();
    assert_eq!(
        got,
        [
            (Some(3), "rules".into()),
            (Some(6), "node att_1__para_99".into()),
            (Some(7), "context".into())
        ]
    );
    assert!(errs.iter().all(|e| e.item == "att_1__para_1"));
}

#[test]
fn quoted_block_errors() {
    // Never closes before the next instruction.
    let errs = errors_of(&[
        "4-тармақ мынадай редакцияда жазылсын:",
        "\"4. Бір.",
        "Екі.",
        "5-тармақ алып тасталсын;",
    ]);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(
        (errs[0].kind.clone(), errs[0].abzats),
        (ParseErrorKind::UnclosedQuote, Some(3))
    );
    // Never closes before the item's end.
    let errs = errors_of(&["4-тармақ мынадай редакцияда жазылсын:", "\"4. Бір."]);
    assert_eq!(errs[0].kind, ParseErrorKind::UnclosedQuote);
    // Missing, and numbered otherwise than the instruction says.
    let errs = errors_of(&[
        "4-тармақ мынадай редакцияда жазылсын:",
        "6-тармақ мынадай редакцияда жазылсын:",
        "\"7. Бір.\";",
    ]);
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(
        errs.iter()
            .all(|e| matches!(e.kind, ParseErrorKind::MalformedQuotedBlock(_)))
    );
    assert_eq!(errs.iter().map(|e| e.abzats).collect::<Vec<_>>(), [Some(3), Some(4)]);
    // A row whose serial number differs from the instruction's.
    let errs = errors_of(&[
        "көрсетілген Қағидаларға 2-қосымшада:",
        "реттік нөмірі 1-жол мынадай редакцияда жазылсын:",
        "\"",
        "| 2 | а | б |",
    ]);
    assert!(matches!(errs[0].kind, ParseErrorKind::MalformedQuotedBlock(_)));
}

#[test]
fn every_error_is_reported() {
    let o = order(
        &[
            item(&["бірдеңе;", "4-тармақ алып тасталсын;", "тағы бірдеңе;"]),
            vec!["жай мәтін", "4-тармақ алып тасталсын;"],
        ],
        vec![],
        None,
    );
    let errs = run(&o, &[&target()]).unwrap_err();
    let got: Vec<(&str, Option<u32>)> = errs.iter().map(|e| (e.item.as_str(), e.abzats)).collect();
    assert_eq!(
        got,
        [
            ("att_1__para_1", Some(3)),
            ("att_1__para_1", Some(5)),
            ("att_1__para_2", Some(1)),
            ("att_1__para_2", Some(2))
        ]
    );
}

// ---------------------------------------------------------------------------------------
// Golden: Order No. 429

struct Corpus {
    acts: Vec<(Act, Vec<Node>)>,
}

impl Corpus {
    fn load() -> Corpus {
        let loaded = nusqa::corpus::load(Path::new("corpus")).expect("corpus loads");
        let lib = &loaded.library;
        let acts = lib
            .acts()
            .map(|a| (a.clone(), lib.base(&a.id).unwrap_or_default()))
            .collect();
        Corpus { acts }
    }

    fn order_429(&self) -> &(Act, Vec<Node>) {
        self.acts
            .iter()
            .find(|(a, _)| a.id.as_str() == "V2500037008")
            .expect("Order 429 is in the corpus")
    }

    fn targets(&self) -> Vec<(&Act, &[Node])> {
        self.acts
            .iter()
            .filter(|(a, _)| a.id.as_str() != "V2500037008")
            .map(|(a, n)| (a, n.as_slice()))
            .collect()
    }

    fn parse(&self, tree: &[Node]) -> Result<Parsed, Vec<ParseError>> {
        parse_amending_act(&self.order_429().0, tree, &self.targets())
    }
}

/// Every instruction of Order 429, counted by hand from the text, in document order:
/// (item, target act, target eId, kind).
const ORDER_429: &[(&str, &str, &str, &str)] = &[
    // Item 1: order No. 350, blasting Rules.
    ("att_1__para_1", "V1400010273", "att_1__para_4", "replace"),
    ("att_1__para_1", "V1400010273", "att_1__para_5__subpara_1", "delete"),
    ("att_1__para_1", "V1400010273", "att_1__para_6", "replace"),
    ("att_1__para_1", "V1400010273", "att_1__para_11", "replace"),
    (
        "att_1__para_1",
        "V1400010273",
        "att_1__att_2__table_1__row_1",
        "replace",
    ),
    // Item 2: order No. 1100, examination Rules.
    ("att_1__para_2", "V1500012479", "att_1__para_4__subpara_1", "delete"),
    ("att_1__para_2", "V1500012479", "att_1__para_4__subpara_5", "replace"),
    ("att_1__para_2", "V1500012479", "att_1__para_4__subpara_6", "replace"),
    ("att_1__para_2", "V1500012479", "att_1__para_5", "replace"),
    ("att_1__para_2", "V1500012479", "att_1__para_10", "replace"),
    ("att_1__para_2", "V1500012479", "att_1__para_18-1", "replace"),
    (
        "att_1__para_2",
        "V1500012479",
        "att_1__att_2__table_1__row_1",
        "replace",
    ),
    ("att_1__para_2", "V1500012479", "att_1__att_3", "replace_attachment"),
    ("att_1__para_2", "V1500012479", "att_1__att_4", "replace_attachment"),
    // Item 3: order No. 186, attestation Rules.
    ("att_1__para_3", "V2000020340", "att_1__para_2", "replace"),
    ("att_1__para_3", "V2000020340", "att_1__para_9", "replace"),
    ("att_1__para_3", "V2000020340", "att_1__para_12", "replace"),
    // Item 4: order No. 208, technologies Rules and the standard's annex.
    ("att_1__para_4", "V2000020435", "att_1__para_6__subpara_1", "replace"),
    ("att_1__para_4", "V2000020435", "att_1__para_7", "replace"),
    ("att_1__para_4", "V2000020435", "att_1__para_8", "replace"),
    ("att_1__para_4", "V2000020435", "att_1__att_std__att_1", "delete"),
    // Item 5: order No. 234, three sets of Rules.
    ("att_1__para_5", "V2000020561", "att_1__para_6__subpara_1", "delete"),
    ("att_1__para_5", "V2000020561", "att_1__para_7", "replace"),
    ("att_1__para_5", "V2000020561", "att_1__para_9__subpara_1", "replace"),
    ("att_1__para_5", "V2000020561", "att_1__para_12", "replace"),
    (
        "att_1__para_5",
        "V2000020561",
        "att_1__att_5__table_1__row_9",
        "replace",
    ),
    ("att_1__para_5", "V2000020561", "att_2__para_5__subpara_1", "delete"),
    ("att_1__para_5", "V2000020561", "att_2__para_6", "replace"),
    ("att_1__para_5", "V2000020561", "att_2__para_11", "replace"),
    ("att_1__para_5", "V2000020561", "att_3__para_5__subpara_1", "delete"),
    ("att_1__para_5", "V2000020561", "att_3__para_6", "replace"),
    ("att_1__para_5", "V2000020561", "att_3__para_11", "replace"),
    ("att_1__para_5", "V2000020561", "att_3__att_2", "replace_attachment"),
    // Item 6: order No. 454, design documentation Rules.
    ("att_1__para_6", "V2100024508", "att_1__para_3", "replace"),
    ("att_1__para_6", "V2100024508", "att_1__para_7", "replace"),
    ("att_1__para_6", "V2100024508", "att_1__para_14", "replace"),
    (
        "att_1__para_6",
        "V2100024508",
        "att_1__att_2__table_1__row_1",
        "replace",
    ),
    // Item 7: order No. 485, registration Rules.
    ("att_1__para_7", "V2100024574", "att_1__para_2", "replace"),
    ("att_1__para_7", "V2100024574", "att_1__para_21", "replace"),
    (
        "att_1__para_7",
        "V2100024574",
        "att_1__att_4__table_1__row_1",
        "replace",
    ),
];

#[test]
fn golden_order_429() {
    let c = Corpus::load();
    let p = c
        .parse(&c.order_429().1)
        .unwrap_or_else(|e| panic!("Order 429 does not parse: {e:#?}"));
    // 40 instructions: items 1–7 hold 5, 9, 3, 4, 12, 4 and 3.
    assert_eq!(p.ops.len(), 40);
    assert_eq!(ORDER_429.len(), 40);
    let count = |f: &dyn Fn(&Operation) -> bool| p.ops.iter().filter(|o| f(o)).count();
    assert_eq!(count(&|o| o.change.kind_name() == "replace"), 31);
    assert_eq!(count(&|o| o.change.kind_name() == "delete"), 6);
    assert_eq!(count(&|o| o.change.kind_name() == "replace_attachment"), 3);
    let per_act: Vec<usize> = [
        "V1400010273",
        "V1500012479",
        "V2000020340",
        "V2000020435",
        "V2000020561",
        "V2100024508",
        "V2100024574",
    ]
    .iter()
    .map(|id| count(&|o| o.target_act.as_str() == *id))
    .collect();
    assert_eq!(per_act, [5, 9, 3, 4, 12, 4, 3]);
    let got: Vec<(&str, &str, String, &str)> = p
        .ops
        .iter()
        .map(|o| {
            let t = o.target.as_ref().map_or(String::new(), EId::to_string);
            (o.source_item.as_str(), o.target_act.as_str(), t, o.change.kind_name())
        })
        .collect();
    let want: Vec<(&str, &str, String, &str)> = ORDER_429
        .iter()
        .map(|(i, a, t, k)| (*i, *a, t.to_string(), *k))
        .collect();
    assert_eq!(got, want);
    assert!(
        p.ops
            .iter()
            .all(|o| o.source_act.as_str() == "V2500037008" && o.origin.is_none() && o.instruction.is_some())
    );

    // Entry into force.
    let eif = p.entry_into_force.clone().unwrap();
    let after60 = EffectiveRule::AfterEvent {
        event: EventKind::Publication,
        days: 60,
    };
    let fixed = EffectiveRule::Fixed { date: d("2026-01-01") };
    assert_eq!(eif.default, after60);
    assert_eq!(
        eif.exceptions,
        [EntryIntoForceException {
            item: "att_1__para_3".into(),
            abzats: range(3, 11),
            rule: fixed.clone()
        }]
    );
    assert_eq!(eif.stated_in.as_deref(), Some("para_4"));
    for o in &p.ops {
        let t = o.target.as_ref().map_or("", EId::as_str);
        let want = if o.source_item == "att_1__para_3" && t == "att_1__para_2" {
            &fixed
        } else {
            &after60
        };
        assert_eq!(&o.effective, want, "{} {t}", o.source_item);
    }
    // Item 3: paragraph 2 is abzats 3–11, paragraphs 9 and 12 follow it.
    let item3: Vec<Option<AbzatsRange>> = p
        .ops
        .iter()
        .filter(|o| o.source_item == "att_1__para_3")
        .map(|o| o.source_abzats)
        .collect();
    assert_eq!(item3, [range(3, 11), range(12, 15), range(16, 17)]);

    // A few contents.
    let find = |item: &str, t: &str| {
        p.ops
            .iter()
            .find(|o| o.source_item == item && o.target.as_ref().is_some_and(|e| e.as_str() == t))
            .unwrap_or_else(|| panic!("no op on {t} in {item}"))
    };
    let para2 = content(find("att_1__para_3", "att_1__para_2"));
    assert_eq!(para2.children.len(), 7);
    assert!(para2.children[6].content.text().unwrap().ends_with("жатады."));
    let p181 = content(find("att_1__para_2", "att_1__para_18-1"));
    assert_eq!(p181.num.as_deref(), Some("18-1"));
    assert!(
        p181.content
            .text()
            .unwrap()
            .starts_with("Өнеркәсіптік қауіпсіздік саласындағы")
    );
    let p7 = content(find("att_1__para_5", "att_1__para_7"));
    let ids: Vec<String> = flat(p7).into_iter().map(|(e, _, _)| e).collect();
    assert!(ids.contains(&"att_1__para_7__abz_19__subpara_3".to_string()), "{ids:?}");
    let row9 = content(find("att_1__para_5", "att_1__att_5__table_1__row_9"));
    assert_eq!(row9.children.len(), 3);
    let new_att = content(find("att_1__para_5", "att_3__att_2"));
    assert_eq!(
        (new_att.eid.as_str(), new_att.num.as_deref()),
        ("att_3__att_2", Some("2"))
    );
    assert_eq!(new_att.children[0].eid.as_str(), "att_3__att_2__table_1");
    assert_eq!(new_att.children[0].children.len(), 10);
    assert_eq!(
        new_att.children[0].children[9].eid.as_str(),
        "att_3__att_2__table_1__row_10"
    );

    // Every operation applies to its target's skeleton.
    for (i, op) in p.ops.iter().enumerate() {
        let (act, base) = c.acts.iter().find(|(a, _)| a.id == op.target_act).unwrap();
        let mut tree =
            nusqa::model::Tree::from_nodes(base, act.date, &nusqa::model::Provenance::base(&act.id)).unwrap();
        let r = nusqa::amend::apply(&mut tree, op, d("2026-03-01"), &op.provenance(i));
        assert!(r.is_ok(), "op {i} on {:?}: {r:?}", op.target);
    }
}

// ---------------------------------------------------------------------------------------
// Property: never panics

mod never_panics {
    use super::*;
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};

    /// One way of damaging an item.
    #[derive(Debug, Clone)]
    enum Mangle {
        /// Cut the item after this many lines.
        Cut(usize),
        /// Shuffle the lines with these keys.
        Shuffle(Vec<u32>),
        /// Remove every quote from a line.
        Unquote(usize),
        /// Remove every digit from a line.
        Undigit(usize),
        /// Truncate a line at a character.
        TruncateLine(usize, usize),
        /// Insert a junk line.
        Junk(usize, String),
        /// Replace a line with random bytes read as UTF-8.
        Bytes(usize, Vec<u8>),
        /// Delete a line.
        Delete(usize),
        /// Swap a line with the same line of another item.
        Swap(usize, usize),
    }

    fn mangle() -> impl Strategy<Value = Mangle> {
        prop_oneof![
            (0usize..80).prop_map(Mangle::Cut),
            prop::collection::vec(any::<u32>(), 0..80).prop_map(Mangle::Shuffle),
            (0usize..80).prop_map(Mangle::Unquote),
            (0usize..80).prop_map(Mangle::Undigit),
            (0usize..80, 0usize..400).prop_map(|(a, b)| Mangle::TruncateLine(a, b)),
            (0usize..80, "\\PC{0,60}").prop_map(|(a, s)| Mangle::Junk(a, s)),
            (0usize..80, "[\"«»0-9)( .;:\\-|тармақжолқосымша]{0,40}").prop_map(|(a, s)| Mangle::Junk(a, s)),
            (0usize..80, prop::collection::vec(any::<u8>(), 0..60)).prop_map(|(a, b)| Mangle::Bytes(a, b)),
            (0usize..80).prop_map(Mangle::Delete),
            (0usize..80, 0usize..7).prop_map(|(a, b)| Mangle::Swap(a, b)),
        ]
    }

    fn apply(m: &Mangle, lines: &mut Vec<String>, others: &[Vec<String>]) {
        let n = lines.len().max(1);
        match m {
            Mangle::Cut(k) => lines.truncate(k % (n + 1)),
            Mangle::Shuffle(keys) => {
                let mut keyed: Vec<(u32, String)> = lines
                    .drain(..)
                    .enumerate()
                    .map(|(i, l)| (keys.get(i).copied().unwrap_or(0), l))
                    .collect();
                keyed.sort_by_key(|(k, _)| *k);
                lines.extend(keyed.into_iter().map(|(_, l)| l));
            }
            Mangle::Unquote(i) => {
                if let Some(l) = lines.get_mut(i % n) {
                    *l = l.replace(['"', '«', '»'], "");
                }
            }
            Mangle::Undigit(i) => {
                if let Some(l) = lines.get_mut(i % n) {
                    *l = l.chars().filter(|c| !c.is_ascii_digit()).collect();
                }
            }
            Mangle::TruncateLine(i, k) => {
                if let Some(l) = lines.get_mut(i % n) {
                    *l = l.chars().take(*k).collect();
                }
            }
            Mangle::Junk(i, s) => lines.insert((i % n).min(lines.len()), s.clone()),
            Mangle::Bytes(i, b) => {
                if let Some(l) = lines.get_mut(i % n) {
                    *l = String::from_utf8_lossy(b).into_owned();
                }
            }
            Mangle::Delete(i) => {
                if !lines.is_empty() {
                    lines.remove(i % n);
                }
            }
            Mangle::Swap(i, other) => {
                if let (Some(o), Some(l)) = (others.get(*other), lines.get_mut(i % n))
                    && let Some(x) = o.get(i % o.len().max(1))
                {
                    *l = x.clone();
                }
            }
        }
    }

    #[test]
    fn mangled_order_429_never_panics() {
        let c = Corpus::load();
        let tree = c.order_429().1.clone();
        let list = tree.iter().position(|n| n.eid.as_str() == "att_1").unwrap();
        let items: Vec<Vec<String>> = tree[list]
            .children
            .iter()
            .filter(|n| n.eid.kind() == nusqa::model::NodeKind::Paragraph)
            .map(|n| n.content.text().unwrap_or("").split('\n').map(str::to_string).collect())
            .collect();
        let mut runner = TestRunner::new(Config {
            cases: 256,
            failure_persistence: None,
            ..Config::default()
        });
        let strategy = (0usize..7, prop::collection::vec(mangle(), 1..6), any::<bool>());
        runner
            .run(&strategy, |(which, mangles, eif)| {
                let mut t = tree.clone();
                let mut lines = items[which].clone();
                for m in &mangles {
                    apply(m, &mut lines, &items);
                }
                let mut k = 0;
                for child in t[list].children.iter_mut() {
                    if child.eid.kind() == nusqa::model::NodeKind::Paragraph {
                        if k == which {
                            child.content = Content::of(lines.join("\n"));
                        }
                        k += 1;
                    }
                }
                if eif && let Some(p4) = t.iter_mut().find(|n| n.eid.as_str() == "para_4") {
                    let mut l = lines.first().cloned().unwrap_or_default();
                    l.push_str(" қолданысқа енгізіледі");
                    p4.content = Content::of(l);
                }
                // Ok or Err, but no panic.
                let _ = c.parse(&t);
                Ok(())
            })
            .unwrap();
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn random_items_never_panic(
            lines in prop::collection::vec("\\PC{0,80}|[\"«»0-9)( .;:\\-|тармақшасыжолқосымшаредакциядажазылсыналыптасталсын]{0,60}", 0..12),
            eif in "\\PC{0,80}",
        ) {
            let l: Vec<&str> = lines.iter().map(String::as_str).collect();
            let clause = format!("{eif} қолданысқа енгізіледі");
            let o = order(&[item(&l), l.clone()], vec![], Some(clause.as_str()));
            let _ = run(&o, &[&target()]);
        }
    }
}

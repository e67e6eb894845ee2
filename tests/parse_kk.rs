//! The Kazakh amendment parser beyond its golden cases (`tests/parse_cases/`, text in,
//! operations out): Order No. 429 of the bundled corpus against a count by hand, and
//! properties: mangled or random input never panics.

use std::collections::BTreeMap;
use std::path::Path;

use nusqa::amend::Operation;
use nusqa::dates::{EffectiveRule, EntryIntoForceException};
use nusqa::model::{
    AbzatsRange, Act, ActKind, Content, EId, EventKind, Issuer, Lang, Node, Registration, RegistryId, WorkUri,
};
use nusqa::parse::{ParseError, Parsed, parse_amending_act};

use crate::support::d;

// ---------------------------------------------------------------------------------------
// Helpers

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

const OPENING: &str = "\"Жарылыс жұмыстарын жүргізуге рұқсат беру қағидаларын бекіту туралы\" Қазақстан Республикасы Инвестициялар және даму министрінің 2014 жылғы 30 желтоқсандағы № 350 бұйрығына (Нормативтік құқықтық актілерді мемлекеттік тіркеу тізілімінде № 10273 болып тіркелген) мынадай өзгерістер енгізілсін:";
const RULES: &str = "көрсетілген бұйрықпен бекітілген Жарылыс жұмыстарын жүргізуге рұқсат беру қағидаларында:";

/// The target: order No. 350 with its Rules and a generous skeleton (`order_350` of
/// the parser cases' `targets.yaml`).
fn target() -> (Act, Vec<Node>) {
    crate::parse_cases::target("order_350")
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

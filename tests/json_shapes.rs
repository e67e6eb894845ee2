//! The JSON shapes promised in docs/json.md are what the typed views serialise to.
//!
//! Each view is built on the bundled corpus (Order 429 published on 2025-10-06, read on
//! 2026-01-15), its JSON reduced to a shape (keys and value types, arrays merged, `?`
//! for keys some elements lack), and the shapes compared with the generated section of
//! docs/json.md. `NUSQA_UPDATE_DOCS=1 cargo test json_shapes` rewrites that section.

use std::fmt::Write;
use std::path::Path;

use nusqa::model::{EId, EventKind, Lang, RegistryId};
use nusqa::views;
use serde_json::Value;

use crate::support::d;

/// A JSON value's shape.
#[derive(Debug, Clone, PartialEq)]
enum Shape {
    Null,
    Bool,
    Number,
    String,
    Array(Box<Option<Shape>>),
    /// Keys in first-seen order, with whether some value lacked the key.
    Object(Vec<(String, Shape, bool)>),
    /// An object used as a map, keyed by eIds or language codes.
    Map(&'static str, Box<Shape>),
    Union(Vec<Shape>),
    /// The enclosing tree node again (`children`).
    Recursive,
}

/// What a map's keys are, when every key is of one kind.
fn map_key(map: &serde_json::Map<String, Value>) -> Option<&'static str> {
    if map.is_empty() {
        return None;
    }
    if map.keys().all(|k| matches!(k.as_str(), "kk" | "ru" | "en")) {
        return Some("lang");
    }
    if map.keys().all(|k| k.parse::<EId>().is_ok() && k.contains('_')) {
        return Some("eid");
    }
    None
}

fn shape_of(v: &Value) -> Shape {
    match v {
        Value::Null => Shape::Null,
        Value::Bool(_) => Shape::Bool,
        Value::Number(_) => Shape::Number,
        Value::String(_) => Shape::String,
        Value::Array(items) => Shape::Array(Box::new(items.iter().map(shape_of).reduce(merge))),
        Value::Object(map) => {
            if let Some(key) = map_key(map) {
                let values = map.values().map(shape_of).reduce(merge).unwrap_or(Shape::Null);
                return Shape::Map(key, Box::new(values));
            }
            let mut fields: Vec<(String, Shape, bool)> = map
                .iter()
                .filter(|(k, _)| *k != "children")
                .map(|(k, v)| (k.clone(), shape_of(v), false))
                .collect();
            // A tree: every descendant is folded into the node's own shape.
            if let Some(Value::Array(children)) = map.get("children") {
                let mut node = Shape::Object(fields);
                for c in children {
                    if let Shape::Object(mut cf) = shape_of(c) {
                        cf.retain(|(k, ..)| k != "children");
                        node = merge(node, Shape::Object(cf));
                    }
                }
                let Shape::Object(f) = node else { unreachable!() };
                fields = f;
                fields.push(("children".into(), Shape::Array(Box::new(Some(Shape::Recursive))), false));
            }
            Shape::Object(fields)
        }
    }
}

fn merge(a: Shape, b: Shape) -> Shape {
    match (a, b) {
        (a, b) if a == b => a,
        (Shape::Array(a), Shape::Array(b)) => Shape::Array(Box::new(match (*a, *b) {
            (Some(a), Some(b)) => Some(merge(a, b)),
            (a, b) => a.or(b),
        })),
        (Shape::Object(a), Shape::Object(b)) => {
            let mut out: Vec<(String, Shape, bool)> = Vec::new();
            for (k, s, opt) in &a {
                match b.iter().find(|(k2, ..)| k2 == k) {
                    Some((_, s2, opt2)) => out.push((k.clone(), merge(s.clone(), s2.clone()), *opt || *opt2)),
                    None => out.push((k.clone(), s.clone(), true)),
                }
            }
            for (k, s, _) in &b {
                if !a.iter().any(|(k2, ..)| k2 == k) {
                    out.push((k.clone(), s.clone(), true));
                }
            }
            Shape::Object(out)
        }
        (Shape::Union(mut xs), y) | (y, Shape::Union(mut xs)) => {
            add_to_union(&mut xs, y);
            Shape::Union(xs)
        }
        (x, y) => {
            let mut xs = vec![x];
            add_to_union(&mut xs, y);
            Shape::Union(xs)
        }
    }
}

fn add_to_union(xs: &mut Vec<Shape>, y: Shape) {
    // Objects merge into the union's object, arrays into its array; scalars are added.
    for x in xs.iter_mut() {
        let same_kind = matches!(
            (&*x, &y),
            (Shape::Object(_), Shape::Object(_)) | (Shape::Array(_), Shape::Array(_))
        );
        if same_kind || *x == y {
            *x = merge(x.clone(), y);
            return;
        }
    }
    xs.push(y);
}

/// Renders a shape.
fn render(s: &Shape, depth: usize, ancestors: &mut Vec<Vec<String>>, out: &mut String) {
    match s {
        Shape::Null => out.push_str("null"),
        Shape::Bool => out.push_str("bool"),
        Shape::Number => out.push_str("number"),
        Shape::String => out.push_str("string"),
        Shape::Recursive => out.push('↺'),
        Shape::Map(key, value) => {
            let _ = write!(out, "{{{key}: ");
            render(value, depth, ancestors, out);
            out.push('}');
        }
        Shape::Array(item) => match &**item {
            None => out.push_str("[]"),
            Some(item) => {
                out.push('[');
                render(item, depth, ancestors, out);
                out.push(']');
            }
        },
        Shape::Union(xs) => {
            let mut parts: Vec<String> = xs
                .iter()
                .map(|x| {
                    let mut o = String::new();
                    render(x, depth, ancestors, &mut o);
                    o
                })
                .collect();
            // Keep `null` last: `string | null`.
            parts.sort_by_key(|p| p == "null");
            out.push_str(&parts.join(" | "));
        }
        Shape::Object(fields) => {
            let keys: Vec<String> = fields.iter().map(|(k, ..)| k.clone()).collect();
            if fields.is_empty() {
                out.push_str("{}");
                return;
            }
            ancestors.push(keys);
            out.push_str("{\n");
            for (k, s, optional) in fields {
                let _ = write!(
                    out,
                    "{}{k}{}: ",
                    "  ".repeat(depth + 1),
                    if *optional { "?" } else { "" }
                );
                render(s, depth + 1, ancestors, out);
                out.push('\n');
            }
            let _ = write!(out, "{}}}", "  ".repeat(depth));
            ancestors.pop();
        }
    }
}

fn shape_text(v: &Value) -> String {
    let mut out = String::new();
    render(&shape_of(v), 0, &mut Vec::new(), &mut out);
    out
}

/// Every typed view, built on the bundled corpus, as (title, JSON).
fn views_json() -> Vec<(&'static str, Value)> {
    let mut lib = nusqa::corpus::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"))
        .unwrap()
        .library;
    let order_429: RegistryId = "V2500037008".parse().unwrap();
    let order_350: RegistryId = "V1400010273".parse().unwrap();
    lib.record_event(&order_429, EventKind::Publication, d("2025-10-06"))
        .unwrap();
    // In memory only, for the shape of `corrections` (the bundled corpus has none).
    lib.set_corrections(
        &order_350,
        vec![nusqa::model::CorrectionInfo {
            n: 1,
            date: d("2026-01-10"),
            author: "shape-only".into(),
            reason: "shape only".into(),
            source: Some("corpus/sources/x".into()),
        }],
    );
    let date = d("2026-01-15");
    let eid: EId = "att_1__para_6".parse().unwrap();
    let json = |v: &dyn erased::Ser| v.to_value();
    let registry = nusqa::services::Registry::new(&lib);
    let service = registry.services(date)[0].id.clone();
    vec![
        (
            "ActsView: `GET /api/acts`",
            json(&views::ActsView {
                acts: lib.acts().collect(),
            }),
        ),
        (
            "ActView: `nusqa show ACT --json`, `GET /api/acts/{id}`",
            json(&views::ActView::build(&lib, &order_350, date, Some(Lang::Kk)).unwrap()),
        ),
        (
            "HistoryView: `nusqa history ACT EID --json`, `GET /api/acts/{id}/history/{eid}`",
            json(&views::HistoryView::build(&lib, &order_350, &eid).unwrap()),
        ),
        (
            "OpsView: `GET /api/acts/{id}/ops` (`nusqa ops ACT --json` prints its `operations`)",
            json(&views::OpsView::build(&lib, &order_429).unwrap()),
        ),
        (
            "EffectView: `nusqa effect ACT --json`, `GET /api/acts/{id}/effect`",
            json(&views::EffectView::build(&lib, &order_429, Some(&order_350)).unwrap()),
        ),
        (
            "BlameView: `nusqa blame ACT --json`, `GET /api/acts/{id}/blame`",
            json(&views::BlameView::build(&lib, &order_350, date).unwrap()),
        ),
        (
            "Diff: `nusqa diff ACT --format json`, `GET /api/acts/{id}/diff`",
            json(
                &nusqa::diff::diff(
                    lib.timeline(&order_350).unwrap(),
                    d("2025-10-05"),
                    date,
                    Default::default(),
                )
                .unwrap(),
            ),
        ),
        (
            "ServicesView: `nusqa services --json`, `GET /api/services`",
            json(&views::ServicesView::build(&lib, date)),
        ),
        (
            "Passport: `nusqa service ID --json`, `GET /api/services/{id}`",
            json(&registry.passport(&service, date).unwrap()),
        ),
        ("CheckReport: `nusqa draft check --json`", json(&draft_report(&lib))),
    ]
}

/// The check report of a small draft amending Order No. 350: one deletion that
/// resolves, one whose subparagraph never exists.
fn draft_report(lib: &nusqa::Library) -> nusqa::draft::CheckReport {
    let text = "Өзгеріс енгізу туралы\nАстана қаласы 2026 жылғы 2 наурыз № 77\nБҰЙЫРАМЫН:\n\
1. \"Жарылыс жұмыстарын жүргізуге рұқсат беру қағидаларын бекіту туралы\" Қазақстан Республикасы Инвестициялар және даму министрінің 2014 жылғы 30 желтоқсандағы № 350 бұйрығына (Нормативтік құқықтық актілерді мемлекеттік тіркеу тізілімінде № 10273 болып тіркелген) мынадай өзгеріс енгізілсін:\n\
көрсетілген бұйрықпен бекітілген Жарылыс жұмыстарын жүргізуге рұқсат беру қағидаларында:\n\
6-тармақтың 2) тармақшасы алып тасталсын;\n6-тармақтың 9) тармақшасы алып тасталсын.\n\
2. Осы бұйрық алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі.\n\
Министр\tЧ. Аринов\n";
    let mut meta = lib.act(&"V2500037008".parse().unwrap()).unwrap().clone();
    meta.id = "V2600099001".parse().unwrap();
    meta.date = d("2026-03-02");
    meta.number = "77".into();
    meta.work_uri = nusqa::model::WorkUri::new(&meta.kind, meta.date, "77");
    meta.registration = Some(nusqa::model::Registration {
        number: 99001,
        date: Some(d("2026-03-05")),
    });
    meta.entry_into_force = None;
    meta.events.clear();
    nusqa::draft::check(lib, &meta, text)
}

/// Lets the list above hold views of different types.
mod erased {
    pub trait Ser {
        fn to_value(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> Ser for T {
        fn to_value(&self) -> serde_json::Value {
            serde_json::to_value(self).unwrap()
        }
    }
}

const BEGIN: &str = "<!-- shapes:begin (generated by tests/json_shapes.rs; do not edit by hand) -->";
const END: &str = "<!-- shapes:end -->";

fn generated() -> String {
    let mut out = String::new();
    for (title, v) in views_json() {
        let _ = write!(out, "\n### {title}\n\n```\n{}\n```\n", shape_text(&v));
    }
    out
}

#[test]
fn docs_json_md_lists_the_shapes_the_views_serialise_to() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/json.md");
    let doc = std::fs::read_to_string(&path).unwrap();
    let (Some(b), Some(e)) = (doc.find(BEGIN), doc.find(END)) else {
        panic!("docs/json.md lacks the generated section markers");
    };
    let current = &doc[b + BEGIN.len()..e];
    let fresh = generated();
    if std::env::var_os("NUSQA_UPDATE_DOCS").is_some() {
        let updated = format!("{}{BEGIN}{fresh}{}", &doc[..b], &doc[e..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert!(
        current == fresh,
        "docs/json.md's shapes differ from the views; run NUSQA_UPDATE_DOCS=1 cargo test json_shapes and review the diff"
    );
}

#[test]
fn shapes_merge_arrays_and_mark_optional_keys() {
    let v: Value = serde_json::json!([{"a": 1, "b": "x"}, {"a": null, "c": [true]}]);
    assert_eq!(shape_text(&v), "[{\n  a: number | null\n  b?: string\n  c?: [bool]\n}]");
    let tree: Value = serde_json::json!({"eid": "a", "children": [{"eid": "b", "text": "t", "children": []}]});
    assert_eq!(
        shape_text(&tree),
        "{\n  eid: string\n  text?: string\n  children: [↺]\n}"
    );
    let notes: Value = serde_json::json!({"att_1__para_4": ["x"], "att_1__para_6": ["y", "z"]});
    assert_eq!(shape_text(&notes), "{eid: [string]}");
}

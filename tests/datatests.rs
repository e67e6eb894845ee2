//! Data-driven consolidation cases, in the spirit of AJDB's `tests/datatests/`: each
//! `tests/datatests/NAME.yaml` holds a target act, amending acts with their operations,
//! and steps (consolidate at a date and compare; record an event; diff two dates), plus
//! the consistency errors expected. Trees are clause Markdown in block scalars
//! (`tree: |`), operations are written as in a corpus `ops.json`. Each case is its own
//! test, named as its file; adding a case is adding a file and its name to the
//! `data_cases!` list below (a test fails while a file on disk is not listed). How to
//! write one: `tests/datatests/README.md`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use nusqa::clause_markdown;
use nusqa::consolidate::{ActTimeline, Consolidated, Status, consolidate};
use nusqa::model::{
    Act, ActKind, Content, EId, Event, EventKind, Issuer, Lang, Registration, RegistryId, Tree, WorkUri,
};
use nusqa::{ActEntry, Library};
use serde::Deserialize;
use serde_json::Value;

use crate::support::{compact, d, data_cases};

#[derive(Deserialize)]
struct Case {
    description: String,
    target: ActSpec,
    #[serde(default)]
    amending: Vec<ActSpec>,
    #[serde(default)]
    errors: Vec<String>,
    steps: Vec<Step>,
}

#[derive(Deserialize)]
struct ActSpec {
    id: String,
    date: String,
    #[serde(default)]
    registered: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    tree: String,
    #[serde(default)]
    ops: Vec<Value>,
    #[serde(default)]
    entry_into_force: Option<Value>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Step {
    At {
        at: String,
        expect: Vec<String>,
    },
    Publish {
        publish: String,
        on: String,
    },
    Before {
        before_act: String,
    },
    Diff {
        diff: (String, String),
        changes: Vec<String>,
        #[serde(default)]
        raw_changes: Option<Vec<String>>,
    },
}

fn entry(spec: &ActSpec) -> ActEntry {
    let id: RegistryId = spec.id.parse().unwrap();
    let date = d(&spec.date);
    let mut events = Vec::new();
    if let Some(p) = &spec.published {
        events.push(Event::new(EventKind::Publication, d(p)));
    }
    let act = Act {
        work_uri: WorkUri::new(&ActKind::Order, date, "1"),
        id,
        kind: ActKind::Order,
        issuer: Issuer {
            office: "Test Minister".into(),
            names: BTreeMap::new(),
            acting: false,
        },
        date,
        number: "1".into(),
        registration: spec.registered.as_ref().map(|r| Registration {
            number: id.registration_number(),
            date: Some(d(r)),
        }),
        titles: BTreeMap::from([(Lang::Kk, format!("Test act {id}"))]),
        events,
        synthetic: true,
        provenance: None,
        editorial_notes: vec![],
        entry_into_force: spec
            .entry_into_force
            .clone()
            .map(|v| serde_json::from_value(v).unwrap()),
    };
    let base = clause_markdown::parse(&spec.tree).unwrap_or_else(|e| panic!("{}: bad tree: {e:?}", spec.id));
    let ops = spec
        .ops
        .iter()
        .map(|v| {
            let mut v = v.clone();
            let o = v.as_object_mut().unwrap();
            o.entry("source_act").or_insert(Value::String(spec.id.clone()));
            o.entry("source_item").or_insert(Value::String("para_1".into()));
            o.entry("source_abzats").or_insert(Value::Null);
            serde_json::from_value(v).unwrap_or_else(|e| panic!("{}: bad op: {e}", spec.id))
        })
        .collect();
    ActEntry { act, base, ops }
}

/// "eid change" for every changed node of the diff between two dates.
fn change_list(lib: &Library, target: &RegistryId, from: &str, to: &str, raw: bool) -> Vec<String> {
    let opts = nusqa::diff::DiffOptions {
        raw,
        ..Default::default()
    };
    let dd = nusqa::diff::diff(lib.timeline(target).unwrap(), d(from), d(to), opts).unwrap();
    dd.changes()
        .map(|n| {
            format!(
                "{} {}",
                n.eid,
                serde_json::to_value(n.change).unwrap().as_str().unwrap()
            )
        })
        .collect()
}

fn run_case(name: &str) {
    let path = dir().join(format!("{name}.yaml"));
    let case: Case = yaml_serde::from_str(&std::fs::read_to_string(&path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = format!("{name} ({})", case.description);
    let mut entries = vec![entry(&case.target)];
    entries.extend(case.amending.iter().map(entry));
    let (mut lib, errors) = Library::build(entries);
    let messages: Vec<String> = errors.iter().map(|e| e.kind.to_string()).collect();
    assert_eq!(messages.len(), case.errors.len(), "{name}: errors {messages:#?}");
    for (m, want) in messages.iter().zip(&case.errors) {
        assert!(
            m.contains(want.as_str()),
            "{name}: error `{m}` does not contain `{want}`"
        );
    }
    let target: RegistryId = case.target.id.parse().unwrap();
    assert_naive_agrees_at_every_boundary(&lib, &target, &name);
    for step in &case.steps {
        match step {
            Step::At { at, expect } => {
                let tl = lib.timeline(&target).unwrap();
                let c = consolidate(tl, d(at)).unwrap_or_else(|e| panic!("{name}: {e}"));
                assert_eq!(&compact(&c), expect, "{name}: at {at}");
                assert_naive_agrees(&lib, &target, d(at), &name);
            }
            Step::Publish { publish, on } => {
                let errs = lib
                    .record_event(&publish.parse().unwrap(), EventKind::Publication, d(on))
                    .unwrap();
                assert!(errs.is_empty(), "{name}: {errs:?}");
                assert_naive_agrees_at_every_boundary(&lib, &target, &name);
            }
            Step::Diff {
                diff: (from, to),
                changes,
                raw_changes,
            } => {
                if let Some(raw_changes) = raw_changes {
                    assert_eq!(
                        &change_list(&lib, &target, from, to, true),
                        raw_changes,
                        "{name}: raw diff {from} → {to}"
                    );
                }
                assert_eq!(
                    &change_list(&lib, &target, from, to, false),
                    changes,
                    "{name}: diff {from} → {to}"
                );
                let tl = lib.timeline(&target).unwrap();
                let opts = nusqa::diff::DiffOptions::default();
                let dd = nusqa::diff::diff(tl, d(from), d(to), opts).unwrap();
                // Swapping the dates swaps the diff.
                let back = nusqa::diff::diff(tl, d(to), d(from), opts).unwrap();
                assert_eq!(back.nodes.len(), dd.nodes.len(), "{name}: reverse diff");
                for (x, y) in back.nodes.iter().zip(dd.inverted().nodes.iter()) {
                    assert_eq!(
                        (&x.eid, x.change, &x.before, &x.after),
                        (&y.eid, y.change, &y.before, &y.after),
                        "{name}"
                    );
                }
            }
            Step::Before { before_act } => {
                let tl = lib.timeline(&target).unwrap();
                assert!(
                    consolidate(tl, d(before_act)).is_err(),
                    "{name}: consolidating before the act must fail"
                );
            }
        }
    }
}

/// One node as a reader sees it: eId, number, heading, content (text, not held or
/// repealed), since when, and the act and operation that made it so.
type Row = (
    String,
    Option<String>,
    Option<String>,
    Content,
    NaiveDate,
    String,
    Option<usize>,
);

/// The consolidated view's rows, in document order. A pending node's status hides its
/// content, which is then the timeline's version on the date.
fn view_rows(tl: &ActTimeline, c: &Consolidated<'_>) -> Vec<Row> {
    let mut rows = Vec::new();
    c.walk(&mut |n| {
        let content = match (n.text, n.status) {
            (Some(t), _) => Content::of(t),
            (None, Status::Repealed) => Content::Repealed,
            (None, Status::NotHeld) => Content::NotHeld,
            (None, Status::Pending) => tl.nodes[n.eid].at(c.date).unwrap().state.content.clone(),
            (None, Status::InForce) => panic!("{} in force without a text", n.eid),
        };
        rows.push((
            n.eid.to_string(),
            n.num.map(str::to_string),
            n.heading.map(str::to_string),
            content,
            n.since,
            n.source.act.to_string(),
            n.source.op,
        ));
    });
    rows
}

/// The naive tree's rows, in document order.
fn naive_rows(tree: &Tree) -> Vec<Row> {
    tree.all()
        .into_iter()
        .map(|e| {
            let n = tree.get(&e).unwrap();
            let s = &n.state;
            (
                e.to_string(),
                s.num.clone(),
                s.heading.clone(),
                s.content.clone(),
                n.since,
                s.source.act.to_string(),
                s.source.op,
            )
        })
        .collect()
}

/// The first difference between the view's rows and the naive tree's, if any.
fn rows_differ(view: &[Row], naive: &[Row]) -> Option<String> {
    if let Some((i, (v, n))) = view.iter().zip(naive).enumerate().find(|(_, (v, n))| v != n) {
        return Some(format!("node {i}: consolidated {v:?}, naive {n:?}"));
    }
    (view.len() != naive.len()).then(|| format!("{} nodes consolidated, {} naive", view.len(), naive.len()))
}

/// The naive re-application from the base on `date`.
fn naive_tree(lib: &Library, target: &RegistryId, date: NaiveDate) -> Tree {
    let schedule = lib.schedule(target).unwrap();
    nusqa::consolidate::naive::consolidate(lib.act(target).unwrap(), &lib.base(target).unwrap(), &schedule, date)
        .unwrap()
}

/// `consolidate` equals naive re-application on `date`, node by node and in full.
fn assert_naive_agrees(lib: &Library, target: &RegistryId, date: NaiveDate, name: &str) {
    let tl = lib.timeline(target).unwrap();
    let c = consolidate(tl, date).unwrap();
    if let Some(m) = rows_differ(&view_rows(tl, &c), &naive_rows(&naive_tree(lib, target, date))) {
        panic!("{name}: consolidate and naive re-application differ on {date}: {m}");
    }
}

/// The same at every version boundary of the target (every day a version starts or
/// ends, and the day before), every earliest day of a pending change, and the base day.
fn assert_naive_agrees_at_every_boundary(lib: &Library, target: &RegistryId, name: &str) {
    let tl = lib.timeline(target).unwrap();
    let mut days = vec![tl.base_date];
    for n in tl.nodes.values() {
        for v in &n.versions {
            days.push(v.validity.from);
            days.extend(v.validity.to);
        }
    }
    days.extend(tl.pending.iter().filter_map(|p| p.earliest));
    days.extend(tl.repealed_on);
    let before: Vec<NaiveDate> = days.iter().filter_map(|d| d.pred_opt()).collect();
    days.extend(before);
    days.retain(|d| *d >= tl.base_date);
    days.sort();
    days.dedup();
    for day in days {
        assert_naive_agrees(lib, target, day, name);
    }
}

/// The cross-check fails on a naive tree that is wrong in any one field, in its order
/// or in its set of nodes: it compares content, not just eIds.
#[test]
fn naive_cross_check_catches_a_tampered_tree() {
    let case: Case = yaml_serde::from_str(&std::fs::read_to_string(dir().join("replace.yaml")).unwrap()).unwrap();
    let mut entries = vec![entry(&case.target)];
    entries.extend(case.amending.iter().map(entry));
    let (lib, _) = Library::build(entries);
    let target: RegistryId = case.target.id.parse().unwrap();
    let date = d("2026-01-01");
    let tl = lib.timeline(&target).unwrap();
    let c = consolidate(tl, date).unwrap();
    let view = view_rows(tl, &c);
    let good = naive_tree(&lib, &target, date);
    assert_eq!(rows_differ(&view, &naive_rows(&good)), None);
    let para_4: EId = "att_1__para_4".parse().unwrap();
    let para_6: EId = "att_1__para_6".parse().unwrap();
    type Tamper = fn(&mut Tree, &EId, &EId);
    let tampers: [(&str, Tamper); 8] = [
        ("num", |t, p4, _| t.get_mut(p4).unwrap().state.num = Some("44".into())),
        ("heading", |t, p4, _| {
            t.get_mut(p4).unwrap().state.heading = Some("Тақырып".into())
        }),
        ("text", |t, p4, _| {
            t.get_mut(p4).unwrap().state.content = Content::of("Басқа мәтін.")
        }),
        ("status", |t, p4, _| {
            t.get_mut(p4).unwrap().state.content = Content::Repealed
        }),
        ("since", |t, p4, _| t.get_mut(p4).unwrap().since = d("2020-01-01")),
        ("source", |t, _, p6| t.get_mut(p6).unwrap().state.source.op = Some(7)),
        ("order", |t, p4, _| t.siblings_mut(p4).unwrap().reverse()),
        ("a missing node", |t, _, p6| {
            t.siblings_mut(p6).unwrap().retain(|e| e != p6)
        }),
    ];
    for (what, tamper) in tampers {
        let mut bad = good.clone();
        tamper(&mut bad, &para_4, &para_6);
        assert!(
            rows_differ(&view, &naive_rows(&bad)).is_some(),
            "a naive tree with a wrong {what} passes the cross-check"
        );
    }
}

/// The cases' folder.
fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/datatests")
}

/// The case names on disk: every `NAME.yaml` of the folder. Any other file but the
/// README is an error, so a misnamed case cannot sit there unrun.
fn on_disk() -> Vec<String> {
    let mut names = Vec::new();
    for e in std::fs::read_dir(dir()).unwrap() {
        let path = e.unwrap().path();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        match file.strip_suffix(".yaml") {
            Some(name) => names.push(name.to_string()),
            None if file == "README.md" => {}
            None => panic!("{}: not a case (`NAME.yaml`) nor the README", path.display()),
        }
    }
    names
}

data_cases! {
    run: run_case, on_disk: on_disk;
    already_deleted,
    before_target_adopted,
    delete_with_children,
    event_before_registration,
    insert_existing,
    insert_then_replace,
    on_entry_into_force,
    pending_then_resolved,
    renumber,
    repeal,
    replace,
    replace_attachment,
    same_day_conflict,
    staggered_dates,
    target_missing,
    typography_only,
    words,
}

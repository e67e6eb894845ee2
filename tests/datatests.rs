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

use nusqa::consolidate::consolidate;
use nusqa::corpus::format;
use nusqa::model::{Act, ActKind, Event, EventKind, Issuer, Lang, Registration, RegistryId, WorkUri};
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
        events.push(Event {
            kind: EventKind::Publication,
            date: Some(d(p)),
            note: None,
        });
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
    let base = format::parse(&spec.tree).unwrap_or_else(|e| panic!("{}: bad tree: {e:?}", spec.id));
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
    for step in &case.steps {
        match step {
            Step::At { at, expect } => {
                let tl = lib.timeline(&target).unwrap();
                let c = consolidate(tl, d(at)).unwrap_or_else(|e| panic!("{name}: {e}"));
                assert_eq!(&compact(&c), expect, "{name}: at {at}");
                // The naive baseline must agree on every case.
                let schedule = lib.schedule(&target).unwrap();
                let naive = nusqa::consolidate::naive::consolidate(
                    lib.act(&target).unwrap(),
                    &lib.base(&target).unwrap(),
                    &schedule,
                    d(at),
                )
                .unwrap();
                let mut naive_eids = naive.all();
                naive_eids.retain(|_| true);
                let mut view_eids = Vec::new();
                c.walk(&mut |n| view_eids.push(n.eid.clone()));
                assert_eq!(view_eids, naive_eids, "{name}: naive order at {at}");
            }
            Step::Publish { publish, on } => {
                let errs = lib
                    .record_event(&publish.parse().unwrap(), EventKind::Publication, d(on))
                    .unwrap();
                assert!(errs.is_empty(), "{name}: {errs:?}");
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

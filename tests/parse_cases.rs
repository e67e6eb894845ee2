//! The amendment parser (Kazakh and Russian) on golden files, as AJDB's data-driven tests: amending
//! text in, operations out. Each folder `tests/parse_cases/NAME/` is one case:
//!
//! * `case.yaml`: what the case shows, the amending act's metadata and the acts it may
//!   amend (names of `tests/parse_cases/targets.yaml`);
//! * `input.kk.md` (or `input.ru.md` for a Russian text): the amending act's text in
//!   clause Markdown (its List's items, one abzats a paragraph, any entry-into-force
//!   clause and annexes);
//! * `expected.json`: what the parser makes of it, either `{"entry_into_force", "ops"}`
//!   (the operations as in a corpus `ops.json`) or `{"errors": [...]}` with each error's
//!   item, abzats, kind and text.
//!
//! Each case is its own test. `NUSQA_UPDATE_GOLDEN=1 cargo test parse_cases` rewrites the
//! expected files from the parser; without it, a difference fails with a unified diff.
//! How to add a case: `tests/datatests/README.md`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use nusqa::clause_markdown;
use nusqa::model::{Act, ActKind, Issuer, Lang, Node, Registration, RegistryId, WorkUri};
use nusqa::parse::{ParseError, ParseErrorKind, Parsed, parse_amending_text};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::support::{assert_golden, d, data_cases};

/// An act's metadata and its clause tree.
type ActText = (Act, Vec<Node>);

/// An act's metadata: an order, registered under the number its registry id holds.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActSpec {
    id: String,
    date: String,
    number: String,
    title: String,
    /// The registration date, when recorded.
    #[serde(default)]
    registered: Option<String>,
    /// The Russian title, when the act has one.
    #[serde(default)]
    title_ru: Option<String>,
}

/// A target act: its metadata and its text in clause Markdown.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetSpec {
    #[serde(flatten)]
    act: ActSpec,
    tree: String,
}

/// `case.yaml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    /// What the case shows.
    description: String,
    /// The amending act; its text is `input.kk.md`.
    act: ActSpec,
    /// The acts it may amend, by their names in `targets.yaml`.
    targets: Vec<String>,
}

/// The files a case folder may hold.
const CASE_FILES: [&str; 4] = ["case.yaml", "input.kk.md", "input.ru.md", "expected.json"];

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/parse_cases")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn yaml<T: serde::de::DeserializeOwned>(path: &Path) -> T {
    yaml_serde::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Clause Markdown into nodes, or a panic naming the file and every bad line.
fn tree(text: &str, what: &str) -> Vec<Node> {
    clause_markdown::parse(text).unwrap_or_else(|errs| {
        let lines: Vec<String> = errs.iter().map(ToString::to_string).collect();
        panic!("{what}: bad clause Markdown: {lines:#?}")
    })
}

/// The act `spec` describes.
fn act(spec: &ActSpec) -> Act {
    let id: RegistryId = spec.id.parse().unwrap_or_else(|e| panic!("bad id {}: {e}", spec.id));
    Act {
        work_uri: WorkUri::new(&ActKind::Order, d(&spec.date), &spec.number),
        id,
        kind: ActKind::Order,
        issuer: Issuer {
            office: "Minister".into(),
            names: BTreeMap::new(),
            acting: false,
        },
        date: d(&spec.date),
        number: spec.number.clone(),
        registration: Some(Registration {
            number: id.registration_number(),
            date: spec.registered.as_deref().map(d),
        }),
        titles: std::iter::once((Lang::Kk, spec.title.clone()))
            .chain(spec.title_ru.clone().map(|t| (Lang::Ru, t)))
            .collect(),
        events: Vec::new(),
        synthetic: false,
        provenance: None,
        editorial_notes: Vec::new(),
        entry_into_force: None,
    }
}

/// The target act named `name` in `targets.yaml`, with its base tree.
pub fn target(name: &str) -> ActText {
    let path = dir().join("targets.yaml");
    let mut all: BTreeMap<String, TargetSpec> = yaml(&path);
    let spec = all
        .remove(name)
        .unwrap_or_else(|| panic!("{}: no target `{name}`", path.display()));
    (act(&spec.act), tree(&spec.tree, &format!("target {name}")))
}

/// The case names on disk: every folder. Beside them only `targets.yaml` may stand.
fn on_disk() -> Vec<String> {
    let mut names = Vec::new();
    for e in std::fs::read_dir(dir()).unwrap() {
        let e = e.unwrap();
        let file = e.file_name().to_string_lossy().into_owned();
        if e.file_type().unwrap().is_dir() {
            names.push(file);
        } else if file != "targets.yaml" {
            panic!("{}: not a case folder nor targets.yaml", e.path().display());
        }
    }
    names
}

/// The JSON form of an error kind: its name and what it names.
fn kind_json(kind: &ParseErrorKind) -> (&'static str, Option<Value>) {
    use ParseErrorKind as K;
    match kind {
        K::UnrecognisedInstruction => ("unrecognised_instruction", None),
        K::NoTargetAct => ("no_target_act", None),
        K::UnresolvedTargetAct(s) => ("unresolved_target_act", Some(json!(s))),
        K::TargetActMismatch {
            field,
            stated,
            registry,
        } => (
            "target_act_mismatch",
            Some(json!({"field": field, "stated": stated, "registry": registry})),
        ),
        K::UnresolvedRules(s) => ("unresolved_rules", Some(json!(s))),
        K::UnresolvedNode(s) => ("unresolved_node", Some(json!(s))),
        K::MissingContext(s) => ("missing_context", Some(json!(s))),
        K::MalformedQuotedBlock(s) => ("malformed_quoted_block", Some(json!(s))),
        K::UnclosedQuote => ("unclosed_quote", None),
        K::MalformedEntryIntoForce(s) => ("malformed_entry_into_force", Some(json!(s))),
    }
}

fn error_json(e: &ParseError) -> Value {
    // Errors have places: the message names the act, the item and the abzats.
    let place = format!(
        "{} {}{}",
        e.act,
        e.item,
        e.abzats.map(|a| format!(", abzats {a}")).unwrap_or_default()
    );
    assert!(
        e.to_string().starts_with(&place),
        "`{e}` does not name its place `{place}`"
    );
    let (kind, detail) = kind_json(&e.kind);
    let mut v = json!({"act": e.act, "item": e.item, "abzats": e.abzats, "kind": kind});
    if let Some(detail) = detail {
        v["detail"] = detail;
    }
    v["text"] = json!(e.text);
    v
}

/// What the parser made, as the golden holds it.
fn outcome_json(result: &Result<Parsed, Vec<ParseError>>) -> Value {
    match result {
        Ok(p) => {
            // Where an operation was read from is the loader's business, not the parser's.
            assert!(p.ops.iter().all(|o| o.origin.is_none()), "the parser set an origin");
            json!({"entry_into_force": p.entry_into_force, "ops": p.ops})
        }
        Err(errors) => json!({"errors": errors.iter().map(error_json).collect::<Vec<_>>()}),
    }
}

/// Case `name`: what it shows, the language of its text, the amending act with its
/// tree, and its targets.
fn load_case(name: &str) -> (String, Lang, ActText, Vec<ActText>) {
    let case_dir = dir().join(name);
    for e in std::fs::read_dir(&case_dir).unwrap() {
        let file = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            CASE_FILES.contains(&file.as_str()),
            "{}: unexpected file `{file}` (a case holds {CASE_FILES:?})",
            case_dir.display()
        );
    }
    let case: CaseFile = yaml(&case_dir.join("case.yaml"));
    let (lang, file) = match (
        case_dir.join("input.kk.md").exists(),
        case_dir.join("input.ru.md").exists(),
    ) {
        (true, false) => (Lang::Kk, "input.kk.md"),
        (false, true) => (Lang::Ru, "input.ru.md"),
        _ => panic!(
            "{}: a case holds one input, input.kk.md or input.ru.md",
            case_dir.display()
        ),
    };
    let input = tree(&read(&case_dir.join(file)), &format!("{name}/{file}"));
    let targets = case.targets.iter().map(|t| target(t)).collect();
    (case.description, lang, (act(&case.act), input), targets)
}

fn run_case(name: &str) {
    let (description, lang, (act, input), targets) = load_case(name);
    let targets: Vec<(&Act, &[Node])> = targets.iter().map(|(a, n)| (a, n.as_slice())).collect();
    let result = parse_amending_text(lang, &act, &input, &targets);
    let what = format!("{name} ({description})");
    assert_golden(&what, &dir().join(name).join("expected.json"), &outcome_json(&result));
}

data_cases! {
    run: run_case, on_disk: on_disk;
    abzats_of_a_paragraph,
    annex_of_an_unknown_state_service_standard,
    bare_rules_heading_names_the_only_rules,
    delete_and_insert_rows_in_an_annex_of_the_order_itself,
    delete_annex_of_a_state_service_standard,
    delete_subparagraph_with_every_hyphen,
    delete_words,
    entry_into_force_from_a_recorded_registration,
    entry_into_force_from_registration_not_recorded,
    entry_into_force_on_a_fixed_date,
    entry_into_force_ten_days_after_publication,
    entry_into_force_twenty_one_days_after_publication,
    entry_into_force_with_an_exception,
    entry_into_force_with_several_exceptions,
    every_error_is_reported,
    formulas_broken_across_lines,
    insert_paragraphs_after_their_anchor,
    insert_subparagraph,
    insert_subparagraph_in_a_paragraph_context,
    instruction_before_any_opening,
    malformed_entry_into_force,
    no_entry_into_force_clause,
    opening_resolves_the_act_by_registration,
    opening_with_a_nested_title_takes_the_last_number,
    order_paragraph_as_an_item,
    order_paragraph_with_labelled_subparagraphs,
    paragraph_context_ends_at_an_instruction_on_a_paragraph,
    paragraph_context_then_subparagraph_instructions,
    quote_unclosed_at_the_item_end,
    quote_unclosed_before_the_next_instruction,
    quoted_block_missing_or_misnumbered,
    quoted_row_with_another_serial_number,
    repeal_of_a_whole_act,
    repeal_of_the_said_order,
    replace_attachment_with_a_list_annex_reroots_it,
    replace_attachment_with_a_missing_list_annex,
    replace_paragraph_builds_the_new_wording,
    replace_paragraph_variants,
    replace_subparagraph_with_its_abzats,
    replace_table_row_in_every_form,
    replace_two_paragraphs_from_one_block,
    replace_words,
    rules_headings_in_every_form,
    ru_abzats_by_ordinal,
    ru_delete_subparagraph,
    ru_entry_into_force_with_an_exception,
    ru_insert_paragraph,
    ru_repeal_of_a_whole_act,
    ru_replace_and_delete_words,
    ru_replace_paragraph,
    ru_target_act_not_held,
    ru_unknown_formula_names_item_and_abzats,
    target_act_date_mismatch,
    target_act_number_mismatch,
    target_act_title_mismatch,
    unknown_formula_names_item_and_abzats,
    unresolvable_act_is_reported_once_per_item,
    unresolvable_rules_and_nodes,
}

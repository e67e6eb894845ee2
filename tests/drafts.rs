//! Drafts: Order No. 429 as a ministry drafter has it (plain text, .docx) read back into
//! the corpus's operations; the check report's problems and places; the preview; and
//! generated malformed drafts, none of which panics.

use std::io::Write;
use std::path::{Path, PathBuf};

use nusqa::Library;
use nusqa::amend::Operation;
use nusqa::draft::{self, CheckReport, Severity, order_text};
use nusqa::model::{Act, EventKind, Node};

use crate::draft_text::{docx_of, drafter_text};
use crate::support::{corpus_copy, d, nusqa};

const ORDER_429: &str = "V2500037008";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn order_dir() -> PathBuf {
    root().join("acts/V25").join(ORDER_429)
}

/// Order 429's metadata, as the drafter submits it.
fn meta_429() -> Act {
    let text = std::fs::read_to_string(order_dir().join("act.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Order 429's frozen operations.
fn frozen_ops() -> Vec<Operation> {
    let text = std::fs::read_to_string(order_dir().join("ops.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Order 429's clause tree from the corpus.
fn tree_429() -> Vec<Node> {
    let text = std::fs::read_to_string(order_dir().join("text.kk.md")).unwrap();
    nusqa::clause_markdown::parse(&text).unwrap()
}

/// A library of the corpus without Order 429.
fn library_without_429() -> Library {
    let dir = corpus_copy();
    std::fs::remove_dir_all(dir.path().join("acts/V25").join(ORDER_429)).unwrap();
    let loaded = nusqa::corpus::load(dir.path()).unwrap();
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    loaded.library
}

fn real_library() -> Library {
    let loaded = nusqa::corpus::load(&root()).unwrap();
    assert!(loaded.errors.is_empty());
    loaded.library
}

fn errors(r: &CheckReport) -> Vec<String> {
    r.problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| format!("{} {:?}: {} | {}", p.code, p.place, p.message, p.text))
        .collect()
}

#[test]
fn order_429_as_plain_text_reads_back_into_its_frozen_operations() {
    let text = drafter_text(&tree_429());
    let order = order_text::read(&text).unwrap();
    let (got, want) = (
        nusqa::clause_markdown::write(&order.tree),
        nusqa::clause_markdown::write(&tree_429()),
    );
    if let Some(diff) = crate::support::golden_diff(&want, &got) {
        panic!("the drafter's text does not read back into the corpus's tree:\n{diff}");
    }
    assert_eq!(order.tree, tree_429());
    let lib = library_without_429();
    let report = draft::check(&lib, &meta_429(), &text);
    assert_eq!(errors(&report), Vec::<String>::new());
    let prepared = report.prepared.as_ref().unwrap();
    assert_eq!(prepared.ops().len(), 40);
    assert_eq!(prepared.ops(), frozen_ops().as_slice());
    assert_eq!(prepared.entry_into_force, meta_429().entry_into_force);
}

#[test]
fn order_429_against_the_real_corpus_is_already_published() {
    let report = draft::check(&real_library(), &meta_429(), &drafter_text(&tree_429()));
    let codes: Vec<&str> = report
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.code)
        .collect();
    assert!(codes.contains(&"id_already_published"), "{codes:?}");
    assert!(codes.contains(&"number_already_published"), "{codes:?}");
    assert!(!report.is_ok());
    // Nothing else is wrong with it: the same text, operations and places.
    assert!(
        codes
            .iter()
            .all(|c| *c == "id_already_published" || *c == "number_already_published"),
        "{:#?}",
        errors(&report)
    );
    assert_eq!(report.prepared.as_ref().map(|p| p.ops().len()), Some(40));
}

/// XML-escapes text.
#[test]
fn order_429_as_docx_reads_back_into_its_frozen_operations() {
    let text = drafter_text(&tree_429());
    let bytes = docx_of(&text);
    let read = draft::docx::text(&bytes).unwrap();
    let order = order_text::read(&read).unwrap();
    assert_eq!(order.tree, tree_429());
    let report = draft::check_docx(&library_without_429(), &meta_429(), &bytes);
    assert_eq!(errors(&report), Vec::<String>::new());
    assert_eq!(report.prepared.as_ref().unwrap().ops(), frozen_ops().as_slice());
}

#[test]
fn order_429_requisites_and_signature_are_read() {
    let order = order_text::read(&drafter_text(&tree_429())).unwrap();
    let r = order.requisites.as_ref().unwrap();
    assert_eq!(
        (r.date, r.number.as_deref(), r.line),
        (Some(d("2025-09-30")), Some("429"), 2)
    );
    assert_eq!(r.registration.map(|x| x.number), Some(37008));
    assert_eq!(
        r.issuer.as_deref(),
        Some("Қазақстан Республикасы Төтенше жағдайлар министрінің")
    );
    let s = order.signature.as_ref().unwrap();
    assert_eq!(
        (s.post.as_deref(), s.name.as_str()),
        (Some("Қазақстан Республикасының [?]"), "Ч. Аринов")
    );
    assert_eq!(
        order.title.as_ref().map(|t| t.text.as_str()),
        meta_429().titles.get(&nusqa::model::Lang::Kk).map(String::as_str)
    );
    assert_eq!(
        order.annex_requisites.first().and_then(|r| r.number.as_deref()),
        Some("429")
    );
    // Item 3, abzats 3 is the line of "2-тармақ мынадай редакцияда жазылсын:".
    let line = order.line_of("att_1__para_3", 3).unwrap();
    let text = drafter_text(&tree_429());
    assert_eq!(
        text.lines().nth(line - 1),
        Some("2-тармақ мынадай редакцияда жазылсын:")
    );
}

/// A small draft amending Order No. 350, with `instruction` as its item's instruction.
fn small_draft(instructions: &[&str]) -> String {
    format!(
        "Жарылыс жұмыстарын жүргізуге рұқсат беру қағидаларына өзгеріс енгізу туралы\n\
Астана қаласы 2026 жылғы 2 наурыз № 77\n\
\n\
БҰЙЫРАМЫН:\n\
\n\
1. \"Жарылыс жұмыстарын жүргізуге рұқсат беру қағидаларын бекіту туралы\" Қазақстан Республикасы Инвестициялар және даму министрінің 2014 жылғы 30 желтоқсандағы № 350 бұйрығына (Нормативтік құқықтық актілерді мемлекеттік тіркеу тізілімінде № 10273 болып тіркелген) мынадай өзгеріс енгізілсін:\n\
көрсетілген бұйрықпен бекітілген Жарылыс жұмыстарын жүргізуге рұқсат беру қағидаларында:\n\
{}\n\
\n\
2. Осы бұйрық алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі.\n\
\n\
Қазақстан Республикасының Төтенше жағдайлар министрі\tЧ. Аринов\n",
        instructions.join("\n")
    )
}

fn small_meta() -> Act {
    let mut m = meta_429();
    m.id = "V2600099001".parse().unwrap();
    m.date = d("2026-03-02");
    m.number = "77".into();
    m.work_uri = nusqa::model::WorkUri::new(&m.kind, m.date, "77");
    m.registration = Some(nusqa::model::Registration {
        number: 99001,
        date: Some(d("2026-03-05")),
    });
    m.titles.insert(
        nusqa::model::Lang::Kk,
        "Жарылыс жұмыстарын жүргізуге рұқсат беру қағидаларына өзгеріс енгізу туралы".into(),
    );
    m.entry_into_force = None;
    m.editorial_notes.clear();
    m
}

const DELETE_6_2: &str = "6-тармақтың 2) тармақшасы алып тасталсын.";

#[test]
fn a_subparagraph_order_429_creates_resolves_once_order_429_is_in_force() {
    // Order 429 published: it replaces paragraph 6 of Order 350's Rules, with its
    // subparagraphs 1)–3), from 2025-12-06; a draft of 2026 may delete 2).
    let mut lib = real_library();
    lib.record_event(&ORDER_429.parse().unwrap(), EventKind::Publication, d("2025-10-06"))
        .unwrap();
    let report = draft::check(&lib, &small_meta(), &small_draft(&[DELETE_6_2]));
    assert_eq!(errors(&report), Vec::<String>::new());
    assert!(
        report.problems.iter().all(|p| !p.code.starts_with("target_node")),
        "{:#?}",
        report.problems
    );
    let ops = report.prepared.as_ref().unwrap().ops();
    assert_eq!(ops.len(), 1);
    assert_eq!(
        ops[0].target.as_ref().map(|e| e.as_str()),
        Some("att_1__para_6__subpara_2")
    );
}

#[test]
fn a_subparagraph_pending_order_429_creates_is_a_warning_that_names_it() {
    // Order 429 still pending: the subparagraph exists only once it takes force.
    let report = draft::check(&real_library(), &small_meta(), &small_draft(&[DELETE_6_2]));
    assert_eq!(errors(&report), Vec::<String>::new());
    let w: Vec<_> = report.with_code("target_node_awaits_pending").collect();
    assert_eq!(w.len(), 1, "{:#?}", report.problems);
    assert_eq!(w[0].severity, Severity::Warning);
    assert!(w[0].message.contains(ORDER_429), "{}", w[0].message);
    assert_eq!(w[0].place.line, Some(8));
    assert_eq!(w[0].place.item.as_deref(), Some("para_1"));
    assert_eq!(w[0].place.abzats, Some(3));
    assert_eq!(w[0].text, DELETE_6_2);
}

#[test]
fn a_subparagraph_that_never_exists_is_an_error_with_its_place() {
    let report = draft::check(
        &real_library(),
        &small_meta(),
        &small_draft(&["6-тармақтың 9) тармақшасы алып тасталсын."]),
    );
    let e: Vec<_> = report.with_code("unresolved_node").collect();
    assert_eq!(e.len(), 1, "{:#?}", report.problems);
    assert_eq!((e[0].place.line, e[0].place.abzats), (Some(8), Some(3)));
    assert!(e[0].message.contains("att_1__para_6__subpara_9"), "{}", e[0].message);
}

#[test]
fn a_node_order_429_deletes_is_absent_on_the_drafts_date() {
    // Order 429 deletes 5) 1) of Order 350's Rules; once it is in force, a later draft
    // cannot delete it again.
    let mut lib = real_library();
    lib.record_event(&ORDER_429.parse().unwrap(), EventKind::Publication, d("2025-10-06"))
        .unwrap();
    let report = draft::check(
        &lib,
        &small_meta(),
        &small_draft(&["5-тармақтың 1) тармақшасы алып тасталсын."]),
    );
    let e: Vec<_> = report.with_code("target_node_absent").collect();
    assert_eq!(e.len(), 1, "{:#?}", report.problems);
    assert_eq!(e[0].severity, Severity::Error);
    assert_eq!(
        e[0].place.target_act.map(|t| t.to_string()).as_deref(),
        Some("V1400010273")
    );
    assert!(e[0].message.contains("earliest"), "{}", e[0].message);
}

#[test]
fn two_operations_on_one_node_on_one_day_are_reported() {
    let report = draft::check(
        &real_library(),
        &small_meta(),
        &small_draft(&[
            "4-тармақ мынадай редакцияда жазылсын:",
            "\"4. Бірінші.\";",
            "4-тармақ мынадай редакцияда жазылсын:",
            "\"4. Екінші.\".",
        ]),
    );
    let w: Vec<_> = report.with_code("same_node_twice").collect();
    assert_eq!(w.len(), 1, "{:#?}", report.problems);
    assert_eq!(w[0].place.line, Some(10));
}

#[test]
fn entry_into_force_missing_ambiguous_and_contradictory() {
    let lib = real_library();
    let text = small_draft(&[DELETE_6_2]);
    let missing = text.replace(
        "2. Осы бұйрық алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі.",
        "2. Осы бұйрықтың орындалуын бақылау вице-министрге жүктелсін.",
    );
    let r = draft::check(&lib, &small_meta(), &missing);
    assert_eq!(r.with_code("entry_into_force_missing").count(), 1, "{:#?}", r.problems);
    let twice = text.replace(
        "\n\nҚазақстан Республикасының Төтенше",
        "\n3. Осы бұйрық қол қойылған күнінен бастап қолданысқа енгізіледі.\n\nҚазақстан Республикасының Төтенше",
    );
    let r = draft::check(&lib, &small_meta(), &twice);
    let e: Vec<_> = r.with_code("entry_into_force_ambiguous").collect();
    assert_eq!(e.len(), 1, "{:#?}", r.problems);
    assert_eq!(
        (e[0].place.item.as_deref(), e[0].place.line),
        (Some("para_2"), Some(10))
    );
    let mut meta = small_meta();
    meta.entry_into_force = meta_429().entry_into_force;
    let r = draft::check(&lib, &meta, &text);
    assert_eq!(
        r.with_code("entry_into_force_contradicts_meta").count(),
        1,
        "{:#?}",
        r.problems
    );
}

#[test]
fn metadata_that_contradicts_the_requisites_line_is_an_error_on_its_line() {
    let mut meta = small_meta();
    meta.date = d("2026-03-03");
    meta.work_uri = nusqa::model::WorkUri::new(&meta.kind, meta.date, "77");
    let r = draft::check(&real_library(), &meta, &small_draft(&[DELETE_6_2]));
    let e: Vec<_> = r.with_code("date_mismatch").collect();
    assert_eq!(e.len(), 1, "{:#?}", r.problems);
    assert_eq!(e[0].place.line, Some(2));
    let mut meta = small_meta();
    meta.issuer.names.insert(
        nusqa::model::Lang::Kk,
        "Қазақстан Республикасы Денсаулық сақтау министрі".into(),
    );
    let r = draft::check(&real_library(), &meta, &small_draft(&[DELETE_6_2]));
    assert_eq!(r.with_code("issuer_mismatch").count(), 1, "{:#?}", r.problems);
    let mut meta = small_meta();
    meta.id = "V2500099001".parse().unwrap();
    let r = draft::check(&real_library(), &meta, &small_draft(&[DELETE_6_2]));
    assert_eq!(r.with_code("id_mismatch").count(), 1, "{:#?}", r.problems);
}

#[test]
fn the_report_serializes_with_a_stable_shape() {
    let r = draft::check(
        &real_library(),
        &small_meta(),
        &small_draft(&["6-тармақтың 9) тармақшасы алып тасталсын."]),
    );
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["errors"], 1);
    let p = &v["problems"][0];
    assert_eq!(p["severity"], "error");
    assert_eq!(p["code"], "unresolved_node");
    assert_eq!(p["place"]["line"], 8);
    assert_eq!(p["place"]["item"], "para_1");
    assert_eq!(p["place"]["abzats"], 3);
    assert!(p["place"].get("eid").is_none());
    assert!(v["prepared"]["act"]["id"] == "V2600099001");
    let known: Vec<&str> = draft::report::CODES.iter().map(|(c, _)| *c).collect();
    assert!(r.problems.iter().all(|p| known.contains(&p.code)));
}

#[test]
fn small_texts_give_errors_with_lines() {
    let lib = real_library();
    let meta = small_meta();
    let unclosed = small_draft(&[
        "4-тармақ мынадай редакцияда жазылсын:",
        "\"4. Жаңа мәтін;",
        "11-тармақ алып тасталсын.",
    ]);
    let r = draft::check(&lib, &meta, &unclosed);
    let e: Vec<_> = r.with_code("unclosed_quote").collect();
    assert_eq!(e.len(), 1, "{:#?}", r.problems);
    assert_eq!(e[0].place.line, Some(9));
    for (text, code, line) in [
        ("", "empty_text", None),
        ("\n \n", "empty_text", None),
        ("Тек тақырып туралы\n", "no_paragraphs", Some(1)),
        ("Тақырып\n\nБҰЙЫРАМЫН:\nмәтін\n", "no_paragraphs", Some(4)),
    ] {
        let r = draft::check(&lib, &meta, text);
        let e: Vec<_> = r.with_code(code).collect();
        assert_eq!(e.len(), 1, "{text:?}: {:#?}", r.problems);
        assert_eq!(e[0].place.line, line, "{text:?}");
        assert!(r.prepared.is_none());
    }
    let r = draft::check(&lib, &meta, &small_draft(&["6-тармақ бір нәрсе істелсін;"]));
    let e: Vec<_> = r.with_code("unrecognised_instruction").collect();
    assert_eq!((e.len(), e[0].place.line), (1, Some(8)), "{:#?}", r.problems);
    let r = draft::check(
        &lib,
        &meta,
        &small_draft(&[DELETE_6_2]).replace("№ 10273 болып", "№ 10999 болып"),
    );
    let e: Vec<_> = r.with_code("unresolved_target_act").collect();
    assert_eq!((e.len(), e[0].place.line), (1, Some(6)), "{:#?}", r.problems);
}

#[test]
fn the_preview_shows_each_target_on_each_date() {
    let lib = library_without_429();
    let report = draft::check(&lib, &meta_429(), &drafter_text(&tree_429()));
    let p = draft::preview(&lib, report.prepared.as_ref().unwrap());
    assert_eq!(p.targets.len(), 7);
    let attestation = p.targets.iter().find(|t| t.act.as_str() == "V2000020340").unwrap();
    // Item 3's abzats 3–11 take force on 2026-01-01; the rest 60 days after publication,
    // not yet known.
    let dates: Vec<(Option<chrono::NaiveDate>, nusqa::dates::DateStatus)> =
        attestation.dates.iter().map(|d| (d.date, d.status)).collect();
    assert_eq!(
        dates,
        [
            (Some(d("2026-01-01")), nusqa::dates::DateStatus::Scheduled),
            (None, nusqa::dates::DateStatus::Pending)
        ]
    );
    let fixed = &attestation.dates[0];
    assert_eq!(fixed.operations.len(), 1);
    assert!(fixed.diff.as_ref().is_some_and(|d| d.changes().count() > 0));
    assert!(!fixed.notes.is_empty());
    let pending = &attestation.dates[1];
    assert!(pending.simulated && pending.earliest.is_some());
    assert_eq!(pending.operations.len(), 2);
    let ops: usize = p
        .targets
        .iter()
        .flat_map(|t| &t.dates)
        .map(|d| d.operations.len())
        .sum();
    assert_eq!(ops, 40);
    assert!(
        p.services.as_ref().is_some_and(|s| !s.services.is_empty()),
        "{:?}",
        p.services_error
    );
    // The draft never enters the library it was previewed against.
    assert!(lib.act(&ORDER_429.parse().unwrap()).is_none());
}

#[test]
fn draft_check_and_preview_on_the_command_line() {
    let dir = corpus_copy();
    let without = corpus_copy();
    let corpus = without.path().to_path_buf();
    std::fs::remove_dir_all(corpus.join("acts/V25").join(ORDER_429)).unwrap();
    let files = tempfile::tempdir().unwrap();
    let meta = files.path().join("meta.json");
    std::fs::write(&meta, serde_json::to_string(&meta_429()).unwrap()).unwrap();
    let text = files.path().join("order.txt");
    std::fs::write(&text, drafter_text(&tree_429())).unwrap();
    let docx = files.path().join("order.docx");
    std::fs::write(&docx, docx_of(&drafter_text(&tree_429()))).unwrap();
    let args = |f: &Path| {
        vec![
            "draft".to_string(),
            "check".into(),
            "--meta".into(),
            meta.display().to_string(),
            "--text".into(),
            f.display().to_string(),
        ]
    };
    for f in [&text, &docx] {
        let a = args(f);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        let out = nusqa(&corpus, &a);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
        assert!(stdout.starts_with("V2500037008: 0 error(s)"), "{stdout}");
        assert!(stdout.contains("40 operation(s)"), "{stdout}");
    }
    // Against the real corpus it is already published: exit 1, the errors in JSON.
    let mut a = args(&text);
    a.push("--json".into());
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    let out = nusqa(dir.path(), &a);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["code"] == "id_already_published")
    );
    let out = nusqa(
        &corpus,
        &[
            "draft",
            "preview",
            "--meta",
            &meta.display().to_string(),
            "--text",
            &text.display().to_string(),
            "--json",
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["targets"].as_array().map(Vec::len), Some(7));
    // The corpus copy is untouched.
    assert!(!corpus.join("acts/V25").join(ORDER_429).exists());
}

/// The codes of errors that concern the whole draft, not a place in its text.
const PLACELESS: &[&str] = &[
    "empty_text",
    "text_too_large",
    "bad_docx",
    "id_already_published",
    "number_already_published",
    "id_mismatch",
    "work_uri_mismatch",
    "registration_before_adoption",
    "bad_event",
];

/// One generated malformed draft: its name, metadata and input bytes.
struct Bad {
    name: String,
    meta: Act,
    input: Vec<u8>,
    docx: bool,
}

fn malformed_drafts() -> Vec<Bad> {
    let mut rng = nusqa::synth::Rng::new(11);
    let good = small_draft(&[
        "4-тармақ мынадай редакцияда жазылсын:",
        "\"4. Жаңа мәтін бірінші жол.",
        "Екінші жол.\";",
        DELETE_6_2,
    ]);
    let good_429 = drafter_text(&tree_429());
    let mut out = Vec::new();
    for k in 0..10u64 {
        let n = rng.below(1_000_000);
        let mut push = |name: &str, meta: Act, input: Vec<u8>, docx: bool| {
            out.push(Bad {
                name: format!("{name} #{k}"),
                meta,
                input,
                docx,
            })
        };
        // A missing closing quote.
        push(
            "missing quote",
            small_meta(),
            good.replace("Екінші жол.\";", &format!("Екінші жол {n}.")).into_bytes(),
            false,
        );
        // An unknown target: a registration number the registry does not have.
        push(
            "unknown target",
            small_meta(),
            good.replace("№ 10273 болып", &format!("№ {} болып", 200_000 + n))
                .into_bytes(),
            false,
        );
        // An unparsable formula, in the small draft or in Order 429.
        let words = ["жазылсын", "тармақ", "мынадай", "өзгерту", "қосылсын", "алып"];
        let garbled = format!(
            "{}-тармақ {} {} {n};",
            1 + n % 30,
            words[rng.below(6)],
            words[rng.below(6)]
        );
        push(
            "unparsable formula",
            small_meta(),
            good.replace(DELETE_6_2, &garbled).into_bytes(),
            false,
        );
        let lines: Vec<&str> = good_429.lines().collect();
        let instr: Vec<usize> = (0..lines.len())
            .filter(|&i| lines[i].ends_with("алып тасталсын;") || lines[i].ends_with("жазылсын:"))
            .collect();
        let at = instr[rng.below(instr.len())];
        let mut mangled: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        mangled[at] = format!("{} {n} түзетілсін;", mangled[at].split(' ').next().unwrap_or(""));
        push(
            "unparsable formula in Order 429",
            meta_429(),
            mangled.join("\n").into_bytes(),
            false,
        );
        // Bad dates: the metadata's against the requisites line, or an impossible one.
        let mut meta = small_meta();
        meta.date = meta.date + chrono::Days::new(1 + n as u64 % 300);
        meta.work_uri = nusqa::model::WorkUri::new(&meta.kind, meta.date, "77");
        push("bad date", meta, good.clone().into_bytes(), false);
        let mut meta = small_meta();
        meta.registration = Some(nusqa::model::Registration {
            number: 99001,
            date: Some(d("2020-01-01") + chrono::Days::new(n as u64 % 2000)),
        });
        push("registration before adoption", meta, good.clone().into_bytes(), false);
        // Empty, or only a title.
        push("empty", small_meta(), " \n\t\n".repeat(k as usize).into_bytes(), false);
        push(
            "only a title",
            small_meta(),
            format!("Өзгерістер енгізу туралы {n}\n").into_bytes(),
            false,
        );
        // Binary garbage, or a broken docx.
        let garbage: Vec<u8> = (0..64 + n % 512).map(|_| (rng.next_u64() % 256) as u8).collect();
        push("binary garbage", small_meta(), garbage, false);
        let mut docx = docx_of(&good);
        if k % 2 == 0 {
            docx.truncate(docx.len() * (1 + k as usize) / 12);
            push("truncated docx", small_meta(), docx, true);
        } else {
            let xml = format!("<w:document><w:body><w:p><w:t>{n}</w:p></w:body>");
            let mut buf = std::io::Cursor::new(Vec::new());
            let mut zip = zip::ZipWriter::new(&mut buf);
            zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(xml.as_bytes()).unwrap();
            zip.finish().unwrap();
            push("malformed docx xml", small_meta(), buf.into_inner(), true);
        }
    }
    out
}

#[test]
fn a_hundred_malformed_drafts_report_errors_with_places_and_never_panic() {
    let lib = real_library();
    let drafts = malformed_drafts();
    assert_eq!(drafts.len(), 100);
    for bad in &drafts {
        let report = if bad.docx {
            draft::check_docx(&lib, &bad.meta, &bad.input)
        } else {
            draft::check_bytes(&lib, &bad.meta, &bad.input)
        };
        assert!(report.errors > 0, "{}: no error: {:#?}", bad.name, report.problems);
        assert!(!report.is_ok(), "{}", bad.name);
        for p in report.problems.iter().filter(|p| p.severity == Severity::Error) {
            let placed = p.place.line.is_some() || p.place.item.is_some();
            assert!(
                placed || PLACELESS.contains(&p.code) || p.code == "not_utf8" || p.code == "not_plain_text",
                "{}: error without a place: {p:#?}",
                bad.name
            );
            assert!(!p.message.is_empty(), "{}", bad.name);
        }
        serde_json::to_string(&report).unwrap();
    }
}

#[test]
fn a_fifty_megabyte_draft_is_refused_before_it_is_read() {
    let big = "а".repeat(50 << 20);
    let r = draft::check(&real_library(), &small_meta(), &big);
    assert_eq!(r.with_code("text_too_large").count(), 1);
    assert!(r.prepared.is_none());
}

#[test]
fn a_zip_bomb_is_stopped_at_the_cap() {
    // 80 MiB of zeros deflate to a few tens of KiB.
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("word/document.xml", opts).unwrap();
        let chunk = vec![b' '; 1 << 20];
        for _ in 0..80 {
            zip.write_all(&chunk).unwrap();
        }
        zip.finish().unwrap();
    }
    let bytes = buf.into_inner();
    assert!(bytes.len() < 1 << 20);
    assert!(matches!(
        draft::docx::text(&bytes),
        Err(draft::docx::DocxError::TooLarge { .. })
    ));
    let r = draft::check_docx(&real_library(), &small_meta(), &bytes);
    assert_eq!(r.with_code("bad_docx").count(), 1);
}

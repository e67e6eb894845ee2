//! The correction request for the restoration of Order No. 429
//! (`corpus/sources/order-429-corrections.json`, the shared correction format): every
//! change's `from` occurs exactly once on its line of the current `text.kk.md`, its
//! evidence quotes the OCR line it cites, and the corrected text, applied in memory,
//! still parses into the 40 operations, aimed at the same nodes.

use std::path::Path;

use nusqa::model::RegistryId;
use nusqa::{Library, corpus};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Request {
    reason: String,
    source: String,
    author: String,
    changes: Vec<Change>,
}

#[derive(Debug, Deserialize)]
struct Change {
    file: String,
    line: usize,
    from: String,
    to: String,
    evidence: String,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn request() -> Request {
    let text = std::fs::read_to_string(root().join("corpus/sources/order-429-corrections.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn current_text() -> String {
    std::fs::read_to_string(root().join("corpus/acts/V25/V2500037008/text.kk.md")).unwrap()
}

/// Applies the changes to `text` in memory, checking each `from` occurs exactly once.
fn apply(text: &str, changes: &[Change]) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    for c in changes {
        let line = lines
            .get_mut(c.line - 1)
            .unwrap_or_else(|| panic!("line {} is past the end", c.line));
        assert_eq!(
            line.matches(c.from.as_str()).count(),
            1,
            "line {}: \"{}\" must occur exactly once",
            c.line,
            c.from
        );
        *line = line.replacen(c.from.as_str(), &c.to, 1);
    }
    lines.join("\n")
}

#[test]
fn every_change_is_once_on_its_line_and_quotes_its_ocr_line() {
    let r = request();
    assert!(!r.reason.trim().is_empty() && !r.author.trim().is_empty());
    let ocr = std::fs::read_to_string(root().join(&r.source)).unwrap();
    let ocr: Vec<&str> = ocr.lines().collect();
    let text = current_text();
    let lines: Vec<&str> = text.split('\n').collect();
    // One change per occurrence: the 14 rows of the table, three of which name
    // two or three lines, less the one held back (line 279: the OCR's "TACHBIIIAYFa"
    // shows only the ending of the word; see the restoration notes).
    assert_eq!(r.changes.len(), 15);
    assert!(!r.changes.iter().any(|c| c.line == 279));
    for c in &r.changes {
        assert_eq!(c.file, "text.kk.md");
        assert_ne!(c.from, c.to);
        let line = lines.get(c.line - 1).unwrap();
        assert_eq!(line.matches(c.from.as_str()).count(), 1, "line {}: {}", c.line, c.from);
        // The evidence names an OCR line and quotes it as it stands in the source.
        let cited: usize = c
            .evidence
            .strip_prefix("OCR ")
            .and_then(|e| e.split([':', '-']).next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("line {}: evidence names no OCR line", c.line));
        let quoted = ocr.get(cited - 1).unwrap().trim();
        assert!(
            c.evidence.contains(quoted),
            "line {}: the evidence does not quote OCR line {cited} ({quoted})",
            c.line
        );
    }
}

#[test]
fn the_corrected_text_still_parses_into_forty_operations() {
    let loaded = corpus::load(&root().join("corpus")).unwrap();
    assert!(loaded.errors.is_empty());
    let lib: Library = loaded.library;
    let order: RegistryId = "V2500037008".parse().unwrap();
    let corrected = apply(&current_text(), &request().changes);
    assert_ne!(corrected, current_text());
    let tree = nusqa::clause_markdown::parse(&corrected).unwrap();
    let bases: Vec<_> = lib
        .acts()
        .filter(|a| a.id != order)
        .map(|a| (a, lib.base(&a.id).unwrap()))
        .collect();
    let targets: Vec<_> = bases.iter().map(|(a, b)| (*a, b.as_slice())).collect();
    let act = lib.act(&order).unwrap();
    let parsed = nusqa::parse::parse_amending_act(act, &tree, &targets).unwrap();
    assert_eq!(parsed.ops.len(), 40);
    // The same operations on the same nodes as the frozen ones; only wordings change.
    let frozen = lib.ops_by(&order);
    let places = |ops: &[nusqa::amend::Operation]| -> Vec<(String, Option<String>, &'static str)> {
        ops.iter()
            .map(|o| {
                (
                    o.target_act.to_string(),
                    o.target.as_ref().map(|t| t.to_string()),
                    o.change.kind_name(),
                )
            })
            .collect()
    };
    assert_eq!(places(&parsed.ops), places(frozen));
    // The corrected wordings reach the operations: Order 350's paragraph 6 reads "ұшу".
    let p6 = parsed
        .ops
        .iter()
        .find(|o| o.target.as_ref().is_some_and(|t| t.as_str() == "att_1__para_6"))
        .and_then(|o| o.change.content())
        .unwrap();
    let mut text = String::new();
    p6.walk(&mut |n| text.push_str(n.content.text().unwrap_or("")));
    assert!(text.contains("сынықтардың ұшу қашықтығы") && text.contains("оның шегіндегі"));
    assert!(!text.contains("[?]"));
}

/// The bundled corpus holds the correction: `corrections/0001/text.kk.md` is the
/// original with exactly these changes applied, the original stays as published, the
/// record names the request's reason and author, and the audit chain verifies.
#[test]
fn the_bundled_corpus_holds_the_correction_beside_the_original() {
    let dir = root().join("corpus/acts/V25/V2500037008");
    let r = request();
    let corrected = std::fs::read_to_string(dir.join("corrections/0001/text.kk.md")).unwrap();
    assert_eq!(corrected, apply(&current_text(), &r.changes));
    let record: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("corrections/0001/correction.json")).unwrap()).unwrap();
    assert_eq!(record["reason"], r.reason.as_str());
    assert_eq!(record["author"], r.author.as_str());
    let original_ops = std::fs::read_to_string(dir.join("ops.json")).unwrap();
    let corrected_ops = std::fs::read_to_string(dir.join("corrections/0001/ops.json")).unwrap();
    assert_ne!(original_ops, corrected_ops);
    let opts = corpus::LoadOptions::default();
    let verified = corpus::audit_log::verify(&root().join("corpus"), &opts).unwrap();
    assert!(verified.is_ok(), "{verified:?}");
    // The library reads the corrected operations: paragraph 6 of Order 350 holds no [?].
    let lib = corpus::load(&root().join("corpus")).unwrap().library;
    let order: RegistryId = "V2500037008".parse().unwrap();
    assert_eq!(lib.corrections(&order).len(), 1);
    let p6 = lib
        .ops_by(&order)
        .iter()
        .find(|o| o.target.as_ref().is_some_and(|t| t.as_str() == "att_1__para_6"))
        .and_then(|o| o.change.content())
        .unwrap();
    let mut text = String::new();
    p6.walk(&mut |n| text.push_str(n.content.text().unwrap_or("")));
    assert!(text.contains("сынықтардың ұшу қашықтығы"), "{text}");
}

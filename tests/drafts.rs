//! Drafts: Order No. 429 as a ministry drafter has it (plain text, .docx) read back into
//! the corpus's operations; the check report's problems and places; the preview; and
//! generated malformed drafts, none of which panics.

use std::io::Write;
use std::path::{Path, PathBuf};

use nusqa::Library;
use nusqa::amend::Operation;
use nusqa::draft::{self, CheckReport, Severity, order_text};
use nusqa::model::{Act, EventKind, Node, NodeKind};

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

/// One abzats per line; an abzats that holds a table's rows (`| … | |---| | … |`) as
/// one line per row, as a drafter has a table.
fn abzats_lines(text: &str, out: &mut Vec<String>) {
    for a in text.split('\n').filter(|a| !a.is_empty()) {
        if a.starts_with('|') {
            out.extend(a.replace("| |", "|\n|").split('\n').map(str::to_string));
        } else {
            out.push(a.to_string());
        }
    }
}

fn row_line(row: &Node) -> String {
    let cells: Vec<String> = row
        .children
        .iter()
        .map(|c| c.content.text().unwrap_or("").replace('\n', "<br>"))
        .collect();
    format!("| {} |", cells.join(" | "))
}

/// A clause tree written as a drafter's plain text: heading markers gone, numbers as
/// labels (`1.`, `1)`), one abzats a line, a blank line between paragraphs.
fn drafter_text(tree: &[Node]) -> String {
    fn node(n: &Node, out: &mut Vec<String>) {
        let mut lines = Vec::new();
        abzats_lines(n.content.text().unwrap_or(""), &mut lines);
        let label = match n.eid.kind() {
            NodeKind::Paragraph => n.num.as_ref().map(|x| format!("{x}. ")),
            NodeKind::Subparagraph => n.num.as_ref().map(|x| format!("{x}) ")),
            _ => None,
        };
        if let (Some(l), Some(first)) = (label, lines.first_mut()) {
            *first = format!("{l}{first}");
        }
        if n.eid.kind() == NodeKind::Table {
            lines.extend(n.children.iter().map(row_line));
        }
        if !lines.is_empty() {
            out.push(String::new());
        }
        out.extend(lines);
        for c in &n.children {
            if n.eid.kind() != NodeKind::Table {
                node(c, out);
            }
        }
    }
    let mut out = Vec::new();
    for n in tree {
        node(n, &mut out);
    }
    out.join("\n").trim_start().to_string() + "\n"
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

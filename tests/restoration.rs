//! Holds the restored text of Order No. 429 against its OCR source: every number (dates,
//! registration numbers, item and subparagraph labels, amounts) must appear in the same
//! order in both. Where the OCR garbled a number, the reading is listed, with its reason,
//! in `corpus/sources/order-429-number-readings.json`; any other difference (a dropped or
//! invented number, hence a dropped or invented sentence carrying one) fails the test.

use std::path::Path;

use serde::Deserialize;
use similar::{Algorithm, DiffOp, capture_diff_slices};

/// Standalone numbers: digit runs not glued to a letter (OCR look-alikes such as the "3"
/// in "KayinCi3aiK" are letters, not numbers).
fn numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let before = start.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i).copied();
            if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
                out.push(chars[start..i].iter().collect());
            }
        } else {
            i += 1;
        }
    }
    out
}

/// The restoration as a reader sees it: the registry's editorial note after the title
/// block (where the source has it), and the number labels held in `[num]` put back.
fn restoration(root: &Path) -> String {
    let dir = root.join("acts/V25/V2500037008");
    let act: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("act.json")).unwrap()).unwrap();
    let notes: Vec<&str> = act["editorial_notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let text = std::fs::read_to_string(dir.join("text.kk.md")).unwrap();
    let mut out = String::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix('#') {
            let rest = rest.trim_start_matches('#').trim();
            let mut parts = rest.splitn(2, ' ');
            let eid = parts.next().unwrap_or("");
            if eid == "preamble" {
                out.push_str(&notes.join("\n"));
                out.push('\n');
            }
            let kind = eid.rsplit("__").next().unwrap_or("").split('_').next().unwrap_or("");
            if let Some(num) = parts
                .next()
                .and_then(|r| r.strip_prefix('['))
                .and_then(|r| r.split(']').next())
            {
                match kind {
                    "para" => out.push_str(&format!("{num}. ")),
                    "subpara" => out.push_str(&format!("{num}) ")),
                    _ => {}
                }
            }
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[derive(Debug, Deserialize, PartialEq)]
struct Reading {
    ocr: Vec<String>,
    restored: Vec<String>,
    why: String,
}

#[test]
fn numbers_and_labels_appear_in_the_same_order() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let source = numbers(&std::fs::read_to_string(root.join("sources/order-429-kk-ocr.txt")).unwrap());
    let restored = numbers(&restoration(&root));
    let readings: Vec<Reading> =
        serde_json::from_str(&std::fs::read_to_string(root.join("sources/order-429-number-readings.json")).unwrap())
            .unwrap();
    let mut hunks = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &source, &restored) {
        let (o, n) = match op {
            DiffOp::Equal { .. } => continue,
            DiffOp::Delete { old_index, old_len, .. } => (old_index..old_index + old_len, 0..0),
            DiffOp::Insert { new_index, new_len, .. } => (0..0, new_index..new_index + new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (old_index..old_index + old_len, new_index..new_index + new_len),
        };
        hunks.push((source[o].to_vec(), restored[n].to_vec()));
    }
    let listed: Vec<(Vec<String>, Vec<String>)> =
        readings.iter().map(|r| (r.ocr.clone(), r.restored.clone())).collect();
    assert_eq!(
        hunks, listed,
        "every difference between the OCR's numbers and the restoration's must be a listed reading"
    );
    assert!(
        readings.iter().all(|r| !r.why.trim().is_empty()),
        "every reading needs its reason"
    );
    assert!(restored.len() > 250, "the restoration lost its numbers");
}

#[test]
fn number_extraction_ignores_look_alikes() {
    assert_eq!(
        numbers("KayinCi3aiK 2025 xbutrbl 30 Ne 429, 1) 18-1-tapmak"),
        vec!["2025", "30", "429", "1", "18", "1"]
    );
}

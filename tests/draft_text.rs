//! Test fixtures for drafts: a clause tree written as a drafter's plain text, and that
//! text as a .docx, the forms ministry staff hand in.

use std::io::Write;

use nusqa::model::{Node, NodeKind};

/// Order 429's text as its drafter had it: plain text made from the corpus's tree.
pub fn order_429_plain() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/acts/V25/V2500037008/text.kk.md");
    let tree = nusqa::clause_markdown::parse(&std::fs::read_to_string(path).unwrap()).unwrap();
    drafter_text(&tree)
}

/// One abzats per line; an abzats that holds a table's rows (`| … | |---| | … |`) as
/// one line per row, as a drafter has a table.
pub fn abzats_lines(text: &str, out: &mut Vec<String>) {
    for a in text.split('\n').filter(|a| !a.is_empty()) {
        if a.starts_with('|') {
            out.extend(a.replace("| |", "|\n|").split('\n').map(str::to_string));
        } else {
            out.push(a.to_string());
        }
    }
}

pub fn row_line(row: &Node) -> String {
    let cells: Vec<String> = row
        .children
        .iter()
        .map(|c| c.content.text().unwrap_or("").replace('\n', "<br>"))
        .collect();
    format!("| {} |", cells.join(" | "))
}

/// A clause tree written as a drafter's plain text: heading markers gone, numbers as
/// labels (`1.`, `1)`), one abzats a line, a blank line between paragraphs.
pub fn drafter_text(tree: &[Node]) -> String {
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

pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

pub fn docx_paragraph(line: &str) -> String {
    let runs: Vec<String> = line
        .split('\t')
        .map(|part| format!(r#"<w:t xml:space="preserve">{}</w:t>"#, esc(part)))
        .collect();
    format!("<w:p><w:r>{}</w:r></w:p>", runs.join("<w:tab/>"))
}

/// A .docx (word/document.xml in a zip) holding `text`: a paragraph per line, runs of
/// pipe-table lines as a table (a `|---|` line marks the row before it a header), a
/// cell's `<br>` as separate paragraphs.
pub fn docx_of(text: &str) -> Vec<u8> {
    let mut body = String::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if !line.starts_with('|') {
            body.push_str(&docx_paragraph(line));
            i += 1;
            continue;
        }
        body.push_str("<w:tbl>");
        while i < lines.len() && lines[i].starts_with('|') {
            let row = lines[i];
            let header = lines.get(i + 1).is_some_and(|n| n.starts_with("|-"));
            body.push_str("<w:tr>");
            if header {
                body.push_str("<w:trPr><w:tblHeader/></w:trPr>");
            }
            for cell in nusqa::clause_markdown::table_cells(row) {
                body.push_str("<w:tc>");
                for p in cell.split('\n') {
                    body.push_str(&docx_paragraph(p));
                }
                body.push_str("</w:tc>");
            }
            body.push_str("</w:tr>");
            i += if header { 2 } else { 1 };
        }
        body.push_str("</w:tbl>");
    }
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("[Content_Types].xml", opts).unwrap();
        zip.write_all(
            br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#,
        )
        .unwrap();
        zip.start_file("word/document.xml", opts).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
        zip.finish().unwrap();
    }
    buf.into_inner()
}

//! Test fixtures for drafts: a clause tree written as a drafter's plain text, and that
//! text as a .docx, the forms ministry staff hand in.

use std::io::Write;

pub use nusqa::fixtures::drafter_text;

/// Order 429's text as its drafter had it ([`nusqa::fixtures::order_429_plain`]).
pub fn order_429_plain() -> String {
    nusqa::fixtures::order_429_plain(&crate::support::bundled_corpus()).unwrap()
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

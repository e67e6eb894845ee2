//! Reading the text of a `.docx` file: `word/document.xml` from the zip, paragraphs to
//! lines, tables to pipe rows; then [`super::order_text::read`] reads the order.
//!
//! * `w:p` is a line; `w:t` its text; `w:tab` a tab (the signature's post and name are
//!   often tab-separated); `w:br` and `w:cr` end a line. Deleted text (`w:delText`),
//!   field codes and drawings are not text and are skipped.
//! * `w:tbl` gives one pipe row per `w:tr` (`| cell | cell |`), a cell's paragraphs
//!   joined by `<br>` as in clause Markdown; a header row (`w:tblHeader`) is followed by
//!   a `|---|` line. A table inside a cell is flattened into the cell.
//!
//! The archive is untrusted: at most [`MAX_ENTRIES`] entries, `word/document.xml` read
//! to at most [`MAX_UNCOMPRESSED`] bytes whatever its header claims (a zip bomb stops
//! there), and the sum of the sizes the entries declare no larger either. Malformed XML
//! is an error with its byte position, never a panic.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// The most entries an archive may have.
pub const MAX_ENTRIES: usize = 10_000;
/// The most bytes `word/document.xml` may decompress to, and the most all entries may
/// declare together.
pub const MAX_UNCOMPRESSED: u64 = 64 << 20;

/// Why a `.docx` file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocxError {
    /// Not a zip archive, or a broken one.
    #[error("not a .docx file (not a readable zip archive): {0}")]
    Zip(String),
    /// Too many entries.
    #[error("the archive has {entries} entries, more than the {max} a .docx may have")]
    TooManyEntries {
        /// Its entries.
        entries: usize,
        /// The limit.
        max: usize,
    },
    /// Decompresses to too much.
    #[error("the archive decompresses to more than {max} bytes (a zip bomb?)")]
    TooLarge {
        /// The limit.
        max: u64,
    },
    /// No `word/document.xml`.
    #[error("the archive has no word/document.xml: not a Word document")]
    NoDocument,
    /// `word/document.xml` is not UTF-8.
    #[error("word/document.xml is not UTF-8 (byte {0})")]
    NotUtf8(usize),
    /// Malformed XML.
    #[error("word/document.xml is malformed at byte {position}: {message}")]
    Xml {
        /// The byte offset in `word/document.xml`.
        position: u64,
        /// What is wrong.
        message: String,
    },
}

/// The text of the `.docx` file `bytes`, one line per paragraph.
pub fn text(bytes: &[u8]) -> Result<String, DocxError> {
    let xml = document_xml(bytes)?;
    let xml = String::from_utf8(xml).map_err(|e| DocxError::NotUtf8(e.utf8_error().valid_up_to()))?;
    lines(&xml)
}

/// The bytes of `word/document.xml`, within the limits.
fn document_xml(bytes: &[u8]) -> Result<Vec<u8>, DocxError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| DocxError::Zip(e.to_string()))?;
    if zip.len() > MAX_ENTRIES {
        return Err(DocxError::TooManyEntries {
            entries: zip.len(),
            max: MAX_ENTRIES,
        });
    }
    let declared: u128 = zip.decompressed_size().unwrap_or(0);
    if declared > u128::from(MAX_UNCOMPRESSED) {
        return Err(DocxError::TooLarge { max: MAX_UNCOMPRESSED });
    }
    let file = match zip.by_name("word/document.xml") {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Err(DocxError::NoDocument),
        Err(e) => return Err(DocxError::Zip(e.to_string())),
    };
    let mut out = Vec::new();
    file.take(MAX_UNCOMPRESSED + 1)
        .read_to_end(&mut out)
        .map_err(|e| DocxError::Zip(e.to_string()))?;
    if out.len() as u64 > MAX_UNCOMPRESSED {
        return Err(DocxError::TooLarge { max: MAX_UNCOMPRESSED });
    }
    Ok(out)
}

/// A table being read: its rows, the current row's cells and the current cell's
/// paragraphs.
#[derive(Default)]
struct Table {
    rows: Vec<String>,
    cells: Vec<String>,
    paras: Vec<String>,
    header: bool,
}

#[derive(Default)]
struct State {
    out: Vec<String>,
    /// The paragraph being read.
    para: String,
    /// Inside `w:t`.
    in_text: bool,
    /// Tables being read, innermost last.
    tables: Vec<Table>,
}

impl State {
    /// Ends the current line: a paragraph of the body, or of a cell.
    fn end_line(&mut self) {
        let line = std::mem::take(&mut self.para);
        match self.tables.last_mut() {
            Some(t) => t.paras.push(line.trim().to_string()),
            None => self.out.push(line),
        }
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        match e.name().as_ref() {
            "w:t" if !empty => self.in_text = true,
            "w:tab" => self.para.push('\t'),
            "w:br" | "w:cr" => self.end_line(),
            "w:tbl" if !empty => self.tables.push(Table::default()),
            "w:tblHeader" => {
                if let Some(t) = self.tables.last_mut() {
                    t.header = true;
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "w:t" => self.in_text = false,
            "w:p" => self.end_line(),
            "w:tc" => {
                if let Some(t) = self.tables.last_mut() {
                    let cell: Vec<String> = std::mem::take(&mut t.paras)
                        .into_iter()
                        .filter(|p| !p.is_empty())
                        .collect();
                    t.cells.push(cell.join("<br>").replace('|', "/"));
                }
            }
            "w:tr" => {
                if let Some(t) = self.tables.last_mut() {
                    let cells = std::mem::take(&mut t.cells);
                    t.rows.push(format!("| {} |", cells.join(" | ")));
                    if std::mem::take(&mut t.header) {
                        t.rows.push(format!("|{}", "---|".repeat(cells.len().max(1))));
                    }
                }
            }
            "w:tbl" => {
                if let Some(t) = self.tables.pop() {
                    match self.tables.last_mut() {
                        // A table in a cell: its rows are paragraphs of the cell.
                        Some(outer) => outer.paras.extend(t.rows),
                        None => self.out.extend(t.rows),
                    }
                }
            }
            _ => {}
        }
    }
}

/// The lines of `word/document.xml`.
fn lines(xml: &str) -> Result<String, DocxError> {
    let mut reader = Reader::from_str(xml);
    let mut st = State::default();
    loop {
        let ev = reader.read_event().map_err(|e| DocxError::Xml {
            position: reader.error_position(),
            message: e.to_string(),
        })?;
        match ev {
            Event::Start(e) => st.start(&e, false),
            Event::Empty(e) => st.start(&e, true),
            Event::End(e) => st.end(e.name().as_ref()),
            Event::Text(t) if st.in_text => st.para.push_str(&t.xml10_content()),
            Event::CData(t) if st.in_text => st.para.push_str(t.as_ref()),
            Event::GeneralRef(r) if st.in_text => {
                let c = crate::akn::read::entity(&r).map_err(|message| DocxError::Xml {
                    position: reader.buffer_position(),
                    message,
                })?;
                st.para.push(c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !st.tables.is_empty() {
        return Err(DocxError::Xml {
            position: reader.buffer_position(),
            message: "a table is not closed".into(),
        });
    }
    Ok(st.out.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_tabs_breaks_and_tables() {
        let xml = r#"<?xml version="1.0"?><w:document xmlns:w="x"><w:body>
<w:p><w:r><w:t>Бір</w:t></w:r><w:r><w:t xml:space="preserve"> &amp; екі</w:t></w:r></w:p>
<w:p><w:r><w:t>Министр</w:t><w:tab/><w:t>А. Б</w:t><w:br/><w:t>келесі</w:t></w:r></w:p>
<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p><w:r><w:t>№</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>а</w:t></w:r></w:p><w:p><w:r><w:t>б</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:delText>жоқ</w:delText><w:t>в</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>"#;
        assert_eq!(
            lines(xml).unwrap(),
            "Бір & екі\nМинистр\tА. Б\nкелесі\n| № | а<br>б |\n|---|---|\n| 1 | в |"
        );
    }

    #[test]
    fn malformed_xml_is_an_error() {
        assert!(matches!(lines("<w:p><w:t>а</w:p>"), Err(DocxError::Xml { .. })));
        assert!(matches!(lines("<w:tbl><w:tr>"), Err(DocxError::Xml { .. })));
        assert!(matches!(lines("<w:t>&bogus;</w:t>"), Err(DocxError::Xml { .. })));
        assert!(matches!(text(b"PK\x03\x04garbage"), Err(DocxError::Zip(_))));
        assert!(matches!(text(b""), Err(DocxError::Zip(_))));
    }
}

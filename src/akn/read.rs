//! Reading an XML document into the element tree of [`super::xml`], for the importer.
//! Names lose their namespace prefix (Akoma Ntoso documents use the AKN namespace as
//! their default or as `akn:`); attributes keep theirs (`xml:lang`). Whitespace-only
//! text that holds a line break is indentation and is dropped; any other text is kept
//! as it is. Errors name the line.

use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesRef, BytesStart, Event};

use super::xml::{El, XNode};

/// Why a document could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ReadError {
    /// The line (from 1) where reading stopped.
    pub line: usize,
    /// What went wrong.
    pub message: String,
}

fn line_at(xml: &str, pos: u64) -> usize {
    let pos = usize::try_from(pos).unwrap_or(usize::MAX).min(xml.len());
    xml.as_bytes()[..pos].iter().filter(|b| **b == b'\n').count() + 1
}

fn element(e: &BytesStart<'_>, xml: &str, pos: u64) -> Result<El, ReadError> {
    let name = e.local_name();
    let mut el = El::new(name.as_ref());
    for a in e.attributes() {
        let a = a.map_err(|err| ReadError {
            line: line_at(xml, pos),
            message: err.to_string(),
        })?;
        let key = a.key.as_ref().to_string();
        if key == "xmlns" || key.starts_with("xmlns:") {
            continue;
        }
        let value = a.normalized_value(XmlVersion::Implicit1_0).map_err(|err| ReadError {
            line: line_at(xml, pos),
            message: err.to_string(),
        })?;
        el.attrs.push((key, value.into_owned()));
    }
    Ok(el)
}

fn push_text(stack: &mut [El], text: &str) {
    if text.is_empty() || (text.trim().is_empty() && text.contains('\n')) {
        return;
    }
    if let Some(top) = stack.last_mut() {
        match top.children.last_mut() {
            Some(XNode::Text(t)) => t.push_str(text),
            _ => top.children.push(XNode::Text(text.to_string())),
        }
    }
}

/// The character an entity reference stands for: a character reference (`&#1179;`) or
/// one of XML's five predefined entities; any other is an error naming it. (A document
/// with a DTD of its own is not read: nusqa's inputs have none.)
pub fn entity(r: &BytesRef<'_>) -> Result<char, String> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => Ok(c),
        Ok(None) => match r.xml10_content().as_ref() {
            "lt" => Ok('<'),
            "gt" => Ok('>'),
            "amp" => Ok('&'),
            "apos" => Ok('\''),
            "quot" => Ok('"'),
            other => Err(format!("unknown entity &{other};")),
        },
        Err(e) => Err(e.to_string()),
    }
}

/// The root element of `xml`.
pub fn parse(xml: &str) -> Result<El, ReadError> {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<El> = Vec::new();
    let mut root: Option<El> = None;
    let fail = |reader: &Reader<&[u8]>, message: String| ReadError {
        line: line_at(xml, reader.buffer_position()),
        message,
    };
    loop {
        let pos = reader.buffer_position();
        let ev = reader.read_event().map_err(|e| ReadError {
            line: line_at(xml, reader.error_position()),
            message: e.to_string(),
        })?;
        match ev {
            Event::Start(e) => stack.push(element(&e, xml, pos)?),
            Event::Empty(e) => {
                let el = element(&e, xml, pos)?;
                match stack.last_mut() {
                    Some(top) => top.push(el),
                    None if root.is_none() => root = Some(el),
                    None => return Err(fail(&reader, "a second root element".into())),
                }
            }
            Event::End(_) => {
                let Some(el) = stack.pop() else {
                    return Err(fail(&reader, "an end tag without its start".into()));
                };
                match stack.last_mut() {
                    Some(top) => top.push(el),
                    None if root.is_none() => root = Some(el),
                    None => return Err(fail(&reader, "a second root element".into())),
                }
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content()),
            Event::CData(t) => push_text(&mut stack, &t.xml10_content()),
            Event::GeneralRef(r) => {
                let c = entity(&r).map_err(|m| fail(&reader, m))?;
                push_text(&mut stack, c.encode_utf8(&mut [0; 4]));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(fail(&reader, format!("<{}> is not closed", open.name)));
    }
    root.ok_or_else(|| fail(&reader, "no root element".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_the_writer_writes() {
        let el = El::new("p")
            .attr("eId", "p_1")
            .text("a < b & \"c\"")
            .child(El::new("eol"))
            .child(El::new("remark").text("[?]"));
        let mut s = String::new();
        el.write(&mut s);
        assert_eq!(parse(&s).unwrap(), el);
    }

    #[test]
    fn prefixes_and_indentation_go_and_errors_name_the_line() {
        let el = parse("<akn:act xmlns:akn=\"x\">\n  <akn:p xml:lang=\"ru\">один два</akn:p>\n</akn:act>").unwrap();
        assert_eq!(el.name, "act");
        let p = el.first("p").unwrap();
        assert_eq!(p.get("xml:lang"), Some("ru"));
        assert_eq!(p.all_text(), "один два");
        assert_eq!(el.children.len(), 1);
        assert_eq!(parse("<a>\n<b>\n</a>").unwrap_err().line, 3);
        assert!(parse("").is_err());
        assert!(parse("<a>&nope;</a>").unwrap_err().message.contains("nope"));
    }
}

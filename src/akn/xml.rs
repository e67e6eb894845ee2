//! A small XML element tree: what the exporter builds, the eId pass rewrites and the
//! importer reads. Text is escaped on output through [`crate::markup::escape_xml`],
//! which drops the characters XML forbids.

use std::fmt::Write;

use crate::markup::escape_xml;

/// A child of an element: an element or a run of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XNode {
    /// An element.
    El(El),
    /// Text (unescaped).
    Text(String),
}

/// An element: its local name, attributes in order, children, and the nusqa eId of the
/// clause it renders, if any (not serialised: the eId pass turns it into `eId`/`wId`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct El {
    /// The local name (the AKN namespace is the document's default).
    pub name: String,
    /// Attributes, in output order.
    pub attrs: Vec<(String, String)>,
    /// Children, in order.
    pub children: Vec<XNode>,
    /// nusqa's internal eId of the clause this element renders.
    pub internal: Option<String>,
}

impl El {
    /// An empty element.
    pub fn new(name: &str) -> El {
        El {
            name: name.to_string(),
            ..El::default()
        }
    }

    /// With an attribute (replacing one of the same name).
    pub fn attr(mut self, key: &str, value: impl Into<String>) -> El {
        self.set(key, value);
        self
    }

    /// Sets an attribute (replacing one of the same name).
    pub fn set(&mut self, key: &str, value: impl Into<String>) {
        let value = value.into();
        match self.attrs.iter_mut().find(|(k, _)| k == key) {
            Some(a) => a.1 = value,
            None => self.attrs.push((key.to_string(), value)),
        }
    }

    /// The value of an attribute.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// With a child element.
    pub fn child(mut self, el: El) -> El {
        self.children.push(XNode::El(el));
        self
    }

    /// With a text child.
    pub fn text(mut self, s: impl Into<String>) -> El {
        self.children.push(XNode::Text(s.into()));
        self
    }

    /// Appends a child element.
    pub fn push(&mut self, el: El) {
        self.children.push(XNode::El(el));
    }

    /// The element children.
    pub fn elements(&self) -> impl Iterator<Item = &El> {
        self.children.iter().filter_map(|c| match c {
            XNode::El(e) => Some(e),
            XNode::Text(_) => None,
        })
    }

    /// The element children, mutably.
    pub fn elements_mut(&mut self) -> impl Iterator<Item = &mut El> {
        self.children.iter_mut().filter_map(|c| match c {
            XNode::El(e) => Some(e),
            XNode::Text(_) => None,
        })
    }

    /// The first child element named `name`.
    pub fn first(&self, name: &str) -> Option<&El> {
        self.elements().find(|e| e.name == name)
    }

    /// The text directly inside the element, before its first child element (what
    /// lxml calls `.text`).
    pub fn leading_text(&self) -> String {
        let mut s = String::new();
        for c in &self.children {
            match c {
                XNode::Text(t) => s.push_str(t),
                XNode::El(_) => break,
            }
        }
        s
    }

    /// All the text inside the element, in document order.
    pub fn all_text(&self) -> String {
        let mut s = String::new();
        self.collect_text(&mut s);
        s
    }

    fn collect_text(&self, s: &mut String) {
        for c in &self.children {
            match c {
                XNode::Text(t) => s.push_str(t),
                XNode::El(e) => e.collect_text(s),
            }
        }
    }

    /// Serialises the element.
    pub fn write(&self, out: &mut String) {
        let _ = write!(out, "<{}", self.name);
        for (k, v) in &self.attrs {
            let _ = write!(out, " {k}=\"{}\"", escape_xml(v));
        }
        if self.children.is_empty() {
            out.push_str("/>");
            return;
        }
        out.push('>');
        for c in &self.children {
            match c {
                XNode::El(e) => e.write(out),
                XNode::Text(t) => out.push_str(&escape_xml(t)),
            }
        }
        let _ = write!(out, "</{}>", self.name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_escaped_and_self_closing() {
        let el = El::new("p").attr("eId", "a&b").text("x<\u{1}y").child(El::new("eol"));
        let mut s = String::new();
        el.write(&mut s);
        assert_eq!(s, "<p eId=\"a&amp;b\">x&lt;y<eol/></p>");
        assert_eq!(el.leading_text(), "x<\u{1}y");
    }
}

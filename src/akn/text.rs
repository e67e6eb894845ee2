//! A clause's text as Akoma Ntoso blocks: one `<p>` per abzats, pipe-table lines as a
//! real `<table>` (`tr`, `th`/`td`, one `<p>` per line of a cell), a `<br>` inside a
//! line as `<eol/>`, and the restorer's `[?]` (a word the scan does not show) as an
//! editorial `<remark>` on a `<p status="incomplete">`. Characters XML forbids are
//! dropped on output ([`super::xml`]). [`lines_of`] reads the blocks back.

use super::xml::{El, XNode};

/// The marker the restoration uses for an illegible word.
pub const ILLEGIBLE: &str = "[?]";

fn is_table_line(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 2 && t.starts_with('|') && t.ends_with('|')
}

fn is_separator(line: &str) -> bool {
    let cells = cells(line);
    !cells.is_empty()
        && cells
            .iter()
            .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
}

fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.split('|').map(|c| c.trim().to_string()).collect()
}

/// The inline content of one line: text, `<eol/>` for `<br>`, `<remark>` for `[?]`.
fn inline(line: &str) -> Vec<XNode> {
    let mut out = Vec::new();
    for (i, piece) in line.split("<br>").enumerate() {
        if i > 0 {
            out.push(XNode::El(El::new("eol")));
        }
        for (j, part) in piece.split(ILLEGIBLE).enumerate() {
            if j > 0 {
                out.push(XNode::El(El::new("remark").attr("status", "editorial").text(ILLEGIBLE)));
            }
            if !part.is_empty() {
                out.push(XNode::Text(part.to_string()));
            }
        }
    }
    out
}

/// A `<p>` holding one line.
pub fn para(line: &str) -> El {
    let mut p = El::new("p");
    if line.contains(ILLEGIBLE) {
        p.set("status", "incomplete");
    }
    p.children = inline(line);
    p
}

/// One line of a cell or a clause: an empty `<p/>` for an empty line.
fn cell(tag: &str, text: &str) -> El {
    let mut c = El::new(tag);
    for l in text.split("<br>") {
        c.push(para(l));
    }
    c
}

fn table(lines: &[&str]) -> El {
    let mut t = El::new("table");
    for (i, line) in lines.iter().enumerate() {
        if is_separator(line) {
            continue;
        }
        let header = lines.get(i + 1).is_some_and(|n| is_separator(n));
        let mut tr = El::new("tr");
        for c in cells(line) {
            tr.push(cell(if header { "th" } else { "td" }, &c));
        }
        t.push(tr);
    }
    t
}

/// The blocks of a text: `<p>`s and `<table>`s, in order. An empty text gives none.
pub fn blocks(text: &str) -> Vec<El> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if is_table_line(lines[i]) {
            let start = i;
            while i < lines.len() && is_table_line(lines[i]) {
                i += 1;
            }
            // A lone separator line is no table.
            if lines[start..i].iter().all(|l| is_separator(l)) {
                out.extend(lines[start..i].iter().map(|l| para(l)));
            } else {
                out.push(table(&lines[start..i]));
            }
        } else {
            out.push(para(lines[i]));
            i += 1;
        }
    }
    if text.is_empty() {
        out.clear();
    }
    out
}

/// The text of one `<p>` (or cell paragraph): `<eol/>` is `<br>`, a remark its text.
pub fn line_of(p: &El) -> String {
    let mut s = String::new();
    for c in &p.children {
        match c {
            XNode::Text(t) => s.push_str(t),
            XNode::El(e) if e.name == "eol" => s.push_str("<br>"),
            XNode::El(e) => s.push_str(&line_of(e)),
        }
    }
    s
}

fn row_line(tr: &El) -> (String, bool) {
    let mut header = false;
    let cells: Vec<String> = tr
        .elements()
        .map(|c| {
            header |= c.name == "th";
            c.elements().map(line_of).collect::<Vec<_>>().join("<br>")
        })
        .collect();
    let mut s = String::from("|");
    for c in &cells {
        s.push(' ');
        s.push_str(c);
        s.push_str(" |");
    }
    (s, header)
}

/// The lines a sequence of blocks reads back to: the inverse of [`blocks`].
pub fn lines_of<'a>(blocks: impl IntoIterator<Item = &'a El>) -> Vec<String> {
    let mut out = Vec::new();
    for b in blocks {
        match b.name.as_str() {
            "table" => {
                for tr in b.elements() {
                    let (line, header) = row_line(tr);
                    let n = tr.elements().count();
                    out.push(line);
                    if header {
                        out.push(format!("|{}", "---|".repeat(n)));
                    }
                }
            }
            _ => out.push(line_of(b)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xml(els: &[El]) -> String {
        let mut s = String::new();
        for e in els {
            e.write(&mut s);
        }
        s
    }

    #[test]
    fn pipe_rows_are_a_table_and_read_back() {
        let text = "реттік нөмірі 1-жол мынадай редакцияда жазылсын:\n| 1 | a<br>b | c [?] d |";
        let b = blocks(text);
        assert_eq!(
            xml(&b),
            "<p>реттік нөмірі 1-жол мынадай редакцияда жазылсын:</p><table><tr><td><p>1</p></td>\
<td><p>a</p><p>b</p></td><td><p status=\"incomplete\">c <remark status=\"editorial\">[?]</remark> d</p></td></tr></table>"
        );
        assert!(!xml(&b).contains('|'));
        assert_eq!(lines_of(&b).join("\n"), text);
    }

    #[test]
    fn header_rows_and_breaks_round_trip() {
        let text = "| № | Атауы |\n|---|---|\n| 1 | x |\nбір<br>екі";
        let b = blocks(text);
        assert!(xml(&b).contains("<th><p>№</p></th>"));
        assert!(xml(&b).contains("<p>бір<eol/>екі</p>"));
        assert_eq!(lines_of(&b).join("\n"), text);
    }
}

//! A clause's text as Akoma Ntoso blocks: one `<p>` per abzats, pipe-table lines as a
//! real `<table>` (`tr`, `th`/`td`, one `<p>` per line of a cell), a `<br>` inside a
//! line as `<eol/>`, and the restorer's `[?]` (a word the scan does not show) as an
//! editorial `<remark>` on a `<p status="incomplete">`; rows that a text holds joined on
//! one line are a table too, marked `class="joinedRows"`. Characters XML forbids are
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

/// A `<p>` holding one line; a line that reads as Russian (the bilingual forms of the
/// annexes) carries `xml:lang="ru"`, the document being Kazakh.
pub fn para(line: &str) -> El {
    let mut p = El::new("p");
    if line.contains(ILLEGIBLE) {
        p.set("status", "incomplete");
    }
    if crate::ru::detect::looks_russian(line) {
        p.set("xml:lang", "ru");
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

/// The class of a table whose rows the text holds on one line (clause Markdown joins
/// the lines of an abzats with a space): [`lines_of`] joins them back.
pub const JOINED_ROWS: &str = "joinedRows";

/// The rows of a pipe-table line that holds several rows joined by spaces, header and
/// separator included (`| a | b | |---|---| | 1 | 2 |`): each row as its own line, or
/// `None` when the line is one row. The separator's cell count fixes the width, and
/// every row must have it.
fn joined_rows(line: &str) -> Option<Vec<String>> {
    let cells = cells(line);
    let dash = |c: &str| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':'));
    let d = cells.iter().position(|c| dash(c))?;
    if d < 2 || !cells[d - 1].is_empty() {
        return None;
    }
    let n = d - 1;
    let mut rows = Vec::new();
    let mut at = 0;
    while at < cells.len() {
        let end = at + n;
        if end > cells.len() || (end < cells.len() && !cells[end].is_empty()) {
            return None;
        }
        rows.push(&cells[at..end]);
        at = end + 1;
    }
    if rows.len() < 2 || !rows[1].iter().all(|c| dash(c)) {
        return None;
    }
    Some(
        rows.iter()
            .enumerate()
            .map(|(i, r)| {
                if i == 1 {
                    format!("|{}", "---|".repeat(n))
                } else {
                    format!("| {} |", r.join(" | "))
                }
            })
            .collect(),
    )
}

/// The blocks of a text: `<p>`s and `<table>`s, in order. An empty text gives none.
pub fn blocks(text: &str) -> Vec<El> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if let Some(rows) = joined_rows(lines[i]).filter(|rows| rows.join(" ") == lines[i].trim()) {
            let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
            out.push(table(&rows).attr("class", JOINED_ROWS));
            i += 1;
            continue;
        }
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
                let mut rows = Vec::new();
                for tr in b.elements() {
                    let (line, header) = row_line(tr);
                    let n = tr.elements().count();
                    rows.push(line);
                    if header {
                        rows.push(format!("|{}", "---|".repeat(n)));
                    }
                }
                if b.get("class") == Some(JOINED_ROWS) {
                    out.push(rows.join(" "));
                } else {
                    out.extend(rows);
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
    fn rows_joined_on_one_line_are_a_table_and_read_back_joined() {
        let text = "Нысан\n| р/с № | Т.А.Ә. | |---|---| | 1 | 2 |";
        let b = blocks(text);
        let x = xml(&b);
        assert!(
            x.contains("<table class=\"joinedRows\"><tr><th><p>р/с №</p></th>"),
            "{x}"
        );
        assert!(
            x.contains("<tr><td><p>1</p></td><td><p>2</p></td></tr>") && !x.contains("---"),
            "{x}"
        );
        assert_eq!(lines_of(&b).join("\n"), text);
        let ru = xml(&blocks(
            "Мемлекеттік органның атауы\nНаименование государственного органа",
        ));
        assert!(
            ru.contains("<p>Мемлекеттік органның атауы</p><p xml:lang=\"ru\">Наименование"),
            "{ru}"
        );
        // An empty cell is no row boundary without a separator.
        assert_eq!(joined_rows("| 1 | | 3 |"), None);
        assert_eq!(joined_rows("| a | b | |---| | 1 | 2 |"), None, "widths differ");
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

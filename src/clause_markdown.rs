//! Clause Markdown: the text format of clause trees.
//!
//! ```text
//! # att_1 [1] Жарылыс жұмыстарын жүргізуге рұқсат беру қағидалары
//! {not-held}
//!
//! ## att_1__para_4 [4]
//! First abzats of the paragraph.
//!
//! Second abzats.
//!
//! ### att_1__att_2__table_1
//! | 1 | Көрсетілетін қызметті берушінің атауы | ... |
//! ```
//!
//! * A heading line is one to six `#`, the node's eId, optionally its number in square
//!   brackets, optionally its heading text. The number of `#` is for readers only: the
//!   eId places the node, and its parent must come before it.
//! * The lines up to the next heading are the node's own text. Abzats are separated by
//!   blank lines; the lines of one abzats are joined with a space, and abzats with `\n`.
//!   Text excludes the node's number label ("4.", "1)"), which is in the brackets. A
//!   text whose every abzats starts with `|` (while not every line does) is refused: it
//!   could not be written back without reading as table lines.
//! * A body of exactly `{not-held}` means the registry does not hold the text;
//!   `{repealed}` means the node is repealed.
//! * In a `table` node, a body of pipe-table lines gives the rows: `row_N` where N is
//!   the first cell when it is a serial number (else the row's position), with cells
//!   `cell_1`…; `<br>` inside a cell separates its abzats (trimmed, empty ones
//!   dropped, as in a body), and a cell of exactly `{not-held}` or `{repealed}` means
//!   what it means as a body. A header row (one
//!   followed by a `|---|` line) becomes `row_head`. The rows and cells so made count
//!   as nodes: a later heading cannot repeat their eIds.
//! * [`write`] writes each abzats on one line, except one that starts like a heading
//!   (`# …`): its leading hashes go on a line of their own, which reads back the same.

use std::collections::HashMap;

use crate::model::{Content, EId, Node, NodeKind};

/// A fault in a clause Markdown text, with its 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct FormatError {
    /// The line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// The body token of a node whose text the registry does not hold.
pub const NOT_HELD: &str = "{not-held}";
/// The body token of a repealed node.
pub const REPEALED: &str = "{repealed}";

struct Pending {
    node: Node,
    line: usize,
    body: Vec<String>,
}

/// Parses clause Markdown into top-level nodes. Reports every error, not just the first.
pub fn parse(text: &str) -> Result<Vec<Node>, Vec<FormatError>> {
    let mut errors = Vec::new();
    let mut flat: Vec<Pending> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let lineno = i + 1;
        if let Some(rest) = heading_rest(line) {
            match parse_heading(rest) {
                Ok((eid, num, heading)) => flat.push(Pending {
                    node: Node {
                        eid,
                        num,
                        heading,
                        content: Content::of(""),
                        children: Vec::new(),
                    },
                    line: lineno,
                    body: Vec::new(),
                }),
                Err(message) => errors.push(FormatError { line: lineno, message }),
            }
        } else if let Some(cur) = flat.last_mut() {
            cur.body.push(line.to_string());
        } else if !line.trim().is_empty() && !line.trim_start().starts_with("<!--") {
            errors.push(FormatError {
                line: lineno,
                message: "text before the first heading".into(),
            });
        }
    }
    // Bodies.
    for p in &mut flat {
        match body_content(&p.body) {
            Body::Content(Content::Text { text })
                if !text.is_empty() && text.split('\n').all(|a| a.starts_with('|')) =>
            {
                // Lines joined into abzats that all start with `|`: written back, they
                // would read as table lines.
                errors.push(FormatError {
                    line: p.line,
                    message: format!(
                        "`{}`: every abzats of the text starts with `|`, which reads as table lines; make every line a table row or start one with other text",
                        p.node.eid
                    ),
                });
            }
            Body::Content(c) => p.node.content = c,
            Body::Table(rows) => {
                if p.node.eid.kind() != NodeKind::Table {
                    errors.push(FormatError {
                        line: p.line,
                        message: format!("`{}` has table lines but is not a table node", p.node.eid),
                    });
                    continue;
                }
                match table_rows(&p.node.eid, &rows) {
                    Ok(children) => p.node.children = children,
                    Err(message) => errors.push(FormatError { line: p.line, message }),
                }
            }
        }
    }
    // Nesting: attach every node to its parent, which must come before it. Parents are
    // found by eId in a map (not by walking the tree), and children are attached from
    // the last node to the first, so the whole step is linear in the number of nodes.
    let roots = nest(flat, &mut errors);
    errors.sort_by_key(|e| e.line);
    if errors.is_empty() { Ok(roots) } else { Err(errors) }
}

fn heading_rest(line: &str) -> Option<&str> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
        Some(line[hashes..].trim())
    } else {
        None
    }
}

type Heading = (EId, Option<String>, Option<String>);

fn parse_heading(rest: &str) -> Result<Heading, String> {
    let (eid_text, mut rest) = rest.split_once(' ').unwrap_or((rest, ""));
    let eid: EId = eid_text.parse().map_err(|e| format!("{e}"))?;
    rest = rest.trim_start();
    let mut num = None;
    if let Some(after) = rest.strip_prefix('[') {
        let end = after
            .find(']')
            .ok_or_else(|| format!("`{eid}`: unclosed `[` in the number"))?;
        num = Some(after[..end].to_string());
        rest = after[end + 1..].trim_start();
    }
    let heading = (!rest.is_empty()).then(|| rest.to_string());
    Ok((eid, num, heading))
}

enum Body {
    Content(Content),
    Table(Vec<String>),
}

fn body_content(body: &[String]) -> Body {
    let lines: Vec<&str> = body.iter().map(|l| l.trim_end()).collect();
    let non_empty: Vec<&str> = lines.iter().copied().filter(|l| !l.trim().is_empty()).collect();
    if non_empty.len() == 1 && non_empty[0].trim() == NOT_HELD {
        return Body::Content(Content::NotHeld);
    }
    if non_empty.len() == 1 && non_empty[0].trim() == REPEALED {
        return Body::Content(Content::Repealed);
    }
    if !non_empty.is_empty() && non_empty.iter().all(|l| l.trim_start().starts_with('|')) {
        return Body::Table(non_empty.iter().map(|l| l.trim().to_string()).collect());
    }
    // Abzats: runs of lines separated by blank lines; a run's lines are joined by a space.
    let mut abzats: Vec<String> = Vec::new();
    let mut cur = String::new();
    for l in lines {
        if l.trim().is_empty() {
            if !cur.is_empty() {
                abzats.push(std::mem::take(&mut cur));
            }
        } else {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(l.trim());
        }
    }
    if !cur.is_empty() {
        abzats.push(cur);
    }
    Body::Content(Content::of(abzats.join("\n")))
}

/// Splits a pipe-table line into cells.
pub fn table_cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.split('|').map(|c| c.trim().replace("<br>", "\n")).collect()
}

fn is_separator(line: &str) -> bool {
    table_cells(line)
        .iter()
        .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
}

/// The rows of the table `table` from its pipe-table lines: `row_N` (N the serial
/// number in the first cell, else the row's position; `row_head` for a header row) with
/// cells `cell_1`…, as a `table` node's body gives them.
pub fn table_rows(table: &EId, lines: &[String]) -> Result<Vec<Node>, String> {
    let mut rows = Vec::new();
    let mut used = std::collections::HashSet::new();
    for (i, line) in lines.iter().enumerate() {
        if is_separator(line) {
            continue;
        }
        let cells = table_cells(line);
        let header = lines.get(i + 1).is_some_and(|next| is_separator(next));
        let serial = cells
            .first()
            .map(|c| c.trim_end_matches('.').to_string())
            .filter(|c| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit() || ch == '-'));
        let num = if header {
            "head".to_string()
        } else {
            serial.clone().unwrap_or_else(|| (rows.len() + 1).to_string())
        };
        if !used.insert(num.clone()) {
            return Err(format!("table `{table}`: two rows numbered {num}"));
        }
        let row_eid = table.child(NodeKind::Row, Some(&num)).map_err(|e| e.to_string())?;
        let mut children = Vec::new();
        for (j, cell) in cells.iter().enumerate() {
            let ceid = row_eid
                .child(NodeKind::Cell, Some(&(j + 1).to_string()))
                .map_err(|e| e.to_string())?;
            children.push(Node {
                eid: ceid,
                num: None,
                heading: None,
                content: cell_content(cell),
                children: vec![],
            });
        }
        rows.push(Node {
            eid: row_eid,
            num: (!header).then(|| serial.unwrap_or(num)),
            heading: None,
            content: Content::of(""),
            children,
        });
    }
    Ok(rows)
}

/// A cell's content: its abzats (split at `<br>`) trimmed and without empty ones, as a
/// body's are, or the state a lone `{not-held}` or `{repealed}` names.
fn cell_content(cell: &str) -> Content {
    let abzats: Vec<&str> = cell.split('\n').map(str::trim).filter(|a| !a.is_empty()).collect();
    match abzats.as_slice() {
        [NOT_HELD] => Content::NotHeld,
        [REPEALED] => Content::Repealed,
        _ => Content::of(abzats.join("\n")),
    }
}

/// Nests the flat list of headed nodes (in document order) into trees, in time linear
/// in the number of nodes. A node whose parent is missing or comes after it, and a
/// second node with an eId already seen, are reported and left out.
fn nest(flat: Vec<Pending>, errors: &mut Vec<FormatError>) -> Vec<Node> {
    let mut index: HashMap<EId, usize> = HashMap::with_capacity(flat.len());
    let mut slots: Vec<Option<Node>> = Vec::with_capacity(flat.len());
    let mut kids: Vec<Vec<usize>> = Vec::with_capacity(flat.len());
    let mut roots: Vec<usize> = Vec::new();
    // Every eId seen, including the rows and cells table lines made: an explicit
    // heading cannot repeat one of those either.
    let mut seen: std::collections::HashSet<EId> = std::collections::HashSet::with_capacity(flat.len());
    for p in flat {
        let mut duplicate = None;
        p.node.walk(&mut |n| {
            if duplicate.is_none() && seen.contains(&n.eid) {
                duplicate = Some(n.eid.clone());
            }
        });
        if let Some(eid) = duplicate {
            errors.push(FormatError {
                line: p.line,
                message: format!("duplicate eId `{eid}`"),
            });
            continue;
        }
        p.node.walk(&mut |n| {
            seen.insert(n.eid.clone());
        });
        let me = slots.len();
        match p.node.eid.parent() {
            None => roots.push(me),
            Some(parent) => match index.get(&parent) {
                Some(&par) => kids[par].push(me),
                None => {
                    errors.push(FormatError {
                        line: p.line,
                        message: format!(
                            "`{}` comes before its parent `{parent}`, or the parent is missing",
                            p.node.eid
                        ),
                    });
                    continue;
                }
            },
        }
        index.insert(p.node.eid.clone(), me);
        slots.push(Some(p.node));
        kids.push(Vec::new());
    }
    // A child always comes after its parent, so walking backwards finds every child
    // complete when its parent takes it.
    for i in (0..slots.len()).rev() {
        let mut children = Vec::with_capacity(kids[i].len());
        for &k in &kids[i] {
            children.extend(slots[k].take());
        }
        if let Some(node) = slots[i].as_mut() {
            node.children.extend(children);
        }
    }
    roots.into_iter().filter_map(|r| slots[r].take()).collect()
}

/// Writes nodes as clause Markdown; [`parse`] reads it back to the same nodes (tables
/// are written as explicit row and cell nodes).
pub fn write(nodes: &[Node]) -> String {
    let mut out = String::new();
    for n in nodes {
        write_node(n, &mut out);
    }
    out
}

fn write_node(n: &Node, out: &mut String) {
    let depth = n.eid.depth().min(6);
    out.push_str(&"#".repeat(depth));
    out.push(' ');
    out.push_str(n.eid.as_str());
    if let Some(num) = &n.num {
        out.push_str(&format!(" [{num}]"));
    }
    if let Some(h) = &n.heading {
        out.push(' ');
        out.push_str(h);
    }
    out.push('\n');
    match &n.content {
        Content::NotHeld => out.push_str(&format!("{NOT_HELD}\n")),
        Content::Repealed => out.push_str(&format!("{REPEALED}\n")),
        Content::Text { text } if text.is_empty() => {}
        Content::Text { text } => {
            for (i, abzats) in text.split('\n').enumerate() {
                if i > 0 {
                    out.push_str("\n\n");
                }
                write_abzats(abzats, out);
            }
            out.push('\n');
        }
    }
    out.push('\n');
    for c in &n.children {
        write_node(c, out);
    }
}

/// Writes one abzats on one line, unless it starts like a heading (`# …`, as the lines
/// `#` and `…` of a body read): then the hashes go on a line of their own, which is no
/// heading, and the reader joins the lines with a space again.
fn write_abzats(abzats: &str, out: &mut String) {
    let mut rest = abzats;
    while let Some(after) = heading_rest(rest).map(|_| rest.trim_start_matches('#')) {
        out.push_str(&rest[..rest.len() - after.len()]);
        out.push('\n');
        rest = &after[1..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_headings_bodies_and_states() {
        let src = "# att_1 [1] Қағидалар\n{not-held}\n\n## att_1__para_4 [4]\nБірінші.\n\nЕкінші\nжалғасы.\n\n## att_1__para_5 [5]\n{repealed}\n";
        let nodes = parse(src).unwrap();
        assert_eq!(nodes.len(), 1);
        assert_eq!(nodes[0].heading.as_deref(), Some("Қағидалар"));
        assert_eq!(nodes[0].content, Content::NotHeld);
        assert_eq!(nodes[0].children[0].content, Content::of("Бірінші.\nЕкінші жалғасы."));
        assert_eq!(nodes[0].children[1].content, Content::Repealed);
        assert_eq!(parse(&write(&nodes)).unwrap(), nodes);
    }

    #[test]
    fn tables_become_rows_and_cells() {
        let src = "# att_2 [2]\n\n## att_2__table_1\n| 1 | Атауы | Мазмұны<br>екінші |\n| 2 | Тәсілі | Портал |\n";
        let nodes = parse(src).unwrap();
        let table = &nodes[0].children[0];
        assert_eq!(table.children.len(), 2);
        assert_eq!(table.children[0].eid.as_str(), "att_2__table_1__row_1");
        assert_eq!(table.children[0].children[2].content, Content::of("Мазмұны\nекінші"));
        assert_eq!(parse(&write(&nodes)).unwrap(), nodes);
    }

    #[test]
    fn children_find_their_parent_however_far_back_it_is() {
        let src = "# para_1 [1]\n# para_2 [2]\n## para_1__subpara_1 [1]\n## para_2__subpara_1 [1]\n### para_1__subpara_1__abz_1\nа\n## para_1__subpara_2 [2]\n";
        let nodes = parse(src).unwrap();
        let eids = |n: &Node| {
            n.children
                .iter()
                .map(|c| c.eid.as_str().to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(eids(&nodes[0]), ["para_1__subpara_1", "para_1__subpara_2"]);
        assert_eq!(eids(&nodes[0].children[0]), ["para_1__subpara_1__abz_1"]);
        assert_eq!(eids(&nodes[1]), ["para_2__subpara_1"]);
    }

    #[test]
    fn reports_every_error_with_its_line() {
        let src = "stray\n# bogus_1\n# para_1 [1]\n## para_2__subpara_1 [1]\n# para_1\n";
        let errs = parse(src).unwrap_err();
        let lines: Vec<usize> = errs.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![1, 2, 4, 5]);
    }
}

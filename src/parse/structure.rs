//! Quoted new wordings: finding where a quoted block ends, and building [`Node`] trees
//! from its lines.
//!
//! A block starts on the line after its instruction with an opening quote and ends on
//! the line that ends with the closing quote and `;` or `.` (`.";`, `.".`, `";`). Inner
//! quotes come in pairs, so the block ends where its quotes balance; when the OCR lost a
//! quote, the first line that ends like a closing one is taken. A quoted table row ends
//! at its row line (the OCR lost those closing quotes).
//!
//! Lines become nodes so: `N. text` a paragraph (num `N`, text the rest), `K) text` a
//! subparagraph `subpara_K`, any other line an abzats `abz_J`, J being the line's
//! position in the node's wording (its first line is 1). A numbering of subparagraphs
//! that starts again after an abzats (`жалпы мерзімі келесіні құрайды:` then `1)`, `2)`)
//! is that abzats' list: its items become `subpara_K` children of the abzats.

use std::sync::LazyLock;

use regex::Regex;

use crate::clause_markdown::table_cells;
use crate::model::{Content, EId, Node, NodeKind};

/// A quoted block: its lines (the outer quotes stripped) and where it lies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The index of the block's first line among the item's lines.
    pub first: usize,
    /// The index of its last line.
    pub last: usize,
    /// The lines, without the outer quotes and the closing `;`/`.`.
    pub lines: Vec<String>,
}

/// Why no block could be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockError {
    /// No line opening a quote follows the instruction.
    Missing,
    /// The quote never closes before the next instruction or the item's end; the index
    /// is the last line that was taken to belong to the block.
    Unclosed(usize),
    /// A quoted table row with no row line.
    NoRow,
}

/// True for an opening quote character.
fn is_open_quote(c: char) -> bool {
    matches!(c, '"' | '«' | '“' | '„')
}

/// True for a closing quote character.
fn is_close_quote(c: char) -> bool {
    matches!(c, '"' | '»' | '”' | '“')
}

/// The quote balance of a line: (number of straight quotes, «» depth change).
fn quote_counts(line: &str) -> (usize, i64) {
    let mut straight = 0;
    let mut depth = 0i64;
    for c in line.chars() {
        match c {
            '"' | '“' | '”' => straight += 1,
            '«' | '„' => depth += 1,
            '»' => depth -= 1,
            _ => {}
        }
    }
    (straight, depth)
}

/// True when the trimmed line ends with a closing quote, optionally followed by `;`, `.`
/// or `,`.
fn ends_closing(line: &str) -> bool {
    let t = line.trim_end();
    let t = t.strip_suffix([';', '.', ',', ':']).unwrap_or(t).trim_end();
    t.chars().next_back().is_some_and(is_close_quote)
}

/// True for a line that is only an opening quote.
fn is_lone_quote(line: &str) -> bool {
    let t = line.trim();
    t.chars().count() == 1 && t.chars().all(is_open_quote)
}

/// Finds the quoted block that starts at `lines[start]`. `is_instruction` tells lines
/// that begin a new instruction, where an unclosed block must stop.
pub fn find_block(lines: &[String], start: usize, is_instruction: &dyn Fn(&str) -> bool) -> Result<Block, BlockError> {
    let Some(first) = lines.get(start) else {
        return Err(BlockError::Missing);
    };
    if !first.trim_start().starts_with(is_open_quote) {
        return Err(BlockError::Missing);
    }
    let content_start = if is_lone_quote(first) { start + 1 } else { start };
    let mut straight = 0usize;
    let mut depth = 0i64;
    let mut loose_end = None;
    let mut end = None;
    let mut last_seen = start;
    for (j, line) in lines.iter().enumerate().skip(start) {
        if j > content_start && is_instruction(line) {
            break;
        }
        last_seen = j;
        let (s, d) = quote_counts(line);
        straight += s;
        depth += d;
        if j < content_start || (j == start && line.trim().chars().count() <= 1) {
            continue;
        }
        if ends_closing(line) {
            if straight.is_multiple_of(2) && depth == 0 {
                end = Some(j);
                break;
            }
            if loose_end.is_none() {
                loose_end = Some(j);
            }
        }
    }
    let Some(last) = end.or(loose_end) else {
        return Err(BlockError::Unclosed(last_seen));
    };
    let mut out: Vec<String> = lines
        .get(content_start..=last)
        .map(<[String]>::to_vec)
        .unwrap_or_default();
    if let Some(f) = out.first_mut() {
        let t = f.trim_start();
        *f = t.strip_prefix(is_open_quote).unwrap_or(t).trim_start().to_string();
    }
    if let Some(l) = out.last_mut() {
        *l = strip_closing(l);
    }
    if out.iter().all(|l| l.trim().is_empty()) {
        return Err(BlockError::Missing);
    }
    Ok(Block {
        first: start,
        last,
        lines: out,
    })
}

/// Strips the closing quote and what follows it (`;`, `.`) from a block's last line.
fn strip_closing(line: &str) -> String {
    let t = line.trim_end();
    let t = t.strip_suffix([';', '.', ',', ':']).unwrap_or(t).trim_end();
    t.strip_suffix(is_close_quote).unwrap_or(t).trim_end().to_string()
}

/// Finds a quoted table row starting at `lines[start]`: lone opening-quote lines, then
/// one pipe-table line (its opening quote may be glued to it). A closing quote on a line
/// of its own after the row is taken in. Returns the block with the row line alone.
pub fn find_row(lines: &[String], start: usize) -> Result<Block, BlockError> {
    let mut j = start;
    while lines.get(j).is_some_and(|l| is_lone_quote(l)) {
        j += 1;
    }
    let Some(row) = lines.get(j) else {
        return Err(BlockError::NoRow);
    };
    let t = row.trim();
    let t = t.strip_prefix(is_open_quote).unwrap_or(t).trim_start();
    if !t.starts_with('|') {
        return Err(if j == start {
            BlockError::Missing
        } else {
            BlockError::NoRow
        });
    }
    let t = strip_closing(t);
    let mut last = j;
    if lines.get(j + 1).is_some_and(|l| {
        let s = l.trim();
        !s.is_empty() && s.chars().all(|c| is_close_quote(c) || matches!(c, ';' | '.' | ','))
    }) {
        last = j + 1;
    }
    Ok(Block {
        first: start,
        last,
        lines: vec![t],
    })
}

static PARA_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?P<n>\d+(?:-\d+)*)(?:\.\s*|\s+)(?P<rest>.*)$").expect("constant regex"));
static PARA_LABEL_DOT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?P<n>\d+(?:-\d+)*)\.\s*(?P<rest>.*)$").expect("constant regex"));
static SUB_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?P<n>\d+(?:-\d+)*)\)\s*[-–—]?\s*(?P<rest>.*)$").expect("constant regex"));

/// A node with text and no children.
pub fn leaf(eid: EId, num: Option<String>, text: &str) -> Node {
    Node {
        eid,
        num,
        heading: None,
        content: Content::of(text.trim()),
        children: Vec::new(),
    }
}

/// The child eId, or a message.
pub fn child(parent: Option<&EId>, kind: NodeKind, num: &str) -> Result<EId, String> {
    match parent {
        Some(p) => p.child(kind, Some(num)),
        None => EId::top(kind, Some(num)),
    }
    .map_err(|e| format!("cannot build an eId for {} {num}: {e}", kind.prefix()))
}

/// The leading integer of a label like `5-1`.
fn lead(n: &str) -> u64 {
    n.split('-').next().and_then(|s| s.parse().ok()).unwrap_or(0)
}

/// Reads a line's label and the text after it; the flag is true for a block's first
/// line.
type Labeler<'f> = &'f dyn Fn(&str, bool) -> Option<(String, String)>;

/// Splits `lines` into one segment per expected label.
fn segments<'l>(lines: &'l [String], nums: &[String], label: Labeler<'_>) -> Result<Vec<&'l [String]>, String> {
    let mut starts = Vec::with_capacity(nums.len());
    let mut from = 0;
    for (k, n) in nums.iter().enumerate() {
        let pos = if k == 0 {
            match lines.first().and_then(|l| label(l, true)) {
                Some((m, _)) if &m == n => Some(0),
                Some((m, _)) => return Err(format!("the new wording is numbered {m}, the instruction says {n}")),
                None => None,
            }
        } else {
            lines
                .iter()
                .enumerate()
                .skip(from)
                .find(|(_, l)| label(l, false).is_some_and(|(m, _)| &m == n))
                .map(|(i, _)| i)
        };
        let Some(pos) = pos else {
            return Err(format!("the new wording has no line numbered {n}"));
        };
        starts.push(pos);
        from = pos + 1;
    }
    let mut out = Vec::with_capacity(starts.len());
    for (k, &s) in starts.iter().enumerate() {
        let e = starts.get(k + 1).copied().unwrap_or(lines.len());
        out.push(lines.get(s..e).unwrap_or(&[]));
    }
    Ok(out)
}

/// Adds the lines after a node's first line as its children: subparagraphs (when
/// `subparas`) and abzats.
fn add_children(node: &mut Node, rest: &[String], subparas: bool) -> Result<(), String> {
    let mut top_last: Option<u64> = None;
    let mut used: Vec<String> = Vec::new();
    // The abzats whose list is being read, and its last number.
    let mut nested: Option<(usize, u64)> = None;
    for (i, line) in rest.iter().enumerate() {
        let j = (i + 2).to_string();
        let sub = if subparas {
            SUB_LABEL.captures(line.trim())
        } else {
            None
        };
        if let Some(c) = sub {
            let n = c.name("n").map_or("", |m| m.as_str()).to_string();
            let text = c.name("rest").map_or("", |m| m.as_str());
            let v = lead(&n);
            let continues_nested = nested.is_some_and(|(_, last)| v == last + 1);
            let fresh = !used.contains(&n) && top_last.is_none_or(|last| v > last);
            if continues_nested || (!fresh && node.children.last().is_some_and(|c| c.eid.kind() == NodeKind::Abzats)) {
                let idx = if continues_nested {
                    nested.map_or(0, |(idx, _)| idx)
                } else {
                    node.children.len().saturating_sub(1)
                };
                if let Some(abz) = node.children.get_mut(idx) {
                    if abz.children.iter().any(|c| c.eid.num() == Some(n.as_str())) {
                        return Err(format!("subparagraph {n}) appears twice in one list"));
                    }
                    let eid = child(Some(&abz.eid), NodeKind::Subparagraph, &n)?;
                    abz.children.push(leaf(eid, Some(n.clone()), text));
                    nested = Some((idx, v));
                    continue;
                }
            }
            if fresh {
                let eid = child(Some(&node.eid), NodeKind::Subparagraph, &n)?;
                node.children.push(leaf(eid, Some(n.clone()), text));
                used.push(n);
                top_last = Some(v);
                nested = None;
                continue;
            }
        }
        let eid = child(Some(&node.eid), NodeKind::Abzats, &j)?;
        node.children.push(leaf(eid, None, line));
        nested = None;
    }
    Ok(())
}

/// The paragraphs `nums` from a block: each starts with its `N.` line (the dot may be
/// missing on the first line when the number matches).
pub fn paragraphs(parent: Option<&EId>, nums: &[String], lines: &[String]) -> Result<Vec<Node>, String> {
    let label = |l: &str, first: bool| -> Option<(String, String)> {
        let re = if first { &*PARA_LABEL } else { &*PARA_LABEL_DOT };
        re.captures(l.trim()).map(|c| {
            (
                c.name("n").map_or("", |m| m.as_str()).to_string(),
                c.name("rest").map_or("", |m| m.as_str()).to_string(),
            )
        })
    };
    let segs = segments(lines, nums, &label)?;
    let mut out = Vec::new();
    for (seg, n) in segs.iter().zip(nums) {
        let (first, rest) = seg.split_first().ok_or("an empty paragraph")?;
        let text = label(first, true).map(|(_, t)| t).unwrap_or_default();
        let mut node = leaf(child(parent, NodeKind::Paragraph, n)?, Some(n.clone()), &text);
        add_children(&mut node, rest, true)?;
        out.push(node);
    }
    Ok(out)
}

/// The subparagraphs `subs` of `para` from a block: each starts with its `K)` line;
/// unnumbered lines after it are its abzats.
pub fn subparagraphs(para: &EId, subs: &[String], lines: &[String]) -> Result<Vec<Node>, String> {
    let label = |l: &str, _first: bool| -> Option<(String, String)> {
        SUB_LABEL.captures(l.trim()).map(|c| {
            (
                c.name("n").map_or("", |m| m.as_str()).to_string(),
                c.name("rest").map_or("", |m| m.as_str()).to_string(),
            )
        })
    };
    let segs = segments(lines, subs, &label)?;
    let mut out = Vec::new();
    for (seg, n) in segs.iter().zip(subs) {
        let (first, rest) = seg.split_first().ok_or("an empty subparagraph")?;
        let text = label(first, true).map(|(_, t)| t).unwrap_or_default();
        let mut node = leaf(child(Some(para), NodeKind::Subparagraph, n)?, Some(n.clone()), &text);
        add_children(&mut node, rest, false)?;
        out.push(node);
    }
    Ok(out)
}

/// An abzats `abz_J` of `parent` with the block's lines as its text.
pub fn abzats(parent: &EId, j: u32, lines: &[String]) -> Result<Node, String> {
    let eid = child(Some(parent), NodeKind::Abzats, &j.to_string())?;
    let text: Vec<&str> = lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect();
    Ok(leaf(eid, None, &text.join("\n")))
}

/// The row `K` of `table` from a pipe-table line: a row node (num K, empty text) with
/// `cell_1`… children. The first cell must be the serial number K.
pub fn row(table: &EId, k: &str, line: &str) -> Result<Node, String> {
    let cells = table_cells(line);
    let serial = cells.first().map(|c| {
        c.trim()
            .trim_end_matches('.')
            .trim_start_matches(is_open_quote)
            .to_string()
    });
    if serial.as_deref() != Some(k) {
        return Err(format!(
            "the row's serial number is {:?}, the instruction says {k}",
            serial.unwrap_or_default()
        ));
    }
    let eid = child(Some(table), NodeKind::Row, k)?;
    let mut children = Vec::with_capacity(cells.len());
    for (i, cell) in cells.iter().enumerate() {
        let c = child(Some(&eid), NodeKind::Cell, &(i + 1).to_string())?;
        children.push(Node {
            eid: c,
            num: None,
            heading: None,
            content: Content::of(cell.clone()),
            children: vec![],
        });
    }
    Ok(Node {
        eid,
        num: Some(k.to_string()),
        heading: None,
        content: Content::of(""),
        children,
    })
}

/// A copy of `node` moved from `from` to `to`: every eId under `from` is rewritten to lie
/// under `to`; the root takes the number `num`.
pub fn reroot(node: &Node, from: &EId, to: &EId, num: &str) -> Result<Node, String> {
    fn go(n: &Node, from: &str, to: &str) -> Result<Node, String> {
        let rest = n
            .eid
            .as_str()
            .strip_prefix(from)
            .ok_or_else(|| format!("`{}` is not under `{from}`", n.eid))?;
        let eid: EId = format!("{to}{rest}").parse().map_err(|e| format!("{e}"))?;
        let children = n
            .children
            .iter()
            .map(|c| go(c, from, to))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Node {
            eid,
            num: n.num.clone(),
            heading: n.heading.clone(),
            content: n.content.clone(),
            children,
        })
    }
    let mut out = go(node, from.as_str(), to.as_str())?;
    out.num = Some(num.to_string());
    Ok(out)
}

/// Drops the List's own header ("... тізбесінің 2-қосымшасы") from the first abzats of
/// an annex of the List: it labels the annex inside the amending act and is not part of
/// the new edition it supplies.
pub fn without_list_header(mut node: Node) -> Node {
    if let Content::Text { text } = &node.content {
        let mut lines = text.lines();
        if let Some(first) = lines.next() {
            let f = first.to_lowercase();
            if f.contains("тізбе") && (f.trim_end().ends_with("қосымшасы") || f.trim_end().ends_with("қосымша"))
            {
                node.content = Content::of(lines.collect::<Vec<_>>().join("\n"));
            }
        }
    }
    node
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn block_ends_where_quotes_balance() {
        let l = lines(&["\"4. \"А\" б;", "1) \"в\";", "в.\";", "5-тармақ алып тасталсын;"]);
        let b = find_block(&l, 0, &|_| false).unwrap();
        assert_eq!((b.first, b.last), (0, 2));
        assert_eq!(b.lines, lines(&["4. \"А\" б;", "1) \"в\";", "в."]));
    }

    #[test]
    fn unclosed_block_stops_at_instruction() {
        let l = lines(&["\"4. А", "б", "5-тармақ алып тасталсын;"]);
        let is = |s: &str| s.contains("тасталсын");
        assert_eq!(find_block(&l, 0, &is), Err(BlockError::Unclosed(1)));
    }

    #[test]
    fn restarted_list_nests_under_abzats() {
        let l = lines(&["7. А:", "1) б;", "2) в.", "Мерзімі:", "1) г;", "2) д."]);
        let p: EId = "att_1".parse().unwrap();
        let n = paragraphs(Some(&p), &["7".into()], &l).unwrap();
        let ids: Vec<String> = {
            let mut v = Vec::new();
            n[0].walk(&mut |x| v.push(x.eid.to_string()));
            v
        };
        assert_eq!(
            ids,
            [
                "att_1__para_7",
                "att_1__para_7__subpara_1",
                "att_1__para_7__subpara_2",
                "att_1__para_7__abz_4",
                "att_1__para_7__abz_4__subpara_1",
                "att_1__para_7__abz_4__subpara_2"
            ]
        );
    }
}

//! The registry's Markdown: a redaction read into a clause tree with nusqa's eIds, and
//! its notes with the clause each is about.
//!
//! The layout the registry's copies use (both builds of the repository):
//! an optional YAML front matter; `# title`; the preamble; the order's paragraphs
//! `N. …` with their subparagraphs `K) …`; the signature (`**…**` lines, or plain
//! lines in the older build) and a code block of approvals; a block quote ending in
//! "бекітілген" / beginning "Утверждены" that opens the approved Rules (`att_1`), their
//! `##` title, their chapters (`N-тарау`, `Глава N`, `N. …` headings) and paragraphs;
//! then block quotes naming an annex ("2-қосымша", "Приложение 2") that open
//! `att_1__att_N`, with HTML tables whose rows are numbered by their first cell.
//! Notes are block quotes starting `Ескерту.` or `Сноска.`, or an italic line standing
//! for a deleted subparagraph (`*1) алып тасталды - …*`). `<a id="p5">` anchors are
//! checked against the paragraph that follows them.
//!
//! Paragraphs are split into subparagraphs and abzats by the same code that builds the
//! operations' new wordings ([`crate::parse::structure::paragraphs`]), so a clause gets
//! the same eId from both.

use std::sync::LazyLock;

use regex::Regex;

use super::RegistryError;
use super::notes::{self, Note};
use super::record::flat_yaml;
use crate::model::{Content, EId, Lang, Node, NodeKind};
use crate::parse::structure;

/// A note as found, before it is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedNote {
    /// The 1-based line.
    pub line: usize,
    /// The text, Markdown emphasis removed.
    pub text: String,
}

/// A redaction, read.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedRedaction {
    /// The front matter's scalar entries (`version_date`, `source`…), if any.
    pub front_matter: Vec<(String, String)>,
    /// The clause tree.
    pub nodes: Vec<Node>,
    /// The notes, read, in document order.
    pub notes: Vec<Note>,
}

#[derive(Debug, Clone, PartialEq)]
enum Section {
    Order,
    Signature,
    Rules,
    Annex(String),
}

struct Para {
    num: String,
    line: usize,
    lines: Vec<String>,
    /// Subparagraph numbers that stand for deleted ones (in-place notes).
    deleted: Vec<(String, usize, String)>,
}

struct Annex {
    num: String,
    heading: String,
    text: Vec<String>,
    tables: Vec<(String, Vec<Vec<String>>)>,
}

enum RulesItem {
    Chapter(String, String),
    Para(Node),
}

static PARA_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<n>\d+(?:-\d+)?)\\?\.\s+(?P<rest>.+)$").unwrap_or_else(|e| panic!("paragraph pattern: {e}"))
});
static IN_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\*(?P<n>\d+(?:-\d+)?)\)\s*(?P<rest>.*)\*$").unwrap_or_else(|e| panic!("in-place pattern: {e}"))
});
static CHAPTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?P<a>\d+)-тарау|Глава\s+(?P<b>\d+)|(?P<c>\d+)\.\s)")
        .unwrap_or_else(|e| panic!("chapter pattern: {e}"))
});
static ANNEX_KK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?P<n>\d+)-қосымша").unwrap_or_else(|e| panic!("annex pattern: {e}")));
static ANNEX_RU: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^Приложение\s+(?P<n>\d+)").unwrap_or_else(|e| panic!("annex pattern: {e}")));
static ANCHOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"^<a id="p(?P<n>[0-9-]+)"></a>$"#).unwrap_or_else(|e| panic!("anchor pattern: {e}")));
static ROW: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)<tr[^>]*>(.*?)</tr>").unwrap_or_else(|e| panic!("row pattern: {e}")));
static CELL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)<t[dh][^>]*>(.*?)</t[dh]>").unwrap_or_else(|e| panic!("cell pattern: {e}")));
static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[^>]+>").unwrap_or_else(|e| panic!("tag pattern: {e}")));

/// The text of a line without its Markdown: emphasis stars and bold, the escape before
/// a paragraph's dot, trailing hard-break spaces.
fn plain(line: &str) -> String {
    let t = line.trim();
    let t = t.strip_prefix("**").and_then(|s| s.strip_suffix("**")).unwrap_or(t);
    let t = t.strip_prefix('*').and_then(|s| s.strip_suffix('*')).unwrap_or(t);
    t.replace("\\.", ".").replace("\\-", "-").trim().to_string()
}

fn lead(n: &str) -> u64 {
    n.split('-').next().and_then(|s| s.parse().ok()).unwrap_or(0)
}

/// True when `n` may follow `last` as the next paragraph number.
fn follows(last: Option<&str>, n: &str) -> bool {
    match last {
        None => lead(n) == 1 || lead(n) > 0,
        Some(l) => lead(n) > lead(l) || (lead(n) == lead(l) && n.contains('-') && n != l),
    }
}

/// Reads a redaction. `file` names it in errors.
pub fn parse(text: &str, lang: Lang, file: &str) -> Result<ParsedRedaction, RegistryError> {
    let err = |line: usize, message: String| RegistryError {
        file: file.to_string(),
        line,
        message,
    };
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    let mut front_matter = Vec::new();
    if lines.first().map(|l| l.trim()) == Some("---") {
        let end = lines
            .iter()
            .skip(1)
            .position(|l| l.trim() == "---")
            .ok_or_else(|| err(1, "the front matter is not closed".into()))?;
        front_matter = flat_yaml(&lines[1..=end].join("\n"));
        i = end + 2;
    }
    let rules_eid: EId = "att_1".parse().map_err(|e| err(1, format!("{e}")))?;
    let mut section = Section::Order;
    let mut title: Option<String> = None;
    let mut preamble: Vec<String> = Vec::new();
    let mut order_paras: Vec<Node> = Vec::new();
    let mut signature: Vec<String> = Vec::new();
    let mut rules_header: Vec<String> = Vec::new();
    let mut rules_heading: Option<String> = None;
    let mut rules_items: Vec<RulesItem> = Vec::new();
    let mut annexes: Vec<Annex> = Vec::new();
    let mut para: Option<Para> = None;
    let mut last_num: Option<String> = None;
    let mut anchor: Option<(String, usize)> = None;
    let mut in_code = false;
    let mut placed: Vec<(PlacedNote, Option<EId>, Option<EId>, bool)> = Vec::new();
    let mut last_eid: Option<EId> = None;

    // Turns the open paragraph into a node.
    let flush = |para: &mut Option<Para>,
                 section: &Section,
                 order_paras: &mut Vec<Node>,
                 rules_items: &mut Vec<RulesItem>,
                 placed: &mut Vec<(PlacedNote, Option<EId>, Option<EId>, bool)>|
     -> Result<(), RegistryError> {
        let Some(p) = para.take() else { return Ok(()) };
        let parent = match section {
            Section::Rules => Some(&rules_eid),
            _ => None,
        };
        let mut nodes = structure::paragraphs(parent, std::slice::from_ref(&p.num), &p.lines)
            .map_err(|m| err(p.line, format!("paragraph {}: {m}", p.num)))?;
        let Some(mut node) = nodes.pop() else { return Ok(()) };
        for (k, line, text) in &p.deleted {
            let eid = node
                .eid
                .child(NodeKind::Subparagraph, Some(k))
                .map_err(|e| err(*line, format!("{e}")))?;
            for c in node.children.iter_mut().filter(|c| c.eid == eid) {
                c.content = Content::Repealed;
            }
            placed.push((
                PlacedNote {
                    line: *line,
                    text: text.clone(),
                },
                None,
                Some(eid),
                true,
            ));
        }
        match section {
            Section::Rules => rules_items.push(RulesItem::Para(node)),
            _ => order_paras.push(node),
        }
        Ok(())
    };

    while i < lines.len() {
        let raw = lines[i];
        let no = i + 1;
        let t = raw.trim();
        i += 1;
        if t.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            if !t.is_empty() {
                match &section {
                    Section::Annex(_) => {
                        if let Some(a) = annexes.last_mut() {
                            a.text.push(t.to_string());
                        }
                    }
                    Section::Rules => rules_header.push(t.to_string()),
                    _ => {
                        flush(&mut para, &section, &mut order_paras, &mut rules_items, &mut placed)?;
                        section = Section::Signature;
                        signature.push(t.to_string());
                    }
                }
            }
            continue;
        }
        if t.is_empty() {
            continue;
        }
        if let Some(c) = ANCHOR.captures(t) {
            anchor = c.name("n").map(|m| (m.as_str().to_string(), no));
            continue;
        }
        if t.starts_with('>') {
            let mut block = vec![plain(t.trim_start_matches('>'))];
            while let Some(next) = lines.get(i).map(|l| l.trim()).filter(|l| l.starts_with('>')) {
                block.push(plain(next.trim_start_matches('>')));
                i += 1;
            }
            let joined = block.join(" ");
            let container = match &section {
                Section::Rules => Some(rules_eid.clone()),
                Section::Annex(n) => rules_eid.child(NodeKind::Attachment, Some(n)).ok(),
                _ => None,
            };
            if joined.starts_with("Ескерту") || joined.starts_with("Сноска") {
                flush(&mut para, &section, &mut order_paras, &mut rules_items, &mut placed)?;
                if let Some(Some(RulesItem::Para(n))) = (section == Section::Rules).then(|| rules_items.last()) {
                    last_eid = Some(n.eid.clone());
                } else if let Some(n) = order_paras.last().filter(|_| section == Section::Order) {
                    last_eid = Some(n.eid.clone());
                }
                placed.push((
                    PlacedNote { line: no, text: joined },
                    container,
                    last_eid.clone(),
                    false,
                ));
                continue;
            }
            let is_annex = match lang {
                Lang::Ru => ANNEX_RU.captures(&joined),
                _ => ANNEX_KK.captures(&joined),
            };
            if section != Section::Order
                && section != Section::Signature
                && let Some(c) = is_annex.filter(|_| joined.contains("қағидаларына") || joined.contains("Правилам"))
            {
                flush(&mut para, &section, &mut order_paras, &mut rules_items, &mut placed)?;
                let n = c.name("n").map_or("", |m| m.as_str()).to_string();
                let (head, rest) = annex_heading(&block, lang);
                annexes.push(Annex {
                    num: n.clone(),
                    heading: head,
                    text: rest,
                    tables: Vec::new(),
                });
                last_eid = rules_eid.child(NodeKind::Attachment, Some(&n)).ok();
                section = Section::Annex(n);
                continue;
            }
            if (section == Section::Order || section == Section::Signature)
                && (joined.contains("бекітілген") || joined.starts_with("Утвержден"))
            {
                flush(&mut para, &section, &mut order_paras, &mut rules_items, &mut placed)?;
                section = Section::Rules;
                rules_header.push(joined);
                last_num = None;
                last_eid = Some(rules_eid.clone());
                continue;
            }
            match &section {
                Section::Annex(_) => {
                    if let Some(a) = annexes.last_mut() {
                        a.text.extend(block);
                    }
                }
                Section::Rules if para.is_none() => rules_header.extend(block),
                _ => {
                    if let Some(p) = para.as_mut() {
                        p.lines.extend(block);
                    } else {
                        signature.extend(block);
                    }
                }
            }
            continue;
        }
        if t.starts_with("<table") {
            let mut html = vec![t.to_string()];
            while i < lines.len() && !html.last().is_some_and(|l| l.contains("</table>")) {
                html.push(lines[i].to_string());
                i += 1;
            }
            let rows = table_rows(&html.join("\n"));
            if let Section::Annex(_) = section {
                if let Some(a) = annexes.last_mut() {
                    let k = (a.tables.len() + 1).to_string();
                    a.tables.push((k, rows));
                }
            } else if let Some(p) = para.as_mut() {
                p.lines.extend(rows.into_iter().map(|r| r.join(" | ")));
            }
            continue;
        }
        if let Some(h) = t.strip_prefix('#') {
            let heading = h.trim_start_matches('#').trim().to_string();
            match &section {
                Section::Order if title.is_none() => title = Some(heading),
                Section::Rules => {
                    flush(&mut para, &section, &mut order_paras, &mut rules_items, &mut placed)?;
                    if let Some(c) = CHAPTER.captures(&heading) {
                        let n = c.name("a").or(c.name("b")).or(c.name("c")).map_or("", |m| m.as_str());
                        rules_items.push(RulesItem::Chapter(n.to_string(), heading.clone()));
                    } else if rules_heading.is_none() {
                        rules_heading = Some(heading);
                    } else {
                        rules_header.push(heading);
                    }
                }
                Section::Annex(_) => {
                    if let Some(a) = annexes.last_mut() {
                        a.text.push(heading);
                    }
                }
                _ => signature.push(heading),
            }
            continue;
        }
        let line = plain(t);
        if let Section::Annex(_) = section {
            if let Some(a) = annexes.last_mut() {
                a.text.push(line);
            }
            continue;
        }
        if section == Section::Signature {
            signature.push(line);
            continue;
        }
        if let Some(c) = IN_PLACE.captures(t)
            && let Some(p) = para.as_mut()
        {
            let n = c.name("n").map_or("", |m| m.as_str()).to_string();
            let rest = c.name("rest").map_or("", |m| m.as_str()).to_string();
            p.lines.push(format!("{n}) {rest}"));
            p.deleted.push((n, no, rest));
            continue;
        }
        if let Some(c) = PARA_LINE.captures(&line) {
            let n = c.name("n").map_or("", |m| m.as_str()).to_string();
            let starts_para = match &section {
                Section::Order => follows(last_num.as_deref(), &n) && (para.is_some() || lead(&n) == 1),
                Section::Rules => follows(last_num.as_deref(), &n),
                _ => false,
            };
            if starts_para && !t.starts_with('*') {
                flush(&mut para, &section, &mut order_paras, &mut rules_items, &mut placed)?;
                if let Some((a, at)) = anchor.take()
                    && a != n
                {
                    return Err(err(at, format!("anchor p{a} is followed by paragraph {n}")));
                }
                last_num = Some(n.clone());
                para = Some(Para {
                    num: n,
                    line: no,
                    lines: vec![line],
                    deleted: Vec::new(),
                });
                continue;
            }
        }
        match (&section, para.as_mut()) {
            (Section::Order, None) => preamble.push(line),
            (Section::Order, Some(_)) if t.starts_with("**") || !ends_sentence(&line) => {
                flush(&mut para, &section, &mut order_paras, &mut rules_items, &mut placed)?;
                section = Section::Signature;
                signature.push(line);
            }
            (_, Some(p)) => p.lines.push(line),
            (Section::Rules, None) => rules_header.push(line),
            _ => signature.push(line),
        }
    }
    flush(&mut para, &section, &mut order_paras, &mut rules_items, &mut placed)?;

    let mut nodes = Vec::new();
    let node = |eid: EId, num: Option<String>, heading: Option<String>, text: String, children: Vec<Node>| Node {
        eid,
        num,
        heading,
        content: Content::of(text),
        children,
    };
    let top = |k: NodeKind| EId::top(k, None).map_err(|e| err(1, format!("{e}")));
    if let Some(t) = &title {
        nodes.push(node(top(NodeKind::Preface)?, None, None, t.clone(), vec![]));
    }
    if !preamble.is_empty() {
        nodes.push(node(top(NodeKind::Preamble)?, None, None, preamble.join("\n"), vec![]));
    }
    nodes.extend(order_paras);
    if !signature.is_empty() {
        nodes.push(node(
            top(NodeKind::Conclusions)?,
            None,
            None,
            signature.join("\n"),
            vec![],
        ));
    }
    if rules_heading.is_some() || !rules_items.is_empty() {
        let mut children = Vec::new();
        for item in rules_items {
            match item {
                RulesItem::Chapter(n, h) => {
                    let eid = rules_eid
                        .child(NodeKind::Chapter, Some(&n))
                        .map_err(|e| err(1, format!("chapter {n}: {e}")))?;
                    children.push(node(eid, Some(n), Some(h), String::new(), vec![]));
                }
                RulesItem::Para(p) => children.push(p),
            }
        }
        for a in annexes {
            let eid = rules_eid
                .child(NodeKind::Attachment, Some(&a.num))
                .map_err(|e| err(1, format!("annex {}: {e}", a.num)))?;
            let mut tables = Vec::new();
            for (k, rows) in a.tables {
                let teid = eid
                    .child(NodeKind::Table, Some(&k))
                    .map_err(|e| err(1, format!("{e}")))?;
                let mut header = Vec::new();
                let mut row_nodes: Vec<Node> = Vec::new();
                for cells in rows {
                    let serial = cells.first().map(|c| c.trim().trim_end_matches('.').to_string());
                    let numbered = serial
                        .as_deref()
                        .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '-'))
                        .filter(|s| !row_nodes.iter().any(|r| r.num.as_deref() == Some(s)));
                    let Some(s) = numbered else {
                        header.push(cells.join(" | "));
                        continue;
                    };
                    let reid = teid.child(NodeKind::Row, Some(s)).map_err(|e| err(1, format!("{e}")))?;
                    let mut cs = Vec::new();
                    for (ci, c) in cells.iter().enumerate() {
                        let ceid = reid
                            .child(NodeKind::Cell, Some(&(ci + 1).to_string()))
                            .map_err(|e| err(1, format!("{e}")))?;
                        cs.push(node(ceid, None, None, c.clone(), vec![]));
                    }
                    row_nodes.push(node(reid, Some(s.to_string()), None, String::new(), cs));
                }
                tables.push(node(teid, None, None, header.join("\n"), row_nodes));
            }
            children.push(node(
                eid,
                Some(a.num.clone()),
                Some(a.heading),
                a.text.join("\n"),
                tables,
            ));
        }
        nodes.push(node(
            rules_eid.clone(),
            Some("1".into()),
            rules_heading,
            rules_header.join("\n"),
            children,
        ));
    }

    let mut notes_out = Vec::new();
    for (p, container, last, in_place) in placed {
        let body = p
            .text
            .trim_start_matches("Ескерту.")
            .trim_start_matches("Сноска.")
            .trim()
            .to_string();
        let eid = if in_place {
            last.clone()
        } else {
            notes::subject(&body, container.as_ref()).or_else(|| last.clone().or(container.clone()))
        };
        let Some(eid) = eid else {
            return Err(err(
                p.line,
                format!("cannot tell which clause the note is about: {}", p.text),
            ));
        };
        let changes = notes::read_changes(&body);
        if changes.is_empty() {
            return Err(err(p.line, format!("the note names no act: {}", p.text)));
        }
        notes_out.push(Note {
            eid,
            lang,
            text: p.text,
            line: p.line,
            in_place,
            changes,
        });
    }
    Ok(ParsedRedaction {
        front_matter,
        nodes,
        notes: notes_out,
    })
}

/// True when a line ends as a sentence or a list item does.
fn ends_sentence(line: &str) -> bool {
    line.trim_end().ends_with(['.', ';', ':', ',', '»', '"'])
}

/// The annex's heading (the block quote's lines up to its number, in Kazakh, or up to
/// the Rules' name, in Russian) and the rest of the block, which is the annex's text.
fn annex_heading(block: &[String], lang: Lang) -> (String, Vec<String>) {
    let end = match lang {
        Lang::Ru => block
            .iter()
            .position(|l| {
                let l = l.trim_end_matches('»');
                l.ends_with("работ") || l.ends_with("работ»")
            })
            .unwrap_or(block.len().saturating_sub(1)),
        _ => block.iter().position(|l| ANNEX_KK.is_match(l)).unwrap_or(0),
    };
    let head: Vec<&str> = block.iter().take(end + 1).map(|s| s.as_str()).collect();
    (head.join(" "), block.iter().skip(end + 1).cloned().collect())
}

/// The rows of an HTML table: each row's cells, as text (tags removed, lines trimmed
/// and kept as abzats).
fn table_rows(html: &str) -> Vec<Vec<String>> {
    ROW.captures_iter(html)
        .map(|r| {
            let inner = r.get(1).map_or("", |m| m.as_str());
            CELL.captures_iter(inner)
                .map(|c| {
                    let t = c
                        .get(1)
                        .map_or("", |m| m.as_str())
                        .replace("<br>", "\n")
                        .replace("<br/>", "\n");
                    let t = TAG.replace_all(&t, "");
                    t.lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_order_rules_annex_and_notes() {
        let md = "# Тақырып\n\nБҰЙЫРАМЫН:\n\n1. Бекітілсін.\n\n**Министр**\n\n> *министрінің*  \n> *бұйрығымен бекітілген*\n\n## Қағидалар\n\n### 1-тарау. Жалпы\n\n<a id=\"p5\"></a>\n\n5. Ұғымдар:\n\n   *1) алып тасталды - ҚР министрінің 30.09.2025 № 429 (алғашқы ресми жарияланған күнінен кейін күнтізбелік алпыс күн өткен соң қолданысқа енгізіледі) бұйрығымен.*\n\n   2) рұқсат;\n\n> *Ескерту. 5-тармаққа өзгеріс енгізілді - ҚР министрінің 30.09.2025 № 429 (алғашқы ресми жарияланған күнінен кейін күнтізбелік алпыс күн өткен соң қолданысқа енгізіледі) бұйрығымен.*\n\n> *рұқсат беру қағидаларына*  \n> *2-қосымша*\n\n<table>\n<tr>\n<td>1</td>\n<td>Атауы</td>\n</tr>\n</table>\n";
        let p = parse(md, Lang::Kk, "t.md").unwrap();
        let mut ids = Vec::new();
        for n in &p.nodes {
            n.walk(&mut |x| ids.push(x.eid.to_string()));
        }
        assert_eq!(
            ids,
            [
                "preface",
                "preamble",
                "para_1",
                "conclusions",
                "att_1",
                "att_1__chp_1",
                "att_1__para_5",
                "att_1__para_5__subpara_1",
                "att_1__para_5__subpara_2",
                "att_1__att_2",
                "att_1__att_2__table_1",
                "att_1__att_2__table_1__row_1",
                "att_1__att_2__table_1__row_1__cell_1",
                "att_1__att_2__table_1__row_1__cell_2"
            ]
        );
        let notes: Vec<(&str, bool)> = p.notes.iter().map(|n| (n.eid.as_str(), n.in_place)).collect();
        assert_eq!(notes, [("att_1__para_5__subpara_1", true), ("att_1__para_5", false)]);
    }

    #[test]
    fn anchor_must_match_the_paragraph() {
        let md = "# Т\n\n> *бекітілген*\n\n## Қ\n\n<a id=\"p6\"></a>\n\n5. Мәтін.\n";
        let e = parse(md, Lang::Kk, "t.md").unwrap_err();
        assert!(e.message.contains("anchor p6"), "{e}");
    }
}

//! Reading an order's own structure from its plain text, as a drafter has it.
//!
//! Every non-empty line is an abzats (blank lines only separate). The parts, in order:
//!
//! * the **preface**: the title and the requisites line (city, date, number; the
//!   registry's copy also names the issuer and the registration), in either order;
//! * the **preamble**: whatever precedes the line with `БҰЙЫРАМЫН:` (or `ПРИКАЗЫВАЮ:`),
//!   and that line;
//! * the **paragraphs** `1. …`, `2. …` (`para_N`), with their subparagraphs `1) …`
//!   (`para_N__subpara_K`); a paragraph that opens like an amendment or a repeal keeps
//!   its lines as they are (its `1)` lines are instructions, not subparagraphs);
//! * the **signature**: the post (one or more lines) and the name (`Ч. Аринов`), or both
//!   on one line separated by a tab (`conclusions`);
//! * the **annexes**: a line ending `… бұйрығына қосымша` (or `Бұйрыққа N-қосымша`)
//!   opens `att_N`; the lines between the signature's name and it are its header, joined
//!   into its first line. Its numbered items `1. …` are `att_N__para_K`; a line ending
//!   `…тізбесінің M-қосымшасы` (or naming the List, `Тізбеге M-қосымша`) opens the
//!   annex's own annex `att_N__att_M`.
//!
//! Quoted new wordings (`"…"` or `«…»`, over several lines) belong to the paragraph or
//! item that quotes them, line by line, whatever their lines look like; they end where
//! the amendment parser ends them ([`crate::parse::structure::find_block`]), and a quoted
//! table row at its row line. Pipe-table lines (`| 1 | … |`) inside a paragraph stay
//! lines; in an annex, a table that ends the annex becomes its `table_1` node (rows by
//! serial number, as in clause Markdown) and a table followed by more text stays in the
//! text as one abzats (a clause tree holds no text after a child node).
//!
//! The result has the shape of the corpus's clause trees (Order No. 429's
//! `text.kk.md` is the reference), so [`crate::parse::parse_amending_act`] reads it. Pure:
//! text in, tree out.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::report::Severity;
use super::requisites::{self, Requisites, Signature};
use crate::clause_markdown;
use crate::model::{Content, EId, Node, NodeKind};
use crate::parse::formulas::{self, Instruction};
use crate::parse::structure::{self, BlockError};

/// The largest text read, in bytes (Order No. 429 is about 0.1 MiB).
pub const MAX_TEXT_BYTES: usize = 8 << 20;

/// The longest line that can be a line of the signature.
const MAX_SIGNATURE_LINE: usize = 160;

fn re(p: &str) -> Regex {
    Regex::new(p).expect("constant regex")
}

static PARA: LazyLock<Regex> = LazyLock::new(|| re(r"^(?P<n>\d{1,4})\.\s+(?P<rest>\S.*)$"));
static SUB: LazyLock<Regex> = LazyLock::new(|| re(r"^(?P<n>\d{1,4})\)\s*(?P<rest>\S.*)$"));
static TOP_ANNEX: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?:бұйры|қаулы)\p{L}*\s+(?:(?P<n>\d{1,3})\s*-\s*)?қосымша\.?$"));
static SUB_ANNEX: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)(?P<n>\d{1,3})\s*-\s*қосымшасы\.?$"));
static LIST_ANNEX: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)тізбе\p{L}*\s+(?P<n>\d{1,3})\s*-\s*қосымша\.?$"));

/// Why a text cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// Nothing but white space.
    #[error("the text is empty")]
    Empty,
    /// Larger than [`MAX_TEXT_BYTES`].
    #[error("the text is {bytes} bytes, more than the {max} a draft may have")]
    TooLarge {
        /// Its size.
        bytes: usize,
        /// The limit.
        max: usize,
    },
    /// A control character: the input is binary, not text.
    #[error("line {line}, column {column}: control character U+{code:04X}; the input is not plain text")]
    ControlCharacter {
        /// The 1-based line.
        line: usize,
        /// The 1-based column, in characters.
        column: usize,
        /// The character's code point.
        code: u32,
    },
    /// No numbered paragraph: the text has no body.
    #[error("line {line}: no numbered paragraph (\"1. …\") follows; an order's body is its numbered paragraphs")]
    NoParagraphs {
        /// The last line read.
        line: usize,
    },
}

impl TextError {
    /// The stable snake_case code of the error.
    pub fn code(&self) -> &'static str {
        match self {
            TextError::Empty => "empty_text",
            TextError::TooLarge { .. } => "text_too_large",
            TextError::ControlCharacter { .. } => "not_plain_text",
            TextError::NoParagraphs { .. } => "no_paragraphs",
        }
    }

    /// The line the error is on, when it has one.
    pub fn line(&self) -> Option<usize> {
        match self {
            TextError::ControlCharacter { line, .. } | TextError::NoParagraphs { line } => Some(*line),
            _ => None,
        }
    }
}

/// Something odd in the text that does not stop it being read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct TextProblem {
    /// Error or warning.
    pub severity: Severity,
    /// A stable snake_case code.
    pub code: &'static str,
    /// The 1-based line.
    pub line: usize,
    /// The line as written.
    pub text: String,
    /// What is wrong, in English.
    pub message: String,
}

/// A line of the text that states something: its number and text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Stated {
    /// The 1-based line.
    pub line: usize,
    /// The text.
    pub text: String,
}

/// An order read from its text.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderText {
    /// The clause tree.
    pub tree: Vec<Node>,
    /// The title.
    pub title: Option<Stated>,
    /// The requisites line of the preface.
    pub requisites: Option<Requisites>,
    /// The signature.
    pub signature: Option<Signature>,
    /// The requisites the annex's header repeats (`… 2025 жылғы 30 қыркүйектегі № 429
    /// Бұйрыққа қосымша`), per annex.
    pub annex_requisites: Vec<Requisites>,
    /// What is odd but readable.
    pub problems: Vec<TextProblem>,
    /// Each node's own abzats → the 1-based lines they come from.
    lines: HashMap<EId, Vec<usize>>,
}

impl OrderText {
    /// The 1-based line of abzats `abzats` (1-based) of the item `item`, counted as the
    /// amendment parser counts an item's abzats: its own lines, then its children's.
    pub fn line_of(&self, item: &str, abzats: u32) -> Option<usize> {
        let node = find(&self.tree, item)?;
        let mut out = Vec::new();
        self.collect_lines(node, &mut out);
        out.get(usize::try_from(abzats).ok()?.checked_sub(1)?).copied()
    }

    /// The first line of the node `eid`.
    pub fn first_line(&self, eid: &str) -> Option<usize> {
        let node = find(&self.tree, eid)?;
        let mut out = Vec::new();
        self.collect_lines(node, &mut out);
        out.first().copied()
    }

    fn collect_lines(&self, n: &Node, out: &mut Vec<usize>) {
        if let Some(ls) = self.lines.get(&n.eid) {
            out.extend(ls);
        }
        for c in &n.children {
            if c.eid.kind() != NodeKind::Attachment {
                self.collect_lines(c, out);
            }
        }
    }
}

fn find<'n>(tree: &'n [Node], eid: &str) -> Option<&'n Node> {
    for n in tree {
        if n.eid.as_str() == eid {
            return Some(n);
        }
        if eid.starts_with(&format!("{}__", n.eid))
            && let Some(f) = find(&n.children, eid)
        {
            return Some(f);
        }
    }
    None
}

/// One line of the input.
struct Line {
    /// 1-based.
    no: usize,
    /// Trimmed, tabs as single spaces.
    text: String,
    /// Trimmed, tabs kept (the signature's post and name may be tab-separated).
    raw: String,
}

/// A node being built.
struct Building {
    eid: EId,
    num: Option<String>,
    lines: Vec<(usize, String)>,
    children: Vec<Building>,
    /// A paragraph whose lines stay as written (it amends).
    raw: bool,
    /// The number the next paragraph (or subparagraph) below it must have.
    next: u32,
    /// An annex: tables in its text are read as tables.
    annex: bool,
}

impl Building {
    fn new(eid: EId, num: Option<String>) -> Building {
        let annex = eid.kind() == NodeKind::Attachment;
        Building {
            eid,
            num,
            lines: Vec::new(),
            children: Vec::new(),
            raw: false,
            next: 1,
            annex,
        }
    }
}

/// Reads the text of an order. Errors only when there is nothing to read; what is odd
/// but readable is in [`OrderText::problems`].
pub fn read(text: &str) -> Result<OrderText, TextError> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(TextError::TooLarge {
            bytes: text.len(),
            max: MAX_TEXT_BYTES,
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = Vec::new();
    for (i, l) in text.lines().enumerate() {
        if let Some((col, c)) = l.chars().enumerate().find(|(_, c)| c.is_control() && *c != '\t') {
            return Err(TextError::ControlCharacter {
                line: i + 1,
                column: col + 1,
                code: u32::from(c),
            });
        }
        let raw = l.trim().to_string();
        if raw.is_empty() {
            continue;
        }
        let text = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        lines.push(Line { no: i + 1, text, raw });
    }
    let Some(last) = lines.last() else {
        return Err(TextError::Empty);
    };
    let last_no = last.no;
    Reader::new(lines)
        .run()
        .ok_or(TextError::NoParagraphs { line: last_no })
}

struct Reader {
    lines: Vec<Line>,
    texts: Vec<String>,
    stack: Vec<Building>,
    roots: Vec<Building>,
    next_para: u32,
    preamble: Option<Building>,
    signature: Option<Signature>,
    conclusions: Option<Building>,
    annex_requisites: Vec<Requisites>,
    problems: Vec<TextProblem>,
    in_annex: bool,
}

impl Reader {
    fn new(lines: Vec<Line>) -> Reader {
        let texts = lines.iter().map(|l| l.text.clone()).collect();
        Reader {
            lines,
            texts,
            stack: Vec::new(),
            roots: Vec::new(),
            next_para: 1,
            preamble: None,
            signature: None,
            conclusions: None,
            annex_requisites: Vec::new(),
            problems: Vec::new(),
            in_annex: false,
        }
    }

    fn problem(&mut self, severity: Severity, code: &'static str, i: usize, message: String) {
        let (line, text) = self.lines.get(i).map_or((0, String::new()), |l| (l.no, l.text.clone()));
        self.problems.push(TextProblem {
            severity,
            code,
            line,
            text,
            message,
        });
    }

    fn run(mut self) -> Option<OrderText> {
        let marker = self.lines.iter().position(|l| {
            let t = l.text.to_lowercase();
            (t.contains("бұйырамын") || t.contains("приказываю")) && !PARA.is_match(&l.text)
        });
        let body_start = match marker {
            Some(m) => m + 1,
            None => self
                .lines
                .iter()
                .position(|l| para_label(&l.text).is_some_and(|(n, _)| n == 1))?,
        };
        // The preface: the title and the requisites; what follows them before the
        // marker is the preamble.
        let head_end = marker.unwrap_or(body_start);
        let mut title = None;
        let mut req = None;
        let mut preface_end = 0;
        for (i, l) in self.lines.iter().enumerate().take(head_end) {
            if req.is_none()
                && let Some(r) = requisites::read(&l.text, l.no)
            {
                req = Some(r);
                preface_end = i + 1;
            } else if title.is_none() && !is_document_word(&l.text) {
                title = Some(Stated {
                    line: l.no,
                    text: l.text.clone(),
                });
                preface_end = i + 1;
            } else if title.is_none() {
                preface_end = i + 1;
            }
        }
        if head_end > 0 && preface_end == 0 {
            preface_end = head_end;
        }
        if preface_end > 0
            && let Some(eid) = top(NodeKind::Preface, None)
        {
            let mut p = Building::new(eid, None);
            for l in self.lines.iter().take(preface_end) {
                p.lines.push((l.no, l.text.clone()));
            }
            self.roots.push(p);
        } else {
            self.problem(
                Severity::Warning,
                "no_title",
                0,
                "the text has no title before its body".into(),
            );
        }
        if let Some(m) = marker
            && let Some(eid) = top(NodeKind::Preamble, None)
        {
            let mut p = Building::new(eid, None);
            for l in self.lines.iter().take(m + 1).skip(preface_end) {
                p.lines.push((l.no, l.text.clone()));
            }
            self.preamble = Some(p);
        }
        let mut i = body_start;
        let mut any_para = false;
        while i < self.lines.len() {
            i = self.step(i, &mut any_para);
        }
        if !any_para {
            return None;
        }
        if !self.in_annex {
            self.take_signature(false);
        }
        self.close_all();
        let mut roots = Vec::new();
        let mut rest = std::mem::take(&mut self.roots);
        // Document order: preface, preamble, paragraphs, conclusions, annexes.
        let preface_at = rest.iter().position(|b| b.eid.kind() == NodeKind::Preface);
        if let Some(p) = preface_at {
            roots.push(rest.remove(p));
        }
        if let Some(p) = self.preamble.take() {
            roots.push(p);
        }
        let (atts, paras): (Vec<Building>, Vec<Building>) =
            rest.into_iter().partition(|b| b.eid.kind() == NodeKind::Attachment);
        roots.extend(paras);
        if let Some(c) = self.conclusions.take() {
            roots.push(c);
        }
        roots.extend(atts);
        let mut map = HashMap::new();
        let mut tree = Vec::new();
        for b in roots {
            tree.push(finish(b, &mut map, &mut self.problems));
        }
        Some(OrderText {
            tree,
            title,
            requisites: req,
            signature: self.signature,
            annex_requisites: self.annex_requisites,
            problems: self.problems,
            lines: map,
        })
    }

    /// Reads line `i`; returns the next line to read.
    fn step(&mut self, i: usize, any_para: &mut bool) -> usize {
        let Some(line) = self.lines.get(i) else { return i + 1 };
        let text = line.text.clone();
        let no = line.no;
        let in_para = self
            .stack
            .last()
            .is_some_and(|b| matches!(b.eid.kind(), NodeKind::Paragraph | NodeKind::Subparagraph));
        // A quoted new wording: every line of it belongs to the paragraph.
        if in_para && opens_block(&text) {
            let end = self.block_end(i);
            for j in i..=end {
                if let (Some(l), Some(top)) = (self.lines.get(j), self.stack.last_mut()) {
                    top.lines.push((l.no, l.text.clone()));
                }
            }
            return end + 1;
        }
        // An annex of the order.
        if let Some(c) = TOP_ANNEX.captures(&text)
            && !(self.in_annex && (SUB_ANNEX.is_match(&text) || LIST_ANNEX.is_match(&text)))
        {
            let n = c.name("n").map_or("1", |m| m.as_str()).to_string();
            let header = if self.in_annex {
                Vec::new()
            } else {
                self.take_signature(true)
            };
            self.close_all();
            self.in_annex = true;
            let Some(eid) = top(NodeKind::Attachment, Some(&n)) else {
                return i + 1;
            };
            let mut att = Building::new(eid, Some(n));
            let first = header.first().map_or(no, |(l, _)| *l);
            let mut joined: Vec<String> = header.into_iter().map(|(_, t)| t).collect();
            joined.push(text.clone());
            let joined = joined.join(" ");
            if let Some(r) = requisites::read(&joined, first) {
                self.annex_requisites.push(r);
            }
            att.lines.push((first, joined));
            self.stack.push(att);
            return i + 1;
        }
        // An annex of an annex.
        if self.in_annex
            && let Some(c) = SUB_ANNEX.captures(&text).or_else(|| LIST_ANNEX.captures(&text))
            && let Some(n) = c.name("n").map(|m| m.as_str().to_string())
        {
            while self.stack.len() > 1 {
                self.close();
            }
            let Some(parent) = self.stack.last().map(|b| b.eid.clone()) else {
                return i + 1;
            };
            match parent.child(NodeKind::Attachment, Some(&n)) {
                Ok(eid) => {
                    if self
                        .stack
                        .last()
                        .is_some_and(|p| p.children.iter().any(|c| c.eid == eid))
                    {
                        self.problem(
                            Severity::Error,
                            "duplicate_number",
                            i,
                            format!("annex {n} of `{parent}` appears twice"),
                        );
                    }
                    let mut b = Building::new(eid, Some(n));
                    b.lines.push((no, text));
                    self.stack.push(b);
                }
                Err(e) => self.problem(Severity::Error, "bad_number", i, e.to_string()),
            }
            return i + 1;
        }
        // A paragraph (of the body, or an item of an annex).
        if let Some((n, rest)) = para_label(&text) {
            let holder = self.stack.iter().rposition(|b| b.eid.kind() == NodeKind::Attachment);
            let expected = match holder.and_then(|h| self.stack.get(h)) {
                Some(b) => b.next,
                None => self.next_para,
            };
            if n == expected {
                self.open_para(holder, n, &rest, no);
                *any_para = true;
                return i + 1;
            }
            if n > expected && (holder.is_some() || !self.stack.is_empty()) {
                // Read as text of what is open: a wording that escaped its quotes reads
                // so too, and the parser reports it where it is.
                self.problem(
                    Severity::Warning,
                    "numbering_gap",
                    i,
                    format!("this line is numbered {n} where paragraph {expected} is expected; it is read as text of the paragraph before it"),
                );
            }
        }
        // A subparagraph of a paragraph that does not amend.
        if let Some((n, rest)) = sub_label(&text) {
            let para = self.stack.iter().rposition(|b| b.eid.kind() == NodeKind::Paragraph);
            if let Some(p) = para
                && let Some(pb) = self.stack.get(p)
                && !pb.raw
                && pb.next == n
            {
                while self.stack.len() > p + 1 {
                    self.close();
                }
                if let Some(pb) = self.stack.get_mut(p) {
                    pb.next = n + 1;
                    let eid = pb.eid.child(NodeKind::Subparagraph, Some(&n.to_string()));
                    if let Ok(eid) = eid {
                        let mut b = Building::new(eid, Some(n.to_string()));
                        b.lines.push((no, rest));
                        self.stack.push(b);
                        return i + 1;
                    }
                }
            }
        }
        // Any other line: an abzats of what is open.
        match self.stack.last_mut() {
            Some(top) => top.lines.push((no, text)),
            None => {
                if self.preamble.is_none() {
                    self.preamble = top(NodeKind::Preamble, None).map(|e| Building::new(e, None));
                }
                if let Some(p) = self.preamble.as_mut() {
                    p.lines.push((no, text));
                }
            }
        }
        i + 1
    }

    fn open_para(&mut self, holder: Option<usize>, n: u32, rest: &str, no: usize) {
        let keep = holder.map_or(0, |h| h + 1);
        while self.stack.len() > keep {
            self.close();
        }
        let parent = holder.and_then(|h| self.stack.get(h)).map(|b| b.eid.clone());
        let num = n.to_string();
        let eid = match &parent {
            Some(p) => p.child(NodeKind::Paragraph, Some(&num)),
            None => EId::top(NodeKind::Paragraph, Some(&num)),
        };
        let Ok(eid) = eid else { return };
        match holder.and_then(|h| self.stack.get_mut(h)) {
            Some(b) => b.next = b.next.max(n + 1),
            None => self.next_para = self.next_para.max(n + 1),
        }
        let mut b = Building::new(eid, Some(num));
        b.raw = amends(rest);
        b.lines.push((no, rest.to_string()));
        self.stack.push(b);
    }

    /// The last line of the quoted block opened at line `i`.
    fn block_end(&mut self, i: usize) -> usize {
        let is_ins = |l: &str| is_instruction(l) || TOP_ANNEX.is_match(l);
        let next_is_row = self.texts.get(i + 1).is_some_and(|l| l.starts_with('|'));
        let lone = self.texts.get(i).is_some_and(|l| l.chars().count() == 1);
        if lone && next_is_row {
            return match structure::find_row(&self.texts, i) {
                Ok(b) => b.last,
                Err(_) => i,
            };
        }
        match structure::find_block(&self.texts, i, &is_ins) {
            Ok(b) => b.last,
            Err(BlockError::Unclosed(k)) => {
                let until = self
                    .lines
                    .get(k + 1)
                    .map_or("the end of the text".to_string(), |l| format!("line {}", l.no));
                self.problem(
                    Severity::Error,
                    "unclosed_quote",
                    i,
                    format!("the quote opened here is not closed before {until}"),
                );
                k.max(i)
            }
            Err(_) => i,
        }
    }

    fn close(&mut self) {
        if let Some(b) = self.stack.pop() {
            match self.stack.last_mut() {
                Some(p) => p.children.push(b),
                None => self.roots.push(b),
            }
        }
    }

    fn close_all(&mut self) {
        while !self.stack.is_empty() {
            self.close();
        }
    }

    /// Takes the signature off the end of the innermost open node: its trailing short,
    /// unlabelled, unpunctuated lines up to the last name among them. Returns the lines
    /// after the name (an annex's header, when `annex` is next).
    fn take_signature(&mut self, annex: bool) -> Vec<(usize, String)> {
        let raw_of: HashMap<usize, String> = self.lines.iter().map(|l| (l.no, l.raw.clone())).collect();
        let Some(open) = self.stack.last_mut() else {
            return Vec::new();
        };
        let skip = usize::from(open.eid.kind() == NodeKind::Paragraph || open.eid.kind() == NodeKind::Subparagraph);
        let mut start = open.lines.len();
        while start > skip {
            let Some((_, t)) = open.lines.get(start - 1) else { break };
            if !signature_like(t) {
                break;
            }
            start -= 1;
        }
        let cands: Vec<(usize, String)> = open.lines.get(start..).map(<[_]>::to_vec).unwrap_or_default();
        let name_at = cands
            .iter()
            .rposition(|(no, t)| requisites::is_name(t) || raw_of.get(no).is_some_and(|r| tab_name(r).is_some()));
        let Some(k) = name_at else {
            return Vec::new();
        };
        open.lines.truncate(start);
        let mut post: Vec<(usize, String)> = cands.get(..k).map(<[_]>::to_vec).unwrap_or_default();
        let Some((no, name_line)) = cands.get(k).cloned() else {
            return Vec::new();
        };
        let name = match raw_of.get(&no).and_then(|r| tab_name(r)) {
            Some((p, n)) => {
                post.push((no, p));
                n
            }
            None => name_line,
        };
        let after: Vec<(usize, String)> = cands.get(k + 1..).map(<[_]>::to_vec).unwrap_or_default();
        let post_text = post.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join(" ");
        self.signature = Some(Signature {
            line: no,
            post: (!post_text.is_empty()).then_some(post_text),
            name: name.clone(),
        });
        let mut lines = post;
        lines.push((no, name));
        let after = if annex {
            after
        } else {
            lines.extend(after);
            Vec::new()
        };
        self.conclusions = top(NodeKind::Conclusions, None).map(|eid| Building {
            lines,
            ..Building::new(eid, None)
        });
        after
    }
}

/// The eId of a top-level node (`None` only for a number no eId can hold).
fn top(kind: NodeKind, num: Option<&str>) -> Option<EId> {
    EId::top(kind, num).ok()
}

/// `N. rest` → (N, rest).
fn para_label(t: &str) -> Option<(u32, String)> {
    let c = PARA.captures(t)?;
    let n = c.name("n")?.as_str().parse().ok()?;
    Some((n, c.name("rest")?.as_str().to_string()))
}

/// `K) rest` → (K, rest).
fn sub_label(t: &str) -> Option<(u32, String)> {
    let c = SUB.captures(t)?;
    let n = c.name("n")?.as_str().parse().ok()?;
    Some((n, c.name("rest")?.as_str().to_string()))
}

fn is_instruction(l: &str) -> bool {
    formulas::classify(l, &formulas::normalise(l)).is_some()
        || formulas::strip_label(l).is_some_and(|s| formulas::classify(s, &formulas::normalise(s)).is_some())
}

/// True when a paragraph opening like this amends or repeals an act.
fn amends(first: &str) -> bool {
    matches!(
        formulas::classify(first, &formulas::normalise(first)),
        Some(Instruction::Opening(_) | Instruction::Repeal(Some(_)))
    )
}

/// True for a line that is only a document word (`БҰЙРЫҚ`, `ПРИКАЗ`), not a title.
fn is_document_word(t: &str) -> bool {
    matches!(
        t.trim().to_lowercase().as_str(),
        "бұйрық" | "приказ" | "бұйрығы" | "қаулы" | "постановление"
    )
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '"' | '«' | '“' | '„')
}

/// True when the line opens a quoted block that does not close on it: it starts with an
/// opening quote and its quotes do not balance.
fn opens_block(t: &str) -> bool {
    if !t.starts_with(is_open_quote) {
        return false;
    }
    let straight = t.chars().filter(|c| matches!(c, '"' | '“' | '”')).count();
    let depth: i64 = t
        .chars()
        .map(|c| match c {
            '«' | '„' => 1,
            '»' => -1,
            _ => 0,
        })
        .sum();
    straight % 2 == 1 || depth != 0
}

/// True for a line that can be part of a signature: short, unlabelled, not quoted, not a
/// table row, not ending like a sentence.
fn signature_like(t: &str) -> bool {
    t.chars().count() <= MAX_SIGNATURE_LINE
        && para_label(t).is_none()
        && sub_label(t).is_none()
        && !t.starts_with(is_open_quote)
        && !t.starts_with('|')
        && (!t.ends_with(['.', ';', ':', ',']) || requisites::is_name(t))
}

/// A line `post<TAB>name` → (post, name).
fn tab_name(raw: &str) -> Option<(String, String)> {
    let (post, name) = raw.rsplit_once('\t')?;
    let post = post.split_whitespace().collect::<Vec<_>>().join(" ");
    let name = name.trim();
    (requisites::is_name(name) && !post.is_empty()).then(|| (post, name.to_string()))
}

/// Builds the node, recording each abzats' line; an annex's tables become table nodes
/// or one abzats (see the module's documentation). A table that cannot be read into
/// rows stays text, and is reported.
fn finish(b: Building, map: &mut HashMap<EId, Vec<usize>>, problems: &mut Vec<TextProblem>) -> Node {
    let mut lines = b.lines;
    let mut table = None;
    if b.annex {
        // A trailing run of table lines is the annex's table.
        let start = lines
            .iter()
            .rposition(|(_, t)| !t.starts_with('|'))
            .map_or(0, |k| k + 1);
        if start < lines.len() && start > 0 {
            let rows: Vec<(usize, String)> = lines.get(start..).map(<[_]>::to_vec).unwrap_or_default();
            let first = rows.first().map_or(0, |r| r.0);
            let texts: Vec<String> = rows.iter().map(|(_, t)| t.clone()).collect();
            let built = b
                .eid
                .child(NodeKind::Table, Some("1"))
                .map_err(|e| e.to_string())
                .and_then(|teid| clause_markdown::table_rows(&teid, &texts).map(|rows| (teid, rows)));
            match built {
                Ok((teid, children)) => {
                    lines.truncate(start);
                    for (c, (no, _)) in children.iter().zip(rows.iter().filter(|(_, t)| !is_separator(t))) {
                        map.insert(c.eid.clone(), vec![*no]);
                    }
                    map.insert(teid.clone(), Vec::new());
                    table = Some(Node {
                        eid: teid,
                        num: None,
                        heading: None,
                        content: Content::of(""),
                        children,
                    });
                }
                Err(m) => problems.push(TextProblem {
                    severity: Severity::Error,
                    code: "malformed_table",
                    line: first,
                    text: texts.first().cloned().unwrap_or_default(),
                    message: format!("the table cannot be read into rows: {m}"),
                }),
            }
        }
        // Table lines inside the text: one abzats.
        let mut joined: Vec<(usize, String)> = Vec::with_capacity(lines.len());
        let mut prev_pipe = false;
        for (no, t) in lines {
            let pipe = t.starts_with('|');
            match joined.last_mut() {
                Some((_, last)) if pipe && prev_pipe => {
                    last.push(' ');
                    last.push_str(&t);
                }
                _ => joined.push((no, t)),
            }
            prev_pipe = pipe;
        }
        lines = joined;
    }
    map.insert(b.eid.clone(), lines.iter().map(|(no, _)| *no).collect());
    let text = lines.into_iter().map(|(_, t)| t).collect::<Vec<_>>().join("\n");
    let mut children = Vec::new();
    children.extend(table);
    for c in b.children {
        children.push(finish(c, map, problems));
    }
    Node {
        eid: b.eid,
        num: b.num,
        heading: None,
        content: Content::of(text),
        children,
    }
}

fn is_separator(t: &str) -> bool {
    let cells = clause_markdown::table_cells(t);
    cells
        .iter()
        .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_small_order() {
        let t = "Сынақ туралы\n\nАстана қаласы 2026 жылғы 5 ақпан № 7\n\nБҰЙЫРАМЫН:\n1. Бірінші тармақ:\n1) бір;\n2) екі.\n2. Екінші.\nМинистр\tА. Сынақов\n";
        let o = read(t).unwrap();
        let eids: Vec<&str> = o.tree.iter().map(|n| n.eid.as_str()).collect();
        assert_eq!(eids, ["preface", "preamble", "para_1", "para_2", "conclusions"]);
        assert_eq!(o.tree[2].children.len(), 2);
        assert_eq!(o.tree[2].children[1].content, Content::of("екі."));
        assert_eq!(o.tree[4].content, Content::of("Министр\nА. Сынақов"));
        let s = o.signature.clone().unwrap();
        assert_eq!(
            (s.post.as_deref(), s.name.as_str(), s.line),
            (Some("Министр"), "А. Сынақов", 10)
        );
        assert_eq!(o.title.as_ref().unwrap().text, "Сынақ туралы");
        assert_eq!(o.requisites.as_ref().and_then(|r| r.number.as_deref()), Some("7"));
        assert_eq!(o.line_of("para_1", 3), Some(8));
    }

    #[test]
    fn a_number_out_of_turn_is_text_with_a_warning() {
        let o = read("Т\nБҰЙЫРАМЫН:\n1. Бір.\n3. Үш.\n2. Екі.\n").unwrap();
        let eids: Vec<&str> = o.tree.iter().map(|n| n.eid.as_str()).collect();
        assert_eq!(eids, ["preface", "preamble", "para_1", "para_2"]);
        assert_eq!(o.tree[2].content, Content::of("Бір.\n3. Үш."));
        assert_eq!(o.problems.len(), 1);
        assert_eq!((o.problems[0].code, o.problems[0].line), ("numbering_gap", 4));
    }

    #[test]
    fn refuses_what_has_no_body() {
        assert_eq!(read(""), Err(TextError::Empty));
        assert_eq!(read("  \n\n"), Err(TextError::Empty));
        assert_eq!(read("Тек тақырып туралы\n"), Err(TextError::NoParagraphs { line: 1 }));
        assert_eq!(
            read("Тақырып\nБҰЙЫРАМЫН:\nмәтін\n"),
            Err(TextError::NoParagraphs { line: 3 })
        );
        assert!(matches!(
            read("1. а\u{0}б"),
            Err(TextError::ControlCharacter {
                line: 1,
                column: 5,
                code: 0
            })
        ));
    }
}

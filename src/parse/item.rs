//! An item of an amending act: which paragraphs are items and their lines (abzats), and
//! the reader that walks an item's lines with the context its headings set.

use super::error::{Failure, ParseError, ParseErrorKind, malformed};
use super::formulas::{self, Instruction};
use super::reading::ReadInstruction;
use super::structure::{self, BlockError};
use super::targets::Target;
use crate::amend::Operation;
use crate::dates::EntryIntoForce;
use crate::model::{AbzatsRange, Act, EId, Lang, Node, NodeKind};

/// The List: the first top-level attachment with paragraph children.
pub(super) fn list_of(tree: &[Node]) -> Option<&Node> {
    tree.iter().find(|n| {
        n.eid.kind() == NodeKind::Attachment && n.children.iter().any(|c| c.eid.kind() == NodeKind::Paragraph)
    })
}

/// An item and its lines.
pub(super) struct Item {
    pub(super) eid: String,
    pub(super) lines: Vec<String>,
}

/// The lines of a node: its text's lines, then its children's (not attachments'), each
/// first line labelled with the child's number.
fn lines_of(n: &Node, out: &mut Vec<String>) {
    if let Some(t) = n.content.text() {
        out.extend(t.split('\n').map(str::to_string));
    }
    for c in &n.children {
        if c.eid.kind() == NodeKind::Attachment {
            continue;
        }
        let mut sub = Vec::new();
        lines_of(c, &mut sub);
        if let (Some(num), Some(first)) = (&c.num, sub.first_mut()) {
            let sep = if c.eid.kind() == NodeKind::Subparagraph {
                ")"
            } else {
                "."
            };
            *first = format!("{num}{sep} {first}");
        }
        out.extend(sub);
    }
}

/// The items: the List's paragraphs, and the order's own paragraphs that open like an
/// amendment or a repeal.
pub(super) fn items(lang: Lang, tree: &[Node], list: Option<&Node>) -> Vec<Item> {
    let mut out = Vec::new();
    for n in tree.iter().filter(|n| n.eid.kind() == NodeKind::Paragraph) {
        let mut lines = Vec::new();
        lines_of(n, &mut lines);
        let opens = lines.first().is_some_and(|l| {
            matches!(
                formulas::classify_in(lang, l, &formulas::normalise(l)),
                Some(Instruction::Opening(_) | Instruction::Repeal(Some(_)))
            )
        });
        if opens {
            out.push(Item {
                eid: n.eid.to_string(),
                lines,
            });
        }
    }
    if let Some(l) = list {
        for n in l.children.iter().filter(|c| c.eid.kind() == NodeKind::Paragraph) {
            let mut lines = Vec::new();
            lines_of(n, &mut lines);
            out.push(Item {
                eid: n.eid.to_string(),
                lines,
            });
        }
    }
    out
}

/// What the headings read so far say.
#[derive(Debug, Default)]
pub(super) struct Context {
    /// The amended act.
    pub(super) target: Option<usize>,
    /// The item opening failed (its error is reported); instructions are read but make
    /// no operations.
    pub(super) target_failed: bool,
    /// The Rules (an attachment of the target); `None` for the act itself.
    pub(super) rules: Option<EId>,
    /// The Rules heading failed.
    pub(super) rules_failed: bool,
    /// The attachment context (`N-қосымшада:`).
    pub(super) att: Option<EId>,
    /// The paragraph context (`N-тармақта:`).
    pub(super) para: Option<EId>,
    /// The article context (`N-бапта:`, `в статье N:`).
    pub(super) art: Option<EId>,
}

/// Reads one item.
pub(super) struct ItemParser<'p, 'a> {
    pub(super) lang: Lang,
    pub(super) act: &'p Act,
    pub(super) tree: &'p [Node],
    pub(super) list: Option<&'p EId>,
    pub(super) targets: &'p [Target<'a>],
    pub(super) eif: Option<&'p EntryIntoForce>,
    pub(super) item: &'p str,
    pub(super) lines: &'p [String],
    pub(super) ctx: Context,
    pub(super) ops: &'p mut Vec<Operation>,
    pub(super) errors: &'p mut Vec<ParseError>,
    /// Every instruction that makes operations, as read, made or not.
    pub(super) reading: &'p mut Vec<ReadInstruction>,
}

impl ItemParser<'_, '_> {
    fn error(&mut self, line: usize, text: &str, kind: ParseErrorKind) {
        self.errors.push(ParseError {
            act: self.act.id,
            item: self.item.to_string(),
            abzats: u32::try_from(line + 1).ok(),
            text: text.to_string(),
            kind,
        });
    }

    pub(super) fn run(&mut self) {
        let mut i = 0;
        while i < self.lines.len() {
            let Some(line) = self.lines.get(i) else { break };
            if line.trim().is_empty() {
                i += 1;
                continue;
            }
            match self.instruction(i) {
                Some((ins, last, text)) => {
                    i = self.apply(ins, i, last, &text);
                }
                None => {
                    let text = line.clone();
                    self.error(i, &text, ParseErrorKind::UnrecognisedInstruction);
                    i = self.skip_after_unrecognised(i);
                }
            }
        }
    }

    /// After an unrecognised line: skip the quoted block it starts or introduces, so
    /// that the block's lines are not reported one by one.
    fn skip_after_unrecognised(&self, i: usize) -> usize {
        let starts_quote = |l: &str| l.trim_start().starts_with(['"', '«', '“', '„']);
        let is_ins = |l: &str| self.is_instruction(l);
        let line = self.lines.get(i).map_or("", String::as_str);
        let from = if starts_quote(line) {
            i
        } else if line.trim_end().ends_with(':') && self.lines.get(i + 1).is_some_and(|l| starts_quote(l)) {
            i + 1
        } else {
            return i + 1;
        };
        match structure::find_block(self.lines, from, &is_ins) {
            Ok(b) => b.last + 1,
            Err(BlockError::Unclosed(k)) => k + 1,
            Err(_) => i + 1,
        }
        .max(i + 1)
    }

    fn is_instruction(&self, line: &str) -> bool {
        formulas::classify_in(self.lang, line, &formulas::normalise(line)).is_some()
    }

    /// The instruction at line `i`, joining up to three following lines when the
    /// formula is broken across lines, and trying it without a leading item label
    /// (`1) `) when it reads nothing with it. Returns it, its last line and its text.
    fn instruction(&self, i: usize) -> Option<(Instruction, usize, String)> {
        let line = self.lines.get(i)?;
        self.instruction_from(i, line.trim())
            .or_else(|| formulas::strip_label(line).and_then(|l| self.instruction_from(i, l.trim())))
    }

    fn instruction_from(&self, i: usize, first: &str) -> Option<(Instruction, usize, String)> {
        let mut text = first.to_string();
        let mut last = i;
        loop {
            let norm = formulas::normalise(&text);
            if let Some(ins) = formulas::classify_in(self.lang, &text, &norm) {
                return Some((ins, last, text));
            }
            if formulas::is_complete(&norm) || last >= i + 3 {
                return None;
            }
            let next = self.lines.get(last + 1)?;
            let n = next.trim_start();
            if n.is_empty() || n.starts_with(['"', '«', '“', '„', '|']) {
                return None;
            }
            text.push(' ');
            text.push_str(next.trim());
            last += 1;
        }
    }

    /// Applies instruction `ins` read from lines `i..=last`; returns the next line.
    fn apply(&mut self, ins: Instruction, i: usize, last: usize, text: &str) -> usize {
        let block = if ins.wants_block() {
            let is_ins = |l: &str| self.is_instruction(l);
            let found = if ins.wants_row() {
                structure::find_row(self.lines, last + 1)
            } else {
                structure::find_block(self.lines, last + 1, &is_ins)
            };
            match found {
                Ok(b) => Some(b),
                Err(e) => {
                    let (kind, next) = match e {
                        BlockError::Missing => (
                            ParseErrorKind::MalformedQuotedBlock(
                                "no quoted new wording follows the instruction".into(),
                            ),
                            last + 1,
                        ),
                        BlockError::NoRow => (
                            ParseErrorKind::MalformedQuotedBlock("the quoted new wording has no table row".into()),
                            last + 1,
                        ),
                        BlockError::Unclosed(k) => (ParseErrorKind::UnclosedQuote, k + 1),
                    };
                    self.error(i, text, kind);
                    self.reset_for(&ins);
                    return next.max(i + 1);
                }
            }
        } else {
            None
        };
        let end = block.as_ref().map_or(last, |b| b.last);
        let range = AbzatsRange {
            from: u32::try_from(i + 1).unwrap_or(u32::MAX),
            to: u32::try_from(end + 1).unwrap_or(u32::MAX),
        };
        if let Err(kind) = self.execute(ins, block.as_ref(), range, text) {
            // With no act named, every later instruction would fail alike: say it once.
            if kind == ParseErrorKind::NoTargetAct {
                self.ctx.target_failed = true;
            }
            self.error(i, text, kind);
        }
        end + 1
    }

    /// Context changes of an instruction whose block failed.
    fn reset_for(&mut self, ins: &Instruction) {
        if names_own_paragraph(ins) {
            self.ctx.para = None;
        }
    }

    pub(super) fn target(&self) -> Result<Option<&Target<'_>>, Failure> {
        if self.ctx.target_failed || self.ctx.rules_failed {
            return Ok(None);
        }
        match self.ctx.target.and_then(|t| self.targets.get(t)) {
            Some(t) => Ok(Some(t)),
            None => Err(ParseErrorKind::NoTargetAct),
        }
    }

    /// The node paragraph-level instructions apply under: the attachment context, else
    /// the Rules, else the act's root (`None`).
    pub(super) fn base(&self) -> Option<EId> {
        self.ctx.att.clone().or_else(|| self.ctx.rules.clone())
    }

    pub(super) fn para_eid(&self, n: &str) -> Result<EId, Failure> {
        structure::child(self.base().as_ref(), NodeKind::Paragraph, n).map_err(malformed)
    }

    /// The paragraph a subparagraph- or abzats-level instruction names or inherits.
    pub(super) fn para_for(&self, para: &Option<String>, what: &str) -> Result<EId, Failure> {
        match para {
            Some(n) => self.para_eid(n),
            None => self.ctx.para.clone().ok_or_else(|| {
                ParseErrorKind::MissingContext(format!("{what} with no paragraph (no \"N-тармақта:\" before it)"))
            }),
        }
    }

    /// The table of the attachment context.
    pub(super) fn table(&self) -> Result<EId, Failure> {
        let att = self.ctx.att.clone().ok_or_else(|| {
            ParseErrorKind::MissingContext("a table row with no attachment (no \"N-қосымшада:\" before it)".into())
        })?;
        structure::child(Some(&att), NodeKind::Table, "1").map_err(malformed)
    }

    /// The article `n`, or the article context.
    fn article(&self, n: &Option<String>) -> Result<Option<EId>, Failure> {
        match n {
            Some(n) => structure::child(self.base().as_ref(), NodeKind::Article, n)
                .map(Some)
                .map_err(malformed),
            None => Ok(self.ctx.art.clone()),
        }
    }

    /// The node whose abzats an abzats-level instruction names: in a law, the article
    /// (named or the context) and its part; else the paragraph and its subparagraph.
    pub(super) fn abzats_parent(
        &self,
        para: &Option<String>,
        sub: &Option<String>,
        art: &Option<String>,
        part: Option<u32>,
    ) -> Result<EId, Failure> {
        if para.is_none() && sub.is_none() && (art.is_some() || (self.ctx.para.is_none() && self.ctx.art.is_some())) {
            let a = self
                .article(art)?
                .ok_or_else(|| ParseErrorKind::MissingContext("an abzats with no article".into()))?;
            return match part {
                Some(k) => structure::child(Some(&a), NodeKind::Part, &k.to_string()).map_err(malformed),
                None => Ok(a),
            };
        }
        if part.is_some() {
            return Err(ParseErrorKind::MissingContext(
                "a part of an article with no article (no \"N-бапта:\" before it)".into(),
            ));
        }
        let p = self.para_for(para, "an abzats")?;
        match sub {
            Some(k) => structure::child(Some(&p), NodeKind::Subparagraph, k).map_err(malformed),
            None => Ok(p),
        }
    }

    /// The node a word formula applies to.
    pub(super) fn words_target(&self, scope: &formulas::Scope) -> Result<EId, Failure> {
        let mut eid = match (&scope.para, &scope.art) {
            (Some(n), _) => Some(self.para_eid(n)?),
            (None, Some(_)) => self.article(&scope.art)?,
            (None, None) if scope.whole_text => self.base(),
            (None, None) => self
                .ctx
                .para
                .clone()
                .or_else(|| self.ctx.art.clone())
                .or_else(|| self.base()),
        };
        if let Some(k) = scope.part {
            let a = eid.ok_or_else(|| ParseErrorKind::MissingContext("a part with no article".into()))?;
            eid = Some(structure::child(Some(&a), NodeKind::Part, &k.to_string()).map_err(malformed)?);
        }
        if let Some(k) = &scope.sub {
            let p = eid.ok_or_else(|| ParseErrorKind::MissingContext("a subparagraph with no paragraph".into()))?;
            eid = Some(structure::child(Some(&p), NodeKind::Subparagraph, k).map_err(malformed)?);
        }
        if let Some(j) = scope.abz {
            let p = eid.ok_or_else(|| ParseErrorKind::MissingContext("an abzats with no paragraph".into()))?;
            eid = Some(structure::child(Some(&p), NodeKind::Abzats, &j.to_string()).map_err(malformed)?);
        }
        eid.ok_or_else(|| {
            ParseErrorKind::MissingContext("the words' place is not named (no paragraph, no Rules)".into())
        })
    }
}

/// True for instructions that name their own paragraph, ending a paragraph context.
pub(super) fn names_own_paragraph(ins: &Instruction) -> bool {
    match ins {
        Instruction::ReplaceParas(_) | Instruction::DeleteParas(_) | Instruction::InsertParas(_) => true,
        Instruction::ReplaceSubparas { para, .. }
        | Instruction::DeleteSubparas { para, .. }
        | Instruction::InsertSubparas { para, .. }
        | Instruction::ReplaceAbzats { para, .. }
        | Instruction::DeleteAbzats { para, .. } => para.is_some(),
        Instruction::ReplaceWords { scope, .. } | Instruction::DeleteWords { scope, .. } => scope.para.is_some(),
        _ => false,
    }
}

/// True for instructions that name their own article, ending an article context.
pub(super) fn names_own_article(ins: &Instruction) -> bool {
    match ins {
        Instruction::DeleteArticles(_) | Instruction::ArtContext(_) => true,
        Instruction::ReplaceAbzats { art, .. } | Instruction::DeleteAbzats { art, .. } => art.is_some(),
        Instruction::ReplaceWords { scope, .. } | Instruction::DeleteWords { scope, .. } => scope.art.is_some(),
        _ => false,
    }
}

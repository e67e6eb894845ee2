//! Reading the Kazakh text of amending acts into operations.
//!
//! [`parse_amending_act`] takes an amending act (its metadata and clause tree, as
//! [`crate::corpus::load`] gives them) and the acts it may amend, and returns its
//! entry-into-force clause and its [`Operation`]s in document order, or every error
//! found. It never panics, whatever the input.
//!
//! * [`kk`]: the formulas, one line in, one [`kk::Instruction`] out;
//! * [`structure`]: quoted new wordings and the [`Node`] trees built from them;
//! * [`targets`]: which act, which Rules, which node;
//! * [`entry_into_force`]: the act's own clause on when it takes force;
//! * [`words`]: Kazakh number words, ordinals, months and dates.
//!
//! # Items and abzats
//! The items are the paragraphs of the List (the attachment of the order whose
//! paragraphs are its items), and any of the order's own paragraphs that opens like an
//! amendment or a repeal. An item's lines are its abzats, numbered from 1: every line
//! counts, including lines of quoted new wordings, table-row lines and lone `"` lines.
//! An operation's `source_abzats` runs from its instruction's first line to the last
//! line of its quoted block.
//!
//! # Context
//! An item opening names the amended act; a Rules heading the attachment the following
//! instructions apply to, until the next heading or the item's end; `N-қосымшада:` an
//! attachment of the Rules (its rows, its paragraphs); `N-тармақта:` a paragraph whose
//! subparagraphs, abzats or words the following lines amend. An instruction that names
//! its own paragraph ends a paragraph context.

pub mod entry_into_force;
pub mod kk;
pub mod structure;
pub mod targets;
pub mod words;

use crate::amend::{Change, Operation, Position};
use crate::dates::{EffectiveRule, EntryIntoForce};
use crate::model::{AbzatsRange, Act, EId, Node, NodeKind, RegistryId};

use kk::Instruction;
use structure::{Block, BlockError};
use targets::Target;

/// What [`parse_amending_act`] reads from an amending act.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// The act's entry-into-force clause, when it has one.
    pub entry_into_force: Option<EntryIntoForce>,
    /// The operations, in document order.
    pub ops: Vec<Operation>,
}

/// Why a part of an amending act could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseErrorKind {
    /// The line matches no known formula.
    #[error("unrecognised instruction")]
    UnrecognisedInstruction,
    /// An instruction comes before any item opening names the amended act.
    #[error("no amended act is named before this instruction")]
    NoTargetAct,
    /// The amended act is not among the targets.
    #[error("unresolved target act: {0}")]
    UnresolvedTargetAct(String),
    /// The amended act was found, but the text disagrees with its metadata (or omits it).
    #[error("the amended act's {field} is \"{registry}\" but the text says \"{stated}\"")]
    TargetActMismatch {
        /// `date`, `number` or `title`.
        field: &'static str,
        /// What the text says (`(none)` when it says nothing).
        stated: String,
        /// What the registry holds.
        registry: String,
    },
    /// No attachment of the amended act has the heading the text names.
    #[error("unresolved Rules: {0}")]
    UnresolvedRules(String),
    /// The node the instruction amends is not in the amended act (or the amending act's
    /// annex that holds a new edition is missing).
    #[error("unresolved node `{0}`")]
    UnresolvedNode(String),
    /// The instruction needs a context (a paragraph, an attachment) that no heading set.
    #[error("missing context: {0}")]
    MissingContext(String),
    /// A quoted new wording is missing or does not fit its instruction.
    #[error("malformed quoted block: {0}")]
    MalformedQuotedBlock(String),
    /// A quoted new wording never closes before the next instruction or the item's end.
    #[error("unclosed quote")]
    UnclosedQuote,
    /// The entry-into-force clause could not be read.
    #[error("malformed entry-into-force clause: {0}")]
    MalformedEntryIntoForce(String),
}

/// An error of [`parse_amending_act`], with its place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{act} {item}{}: {kind}: {text}", abzats.map(|a| format!(", abzats {a}")).unwrap_or_default())]
pub struct ParseError {
    /// The amending act.
    pub act: RegistryId,
    /// The item (an eId of the amending act's tree).
    pub item: String,
    /// The abzats of the item (1-based), when known.
    pub abzats: Option<u32>,
    /// The offending text.
    pub text: String,
    /// What is wrong.
    pub kind: ParseErrorKind,
}

/// Reads the operations of the amending act `act` (clause tree `tree`) on the acts of
/// `targets`. Returns every error, not just the first.
pub fn parse_amending_act(act: &Act, tree: &[Node], targets: &[(&Act, &[Node])]) -> Result<Parsed, Vec<ParseError>> {
    let mut errors = Vec::new();
    let list = list_of(tree);
    let list_id = list.map(|l| l.eid.to_string());
    let entry_into_force = match entry_into_force::parse(act, tree, list_id.as_deref()) {
        Ok(e) => e,
        Err(e) => {
            errors.push(*e);
            None
        }
    };
    let targets: Vec<Target<'_>> = targets.iter().map(|(a, n)| Target::new(a, n)).collect();
    let mut ops = Vec::new();
    for item in items(tree, list) {
        let mut p = ItemParser {
            act,
            tree,
            list: list.map(|l| &l.eid),
            targets: &targets,
            eif: entry_into_force.as_ref(),
            item: &item.eid,
            lines: &item.lines,
            ctx: Context::default(),
            ops: &mut ops,
            errors: &mut errors,
        };
        p.run();
    }
    if errors.is_empty() {
        Ok(Parsed { entry_into_force, ops })
    } else {
        Err(errors)
    }
}

/// The List: the first top-level attachment with paragraph children.
fn list_of(tree: &[Node]) -> Option<&Node> {
    tree.iter().find(|n| {
        n.eid.kind() == NodeKind::Attachment && n.children.iter().any(|c| c.eid.kind() == NodeKind::Paragraph)
    })
}

/// An item and its lines.
struct Item {
    eid: String,
    lines: Vec<String>,
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
fn items(tree: &[Node], list: Option<&Node>) -> Vec<Item> {
    let mut out = Vec::new();
    for n in tree.iter().filter(|n| n.eid.kind() == NodeKind::Paragraph) {
        let mut lines = Vec::new();
        lines_of(n, &mut lines);
        let opens = lines.first().is_some_and(|l| {
            matches!(
                kk::classify(l, &kk::normalise(l)),
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
struct Context {
    /// The amended act.
    target: Option<usize>,
    /// The item opening failed (its error is reported); instructions are read but make
    /// no operations.
    target_failed: bool,
    /// The Rules (an attachment of the target); `None` for the act itself.
    rules: Option<EId>,
    /// The Rules heading failed.
    rules_failed: bool,
    /// The attachment context (`N-қосымшада:`).
    att: Option<EId>,
    /// The paragraph context (`N-тармақта:`).
    para: Option<EId>,
}

/// Reads one item.
struct ItemParser<'p, 'a> {
    act: &'p Act,
    tree: &'p [Node],
    list: Option<&'p EId>,
    targets: &'p [Target<'a>],
    eif: Option<&'p EntryIntoForce>,
    item: &'p str,
    lines: &'p [String],
    ctx: Context,
    ops: &'p mut Vec<Operation>,
    errors: &'p mut Vec<ParseError>,
}

/// Why an instruction made no operation.
type Failure = ParseErrorKind;

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

    fn run(&mut self) {
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
        kk::classify(line, &kk::normalise(line)).is_some()
    }

    /// The instruction at line `i`, joining up to three following lines when the
    /// formula is broken across lines, and trying it without a leading item label
    /// (`1) `) when it reads nothing with it. Returns it, its last line and its text.
    fn instruction(&self, i: usize) -> Option<(Instruction, usize, String)> {
        let line = self.lines.get(i)?;
        self.instruction_from(i, line.trim())
            .or_else(|| kk::strip_label(line).and_then(|l| self.instruction_from(i, l.trim())))
    }

    fn instruction_from(&self, i: usize, first: &str) -> Option<(Instruction, usize, String)> {
        let mut text = first.to_string();
        let mut last = i;
        loop {
            let norm = kk::normalise(&text);
            if let Some(ins) = kk::classify(&text, &norm) {
                return Some((ins, last, text));
            }
            if kk::is_complete(&norm) || last >= i + 3 {
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

    fn target(&self) -> Result<Option<&Target<'_>>, Failure> {
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
    fn base(&self) -> Option<EId> {
        self.ctx.att.clone().or_else(|| self.ctx.rules.clone())
    }

    fn para_eid(&self, n: &str) -> Result<EId, Failure> {
        structure::child(self.base().as_ref(), NodeKind::Paragraph, n).map_err(malformed)
    }

    /// The paragraph a subparagraph- or abzats-level instruction names or inherits.
    fn para_for(&self, para: &Option<String>, what: &str) -> Result<EId, Failure> {
        match para {
            Some(n) => self.para_eid(n),
            None => self.ctx.para.clone().ok_or_else(|| {
                ParseErrorKind::MissingContext(format!("{what} with no paragraph (no \"N-тармақта:\" before it)"))
            }),
        }
    }

    fn effective(&self, range: AbzatsRange) -> EffectiveRule {
        self.eif.map_or(EffectiveRule::OnEntryIntoForce, |e| {
            e.rule_for(self.item, Some(range)).clone()
        })
    }

    /// Checks that `eid` exists in the target.
    fn exists(&self, t: &Target<'_>, eid: &EId) -> Result<(), Failure> {
        if t.get(eid).is_some() {
            Ok(())
        } else {
            Err(ParseErrorKind::UnresolvedNode(eid.to_string()))
        }
    }

    fn push(&mut self, t: &RegistryId, target: Option<EId>, change: Change, range: AbzatsRange, text: &str) {
        let effective = self.effective(range);
        self.ops.push(Operation {
            source_act: self.act.id,
            source_item: self.item.to_string(),
            source_abzats: Some(range),
            target_act: *t,
            target,
            change,
            effective,
            instruction: Some(text.to_string()),
            origin: None,
        });
    }

    /// Turns one instruction into operations (or context).
    fn execute(
        &mut self,
        ins: Instruction,
        block: Option<&Block>,
        range: AbzatsRange,
        text: &str,
    ) -> Result<(), Failure> {
        if names_own_paragraph(&ins) {
            self.ctx.para = None;
        }
        match ins {
            Instruction::Opening(r) => {
                self.ctx = Context::default();
                self.open(&r)?;
                Ok(())
            }
            Instruction::Repeal(r) => self.repeal(r.as_ref(), range, text),
            Instruction::Rules(name) => {
                self.ctx.att = None;
                self.ctx.para = None;
                self.ctx.rules = None;
                self.ctx.rules_failed = false;
                let Some(t) = self.target()? else { return Ok(()) };
                match targets::resolve_rules(&name, t, None) {
                    Ok(e) => {
                        self.ctx.rules = Some(e);
                        Ok(())
                    }
                    Err(m) => {
                        self.ctx.rules_failed = true;
                        Err(ParseErrorKind::UnresolvedRules(m))
                    }
                }
            }
            Instruction::AttContext { num, order } => {
                self.ctx.para = None;
                self.ctx.att = None;
                let parent = if order { None } else { self.ctx.rules.clone() };
                self.ctx.att = Some(structure::child(parent.as_ref(), NodeKind::Attachment, &num).map_err(malformed)?);
                Ok(())
            }
            Instruction::ParaContext(n) => {
                self.ctx.para = Some(self.para_eid(&n)?);
                Ok(())
            }
            Instruction::ReplaceParas(nums) => {
                let block = block.ok_or_else(no_block)?;
                let base = self.base();
                let nodes = structure::paragraphs(base.as_ref(), &nums, &block.lines).map_err(malformed)?;
                self.replace_all(nodes, range, text)
            }
            Instruction::DeleteParas(nums) => {
                let eids = nums.iter().map(|n| self.para_eid(n)).collect::<Result<Vec<_>, _>>()?;
                self.delete_all(eids, range, text)
            }
            Instruction::ReplaceSubparas { para, subs } => {
                let block = block.ok_or_else(no_block)?;
                let p = self.para_for(&para, "a subparagraph")?;
                let nodes = structure::subparagraphs(&p, &subs, &block.lines).map_err(malformed)?;
                self.replace_all(nodes, range, text)
            }
            Instruction::DeleteSubparas { para, subs } => {
                let p = self.para_for(&para, "a subparagraph")?;
                let eids = subs
                    .iter()
                    .map(|k| structure::child(Some(&p), NodeKind::Subparagraph, k).map_err(malformed))
                    .collect::<Result<Vec<_>, _>>()?;
                self.delete_all(eids, range, text)
            }
            Instruction::ReplaceAbzats { para, sub, abz } => {
                let block = block.ok_or_else(no_block)?;
                let parent = self.abzats_parent(&para, &sub)?;
                let node = structure::abzats(&parent, abz, &block.lines).map_err(malformed)?;
                self.replace_all(vec![node], range, text)
            }
            Instruction::DeleteAbzats { para, sub, abz } => {
                let parent = self.abzats_parent(&para, &sub)?;
                let eid = structure::child(Some(&parent), NodeKind::Abzats, &abz.to_string()).map_err(malformed)?;
                self.delete_all(vec![eid], range, text)
            }
            Instruction::ReplaceRow(k) => {
                let block = block.ok_or_else(no_block)?;
                let table = self.table()?;
                let line = block.lines.first().map_or("", String::as_str);
                let node = structure::row(&table, &k, line).map_err(malformed)?;
                self.replace_all(vec![node], range, text)
            }
            Instruction::DeleteRow(k) => {
                let table = self.table()?;
                let eid = structure::child(Some(&table), NodeKind::Row, &k).map_err(malformed)?;
                self.delete_all(vec![eid], range, text)
            }
            Instruction::InsertRow(k) => {
                let block = block.ok_or_else(no_block)?;
                let table = self.table()?;
                let line = block.lines.first().map_or("", String::as_str);
                let node = structure::row(&table, &k, line).map_err(malformed)?;
                self.insert_all(vec![node], range, text)
            }
            Instruction::ReplaceAttachment {
                num,
                annex,
                from_order,
                order,
            } => {
                self.ctx.att = None;
                self.ctx.para = None;
                let parent = if order { None } else { self.ctx.rules.clone() };
                let target = structure::child(parent.as_ref(), NodeKind::Attachment, &num).map_err(malformed)?;
                let src_parent = if from_order { None } else { self.list };
                let src = structure::child(src_parent, NodeKind::Attachment, &annex).map_err(malformed)?;
                let Some(src_node) = find(self.tree, &src) else {
                    return Err(ParseErrorKind::UnresolvedNode(format!("{src} (in {})", self.act.id)));
                };
                let content = structure::without_list_header(
                    structure::reroot(src_node, &src, &target, &num).map_err(malformed)?,
                );
                let Some(t) = self.target()? else { return Ok(()) };
                self.exists(t, &target)?;
                let id = t.act.id;
                self.push(&id, Some(target), Change::ReplaceAttachment { content }, range, text);
                Ok(())
            }
            Instruction::DeleteStandardAnnex { standard, num } => {
                let Some(t) = self.target()? else { return Ok(()) };
                let eid = targets::resolve_standard_annex(&standard, num.as_deref(), t, self.ctx.rules.as_ref())
                    .map_err(ParseErrorKind::UnresolvedRules)?;
                let id = t.act.id;
                self.push(&id, Some(eid), Change::Delete, range, text);
                Ok(())
            }
            Instruction::InsertParas(nums) => {
                let block = block.ok_or_else(no_block)?;
                let base = self.base();
                let nodes = structure::paragraphs(base.as_ref(), &nums, &block.lines).map_err(malformed)?;
                self.insert_all(nodes, range, text)
            }
            Instruction::InsertSubparas { para, subs } => {
                let block = block.ok_or_else(no_block)?;
                let p = self.para_for(&para, "a subparagraph")?;
                let nodes = structure::subparagraphs(&p, &subs, &block.lines).map_err(malformed)?;
                self.insert_all(nodes, range, text)
            }
            Instruction::ReplaceWords {
                scope,
                words,
                replacement,
            } => {
                let eid = self.words_target(&scope)?;
                let Some(t) = self.target()? else { return Ok(()) };
                self.exists(t, &eid)?;
                let id = t.act.id;
                self.push(&id, Some(eid), Change::ReplaceWords { words, replacement }, range, text);
                Ok(())
            }
            Instruction::DeleteWords { scope, words } => {
                let eid = self.words_target(&scope)?;
                let Some(t) = self.target()? else { return Ok(()) };
                self.exists(t, &eid)?;
                let id = t.act.id;
                self.push(&id, Some(eid), Change::DeleteWords { words }, range, text);
                Ok(())
            }
        }
    }

    /// Resolves an item opening.
    fn open(&mut self, r: &kk::ActRef) -> Result<(), Failure> {
        match targets::resolve_act(r, self.targets) {
            Ok((t, mismatches)) => {
                self.ctx.target = self.targets.iter().position(|x| std::ptr::eq(x, t));
                if let Some(m) = mismatches.into_iter().next() {
                    return Err(ParseErrorKind::TargetActMismatch {
                        field: m.field,
                        stated: m.stated,
                        registry: m.registry,
                    });
                }
                Ok(())
            }
            Err(m) => {
                self.ctx.target_failed = true;
                Err(ParseErrorKind::UnresolvedTargetAct(m))
            }
        }
    }

    fn repeal(&mut self, r: Option<&kk::ActRef>, range: AbzatsRange, text: &str) -> Result<(), Failure> {
        let id = match r {
            Some(r) => {
                let (t, mismatches) =
                    targets::resolve_act(r, self.targets).map_err(ParseErrorKind::UnresolvedTargetAct)?;
                if let Some(m) = mismatches.into_iter().next() {
                    return Err(ParseErrorKind::TargetActMismatch {
                        field: m.field,
                        stated: m.stated,
                        registry: m.registry,
                    });
                }
                t.act.id
            }
            None => match self.target()? {
                Some(t) => t.act.id,
                None => return Ok(()),
            },
        };
        self.push(&id, None, Change::Repeal, range, text);
        Ok(())
    }

    /// The table of the attachment context.
    fn table(&self) -> Result<EId, Failure> {
        let att = self.ctx.att.clone().ok_or_else(|| {
            ParseErrorKind::MissingContext("a table row with no attachment (no \"N-қосымшада:\" before it)".into())
        })?;
        structure::child(Some(&att), NodeKind::Table, "1").map_err(malformed)
    }

    /// The node whose abzats an abzats-level instruction names.
    fn abzats_parent(&self, para: &Option<String>, sub: &Option<String>) -> Result<EId, Failure> {
        let p = self.para_for(para, "an abzats")?;
        match sub {
            Some(k) => structure::child(Some(&p), NodeKind::Subparagraph, k).map_err(malformed),
            None => Ok(p),
        }
    }

    /// The node a word formula applies to.
    fn words_target(&self, scope: &kk::Scope) -> Result<EId, Failure> {
        let mut eid = match &scope.para {
            Some(n) => Some(self.para_eid(n)?),
            None if scope.whole_text => self.base(),
            None => self.ctx.para.clone().or_else(|| self.base()),
        };
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

    fn replace_all(&mut self, nodes: Vec<Node>, range: AbzatsRange, text: &str) -> Result<(), Failure> {
        let Some(t) = self.target()? else { return Ok(()) };
        for n in &nodes {
            self.exists(t, &n.eid)?;
        }
        let id = t.act.id;
        for n in nodes {
            let eid = n.eid.clone();
            self.push(&id, Some(eid), Change::Replace { content: n }, range, text);
        }
        Ok(())
    }

    fn delete_all(&mut self, eids: Vec<EId>, range: AbzatsRange, text: &str) -> Result<(), Failure> {
        let Some(t) = self.target()? else { return Ok(()) };
        for e in &eids {
            self.exists(t, e)?;
        }
        let id = t.act.id;
        for e in eids {
            self.push(&id, Some(e), Change::Delete, range, text);
        }
        Ok(())
    }

    /// Inserts `nodes` in order: the first after its anchor (the node numbered before
    /// it: `18` for `18-1`, `18-1` for `18-2`, `17` for `18`), each next one after the
    /// previous.
    fn insert_all(&mut self, nodes: Vec<Node>, range: AbzatsRange, text: &str) -> Result<(), Failure> {
        let Some(first) = nodes.first() else { return Ok(()) };
        let anchor = anchor_of(&first.eid)
            .ok_or_else(|| ParseErrorKind::MalformedQuotedBlock(format!("no node to insert `{}` after", first.eid)))?;
        let Some(t) = self.target()? else { return Ok(()) };
        self.exists(t, &anchor)?;
        let id = t.act.id;
        let mut anchor = anchor;
        for n in nodes {
            let next = n.eid.clone();
            self.push(
                &id,
                Some(anchor),
                Change::Insert {
                    position: Position::After,
                    content: n,
                },
                range,
                text,
            );
            anchor = next;
        }
        Ok(())
    }
}

/// True for instructions that name their own paragraph, ending a paragraph context.
fn names_own_paragraph(ins: &Instruction) -> bool {
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

/// The sibling a new node numbered `N-k` (or `N`) is inserted after.
fn anchor_of(eid: &EId) -> Option<EId> {
    let num = eid.num()?;
    let prev = match num.rsplit_once('-') {
        Some((head, "1")) => head.to_string(),
        Some((head, k)) => format!("{head}-{}", k.parse::<u64>().ok()?.checked_sub(1)?),
        None => {
            let n: u64 = num.parse().ok()?;
            n.checked_sub(1).filter(|&p| p > 0)?.to_string()
        }
    };
    let kind = eid.kind();
    match eid.parent() {
        Some(p) => p.child(kind, Some(&prev)).ok(),
        None => EId::top(kind, Some(&prev)).ok(),
    }
}

/// The node at `eid` in `tree`.
fn find<'n>(tree: &'n [Node], eid: &EId) -> Option<&'n Node> {
    for n in tree {
        if &n.eid == eid {
            return Some(n);
        }
        if eid.is_within(&n.eid) {
            return find(&n.children, eid);
        }
    }
    None
}

fn malformed(m: String) -> Failure {
    ParseErrorKind::MalformedQuotedBlock(m)
}

fn no_block() -> Failure {
    ParseErrorKind::MalformedQuotedBlock("no quoted new wording".into())
}

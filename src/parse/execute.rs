//! What each instruction does: the context it sets, or the operations it makes on the
//! amended act, each checked against the act and dated by the entry-into-force clause.

use super::error::{Failure, ParseErrorKind, malformed, no_block};
use super::formulas::{self, Instruction};
use super::item::{Context, ItemParser, names_own_article, names_own_paragraph};
use super::reading::ReadInstruction;
use super::structure::{self, Block};
use super::targets::{self, Target};
use crate::amend::{Change, Operation, Position};
use crate::dates::EffectiveRule;
use crate::model::{AbzatsRange, EId, Node, NodeKind, RegistryId};

impl ItemParser<'_, '_> {
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

    /// Records what an instruction does, before the target act is consulted, so that an
    /// instruction on an act that is not held is still read (and shown), never dropped.
    fn read(&mut self, change: &'static str, targets: Vec<EId>, range: AbzatsRange, text: &str) {
        self.reading.push(ReadInstruction {
            item: self.item.to_string(),
            abzats: range,
            text: text.to_string(),
            change,
            targets,
            made: false,
        });
    }

    fn push(&mut self, t: &RegistryId, target: Option<EId>, change: Change, range: AbzatsRange, text: &str) {
        if let Some(r) = self.reading.last_mut() {
            r.made = true;
        }
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
    pub(super) fn execute(
        &mut self,
        ins: Instruction,
        block: Option<&Block>,
        range: AbzatsRange,
        text: &str,
    ) -> Result<(), Failure> {
        if names_own_paragraph(&ins) {
            self.ctx.para = None;
        }
        if names_own_article(&ins) {
            self.ctx.art = None;
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
            Instruction::ArtContext(n) => {
                let base = self.base();
                self.ctx.art = Some(structure::child(base.as_ref(), NodeKind::Article, &n).map_err(malformed)?);
                Ok(())
            }
            Instruction::DeleteArticles(nums) => {
                let base = self.base();
                let eids = nums
                    .iter()
                    .map(|n| structure::child(base.as_ref(), NodeKind::Article, n).map_err(malformed))
                    .collect::<Result<Vec<_>, _>>()?;
                self.delete_all(eids, range, text)
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
            Instruction::ReplaceAbzats {
                para,
                sub,
                art,
                part,
                abz,
            } => {
                let block = block.ok_or_else(no_block)?;
                let parent = self.abzats_parent(&para, &sub, &art, part)?;
                let node = structure::abzats(&parent, abz, &block.lines).map_err(malformed)?;
                self.replace_all(vec![node], range, text)
            }
            Instruction::DeleteAbzats {
                para,
                sub,
                art,
                part,
                abz,
            } => {
                let parent = self.abzats_parent(&para, &sub, &art, part)?;
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
                self.read("replace_attachment", vec![target.clone()], range, text);
                let Some(t) = self.target()? else { return Ok(()) };
                self.exists(t, &target)?;
                let id = t.act.id;
                self.push(&id, Some(target), Change::ReplaceAttachment { content }, range, text);
                Ok(())
            }
            Instruction::DeleteStandardAnnex { standard, num } => {
                self.read("delete", Vec::new(), range, text);
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
                self.read("replace_words", vec![eid.clone()], range, text);
                let Some(t) = self.target()? else { return Ok(()) };
                self.exists(t, &eid)?;
                let id = t.act.id;
                self.push(&id, Some(eid), Change::ReplaceWords { words, replacement }, range, text);
                Ok(())
            }
            Instruction::DeleteWords { scope, words } => {
                let eid = self.words_target(&scope)?;
                self.read("delete_words", vec![eid.clone()], range, text);
                let Some(t) = self.target()? else { return Ok(()) };
                self.exists(t, &eid)?;
                let id = t.act.id;
                self.push(&id, Some(eid), Change::DeleteWords { words }, range, text);
                Ok(())
            }
        }
    }

    /// Resolves an item opening.
    fn open(&mut self, r: &formulas::ActRef) -> Result<(), Failure> {
        match targets::resolve_act(self.lang, r, self.targets) {
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

    fn repeal(&mut self, r: Option<&formulas::ActRef>, range: AbzatsRange, text: &str) -> Result<(), Failure> {
        self.read("repeal", Vec::new(), range, text);
        let id = match r {
            Some(r) => {
                let (t, mismatches) =
                    targets::resolve_act(self.lang, r, self.targets).map_err(ParseErrorKind::UnresolvedTargetAct)?;
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

    fn replace_all(&mut self, nodes: Vec<Node>, range: AbzatsRange, text: &str) -> Result<(), Failure> {
        self.read("replace", nodes.iter().map(|n| n.eid.clone()).collect(), range, text);
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
        self.read("delete", eids.clone(), range, text);
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
        self.read("insert", nodes.iter().map(|n| n.eid.clone()).collect(), range, text);
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

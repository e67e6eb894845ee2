//! Editorial notes in the registry's own style, generated from the operations, so they
//! are always right:
//!
//! "Ескерту. 4-тармақ жаңа редакцияда – ҚР Төтенше жағдайлар министрінің 30.09.2025
//! № 429 (алғашқы ресми жарияланған күнінен кейін күнтізбелік алпыс күн өткен соң
//! қолданысқа енгізіледі) бұйрығымен."
//!
//! "Сноска. Пункт 4 – в редакции приказа Министра по чрезвычайным ситуациям РК от
//! 30.09.2025 № 429 (вводится в действие по истечении шестидесяти календарных дней после
//! дня его первого официального опубликования)."
//!
//! A note is made for each version of a node that an operation aimed at that node
//! made; nodes created or repealed as part of a larger change carry no note of their own.

use chrono::NaiveDate;

use crate::amend::{Change, Operation};
use crate::consolidate::ActTimeline;
use crate::dates::EffectiveRule;
use crate::kk::{self, Base, Case};
use crate::library::Library;
use crate::model::{Act, ActKind, EId, EventKind, Lang, NodeKind};
use crate::registry_notes::{NoteAction, PriorAmendment};

/// Kazakh dative of a label: тармақ → тармаққа, қосымша → қосымшаға, and after a
/// 3rd-person possessive (`1) тармақшасы`, `1-жолы`, `Тақырыбы`) the pronominal
/// `-на/-не` ([`Base::Possessive3`]: `тармақшасына`).
fn dative(word: &str) -> String {
    let possessive = word
        .rsplit(' ')
        .next()
        .is_some_and(|last| last.ends_with(['ы', 'і']) && !last.ends_with("ыны") && last.chars().count() > 2);
    let base = if possessive { Base::Possessive3 } else { Base::Bare };
    kk::inflect(word, Case::Dative, base)
}

/// Kazakh instrumental: тармақ → тармақпен, тармақша → тармақшамен.
fn instrumental(word: &str) -> String {
    kk::inflect(word, Case::Instrumental, Base::Bare)
}

/// Kazakh genitive of an office: "... министрі" → "... министрінің".
fn genitive(word: &str) -> String {
    kk::inflect(word, Case::Genitive, Base::Bare)
}

/// The numbers a note's label is built from: the node's own, its parent's, and for a
/// table row the number of the attachment that holds the table.
struct LabelParts {
    kind: NodeKind,
    num: String,
    parent: String,
    attachment: String,
}

impl LabelParts {
    fn of(eid: &EId) -> LabelParts {
        let parent = eid.parent();
        let num_of = |e: Option<&EId>| e.and_then(|e| e.num()).unwrap_or("").to_string();
        LabelParts {
            kind: eid.kind(),
            num: eid.num().unwrap_or("").to_string(),
            parent: num_of(parent.as_ref()),
            attachment: num_of(parent.as_ref().and_then(EId::parent).as_ref()),
        }
    }
}

/// The Kazakh label of a node in a note: "4-тармақ", "5-тармақтың 1) тармақшасы",
/// "2-қосымша", "2-қосымшаның реттік нөмірі 1-жолы".
fn kk_label(eid: &EId) -> String {
    let LabelParts {
        kind,
        num,
        parent,
        attachment,
    } = LabelParts::of(eid);
    match kind {
        NodeKind::Paragraph => format!("{num}-тармақ"),
        NodeKind::Subparagraph => format!("{parent}-тармақтың {num}) тармақшасы"),
        NodeKind::Attachment => format!("{num}-қосымша"),
        NodeKind::Chapter => format!("{num}-тарау"),
        NodeKind::Row => format!("{attachment}-қосымшаның реттік нөмірі {num}-жолы"),
        NodeKind::Abzats => format!("{parent}-тармақтың {num}-абзацы"),
        _ => eid.to_string(),
    }
}

/// The Russian label: "Пункт 4", "Подпункт 1) пункта 5", "Приложение 2".
fn ru_label(eid: &EId) -> String {
    let LabelParts {
        kind,
        num,
        parent,
        attachment,
    } = LabelParts::of(eid);
    match kind {
        NodeKind::Paragraph => format!("Пункт {num}"),
        NodeKind::Subparagraph => format!("Подпункт {num}) пункта {parent}"),
        NodeKind::Attachment => format!("Приложение {num}"),
        NodeKind::Chapter => format!("Глава {num}"),
        NodeKind::Row => format!("Строка, порядковый номер {num}, приложения {attachment}"),
        NodeKind::Abzats => format!("Абзац {num} пункта {parent}"),
        _ => eid.to_string(),
    }
}

fn date_dmy(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// The issuer as the notes write it, in the genitive: "ҚР Төтенше жағдайлар
/// министрінің" (with "м.а." when acting), "Министра по чрезвычайным ситуациям РК"
/// (with "и.о." before it).
fn issuer(act: &Act, lang: Lang) -> String {
    match lang {
        Lang::Ru => {
            let name = act
                .issuer
                .names
                .get(&Lang::Ru)
                .map(|n| {
                    n.replace("Республики Казахстан", "РК")
                        .replacen("Министр ", "Министра ", 1)
                        .replacen("исполняющий обязанности ", "", 1)
                })
                .unwrap_or_else(|| format!("[{}]", act.issuer.office));
            if act.issuer.acting {
                format!("и.о. {name}")
            } else {
                name
            }
        }
        Lang::Kk | Lang::En => {
            let name = act
                .issuer
                .name(Lang::Kk)
                .replace("Қазақстан Республикасының", "ҚР")
                .replace("Қазақстан Республикасы", "ҚР");
            let g = genitive(&name);
            if act.issuer.acting { format!("{g} м.а.") } else { g }
        }
    }
}

/// The entry-into-force phrase of a note, with its parentheses (empty when the rule has
/// none to state).
fn eif(rule: &EffectiveRule, lang: Lang) -> String {
    match (rule, lang) {
        (
            EffectiveRule::AfterEvent {
                event: EventKind::Publication,
                days,
            },
            Lang::Ru,
        ) => format!(
            "(вводится в действие по истечении {} календарных дней после дня его первого официального опубликования)",
            crate::ru::number_genitive(*days)
        ),
        (
            EffectiveRule::AfterEvent {
                event: EventKind::Publication,
                days,
            },
            _,
        ) => format!(
            "(алғашқы ресми жарияланған күнінен кейін күнтізбелік {} күн өткен соң қолданысқа енгізіледі)",
            kk::cardinal_words(*days)
        ),
        (EffectiveRule::Fixed { date }, Lang::Ru) => format!("(вводится в действие с {})", date_dmy(*date)),
        (EffectiveRule::Fixed { date }, _) => format!("({} бастап қолданысқа енгізіледі)", date_dmy(*date)),
        _ => String::new(),
    }
}

/// An operation of an act the corpus holds, in the shape of a registry note's entry.
fn entry(op: &Operation, source: &Act, eid: &EId, action: NoteAction, lang: Lang) -> PriorAmendment {
    PriorAmendment {
        eid: eid.clone(),
        lang,
        action,
        issuer: issuer(source, lang),
        date: source.date,
        number: source.number.clone(),
        eif: eif(&op.effective, lang),
    }
}

/// The kinds of node the registry puts its notes under; a change deeper down is noted
/// on the nearest of them as a change within ("5-тармаққа өзгеріс енгізілді").
fn is_noted_level(kind: NodeKind) -> bool {
    matches!(
        kind,
        NodeKind::Paragraph
            | NodeKind::Attachment
            | NodeKind::Chapter
            | NodeKind::Article
            | NodeKind::Preamble
            | NodeKind::Preface
    )
}

/// The nearest ancestor of `eid` (itself excluded) at a noted level.
fn noted_ancestor(eid: &EId) -> Option<EId> {
    let mut p = eid.parent();
    while let Some(e) = p {
        if is_noted_level(e.kind()) {
            return Some(e);
        }
        p = e.parent();
    }
    None
}

/// Where an operation's notes stand: (node, action, in place). A subparagraph deleted is
/// noted in place ("1) алып тасталды - …") and on its paragraph as a change within.
fn placements(op: &Operation) -> Vec<(EId, NoteAction, bool)> {
    let Some(t) = op.target.as_ref() else { return Vec::new() };
    let at = |e: &EId, a: NoteAction| -> Vec<(EId, NoteAction, bool)> {
        if is_noted_level(e.kind()) {
            vec![(e.clone(), a, false)]
        } else {
            noted_ancestor(e)
                .map(|p| (p, NoteAction::Changed, false))
                .into_iter()
                .collect()
        }
    };
    match &op.change {
        Change::Replace { .. } | Change::ReplaceAttachment { .. } => at(t, NoteAction::NewWording),
        Change::Delete if t.kind() == NodeKind::Subparagraph => {
            let mut v = vec![(t.clone(), NoteAction::Deleted, true)];
            v.extend(at(t, NoteAction::Deleted));
            v
        }
        Change::Delete => at(t, NoteAction::Deleted),
        Change::Insert { content, .. } => at(&content.eid, NoteAction::Supplemented),
        Change::ReplaceWords { .. } | Change::DeleteWords { .. } => at(t, NoteAction::Changed),
        Change::Renumber { .. } | Change::Repeal => Vec::new(),
    }
}

/// The Kazakh words of an action, after the label (`жаңа редакцияда`) or alone in a
/// later group.
fn kk_action(a: NoteAction) -> &'static str {
    match a {
        NoteAction::NewWording => "жаңа редакцияда",
        NoteAction::Changed => "өзгеріс енгізілді",
        NoteAction::Deleted => "алып тасталды",
        NoteAction::Supplemented => "толықтырылды",
    }
}

/// The Kazakh opening of a note: the label with its action.
fn kk_opening(eid: &EId, a: NoteAction, in_place: bool) -> String {
    if in_place {
        return format!("{}) {}", eid.num().unwrap_or(""), kk_action(a));
    }
    let label = kk_label(eid);
    match a {
        NoteAction::Changed => format!("{} {}", dative(&label), kk_action(a)),
        NoteAction::Supplemented => match eid.parent() {
            Some(p) if is_noted_level(p.kind()) && p.kind() != NodeKind::Attachment => {
                format!("{} {} толықтырылды", kk_label(&p), instrumental(&label))
            }
            _ => format!("{} толықтырылды", instrumental(&label)),
        },
        _ => format!("{label} {}", kk_action(a)),
    }
}

/// The Russian opening of a group: the action with its document word, singular or
/// plural.
fn ru_group(a: NoteAction, plural: bool, kind: &ActKind) -> String {
    let (gen_s, gen_p, ins_s, ins_p) = match kind {
        ActKind::Order | ActKind::JointOrder => ("приказа", "приказов", "приказом", "приказами"),
        ActKind::GovernmentDecree => ("постановления", "постановлений", "постановлением", "постановлениями"),
        ActKind::Law => ("Закона", "Законов", "Законом", "Законами"),
        ActKind::Decision => ("решения", "решений", "решением", "решениями"),
    };
    match (a, plural) {
        (NoteAction::NewWording, false) => format!("в редакции {gen_s}"),
        (NoteAction::NewWording, true) => format!("в редакции {gen_p}"),
        (NoteAction::Changed, false) => format!("с изменением, внесенным {ins_s}"),
        (NoteAction::Changed, true) => format!("с изменениями, внесенными {ins_p}"),
        (NoteAction::Deleted, false) => format!("исключен {ins_s}"),
        (NoteAction::Deleted, true) => format!("исключен {ins_p}"),
        (NoteAction::Supplemented, false) => format!("дополнен в соответствии с {ins_s}"),
        (NoteAction::Supplemented, true) => format!("дополнен в соответствии с {ins_p}"),
    }
}

/// A note in the registry's style from its entries, oldest first (those of the
/// registry's notes for acts the corpus does not hold, then the corpus's own).
///
/// Kazakh: the label and the first action, ` – `, the entries joined by `; `, the issuer
/// written again only where it changes, a new action (`; жаңа редакцияда – …`) where the
/// action changes, then `бұйрығымен` (one act) or `бұйрықтарымен`. Russian: the label,
/// then groups (`в редакции приказов …`; a new group where the action or the issuer
/// changes), each entry `[issuer] от DD.MM.YYYY № N (…)`. In place (`in_place`): the
/// subparagraph's number instead of the label, and no `Ескерту.`/`Сноска.`.
pub fn compose(lang: Lang, eid: &EId, entries: &[PriorAmendment], kind: &ActKind, in_place: bool) -> Option<String> {
    let first = entries.first()?;
    match lang {
        Lang::Ru => {
            let label = if in_place {
                format!("{})", eid.num().unwrap_or(""))
            } else {
                ru_label(eid)
            };
            let mut groups: Vec<Vec<&PriorAmendment>> = Vec::new();
            for e in entries {
                match groups.last_mut() {
                    Some(g) if g.last().is_some_and(|l| l.action == e.action && l.issuer == e.issuer) => g.push(e),
                    _ => groups.push(vec![e]),
                }
            }
            let parts: Vec<String> = groups
                .iter()
                .map(|g| {
                    let head = g.first().map_or(NoteAction::Changed, |e| e.action);
                    let items: Vec<String> = g
                        .iter()
                        .enumerate()
                        .map(|(i, e)| {
                            let who = if i == 0 {
                                format!("{} ", e.issuer)
                            } else {
                                String::new()
                            };
                            format!("{who}от {} № {} {}", date_dmy(e.date), e.number, e.eif)
                                .trim_end()
                                .to_string()
                        })
                        .collect();
                    format!("{} {}", ru_group(head, g.len() > 1, kind), items.join("; "))
                })
                .collect();
            let prefix = if in_place { "" } else { "Сноска. " };
            Some(format!("{prefix}{label} {}.", parts.join("; ")))
        }
        Lang::Kk | Lang::En => {
            let mut out = format!("{} – ", kk_opening(eid, first.action, in_place));
            let mut prev: Option<&PriorAmendment> = None;
            for e in entries {
                if let Some(p) = prev {
                    out.push_str("; ");
                    if p.action != e.action {
                        out.push_str(&format!("{} – ", kk_action(e.action)));
                    }
                }
                let same_issuer = prev.is_some_and(|p| p.action == e.action && p.issuer == e.issuer);
                if !same_issuer {
                    out.push_str(&e.issuer);
                    out.push(' ');
                }
                out.push_str(&format!("{} № {}", date_dmy(e.date), e.number));
                if !e.eif.is_empty() {
                    out.push(' ');
                    out.push_str(&e.eif);
                }
                prev = Some(e);
            }
            let instr = match (kind, entries.len() > 1) {
                (ActKind::Order | ActKind::JointOrder, false) => "бұйрығымен",
                (ActKind::Order | ActKind::JointOrder, true) => "бұйрықтарымен",
                (ActKind::GovernmentDecree, false) => "қаулысымен",
                (ActKind::GovernmentDecree, true) => "қаулыларымен",
                (ActKind::Law, false) => "Заңымен",
                (ActKind::Law, true) => "Заңдарымен",
                (ActKind::Decision, false) => "шешімімен",
                (ActKind::Decision, true) => "шешімдерімен",
            };
            let prefix = if in_place { "" } else { "Ескерту. " };
            Some(format!("{prefix}{out} {instr}."))
        }
    }
}

/// The note an operation makes where the registry would print it (for a change below a
/// paragraph or an attachment, on that paragraph or attachment), in `lang`.
pub fn note(op: &Operation, source: &Act, lang: Lang) -> Option<String> {
    if let Change::Repeal = op.change {
        return Some(match lang {
            Lang::Ru => format!(
                "Сноска. Утратил силу {} {} от {} № {} {}.",
                ru_group(NoteAction::Changed, false, &source.kind)
                    .rsplit(' ')
                    .next()
                    .unwrap_or(""),
                issuer(source, lang),
                date_dmy(source.date),
                source.number,
                eif(&op.effective, lang)
            )
            .replace(" .", "."),
            _ => format!(
                "Ескерту. Күші жойылды – {} {} № {} {} бұйрығымен.",
                issuer(source, lang),
                date_dmy(source.date),
                source.number,
                eif(&op.effective, lang)
            )
            .replace("  ", " "),
        });
    }
    let (eid, action, in_place) = placements(op).into_iter().find(|(_, _, in_place)| !in_place)?;
    compose(
        lang,
        &eid,
        &[entry(op, source, &eid, action, lang)],
        &source.kind,
        in_place,
    )
}

/// The notes of node `eid` of `tl`'s act up to `date`: the note the registry would
/// print under it and its in-place note, if any (see [`notes_with_priors`]).
pub fn notes_for(lib: &Library, tl: &ActTimeline, eid: &EId, date: NaiveDate, lang: Lang) -> Vec<String> {
    notes_with_priors(lib, tl, eid, date, lang, &[])
}

/// The operations that made a version of `tl`'s act by `date`, oldest first, each with
/// the act that made it; an operation is counted once.
fn applied<'l>(lib: &'l Library, tl: &ActTimeline, date: NaiveDate) -> Vec<(NaiveDate, &'l Operation, &'l Act)> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for (eid, node) in &tl.nodes {
        for v in node.versions.iter().take_while(|v| v.validity.from <= date) {
            let Some(i) = v.state.source.op else { continue };
            let Some(op) = lib.ops_by(&v.state.source.act).get(i) else {
                continue;
            };
            let aimed = op.target.as_ref() == Some(eid)
                || matches!(&op.change, Change::Insert { content, .. } if &content.eid == eid);
            if !aimed || !seen.insert((v.state.source.act, i)) {
                continue;
            }
            if let Some(source) = lib.act(&v.state.source.act) {
                out.push((v.validity.from, op, source));
            }
        }
    }
    out.sort_by_key(|(from, _, a)| (*from, a.date, a.id));
    out
}

/// The notes of node `eid` of `tl`'s act up to `date`, in the registry's style: one note
/// under the node combining every act that changed it, the acts known only from the
/// registry's notes (`priors`, for this node and language, oldest first) before those the
/// corpus holds; and for a deleted subparagraph its in-place note. A repeal of the whole
/// act is noted on its roots.
pub fn notes_with_priors(
    lib: &Library,
    tl: &ActTimeline,
    eid: &EId,
    date: NaiveDate,
    lang: Lang,
    priors: &[PriorAmendment],
) -> Vec<String> {
    let mut under: Vec<PriorAmendment> = priors
        .iter()
        .filter(|p| &p.eid == eid && (p.lang == lang || (lang == Lang::En && p.lang == Lang::Kk)))
        .cloned()
        .collect();
    let mut in_place: Vec<PriorAmendment> = Vec::new();
    let mut kind = ActKind::Order;
    let mut out = Vec::new();
    for (_, op, source) in applied(lib, tl, date) {
        if op.target.is_none() && matches!(op.change, Change::Repeal) {
            if tl.roots.contains(eid)
                && let Some(n) = note(op, source, lang)
                && !out.contains(&n)
            {
                out.push(n);
            }
            continue;
        }
        for (at, action, place) in placements(op) {
            if &at != eid {
                continue;
            }
            kind = source.kind;
            let e = entry(op, source, eid, action, lang);
            let list = if place { &mut in_place } else { &mut under };
            if !list.contains(&e) {
                list.push(e);
            }
        }
    }
    if out.is_empty() && under.iter().all(|p| priors.contains(p)) && in_place.is_empty() {
        // Only the registry's own notes: nothing of ours to combine them with.
        return Vec::new();
    }
    if let Some(n) = compose(lang, eid, &under, &kind, false) {
        out.push(n);
    }
    if let Some(n) = compose(lang, eid, &in_place, &kind, true) {
        out.push(n);
    }
    out
}

/// The notes of every node of a consolidated act, by eId (nodes without notes left
/// out): what `show` and the web pages print under each node.
pub fn notes_map(
    lib: &Library,
    tl: &ActTimeline,
    c: &crate::consolidate::Consolidated<'_>,
    lang: Lang,
) -> crate::render::Notes {
    let mut map = crate::render::Notes::new();
    let ops = applied(lib, tl, c.date);
    let mut places: std::collections::BTreeSet<EId> = std::collections::BTreeSet::new();
    for (_, op, _) in &ops {
        places.extend(placements(op).into_iter().map(|(e, _, _)| e));
        if op.target.is_none() {
            places.extend(tl.roots.iter().cloned());
        }
    }
    c.walk(&mut |n| {
        if !places.contains(n.eid) {
            return;
        }
        let ns = notes_for(lib, tl, n.eid, c.date, lang);
        if !ns.is_empty() {
            map.insert(n.eid.to_string(), ns);
        }
    });
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_endings() {
        assert_eq!(dative("4-тармақ"), "4-тармаққа");
        assert_eq!(dative("5-тармақтың 1) тармақшасы"), "5-тармақтың 1) тармақшасына");
        assert_eq!(dative("Тақырыбы"), "Тақырыбына");
        assert_eq!(dative("2-қосымша"), "2-қосымшаға");
        assert_eq!(instrumental("18-1-тармақ"), "18-1-тармақпен");
        assert_eq!(instrumental("тармақша"), "тармақшамен");
        assert_eq!(
            genitive("ҚР Төтенше жағдайлар министрі"),
            "ҚР Төтенше жағдайлар министрінің"
        );
        assert_eq!(
            genitive("министрінің міндетін атқарушы"),
            "министрінің міндетін атқарушының"
        );
    }
}

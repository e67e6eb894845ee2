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

/// Kazakh dative: тармақ → тармаққа, қосымша → қосымшаға.
///
/// Labels are inflected as bare words. Those that end in a 3rd-person possessive
/// (`1) тармақшасы`, `1-жолы`, `2-абзацы`) get `-ға` here, where grammar writes the
/// pronominal `-на` ([`Base::Possessive3`]: `тармақшасына`); kept as it was written.
fn dative(word: &str) -> String {
    kk::inflect(word, Case::Dative, Base::Bare)
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

/// "ҚР Төтенше жағдайлар министрінің 30.09.2025 № 429 (…) бұйрығымен".
fn kk_source(act: &Act, rule: &EffectiveRule) -> String {
    let issuer = act.issuer.name(Lang::Kk);
    let issuer = issuer
        .replace("Қазақстан Республикасының", "ҚР")
        .replace("Қазақстан Республикасы", "ҚР");
    let eif = match rule {
        EffectiveRule::AfterEvent {
            event: EventKind::Publication,
            days,
        } => format!(
            " (алғашқы ресми жарияланған күнінен кейін күнтізбелік {} күн өткен соң қолданысқа енгізіледі)",
            kk::cardinal_words(*days)
        ),
        EffectiveRule::Fixed { date } => format!(" ({} бастап қолданысқа енгізіледі)", date_dmy(*date)),
        _ => String::new(),
    };
    let instr = match act.kind {
        ActKind::Order | ActKind::JointOrder => "бұйрығымен",
        ActKind::GovernmentDecree => "қаулысымен",
        ActKind::Law => "Заңымен",
        ActKind::Decision => "шешімімен",
    };
    format!(
        "{} {} № {}{eif} {instr}",
        genitive(&issuer),
        date_dmy(act.date),
        act.number
    )
}

/// "приказа Министра по чрезвычайным ситуациям РК от 30.09.2025 № 429 (…)".
fn ru_source(act: &Act, rule: &EffectiveRule, case_instrumental: bool) -> String {
    let issuer = act
        .issuer
        .names
        .get(&Lang::Ru)
        .map(|n| {
            n.replace("Республики Казахстан", "РК")
                .replacen("Министр ", "Министра ", 1)
                .replacen("исполняющий обязанности", "исполняющего обязанности", 1)
        })
        .unwrap_or_else(|| format!("[{}]", act.issuer.office));
    let doc = match (act.kind.clone(), case_instrumental) {
        (ActKind::Order | ActKind::JointOrder, false) => "приказа",
        (ActKind::Order | ActKind::JointOrder, true) => "приказом",
        (ActKind::GovernmentDecree, false) => "постановления",
        (ActKind::GovernmentDecree, true) => "постановлением",
        (ActKind::Law, false) => "Закона",
        (ActKind::Law, true) => "Законом",
        (ActKind::Decision, false) => "решения",
        (ActKind::Decision, true) => "решением",
    };
    let eif = match rule {
        EffectiveRule::AfterEvent {
            event: EventKind::Publication,
            days,
        } => format!(
            " (вводится в действие по истечении {} календарных дней после дня его первого официального опубликования)",
            crate::ru::number_genitive(*days)
        ),
        EffectiveRule::Fixed { date } => format!(" (вводится в действие с {})", date_dmy(*date)),
        _ => String::new(),
    };
    format!("{doc} {issuer} от {} № {}{eif}", date_dmy(act.date), act.number)
}

/// The note an operation makes on its target, in `lang`.
pub fn note(op: &Operation, source: &Act, lang: Lang) -> Option<String> {
    let target = op.target.as_ref();
    match lang {
        Lang::Kk | Lang::En => {
            let src = kk_source(source, &op.effective);
            let what = match (&op.change, target) {
                (Change::Replace { .. } | Change::ReplaceAttachment { .. }, Some(t)) => {
                    format!("{} жаңа редакцияда", kk_label(t))
                }
                (Change::Delete, Some(t)) => format!("{} алып тасталды", kk_label(t)),
                (Change::Insert { content, .. }, Some(_)) => match content.eid.parent() {
                    Some(p) if p.kind() != NodeKind::Attachment => {
                        format!(
                            "{} {} толықтырылды",
                            kk_label(&p),
                            instrumental(&kk_label(&content.eid))
                        )
                    }
                    _ => format!("{} толықтырылды", instrumental(&kk_label(&content.eid))),
                },
                (Change::ReplaceWords { .. } | Change::DeleteWords { .. }, Some(t)) => {
                    format!("{} өзгеріс енгізілді", dative(&kk_label(t)))
                }
                (Change::Renumber { .. }, Some(t)) => format!("{} нөмірі өзгертілді", kk_label(t)),
                (Change::Repeal, _) => "Күші жойылды".to_string(),
                _ => return None,
            };
            Some(format!("Ескерту. {what} – {src}."))
        }
        Lang::Ru => {
            let what = match (&op.change, target) {
                (Change::Replace { .. } | Change::ReplaceAttachment { .. }, Some(t)) => {
                    format!(
                        "{} – в редакции {}",
                        ru_label(t),
                        ru_source(source, &op.effective, false)
                    )
                }
                (Change::Delete, Some(t)) => {
                    format!("{} исключен {}", ru_label(t), ru_source(source, &op.effective, true))
                }
                (Change::Insert { content, .. }, Some(_)) => {
                    format!(
                        "{} дополнен {}",
                        ru_label(&content.eid),
                        ru_source(source, &op.effective, true)
                    )
                }
                (Change::ReplaceWords { .. } | Change::DeleteWords { .. }, Some(t)) => {
                    format!("{} изменен {}", ru_label(t), ru_source(source, &op.effective, true))
                }
                (Change::Renumber { .. }, Some(t)) => {
                    format!(
                        "{} перенумерован {}",
                        ru_label(t),
                        ru_source(source, &op.effective, true)
                    )
                }
                (Change::Repeal, _) => format!("Утратил силу {}", ru_source(source, &op.effective, true)),
                _ => return None,
            };
            Some(format!("Сноска. {what}."))
        }
    }
}

/// The notes of node `eid` of `tl`'s act up to `date`, oldest first: one per version
/// made by an operation aimed at this node.
pub fn notes_for(lib: &Library, tl: &ActTimeline, eid: &EId, date: NaiveDate, lang: Lang) -> Vec<String> {
    let Some(node) = tl.nodes.get(eid) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for v in node.versions.iter().take_while(|v| v.validity.from <= date) {
        let Some(i) = v.state.source.op else { continue };
        let Some(op) = lib.ops_by(&v.state.source.act).get(i) else {
            continue;
        };
        let aimed = op.target.as_ref() == Some(eid)
            || matches!(&op.change, Change::Insert { content, .. } if &content.eid == eid)
            || (op.target.is_none() && tl.roots.contains(eid));
        if !aimed {
            continue;
        }
        let Some(source) = lib.act(&v.state.source.act) else {
            continue;
        };
        if let Some(n) = note(op, source, lang)
            && !out.contains(&n)
        {
            out.push(n);
        }
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
    c.walk(&mut |n| {
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

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
use crate::library::Library;
use crate::model::{Act, ActKind, EId, EventKind, Lang, NodeKind};

const KK_UNITS: [&str; 10] = ["", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз"];
const KK_TENS: [&str; 10] = [
    "",
    "он",
    "жиырма",
    "отыз",
    "қырық",
    "елу",
    "алпыс",
    "жетпіс",
    "сексен",
    "тоқсан",
];
const RU_UNITS_GEN: [&str; 10] = [
    "",
    "одного",
    "двух",
    "трех",
    "четырех",
    "пяти",
    "шести",
    "семи",
    "восьми",
    "девяти",
];
const RU_TEENS_GEN: [&str; 10] = [
    "десяти",
    "одиннадцати",
    "двенадцати",
    "тринадцати",
    "четырнадцати",
    "пятнадцати",
    "шестнадцати",
    "семнадцати",
    "восемнадцати",
    "девятнадцати",
];
const RU_TENS_GEN: [&str; 10] = [
    "",
    "десяти",
    "двадцати",
    "тридцати",
    "сорока",
    "пятидесяти",
    "шестидесяти",
    "семидесяти",
    "восьмидесяти",
    "девяноста",
];

/// A number in Kazakh words (1–999), e.g. 60 → "алпыс"; digits beyond.
pub fn kk_number(n: u32) -> String {
    if n == 0 || n > 999 {
        return n.to_string();
    }
    let mut parts = Vec::new();
    let (h, t, u) = (n / 100, (n / 10) % 10, n % 10);
    if h > 0 {
        if h > 1 {
            parts.push(KK_UNITS[h as usize].to_string());
        }
        parts.push("жүз".to_string());
    }
    if t > 0 {
        parts.push(KK_TENS[t as usize].to_string());
    }
    if u > 0 {
        parts.push(KK_UNITS[u as usize].to_string());
    }
    parts.join(" ")
}

/// A number in Russian words, genitive (1–99), e.g. 60 → "шестидесяти"; digits beyond.
pub fn ru_number_genitive(n: u32) -> String {
    match n {
        1..=9 => RU_UNITS_GEN[n as usize].to_string(),
        10..=19 => RU_TEENS_GEN[(n - 10) as usize].to_string(),
        20..=99 => {
            let (t, u) = (n / 10, n % 10);
            if u == 0 {
                RU_TENS_GEN[t as usize].to_string()
            } else {
                format!("{} {}", RU_TENS_GEN[t as usize], RU_UNITS_GEN[u as usize])
            }
        }
        _ => n.to_string(),
    }
}

fn is_back(word: &str) -> bool {
    for c in word.chars().rev() {
        match c {
            'а' | 'о' | 'ұ' | 'ы' | 'я' | 'у' => return true,
            'ә' | 'ө' | 'ү' | 'і' | 'е' | 'и' | 'э' => return false,
            _ => {}
        }
    }
    true
}

/// Kazakh dative: тармақ → тармаққа, қосымша → қосымшаға.
fn dative(word: &str) -> String {
    let last = word.chars().last().unwrap_or('а');
    let back = is_back(word);
    let s = if matches!(last, 'к' | 'қ' | 'п' | 'с' | 'т' | 'ш' | 'ф' | 'х') {
        if back { "қа" } else { "ке" }
    } else if back {
        "ға"
    } else {
        "ге"
    };
    format!("{word}{s}")
}

/// Kazakh instrumental: тармақ → тармақпен, тармақша → тармақшамен.
fn instrumental(word: &str) -> String {
    let last = word.chars().last().unwrap_or('а');
    let s = match last {
        'а' | 'ә' | 'е' | 'о' | 'ө' | 'ұ' | 'ү' | 'ы' | 'і' | 'у' | 'и' | 'л' | 'р' | 'й' => "мен",
        'м' | 'н' | 'ң' | 'ж' | 'з' => "бен",
        _ => "пен",
    };
    format!("{word}{s}")
}

/// Kazakh genitive of an office: "... министрі" → "... министрінің".
fn genitive(word: &str) -> String {
    let last = word.chars().last().unwrap_or('а');
    let back = is_back(word);
    let s = match last {
        'а' | 'ә' | 'е' | 'о' | 'ө' | 'ұ' | 'ү' | 'ы' | 'і' | 'м' | 'н' | 'ң' => {
            if back {
                "ның"
            } else {
                "нің"
            }
        }
        'л' | 'р' | 'й' | 'у' | 'з' | 'ж' => {
            if back {
                "дың"
            } else {
                "дің"
            }
        }
        _ => {
            if back {
                "тың"
            } else {
                "тің"
            }
        }
    };
    format!("{word}{s}")
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
            kk_number(*days)
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
            ru_number_genitive(*days)
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
    fn numbers_in_words() {
        assert_eq!(kk_number(60), "алпыс");
        assert_eq!(kk_number(10), "он");
        assert_eq!(kk_number(15), "он бес");
        assert_eq!(kk_number(120), "жүз жиырма");
        assert_eq!(ru_number_genitive(60), "шестидесяти");
        assert_eq!(ru_number_genitive(10), "десяти");
        assert_eq!(ru_number_genitive(21), "двадцати одного");
    }

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

//! An amending act's entry-into-force schedule, for its page: its first official
//! publication as recorded, the default rule in words with the day it gives (or "date
//! not yet known, at the earliest D" while the publication is not recorded), each
//! exception with its position in words and its day, the clause that states the
//! schedule, and the registry's own note on the act.

use super::citing::Citer;
use super::i18n::{Word, Words, code};
use super::pages::url_encode;
use crate::model::dates::{EffectiveRule, Resolved, resolve};
use crate::model::{AbzatsRange, Act, EId, EventKind, Lang};

/// The schedule section of an amending act's page.
pub(super) struct ActSchedule {
    /// First official publication, written out, or "not recorded".
    pub published: String,
    /// The default rule first, then the exceptions.
    pub rows: Vec<ScheduleRow>,
    /// The clause of the act that states the schedule, in words, with its anchor.
    pub stated_in: Option<(String, String)>,
    /// The registry's note on the act, verbatim (Kazakh).
    pub notes: Vec<String>,
}

/// One rule of the schedule.
pub(super) struct ScheduleRow {
    /// "By default", or the position excepted in words ("Тізбенің 3-тармағының 3–11
    /// абзацтары").
    pub position: String,
    /// The position's anchor on the act's page, for an exception.
    pub href: Option<String>,
    /// The rule in words ("60 calendar days after its first official publication").
    pub rule: String,
    /// The day it gives, written out, or "date not yet known, at the earliest …".
    pub day: String,
    /// True when the day is known.
    pub scheduled: bool,
}

/// The schedule of `act`, or `None` when the act states none (it amends nothing, or
/// its clause was not read).
pub(super) fn act_schedule(act: &Act, citer: &Citer<'_>, t: Words) -> Option<ActSchedule> {
    let eif = act.entry_into_force.as_ref()?;
    let day = |rule: &EffectiveRule| -> (String, bool) {
        match resolve(rule, act) {
            Resolved::Scheduled(d) => (citer.date(d), true),
            Resolved::Pending { earliest } => (citer.waiting(earliest), false),
        }
    };
    let enc = url_encode(&act.id.to_string());
    let lang = code(t.0);
    let anchor = |eid: &str| format!("/acts/{enc}?lang={lang}#{}", url_encode(eid));
    let (d, scheduled) = day(&eif.default);
    let mut rows = vec![ScheduleRow {
        position: t.get(Word::ByDefault).to_string(),
        href: None,
        rule: rule_words(&eif.default, t.0),
        day: d,
        scheduled,
    }];
    for ex in &eif.exceptions {
        let (d, scheduled) = day(&ex.rule);
        let clause = match ex.item.parse::<EId>() {
            Ok(eid) => citer.clause(&act.id, &eid),
            Err(_) => ex.item.clone(),
        };
        rows.push(ScheduleRow {
            position: match ex.abzats {
                Some(r) => format!("{clause}, {}", abzats_words(r, t.0)),
                None => clause,
            },
            href: Some(anchor(&ex.item)),
            rule: rule_words(&ex.rule, t.0),
            day: d,
            scheduled,
        });
    }
    let stated_in = eif.stated_in.as_ref().and_then(|s| {
        let eid = s.parse::<EId>().ok()?;
        Some((citer.clause(&act.id, &eid), anchor(s)))
    });
    Some(ActSchedule {
        published: match act.event_date(EventKind::Publication) {
            Some(d) => citer.date(d),
            None => t.not_recorded().to_string(),
        },
        rows,
        stated_in,
        notes: act.editorial_notes.clone(),
    })
}

/// A rule in words.
fn rule_words(rule: &EffectiveRule, lang: Lang) -> String {
    match rule {
        EffectiveRule::Fixed { .. } => match lang {
            Lang::Kk => "белгіленген күннен бастап".to_string(),
            Lang::Ru => "с установленной даты".to_string(),
            Lang::En => "from a fixed date".to_string(),
        },
        EffectiveRule::AfterEvent { event, days } => {
            let event = event_words(*event, lang);
            match lang {
                Lang::Kk => format!("{event} кейін күнтізбелік {days} күн өткен соң"),
                Lang::Ru => format!("по истечении {days} календарных дней после дня {event}"),
                Lang::En => format!("{days} calendar days after its {event}"),
            }
        }
        EffectiveRule::OnEntryIntoForce => match lang {
            Lang::Kk => "актінің өзі қолданысқа енгізілген күннен бастап".to_string(),
            Lang::Ru => "со дня введения в действие самого акта".to_string(),
            Lang::En => "when the act itself takes force".to_string(),
        },
    }
}

/// An event of the amending act, as the rule names it.
fn event_words(event: EventKind, lang: Lang) -> &'static str {
    match (event, lang) {
        (EventKind::Publication, Lang::Kk) => "алғашқы ресми жарияланған күнінен",
        (EventKind::Publication, Lang::Ru) => "его первого официального опубликования",
        (EventKind::Publication, Lang::En) => "first official publication",
        (EventKind::EntryIntoForce, Lang::Kk) => "қолданысқа енгізілген күнінен",
        (EventKind::EntryIntoForce, Lang::Ru) => "его введения в действие",
        (EventKind::EntryIntoForce, Lang::En) => "entry into force",
        (EventKind::Repeal, Lang::Kk) => "күші жойылған күнінен",
        (EventKind::Repeal, Lang::Ru) => "утраты им силы",
        (EventKind::Repeal, Lang::En) => "repeal",
    }
}

/// An abzats range in words: "3–11 абзацтары", "абзацы 3–11", "paragraphs 3–11".
fn abzats_words(r: AbzatsRange, lang: Lang) -> String {
    let span = if r.from == r.to {
        r.from.to_string()
    } else {
        format!("{}–{}", r.from, r.to)
    };
    match (lang, r.from == r.to) {
        (Lang::Kk, true) => format!("{span}-абзацы"),
        (Lang::Kk, false) => format!("{span} абзацтары"),
        (Lang::Ru, true) => format!("абзац {span}"),
        (Lang::Ru, false) => format!("абзацы {span}"),
        (Lang::En, true) => format!("paragraph (abzats) {span}"),
        (Lang::En, false) => format!("paragraphs (abzats) {span}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abzats_ranges_read_in_each_language() {
        let r = AbzatsRange { from: 3, to: 11 };
        assert_eq!(abzats_words(r, Lang::Kk), "3–11 абзацтары");
        assert_eq!(abzats_words(r, Lang::Ru), "абзацы 3–11");
        assert_eq!(
            abzats_words(AbzatsRange { from: 2, to: 2 }, Lang::En),
            "paragraph (abzats) 2"
        );
    }
}

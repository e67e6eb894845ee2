//! The amending act's own entry-into-force clause: a default rule and exceptions.
//!
//! ```text
//! Осы бұйрық 2026 жылғы 1 қаңтардан бастап қолданысқа енгізілетін Тізбенің
//! 3-тармағының үшінші, ..., он бірінші абзацтарын қоспағанда, алғашқы ресми
//! жарияланған күнінен кейін күнтізбелік алпыс күн өткен соң қолданысқа енгізіледі.
//! ```
//!
//! The rule after `қоспағанда` (or the whole sentence, without exceptions) is the
//! default; each `<rule> қолданысқа енгізілетін <positions>` before it is an exception.
//! Rules: `YYYY жылғы D <month> бастап` (fixed), `алғашқы ресми жарияланған күнінен кейін
//! күнтізбелік N күн өткен соң` (N days after publication), `мемлекеттік тіркелген
//! күнінен бастап` (the registration date when known, else the act's entry into force),
//! `қол қойылған күнінен бастап` (the date of adoption). Positions: `Тізбенің N-тармағы`
//! (a List item), `осы бұйрықтың N-тармағы` (the order's own paragraph), with an
//! optional list of ordinal abzats; a list with gaps gives one exception per run.
//!
//! The Russian clause ([`parse_in`] with [`Lang::Ru`]) gives the default first and the
//! exceptions after `за исключением`:
//!
//! ```text
//! Настоящий приказ вводится в действие по истечении шестидесяти календарных дней после
//! дня его первого официального опубликования, за исключением абзацев третьего –
//! одиннадцатого пункта 3 Перечня, которые вводятся в действие с 1 января 2026 года.
//! ```
//!
//! Rules: `по истечении N календарных дней после дня его первого официального
//! опубликования` (N in words, [`crate::ru::cardinal`], or digits), `после дня его первого
//! официального опубликования`, `со дня государственной регистрации`, `со дня
//! подписания`, `с D <month> YYYY года`. Positions: `пункта N Перечня`, `пункта N
//! настоящего приказа`, with an optional list of ordinal abzats (`абзацев третьего,
//! четвертого и одиннадцатого`).

use std::sync::LazyLock;

use regex::Regex;

use super::formulas::normalise;
use super::{ParseError, ParseErrorKind};
use crate::dates::{EffectiveRule, EntryIntoForce, EntryIntoForceException};
use crate::model::{AbzatsRange, Act, EventKind, Lang, Node, NodeKind};
use crate::{kk, ru};

fn re(p: &str) -> Regex {
    Regex::new(p).expect("constant regex")
}

/// The phrase that marks an entry-into-force clause.
pub const MARKER: &str = "қолданысқа енгізіледі";
/// The phrase that marks a Russian entry-into-force clause.
pub const MARKER_RU: &str = "вводится в действие";

static RU_AFTER_PUBLICATION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"по\s+истечении\s+(?P<n>[\p{L}\d\s()]+?)\s+календарн\p{L}*\s+(?:дней|дня)\s+после\s+дня\s+(?:его\s+)?первого\s+официального\s+опубликования",
    )
});
static RU_AFTER_PUBLICATION_DAY: LazyLock<Regex> =
    LazyLock::new(|| re(r"после\s+дня\s+(?:его\s+)?первого\s+официального\s+опубликования"));
static RU_FROM_REGISTRATION: LazyLock<Regex> =
    LazyLock::new(|| re(r"со\s+дня\s+(?:его\s+)?государственной\s+регистрации"));
static RU_FROM_SIGNATURE: LazyLock<Regex> = LazyLock::new(|| re(r"со\s+дня\s+(?:его\s+)?подписания"));
static RU_FROM_DATE: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"(?:^|\s)с\s+{}", ru::dates::PATTERN)));
static RU_POSITION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:абзац(?:ев|а)\s+(?P<ords>[\p{L}\s,-]+?)\s+)?пункт(?:а|ов)\s+(?P<nums>\d+(?:-\d+)*(?:\s*(?:,|и)\s*\d+(?:-\d+)*)*)(?:\s+(?P<scope>перечня|настоящего\s+приказа|приказа))?",
    )
});
static RU_EXCEPTION_RULE: LazyLock<Regex> =
    LazyLock::new(|| re(r",?\s*(?:которые|который)\s+(?:вводятся|вводится)\s+в\s+действие"));

static AFTER_PUBLICATION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"жарияланған\s+күнінен\s+кейін\s+(?:күнтізбелік\s+)?(?P<n>[\p{L}\d\s()]+?)\s+(?:күнтізбелік\s+)?күн\s+өткен\s+соң",
    )
});
static AFTER_PUBLICATION_DAY: LazyLock<Regex> = LazyLock::new(|| re(r"жарияланған\s+күнінен\s+кейін"));
static FROM_REGISTRATION: LazyLock<Regex> = LazyLock::new(|| re(r"мемлекеттік\s+тіркелген\s+күнінен\s+бастап"));
static FROM_SIGNATURE: LazyLock<Regex> = LazyLock::new(|| re(r"қол\s+қойылған\s+күнінен\s+бастап"));
static FROM_DATE: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"{}\s+бастап", kk::dates::PATTERN)));
static EXCEPTION_RULE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?P<rule>{}\s+бастап|алғашқы\s+ресми\s+жарияланған\s+күнінен\s+кейін\s+[\p{{L}}\d\s()]*?күн\s+өткен\s+соң|мемлекеттік\s+тіркелген\s+күнінен\s+бастап|қол\s+қойылған\s+күнінен\s+бастап)\s+қолданысқа\s+енгізілетін",
        kk::dates::PATTERN
    ))
});
static POSITION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?P<scope>тізбенің|тізбесінің|осы\s+бұйрықтың|бұйрықтың)?\s*(?P<nums>\d+(?:-\d+)*(?:\s*(?:,|және)\s*\d+(?:-\d+)*)*)-тарма(?:қ|ғ)(?P<suf>\p{L}*)",
    )
});
static ABZATS_LIST: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*(?P<ords>[\p{L}\s,-]+?)\s+абзац\p{L}*"));
static SUBPARA_POSITION: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*\d+(?:-\d+)*\)\s*тармақша"));
static NUMS: LazyLock<Regex> = LazyLock::new(|| re(r"\d+(?:-\d+)*"));

/// The order's own paragraph that states when it takes force, if any: the last
/// top-level paragraph whose text contains [`MARKER`].
pub fn clause(tree: &[Node]) -> Option<&Node> {
    clause_in(Lang::Kk, tree)
}

/// [`clause`] for a text in `lang` ([`MARKER_RU`] for Russian).
pub fn clause_in(lang: Lang, tree: &[Node]) -> Option<&Node> {
    let marker = if lang == Lang::Ru { MARKER_RU } else { MARKER };
    tree.iter()
        .rev()
        .filter(|n| n.eid.kind() == NodeKind::Paragraph)
        .find(|n| {
            n.content.text().is_some_and(|t| match lang {
                Lang::Ru => normalise(t).to_lowercase().contains(marker),
                _ => t.to_lowercase().contains(marker),
            })
        })
}

/// [`parse`] for a text in `lang`.
pub fn parse_in(
    lang: Lang,
    act: &Act,
    tree: &[Node],
    list: Option<&str>,
) -> Result<Option<EntryIntoForce>, Box<ParseError>> {
    if lang != Lang::Ru {
        return parse(act, tree, list);
    }
    let Some(node) = clause_in(lang, tree) else {
        return Ok(None);
    };
    let text = node.content.text().unwrap_or("");
    let mut eif = parse_text_ru(act, text, list).map_err(|m| {
        Box::new(ParseError {
            act: act.id,
            item: node.eid.to_string(),
            abzats: None,
            text: text.to_string(),
            kind: ParseErrorKind::MalformedEntryIntoForce(m),
        })
    })?;
    eif.stated_in = Some(node.eid.to_string());
    Ok(Some(eif))
}

/// Parses the sentence of a Russian entry-into-force clause.
pub fn parse_text_ru(act: &Act, text: &str, list: Option<&str>) -> Result<EntryIntoForce, String> {
    let t = normalise(text).to_lowercase();
    let start = t.find(MARKER_RU).ok_or_else(|| format!("no \"{MARKER_RU}\""))?;
    let after = t.get(start + MARKER_RU.len()..).unwrap_or("");
    let (main, exc) = match after.find("за исключением") {
        Some(i) => (
            after.get(..i).unwrap_or(""),
            after.get(i + "за исключением".len()..).unwrap_or(""),
        ),
        None => (after, ""),
    };
    let default = rule_ru(act, main)?;
    let mut exceptions = Vec::new();
    if !exc.trim().is_empty() {
        let m = RU_EXCEPTION_RULE
            .find(exc)
            .ok_or_else(|| format!("no rule for the exceptions in \"{}\"", exc.trim()))?;
        let rule = rule_ru(act, exc.get(m.end()..).unwrap_or(""))?;
        let found = positions_ru(exc.get(..m.start()).unwrap_or(""), list)?;
        if found.is_empty() {
            return Err(format!("no position in \"{}\"", exc.trim()));
        }
        for (item, abzats) in found {
            exceptions.push(EntryIntoForceException {
                item,
                abzats,
                rule: rule.clone(),
            });
        }
    }
    Ok(EntryIntoForce {
        default,
        exceptions,
        stated_in: None,
    })
}

/// One Russian rule phrase.
fn rule_ru(act: &Act, s: &str) -> Result<EffectiveRule, String> {
    if let Some(c) = RU_AFTER_PUBLICATION.captures(s) {
        let n = c.name("n").map_or("", |m| m.as_str());
        let days = match NUMS.find(n) {
            Some(m) => m.as_str().parse().ok(),
            None => ru::cardinal(&n.replace(['(', ')'], " ")),
        }
        .ok_or_else(|| format!("\"{}\" is not a number of days", n.trim()))?;
        return Ok(EffectiveRule::AfterEvent {
            event: EventKind::Publication,
            days,
        });
    }
    if RU_AFTER_PUBLICATION_DAY.is_match(s) {
        return Ok(EffectiveRule::AfterEvent {
            event: EventKind::Publication,
            days: 0,
        });
    }
    if RU_FROM_REGISTRATION.is_match(s) {
        return Ok(match act.registration.as_ref().and_then(|r| r.date) {
            Some(date) => EffectiveRule::Fixed { date },
            None => EffectiveRule::OnEntryIntoForce,
        });
    }
    if RU_FROM_SIGNATURE.is_match(s) {
        return Ok(EffectiveRule::Fixed { date: act.date });
    }
    if RU_FROM_DATE.is_match(s) {
        let (date, _) = ru::find_date(s).ok_or_else(|| format!("no valid date in \"{}\"", s.trim()))?;
        return Ok(EffectiveRule::Fixed { date });
    }
    Err(format!(
        "no rule of entry into force in \"{}\"",
        s.trim().trim_matches([',', '.']).trim()
    ))
}

/// The positions `абзацев третьего - одиннадцатого пункта 3 Перечня`.
fn positions_ru(s: &str, list: Option<&str>) -> Result<Vec<(String, Option<AbzatsRange>)>, String> {
    let mut out = Vec::new();
    for c in RU_POSITION.captures_iter(s) {
        let scope_list = match c.name("scope").map(|m| m.as_str()) {
            Some("перечня") => {
                if list.is_none() {
                    return Err("the clause names the List, and the act has none".into());
                }
                true
            }
            Some(_) => false,
            None => list.is_some(),
        };
        let items: Vec<String> = NUMS
            .find_iter(c.name("nums").map_or("", |m| m.as_str()))
            .map(|m| match (scope_list, list) {
                (true, Some(l)) => format!("{l}__para_{}", m.as_str()),
                _ => format!("para_{}", m.as_str()),
            })
            .collect();
        let ranges = match c.name("ords") {
            Some(o) => runs(&ordinal_list(o.as_str(), ru::ordinal, " и ")?)
                .into_iter()
                .map(Some)
                .collect(),
            None => vec![None],
        };
        if items.len() > 1 && ranges.iter().any(Option::is_some) {
            return Err("abzats of several items at once".into());
        }
        for item in &items {
            for r in &ranges {
                out.push((item.clone(), *r));
            }
        }
    }
    Ok(out)
}

/// Parses the act's entry-into-force clause. `list` is the eId of the List whose items
/// `Тізбенің N-тармағы` names. `Ok(None)` when the act has no such clause.
pub fn parse(act: &Act, tree: &[Node], list: Option<&str>) -> Result<Option<EntryIntoForce>, Box<ParseError>> {
    let Some(node) = clause(tree) else { return Ok(None) };
    let text = node.content.text().unwrap_or("");
    let err = |m: String| {
        Box::new(ParseError {
            act: act.id,
            item: node.eid.to_string(),
            abzats: None,
            text: text.to_string(),
            kind: ParseErrorKind::MalformedEntryIntoForce(m),
        })
    };
    let mut eif = parse_text(act, text, list).map_err(err)?;
    eif.stated_in = Some(node.eid.to_string());
    Ok(Some(eif))
}

/// Parses the sentence of an entry-into-force clause.
pub fn parse_text(act: &Act, text: &str, list: Option<&str>) -> Result<EntryIntoForce, String> {
    let t = normalise(text).to_lowercase();
    let end = t.rfind(MARKER).ok_or_else(|| format!("no \"{MARKER}\""))?;
    let upto = t.get(..end).unwrap_or("");
    let (exc, main) = match upto.rfind("қоспағанда") {
        Some(i) => (
            upto.get(..i).unwrap_or(""),
            upto.get(i + "қоспағанда".len()..).unwrap_or(""),
        ),
        None => ("", upto),
    };
    let default = rule(act, main)?;
    let exceptions = if exc.trim().is_empty() {
        Vec::new()
    } else {
        exceptions(act, exc, list)?
    };
    Ok(EntryIntoForce {
        default,
        exceptions,
        stated_in: None,
    })
}

/// The number of days in `s`: digits when present (`10 (он)`), else words.
fn days(s: &str) -> Option<u32> {
    if let Some(m) = NUMS.find(s) {
        return m.as_str().parse().ok();
    }
    let words: String = s.chars().filter(|c| !matches!(c, '(' | ')')).collect();
    kk::cardinal(&words)
}

/// One rule phrase.
fn rule(act: &Act, s: &str) -> Result<EffectiveRule, String> {
    if let Some(c) = AFTER_PUBLICATION.captures(s) {
        let n = c.name("n").map_or("", |m| m.as_str());
        let days = days(n).ok_or_else(|| format!("\"{}\" is not a number of days", n.trim()))?;
        return Ok(EffectiveRule::AfterEvent {
            event: EventKind::Publication,
            days,
        });
    }
    if AFTER_PUBLICATION_DAY.is_match(s) {
        return Ok(EffectiveRule::AfterEvent {
            event: EventKind::Publication,
            days: 0,
        });
    }
    if FROM_REGISTRATION.is_match(s) {
        return Ok(match act.registration.as_ref().and_then(|r| r.date) {
            Some(date) => EffectiveRule::Fixed { date },
            None => EffectiveRule::OnEntryIntoForce,
        });
    }
    if FROM_SIGNATURE.is_match(s) {
        return Ok(EffectiveRule::Fixed { date: act.date });
    }
    if FROM_DATE.is_match(s) {
        let (date, _) = kk::find_date(s).ok_or_else(|| format!("no valid date in \"{}\"", s.trim()))?;
        return Ok(EffectiveRule::Fixed { date });
    }
    Err(format!(
        "no rule of entry into force in \"{}\"",
        s.trim().trim_matches(',').trim()
    ))
}

/// The exceptions: `<rule> қолданысқа енгізілетін <positions>`, one or more.
fn exceptions(act: &Act, s: &str, list: Option<&str>) -> Result<Vec<EntryIntoForceException>, String> {
    let matches: Vec<regex::Captures<'_>> = EXCEPTION_RULE.captures_iter(s).collect();
    if matches.is_empty() {
        return Err(format!("no rule for the exceptions in \"{}\"", s.trim()));
    }
    let mut out = Vec::new();
    for (k, c) in matches.iter().enumerate() {
        let (Some(all), Some(r)) = (c.get(0), c.name("rule")) else {
            continue;
        };
        let rule = rule(act, r.as_str())?;
        let until = matches.get(k + 1).and_then(|n| n.get(0)).map_or(s.len(), |m| m.start());
        let positions = s.get(all.end()..until).unwrap_or("");
        let found = parse_positions(positions, list)?;
        if found.is_empty() {
            return Err(format!("no position after \"{}\"", r.as_str()));
        }
        for (item, abzats) in found {
            out.push(EntryIntoForceException {
                item,
                abzats,
                rule: rule.clone(),
            });
        }
    }
    Ok(out)
}

/// The positions `Тізбенің 3-тармағының үшінші, ..., он бірінші абзацтарын`.
fn parse_positions(s: &str, list: Option<&str>) -> Result<Vec<(String, Option<AbzatsRange>)>, String> {
    let found: Vec<regex::Captures<'_>> = POSITION.captures_iter(s).collect();
    let mut out = Vec::new();
    let mut scope_list = list.is_some();
    for (k, c) in found.iter().enumerate() {
        let Some(all) = c.get(0) else { continue };
        match c.name("scope").map(|m| m.as_str()) {
            Some(sc) if sc.starts_with("тізбе") => {
                if list.is_none() {
                    return Err("the clause names the List, and the act has none".into());
                }
                scope_list = true;
            }
            Some(_) => scope_list = false,
            None => {}
        }
        let nums: Vec<String> = NUMS
            .find_iter(c.name("nums").map_or("", |m| m.as_str()))
            .map(|m| m.as_str().to_string())
            .collect();
        let items: Vec<String> = nums
            .iter()
            .map(|n| match (scope_list, list) {
                (true, Some(l)) => format!("{l}__para_{n}"),
                _ => format!("para_{n}"),
            })
            .collect();
        let until = found.get(k + 1).and_then(|n| n.get(0)).map_or(s.len(), |m| m.start());
        let after = s.get(all.end()..until).unwrap_or("");
        let genitive = c
            .name("suf")
            .is_some_and(|m| m.as_str().ends_with("ның") || m.as_str().ends_with("нің"));
        if genitive && SUBPARA_POSITION.is_match(after) {
            return Err("exceptions for subparagraphs of an item are not supported".into());
        }
        let ranges = if genitive && let Some(a) = ABZATS_LIST.captures(after) {
            let ords = abzats_numbers(a.name("ords").map_or("", |m| m.as_str()))?;
            runs(&ords).into_iter().map(Some).collect()
        } else {
            vec![None]
        };
        if items.len() > 1 && ranges.iter().any(Option::is_some) {
            return Err("abzats of several items at once".into());
        }
        for item in &items {
            for r in &ranges {
                out.push((item.clone(), *r));
            }
        }
    }
    Ok(out)
}

/// The abzats numbers of `үшінші, төртінші және он бірінші` (or a range
/// `үшінші - он бірінші`).
fn abzats_numbers(s: &str) -> Result<Vec<u32>, String> {
    ordinal_list(s, kk::ordinal, " және ")
}

/// The numbers of a list of ordinals read by `ordinal`, joined by `,` and `and`, with
/// ranges `A - B`.
fn ordinal_list(s: &str, ordinal: fn(&str) -> Option<u32>, and: &str) -> Result<Vec<u32>, String> {
    let mut out = Vec::new();
    for part in s.split(',').flat_map(|p| p.split(and)) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        if let Some((a, b)) = part.split_once('-') {
            let (a, b) = (
                ordinal(a.trim()).ok_or_else(|| format!("\"{a}\" is not an ordinal"))?,
                ordinal(b.trim()).ok_or_else(|| format!("\"{b}\" is not an ordinal"))?,
            );
            if a > b || b - a > 10_000 {
                return Err(format!("bad abzats range {a}-{b}"));
            }
            out.extend(a..=b);
        } else {
            out.push(ordinal(part).ok_or_else(|| format!("\"{part}\" is not an ordinal"))?);
        }
    }
    if out.is_empty() {
        return Err("no abzats".into());
    }
    Ok(out)
}

/// Contiguous runs of `v`, sorted.
fn runs(v: &[u32]) -> Vec<AbzatsRange> {
    let mut v = v.to_vec();
    v.sort_unstable();
    v.dedup();
    let mut out: Vec<AbzatsRange> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some(r) if r.to + 1 == x => r.to = x,
            _ => out.push(AbzatsRange { from: x, to: x }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_split_at_gaps() {
        assert_eq!(
            runs(&[3, 4, 5, 9, 10]),
            vec![AbzatsRange { from: 3, to: 5 }, AbzatsRange { from: 9, to: 10 }]
        );
    }

    #[test]
    fn abzats_lists() {
        assert_eq!(
            abzats_numbers("үшінші, төртінші және он бірінші").unwrap(),
            vec![3, 4, 11]
        );
        assert_eq!(abzats_numbers("екінші - бесінші").unwrap(), vec![2, 3, 4, 5]);
        assert!(abzats_numbers("бес").is_err());
    }
}

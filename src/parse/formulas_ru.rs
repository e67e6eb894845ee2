//! The Russian amendment formulas: one line (abzats) of an item in, one
//! [`Instruction`] out, the same instructions the Kazakh formulas
//! ([`super::formulas`]) make, so that one model serves both languages.
//!
//! ```text
//! Внести в приказ … от 30 декабря 2014 года № 350 "…" (зарегистрирован … под № 10273)
//! следующие изменения:
//! в Правилах …, утвержденных указанным приказом:
//! пункт 4 изложить в следующей редакции:
//! подпункт 1) пункта 5 исключить;
//! дополнить пунктом 18-1 следующего содержания:
//! в пункте 6 слова "X" заменить словами "Y";
//! абзац шестой части третьей изложить в следующей редакции:
//! статью 29 исключить.
//! признать утратившим силу приказ … № 12 (…).
//! ```
//!
//! Lines are normalised as for the Kazakh formulas ([`normalise`](super::formulas::normalise)):
//! «» become `"`, dashes `-`. Ordinals (`шестой`, `части третьей`, `в абзаце
//! тринадцатом`) and dates are [`crate::ru`]'s.

use std::sync::LazyLock;

use regex::Regex;

use super::formulas::{ActRef, Instruction, Scope};
use crate::ru;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("constant regex")
}

/// A number label: `18`, `18-1`.
const NUM: &str = r"\d+(?:-\d+)*";
/// A subparagraph label: `1)`, `5-1)`.
const SUB: &str = r"\d+(?:-\d+)*\)";
/// The optional ending of a line.
const END: &str = r"\s*[:;.,]?\s*$";
/// An ordinal word or two (`шестой`, `двадцать первый`), checked by [`ru::ordinal`].
const ORD: &str = r"\p{L}+(?:\s+\p{L}+)?";
/// "изложить в следующей (новой) редакции".
const REPLACE: &str = r"изложить\s+в\s+(?:следующей|новой)\s+редакции";
/// "исключить".
const DELETE: &str = r"исключить";

/// A list of `x`: `7 и 8`, `1, 2 и 3`.
fn list(x: &str) -> String {
    format!(r"{x}(?:\s*(?:,|и)\s*{x})*")
}

static LABEL_NUMS: LazyLock<Regex> = LazyLock::new(|| re(r"\d+(?:-\d+)*"));

fn numbers(list: &str) -> Vec<String> {
    LABEL_NUMS.find_iter(list).map(|m| m.as_str().to_string()).collect()
}

fn cap(c: &regex::Captures<'_>, name: &str) -> Option<String> {
    c.name(name).map(|m| m.as_str().to_string())
}

fn cap_num(c: &regex::Captures<'_>, name: &str) -> Option<String> {
    c.name(name).and_then(|m| numbers(m.as_str()).into_iter().next())
}

/// An optional ordinal group: `None` when absent, `Some(None)` when present but no
/// ordinal (the formula then does not match).
fn ord(c: &regex::Captures<'_>, name: &str) -> Option<Option<u32>> {
    match c.name(name) {
        None => Some(None),
        Some(m) => ru::ordinal(m.as_str()).map(Some),
    }
}

static OPENING: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^внести\s+в\s+(?P<ref>.+?)\s+следующ(?:ие|ее)\s+(?:изменения\s+и\s+дополнения|изменение\s+и\s+дополнение|изменения|изменение|дополнения|дополнение){END}"
    ))
});
static REPEAL_SAID: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^(?:признать\s+утратившим\s+силу\s+указанн(?:ый|ое)\s+(?:приказ|постановление|решение)|указанн(?:ый|ое)\s+(?:приказ|постановление|решение)\s+признать\s+утратившим\s+силу){END}"
    ))
});
static REPEAL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:признать\s+утратившими?\s+силу\s+(?P<a>.+?)|(?P<b>.+?)\s+признать\s+утратившими?\s+силу)\s*[:;.,]?\s*$",
    )
});
static NUMBER: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)(?:^|[^\p{L}])(?P<pre>под\s+)?№\s*(?P<n>[^\s,()]+)"));
static ACT_WORD: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(?:закон|кодекс)"));
static RULES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^в\s+(?P<name>(?:правилах|инструкции|порядке|положении|методике|стандарте|перечне)\b.+?)(?:,\s*утвержденн(?:ых|ой|ом|ого)\s+указанным\s+(?:приказом|постановлением|решением))?\s*[:;]\s*$",
    )
});
static ATT_REPLACE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^приложение\s+(?P<n>{NUM})(?:\s+к\s+(?P<owner>указанным\s+правилам|указанному\s+приказу|указанной\s+инструкции|указанному\s+постановлению))?\s+{REPLACE}\s+согласно\s+приложению\s+(?P<k>{NUM})\s+к\s+настоящ(?:ему|ей)\s+(?P<src>перечню|приказу|постановлению){END}"
    ))
});
static ATT_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^в\s+приложении\s+(?P<n>{NUM})(?:\s+к\s+(?P<owner>указанным\s+правилам|указанному\s+приказу|указанной\s+инструкции|указанному\s+постановлению))?\s*[:;]\s*$"
    ))
});
static PARA_CONTEXT: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"(?i)^в\s+пункте\s+(?P<n>{NUM})\s*[:;]\s*$")));
static ART_CONTEXT: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"(?i)^в\s+статье\s+(?P<n>{NUM})\s*[:;]\s*$")));
static ROW: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^строку,?\s+порядковый\s+номер\s+(?P<k>{NUM}),?\s+(?:(?P<replace>{REPLACE})|{DELETE}){END}"
    ))
});
static ROW_INSERT: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^дополнить\s+строкой,?\s+порядковый\s+номер\s+(?P<k>{NUM}),?\s+следующего\s+содержания{END}"
    ))
});
static PARAS: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^пункты?\s+(?P<nums>{})\s+(?:(?P<replace>{REPLACE})|{DELETE}){END}",
        list(NUM)
    ))
});
static ARTICLES: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?i)^стать(?:ю|и)\s+(?P<nums>{})\s+{DELETE}{END}", list(NUM))));
static SUBPARAS: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^подпункты?\s+(?P<subs>{})(?:\s+пункта\s+(?P<para>{NUM}))?\s+(?:(?P<replace>{REPLACE})|{DELETE}){END}",
        list(SUB)
    ))
});
static ABZATS: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^абзац\s+(?P<ord>{ORD}?)(?:\s+подпункта\s+(?P<sub>{SUB}))?(?:\s+пункта\s+(?P<para>{NUM}))?(?:\s+части\s+(?P<part>{ORD}?))?(?:\s+статьи\s+(?P<art>{NUM}))?\s+(?:(?P<replace>{REPLACE})|{DELETE}){END}"
    ))
});
static INSERT_PARAS: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^дополнить\s+пункт(?:ом|ами)\s+(?P<nums>{})\s+следующего\s+содержания{END}",
        list(NUM)
    ))
});
static INSERT_SUBPARAS: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^(?:пункт\s+(?P<para>{NUM})\s+)?дополнить\s+подпункт(?:ом|ами)\s+(?P<subs>{})\s+следующего\s+содержания{END}",
        list(SUB)
    ))
});
/// The scope prefix of the word formulas: `в пункте 4`, `в подпункте 1) пункта 5`, `в
/// абзаце восьмом части второй статьи 11`, `по всему тексту`.
const WORD_SCOPE: &str = r"^(?:(?P<whole>по\s+всему\s+тексту)\s+|в\s+(?:абзаце\s+(?P<ord>\p{L}+(?:\s+\p{L}+)??)(?:\s+|$))?(?:(?:в\s+)?подпункте\s+(?P<sub0>\d+(?:-\d+)*\))\s*|подпункта\s+(?P<sub>\d+(?:-\d+)*\))\s*)?(?:(?:в\s+)?пункте\s+(?P<para0>\d+(?:-\d+)*)\s*|пункта\s+(?P<para>\d+(?:-\d+)*)\s*)?(?:части\s+(?P<part>\p{L}+)\s*)?(?:(?:в\s+)?статье\s+(?P<art0>\d+(?:-\d+)*)\s*|статьи\s+(?P<art>\d+(?:-\d+)*)\s*)?,?\s*)?";
/// The words' nouns: слова, слово, цифры, предложение…
const WORD_NOUN: &str = r"(?:слова|слово|цифры|цифру|цифра|предложение|предложения|знак|знаки)";
const WORD_NOUN_INS: &str = r"(?:словами|словом|цифрами|цифрой|предложением|предложениями|знаком|знаками)";
static WORDS_REPLACE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r#"(?i){WORD_SCOPE}{WORD_NOUN}\s+[«"“„](?P<x>.+?)[»"”“]\s*заменить\s+{WORD_NOUN_INS}\s+[«"“„](?P<y>.*?)[»"”“]\s*[:;.,]?\s*$"#
    ))
});
static WORDS_DELETE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r#"(?i){WORD_SCOPE}{WORD_NOUN}\s+[«"“„](?P<x>.+?)[»"”“]\s*исключить\s*[:;.,]?\s*$"#
    ))
});

/// Reads an act reference from the words after `Внести в` (or of a repeal): the date,
/// the number (`№ 350`), the registration (`под № 10273`) and the quoted title after
/// them. A law (`Закон … от 5 июля 1996 г. "…"`) has no number.
pub fn act_ref(s: &str) -> Option<ActRef> {
    let mut number = None;
    let mut registration = None;
    let mut number_end = None;
    for c in NUMBER.captures_iter(s) {
        let n = cap(&c, "n");
        if c.name("pre").is_some() {
            registration = n.and_then(|n| n.trim_end_matches(['.', ';', ')']).parse::<u32>().ok());
        } else if number.is_none() {
            number = n;
            number_end = c.get(0).map(|m| m.end());
        }
    }
    let date = ru::find_dates(s).into_iter().next();
    if number.is_none() && registration.is_none() && !(date.is_some() && ACT_WORD.is_match(s)) {
        return None;
    }
    // The title: the first quoted words after the date and the number, to the last quote
    // before the parenthesis that follows them.
    let from = number_end.max(date.as_ref().map(|(_, r)| r.end)).unwrap_or(0);
    let rest = s.get(from..).unwrap_or("");
    let title = rest.find('"').and_then(|a| {
        let after = rest.get(a + 1..)?;
        let until = after.find(" (").unwrap_or(after.len());
        let head = after.get(..until)?;
        head.rfind('"').and_then(|b| head.get(..b)).map(str::to_string)
    });
    Some(ActRef {
        title: title.filter(|t| !t.trim().is_empty()),
        date: date.map(|(d, _)| d),
        number,
        registration,
    })
}

/// The scope of a word formula from its captures.
fn scope(c: &regex::Captures<'_>) -> Option<Scope> {
    let abz = ord(c, "ord")?;
    let part = ord(c, "part")?;
    let pick = |a: &str, b: &str| cap(c, a).or_else(|| cap(c, b));
    Some(Scope {
        para: pick("para", "para0"),
        sub: pick("sub", "sub0").map(|s| s.trim_end_matches(')').to_string()),
        abz,
        art: pick("art", "art0"),
        part,
        whole_text: c.name("whole").is_some(),
    })
}

/// Recognises the Russian formula of one line; `original` is the line as written, `norm`
/// its normalised form.
pub fn classify(original: &str, norm: &str) -> Option<Instruction> {
    if let Some(c) = OPENING.captures(norm)
        && let Some(r) = c.name("ref").and_then(|m| act_ref(m.as_str()))
    {
        return Some(Instruction::Opening(r));
    }
    if REPEAL_SAID.is_match(norm) {
        return Some(Instruction::Repeal(None));
    }
    if let Some(c) = REPEAL.captures(norm)
        && let Some(r) = c.name("a").or_else(|| c.name("b")).and_then(|m| act_ref(m.as_str()))
    {
        return Some(Instruction::Repeal(Some(r)));
    }
    if let Some(c) = ATT_REPLACE.captures(norm) {
        let owner = c.name("owner").map(|m| m.as_str().to_lowercase());
        let src = c.name("src").map(|m| m.as_str().to_lowercase()).unwrap_or_default();
        return Some(Instruction::ReplaceAttachment {
            num: cap(&c, "n")?,
            annex: cap(&c, "k")?,
            from_order: src != "перечню",
            order: owner.is_some_and(|o| o.contains("приказу") || o.contains("постановлению")),
        });
    }
    if let Some(c) = ATT_CONTEXT.captures(norm) {
        let owner = c.name("owner").map(|m| m.as_str().to_lowercase());
        return Some(Instruction::AttContext {
            num: cap(&c, "n")?,
            order: owner.is_some_and(|o| o.contains("приказу") || o.contains("постановлению")),
        });
    }
    if let Some(c) = PARA_CONTEXT.captures(norm) {
        return Some(Instruction::ParaContext(cap(&c, "n")?));
    }
    if let Some(c) = ART_CONTEXT.captures(norm) {
        return Some(Instruction::ArtContext(cap(&c, "n")?));
    }
    if let Some(c) = ROW.captures(norm) {
        let k = cap(&c, "k")?;
        return Some(if c.name("replace").is_some() {
            Instruction::ReplaceRow(k)
        } else {
            Instruction::DeleteRow(k)
        });
    }
    if let Some(c) = ROW_INSERT.captures(norm) {
        return Some(Instruction::InsertRow(cap(&c, "k")?));
    }
    if let Some(c) = PARAS.captures(norm) {
        let nums = numbers(c.name("nums")?.as_str());
        return Some(if c.name("replace").is_some() {
            Instruction::ReplaceParas(nums)
        } else {
            Instruction::DeleteParas(nums)
        });
    }
    if let Some(c) = ARTICLES.captures(norm) {
        return Some(Instruction::DeleteArticles(numbers(c.name("nums")?.as_str())));
    }
    if let Some(c) = SUBPARAS.captures(norm) {
        let para = cap_num(&c, "para");
        let subs = numbers(c.name("subs")?.as_str());
        return Some(if c.name("replace").is_some() {
            Instruction::ReplaceSubparas { para, subs }
        } else {
            Instruction::DeleteSubparas { para, subs }
        });
    }
    if let Some(c) = ABZATS.captures(norm)
        && let Some(Some(abz)) = ord(&c, "ord")
    {
        let part = ord(&c, "part")?;
        let (para, sub, art) = (cap_num(&c, "para"), cap_num(&c, "sub"), cap_num(&c, "art"));
        return Some(if c.name("replace").is_some() {
            Instruction::ReplaceAbzats {
                para,
                sub,
                art,
                part,
                abz,
            }
        } else {
            Instruction::DeleteAbzats {
                para,
                sub,
                art,
                part,
                abz,
            }
        });
    }
    if let Some(c) = INSERT_PARAS.captures(norm) {
        return Some(Instruction::InsertParas(numbers(c.name("nums")?.as_str())));
    }
    if let Some(c) = INSERT_SUBPARAS.captures(norm) {
        return Some(Instruction::InsertSubparas {
            para: cap_num(&c, "para"),
            subs: numbers(c.name("subs")?.as_str()),
        });
    }
    if let Some(c) = RULES.captures(norm) {
        return Some(Instruction::Rules(cap(&c, "name")?));
    }
    words(original.trim())
}

/// The word formulas, on the line as written.
fn words(original: &str) -> Option<Instruction> {
    if let Some(c) = WORDS_REPLACE.captures(original) {
        return Some(Instruction::ReplaceWords {
            scope: scope(&c)?,
            words: cap(&c, "x")?,
            replacement: cap(&c, "y")?,
        });
    }
    if let Some(c) = WORDS_DELETE.captures(original) {
        return Some(Instruction::DeleteWords {
            scope: scope(&c)?,
            words: cap(&c, "x")?,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::formulas::normalise;
    use chrono::NaiveDate;

    fn c(line: &str) -> Option<Instruction> {
        classify(line, &normalise(line))
    }

    #[test]
    fn recognises_formulas() {
        assert_eq!(
            c("пункт 4 изложить в следующей редакции:"),
            Some(Instruction::ReplaceParas(vec!["4".into()]))
        );
        assert_eq!(
            c("пункты 7 и 8 исключить;"),
            Some(Instruction::DeleteParas(vec!["7".into(), "8".into()]))
        );
        assert_eq!(
            c("подпункт 1) пункта 5 исключить;"),
            Some(Instruction::DeleteSubparas {
                para: Some("5".into()),
                subs: vec!["1".into()]
            })
        );
        assert_eq!(
            c("дополнить пунктом 18-1 следующего содержания:"),
            Some(Instruction::InsertParas(vec!["18-1".into()]))
        );
        assert_eq!(c("в пункте 4:"), Some(Instruction::ParaContext("4".into())));
        assert_eq!(c("в статье 13:"), Some(Instruction::ArtContext("13".into())));
        assert_eq!(
            c("статью 29 исключить."),
            Some(Instruction::DeleteArticles(vec!["29".into()]))
        );
        assert_eq!(
            c("абзац шестой части третьей изложить в следующей редакции:"),
            Some(Instruction::ReplaceAbzats {
                para: None,
                sub: None,
                art: None,
                part: Some(3),
                abz: 6
            })
        );
        assert_eq!(
            c("абзац шестой части третьей статьи 13 изложить в следующей редакции:"),
            Some(Instruction::ReplaceAbzats {
                para: None,
                sub: None,
                art: Some("13".into()),
                part: Some(3),
                abz: 6
            })
        );
        assert_eq!(
            c("строку, порядковый номер 9, изложить в следующей редакции:"),
            Some(Instruction::ReplaceRow("9".into()))
        );
        assert!(matches!(
            c("в Правилах выдачи разрешений на производство взрывных работ, утвержденных указанным приказом:"),
            Some(Instruction::Rules(n)) if n == "Правилах выдачи разрешений на производство взрывных работ"
        ));
        assert_eq!(c("просто текст"), None);
        assert_eq!(c("абзац бывший изложить в следующей редакции:"), None);
    }

    #[test]
    fn word_formulas_and_their_scopes() {
        let Some(Instruction::ReplaceWords {
            scope,
            words,
            replacement,
        }) = c("в абзаце восьмом части второй статьи 11 слова \"резервного фонда\" заменить словом \"резерва\";")
        else {
            panic!("not a word formula")
        };
        assert_eq!(
            (
                scope.art.as_deref(),
                scope.part,
                scope.abz,
                words.as_str(),
                replacement.as_str()
            ),
            (Some("11"), Some(2), Some(8), "резервного фонда", "резерва")
        );
        let Some(Instruction::DeleteWords { scope, words }) = c("в подпункте 1) пункта 5 слова «и (или)» исключить;")
        else {
            panic!("not a word deletion")
        };
        assert_eq!(
            (scope.para.as_deref(), scope.sub.as_deref(), words.as_str()),
            (Some("5"), Some("1"), "и (или)")
        );
        let Some(Instruction::ReplaceWords { scope, .. }) = c("по всему тексту слова «А» заменить словами «Б»;")
        else {
            panic!("not a word formula")
        };
        assert!(scope.whole_text);
    }

    #[test]
    fn act_references() {
        let r = act_ref("приказ Министра по инвестициям и развитию Республики Казахстан от 30 декабря 2014 года № 350 \"Об утверждении Правил\" (зарегистрирован в Реестре государственной регистрации нормативных правовых актов под № 10273)").unwrap();
        assert_eq!(
            (r.number.as_deref(), r.registration, r.date, r.title.as_deref()),
            (
                Some("350"),
                Some(10273),
                NaiveDate::from_ymd_opt(2014, 12, 30),
                Some("Об утверждении Правил")
            )
        );
        let law = act_ref("Закон Республики Казахстан от 5 июля 1996 г. \"О чрезвычайных ситуациях\" (ведомости Парламента, 1996 г., N 11-12, ст. 263)").unwrap();
        assert_eq!(
            (law.number, law.registration, law.title.as_deref()),
            (None, None, Some("О чрезвычайных ситуациях"))
        );
        assert_eq!(act_ref("указанный приказ"), None);
    }
}

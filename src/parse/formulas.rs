//! The Kazakh amendment formulas: one line (abzats) of a List item in, one
//! [`Instruction`] out. The Russian formulas (`super::formulas_ru`) make the same
//! instructions; [`classify_in`] chooses by language.
//!
//! Lines are first normalised for matching ([`normalise`]): «» and curly quotes become
//! `"`, dashes become `-`, runs of spaces become one, the stray hyphen of `1)- тармақшасы`
//! and spaces around the hyphen of `18-1 - тармақ` are dropped. The formulas are matched
//! case-insensitively. Quoted words of the word formulas are taken from the line as
//! written, so that their quotes and dashes are kept.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::kk;
use crate::model::Lang;

/// Compiles a constant pattern. The patterns are fixed and covered by the tests.
fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("constant regex")
}

/// A number label of a paragraph, a row or an attachment: `18`, `18-1`.
const NUM: &str = r"\d+(?:-\d+)*";
/// A subparagraph label: `1)`, `5-1)`.
const SUB: &str = r"\d+(?:-\d+)*\)";
/// The optional ending of a line.
const END: &str = r"\s*[:;.,]?\s*$";

/// A list of `x`: `7 және 8`, `1, 2 және 3`.
fn list(x: &str) -> String {
    format!(r"{x}(?:\s*(?:,|және)\s*{x})*")
}

static WS: LazyLock<Regex> = LazyLock::new(|| re(r"\s+"));
static PAREN_DASH: LazyLock<Regex> = LazyLock::new(|| re(r"\)\s*-\s*"));
static NUM_DASH: LazyLock<Regex> = LazyLock::new(|| re(r"(\d)\s*-\s*(\d|\p{L})"));

/// Normalises a line for matching the formulas (see the module documentation).
pub fn normalise(line: &str) -> String {
    let s: String = line
        .chars()
        .map(|c| match c {
            '«' | '»' | '“' | '”' | '„' | '‟' => '"',
            '–' | '—' | '‑' | '‐' | '−' | '―' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect();
    let s = WS.replace_all(&s, " ");
    let s = PAREN_DASH.replace_all(&s, ") ");
    let s = NUM_DASH.replace_all(&s, "$1-$2");
    s.trim().to_string()
}

/// A reference to an act in the text: what the item opening (or a repeal) says of it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ActRef {
    /// The title as quoted, without its outer quotes.
    pub title: Option<String>,
    /// The date of adoption.
    pub date: Option<NaiveDate>,
    /// The act's number.
    pub number: Option<String>,
    /// The registration number.
    pub registration: Option<u32>,
}

/// Which part of the current context a word formula applies to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scope {
    /// `N-тармақтағы`: a paragraph.
    pub para: Option<String>,
    /// `K) тармақшасындағы`: a subparagraph.
    pub sub: Option<String>,
    /// `екінші абзацындағы`: an abzats.
    pub abz: Option<u32>,
    /// `10-баптың`: an article of a law.
    pub art: Option<String>,
    /// `екінші бөлігінің`: a part of an article, by its position.
    pub part: Option<u32>,
    /// `мәтін бойынша`: throughout the text of the current Rules.
    pub whole_text: bool,
}

/// One recognised formula.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Instruction {
    /// `"TITLE" ... № N бұйрығына (... № R болып тіркелген) мынадай өзгерістер енгізілсін:`
    Opening(ActRef),
    /// `... бұйрығының ... күші жойылды деп танылсын`; `None` for "the said order".
    Repeal(Option<ActRef>),
    /// `көрсетілген бұйрықпен бекітілген ... қағидаларында:`: the Rules' heading as written.
    Rules(String),
    /// `көрсетілген Қағидаларға N-қосымшада:`; `order` when it is the order's own annex
    /// (`көрсетілген бұйрыққа`).
    AttContext {
        /// The attachment's number.
        num: String,
        /// True for an annex of the order itself.
        order: bool,
    },
    /// `N-тармақта:`.
    ParaContext(String),
    /// `N-бапта:` (`в статье N:`): an article whose parts, abzats or words the following
    /// lines amend.
    ArtContext(String),
    /// `N-бап алып тасталсын` (`статью N исключить`).
    DeleteArticles(Vec<String>),
    /// `N(, M және L)-тармақ(тар) мынадай редакцияда жазылсын:`.
    ReplaceParas(Vec<String>),
    /// `N-тармақ(тар) алып тасталсын`.
    DeleteParas(Vec<String>),
    /// `[N-тармақтың] K) (және L)) тармақшасы/тармақшалары мынадай редакцияда жазылсын:`.
    ReplaceSubparas {
        /// The paragraph, when the line names it.
        para: Option<String>,
        /// The subparagraphs' numbers, without `)`.
        subs: Vec<String>,
    },
    /// `[N-тармақтың] K) тармақшасы алып тасталсын`.
    DeleteSubparas {
        /// The paragraph, when the line names it.
        para: Option<String>,
        /// The subparagraphs' numbers.
        subs: Vec<String>,
    },
    /// `[N-тармақтың] [K) тармақшасының] екінші абзацы мынадай редакцияда жазылсын:`.
    ReplaceAbzats {
        /// The paragraph, when named.
        para: Option<String>,
        /// The subparagraph, when named.
        sub: Option<String>,
        /// The article, when named.
        art: Option<String>,
        /// The part of the article (or of the article context), when named.
        part: Option<u32>,
        /// The abzats' position.
        abz: u32,
    },
    /// `[N-тармақтың] екінші абзацы алып тасталсын`.
    DeleteAbzats {
        /// The paragraph, when named.
        para: Option<String>,
        /// The subparagraph, when named.
        sub: Option<String>,
        /// The article, when named.
        art: Option<String>,
        /// The part of the article (or of the article context), when named.
        part: Option<u32>,
        /// The abzats' position.
        abz: u32,
    },
    /// `реттік нөмірі K-жол мынадай редакцияда жазылсын:`.
    ReplaceRow(String),
    /// `реттік нөмірі K-жол алып тасталсын`.
    DeleteRow(String),
    /// `мынадай мазмұндағы реттік нөмірі K-жолмен толықтырылсын:`.
    InsertRow(String),
    /// `[көрсетілген Қағидаларға] N-қосымша осы Тізбеге K-қосымшаға сәйкес жаңа
    /// редакцияда жазылсын`; `from_order` when the new edition is an annex of the order
    /// (`осы бұйрыққа K-қосымшаға`), not of the List.
    ReplaceAttachment {
        /// The attachment replaced.
        num: String,
        /// The annex that holds the new edition.
        annex: String,
        /// True for an annex of the order itself.
        from_order: bool,
        /// True when the attachment is the order's own (`көрсетілген бұйрыққа`).
        order: bool,
    },
    /// `"..." мемлекеттік көрсетілетін қызмет стандартына [N-]қосымша алып тасталсын`.
    DeleteStandardAnnex {
        /// The standard's name as written (with `стандарты` appended).
        standard: String,
        /// The annex's number, when given.
        num: Option<String>,
    },
    /// `[N-тармақ] мынадай мазмұндағы N-1(, N-2)-тармақ(тар)пен толықтырылсын:`.
    InsertParas(Vec<String>),
    /// `[N-тармақ] мынадай мазмұндағы K-1) тармақшамен толықтырылсын:`.
    InsertSubparas {
        /// The paragraph, when named.
        para: Option<String>,
        /// The new subparagraphs' numbers.
        subs: Vec<String>,
    },
    /// `"X" деген сөздер "Y" деген сөздермен ауыстырылсын`.
    ReplaceWords {
        /// Where.
        scope: Scope,
        /// X.
        words: String,
        /// Y.
        replacement: String,
    },
    /// `"X" деген сөздер алып тасталсын`.
    DeleteWords {
        /// Where.
        scope: Scope,
        /// X.
        words: String,
    },
}

impl Instruction {
    /// Whether a quoted new wording must follow the line.
    pub fn wants_block(&self) -> bool {
        matches!(
            self,
            Instruction::ReplaceParas(_)
                | Instruction::ReplaceSubparas { .. }
                | Instruction::ReplaceAbzats { .. }
                | Instruction::ReplaceRow(_)
                | Instruction::InsertRow(_)
                | Instruction::InsertParas(_)
                | Instruction::InsertSubparas { .. }
        )
    }

    /// Whether the quoted new wording is a table row.
    pub fn wants_row(&self) -> bool {
        matches!(self, Instruction::ReplaceRow(_) | Instruction::InsertRow(_))
    }
}

static OPENING_END: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)мынадай\s+(?:өзгеріс|өзгерістер|толықтыру|толықтырулар|өзгерістер\s+мен\s+толықтыру|өзгерістер\s+мен\s+толықтырулар|өзгеріс\s+пен\s+толықтыру)\s+енгізілсін{END}"
    ))
});
static ACT_NUMBER_DAT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)№\s*(?P<n>[^\s,()]+)\s+(?:бірлескен\s+)?(?:бұйрығына|қаулысына|шешіміне|нұсқауына)"));
static ACT_NUMBER_GEN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)№\s*(?P<n>[^\s,()]+)\s+(?:бірлескен\s+)?(?:бұйрығының|қаулысының|шешімінің|нұсқауының|бұйрығы|қаулысы|шешімі)",
    )
});
static LAW_DAT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?:Қазақстан\s+Республикасының\s+)?(?:Заңына|Кодексіне)\b"));
static REGISTRATION: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)№\s*(?P<r>\d+)\s+(?:болып\s+)?тіркелген"));
static REPEAL: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"(?i)күші\s+жойылды\s+деп\s+танылсын{END}")));
static REPEAL_SAID: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^көрсетілген\s+(?:бұйрықтың|қаулының|шешімнің)\s+күші\s+жойылды\s+деп\s+танылсын{END}"
    ))
});
static RULES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(?i)^(?:көрсетілген\s+(?:бұйрықпен|қаулымен|шешіммен)\s+бекітілген\s+)?(?P<name>.+?\s(?:қағидаларында|қағидаларына|қағидаларда|нұсқаулықта|нұсқаулыққа|тәртібінде|тәртібіне|ережесінде|ережелерінде|әдістемесінде|әдістемеге|стандартында|стандартына))(?:\s+мынадай\s+(?:өзгеріс|өзгерістер|толықтыру|толықтырулар|өзгерістер\s+мен\s+толықтырулар)\s+енгізілсін)?\s*[:;]\s*$"#,
    )
});
static ATT_REPLACE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^(?:(?:көрсетілген|осы)\s+(?P<owner>қағидаларға|бұйрыққа|нұсқаулыққа|тәртіпке|қаулыға)\s+)?(?P<n>{NUM})-қосымша(?:сы)?\s+осы\s+(?P<src>тізбеге|бұйрыққа|қаулыға)\s+(?P<k>{NUM})-қосымшаға\s+сәйкес\s+(?:жаңа\s+)?редакцияда\s+жазылсын{END}"
    ))
});
static STD_ANNEX_DELETE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^(?P<name>.+?\s)стандартына\s+(?:(?P<n>{NUM})-)?қосымша(?:сы)?\s+алып\s+тасталсын{END}"
    ))
});
static ATT_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^(?:(?:көрсетілген|осы)\s+(?P<owner>қағидаларға|бұйрыққа|нұсқаулыққа|тәртіпке|қаулыға)\s+)?(?P<n>{NUM})-қосымша(?:да|сында|ға|сына)\s*[:;]\s*$"
    ))
});
static PARA_CONTEXT: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"(?i)^(?P<n>{NUM})-тармақта\s*[:;]\s*$")));
static ART_CONTEXT: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"(?i)^(?P<n>{NUM})-бапта\s*[:;]\s*$")));
static ARTICLES_DELETE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^(?P<nums>{})-бап(?:тар)?\s+алып\s+тасталсын{END}",
        list(NUM)
    ))
});
static ROW: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^реттік\s+нөмірі\s+(?P<k>{NUM})-жол\s+(?:(?P<replace>мынадай\s+редакцияда\s+жазылсын)|алып\s+тасталсын){END}"
    ))
});
static ROW_INSERT: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^мынадай\s+мазмұндағы\s+реттік\s+нөмірі\s+(?P<k>{NUM})-жолмен\s+толықтырылсын{END}"
    ))
});
static PARAS: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^(?P<nums>{})-тармақ(?:тар)?\s+(?:(?P<replace>мынадай\s+редакцияда\s+жазылсын)|алып\s+тасталсын){END}",
        list(NUM)
    ))
});
static SUBPARAS: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^(?:(?P<para>{NUM})-тармақтың\s+)?(?P<subs>{})\s*тармақша(?:сы|лары)\s+(?:(?P<replace>мынадай\s+редакцияда\s+жазылсын)|алып\s+тасталсын){END}",
        list(SUB)
    ))
});
static ABZATS: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^(?:(?P<art>{NUM})-баптың\s+)?(?:(?P<para>{NUM})-тармақтың\s+)?(?:(?P<sub>{SUB})\s*тармақшасының\s+)?(?:(?P<part>[\p{{L}}\s]+?)\s+(?:бөліктің|бөлігінің)\s+)?(?P<ord>[\p{{L}}\s]+?)\s+абзацы?\s+(?:(?P<replace>мынадай\s+редакцияда\s+жазылсын)|алып\s+тасталсын){END}"
    ))
});
static INSERT_PARAS: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^мынадай\s+мазмұндағы\s+(?P<nums>{})-тармақ(?:пен|тармен)\s+толықтырылсын{END}",
        list(NUM)
    ))
});
static INSERT_SUBPARAS: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^(?:(?P<para>{NUM})-тармақ\s+)?мынадай\s+мазмұндағы\s+(?P<subs>{})\s*тармақша(?:мен|лармен)\s+толықтырылсын{END}",
        list(SUB)
    ))
});
/// The scope prefix of the word formulas, on the line as written.
const WORD_SCOPE: &str = r"^(?:(?P<art>\d+(?:\s*[-–—]\s*\d+)*)\s*[-–—]\s*бап(?:тағы|тың)\s+)?(?:(?P<para>\d+(?:\s*[-–—]\s*\d+)*)\s*[-–—]\s*тармақ(?:тағы|тың)\s+)?(?:(?P<sub>\d+(?:[-–—]\d+)*)\)\s*[-–—]?\s*тармақшасы(?:ндағы|ның)\s+)?(?:(?P<part>[\p{L}\s]+?)\s+(?:бөлігінің|бөліктің|бөлігіндегі|бөліктегі)\s+)?(?:(?P<ord>[\p{L}\s]+?)\s+абзацындағы\s+)?(?P<whole>мәтін\s+бойынша\s+)?";
/// Which things the words are: сөз(дер), цифр(лар), сөйлем, сан.
const WORD_NOUN: &str = r"(?:сөз|сөздер|цифр|цифрлар|сөйлем|сөйлемдер|сан|сандар|белгі|белгілер)";
const WORD_NOUN_INS: &str =
    r"(?:сөзбен|сөздермен|цифрмен|цифрлармен|сөйлеммен|сөйлемдермен|санмен|сандармен|белгімен|белгілермен)";
static WORDS_REPLACE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r#"(?i){WORD_SCOPE}[«"“„](?P<x>.+?)[»"”“]\s*деген\s+{WORD_NOUN}\s+[«"“„](?P<y>.*?)[»"”“]\s*деген\s+{WORD_NOUN_INS}\s+ауыстырылсын\s*[:;.,]?\s*$"#
    ))
});
static WORDS_DELETE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r#"(?i){WORD_SCOPE}[«"“„](?P<x>.+?)[»"”“]\s*деген\s+{WORD_NOUN}\s+алып\s+тасталсын\s*[:;.,]?\s*$"#
    ))
});
static LABEL_NUMS: LazyLock<Regex> = LazyLock::new(|| re(r"\d+(?:-\d+)*"));

/// The numbers of a list like `7 және 8` or `5) және 6)`.
fn numbers(list: &str) -> Vec<String> {
    LABEL_NUMS.find_iter(list).map(|m| m.as_str().to_string()).collect()
}

fn cap(c: &regex::Captures<'_>, name: &str) -> Option<String> {
    c.name(name).map(|m| m.as_str().to_string())
}

fn cap_num(c: &regex::Captures<'_>, name: &str) -> Option<String> {
    c.name(name)
        .map(|m| numbers(m.as_str()).into_iter().next().unwrap_or_default())
        .filter(|s| !s.is_empty())
}

/// Reads an act reference (title, date, number, registration) from a normalised line.
/// `dative` chooses `бұйрығына` (an opening) or `бұйрығының` (a repeal).
pub fn act_ref(norm: &str, dative: bool) -> Option<ActRef> {
    let number_re = if dative { &*ACT_NUMBER_DAT } else { &*ACT_NUMBER_GEN };
    let num = number_re.captures_iter(norm).last();
    let registration = REGISTRATION
        .captures_iter(norm)
        .last()
        .and_then(|c| c.name("r"))
        .and_then(|m| m.as_str().parse::<u32>().ok());
    // A law has no number: its dative (`Заңына`) ends the reference.
    let law = if dative && num.is_none() && registration.is_none() {
        LAW_DAT.find(norm)
    } else {
        None
    };
    let num_start = num
        .as_ref()
        .and_then(|c| c.get(0))
        .or(law)
        .map_or(norm.len(), |m| m.start());
    if num.is_none() && registration.is_none() && law.is_none() {
        return None;
    }
    let number = num.as_ref().and_then(|c| cap(c, "n"));
    let date = kk::find_dates(norm).into_iter().rev().find(|(_, r)| r.end <= num_start);
    let title = match &date {
        Some((_, range)) if norm.starts_with('"') => {
            let before = norm.get(..range.start).unwrap_or("");
            before
                .rfind('"')
                .filter(|&i| i > 0)
                .and_then(|i| norm.get(1..i))
                .map(str::to_string)
        }
        Some((_, range)) => {
            // The title may stand between the date and the number: `... 30 желтоқсандағы
            // "X туралы" № 350 бұйрығына`.
            let between = norm.get(range.end..num_start).unwrap_or("");
            match (between.find('"'), between.rfind('"')) {
                (Some(a), Some(b)) if b > a + 1 => between.get(a + 1..b).map(str::to_string),
                _ => None,
            }
        }
        None => None,
    };
    Some(ActRef {
        title,
        date: date.map(|(d, _)| d),
        number,
        registration,
    })
}

/// Recognises the formula of one line in `lang` (Russian, or Kazakh for any other).
pub fn classify_in(lang: Lang, original: &str, norm: &str) -> Option<Instruction> {
    match lang {
        Lang::Ru => super::formulas_ru::classify(original, norm),
        Lang::Kk | Lang::En => classify(original, norm),
    }
}

/// Recognises the Kazakh formula of one line; `original` is the line as written, `norm`
/// its [`normalise`]d form.
pub fn classify(original: &str, norm: &str) -> Option<Instruction> {
    if OPENING_END.is_match(norm)
        && let Some(r) = act_ref(norm, true)
    {
        return Some(Instruction::Opening(r));
    }
    if REPEAL_SAID.is_match(norm) {
        return Some(Instruction::Repeal(None));
    }
    if REPEAL.is_match(norm)
        && let Some(r) = act_ref(norm, false)
    {
        return Some(Instruction::Repeal(Some(r)));
    }
    if let Some(c) = ATT_REPLACE.captures(norm) {
        let owner = c.name("owner").map(|m| m.as_str().to_lowercase());
        let src = c.name("src").map(|m| m.as_str().to_lowercase()).unwrap_or_default();
        return Some(Instruction::ReplaceAttachment {
            num: cap(&c, "n")?,
            annex: cap(&c, "k")?,
            from_order: src != "тізбеге",
            order: matches!(owner.as_deref(), Some("бұйрыққа" | "қаулыға")),
        });
    }
    if let Some(c) = STD_ANNEX_DELETE.captures(norm) {
        let name = cap(&c, "name")?;
        return Some(Instruction::DeleteStandardAnnex {
            standard: format!("{}стандарты", name),
            num: cap(&c, "n"),
        });
    }
    if let Some(c) = ATT_CONTEXT.captures(norm) {
        let owner = c.name("owner").map(|m| m.as_str().to_lowercase());
        return Some(Instruction::AttContext {
            num: cap(&c, "n")?,
            order: matches!(owner.as_deref(), Some("бұйрыққа" | "қаулыға")),
        });
    }
    if let Some(c) = PARA_CONTEXT.captures(norm) {
        return Some(Instruction::ParaContext(cap(&c, "n")?));
    }
    if let Some(c) = ART_CONTEXT.captures(norm) {
        return Some(Instruction::ArtContext(cap(&c, "n")?));
    }
    if let Some(c) = ARTICLES_DELETE.captures(norm) {
        return Some(Instruction::DeleteArticles(numbers(c.name("nums")?.as_str())));
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
        && let Some(abz) = c.name("ord").and_then(|m| kk::ordinal(m.as_str()))
    {
        let part = match c.name("part") {
            Some(m) => Some(kk::ordinal(m.as_str())?),
            None => None,
        };
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
    // Rules headings last: their pattern is the loosest.
    if let Some(c) = RULES.captures(norm) {
        return Some(Instruction::Rules(cap(&c, "name")?));
    }
    words(original.trim())
}

/// The scope of a word formula from its captures.
fn scope(c: &regex::Captures<'_>) -> Option<Scope> {
    let abz = match c.name("ord") {
        Some(m) => Some(kk::ordinal(m.as_str())?),
        None => None,
    };
    let part = match c.name("part") {
        Some(m) => Some(kk::ordinal(m.as_str())?),
        None => None,
    };
    Some(Scope {
        art: c.name("art").map(|m| normalise(m.as_str()).replace(' ', "")),
        part,
        para: c.name("para").map(|m| normalise(m.as_str()).replace(' ', "")),
        sub: c.name("sub").map(|m| normalise(m.as_str()).replace(' ', "")),
        abz,
        whole_text: c.name("whole").is_some(),
    })
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

static ITEM_LABEL: LazyLock<Regex> = LazyLock::new(|| re(r"^\d+(?:-\d+)*[.)]\s+"));

/// The line without a leading item label (`1) `, `2. `), when it has one: instructions
/// written as subparagraphs of an order's own paragraph carry their labels.
pub fn strip_label(line: &str) -> Option<&str> {
    ITEM_LABEL
        .find(line.trim_start())
        .and_then(|m| line.trim_start().get(m.end()..))
}

/// True when the normalised line ends like a complete instruction (`:`, `;`, `.`).
pub fn is_complete(norm: &str) -> bool {
    norm.ends_with([':', ';', '.'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(line: &str) -> Option<Instruction> {
        classify(line, &normalise(line))
    }

    #[test]
    fn normalises_dashes_and_quotes() {
        assert_eq!(normalise("1)- тармақшасы"), "1) тармақшасы");
        assert_eq!(normalise("5) және 6) - тармақшалары"), "5) және 6) тармақшалары");
        assert_eq!(normalise("«X» — 18 – 1-тармақ"), "\"X\" - 18-1-тармақ");
    }

    #[test]
    fn recognises_formulas() {
        assert_eq!(
            c("4-тармақ мынадай редакцияда жазылсын:"),
            Some(Instruction::ReplaceParas(vec!["4".into()]))
        );
        assert_eq!(
            c("7 және 8-тармақтар мынадай редакцияда жазылсын:"),
            Some(Instruction::ReplaceParas(vec!["7".into(), "8".into()]))
        );
        assert_eq!(
            c("5-тармақтың 1) тармақшасы алып тасталсын;"),
            Some(Instruction::DeleteSubparas {
                para: Some("5".into()),
                subs: vec!["1".into()]
            })
        );
        assert_eq!(c("4-тармақта:"), Some(Instruction::ParaContext("4".into())));
        assert_eq!(
            c("реттік нөмірі 9-жол мынадай редакцияда жазылсын:"),
            Some(Instruction::ReplaceRow("9".into()))
        );
        assert_eq!(
            c("көрсетілген Қағидаларға 4-қосымшасында:"),
            Some(Instruction::AttContext {
                num: "4".into(),
                order: false
            })
        );
        assert!(matches!(
            c("екінші абзацы алып тасталсын;"),
            Some(Instruction::DeleteAbzats {
                abz: 2,
                para: None,
                sub: None,
                art: None,
                part: None,
            })
        ));
        assert!(matches!(
            c("Көрсетілген бұйрықпен бекітілген Жарылыс жұмыстарын жүргізуге рұқсат беру қағидаларында:"),
            Some(Instruction::Rules(_))
        ));
        assert_eq!(c("бұл жай мәтін"), None);
    }

    #[test]
    fn act_references() {
        let line = "\"А туралы\" Қазақстан Республикасы министрінің 2014 жылғы 30 желтоқсандағы № 350 бұйрығына (НҚА мемлекеттік тіркеу тізілімінде № 10273 болып тіркелген) мынадай өзгерістер енгізілсін:";
        let Some(Instruction::Opening(r)) = c(line) else {
            panic!("not an opening")
        };
        assert_eq!(r.title.as_deref(), Some("А туралы"));
        assert_eq!(r.number.as_deref(), Some("350"));
        assert_eq!(r.registration, Some(10273));
        assert_eq!(r.date, NaiveDate::from_ymd_opt(2014, 12, 30));
    }
}

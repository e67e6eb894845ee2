//! The clause Markdown reader: random and mutated documents.
//!
//! Checked: [`clause_markdown::parse`] never panics; its errors are sorted by line and point at
//! lines of the text; and whatever it reads, [`clause_markdown::write`] writes back so that
//! `parse` reads the same nodes again (the round trip `clause_markdown::write` promises).

use super::inputs::{any_text, chance, hostile, kk_word, number, pick, words_of};
use super::{Counts, Harness, Samples, bump, shrink_text};
use crate::clause_markdown;
use crate::library::Library;
use crate::model::{EId, Node, NodeKind};
use crate::synth::Rng;

const KINDS: [NodeKind; 13] = [
    NodeKind::Preface,
    NodeKind::Preamble,
    NodeKind::Conclusions,
    NodeKind::Attachment,
    NodeKind::Chapter,
    NodeKind::Article,
    NodeKind::Part,
    NodeKind::Paragraph,
    NodeKind::Subparagraph,
    NodeKind::Abzats,
    NodeKind::Table,
    NodeKind::Row,
    NodeKind::Cell,
];

/// Body lines that mean something to the reader.
const SPECIAL_LINES: &[&str] = &[
    "",
    "",
    "{not-held}",
    " {not-held} ",
    "{repealed}",
    "{not-held} {repealed}",
    "<!-- a comment -->",
    "<!--",
    "#no-space",
    "####### seven",
    "# ",
    "#",
    "| 1 | Атауы | Мазмұны<br>екінші |",
    "| 2 | Тәсілі | Портал |",
    "| 2. | x |",
    "| - | x |",
    "| 1-1 | x |",
    "|---|---|",
    "| :-- | --: |",
    "| head | x |",
    "|",
    "||",
    "| |",
    "| a |  | b |",
    "| <br> |",
    "| {not-held} |",
    "| {repealed} |",
    "| # x |",
    "| x <br> y |",
    "| a<br><br>b |",
    "  indented",
    "trailing   ",
    "\t",
    "\u{a0}",
    "\u{3000}text\u{3000}",
];

/// The Markdown harness.
pub struct MarkdownHarness {
    seeds: Vec<String>,
    words: Vec<String>,
}

impl MarkdownHarness {
    /// A harness whose seed documents are the corpus's clause trees as written.
    pub fn new(lib: &Library) -> MarkdownHarness {
        let seeds: Vec<String> = lib
            .acts()
            .filter_map(|a| lib.base(&a.id))
            .map(|b| clause_markdown::write(&b))
            .collect();
        let words = words_of(seeds.iter().map(String::as_str), 2000);
        MarkdownHarness { seeds, words }
    }

    fn eid(&self, rng: &mut Rng, previous: &[String]) -> String {
        let mut base = match rng.below(10) {
            0..=5 if !previous.is_empty() => Some(pick(rng, previous).clone()),
            _ => None,
        };
        if chance(rng, 5) {
            return hostile(rng);
        }
        let depth = 1 + rng.below(3);
        for _ in 0..depth {
            let kind = *pick(rng, &KINDS);
            let num = match rng.below(12) {
                0 => None,
                1 => Some(hostile(rng)),
                2 => Some("18-1".to_string()),
                3 => Some("head".to_string()),
                _ => Some((1 + rng.below(12)).to_string()),
            };
            let part = match num {
                Some(n) if !kind.is_unnumbered() || chance(rng, 10) => format!("{}_{n}", kind.prefix()),
                _ => kind.prefix().to_string(),
            };
            base = Some(match base {
                Some(b) => format!("{b}__{part}"),
                None => part,
            });
        }
        base.unwrap_or_default()
    }

    fn heading(&self, rng: &mut Rng, previous: &mut Vec<String>) -> String {
        let hashes = "#".repeat(match rng.below(10) {
            0 => 0,
            1 => 7,
            _ => 1 + rng.below(6),
        });
        let sep = *pick(rng, &[" ", " ", " ", "", "  ", "\t"]);
        let eid = self.eid(rng, previous);
        if eid.parse::<EId>().is_ok() {
            previous.push(eid.clone());
        }
        let mut line = format!("{hashes}{sep}{eid}");
        if chance(rng, 60) {
            let num = match rng.below(6) {
                0 => String::new(),
                1 => hostile(rng),
                _ => number(rng),
            };
            let close = if chance(rng, 95) { "]" } else { "" };
            line.push_str(&format!(" [{num}{close}"));
        }
        if chance(rng, 40) {
            line.push(' ');
            line.push_str(&self.words_line(rng));
        }
        line
    }

    fn words_line(&self, rng: &mut Rng) -> String {
        let n = 1 + rng.below(8);
        (0..n).map(|_| kk_word(rng, &self.words)).collect::<Vec<_>>().join(" ")
    }

    fn line(&self, rng: &mut Rng, previous: &mut Vec<String>) -> String {
        match rng.below(12) {
            0..=2 => self.heading(rng, previous),
            3..=5 => self.words_line(rng),
            6..=8 => pick(rng, SPECIAL_LINES).to_string(),
            9 => {
                let cells: Vec<String> = (0..1 + rng.below(4))
                    .map(|_| match rng.below(4) {
                        0 => number(rng),
                        1 => hostile(rng),
                        _ => self.words_line(rng).replace('|', "/"),
                    })
                    .collect();
                format!("| {} |", cells.join(" | "))
            }
            10 => any_text(rng, 40),
            _ => hostile(rng),
        }
    }

    fn mutate(&self, rng: &mut Rng, text: &str) -> String {
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        let mut previous: Vec<String> = Vec::new();
        for _ in 0..1 + rng.below(6) {
            let n = lines.len().max(1);
            let i = rng.below(n);
            match rng.below(7) {
                0 if !lines.is_empty() => {
                    lines.remove(i);
                }
                1 if !lines.is_empty() => {
                    let l = lines[i].clone();
                    lines.insert(i, l);
                }
                2 if !lines.is_empty() => {
                    let j = rng.below(n);
                    lines.swap(i, j);
                }
                3 => {
                    let l = self.line(rng, &mut previous);
                    lines.insert(i.min(lines.len()), l);
                }
                4 if !lines.is_empty() => {
                    let keep = rng.below(lines[i].chars().count() + 1);
                    lines[i] = lines[i].chars().take(keep).collect();
                }
                5 => lines.truncate(i),
                _ if !lines.is_empty() => {
                    let at = rng.below(lines[i].chars().count() + 1);
                    let (a, b): (String, String) = {
                        let cs: Vec<char> = lines[i].chars().collect();
                        (cs[..at].iter().collect(), cs[at..].iter().collect())
                    };
                    lines[i] = format!("{a}{}{b}", pick(rng, SPECIAL_LINES));
                }
                _ => {}
            }
        }
        let end = *pick(rng, &["\n", "\n", "\r\n", ""]);
        let mut out = lines.join(end);
        out.push_str(end);
        out
    }
}

impl Harness for MarkdownHarness {
    type Input = String;

    fn generate(&mut self, rng: &mut Rng) -> String {
        if !self.seeds.is_empty() && chance(rng, 35) {
            let seed = pick(rng, &self.seeds).clone();
            return self.mutate(rng, &seed);
        }
        let mut previous = Vec::new();
        let n = rng.below(30);
        let mut out = String::new();
        for _ in 0..n {
            out.push_str(&self.line(rng, &mut previous));
            out.push_str(if chance(rng, 5) { "\r\n" } else { "\n" });
        }
        out
    }

    fn check(&mut self, text: &String, counts: &mut Counts, samples: &mut Samples) -> Result<(), String> {
        let lines = text.lines().count().max(1);
        match clause_markdown::parse(text) {
            Err(errors) => {
                bump(counts, "rejected");
                if errors.is_empty() {
                    return Err("parse failed without an error".into());
                }
                if errors.windows(2).any(|w| w[0].line > w[1].line) {
                    return Err("errors are not sorted by line".into());
                }
                if let Some(e) = errors.iter().find(|e| e.line == 0 || e.line > lines) {
                    return Err(format!(
                        "error outside the text\nline {} of {lines}: {}",
                        e.line, e.message
                    ));
                }
                samples.note("rejected", || errors[0].to_string());
            }
            Ok(nodes) => {
                bump(counts, if nodes.is_empty() { "parsed_empty" } else { "parsed" });
                let written = clause_markdown::write(&nodes);
                match clause_markdown::parse(&written) {
                    Ok(again) if again == nodes => {}
                    Ok(again) => {
                        let (field, first, second) = first_difference(&nodes, &again);
                        return Err(format!(
                            "round trip: parse(write(nodes)) reads another {field}\nwritten: {:?}\nfirst: {first}\nagain: {second}",
                            super::shorten(&written, 300),
                        ));
                    }
                    Err(e) => {
                        return Err(format!(
                            "round trip: parse(write(nodes)) fails: {}\n{}\nwritten: {:?}",
                            generic(&e[0].message),
                            e.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "),
                            super::shorten(&written, 300)
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    fn shrink(&self, text: &String) -> Box<dyn Iterator<Item = String>> {
        shrink_text(text)
    }

    fn show(&self, text: &String) -> String {
        format!("{text:?}")
    }
}

/// An error message with its `quoted` parts blanked, so that failures group by kind.
fn generic(message: &str) -> String {
    let mut out = String::new();
    for (i, part) in message.split('`').enumerate() {
        if i % 2 == 1 {
            out.push_str("`_`");
        } else {
            out.push_str(part);
        }
    }
    out
}

/// The first node (in document order) that differs between two trees: which field
/// differs, and the two nodes shortly.
fn first_difference(a: &[Node], b: &[Node]) -> (&'static str, String, String) {
    let flat = |ns: &[Node]| {
        let mut v: Vec<Node> = Vec::new();
        for n in ns {
            n.walk(&mut |n| {
                v.push(Node {
                    children: Vec::new(),
                    ..n.clone()
                })
            });
        }
        v
    };
    let (fa, fb) = (flat(a), flat(b));
    let show = |n: Option<&Node>| {
        n.map_or("(none)".to_string(), |n| {
            format!("{} {:?} {:?} {:?}", n.eid, n.num, n.heading, n.content)
        })
    };
    for i in 0..fa.len().max(fb.len()) {
        let (x, y) = (fa.get(i), fb.get(i));
        let field = match (x, y) {
            (Some(x), Some(y)) if x.eid != y.eid => "node",
            (Some(x), Some(y)) if x.num != y.num => "number",
            (Some(x), Some(y)) if x.heading != y.heading => "heading",
            (Some(x), Some(y)) if std::mem::discriminant(&x.content) != std::mem::discriminant(&y.content) => {
                "kind of content"
            }
            (Some(x), Some(y)) if x.content != y.content => "text",
            (Some(_), Some(_)) => continue,
            _ => "number of nodes",
        };
        return (field, show(x), show(y));
    }
    ("tree", String::new(), String::new())
}

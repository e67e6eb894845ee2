//! The amendment parser on mutated versions of Order No. 429's real text.
//!
//! An input is a whole clause Markdown document: Order No. 429 with lines deleted,
//! duplicated, swapped, truncated or moved, Kazakh words, numerals, quotes and digits
//! inserted, or its items replaced by random text. The reader reads it
//! ([`clause_markdown::parse`]); what it accepts goes to [`parse::parse_amending_act`] with the
//! corpus's acts as targets. Mutations touch body lines far more often than headings,
//! so most inputs reach the parser.
//!
//! Checked: no panic; a refusal lists at least one error, and every error renders.

use super::inputs::{any_text, chance, hostile, kk_word, number, pick, words_of};
use super::{Counts, FuzzError, Harness, Samples, Setup, bump, shrink_text};
use crate::clause_markdown;
use crate::model::{Act, Node};
use crate::parse;
use crate::synth::Rng;

/// The amendment harness.
pub struct AmendmentHarness {
    act: Act,
    text: String,
    targets: Vec<(Act, Vec<Node>)>,
    words: Vec<String>,
}

impl AmendmentHarness {
    /// A harness over the setup's Order No. 429 and the other acts of its corpus.
    pub fn new(setup: &Setup) -> Result<AmendmentHarness, FuzzError> {
        let snap = setup.state.snapshot();
        let lib = &snap.library;
        let act = lib.act(&setup.order).ok_or(FuzzError::NoOrder(setup.order))?.clone();
        let targets = lib
            .acts()
            .filter(|a| a.id != setup.order)
            .map(|a| (a.clone(), lib.base(&a.id).unwrap_or_default()))
            .collect();
        Ok(AmendmentHarness {
            words: words_of([setup.order_text.as_str()], 3000),
            act,
            text: setup.order_text.clone(),
            targets,
        })
    }

    /// Reads and parses `text`: `None` when the reader refuses it, else the parser's
    /// answer.
    pub fn parse(&self, text: &str) -> Option<Result<parse::Parsed, Vec<parse::ParseError>>> {
        let tree = clause_markdown::parse(text).ok()?;
        let targets: Vec<(&Act, &[Node])> = self.targets.iter().map(|(a, n)| (a, n.as_slice())).collect();
        Some(parse::parse_amending_act(&self.act, &tree, &targets))
    }

    /// A fragment to insert: words, numerals, quotes, digits or junk.
    fn fragment(&self, rng: &mut Rng) -> String {
        match rng.below(12) {
            0..=4 => kk_word(rng, &self.words),
            5 => (0..2 + rng.below(5))
                .map(|_| kk_word(rng, &self.words))
                .collect::<Vec<_>>()
                .join(" "),
            6 | 7 => number(rng),
            8 => pick(rng, &["«", "»", "\"", "“", "”", "«»", "»«", "\"\""]).to_string(),
            9 => rng.below(10).to_string(),
            10 => any_text(rng, 20),
            _ => hostile(rng),
        }
    }

    fn mutate(&self, rng: &mut Rng, lines: &mut Vec<String>) {
        let body: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].starts_with('#')).collect();
        let n = lines.len().max(1);
        // Mostly body lines: a heading's damage stops the reader, not the parser.
        let line = |rng: &mut Rng| {
            if !body.is_empty() && chance(rng, 90) {
                *pick(rng, &body)
            } else {
                rng.below(n)
            }
        };
        if lines.is_empty() {
            lines.push(String::new());
        }
        match rng.below(11) {
            0 => {
                let i = line(rng);
                lines.remove(i.min(lines.len() - 1));
            }
            1 => {
                let i = line(rng).min(lines.len() - 1);
                let l = lines[i].clone();
                lines.insert(i, l);
            }
            2 => {
                let (i, j) = (line(rng).min(lines.len() - 1), line(rng).min(lines.len() - 1));
                lines.swap(i, j);
            }
            3 => {
                // Move a line elsewhere (another item's line into this one).
                let i = line(rng).min(lines.len() - 1);
                let l = lines.remove(i);
                let j = line(rng).min(lines.len());
                lines.insert(j, l);
            }
            4 | 5 => {
                let i = line(rng).min(lines.len() - 1);
                let words: Vec<&str> = lines[i].split(' ').collect();
                let at = rng.below(words.len() + 1);
                let mut v: Vec<String> = words.iter().map(|w| w.to_string()).collect();
                v.insert(at, self.fragment(rng));
                lines[i] = v.join(" ");
            }
            6 => {
                let i = line(rng).min(lines.len());
                let f = self.fragment(rng);
                lines.insert(i, f);
            }
            7 => {
                let i = line(rng).min(lines.len() - 1);
                let keep = rng.below(lines[i].chars().count() + 1);
                lines[i] = lines[i].chars().take(keep).collect();
            }
            8 => {
                let i = line(rng).min(lines.len() - 1);
                lines[i] = match rng.below(4) {
                    0 => lines[i].replace(['«', '»', '"'], ""),
                    1 => lines[i].chars().filter(|c| !c.is_ascii_digit()).collect(),
                    2 => lines[i].replace(|c: char| c.is_ascii_digit(), &rng.below(100).to_string()),
                    _ => lines[i].replace('»', "«"),
                };
            }
            9 => {
                let i = line(rng).min(lines.len() - 1);
                let w = pick(
                    rng,
                    &[
                        "тармақ",
                        "тармақша",
                        "абзац",
                        "қосымша",
                        "жазылсын",
                        "тасталсын",
                        "ауыстырылсын",
                    ],
                );
                let with = pick(rng, &["тармақша", "тармақ", "қосымша", "абзацы", "", "жазылсын"]);
                lines[i] = lines[i].replacen(w, with, 1);
            }
            _ => {
                // Truncate the whole text at a line, or cut a line's tail.
                if chance(rng, 30) {
                    lines.truncate(rng.below(n));
                } else {
                    let i = line(rng).min(lines.len() - 1);
                    let cs: Vec<char> = lines[i].chars().collect();
                    let keep = cs.len().saturating_sub(rng.below(cs.len() + 1).min(8));
                    lines[i] = cs[..keep].iter().collect();
                }
            }
        }
    }

    /// Order No. 429 with the bodies of some items of the List replaced by random lines.
    fn random_items(&self, rng: &mut Rng) -> String {
        let mut out = Vec::new();
        let mut replacing = false;
        for l in self.text.lines() {
            if l.starts_with('#') {
                out.push(l.to_string());
                replacing = l.contains("att_1__para_") && chance(rng, 40);
                if replacing {
                    for _ in 0..rng.below(12) {
                        out.push(String::new());
                        let k = rng.below(12);
                        let line = (0..k).map(|_| self.fragment(rng)).collect::<Vec<_>>().join(" ");
                        out.push(line);
                    }
                }
            } else if !replacing {
                out.push(l.to_string());
            }
        }
        out.join("\n")
    }
}

impl Harness for AmendmentHarness {
    type Input = String;

    fn generate(&mut self, rng: &mut Rng) -> String {
        if chance(rng, 15) {
            return self.random_items(rng);
        }
        let mut lines: Vec<String> = self.text.lines().map(str::to_string).collect();
        for _ in 0..1 + rng.below(6) {
            self.mutate(rng, &mut lines);
        }
        let mut s = lines.join("\n");
        s.push('\n');
        s
    }

    fn check(&mut self, text: &String, counts: &mut Counts, samples: &mut Samples) -> Result<(), String> {
        match self.parse(text) {
            None => bump(counts, "reader_rejected"),
            Some(Ok(p)) => {
                bump(counts, "parsed_ok");
                *counts.entry("operations").or_insert(0) += p.ops.len() as u64;
            }
            Some(Err(errors)) => {
                bump(counts, "parse_errors");
                if errors.is_empty() {
                    return Err("the parser refused without an error".into());
                }
                for e in &errors {
                    if e.to_string().trim().is_empty() {
                        return Err(format!("an error renders empty\n{e:?}"));
                    }
                }
                samples.note("parse_errors", || errors[0].to_string());
            }
        }
        Ok(())
    }

    fn shrink(&self, text: &String) -> Box<dyn Iterator<Item = String>> {
        shrink_text(text)
    }

    fn show(&self, text: &String) -> String {
        if text.len() < 600 {
            return format!("{text:?}");
        }
        // The interesting part is where it differs from the seed text.
        let seed: Vec<&str> = self.text.lines().collect();
        let lines: Vec<&str> = text.lines().collect();
        let same_head = seed.iter().zip(&lines).take_while(|(a, b)| a == b).count();
        let same_tail = seed
            .iter()
            .rev()
            .zip(lines.iter().rev())
            .take_while(|(a, b)| a == b)
            .count()
            .min(lines.len().min(seed.len()).saturating_sub(same_head));
        if same_head == lines.len() && lines.len() == seed.len() {
            return "(Order No. 429 unchanged)".into();
        }
        let changed = lines[same_head..lines.len() - same_tail].join("\n");
        format!(
            "Order No. 429 with lines {}..{} of {} replaced by {:?}",
            same_head + 1,
            seed.len().saturating_sub(same_tail),
            seed.len(),
            changed
        )
    }
}

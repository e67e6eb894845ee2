//! Synthetic corpora for tests and benchmarks. Every act written here is labelled
//! `"synthetic": true` in its metadata: none of it is law.
//!
//! `acts` base acts each get `amendments` operations. The operations are grouped, ten
//! at a time, into amending acts, which are extra acts on top of `acts`. Amending acts
//! take force on a fixed date, or ten days after a recorded publication; the last 1 %
//! have no publication yet, so their operations are pending. Every operation is
//! generated against a simulation of its target, so a synthetic corpus loads without
//! errors.

use std::collections::{BTreeMap, HashSet};

use chrono::{Days, NaiveDate};

use crate::amend::{self, Change, Operation, Position};
use crate::dates::EffectiveRule;
use crate::library::ActEntry;
use crate::model::{
    Act, ActKind, Content, EId, Event, EventKind, Issuer, Lang, Node, NodeKind, Provenance, Registration, RegistryId,
    Tree, WorkUri,
};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SynthOptions {
    /// The number of base (amended) acts.
    pub acts: usize,
    /// Operations per base act.
    pub amendments: usize,
    /// Clauses per base act (approximate: paragraphs of one subparagraph-rich annex).
    pub clauses: usize,
    /// The random seed.
    pub seed: u64,
}

/// Operations per amending act.
pub const OPS_PER_AMENDING_ACT: usize = 10;

/// The words synthetic texts are made of (also the benchmark's query words).
pub const WORDS: &[&str] = &[
    "мемлекеттік",
    "қызмет",
    "көрсету",
    "қағидалары",
    "өнеркәсіптік",
    "қауіпсіздік",
    "саласындағы",
    "уәкілетті",
    "орган",
    "өтініш",
    "құжаттар",
    "жұмыс",
    "күні",
    "тәртіппен",
    "белгіленген",
    "рұқсат",
    "беру",
    "лицензия",
    "жарылыс",
    "объектілер",
    "портал",
    "электрондық",
    "нысан",
    "мерзімі",
    "бас",
    "тарту",
    "негіздер",
    "аумақтық",
    "бөлімше",
    "ақпарат",
    "жүйесі",
    "көрсетілетін",
    "қызметті",
    "алушы",
    "беруші",
    "тексереді",
    "жолдайды",
    "хабарлайды",
    "сәйкес",
    "осы",
];

/// A small, fast, deterministic generator (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// A number in `0..n`, log-uniformly distributed (Zipf-like: small numbers are
    /// frequent, large ones rare).
    pub fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        (((n as f64).powf(u)) as usize)
            .saturating_sub(1)
            .min(n.saturating_sub(1))
    }

    /// A word of the synthetic vocabulary: a root drawn Zipf-like from
    /// [`VOCABULARY_ROOTS`] roots, sometimes with a Kazakh suffix.
    pub fn word(&mut self) -> String {
        let mut w = root(self.zipf(VOCABULARY_ROOTS));
        if self.below(3) == 0 {
            w.push_str(SUFFIXES[self.below(SUFFIXES.len())]);
        }
        w
    }

    fn sentence(&mut self, min: usize, max: usize) -> String {
        let n = min + self.below(max - min + 1);
        let words: Vec<String> = (0..n).map(|_| self.word()).collect();
        format!("{}.", words.join(" "))
    }
}

/// The number of distinct roots in synthetic texts.
pub const VOCABULARY_ROOTS: usize = 20_000;

const SYLLABLES: &[&str] = &[
    "қа", "ра", "жа", "ты", "бе", "ле", "ма", "са", "ту", "ке", "ді", "ні", "ор", "ал", "ең", "құ", "сақ", "тар", "жұ",
    "мыс", "рұқ", "сат", "бұй", "рық", "нау", "қыз", "мет", "өн", "дір", "іс", "тік", "ау", "қау", "іп", "сіз", "дік",
    "бас", "қар", "ма", "ла", "ғы", "нда", "йын", "кел", "ген", "өт", "кіз", "ұй", "ым", "шар",
];

/// Suffixes added to synthetic words (plural, possessive, case).
const SUFFIXES: &[&str] = &[
    "лар", "лер", "ы", "і", "ның", "нің", "ға", "ге", "да", "де", "дан", "ден", "мен", "ды", "ді", "ын",
];

/// The synthetic root number `i`: the first roots are real words, the rest are made of
/// Kazakh-looking syllables.
pub fn root(i: usize) -> String {
    if let Some(w) = WORDS.get(i) {
        return (*w).to_string();
    }
    let mut x = i as u64 ^ 0x5bd1_e995;
    let n = 2 + (x % 2) as usize;
    let mut w = String::new();
    for _ in 0..n {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        w.push_str(SYLLABLES[((x >> 33) % SYLLABLES.len() as u64) as usize]);
    }
    // Distinct roots may collide in spelling; that is harmless for benchmarks.
    w
}

fn day(base: NaiveDate, n: usize) -> NaiveDate {
    base.checked_add_days(Days::new(n as u64)).unwrap_or(base)
}

fn eid(s: &str) -> EId {
    s.parse().unwrap_or_else(|e| panic!("synth builds valid eIds: {e}"))
}

/// A synthetic act's metadata (registered on its date of adoption).
pub(crate) fn synthetic_act(id: RegistryId, date: NaiveDate, number: String, title: String) -> Act {
    let registration = Some(Registration {
        number: id.registration_number(),
        date: Some(date),
    });
    Act {
        work_uri: WorkUri::new(&ActKind::Order, date, &number),
        id,
        kind: ActKind::Order,
        issuer: Issuer {
            office: "Synthetic Minister".into(),
            names: BTreeMap::new(),
            acting: false,
        },
        date,
        number,
        registration,
        titles: BTreeMap::from([(Lang::Kk, title)]),
        events: Vec::new(),
        synthetic: true,
        provenance: Some("generated by `nusqa synth`; not law".into()),
        editorial_notes: Vec::new(),
        entry_into_force: None,
    }
}

/// The generator: base acts one by one (so that 100,000 acts stream to disk), then the
/// amending acts that hold their operations.
pub struct Synth {
    opts: SynthOptions,
    amending_count: usize,
    /// Operations per amending act, in order.
    buckets: Vec<Vec<Operation>>,
}

impl Synth {
    /// A generator for `opts`.
    pub fn new(opts: SynthOptions) -> Synth {
        let amending_count = (opts.acts * opts.amendments).div_ceil(OPS_PER_AMENDING_ACT);
        Synth {
            opts,
            amending_count,
            buckets: vec![Vec::new(); amending_count],
        }
    }

    fn base_id(i: usize) -> RegistryId {
        RegistryId::from_parts(2010, 90_000_000 + i as u32)
    }

    fn amending_date(k: usize) -> NaiveDate {
        day(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default(), k / 4)
    }

    fn amending_id(k: usize) -> RegistryId {
        let year = chrono::Datelike::year(&Synth::amending_date(k));
        RegistryId::from_parts(year, 95_000_000 + k as u32)
    }

    /// How amending act `k` takes force: (rule, publication date if recorded).
    fn amending_rule(&self, k: usize) -> (EffectiveRule, Option<NaiveDate>) {
        let date = Synth::amending_date(k);
        if k * 100 >= self.amending_count * 99 && self.amending_count >= 100 {
            return (
                EffectiveRule::AfterEvent {
                    event: EventKind::Publication,
                    days: 10,
                },
                None,
            );
        }
        if k % 5 < 3 {
            (EffectiveRule::Fixed { date: day(date, 30) }, Some(day(date, 5)))
        } else {
            (
                EffectiveRule::AfterEvent {
                    event: EventKind::Publication,
                    days: 10,
                },
                Some(day(date, 5)),
            )
        }
    }

    fn effective_date(&self, k: usize) -> Option<NaiveDate> {
        match self.amending_rule(k) {
            (EffectiveRule::Fixed { date }, _) => Some(date),
            (EffectiveRule::AfterEvent { days, .. }, Some(p)) => crate::dates::after_period(p, days),
            _ => None,
        }
    }

    /// Base act `i`, with its operations put into the amending acts' buckets.
    pub fn base_act(&mut self, i: usize) -> ActEntry {
        let mut rng = Rng::new(self.opts.seed.wrapping_mul(1_000_003).wrapping_add(i as u64));
        let id = Synth::base_id(i);
        let date = day(NaiveDate::from_ymd_opt(2010, 1, 1).unwrap_or_default(), i % 3000);
        let act = synthetic_act(
            id,
            date,
            format!("{}", 1000 + i),
            format!("Синтетикалық бұйрық № {}", 1000 + i),
        );
        let base = vec![self.base_tree(&mut rng)];
        // Slots: (effective date, amending act, position) in application order.
        let mut slots: Vec<(Option<NaiveDate>, usize, usize)> = (0..self.opts.amendments)
            .map(|j| {
                let k = ((i * self.opts.amendments + j) / OPS_PER_AMENDING_ACT).min(self.amending_count - 1);
                (self.effective_date(k), k, j)
            })
            .collect();
        slots.sort_by_key(|&(d, k, j)| (d.is_none(), d, k, j));
        let mut tree = match Tree::from_nodes(&base, date, &Provenance::base(&id)) {
            Ok(t) => t,
            Err(e) => unreachable!("synthetic base trees are well formed: {e}"),
        };
        let mut used: HashSet<(NaiveDate, EId)> = HashSet::new();
        for (when, k, j) in slots {
            let source = Synth::amending_id(k);
            for _attempt in 0..20 {
                let Some(mut op) = self.random_op(&mut rng, &tree, &source, &id, k, j) else {
                    continue;
                };
                op.effective = self.amending_rule(k).0;
                let target = op.target.clone().unwrap_or_else(|| eid("att_1"));
                if let Some(d) = when {
                    if used.contains(&(d, target.clone())) {
                        continue;
                    }
                    let prov = op.provenance(self.buckets[k].len());
                    if amend::apply(&mut tree, &op, d, &prov).is_err() {
                        continue;
                    }
                    used.insert((d, target));
                }
                self.buckets[k].push(op);
                break;
            }
        }
        ActEntry {
            act,
            base,
            ops: Vec::new(),
        }
    }

    fn base_tree(&self, rng: &mut Rng) -> Node {
        let paras = (self.opts.clauses / 4).max(1);
        let root = eid("att_1");
        let mut children = Vec::with_capacity(paras);
        for p in 1..=paras {
            let pe = root
                .child(NodeKind::Paragraph, Some(&p.to_string()))
                .unwrap_or_else(|_| root.clone());
            let content = if rng.below(10) == 0 {
                Content::NotHeld
            } else {
                Content::of(rng.sentence(8, 24))
            };
            let subs = (1..=3)
                .map(|s| Node {
                    eid: pe
                        .child(NodeKind::Subparagraph, Some(&s.to_string()))
                        .unwrap_or_else(|_| pe.clone()),
                    num: Some(s.to_string()),
                    heading: None,
                    content: Content::of(rng.sentence(5, 14)),
                    children: vec![],
                })
                .collect();
            children.push(Node {
                eid: pe,
                num: Some(p.to_string()),
                heading: None,
                content,
                children: subs,
            });
        }
        Node {
            eid: root,
            num: Some("1".into()),
            heading: Some("Синтетикалық қағидалар".into()),
            content: Content::of(""),
            children,
        }
    }

    fn random_op(
        &self,
        rng: &mut Rng,
        tree: &Tree,
        source: &RegistryId,
        target_act: &RegistryId,
        k: usize,
        j: usize,
    ) -> Option<Operation> {
        let root = eid("att_1");
        let paras: Vec<EId> = tree
            .get(&root)?
            .children
            .iter()
            .filter(|e| tree.get(e).is_some_and(|n| n.state.content != Content::Repealed))
            .cloned()
            .collect();
        let para = paras.get(rng.below(paras.len()))?.clone();
        let roll = rng.below(100);
        let (target, change) = if roll < 35 {
            let subs = (1..=2)
                .map(|s| Node {
                    eid: para
                        .child(NodeKind::Subparagraph, Some(&s.to_string()))
                        .unwrap_or_else(|_| para.clone()),
                    num: Some(s.to_string()),
                    heading: None,
                    content: Content::of(rng.sentence(5, 14)),
                    children: vec![],
                })
                .collect();
            let num = tree.get(&para)?.state.num.clone();
            (
                para.clone(),
                Change::Replace {
                    content: Node {
                        eid: para,
                        num,
                        heading: None,
                        content: Content::of(rng.sentence(8, 24)),
                        children: subs,
                    },
                },
            )
        } else if roll < 60 {
            let text = tree.get(&para)?.state.content.text()?.to_string();
            let words: Vec<&str> = text.trim_end_matches('.').split(' ').collect();
            let w = words[rng.below(words.len())].to_string();
            (
                para,
                Change::ReplaceWords {
                    words: w,
                    replacement: WORDS[rng.below(WORDS.len())].to_string(),
                },
            )
        } else if roll < 75 {
            let num = format!("{}-{}", para.num()?, k % 1000 + 1);
            let new = para.parent()?.child(NodeKind::Paragraph, Some(&num)).ok()?;
            (
                para,
                Change::Insert {
                    position: Position::After,
                    content: Node {
                        eid: new,
                        num: Some(num),
                        heading: None,
                        content: Content::of(rng.sentence(8, 20)),
                        children: vec![],
                    },
                },
            )
        } else if roll < 90 {
            let n = tree.get(&para)?;
            let live: Vec<&EId> = n
                .children
                .iter()
                .filter(|e| tree.get(e).is_some_and(|c| c.state.content != Content::Repealed))
                .collect();
            match live.get(rng.below(live.len().max(1))) {
                Some(sub) if rng.below(3) > 0 => ((*sub).clone(), Change::Delete),
                _ => (para, Change::Delete),
            }
        } else {
            let num = format!("{}", 500 + j);
            (para, Change::Renumber { num })
        };
        Some(Operation {
            source_act: *source,
            source_item: format!("para_{}", self.buckets[k].len() / 3 + 1),
            source_abzats: None,
            target_act: *target_act,
            target: Some(target),
            change,
            effective: EffectiveRule::OnEntryIntoForce,
            instruction: None,
            origin: None,
        })
    }

    /// The amending acts, once every base act has been generated.
    pub fn amending_acts(self) -> Vec<ActEntry> {
        let mut out = Vec::with_capacity(self.amending_count);
        for (k, ops) in self.buckets.iter().enumerate() {
            let id = Synth::amending_id(k);
            let date = Synth::amending_date(k);
            let mut act = synthetic_act(
                id,
                date,
                format!("{}", 5000 + k),
                format!("Синтетикалық өзгерту бұйрығы № {}", 5000 + k),
            );
            let (rule, publication) = self.amending_rule(k);
            if let Some(p) = publication {
                act.events.push(Event::new(EventKind::Publication, p));
            }
            act.entry_into_force = Some(crate::dates::EntryIntoForce {
                default: rule,
                exceptions: Vec::new(),
                stated_in: None,
            });
            let items = ops.len().div_ceil(3).max(1);
            let base = (1..=items)
                .map(|n| Node {
                    eid: eid(&format!("para_{n}")),
                    num: Some(n.to_string()),
                    heading: None,
                    content: Content::of("Синтетикалық өзгерістер."),
                    children: vec![],
                })
                .collect();
            out.push(ActEntry {
                act,
                base,
                ops: ops.clone(),
            });
        }
        out
    }
}

/// A whole synthetic corpus in memory (for tests and benchmarks of modest size).
pub fn generate(opts: SynthOptions) -> Vec<ActEntry> {
    let mut s = Synth::new(opts);
    let mut out: Vec<ActEntry> = (0..opts.acts).map(|i| s.base_act(i)).collect();
    out.extend(s.amending_acts());
    out
}

/// A wide synthetic act (labelled synthetic): its metadata, and its text in clause
/// Markdown with `top_level` top-level paragraphs, each holding one subparagraph. The
/// shape of a long flat text (a code, a list of rates) that stresses building the tree.
pub fn wide_act(top_level: usize) -> (Act, String) {
    let id = RegistryId::from_parts(2010, 99_000_000);
    let date = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap_or_default();
    let act = synthetic_act(id, date, "1".into(), "Синтетикалық ұзын бұйрық".into());
    let mut text = String::with_capacity(top_level * 64);
    for i in 1..=top_level {
        text.push_str(&format!(
            "# para_{i} [{i}]\nМәтін {i}.\n\n## para_{i}__subpara_1 [1]\nТармақша {i}.\n\n"
        ));
    }
    (act, text)
}

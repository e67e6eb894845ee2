//! Fuzzing harnesses: seeded random inputs against the parsers and the HTTP router,
//! checking that nothing panics and that each answer is a clean one.
//!
//! cargo-fuzz needs a nightly compiler, so the engine is our own: a seeded SplitMix64
//! generator ([`crate::synth::Rng`]) feeds a [`Harness`], which makes an input, checks
//! it, and knows how to make it smaller. [`drive`] runs the cases, catches panics (a
//! panic hook that stays quiet only on the fuzzing thread, so other threads' panics are
//! still reported), minimises the first failures greedily and counts what it saw. The
//! same seed gives the same inputs.
//!
//! * [`query`]: the search query language (`search::search` on an index of the corpus).
//! * [`markdown`]: the clause Markdown reader (`clause_markdown::parse`) and its round
//!   trip through `clause_markdown::write`.
//! * [`amendment`]: the amendment parser on mutated versions of Order No. 429's text.
//! * [`http`]: the web router in process, on the real route shapes with hostile values.
//!
//! The harness sits on top, like `cli` and `web`: it builds its own index in a scratch
//! directory through `search`, reads the corpus through `corpus`, and prints nothing.

pub mod amendment;
pub mod http;
mod inputs;
pub mod markdown;
pub mod query;

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::{Arc, Once};
use std::time::Instant;

use serde::Serialize;

use crate::corpus::CorpusError;
use crate::model::RegistryId;
use crate::search::{SearchError, SearchIndex};
use crate::synth::Rng;
use crate::web::AppState;

pub use inputs::shrink_text;

/// What a fuzzing run is aimed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// The search query language.
    Query,
    /// The clause Markdown reader.
    Markdown,
    /// The amendment parser.
    Amendment,
    /// The HTTP router.
    Http,
}

impl Target {
    /// Every target, in the order `--target all` runs them.
    pub const ALL: [Target; 4] = [Target::Query, Target::Markdown, Target::Amendment, Target::Http];

    /// The target's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Target::Query => "query",
            Target::Markdown => "markdown",
            Target::Amendment => "amendment",
            Target::Http => "http",
        }
    }
}

/// Counters a harness keeps beside pass and fail (how many inputs the reader refused,
/// statuses seen...), by name.
pub type Counts = BTreeMap<&'static str, u64>;

/// Adds one to counter `key`.
pub fn bump(counts: &mut Counts, key: &'static str) {
    *counts.entry(key).or_insert(0) += 1;
}

/// One kind of fuzzing: inputs, the check each must pass, and how to shrink them.
pub trait Harness {
    /// An input.
    type Input: Clone;

    /// A new random input.
    fn generate(&mut self, rng: &mut Rng) -> Self::Input;

    /// Runs the input and checks the answer; `Err` describes a failure, its first line
    /// naming the kind of failure (inputs are minimised while that line stays the same).
    /// Panics are caught by [`drive`] and are failures too. Observations that are not
    /// failures go to `counts`, and up to a few examples of each to `samples`.
    fn check(&mut self, input: &Self::Input, counts: &mut Counts, samples: &mut Samples) -> Result<(), String>;

    /// Smaller variants of `input`, the most promising first, made lazily (a long
    /// input has very many).
    fn shrink(&self, input: &Self::Input) -> Box<dyn Iterator<Item = Self::Input>>;

    /// The input as a short text for a report.
    fn show(&self, input: &Self::Input) -> String;

    /// Called after a check panicked (to rebuild state the panic may have broken).
    fn after_panic(&mut self) {}
}

/// Examples of noted observations, by counter name (at most [`Samples::KEEP`] each).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct Samples(pub BTreeMap<&'static str, Vec<String>>);

impl Samples {
    /// Examples kept per counter.
    pub const KEEP: usize = 3;

    /// Keeps `example` under `key` unless enough are kept already.
    pub fn note(&mut self, key: &'static str, example: impl FnOnce() -> String) {
        let v = self.0.entry(key).or_default();
        if v.len() < Self::KEEP {
            v.push(example());
        }
    }
}

/// How many cases, from which seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Cases to run.
    pub cases: u64,
    /// The seed of the generator.
    pub seed: u64,
    /// Kinds of failure for which the first failure is minimised and kept.
    pub keep_failures: usize,
    /// The most checks spent minimising one failure.
    pub shrink_budget: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            cases: 1000,
            seed: 1,
            keep_failures: 5,
            shrink_budget: 2000,
        }
    }
}

/// A failing input, minimised, and why it fails.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Failure {
    /// The case's number (0-based) in the run.
    pub case: u64,
    /// The minimised input, shortened for display.
    pub input: String,
    /// The original input, shortened for display.
    pub original: String,
    /// What went wrong with the minimised input (a panic's message and place, or the
    /// property that does not hold).
    pub message: String,
}

/// What a run found.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Report {
    /// The target's name.
    pub target: &'static str,
    /// The seed.
    pub seed: u64,
    /// Cases run.
    pub cases: u64,
    /// Cases that failed.
    pub failures: u64,
    /// Failures by kind (a panic's place, or the property that broke).
    pub failure_kinds: BTreeMap<String, u64>,
    /// The first failure of each kind, minimised.
    pub examples: Vec<Failure>,
    /// Wall time of the run, minimisation excluded, in seconds.
    pub seconds: f64,
    /// Cases per second.
    pub cases_per_second: f64,
    /// The slowest case, in milliseconds, and its input (shortened).
    pub slowest_ms: f64,
    /// The slowest case's input.
    pub slowest_input: String,
    /// The harness's counters.
    pub counts: Counts,
    /// Examples of what the counters noted.
    pub samples: Samples,
}

impl Report {
    /// True when no case failed.
    pub fn passed(&self) -> bool {
        self.failures == 0
    }
}

thread_local! {
    /// Set while this thread runs a fuzzing check: its panics are recorded, not printed.
    static QUIET: Cell<bool> = const { Cell::new(false) };
    /// The last panic recorded on this thread.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

static HOOK: Once = Once::new();

/// Installs (once) a panic hook that records the panic of a thread running a check and
/// hands every other panic to the hook that was there before.
fn install_hook() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if QUIET.with(Cell::get) {
                LAST_PANIC.with(|p| *p.borrow_mut() = Some(info.to_string()));
            } else {
                previous(info);
            }
        }));
    });
}

/// Runs `f`, turning a panic into `Err` with the panic's message and place.
pub fn guarded<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    install_hook();
    QUIET.with(|q| q.set(true));
    let r = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    r.map_err(|_| {
        let msg = LAST_PANIC
            .with(|p| p.borrow_mut().take())
            .unwrap_or_else(|| "a panic without a message".to_string());
        format!("panic: {}", msg.replace('\n', " "))
    })
}

/// One check of `input`, panics caught.
fn run_one<H: Harness>(h: &mut H, input: &H::Input, counts: &mut Counts, samples: &mut Samples) -> Result<(), String> {
    match guarded(|| h.check(input, counts, samples)) {
        Ok(r) => r,
        Err(panic) => {
            h.after_panic();
            Err(panic)
        }
    }
}

/// The first line of a failure message: its kind.
fn kind(message: &str) -> &str {
    let first = message.lines().next().unwrap_or("");
    // A panic's kind is its place, not its message (which may quote the input).
    match first.strip_prefix("panic: panicked at ") {
        Some(rest) => rest.split(": ").next().unwrap_or(rest),
        None => first,
    }
}

/// Greedily shrinks a failing input while it fails the same way, within `budget`
/// checks.
fn minimise<H: Harness>(h: &mut H, input: &H::Input, message: &str, budget: usize) -> (H::Input, String) {
    let want = kind(message).to_string();
    let (mut cur, mut msg) = (input.clone(), message.to_string());
    let mut left = budget;
    let (mut counts, mut samples) = (Counts::new(), Samples::default());
    while left > 0 {
        let mut smaller = None;
        for cand in h.shrink(&cur) {
            if left == 0 {
                break;
            }
            left -= 1;
            if let Err(m) = run_one(h, &cand, &mut counts, &mut samples)
                && kind(&m) == want
            {
                smaller = Some((cand, m));
                break;
            }
        }
        match smaller {
            Some((c, m)) => (cur, msg) = (c, m),
            None => break,
        }
    }
    (cur, msg)
}

/// Cuts `s` to at most `max` characters, saying how long it was.
pub fn shorten(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        s.to_string()
    } else {
        let head: String = s.chars().take(max).collect();
        format!("{head}… ({n} chars)")
    }
}

/// Runs `opts.cases` cases of harness `h`.
pub fn drive<H: Harness>(target: &'static str, h: &mut H, opts: Options) -> Report {
    let mut rng = Rng::new(opts.seed);
    let (mut counts, mut samples) = (Counts::new(), Samples::default());
    let mut failures = 0u64;
    let mut failure_kinds: BTreeMap<String, u64> = BTreeMap::new();
    let mut found: Vec<(u64, H::Input, String)> = Vec::new();
    let (mut slowest_ms, mut slowest_input) = (0.0f64, String::new());
    let start = Instant::now();
    for case in 0..opts.cases {
        let input = h.generate(&mut rng);
        let t = Instant::now();
        let r = run_one(h, &input, &mut counts, &mut samples);
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        if ms > slowest_ms {
            slowest_ms = ms;
            slowest_input = shorten(&h.show(&input), 200);
        }
        if let Err(message) = r {
            failures += 1;
            let k = kind(&message).to_string();
            *failure_kinds.entry(k.clone()).or_insert(0) += 1;
            // The first failure of each kind, up to `keep_failures` kinds.
            if found.len() < opts.keep_failures && !found.iter().any(|(_, _, m)| kind(m) == k) {
                found.push((case, input, message));
            }
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    let examples = found
        .into_iter()
        .map(|(case, input, message)| {
            let (small, msg) = minimise(h, &input, &message, opts.shrink_budget);
            Failure {
                case,
                input: shorten(&h.show(&small), 400),
                original: shorten(&h.show(&input), 200),
                message: shorten(&msg, 600),
            }
        })
        .collect();
    Report {
        target,
        seed: opts.seed,
        cases: opts.cases,
        failures,
        failure_kinds,
        examples,
        seconds,
        cases_per_second: opts.cases as f64 / seconds.max(1e-9),
        slowest_ms,
        slowest_input,
        counts,
        samples,
    }
}

/// Why the fuzzing setup could not be made.
#[derive(Debug, thiserror::Error)]
pub enum FuzzError {
    /// The corpus could not be read.
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    /// The corpus has errors; the harnesses need a valid one.
    #[error("the corpus has {0} error(s); run `nusqa check`")]
    Invalid(usize),
    /// The search index could not be built.
    #[error(transparent)]
    Search(#[from] SearchError),
    /// Order No. 429, the amendment target's seed text, is not in the corpus.
    #[error("Order No. 429 ({0}) is not in the corpus")]
    NoOrder(RegistryId),
    /// The state has no search index.
    #[error("the state has no search index")]
    NoIndex,
    /// The async runtime could not be started.
    #[error("tokio runtime: {0}")]
    Runtime(#[from] std::io::Error),
}

/// The registry id of Order No. 429, whose text seeds the amendment target.
pub const ORDER_429: &str = "V2500037008";

/// What the harnesses share: the loaded corpus with a search index built in a scratch
/// directory, and Order No. 429's stored text.
pub struct Setup {
    /// The library and its index, as the web server holds them.
    pub state: Arc<AppState>,
    /// Order No. 429's clause Markdown, as stored.
    pub order_text: String,
    /// Order No. 429's id.
    pub order: RegistryId,
}

impl Setup {
    /// Loads the corpus at `corpus` (which must be valid) and builds its search index in
    /// `scratch` (which the caller removes afterwards).
    pub fn new(corpus: &Path, scratch: &Path) -> Result<Setup, FuzzError> {
        let loaded = crate::corpus::load(corpus)?;
        if !loaded.errors.is_empty() {
            return Err(FuzzError::Invalid(loaded.errors.len()));
        }
        let order: RegistryId = ORDER_429
            .parse()
            .map_err(|_| FuzzError::NoOrder(RegistryId::from_parts(2025, 37008)))?;
        if loaded.library.act(&order).is_none() {
            return Err(FuzzError::NoOrder(order));
        }
        let order_text = crate::corpus::act_text(corpus, &order)?;
        let (index, _) = SearchIndex::build(&loaded.library, scratch, "fuzz", 1)?;
        Ok(Setup {
            state: Arc::new(AppState::new(loaded.library, Some(index))),
            order_text,
            order,
        })
    }

    /// Runs `opts.cases` cases against `target`.
    pub fn run(&self, target: Target, opts: Options) -> Result<Report, FuzzError> {
        Ok(match target {
            Target::Query => drive(target.name(), &mut query::QueryHarness::new(&self.state)?, opts),
            Target::Markdown => drive(
                target.name(),
                &mut markdown::MarkdownHarness::new(&self.state.snapshot().library),
                opts,
            ),
            Target::Amendment => drive(target.name(), &mut amendment::AmendmentHarness::new(self)?, opts),
            Target::Http => drive(target.name(), &mut http::HttpHarness::new(&self.state)?, opts),
        })
    }
}

//! Discovering the state services of the corpus: which attachments are Rules that govern
//! a state service, and what each service is called on a date.
//!
//! A candidate is a top-level attachment whose heading, in some version, names Rules
//! (`қағида…`). It governs a state service when some wording of its subtree, at any time
//! (every version in the timeline, and the new wordings of amendments still pending),
//! shows one (see [`super::extract`]: `heading.state_service`, `name.quoted`,
//! `name.defined`, `requirements.row`, `requirements.reference`). Classification does
//! not depend on the date: a clause restated in 2025 shows what the Rules of 2014
//! govern. The evidence kept is the earliest in force, else the first pending one.

use crate::amend::Operation;
use crate::consolidate::ActTimeline;
use crate::library::Library;
use crate::model::{Act, EId, Lang, NodeKind};

use super::clause::Clause;
use super::extract::{self, Extraction};
use super::model::{Authority, Evidence, NameValue, Names, RulesRef, ServiceDef, ServiceId};
use super::span;

/// Every state service of the library, by id.
pub fn discover(lib: &Library) -> Vec<ServiceDef> {
    let mut out = Vec::new();
    for act in lib.acts() {
        let Some(tl) = lib.timeline(&act.id) else { continue };
        for root in &tl.roots {
            if root.kind() != NodeKind::Attachment || !names_rules(tl, root) {
                continue;
            }
            if let Some(classified_by) = classify(lib, tl, root) {
                out.push(ServiceDef {
                    id: ServiceId {
                        act: act.id,
                        rules: root.clone(),
                    },
                    classified_by,
                });
            }
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

fn names_rules(tl: &ActTimeline, root: &EId) -> bool {
    tl.nodes.get(root).is_some_and(|n| {
        n.versions
            .iter()
            .any(|v| v.state.heading.as_deref().is_some_and(extract::is_rules_heading))
    })
}

fn classify(lib: &Library, tl: &ActTimeline, rules: &EId) -> Option<Evidence> {
    let mut best: Option<Evidence> = None;
    for date in span::boundaries(tl, rules) {
        let Some(c) = Clause::at(tl, rules, date) else { continue };
        for e in extract::extract(&c).evidence {
            let Some(since) = e.since else { continue };
            let better = best
                .as_ref()
                .is_none_or(|b| (since, rank(e.rule)) < (b.since.unwrap_or(since), rank(b.rule)));
            if better {
                best = Some(Evidence {
                    rule: e.rule,
                    eid: e.eid,
                    since: Some(since),
                    earliest: None,
                    source: e.source,
                });
            }
        }
    }
    if best.is_some() {
        return best;
    }
    for (change, x) in pending_wordings(lib, tl, rules) {
        if let Some(e) = x.evidence.into_iter().next() {
            return Some(Evidence {
                rule: e.rule,
                eid: e.eid,
                since: None,
                earliest: change.earliest,
                source: e.source,
            });
        }
    }
    None
}

/// Evidence that names the service comes first, then a requirements row, then a mere
/// mention of the requirements list.
fn rank(rule: &str) -> u8 {
    match rule {
        "name.quoted" | "name.defined" | "heading.state_service" => 0,
        "requirements.row" => 1,
        _ => 2,
    }
}

/// The new wordings of pending amendments aimed inside `rules`, each with what the
/// extraction rules read in it.
pub fn pending_wordings(
    lib: &Library,
    tl: &ActTimeline,
    rules: &EId,
) -> Vec<(crate::consolidate::PendingChange, Extraction)> {
    let mut out = Vec::new();
    for p in &tl.pending {
        let Some(target) = &p.target else { continue };
        if !target.is_within(rules) {
            continue;
        }
        let Some(index) = p.source.op else { continue };
        let Some(op): Option<&Operation> = lib.ops_by(&p.source.act).get(index) else {
            continue;
        };
        let Some(content) = op.change.content() else { continue };
        let clause = Clause::of_content(content, op, index);
        out.push((p.clone(), extract::extract(&clause)));
    }
    out
}

/// The service's names as the Rules read on the date `root` was consolidated: the first
/// name a heading or clause gives, else the Rules' heading.
pub fn names(act: &Act, root: &Clause<'_>, x: &Extraction) -> Names {
    let kk = match x.names.iter().find_map(|n| n.since.map(|s| (n, s))) {
        Some((n, since)) => NameValue::Known {
            text: n.text.clone(),
            eid: n.eid.clone(),
            since,
            source: n.source.clone(),
            rule: n.rule,
        },
        None => match (root.heading, root.since) {
            (Some(h), Some(since)) => NameValue::Known {
                text: extract::heading_name(h),
                eid: root.eid.clone(),
                since,
                source: root.source.clone(),
                rule: "name.heading",
            },
            _ => NameValue::Unknown {
                reason: "the Rules have no heading and no clause held names the service".to_string(),
            },
        },
    };
    let ru = NameValue::Unknown {
        reason: format!("the registry holds no Russian text of {}", act.id),
    };
    Names { kk, ru }
}

/// The Rules as a reference.
pub fn rules_ref(act: &Act, root: &Clause<'_>) -> RulesRef {
    RulesRef {
        act: act.id,
        eid: root.eid.clone(),
        heading: root.heading.map(str::to_string),
        act_title: act.title(Lang::Kk).to_string(),
        work_uri: act.work_uri.to_string(),
    }
}

/// The approving authority: the act's issuer.
pub fn authority(act: &Act) -> Authority {
    Authority {
        office: act.issuer.office.clone(),
        kk: act.issuer.names.get(&Lang::Kk).cloned(),
        ru: act.issuer.names.get(&Lang::Ru).cloned(),
        acting: act.issuer.acting,
    }
}

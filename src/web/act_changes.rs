//! What an amending act changes, for its page: one row per operation with the target
//! act, the clause (linked on its first day in force, at its anchor), the kind of
//! change in the UI's language, and the day it takes force, or "date not yet known"
//! with the earliest day while it waits for the act's publication. Clauses are cited in words and dates written out.

use chrono::NaiveDate;

use super::citing::Citer;
use super::i18n::{Word, Words, code};
use super::pages::url_encode;
use crate::dates::DateStatus;
use crate::library::Library;
use crate::model::RegistryId;
use crate::views::operation::OpsView;

/// The changes an amending act makes.
pub(super) struct ActChanges {
    /// One per operation, in document order.
    pub rows: Vec<ChangeRow>,
}

/// One operation.
pub(super) struct ChangeRow {
    /// The target act's registry id.
    pub target: String,
    /// The target act cited ("№ 350 бұйрық (30.12.2014)").
    pub target_cited: String,
    pub target_title: String,
    pub target_href: String,
    /// The clause, or the whole act.
    pub clause: String,
    pub clause_href: String,
    /// The kind of change in the UI's language.
    pub kind: &'static str,
    /// The day it takes force, written out, or `None` while it waits for an event.
    pub from: Option<String>,
    /// While it waits: its earliest day written out, when known.
    pub earliest: Option<String>,
    /// The target clause's eId, for the title of its link.
    pub eid: Option<String>,
    /// In force on the day shown (else scheduled or waiting).
    pub in_force: bool,
    /// The amending act's item that makes it, in words, and its anchor.
    pub item: (String, String),
}

fn kind_word(kind: &str) -> Word {
    match kind {
        "replace" => Word::ChangeReplace,
        "delete" => Word::ChangeDelete,
        "insert" => Word::ChangeInsert,
        "replace_words" => Word::ChangeReplaceWords,
        "delete_words" => Word::ChangeDeleteWords,
        "replace_attachment" => Word::ChangeReplaceAttachment,
        "renumber" => Word::ChangeRenumber,
        _ => Word::ChangeRepeal,
    }
}

/// The changes act `id` makes, seen on `date`; `None` when it makes none.
pub(super) fn act_changes(
    lib: &Library,
    id: &RegistryId,
    date: NaiveDate,
    citer: &Citer<'_>,
    t: Words,
) -> Option<ActChanges> {
    let ops = OpsView::build(lib, id).ok()?;
    if ops.operations.is_empty() {
        return None;
    }
    let lang = code(t.0);
    let rows = ops
        .operations
        .iter()
        .map(|v| {
            let op = &v.operation;
            let target = op.target_act.to_string();
            let enc = url_encode(&target);
            let from = match v.effective.status {
                DateStatus::Scheduled => v.effective.date,
                DateStatus::Pending => None,
            };
            let on = from.or(v.effective.earliest);
            let clause = op
                .target
                .as_ref()
                .map_or_else(String::new, |e| citer.clause(&op.target_act, e));
            let mut clause_href = format!("/acts/{enc}?lang={lang}");
            if let Some(d) = on {
                clause_href.push_str(&format!("&as_of={d}"));
            }
            if let Some(e) = &op.target {
                clause_href.push('#');
                clause_href.push_str(&url_encode(e.as_str()));
            }
            let target_act = lib.act(&op.target_act);
            ChangeRow {
                target_title: target_act
                    .map(|a| a.title(crate::model::Lang::Kk).to_string())
                    .unwrap_or_default(),
                target_cited: target_act.map_or_else(
                    || op.target_act.to_string(),
                    |a| crate::citation::act(a.kind, &a.number, a.date, t.0),
                ),
                target_href: format!("/acts/{enc}?lang={lang}"),
                target,
                clause,
                clause_href,
                kind: t.get(kind_word(op.change.kind_name())),
                from: from.map(|d| citer.date(d)),
                earliest: if from.is_none() {
                    v.effective.earliest.map(|d| citer.date(d))
                } else {
                    None
                },
                eid: op.target.as_ref().map(|e| e.as_str().to_string()),
                in_force: from.is_some_and(|f| f <= date),
                item: (
                    match op.source_item.parse::<crate::model::EId>() {
                        Ok(e) => citer.clause(id, &e),
                        Err(_) => op.source_item.clone(),
                    },
                    format!("#{}", url_encode(&op.source_item)),
                ),
            }
        })
        .collect();
    Some(ActChanges { rows })
}

//! Drafts: amending orders submitted by ministry staff and not yet published, one file
//! per draft (`STATE/drafts/ID.json`). A draft is operational state: it becomes part of
//! the registry's record only when it is published into the corpus.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::error::StateError;
use super::file::{StateDir, StateLock};
use super::secret::Secret;

/// Where a draft is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DraftState {
    /// Submitted; it may be checked, previewed, approved or discarded.
    Submitted,
    /// Approved by a publisher other than its submitter; it may be published.
    Approved,
    /// Published into the corpus: it is an act now, and the draft is kept as history.
    Published,
    /// Discarded: kept as history, never published.
    Discarded,
}

impl DraftState {
    /// The state as written (`submitted`…).
    pub fn as_str(self) -> &'static str {
        match self {
            DraftState::Submitted => "submitted",
            DraftState::Approved => "approved",
            DraftState::Published => "published",
            DraftState::Discarded => "discarded",
        }
    }

    /// True for a draft that can still change (submitted or approved).
    pub fn is_open(self) -> bool {
        matches!(self, DraftState::Submitted | DraftState::Approved)
    }
}

/// What the draft's text came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DraftSource {
    /// `text` (pasted plain text or JSON) or `docx`.
    pub kind: String,
    /// The file's name, for a .docx.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    /// SHA-256 of the bytes received, hex.
    pub sha256: String,
}

/// An approval: who approved, when, and what the corpus looked like to them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Approval {
    /// The approving principal's name.
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
    /// The fingerprint of the draft's target acts the approver previewed: publication
    /// is refused (409) if it changed since.
    pub basis: String,
}

/// A draft as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Draft {
    /// Its id (`d` and 16 hex digits).
    pub id: String,
    /// Its state.
    pub state: DraftState,
    /// Who submitted it.
    pub submitted_by: String,
    /// When.
    pub submitted_at: DateTime<Utc>,
    /// The metadata as submitted, in the `act.json` shape (kept as given, so that a
    /// malformed field is reported by the check, not lost).
    pub meta: serde_json::Value,
    /// The order's text by language (`kk`), plain UTF-8.
    pub text: BTreeMap<String, String>,
    /// What the text came from.
    pub source: DraftSource,
    /// Its approvals (at most one counts: the latest).
    #[serde(default)]
    pub approvals: Vec<Approval>,
    /// The act it became, once published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_as: Option<String>,
    /// Who closed it (published or discarded) and when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<(String, DateTime<Utc>)>,
}

impl Draft {
    /// The approval in force: the latest one.
    pub fn approval(&self) -> Option<&Approval> {
        self.approvals.last()
    }
}

/// The drafts of a state directory.
#[derive(Debug, Clone)]
pub struct DraftStore {
    dir: StateDir,
}

/// True for a string [`DraftStore::new_id`] makes: `d` and 16 lowercase hex digits.
pub fn is_draft_id(id: &str) -> bool {
    id.len() == 17
        && id.starts_with('d')
        && id[1..]
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn file(id: &str) -> String {
    format!("drafts/{id}.json")
}

impl DraftStore {
    /// The drafts in `dir`.
    pub fn new(dir: StateDir) -> DraftStore {
        DraftStore { dir }
    }

    /// The state directory.
    pub fn state(&self) -> &StateDir {
        &self.dir
    }

    /// A fresh random draft id.
    pub fn new_id() -> Result<String, StateError> {
        let secret = Secret::random("")?;
        Ok(format!("d{}", &secret.hash()[..16]))
    }

    /// The draft `id`, or `None`. An id that is not one [`DraftStore::new_id`] makes is
    /// never looked up on disk.
    pub fn get(&self, id: &str) -> Result<Option<Draft>, StateError> {
        if !is_draft_id(id) || !self.dir.path(&file(id)).is_file() {
            return Ok(None);
        }
        self.dir.read_json::<Option<Draft>>(&file(id))
    }

    /// Every draft, newest first.
    pub fn list(&self) -> Result<Vec<Draft>, StateError> {
        let mut out = Vec::new();
        for id in self.dir.list_json("drafts")? {
            if let Some(d) = self.get(&id)? {
                out.push(d);
            }
        }
        out.sort_by(|a, b| b.submitted_at.cmp(&a.submitted_at).then(a.id.cmp(&b.id)));
        Ok(out)
    }

    /// Writes `draft`, atomically, under the state lock.
    pub fn save(&self, lock: &StateLock, draft: &Draft) -> Result<(), StateError> {
        self.dir.write_json(lock, &file(&draft.id), draft)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked_before_the_disk_is_touched() {
        let id = DraftStore::new_id().unwrap();
        assert!(is_draft_id(&id), "{id}");
        for bad in [
            "",
            "d",
            "../../etc/passwd",
            "d0123456789abcdeF",
            "x0123456789abcdef",
            "d0123456789abcde/",
        ] {
            assert!(!is_draft_id(bad), "{bad}");
        }
    }

    #[test]
    fn a_draft_round_trips_and_lists_newest_first() {
        let tmp = tempfile::tempdir().unwrap();
        let store = DraftStore::new(StateDir::open(tmp.path()).unwrap());
        let lock = store.state().lock().unwrap();
        let mk = |id: String, at: i64| Draft {
            id,
            state: DraftState::Submitted,
            submitted_by: "alice".into(),
            submitted_at: DateTime::from_timestamp(at, 0).unwrap(),
            meta: serde_json::json!({"id": "V2599999001"}),
            text: BTreeMap::from([("kk".to_string(), "Бұйрық".to_string())]),
            source: DraftSource {
                kind: "text".into(),
                file_name: None,
                sha256: "00".into(),
            },
            approvals: vec![],
            published_as: None,
            closed: None,
        };
        let (a, b) = (
            mk(DraftStore::new_id().unwrap(), 10),
            mk(DraftStore::new_id().unwrap(), 20),
        );
        store.save(&lock, &a).unwrap();
        store.save(&lock, &b).unwrap();
        assert_eq!(store.get(&a.id).unwrap(), Some(a.clone()));
        assert_eq!(store.list().unwrap(), vec![b, a]);
        assert_eq!(store.get("d0000000000000000").unwrap(), None);
    }
}

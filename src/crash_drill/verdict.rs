//! The corpus after a kill: recovered as the next writer or reader would recover it,
//! then examined. All or nothing: the act's directory with all its operations and
//! exactly one publication audit entry, or no directory and no entry.

use std::path::Path;

use crate::audit::Action;
use crate::corpus::write::act_dir;
use crate::corpus::{self, CorpusError, LoadOptions, Recovery, audit_log, transaction};
use crate::model::RegistryId;

/// What a kill left, once recovered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// What recovery did.
    pub recovery: Recovery,
    /// The corpus's load errors (none is fine).
    pub corpus_errors: Vec<String>,
    /// The audit chain's first broken entry, if any.
    pub audit_broken: Option<String>,
    /// A journal or staging directory still there after recovery.
    pub leftovers: bool,
    /// The act's directory is there.
    pub present: bool,
    /// The act's operations as loaded.
    pub operations: usize,
    /// The publication audit entries of the act.
    pub audit_entries: usize,
}

impl Verdict {
    /// Everything wrong with it, given the operations the act has when whole; empty
    /// when the corpus is sound and the act is all there or absent.
    pub fn problems(&self, expected_operations: usize) -> Vec<String> {
        let mut out: Vec<String> = self.corpus_errors.iter().map(|e| format!("corpus: {e}")).collect();
        if let Some(b) = &self.audit_broken {
            out.push(format!("audit: {b}"));
        }
        if self.leftovers {
            out.push("the journal or the staging directory is still there".into());
        }
        if self.present {
            if self.operations != expected_operations {
                out.push(format!(
                    "present with {} operation(s), not {expected_operations}",
                    self.operations
                ));
            }
            if self.audit_entries != 1 {
                out.push(format!("present with {} audit entries, not 1", self.audit_entries));
            }
        } else if self.audit_entries != 0 {
            out.push(format!("absent with {} audit entries", self.audit_entries));
        }
        out
    }
}

/// Recovers the corpus at `root` and examines it for the act `act`.
pub fn examine(root: &Path, opts: &LoadOptions, act: &RegistryId) -> Result<Verdict, CorpusError> {
    let recovery = corpus::recover_if_needed(root, opts)?;
    let loaded = corpus::load_with_options(root, opts)?;
    let audit_broken = audit_log::verify(root, opts)?.err().map(|b| b.to_string());
    let audit_entries = audit_log::entries(root, opts)?
        .iter()
        .filter(|e| e.subject == act.as_str() && e.action == Action::Publish)
        .count();
    Ok(Verdict {
        recovery,
        corpus_errors: loaded.errors.iter().map(ToString::to_string).collect(),
        audit_broken,
        leftovers: root.join(transaction::JOURNAL_FILE).exists() || root.join(transaction::STAGING_DIR).exists(),
        present: act_dir(root, act).exists(),
        operations: loaded.library.ops_by(act).len(),
        audit_entries,
    })
}

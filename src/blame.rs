//! Blame: for each node, the act, item and date of its current wording.

use chrono::NaiveDate;
use serde::Serialize;

use crate::consolidate::{ConsolidateError, Status, consolidate};
use crate::library::Library;
use crate::model::{AbzatsRange, RegistryId};

/// Who made one node read as it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct BlameLine {
    /// The node.
    pub eid: String,
    /// Its number.
    pub num: Option<String>,
    /// Its status.
    pub status: Status,
    /// Since when it reads so.
    pub since: NaiveDate,
    /// The act that made it so (the act itself for its base text).
    pub act: RegistryId,
    /// That act's number and date, e.g. "№ 429, 2025-09-30".
    pub act_label: String,
    /// The item of that act, for an amendment.
    pub item: Option<String>,
    /// The abzats of that item.
    pub abzats: Option<AbzatsRange>,
}

/// Blame for every node of `act` as in force on `date`, in document order.
pub fn blame(lib: &Library, act: &RegistryId, date: NaiveDate) -> Result<Vec<BlameLine>, ConsolidateError> {
    let Some(tl) = lib.timeline(act) else {
        return Ok(Vec::new());
    };
    let c = consolidate(tl, date)?;
    let mut out = Vec::new();
    c.walk(&mut |n| {
        let source = lib.act(&n.source.act);
        out.push(BlameLine {
            eid: n.eid.to_string(),
            num: n.num.map(str::to_string),
            status: n.status,
            since: n.since,
            act: n.source.act,
            act_label: source
                .map(|a| format!("№ {}, {}", a.number, a.date))
                .unwrap_or_default(),
            item: n.source.item.clone(),
            abzats: n.source.abzats,
        });
    });
    Ok(out)
}

//! Helpers shared by the integration tests.

use chrono::NaiveDate;
use nusqa::consolidate::{Consolidated, Status};

/// A date from `YYYY-MM-DD`.
pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap_or_else(|e| panic!("bad date {s}: {e}"))
}

/// One line per node: `eid [num] status: text` (text lines joined by ` / `), in
/// document order. The form the data-driven cases expect.
pub fn compact(c: &Consolidated<'_>) -> Vec<String> {
    let mut out = Vec::new();
    c.walk(&mut |n| {
        let status = match n.status {
            Status::InForce => "in_force",
            Status::Repealed => "repealed",
            Status::NotHeld => "not_held",
            Status::Pending => "pending",
        };
        let num = n.num.map(|x| format!(" [{x}]")).unwrap_or_default();
        let text = n.text.map(|t| t.replace('\n', " / ")).unwrap_or_default();
        out.push(format!("{}{num} {status}: {text}", n.eid).trim_end().to_string());
    });
    out
}

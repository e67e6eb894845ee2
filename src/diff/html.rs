//! The HTML redline: deletions struck through, insertions underlined, with classes the
//! web UI styles (`nq-del`, `nq-ins`, `nq-node`, `nq-<change>`).

use super::{ActDiff, ChangeKind, Segment};

use crate::markup::escape_html as escape;

fn change_class(c: ChangeKind) -> &'static str {
    match c {
        ChangeKind::Added => "nq-added",
        ChangeKind::Removed => "nq-removed",
        ChangeKind::Changed => "nq-changed",
        ChangeKind::Renumbered => "nq-renumbered",
        ChangeKind::StatusChanged => "nq-status",
        ChangeKind::Unchanged => "nq-unchanged",
    }
}

/// A word diff as inline HTML: deletions in `<del>`, insertions in `<ins>`, every text
/// escaped, line breaks as `<br>`.
pub fn words_html(w: &crate::diff::WordDiff) -> String {
    let mut out = String::new();
    for s in &w.segments {
        match s {
            Segment::Equal(t) => out.push_str(&escape(t).replace('\n', "<br>")),
            Segment::Delete(t) => out.push_str(&format!(
                "<del class=\"nq-del\">{}</del>",
                escape(t).replace('\n', "<br>")
            )),
            Segment::Insert(t) => out.push_str(&format!(
                "<ins class=\"nq-ins\">{}</ins>",
                escape(t).replace('\n', "<br>")
            )),
        }
    }
    out
}

/// A text as inline HTML, unmarked: escaped, line breaks as `<br>` (a first version,
/// with nothing to compare it with).
pub fn plain_html(text: &str) -> String {
    escape(text).replace('\n', "<br>")
}

/// A text's change as inline HTML when there is no word diff (a node created or
/// deleted): the old text struck through, the new one inserted, both escaped.
pub fn replaced_html(before: Option<&str>, after: Option<&str>) -> String {
    let mut out = String::new();
    if let Some(b) = before.filter(|b| !b.is_empty()) {
        out.push_str(&format!(
            "<del class=\"nq-del\">{}</del>",
            escape(b).replace('\n', "<br>")
        ));
    }
    if let Some(a) = after.filter(|a| !a.is_empty()) {
        out.push_str(&format!(
            "<ins class=\"nq-ins\">{}</ins>",
            escape(a).replace('\n', "<br>")
        ));
    }
    out
}

/// The redline as an HTML fragment.
pub fn redline(d: &ActDiff) -> String {
    let mut out = format!(
        "<section class=\"nq-diff\" data-act=\"{}\" data-from=\"{}\" data-to=\"{}\">\n",
        escape(&d.act),
        d.from,
        d.to
    );
    for n in &d.nodes {
        out.push_str(&format!(
            "<div class=\"nq-node {}\" id=\"{}\" data-eid=\"{}\"><span class=\"nq-eid\">{}</span> ",
            change_class(n.change),
            escape(n.eid.as_str()),
            escape(n.eid.as_str()),
            escape(n.eid.as_str())
        ));
        match &n.words {
            Some(w) => out.push_str(&words_html(w)),
            None => {
                let text = |s: &Option<super::Side>| {
                    s.as_ref()
                        .and_then(|s| s.text.clone())
                        .map(|t| escape(&t).replace('\n', "<br>"))
                        .unwrap_or_default()
                };
                let (b, a) = (text(&n.before), text(&n.after));
                if !b.is_empty() {
                    out.push_str(&format!("<del class=\"nq-del\">{b}</del>"));
                }
                if !a.is_empty() {
                    out.push_str(&format!("<ins class=\"nq-ins\">{a}</ins>"));
                }
                let status = |s: &Option<super::Side>| {
                    s.as_ref().map_or("absent".to_string(), |s| {
                        serde_json::to_value(s.status)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_string))
                            .unwrap_or_default()
                    })
                };
                out.push_str(&format!(
                    "<span class=\"nq-status-change\">{} → {}</span>",
                    status(&n.before),
                    status(&n.after)
                ));
            }
        }
        out.push_str("</div>\n");
    }
    out.push_str("</section>\n");
    out
}

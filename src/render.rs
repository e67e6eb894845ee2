//! Views of consolidated acts for people: plain text and Markdown. (JSON is the serde
//! form of [`Consolidated`]; see docs/json.md.)

use std::fmt::Write;

use crate::consolidate::{Consolidated, ConsolidatedNode, Status};
use crate::model::{Act, Lang, NodeKind};

/// The label a reader expects before a node's text: "4.", "1)", "2-қосымша"…
pub fn label(kind: NodeKind, num: Option<&str>) -> Option<String> {
    let num = num?;
    Some(match kind {
        NodeKind::Paragraph => format!("{num}."),
        NodeKind::Subparagraph => format!("{num})"),
        NodeKind::Attachment => format!("{num}-қосымша"),
        NodeKind::Chapter => format!("{num}-тарау"),
        NodeKind::Article => format!("{num}-бап"),
        NodeKind::Row => format!("{num}-жол"),
        _ => num.to_string(),
    })
}

/// The label in the language of the text it stands before: a Russian text's annex is
/// "Приложение 2", a Kazakh one's "2-қосымша" (see [`label`]).
pub fn label_in(kind: NodeKind, num: Option<&str>, lang: Lang) -> Option<String> {
    if lang != Lang::Ru {
        return label(kind, num);
    }
    let num = num?;
    Some(match kind {
        NodeKind::Attachment => format!("Приложение {num}"),
        NodeKind::Chapter => format!("Глава {num}"),
        NodeKind::Article => format!("Статья {num}"),
        NodeKind::Row => format!("строка {num}"),
        _ => return label(kind, Some(num)),
    })
}

fn status_note(n: &ConsolidatedNode<'_>) -> Option<&'static str> {
    match n.status {
        Status::InForce => None,
        Status::Repealed => Some("repealed"),
        Status::NotHeld => Some("text not held by the registry"),
        Status::Pending => Some("may already be changed by an amendment whose date is not yet known"),
    }
}

fn provenance(n: &ConsolidatedNode<'_>) -> String {
    let mut s = String::new();
    if n.text_from == crate::consolidate::TextFrom::Registry {
        if let Some(r) = &n.registry_reading {
            write!(
                s,
                "registry redaction {} ({}), in force from: {}",
                r.reading.seen_in.join(", "),
                match r.evidence {
                    crate::registry::ReadingState::Held => "held",
                    crate::registry::ReadingState::Unsettled => "unsettled: the day of a change is unknown",
                },
                r.reading.start.describe()
            )
            .ok();
            if let Some(by) = &r.reading.set_by {
                write!(s, "; wording of {}", by.label()).ok();
            }
        }
    } else {
        write!(s, "since {}, ", n.since).ok();
    }
    match &n.source.item {
        _ if n.text_from == crate::consolidate::TextFrom::Registry => None,
        None => write!(s, "base text of {}", n.source.act).ok(),
        Some(item) => {
            write!(s, "by {} {}", n.source.act, item).ok();
            n.source.abzats.map(|a| write!(s, " abzats {a}").ok());
            Some(())
        }
    };
    if let (crate::consolidate::TextFrom::Operations, Some(r)) = (n.text_from, &n.registry_reading)
        && n.source.item.is_some()
    {
        write!(s, "; the registry's reading: {}", r.reading.seen_in.join(", ")).ok();
    }
    for p in &n.pending {
        write!(
            s,
            "; pending {} by {} (earliest {})",
            p.kind,
            p.source.act,
            p.earliest.map_or("unknown".into(), |d| d.to_string())
        )
        .ok();
    }
    s
}

/// Editorial notes by eId, shown under their nodes.
pub type Notes = std::collections::BTreeMap<String, Vec<String>>;

/// Plain text: one block per node, indented by depth, with its status, provenance and
/// editorial notes.
pub fn text(act: &Act, c: &Consolidated<'_>, notes: &Notes) -> String {
    let mut out = String::new();
    writeln!(out, "{} — {}", act.id, act.title(Lang::Kk)).ok();
    writeln!(
        out,
        "{} — as in force on {}{}",
        act.work_uri,
        c.date,
        if c.repealed { " (repealed)" } else { "" }
    )
    .ok();
    for p in &c.pending {
        writeln!(
            out,
            "pending: {} by {} (earliest {:?})",
            p.kind, p.source.act, p.earliest
        )
        .ok();
    }
    out.push('\n');
    c.walk(&mut |n| {
        let indent = "  ".repeat(n.eid.depth() - 1);
        let mut head = String::new();
        if let Some(l) = label(n.kind, n.num) {
            head.push_str(&l);
            head.push(' ');
        }
        if let Some(h) = n.heading {
            head.push_str(h);
            head.push(' ');
        }
        writeln!(out, "{indent}{head}[{}]", n.eid).ok();
        if let Some(note) = status_note(n) {
            writeln!(out, "{indent}  ({note})").ok();
        }
        if let Some(t) = n.text.filter(|t| !t.is_empty()) {
            for line in t.lines() {
                writeln!(out, "{indent}  {line}").ok();
            }
        }
        writeln!(out, "{indent}  — {}", provenance(n)).ok();
        for note in notes.get(n.eid.as_str()).into_iter().flatten() {
            writeln!(out, "{indent}  {note}").ok();
        }
    });
    out
}

/// Markdown: a heading per node carrying its eId, the text as paragraphs, and the
/// provenance as an emphasised line.
pub fn markdown(act: &Act, c: &Consolidated<'_>, notes: &Notes) -> String {
    let mut out = String::new();
    writeln!(out, "# {}\n", act.title(Lang::Kk)).ok();
    writeln!(out, "`{}` · `{}` · in force on {}\n", act.id, act.work_uri, c.date).ok();
    c.walk(&mut |n| {
        let level = (n.eid.depth() + 1).min(6);
        let mut head = String::new();
        if let Some(l) = label(n.kind, n.num) {
            head.push_str(&l);
            head.push(' ');
        }
        if let Some(h) = n.heading {
            head.push_str(h);
            head.push(' ');
        }
        writeln!(out, "{} {}{{#{}}}\n", "#".repeat(level), head, n.eid).ok();
        if let Some(note) = status_note(n) {
            writeln!(out, "> {note}\n").ok();
        }
        if let Some(t) = n.text.filter(|t| !t.is_empty()) {
            for line in t.lines() {
                writeln!(out, "{line}\n").ok();
            }
        }
        writeln!(out, "*{}*\n", provenance(n)).ok();
        for note in notes.get(n.eid.as_str()).into_iter().flatten() {
            writeln!(out, "> {note}\n").ok();
        }
    });
    out
}

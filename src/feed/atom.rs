//! A [`Feed`] as Atom (RFC 4287): `feed` with its id, title, updated and self and
//! alternate links; one `entry` per change with its id, title, updated, summary and
//! links, and a category `pending` or `in-force`. Paths become absolute on `base`.

use super::Feed;
use crate::markup::escape_xml;

fn stamp(d: chrono::NaiveDate) -> String {
    format!("{d}T00:00:00Z")
}

/// The feed as an Atom document; `base` is the server's origin (`http://host:port`),
/// `self_path` the feed's own path and query.
pub fn write(feed: &Feed, base: &str, self_path: &str) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">");
    let updated = feed.updated().map_or_else(|| "1970-01-01T00:00:00Z".into(), stamp);
    out.push_str(&format!(
        "<id>{}</id><title>{}</title><updated>{updated}</updated><author><name>nusqa</name></author>",
        escape_xml(&feed.id),
        escape_xml(&feed.title)
    ));
    out.push_str(&format!(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/><link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape_xml(&format!("{base}{self_path}")),
        escape_xml(&format!("{base}{}", feed.page))
    ));
    for e in &feed.entries {
        out.push_str(&format!(
            "<entry><id>{}</id><title>{}</title><updated>{}</updated><summary>{}</summary><category term=\"{}\"/>",
            escape_xml(&e.id),
            escape_xml(&e.title),
            stamp(e.date),
            escape_xml(&e.summary),
            if e.pending { "pending" } else { "in-force" }
        ));
        for (rel, href) in &e.links {
            out.push_str(&format!(
                "<link rel=\"{rel}\" type=\"text/html\" href=\"{}\"/>",
                escape_xml(&format!("{base}{href}"))
            ));
        }
        out.push_str("</entry>");
    }
    out.push_str("</feed>\n");
    out
}

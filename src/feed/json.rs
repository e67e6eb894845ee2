//! A [`Feed`] as JSON Feed 1.1 (<https://jsonfeed.org/version/1.1>): `version`, `title`,
//! `home_page_url`, `feed_url` and `items`, each with `id`, `title`, `content_text`,
//! `date_published`, `url` (the clause or act on that day), `external_url` (the diff)
//! and `tags` (`pending` or `in-force`), plus nusqa's own `_nusqa` object (the amending
//! act, pending or not).

use serde_json::{Value, json};

use super::Feed;

/// The feed as a JSON Feed document; `base` is the server's origin.
pub fn write(feed: &Feed, base: &str, self_path: &str) -> Value {
    let items: Vec<Value> = feed
        .entries
        .iter()
        .map(|e| {
            let link = |rel: &str| {
                e.links
                    .iter()
                    .find(|(r, _)| *r == rel)
                    .map(|(_, h)| format!("{base}{h}"))
            };
            let mut item = json!({
                "id": e.id,
                "title": e.title,
                "content_text": e.summary,
                "date_published": format!("{}T00:00:00Z", e.date),
                "tags": [if e.pending { "pending" } else { "in-force" }],
                "_nusqa": {"pending": e.pending, "by": e.by.map(|b| b.to_string()), "date": e.date.to_string()},
            });
            if let Some(u) = link("alternate") {
                item["url"] = Value::String(u);
            }
            if let Some(u) = link("related") {
                item["external_url"] = Value::String(u);
            }
            item
        })
        .collect();
    json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": format!("{base}{}", feed.page),
        "feed_url": format!("{base}{self_path}"),
        "items": items,
    })
}

//! How a service changed over time: its passport on every date at which a node of its
//! Rules gets a new version, merged into segments during which nothing shown changes.

use super::ServiceError;
use super::model::{Attribute, AttributeValue, Attributes, NameValue, Segment, SegmentStatus, ServiceHistory};
use super::passport::Context;
use super::span;
use crate::model::EId;

/// The history of the service of `ctx`: every attribute, or only `attribute`.
pub fn history(ctx: &Context<'_>, attribute: Option<Attribute>) -> Result<ServiceHistory, ServiceError> {
    let id = &ctx.def.id;
    let mut segments: Vec<Segment> = Vec::new();
    for date in span::boundaries(ctx.tl, &id.rules) {
        let (status, name, attributes) = match ctx.passport(date) {
            Ok(p) => {
                let attrs: Vec<(Attribute, AttributeValue)> = p
                    .attributes
                    .0
                    .into_iter()
                    .filter(|(a, _)| attribute.is_none_or(|x| x == *a))
                    .collect();
                (SegmentStatus::InForce, Some(p.name.kk), Attributes(attrs))
            }
            Err(ServiceError::Repealed { .. }) => (SegmentStatus::Repealed, None, Attributes::default()),
            Err(_) => continue,
        };
        let previous = segments.last();
        if let Some(prev) = previous
            && same(prev, status, name.as_ref(), &attributes, attribute.is_none())
        {
            continue;
        }
        let related: Option<Vec<EId>> = attribute.map(|_| {
            let mut eids: Vec<EId> = attributes
                .iter()
                .chain(previous.into_iter().flat_map(|p| p.attributes.iter()))
                .flat_map(|(_, v)| v.statements().iter().map(|s| s.eid.clone()))
                .collect();
            eids.sort();
            eids.dedup();
            eids
        });
        let mut changed_by = match &related {
            Some(only) if !only.is_empty() => span::changed_by(ctx.tl, &id.rules, date, Some(only)),
            _ => Vec::new(),
        };
        if changed_by.is_empty() {
            changed_by = span::changed_by(ctx.tl, &id.rules, date, None);
        }
        if let Some(prev) = segments.last_mut() {
            prev.to = Some(date);
        }
        segments.push(Segment {
            from: date,
            to: None,
            status,
            changed_by,
            name,
            attributes,
        });
    }
    Ok(ServiceHistory {
        id: id.clone(),
        attribute,
        segments,
        pending: span::pending(ctx.tl, &id.rules, None),
    })
}

/// True when a new segment would show what `prev` shows: the same status, the same
/// name (when the whole passport is shown) and attributes of the same substance.
fn same(prev: &Segment, status: SegmentStatus, name: Option<&NameValue>, attributes: &Attributes, whole: bool) -> bool {
    if prev.status != status || prev.attributes.0.len() != attributes.0.len() {
        return false;
    }
    if whole && prev.name.as_ref().and_then(NameValue::text) != name.and_then(NameValue::text) {
        return false;
    }
    prev.attributes
        .iter()
        .zip(attributes.iter())
        .all(|((a, x), (b, y))| a == b && x.same_substance(y))
}

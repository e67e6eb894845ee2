//! Akoma Ntoso 3.0 export (and import) of an act's version.
//!
//! The expression is the version in force on the day asked for, named by its first day
//! (`/akn/kz/act/order/2014-12-30/350/kaz@2025-12-06`, the day asked for as the
//! `asOf` date), and `contains="singleVersion"`. One concept per module:
//!
//! * [`meta`]: identification (FRBR), the issuer, the minister's role, the signatory.
//! * [`lifecycle`]: events (adoption, registration, publication, amendments), their
//!   sources, `publication` and `temporalData`.
//! * [`body`]: the text's hierarchy, tables, attachments, preface, preamble, signature.
//! * [`text`]: a clause's lines as blocks (tables, `<eol/>`, `[?]` as a remark).
//! * [`modifications`]: `<mod>`s in amending acts, active and passive modifications.
//! * [`eids`]: the naming convention's eIds and nusqa's, mapped in one place.
//! * [`xml`]: the element tree everything builds; [`read`] parses XML into it.
//! * [`import`]: a document read back into an act and its clause tree.
//!
//! A node whose text the registry does not hold is exported empty with
//! `status="unknown"`; a repealed one with `status="removed"`: no text is ever made
//! up. The output validates against the OASIS schema (`akomantoso30.xsd`), and
//! bluebell's `IdGenerator` changes none of its eIds, which the tests check.

pub mod body;
pub mod eids;
pub mod import;
pub mod lifecycle;
pub mod meta;
pub mod modifications;
pub mod read;
pub mod text;
pub mod xml;

use chrono::NaiveDate;

use crate::consolidate::{ActTimeline, ConsolidateError, change_dates, consolidate};
use crate::library::Library;
use crate::model::RegistryId;
use lifecycle::Lifecycle;
use modifications::{Active, TargetEIds};
use xml::{El, XNode};

/// The AKN namespace.
pub const NAMESPACE: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

/// Why an act cannot be exported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AknError {
    /// The act is not in the library.
    #[error("act {0} is not in the corpus")]
    UnknownAct(RegistryId),
    /// The act has no text on the day asked for.
    #[error(transparent)]
    Consolidate(#[from] ConsolidateError),
}

/// The first day of the version in force on `date`: the last day on or before it on
/// which the act's text changed (its base day when it never has).
pub fn version_date(tl: &ActTimeline, date: NaiveDate) -> NaiveDate {
    change_dates(tl)
        .into_iter()
        .filter(|d| *d <= date)
        .max()
        .unwrap_or(tl.base_date)
}

/// The act `id` as in force on `as_of`, as an Akoma Ntoso 3.0 XML document. `made` is
/// the day of the export (the manifestation's date).
pub fn export(lib: &Library, id: &RegistryId, as_of: NaiveDate, made: NaiveDate) -> Result<String, AknError> {
    let (Some(act), Some(tl)) = (lib.act(id), lib.timeline(id)) else {
        return Err(AknError::UnknownAct(*id));
    };
    let c = consolidate(tl, as_of)?;
    let dates = meta::Dates {
        version: version_date(tl, as_of),
        as_of,
        made,
    };
    let life = Lifecycle::build(lib, act, tl, dates.version);
    let targets = TargetEIds::default();
    let active = Active::build(lib, act, as_of, &targets);
    let period = |d: NaiveDate| life.period(d);
    let cx = body::Ctx {
        act,
        c: &c,
        base: tl.base_date,
        period: &period,
        active: &active,
    };
    let mut doc = body::document(&cx);
    let map = eids::assign(&mut doc);
    meta::fill_attachments(&mut doc, act, dates);

    let mut m = El::new("meta").child(meta::identification(act, "main", dates));
    if let Some(p) = life.publication() {
        m.push(p);
    }
    m.push(life.lifecycle());
    let mut analysis = El::new("analysis").attr("source", "#nusqa");
    if let Some(a) = active.modifications(lib.ops_by(id), &map, &life) {
        analysis.push(a);
    }
    if let Some(p) = modifications::passive(lib, act, dates.version, &map, &life) {
        analysis.push(p);
    }
    if !analysis.children.is_empty() {
        m.push(analysis);
    }
    if let Some(t) = life.temporal_data() {
        m.push(t);
    }
    m.push(meta::references(act, &life, body::signatory(&c), dates.version));
    doc.children.insert(0, XNode::El(m));

    let root = El::new("akomaNtoso").attr("xmlns", NAMESPACE).child(doc);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    root.write(&mut out);
    out.push('\n');
    Ok(out)
}

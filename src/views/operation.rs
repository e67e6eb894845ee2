//! An operation with its effective date worked out, and the operations of an act.

use chrono::NaiveDate;
use serde::Serialize;

use super::ViewError;
use crate::amend::Operation;
use crate::dates::{DateStatus, EffectiveRule, Resolved};
use crate::library::Library;
use crate::model::RegistryId;

/// When an operation takes effect: its rule and, as far as it is known, its date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct EffectiveView {
    /// `fixed`, `after_event` or `on_entry_into_force`.
    pub rule: &'static str,
    /// For `after_event`: the event (`publication`…).
    pub event: Option<&'static str>,
    /// For `after_event`: the period in calendar days.
    pub days: Option<u32>,
    /// The date, when known.
    pub date: Option<NaiveDate>,
    /// For a pending operation: the earliest date it can take effect, when known.
    pub earliest: Option<NaiveDate>,
    /// `scheduled` or `pending`.
    pub status: DateStatus,
}

impl EffectiveView {
    /// The view of `rule` as `resolved` (pending with no earliest date when `None`).
    pub fn new(rule: &EffectiveRule, resolved: Option<Resolved>) -> EffectiveView {
        let (rule, event, days) = match rule {
            EffectiveRule::Fixed { .. } => ("fixed", None, None),
            EffectiveRule::AfterEvent { event, days } => ("after_event", Some(event.as_str()), Some(*days)),
            EffectiveRule::OnEntryIntoForce => ("on_entry_into_force", None, None),
        };
        let resolved = resolved.unwrap_or(Resolved::Pending { earliest: None });
        EffectiveView {
            rule,
            event,
            days,
            date: resolved.date(),
            earliest: resolved.earliest(),
            status: resolved.status(),
        }
    }
}

/// An operation as stored, plus its index in its act and its effective date. It
/// serialises as the stored fields with `effective` worked out (see [`EffectiveView`])
/// in place of the stored rule, and `index` last.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationView {
    /// The operation.
    pub operation: Operation,
    /// Its index in its act's `ops.json`.
    pub index: usize,
    /// When it takes effect.
    pub effective: EffectiveView,
}

impl OperationView {
    /// The view of `op`, the `index`-th of its act, dated as `resolved`.
    pub fn new(op: &Operation, index: usize, resolved: Option<Resolved>) -> OperationView {
        OperationView {
            operation: op.clone(),
            index,
            effective: EffectiveView::new(&op.effective, resolved),
        }
    }
}

impl schemars::JsonSchema for OperationView {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "OperationView".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        Shape::<'static>::json_schema(g)
    }
}

/// The serialised shape of an [`OperationView`].
#[derive(Serialize, schemars::JsonSchema)]
struct Shape<'a> {
    source_act: &'a RegistryId,
    source_item: &'a str,
    source_abzats: &'a Option<crate::model::AbzatsRange>,
    target_act: &'a RegistryId,
    target: &'a Option<crate::model::EId>,
    #[serde(flatten)]
    change: &'a crate::amend::Change,
    effective: &'a EffectiveView,
    #[serde(skip_serializing_if = "Option::is_none")]
    instruction: &'a Option<String>,
    index: usize,
}

impl Serialize for OperationView {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let op = &self.operation;
        Shape {
            source_act: &op.source_act,
            source_item: &op.source_item,
            source_abzats: &op.source_abzats,
            target_act: &op.target_act,
            target: &op.target,
            change: &op.change,
            effective: &self.effective,
            instruction: &op.instruction,
            index: self.index,
        }
        .serialize(s)
    }
}

/// `ops --json` and `GET /api/acts/{id}/ops`.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct OpsView {
    /// The amending act.
    pub act: RegistryId,
    /// Its operations, in document order.
    pub operations: Vec<OperationView>,
}

impl OpsView {
    /// The operations act `id` makes, dated from the library's events.
    pub fn build(lib: &Library, id: &RegistryId) -> Result<OpsView, ViewError> {
        if lib.act(id).is_none() {
            return Err(ViewError::UnknownAct(*id));
        }
        let operations = lib
            .ops_by(id)
            .iter()
            .enumerate()
            .map(|(i, op)| OperationView::new(op, i, lib.resolve(op)))
            .collect();
        Ok(OpsView { act: *id, operations })
    }
}

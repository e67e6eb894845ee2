//! What an amending act does, grouped by target act.

use serde::Serialize;

use super::ViewError;
use crate::effect::TargetEffects;
use crate::library::Library;
use crate::model::RegistryId;

/// `effect --json` and `GET /api/acts/{id}/effect`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct EffectView {
    /// The amending act.
    pub act: RegistryId,
    /// Its effects by target act.
    pub targets: Vec<TargetEffects>,
}

impl EffectView {
    /// The effects of `id`, on `only` when given.
    pub fn build(lib: &Library, id: &RegistryId, only: Option<&RegistryId>) -> Result<EffectView, ViewError> {
        if lib.act(id).is_none() {
            return Err(ViewError::UnknownAct(*id));
        }
        Ok(EffectView {
            act: *id,
            targets: crate::effect::effect(lib, id, only),
        })
    }
}

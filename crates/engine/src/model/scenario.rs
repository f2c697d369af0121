//! The JSON scenario format: a scenario is a saved `World` (schema: `docs/scenario.schema.json`).
//!
//! Layer: model (may use `base`).

use crate::model::world::World;

/// Reads a scenario (a world) from JSON: wrong types, unknown fields, unknown regions and duplicate IDs
/// are clear errors, never panics.
pub fn from_json(json: &str) -> Result<World, String> {
    let mut w: World = serde_json::from_str(json).map_err(|e| format!("scenario JSON: {e}"))?;
    w.validate().map_err(|e| format!("scenario: {e}"))?;
    Ok(w)
}

/// Writes a world as pretty JSON (the scenario export).
pub fn to_json(world: &World) -> String {
    serde_json::to_string_pretty(world).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

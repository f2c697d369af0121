//! World edits from the scenario editor, as data (`Edit=<kind>` plus fields) so they can be replayed from a
//! permalink. Three generic kinds over the world's JSON form (JSON Pointer paths, RFC 6901) cover every
//! property a documented error depends on without one Rust function per field:
//!
//! * `Edit=set&path=/settings/queue_limit&value=5`: replace a value (`value` is JSON; text that is not
//!   JSON is taken as a string, so `value=Available` works).
//! * `Edit=add&path=/faults&value={...}`: append to a list.
//! * `Edit=remove&path=/faults/0`: remove a list item.
//!
//! The edited world is re-read and re-validated by the engine's own rules, so an edit can never leave an
//! inconsistent world: a bad edit is refused with the engine's message.

use copyimage_engine::engine::Engine;
use copyimage_engine::scenario;
use copyimage_engine::wire::param;
use serde_json::Value;

/// Applies `edit` to the engine's world, or says why it cannot.
pub fn apply(engine: &mut Engine, edit: &[(String, String)]) -> Result<(), String> {
    let kind = param(edit, "Edit").unwrap_or("");
    let path = param(edit, "path").unwrap_or("");
    let value = || -> Value {
        let raw = param(edit, "value").unwrap_or("");
        serde_json::from_str(raw).unwrap_or_else(|_| Value::String(raw.to_string()))
    };
    // Through the scenario's own JSON text (not `to_value`/`from_value`): the WASM bundle then carries one
    // World serializer and one parser, the ones scenario import/export already need.
    let mut doc: Value =
        serde_json::from_str(&scenario::to_json(engine.world())).map_err(|e| format!("world edit: {e}"))?;
    match kind {
        "set" => {
            let slot = doc
                .pointer_mut(path)
                .ok_or_else(|| format!("world edit: there is no property at {path}"))?;
            *slot = value();
        }
        "add" => match doc.pointer_mut(path) {
            Some(Value::Array(items)) => items.push(value()),
            _ => return Err(format!("world edit: {path} is not a list")),
        },
        "remove" => {
            let (parent, last) = path
                .rsplit_once('/')
                .ok_or_else(|| format!("world edit: {path} is not a path"))?;
            let index: usize = last
                .parse()
                .map_err(|_| format!("world edit: {last} is not a list position"))?;
            match doc.pointer_mut(parent) {
                Some(Value::Array(items)) if index < items.len() => {
                    items.remove(index);
                }
                _ => return Err(format!("world edit: there is no list item at {path}")),
            }
        }
        other => return Err(format!("world edit: unknown kind “{other}”")),
    }
    let world = scenario::from_json(&doc.to_string()).map_err(|e| format!("world edit refused: {e}"))?;
    let before = engine.world().clone();
    *engine.world_mut() = world;
    if let Err(e) = engine.revalidate() {
        *engine.world_mut() = before;
        // Restore the derived lanes of the old world too.
        let _ = engine.revalidate();
        return Err(format!("world edit refused: {e}"));
    }
    Ok(())
}

/// A `set` edit.
pub fn set(path: &str, value: impl Into<String>) -> Vec<(String, String)> {
    vec![
        ("Edit".into(), "set".into()),
        ("path".into(), path.into()),
        ("value".into(), value.into()),
    ]
}

/// An `add` edit.
pub fn add(path: &str, value: impl Into<String>) -> Vec<(String, String)> {
    vec![
        ("Edit".into(), "add".into()),
        ("path".into(), path.into()),
        ("value".into(), value.into()),
    ]
}

/// A `remove` edit.
pub fn remove(path: &str) -> Vec<(String, String)> {
    vec![("Edit".into(), "remove".into()), ("path".into(), path.into())]
}

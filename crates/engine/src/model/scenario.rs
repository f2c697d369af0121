//! The JSON scenario format: a scenario is a saved `World` (schema: `docs/scenario.schema.json`). Its
//! `"version"` (like a transcript's) is written first; a file without one is version 1, and an unknown
//! version is an error naming it.
//!
//! Layer: model (may use `base`).

use crate::model::world::World;

pub use crate::model::world::FORMAT_VERSION as VERSION;

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

#[cfg(test)]
mod tests {
    use super::*;

    const OLD: &str =
        r#"{"account":{"ali_uid":1},"base_time":"2024-05-20T08:00:00Z","regions":[{"id":"cn-hangzhou"}]}"#;

    fn with_version(v: &str) -> String {
        OLD.replacen('{', &format!("{{\"version\":{v},"), 1)
    }

    #[test]
    fn the_version_is_written_first_and_read_back() {
        let w = from_json(OLD).unwrap();
        let json = to_json(&w);
        assert!(json.starts_with("{\n  \"version\": 1,\n"), "{json}");
        assert_eq!(from_json(&json).unwrap(), w);
        assert_eq!(from_json(&with_version("1")).unwrap(), w);
    }

    #[test]
    fn a_file_without_a_version_is_version_1() {
        assert_eq!(from_json(OLD).unwrap().version, crate::model::world::FormatVersion);
    }

    #[test]
    fn an_unknown_version_is_an_error_naming_it() {
        for v in ["2", "0", "99999999999"] {
            let e = from_json(&with_version(v)).unwrap_err();
            assert!(
                e.contains(&format!("scenario format version {v} is not supported")),
                "{e}"
            );
        }
        let e = from_json(&with_version("\"1\"")).unwrap_err();
        assert!(e.contains("invalid type"), "{e}");
    }
}

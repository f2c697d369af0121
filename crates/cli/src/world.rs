//! Choosing the world a command runs against (`--scenario FILE`, `--preset NAME`, `--seed N`) and the
//! few world edits the CLI makes (the `--access-key` pairs of `serve`).

use copyimage_engine::engine::Engine;
use copyimage_engine::world::AccessKey;
use std::path::PathBuf;

/// The preset used when neither `--scenario` nor `--preset` is given.
pub const DEFAULT_PRESET: &str = "default";

/// The seed used when `--seed` is not given (fixed, so output is reproducible by default).
pub const DEFAULT_SEED: u64 = 1;

/// Where the world comes from, as given on the command line.
#[derive(clap::Args, Debug, Clone)]
pub struct WorldSource {
    /// A scenario JSON file (the engine's scenario format, docs/scenario.schema.json).
    #[arg(long, value_name = "FILE", conflicts_with = "preset")]
    pub scenario: Option<PathBuf>,
    /// A built-in preset world instead of a file.
    #[arg(long, value_name = "NAME")]
    pub preset: Option<String>,
    /// Seed of the world's random generator (RequestIds, new ImageIds).
    #[arg(long, default_value_t = DEFAULT_SEED, value_name = "N")]
    pub seed: u64,
}

/// A world source with its file read, ready to build (again, for `/__admin/reset`).
#[derive(Debug, Clone)]
pub struct Seeded {
    /// Scenario JSON, or `None` for a preset.
    pub scenario_json: Option<String>,
    /// Preset name when `scenario_json` is `None`.
    pub preset: String,
    /// Seed.
    pub seed: u64,
}

impl WorldSource {
    /// Reads the scenario file, if any; the error names the file.
    pub fn seeded(&self) -> Result<Seeded, String> {
        let scenario_json = match &self.scenario {
            Some(p) => Some(
                std::fs::read_to_string(p).map_err(|e| format!("cannot read scenario file {}: {e}", p.display()))?,
            ),
            None => None,
        };
        let seeded = Seeded {
            scenario_json,
            preset: self.preset.clone().unwrap_or_else(|| DEFAULT_PRESET.to_string()),
            seed: self.seed,
        };
        // Validate now, so a bad file is a usage error at start, not a surprise later.
        seeded.build().map_err(|e| match &self.scenario {
            Some(p) => format!("scenario file {}: {e}", p.display()),
            None => e,
        })?;
        Ok(seeded)
    }
}

impl Seeded {
    /// Builds a fresh engine from this source.
    pub fn build(&self) -> Result<Engine, String> {
        match &self.scenario_json {
            Some(json) => Engine::from_scenario_json(json, self.seed),
            None => from_preset(&self.preset, self.seed),
        }
    }
}

/// A preset engine, or an error listing the known presets.
pub fn from_preset(name: &str, seed: u64) -> Result<Engine, String> {
    Engine::from_preset(name, seed).ok_or_else(|| {
        format!(
            "unknown preset {name:?}; known presets: {}",
            copyimage_engine::scenario::preset_names().join(", ")
        )
    })
}

/// Adds key pairs to the world (replacing a pair with the same ID), so the gateway accepts them.
pub fn add_access_keys(engine: &mut Engine, pairs: &[(String, String)]) {
    let keys = &mut engine.world_mut().access_keys;
    for (id, secret) in pairs {
        keys.retain(|k| &k.id != id);
        keys.push(AccessKey {
            id: id.clone(),
            secret: secret.clone(),
            enabled: true,
            principal: Default::default(),
        });
    }
}

/// Removes exactly the pairs `add_access_keys` added (same ID and secret).
pub fn remove_access_keys(engine: &mut Engine, pairs: &[(String, String)]) {
    engine
        .world_mut()
        .access_keys
        .retain(|k| !pairs.iter().any(|(id, s)| &k.id == id && &k.secret == s));
}

/// The enabled key pairs of the world, in its order.
pub fn access_keys(engine: &Engine) -> Vec<(String, String)> {
    engine
        .world()
        .access_keys
        .iter()
        .filter(|k| k.enabled)
        .map(|k| (k.id.clone(), k.secret.clone()))
        .collect()
}

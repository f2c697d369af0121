//! Running a catalog entry's reproduction: its transcript (preset, setup steps, request) replayed by the
//! transcript's one replay.
//!
//! Layer: teach (may use `base`, `signing`, `model`, `service`, `teach`).

use super::{CatalogEntry, HOST, SEED};
use crate::service::engine::{Engine, Exchange};
use crate::teach::presets;
use crate::teach::transcript::{self, Addressing, ScenarioRef, Transcript};

impl CatalogEntry {
    /// The reproduction as a transcript: the preset by name, the setup steps and the request.
    pub fn transcript(&self) -> Transcript {
        let mut steps = self.repro.setup.clone();
        steps.push(self.repro.request.clone());
        Transcript {
            version: transcript::VERSION,
            scenario: ScenarioRef::Preset(self.repro.preset.clone()),
            seed: SEED,
            host: HOST.into(),
            host_by_region: false,
            steps,
            responses: vec![],
        }
    }

    /// The engine after the setup, before the request; `Err` says why the setup could not run.
    pub fn prepared(&self) -> Result<Engine, String> {
        let mut e = Engine::from_preset(&self.repro.preset, SEED)
            .ok_or_else(|| format!("{}: there is no preset `{}`", self.id, self.repro.preset))?;
        transcript::replay(
            &mut e,
            &addressing(),
            &self.repro.setup,
            transcript::apply_step,
            &mut |_, _, _, _| {},
        )?;
        Ok(e)
    }

    /// Runs the reproduction and returns the request's exchange.
    pub fn reproduce(&self) -> Exchange {
        // Entries are tested data, so the setup runs; were it ever refused, the request still gets an
        // answer (on the bare minimal preset) rather than a panic.
        let mut e = self.prepared().unwrap_or_else(|_| bare());
        match transcript::apply_step(&mut e, &addressing(), &self.repro.request) {
            Ok(Some(x)) => x,
            // Not a request (a clock move or an edit): the catalog's own tests refuse such an entry.
            _ => e.preview(&Vec::new(), &crate::service::engine::CallContext::new(HOST)),
        }
    }
}

fn addressing() -> Addressing {
    Addressing {
        host: HOST.into(),
        by_region: false,
    }
}

fn bare() -> Engine {
    // Presets are built in code and tested; this only keeps `reproduce` total.
    let world = presets::preset("minimal").unwrap_or_else(|| panic!("the minimal preset must build"));
    Engine::new(world, SEED)
}

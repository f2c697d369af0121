//! The simulated account as data: the region table, the world (images, snapshots, quotas, KMS keys,
//! resource groups, settings) with its virtual clock, the per-region copy queue, the scenario file format, and
//! typed world edits.
//!
//! Layer: model (may use `base`).

pub mod edits;
pub mod queue;
pub mod regions;
pub mod scenario;
pub mod world;

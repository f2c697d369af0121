//! Foundations every other layer may use: the wire clock, the seeded RNG, a small stable sort, the wire
//! types, the error type with every common-error constructor, and the API's identity (version, actions).
//!
//! Layer: base (uses nothing else of this crate).

pub mod api;
pub mod clock;
pub mod error;
pub mod rng;
pub mod sort;
pub mod wire;

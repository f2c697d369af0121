//! What the faces teach with, built on real operations: presets, the error catalog, the lessons, the
//! signature debugger, transcripts, parameter docs and code generation.
//!
//! Layer: teach (may use every layer below: `base`, `signing`, `model`, `service`).

pub mod catalog;
pub mod debugger;
pub mod docs;
pub mod generate;
pub mod lessons;
pub mod presets;
pub mod transcript;
pub mod why;

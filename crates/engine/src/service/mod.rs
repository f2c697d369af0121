//! The simulated ECS service: parameter parsing, the gateway (common parameters, signatures, nonces), the
//! operations and their rules, response rendering, and the `Engine` facade the faces call.
//!
//! Layer: service (may use `base`, `signing`, `model`).

pub mod dispatch;
pub mod engine;
pub mod gateway;
pub mod instances;
pub mod ops;
pub mod params;
pub mod response;
pub mod rules;

//! # copyimage-engine
//!
//! A pure, deterministic model of the Alibaba Cloud ECS `CopyImage` API (version 2014-05-26) and the
//! operations around it. It takes what a real client puts on the wire and gives back exactly what ECS
//! would put on the wire, together with the documented rule that decided it.
//!
//! ## The principal types
//! * [`Engine`] — the simulated service the faces call: a [`World`], its seeded RNG and the nonce memory.
//!   `Engine::call` (trusted), `Engine::preview` (the same, committing nothing), `Engine::handle_http`
//!   (gateway first).
//! * [`Exchange`] — one request and its answer: the parameters read, the exact [`wire::HttpResponse`], the
//!   rule that decided it (the "why") and the RequestId.
//! * [`World`] — the simulated account as plain data (regions, images, snapshots, quotas, KMS keys, resource
//!   groups, settings, the copy queue and the world clock).
//!
//! ## The flow of one request
//! wire parameters (or an HTTP request) -> `service::engine` draws the RequestId and reads `Format` ->
//! one dispatcher checks Action and Version -> (HTTP only) `service::gateway` authenticates ->
//! `service::ops::run` plans the operation against `&World` (`service::rules` for CopyImage) ->
//! `service::ops::apply` commits (not for a preview) -> `service::response` renders JSON or XML.
//!
//! ## Layers
//! Each folder is a layer and may use only the layers before it; a test (`tests/layers.rs`) reads every
//! module's `use crate::` lines and fails on anything else.
//!
//! | layer | may use | what |
//! |---|---|---|
//! | [`base`] | — | clock, RNG, sort, wire types, errors, the API's version and actions |
//! | [`signing`] | base | encoding, the V1/V3 signers and the client request builder (no world) |
//! | [`model`] | base | regions, world and its clock, copy queue, scenario format, world edits |
//! | [`service`] | base, signing, model | params, gateway, operations, rules, responses, `Engine` |
//! | [`teach`] | all of the above | presets, catalog, lessons, debugger, transcripts, docs, code generation, the why as text |
//!
//! Design choices:
//! * **Pure**: no I/O, no clocks of its own, no `web-sys`. The browser, the CLI and the local HTTP
//!   endpoint are thin faces over this crate.
//! * **Deterministic**: every random value (RequestId, ImageId, nonce) comes from [`rng::Rng`], seeded by
//!   the caller; time comes from two caller-owned clocks: the *wire clock* ([`clock::UtcTime`], real UTC,
//!   for Timestamp windows and nonce memory) and the *world clock* (virtual, for copy progress).
//! * **Exact**: codes and messages are copied from the API reference character for character, typos
//!   included (`Forbbiden`, `The Image are coping.`). Where the sources disagree or are silent, the choice
//!   is written in `FIDELITY.md` and, where a user could want the other answer, made a world setting.

// Errors are the normal outcome of most requests here, not a rare path: boxing them buys nothing.
#![allow(clippy::result_large_err)]

pub mod base;
pub mod model;
pub mod service;
pub mod signing;
pub mod teach;

pub use model::world::World;
pub use service::engine::{Engine, Exchange};

// The flat paths the faces have used since the first version (`copyimage_engine::clock`, ...), kept so
// that code outside the crate reads the same; inside the crate every path names its layer.
pub use base::{clock, error, rng, sort, wire};
pub use model::{edits, queue, regions, world};
pub use service::{engine, gateway, instances, ops, params, response, rules};
pub use signing::{client, encode, sign};
pub use teach::{catalog, debugger, docs, generate, lessons, transcript, why};

/// The scenario file format and the presets, under the one name the faces have used.
pub mod scenario {
    pub use crate::model::scenario::*;
    pub use crate::teach::presets::*;
}

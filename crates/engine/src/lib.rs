//! # copyimage-engine
//!
//! A pure, deterministic model of the Alibaba Cloud ECS `CopyImage` API (version 2014-05-26) and the
//! operations around it. It takes what a real client puts on the wire and gives back exactly what ECS
//! would put on the wire, together with the documented rule that decided it.
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

// Foundations.
pub mod clock;
pub mod error;
pub mod regions;
pub mod rng;
pub mod wire;

// The simulated service: world model, scenarios, rules, operations, queue, responses.
pub mod catalog;
pub mod engine;
pub mod lessons;
pub mod ops;
pub mod params;
pub mod queue;
pub mod response;
pub mod rules;
pub mod scenario;
pub mod transcript;
pub mod world;

// Signing, gateway verification and request generation.
pub mod debugger;
pub mod encode;
pub mod gateway;
pub mod generate;
pub mod sign;

// A small stable sort that keeps std's large sort out of the browser app (see the module docs).
pub mod sort;

// Parameter documentation shown by the faces (descriptions, examples, required markers).
pub mod docs;

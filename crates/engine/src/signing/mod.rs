//! Client-side signing: RFC 3986 encoding, the V1 (HMAC-SHA1) and V3 (ACS3-HMAC-SHA256) signers,
//! byte-identical to the official SDKs, and the client request builder (signed URL, raw HTTP, curl).
//! Never touches the simulated world.
//!
//! Layer: signing (may use `base`).

pub mod client;
pub mod encode;
pub mod options;
pub mod sign;

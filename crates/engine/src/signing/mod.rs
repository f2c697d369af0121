//! Client-side signing: RFC 3986 encoding and the V1 (HMAC-SHA1) and V3 (ACS3-HMAC-SHA256) signers,
//! byte-identical to the official SDKs. Never touches the simulated world.
//!
//! Layer: signing (may use `base`).

pub mod encode;
pub mod sign;

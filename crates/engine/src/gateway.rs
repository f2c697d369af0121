//! Server-side request verification (STUB: the signing work replaces this file).
//!
//! The stub decodes parameters and trusts every request, so the engine facade can be built and
//! tested before the real checks land. The signatures below are the contract in ARCHITECTURE.md.

use crate::clock::UtcTime;
use crate::error::ApiError;
use crate::wire::{HttpRequest, Params};
use serde::{Deserialize, Serialize};

/// Nonces seen recently, for `SignatureNonceUsed` (stub: remembers nothing).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NonceMemory {}

/// Which signing scheme a request used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignatureStyle {
    /// HMAC-SHA1, `Signature` parameter (docs: "V2 for RPC"; `SignatureVersion=1.0`).
    V1,
    /// ACS3-HMAC-SHA256, `Authorization` header.
    V3,
}

/// A request that passed the gateway.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Authenticated {
    /// The caller's AccessKeyId.
    pub access_key_id: String,
    /// Every parameter (query and form body), `Signature` removed; for V3 `Action`/`Version` added from headers.
    pub params: Params,
    /// The signing scheme used.
    pub style: SignatureStyle,
}

fn decode(s: &str) -> String {
    let s = s.replace('+', " ");
    percent_encoding::percent_decode_str(&s)
        .decode_utf8_lossy()
        .into_owned()
}

fn parse_form(s: &str, out: &mut Params) {
    for pair in s.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        out.push((decode(k), decode(v)));
    }
}

/// Decodes the query (`+` is a space) and a form body into parameters; never fails.
pub fn request_params(req: &HttpRequest) -> Params {
    let mut out = Params::new();
    parse_form(&req.query, &mut out);
    let form = req
        .header("content-type")
        .is_some_and(|c| c.to_ascii_lowercase().starts_with("application/x-www-form-urlencoded"));
    if form {
        parse_form(&req.body, &mut out);
    }
    out
}

/// Common-parameter, timestamp, AccessKey, signature and nonce checks (stub: accepts everything).
pub fn authenticate(
    req: &HttpRequest,
    _secret_of: &dyn Fn(&str) -> Option<String>,
    _now: UtcTime,
    _nonces: &mut NonceMemory,
) -> Result<Authenticated, ApiError> {
    let mut params = request_params(req);
    let style = if req.header("authorization").is_some_and(|a| a.starts_with("ACS3-")) {
        SignatureStyle::V3
    } else {
        SignatureStyle::V1
    };
    if style == SignatureStyle::V3 {
        for (h, name) in [("x-acs-action", "Action"), ("x-acs-version", "Version")] {
            if let Some(v) = req.header(h) {
                params.push((name.into(), v.into()));
            }
        }
    }
    let access_key_id = crate::wire::param(&params, "AccessKeyId")
        .unwrap_or_default()
        .to_string();
    params.retain(|(k, _)| k != "Signature");
    Ok(Authenticated {
        access_key_id,
        params,
        style,
    })
}

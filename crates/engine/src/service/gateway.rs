//! Server-side request verification: what Alibaba Cloud's POP gateway checks before ECS sees a request.
//!
//! Order of checks (the sources are silent on it; FIDELITY.md "Signing and gateway" gives the reasons):
//! HTTP method → signature style → Action / Version → AccessKeyId and signature parameters present and
//! well-named → Timestamp format and window → SignatureNonce present → AccessKey known → signature
//! well-formed → signature matches → nonce not replayed. A nonce is remembered only once the signature
//! has matched, so a forged request cannot burn someone else's nonce.
//!
//! Time is the *wire clock* (real UTC) the caller passes in, never the world clock: fast-forwarding a copy
//! never expires a signature.
//!
//! Layer: service (may use `base`, `signing`, `model`).

use crate::base::clock::UtcTime;
pub use crate::base::error::{invalid_action, invalid_version, missing_parameter};
use crate::base::error::{ApiError, Rule, Source};
use crate::base::wire::{param, HttpRequest, Params};
use crate::service::dispatch::dispatch;
use crate::signing::encode::parse_form;
use crate::signing::sign::{self, V1Signed, V3Authorization, V3Input, V3Signed};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, VecDeque};

/// A request's `Timestamp` / `x-acs-date` may differ from the wire clock by at most this many seconds
/// (the gateway's own text: "user time and server time are not within 15 minutes").
pub const TIMESTAMP_WINDOW_SECS: i64 = 15 * 60;
/// A nonce may not be used again by the same AccessKeyId within this many seconds.
pub const NONCE_WINDOW_SECS: i64 = 15 * 60;
/// The actions this simulator models (one definition: `base::api::ACTIONS`).
pub use crate::base::api::ACTIONS as SUPPORTED_ACTIONS;

/// Nonces seen recently, per AccessKeyId, for `SignatureNonceUsed`. Entries older than
/// [`NONCE_WINDOW_SECS`] are forgotten on the next check, in amortised O(1): a queue in acceptance order
/// sits beside the map, so expiry pops from its front instead of scanning every entry.
///
/// Serialised as the map alone (`{"seen": {...}}`, the form engine states have always had); the queue
/// is rebuilt from it when read.
#[derive(Clone, Debug, Default)]
pub struct NonceMemory {
    /// `"<AccessKeyId>\n<nonce>"` → wire time (seconds) it was first accepted.
    seen: BTreeMap<String, i64>,
    /// The same entries by acceptance time (oldest first). A wire clock that steps back can put a later
    /// entry behind an earlier one; it is then forgotten a little late, which `was_used` tolerates
    /// because it checks the time itself.
    order: VecDeque<(i64, String)>,
}

/// The serialised form of [`NonceMemory`].
#[derive(Serialize, Deserialize)]
struct NonceMemoryForm<M> {
    seen: M,
}

impl Serialize for NonceMemory {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        NonceMemoryForm { seen: &self.seen }.serialize(s)
    }
}

impl<'de> Deserialize<'de> for NonceMemory {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let form = NonceMemoryForm::<BTreeMap<String, i64>>::deserialize(d)?;
        let mut order: Vec<(i64, String)> = form.seen.iter().map(|(k, t)| (*t, k.clone())).collect();
        order.sort();
        Ok(NonceMemory {
            seen: form.seen,
            order: order.into(),
        })
    }
}

impl PartialEq for NonceMemory {
    /// Equal when they remember the same nonces at the same times (the queue follows from the map).
    fn eq(&self, other: &Self) -> bool {
        self.seen == other.seen
    }
}

impl Eq for NonceMemory {}

impl NonceMemory {
    fn key(access_key_id: &str, nonce: &str) -> String {
        format!("{access_key_id}\n{nonce}")
    }

    /// Forgets every nonce accepted more than [`NONCE_WINDOW_SECS`] before `now`.
    pub fn prune(&mut self, now: UtcTime) {
        while let Some((t, _)) = self.order.front() {
            if now.0 - *t < NONCE_WINDOW_SECS {
                break;
            }
            if let Some((t, key)) = self.order.pop_front() {
                // The map may hold a newer acceptance of the same key (after a clock step back); keep it.
                if self.seen.get(&key) == Some(&t) {
                    self.seen.remove(&key);
                }
            }
        }
    }

    /// True when `nonce` was accepted for `access_key_id` within the window before `now`.
    pub fn was_used(&self, access_key_id: &str, nonce: &str, now: UtcTime) -> bool {
        self.seen
            .get(&Self::key(access_key_id, nonce))
            .is_some_and(|t| now.0 - *t < NONCE_WINDOW_SECS)
    }

    /// Remembers `nonce` as accepted at `now`.
    pub fn remember(&mut self, access_key_id: &str, nonce: &str, now: UtcTime) {
        let key = Self::key(access_key_id, nonce);
        self.seen.insert(key.clone(), now.0);
        self.order.push_back((now.0, key));
    }

    /// How many nonces are remembered (for display and tests).
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    /// True when no nonce is remembered.
    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }
}

// Which signing scheme a request used: the client's type, read back here.
pub use crate::signing::client::SignatureStyle;

/// A request that passed the gateway.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Authenticated {
    /// The caller's AccessKeyId.
    pub access_key_id: String,
    /// Every parameter (query and form body), `Signature` removed; for V3 `Action`/`Version` added from headers.
    pub params: Params,
    /// The signing scheme used.
    pub style: SignatureStyle,
    /// The Action, as the dispatcher read it.
    pub action: &'static str,
}

fn is_form(req: &HttpRequest) -> bool {
    req.header("content-type").is_some_and(|c| {
        c.trim()
            .to_ascii_lowercase()
            .starts_with("application/x-www-form-urlencoded")
    })
}

/// Decodes the query (`+` is a space) and a form body into parameters; never fails.
pub fn request_params(req: &HttpRequest) -> Params {
    let mut out = parse_form(&req.query);
    if is_form(req) {
        out.extend(parse_form(&req.body));
    }
    out
}

/// The parameters a request carries for the operation: the query and form body, and for V3 the
/// `x-acs-action` / `x-acs-version` headers as `Action` / `Version` (the headers are what V3 signs, so they
/// replace any query values of those names). What the dispatcher and the operation read; never fails.
pub fn wire_params(req: &HttpRequest) -> Params {
    let mut params = request_params(req);
    if signature_style(req) == SignatureStyle::V3 {
        params.retain(|(k, _)| k != "Action" && k != "Version");
        for (h, name) in [("x-acs-version", "Version"), ("x-acs-action", "Action")] {
            if let Some(v) = req.header(h) {
                params.insert(0, (name.into(), v.trim().to_string()));
            }
        }
    }
    params
}

/// The style a request claims: V3 when `Authorization` starts with `ACS3-`, else V1.
pub fn signature_style(req: &HttpRequest) -> SignatureStyle {
    match req.header("authorization") {
        Some(a) if a.trim_start().starts_with("ACS3-") => SignatureStyle::V3,
        _ => SignatureStyle::V1,
    }
}

// ---------------------------------------------------------------------------------------------------------
// The errors, exactly as documented (ECS common errors). Public so the catalog and the faces can name them.
// ---------------------------------------------------------------------------------------------------------

/// 403 `UnsupportedHTTPMethod` for anything but GET and POST.
pub fn unsupported_http_method() -> ApiError {
    ApiError::new(
        403,
        "UnsupportedHTTPMethod",
        "This HTTP method is not supported.",
        Rule::documented(
            "gateway.http_method",
            Source::CommonErrors,
            "UnsupportedHTTPMethod (403): This HTTP method is not supported.",
        ),
    )
}

/// 400 `InvalidSignatureMethod` (a SignatureMethod other than HMAC-SHA1, or a V3 algorithm other than
/// ACS3-HMAC-SHA256).
pub fn invalid_signature_method() -> ApiError {
    ApiError::new(
        400,
        "InvalidSignatureMethod",
        "Specified signature method is not valid.",
        Rule::fidelity(
            "gateway.signature_method",
            Source::CommonErrors,
            "InvalidSignatureMethod (400): Specified signature method is not valid.",
        ),
    )
}

/// 400 `InvalidParamater` (sic, the ECS doc's spelling) for a SignatureVersion other than 1.0.
pub fn invalid_signature_version() -> ApiError {
    ApiError::new(
        400,
        "InvalidParamater",
        "The specified parameter \"SignatureVersion\" is not valid.",
        Rule::fidelity(
            "gateway.signature_version",
            Source::CommonErrors,
            "The ECS documentation answers a SignatureVersion other than 1.0 with InvalidParamater (spelled so), 400: \
             The specified parameter \"SignatureVersion\" is not valid.",
        ),
    )
}

/// 400 `InvalidTimeStamp.Format`.
pub fn timestamp_format() -> ApiError {
    ApiError::new(
        400,
        "InvalidTimeStamp.Format",
        "Specified time stamp or date value is not well formatted.",
        Rule::documented(
            "gateway.timestamp_format",
            Source::Signing,
            "Timestamp: UTC yyyy-MM-ddTHH:mm:ssZ. InvalidTimeStamp.Format (400): Specified time stamp or date value \
             is not well formatted.",
        ),
    )
}

/// 400 `InvalidTimeStamp.Expired`.
pub fn timestamp_expired() -> ApiError {
    ApiError::new(
        400,
        "InvalidTimeStamp.Expired",
        "Specified time stamp or date value is expired.",
        Rule::fidelity(
            "gateway.timestamp_window",
            Source::Signing,
            "user time and server time are not within 15 minutes: the simulator accepts a Timestamp within \
             ±15 min of the wire clock.",
        ),
    )
}

/// 404 `InvalidAccessKeyId.NotFound`.
pub fn access_key_not_found() -> ApiError {
    ApiError::new(
        404,
        "InvalidAccessKeyId.NotFound",
        "Specified access key is not found.",
        Rule::documented(
            "gateway.access_key",
            Source::CommonErrors,
            "InvalidAccessKeyId.NotFound (404): Specified access key is not found.",
        ),
    )
    .on("AccessKeyId")
}

/// 400 `IncompleteSignature`; `server_sts` is appended when the server could compute its StringToSign.
pub fn incomplete_signature(server_sts: Option<&str>) -> ApiError {
    let message = match server_sts {
        Some(s) => format!("The request signature does not conform to Aliyun standards. server string to sign is:{s}"),
        None => "The request signature does not conform to Aliyun standards.".to_string(),
    };
    ApiError::new(
        400,
        "IncompleteSignature",
        message,
        Rule::fidelity(
            "gateway.signature_form",
            Source::CommonErrors,
            "IncompleteSignature (400): the Signature is not the shape the method produces (base64 of 20 bytes \
             for V1, 64 hex digits for V3) or the Authorization header lacks Credential/SignedHeaders/Signature.",
        ),
    )
}

/// 400 `SignatureDoesNotMatch`, ending in the server's StringToSign (the core SDK splits on `:` and
/// compares it with its own).
pub fn signature_does_not_match(server_sts: &str) -> ApiError {
    ApiError::new(
        400,
        "SignatureDoesNotMatch",
        format!("Specified signature is not matched with our calculation. server string to sign is:{server_sts}"),
        Rule::documented(
            "gateway.signature",
            Source::CommonErrors,
            "SignatureDoesNotMatch (400): Specified signature is not matched with our calculation. server string \
             to sign is:<StringToSign>",
        ),
    )
}

/// 400 `SignatureNonceUsed`.
pub fn nonce_used() -> ApiError {
    ApiError::new(
        400,
        "SignatureNonceUsed",
        "Specified signature nonce was used already.",
        Rule::fidelity(
            "gateway.nonce",
            Source::Signing,
            "A nonce may not be reused within 15 minutes (per AccessKeyId, wire clock). SignatureNonceUsed (400): \
             Specified signature nonce was used already.",
        ),
    )
}

// ---------------------------------------------------------------------------------------------------------
// What the server computes
// ---------------------------------------------------------------------------------------------------------

/// The V1 signature the server expects for `req` with `secret` (query and form body, `Signature` left out).
pub fn expected_v1(req: &HttpRequest, secret: &str) -> V1Signed {
    sign::sign_v1(&req.method, &request_params(req), secret)
}

/// The V3 signature the server expects for `req` with `secret`, using the header names `auth` lists and
/// the SHA-256 of the body actually received.
pub fn expected_v3(req: &HttpRequest, auth: &V3Authorization, secret: &str) -> V3Signed {
    let query = parse_form(&req.query);
    let payload = sign::sha256_hex(req.body.as_bytes());
    // The Host header may be missing from a hand-built request; the request's host field stands in.
    let mut headers = req.headers.clone();
    if req.header("host").is_none() && !req.host.is_empty() {
        headers.push(("host".into(), req.host.clone()));
    }
    sign::sign_v3(&V3Input {
        method: &req.method,
        path: &req.path,
        query: &query,
        headers: &headers,
        signed_headers: Some(&auth.signed_headers),
        hashed_payload: &payload,
        access_key_id: &auth.credential,
        secret,
    })
}

/// Checks the timestamp format and window.
pub fn check_timestamp(value: &str, now: UtcTime) -> Result<UtcTime, ApiError> {
    let t = UtcTime::parse_iso8601(value.trim()).ok_or_else(timestamp_format)?;
    if (t.0 - now.0).abs() > TIMESTAMP_WINDOW_SECS {
        return Err(timestamp_expired());
    }
    Ok(t)
}

fn is_base64_sha1(sig: &str) -> bool {
    use base64::Engine as _;
    sig.len() == 28
        && base64::engine::general_purpose::STANDARD
            .decode(sig)
            .is_ok_and(|b| b.len() == 20)
}

fn is_hex_sha256(sig: &str) -> bool {
    sig.len() == 64 && sig.bytes().all(|b| b.is_ascii_hexdigit())
}

fn present<'a>(params: &'a Params, name: &str) -> Result<&'a str, ApiError> {
    param(params, name).ok_or_else(|| missing_parameter(name))
}

/// Common-parameter, timestamp, AccessKey, signature and nonce checks. For V3, `Action`/`Version`
/// come from `x-acs-action`/`x-acs-version` and are put into `params`.
pub fn authenticate(
    req: &HttpRequest,
    secret_of: &dyn Fn(&str) -> Option<String>,
    now: UtcTime,
    nonces: &mut NonceMemory,
) -> Result<Authenticated, ApiError> {
    if !matches!(req.method.as_str(), "GET" | "POST") {
        return Err(unsupported_http_method());
    }
    let action = dispatch(&wire_params(req))?;
    nonces.prune(now);
    match signature_style(req) {
        SignatureStyle::V1 => authenticate_v1(req, secret_of, now, nonces, action),
        SignatureStyle::V3 => authenticate_v3(req, secret_of, now, nonces, action),
    }
}

fn authenticate_v1(
    req: &HttpRequest,
    secret_of: &dyn Fn(&str) -> Option<String>,
    now: UtcTime,
    nonces: &mut NonceMemory,
    action: &'static str,
) -> Result<Authenticated, ApiError> {
    let mut params = request_params(req);
    let ak = present(&params, "AccessKeyId")?.to_string();
    let signature = present(&params, "Signature")?.to_string();
    if present(&params, "SignatureMethod")? != "HMAC-SHA1" {
        return Err(invalid_signature_method());
    }
    if present(&params, "SignatureVersion")? != "1.0" {
        return Err(invalid_signature_version());
    }
    check_timestamp(present(&params, "Timestamp")?, now)?;
    let nonce = present(&params, "SignatureNonce")?.to_string();
    let secret = secret_of(&ak).ok_or_else(access_key_not_found)?;
    let expected = expected_v1(req, &secret);
    if !is_base64_sha1(&signature) {
        return Err(incomplete_signature(Some(&expected.string_to_sign)));
    }
    if signature != expected.signature {
        return Err(signature_does_not_match(&expected.string_to_sign));
    }
    if nonces.was_used(&ak, &nonce, now) {
        return Err(nonce_used());
    }
    nonces.remember(&ak, &nonce, now);
    params.retain(|(k, _)| k != "Signature");
    Ok(Authenticated {
        access_key_id: ak,
        params,
        style: SignatureStyle::V1,
        action,
    })
}

fn authenticate_v3(
    req: &HttpRequest,
    secret_of: &dyn Fn(&str) -> Option<String>,
    now: UtcTime,
    nonces: &mut NonceMemory,
    action: &'static str,
) -> Result<Authenticated, ApiError> {
    let auth = req
        .header("authorization")
        .and_then(sign::parse_v3_authorization)
        .ok_or_else(|| incomplete_signature(None))?;
    if auth.algorithm != sign::V3_ALGORITHM {
        return Err(invalid_signature_method());
    }
    let date = req
        .header("x-acs-date")
        .ok_or_else(|| missing_parameter("x-acs-date"))?;
    check_timestamp(date, now)?;
    let nonce = req
        .header("x-acs-signature-nonce")
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .ok_or_else(|| missing_parameter("x-acs-signature-nonce"))?
        .to_string();
    let secret = secret_of(&auth.credential).ok_or_else(access_key_not_found)?;
    let expected = expected_v3(req, &auth, &secret);
    if !is_hex_sha256(&auth.signature) {
        return Err(incomplete_signature(Some(&expected.string_to_sign)));
    }
    if auth.signature != expected.signature {
        return Err(signature_does_not_match(&expected.string_to_sign));
    }
    if nonces.was_used(&auth.credential, &nonce, now) {
        return Err(nonce_used());
    }
    nonces.remember(&auth.credential, &nonce, now);
    let mut params = wire_params(req);
    params.retain(|(k, _)| k != "Signature");
    Ok(Authenticated {
        access_key_id: auth.credential,
        params,
        style: SignatureStyle::V3,
        action,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonce_memory_forgets_after_the_window() {
        // 15 minutes written out (not the constant), so a changed window fails here.
        let window = 15 * 60;
        let mut m = NonceMemory::default();
        m.remember("ak", "n", UtcTime(1000));
        assert!(m.was_used("ak", "n", UtcTime(1000 + window - 1)));
        assert!(!m.was_used("other", "n", UtcTime(1001)));
        assert!(!m.was_used("ak", "n", UtcTime(1000 + window)));
        m.prune(UtcTime(1000 + window));
        assert!(m.is_empty());
    }

    #[test]
    fn nonce_memory_expires_in_acceptance_order() {
        let mut m = NonceMemory::default();
        for (i, t) in [100, 200, 300].iter().enumerate() {
            m.remember("ak", &format!("n{i}"), UtcTime(*t));
        }
        m.prune(UtcTime(200 + NONCE_WINDOW_SECS));
        assert_eq!(m.len(), 1, "the two oldest are forgotten, the newest kept");
        assert!(m.was_used("ak", "n2", UtcTime(300)));
        assert!(!m.was_used("ak", "n1", UtcTime(300)));
    }

    #[test]
    fn nonce_memory_survives_a_wire_clock_step_back() {
        let w = NONCE_WINDOW_SECS;
        let mut m = NonceMemory::default();
        m.remember("ak", "a", UtcTime(1500));
        m.remember("ak", "b", UtcTime(1000)); // the clock stepped back
        assert!(m.was_used("ak", "b", UtcTime(1001)));
        // "b" has expired but sits behind "a" in the queue: still answered as unused.
        assert!(!m.was_used("ak", "b", UtcTime(1000 + w)));
        m.remember("ak", "b", UtcTime(2000));
        m.prune(UtcTime(1500 + w));
        // "a" and the old entry of "b" are gone; the newer acceptance of "b" is kept.
        assert_eq!(m.len(), 1);
        assert!(m.was_used("ak", "b", UtcTime(1500 + w)));
        m.prune(UtcTime(2000 + w));
        assert!(m.is_empty());
    }

    #[test]
    fn nonce_memory_reads_and_writes_the_map_form() {
        // The form engine states (and --state files) have always had.
        let old = r#"{"seen":{"ak\nlate":300,"ak\nearly":100}}"#;
        let mut m: NonceMemory = serde_json::from_str(old).unwrap();
        assert_eq!(m.len(), 2);
        assert_eq!(
            serde_json::to_string(&m).unwrap(),
            r#"{"seen":{"ak\nearly":100,"ak\nlate":300}}"#
        );
        // The queue was rebuilt in time order, not key order: expiry takes "early" first.
        m.prune(UtcTime(100 + NONCE_WINDOW_SECS));
        assert!(!m.was_used("ak", "early", UtcTime(300)));
        assert!(m.was_used("ak", "late", UtcTime(300)));
        assert_eq!(m.len(), 1);
    }

    #[test]
    fn a_body_is_read_only_when_it_is_a_form() {
        let req = |content_type: Option<&str>| HttpRequest {
            method: "POST".into(),
            host: "ecs.cn-hangzhou.aliyuncs.com".into(),
            path: "/".into(),
            query: "Action=CopyImage".into(),
            headers: content_type
                .map(|c| vec![("Content-Type".to_string(), c.to_string())])
                .unwrap_or_default(),
            body: "ImageId=m-1".into(),
        };
        let image = |r: &HttpRequest| crate::base::wire::param(&request_params(r), "ImageId").map(String::from);
        assert_eq!(image(&req(None)), None);
        assert_eq!(image(&req(Some("application/json"))), None);
        assert_eq!(
            image(&req(Some(" Application/X-WWW-Form-Urlencoded; charset=utf-8"))),
            Some("m-1".into())
        );
    }

    #[test]
    fn nonce_memories_are_equal_when_they_remember_the_same_nonces_at_the_same_times() {
        let mut a = NonceMemory::default();
        let mut b = NonceMemory::default();
        assert_eq!(a, b);
        assert!(a.is_empty());
        a.remember("ak", "n", UtcTime(100));
        assert!(!a.is_empty());
        assert_ne!(a, b, "an engine that saw a nonce is not the one that did not");
        b.remember("ak", "n", UtcTime(101));
        assert_ne!(a, b, "same nonce, another time");
        let mut c = NonceMemory::default();
        c.remember("ak", "n", UtcTime(100));
        assert_eq!(a, c);
    }

    #[test]
    fn timestamp_window_is_inclusive() {
        let now = UtcTime::parse_iso8601("2026-01-01T00:15:00Z").unwrap();
        assert!(check_timestamp("2026-01-01T00:00:00Z", now).is_ok());
        assert!(check_timestamp("2026-01-01T00:30:00Z", now).is_ok());
        assert_eq!(
            check_timestamp("2026-01-01T00:30:01Z", now).unwrap_err().code,
            "InvalidTimeStamp.Expired"
        );
        assert_eq!(
            check_timestamp("2026-01-01T00:15:00.000Z", now).unwrap_err().code,
            "InvalidTimeStamp.Format"
        );
    }

    #[test]
    fn action_and_version() {
        // The gateway's Action/Version check is the one dispatcher (service::dispatch).
        let p = |a: Option<&str>, v: &str| -> Params {
            let mut out: Params = a.map(|a| ("Action".to_string(), a.to_string())).into_iter().collect();
            out.push(("Version".into(), v.into()));
            out
        };
        assert!(dispatch(&p(Some("CopyImage"), "2014-05-26")).is_ok());
        assert_eq!(dispatch(&p(None, "2014-05-26")).unwrap_err().code, "MissingParameter");
        assert_eq!(
            dispatch(&p(Some("CopyImage"), "2016-01-01")).unwrap_err().code,
            "InvalidVersion"
        );
        assert_eq!(
            dispatch(&p(Some("RunInstancez"), "2014-05-26"))
                .unwrap_err()
                .http_status,
            404
        );
    }

    #[test]
    fn v3_headers_name_the_action() {
        let req = HttpRequest {
            method: "POST".into(),
            query: "Action=DeleteImage&Version=2016-01-01&RegionId=cn-hangzhou".into(),
            headers: vec![
                ("Authorization".into(), "ACS3-HMAC-SHA256 Credential=a".into()),
                ("x-acs-action".into(), " CopyImage ".into()),
                ("x-acs-version".into(), "2014-05-26".into()),
            ],
            ..Default::default()
        };
        let p = wire_params(&req);
        assert_eq!(param(&p, "Action"), Some("CopyImage"));
        assert_eq!(param(&p, "Version"), Some("2014-05-26"));
        assert_eq!(param(&p, "RegionId"), Some("cn-hangzhou"));
        assert_eq!(p.iter().filter(|(k, _)| k == "Action").count(), 1);
    }
}

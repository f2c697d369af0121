//! Request signing, byte-identical to the official SDKs' signers.
//!
//! * **V1** (`SignatureMethod=HMAC-SHA1`, `SignatureVersion=1.0`; the docs call it "V2 for RPC"): every
//!   parameter but `Signature`, sorted by name, RFC 3986-encoded into a canonical query;
//!   `StringToSign = METHOD&%2F&pct(canonical)`; `Signature = base64(HMAC-SHA1(secret + "&", StringToSign))`.
//! * **V3** (`ACS3-HMAC-SHA256`): a canonical request (method, `/`, canonical query, the signed headers
//!   lower-cased and trimmed, their names, the hex SHA-256 of the body); `StringToSign =
//!   "ACS3-HMAC-SHA256\n" + hex(SHA-256(canonical request))`; `Signature = hex(HMAC-SHA256(secret, ...))`.
//!
//! Pure functions of their inputs: the caller supplies timestamp and nonce, so the engine stays
//! deterministic and WASM-friendly.
//!
//! Layer: signing (may use `base`).

use crate::base::wire::Params;
use crate::signing::encode::{hex_lower, percent_encode, percent_encode_bytes, percent_encode_into};
use base64::Engine as _;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha1::Sha1;
use sha2::{Digest, Sha256};

/// The API version (one definition: `base::api`).
pub use crate::base::api::API_VERSION;
/// The V3 algorithm name, first token of the `Authorization` header and of the StringToSign.
pub const V3_ALGORITHM: &str = "ACS3-HMAC-SHA256";
/// Hex SHA-256 of the empty body, the `x-acs-content-sha256` of a request without one.
pub const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

// ---------------------------------------------------------------------------------------------------------
// V1
// ---------------------------------------------------------------------------------------------------------

/// Everything a V1 signature is made of, for display and for the debugger.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct V1Signed {
    /// `name=value&...`, sorted, RFC 3986-encoded, `Signature` left out.
    pub canonical_query: String,
    /// `METHOD&%2F&pct(canonical_query)`.
    pub string_to_sign: String,
    /// Base64 HMAC-SHA1 of the StringToSign with key `secret + "&"`.
    pub signature: String,
}

/// The V1 common parameters with their defaults, in the order the core SDK sends them. `Format=JSON` is
/// what the official SDKs send (the documented server default is XML); a user overrides any of them with
/// [`merge_params`].
pub fn v1_common_params(access_key_id: &str, timestamp: &str, nonce: &str) -> Params {
    v1_common_pairs(access_key_id, timestamp, nonce)
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// [`v1_common_params`] borrowed, for callers that assemble requests without copying.
pub fn v1_common_pairs<'a>(access_key_id: &'a str, timestamp: &'a str, nonce: &'a str) -> [(&'a str, &'a str); 7] {
    [
        ("Format", "JSON"),
        ("Version", API_VERSION),
        ("AccessKeyId", access_key_id),
        ("SignatureMethod", "HMAC-SHA1"),
        ("Timestamp", timestamp),
        ("SignatureVersion", "1.0"),
        ("SignatureNonce", nonce),
    ]
}

/// `base` with each of `overrides` applied: a name already present gets the new value in place (every
/// occurrence after the first is dropped), a new name is appended. Empty values are kept, not removed:
/// `SignatureType=` is a real parameter the core SDK signs.
pub fn merge_params(base: &[(String, String)], overrides: &[(String, String)]) -> Params {
    let mut out: Vec<(&str, &str)> = base.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    merge_into(&mut out, overrides.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    out.into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// [`merge_params`] over borrowed pairs, in place: what the batch signer uses to merge without copying.
#[inline]
pub fn merge_into<'a>(out: &mut Vec<(&'a str, &'a str)>, overrides: impl IntoIterator<Item = (&'a str, &'a str)>) {
    // Names of one length often differ in their first byte: comparing it first skips most full comparisons.
    let same = |a: &str, b: &str| a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b;
    for (k, v) in overrides {
        match out.iter().position(|(n, _)| same(n, k)) {
            Some(i) => {
                out[i].1 = v;
                if out[i + 1..].iter().any(|(n, _)| same(n, k)) {
                    let mut at = 0;
                    out.retain(|(n, _)| {
                        at += 1;
                        at <= i + 1 || *n != k
                    });
                }
            }
            None => out.push((k, v)),
        }
    }
}

/// The parameters sorted by name (then value, so repeated names are deterministic), `Signature` left out.
fn sorted_for_signing(params: &[(String, String)]) -> Vec<&(String, String)> {
    let mut v: Vec<&(String, String)> = params.iter().filter(|(k, _)| k != "Signature").collect();
    crate::base::sort::sort_by(&mut v, |a, b| {
        a.0.as_bytes().cmp(b.0.as_bytes()).then_with(|| a.1.cmp(&b.1))
    });
    v
}

/// The V1 canonical query: all parameters but `Signature`, sorted by name, `name=value` RFC 3986-encoded,
/// joined with `&`. Empty values stay (`SignatureType=`).
pub fn v1_canonical_query(params: &[(String, String)]) -> String {
    let mut out = Vec::with_capacity(params.len() * 40);
    for (i, (k, v)) in sorted_for_signing(params).into_iter().enumerate() {
        if i > 0 {
            out.push(b'&');
        }
        percent_encode_bytes(k.as_bytes(), &mut out);
        out.push(b'=');
        percent_encode_bytes(v.as_bytes(), &mut out);
    }
    bytes_to_string(out)
}

/// `METHOD&%2F&pct(canonical_query)`.
pub fn v1_string_to_sign(method: &str, canonical_query: &str) -> String {
    let mut s = String::with_capacity(method.len() + 5 + canonical_query.len() * 5 / 4);
    s.push_str(method);
    s.push_str("&%2F&");
    percent_encode_into(canonical_query, &mut s);
    s
}

/// Signs V1 requests, one after another, with one secret: the HMAC key (`secret + "&"`) is prepared once
/// and the buffers are reused. Each parameter is percent-encoded once; the canonical query is those
/// encodings in signing order and the StringToSign the same bytes with `%`, `=` and `&` encoded again, so
/// a request costs one pass of encoding, a few copies and the HMAC. Behind [`sign_v1`] and the batch
/// signer (`client::V1UrlWriter`).
#[derive(Clone)]
pub struct V1Signer {
    mac: Hmac<Sha1>,
    /// `name=value&` of every parameter but `Signature`, encoded, in the order given.
    enc: Vec<u8>,
    /// For each of those: where it starts, where its `=` is and where it ends in `enc`, and whether its
    /// name and its value had an escaped byte (then their `%`s are encoded again in the StringToSign; a
    /// plain one is copied as it is).
    spans: Vec<Span>,
    /// Indices into `spans` in signing order (name, then value; stable).
    sorted: Vec<usize>,
    sts: Vec<u8>,
}

/// Where one encoded `name=value` sits in a buffer (`V1Signer`'s, or the batch URL writer's output), and which
/// half had escapes (then its `%`s are encoded again in the StringToSign; a plain one is copied as it is).
#[derive(Clone, Copy, Default)]
pub(crate) struct Span {
    start: usize,
    eq: usize,
    end: usize,
    name_escaped: bool,
    value_escaped: bool,
}

impl Span {
    /// The encoded `name=value` in `buf`, the buffer it was written to.
    #[inline]
    pub(crate) fn pair<'b>(&self, buf: &'b [u8]) -> &'b [u8] {
        &buf[self.start..self.end]
    }

    /// Appends its StringToSign form, `name%3Dvalue` with each escape encoded again, read from `buf`; without
    /// `with_value`, `name%3D` alone.
    #[inline]
    pub(crate) fn push_sts(&self, buf: &[u8], with_value: bool, sts: &mut Vec<u8>) {
        push_sts_part(&buf[self.start..self.eq], self.name_escaped, sts);
        sts.extend_from_slice(b"%3D");
        if with_value {
            push_sts_part(&buf[self.eq + 1..self.end], self.value_escaped, sts);
        }
    }
}

/// Appends `name=value&`, encoded, to `out`; says where it went.
#[inline]
pub(crate) fn encode_pair((name, value): (&str, &str), out: &mut Vec<u8>) -> Span {
    let start = out.len();
    percent_encode_bytes(name.as_bytes(), out);
    let eq = out.len();
    out.push(b'=');
    percent_encode_bytes(value.as_bytes(), out);
    let end = out.len();
    out.push(b'&');
    Span {
        start,
        eq,
        end,
        name_escaped: eq - start != name.len(),
        value_escaped: end - eq - 1 != value.len(),
    }
}

/// Appends encoded text to a StringToSign: as it is, or with its `%`s encoded again.
#[inline]
fn push_sts_part(part: &[u8], escaped: bool, sts: &mut Vec<u8>) {
    if escaped {
        push_reencoded(part, sts);
    } else {
        sts.extend_from_slice(part);
    }
}

/// Name, then value, byte order: the V1 signing order. The first bytes settle most comparisons.
#[inline]
fn signing_order(a: (&str, &str), b: (&str, &str)) -> std::cmp::Ordering {
    let (ka, kb) = (a.0.as_bytes(), b.0.as_bytes());
    match (ka.first(), kb.first()) {
        (Some(x), Some(y)) if x != y => x.cmp(y),
        _ => ka.cmp(kb).then_with(|| a.1.as_bytes().cmp(b.1.as_bytes())),
    }
}

/// Appends `bytes` (percent-encoded text) with each `%` encoded again as `%25`.
#[inline]
pub(crate) fn push_reencoded(bytes: &[u8], out: &mut Vec<u8>) {
    let mut rest = bytes;
    while let Some(i) = rest.iter().position(|&b| b == b'%') {
        out.extend_from_slice(&rest[..i]);
        out.extend_from_slice(b"%25");
        rest = &rest[i + 1..];
    }
    out.extend_from_slice(rest);
}

impl V1Signer {
    /// A signer for `secret` (the AccessKeySecret, without the `&`).
    pub fn new(secret: &str) -> V1Signer {
        let key = format!("{secret}&");
        // HMAC accepts keys of any length, so `new_from_slice` cannot fail; the fallback only keeps this total.
        let mac =
            Hmac::<Sha1>::new_from_slice(key.as_bytes()).unwrap_or_else(|_| Hmac::<Sha1>::new(&Default::default()));
        V1Signer {
            mac,
            enc: Vec::with_capacity(1024),
            spans: Vec::with_capacity(32),
            sorted: Vec::with_capacity(32),
            sts: Vec::with_capacity(1024),
        }
    }

    /// Reads one request: encodes `params` and builds its StringToSign for `method`.
    #[inline]
    pub fn prepare(&mut self, method: &str, params: &[(&str, &str)]) {
        self.enc.clear();
        self.spans.clear();
        self.sorted.clear();
        for (k, v) in params {
            if *k == "Signature" {
                continue;
            }
            // Each pair is followed by `&`, so the query in the order given is the buffer itself.
            self.spans.push(encode_pair((k, v), &mut self.enc));
        }
        let kept: Vec<(&str, &str)>;
        let pairs: &[(&str, &str)] = if self.spans.len() == params.len() {
            params
        } else {
            kept = params.iter().filter(|(k, _)| *k != "Signature").copied().collect();
            &kept
        };
        if pairs.len() <= 32 {
            // Insertion sort: nothing allocated, and few comparisons for a request's few dozen parameters.
            // Swapped down in place rather than `insert`ed: no memmove call per parameter.
            for i in 0..pairs.len() {
                self.sorted.push(i);
                let mut at = i;
                while at > 0 && signing_order(pairs[self.sorted[at - 1]], pairs[i]).is_gt() {
                    self.sorted.swap(at - 1, at);
                    at -= 1;
                }
            }
        } else {
            self.sorted.extend(0..pairs.len());
            crate::base::sort::sort_by(&mut self.sorted, |a, b| signing_order(pairs[*a], pairs[*b]));
        }
        self.sts.clear();
        self.sts.extend_from_slice(method.as_bytes());
        self.sts.extend_from_slice(b"&%2F&");
        for (n, i) in self.sorted.iter().enumerate() {
            if n > 0 {
                self.sts.extend_from_slice(b"%26");
            }
            self.spans[*i].push_sts(&self.enc, true, &mut self.sts);
        }
    }

    /// The prepared request's StringToSign.
    pub fn string_to_sign(&self) -> &[u8] {
        &self.sts
    }

    /// Appends the prepared request's canonical query (`name=value` pairs in signing order, joined by `&`).
    pub fn canonical_query_into(&self, out: &mut Vec<u8>) {
        for (n, i) in self.sorted.iter().enumerate() {
            let sp = self.spans[*i];
            if n > 0 {
                out.push(b'&');
            }
            out.extend_from_slice(sp.pair(&self.enc));
        }
    }

    /// Appends the prepared request's parameters as a query in the order given, each followed by `&`.
    #[inline]
    pub fn query_pairs_into(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.enc);
    }

    /// Appends the base64 signature of the prepared request to `out`.
    #[inline]
    pub fn signature_into(&self, out: &mut Vec<u8>) {
        self.signature_of_into(&self.sts, out);
    }

    /// Appends the base64 signature of the StringToSign `sts` (built by the caller) to `out`.
    #[inline]
    pub fn signature_of_into(&self, sts: &[u8], out: &mut Vec<u8>) {
        let mut mac = self.mac.clone();
        mac.update(sts);
        let digest = mac.finalize().into_bytes();
        let mut b64 = [0u8; 28];
        let n = base64::engine::general_purpose::STANDARD
            .encode_slice(digest, &mut b64)
            .unwrap_or(0);
        out.extend_from_slice(&b64[..n]);
    }
}

/// Bytes that are known to be UTF-8 (ASCII output of the encoders, or a UTF-8 method) as a `String`.
fn bytes_to_string(b: Vec<u8>) -> String {
    String::from_utf8(b).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Base64 HMAC-SHA1 of `string_to_sign` with the key `secret + "&"` (the `&` is where a token secret
/// would go in the OAuth-style scheme V1 is modelled on).
pub fn v1_signature(string_to_sign: &str, secret: &str) -> String {
    v1_signature_with_key(string_to_sign, &format!("{secret}&"))
}

/// Base64 HMAC-SHA1 with an exact key (the debugger tries keys without the `&`).
pub fn v1_signature_with_key(string_to_sign: &str, key: &str) -> String {
    // HMAC accepts keys of any length, so `new_from_slice` cannot fail here.
    let mut mac = match Hmac::<Sha1>::new_from_slice(key.as_bytes()) {
        Ok(m) => m,
        Err(_) => return String::new(),
    };
    mac.update(string_to_sign.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// Signs `params` (query and form body together) for `method` with `secret`.
pub fn sign_v1(method: &str, params: &[(String, String)], secret: &str) -> V1Signed {
    let pairs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let mut signer = V1Signer::new(secret);
    signer.prepare(method, &pairs);
    let mut canonical = Vec::with_capacity(signer.enc.len() + signer.spans.len());
    signer.canonical_query_into(&mut canonical);
    let mut signature = Vec::with_capacity(28);
    signer.signature_into(&mut signature);
    V1Signed {
        canonical_query: bytes_to_string(canonical),
        string_to_sign: bytes_to_string(signer.sts),
        signature: bytes_to_string(signature),
    }
}

/// The query string of a signed V1 request: `params` in their given order (`Signature` dropped if
/// present), RFC 3986-encoded, then `Signature=` with the signature encoded (`+`→`%2B`, `/`→`%2F`,
/// `=`→`%3D`).
pub fn v1_signed_query(params: &[(String, String)], signature: &str) -> String {
    v1_signed_query_of(params.iter(), signature)
}

/// [`v1_signed_query`] over any sequence of parameter references (the generator splits query and body
/// without cloning).
pub fn v1_signed_query_of<'a>(params: impl Iterator<Item = &'a (String, String)>, signature: &str) -> String {
    let mut out = Vec::with_capacity(512);
    for (k, v) in params.filter(|(k, _)| k != "Signature") {
        percent_encode_bytes(k.as_bytes(), &mut out);
        out.push(b'=');
        percent_encode_bytes(v.as_bytes(), &mut out);
        out.push(b'&');
    }
    out.extend_from_slice(b"Signature=");
    percent_encode_bytes(signature.as_bytes(), &mut out);
    bytes_to_string(out)
}

// ---------------------------------------------------------------------------------------------------------
// V3
// ---------------------------------------------------------------------------------------------------------

/// Everything a V3 signature is made of.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct V3Signed {
    /// The canonical request (six parts joined by `\n`).
    pub canonical_request: String,
    /// `ACS3-HMAC-SHA256\n<hex sha256 of the canonical request>`.
    pub string_to_sign: String,
    /// Lower-case hex HMAC-SHA256 with the raw secret.
    pub signature: String,
    /// The signed header names, lower-case, sorted, joined by `;`.
    pub signed_headers: String,
    /// `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<names>,Signature=<hex>`.
    pub authorization: String,
}

/// What a V3 signature covers.
#[derive(Clone, Debug)]
pub struct V3Input<'a> {
    /// `GET` or `POST`.
    pub method: &'a str,
    /// The path, `/` for RPC APIs (empty is read as `/`).
    pub path: &'a str,
    /// Decoded query parameters.
    pub query: &'a [(String, String)],
    /// Request headers (any case); `Authorization` is never signed.
    pub headers: &'a [(String, String)],
    /// Which headers to sign (any case). `None` signs every header given, as the Tea SDK does.
    pub signed_headers: Option<&'a [String]>,
    /// The payload hash (hex SHA-256 of the body) to put last in the canonical request.
    pub hashed_payload: &'a str,
    /// The AccessKeyId named in `Credential=`.
    pub access_key_id: &'a str,
    /// The AccessKeySecret (used raw, no `&`).
    pub secret: &'a str,
}

/// Lower-case hex SHA-256 of `data`.
pub fn sha256_hex(data: &[u8]) -> String {
    hex_lower(&Sha256::digest(data))
}

/// Lower-case hex HMAC-SHA256 of `msg` with `key`.
pub fn hmac_sha256_hex(key: &str, msg: &str) -> String {
    let mut mac = match Hmac::<Sha256>::new_from_slice(key.as_bytes()) {
        Ok(m) => m,
        Err(_) => return String::new(),
    };
    mac.update(msg.as_bytes());
    hex_lower(&mac.finalize().into_bytes())
}

/// The V3 canonical query string: parameters sorted by name, `name=pct(value)` joined by `&`. Names are
/// encoded as the V3 doc says; the Python util leaves them raw, which is the same for every ECS parameter
/// name (all unreserved characters).
pub fn v3_canonical_query(query: &[(String, String)]) -> String {
    let mut v: Vec<&(String, String)> = query.iter().collect();
    crate::base::sort::sort_by(&mut v, |a, b| {
        a.0.as_bytes().cmp(b.0.as_bytes()).then_with(|| a.1.cmp(&b.1))
    });
    let mut out = Vec::with_capacity(query.len() * 40);
    for (i, (k, val)) in v.into_iter().enumerate() {
        if i > 0 {
            out.push(b'&');
        }
        percent_encode_bytes(k.as_bytes(), &mut out);
        out.push(b'=');
        percent_encode_bytes(val.as_bytes(), &mut out);
    }
    bytes_to_string(out)
}

/// Canonical headers and the signed-header list. Names are lower-cased and sorted; each value is trimmed;
/// a header sent more than once has its values sorted and joined with `,` (the Python util's rule). A
/// signed name with no such header contributes `name:` (an empty value), so a verifier reproduces what
/// a client that signed a header it then failed to send would have computed.
pub fn v3_canonical_headers(headers: &[(String, String)], signed: Option<&[String]>) -> (String, String) {
    use std::borrow::Cow;
    // Names are usually lower-case already: borrow them then, allocate only to lower-case.
    fn lower(n: &str) -> Cow<'_, str> {
        if n.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(n.to_ascii_lowercase())
        } else {
            Cow::Borrowed(n)
        }
    }
    let mut names: Vec<Cow<'_, str>> = match signed {
        Some(list) => list.iter().map(|n| lower(n.trim())).collect(),
        None => headers
            .iter()
            .map(|(k, _)| lower(k))
            .filter(|k| k != "authorization")
            .collect(),
    };
    names.retain(|n| !n.is_empty());
    crate::base::sort::sort(&mut names);
    names.dedup();
    let mut canonical = String::with_capacity(names.len() * 48);
    let mut signed_headers = String::with_capacity(names.len() * 16);
    // Each header's value goes to its name, found by binary search in the sorted names: n log n, where a scan
    // of every header per name was n² for a pasted request of thousands of signed headers (found by fuzzing
    // the signature debugger: seconds for 90 KB). Empty `Vec`s allocate nothing.
    let mut values: Vec<Vec<&str>> = vec![Vec::new(); names.len()];
    for (k, v) in headers {
        if let Ok(i) = names.binary_search(&lower(k)) {
            values[i].push(v.trim());
        }
    }
    for (i, (n, vs)) in names.iter().zip(&mut values).enumerate() {
        canonical.push_str(n);
        canonical.push(':');
        // Sent more than once: trimmed values, sorted, joined with ','.
        if vs.len() > 1 {
            crate::base::sort::sort(vs);
        }
        canonical.push_str(&vs.join(","));
        canonical.push('\n');
        if i > 0 {
            signed_headers.push(';');
        }
        signed_headers.push_str(n);
    }
    (canonical, signed_headers)
}

/// Signs a V3 request.
pub fn sign_v3(input: &V3Input<'_>) -> V3Signed {
    let path = if input.path.is_empty() { "/" } else { input.path };
    let (canonical_headers, signed_headers) = v3_canonical_headers(input.headers, input.signed_headers);
    let query = v3_canonical_query(input.query);
    let mut canonical_request = String::with_capacity(
        input.method.len() + path.len() + query.len() + canonical_headers.len() + signed_headers.len() + 72,
    );
    for (i, part) in [
        input.method,
        path,
        &query,
        &canonical_headers,
        &signed_headers,
        input.hashed_payload,
    ]
    .into_iter()
    .enumerate()
    {
        if i > 0 {
            canonical_request.push('\n');
        }
        canonical_request.push_str(part);
    }
    let mut string_to_sign = String::with_capacity(V3_ALGORITHM.len() + 65);
    string_to_sign.push_str(V3_ALGORITHM);
    string_to_sign.push('\n');
    string_to_sign.push_str(&sha256_hex(canonical_request.as_bytes()));
    let signature = hmac_sha256_hex(input.secret, &string_to_sign);
    let authorization = format!(
        "{V3_ALGORITHM} Credential={},SignedHeaders={},Signature={}",
        input.access_key_id, signed_headers, signature
    );
    V3Signed {
        canonical_request,
        string_to_sign,
        signature,
        signed_headers,
        authorization,
    }
}

/// The six headers of the official V3 example (host and the five `x-acs-*`), in the doc's order.
pub fn v3_doc_headers(host: &str, action: &str, version: &str, date: &str, nonce: &str, body: &str) -> Params {
    [
        ("host", host.to_string()),
        ("x-acs-action", action.to_string()),
        ("x-acs-version", version.to_string()),
        ("x-acs-date", date.to_string()),
        ("x-acs-signature-nonce", nonce.to_string()),
        ("x-acs-content-sha256", sha256_hex(body.as_bytes())),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// The nine headers the Tea SDK (`alibabacloud_tea_openapi`) sends and signs, in its order (FACTS §1a.5).
pub fn v3_tea_headers(
    host: &str,
    action: &str,
    version: &str,
    date: &str,
    nonce: &str,
    user_agent: &str,
    body: &str,
) -> Params {
    [
        ("host", host.to_string()),
        ("x-acs-version", version.to_string()),
        ("x-acs-action", action.to_string()),
        ("user-agent", user_agent.to_string()),
        ("x-acs-date", date.to_string()),
        ("x-acs-signature-nonce", nonce.to_string()),
        ("accept", "application/json".to_string()),
        ("x-acs-content-sha256", sha256_hex(body.as_bytes())),
        ("x-acs-credentials-provider", "static_ak".to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// The parsed `Authorization` header of a V3 request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct V3Authorization {
    /// The algorithm token, e.g. `ACS3-HMAC-SHA256`.
    pub algorithm: String,
    /// `Credential=`: the AccessKeyId.
    pub credential: String,
    /// `SignedHeaders=` split on `;`.
    pub signed_headers: Vec<String>,
    /// `Signature=`: the hex signature.
    pub signature: String,
}

/// Parses `ACS3-HMAC-SHA256 Credential=..,SignedHeaders=..,Signature=..`; tolerant of spaces after the
/// commas and of any order of the three fields. `None` when a field is missing.
pub fn parse_v3_authorization(value: &str) -> Option<V3Authorization> {
    let value = value.trim();
    let (algorithm, rest) = value.split_once(' ')?;
    let (mut credential, mut signed, mut signature) = (None, None, None);
    for part in rest.split(',') {
        let (k, v) = part.trim().split_once('=')?;
        match k.trim() {
            "Credential" => credential = Some(v.trim().to_string()),
            "SignedHeaders" => signed = Some(v.trim().to_string()),
            "Signature" => signature = Some(v.trim().to_string()),
            _ => {}
        }
    }
    let signed = signed?;
    Some(V3Authorization {
        algorithm: algorithm.to_string(),
        credential: credential?,
        signed_headers: signed
            .split(';')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        signature: signature?,
    })
}

/// RFC 3986 encoding of one value, re-exported here for callers that only import `sign`.
pub fn pct(s: &str) -> String {
    percent_encode(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(pairs: &[(&str, &str)]) -> Params {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    /// Each header's value goes to its name by binary search in the sorted names: for many headers, the same
    /// lines as the rule written out and as each name signed alone, for names sent in other cases, sent
    /// twice, or not sent.
    #[test]
    fn many_headers_give_what_a_scan_gives() {
        let mut headers: Vec<(String, String)> = Vec::new();
        for i in 0..40 {
            headers.push((format!("X-H-{i:02}"), format!(" v{i} ")));
            if i % 3 == 0 {
                headers.push((format!("x-h-{i:02}"), format!("a{i}")));
            }
        }
        let signed: Vec<String> = (0..45).map(|i| format!("X-h-{i:02}")).collect();
        let (all, list) = v3_canonical_headers(&headers, Some(&signed));
        let mut want = String::new();
        for n in &signed {
            let n = n.to_ascii_lowercase();
            let mut values: Vec<&str> = headers
                .iter()
                .filter(|(k, _)| k.to_ascii_lowercase() == n)
                .map(|(_, v)| v.trim())
                .collect();
            values.sort();
            want += &format!("{n}:{}\n", values.join(","));
            let (alone, _) = v3_canonical_headers(&headers, Some(std::slice::from_ref(&n)));
            assert!(all.contains(&alone), "{alone:?}");
        }
        assert_eq!(all, want);
        assert!(all.contains("x-h-03:a3,v3\n") && all.contains("x-h-44:\n"), "{all}");
        assert_eq!(list, signed.join(";").to_ascii_lowercase());
    }

    #[test]
    fn v1_doc_anchor() {
        let params = p(&[
            ("Timestamp", "2016-02-23T12:46:24Z"),
            ("Format", "XML"),
            ("AccessKeyId", "testid"),
            ("Action", "DescribeRegions"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
            ("Version", "2014-05-26"),
            ("SignatureVersion", "1.0"),
        ]);
        let s = sign_v1("GET", &params, "testsecret");
        assert_eq!(s.signature, "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
        assert!(s
            .string_to_sign
            .starts_with("GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions"));
    }

    #[test]
    fn the_one_pass_signer_is_the_two_step_definition() {
        // StringToSign = METHOD&%2F&pct(canonical query), canonical = sorted pct pairs: the signer re-encodes
        // its one encoding instead, which must give the same bytes (repeated names, `%`, `=`, `&`, UTF-8).
        let mut many = p(&[
            ("b", "2"),
            ("a", "x y"),
            ("a", "%41"),
            ("Signature", "s"),
            ("c=d&e", "环境*~"),
        ]);
        for i in 0..40 {
            many.push((format!("k{}", 40 - i), format!("v{i}!'()")));
        }
        for params in [many.clone(), many[..5].to_vec(), Vec::new()] {
            let s = sign_v1("POST", &params, "secret");
            assert_eq!(s.canonical_query, v1_canonical_query(&params));
            assert_eq!(s.string_to_sign, v1_string_to_sign("POST", &s.canonical_query));
            assert_eq!(s.signature, v1_signature(&s.string_to_sign, "secret"));
        }
    }

    #[test]
    fn merge_overrides_in_place_and_appends() {
        let base = v1_common_params("id", "2020-01-01T00:00:00Z", "n");
        let merged = merge_params(&base, &p(&[("Format", "json"), ("SignatureType", "")]));
        assert_eq!(merged[0], ("Format".to_string(), "json".to_string()));
        assert_eq!(merged.last(), Some(&("SignatureType".to_string(), String::new())));
        assert_eq!(merged.len(), base.len() + 1);
    }

    #[test]
    fn signed_query_encodes_the_signature() {
        let q = v1_signed_query(&p(&[("A", "a b"), ("Signature", "old")]), "x+y/z=");
        assert_eq!(q, "A=a%20b&Signature=x%2By%2Fz%3D");
    }

    #[test]
    fn v3_headers_sent_twice_join_sorted_and_unsent_signed_ones_are_empty() {
        let h = |v: &[(&str, &str)]| -> Vec<(String, String)> {
            v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
        };
        let headers = h(&[
            ("X-Acs-B", " 2 "),
            ("x-acs-a", "z"),
            ("x-acs-b", "1"),
            ("Authorization", "x"),
        ]);
        let (canonical, signed) = v3_canonical_headers(&headers, None);
        assert_eq!(canonical, "x-acs-a:z\nx-acs-b:1,2\n");
        assert_eq!(signed, "x-acs-a;x-acs-b");
        let list = vec!["x-acs-missing".to_string(), "X-ACS-A".to_string()];
        let (canonical, signed) = v3_canonical_headers(&headers, Some(&list));
        assert_eq!(canonical, "x-acs-a:z\nx-acs-missing:\n");
        assert_eq!(signed, "x-acs-a;x-acs-missing");
    }

    #[test]
    fn authorization_parses_both_spacings() {
        let a = parse_v3_authorization("ACS3-HMAC-SHA256 Credential=id, SignedHeaders=host;x-acs-date, Signature=ab")
            .unwrap();
        assert_eq!(a.credential, "id");
        assert_eq!(a.signed_headers, vec!["host", "x-acs-date"]);
        assert_eq!(a.signature, "ab");
        assert!(parse_v3_authorization("ACS3-HMAC-SHA256 Credential=id,Signature=ab").is_none());
        assert!(parse_v3_authorization("garbage").is_none());
    }
}

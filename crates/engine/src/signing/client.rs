//! The client side of a request: from its parameters and keys, the exact request a real client sends
//! (signed URL, raw HTTP, curl), with every intermediate value the signature was made of.
//!
//! Everything is a pure function of [`GenerateInput`]: the caller supplies the timestamp (real UTC,
//! editable) and a fresh nonce, so the engine stays deterministic. The code emitters (`teach::generate`)
//! and the server's gateway both build on the types here; this module never touches the world.
//!
//! Layer: signing (may use `base`).

use crate::base::wire::{param, HttpRequest, Params};
use crate::signing::encode::{encode_pairs, percent_encode_bytes};
use crate::signing::sign::{self, V3Input};
use serde::{Deserialize, Serialize};

/// Which signing scheme a request uses (V1 by default, as `copyimage sign`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignatureStyle {
    /// HMAC-SHA1, `Signature` parameter (docs: "V2 for RPC"; `SignatureVersion=1.0`).
    #[default]
    V1,
    /// ACS3-HMAC-SHA256, `Authorization` header.
    V3,
}

/// Where a request goes: scheme, host and an optional port.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endpoint {
    /// `https` (default) or `http`.
    pub scheme: String,
    /// The host name, e.g. `ecs.cn-hangzhou.aliyuncs.com`, `ecs.aliyuncs.com` or `127.0.0.1`.
    pub host: String,
    /// A port other than the scheme's default (the local endpoint's, e.g. 8765).
    pub port: Option<u16>,
}

impl Endpoint {
    /// The regional public endpoint, `https://ecs.<region>.aliyuncs.com`.
    pub fn regional(region_id: &str) -> Endpoint {
        Endpoint {
            scheme: "https".into(),
            host: format!("ecs.{region_id}.aliyuncs.com"),
            port: None,
        }
    }

    /// The historical central endpoint, `https://ecs.aliyuncs.com`.
    pub fn central() -> Endpoint {
        Endpoint {
            scheme: "https".into(),
            host: "ecs.aliyuncs.com".into(),
            port: None,
        }
    }

    /// A local endpoint, e.g. `http://127.0.0.1:8765` (what `copyimage serve` listens on).
    pub fn local(host: &str, port: u16) -> Endpoint {
        Endpoint {
            scheme: "http".into(),
            host: host.into(),
            port: Some(port),
        }
    }

    /// The port when it is not the scheme's default (80 for http, 443 otherwise).
    pub fn explicit_port(&self) -> Option<u16> {
        let default = if self.scheme.eq_ignore_ascii_case("http") {
            80
        } else {
            443
        };
        self.port.filter(|p| *p != default)
    }

    /// The `Host` header a client sends (and V3 signs): the host, with `:port` when not the default.
    pub fn host_header(&self) -> String {
        match self.explicit_port() {
            Some(p) => format!("{}:{p}", self.host),
            None => self.host.clone(),
        }
    }

    /// `scheme://host[:port]`.
    pub fn base_url(&self) -> String {
        format!("{}://{}", self.scheme, self.host_header())
    }
}

/// Everything needed to generate and sign one request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GenerateInput {
    /// Where the request goes.
    pub endpoint: Endpoint,
    /// `GET` or `POST` (the SDK snippets always POST, as the SDKs do).
    pub method: String,
    /// V1 (HMAC-SHA1, signature in the query) or V3 (ACS3-HMAC-SHA256, Authorization header).
    pub style: SignatureStyle,
    /// The request's parameters: `Action`, the operation's own, and any common parameter to override
    /// (e.g. `Format=json`, `SignatureType=`). Empty values are sent and signed.
    pub params: Params,
    /// The AccessKeyId.
    pub access_key_id: String,
    /// The AccessKeySecret, used to sign; it appears in generated code only with `include_secret`.
    pub access_key_secret: String,
    /// `Timestamp` / `x-acs-date`, `yyyy-MM-ddTHH:mm:ssZ` (real UTC by default; editable).
    pub timestamp: String,
    /// `SignatureNonce` / `x-acs-signature-nonce`: fresh for each request.
    pub nonce: String,
    /// An STS token (`SecurityToken` / `x-acs-security-token`), if any.
    pub security_token: Option<String>,
    /// POST only: send the operation's parameters in an `application/x-www-form-urlencoded` body.
    pub form_body: bool,
    /// V3 only: headers to sign (any case). `None` signs every header sent (host, the `x-acs-*` headers
    /// and `content-type` with a form body), i.e. the six of the official V3 example.
    pub signed_headers: Option<Vec<String>>,
    /// V3 only: extra headers to send (e.g. `accept`, `user-agent`); signed when `signed_headers` is `None`.
    pub extra_headers: Params,
    /// Put the real secret into generated code instead of reading it from the environment.
    pub include_secret: bool,
}

impl GenerateInput {
    /// A CopyImage request with the given parameters, V1, POST, regional endpoint of its `RegionId`.
    pub fn new(params: Params, access_key_id: &str, access_key_secret: &str, timestamp: &str, nonce: &str) -> Self {
        let region = param(&params, "RegionId").unwrap_or("cn-hangzhou").to_string();
        GenerateInput {
            endpoint: Endpoint::regional(&region),
            method: "POST".into(),
            style: SignatureStyle::V1,
            params,
            access_key_id: access_key_id.into(),
            access_key_secret: access_key_secret.into(),
            timestamp: timestamp.into(),
            nonce: nonce.into(),
            security_token: None,
            form_body: false,
            signed_headers: None,
            extra_headers: Vec::new(),
            include_secret: false,
        }
    }
}

/// A signed request, with every intermediate value the signature was made of.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedRequest {
    /// The signing style.
    pub style: SignatureStyle,
    /// The full URL (V1: with `Signature`; V3: with the query).
    pub url: String,
    /// Exactly what goes on the wire (method, host, path, query, headers, body).
    pub request: HttpRequest,
    /// Every parameter that was signed (V1: query and body; V3: query or body), in sending order.
    pub signed_params: Params,
    /// V1: the canonical query; V3: the canonical request.
    pub canonical: String,
    /// The StringToSign.
    pub string_to_sign: String,
    /// The signature (V1 base64, V3 hex).
    pub signature: String,
    /// V3: the `Authorization` header value.
    pub authorization: Option<String>,
}

/// The parameters an SDK sets itself (action, version, format, credentials, signing), never the
/// operation's own. The V1 core SDK keeps them, and `RegionId`, in the query when it moves the operation's
/// parameters into a form body; code snippets leave them (and any `Signature`) out.
pub const SDK_OWNED: &[&str] = &[
    "Action",
    "Version",
    "Format",
    "AccessKeyId",
    "SignatureMethod",
    "SignatureType",
    "SignatureVersion",
    "SignatureNonce",
    "Timestamp",
    "SecurityToken",
];

/// Whether the V1 core SDK keeps `name` in the query when it sends a form body.
fn v1_stays_in_query(name: &str) -> bool {
    name == "RegionId" || SDK_OWNED.contains(&name)
}

fn method_of(input: &GenerateInput) -> String {
    normalize_method(&input.method)
}

/// The method as sent: trimmed, upper-case, `POST` when empty (what the SDK snippets send).
fn normalize_method(method: &str) -> String {
    let m = method.trim().to_ascii_uppercase();
    if m.is_empty() {
        "POST".into()
    } else {
        m
    }
}

/// Signs the request described by `input`.
pub fn sign_request(input: &GenerateInput) -> SignedRequest {
    match input.style {
        SignatureStyle::V1 => sign_v1_request(input),
        SignatureStyle::V3 => sign_v3_request(input),
    }
}

/// The parameters of a V1 request in sending order: `Action` first, as the SDKs and docs list it, then the
/// common parameters (and `SecurityToken`), then the rest; a name in `params` overrides a common one in
/// place. The one definition behind [`sign_request`] and [`V1UrlWriter`].
#[inline]
pub fn v1_request_params<'a>(
    params: &[(&'a str, &'a str)],
    access_key_id: &'a str,
    timestamp: &'a str,
    nonce: &'a str,
    security_token: Option<&'a str>,
) -> Vec<(&'a str, &'a str)> {
    let mut out: Vec<(&'a str, &'a str)> = Vec::with_capacity(params.len() + 9);
    out.extend(params.iter().filter(|(k, _)| *k == "Action").copied());
    out.extend(sign::v1_common_pairs(access_key_id, timestamp, nonce));
    if let Some(t) = security_token {
        out.push(("SecurityToken", t));
    }
    sign::merge_into(&mut out, params.iter().copied());
    out
}

fn sign_v1_request(input: &GenerateInput) -> SignedRequest {
    let method = method_of(input);
    let given: Vec<(&str, &str)> = input.params.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let params: Params = v1_request_params(
        &given,
        &input.access_key_id,
        &input.timestamp,
        &input.nonce,
        input.security_token.as_deref(),
    )
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let signed = sign::sign_v1(&method, &params, &input.access_key_secret);
    let form = input.form_body && method == "POST";
    let in_query = |k: &str| !form || v1_stays_in_query(k);
    let query = sign::v1_signed_query_of(params.iter().filter(|(k, _)| in_query(k)), &signed.signature);
    let body = if form {
        let body_params: Params = params.iter().filter(|(k, _)| !in_query(k)).cloned().collect();
        encode_pairs(&body_params)
    } else {
        String::new()
    };
    let mut headers = vec![("Host".to_string(), input.endpoint.host_header())];
    if form {
        headers.push(("Content-Type".into(), "application/x-www-form-urlencoded".into()));
    }
    let url = format!("{}/?{}", input.endpoint.base_url(), query);
    SignedRequest {
        style: SignatureStyle::V1,
        url,
        request: HttpRequest {
            method,
            host: input.endpoint.host_header(),
            path: "/".into(),
            query,
            headers,
            body,
        },
        signed_params: params,
        canonical: signed.canonical_query,
        string_to_sign: signed.string_to_sign,
        signature: signed.signature,
        authorization: None,
    }
}

/// Writes the signed URLs of many V1 requests that share a key pair, a method and a timestamp: the batch
/// signer's hot path (`copyimage sign --batch`). It keeps the prepared HMAC key and its buffers between
/// requests and builds nothing but the URL. The common parameters are the same in every request but the
/// nonce, so they are encoded once, for the query and for the StringToSign; a request that overrides one of
/// them, repeats a name or carries `Signature` takes the general path, which gives the same bytes.
pub struct V1UrlWriter {
    method: String,
    access_key_id: String,
    timestamp: String,
    security_token: Option<String>,
    signer: sign::V1Signer,
    signature: Vec<u8>,
    /// The query from `Format=` to `SignatureNonce=`, encoded once.
    head: Vec<u8>,
    /// `SecurityToken=...&` with a token, encoded once; empty without.
    token: Vec<u8>,
    /// The common parameters in signing order: name, StringToSign form (`name%3Dvalue`, the value encoded
    /// twice) and whether it is the nonce (its form is then `SignatureNonce%3D`, the value added per request).
    fixed: Vec<(String, Vec<u8>, bool)>,
    /// Per request, reused: the given parameters' indices in signing order, where each pair sits in the
    /// output, and the StringToSign.
    order: Vec<usize>,
    spans: Vec<sign::Span>,
    sts: Vec<u8>,
}

/// Appends `scheme://host[:port]/?` to `out`.
fn write_origin(endpoint: &Endpoint, out: &mut Vec<u8>) {
    out.extend_from_slice(endpoint.scheme.as_bytes());
    out.extend_from_slice(b"://");
    out.extend_from_slice(endpoint.host.as_bytes());
    if let Some(p) = endpoint.explicit_port() {
        out.push(b':');
        out.extend_from_slice(p.to_string().as_bytes());
    }
    out.extend_from_slice(b"/?");
}

impl V1UrlWriter {
    /// A writer for requests sent with `method` (`GET` or `POST`, no form body), signed with this key pair at
    /// `timestamp`, with an STS token if given.
    pub fn new(
        method: &str,
        access_key_id: &str,
        access_key_secret: &str,
        timestamp: &str,
        security_token: Option<&str>,
    ) -> V1UrlWriter {
        let common = sign::v1_common_pairs(access_key_id, timestamp, "");
        let mut head = Vec::with_capacity(256);
        let mut fixed = Vec::with_capacity(common.len() + 1);
        let mut token = Vec::new();
        let token_pair = security_token.map(|t| ("SecurityToken", t));
        for (name, value) in common.into_iter().chain(token_pair) {
            let nonce = name == "SignatureNonce";
            let at = head.len();
            let span = sign::encode_pair((name, value), &mut head);
            let mut form = Vec::new();
            span.push_sts(&head, !nonce, &mut form);
            if nonce {
                // The nonce's value (empty here) comes per request: the head ends with `SignatureNonce=`.
                head.pop();
            } else if name == "SecurityToken" {
                // The token goes after the nonce in the query.
                token = head.split_off(at);
            }
            fixed.push((name.to_string(), form, nonce));
        }
        fixed.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        V1UrlWriter {
            method: normalize_method(method),
            access_key_id: access_key_id.into(),
            timestamp: timestamp.into(),
            security_token: security_token.map(str::to_string),
            signer: sign::V1Signer::new(access_key_secret),
            signature: Vec::with_capacity(28),
            head,
            token,
            fixed,
            order: Vec::with_capacity(32),
            spans: Vec::with_capacity(32),
            sts: Vec::with_capacity(1024),
        }
    }

    /// Appends the signed URL of the request with these parameters and nonce, sent to `endpoint`, to `out`:
    /// byte for byte the `url` of [`sign_request`] for the same V1 request without a form body.
    #[inline]
    pub fn write_url(&mut self, endpoint: &Endpoint, params: &[(&str, &str)], nonce: &str, out: &mut Vec<u8>) {
        let start = out.len();
        if !self.write_url_common(endpoint, params, nonce, out) {
            out.truncate(start);
            self.write_url_general(endpoint, params, nonce, out);
        }
    }

    /// The common case: every name given once, none of them a common parameter or `Signature`. The query is
    /// written straight into `out` and the StringToSign is the cached common forms merged, in signing order,
    /// with the given pairs' encodings. Returns false, with `out` to be cut back, for any other request.
    #[inline]
    fn write_url_common(
        &mut self,
        endpoint: &Endpoint,
        params: &[(&str, &str)],
        nonce: &str,
        out: &mut Vec<u8>,
    ) -> bool {
        // The given names in signing order; insertion sort, few comparisons when they come sorted (as a
        // batch line's do). A repeated name meets its twin on the way.
        self.order.clear();
        for (i, (name, _)) in params.iter().enumerate() {
            if *name == "Signature" {
                return false;
            }
            self.order.push(i);
            let mut at = i;
            while at > 0 {
                match params[self.order[at - 1]].0.as_bytes().cmp(name.as_bytes()) {
                    std::cmp::Ordering::Greater => {
                        self.order.swap(at - 1, at);
                        at -= 1;
                    }
                    std::cmp::Ordering::Equal => return false,
                    std::cmp::Ordering::Less => break,
                }
            }
        }
        write_origin(endpoint, out);
        // The query in sending order: `Action`, the common parameters, the rest as given.
        self.spans.clear();
        self.spans.resize(params.len(), sign::Span::default());
        let action = params.iter().position(|(k, _)| *k == "Action");
        if let Some(a) = action {
            self.spans[a] = sign::encode_pair(params[a], out);
        }
        out.extend_from_slice(&self.head);
        let nonce_at = out.len();
        percent_encode_bytes(nonce.as_bytes(), out);
        let nonce_end = out.len();
        out.push(b'&');
        out.extend_from_slice(&self.token);
        for (i, pair) in params.iter().enumerate() {
            if Some(i) != action {
                self.spans[i] = sign::encode_pair(*pair, out);
            }
        }
        // The StringToSign: the common and the given pairs merged in signing order.
        let sts = &mut self.sts;
        sts.clear();
        sts.extend_from_slice(self.method.as_bytes());
        sts.extend_from_slice(b"&%2F&");
        let (mut f, mut g) = (0, 0);
        while f < self.fixed.len() || g < self.order.len() {
            let fixed_first = match (self.fixed.get(f), self.order.get(g)) {
                (Some((name, _, _)), Some(&i)) => match name.as_bytes().cmp(params[i].0.as_bytes()) {
                    std::cmp::Ordering::Less => true,
                    std::cmp::Ordering::Greater => false,
                    std::cmp::Ordering::Equal => return false,
                },
                (fixed, _) => fixed.is_some(),
            };
            if f + g > 0 {
                sts.extend_from_slice(b"%26");
            }
            if fixed_first {
                let (_, form, is_nonce) = &self.fixed[f];
                sts.extend_from_slice(form);
                if *is_nonce {
                    sign::push_reencoded(&out[nonce_at..nonce_end], sts);
                }
                f += 1;
            } else {
                self.spans[self.order[g]].push_sts(out, true, sts);
                g += 1;
            }
        }
        self.signature.clear();
        self.signer.signature_of_into(&self.sts, &mut self.signature);
        out.extend_from_slice(b"Signature=");
        percent_encode_bytes(&self.signature, out);
        true
    }

    /// Any request: the parameters merged as [`sign_request`] merges them, then encoded and signed.
    fn write_url_general(&mut self, endpoint: &Endpoint, params: &[(&str, &str)], nonce: &str, out: &mut Vec<u8>) {
        let all = v1_request_params(
            params,
            &self.access_key_id,
            &self.timestamp,
            nonce,
            self.security_token.as_deref(),
        );
        self.signer.prepare(&self.method, &all);
        self.signature.clear();
        self.signer.signature_into(&mut self.signature);
        write_origin(endpoint, out);
        self.signer.query_pairs_into(out);
        out.extend_from_slice(b"Signature=");
        percent_encode_bytes(&self.signature, out);
    }
}

fn sign_v3_request(input: &GenerateInput) -> SignedRequest {
    let method = method_of(input);
    let action = param(&input.params, "Action").unwrap_or("").to_string();
    let version = param(&input.params, "Version").unwrap_or(sign::API_VERSION).to_string();
    let params: Params = input
        .params
        .iter()
        .filter(|(k, _)| k != "Action" && k != "Version")
        .cloned()
        .collect();
    let form = input.form_body && method == "POST";
    let (query_params, body) = if form {
        (Vec::new(), encode_pairs(&params))
    } else {
        (params.clone(), String::new())
    };
    let host = input.endpoint.host_header();
    let mut headers = sign::v3_doc_headers(&host, &action, &version, &input.timestamp, &input.nonce, &body);
    if form {
        headers.push(("content-type".into(), "application/x-www-form-urlencoded".into()));
    }
    if let Some(t) = &input.security_token {
        headers.push(("x-acs-security-token".into(), t.clone()));
    }
    for (k, v) in &input.extra_headers {
        match headers.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(k)) {
            Some(h) => h.1 = v.clone(),
            None => headers.push((k.clone(), v.clone())),
        }
    }
    let payload = sign::sha256_hex(body.as_bytes());
    let signed = sign::sign_v3(&V3Input {
        method: &method,
        path: "/",
        query: &query_params,
        headers: &headers,
        signed_headers: input.signed_headers.as_deref(),
        hashed_payload: &payload,
        access_key_id: &input.access_key_id,
        secret: &input.access_key_secret,
    });
    headers.push(("Authorization".into(), signed.authorization.clone()));
    let query = encode_pairs(&query_params);
    let url = if query.is_empty() {
        format!("{}/", input.endpoint.base_url())
    } else {
        format!("{}/?{}", input.endpoint.base_url(), query)
    };
    SignedRequest {
        style: SignatureStyle::V3,
        url,
        request: HttpRequest {
            method,
            host,
            path: "/".into(),
            query,
            headers,
            body,
        },
        signed_params: params,
        canonical: signed.canonical_request,
        string_to_sign: signed.string_to_sign,
        signature: signed.signature,
        authorization: Some(signed.authorization),
    }
}

// ---------------------------------------------------------------------------------------------------------
// Wire forms: raw HTTP and curl
// ---------------------------------------------------------------------------------------------------------

/// The request as HTTP/1.1 text (`\r\n` line ends are the HTTP face's business; this uses `\n`).
pub fn raw_http(s: &SignedRequest) -> String {
    let r = &s.request;
    let target = if r.query.is_empty() {
        r.path.clone()
    } else {
        format!("{}?{}", r.path, r.query)
    };
    let mut out = format!("{} {} HTTP/1.1\n", r.method, target);
    for (k, v) in &r.headers {
        out.push_str(&format!("{k}: {v}\n"));
    }
    if r.method == "POST" {
        out.push_str(&format!("Content-Length: {}\n", r.body.len()));
    }
    out.push('\n');
    out.push_str(&r.body);
    out
}

/// Quotes `s` for a POSIX shell: bare when it is only safe characters, else in single quotes.
pub fn sh_quote(s: &str) -> String {
    let safe = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./:=@,%+".contains(&b));
    if safe {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

/// A curl command that sends exactly this request (curl derives `Host` from the URL itself).
pub fn curl(s: &SignedRequest) -> String {
    let r = &s.request;
    let mut out = String::from("curl -sS");
    if r.method != "GET" {
        out.push_str(&format!(" -X {}", r.method));
    }
    out.push(' ');
    out.push_str(&sh_quote(&s.url));
    for (k, v) in &r.headers {
        if k.eq_ignore_ascii_case("host") {
            continue;
        }
        out.push_str(" \\\n  -H ");
        out.push_str(&sh_quote(&format!("{k}: {v}")));
    }
    if !r.body.is_empty() {
        out.push_str(" \\\n  --data-raw ");
        out.push_str(&sh_quote(&r.body));
    }
    out
}

//! The one reading of a sign request's options and the one shape of its result, shared by `copyimage sign`
//! (flags, `--output json`) and the JavaScript API's `sign` (an options object), so both give the same
//! fields, byte for byte, for the same inputs.
//!
//! The faces supply the timestamp and the nonce (the engine has no clock and no entropy of its own) and word
//! the option names their own way (`--host` on the command line, `host` in JavaScript): an [`OptionError`]
//! names the option and the problem apart.
//!
//! Layer: signing (may use `base`).

use crate::base::wire::{param, Params};
use crate::signing::client::{Endpoint, GenerateInput, SignatureStyle, SignedRequest};
use crate::signing::sign::merge_params;
use serde::{Deserialize, Serialize};

/// The options of one request to sign, as a face read them (everything but the parameters).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignOptions {
    /// The AccessKeyId.
    pub access_key_id: String,
    /// The AccessKeySecret (used to sign; never part of the result).
    pub access_key_secret: String,
    /// `Timestamp` / `x-acs-date`, signed as given.
    pub timestamp: String,
    /// `SignatureNonce` / `x-acs-signature-nonce`.
    pub nonce: String,
    /// `GET` or `POST` (any case); `None`: what the SDKs send (GET for V1, POST for V3).
    pub method: Option<String>,
    /// Endpoint host, optionally with a port and an `http://` or `https://` scheme; `None`:
    /// `ecs.<RegionId>.aliyuncs.com`, or `ecs.aliyuncs.com` without a RegionId.
    pub host: Option<String>,
    /// V1 or V3. `Default` gives V1, the CLI's default.
    pub style: SignatureStyle,
    /// POST only: the operation's parameters in a form body.
    pub form: bool,
    /// An STS SecurityToken.
    pub security_token: Option<String>,
    /// V3 only: the headers to sign (`None`: every header sent).
    pub signed_headers: Option<Vec<String>>,
    /// V3 only: extra headers to send.
    pub headers: Params,
}

/// An option a face gave that cannot be signed: which option, and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionError {
    /// The option's plain name (`host`, `method`, `form`, `signed_headers`, `headers`); a face words it its
    /// own way (`--host`, `host`).
    pub option: &'static str,
    /// What is wrong, without the option's name.
    pub problem: String,
}

fn bad(option: &'static str, problem: String) -> OptionError {
    OptionError { option, problem }
}

/// The endpoint of `--host` / `host`: `[scheme://]name[:port][/]`, `https` unless `http` is named.
pub fn parse_host(host: &str) -> Result<Endpoint, OptionError> {
    let (scheme, rest) = match host.split_once("://") {
        Some((s, r)) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") => {
            (s.to_ascii_lowercase(), r)
        }
        Some((s, _)) => return Err(bad("host", format!("unsupported scheme {s:?} (use http or https)"))),
        None => ("https".to_string(), host),
    };
    let rest = rest.trim_end_matches('/');
    let (name, port) = match rest.rsplit_once(':') {
        Some((n, p)) if !n.contains(']') || n.ends_with(']') => {
            let port: u16 = p.parse().map_err(|_| bad("host", format!("bad port {p:?}")))?;
            (n.to_string(), Some(port))
        }
        _ => (rest.to_string(), None),
    };
    if name.is_empty() || name.contains('/') || name.contains(char::is_whitespace) {
        return Err(bad("host", format!("not a host name: {host:?}")));
    }
    Ok(Endpoint {
        scheme,
        host: name,
        port,
    })
}

/// The endpoint a request goes to: the given host, else the regional endpoint of its `RegionId`, else the
/// central one.
pub fn endpoint_for(host: Option<&str>, params: &Params) -> Result<Endpoint, OptionError> {
    match host {
        Some(h) => parse_host(h),
        None => Ok(match param(params, "RegionId") {
            Some(r) if !r.is_empty() => Endpoint::regional(r),
            _ => Endpoint::central(),
        }),
    }
}

/// The method to sign for: the one given (`GET` or `POST`, any case), else what the SDKs send (GET for V1,
/// POST for V3).
pub fn method_for(method: Option<&str>, style: SignatureStyle) -> Result<&'static str, OptionError> {
    match method {
        Some(m) if m.eq_ignore_ascii_case("GET") => Ok("GET"),
        Some(m) if m.eq_ignore_ascii_case("POST") => Ok("POST"),
        Some(m) => Err(bad("method", format!("must be GET or POST, got {m:?}"))),
        None => Ok(match style {
            SignatureStyle::V1 => "GET",
            SignatureStyle::V3 => "POST",
        }),
    }
}

/// The request to sign: `Action=CopyImage` unless the parameters name another, then `params` over it; the
/// endpoint, method and V3 headers from `opts`.
pub fn sign_input(params: &Params, opts: &SignOptions) -> Result<GenerateInput, OptionError> {
    let all = merge_params(&[("Action".into(), "CopyImage".into())], params);
    let endpoint = endpoint_for(opts.host.as_deref(), &all)?;
    let method = method_for(opts.method.as_deref(), opts.style)?;
    if opts.form && method != "POST" {
        return Err(bad("form", "needs method POST".into()));
    }
    if opts.style == SignatureStyle::V1 && (opts.signed_headers.is_some() || !opts.headers.is_empty()) {
        let option = if opts.signed_headers.is_some() {
            "signed_headers"
        } else {
            "headers"
        };
        return Err(bad(option, "applies to signature version v3 only".into()));
    }
    if opts.signed_headers.as_ref().is_some_and(|v| v.is_empty()) {
        return Err(bad("signed_headers", "name at least one header".into()));
    }
    let mut input = GenerateInput::new(
        all,
        &opts.access_key_id,
        &opts.access_key_secret,
        &opts.timestamp,
        &opts.nonce,
    );
    input.endpoint = endpoint;
    input.style = opts.style;
    input.method = method.into();
    input.form_body = opts.form;
    input.security_token = opts.security_token.clone();
    input.signed_headers = opts.signed_headers.clone();
    input.extra_headers = opts.headers.clone();
    Ok(input)
}

/// A signed request as `copyimage sign --output json` prints it and the JavaScript `sign` returns it. The
/// fields are declared in the order JSON writes them (alphabetical, as the CLI always printed them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedJson {
    /// V3: the `Authorization` header value.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub authorization: Option<String>,
    /// The form body (empty without one).
    pub body: String,
    /// V1: the canonical query.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub canonical_query: Option<String>,
    /// V3: the canonical request.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub canonical_request: Option<String>,
    /// The headers sent, `[name, value]` in sending order.
    pub headers: Vec<(String, String)>,
    /// `GET` or `POST`.
    pub method: String,
    /// The signature (V1 base64, V3 hex).
    pub signature: String,
    /// The StringToSign.
    pub string_to_sign: String,
    /// `v1` or `v3`.
    pub style: String,
    /// The full URL.
    pub url: String,
}

impl SignedJson {
    /// The fields of a signed request.
    pub fn of(s: &SignedRequest) -> SignedJson {
        let v3 = s.style == SignatureStyle::V3;
        SignedJson {
            authorization: if v3 { s.authorization.clone() } else { None },
            body: s.request.body.clone(),
            canonical_query: (!v3).then(|| s.canonical.clone()),
            canonical_request: v3.then(|| s.canonical.clone()),
            headers: s.request.headers.clone(),
            method: s.request.method.clone(),
            signature: s.signature.clone(),
            string_to_sign: s.string_to_sign.clone(),
            style: if v3 { "v3" } else { "v1" }.into(),
            url: s.url.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signing::client::sign_request;

    fn opts() -> SignOptions {
        SignOptions {
            access_key_id: "testid".into(),
            access_key_secret: "testsecret".into(),
            timestamp: "2016-02-23T12:46:24Z".into(),
            nonce: "n-1".into(),
            ..Default::default()
        }
    }

    #[test]
    fn hosts_parse_or_name_the_problem() {
        assert_eq!(
            parse_host("http://127.0.0.1:8765/"),
            Ok(Endpoint::local("127.0.0.1", 8765))
        );
        assert_eq!(parse_host("ecs.aliyuncs.com"), Ok(Endpoint::central()));
        assert_eq!(
            parse_host("ftp://x").unwrap_err(),
            bad("host", "unsupported scheme \"ftp\" (use http or https)".into())
        );
        assert_eq!(
            parse_host("h:99999").unwrap_err(),
            bad("host", "bad port \"99999\"".into())
        );
        assert_eq!(
            parse_host("a b").unwrap_err(),
            bad("host", "not a host name: \"a b\"".into())
        );
    }

    #[test]
    fn defaults_follow_the_sdks() {
        let p: Params = vec![("RegionId".into(), "cn-shanghai".into())];
        let i = sign_input(&p, &opts()).unwrap();
        assert_eq!(i.method, "GET");
        assert_eq!(i.endpoint, Endpoint::regional("cn-shanghai"));
        assert_eq!(i.params[0], ("Action".to_string(), "CopyImage".to_string()));
        let v3 = SignOptions {
            style: SignatureStyle::V3,
            ..opts()
        };
        assert_eq!(sign_input(&vec![], &v3).unwrap().method, "POST");
        assert_eq!(sign_input(&vec![], &v3).unwrap().endpoint, Endpoint::central());
    }

    #[test]
    fn refused_options_name_themselves() {
        let form_get = SignOptions { form: true, ..opts() };
        assert_eq!(sign_input(&vec![], &form_get).unwrap_err().option, "form");
        let put = SignOptions {
            method: Some("PUT".into()),
            ..opts()
        };
        assert_eq!(
            sign_input(&vec![], &put).unwrap_err(),
            bad("method", "must be GET or POST, got \"PUT\"".into())
        );
        let v1_headers = SignOptions {
            signed_headers: Some(vec!["host".into()]),
            ..opts()
        };
        assert_eq!(sign_input(&vec![], &v1_headers).unwrap_err().option, "signed_headers");
    }

    #[test]
    fn json_fields_per_style() {
        let v1 = SignedJson::of(&sign_request(&sign_input(&vec![], &opts()).unwrap()));
        let text = serde_json::to_string(&v1).unwrap();
        assert!(text.starts_with("{\"body\":\"\",\"canonical_query\":\"AccessKeyId=testid&Action=CopyImage"));
        assert!(!text.contains("authorization") && !text.contains("canonical_request"));
        let v3 = SignOptions {
            style: SignatureStyle::V3,
            ..opts()
        };
        let v3 = SignedJson::of(&sign_request(&sign_input(&vec![], &v3).unwrap()));
        assert!(v3
            .authorization
            .as_deref()
            .unwrap()
            .starts_with("ACS3-HMAC-SHA256 Credential=testid,"));
        assert!(v3.canonical_request.as_deref().unwrap().starts_with("POST\n/\n"));
        assert_eq!(v3.style, "v3");
    }
}

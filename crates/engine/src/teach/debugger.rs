//! The signature debugger: given a full request and the secret, recompute what the server expects, and when
//! the request's signature differs, find out *why*.
//!
//! A signature is a hash, so the user's StringToSign cannot be read back from it. Instead the debugger
//! replays the mistakes people really make (found in support threads) — a space as `+`, a raw `*`, `~` as
//! `%7E`, JavaScript's `encodeURIComponent`, lower-case hex, unsorted parameters, the wrong method, an
//! empty parameter left out, a secret with a stray space, the V1 key without its `&` — and signs each
//! variant. The variant that reproduces the user's signature *is* their StringToSign: the debugger shows it
//! next to the expected one with the first differing character pointed out and the cause named. A user who
//! has their client's StringToSign (e.g. from the core SDK's error) can pass it to be compared directly.
//!
//! Layer: teach (may use `base`, `signing`, `model`, `service`).

use crate::base::clock::UtcTime;
use crate::base::error::ApiError;
use crate::base::wire::{param, HttpRequest, Params};
use crate::service::gateway::{self, TIMESTAMP_WINDOW_SECS};
use crate::signing::client::SignatureStyle;
use crate::signing::encode::{is_unreserved, parse_form};
use crate::signing::sign::{self, V3Authorization, V3Input};
use serde::{Deserialize, Serialize};

/// A likely cause of a signature mismatch (or of a refusal), named for the user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Cause {
    /// Whitespace around the secret: the request was signed with it, or the secret given has it and the
    /// request was signed without. The secret itself is never shown.
    WhitespaceInSecret {
        /// Where the whitespace is, e.g. `a trailing space`, `a leading newline`.
        whitespace: String,
        /// True when the secret given to the debugger has the whitespace (the request was signed trimmed).
        in_given_secret: bool,
    },
    /// V1 signed with the secret alone instead of `secret + "&"`, or V3 with `secret + "&"`.
    SecretAmpersand {
        /// True when the `&` was missing (V1), false when it was added (V3).
        missing: bool,
    },
    /// A character encoded the wrong way in the canonical query.
    Encoding {
        /// The rule that was broken, e.g. `space must be %20, not +`.
        rule: String,
        /// The parameter where the difference first shows.
        parameter: String,
    },
    /// Signed with another HTTP method than the one sent.
    WrongMethod {
        /// The method in the signature.
        signed: String,
        /// The method sent.
        sent: String,
    },
    /// Parameters not sorted by name before signing.
    NotSorted,
    /// A parameter with an empty value was left out of the signature (e.g. `SignatureType=`).
    EmptyParameterDropped {
        /// Its name.
        parameter: String,
    },
    /// The canonical query was not percent-encoded a second time in the StringToSign.
    NotEncodedTwice,
    /// V1: the base64 signature was put in the URL without encoding, its `+` read back as a space.
    UnencodedSignature,
    /// V3: header values not trimmed, or names not lower-cased, in the canonical headers.
    HeadersNotCanonical,
    /// V3: `x-acs-content-sha256` is not the SHA-256 of the body that was sent.
    PayloadHash {
        /// The header's value.
        header: String,
        /// The SHA-256 of the body received.
        actual: String,
    },
    /// The timestamp is outside the ±15 minute window of the server clock.
    StaleTimestamp {
        /// Request time minus server time, in seconds.
        skew_secs: i64,
    },
    /// The skew is (almost) a whole number of hours: local time sent as if it were UTC.
    TimezoneOffset {
        /// Hours the request is ahead of UTC (negative: behind).
        hours: i64,
    },
    /// The timestamp is not `yyyy-MM-ddTHH:mm:ssZ`.
    TimestampFormat {
        /// The value sent.
        value: String,
    },
    /// The nonce was already used within the window (a retry that reused the signed request).
    NonceReused {
        /// The nonce.
        nonce: String,
    },
    /// No common mistake reproduces the signature: most likely another secret (or the request was changed
    /// after it was signed).
    WrongSecretOrTampered,
    /// The request carries no signature at all.
    NoSignature,
}

/// Every English text the debugger's explanations and report are made of: the templates (`{name}`s filled
/// after translation), the whitespace and encoding phrases a cause carries, and the report's lines. A face
/// that shows them in another language keys its table by these (`Cause::explain_in`,
/// `Diagnosis::report_in`); a test holds the list to what the renderers ask for.
pub const TEXTS: &[&str] = &[
    T_WS_SIGNED_WITH,
    T_WS_IN_GIVEN,
    T_AMP_MISSING,
    T_AMP_ADDED,
    T_ENCODING,
    T_WRONG_METHOD,
    T_NOT_SORTED,
    T_EMPTY_DROPPED,
    T_NOT_ENCODED_TWICE,
    T_UNENCODED_SIGNATURE,
    T_HEADERS_NOT_CANONICAL,
    T_PAYLOAD_HASH,
    T_STALE_BEHIND,
    T_STALE_AHEAD,
    T_TZ_BEHIND,
    T_TZ_AHEAD,
    T_TIMESTAMP_FORMAT,
    T_NONCE_REUSED,
    T_WRONG_SECRET,
    T_NO_SIGNATURE,
    T_WS_BOTH,
    "a leading space",
    "a trailing space",
    "a leading newline",
    "a trailing newline",
    "a leading CR LF",
    "a trailing CR LF",
    "a leading tab",
    "a trailing tab",
    "a leading carriage return",
    "a trailing carriage return",
    "a leading whitespace character",
    "a trailing whitespace character",
    RULE_SPACE_PLUS,
    RULE_STAR_RAW,
    RULE_TILDE_ENCODED,
    RULE_JS_COMPONENT,
    RULE_JAVA_URL_ENCODER,
    RULE_LOWER_HEX,
    RULE_CANONICAL_DIFFERS,
    RULE_STS_DIFFERS,
    R_STYLE,
    R_YOUR_SIGNATURE,
    R_EXPECTED_SIGNATURE,
    R_MATCHES,
    R_DOES_NOT_MATCH,
    R_EXPECTED_TEXT,
    R_YOUR_TEXT,
    R_FIRST_DIFFERENCE,
    R_EXPECTED_CONTEXT,
    R_YOUR_CONTEXT,
    R_LIKELY_CAUSE,
    R_GATEWAY_ANSWERS,
];

/// How many distinct empty parameters the V1 diagnosis tries dropping, one guess each (the first ones).
const MAX_EMPTY_GUESSES: usize = 16;

const T_WS_SIGNED_WITH: &str =
    "The request was signed with the AccessKeySecret plus {whitespace} (a stray character pasted \
                                with it): trim the AccessKeySecret in your client.";
const T_WS_IN_GIVEN: &str =
    "The AccessKeySecret you gave has {whitespace}; the request was signed with it trimmed: trim the AccessKeySecret.";
const T_WS_BOTH: &str = "{first} and {second}";
const T_AMP_MISSING: &str =
    "V1 signs with the key AccessKeySecret + \"&\"; the request was signed with the secret alone.";
const T_AMP_ADDED: &str =
    "V3 signs with the raw AccessKeySecret; the request was signed with secret + \"&\" (the V1 key).";
const T_ENCODING: &str = "Percent-encoding: {rule} (first seen in parameter {parameter}).";
const T_WRONG_METHOD: &str = "The signature was made for {signed} but the request was sent as {sent}.";
const T_NOT_SORTED: &str = "Parameters must be sorted by name before they are joined and signed.";
const T_EMPTY_DROPPED: &str =
    "Parameter {parameter} has an empty value and was left out of the signature; empty values are signed too.";
const T_NOT_ENCODED_TWICE: &str = "The canonical query must be percent-encoded again inside the StringToSign \
                                   (METHOD&%2F&pct(canonical)): '=' → %3D, '&' → %26, '%' → %25.";
const T_UNENCODED_SIGNATURE: &str = "The Signature was put into the URL without percent-encoding: its '+' arrived as \
                                     a space. Encode it ('+' → %2B, '/' → %2F, '=' → %3D).";
const T_HEADERS_NOT_CANONICAL: &str = "Canonical headers must be lower-case names with trimmed values.";
const T_PAYLOAD_HASH: &str =
    "x-acs-content-sha256 is {header} but the body's SHA-256 is {actual}: hash the exact bytes sent.";
const T_STALE_BEHIND: &str =
    "The timestamp is {seconds} seconds behind the server clock; it must be within {window} seconds.";
const T_STALE_AHEAD: &str =
    "The timestamp is {seconds} seconds ahead of the server clock; it must be within {window} seconds.";
const T_TZ_BEHIND: &str =
    "The timestamp is {hours} hour(s) behind: it looks like local time (UTC{offset}) written with a 'Z'. Use UTC.";
const T_TZ_AHEAD: &str =
    "The timestamp is {hours} hour(s) ahead: it looks like local time (UTC{offset}) written with a 'Z'. Use UTC.";
const T_TIMESTAMP_FORMAT: &str =
    "Timestamp {value} is not in the form yyyy-MM-ddTHH:mm:ssZ (UTC, no fractions, no offset).";
const T_NONCE_REUSED: &str = "SignatureNonce {nonce} was already used within 15 minutes: make a fresh nonce (and so a \
                              fresh signature) for every request, retries included.";
const T_WRONG_SECRET: &str = "No common mistake reproduces this signature: the secret is most likely not the one the \
                              request was signed with, or the request was changed after signing.";
const T_NO_SIGNATURE: &str = "The request carries no signature (no Signature parameter, no ACS3 Authorization header).";

const RULE_SPACE_PLUS: &str = "space must be %20, not +";
const RULE_STAR_RAW: &str = "* must be %2A, not left raw";
const RULE_TILDE_ENCODED: &str = "~ must stay ~, not %7E";
const RULE_JS_COMPONENT: &str = "! ' ( ) * must be encoded (%21 %27 %28 %29 %2A); encodeURIComponent leaves them raw";
const RULE_JAVA_URL_ENCODER: &str = "URLEncoder output needs fixing: + → %20, * → %2A, %7E → ~";
const RULE_LOWER_HEX: &str = "hex digits must be upper-case (%2F, not %2f)";
const RULE_CANONICAL_DIFFERS: &str = "the canonical request differs";
/// The rule of a V1 StringToSign that differs in no known way; `{expected}` and `{yours}` are quoted excerpts.
const RULE_STS_DIFFERS: &str = "the StringToSign differs: expected {expected}…, yours {yours}…";

const R_STYLE: &str = "Signature style: {style}";
const R_YOUR_SIGNATURE: &str = "Your signature:     {signature}";
const R_EXPECTED_SIGNATURE: &str = "Expected signature: {signature}";
const R_MATCHES: &str = "The signature matches.";
const R_DOES_NOT_MATCH: &str = "The signature does NOT match.";
const R_EXPECTED_TEXT: &str = "Expected {what}:";
const R_YOUR_TEXT: &str = "Your {what}:";
const R_FIRST_DIFFERENCE: &str = "First difference at character {index}:";
/// The two context lines are 12 columns before the context, so the caret line (12 spaces) points under both.
const R_EXPECTED_CONTEXT: &str = "  expected: {context}";
const R_YOUR_CONTEXT: &str = "  yours:    {context}";
const R_LIKELY_CAUSE: &str = "Likely cause:";
const R_GATEWAY_ANSWERS: &str = "The gateway answers: {status} {code}: {message}";

/// `template` translated by `tr`, then filled.
fn fill_tr(tr: &dyn Fn(&str) -> String, template: &str, args: &[(&str, String)]) -> String {
    let args: Vec<(String, String)> = args.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
    crate::teach::why::fill(&tr(template), &args)
}

/// A whitespace description (`a trailing space`, or two of them joined by ` and `) translated by parts.
fn whitespace_in(tr: &dyn Fn(&str) -> String, whitespace: &str) -> String {
    match whitespace.split_once(" and ") {
        Some((a, b)) => fill_tr(tr, T_WS_BOTH, &[("first", tr(a)), ("second", tr(b))]),
        None => tr(whitespace),
    }
}

/// An encoding rule translated: a fixed rule by its text, the StringToSign one by its template.
fn rule_in(tr: &dyn Fn(&str) -> String, rule: &str) -> String {
    let prefix = RULE_STS_DIFFERS.split('{').next().unwrap_or("");
    if let Some((expected, yours)) = rule
        .strip_prefix(prefix)
        .and_then(|r| r.split_once("…, yours "))
        .and_then(|(e, y)| Some((e, y.strip_suffix('…')?)))
    {
        return fill_tr(
            tr,
            RULE_STS_DIFFERS,
            &[("expected", expected.to_string()), ("yours", yours.to_string())],
        );
    }
    tr(rule)
}

impl Cause {
    /// One sentence for the user.
    pub fn explain(&self) -> String {
        self.explain_in(&|s| s.to_string())
    }

    /// The sentence in another language: `tr` gives the translation of each English text (one of
    /// [`TEXTS`]; the English itself when it has none), placeholders are filled after translation. Values
    /// (parameter names, nonces, hashes) are never translated.
    pub fn explain_in(&self, tr: &dyn Fn(&str) -> String) -> String {
        let f = |template: &str, args: &[(&str, String)]| fill_tr(tr, template, args);
        match self {
            Cause::WhitespaceInSecret {
                whitespace,
                in_given_secret,
            } => f(
                if *in_given_secret {
                    T_WS_IN_GIVEN
                } else {
                    T_WS_SIGNED_WITH
                },
                &[("whitespace", whitespace_in(tr, whitespace))],
            ),
            Cause::SecretAmpersand { missing: true } => f(T_AMP_MISSING, &[]),
            Cause::SecretAmpersand { missing: false } => f(T_AMP_ADDED, &[]),
            Cause::Encoding { rule, parameter } => f(
                T_ENCODING,
                &[("rule", rule_in(tr, rule)), ("parameter", parameter.clone())],
            ),
            Cause::WrongMethod { signed, sent } => {
                f(T_WRONG_METHOD, &[("signed", signed.clone()), ("sent", sent.clone())])
            }
            Cause::NotSorted => f(T_NOT_SORTED, &[]),
            Cause::EmptyParameterDropped { parameter } => f(T_EMPTY_DROPPED, &[("parameter", parameter.clone())]),
            Cause::NotEncodedTwice => f(T_NOT_ENCODED_TWICE, &[]),
            Cause::UnencodedSignature => f(T_UNENCODED_SIGNATURE, &[]),
            Cause::HeadersNotCanonical => f(T_HEADERS_NOT_CANONICAL, &[]),
            Cause::PayloadHash { header, actual } => f(
                T_PAYLOAD_HASH,
                &[("header", header.clone()), ("actual", actual.clone())],
            ),
            Cause::StaleTimestamp { skew_secs } => f(
                if *skew_secs < 0 { T_STALE_BEHIND } else { T_STALE_AHEAD },
                &[
                    ("seconds", skew_secs.abs().to_string()),
                    ("window", TIMESTAMP_WINDOW_SECS.to_string()),
                ],
            ),
            Cause::TimezoneOffset { hours } => f(
                if *hours < 0 { T_TZ_BEHIND } else { T_TZ_AHEAD },
                &[("hours", hours.abs().to_string()), ("offset", format!("{hours:+}"))],
            ),
            Cause::TimestampFormat { value } => f(T_TIMESTAMP_FORMAT, &[("value", format!("{value:?}"))]),
            Cause::NonceReused { nonce } => f(T_NONCE_REUSED, &[("nonce", format!("{nonce:?}"))]),
            Cause::WrongSecretOrTampered => f(T_WRONG_SECRET, &[]),
            Cause::NoSignature => f(T_NO_SIGNATURE, &[]),
        }
    }
}

/// Where two strings first differ.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Difference {
    /// Character index (not byte) of the first difference.
    pub index: usize,
    /// The expected string around it.
    pub expected_context: String,
    /// The user's string around it.
    pub user_context: String,
    /// A caret line under the contexts pointing at the difference.
    pub caret: String,
}

/// The debugger's answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnosis {
    /// V1 or V3.
    pub style: SignatureStyle,
    /// True when the signature is what the server computes.
    pub signature_matches: bool,
    /// The signature in the request.
    pub user_signature: String,
    /// The signature the server computes.
    pub expected_signature: String,
    /// The server's StringToSign (V1) or canonical request (V3): the text to compare.
    pub expected_string_to_sign: String,
    /// The user's StringToSign / canonical request, when given or reconstructed.
    pub user_string_to_sign: Option<String>,
    /// The first difference between the two.
    pub difference: Option<Difference>,
    /// The likely causes, most specific first.
    pub causes: Vec<Cause>,
    /// What the gateway answers (with an empty nonce memory), if it refuses.
    pub gateway_error: Option<ApiError>,
}

impl Diagnosis {
    /// A human-readable report.
    pub fn report(&self) -> String {
        self.report_in(&|s| s.to_string())
    }

    /// The report in another language: `tr` translates each English text (see [`Cause::explain_in`]).
    /// Signatures, the texts compared and the gateway's code and message are shown as they are.
    pub fn report_in(&self, tr: &dyn Fn(&str) -> String) -> String {
        let f = |template: &str, args: &[(&str, String)]| fill_tr(tr, template, args);
        let mut s = String::new();
        let style = match self.style {
            SignatureStyle::V1 => "V1 (HMAC-SHA1)",
            SignatureStyle::V3 => "V3 (ACS3-HMAC-SHA256)",
        };
        let what = match self.style {
            SignatureStyle::V1 => "StringToSign",
            SignatureStyle::V3 => "CanonicalRequest",
        };
        let mut line = |text: String| {
            s.push_str(&text);
            s.push('\n');
        };
        line(f(R_STYLE, &[("style", style.into())]));
        line(f(R_YOUR_SIGNATURE, &[("signature", self.user_signature.clone())]));
        line(f(
            R_EXPECTED_SIGNATURE,
            &[("signature", self.expected_signature.clone())],
        ));
        line(f(
            if self.signature_matches {
                R_MATCHES
            } else {
                R_DOES_NOT_MATCH
            },
            &[],
        ));
        line(String::new());
        line(f(R_EXPECTED_TEXT, &[("what", what.into())]));
        line(self.expected_string_to_sign.clone());
        if let Some(u) = &self.user_string_to_sign {
            if u != &self.expected_string_to_sign {
                line(String::new());
                line(f(R_YOUR_TEXT, &[("what", what.into())]));
                line(u.clone());
            }
        }
        if let Some(d) = &self.difference {
            line(String::new());
            line(f(R_FIRST_DIFFERENCE, &[("index", d.index.to_string())]));
            line(f(R_EXPECTED_CONTEXT, &[("context", d.expected_context.clone())]));
            line(f(R_YOUR_CONTEXT, &[("context", d.user_context.clone())]));
            line(format!("            {}", d.caret));
        }
        if !self.causes.is_empty() {
            line(String::new());
            line(f(R_LIKELY_CAUSE, &[]));
            for c in &self.causes {
                line(format!("  - {}", c.explain_in(tr)));
            }
        }
        if let Some(e) = &self.gateway_error {
            line(String::new());
            line(f(
                R_GATEWAY_ANSWERS,
                &[
                    ("status", e.http_status.to_string()),
                    ("code", e.code.clone()),
                    ("message", e.message.clone()),
                ],
            ));
        }
        s
    }
}

// ---------------------------------------------------------------------------------------------------------
// Parsing what the user pastes
// ---------------------------------------------------------------------------------------------------------

/// A full URL (`https://host/?query`) as a GET request. `None` when it has no host.
pub fn parse_url(url: &str) -> Option<HttpRequest> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    let (before_query, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (host, path) = match before_query.find('/') {
        Some(i) => (&before_query[..i], &before_query[i..]),
        None => (before_query, "/"),
    };
    if host.is_empty() || host.contains(char::is_whitespace) {
        return None;
    }
    Some(HttpRequest {
        method: "GET".into(),
        host: host.into(),
        path: path.into(),
        query: query.split('#').next().unwrap_or("").into(),
        headers: vec![("Host".into(), host.into())],
        body: String::new(),
    })
}

/// Raw HTTP text (`METHOD /?query HTTP/1.1`, headers, blank line, body), `\n` or `\r\n` line ends.
pub fn parse_raw_http(text: &str) -> Option<HttpRequest> {
    let text = text.replace("\r\n", "\n");
    let (head, body) = text.split_once("\n\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let first = lines.next()?;
    let mut parts = first.split_whitespace();
    let method = parts.next()?.to_ascii_uppercase();
    let target = parts.next()?;
    let mut headers = Vec::new();
    for l in lines {
        let (k, v) = l.split_once(':')?;
        headers.push((k.trim().to_string(), v.trim().to_string()));
    }
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let host = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("host"))
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    Some(HttpRequest {
        method,
        host,
        path: path.into(),
        query: query.into(),
        headers,
        body: body.to_string(),
    })
}

// ---------------------------------------------------------------------------------------------------------
// The mistakes people make, as encoders
// ---------------------------------------------------------------------------------------------------------

/// One way of percent-encoding, right or wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Enc {
    /// RFC 3986 (right).
    Rfc3986,
    /// Form encoding: space as `+` (Python `quote_plus`, Java `URLEncoder` without the fix-ups).
    SpacePlus,
    /// `*` left raw.
    StarRaw,
    /// `~` encoded as `%7E`.
    TildeEncoded,
    /// JavaScript `encodeURIComponent`: `! ' ( ) *` raw.
    JsComponent,
    /// Java `URLEncoder` untouched: space `+`, `*` raw, `~` `%7E`.
    JavaUrlEncoder,
    /// Lower-case hex digits.
    LowerHex,
}

impl Enc {
    fn rule(self) -> &'static str {
        match self {
            Enc::Rfc3986 => "",
            Enc::SpacePlus => RULE_SPACE_PLUS,
            Enc::StarRaw => RULE_STAR_RAW,
            Enc::TildeEncoded => RULE_TILDE_ENCODED,
            Enc::JsComponent => RULE_JS_COMPONENT,
            Enc::JavaUrlEncoder => RULE_JAVA_URL_ENCODER,
            Enc::LowerHex => RULE_LOWER_HEX,
        }
    }

    fn encode_into(self, s: &str, out: &mut String) {
        const UP: &[u8; 16] = b"0123456789ABCDEF";
        const LO: &[u8; 16] = b"0123456789abcdef";
        for &b in s.as_bytes() {
            let raw = match self {
                Enc::Rfc3986 | Enc::LowerHex => is_unreserved(b),
                Enc::SpacePlus => is_unreserved(b),
                Enc::StarRaw => is_unreserved(b) || b == b'*',
                Enc::TildeEncoded => is_unreserved(b) && b != b'~',
                Enc::JsComponent => is_unreserved(b) || b"!'()*".contains(&b),
                Enc::JavaUrlEncoder => (is_unreserved(b) && b != b'~') || b == b'*',
            };
            if raw {
                out.push(b as char);
            } else if b == b' ' && matches!(self, Enc::SpacePlus | Enc::JavaUrlEncoder) {
                out.push('+');
            } else {
                let hex = if self == Enc::LowerHex { LO } else { UP };
                out.push('%');
                out.push(hex[(b >> 4) as usize] as char);
                out.push(hex[(b & 15) as usize] as char);
            }
        }
    }

    fn encode(self, s: &str) -> String {
        let mut out = String::new();
        self.encode_into(s, &mut out);
        out
    }
}

const WRONG_ENCODINGS: &[Enc] = &[
    Enc::SpacePlus,
    Enc::StarRaw,
    Enc::TildeEncoded,
    Enc::JsComponent,
    Enc::JavaUrlEncoder,
    Enc::LowerHex,
];

fn canonical_with(params: &[&(String, String)], enc: Enc) -> String {
    let mut out = String::new();
    for (i, (k, v)) in params.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        enc.encode_into(k, &mut out);
        out.push('=');
        enc.encode_into(v, &mut out);
    }
    out
}

fn sorted(params: &Params) -> Vec<&(String, String)> {
    let mut v: Vec<&(String, String)> = params.iter().filter(|(k, _)| k != "Signature").collect();
    crate::base::sort::sort_by(&mut v, |a, b| {
        a.0.as_bytes().cmp(b.0.as_bytes()).then_with(|| a.1.cmp(&b.1))
    });
    v
}

/// Secrets a user may have signed with by mistake (whitespace around the one given, or the one given
/// trimmed), each with the cause it stands for.
fn secret_variants(secret: &str) -> Vec<(String, Cause)> {
    let mut v = Vec::new();
    let trimmed = secret.trim();
    if trimmed != secret {
        v.push((
            trimmed.to_string(),
            Cause::WhitespaceInSecret {
                whitespace: describe_whitespace(secret),
                in_given_secret: true,
            },
        ));
    }
    for (ws, name) in [(" ", "space"), ("\n", "newline"), ("\r\n", "CR LF"), ("\t", "tab")] {
        for (candidate, place) in [
            (format!("{trimmed}{ws}"), "trailing"),
            (format!("{ws}{trimmed}"), "leading"),
        ] {
            if candidate != secret {
                v.push((
                    candidate,
                    Cause::WhitespaceInSecret {
                        whitespace: format!("a {place} {name}"),
                        in_given_secret: false,
                    },
                ));
            }
        }
    }
    v
}

/// `a leading space`, `a trailing newline`, ... for the whitespace around `s` (never `s` itself).
fn describe_whitespace(s: &str) -> String {
    let name = |c: char| match c {
        ' ' => "space",
        '\n' => "newline",
        '\r' => "carriage return",
        '\t' => "tab",
        _ => "whitespace character",
    };
    let mut parts = Vec::new();
    if let Some(c) = s.chars().next().filter(|c| c.is_whitespace()) {
        parts.push(format!("a leading {}", name(c)));
    }
    if let Some(c) = s.chars().last().filter(|c| c.is_whitespace()) {
        parts.push(format!("a trailing {}", name(c)));
    }
    parts.join(" and ")
}

/// The first differing character between `expected` and `user`, with context and a caret.
pub fn first_difference(expected: &str, user: &str) -> Option<Difference> {
    let e: Vec<char> = expected.chars().collect();
    let u: Vec<char> = user.chars().collect();
    let mut index = (0..e.len().max(u.len())).find(|&i| e.get(i) != u.get(i))?;
    // Point at the start of a percent-escape (`%2520`, `%20`) rather than into its middle; both strings
    // share everything before `index`, so the start is the same in each.
    if let Some(start) = (index.saturating_sub(4)..index)
        .find(|&p| e[p] == '%' && (index - p <= 2 || (index - p <= 4 && e.get(p + 1..p + 3) == Some(&['2', '5'][..]))))
    {
        index = start;
    }
    let start = index.saturating_sub(30);
    let ctx = |c: &[char]| -> String {
        let end = (index + 30).min(c.len());
        let s: String = c.get(start..end).map(|x| x.iter().collect()).unwrap_or_default();
        format!("{}{}", if start > 0 { "…" } else { "" }, s.replace('\n', "⏎"))
    };
    let lead = if start > 0 { 1 } else { 0 };
    Some(Difference {
        index,
        expected_context: ctx(&e),
        user_context: ctx(&u),
        caret: format!("{}^", " ".repeat(index - start + lead)),
    })
}

/// The parameter whose `name=value` contains character `index` of a V1 StringToSign (double-encoded, so
/// parameters are separated by `%26` and names end at `%3D`).
fn parameter_at_v1(sts: &str, index: usize) -> String {
    let prefix: String = sts.chars().take(index).collect();
    let canonical = match prefix.splitn(3, '&').nth(2) {
        Some(c) => c,
        None => return String::new(),
    };
    let last = canonical.rsplit("%26").next().unwrap_or("");
    last.split("%3D").next().unwrap_or("").to_string()
}

/// The query parameter at character `index` of a V3 canonical request (its third line).
fn parameter_at_v3(canonical: &str, index: usize) -> String {
    let prefix: String = canonical.chars().take(index).collect();
    let line = prefix.split('\n').nth(2).unwrap_or("");
    let last = line.rsplit('&').next().unwrap_or("");
    last.split('=').next().unwrap_or("").to_string()
}

// ---------------------------------------------------------------------------------------------------------
// The debugger
// ---------------------------------------------------------------------------------------------------------

/// Diagnoses `req` signed (supposedly) with `secret`. With `now`, the timestamp is checked too and the
/// gateway's answer included; `user_string_to_sign` (V1 StringToSign or V3 canonical request), when the
/// user has it, is compared directly.
pub fn diagnose(req: &HttpRequest, secret: &str, now: Option<UtcTime>, user_string_to_sign: Option<&str>) -> Diagnosis {
    diagnose_with_nonces(req, secret, now, user_string_to_sign, &gateway::NonceMemory::default())
}

/// [`diagnose`] against the nonces a server has already seen (e.g. the playground engine's memory), so a
/// reused nonce is named too.
pub fn diagnose_with_nonces(
    req: &HttpRequest,
    secret: &str,
    now: Option<UtcTime>,
    user_string_to_sign: Option<&str>,
    nonces: &gateway::NonceMemory,
) -> Diagnosis {
    let mut d = match gateway::signature_style(req) {
        SignatureStyle::V1 => diagnose_v1(req, secret, user_string_to_sign),
        SignatureStyle::V3 => diagnose_v3(req, secret, user_string_to_sign),
    };
    if let Some(now) = now {
        let ts = match d.style {
            SignatureStyle::V1 => param(&gateway::request_params(req), "Timestamp").map(str::to_string),
            SignatureStyle::V3 => req.header("x-acs-date").map(str::to_string),
        };
        if let Some(ts) = ts {
            match UtcTime::parse_iso8601(ts.trim()) {
                None => d.causes.push(Cause::TimestampFormat { value: ts }),
                Some(t) => {
                    let skew = t.0 - now.0;
                    if skew.abs() > TIMESTAMP_WINDOW_SECS {
                        d.causes.push(Cause::StaleTimestamp { skew_secs: skew });
                        let hours = (skew as f64 / 3600.0).round() as i64;
                        if hours != 0 && (skew - hours * 3600).abs() <= 5 * 60 {
                            d.causes.push(Cause::TimezoneOffset { hours });
                        }
                    }
                }
            }
        }
        let (ak, nonce) = match d.style {
            SignatureStyle::V1 => {
                let p = gateway::request_params(req);
                (
                    param(&p, "AccessKeyId").unwrap_or("").to_string(),
                    param(&p, "SignatureNonce").map(str::to_string),
                )
            }
            SignatureStyle::V3 => (
                req.header("authorization")
                    .and_then(sign::parse_v3_authorization)
                    .map(|a| a.credential)
                    .unwrap_or_default(),
                req.header("x-acs-signature-nonce").map(|n| n.trim().to_string()),
            ),
        };
        if let Some(n) = nonce.filter(|n| nonces.was_used(&ak, n, now)) {
            d.causes.push(Cause::NonceReused { nonce: n });
        }
        let secrets = |_: &str| Some(secret.to_string());
        d.gateway_error = gateway::authenticate(req, &secrets, now, &mut nonces.clone()).err();
    }
    d
}

fn diagnose_v1(req: &HttpRequest, secret: &str, given: Option<&str>) -> Diagnosis {
    let params = gateway::request_params(req);
    let user_sig = param(&params, "Signature").unwrap_or("").to_string();
    let expected = gateway::expected_v1(req, secret);
    let mut d = Diagnosis {
        style: SignatureStyle::V1,
        signature_matches: user_sig == expected.signature,
        user_signature: user_sig.clone(),
        expected_signature: expected.signature.clone(),
        expected_string_to_sign: expected.string_to_sign.clone(),
        user_string_to_sign: None,
        difference: None,
        causes: Vec::new(),
        gateway_error: None,
    };
    if d.signature_matches {
        return d;
    }
    if user_sig.is_empty() {
        d.causes.push(Cause::NoSignature);
        return d;
    }
    if let Some(u) = given {
        d.user_string_to_sign = Some(u.to_string());
        d.difference = first_difference(&expected.string_to_sign, u);
        d.causes
            .push(classify_v1_diff(&expected.string_to_sign, u, secret, &user_sig));
        return d;
    }
    if user_sig.contains(' ') && user_sig.replace(' ', "+") == expected.signature {
        d.causes.push(Cause::UnencodedSignature);
        return d;
    }
    let sts = &expected.string_to_sign;
    // Same StringToSign, other key.
    for (s, cause) in secret_variants(secret) {
        if sign::v1_signature(sts, &s) == user_sig {
            d.user_string_to_sign = Some(sts.clone());
            d.causes.push(cause);
            return d;
        }
    }
    if sign::v1_signature_with_key(sts, secret) == user_sig {
        d.user_string_to_sign = Some(sts.clone());
        d.causes.push(Cause::SecretAmpersand { missing: true });
        return d;
    }
    // Other StringToSigns, right key.
    let method = req.method.as_str();
    let sorted_params = sorted(&params);
    let mut candidates: Vec<(String, Cause)> = Vec::new();
    for enc in WRONG_ENCODINGS {
        let canonical = canonical_with(&sorted_params, *enc);
        let mut s = format!("{method}&%2F&");
        enc.encode_into(&canonical, &mut s);
        let cause = Cause::Encoding {
            rule: enc.rule().into(),
            parameter: String::new(),
        };
        candidates.push((s.clone(), cause.clone()));
        // The canonical encoded wrongly, the outer encoding done right (a common half-fix).
        candidates.push((sign::v1_string_to_sign(method, &canonical), cause));
    }
    for other in ["GET", "POST"] {
        if other != method {
            candidates.push((
                sign::v1_string_to_sign(other, &expected.canonical_query),
                Cause::WrongMethod {
                    signed: other.into(),
                    sent: method.into(),
                },
            ));
        }
    }
    let unsorted: Vec<&(String, String)> = params.iter().filter(|(k, _)| k != "Signature").collect();
    candidates.push((
        sign::v1_string_to_sign(method, &canonical_with(&unsorted, Enc::Rfc3986)),
        Cause::NotSorted,
    ));
    candidates.push((
        format!("{method}&%2F&{}", expected.canonical_query),
        Cause::NotEncodedTwice,
    ));
    // One guess per distinct empty parameter, for the first few: each guess re-signs the whole request, so
    // a pasted URL of thousands of empty parameters (`?a1&a2&…`) took the debugger close to a minute
    // (found by fuzzing); a real request has a handful.
    let mut empty: Vec<&str> = Vec::new();
    for (k, v) in &params {
        if v.is_empty() && k != "Signature" && !empty.contains(&k.as_str()) {
            if empty.len() == MAX_EMPTY_GUESSES {
                break;
            }
            empty.push(k);
        }
    }
    for name in empty {
        let kept: Params = params.iter().filter(|(k, _)| k != name).cloned().collect();
        candidates.push((
            sign::v1_string_to_sign(method, &sign::v1_canonical_query(&kept)),
            Cause::EmptyParameterDropped {
                parameter: name.to_string(),
            },
        ));
    }
    for (candidate, cause) in candidates {
        if candidate != *sts && sign::v1_signature(&candidate, secret) == user_sig {
            d.difference = first_difference(sts, &candidate);
            let cause = match cause {
                Cause::Encoding { rule, .. } => Cause::Encoding {
                    rule,
                    parameter: d
                        .difference
                        .as_ref()
                        .map(|x| parameter_at_v1(sts, x.index))
                        .unwrap_or_default(),
                },
                c => c,
            };
            d.user_string_to_sign = Some(candidate);
            d.causes.push(cause);
            return d;
        }
    }
    d.causes.push(Cause::WrongSecretOrTampered);
    d
}

/// Names the cause from the first difference between the expected and the user's V1 StringToSign.
fn classify_v1_diff(expected: &str, user: &str, secret: &str, user_sig: &str) -> Cause {
    let Some(diff) = first_difference(expected, user) else {
        // Same StringToSign, different signature: the key differs.
        for (s, cause) in secret_variants(secret) {
            if sign::v1_signature(expected, &s) == user_sig {
                return cause;
            }
        }
        if sign::v1_signature_with_key(expected, secret) == user_sig {
            return Cause::SecretAmpersand { missing: true };
        }
        return Cause::WrongSecretOrTampered;
    };
    let e: String = expected.chars().skip(diff.index).take(5).collect();
    let u: String = user.chars().skip(diff.index).take(5).collect();
    let parameter = parameter_at_v1(expected, diff.index);
    let rule = if e.starts_with("%2520") && (u.starts_with('+') || u.starts_with("%252B") || u.starts_with("%2B")) {
        Enc::SpacePlus.rule()
    } else if e.starts_with("%252A") && u.starts_with('*') {
        Enc::StarRaw.rule()
    } else if e.starts_with('~') && (u.starts_with("%257E") || u.starts_with("%7E")) {
        Enc::TildeEncoded.rule()
    } else if ["%2521", "%2527", "%2528", "%2529"].iter().any(|p| e.starts_with(p)) {
        Enc::JsComponent.rule()
    } else if e.starts_with('%') && u.starts_with('%') && e.eq_ignore_ascii_case(&u) {
        Enc::LowerHex.rule()
    } else if diff.index < 5 {
        return Cause::WrongMethod {
            signed: user.split('&').next().unwrap_or("").into(),
            sent: expected.split('&').next().unwrap_or("").into(),
        };
    } else {
        return Cause::Encoding {
            rule: crate::teach::why::fill(
                RULE_STS_DIFFERS,
                &[
                    ("expected".into(), format!("{e:?}")),
                    ("yours".into(), format!("{u:?}")),
                ],
            ),
            parameter,
        };
    };
    Cause::Encoding {
        rule: rule.into(),
        parameter,
    }
}

fn diagnose_v3(req: &HttpRequest, secret: &str, given: Option<&str>) -> Diagnosis {
    let auth = req.header("authorization").and_then(sign::parse_v3_authorization);
    let Some(auth) = auth else {
        return Diagnosis {
            style: SignatureStyle::V3,
            signature_matches: false,
            user_signature: String::new(),
            expected_signature: String::new(),
            expected_string_to_sign: String::new(),
            user_string_to_sign: None,
            difference: None,
            causes: vec![Cause::NoSignature],
            gateway_error: None,
        };
    };
    let expected = gateway::expected_v3(req, &auth, secret);
    let mut d = Diagnosis {
        style: SignatureStyle::V3,
        signature_matches: auth.signature == expected.signature,
        user_signature: auth.signature.clone(),
        expected_signature: expected.signature.clone(),
        expected_string_to_sign: expected.canonical_request.clone(),
        user_string_to_sign: None,
        difference: None,
        causes: Vec::new(),
        gateway_error: None,
    };
    if d.signature_matches {
        return d;
    }
    if let Some(u) = given {
        d.user_string_to_sign = Some(u.to_string());
        d.difference = first_difference(&expected.canonical_request, u);
        if d.difference.is_none() {
            d.causes
                .push(v3_key_cause(&expected.string_to_sign, secret, &auth.signature));
        } else {
            d.causes.push(Cause::Encoding {
                rule: RULE_CANONICAL_DIFFERS.into(),
                parameter: d
                    .difference
                    .as_ref()
                    .map(|x| parameter_at_v3(&expected.canonical_request, x.index))
                    .unwrap_or_default(),
            });
        }
        return d;
    }
    // The payload hash the user sent vs the body: a frequent, direct cause.
    let actual = sign::sha256_hex(req.body.as_bytes());
    if let Some(h) = req.header("x-acs-content-sha256") {
        if h.trim() != actual {
            let with_header = variant_v3(req, &auth, secret, None, Some(h.trim()), false);
            if with_header.1 == auth.signature {
                d.user_string_to_sign = Some(with_header.0);
                d.difference = first_difference(
                    &expected.canonical_request,
                    d.user_string_to_sign.as_deref().unwrap_or(""),
                );
            }
            d.causes.push(Cause::PayloadHash {
                header: h.trim().into(),
                actual,
            });
            return d;
        }
    }
    let key_cause = v3_key_cause(&expected.string_to_sign, secret, &auth.signature);
    if key_cause != Cause::WrongSecretOrTampered {
        d.user_string_to_sign = Some(expected.canonical_request.clone());
        d.causes.push(key_cause);
        return d;
    }
    let mut candidates: Vec<((String, String), Cause)> = Vec::new();
    for enc in WRONG_ENCODINGS {
        candidates.push((
            variant_v3(req, &auth, secret, Some(*enc), None, false),
            Cause::Encoding {
                rule: enc.rule().into(),
                parameter: String::new(),
            },
        ));
    }
    candidates.push((
        variant_v3(req, &auth, secret, None, None, true),
        Cause::HeadersNotCanonical,
    ));
    for other in ["GET", "POST"] {
        if other != req.method {
            let as_other = HttpRequest {
                method: other.into(),
                ..req.clone()
            };
            candidates.push((
                variant_v3(&as_other, &auth, secret, None, None, false),
                Cause::WrongMethod {
                    signed: other.into(),
                    sent: req.method.clone(),
                },
            ));
        }
    }
    for ((canonical, sig), cause) in candidates {
        if canonical != expected.canonical_request && sig == auth.signature {
            d.difference = first_difference(&expected.canonical_request, &canonical);
            let cause = match cause {
                Cause::Encoding { rule, .. } => Cause::Encoding {
                    rule,
                    parameter: d
                        .difference
                        .as_ref()
                        .map(|x| parameter_at_v3(&expected.canonical_request, x.index))
                        .unwrap_or_default(),
                },
                c => c,
            };
            d.user_string_to_sign = Some(canonical);
            d.causes.push(cause);
            return d;
        }
    }
    d.causes.push(Cause::WrongSecretOrTampered);
    d
}

fn v3_key_cause(string_to_sign: &str, secret: &str, user_sig: &str) -> Cause {
    for (s, cause) in secret_variants(secret) {
        if sign::hmac_sha256_hex(&s, string_to_sign) == user_sig {
            return cause;
        }
    }
    if sign::hmac_sha256_hex(&format!("{secret}&"), string_to_sign) == user_sig {
        return Cause::SecretAmpersand { missing: false };
    }
    Cause::WrongSecretOrTampered
}

/// A V3 canonical request and signature made with one mistake: a wrong query encoding, the payload hash
/// taken from the header, or raw (untrimmed, original-case) headers.
fn variant_v3(
    req: &HttpRequest,
    auth: &V3Authorization,
    secret: &str,
    enc: Option<Enc>,
    payload: Option<&str>,
    raw_headers: bool,
) -> (String, String) {
    let query = parse_form(&req.query);
    let actual = sign::sha256_hex(req.body.as_bytes());
    let payload = payload.unwrap_or(&actual);
    let signed = match enc {
        None if !raw_headers => sign::sign_v3(&V3Input {
            method: &req.method,
            path: &req.path,
            query: &query,
            headers: &req.headers,
            signed_headers: Some(&auth.signed_headers),
            hashed_payload: payload,
            access_key_id: &auth.credential,
            secret,
        }),
        _ => {
            let (canon_headers, names) = if raw_headers {
                let mut names = auth.signed_headers.clone();
                crate::base::sort::sort(&mut names);
                // The first header of each name, found in an index sorted by the lower-cased name (stable, so
                // the first sent comes first): a scan per name was n² for a pasted request of thousands.
                let mut index: Vec<(String, usize)> = req
                    .headers
                    .iter()
                    .enumerate()
                    .map(|(i, (k, _))| (k.to_ascii_lowercase(), i))
                    .collect();
                crate::base::sort::sort_by(&mut index, |a, b| a.0.cmp(&b.0));
                let mut s = String::new();
                for n in &names {
                    let n_lower = n.to_ascii_lowercase();
                    let at = index.partition_point(|(k, _)| *k < n_lower);
                    match index.get(at).filter(|(k, _)| *k == n_lower) {
                        Some((_, i)) => {
                            let (k, v) = &req.headers[*i];
                            s.push_str(&format!("{k}:{v}\n"));
                        }
                        None => s.push_str(&format!("{n}:\n")),
                    }
                }
                (s, names.join(";"))
            } else {
                sign::v3_canonical_headers(&req.headers, Some(&auth.signed_headers))
            };
            let enc = enc.unwrap_or(Enc::Rfc3986);
            let mut q: Vec<&(String, String)> = query.iter().collect();
            crate::base::sort::sort_by(&mut q, |a, b| {
                a.0.as_bytes().cmp(b.0.as_bytes()).then_with(|| a.1.cmp(&b.1))
            });
            let cq = q
                .iter()
                .map(|(k, v)| format!("{}={}", enc.encode(k), enc.encode(v)))
                .collect::<Vec<_>>()
                .join("&");
            let path = if req.path.is_empty() { "/" } else { &req.path };
            let canonical = format!(
                "{}\n{}\n{}\n{}\n{}\n{}",
                req.method, path, cq, canon_headers, names, payload
            );
            let sts = format!("{}\n{}", sign::V3_ALGORITHM, sign::sha256_hex(canonical.as_bytes()));
            return (canonical, sign::hmac_sha256_hex(secret, &sts));
        }
    };
    (signed.canonical_request, signed.signature)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    /// One cause of every kind and every wording: each whitespace description, each encoding rule, both
    /// signs of a skew.
    fn every_cause() -> Vec<Cause> {
        let mut v: Vec<Cause> = Vec::new();
        for secret in ["s", " s", "s\n", "\ts\r", "\rs\u{a0}", "\u{a0}s"] {
            v.extend(secret_variants(secret).into_iter().map(|(_, c)| c));
        }
        for rule in WRONG_ENCODINGS.iter().map(|e| e.rule().to_string()).chain([
            RULE_CANONICAL_DIFFERS.to_string(),
            classify_rule("GET&%2F&A%3Dxyzab", "GET&%2F&A%3Dqrstu"),
        ]) {
            v.push(Cause::Encoding {
                rule,
                parameter: "ImageName".into(),
            });
        }
        v.extend([
            Cause::SecretAmpersand { missing: true },
            Cause::SecretAmpersand { missing: false },
            Cause::WrongMethod {
                signed: "GET".into(),
                sent: "POST".into(),
            },
            Cause::NotSorted,
            Cause::EmptyParameterDropped {
                parameter: "SignatureType".into(),
            },
            Cause::NotEncodedTwice,
            Cause::UnencodedSignature,
            Cause::HeadersNotCanonical,
            Cause::PayloadHash {
                header: "abc".into(),
                actual: "def".into(),
            },
            Cause::StaleTimestamp { skew_secs: -1000 },
            Cause::StaleTimestamp { skew_secs: 1000 },
            Cause::TimezoneOffset { hours: 8 },
            Cause::TimezoneOffset { hours: -5 },
            Cause::TimestampFormat { value: "now".into() },
            Cause::NonceReused { nonce: "n-1".into() },
            Cause::WrongSecretOrTampered,
            Cause::NoSignature,
        ]);
        v
    }

    /// The rule `classify_v1_diff` names for two StringToSigns that differ in no known way.
    fn classify_rule(expected: &str, user: &str) -> String {
        match classify_v1_diff(expected, user, "s", "sig") {
            Cause::Encoding { rule, .. } => rule,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn every_text_the_explanations_and_the_report_use_is_listed() {
        let asked = RefCell::new(Vec::<String>::new());
        let tr = |s: &str| {
            asked.borrow_mut().push(s.to_string());
            s.to_string()
        };
        for c in every_cause() {
            // Translating with the identity is the English sentence itself.
            assert_eq!(c.explain_in(&tr), c.explain());
        }
        let d = Diagnosis {
            style: SignatureStyle::V1,
            signature_matches: false,
            user_signature: "a".into(),
            expected_signature: "b".into(),
            expected_string_to_sign: "GET&%2F&x".into(),
            user_string_to_sign: Some("GET&%2F&y".into()),
            difference: first_difference("GET&%2F&x", "GET&%2F&y"),
            causes: every_cause(),
            gateway_error: Some(gateway::signature_does_not_match("GET&%2F&x")),
        };
        assert_eq!(d.report_in(&tr), d.report());
        let ok = Diagnosis {
            signature_matches: true,
            style: SignatureStyle::V3,
            ..d
        };
        assert_eq!(ok.report_in(&tr), ok.report());
        let asked = asked.into_inner();
        let unlisted: Vec<&String> = asked.iter().filter(|s| !TEXTS.contains(&s.as_str())).collect();
        assert!(unlisted.is_empty(), "not in TEXTS: {unlisted:#?}");
        let unused: Vec<&&str> = TEXTS.iter().filter(|t| !asked.iter().any(|a| a == *t)).collect();
        assert!(unused.is_empty(), "listed but never used: {unused:#?}");
    }

    #[test]
    fn a_translation_is_applied_by_parts_and_values_stay_as_they_are() {
        let tr = |s: &str| match s {
            T_WS_SIGNED_WITH => "签名用了 {whitespace}".to_string(),
            T_WS_BOTH => "{first}和{second}".to_string(),
            "a leading space" => "开头的空格".to_string(),
            "a trailing newline" => "末尾的换行符".to_string(),
            T_ENCODING => "编码：{rule}（{parameter}）".to_string(),
            RULE_STS_DIFFERS => "不同：{expected} / {yours}".to_string(),
            other => other.to_string(),
        };
        let ws = Cause::WhitespaceInSecret {
            whitespace: "a leading space and a trailing newline".into(),
            in_given_secret: false,
        };
        assert_eq!(ws.explain_in(&tr), "签名用了 开头的空格和末尾的换行符");
        let enc = Cause::Encoding {
            rule: classify_rule("GET&%2F&A%3Dxyzab", "GET&%2F&A%3Dqrstu"),
            parameter: "A".into(),
        };
        assert_eq!(enc.explain_in(&tr), "编码：不同：\"xyzab\" / \"qrstu\"（A）");
    }
}

//! The signature debugger names the mistake planted in each request. Every mistake is planted by editing
//! the correct StringToSign / canonical request as text (not with the debugger's own encoders), then
//! signing that, as a client with the bug would.

use copyimage_engine::clock::UtcTime;
use copyimage_engine::debugger::{diagnose, diagnose_with_nonces, parse_raw_http, parse_url, Cause};
use copyimage_engine::encode::percent_encode;
use copyimage_engine::gateway::SignatureStyle;
use copyimage_engine::gateway::{authenticate, NonceMemory};
use copyimage_engine::generate::{self, GenerateInput};
use copyimage_engine::sign;
use copyimage_engine::wire::{HttpRequest, Params};

const TS: &str = "2026-11-27T08:30:00Z";
const SECRET: &str = "testsecret";

fn now() -> UtcTime {
    UtcTime::parse_iso8601(TS).unwrap()
}

fn params() -> Params {
    [
        ("Action", "CopyImage"),
        ("RegionId", "cn-hangzhou"),
        ("ImageId", "m-bp1h46wfpjsjastc****"),
        ("DestinationRegionId", "cn-shanghai"),
        ("DestinationImageName", "my copy (v2)! it's~"),
        ("SignatureType", ""),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

fn v1(method: &str) -> (HttpRequest, String) {
    let mut i = GenerateInput::new(params(), "testid", SECRET, TS, "nonce-1");
    i.method = method.into();
    let s = generate::sign_request(&i);
    (s.request, s.string_to_sign)
}

/// `req` with its V1 Signature replaced by `sig`.
fn with_sig(req: &HttpRequest, sig: &str) -> HttpRequest {
    let head = req.query.split("&Signature=").next().unwrap();
    HttpRequest {
        query: format!("{head}&Signature={}", percent_encode(sig)),
        ..req.clone()
    }
}

fn planted(sts_edit: impl Fn(&str) -> String) -> (HttpRequest, String, String) {
    let (req, sts) = v1("GET");
    let bad = sts_edit(&sts);
    assert_ne!(bad, sts, "the edit must change the StringToSign");
    (with_sig(&req, &sign::v1_signature(&bad, SECRET)), sts, bad)
}

fn encoding_rule(c: &Cause) -> (&str, &str) {
    match c {
        Cause::Encoding { rule, parameter } => (rule.as_str(), parameter.as_str()),
        other => panic!("expected an encoding cause, got {other:?}"),
    }
}

#[test]
fn a_correct_request_matches() {
    let (req, _) = v1("GET");
    let d = diagnose(&req, SECRET, Some(now()), None);
    assert!(d.signature_matches);
    assert!(d.causes.is_empty());
    assert_eq!(d.gateway_error, None);
    assert!(d.report().contains("The signature matches."));
}

#[test]
fn space_as_plus() {
    let (req, sts, bad) = planted(|s| s.replace("%2520", "%2B"));
    let d = diagnose(&req, SECRET, Some(now()), None);
    assert!(!d.signature_matches);
    assert_eq!(
        encoding_rule(&d.causes[0]),
        ("space must be %20, not +", "DestinationImageName")
    );
    assert_eq!(d.user_string_to_sign.as_deref(), Some(bad.as_str()));
    let diff = d.difference.unwrap();
    assert_eq!(diff.index, sts.find("%2520").unwrap());
    assert_eq!(d.gateway_error.unwrap().code, "SignatureDoesNotMatch");
}

#[test]
fn star_left_raw() {
    let (req, sts, _) = planted(|s| s.replace("%252A", "*"));
    let d = diagnose(&req, SECRET, None, None);
    assert_eq!(encoding_rule(&d.causes[0]), ("* must be %2A, not left raw", "ImageId"));
    assert_eq!(d.difference.unwrap().index, sts.find("%252A").unwrap());
}

#[test]
fn tilde_encoded() {
    let (req, _, _) = planted(|s| s.replace('~', "%257E"));
    let d = diagnose(&req, SECRET, None, None);
    assert_eq!(encoding_rule(&d.causes[0]).0, "~ must stay ~, not %7E");
}

#[test]
fn encode_uri_component() {
    let (req, sts, _) = planted(|s| {
        s.replace("%2521", "!")
            .replace("%2527", "'")
            .replace("%2528", "(")
            .replace("%2529", ")")
            .replace("%252A", "*")
    });
    let d = diagnose(&req, SECRET, None, None);
    assert!(encoding_rule(&d.causes[0]).0.contains("encodeURIComponent"));
    // The first difference is the first of those characters in the StringToSign: the `(` of the name.
    assert_eq!(d.difference.unwrap().index, sts.find("%2528").unwrap());
}

#[test]
fn secret_with_a_stray_space() {
    let (req, sts) = v1("GET");
    let req = with_sig(&req, &sign::v1_signature(&sts, "testsecret "));
    let d = diagnose(&req, SECRET, None, None);
    assert_eq!(
        d.causes,
        vec![Cause::WhitespaceInSecret {
            whitespace: "a trailing space".into(),
            in_given_secret: false
        }]
    );
    assert!(d.report().contains("trim the AccessKeySecret"));
    assert!(!d.report().contains("testsecret"), "the secret must never be shown");
    // And the other way round: the user pasted the secret with a newline into the debugger.
    let (good, _) = v1("GET");
    let d = diagnose(&good, "testsecret\n", None, None);
    assert_eq!(
        d.causes,
        vec![Cause::WhitespaceInSecret {
            whitespace: "a trailing newline".into(),
            in_given_secret: true
        }]
    );
}

#[test]
fn key_without_ampersand() {
    let (req, sts) = v1("GET");
    let req = with_sig(&req, &sign::v1_signature_with_key(&sts, SECRET));
    assert_eq!(
        diagnose(&req, SECRET, None, None).causes,
        vec![Cause::SecretAmpersand { missing: true }]
    );
}

#[test]
fn signed_for_post_sent_as_get() {
    let (req, _, _) = planted(|s| s.replacen("GET&", "POST&", 1));
    let d = diagnose(&req, SECRET, None, None);
    assert_eq!(
        d.causes,
        vec![Cause::WrongMethod {
            signed: "POST".into(),
            sent: "GET".into()
        }]
    );
    assert_eq!(d.difference.unwrap().index, 0);
}

#[test]
fn empty_parameter_left_out() {
    let (req, _, _) = planted(|s| s.replace("%26SignatureType%3D", ""));
    let d = diagnose(&req, SECRET, None, None);
    assert_eq!(
        d.causes,
        vec![Cause::EmptyParameterDropped {
            parameter: "SignatureType".into()
        }]
    );
}

#[test]
fn signature_not_url_encoded() {
    // Find a nonce whose signature has a '+', then put it into the URL raw.
    for n in 0..200 {
        let mut i = GenerateInput::new(params(), "testid", SECRET, TS, &format!("n{n}"));
        i.method = "GET".into();
        let s = generate::sign_request(&i);
        if !s.signature.contains('+') {
            continue;
        }
        let head = s.request.query.split("&Signature=").next().unwrap();
        let raw = HttpRequest {
            query: format!("{head}&Signature={}", s.signature),
            ..s.request.clone()
        };
        let d = diagnose(&raw, SECRET, Some(now()), None);
        assert_eq!(d.causes, vec![Cause::UnencodedSignature]);
        assert_eq!(d.gateway_error.unwrap().code, "IncompleteSignature");
        return;
    }
    panic!("no signature with '+'");
}

#[test]
fn local_time_sent_as_utc() {
    // Signed correctly, but with Beijing local time written as UTC.
    let mut i = GenerateInput::new(params(), "testid", SECRET, "2026-11-27T16:30:00Z", "nonce-1");
    i.method = "GET".into();
    let req = generate::sign_request(&i).request;
    let d = diagnose(&req, SECRET, Some(now()), None);
    assert!(d.signature_matches);
    assert_eq!(
        d.causes,
        vec![
            Cause::StaleTimestamp { skew_secs: 8 * 3600 },
            Cause::TimezoneOffset { hours: 8 }
        ]
    );
    assert!(d.report().contains("UTC+8"));
    assert_eq!(d.gateway_error.unwrap().code, "InvalidTimeStamp.Expired");
}

#[test]
fn a_wrong_secret_is_named_as_such() {
    let (req, _) = v1("GET");
    let d = diagnose(&req, "another-secret", None, None);
    assert_eq!(d.causes, vec![Cause::WrongSecretOrTampered]);
}

#[test]
fn a_given_string_to_sign_is_compared_directly() {
    let (req, sts, bad) = planted(|s| s.replace("%2520", "%2B"));
    let d = diagnose(&req, SECRET, None, Some(&bad));
    assert_eq!(
        encoding_rule(&d.causes[0]),
        ("space must be %20, not +", "DestinationImageName")
    );
    let diff = d.difference.unwrap();
    assert_eq!(diff.index, sts.find("%2520").unwrap());
    assert!(diff.expected_context.contains("%2520"));
    assert!(diff.user_context.contains("%2B"));
}

#[test]
fn urls_and_raw_http_parse() {
    let (req, _) = v1("GET");
    let url = format!("https://{}/?{}", req.host, req.query);
    let parsed = parse_url(&url).unwrap();
    assert!(diagnose(&parsed, SECRET, None, None).signature_matches);
    let (post, _) = v1("POST");
    let text = format!(
        "POST /?{} HTTP/1.1\r\nHost: {}\r\nContent-Length: 0\r\n\r\n",
        post.query, post.host
    );
    assert!(diagnose(&parse_raw_http(&text).unwrap(), SECRET, None, None).signature_matches);
    assert!(parse_url("https:///?a=b").is_none());
    assert!(parse_raw_http("").is_none());
}

// ---- V3 ----

fn v3() -> (HttpRequest, String) {
    let mut i = GenerateInput::new(params(), "testid", SECRET, TS, "nonce-3");
    i.style = SignatureStyle::V3;
    let s = generate::sign_request(&i);
    (s.request, s.canonical)
}

fn with_v3_sig(req: &HttpRequest, canonical: &str, secret: &str) -> HttpRequest {
    let sts = format!("ACS3-HMAC-SHA256\n{}", sign::sha256_hex(canonical.as_bytes()));
    let sig = sign::hmac_sha256_hex(secret, &sts);
    let mut r = req.clone();
    for h in r.headers.iter_mut() {
        if h.0.eq_ignore_ascii_case("authorization") {
            let (head, _) = h.1.rsplit_once("Signature=").unwrap();
            h.1 = format!("{head}Signature={sig}");
        }
    }
    r
}

#[test]
fn v3_planted_mistakes() {
    let (req, canonical) = v3();
    assert!(diagnose(&req, SECRET, Some(now()), None).signature_matches);

    let bad = canonical.replace("%20", "+");
    let d = diagnose(&with_v3_sig(&req, &bad, SECRET), SECRET, None, None);
    assert_eq!(
        encoding_rule(&d.causes[0]),
        ("space must be %20, not +", "DestinationImageName")
    );
    assert_eq!(d.difference.unwrap().index, canonical.find("%20").unwrap());

    let d = diagnose(&with_v3_sig(&req, &canonical, "testsecret&"), SECRET, None, None);
    assert_eq!(d.causes, vec![Cause::SecretAmpersand { missing: false }]);

    let d = diagnose(&with_v3_sig(&req, &canonical, " testsecret"), SECRET, None, None);
    assert_eq!(
        d.causes,
        vec![Cause::WhitespaceInSecret {
            whitespace: "a leading space".into(),
            in_given_secret: false
        }]
    );

    // A body added after signing: the header's hash no longer matches it.
    let mut tampered = req.clone();
    tampered.body = "RegionId=cn-hangzhou".into();
    let d = diagnose(&tampered, SECRET, Some(now()), None);
    assert!(matches!(&d.causes[0], Cause::PayloadHash { header, .. } if header == sign::EMPTY_SHA256));
    assert_eq!(d.gateway_error.unwrap().code, "SignatureDoesNotMatch");

    let d = diagnose(&req, "nope", None, None);
    assert_eq!(d.causes, vec![Cause::WrongSecretOrTampered]);

    // Signed as GET, sent as POST.
    let bad = canonical.replacen("POST\n", "GET\n", 1);
    let d = diagnose(&with_v3_sig(&req, &bad, SECRET), SECRET, None, None);
    assert_eq!(
        d.causes,
        vec![Cause::WrongMethod {
            signed: "GET".into(),
            sent: "POST".into()
        }]
    );
    assert_eq!(d.difference.unwrap().index, 0);
}

#[test]
fn v3_headers_not_lower_cased_or_trimmed() {
    // A client that sends `X-Acs-Version:  2014-05-26 ` and signs it as sent.
    let (mut req, canonical) = v3();
    for h in req.headers.iter_mut() {
        if h.0 == "x-acs-version" {
            *h = ("X-Acs-Version".into(), " 2014-05-26 ".into());
        }
    }
    let bad = canonical.replace("x-acs-version:2014-05-26", "X-Acs-Version: 2014-05-26 ");
    let d = diagnose(&with_v3_sig(&req, &bad, SECRET), SECRET, None, None);
    assert_eq!(d.causes, vec![Cause::HeadersNotCanonical]);
    assert_eq!(d.user_string_to_sign.as_deref(), Some(bad.as_str()));
}

#[test]
fn the_report_reads_well() {
    let (req, _, _) = planted(|s| s.replace("%2520", "%2B"));
    let report = diagnose(&req, SECRET, Some(now()), None).report();
    println!("{report}");
    assert!(report.contains("First difference at character"));
    assert!(
        report.contains("Percent-encoding: space must be %20, not + (first seen in parameter DestinationImageName).")
    );
    assert!(report.contains("The gateway answers: 400 SignatureDoesNotMatch: Specified signature is not matched"));
}

#[test]
fn a_reused_nonce_is_named() {
    let (req, _) = v1("GET");
    let mut nonces = NonceMemory::default();
    let secrets = |_: &str| Some(SECRET.to_string());
    assert!(authenticate(&req, &secrets, now(), &mut nonces).is_ok());
    let d = diagnose_with_nonces(&req, SECRET, Some(now().plus(30)), None, &nonces);
    assert!(d.signature_matches);
    assert_eq!(
        d.causes,
        vec![Cause::NonceReused {
            nonce: "nonce-1".into()
        }]
    );
    assert_eq!(d.gateway_error.as_ref().unwrap().code, "SignatureNonceUsed");
    assert!(d.report().contains("fresh nonce"));
}

/// The debugger tries dropping each of the first sixteen distinct empty parameters, not every one: each guess
/// re-signs the whole request, and a pasted URL of thousands of empty parameters took it most of a minute
/// (found by fuzzing the URL reader).
#[test]
fn only_the_first_sixteen_empty_parameters_are_guessed() {
    let mut p = params(); // SignatureType is its first empty parameter
    p.extend((0..20).map(|i| (format!("E{i:02}"), String::new())));
    let mut i = GenerateInput::new(p, "testid", SECRET, TS, "nonce-1");
    i.method = "GET".into();
    let s = generate::sign_request(&i);
    let dropped = |name: &str| {
        let bad = s.string_to_sign.replace(&format!("%26{name}%3D"), "");
        assert_ne!(bad, s.string_to_sign);
        diagnose(
            &with_sig(&s.request, &sign::v1_signature(&bad, SECRET)),
            SECRET,
            None,
            None,
        )
        .causes
    };
    assert_eq!(
        dropped("E14"),
        vec![Cause::EmptyParameterDropped {
            parameter: "E14".into()
        }]
    );
    assert_eq!(dropped("E15"), vec![Cause::WrongSecretOrTampered]);
}

/// The fuzzer's slow input, in kind: a pasted URL of 6,000 distinct empty parameters is read and diagnosed
/// (no guess matches its made-up signature).
#[test]
fn a_url_of_thousands_of_empty_parameters_is_diagnosed() {
    let query: Vec<String> = (0..6000).map(|i| format!("a{i}")).collect();
    let req = parse_url(&format!("http://ecs.aliyuncs.com/?Signature=x&{}", query.join("&"))).unwrap();
    let d = diagnose(&req, SECRET, Some(now()), None);
    assert_eq!(d.causes, vec![Cause::WrongSecretOrTampered]);
}

/// Thousands of signed headers, one of them sent twice, signed as sent (original case, untrimmed): the
/// raw-headers guess (the first header of each name) and the canonical headers (a sorted index, a binary search by
/// name) still name the mistake; found by fuzzing the raw-HTTP reader, where a scan per name took
/// seconds.
#[test]
fn a_request_of_thousands_of_signed_headers_is_diagnosed() {
    let (mut req, canonical) = v3();
    let extra: Vec<String> = (0..3000).map(|i| format!("X-Extra-{i:04}")).collect();
    req.headers
        .extend(extra.iter().map(|h| (h.clone(), "  v ".to_string())));
    req.headers.push(("x-extra-0007".into(), "w".into()));
    let lower: Vec<String> = extra.iter().map(|h| h.to_ascii_lowercase()).collect();
    let auth = req
        .headers
        .iter_mut()
        .find(|(k, _)| k.eq_ignore_ascii_case("authorization"))
        .unwrap();
    let (head, rest) = auth.1.split_once("SignedHeaders=").unwrap();
    let (names, tail) = rest.split_once(',').unwrap();
    auth.1 = format!("{head}SignedHeaders={names};{},{tail}", lower.join(";"));
    // method, path, query, the header lines, "", the signed-header list, the payload hash
    let lines: Vec<&str> = canonical.split('\n').collect();
    let n = lines.len();
    assert_eq!(lines[n - 3], "");
    let mut header_lines: Vec<String> = lines[3..n - 3].iter().map(|s| s.to_string()).collect();
    header_lines.extend(extra.iter().map(|h| format!("{h}:  v ")));
    let bad = format!(
        "{}\n{}\n\n{};{}\n{}",
        lines[..3].join("\n"),
        header_lines.join("\n"),
        lines[n - 2],
        lower.join(";"),
        lines[n - 1]
    );
    let d = diagnose(&with_v3_sig(&req, &bad, SECRET), SECRET, None, None);
    assert_eq!(d.causes, vec![Cause::HeadersNotCanonical]);
    assert_eq!(d.user_string_to_sign.as_deref(), Some(bad.as_str()));
}

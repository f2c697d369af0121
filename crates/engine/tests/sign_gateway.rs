//! The gateway against real clients' requests (captured from the official Python SDKs by
//! scripts/sign/make_vectors.py) and against planted mistakes, each answered with its exact documented error.

#![allow(clippy::result_large_err)]

use copyimage_engine::clock::UtcTime;
use copyimage_engine::gateway::{authenticate, NonceMemory, SignatureStyle};
use copyimage_engine::sign;
use copyimage_engine::wire::{param, HttpRequest};
use serde_json::Value;

fn vectors() -> Value {
    let path = format!("{}/tests/vectors/sdk_vectors.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn request(v: &Value) -> HttpRequest {
    let r = &v["request"];
    HttpRequest {
        method: r["method"].as_str().unwrap().into(),
        host: r["host"].as_str().unwrap().into(),
        path: r["path"].as_str().unwrap().into(),
        query: r["query"].as_str().unwrap().into(),
        headers: r["headers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| (h[0].as_str().unwrap().into(), h[1].as_str().unwrap().into()))
            .collect(),
        body: r["body"].as_str().unwrap().into(),
    }
}

fn wire(name: &str) -> HttpRequest {
    let v = vectors();
    let found = v["wire"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["name"] == name)
        .cloned();
    request(&found.unwrap_or_else(|| panic!("no wire vector {name}")))
}

fn secrets(ak: &str) -> Option<String> {
    (ak == "testid").then(|| "testsecret".to_string())
}

fn now() -> UtcTime {
    UtcTime::parse_iso8601("2026-11-27T08:30:00Z").unwrap()
}

fn check(req: &HttpRequest) -> Result<copyimage_engine::gateway::Authenticated, copyimage_engine::error::ApiError> {
    authenticate(req, &secrets, now(), &mut NonceMemory::default())
}

#[test]
fn every_captured_sdk_request_passes() {
    let v = vectors();
    let all = v["wire"].as_array().unwrap();
    assert_eq!(all.len(), 4);
    for w in all {
        let name = w["name"].as_str().unwrap();
        let req = request(w);
        let ok = check(&req).unwrap_or_else(|e| panic!("{name}: {} {}", e.code, e.message));
        assert_eq!(ok.access_key_id, "testid", "{name}");
        assert_eq!(param(&ok.params, "Action"), Some("CopyImage"), "{name}");
        assert_eq!(param(&ok.params, "Version"), Some("2014-05-26"), "{name}");
        assert_eq!(param(&ok.params, "Signature"), None, "{name}");
        let style = if w["style"] == "v3" {
            SignatureStyle::V3
        } else {
            SignatureStyle::V1
        };
        assert_eq!(ok.style, style, "{name}");
    }
}

#[test]
fn what_real_clients_send_is_read_as_sent() {
    // Tea: Python booleans, `+` for space, lower-case `Format=json` (v2 mode).
    let ok = check(&wire("tea_sdk_copyimage_v2")).unwrap();
    assert_eq!(param(&ok.params, "Encrypted"), Some("True"));
    assert_eq!(param(&ok.params, "Format"), Some("json"));
    assert_eq!(param(&ok.params, "Tag.1.Value"), Some("a b"));
    assert_eq!(param(&ok.params, "DestinationImageName"), Some("镜像 copy*~!'()"));
    // Core SDK: the empty, signed `SignatureType=`, and a form body merged with the query.
    let ok = check(&wire("core_sdk_copyimage_form_body")).unwrap();
    assert_eq!(param(&ok.params, "SignatureType"), Some(""));
    assert_eq!(
        param(&ok.params, "DestinationDescription"),
        Some("from the form (body) ~*")
    );
    // V3: Action and Version come from the x-acs-* headers; the Host signed includes the port.
    let req = wire("tea_sdk_copyimage_v3");
    assert!(req.host.starts_with("127.0.0.1:"));
    let ok = check(&req).unwrap();
    assert_eq!(
        &ok.params[..2],
        &[
            ("Action".into(), "CopyImage".into()),
            ("Version".into(), "2014-05-26".into())
        ]
    );
    assert_eq!(param(&ok.params, "DryRun"), Some("False"));
}

#[test]
fn a_replayed_nonce_is_refused_until_the_window_passes() {
    let mut nonces = NonceMemory::default();
    for name in ["core_sdk_copyimage_post", "tea_sdk_copyimage_v3"] {
        let req = wire(name);
        assert!(authenticate(&req, &secrets, now(), &mut nonces).is_ok());
        let e = authenticate(&req, &secrets, now().plus(60), &mut nonces).unwrap_err();
        assert_eq!((e.http_status, e.code.as_str()), (400, "SignatureNonceUsed"), "{name}");
        assert_eq!(e.message, "Specified signature nonce was used already.");
    }
    // 15 minutes later the nonce is forgotten (the Timestamp is then at the edge of its own window).
    let req = wire("core_sdk_copyimage_post");
    assert!(authenticate(&req, &secrets, now().plus(900), &mut nonces).is_ok());
}

#[test]
fn a_wrong_secret_gets_the_server_string_to_sign() {
    let v = vectors();
    let vec = v["v1"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == "copyimage_nasty_get")
        .unwrap();
    let req = HttpRequest {
        method: "GET".into(),
        host: "ecs.aliyuncs.com".into(),
        path: "/".into(),
        query: vec["url_query"].as_str().unwrap().into(),
        ..Default::default()
    };
    assert!(check(&req).is_ok());
    let e = authenticate(&req, &|_| Some("wrong".into()), now(), &mut NonceMemory::default()).unwrap_err();
    assert_eq!((e.http_status, e.code.as_str()), (400, "SignatureDoesNotMatch"));
    let expected = format!(
        "Specified signature is not matched with our calculation. server string to sign is:{}",
        vec["string_to_sign"].as_str().unwrap()
    );
    assert_eq!(e.message, expected);
    // The core SDK splits the message on ':' and compares the tail with its own StringToSign.
    assert_eq!(
        e.message.split_once("is:").unwrap().1,
        vec["string_to_sign"].as_str().unwrap()
    );

    let mut v3 = wire("tea_sdk_copyimage_v3");
    v3.body = "tampered".into();
    let e = check(&v3).unwrap_err();
    assert_eq!(e.code, "SignatureDoesNotMatch");
    assert!(e
        .message
        .contains(&format!("server string to sign is:{}\n", sign::V3_ALGORITHM)));
}

fn v1_request(overrides: &[(&str, &str)], drop: &[&str]) -> HttpRequest {
    let base = sign::v1_common_params("testid", "2026-11-27T08:30:00Z", "n-1");
    let mut params = sign::merge_params(
        &base,
        &[
            ("Action".into(), "CopyImage".into()),
            ("RegionId".into(), "cn-hangzhou".into()),
        ],
    );
    params = sign::merge_params(
        &params,
        &overrides
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<Vec<_>>(),
    );
    params.retain(|(k, _)| !drop.contains(&k.as_str()));
    let signed = sign::sign_v1("GET", &params, "testsecret");
    HttpRequest {
        method: "GET".into(),
        host: "ecs.cn-hangzhou.aliyuncs.com".into(),
        path: "/".into(),
        query: sign::v1_signed_query(&params, &signed.signature),
        ..Default::default()
    }
}

fn err(req: &HttpRequest) -> (u16, String, String) {
    let e = check(req).unwrap_err();
    (e.http_status, e.code, e.message)
}

#[test]
fn planted_mistakes_get_their_documented_errors() {
    assert!(check(&v1_request(&[], &[])).is_ok());
    let missing = |n: &str| {
        (
            400,
            "MissingParameter".to_string(),
            format!("The input parameter \"{n}\" that is mandatory for processing this request is not supplied."),
        )
    };
    assert_eq!(err(&v1_request(&[], &["Action"])), missing("Action"));
    assert_eq!(err(&v1_request(&[], &["Version"])), missing("Version"));
    assert_eq!(err(&v1_request(&[], &["AccessKeyId"])), missing("AccessKeyId"));
    assert_eq!(err(&v1_request(&[], &["Timestamp"])), missing("Timestamp"));
    assert_eq!(err(&v1_request(&[], &["SignatureNonce"])), missing("SignatureNonce"));
    let mut no_sig = v1_request(&[], &[]);
    no_sig.query = no_sig.query.split("&Signature=").next().unwrap().to_string();
    assert_eq!(
        err(&no_sig),
        (
            400,
            "MissingParameter".into(),
            "The input parameter \"Signature\" that is mandatory for processing the request is not supplied.".into()
        )
    );
    assert_eq!(
        err(&v1_request(&[("Version", "2016-11-11")], &[])),
        (
            400,
            "InvalidVersion".into(),
            "Specified parameter Version is not valid.".into()
        )
    );
    assert_eq!(
        err(&v1_request(&[("Action", "CopyImages")], &[])),
        (
            404,
            "InvalidAction.NotFound".into(),
            "Specified api is not found, please check your url and method.".into()
        )
    );
    assert_eq!(
        err(&v1_request(&[("Timestamp", "2026-11-27T16:30:00Z")], &[])),
        (
            400,
            "InvalidTimeStamp.Expired".into(),
            "Specified time stamp or date value is expired.".into()
        )
    );
    assert_eq!(
        err(&v1_request(&[("Timestamp", "2026-11-27 08:30:00")], &[])),
        (
            400,
            "InvalidTimeStamp.Format".into(),
            "Specified time stamp or date value is not well formatted.".into()
        )
    );
    assert_eq!(
        err(&v1_request(&[("AccessKeyId", "nobody")], &[])),
        (
            404,
            "InvalidAccessKeyId.NotFound".into(),
            "Specified access key is not found.".into()
        )
    );
    assert_eq!(
        err(&v1_request(&[("SignatureMethod", "HMAC-SHA256")], &[])),
        (
            400,
            "InvalidSignatureMethod".into(),
            "Specified signature method is not valid.".into()
        )
    );
    assert_eq!(
        err(&v1_request(&[("SignatureVersion", "2.0")], &[])).1,
        "InvalidParamater"
    );
    let mut delete = v1_request(&[], &[]);
    delete.method = "DELETE".into();
    assert_eq!(
        err(&delete),
        (
            403,
            "UnsupportedHTTPMethod".into(),
            "This HTTP method is not supported.".into()
        )
    );
}

#[test]
fn an_unencoded_plus_in_the_signature_is_an_incomplete_signature() {
    // Find a nonce whose signature has a '+', then send it raw: the gateway reads '+' as a space.
    for i in 0..200 {
        let nonce = format!("n-{i}");
        let req = v1_request(&[("SignatureNonce", &nonce)], &[]);
        let (head, sig) = req.query.split_once("&Signature=").unwrap();
        if !sig.contains("%2B") {
            continue;
        }
        let raw = HttpRequest {
            query: format!("{head}&Signature={}", sig.replace("%2B", "+")),
            ..req.clone()
        };
        let (status, code, message) = err(&raw);
        assert_eq!((status, code.as_str()), (400, "IncompleteSignature"));
        assert!(message.starts_with(
            "The request signature does not conform to Aliyun standards. server string to sign is:GET&%2F&"
        ));
        return;
    }
    panic!("no signature with a '+' in 200 nonces");
}

#[test]
fn v3_header_mistakes() {
    let good = wire("tea_sdk_copyimage_v3");
    let with = |f: &dyn Fn(&mut HttpRequest)| {
        let mut r = good.clone();
        f(&mut r);
        r
    };
    let set = |r: &mut HttpRequest, name: &str, value: &str| {
        for h in r.headers.iter_mut() {
            if h.0.eq_ignore_ascii_case(name) {
                h.1 = value.to_string();
            }
        }
    };
    let auth = good.header("authorization").unwrap().to_string();
    assert_eq!(
        err(&with(&|r| set(
            r,
            "authorization",
            "ACS3-HMAC-SHA256 Credential=testid"
        )))
        .1,
        "IncompleteSignature"
    );
    assert_eq!(
        err(&with(&|r| set(
            r,
            "authorization",
            &auth.replace("ACS3-HMAC-SHA256", "ACS3-HMAC-SM3")
        )))
        .1,
        "InvalidSignatureMethod"
    );
    assert_eq!(
        err(&with(&|r| set(r, "x-acs-version", "2016-01-01"))).1,
        "InvalidVersion"
    );
    assert_eq!(
        err(&with(&|r| set(r, "x-acs-date", "2026-11-27T09:00:00Z"))).1,
        "InvalidTimeStamp.Expired"
    );
    assert_eq!(
        err(&with(&|r| set(
            r,
            "authorization",
            &auth.replace("Credential=testid", "Credential=x")
        )))
        .0,
        404
    );
    // A signed header changed in transit (the user-agent is one of the nine the Tea SDK signs).
    let e = err(&with(&|r| set(r, "user-agent", "curl/8")));
    assert_eq!(e.1, "SignatureDoesNotMatch");
    assert!(e.2.starts_with(
        "Specified signature is not matched with our calculation. server string to sign is:ACS3-HMAC-SHA256\n"
    ));
    // An unsigned header may change freely.
    assert!(check(&with(&|r| set(r, "accept-encoding", "gzip"))).is_ok());
}

#[test]
fn the_http_method_is_checked_before_action_and_version_and_those_before_the_signature() {
    let bare = |method: &str, query: &str| HttpRequest {
        method: method.into(),
        host: "ecs.cn-hangzhou.aliyuncs.com".into(),
        path: "/".into(),
        query: query.into(),
        headers: vec![],
        body: String::new(),
    };
    let code = |req: &HttpRequest| check(req).err().map(|e| (e.code, e.message));
    // A wrong method wins over a missing Action (the issue's `PUT /?Version=...`).
    assert_eq!(
        code(&bare("PUT", "Version=2014-05-26")),
        Some((
            "UnsupportedHTTPMethod".into(),
            "This HTTP method is not supported.".into()
        ))
    );
    // With GET, the missing Action comes next, before any signature parameter is looked at.
    assert_eq!(
        code(&bare("GET", "Version=2014-05-26")),
        Some((
            "MissingParameter".into(),
            "The input parameter \"Action\" that is mandatory for processing this request is not supplied.".into()
        ))
    );
    assert_eq!(
        code(&bare("GET", "Action=CopyImage&Version=2016-01-01")).map(|c| c.0),
        Some("InvalidVersion".into())
    );
    assert_eq!(
        code(&bare("POST", "Action=CopyImages&Version=2014-05-26")).map(|c| c.0),
        Some("InvalidAction.NotFound".into())
    );
    // A known Action and Version, nothing signed: now the signing parameters are asked for.
    assert_eq!(
        code(&bare("GET", "Action=CopyImage&Version=2014-05-26")),
        Some((
            "MissingParameter".into(),
            "The input parameter \"AccessKeyId\" that is mandatory for processing this request is not supplied.".into()
        ))
    );
}

#[test]
fn v3_the_server_hashes_the_body_it_received() {
    let mut good = wire("tea_sdk_copyimage_v3");
    assert!(check(&good).is_ok());
    // A body changed after signing no longer matches the signed payload hash.
    good.body.push_str("&Extra=1");
    let e = err(&good);
    assert_eq!(e.1, "SignatureDoesNotMatch");
}

#[test]
fn only_an_acs3_authorization_makes_a_request_v3() {
    // A V1 request that also carries some other Authorization header (a proxy's, say) is still V1.
    let mut req = v1_request(&[], &[]);
    req.headers.push(("Authorization".into(), "Basic dXNlcjpwYXNz".into()));
    let ok = check(&req).unwrap_or_else(|e| panic!("{} {}", e.code, e.message));
    assert_eq!(ok.style, SignatureStyle::V1);
    assert_eq!(
        copyimage_engine::gateway::signature_style(&wire("tea_sdk_copyimage_v3")),
        SignatureStyle::V3
    );
}

#[test]
fn a_v3_signature_must_be_64_hex_digits() {
    let good = wire("tea_sdk_copyimage_v3");
    let auth = good.header("authorization").unwrap().to_string();
    let (head, sig) = auth.rsplit_once("Signature=").unwrap();
    for bad in [&sig[..63], &"g".repeat(64)] {
        let mut req = good.clone();
        for h in req.headers.iter_mut() {
            if h.0.eq_ignore_ascii_case("authorization") {
                h.1 = format!("{head}Signature={bad}");
            }
        }
        assert_eq!(err(&req).1, "IncompleteSignature", "{bad}");
    }
}

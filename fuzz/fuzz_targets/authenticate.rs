//! The gateway's `authenticate`, past the signature check: the harness reads mutated parameters and
//! options, signs them with the engine's own client signer (V1 or V3) and sends the signed request, so
//! the fuzzer explores what comes after a valid signature (common parameters, timestamps, nonces, the
//! dispatcher) as well as the refusals before it.
//!
//! Input (text): line 1 holds option words (`v3`, `get`, `form`, `wrong-secret`, `stale`, `sts`), line 2
//! the parameters as a query string (they override the common ones in place), every further line an
//! extra header `name: value` (V3 signs them unless a `signed=a;b` line names the signed ones).
//! Checks, besides "never panics": a request signed with another secret is never accepted, and an
//! accepted request sent again is refused as a used nonce.
#![no_main]

use copyimage_engine::client::{sign_request, GenerateInput, SignatureStyle};
use copyimage_engine::clock::UtcTime;
use copyimage_engine::encode::parse_form;
use copyimage_engine::gateway::{authenticate, NonceMemory};
use libfuzzer_sys::fuzz_target;

const AK: &str = "testid";
const SECRET: &str = "testsecret";
const TIMESTAMP: &str = "2026-11-27T08:30:00Z";

fn secret_of(ak: &str) -> Option<String> {
    (ak == AK).then(|| SECRET.to_string())
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut lines = text.lines();
    let options: Vec<&str> = lines.next().unwrap_or("").split_whitespace().collect();
    let has = |o: &str| options.contains(&o);
    let params = parse_form(lines.next().unwrap_or(""));
    let mut extra_headers = Vec::new();
    let mut signed_headers = None;
    for l in lines {
        if let Some(list) = l.strip_prefix("signed=") {
            signed_headers = Some(list.split(';').map(str::to_string).collect());
        } else if let Some((k, v)) = l.split_once(':') {
            extra_headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    let wrong_secret = has("wrong-secret");
    let mut input = GenerateInput::new(
        params,
        AK,
        if wrong_secret { "testsecreT" } else { SECRET },
        TIMESTAMP,
        "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
    );
    input.style = if has("v3") {
        SignatureStyle::V3
    } else {
        SignatureStyle::V1
    };
    input.method = if has("get") { "GET".into() } else { "POST".into() };
    input.form_body = has("form");
    input.security_token = has("sts").then(|| "sts-token".to_string());
    input.extra_headers = extra_headers;
    input.signed_headers = signed_headers;
    let signed = sign_request(&input);
    let mut now = UtcTime::parse_iso8601(TIMESTAMP).expect("the harness's timestamp parses");
    if has("stale") {
        now = now.plus(3600);
    }
    let mut nonces = NonceMemory::default();
    match authenticate(&signed.request, &secret_of, now, &mut nonces) {
        Ok(ok) => {
            assert!(!wrong_secret, "a request signed with another secret was accepted");
            assert!(ok.params.iter().all(|(k, _)| k != "Signature"));
            let again = authenticate(&signed.request, &secret_of, now, &mut nonces)
                .expect_err("the same request twice was accepted twice");
            assert_eq!(again.code, "SignatureNonceUsed");
        }
        Err(e) => assert!(!e.code.is_empty() && !e.message.is_empty()),
    }
});

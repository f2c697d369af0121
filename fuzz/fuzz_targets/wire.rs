//! The wire/query parser: a query string and a form body as a client sends them, read the way the gateway
//! reads them (percent-decoding, `+` as a space, repeated names, V3 headers over query values).
//! Checks, besides "never panics": re-encoding what was read and reading it again gives the same pairs.
#![no_main]

use copyimage_engine::encode::{encode_pairs, parse_form, percent_decode};
use copyimage_engine::gateway::{request_params, wire_params};
use copyimage_engine::wire::{param, HttpRequest};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // The first line is the query, the rest the body; a leading `3` makes it a V3 request.
    let (query, body) = text.split_once('\n').unwrap_or((text, ""));
    let v3 = query.starts_with('3');
    let pairs = parse_form(query);
    assert_eq!(
        parse_form(&encode_pairs(&pairs)),
        pairs,
        "re-encoded pairs read back differently"
    );
    let _ = percent_decode(body, false);
    let mut headers = vec![(
        "Content-Type".to_string(),
        "application/x-www-form-urlencoded".to_string(),
    )];
    if v3 {
        headers.push(("Authorization".into(), "ACS3-HMAC-SHA256 Credential=x".into()));
        headers.push(("x-acs-action".into(), body.lines().next().unwrap_or("").into()));
    }
    let req = HttpRequest {
        method: "POST".into(),
        host: "ecs.aliyuncs.com".into(),
        path: "/".into(),
        query: query.into(),
        headers,
        body: body.into(),
    };
    let all = request_params(&req);
    assert!(all.len() >= pairs.len());
    let params = wire_params(&req);
    let _ = param(&params, "Action");
});

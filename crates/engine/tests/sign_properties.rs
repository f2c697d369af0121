//! Properties of signing, verification and the debugger over arbitrary input: nothing panics, encoding
//! round-trips, and whatever the generator signs the gateway accepts (and the debugger calls matching).

use copyimage_engine::client::{sign_request, V1UrlWriter};
use copyimage_engine::clock::UtcTime;
use copyimage_engine::debugger::{diagnose, parse_raw_http, parse_url};
use copyimage_engine::encode::{parse_form, percent_decode, percent_encode};
use copyimage_engine::gateway::{authenticate, NonceMemory, SignatureStyle};
use copyimage_engine::generate::{generate, GenerateInput};
use copyimage_engine::wire::{param, HttpRequest};
use proptest::prelude::*;

const TS: &str = "2026-11-27T08:30:00Z";

fn now() -> UtcTime {
    UtcTime::parse_iso8601(TS).unwrap()
}

fn secrets(ak: &str) -> Option<String> {
    (ak == "testid").then(|| "testsecret".to_string())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn encoding_round_trips(s in any::<String>()) {
        let e = percent_encode(&s);
        prop_assert!(e.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~%".contains(&b)));
        prop_assert_eq!(percent_decode(&e, true), s);
    }

    #[test]
    fn decoding_and_parsing_never_panic(s in any::<String>()) {
        let _ = percent_decode(&s, true);
        let _ = parse_form(&s);
        let _ = parse_url(&s);
        let _ = parse_raw_http(&s);
    }

    #[test]
    fn the_gateway_and_debugger_never_panic(
        method in prop::sample::select(vec!["GET", "POST", "PUT", ""]),
        query in any::<String>(),
        headers in prop::collection::vec((any::<String>(), any::<String>()), 0..6),
        body in any::<String>(),
        auth in prop::option::of(any::<String>()),
        secret in any::<String>(),
    ) {
        let mut headers = headers;
        if let Some(a) = auth {
            headers.push(("Authorization".into(), format!("ACS3-HMAC-SHA256 {a}")));
        }
        let req = HttpRequest { method: method.into(), host: "h".into(), path: "/".into(), query, headers, body };
        let _ = authenticate(&req, &secrets, now(), &mut NonceMemory::default());
        let d = diagnose(&req, &secret, Some(now()), None);
        let _ = d.report();
        let _ = diagnose(&req, &secret, None, Some(&secret));
    }

    #[test]
    fn whatever_is_generated_is_accepted(
        values in prop::collection::vec(any::<String>(), 1..5),
        v3 in any::<bool>(),
        post in any::<bool>(),
        form in any::<bool>(),
    ) {
        let mut params = vec![
            ("Action".to_string(), "CopyImage".to_string()),
            ("RegionId".to_string(), "cn-hangzhou".to_string()),
        ];
        for (i, v) in values.iter().enumerate() {
            params.push((format!("Tag.{}.Value", i + 1), v.clone()));
        }
        let mut input = GenerateInput::new(params, "testid", "testsecret", TS, "n");
        input.style = if v3 { SignatureStyle::V3 } else { SignatureStyle::V1 };
        input.method = if post { "POST" } else { "GET" }.into();
        input.form_body = form;
        let g = generate(&input);
        let ok = authenticate(&g.signed.request, &secrets, now(), &mut NonceMemory::default());
        prop_assert!(ok.is_ok(), "{:?}", ok.err());
        let got = ok.unwrap().params;
        for (i, v) in values.iter().enumerate() {
            prop_assert_eq!(param(&got, &format!("Tag.{}.Value", i + 1)), Some(v.as_str()));
        }
        prop_assert!(diagnose(&g.signed.request, "testsecret", Some(now()), None).signature_matches);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The batch signer's URL writer gives the URL of the full request builder, byte for byte, whatever the
    /// parameters (repeated names, `Signature`, overridden common parameters, any text), endpoint and token.
    #[test]
    fn the_url_writer_writes_the_builders_url(
        params in prop::collection::vec(
            (prop::sample::select(vec![
                "Action", "RegionId", "ImageId", "Format", "Signature", "SignatureNonce", "Timestamp",
                "Tag.1.Key", "Tag.10.Key", "a", "A", "",
            ]), any::<String>()),
            0..12,
        ),
        secret in any::<String>(),
        token in prop::option::of(any::<String>()),
        post in any::<bool>(),
        port in prop::option::of(any::<u16>()),
        nonce in any::<String>(),
        id in any::<String>(),
    ) {
        let params: Vec<(String, String)> = params.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        let mut input = GenerateInput::new(params.clone(), &id, &secret, TS, &nonce);
        input.method = if post { "POST" } else { "GET" }.into();
        input.security_token = token.clone();
        input.endpoint.port = port;
        let want = sign_request(&input).url;
        let mut w = V1UrlWriter::new(&input.method, &id, &secret, TS, token.as_deref());
        let borrowed: Vec<(&str, &str)> = params.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let mut got = b"kept ".to_vec();
        w.write_url(&input.endpoint, &borrowed, &nonce, &mut got);
        prop_assert_eq!(String::from_utf8(got).unwrap(), format!("kept {want}"));
        // The writer's buffers carry nothing over to the next request.
        let mut again = Vec::new();
        w.write_url(&input.endpoint, &borrowed, &nonce, &mut again);
        prop_assert_eq!(String::from_utf8(again).unwrap(), want);
    }

    /// The same when every name is given once and none is a common parameter (the writer's cached path):
    /// any names and values, in any order, with `Action` or without, after requests that took the other path.
    #[test]
    fn the_url_writer_writes_the_builders_url_for_names_given_once(
        named in prop::collection::vec(
            (prop_oneof![
                prop::sample::select(vec!["Action", "RegionId", "Tag.1.Key", "Tag.10.Key", "a", "A", "", "~"])
                    .prop_map(str::to_string),
                any::<String>(),
            ], any::<String>()),
            0..14,
        ),
        secret in any::<String>(),
        token in prop::option::of(any::<String>()),
        post in any::<bool>(),
        nonce in any::<String>(),
        id in any::<String>(),
        timestamp in prop_oneof![Just(TS.to_string()), any::<String>()],
    ) {
        let mut params: Vec<(String, String)> = Vec::new();
        for (k, v) in named {
            if !params.iter().any(|(n, _)| *n == k) {
                params.push((k, v));
            }
        }
        let mut input = GenerateInput::new(params.clone(), &id, &secret, &timestamp, &nonce);
        input.method = if post { "POST" } else { "GET" }.into();
        input.security_token = token.clone();
        let want = sign_request(&input).url;
        let mut w = V1UrlWriter::new(&input.method, &id, &secret, &timestamp, token.as_deref());
        let mut first = Vec::new();
        w.write_url(&input.endpoint, &[("Format", "XML"), ("a", "1"), ("a", "2")], "other", &mut first);
        let borrowed: Vec<(&str, &str)> = params.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let mut got = Vec::new();
        w.write_url(&input.endpoint, &borrowed, &nonce, &mut got);
        prop_assert_eq!(String::from_utf8(got).unwrap(), want);
    }
}

//! Signing one CopyImage request (the same inputs `scripts/sign/compare_python.py` gives the official
//! Python SDK's signer): the V1 signature, a whole V1 request with its URL, the V3 Authorization, and a
//! whole V3 request.

use copyimage_engine::client::SignatureStyle;
use copyimage_engine::generate::{sign_request, GenerateInput};
use copyimage_engine::sign::{self, V3Input};
use criterion::{black_box, criterion_group, criterion_main, Criterion};

/// The parameters compare_python.py signs: CopyImage with a name, a description and two tags.
fn params() -> Vec<(String, String)> {
    [
        ("Action", "CopyImage"),
        ("Version", "2014-05-26"),
        ("Format", "JSON"),
        ("AccessKeyId", "testid"),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureType", ""),
        ("SignatureVersion", "1.0"),
        ("SignatureNonce", "c0ffee00-1234-4abc-8def-0123456789ab"),
        ("Timestamp", "2026-11-27T08:30:00Z"),
        ("RegionId", "cn-hangzhou"),
        ("ImageId", "m-bp1h46wfpjsjastc****"),
        ("DestinationRegionId", "cn-shanghai"),
        ("DestinationImageName", "copy of my image"),
        ("DestinationDescription", "nightly copy (v2)"),
        ("Tag.1.Key", "env"),
        ("Tag.1.Value", "prod"),
        ("Tag.2.Key", "team"),
        ("Tag.2.Value", "images"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

fn bench(c: &mut Criterion) {
    let p = params();
    c.bench_function("sign_v1_copyimage", |b| {
        b.iter(|| sign::sign_v1(black_box("POST"), black_box(&p), black_box("testsecret")))
    });
    let business: Vec<(String, String)> = p[9..].to_vec();
    let headers = sign::v3_doc_headers(
        "ecs.cn-hangzhou.aliyuncs.com",
        "CopyImage",
        "2014-05-26",
        "2026-11-27T08:30:00Z",
        "c0ffee00-1234-4abc-8def-0123456789ab",
        "",
    );
    c.bench_function("sign_v3_authorization", |b| {
        b.iter(|| {
            sign::sign_v3(&V3Input {
                method: "POST",
                path: "/",
                query: black_box(&business),
                headers: &headers,
                signed_headers: None,
                hashed_payload: sign::EMPTY_SHA256,
                access_key_id: "testid",
                secret: "testsecret",
            })
        })
    });
    let mut v1 = GenerateInput::new(
        [vec![("Action".to_string(), "CopyImage".to_string())], business.clone()].concat(),
        "testid",
        "testsecret",
        "2026-11-27T08:30:00Z",
        "c0ffee00-1234-4abc-8def-0123456789ab",
    );
    c.bench_function("sign_v1_copyimage_full_request", |b| {
        b.iter(|| sign_request(black_box(&v1)))
    });
    v1.style = SignatureStyle::V3;
    c.bench_function("sign_v3_copyimage_full_request", |b| {
        b.iter(|| sign_request(black_box(&v1)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);

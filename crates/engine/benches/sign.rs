//! Signing one CopyImage request (the same inputs `scripts/sign/compare_python.py` gives the official
//! Python SDK's signer): the V1 signature, a whole V1 request with its URL, the V3 Authorization, and a
//! whole V3 request; then the batch signer's per-request cost (`V1UrlWriter`, what `copyimage sign --batch`
//! does for each line once it is parsed) beside the bare HMAC-SHA1 over the same StringToSign, the floor
//! no V1 signer can go under, and the distance between the two.

use copyimage_engine::client::{SignatureStyle, V1UrlWriter};
use copyimage_engine::generate::{sign_request, GenerateInput};
use copyimage_engine::sign::{self, V3Input};
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use hmac::{Hmac, Mac};
use sha1::Sha1;
use std::time::Instant;

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

    // The batch signer against the floor.
    let line: Vec<(&str, &str)> = std::iter::once(("Action", "CopyImage"))
        .chain(business.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .collect();
    let endpoint = v1.endpoint.clone();
    let mut writer = V1UrlWriter::new("GET", "testid", "testsecret", "2026-11-27T08:30:00Z", None);
    let mut out = Vec::with_capacity(1024);
    let per_request = |out: &mut Vec<u8>, writer: &mut V1UrlWriter| {
        out.clear();
        writer.write_url(
            &endpoint,
            black_box(&line),
            black_box("c0ffee00-1234-4abc-8def-0123456789ab"),
            out,
        );
    };
    c.bench_function("batch_v1_url_per_request", |b| {
        b.iter(|| per_request(&mut out, &mut writer))
    });
    let mut as_input = v1.clone();
    as_input.style = SignatureStyle::V1;
    as_input.method = "GET".into();
    let sts = sign_request(&as_input).string_to_sign;
    let key = Hmac::<Sha1>::new_from_slice(b"testsecret&").expect("HMAC takes any key");
    let hmac_only = || {
        let mut mac = key.clone();
        mac.update(black_box(sts.as_bytes()));
        mac.finalize().into_bytes()
    };
    c.bench_function("hmac_sha1_only", |b| b.iter(hmac_only));

    // Criterion's estimates are not readable from here: time both again, in alternation, best of many short
    // rounds (on a shared machine the least-disturbed round is the one that measures the code).
    let (mut best_req, mut best_mac) = (f64::INFINITY, f64::INFINITY);
    for _ in 0..40 {
        let t = Instant::now();
        for _ in 0..2_000 {
            per_request(&mut out, &mut writer);
        }
        best_req = best_req.min(t.elapsed().as_nanos() as f64 / 2_000.0);
        let t = Instant::now();
        for _ in 0..2_000 {
            black_box(hmac_only());
        }
        best_mac = best_mac.min(t.elapsed().as_nanos() as f64 / 2_000.0);
    }
    println!(
        "batch signer: {best_req:.0} ns per request, bare HMAC-SHA1 over its {} B StringToSign {best_mac:.0} ns: \
         {:.1}x the floor ({:.0} ns of encoding, sorting and URL building on top)",
        sts.len(),
        best_req / best_mac,
        best_req - best_mac
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);

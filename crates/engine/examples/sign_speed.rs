//! Prints the time per call of the signers on the inputs of `benches/sign.rs`, as JSON, so
//! `scripts/sign/compare_python.py` can time Rust and Python in alternation on a busy machine
//! (criterion's numbers come from another moment). Best of several rounds, like Python's `timeit.repeat`.

use copyimage_engine::client::SignatureStyle;
use copyimage_engine::generate::{sign_request, GenerateInput};
use copyimage_engine::sign::{self, V3Input};
use std::hint::black_box;
use std::time::Instant;

fn best_ns(n: u32, mut f: impl FnMut()) -> f64 {
    (0..5)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..n {
                f();
            }
            t.elapsed().as_nanos() as f64 / n as f64
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    // Calls per round (5 rounds, best kept); compare_python.py passes a small number to alternate often.
    let n: u32 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let business: Vec<(String, String)> = [
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
    .collect();
    let ts = "2026-11-27T08:30:00Z";
    let nonce = "c0ffee00-1234-4abc-8def-0123456789ab";
    let mut all = sign::merge_params(
        &[("Action".to_string(), "CopyImage".to_string())],
        &sign::v1_common_params("testid", ts, nonce),
    );
    all.push(("SignatureType".into(), String::new()));
    all.extend(business.iter().cloned());
    let mut input = GenerateInput::new(
        [vec![("Action".to_string(), "CopyImage".to_string())], business.clone()].concat(),
        "testid",
        "testsecret",
        ts,
        nonce,
    );
    let full_v1 = best_ns(n, || {
        black_box(sign_request(black_box(&input)));
    });
    input.style = SignatureStyle::V3;
    let full_v3 = best_ns(n, || {
        black_box(sign_request(black_box(&input)));
    });
    let v1 = best_ns(n, || {
        black_box(sign::sign_v1("POST", black_box(&all), "testsecret"));
    });
    let headers = sign::v3_doc_headers("ecs.cn-hangzhou.aliyuncs.com", "CopyImage", "2014-05-26", ts, nonce, "");
    let v3 = best_ns(n, || {
        black_box(sign::sign_v3(&V3Input {
            method: "POST",
            path: "/",
            query: black_box(&business),
            headers: &headers,
            signed_headers: None,
            hashed_payload: sign::EMPTY_SHA256,
            access_key_id: "testid",
            secret: "testsecret",
        }));
    });
    println!(
        "{{\"sign_v1_copyimage\":{v1:.1},\"sign_v1_copyimage_full_request\":{full_v1:.1},\
         \"sign_v3_authorization\":{v3:.1},\"sign_v3_copyimage_full_request\":{full_v3:.1}}}"
    );
}

//! Format fixtures (`tests/fixtures/`, see its README): scenario files and transcripts written by the code of
//! the day they were recorded, with the responses that code gave. These tests replay them with today's engine
//! and assert the same wire responses (status, headers, body; the RequestId is in the body), so a change of
//! the engine's internals cannot silently change what an old file or a docs site's transcript produces.
//!
//! The "why" (rule ID) is deliberately not compared: it is explanation, not wire, and is expected to change.
//!
//! The files were written once by `write_engine_fixtures` below (`COPYIMAGE_WRITE_FIXTURES=1 cargo test -p
//! copyimage-engine --test fixtures -- --ignored`). Never re-run it to make a failing test pass: a failure
//! means today's code answers an old file differently, which is the regression these files exist to catch.

use copyimage_engine::clock::UtcTime;
use copyimage_engine::engine::{CallContext, Engine};
use copyimage_engine::scenario;
use copyimage_engine::sign;
use copyimage_engine::transcript::{self, Recorded, ScenarioRef, Step, Transcript};
use copyimage_engine::wire::{HttpRequest, HttpResponse, Params};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn read(rel: &str) -> String {
    let p = fixtures().join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn p(pairs: &[(&str, &str)]) -> Params {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// The default host of a trusted call, as `copyimage call` picks it: the RegionId's endpoint.
fn host_for(params: &Params) -> String {
    let region = params.iter().find(|(k, _)| k == "RegionId").map(|(_, v)| v.as_str());
    match region {
        Some(r) => format!("ecs.{r}.aliyuncs.com"),
        None => "ecs.aliyuncs.com".into(),
    }
}

fn wire(r: &HttpResponse) -> Value {
    json!({ "status": r.status, "headers": r.headers, "body": r.body })
}

// ---------------------------------------------------------------------------------------------------------
// Scenario files

/// The requests each scenario file is recorded with (seed, then requests sent in order on one engine).
fn scenario_cases() -> Vec<(&'static str, u64, Vec<Params>)> {
    let copy = |region: &str, image: &str, dest: &str, format: &str| {
        p(&[
            ("Action", "CopyImage"),
            ("Version", "2014-05-26"),
            ("Format", format),
            ("RegionId", region),
            ("ImageId", image),
            ("DestinationRegionId", dest),
        ])
    };
    let describe = |region: &str| {
        p(&[
            ("Action", "DescribeImages"),
            ("Version", "2014-05-26"),
            ("Format", "JSON"),
            ("RegionId", region),
            ("ImageOwnerAlias", "self"),
            (
                "Status",
                "Creating,Waiting,Available,UnAvailable,CreateFailed,Deprecated",
            ),
        ])
    };
    vec![
        (
            "minimal.json",
            1,
            vec![
                copy("cn-hangzhou", "m-bp1h46wfpjsjastc****", "cn-shanghai", "JSON"),
                describe("cn-shanghai"),
            ],
        ),
        (
            "default.json",
            7,
            vec![
                copy("cn-hangzhou", "m-bp1h46wfpjsjastc****", "cn-beijing", "XML"),
                copy("cn-hangzhou", "m-bp1h46wfpjsjastc****", "cn-hangzhou", "JSON"),
                describe("cn-beijing"),
            ],
        ),
        (
            "small.json",
            3,
            vec![
                copy("cn-hangzhou", "m-bp1smallfixture00001", "cn-shanghai", "JSON"),
                copy("cn-hangzhou", "m-bp1smallfixture00001", "cn-beijing", "JSON"),
                describe("cn-shanghai"),
            ],
        ),
    ]
}

/// Every scenario fixture loads (old files carry no format version) and answers its recorded requests with
/// the recorded wire responses.
#[test]
fn scenario_fixtures_answer_as_recorded() {
    let cases: Value = serde_json::from_str(&read("scenarios/cases.json")).expect("cases.json");
    let cases = cases["cases"].as_array().expect("cases");
    assert_eq!(cases.len(), scenario_cases().len());
    let mut n = 0;
    for case in cases {
        let file = case["scenario"].as_str().expect("scenario");
        let seed = case["seed"].as_u64().expect("seed");
        let mut engine = Engine::from_scenario_json(&read(&format!("scenarios/{file}")), seed)
            .unwrap_or_else(|e| panic!("{file} no longer loads: {e}"));
        let requests = case["requests"].as_array().expect("requests");
        let responses = case["responses"].as_array().expect("responses");
        assert_eq!(requests.len(), responses.len(), "{file}");
        for (i, (req, want)) in requests.iter().zip(responses).enumerate() {
            let params: Params = serde_json::from_value(req.clone()).expect("params");
            let x = engine.call(&params, &CallContext::new(&host_for(&params)));
            assert_eq!(&wire(&x.response), want, "{file}, request {i}");
            n += 1;
        }
    }
    assert_eq!(n, 8);
}

/// The old-format scenario files (no format version field) are today's format, version 1, and still load.
#[test]
fn old_scenario_files_have_no_version_and_load() {
    for file in ["minimal.json", "default.json", "small.json"] {
        let text = read(&format!("scenarios/{file}"));
        let v: Value = serde_json::from_str(&text).expect("json");
        assert!(
            v.get("version").is_none(),
            "{file} is an old-format file: no version field"
        );
        scenario::from_json(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
    }
}

// ---------------------------------------------------------------------------------------------------------
// Transcripts

/// What `transcript::run` gives, as the wire: everything but the rule (the "why", expected to change).
fn wire_outcome(r: &Recorded) -> Value {
    match r {
        Recorded::Response {
            step,
            status,
            headers,
            body,
            request_id,
            ..
        } => json!({ "step": step, "status": status, "headers": headers, "body": body, "request_id": request_id }),
        Recorded::Clock { step, world_time } => json!({ "step": step, "world_time": world_time }),
        Recorded::Edit { step } => json!({ "step": step, "edit": true }),
    }
}

fn transcript_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures().join("transcripts"))
        .expect("tests/fixtures/transcripts")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

/// Every transcript fixture (hand-written for the CLI, exported by the web app, with and without world edits)
/// runs with today's engine to the recorded outcomes, step by step.
#[test]
fn transcript_fixtures_replay_to_their_recorded_outcomes() {
    let files = transcript_files();
    assert!(files.len() >= 4, "{files:?}");
    let mut steps = 0;
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let t = transcript::from_json(&std::fs::read_to_string(f).expect("read"))
            .unwrap_or_else(|e| panic!("{name} no longer reads: {e}"));
        assert!(!t.responses.is_empty(), "{name}: recorded outcomes");
        let got = transcript::run(&t).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(got.len(), t.responses.len(), "{name}");
        for (g, want) in got.iter().zip(&t.responses) {
            assert_eq!(wire_outcome(g), wire_outcome(want), "{name}");
            steps += 1;
        }
    }
    assert!(steps >= 20, "only {steps} steps replayed");
}

// ---------------------------------------------------------------------------------------------------------
// The writer (run once, by hand; see the module docs)

fn write(rel: &str, text: &str) {
    let p = fixtures().join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
}

/// A hand-written scenario: the smallest world that copies (two regions and one image), plus a third region.
const SMALL: &str = r#"{
  "name": "small fixture",
  "description": "Hand-written: three regions, one available image in cn-hangzhou built from one snapshot, a KMS key, and one fault on DescribeImages.",
  "account": { "ali_uid": 1234567890123456 },
  "base_time": "2024-05-20T08:00:00Z",
  "regions": [ { "id": "cn-hangzhou" }, { "id": "cn-shanghai" }, { "id": "cn-beijing", "image_quota": 0 } ],
  "images": [
    {
      "id": "m-bp1smallfixture00001",
      "region": "cn-hangzhou",
      "name": "small-image",
      "size_gib": 20,
      "status": "Available",
      "owner": { "kind": "self" },
      "snapshot_ids": ["s-bp1smallfixture00001"],
      "creation_time": "2024-05-01T00:00:00Z",
      "tags": [ { "key": "team", "value": "docs" } ]
    }
  ],
  "snapshots": [
    { "id": "s-bp1smallfixture00001", "region": "cn-hangzhou", "creation_time": "2024-05-01T00:00:00Z", "size_gib": 20 }
  ],
  "kms_keys": [ { "id": "0e478b7a-4262-4802-b8cb-00d3fb40826e", "region": "cn-shanghai" } ],
  "access_keys": [ { "id": "testid", "secret": "testsecret" } ],
  "faults": [ { "action": "DescribeImages", "kind": "internal_error_500" } ]
}
"#;

#[test]
#[ignore = "writes the fixtures: run once, by hand (see the module docs)"]
fn write_engine_fixtures() {
    if std::env::var_os("COPYIMAGE_WRITE_FIXTURES").is_none() {
        return;
    }
    // Scenario files: the presets as `scenario::to_json` exports them, and the hand-written one.
    for name in ["minimal", "default"] {
        let w = scenario::preset(name).expect("preset");
        write(&format!("scenarios/{name}.json"), &(scenario::to_json(&w) + "\n"));
    }
    write("scenarios/small.json", SMALL);
    let mut cases = Vec::new();
    for (file, seed, requests) in scenario_cases() {
        let mut engine = Engine::from_scenario_json(&read(&format!("scenarios/{file}")), seed).expect(file);
        let responses: Vec<Value> = requests
            .iter()
            .map(|r| wire(&engine.call(r, &CallContext::new(&host_for(r))).response))
            .collect();
        cases.push(json!({ "scenario": file, "seed": seed, "requests": requests, "responses": responses }));
    }
    write(
        "scenarios/cases.json",
        &(serde_json::to_string_pretty(&json!({ "cases": cases })).unwrap() + "\n"),
    );

    // A transcript as a CLI user writes one: trusted requests, clock moves, and signed HTTP requests at fixed
    // wire times (one V1 GET that is accepted, the same nonce again, one with a wrong signature).
    let hz = |extra: &[(&str, &str)]| {
        let mut v = p(&[("Version", "2014-05-26"), ("RegionId", "cn-hangzhou")]);
        v.extend(p(extra));
        Step::Send(v)
    };
    let signed = |nonce: &str, secret: &str| {
        let all = sign::merge_params(
            &sign::v1_common_params("testid", "2024-05-20T08:00:00Z", nonce),
            &p(&[
                ("Action", "CopyImage"),
                ("RegionId", "cn-hangzhou"),
                ("ImageId", "m-bp1h46wfpjsjastc****"),
                ("DestinationRegionId", "cn-beijing"),
            ]),
        );
        let s = sign::sign_v1("GET", &all, secret);
        Step::Http {
            request: HttpRequest {
                method: "GET".into(),
                host: "ecs.cn-hangzhou.aliyuncs.com".into(),
                path: "/".into(),
                query: sign::v1_signed_query(&all, &s.signature),
                headers: Vec::new(),
                body: String::new(),
            },
            wire_time: UtcTime::parse_iso8601("2024-05-20T08:01:00Z").unwrap(),
        }
    };
    let cli = Transcript {
        version: transcript::VERSION,
        scenario: ScenarioRef::Preset("default".into()),
        seed: 11,
        host: "ecs.cn-hangzhou.aliyuncs.com".into(),
        host_by_region: false,
        steps: vec![
            hz(&[
                ("Action", "CopyImage"),
                ("Format", "JSON"),
                ("ImageId", "m-bp1h46wfpjsjastc****"),
                ("DestinationRegionId", "cn-shanghai"),
                ("DestinationImageName", "fixture-copy"),
                ("Tag.1.Key", "team"),
                ("Tag.1.Value", "docs"),
            ]),
            hz(&[
                ("Action", "CopyImage"),
                ("Format", "XML"),
                ("ImageId", "m-bp1h46wfpjsjastc****"),
                ("DestinationRegionId", "cn-hangzhou"),
            ]),
            Step::Advance(120),
            Step::Send(p(&[
                ("Action", "DescribeImages"),
                ("Version", "2014-05-26"),
                ("Format", "JSON"),
                ("RegionId", "cn-shanghai"),
                ("Status", "Creating,Waiting,Available"),
            ])),
            Step::NextEvent,
            hz(&[("Action", "DescribeRegions"), ("Format", "JSON")]),
            signed("fixture-nonce-1", "testsecret"),
            signed("fixture-nonce-1", "testsecret"),
            signed("fixture-nonce-2", "wrongsecret"),
            Step::RunToIdle,
            Step::Send(p(&[
                ("Action", "DescribeImages"),
                ("Version", "2014-05-26"),
                ("RegionId", "cn-beijing"),
                ("ImageOwnerAlias", "self"),
            ])),
            Step::Send(p(&[
                ("Action", "CopyImage"),
                ("Version", "2013-01-01"),
                ("RegionId", "cn-hangzhou"),
                ("ImageId", "m-x"),
            ])),
        ],
        responses: Vec::new(),
    };
    record("transcripts/cli-session.json", cli);

    // Catalog reproductions as `copyimage errors --reproduce ID` runs them: a reused nonce (signed HTTP steps)
    // and a ClientToken reused with other parameters (trusted requests).
    for id in ["gateway.nonce", "common.idempotent_mismatch"] {
        let e = copyimage_engine::catalog::find(id).expect(id);
        record(&format!("transcripts/catalog-{id}.json"), e.transcript());
    }
}

fn record(rel: &str, mut t: Transcript) {
    t.responses = transcript::run(&t).expect("run");
    write(rel, &(transcript::to_json(&t) + "\n"));
}

//! The format fixtures (`tests/fixtures/`, see its README) through the command line, as users run them:
//! `copyimage call --scenario FILE` on the old scenario files and `copyimage run FILE --output json` on the
//! transcripts give the recorded wire responses (status, headers, body; not the rule, which is meant to
//! change, so `run --check`, which compares the rule too, is not what is asserted).

mod common;
use common::*;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn stdout_json(args: &[&str]) -> Value {
    let out = copyimage(args);
    assert!(out.status.success(), "copyimage {args:?}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("copyimage {args:?}: not JSON: {e}"))
}

/// Each scenario file's first recorded request, sent with `copyimage call --scenario FILE --seed N`.
#[test]
fn call_on_old_scenario_files_answers_as_recorded() {
    let cases: Value =
        serde_json::from_str(&std::fs::read_to_string(fixtures().join("scenarios/cases.json")).unwrap()).unwrap();
    let mut n = 0;
    for case in cases["cases"].as_array().expect("cases") {
        let file = fixtures().join("scenarios").join(case["scenario"].as_str().unwrap());
        let seed = case["seed"].as_u64().unwrap().to_string();
        let params: Vec<String> = case["requests"][0]
            .as_array()
            .unwrap()
            .iter()
            .map(|kv| format!("{}={}", kv[0].as_str().unwrap(), kv[1].as_str().unwrap()))
            .collect();
        let mut args = vec![
            "call",
            "--output",
            "json",
            "--scenario",
            file.to_str().unwrap(),
            "--seed",
            &seed,
        ];
        args.extend(params.iter().map(String::as_str));
        let got = stdout_json(&args);
        let got = json!({ "status": got["status"], "headers": got["headers"], "body": got["body"] });
        assert_eq!(got, case["responses"][0], "{}", file.display());
        n += 1;
    }
    assert_eq!(n, 3);
}

/// Every transcript fixture, run by `copyimage run --output json`, records the same wire outcomes.
#[test]
fn run_on_transcript_fixtures_gives_the_recorded_outcomes() {
    let wire = |r: &Value| {
        let mut r = r.clone();
        if let Some(o) = r.as_object_mut() {
            o.remove("rule");
        }
        r
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures().join("transcripts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 4);
    for f in files {
        let want: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
        let got = stdout_json(&["run", "--output", "json", f.to_str().unwrap()]);
        let (got, want) = (
            got["responses"].as_array().unwrap(),
            want["responses"].as_array().unwrap(),
        );
        assert_eq!(got.len(), want.len(), "{}", f.display());
        for (g, w) in got.iter().zip(want) {
            assert_eq!(wire(g), wire(w), "{}", f.display());
        }
    }
}

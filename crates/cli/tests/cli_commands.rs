//! The CLI's conventions and its `call`, `run` and `errors` commands, run as a user would: exit codes,
//! nothing on stdout but the result, exact responses.

mod common;
use common::*;

const COPY: &[&str] = &[
    "call",
    "Action=CopyImage",
    "Version=2014-05-26",
    "Format=JSON",
    "RegionId=cn-hangzhou",
    "ImageId=m-bp1fq2h3gbxtc5dm9k1a",
    "DestinationRegionId=cn-shanghai",
];

#[test]
fn call_prints_the_full_http_response() {
    let o = copyimage(COPY);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let (head, body) = out.split_once("\n\n").expect("blank line between headers and body");
    let mut lines = head.lines();
    assert_eq!(lines.next(), Some("HTTP/1.1 200 OK"));
    assert!(head.contains("Content-Type: application/json;charset=utf-8"), "{head}");
    let v: serde_json::Value = serde_json::from_str(body.trim_end()).expect("JSON body");
    assert!(v["ImageId"].as_str().unwrap().starts_with("m-uf6"), "{v}");
    assert_eq!(v["RequestId"].as_str().unwrap().len(), 36);
    // Same seed, same bytes.
    assert_eq!(stdout(&copyimage(COPY)), out);
}

#[test]
fn call_error_exit_codes() {
    let mut args = COPY.to_vec();
    args[6] = "DestinationRegionId=cn-hangzhou";
    let o = copyimage(&args);
    assert_eq!(o.status.code(), Some(0), "a printed error response is a result");
    assert!(stdout(&o).starts_with("HTTP/1.1 403 Forbidden\n"), "{}", stdout(&o));
    assert!(stdout(&o).contains("\"Code\":\"IncorrectDestinationRegion\""));
    args.push("--fail");
    assert_eq!(copyimage(&args).status.code(), Some(1));
}

#[test]
fn usage_mistakes_exit_2_with_nothing_on_stdout() {
    for args in [
        vec!["call", "NotKeyValue"],
        vec!["call", "--method", "PUT", "Action=DescribeRegions"],
        vec!["call", "--wire-time", "yesterday", "Action=DescribeRegions"],
        vec!["call", "--preset", "no-such-preset", "Action=DescribeRegions"],
        vec!["call", "--scenario", "/no/such/file.json", "Action=DescribeRegions"],
        vec!["run", "/no/such/transcript.json"],
        vec!["errors", "--reproduce", "NoSuchCode"],
        vec!["serve", "--speed", "-1"],
        vec!["serve", "--access-key", "missing-colon"],
        vec!["serve", "--address", "not-an-address"],
        vec!["frobnicate"],
    ] {
        let o = copyimage(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "{args:?} printed {:?}", stdout(&o));
        assert!(!stderr(&o).is_empty(), "{args:?} explains itself");
    }
}

#[test]
fn help_has_examples() {
    for cmd in [
        vec!["--help"],
        vec!["call", "--help"],
        vec!["run", "--help"],
        vec!["errors", "--help"],
        vec!["serve", "--help"],
    ] {
        let o = copyimage(&cmd);
        assert_eq!(o.status.code(), Some(0));
        assert!(stdout(&o).contains("Examples:"), "{cmd:?}");
    }
}

#[test]
fn signed_call_goes_through_the_gateway() {
    use copyimage_engine::sign;
    let params: Vec<(String, String)> = [("Action", "DescribeRegions"), ("RegionId", "cn-hangzhou")]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let all = sign::merge_params(&sign::v1_common_params("testid", &now_iso(), "cli-signed-1"), &params);
    let good = sign::sign_v1("GET", &all, "testsecret").signature;
    let args = |sig: &str| {
        let mut a: Vec<String> = vec!["call".into()];
        a.extend(all.iter().map(|(k, v)| format!("{k}={v}")));
        a.push(format!("Signature={sig}"));
        a
    };
    let run = |a: Vec<String>| copyimage(&a.iter().map(String::as_str).collect::<Vec<_>>());
    let o = run(args(&good));
    assert!(stdout(&o).starts_with("HTTP/1.1 200 OK\n"), "{}", stdout(&o));
    let o = run(args("AAAAAAAAAAAAAAAAAAAAAAAAAAA="));
    let out = stdout(&o);
    assert!(out.starts_with("HTTP/1.1 400 Bad Request\n"), "{out}");
    assert!(
        out.contains("Specified signature is not matched with our calculation. server string to sign is:GET&%2F&"),
        "{out}"
    );
}

#[test]
fn errors_catalog_as_json_and_reproduced() {
    let o = copyimage(&["errors", "--output", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let all: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON array");
    let all = all.as_array().expect("array");
    assert_eq!(all.len(), copyimage_engine::catalog::entries().len());
    for e in all {
        assert!(
            e["id"].is_string() && e["code"].is_string() && e["message"].is_string(),
            "{e}"
        );
        assert!(e["http_status"].is_u64(), "{e}");
    }
    let same = all
        .iter()
        .find(|e| e["code"] == "IncorrectDestinationRegion")
        .expect("entry");
    assert_eq!(same["http_status"], 403);
    assert_eq!(
        same["message"],
        "The destination region is not equal the target region."
    );

    // Text: one tab-separated line per entry.
    let text = stdout(&copyimage(&["errors"]));
    assert_eq!(text.lines().count(), all.len());
    assert!(
        text.lines()
            .any(|l| l == "success.shared_within_region\t200\t(success)\tCopy a shared image within its region"),
        "{text}"
    );
    // A success entry reproduces to 200 OK.
    let ok = stdout(&copyimage(&["errors", "--reproduce", "success.shared_within_region"]));
    assert!(ok.starts_with("HTTP/1.1 200 OK\n"), "{ok}");
    let shared = all.iter().find(|e| e["outcome"] == "success").expect("a success entry");
    assert_eq!(shared["title"], "Copy a shared image within its region");

    // By code (first entry with it) and by ID: the same response.
    let by_code = copyimage(&[
        "errors",
        "--reproduce",
        "OperationDeined.EncryptedSnapshot",
        "--output",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&by_code.stdout).expect("JSON");
    assert_eq!(v["status"], 403);
    let body: serde_json::Value = serde_json::from_str(v["body"].as_str().unwrap()).unwrap_or_default();
    let (code, msg) = (body["Code"].clone(), body["Message"].clone());
    assert_eq!(code, "OperationDeined.EncryptedSnapshot");
    let entry = all
        .iter()
        .find(|e| e["code"] == "OperationDeined.EncryptedSnapshot")
        .unwrap();
    assert_eq!(msg, entry["message"]);
    let id = entry["id"].as_str().unwrap();
    let by_id = copyimage(&["errors", "--reproduce", id, "--output", "json"]);
    assert_eq!(by_id.stdout, by_code.stdout);
}

#[test]
fn run_records_and_checks_a_transcript() {
    let dir = temp_dir("run");
    let t = dir.join("t.json");
    std::fs::write(
        &t,
        r#"{"version":1,"scenario":{"preset":"default"},"seed":3,"host":"ecs.cn-hangzhou.aliyuncs.com",
            "steps":[{"request":{"Action":"CopyImage","Version":"2014-05-26","Format":"JSON","RegionId":"cn-hangzhou",
                       "ImageId":"m-bp1fq2h3gbxtc5dm9k1a","DestinationRegionId":"cn-shanghai"}},
                     {"run_to_idle":true},
                     {"request":{"Action":"CopyImage","Version":"2014-05-26","Format":"JSON","RegionId":"cn-hangzhou",
                       "ImageId":"m-bp1fq2h3gbxtc5dm9k1a","DestinationRegionId":"cn-hangzhou"}}]}"#,
    )
    .unwrap();
    let text = copyimage(&["run", t.to_str().unwrap()]);
    assert_eq!(text.status.code(), Some(0), "{}", stderr(&text));
    let out = stdout(&text);
    assert!(out.contains("# step 0\nHTTP/1.1 200 OK\n"), "{out}");
    assert!(out.contains("# step 1: world clock at "), "{out}");
    assert!(out.contains("# step 2\nHTTP/1.1 403 Forbidden\n"), "{out}");

    // Nothing recorded yet: --check is a usage mistake.
    assert_eq!(
        copyimage(&["run", t.to_str().unwrap(), "--check"]).status.code(),
        Some(2)
    );

    let recorded = copyimage(&["run", t.to_str().unwrap(), "--output", "json"]);
    let rec = dir.join("rec.json");
    std::fs::write(&rec, &recorded.stdout).unwrap();
    let ok = copyimage(&["run", rec.to_str().unwrap(), "--check"]);
    assert_eq!(ok.status.code(), Some(0), "{}", stdout(&ok));
    assert_eq!(stdout(&ok), "ok: 3 outcomes match\n");

    // A recorded response that no longer matches is found.
    let tampered = stdout(&recorded).replace("IncorrectDestinationRegion", "SomethingElse");
    std::fs::write(&rec, tampered).unwrap();
    let bad = copyimage(&["run", rec.to_str().unwrap(), "--check"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stdout(&bad).contains("step 2 differs"), "{}", stdout(&bad));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn call_takes_a_signed_url_from_sign() {
    let sign = |secret: &str| {
        let o = copyimage(&[
            "sign",
            "--access-key-id",
            "testid",
            "--access-key-secret",
            secret,
            "RegionId=cn-hangzhou",
            "ImageId=m-bp1fq2h3gbxtc5dm9k1a",
            "DestinationRegionId=cn-shanghai",
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        stdout(&o).trim().to_string()
    };
    let ok = copyimage(&["call", "--url", &sign("testsecret")]);
    assert!(stdout(&ok).starts_with("HTTP/1.1 200 OK\n"), "{}", stdout(&ok));
    assert!(stdout(&ok).contains("\"ImageId\":\"m-uf6"), "{}", stdout(&ok));
    let bad = copyimage(&["call", "--url", &sign("not-the-secret")]);
    assert!(
        stdout(&bad).contains("\"Code\":\"SignatureDoesNotMatch\""),
        "{}",
        stdout(&bad)
    );
    assert_eq!(copyimage(&["call", "--url", "ftp://x/"]).status.code(), Some(2));
}

#[test]
fn scenario_files_are_read_and_bad_ones_named() {
    let dir = temp_dir("scenario");
    // The minimal preset, saved as a scenario file, then edited: the copy source is gone.
    let world = copyimage_engine::scenario::preset("minimal").expect("preset");
    let file = dir.join("world.json");
    std::fs::write(&file, copyimage_engine::scenario::to_json(&world)).unwrap();
    let id = world.images[0].id.clone();
    let args = |f: &str| {
        vec![
            "call".to_string(),
            "--scenario".into(),
            f.to_string(),
            "Action=CopyImage".into(),
            "Version=2014-05-26".into(),
            "Format=JSON".into(),
            "RegionId=cn-hangzhou".into(),
            format!("ImageId={id}"),
            "DestinationRegionId=cn-shanghai".into(),
        ]
    };
    let run = |a: Vec<String>| copyimage(&a.iter().map(String::as_str).collect::<Vec<_>>());
    let o = run(args(file.to_str().unwrap()));
    assert!(
        stdout(&o).starts_with("HTTP/1.1 200 OK\n"),
        "{}{}",
        stdout(&o),
        stderr(&o)
    );

    let mut edited = world.clone();
    edited.images.clear();
    std::fs::write(&file, copyimage_engine::scenario::to_json(&edited)).unwrap();
    let o = run(args(file.to_str().unwrap()));
    assert!(
        stdout(&o).contains("\"Code\":\"InvalidImageId.NotFound\""),
        "{}",
        stdout(&o)
    );

    std::fs::write(&file, "{\"regions\": \"not a list\"}").unwrap();
    let o = run(args(file.to_str().unwrap()));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("world.json"), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn run_reads_a_transcript_from_stdin() {
    let out = copyimage_stdin(
        &["run", "-"],
        r#"{"version":1,"scenario":{"preset":"minimal"},"steps":[{"request":{"Action":"DescribeRegions","Version":"2014-05-26","Format":"JSON"}}]}"#,
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).starts_with("# step 0\nHTTP/1.1 200 OK\n"));
}

/// `copyimage errors | head -1` as a shell runs it: the reader closes the pipe early, and the command ends
/// quietly (no panic message about a broken pipe), as other Unix filters do.
#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    // JSON: more than a pipe's buffer holds, so the command is still writing when the pipe closes.
    let mut child = command()
        .args(["errors", "--output", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run copyimage");
    // Read one line, then close the pipe, as `head -1` does.
    let mut out = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    let n = out.read(&mut first).expect("some output");
    assert!(n > 0);
    drop(out);
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    let status = child.wait().unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert!(!err.contains("Broken pipe"), "{err}");
    assert_ne!(status.code(), Some(101), "a panic's exit code");
}

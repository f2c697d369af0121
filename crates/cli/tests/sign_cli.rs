//! `copyimage sign` and `copyimage verify` as a user runs them: exact outputs for fixed inputs, exit codes,
//! and nothing on stdout but the result.

mod common;
use common::*;

const DOC: &[&str] = &[
    "sign",
    "--access-key-id",
    "testid",
    "--access-key-secret",
    "testsecret",
    "--timestamp",
    "2016-02-23T12:46:24Z",
    "--nonce",
    "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
];

#[test]
fn the_doc_example_from_the_command_line() {
    let mut args = DOC.to_vec();
    args.extend(["Action=DescribeRegions", "Format=XML"]);
    let o = copyimage(&args);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        "https://ecs.aliyuncs.com/?Action=DescribeRegions&Format=XML&Version=2014-05-26&AccessKeyId=testid&\
         SignatureMethod=HMAC-SHA1&Timestamp=2016-02-23T12%3A46%3A24Z&SignatureVersion=1.0&\
         SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D\n"
    );
    args.extend(["--output", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&copyimage(&args).stdout).unwrap();
    assert_eq!(v["signature"], "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    assert!(v["string_to_sign"]
        .as_str()
        .unwrap()
        .starts_with("GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions"));
    assert!(v["url"]
        .as_str()
        .unwrap()
        .ends_with("Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D"));
}

#[test]
fn v3_json_matches_the_official_example() {
    let o = copyimage(&[
        "sign",
        "--access-key-id",
        "YourAccessKeyId",
        "--access-key-secret",
        "YourAccessKeySecret",
        "--timestamp",
        "2023-10-26T10:22:32Z",
        "--nonce",
        "3156853299f313e23d1673dc12e1703d",
        "--signature-version",
        "v3",
        "--host",
        "ecs.cn-shanghai.aliyuncs.com",
        "--output",
        "json",
        "Action=RunInstances",
        "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd",
        "RegionId=cn-shanghai",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v["authorization"],
        "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;\
         x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
    );
    assert_eq!(
        v["string_to_sign"],
        "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259"
    );
    assert!(v["canonical_request"]
        .as_str()
        .unwrap()
        .starts_with("POST\n/\nImageId=win2019"));
    // Text output for v3 is a curl command; Action went to its header, not the query.
    let o = copyimage(&[
        "sign",
        "--access-key-id",
        "a",
        "--access-key-secret",
        "b",
        "--signature-version",
        "v3",
        "--signed-headers",
        "host;x-acs-date",
        "RegionId=cn-hangzhou",
    ]);
    let text = stdout(&o);
    assert!(
        text.starts_with("curl -sS -X POST 'https://ecs.cn-hangzhou.aliyuncs.com/?RegionId=cn-hangzhou'"),
        "{text}"
    );
    assert!(text.contains("-H 'x-acs-action: CopyImage'"));
    assert!(text.contains("SignedHeaders=host;x-acs-date,"));
}

#[test]
fn overrides_and_additions_are_signed_as_given() {
    let mut args = DOC.to_vec();
    args.extend([
        "Format=json",
        "SignatureType=",
        "RegionId=cn-hangzhou",
        "--output",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&copyimage(&args).stdout).unwrap();
    let sts = v["string_to_sign"].as_str().unwrap();
    assert!(sts.contains("%26Format%3Djson%26"));
    assert!(sts.contains("%26SignatureType%3D%26"));
    assert!(v["url"]
        .as_str()
        .unwrap()
        .starts_with("https://ecs.cn-hangzhou.aliyuncs.com/?Action=CopyImage&Format=json&"));
}

#[test]
fn fresh_nonce_and_time_by_default() {
    let a = stdout(&copyimage(&[
        "sign",
        "--access-key-id",
        "a",
        "--access-key-secret",
        "b",
        "--output",
        "json",
    ]));
    let b = stdout(&copyimage(&[
        "sign",
        "--access-key-id",
        "a",
        "--access-key-secret",
        "b",
        "--output",
        "json",
    ]));
    let nonce = |s: &str| {
        let v: serde_json::Value = serde_json::from_str(s).unwrap();
        let url = v["url"].as_str().unwrap().to_string();
        url.split("SignatureNonce=")
            .nth(1)
            .unwrap()
            .split('&')
            .next()
            .unwrap()
            .to_string()
    };
    assert_ne!(nonce(&a), nonce(&b));
    assert_eq!(nonce(&a).len(), 36);
}

#[test]
fn batch_gives_one_line_per_input_line() {
    let input = "{\"RegionId\":\"cn-hangzhou\",\"ImageId\":\"m-1\"}\n{\"DryRun\":true}\nnot json\n";
    let mut args = DOC.to_vec();
    args.extend(["--batch", "--output", "json"]);
    let o = copyimage_stdin(&args, input);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    let first: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert!(first["url"]
        .as_str()
        .unwrap()
        .contains("SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf-1&"));
    let second: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
    assert!(second["string_to_sign"].as_str().unwrap().contains("DryRun%3Dtrue"));
    assert!(second["url"].as_str().unwrap().contains("-2&"));
    assert_eq!(serde_json::from_str::<serde_json::Value>(lines[2]).unwrap()["line"], 3);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("line 3"));
    // v3 text in batch: one curl per line.
    let o = copyimage_stdin(
        &[
            "sign",
            "--access-key-id",
            "a",
            "--access-key-secret",
            "b",
            "--signature-version",
            "v3",
            "--batch",
        ],
        "{\"RegionId\":\"cn-hangzhou\"}\n{\"RegionId\":\"cn-beijing\"}\n",
    );
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 2);
    assert!(out.lines().all(|l| l.starts_with("curl -sS -X POST")));
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn usage_mistakes_exit_2_with_a_message() {
    for args in [
        vec!["sign", "--access-key-id", "a", "--access-key-secret", "b", "NoEquals"],
        vec!["sign", "--access-key-secret", "b"],
        vec![
            "sign",
            "--access-key-id",
            "a",
            "--access-key-secret",
            "b",
            "--method",
            "PUT",
        ],
        vec![
            "sign",
            "--access-key-id",
            "a",
            "--access-key-secret",
            "b",
            "--host",
            "ftp://x",
        ],
        vec![
            "sign",
            "--access-key-id",
            "a",
            "--access-key-secret",
            "b",
            "--signed-headers",
            "host",
        ],
        vec!["sign", "--access-key-id", "a", "--access-key-secret", "b", "--form"],
        vec!["verify", "--access-key-secret", "b", "not a url"],
        vec![
            "verify",
            "--access-key-secret",
            "b",
            "--now",
            "yesterday",
            "https://ecs.aliyuncs.com/?a=b",
        ],
    ] {
        let o = copyimage(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}");
        assert!(!o.stderr.is_empty(), "{args:?}");
    }
}

#[test]
fn verify_names_the_mistake() {
    let mut args = DOC.to_vec();
    let now = "2016-02-23T12:50:00Z";
    args.extend(["DestinationImageName=a b"]);
    let url = stdout(&copyimage(&args)).trim().to_string();
    let o = copyimage(&["verify", "--access-key-secret", "testsecret", "--now", now, &url]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("The signature matches."));
    let o = copyimage(&["verify", "--access-key-secret", "testsecret ", "--now", now, &url]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(
        text.contains("The AccessKeySecret you gave has a trailing space"),
        "{text}"
    );
    assert!(!text.contains("testsecret"), "the secret is never printed");
    // 8 hours later: the timestamp is stale, local time sent as UTC is suspected.
    let o = copyimage(&[
        "verify",
        "--access-key-secret",
        "testsecret",
        "--now",
        "2016-02-23T04:46:24Z",
        "--output",
        "json",
        &url,
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["causes"][1]["kind"], "timezone_offset");
    assert_eq!(v["causes"][1]["hours"], 8);
    assert_eq!(v["gateway_error"]["code"], "InvalidTimeStamp.Expired");
    // A raw HTTP request on stdin.
    let query = url.split_once('?').unwrap().1;
    let raw = format!("GET /?{query} HTTP/1.1\nHost: ecs.aliyuncs.com\n\n");
    let o = copyimage_stdin(
        &["verify", "--access-key-secret", "testsecret", "--now", now, "-"],
        &raw,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn the_key_pair_comes_from_the_environment_when_the_flags_are_absent() {
    // As a shell runs it: `export ALIBABA_CLOUD_ACCESS_KEY_ID=... ALIBABA_CLOUD_ACCESS_KEY_SECRET=...`.
    let fixed = [
        "--timestamp",
        "2016-02-23T12:46:24Z",
        "--nonce",
        "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
    ];
    let env_sign = |vars: &[(&str, &str)], extra: &[&str]| {
        let args = [&["sign"][..], &fixed, extra, &["Action=DescribeRegions", "Format=XML"]].concat();
        copyimage_env(&args, vars)
    };
    let doc_url = "https://ecs.aliyuncs.com/?Action=DescribeRegions&Format=XML&Version=2014-05-26&AccessKeyId=testid&\
         SignatureMethod=HMAC-SHA1&Timestamp=2016-02-23T12%3A46%3A24Z&SignatureVersion=1.0&\
         SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D\n";
    let both = [KEY_VARS[0], KEY_VARS[1]];
    let o = env_sign(&[(both[0], "testid"), (both[1], "testsecret")], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), doc_url);
    // A flag wins over its variable.
    let o = env_sign(
        &[(both[0], "other"), (both[1], "wrong")],
        &["--access-key-secret", "testsecret", "--access-key-id", "testid"],
    );
    assert_eq!(stdout(&o), doc_url);
    // Only one of the two in the environment: the other flag is still required, and the secret is never echoed.
    let o = env_sign(&[(both[1], "testsecret")], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    assert!(err.contains("--access-key-id"), "{err}");
    assert!(!err.contains("testsecret"), "{err}");
    // verify reads the secret the same way.
    let url = doc_url.trim();
    let verify = ["verify", "--now", "2016-02-23T12:50:00Z", url];
    let o = copyimage_env(&verify, &[(both[1], "testsecret")]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("The signature matches."));
    let o = copyimage_env(&verify, &[(both[1], "testsecret2")]);
    assert_eq!(o.status.code(), Some(1));
    // --help names the variables and never shows a value.
    let help = stdout(&copyimage_env(&["sign", "--help"], &[(both[1], "s3cr3t-value")]));
    assert!(help.contains("ALIBABA_CLOUD_ACCESS_KEY_ID"), "{help}");
    assert!(help.contains("ALIBABA_CLOUD_ACCESS_KEY_SECRET"), "{help}");
    assert!(!help.contains("s3cr3t-value"), "{help}");
}

#[test]
fn batch_streams_exactly_what_single_requests_print() {
    // Each --batch line is the one-line form of the same request signed alone (nonce `<nonce>-<line>`), for
    // the URL fast path and for the other forms, whatever the line holds (escapes, numbers, repeats).
    let lines = [
        r#"{"RegionId":"cn-beijing","ImageId":"m-\u00e9 \"q\"","DryRun":true,"OwnerId":12}"#,
        r#"{"RegionId":"cn-hangzhou","RegionId":"cn-shanghai","F":1.5,"N":null,"Tag.1.Key":"环境"}"#,
        r#"{"Action":"DescribeRegions"}"#,
    ];
    for extra in [
        vec![],
        vec![
            "--security-token",
            "tok",
            "--host",
            "http://127.0.0.1:8765",
            "Format=xml",
        ],
        vec!["--output", "json"],
        vec!["--signature-version", "v3"],
        vec!["--method", "POST", "--form"],
    ] {
        let mut args = DOC[..7].to_vec();
        args.extend(extra.iter().copied());
        let mut batch = args.clone();
        batch.extend(["--batch", "--nonce", "n"]);
        let out = copyimage_stdin(&batch, &lines.join("\n"));
        assert_eq!(out.status.code(), Some(0), "{extra:?}: {}", stderr(&out));
        let got = stdout(&out);
        assert_eq!(got.lines().count(), lines.len(), "{extra:?}: {got}");
        for (i, (line, printed)) in lines.iter().zip(got.lines()).enumerate() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let mut single = args.clone();
            let nonce = format!("n-{}", i + 1);
            single.extend(["--nonce", nonce.as_str()]);
            let kv: Vec<String> = v
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| match v {
                    serde_json::Value::String(s) => format!("{k}={s}"),
                    serde_json::Value::Null => format!("{k}="),
                    other => format!("{k}={other}"),
                })
                .collect();
            single.extend(kv.iter().map(String::as_str));
            let alone = stdout(&copyimage(&single));
            let alone = if alone.starts_with('{') {
                serde_json::from_str::<serde_json::Value>(&alone).unwrap().to_string()
            } else {
                alone.trim_end().replace(" \\\n  ", " ")
            };
            assert_eq!(printed, alone, "{extra:?} line {}", i + 1);
        }
    }
}

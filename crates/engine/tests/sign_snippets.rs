//! The generated Python and TypeScript snippets, run with the official SDKs against the gateway served on
//! 127.0.0.1 by this test (a minimal HTTP server around `gateway::authenticate`, real UTC clock).
//!
//! The SDKs come from `scripts/sign/setup_sdks.sh` (under `target/sign-sdk/`; `scripts/setup.sh --test`, and
//! so `make test` and CI, run it). Without them these tests say so and pass, except in CI (`CI=true`) or with
//! `COPYIMAGE_REQUIRE_SDKS=1`, where a missing SDK is a failure.

use copyimage_engine::clock::UtcTime;
use copyimage_engine::gateway::{authenticate, NonceMemory, SignatureStyle};
use copyimage_engine::generate::{self, Endpoint, GenerateInput};
use copyimage_engine::wire::{param, HttpRequest, Params};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// What the server saw: the style and parameters of each accepted request, or the error code.
type Log = Arc<Mutex<Vec<Result<(SignatureStyle, Params), String>>>>;

fn sdk_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/sign-sdk")
}

fn require() -> bool {
    std::env::var("COPYIMAGE_REQUIRE_SDKS").is_ok_and(|v| v == "1") || std::env::var("CI").is_ok_and(|v| v == "true")
}

fn now() -> UtcTime {
    UtcTime(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0),
    )
}

fn read_request(stream: &mut TcpStream) -> Option<HttpRequest> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        reader.read_line(&mut h).ok()?;
        let h = h.trim_end_matches(['\r', '\n']);
        if h.is_empty() {
            break;
        }
        let (k, v) = h.split_once(':')?;
        headers.push((k.trim().to_string(), v.trim().to_string()));
    }
    let len: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; len];
    reader.read_exact(&mut body).ok()?;
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let host = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("host"))
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    Some(HttpRequest {
        method,
        host,
        path: path.to_string(),
        query: query.to_string(),
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

/// Serves until the test ends; every request goes through the real gateway.
fn serve() -> (u16, Log) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let port = listener.local_addr().unwrap().port();
    let log: Log = Arc::default();
    let log2 = log.clone();
    std::thread::spawn(move || {
        let mut nonces = NonceMemory::default();
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
            let Some(req) = read_request(&mut stream) else { continue };
            let secrets = |ak: &str| (ak == "testid").then(|| "testsecret".to_string());
            let (status, body) = match authenticate(&req, &secrets, now(), &mut nonces) {
                Ok(a) => {
                    log2.lock().unwrap().push(Ok((a.style, a.params)));
                    (
                        200,
                        r#"{"RequestId":"473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E","ImageId":"m-snippet"}"#.to_string(),
                    )
                }
                Err(e) => {
                    log2.lock().unwrap().push(Err(e.code.clone()));
                    let body = serde_json::json!({"RequestId": "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E",
                        "HostId": req.host, "Code": e.code, "Message": e.message});
                    (e.http_status, body.to_string())
                }
            };
            let reply = format!(
                "HTTP/1.1 {status} X\r\nContent-Type: application/json;charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(reply.as_bytes());
        }
    });
    (port, log)
}

fn copy_image_params() -> Params {
    [
        ("Action", "CopyImage"),
        ("RegionId", "cn-hangzhou"),
        ("ImageId", "m-bp1h46wfpjsjastc****"),
        ("DestinationRegionId", "cn-shanghai"),
        ("DestinationImageName", "镜像 copy*~!'()"),
        ("DestinationDescription", "100% \"quoted\" \\ back"),
        ("Encrypted", "false"),
        ("Tag.1.Key", "env"),
        ("Tag.1.Value", "a b"),
        ("Tag.2.Key", "empty"),
        ("Tag.2.Value", ""),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

fn input(port: u16, style: SignatureStyle, params: Params) -> GenerateInput {
    let mut i = GenerateInput::new(params, "testid", "testsecret", "2026-01-01T00:00:00Z", "unused");
    i.endpoint = Endpoint::local("127.0.0.1", port);
    i.style = style;
    i
}

fn run(cmd: &mut Command, secret: &str) -> (bool, String) {
    let out = cmd
        .env("ALIBABA_CLOUD_ACCESS_KEY_ID", "testid")
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", secret)
        .output()
        .expect("run the snippet");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

fn check_accepted(log: &Log, style: SignatureStyle, action: &str) {
    let last = log.lock().unwrap().last().cloned().expect("the server saw a request");
    let (seen_style, params) = last.unwrap_or_else(|code| panic!("gateway refused the snippet: {code}"));
    assert_eq!(seen_style, style);
    assert_eq!(param(&params, "Action"), Some(action));
    if action == "CopyImage" {
        assert_eq!(param(&params, "DestinationImageName"), Some("镜像 copy*~!'()"));
        assert_eq!(
            param(&params, "DestinationDescription"),
            Some("100% \"quoted\" \\ back")
        );
        assert_eq!(param(&params, "Tag.1.Value"), Some("a b"));
        assert_eq!(param(&params, "Tag.2.Value"), Some(""));
    }
}

#[test]
fn python_snippets_pass_the_gateway() {
    let python = sdk_dir().join("venv/bin/python");
    if !python.exists() {
        assert!(
            !require(),
            "COPYIMAGE_REQUIRE_SDKS=1 but {} is missing",
            python.display()
        );
        eprintln!(
            "SKIPPED: no SDK venv at {} (run scripts/sign/setup_sdks.sh)",
            python.display()
        );
        return;
    }
    let (port, log) = serve();
    let generic: Params = [
        ("Action", "DescribeImages"),
        ("RegionId", "cn-hangzhou"),
        ("ImageName", "a*b c"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    for (style, params, action) in [
        (SignatureStyle::V3, copy_image_params(), "CopyImage"),
        (SignatureStyle::V1, copy_image_params(), "CopyImage"),
        (SignatureStyle::V3, generic.clone(), "DescribeImages"),
        (SignatureStyle::V1, generic, "DescribeImages"),
    ] {
        let code = generate::python_snippet(&input(port, style, params));
        let (ok, out) = run(Command::new(&python).arg("-c").arg(&code), "testsecret");
        assert!(ok, "{style:?} {action} snippet failed:\n{out}\n---\n{code}");
        assert!(out.contains("m-snippet"), "{out}");
        check_accepted(&log, style, action);
    }
    // The same code with a wrong secret is refused by the gateway, so the pass above is real.
    let code = generate::python_snippet(&input(port, SignatureStyle::V3, copy_image_params()));
    let (ok, out) = run(Command::new(&python).arg("-c").arg(&code), "not-the-secret");
    assert!(!ok);
    assert!(
        out.contains("SignatureDoesNotMatch") || out.contains("Specified signature is not matched"),
        "{out}"
    );
    assert_eq!(
        log.lock().unwrap().last().cloned(),
        Some(Err("SignatureDoesNotMatch".to_string()))
    );
}

#[test]
fn typescript_snippets_pass_the_gateway() {
    let node_dir = sdk_dir().join("node");
    let tsc = node_dir.join("node_modules/.bin/tsc");
    if !tsc.exists() {
        assert!(!require(), "COPYIMAGE_REQUIRE_SDKS=1 but {} is missing", tsc.display());
        eprintln!(
            "SKIPPED: no TypeScript SDK at {} (run scripts/sign/setup_sdks.sh)",
            node_dir.display()
        );
        return;
    }
    let (port, log) = serve();
    let generic: Params = [
        ("Action", "DescribeImages"),
        ("RegionId", "cn-hangzhou"),
        ("ImageName", "a*b c"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    for (n, (style, params, action)) in [
        (SignatureStyle::V3, copy_image_params(), "CopyImage"),
        (SignatureStyle::V1, copy_image_params(), "CopyImage"),
        (SignatureStyle::V3, generic, "DescribeImages"),
    ]
    .into_iter()
    .enumerate()
    {
        let code = generate::typescript_snippet(&input(port, style, params));
        let name = format!("snippet_{}_{n}", std::process::id());
        let ts = node_dir.join(format!("{name}.ts"));
        std::fs::write(&ts, &code).unwrap();
        // Type-checked against the SDK's own declarations, then run.
        let (ok, out) = run(
            Command::new(&tsc)
                .current_dir(&node_dir)
                .args([
                    "--module",
                    "commonjs",
                    "--target",
                    "es2020",
                    "--esModuleInterop",
                    "--strict",
                    "--skipLibCheck",
                ])
                .arg(&ts),
            "testsecret",
        );
        assert!(ok, "tsc rejected the {style:?} snippet:\n{out}\n---\n{code}");
        let js = node_dir.join(format!("{name}.js"));
        let (ok, out) = run(Command::new("node").current_dir(&node_dir).arg(&js), "testsecret");
        let _ = std::fs::remove_file(&ts);
        let _ = std::fs::remove_file(&js);
        assert!(ok, "{style:?} {action} snippet failed:\n{out}\n---\n{code}");
        assert!(out.contains("m-snippet"), "{out}");
        check_accepted(&log, style, action);
    }
}

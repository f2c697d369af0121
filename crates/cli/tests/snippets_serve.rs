//! The Python and TypeScript snippets the generator writes (`copyimage_engine::generate`), pointed at
//! `copyimage serve` and run with the official SDKs: the CopyImage they send must succeed against the full
//! engine (not only pass the gateway) and the copy must then be in the world.
//!
//! The SDKs are those of `tests/sdk/` (venv and node_modules made by `tests/suites/40-sdk.sh`), found via
//! `COPYIMAGE_SDK_DIR`. Without it the tests say so and pass, unless `COPYIMAGE_REQUIRE_SDKS=1` (the suite
//! sets both).

mod common;
use common::*;
use copyimage_engine::gateway::SignatureStyle;
use copyimage_engine::generate::{self, Endpoint, GenerateInput};
use std::path::PathBuf;
use std::process::Command;

fn sdk_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("COPYIMAGE_SDK_DIR").map(PathBuf::from);
    let require = std::env::var("COPYIMAGE_REQUIRE_SDKS").is_ok_and(|v| v == "1");
    match dir {
        Some(d) if d.join(".venv/bin/python").exists() && d.join("node_modules/.bin/tsc").exists() => Some(d),
        other => {
            assert!(!require, "COPYIMAGE_REQUIRE_SDKS=1 but no SDKs under {other:?}");
            eprintln!("SKIPPED: set COPYIMAGE_SDK_DIR to tests/sdk after tests/suites/40-sdk.sh installed the SDKs");
            None
        }
    }
}

fn input(addr: &str, style: SignatureStyle, name: &str) -> GenerateInput {
    let (host, port) = addr.split_once(':').expect("host:port");
    let params = [
        ("Action", "CopyImage"),
        ("RegionId", "cn-hangzhou"),
        ("ImageId", "m-bp1fq2h3gbxtc5dm9k1a"),
        ("DestinationRegionId", "cn-shanghai"),
        ("DestinationImageName", name),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let mut i = GenerateInput::new(params, "testid", "testsecret", &now_iso(), name);
    i.endpoint = Endpoint::local(host, port.parse().expect("port"));
    i.style = style;
    i
}

/// Runs a snippet with the key in the environment (the snippets never contain the secret).
fn run(cmd: &mut Command) -> (bool, String) {
    let out = cmd
        .env("ALIBABA_CLOUD_ACCESS_KEY_ID", "testid")
        .env("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "testsecret")
        .output()
        .expect("run snippet");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// The new image's ID printed by the snippet, checked to be in the world with the snippet's name.
fn assert_copied(addr: &str, out: &str, name: &str) {
    let start = out
        .find("m-uf6")
        .unwrap_or_else(|| panic!("no new image ID in the output:\n{out}"));
    let id: String = out[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let state = send(addr, "GET", "/__admin/state", "").expect("state").json();
    let images = state["engine"]["world"]["images"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let img = images
        .iter()
        .find(|i| i["id"] == id.as_str())
        .unwrap_or_else(|| panic!("{id} is not in the world"));
    assert!(img.to_string().contains(name), "{img}");
}

#[test]
fn generated_python_snippets_copy_an_image() {
    let Some(sdk) = sdk_dir() else { return };
    let dir = temp_dir("snip-py");
    let s = Server::start(&["--speed", "0"], &[], &dir);
    for (style, name) in [
        (SignatureStyle::V3, "py-snippet-v3"),
        (SignatureStyle::V1, "py-snippet-v1"),
    ] {
        let code = generate::python_snippet(&input(&s.addr, style, name));
        let (ok, out) = run(Command::new(sdk.join(".venv/bin/python")).arg("-c").arg(&code));
        assert!(ok, "{style:?} snippet failed:\n{out}\n---\n{code}");
        assert_copied(&s.addr, &out, name);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn generated_typescript_snippets_copy_an_image() {
    let Some(sdk) = sdk_dir() else { return };
    let dir = temp_dir("snip-ts");
    let s = Server::start(&["--speed", "0"], &[], &dir);
    // Inside tests/sdk so that tsc and node find its node_modules.
    let work = sdk.join(format!(".snippets-{}", std::process::id()));
    std::fs::create_dir_all(&work).unwrap();
    for (style, name) in [
        (SignatureStyle::V3, "ts-snippet-v3"),
        (SignatureStyle::V1, "ts-snippet-v1"),
    ] {
        let code = generate::typescript_snippet(&input(&s.addr, style, name));
        let ts = work.join(format!("{name}.ts"));
        std::fs::write(&ts, &code).unwrap();
        let (ok, out) = run(Command::new(sdk.join("node_modules/.bin/tsc"))
            .args([
                "--module",
                "commonjs",
                "--target",
                "es2020",
                "--esModuleInterop",
                "--strict",
            ])
            .args(["--skipLibCheck", "--outDir"])
            .arg(&work)
            .arg(&ts));
        assert!(ok, "tsc rejected the {style:?} snippet:\n{out}\n---\n{code}");
        let (ok, out) = run(Command::new("node").arg(work.join(format!("{name}.js"))));
        assert!(ok, "{style:?} snippet failed:\n{out}\n---\n{code}");
        assert_copied(&s.addr, &out, name);
    }
    let _ = std::fs::remove_dir_all(&work);
    let _ = std::fs::remove_dir_all(&dir);
}

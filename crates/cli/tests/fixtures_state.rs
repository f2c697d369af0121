//! State-file fixtures (`tests/fixtures/state/`, see `tests/fixtures/README.md`): files written by
//! `copyimage serve --state` after a few signed requests, with the answers that server, restarted on them, gave
//! to a fixed set of probe requests. The test restarts today's server on a copy of each file and sends the
//! same probes: the images, the copy queue (a copy still running can be cancelled) and the clock must come
//! back, answered byte for byte as recorded (status, headers but `Date`, body: the RequestIds continue from
//! the restored seeded generator).
//!
//! The files were written once by `write_state_fixtures` (`COPYIMAGE_WRITE_FIXTURES=1 cargo test -p
//! copyimage-cli --test fixtures_state -- --ignored`). Never re-run it to make a failing test pass: a server
//! that no longer restores an old state file is the regression these files exist to catch.

mod common;
use common::*;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/state")
}

const KEY: (&str, &str) = ("testid", "testsecret");
const ALL_STATUSES: &str = "Creating,Waiting,Available,UnAvailable,CreateFailed,Deprecated";

/// One signed V1 GET on a fresh connection; a fresh nonce each time (the probes run at any date).
fn signed(addr: &str, params: &[(&str, &str)]) -> Resp {
    static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let nonce = format!("fixture-{}-{n}-{}", std::process::id(), now_iso());
    let target = signed_v1_target("GET", params, KEY.0, KEY.1, &nonce);
    Conn::open(addr)
        .and_then(|mut c| c.send("GET", &target, &[], ""))
        .expect("request")
}

/// The wire response without what depends on the real clock or the connection: no `Date`, `Connection` or
/// `Content-Length` (the body is compared whole), and the server's free port in an error's HostId (the Host
/// the client sent) written as `127.0.0.1:PORT`.
fn wire(r: &Resp, addr: &str) -> Value {
    let headers: Vec<&(String, String)> = r
        .headers
        .iter()
        .filter(|(k, _)| !["date", "connection", "content-length"].contains(&k.to_ascii_lowercase().as_str()))
        .collect();
    json!({ "status": r.status, "headers": headers, "body": r.body.replace(addr, "127.0.0.1:PORT") })
}

/// The probes sent to a restarted server, in order, and what each answered.
fn probe(addr: &str, region: &str, cancel: &str) -> Vec<Value> {
    fn describe(region: &str) -> [(&str, &str); 5] {
        [
            ("Action", "DescribeImages"),
            ("RegionId", region),
            ("ImageOwnerAlias", "self"),
            ("Status", ALL_STATUSES),
            ("PageSize", "100"),
        ]
    }
    let mut out = Vec::new();
    let clock = send(addr, "GET", "/__admin/clock", "").expect("clock");
    // The admin route's shape is the endpoint's own (not ECS wire): only the restored world time is compared.
    out.push(json!({ "probe": "GET /__admin/clock", "world_time": clock.json()["world_time"] }));
    for region in ["cn-hangzhou", "cn-shanghai", "cn-beijing"] {
        let r = signed(addr, &describe(region));
        out.push(json!({ "probe": format!("DescribeImages {region}"), "response": wire(&r, addr) }));
    }
    let r = signed(
        addr,
        &[("Action", "CancelCopyImage"), ("RegionId", region), ("ImageId", cancel)],
    );
    out.push(json!({ "probe": format!("CancelCopyImage {cancel}"), "response": wire(&r, addr) }));
    let r = signed(addr, &describe(region));
    out.push(json!({ "probe": format!("DescribeImages {region}"), "response": wire(&r, addr) }));
    out
}

/// Every state fixture restores: a server started on a copy of it answers the probes as recorded.
#[test]
fn state_fixtures_restore_the_world() {
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(fixtures().join("probes.json")).expect("probes.json"))
            .expect("probes.json is JSON");
    let files = expected["files"].as_array().expect("files");
    assert_eq!(files.len(), 2);
    for f in files {
        let name = f["state"].as_str().expect("state");
        let dir = temp_dir(&format!("fixture-{}", name.trim_end_matches(".json")));
        let copy = dir.join(name);
        std::fs::copy(fixtures().join(name), &copy).expect("copy the fixture");
        let s = Server::start(&["--state", copy.to_str().unwrap(), "--speed", "0"], &[], &dir);
        let got = probe(
            &s.addr,
            f["region"].as_str().expect("region"),
            f["cancel"].as_str().expect("cancel"),
        );
        let want = f["probes"].as_array().expect("probes");
        assert_eq!(got.len(), want.len(), "{name}");
        for (g, w) in got.iter().zip(want) {
            assert_eq!(g, w, "{name}: {}\nstderr: {}", w["probe"], s.stderr());
        }
        drop(s);
        let _ = std::fs::remove_dir_all(&dir);
    }
}

// ---------------------------------------------------------------------------------------------------------
// The writer (run once, by hand; see the module docs)

fn copy_image(addr: &str, dest: &str, name: &str) -> Resp {
    signed(
        addr,
        &[
            ("Action", "CopyImage"),
            ("RegionId", "cn-hangzhou"),
            ("ImageId", "m-bp1h46wfpjsjastc****"),
            ("DestinationRegionId", dest),
            ("DestinationImageName", name),
        ],
    )
}

#[test]
#[ignore = "writes the fixtures: run once, by hand (see the module docs)"]
fn write_state_fixtures() {
    if std::env::var_os("COPYIMAGE_WRITE_FIXTURES").is_none() {
        return;
    }
    std::fs::create_dir_all(fixtures()).unwrap();
    let dir = temp_dir("fixture-writer");
    let mut files = Vec::new();
    for (name, preset, seed, region) in [
        ("default-copies.json", "default", "5", "cn-beijing"),
        ("minimal-copies.json", "minimal", "2", "cn-shanghai"),
    ] {
        let path = fixtures().join(name);
        let _ = std::fs::remove_file(&path);
        // The requests that leave the world in the file: copies (one finished, one running, one waiting),
        // a clock move, an error, a delete.
        let s = Server::start(
            &[
                "--state",
                path.to_str().unwrap(),
                "--preset",
                preset,
                "--seed",
                seed,
                "--speed",
                "0",
            ],
            &[],
            &dir,
        );
        let first = copy_image(&s.addr, "cn-shanghai", "fixture-a").json();
        send(&s.addr, "POST", "/__admin/run_to_idle", "").unwrap();
        let running = copy_image(&s.addr, region, "fixture-b").json();
        copy_image(&s.addr, region, "fixture-c");
        send(&s.addr, "POST", "/__admin/advance?seconds=60", "").unwrap();
        copy_image(&s.addr, "cn-hangzhou", "same-region");
        let done = first["ImageId"].as_str().expect("first copy").to_string();
        signed(
            &s.addr,
            &[
                ("Action", "DeleteImage"),
                ("RegionId", "cn-shanghai"),
                ("ImageId", &done),
            ],
        );
        drop(s);
        // What today's server answers when restarted on (a copy of) the file.
        let copy = dir.join(name);
        std::fs::copy(&path, &copy).unwrap();
        let s = Server::start(&["--state", copy.to_str().unwrap(), "--speed", "0"], &[], &dir);
        let cancel = running["ImageId"].as_str().expect("second copy").to_string();
        let probes = probe(&s.addr, region, &cancel);
        files.push(json!({ "state": name, "region": region, "cancel": cancel, "probes": probes }));
    }
    std::fs::write(
        fixtures().join("probes.json"),
        serde_json::to_string_pretty(&json!({ "files": files })).unwrap() + "\n",
    )
    .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}

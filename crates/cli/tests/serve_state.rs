//! `copyimage serve --state`: the world survives restarts, a crash in the middle of a journal write (or
//! between a snapshot's temp file and its rename) loses no answered request, a state file of the previous
//! format still loads, and a corrupt state file or journal is refused and left untouched.

mod common;
use common::*;

const SOURCE: &str = "m-bp1fq2h3gbxtc5dm9k1a";

fn copy(addr: &str, key: &(String, String), nonce: &str, name: &str) -> std::io::Result<Resp> {
    let target = signed_v1_target(
        "GET",
        &[
            ("Action", "CopyImage"),
            ("RegionId", "cn-hangzhou"),
            ("ImageId", SOURCE),
            ("DestinationRegionId", "cn-shanghai"),
            ("DestinationImageName", name),
        ],
        &key.0,
        &key.1,
        nonce,
    );
    Conn::open(addr)?.send("GET", &target, &[], "")
}

/// Image IDs of every image in `region`, whatever its status.
fn images_in(addr: &str, key: &(String, String), region: &str, nonce: &str) -> Vec<String> {
    let mut out = Vec::new();
    for page in 1..=20 {
        let p = page.to_string();
        let target = signed_v1_target(
            "GET",
            &[
                ("Action", "DescribeImages"),
                ("RegionId", region),
                (
                    "Status",
                    "Creating,Waiting,Available,UnAvailable,CreateFailed,Deprecated",
                ),
                ("ImageOwnerAlias", "self"),
                ("PageSize", "100"),
                ("PageNumber", &p),
            ],
            &key.0,
            &key.1,
            &format!("{nonce}-{page}"),
        );
        let r = send_signed(addr, &target);
        assert_eq!(r.status, 200, "{}", r.body);
        let v = r.json();
        let imgs = v["Images"]["Image"].as_array().cloned().unwrap_or_default();
        if imgs.is_empty() {
            break;
        }
        out.extend(imgs.iter().filter_map(|i| i["ImageId"].as_str().map(str::to_string)));
    }
    out
}

fn send_signed(addr: &str, target: &str) -> Resp {
    Conn::open(addr)
        .and_then(|mut c| c.send("GET", target, &[], ""))
        .expect("request")
}

#[test]
fn every_answered_request_survives_a_crash_in_a_journal_write() {
    let dir = temp_dir("crash");
    let state = dir.join("world.json");
    let state_arg = state.to_str().unwrap();
    // One request at a time, so journal append N holds request N. Crash half-way through the 5th append
    // (a torn line, never synced): requests 1-4 are answered, the 5th never is.
    let mut s = Server::start(
        &["--state", state_arg, "--speed", "0"],
        &[("COPYIMAGE_TEST_CRASH_IN_JOURNAL", "5")],
        &dir,
    );
    let key = s.key();
    let mut answered = Vec::new();
    let mut unanswered = 0;
    for i in 0..8 {
        match copy(&s.addr, &key, &format!("crash-{i}"), &format!("crash-copy-{i}")) {
            Ok(r) => {
                assert_eq!(r.status, 200, "request {i}: {}", r.body);
                answered.push(r.json()["ImageId"].as_str().expect("ImageId").to_string());
            }
            Err(_) => {
                unanswered += 1;
                break;
            }
        }
    }
    assert_eq!(answered.len(), 4, "answered before the crash: {answered:?}");
    assert_eq!(unanswered, 1);
    let status = s.wait_exit(10).expect("the hook stops the server");
    assert!(!status.success(), "the hook aborts the process: {status:?}");
    assert!(
        s.stderr().contains("COPYIMAGE_TEST_CRASH_IN_JOURNAL=5"),
        "{}",
        s.stderr()
    );
    let journal = std::fs::read_to_string(dir.join("world.json.journal")).unwrap();
    assert!(!journal.ends_with('\n'), "the crash left a torn last line: {journal}");
    assert_eq!(
        journal.lines().count(),
        1 + 5,
        "format line, four records, the torn fifth"
    );
    drop(s);

    // Restart on the same file: every answered copy is there, exactly once, and nothing else was added.
    let s = Server::start(&["--state", state_arg, "--speed", "0"], &[], &dir);
    assert!(s.stderr().contains("resumed"), "{}", s.stderr());
    assert_eq!(
        std::fs::read_to_string(dir.join("world.json.journal")).unwrap(),
        "{\"format\":\"copyimage-serve-journal/1\"}\n",
        "the journal was folded into the snapshot on start"
    );
    let key = s.key();
    let imgs = images_in(&s.addr, &key, "cn-shanghai", "after-crash");
    for id in &answered {
        assert_eq!(imgs.iter().filter(|x| *x == id).count(), 1, "{id} in {imgs:?}");
    }
    // The fifth copy was never acknowledged; its torn record was dropped.
    let fresh = Server::start(&["--speed", "0"], &[], &dir);
    let before = images_in(&fresh.addr, &fresh.key(), "cn-shanghai", "fresh").len();
    assert_eq!(imgs.len(), before + answered.len(), "{imgs:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn world_survives_a_clean_restart() {
    let dir = temp_dir("restart");
    let state = dir.join("w.json");
    let state_arg = state.to_str().unwrap();
    let (id, time) = {
        let s = Server::start(&["--state", state_arg, "--speed", "0"], &[], &dir);
        let key = s.key();
        let r = copy(&s.addr, &key, "restart-1", "restart-copy").expect("copy");
        assert_eq!(r.status, 200, "{}", r.body);
        let adv = send(&s.addr, "POST", "/__admin/advance?seconds=5", "").expect("advance");
        assert_eq!(adv.status, 200, "{}", adv.body);
        (
            r.json()["ImageId"].as_str().unwrap().to_string(),
            adv.json()["world_time"].as_u64().unwrap(),
        )
    };
    let s = Server::start(&["--state", state_arg, "--speed", "0"], &[], &dir);
    let clock = send(&s.addr, "GET", "/__admin/clock", "").expect("clock").json();
    assert_eq!(clock["world_time"].as_u64(), Some(time));
    assert!(images_in(&s.addr, &s.key(), "cn-shanghai", "restart-2").contains(&id));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_corrupt_state_file_is_refused_and_not_overwritten() {
    let dir = temp_dir("corrupt");
    let state = dir.join("w.json");
    for bad in [
        "{\"format\": \"copyimage-serve-state/1\", \"engine\": ",
        "not json",
        "{\"engine\": {}}",
    ] {
        std::fs::write(&state, bad).unwrap();
        let out = copyimage(&["serve", "--address", "127.0.0.1:0", "--state", state.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        assert!(out.stdout.is_empty(), "nothing on stdout when refusing");
        let err = stderr(&out);
        assert!(err.contains("w.json") && err.contains("refusing"), "{err}");
        assert_eq!(
            std::fs::read_to_string(&state).unwrap(),
            bad,
            "the file is left as it was"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_failed_state_write_is_answered_503_and_not_acknowledged() {
    let dir = temp_dir("failwrite");
    let state = dir.join("w.json");
    let full = dir.join("disk-full");
    let s = Server::start(
        &["--state", state.to_str().unwrap(), "--speed", "0"],
        &[("COPYIMAGE_TEST_FAIL_WRITES_IF", full.to_str().unwrap())],
        &dir,
    );
    let key = s.key();
    // While the marker exists every write fails, as on a full disk.
    std::fs::write(&full, "").unwrap();
    let r = copy(&s.addr, &key, "fail-1", "fail-copy").expect("answered");
    assert_eq!(r.status, 503, "{}", r.body);
    let v = r.json();
    assert_eq!(v["Code"], "ServiceUnavailable");
    assert_eq!(
        v["Message"],
        "The request has failed due to a temporary failure of the server."
    );
    assert!(s.stderr().contains("w.json.journal"), "{}", s.stderr());
    // The next write after a failed journal write is a whole snapshot; it fails too while the disk is full.
    let r = copy(&s.addr, &key, "fail-2", "fail-copy-2").expect("answered");
    assert_eq!(r.status, 503, "{}", r.body);
    assert!(s.stderr().contains("w.json.tmp"), "{}", s.stderr());
    // Once the disk is writable again, requests are acknowledged again.
    std::fs::remove_file(&full).unwrap();
    let r = copy(&s.addr, &key, "fail-3", "fail-copy-3").expect("answered");
    assert_eq!(r.status, 200, "{}", r.body);
    let third = r.json()["ImageId"].as_str().unwrap().to_string();
    drop(s);
    // After a restart the acknowledged copy is there (the snapshot covered the journal's gap).
    let s = Server::start(&["--state", state.to_str().unwrap(), "--speed", "0"], &[], &dir);
    assert!(images_in(&s.addr, &s.key(), "cn-shanghai", "fail-after").contains(&third));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn copies_queued_before_a_restart_finish_after_it() {
    let dir = temp_dir("resume-queue");
    let state = dir.join("w.json");
    let state_arg = state.to_str().unwrap();
    let id = {
        let s = Server::start(&["--state", state_arg, "--speed", "0"], &[], &dir);
        let r = copy(&s.addr, &s.key(), "rq-1", "resume-copy").expect("copy");
        assert_eq!(r.status, 200, "{}", r.body);
        r.json()["ImageId"].as_str().unwrap().to_string()
    };
    let s = Server::start(&["--state", state_arg, "--speed", "0"], &[], &dir);
    let status = |nonce: &str| {
        let target = signed_v1_target(
            "GET",
            &[
                ("Action", "DescribeImages"),
                ("RegionId", "cn-shanghai"),
                ("ImageId", &id),
                ("Status", "Creating,Waiting,Available,CreateFailed"),
            ],
            &s.key().0,
            &s.key().1,
            nonce,
        );
        send_signed(&s.addr, &target).json()["Images"]["Image"][0]["Status"].clone()
    };
    assert!(["Waiting", "Creating"].contains(&status("rq-2").as_str().unwrap_or("")));
    let r = send(&s.addr, "POST", "/__admin/run_to_idle", "").expect("run to idle");
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(status("rq-3"), "Available");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_state_file_of_the_previous_format_loads() {
    // Written by `copyimage serve --state` before the journal (format copyimage-serve-state/1): one copy
    // (m-uf6ublw9l0axyka4nrt2 to cn-shanghai), then /__admin/advance?seconds=7 (world time 607).
    let dir = temp_dir("v1");
    let state = dir.join("old.json");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/serve-state-v1.json"),
        &state,
    )
    .unwrap();
    let s = Server::start(&["--state", state.to_str().unwrap(), "--speed", "0"], &[], &dir);
    assert!(s.stderr().contains("resumed"), "{}", s.stderr());
    let clock = send(&s.addr, "GET", "/__admin/clock", "").expect("clock").json();
    assert_eq!(clock["world_time"].as_u64(), Some(607));
    let imgs = images_in(&s.addr, &s.key(), "cn-shanghai", "v1-1");
    assert!(imgs.contains(&"m-uf6ublw9l0axyka4nrt2".to_string()), "{imgs:?}");
    // It was rewritten in the current format on start.
    let text = std::fs::read_to_string(&state).unwrap();
    assert!(
        text.starts_with("{\"format\":\"copyimage-serve-state/2\",\"version\":0,"),
        "{}",
        &text[..80]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn answered_requests_survive_a_crash_in_a_snapshot_write() {
    let dir = temp_dir("snapcrash");
    let state = dir.join("w.json");
    let state_arg = state.to_str().unwrap();
    // Snapshot write 1 is at start; write 2 is the one a reset asks for. Crash there, before the rename.
    let mut s = Server::start(
        &["--state", state_arg, "--speed", "0"],
        &[("COPYIMAGE_TEST_CRASH_BEFORE_RENAME", "2")],
        &dir,
    );
    let key = s.key();
    let mut answered = Vec::new();
    for i in 0..3 {
        let r = copy(&s.addr, &key, &format!("snap-{i}"), &format!("snap-copy-{i}")).expect("copy");
        assert_eq!(r.status, 200, "{}", r.body);
        answered.push(r.json()["ImageId"].as_str().unwrap().to_string());
    }
    assert!(
        send(&s.addr, "POST", "/__admin/reset", "").is_err(),
        "the reset is never answered"
    );
    assert!(!s.wait_exit(10).expect("the hook stops the server").success());
    assert!(
        dir.join("w.json.tmp").exists(),
        "the crash left the unrenamed temp file"
    );
    drop(s);
    let s = Server::start(&["--state", state_arg, "--speed", "0"], &[], &dir);
    let imgs = images_in(&s.addr, &s.key(), "cn-shanghai", "snap-after");
    for id in &answered {
        assert_eq!(imgs.iter().filter(|x| *x == id).count(), 1, "{id} in {imgs:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_journal_that_replays_differently_is_refused_and_left_alone() {
    let dir = temp_dir("replay");
    let state = dir.join("w.json");
    let state_arg = state.to_str().unwrap();
    let id = {
        let s = Server::start(
            &["--state", state_arg, "--speed", "0", "--access-key", "mine:my-secret"],
            &[],
            &dir,
        );
        let r = copy(&s.addr, &("mine".into(), "my-secret".into()), "rp-1", "replay-copy").expect("copy");
        assert_eq!(r.status, 200, "{}", r.body);
        r.json()["ImageId"].as_str().unwrap().to_string()
    };
    let journal = dir.join("w.json.journal");
    let (snap, jtext) = (
        std::fs::read_to_string(&state).unwrap(),
        std::fs::read_to_string(&journal).unwrap(),
    );
    assert!(!jtext.contains("my-secret"), "no secret in the journal");
    // Without the key pair, the copy's request would now fail its signature check: another world.
    let out = copyimage(&[
        "serve",
        "--address",
        "127.0.0.1:0",
        "--state",
        state_arg,
        "--speed",
        "0",
    ]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = stderr(&out);
    assert!(err.contains("w.json.journal") && err.contains("--access-key"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&state).unwrap(),
        snap,
        "the snapshot is left as it was"
    );
    assert_eq!(
        std::fs::read_to_string(&journal).unwrap(),
        jtext,
        "the journal is left as it was"
    );
    // With the same pair it replays, and the copy is there.
    let s = Server::start(
        &["--state", state_arg, "--speed", "0", "--access-key", "mine:my-secret"],
        &[],
        &dir,
    );
    assert!(images_in(&s.addr, &s.key(), "cn-shanghai", "rp-2").contains(&id));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_damaged_or_orphaned_journal_is_refused() {
    let dir = temp_dir("badjournal");
    let state = dir.join("w.json");
    let state_arg = state.to_str().unwrap();
    drop(Server::start(&["--state", state_arg, "--speed", "0"], &[], &dir));
    let journal = dir.join("w.json.journal");
    for (bad, why) in [
        ("not a journal\n", "not a copyimage serve journal"),
        (
            "{\"format\":\"copyimage-serve-journal/1\"}\n{\"v\":1,\n{}\n",
            "line 2 is damaged",
        ),
        (
            "{\"format\":\"copyimage-serve-journal/1\"}\n{\"v\":5,\"op\":\"tick\"}\n",
            "change 5 follows change 0",
        ),
    ] {
        std::fs::write(&journal, bad).unwrap();
        let out = copyimage(&["serve", "--address", "127.0.0.1:0", "--state", state_arg]);
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        let err = stderr(&out);
        assert!(err.contains(why) && err.contains("w.json.journal"), "{err}");
        assert_eq!(std::fs::read_to_string(&journal).unwrap(), bad);
    }
    std::fs::remove_file(&state).unwrap();
    let out = copyimage(&["serve", "--address", "127.0.0.1:0", "--state", state_arg]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(stderr(&out).contains("exists without its state file"));
    assert!(!state.exists(), "no state file is made beside an orphaned journal");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_long_journal_is_folded_into_the_snapshot() {
    let dir = temp_dir("fold");
    let state = dir.join("w.json");
    let state_arg = state.to_str().unwrap();
    let journal = dir.join("w.json.journal");
    let version = || -> u64 {
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&state).unwrap()).unwrap();
        v["version"].as_u64().expect("version")
    };
    // A record of a signed CopyImage is about 550 bytes: past 1,000 bytes, the third write is a snapshot.
    let s = Server::start(
        &["--state", state_arg, "--speed", "0"],
        &[("COPYIMAGE_TEST_JOURNAL_LIMIT", "1000")],
        &dir,
    );
    let key = s.key();
    let mut ids = Vec::new();
    for i in 0..5 {
        let r = copy(&s.addr, &key, &format!("fold-{i}"), &format!("fold-copy-{i}")).expect("copy");
        assert_eq!(r.status, 200, "{}", r.body);
        ids.push(r.json()["ImageId"].as_str().unwrap().to_string());
        let records = std::fs::read_to_string(&journal).unwrap().lines().count() - 1;
        // Versions 1 and 2 are journaled; 3 is a snapshot (the journal was long); 4, 5 journaled again.
        let want = [(0, 1), (0, 2), (3, 0), (3, 1), (3, 2)][i];
        assert_eq!((version(), records), want, "after request {}", i + 1);
    }
    drop(s);
    let s = Server::start(&["--state", state_arg, "--speed", "0"], &[], &dir);
    assert_eq!(version(), 5, "folded on start");
    let imgs = images_in(&s.addr, &s.key(), "cn-shanghai", "fold-after");
    for id in &ids {
        assert_eq!(imgs.iter().filter(|x| *x == id).count(), 1, "{id} in {imgs:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_running_world_clock_replays_to_the_same_engine() {
    let dir = temp_dir("ticks");
    let state = dir.join("w.json");
    let state_arg = state.to_str().unwrap();
    // At 200 world seconds per real second, the copies move between requests: each journal record carries
    // the clock advances it saw, and GET /__admin/clock advances the clock too (carried by the next record).
    let s = Server::start(&["--state", state_arg, "--speed", "200"], &[], &dir);
    let key = s.key();
    for i in 0..4 {
        let r = copy(&s.addr, &key, &format!("tick-{i}"), &format!("tick-copy-{i}")).expect("copy");
        assert_eq!(r.status, 200, "{}", r.body);
        std::thread::sleep(std::time::Duration::from_millis(150));
        assert_eq!(send(&s.addr, "GET", "/__admin/clock", "").unwrap().status, 200);
        std::thread::sleep(std::time::Duration::from_millis(150));
    }
    let r = send(&s.addr, "POST", "/__admin/clock?speed=0", "").unwrap();
    assert_eq!(r.status, 200, "{}", r.body);
    let live = send(&s.addr, "GET", "/__admin/state", "").unwrap().json();
    assert!(
        live["engine"]["world"]["now"].as_u64().unwrap_or(0) > 0,
        "the clock moved"
    );
    drop(s);
    let journal = std::fs::read_to_string(dir.join("w.json.journal")).unwrap();
    assert!(journal.contains("\"adv\":["), "advances are journaled: {journal}");
    let s = Server::start(&["--state", state_arg, "--speed", "0"], &[], &dir);
    let replayed = send(&s.addr, "GET", "/__admin/state", "").unwrap().json();
    assert_eq!(replayed["version"], live["version"]);
    assert!(
        replayed["engine"] == live["engine"],
        "the replayed engine differs from the live one"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

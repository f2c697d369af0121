//! `copyimage serve --state`: the world survives restarts, a crash between writing the temp file and the
//! rename loses no answered request, and a corrupt state file is refused and left untouched.

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
fn every_answered_request_survives_a_crash_before_the_rename() {
    let dir = temp_dir("crash");
    let state = dir.join("world.json");
    let state_arg = state.to_str().unwrap();
    // Write 1 is the fresh world at start; writes 2.. follow the requests. Crash on the 6th write, that is
    // while persisting the 5th request: requests 1-4 are answered, the 5th never is.
    let mut s = Server::start(
        &["--state", state_arg, "--speed", "0"],
        &[("COPYIMAGE_TEST_CRASH_BEFORE_RENAME", "6")],
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
        s.stderr().contains("COPYIMAGE_TEST_CRASH_BEFORE_RENAME=6"),
        "{}",
        s.stderr()
    );
    assert!(
        dir.join("world.json.tmp").exists(),
        "the crash left the unrenamed temp file"
    );
    drop(s);

    // Restart on the same file: every answered copy is there, exactly once, and nothing else was added.
    let s = Server::start(&["--state", state_arg, "--speed", "0"], &[], &dir);
    assert!(s.stderr().contains("resumed"), "{}", s.stderr());
    let key = s.key();
    let imgs = images_in(&s.addr, &key, "cn-shanghai", "after-crash");
    for id in &answered {
        assert_eq!(imgs.iter().filter(|x| *x == id).count(), 1, "{id} in {imgs:?}");
    }
    // The fifth copy was never acknowledged; its change never reached the file.
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
        let err = String::from_utf8_lossy(&out.stderr);
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
    let s = Server::start(&["--state", state.to_str().unwrap(), "--speed", "0"], &[], &dir);
    let key = s.key();
    // A directory where the temp file goes makes the next write fail.
    std::fs::create_dir(dir.join("w.json.tmp")).unwrap();
    let r = copy(&s.addr, &key, "fail-1", "fail-copy").expect("answered");
    assert_eq!(r.status, 503, "{}", r.body);
    let v = r.json();
    assert_eq!(v["Code"], "ServiceUnavailable");
    assert_eq!(
        v["Message"],
        "The request has failed due to a temporary failure of the server."
    );
    assert!(s.stderr().contains("w.json.tmp"), "{}", s.stderr());
    // Once the disk is writable again, requests are acknowledged again.
    std::fs::remove_dir(dir.join("w.json.tmp")).unwrap();
    let r = copy(&s.addr, &key, "fail-2", "fail-copy-2").expect("answered");
    assert_eq!(r.status, 200, "{}", r.body);
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

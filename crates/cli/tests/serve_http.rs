//! `copyimage serve` over real sockets: the banner, GET and POST (query and form body), V1 and V3,
//! admin routes, `--access-key` pairs.

mod common;
use common::*;

const SOURCE: &str = "m-bp1fq2h3gbxtc5dm9k1a";

#[test]
fn banner_lists_the_url_and_the_world_keys() {
    let dir = temp_dir("banner");
    let s = Server::start(&[], &[], &dir);
    assert!(
        s.addr.starts_with("127.0.0.1:") && !s.addr.ends_with(":0"),
        "{}",
        s.addr
    );
    assert!(s.keys.contains(&("testid".into(), "testsecret".into())), "{:?}", s.keys);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn get_and_post_form_bodies_are_both_answered() {
    let dir = temp_dir("methods");
    let s = Server::start(&["--speed", "0"], &[], &dir);
    let (id, secret) = s.key();
    let params = [
        ("Action", "CopyImage"),
        ("RegionId", "cn-hangzhou"),
        ("ImageId", SOURCE),
        ("DestinationRegionId", "cn-shanghai"),
    ];
    // GET, everything in the query.
    let target = signed_v1_target("GET", &params, &id, &secret, "m-1");
    let r = Conn::open(&s.addr).unwrap().send("GET", &target, &[], "").unwrap();
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.header("Content-Type"), Some("application/json;charset=utf-8"));
    assert_eq!(r.header("x-acs-request-id"), r.json()["RequestId"].as_str());
    // POST with the whole signed query as a form body.
    let form = signed_v1_target("POST", &params, &id, &secret, "m-2");
    let headers = vec![(
        "Content-Type".to_string(),
        "application/x-www-form-urlencoded".to_string(),
    )];
    let r = Conn::open(&s.addr)
        .unwrap()
        .send("POST", "/", &headers, &form[2..])
        .unwrap();
    assert_eq!(r.status, 200, "{}", r.body);
    // A replayed nonce is refused by the gateway.
    let r = Conn::open(&s.addr).unwrap().send("GET", &target, &[], "").unwrap();
    assert_eq!(r.json()["Code"], "SignatureNonceUsed", "{}", r.body);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn admin_routes_move_the_clock_reset_and_load() {
    let dir = temp_dir("admin");
    let s = Server::start(&["--speed", "0"], &[], &dir);
    let t0 = send(&s.addr, "GET", "/__admin/clock", "").unwrap().json()["world_time"]
        .as_u64()
        .unwrap();
    let r = send(&s.addr, "POST", "/__admin/advance?seconds=120", "").unwrap();
    assert_eq!(r.json()["world_time"].as_u64(), Some(t0 + 120));
    assert_eq!(
        send(&s.addr, "POST", "/__admin/advance?seconds=x", "").unwrap().status,
        400
    );
    assert_eq!(
        send(&s.addr, "POST", "/__admin/reset", "").unwrap().json()["world_time"].as_u64(),
        Some(t0)
    );
    // Load the minimal preset: cn-hangzhou holds one image only.
    let r = send(&s.addr, "POST", "/__admin/scenario?preset=minimal", "").unwrap();
    assert_eq!(r.status, 200, "{}", r.body);
    let state = send(&s.addr, "GET", "/__admin/state", "").unwrap().json();
    let images = state["engine"]["world"]["images"].as_array().unwrap().len();
    assert_eq!(images, 1, "{state}");
    // A scenario body that is not a world is refused with the engine's message.
    let r = send(&s.addr, "POST", "/__admin/scenario", "{\"regions\": 5}").unwrap();
    assert_eq!(r.status, 400);
    assert!(r.json()["error"].as_str().unwrap().contains("scenario"), "{}", r.body);
    assert_eq!(send(&s.addr, "GET", "/__admin/nope", "").unwrap().status, 404);
    // The world clock runs at --speed once set.
    send(&s.addr, "POST", "/__admin/clock?speed=1000", "").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let t = send(&s.addr, "GET", "/__admin/clock", "").unwrap().json()["world_time"]
        .as_u64()
        .unwrap();
    assert!(t >= 200, "300 ms at 1000x is about 300 world seconds, got {t}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn extra_access_keys_are_accepted_but_never_shown_or_saved() {
    let dir = temp_dir("keys");
    let state = dir.join("w.json");
    let s = Server::start(
        &[
            "--access-key",
            "mykey:my-very-secret",
            "--state",
            state.to_str().unwrap(),
        ],
        &[],
        &dir,
    );
    let mine = s.keys.iter().find(|(id, _)| id == "mykey").expect("listed");
    assert!(!mine.1.contains("my-very-secret"), "{mine:?}");
    let target = signed_v1_target(
        "GET",
        &[("Action", "DescribeRegions")],
        "mykey",
        "my-very-secret",
        "k-1",
    );
    let r = Conn::open(&s.addr).unwrap().send("GET", &target, &[], "").unwrap();
    assert_eq!(r.status, 200, "{}", r.body);
    let saved = std::fs::read_to_string(&state).unwrap();
    assert!(
        !saved.contains("my-very-secret"),
        "the typed secret reached the state file"
    );
    let via_admin = send(&s.addr, "GET", "/__admin/state", "").unwrap().body;
    assert!(!via_admin.contains("my-very-secret"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn timestamps_are_checked_against_real_utc() {
    use copyimage_engine::sign;
    let dir = temp_dir("clock");
    // The world clock is frozen and far from now; the wire clock is still real UTC.
    let s = Server::start(&["--speed", "0"], &[], &dir);
    let (id, secret) = s.key();
    let extra = vec![("Action".to_string(), "DescribeRegions".to_string())];
    for (ts, want) in [
        ("2016-02-23T12:46:24Z", Some("InvalidTimeStamp.Expired")),
        ("now", None),
    ] {
        let ts = if ts == "now" { now_iso() } else { ts.to_string() };
        let all = sign::merge_params(&sign::v1_common_params(&id, &ts, &format!("ts-{ts}")), &extra);
        let signed = sign::sign_v1("GET", &all, &secret);
        let target = format!("/?{}", sign::v1_signed_query(&all, &signed.signature));
        let r = Conn::open(&s.addr).unwrap().send("GET", &target, &[], "").unwrap();
        match want {
            Some(code) => assert_eq!(r.json()["Code"], code, "{}", r.body),
            None => assert_eq!(r.status, 200, "{}", r.body),
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Sends raw bytes on a fresh connection and returns everything the server sends until it closes.
fn raw(addr: &str, bytes: &[u8]) -> String {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(60))).unwrap();
    s.write_all(bytes).unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn a_chunked_form_body_is_answered() {
    let dir = temp_dir("chunked");
    let s = Server::start(&["--speed", "0"], &[], &dir);
    let (id, secret) = s.key();
    let params = [("Action", "DescribeRegions")];
    let form = signed_v1_target("POST", &params, &id, &secret, "ch-1")[2..].to_string();
    let (a, b) = form.split_at(form.len() / 2);
    // Two chunks (one with an extension), a trailer, and Connection: close to read to the end.
    let req = format!(
        "POST / HTTP/1.1\r\nHost: {}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n{:x};ext=1\r\n{a}\r\n{:X}\r\n{b}\r\n0\r\nX-Trailer: t\r\n\r\n",
        s.addr,
        a.len(),
        b.len()
    );
    let resp = raw(&s.addr, req.as_bytes());
    assert!(resp.starts_with("HTTP/1.1 200 OK\r\n"), "{resp}");
    assert!(resp.contains("\"RegionId\":\"cn-hangzhou\""), "{resp}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn requests_refused_before_the_engine_have_proper_reason_phrases() {
    let dir = temp_dir("reasons");
    let s = Server::start(&["--speed", "0"], &[], &dir);
    let host = &s.addr;
    for (req, line) in [
        (
            format!("POST / HTTP/1.1\r\nHost: {host}\r\nContent-Length: 2000000\r\n\r\n"),
            "HTTP/1.1 413 Content Too Large\r\n",
        ),
        (
            format!(
                "GET / HTTP/1.1\r\nHost: {host}\r\nX-Long: {}\r\n\r\n",
                "a".repeat(70_000)
            ),
            "HTTP/1.1 431 Request Header Fields Too Large\r\n",
        ),
        (
            format!("POST / HTTP/1.1\r\nHost: {host}\r\nTransfer-Encoding: gzip\r\n\r\n"),
            "HTTP/1.1 501 Not Implemented\r\n",
        ),
        (
            format!("POST / HTTP/1.1\r\nHost: {host}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"),
            "HTTP/1.1 400 Bad Request\r\n",
        ),
        (
            format!("POST / HTTP/1.1\r\nHost: {host}\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n"),
            "HTTP/1.1 400 Bad Request\r\n",
        ),
        (
            format!("GET / HTTP/2.0\r\nHost: {host}\r\n\r\n"),
            "HTTP/1.1 505 HTTP Version Not Supported\r\n",
        ),
    ] {
        let resp = raw(host, req.as_bytes());
        assert!(resp.starts_with(line), "{line:?} for {:?}: {resp}", &req[..40]);
        assert!(resp.contains("Connection: close\r\n"), "{resp}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_key_pair_can_come_from_the_environment() {
    let dir = temp_dir("envkey");
    let env = [
        ("ALIBABA_CLOUD_ACCESS_KEY_ID", "envid"),
        ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-very-secret"),
    ];
    let describe = |s: &Server, id: &str, secret: &str, nonce: &str| {
        let target = signed_v1_target("GET", &[("Action", "DescribeRegions")], id, secret, nonce);
        Conn::open(&s.addr).unwrap().send("GET", &target, &[], "").unwrap()
    };
    let s = Server::start(&["--speed", "0"], &env, &dir);
    assert!(
        s.keys
            .contains(&("envid".into(), "(secret from ALIBABA_CLOUD_ACCESS_KEY_SECRET)".into())),
        "{:?}",
        s.keys
    );
    assert!(!s.keys.iter().any(|(_, v)| v.contains("env-very-secret")));
    let r = describe(&s, "envid", "env-very-secret", "e-1");
    assert_eq!(r.status, 200, "{}", r.body);
    drop(s);
    // --access-key wins: the environment's pair is then not accepted.
    let s = Server::start(&["--speed", "0", "--access-key", "flag:flag-secret"], &env, &dir);
    assert_eq!(describe(&s, "flag", "flag-secret", "e-2").status, 200);
    let r = describe(&s, "envid", "env-very-secret", "e-3");
    assert_eq!(r.json()["Code"], "InvalidAccessKeyId.NotFound", "{}", r.body);
    drop(s);
    // Half a pair is not used, and says why.
    let s = Server::start(&["--speed", "0"], &env[..1], &dir);
    assert!(!s.keys.iter().any(|(id, _)| id == "envid"), "{:?}", s.keys);
    assert!(
        s.stderr()
            .contains("ALIBABA_CLOUD_ACCESS_KEY_ID is set but ALIBABA_CLOUD_ACCESS_KEY_SECRET is not"),
        "{}",
        s.stderr()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bound_beyond_loopback_it_says_so_and_guards_the_admin_routes() {
    let dir = temp_dir("exposed");
    let s = Server::start_at("0.0.0.0:0", &["--speed", "0"], &[], &dir);
    let local = s.addr.replace("0.0.0.0", "127.0.0.1");
    // A loopback client still reaches the admin routes.
    assert_eq!(send(&local, "GET", "/__admin/clock", "").unwrap().status, 200);
    let err = s.stderr();
    assert!(
        err.contains("beyond loopback: anyone who can reach this address")
            && err.contains("answer loopback clients only; pass --admin-token"),
        "{err}"
    );
    drop(s);
    // The same note in Chinese under a Chinese locale (the banner's address and key lines stay as scripts
    // read them).
    let s = Server::start_at("0.0.0.0:0", &["--speed", "0"], &[("LANG", "zh_CN.UTF-8")], &dir);
    let err = s.stderr();
    assert!(
        err.contains("不限于本机回环地址：任何能访问此地址的人")
            && err.contains("只响应本机回环地址的客户端；如需从其他主机使用，请传入 --admin-token TOKEN。"),
        "{err}"
    );
    assert!(s.addr.starts_with("0.0.0.0:"), "{}", s.addr);
    drop(s);
    let s = Server::start_at("0.0.0.0:0", &["--speed", "0", "--admin-token", "tok-123"], &[], &dir);
    let local = s.addr.replace("0.0.0.0", "127.0.0.1");
    let r = send(&local, "POST", "/__admin/advance?seconds=5", "").unwrap();
    assert_eq!(r.status, 401, "{}", r.body);
    let with = |token: &str| {
        let h = vec![("X-Admin-Token".to_string(), token.to_string())];
        Conn::open(&local)
            .unwrap()
            .send("POST", "/__admin/advance?seconds=5", &h, "")
            .unwrap()
    };
    assert_eq!(with("tok-124").status, 401);
    let r = with("tok-123");
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(
        s.stderr()
            .contains("answer only requests with the header X-Admin-Token"),
        "{}",
        s.stderr()
    );
    // Signed ECS requests need no token.
    let (id, secret) = s.key();
    let target = signed_v1_target("GET", &[("Action", "DescribeRegions")], &id, &secret, "x-1");
    assert_eq!(
        Conn::open(&local)
            .unwrap()
            .send("GET", &target, &[], "")
            .unwrap()
            .status,
        200
    );
    drop(s);
    // On loopback, nothing is said and the token (when given) is still required.
    let s = Server::start(&["--speed", "0"], &[("COPYIMAGE_ADMIN_TOKEN", "env-tok")], &dir);
    assert_eq!(send(&s.addr, "GET", "/__admin/clock", "").unwrap().status, 401);
    assert!(!s.stderr().contains("beyond loopback"), "{}", s.stderr());
    let _ = std::fs::remove_dir_all(&dir);
}

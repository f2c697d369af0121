//! Helpers shared by the CLI's integration tests: run the `copyimage` binary, start `copyimage serve` on a
//! free loopback port, and a tiny HTTP/1.1 client (keep-alive, Content-Length bodies) so the tests need no
//! HTTP library.
#![allow(dead_code)] // each test binary uses a different subset

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The `copyimage` binary Cargo built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_copyimage");

/// The key pair variables the commands read when their flags are absent: removed, so that each test gives
/// only the keys it names (a developer's shell may have them set).
pub const KEY_VARS: [&str; 2] = ["ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"];

/// The locale variables that choose the language of the text output: removed, so the expected English
/// holds in a developer's Chinese shell too (`cli_lang.rs` sets them).
pub const LOCALE_VARS: [&str; 3] = ["LC_ALL", "LC_MESSAGES", "LANG"];

/// `copyimage` as the tests start it: without [`KEY_VARS`] and [`LOCALE_VARS`] from the test's own
/// environment (a test that wants one sets it with `.env`).
pub fn command() -> Command {
    let mut c = Command::new(BIN);
    for v in KEY_VARS.iter().chain(&LOCALE_VARS) {
        c.env_remove(v);
    }
    c
}

/// Runs `copyimage ARGS` and returns its output, in English whatever the developer's locale.
pub fn copyimage(args: &[&str]) -> Output {
    copyimage_env(args, &[])
}

/// Runs `copyimage ARGS` with the variables in `env` set (of [`KEY_VARS`] and [`LOCALE_VARS`], those
/// only), as `LANG=zh_CN.UTF-8 copyimage ...` in a shell, and returns its output.
pub fn copyimage_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = command();
    c.args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run copyimage")
}

/// Runs `copyimage ARGS` with `input` on its stdin (as `... | copyimage ARGS`), and returns its output.
pub fn copyimage_stdin(args: &[&str], input: &str) -> Output {
    let mut child = command()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn copyimage");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_owned();
    // Written from another thread: a command that answers line by line could fill its stdout pipe before it
    // has read a long input, and both sides would wait.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("wait for copyimage");
    writer.join().expect("stdin writer").expect("write stdin");
    out
}

/// A command's stdout as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A command's stderr as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh, empty temporary directory for one test.
pub fn temp_dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("copyimage-it-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// A running `copyimage serve`, killed on drop.
pub struct Server {
    /// The child process.
    pub child: Child,
    /// `127.0.0.1:PORT`.
    pub addr: String,
    /// Access key pairs printed in the banner (`id`, `secret` or the masked note).
    pub keys: Vec<(String, String)>,
    /// Where stderr goes.
    pub stderr_path: std::path::PathBuf,
}

impl Server {
    /// Starts `copyimage serve --address 127.0.0.1:0 EXTRA...` and reads its banner.
    pub fn start(extra: &[&str], env: &[(&str, &str)], dir: &Path) -> Server {
        Server::start_at("127.0.0.1:0", extra, env, dir)
    }

    /// Starts `copyimage serve --address ADDRESS EXTRA...` (with the key and locale variables only as
    /// `env` gives them, as [`command`] does) and reads its banner.
    pub fn start_at(address: &str, extra: &[&str], env: &[(&str, &str)], dir: &Path) -> Server {
        let stderr_path = dir.join(format!("serve-{}.err", std::process::id() as u128 + now_nanos()));
        let stderr = std::fs::File::create(&stderr_path).expect("stderr file");
        let mut cmd = command();
        cmd.args(["serve", "--address", address, "--quiet"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::from(stderr));
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("spawn copyimage serve");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let url = match lines.next() {
            Some(Ok(l)) => l,
            _ => {
                let _ = child.wait();
                panic!(
                    "serve printed no address; stderr: {}",
                    std::fs::read_to_string(&stderr_path).unwrap_or_default()
                );
            }
        };
        let addr = url
            .strip_prefix("http://")
            .expect("banner starts with http://")
            .to_string();
        // The key lines follow at once; the banner ends when stdout is flushed, so read what is there
        // in a helper thread and give it a moment.
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for l in lines.map_while(Result::ok) {
                if tx.send(l).is_err() {
                    break;
                }
            }
        });
        let mut keys = Vec::new();
        while let Ok(l) = rx.recv_timeout(Duration::from_millis(300)) {
            let mut it = l.splitn(3, ' ');
            if it.next() == Some("access-key") {
                let id = it.next().unwrap_or_default().to_string();
                let secret = it.next().unwrap_or_default().to_string();
                keys.push((id, secret));
            }
        }
        Server {
            child,
            addr,
            keys,
            stderr_path,
        }
    }

    /// The first key pair of the banner.
    pub fn key(&self) -> (String, String) {
        self.keys.first().cloned().expect("the banner lists a key")
    }

    /// What the server wrote on stderr so far.
    pub fn stderr(&self) -> String {
        std::fs::read_to_string(&self.stderr_path).unwrap_or_default()
    }

    /// Waits for the process to end (after a crash hook) and returns whether it ended within `secs`.
    pub fn wait_exit(&mut self, secs: u64) -> Option<std::process::ExitStatus> {
        for _ in 0..secs * 20 {
            if let Ok(Some(s)) = self.child.try_wait() {
                return Some(s);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn now_nanos() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

/// An HTTP response as the tests see it.
#[derive(Debug, Clone)]
pub struct Resp {
    /// Status code.
    pub status: u16,
    /// Headers in order.
    pub headers: Vec<(String, String)>,
    /// Body text.
    pub body: String,
}

impl Resp {
    /// The body parsed as JSON (Null if it is not JSON).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or(serde_json::Value::Null)
    }
    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One keep-alive HTTP/1.1 connection.
pub struct Conn {
    reader: BufReader<TcpStream>,
    addr: String,
}

impl Conn {
    /// Connects to `addr` (`host:port`).
    pub fn open(addr: &str) -> std::io::Result<Conn> {
        let s = TcpStream::connect(addr)?;
        // Generous: on a loaded 2-core CI machine a debug build can be slow; the tests check correctness.
        s.set_read_timeout(Some(Duration::from_secs(120)))?;
        s.set_nodelay(true)?;
        Ok(Conn {
            reader: BufReader::new(s),
            addr: addr.to_string(),
        })
    }

    /// Sends one request and reads its response.
    pub fn send(
        &mut self,
        method: &str,
        target: &str,
        headers: &[(String, String)],
        body: &str,
    ) -> std::io::Result<Resp> {
        let mut req = format!("{method} {target} HTTP/1.1\r\nHost: {}\r\n", self.addr);
        for (k, v) in headers {
            if !k.eq_ignore_ascii_case("host") {
                req.push_str(&format!("{k}: {v}\r\n"));
            }
        }
        req.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
        self.reader.get_mut().write_all(req.as_bytes())?;
        let mut line = String::new();
        self.reader.read_line(&mut line)?;
        let status = line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
        let mut headers = Vec::new();
        let mut len = 0usize;
        loop {
            line.clear();
            self.reader.read_line(&mut line)?;
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                let (k, v) = (k.trim().to_string(), v.trim().to_string());
                if k.eq_ignore_ascii_case("content-length") {
                    len = v.parse().unwrap_or(0);
                }
                headers.push((k, v));
            }
        }
        let mut body = vec![0; len];
        self.reader.read_exact(&mut body)?;
        Ok(Resp {
            status,
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
        })
    }
}

/// One request on a fresh connection.
pub fn send(addr: &str, method: &str, target: &str, body: &str) -> std::io::Result<Resp> {
    Conn::open(addr)?.send(method, target, &[], body)
}

/// The real UTC now as `yyyy-MM-ddTHH:mm:ssZ`.
pub fn now_iso() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    copyimage_engine::clock::UtcTime(secs as i64).to_iso8601()
}

/// The path and query of a V1-signed GET (or POST) for `params` (Format=JSON unless given).
pub fn signed_v1_target(method: &str, params: &[(&str, &str)], id: &str, secret: &str, nonce: &str) -> String {
    use copyimage_engine::sign;
    let extra: Vec<(String, String)> = params.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let all = sign::merge_params(&sign::v1_common_params(id, &now_iso(), nonce), &extra);
    let signed = sign::sign_v1(method, &all, secret);
    format!("/?{}", sign::v1_signed_query(&all, &signed.signature))
}

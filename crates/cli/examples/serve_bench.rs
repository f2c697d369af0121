//! Load benchmark of `copyimage serve` (not a test: it prints numbers and checks nothing but that every
//! request was answered 200).
//!
//! Starts the server binary on a free loopback port (in memory, or with `--state` in a temp folder),
//! signs N DescribeRegions requests (V1, the world's first key, unique nonces) split over C keep-alive
//! clients, sends them, and prints the throughput of each tenth of the run (tenths by completed
//! requests), so a cost that grows with the requests served shows as a falling line.
//!
//! ```text
//! cargo build --release -p copyimage-cli --bin copyimage --example serve_bench
//! target/release/examples/serve_bench [--requests 100000] [--clients 20] [--warmup 25] [--state] [--bin target/release/copyimage]
//! ```
//!
//! Requests are signed before the clock starts, so the numbers are the server's (the client shares the
//! machine's cores with it all the same).
//!
//! `--moto URL` sends the same load to a running moto server (the AWS mock, `moto_server`) instead: EC2
//! DescribeRegions with a SigV4-shaped `Authorization` header (moto routes on its credential scope and
//! does not check the signature), for a side-by-side number.

use copyimage_engine::sign;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

struct Options {
    requests: usize,
    clients: usize,
    state: bool,
    bin: String,
    action: String,
    moto: Option<String>,
    /// Requests each client sends before the clock starts (connections, threads and caches warm).
    warmup: usize,
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        requests: 100_000,
        clients: 20,
        state: false,
        bin: default_bin(),
        action: "DescribeRegions".into(),
        moto: None,
        warmup: 25,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match a.as_str() {
            "--requests" => o.requests = value("--requests")?.parse().map_err(|e| format!("--requests: {e}"))?,
            "--clients" => o.clients = value("--clients")?.parse().map_err(|e| format!("--clients: {e}"))?,
            "--state" => o.state = true,
            "--bin" => o.bin = value("--bin")?,
            "--action" => o.action = value("--action")?,
            "--moto" => o.moto = Some(value("--moto")?),
            "--warmup" => o.warmup = value("--warmup")?.parse().map_err(|e| format!("--warmup: {e}"))?,
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if o.clients == 0 || o.requests < 10 {
        return Err("--clients must be >= 1 and --requests >= 10".into());
    }
    Ok(o)
}

/// `copyimage` next to this example's folder (target/<profile>/copyimage).
fn default_bin() -> String {
    std::env::current_exe()
        .ok()
        .and_then(|p| p.parent()?.parent().map(|d| d.join("copyimage")))
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "copyimage".into())
}

fn iso(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    copyimage_engine::clock::UtcTime(secs).to_iso8601()
}

/// The running server; killed on drop.
struct Server {
    child: Option<Child>,
    addr: String,
    key: (String, String),
    dir: Option<std::path::PathBuf>,
    /// Held open: the server prints its whole banner, and a closed pipe would stop it.
    _stdout: Option<BufReader<std::process::ChildStdout>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(c) = &mut self.child {
            let _ = c.kill();
            let _ = c.wait();
        }
        if let Some(d) = &self.dir {
            let _ = std::fs::remove_dir_all(d);
        }
    }
}

fn start(o: &Options) -> Result<Server, String> {
    let mut cmd = Command::new(&o.bin);
    cmd.args(["serve", "--address", "127.0.0.1:0", "--quiet", "--speed", "0"]);
    let dir = if o.state {
        let d = std::env::temp_dir().join(format!("copyimage-bench-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).map_err(|e| format!("{}: {e}", d.display()))?;
        cmd.arg("--state").arg(d.join("world.json"));
        Some(d)
    } else {
        None
    };
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", o.bin))?;
    let mut out = BufReader::new(child.stdout.take().ok_or("no stdout")?);
    let mut url = String::new();
    out.read_line(&mut url).map_err(|e| e.to_string())?;
    let mut key_line = String::new();
    out.read_line(&mut key_line).map_err(|e| e.to_string())?;
    let addr = url.trim().trim_start_matches("http://").to_string();
    let mut parts = key_line.split_whitespace().skip(1);
    let key = match (parts.next(), parts.next()) {
        (Some(id), Some(secret)) => (id.to_string(), secret.to_string()),
        _ => return Err(format!("no access key in the banner: {key_line:?}")),
    };
    if addr.is_empty() {
        return Err("the server printed no URL".into());
    }
    Ok(Server {
        child: Some(child),
        addr,
        key,
        dir,
        _stdout: Some(out),
    })
}

/// One GET on a keep-alive connection; returns the status and whether the server keeps the connection
/// open (`copyimage serve` always sends Content-Length and keeps it; moto's server answers HTTP/1.0 and
/// closes it, so its body runs to the end of the stream).
fn get(stream: &mut TcpStream, reader: &mut BufReader<TcpStream>, request: &[u8]) -> std::io::Result<(u16, bool)> {
    stream.write_all(request)?;
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let status = line.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut keep = line.starts_with("HTTP/1.1");
    let mut len = None;
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                len = v.trim().parse().ok();
            } else if k.eq_ignore_ascii_case("connection") {
                keep = v.trim().eq_ignore_ascii_case("keep-alive");
            }
        }
    }
    match len {
        Some(n) if keep => reader.read_exact(&mut vec![0; n])?,
        _ => {
            reader.read_to_end(&mut Vec::new())?;
            keep = false;
        }
    }
    Ok((status, keep))
}

/// A connection to `addr` and its reader.
fn connect(addr: &str) -> std::io::Result<(TcpStream, BufReader<TcpStream>)> {
    let stream = TcpStream::connect(addr)?;
    stream.set_nodelay(true)?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    let reader = BufReader::new(stream.try_clone()?);
    Ok((stream, reader))
}

fn main() {
    let o = match options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("serve_bench: {e}");
            std::process::exit(2);
        }
    };
    let server = match &o.moto {
        Some(url) => Ok(Server {
            child: None,
            addr: url.trim_start_matches("http://").trim_end_matches('/').to_string(),
            key: Default::default(),
            dir: None,
            _stdout: None,
        }),
        None => start(&o),
    };
    let server = match server {
        Ok(s) => s,
        Err(e) => {
            eprintln!("serve_bench: {e}");
            std::process::exit(1);
        }
    };
    let run = match (&o.moto, o.state) {
        (Some(_), _) => "moto_server (EC2 DescribeRegions)",
        (None, true) => "copyimage serve --state",
        (None, false) => "copyimage serve in memory",
    };
    // Signed up front: the clock measures the server, not the client's signing. The measured requests are
    // one shared list the clients take from in turn, so all of them stay busy to the end (fixed shares
    // per client would leave a few clients, and a falsely slow last tenth, when the others are done).
    let ts = iso(SystemTime::now());
    let request = |name: &str| -> Vec<u8> {
        if o.moto.is_some() {
            let date = ts.replace(['-', ':'], "");
            return format!(
                "GET /?Action=DescribeRegions&Version=2016-11-15 HTTP/1.1\r\nHost: {}\r\nX-Amz-Date: {date}\r\n\
                 Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/{}/us-east-1/ec2/aws4_request, \
                 SignedHeaders=host;x-amz-date, Signature={}\r\n\r\n",
                server.addr,
                &date[..8],
                "0".repeat(64)
            )
            .into_bytes();
        }
        let nonce = format!("bench-{}-{name}", std::process::id());
        let extra = vec![
            ("Action".to_string(), o.action.clone()),
            ("RegionId".into(), "cn-hangzhou".into()),
        ];
        let all = sign::merge_params(&sign::v1_common_params(&server.key.0, &ts, &nonce), &extra);
        let signed = sign::sign_v1("GET", &all, &server.key.1);
        let target = format!("/?{}", sign::v1_signed_query(&all, &signed.signature));
        format!("GET {target} HTTP/1.1\r\nHost: {}\r\n\r\n", server.addr).into_bytes()
    };
    let work: Arc<Vec<Vec<u8>>> = Arc::new((0..o.requests).map(|i| request(&i.to_string())).collect());
    let next = Arc::new(AtomicUsize::new(0));
    let done = Arc::new(AtomicUsize::new(0));
    let tenth = o.requests / 10;
    let marks = Arc::new(Mutex::new(Vec::<(usize, Instant)>::new()));
    let barrier = Arc::new(Barrier::new(o.clients + 1));
    let failures = Arc::new(AtomicUsize::new(0));
    let mut threads = Vec::new();
    for c in 0..o.clients {
        let warm: Vec<Vec<u8>> = (0..o.warmup).map(|i| request(&format!("warm-{c}-{i}"))).collect();
        let (addr, work, next, done, marks, barrier, failures) = (
            server.addr.clone(),
            Arc::clone(&work),
            Arc::clone(&next),
            Arc::clone(&done),
            Arc::clone(&marks),
            Arc::clone(&barrier),
            Arc::clone(&failures),
        );
        threads.push(std::thread::spawn(move || {
            let mut conn = connect(&addr).ok();
            for req in &warm {
                if let Some((stream, reader)) = &mut conn {
                    if !matches!(get(stream, reader, req), Ok((_, true))) {
                        conn = None;
                    }
                }
                if conn.is_none() {
                    conn = connect(&addr).ok();
                }
            }
            barrier.wait();
            while let Some(req) = work.get(next.fetch_add(1, Ordering::Relaxed)) {
                if conn.is_none() {
                    conn = connect(&addr).ok();
                }
                let result = match &mut conn {
                    Some((stream, reader)) => get(stream, reader, req),
                    None => Err(std::io::ErrorKind::ConnectionRefused.into()),
                };
                if !matches!(result, Ok((_, true))) {
                    conn = None;
                }
                match result {
                    Ok((200, _)) => {}
                    other => {
                        if failures.fetch_add(1, Ordering::Relaxed) == 0 {
                            eprintln!("serve_bench: first failure: {other:?}");
                        }
                    }
                }
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                if n % tenth == 0 {
                    marks
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((n, Instant::now()));
                }
            }
        }));
    }
    barrier.wait();
    let t0 = Instant::now();
    for t in threads {
        let _ = t.join();
    }
    let total = t0.elapsed().as_secs_f64();
    let mut marks = marks.lock().unwrap_or_else(|e| e.into_inner()).clone();
    marks.sort();
    println!(
        "{run}: {} {} requests, {} keep-alive clients (after {} each to warm up), {:.2} s, {:.0} req/s overall",
        o.requests,
        o.action,
        o.clients,
        o.warmup,
        total,
        o.requests as f64 / total
    );
    let mut prev = t0;
    let mut rates = Vec::new();
    for (i, (_, t)) in marks.iter().take(10).enumerate() {
        let dt = t.duration_since(prev).as_secs_f64().max(1e-9);
        prev = *t;
        rates.push(tenth as f64 / dt);
        println!("  tenth {:>2}: {:>8.0} req/s", i + 1, tenth as f64 / dt);
    }
    if let (Some(first), Some(last)) = (rates.first(), rates.last()) {
        println!("  last tenth / first tenth: {:.2}", last / first);
    }
    let f = failures.load(Ordering::Relaxed);
    drop(server);
    if f > 0 {
        eprintln!("serve_bench: {f} requests were not answered 200");
        std::process::exit(1);
    }
}

//! `copyimage serve`: a local HTTP endpoint that speaks the ECS RPC protocol, answered by the engine.
//!
//! Design:
//! * One [`Engine`] behind a `Mutex`; every request (ECS or admin) runs under it, so requests are
//!   linearised and the world never sees two at once. The engine is fast (tens of microseconds per
//!   request), so the lock is not the bottleneck; the state file's fsync is.
//! * World clock: before each request the engine is advanced by the real time elapsed since the last
//!   request, times `--speed` (fractions carried over). The wire clock (Timestamp windows, nonce memory)
//!   is real UTC, passed to the gateway on each request.
//! * `--state`: after a request changes the engine and before it is answered, the change is on disk
//!   (see [`persist`]): a journal line records the request (with the wire time and the world-clock
//!   advances it saw), and the engine being deterministic, replaying the journal on top of the last
//!   snapshot rebuilds the same world. Each line carries the answer's status and a hash of its body, so a
//!   replay that would differ (other `--access-key` pairs, another engine version) is refused on start
//!   rather than silently giving another world. Writes are group-committed: a request waits until some
//!   write covers its change, so concurrent requests share one fsync. The journal is folded into a new
//!   snapshot on start, after a world is loaded or reset, and when it passes [`JOURNAL_LIMIT`] bytes, so
//!   the cost of a request does not grow with the requests served.
//! * Admin routes live under `/__admin/`, a path no ECS client sends to (ECS RPC uses `/`).

mod http;
pub mod persist;

use crate::i18n;
use crate::world::{self, Seeded, WorldSource};
use copyimage_engine::clock::UtcTime;
use copyimage_engine::engine::Engine;
use copyimage_engine::wire::{HttpRequest, HttpResponse};
use persist::{Journal, StateFile};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The format tag written at the top of a state file (a snapshot; the journal beside it holds what
/// happened since); a file without it or [`STATE_FORMAT_V1`] is refused.
pub const STATE_FORMAT: &str = "copyimage-serve-state/2";
/// The previous format: the whole engine, rewritten on every change, no journal. Still read.
pub const STATE_FORMAT_V1: &str = "copyimage-serve-state/1";
/// A journal longer than this is folded into a new snapshot (about 50,000 requests).
pub const JOURNAL_LIMIT: u64 = 32 * 1024 * 1024;
/// Test hook: a smaller journal limit in bytes, so tests reach the fold with a few requests.
pub const JOURNAL_LIMIT_ENV: &str = "COPYIMAGE_TEST_JOURNAL_LIMIT";

/// Arguments of `copyimage serve`.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  copyimage serve                                   # default world on 127.0.0.1:8765
  copyimage serve --address 127.0.0.1:0             # any free port; the first line printed is the URL
  copyimage serve --state world.json --speed 60     # persistent world, copies run 60x faster
  copyimage serve --access-key myid:mysecret        # also accept this key pair
  ALIBABA_CLOUD_ACCESS_KEY_ID=myid ALIBABA_CLOUD_ACCESS_KEY_SECRET=mysecret copyimage serve
                                                    # the same pair from the environment
  copyimage serve --address 0.0.0.0:8765 --admin-token \"$TOKEN\"
                                                    # reachable from other hosts; admin routes need the token

Admin routes (not ECS; no signature): GET /__admin/state, GET /__admin/clock,
POST /__admin/reset, POST /__admin/scenario (body: scenario JSON, or ?preset=NAME), POST /__admin/advance?seconds=N,
POST /__admin/run_to_idle, POST /__admin/clock?speed=X. See README, \"Local endpoint\".
Bound beyond loopback, the admin routes answer loopback clients only, unless --admin-token is given:
then they answer any client that sends the header X-Admin-Token: TOKEN, and no other.")]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:8765", value_name = "HOST:PORT")]
    pub address: String,
    #[command(flatten)]
    pub world: WorldSource,
    /// Keep the world in this file and FILE.journal: loaded on start; every change is on disk before
    /// its answer is sent (a journal line; the file is rewritten now and then).
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// Also accept this AccessKey pair (repeatable). Its secret is never printed or written to --state.
    /// Without it, the pair in ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET (when both
    /// are set) is accepted, so the secret need not be on the command line.
    #[arg(long = "access-key", value_name = "ID:SECRET")]
    pub access_keys: Vec<String>,
    /// Admin routes (/__admin/...) answer only requests with the header `X-Admin-Token: TOKEN` (from
    /// any address). Without it they answer everyone on a loopback address, and only loopback clients
    /// when bound beyond loopback. Default: the COPYIMAGE_ADMIN_TOKEN environment variable, if set.
    #[arg(long = "admin-token", value_name = "TOKEN")]
    pub admin_token: Option<String>,
    /// World seconds per real second (0 freezes the world clock; copies then move only via /__admin/advance).
    #[arg(long, default_value_t = 1.0, value_name = "FACTOR")]
    pub speed: f64,
    /// Do not log one line per request on stderr.
    #[arg(long)]
    pub quiet: bool,
}

/// The real UTC now, for the gateway's Timestamp window and nonce memory.
pub fn utc_now() -> UtcTime {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    UtcTime(secs)
}

/// Parses `ID:SECRET` (the secret may itself contain `:`).
pub fn parse_key_pair(s: &str) -> Result<(String, String), String> {
    match s.split_once(':') {
        Some((id, secret)) if !id.is_empty() && !secret.is_empty() => Ok((id.to_string(), secret.to_string())),
        _ => Err(format!("--access-key expects ID:SECRET, got {:?}", mask(s))),
    }
}

/// Shows only the part of a user-typed key pair that is safe to print.
fn mask(s: &str) -> String {
    match s.split_once(':') {
        Some((id, _)) => format!("{id}:***"),
        None => "***".into(),
    }
}

/// The engine, its world clock, and the change counter the persister works with.
struct Live {
    engine: Engine,
    /// Bumped by every request that may have changed the engine (all of them: even a read consumes a
    /// RequestId from the seeded RNG and a nonce).
    version: u64,
    last_tick: Instant,
    carry: f64,
    speed: f64,
    /// With `--state`: changes are journaled (the fields below are used).
    journaling: bool,
    /// World-clock advances since the last journal record, in order; they go into the next record.
    adv: Vec<u64>,
    /// Records not yet taken by the writer, in version order.
    pending: Vec<Record>,
    /// The next write must be a whole snapshot (the world was replaced, or a journal write failed).
    snapshot_due: bool,
}

/// One journal line: a change to the engine, numbered by the version it produced.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Record {
    v: u64,
    /// World-clock advances applied before the change (ticks of the real clock times the speed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    adv: Vec<u64>,
    op: Op,
}

/// What a journal record does to the engine.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Op {
    /// An ECS request, at wire time `now`. `answer` is the status and the FNV-1a hash of the body that
    /// was sent (none if the engine panicked), to check the replay against.
    Http {
        now: i64,
        req: HttpRequest,
        answer: Option<(u16, u64)>,
    },
    /// `POST /__admin/advance`.
    Advance { seconds: u64 },
    /// `POST /__admin/run_to_idle`.
    RunToIdle,
    /// Only the clock moved (a speed change).
    Tick,
}

/// What a mutation did, for the journal.
enum Change {
    Op(Op),
    /// The engine was replaced: only a snapshot records that.
    Replaced,
}

/// 64-bit FNV-1a: a stable hash of an answer's body (the journal's replay check).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// How an ECS request reaches the engine: [`engine_answer`] in the server; the unit tests pass one that
/// panics, since no request can make the real engine panic on purpose.
type EngineCall = fn(&mut Engine, &HttpRequest, UtcTime) -> Served;

/// An answer of the server and the error code its log line names, taken from the typed outcome (the
/// engine's `Answer`, or the endpoint's own error), never read back from the body (an XML body's code
/// used to be missing from the log).
struct Served {
    resp: HttpResponse,
    /// The error code, empty for a success or an admin route's answer.
    code: String,
}

impl Served {
    /// An answer that is not an ECS error (a success, an admin route's JSON).
    fn plain(resp: HttpResponse) -> Served {
        Served {
            resp,
            code: String::new(),
        }
    }
}

/// The engine's answer to an ECS request (the gateway, then the operation).
fn engine_answer(engine: &mut Engine, req: &HttpRequest, now: UtcTime) -> Served {
    let x = engine.handle_http(req, now);
    Served {
        code: x.answer.code().unwrap_or_default().to_string(),
        resp: x.response,
    }
}

/// Runs an ECS request on the engine through `call`; the answer, or `None` if it panicked (a bug). The
/// release build unwinds, so the caller answers 500 and the server goes on serving.
///
/// The engine is not rolled back (that would take a copy of the world per request). Operations plan
/// against the world unchanged and apply their effects at the end, so a panic while planning leaves the
/// world as it was (the RequestId drawn and the nonce seen stay used, as for any answered request); only
/// a panic while applying could leave part of a change. Either way, with `--state` the request is
/// journaled (answer `None`) and, the engine being deterministic, replaying it stops at the same point:
/// the world on disk is the one in memory.
fn run_http(call: EngineCall, engine: &mut Engine, req: &HttpRequest, now: UtcTime) -> Option<Served> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| call(engine, req, now))).ok()
}

/// Replays one journal record on `engine`; an error when its answer differs from the one recorded.
fn replay(engine: &mut Engine, r: &Record) -> Result<(), String> {
    for a in &r.adv {
        engine.advance(*a);
    }
    match &r.op {
        Op::Http { now, req, answer } => {
            let got = run_http(engine_answer, engine, req, UtcTime(*now))
                .map(|s| (s.resp.status, fnv1a(s.resp.body.as_bytes())));
            if answer.is_some() && got != *answer {
                let status = |a: &Option<(u16, u64)>| a.map_or("none".to_string(), |(s, _)| s.to_string());
                return Err(format!(
                    "replaying change {} gives another answer (status {}) than the one sent (status {})",
                    r.v,
                    status(&got),
                    status(answer)
                ));
            }
        }
        Op::Advance { seconds } => engine.advance(*seconds),
        Op::RunToIdle => engine.run_to_idle(),
        Op::Tick => {}
    }
    Ok(())
}

impl Live {
    /// Moves the world clock by the real time since the last tick, times the speed.
    fn tick(&mut self) {
        let now = Instant::now();
        let dt = now.duration_since(self.last_tick).as_secs_f64();
        self.last_tick = now;
        if self.speed > 0.0 && dt > 0.0 {
            self.carry += dt * self.speed;
            let whole = self.carry.floor();
            if whole >= 1.0 {
                self.carry -= whole;
                let secs = whole.min(u64::MAX as f64) as u64;
                self.engine.advance(secs);
                if self.journaling {
                    self.adv.push(secs);
                }
            }
        }
    }
}

/// Everything the connection threads share.
struct Shared {
    live: Mutex<Live>,
    /// The `--state` writer, if any.
    persister: Option<Persister>,
    source: Seeded,
    extra_keys: Vec<(String, String)>,
    quiet: bool,
    admin: AdminAccess,
    /// How ECS requests reach the engine ([`engine_answer`]; a panicking one in the unit tests).
    call: EngineCall,
    /// Where the request log and the notes about failed requests go: stderr (the unit tests collect them).
    log: Log,
}

/// A sink for log lines.
type Log = Box<dyn Fn(&str) + Send + Sync>;

/// Who may use the admin routes.
#[derive(Clone, Debug, PartialEq, Eq)]
enum AdminAccess {
    /// Everyone (the server is bound to a loopback address, so only this host reaches it).
    Anyone,
    /// Clients on a loopback address only (bound beyond loopback, no token given).
    LoopbackOnly,
    /// Requests carrying `X-Admin-Token: <token>`, from anywhere.
    Token(String),
}

/// The environment variable `--admin-token` defaults to (keeps the token out of the process list).
const ADMIN_TOKEN_ENV: &str = "COPYIMAGE_ADMIN_TOKEN";
/// The admin header's name.
const ADMIN_TOKEN_HEADER: &str = "X-Admin-Token";

/// Compares without stopping at the first difference, so the time taken does not tell how much of a
/// guessed token was right.
fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn is_loopback(addr: &std::net::SocketAddr) -> bool {
    addr.ip().to_canonical().is_loopback()
}

impl AdminAccess {
    /// `None` when `req` from `peer` may use the admin routes, else the refusal.
    fn refuse(&self, req: &HttpRequest, peer: Option<std::net::SocketAddr>) -> Option<HttpResponse> {
        let no = |status: u16, msg: &str| Some(http::json_response(status, &json!({ "error": msg })));
        match self {
            AdminAccess::Anyone => None,
            AdminAccess::LoopbackOnly if peer.as_ref().is_some_and(is_loopback) => None,
            AdminAccess::LoopbackOnly => no(
                403,
                "admin routes answer loopback clients only on this server; start it with --admin-token \
                 to use them from other hosts",
            ),
            AdminAccess::Token(t) => match req.header(ADMIN_TOKEN_HEADER) {
                Some(given) if same_token(given.trim(), t) => None,
                Some(_) => no(401, "wrong X-Admin-Token"),
                None => no(
                    401,
                    "admin routes need the header X-Admin-Token (the server's --admin-token)",
                ),
            },
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic in another request must not take the endpoint down. The engine's panics on ECS requests
    // are caught under the lock (`run_http` says what state they leave); one elsewhere (the clock step, an
    // admin route) is answered 500 by `Shared::guarded` with the lock poisoned and the world as the panic
    // left it, and the next state write is a whole snapshot.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Shared {
    /// Waits until the state of version `v` (or later) is on disk.
    fn persist_through(&self, v: u64) -> Result<(), String> {
        match &self.persister {
            Some(p) => p.wait_for(v),
            None => Ok(()),
        }
    }

    /// Runs `f` on the live world, bumps the version, journals the change, and persists it before
    /// returning.
    fn mutate<R>(&self, f: impl FnOnce(&mut Live) -> (R, Change)) -> Result<R, String> {
        let (r, v) = {
            let mut live = lock(&self.live);
            live.tick();
            let (r, change) = f(&mut live);
            live.version += 1;
            let v = live.version;
            if live.journaling {
                match change {
                    Change::Op(op) => {
                        let adv = std::mem::take(&mut live.adv);
                        live.pending.push(Record { v, adv, op });
                    }
                    Change::Replaced => {
                        live.adv.clear();
                        live.snapshot_due = true;
                    }
                }
            }
            (r, v)
        };
        self.persist_through(v)?;
        Ok(r)
    }

    fn handle(&self, req: &HttpRequest, peer: Option<std::net::SocketAddr>) -> Served {
        if req.path.starts_with("/__admin") {
            if let Some(refused) = self.admin.refuse(req, peer) {
                return Served::plain(refused);
            }
            return self.admin(req);
        }
        let now = utc_now();
        let out = self.mutate(|live| {
            let resp = run_http(self.call, &mut live.engine, req, now);
            let op = if live.journaling {
                Op::Http {
                    now: now.0,
                    req: req.clone(),
                    answer: resp.as_ref().map(|s| (s.resp.status, fnv1a(s.resp.body.as_bytes()))),
                }
            } else {
                Op::Tick
            };
            (resp, Change::Op(op))
        });
        match out {
            Ok(Some(resp)) => resp,
            Ok(None) => {
                (self.log)(PANIC_NOTE);
                internal_error(req)
            }
            Err(e) => {
                (self.log)(&format!("copyimage serve: {e}"));
                unavailable(req)
            }
        }
    }

    /// Runs `answer` (the whole handling of one request); a panic outside the engine call, which
    /// [`run_http`] catches itself (in the clock step or an admin route: a bug), is answered 500 too. The
    /// world in memory may then hold part of a change that no journal record describes, so with `--state`
    /// the next write is a whole snapshot rather than a record.
    fn guarded(&self, req: &HttpRequest, answer: impl FnOnce() -> Served) -> Served {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(answer)).unwrap_or_else(|_| {
            let mut live = lock(&self.live);
            if live.journaling {
                live.adv.clear();
                live.snapshot_due = true;
            }
            drop(live);
            (self.log)(PANIC_NOTE);
            internal_error(req)
        })
    }

    fn admin(&self, req: &HttpRequest) -> Served {
        let route = req.path.trim_end_matches('/');
        let q = query_map(&req.query);
        let post = req.method.eq_ignore_ascii_case("POST");
        let ok = |v: serde_json::Value| http::json_response(200, &v);
        let bad = |status: u16, msg: String| http::json_response(status, &json!({ "error": msg }));
        let clock = |live: &Live| json!({ "world_time": live.engine.world_time(), "speed": live.speed });
        let result: Result<HttpResponse, String> = match (route, post) {
            ("/__admin", false) | ("/__admin/help", false) => Ok(ok(json!({ "routes": ADMIN_ROUTES }))),
            ("/__admin/state", false) => {
                let live = lock(&self.live);
                state_json(&live.engine, live.version, &self.extra_keys).map(|s| HttpResponse {
                    status: 200,
                    headers: vec![("Content-Type".into(), "application/json;charset=utf-8".into())],
                    body: s,
                })
            }
            ("/__admin/clock", false) => {
                let mut live = lock(&self.live);
                live.tick();
                Ok(ok(clock(&live)))
            }
            ("/__admin/clock", true) => match q.get("speed").map(|s| s.parse::<f64>()) {
                Some(Ok(s)) if s.is_finite() && s >= 0.0 => self
                    .mutate(|live| {
                        live.speed = s;
                        (clock(live), Change::Op(Op::Tick))
                    })
                    .map(ok),
                _ => Ok(bad(
                    400,
                    "POST /__admin/clock needs ?speed=X with X a number >= 0".into(),
                )),
            },
            ("/__admin/advance", true) => match q.get("seconds").map(|s| s.parse::<u64>()) {
                Some(Ok(n)) => self
                    .mutate(|live| {
                        live.engine.advance(n);
                        (clock(live), Change::Op(Op::Advance { seconds: n }))
                    })
                    .map(ok),
                _ => Ok(bad(
                    400,
                    "POST /__admin/advance needs ?seconds=N with N a whole number".into(),
                )),
            },
            ("/__admin/run_to_idle", true) => self
                .mutate(|live| {
                    live.engine.run_to_idle();
                    (clock(live), Change::Op(Op::RunToIdle))
                })
                .map(ok),
            ("/__admin/reset", true) => match self.source.build() {
                Ok(e) => self.replace(e).map(ok),
                Err(e) => Ok(bad(500, e)),
            },
            ("/__admin/scenario", true) => {
                let seed = match q.get("seed").map(|s| s.parse::<u64>()) {
                    None => Ok(self.source.seed),
                    Some(Ok(n)) => Ok(n),
                    Some(Err(_)) => Err(()),
                };
                let built = match (seed, q.get("preset")) {
                    (Err(()), _) => Err("?seed= must be a whole number".to_string()),
                    (Ok(seed), Some(p)) => world::from_preset(p, seed),
                    (Ok(seed), None) => Engine::from_scenario_json(&req.body, seed),
                };
                match built {
                    Ok(e) => self.replace(e).map(ok),
                    Err(e) => Ok(bad(400, e)),
                }
            }
            _ => Ok(bad(
                404,
                format!("no admin route {} {}; GET /__admin lists them", req.method, req.path),
            )),
        };
        result.map(Served::plain).unwrap_or_else(|e| {
            (self.log)(&format!("copyimage serve: {e}"));
            unavailable(req)
        })
    }

    /// Swaps in a new world (reset or scenario load), keeping the `--access-key` pairs.
    fn replace(&self, mut engine: Engine) -> Result<serde_json::Value, String> {
        world::add_access_keys(&mut engine, &self.extra_keys);
        self.mutate(move |live| {
            live.engine = engine;
            live.carry = 0.0;
            (
                json!({ "world_time": live.engine.world_time(), "speed": live.speed }),
                Change::Replaced,
            )
        })
    }
}

/// The `--state` writer: one thread writes the changes (journal lines, or now and then a snapshot) while
/// requests wait for theirs to be on disk (group commit). A request is answered only after a write that
/// includes its change; one write covers every request that finished before it started, so the fsync
/// cost is shared.
struct Persister {
    file: StateFile,
    /// Journal bytes past which the next write is a snapshot ([`JOURNAL_LIMIT`] unless a test lowers it).
    limit: u64,
    /// Only the writer thread uses it after start-up.
    journal: Mutex<Journal>,
    durable: Mutex<Durable>,
    /// Signalled when a request has a change to write.
    work: Condvar,
    /// Signalled after each write attempt.
    done: Condvar,
    /// The newest version a request is waiting for.
    wanted: AtomicU64,
}

/// What is on disk.
struct Durable {
    /// The newest version written.
    version: u64,
    /// The last failed write: the version it tried, and why.
    failed: Option<(u64, String)>,
}

impl Persister {
    /// A writer for `file` and `journal` whose content already holds `version`.
    fn new(file: StateFile, journal: Journal, version: u64) -> Persister {
        Persister {
            file,
            limit: std::env::var(JOURNAL_LIMIT_ENV)
                .ok()
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(JOURNAL_LIMIT),
            journal: Mutex::new(journal),
            durable: Mutex::new(Durable { version, failed: None }),
            work: Condvar::new(),
            done: Condvar::new(),
            wanted: AtomicU64::new(version),
        }
    }

    /// Blocks until version `v` is written; an error if the write that should have covered it failed.
    fn wait_for(&self, v: u64) -> Result<(), String> {
        let mut d = lock(&self.durable);
        // Announced under the lock the writer checks `wanted` with, so the wake-up cannot be missed.
        self.wanted.fetch_max(v, Ordering::SeqCst);
        self.work.notify_one();
        loop {
            if d.version >= v {
                return Ok(());
            }
            if let Some((fv, e)) = &d.failed {
                if *fv >= v {
                    return Err(e.clone());
                }
            }
            d = self.done.wait(d).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// Writes `engine` at `version` as the snapshot, then starts an empty journal. A crash between the
    /// two leaves the new snapshot and the old journal, whose records (all at or below `version`) are
    /// skipped on start.
    fn snapshot(&self, engine: &Engine, version: u64, extra_keys: &[(String, String)]) -> Result<(), String> {
        let text = state_json(engine, version, extra_keys)?;
        self.file.write(text.as_bytes())?;
        lock(&self.journal).start()
    }

    /// The writer thread's loop: write what changed whenever a request waits for a newer version.
    fn run(&self, live: &Mutex<Live>, extra_keys: &[(String, String)]) {
        let mut buf = Vec::new();
        loop {
            {
                let mut d = lock(&self.durable);
                while self.wanted.load(Ordering::SeqCst) <= d.version {
                    // The timeout is only a safety net; `wait_for` signals under this lock.
                    d = self
                        .work
                        .wait_timeout(d, Duration::from_millis(100))
                        .map(|(g, _)| g)
                        .unwrap_or_else(|e| e.into_inner().0);
                }
            }
            let long = lock(&self.journal).bytes() > self.limit;
            // Take the records under the engine lock; a snapshot clones the engine there too (rarely), so
            // requests keep being evaluated while the file is written.
            let (records, version, engine) = {
                let mut live = lock(live);
                let records = std::mem::take(&mut live.pending);
                let engine = if live.snapshot_due || long {
                    live.snapshot_due = false;
                    Some(live.engine.clone())
                } else {
                    None
                };
                (records, live.version, engine)
            };
            let result = match engine {
                Some(engine) => self.snapshot(&engine, version, extra_keys),
                None => {
                    buf.clear();
                    for r in &records {
                        // A record is plain data: serialising it cannot fail.
                        let _ = serde_json::to_writer(&mut buf, r);
                        buf.push(b'\n');
                    }
                    lock(&self.journal).append(&buf)
                }
            };
            let failed = result.is_err();
            if failed {
                // The taken records are lost to the journal: only a whole snapshot can cover them now.
                lock(live).snapshot_due = true;
            }
            {
                let mut d = lock(&self.durable);
                match result {
                    Ok(()) => {
                        d.version = d.version.max(version);
                        d.failed = None;
                    }
                    Err(e) => {
                        eprintln!("copyimage serve: {e}");
                        d.failed = Some((version, e));
                    }
                }
            }
            self.done.notify_all();
            if failed {
                std::thread::sleep(Duration::from_millis(200)); // do not spin on a full disk
            }
        }
    }
}

/// The admin routes, as listed by `GET /__admin`.
const ADMIN_ROUTES: &[&str] = &[
    "GET  /__admin/state                 the whole world as JSON (what --state holds)",
    "GET  /__admin/clock                 world time (virtual seconds) and speed",
    "POST /__admin/clock?speed=X         set the world clock's speed (0 freezes it)",
    "POST /__admin/advance?seconds=N     move the world clock forward N seconds",
    "POST /__admin/run_to_idle           run every queued copy to its end",
    "POST /__admin/reset                 back to the world the server started with",
    "POST /__admin/scenario[?seed=N]     load the scenario JSON in the body",
    "POST /__admin/scenario?preset=NAME  load a preset",
];

fn query_map(q: &str) -> std::collections::HashMap<String, String> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            let dec = |s: &str| {
                percent_encoding::percent_decode_str(&s.replace('+', " "))
                    .decode_utf8_lossy()
                    .into_owned()
            };
            (dec(k), dec(v))
        })
        .collect()
}

/// The state file's content: a format tag, the version (the last journal record it includes) and the
/// engine. The `--access-key` pairs are removed first, so a secret typed on the command line never
/// reaches the disk.
fn state_json(engine: &Engine, version: u64, extra_keys: &[(String, String)]) -> Result<String, String> {
    /// The file's shape, serialised in one pass (no intermediate `Value`: the world can be large).
    #[derive(serde::Serialize)]
    struct StateRef<'a> {
        format: &'a str,
        version: u64,
        engine: &'a Engine,
    }
    let stripped;
    let engine = if extra_keys.is_empty() {
        engine
    } else {
        let mut e = engine.clone();
        world::remove_access_keys(&mut e, extra_keys);
        stripped = e;
        &stripped
    };
    serde_json::to_string(&StateRef {
        format: STATE_FORMAT,
        version,
        engine,
    })
    .map_err(|e| format!("cannot serialise the world: {e}"))
}

/// The refusal for a file that is not (or no longer) a usable state.
fn refusal(file: &std::path::Path, why: &str) -> String {
    format!(
        "state file {} is not a copyimage serve state ({why}); refusing to start so it is not overwritten. \
         Move it away or pass another --state file.",
        file.display()
    )
}

/// Reads a state file written by [`state_json`] (or by the previous format, version 0); any other
/// content is an error naming the file. Returns the engine and the version it holds. Public for the
/// fuzz targets: the file may be damaged or hostile, and this must answer an error, never panic.
pub fn engine_from_state(text: &str, file: &std::path::Path) -> Result<(Engine, u64), String> {
    let refuse = |why: String| refusal(file, &why);
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| refuse(format!("not JSON: {e}")))?;
    let version = match v.get("format").and_then(|f| f.as_str()) {
        Some(STATE_FORMAT) => v
            .get("version")
            .and_then(|n| n.as_u64())
            .ok_or_else(|| refuse("no \"version\"".into()))?,
        Some(STATE_FORMAT_V1) => 0,
        _ => return Err(refuse(format!("no \"format\": \"{STATE_FORMAT}\""))),
    };
    let engine = v.get("engine").ok_or_else(|| refuse("no \"engine\"".into()))?;
    let mut engine = Engine::deserialize(engine).map_err(|e| refuse(format!("the world does not load: {e}")))?;
    // The same checks as any loaded world: contradictions refused, derived state (the queue's lanes, and
    // a copy's status from its task) rebuilt rather than trusted from the file.
    engine
        .revalidate()
        .map_err(|e| refuse(format!("the world does not load: {e}")))?;
    Ok((engine, version))
}

/// Replays the journal's records newer than `version` on `engine` (which already has the
/// `--access-key` pairs); returns the version reached. A damaged record, a gap, or a replay whose answer
/// differs from the recorded one is an error, and nothing is written. Public for the fuzz targets, like
/// [`engine_from_state`].
pub fn replay_journal(
    engine: &mut Engine,
    mut version: u64,
    lines: &[String],
    journal: &std::path::Path,
) -> Result<u64, String> {
    let refuse = |why: String| {
        format!(
            "journal {} cannot be replayed ({why}); refusing to start so the files are not overwritten. \
             If it was written with --access-key pairs, pass the same ones; if by another version of \
             copyimage, start that version once (it folds the journal into the state file).",
            journal.display()
        )
    };
    for (i, line) in lines.iter().enumerate() {
        let r: Record = serde_json::from_str(line).map_err(|e| refuse(format!("line {} is damaged: {e}", i + 2)))?;
        if r.v <= version {
            continue; // already in the snapshot (a crash came between the snapshot and the new journal)
        }
        if r.v != version + 1 {
            return Err(refuse(format!("change {} follows change {version}", r.v)));
        }
        replay(engine, &r).map_err(refuse)?;
        version = r.v;
    }
    Ok(version)
}

/// An ECS error body (JSON or XML as the request asked, RequestId, HostId, Recommend) for the answers the
/// endpoint gives without the engine: a failed state write or an engine panic. The RequestId comes from a
/// time-seeded generator, not the world's, since the world's change is not being acknowledged.
fn endpoint_error(req: &HttpRequest, status: u16, code: &str, message: &str, why: &str) -> Served {
    use copyimage_engine::error::{ApiError, Rule, Source};
    use copyimage_engine::response::{self, Format};
    let params = copyimage_engine::gateway::request_params(req);
    let format = Format::from_param(copyimage_engine::wire::param(&params, "Format"));
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    let rid = copyimage_engine::rng::Rng::new(nanos).uuid_upper();
    let err = ApiError::new(
        status,
        code,
        message,
        Rule::simulated("serve.endpoint", Source::CommonErrors, why),
    );
    Served {
        resp: response::error(&err, format, &rid, &req.host),
        code: code.to_string(),
    }
}

/// What the server logs when the engine panicked on a request (after the panic's own message).
const PANIC_NOTE: &str = "copyimage serve: the engine panicked on a request (a bug: please report it)";

/// 500 InternalError: the engine panicked on this request (a bug).
fn internal_error(req: &HttpRequest) -> Served {
    endpoint_error(
        req,
        500,
        "InternalError",
        "The request processing has failed due to some unknown error, exception or failure.",
        "the engine panicked",
    )
}

/// 503 ServiceUnavailable: the state could not be saved, so the change is not acknowledged (ECS's
/// documented temporary-failure error, which the SDKs retry).
fn unavailable(req: &HttpRequest) -> Served {
    endpoint_error(
        req,
        503,
        "ServiceUnavailable",
        "The request has failed due to a temporary failure of the server.",
        "the --state file could not be written",
    )
}

/// Runs `copyimage serve`; returns the exit code (only on start-up errors: serving runs until killed).
pub fn run(args: ServeArgs) -> i32 {
    match serve(args) {
        Ok(()) => 0,
        Err((code, msg)) => {
            eprintln!("copyimage serve: {msg}");
            code
        }
    }
}

fn serve(args: ServeArgs) -> Result<(), (i32, String)> {
    let usage = |m: String| (2, m);
    if !(args.speed.is_finite() && args.speed >= 0.0) {
        return Err(usage(format!("--speed must be a number >= 0, got {}", args.speed)));
    }
    // A malformed address is a usage mistake (2); a well-formed one that cannot be bound (port in use) is not.
    use std::net::ToSocketAddrs;
    if args
        .address
        .to_socket_addrs()
        .map(|mut a| a.next().is_none())
        .unwrap_or(true)
    {
        return Err(usage(format!("--address expects HOST:PORT, got {:?}", args.address)));
    }
    let mut extra_keys = args
        .access_keys
        .iter()
        .map(|s| parse_key_pair(s))
        .collect::<Result<Vec<_>, _>>()
        .map_err(usage)?;
    let from_env = extra_keys.is_empty();
    if from_env {
        extra_keys.extend(env_key_pair());
    }
    let admin_token = args.admin_token.clone().or_else(|| std::env::var(ADMIN_TOKEN_ENV).ok());
    if admin_token.as_deref().is_some_and(|t| t.trim().is_empty()) {
        return Err(usage(format!("--admin-token (or {ADMIN_TOKEN_ENV}) must not be empty")));
    }
    let source = args.world.seeded().map_err(usage)?;
    let state = args.state.as_deref().map(|p| (StateFile::new(p), Journal::new(p)));
    let loaded = match &state {
        Some((f, j)) => match f.read().map_err(|e| (1, e))? {
            Some(text) => {
                let (mut engine, version) = engine_from_state(&text, f.path()).map_err(|e| (1, e))?;
                world::add_access_keys(&mut engine, &extra_keys);
                let version = match j.read().map_err(|e| (1, e))? {
                    Some(lines) => replay_journal(&mut engine, version, &lines, j.path()).map_err(|e| (1, e))?,
                    None => version,
                };
                Some((engine, version))
            }
            None if j.path().exists() => {
                return Err((
                    1,
                    format!(
                        "journal {} exists without its state file {}; refusing to start so it is not \
                         overwritten. Move it away or pass another --state file.",
                        j.path().display(),
                        f.path().display()
                    ),
                ))
            }
            None => None,
        },
        None => None,
    };
    let resumed = loaded.is_some();
    let (engine, version) = match loaded {
        Some(ev) => ev,
        None => {
            let mut e = source.build().map_err(usage)?;
            world::add_access_keys(&mut e, &extra_keys);
            (e, 0)
        }
    };
    let world_keys = world::access_keys(&engine);

    let listener = std::net::TcpListener::bind(&args.address)
        .map_err(|e| (1, format!("cannot listen on {}: {e}", args.address)))?;
    let addr = listener
        .local_addr()
        .map_err(|e| (1, format!("cannot read the bound address: {e}")))?;
    // The snapshot is written before the first request (and only once the port is bound): a new world, so
    // a restart finds the same one, or a resumed one with its journal folded in, so the journal starts
    // empty and a start never replays more than one run's changes.
    let persister = match state {
        Some((f, j)) => {
            let p = Persister::new(f, j, version);
            p.snapshot(&engine, version, &extra_keys).map_err(|e| (1, e))?;
            Some(p)
        }
        None => None,
    };

    let shared = Arc::new(Shared {
        live: Mutex::new(Live {
            engine,
            version,
            last_tick: Instant::now(),
            carry: 0.0,
            speed: args.speed,
            journaling: persister.is_some(),
            adv: Vec::new(),
            pending: Vec::new(),
            snapshot_due: false,
        }),
        persister,
        source,
        extra_keys: extra_keys.clone(),
        quiet: args.quiet,
        admin: match admin_token {
            Some(t) => AdminAccess::Token(t.trim().to_string()),
            None if is_loopback(&addr) => AdminAccess::Anyone,
            None => AdminAccess::LoopbackOnly,
        },
        call: engine_answer,
        log: Box::new(|line| eprintln!("{line}")),
    });
    // The banner is the command's result: the URL first (scripts read line 1), then the accepted keys.
    println!("http://{addr}");
    for (id, secret) in &world_keys {
        if extra_keys.iter().any(|(x, _)| x == id) {
            if from_env {
                println!("access-key {id} (secret from {ENV_SECRET})");
            } else {
                println!("access-key {id} (secret as given to --access-key)");
            }
        } else {
            println!("access-key {id} {secret}");
        }
    }
    use std::io::Write;
    let _ = std::io::stdout().flush();
    if let Some(p) = &shared.persister {
        let note = if resumed {
            i18n::SERVE_STATE_RESUMED
        } else {
            i18n::SERVE_STATE_NEW
        };
        eprintln!("{}", i18n::tf(note, &[("file", &p.file.path().display().to_string())]));
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || {
            if let Some(p) = &shared.persister {
                p.run(&shared.live, &shared.extra_keys);
            }
        });
    }

    if !is_loopback(&addr) {
        eprintln!("{}", exposure_note(&addr, &shared.admin));
    }

    http::serve_forever(listener, request_handler(shared));
    Ok(())
}

/// What answers each request: [`Shared::handle`], then the request's log line unless `--quiet`.
fn request_handler(shared: Arc<Shared>) -> Arc<http::Handler> {
    Arc::new(move |req: &HttpRequest, peer: Option<std::net::SocketAddr>| {
        let served = shared.guarded(req, || shared.handle(req, peer));
        if !shared.quiet {
            (shared.log)(&log_line(req, &served));
        }
        served.resp
    })
}

/// The environment variables the official tools read the key pair from.
const ENV_ID: &str = "ALIBABA_CLOUD_ACCESS_KEY_ID";
const ENV_SECRET: &str = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";

/// The key pair in the environment, when both variables are set and not empty.
fn env_key_pair() -> Option<(String, String)> {
    let get = |k: &str| {
        std::env::var(k)
            .ok()
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    match (get(ENV_ID), get(ENV_SECRET)) {
        (Some(id), Some(secret)) => Some((id, secret)),
        (None, None) => None,
        (id, _) => {
            let (set, unset) = if id.is_some() {
                (ENV_ID, ENV_SECRET)
            } else {
                (ENV_SECRET, ENV_ID)
            };
            eprintln!("copyimage serve: {set} is set but {unset} is not; the environment's key pair is not used");
            None
        }
    }
}

/// What a server bound beyond loopback says on start: who can use it, and how the admin routes are kept.
fn exposure_note(addr: &std::net::SocketAddr, admin: &AdminAccess) -> String {
    let admin = match admin {
        AdminAccess::Token(_) => i18n::tf(i18n::SERVE_ADMIN_TOKEN, &[("header", ADMIN_TOKEN_HEADER)]),
        _ => i18n::tr(i18n::SERVE_ADMIN_LOOPBACK),
    };
    i18n::tf(i18n::SERVE_EXPOSED, &[("addr", &addr.to_string()), ("admin", &admin)])
}

/// The log line of a request: method, path, Action, status, code. Never parameters' values (a client
/// could put anything there) and never a signature.
fn log_line(req: &HttpRequest, served: &Served) -> String {
    let params = copyimage_engine::gateway::request_params(req);
    let action = copyimage_engine::wire::param(&params, "Action")
        .or_else(|| req.header("x-acs-action"))
        .unwrap_or("-");
    format!(
        "{} {} {} {} {}",
        req.method, req.path, action, served.resp.status, served.code
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_pairs() {
        assert_eq!(parse_key_pair("id:se:cret").unwrap(), ("id".into(), "se:cret".into()));
        let e = parse_key_pair("idsecret").unwrap_err();
        assert!(!e.contains("idsecret"), "the secret is not echoed: {e}");
        assert!(parse_key_pair(":x").is_err());
        assert!(parse_key_pair("x:").is_err());
    }

    #[test]
    fn corrupt_state_is_refused_with_the_file_name() {
        let p = std::path::Path::new("/tmp/w.json");
        for bad in [
            "",
            "{",
            "[]",
            "{\"format\":\"other\"}",
            "{\"format\":\"copyimage-serve-state/1\"}",
            "{\"format\":\"copyimage-serve-state/2\",\"engine\":{}}",
            "{\"format\":\"copyimage-serve-state/2\",\"version\":3,\"engine\":{}}",
            "{\"format\":\"copyimage-serve-state/3\",\"version\":3}",
        ] {
            let e = engine_from_state(bad, p).expect_err(bad);
            assert!(e.contains("/tmp/w.json") && e.contains("refusing"), "{e}");
        }
    }

    #[test]
    fn admin_access_by_peer_and_token() {
        let req = |token: Option<&str>| HttpRequest {
            method: "GET".into(),
            path: "/__admin/clock".into(),
            headers: token
                .map(|t| vec![("x-admin-token".into(), t.into())])
                .unwrap_or_default(),
            ..Default::default()
        };
        let peer = |s: &str| Some(s.parse::<std::net::SocketAddr>().unwrap());
        let far = peer("192.0.2.7:5000");
        assert!(AdminAccess::Anyone.refuse(&req(None), far).is_none());
        let lo = AdminAccess::LoopbackOnly;
        assert!(lo.refuse(&req(None), peer("127.0.0.1:5000")).is_none());
        assert!(lo.refuse(&req(None), peer("[::1]:5000")).is_none());
        assert!(lo.refuse(&req(None), peer("[::ffff:127.0.0.1]:5000")).is_none());
        assert_eq!(lo.refuse(&req(None), far).map(|r| r.status), Some(403));
        assert_eq!(lo.refuse(&req(None), None).map(|r| r.status), Some(403));
        let tok = AdminAccess::Token("s3cret".into());
        assert!(tok.refuse(&req(Some("s3cret")), far).is_none());
        assert_eq!(tok.refuse(&req(Some("s3creT")), far).map(|r| r.status), Some(401));
        assert_eq!(tok.refuse(&req(None), peer("127.0.0.1:1")).map(|r| r.status), Some(401));
        assert!(same_token("abc", "abc") && !same_token("abc", "abd") && !same_token("abc", "abcd"));
    }

    #[test]
    fn fnv1a_is_the_reference_hash() {
        // Test vectors of FNV-1a 64 (the journal's replay check must not change between versions).
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    /// The engine call of the panic test: the engine's own answer, except for a request carrying the
    /// header `X-Test-Panic`, where it panics before the engine sees the request.
    fn panics_on_test_header(engine: &mut Engine, req: &HttpRequest, now: UtcTime) -> Served {
        if req.header("x-test-panic").is_some() {
            panic!("a bug in the engine (injected by the test)");
        }
        engine_answer(engine, req, now)
    }

    /// Sends `request` on `conn` and reads one response (status line, headers, Content-Length body) as text.
    fn exchange(conn: &mut std::io::BufReader<std::net::TcpStream>, request: &str) -> String {
        use std::io::{BufRead, Read, Write};
        conn.get_mut().write_all(request.as_bytes()).expect("send");
        let mut head = String::new();
        while !head.ends_with("\r\n\r\n") {
            let n = conn.read_line(&mut head).expect("read the response");
            assert!(n > 0, "the server closed the connection; got {head:?}");
        }
        let len: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("Content-Length: "))
            .and_then(|v| v.parse().ok())
            .expect("Content-Length");
        let mut body = vec![0; len];
        conn.read_exact(&mut body).expect("body");
        head + &String::from_utf8(body).expect("UTF-8 body")
    }

    /// The value of the `Date` header in a response's text.
    fn date_of(resp: &str) -> &str {
        resp.lines()
            .find_map(|l| l.strip_prefix("Date: "))
            .expect("a Date header")
    }

    /// A server's shared state for the unit tests: `engine` reached through `call`, no `--state`, every
    /// log line collected in the returned list.
    fn test_shared(engine: Engine, source: Seeded, call: EngineCall) -> (Shared, Arc<Mutex<Vec<String>>>) {
        let lines = Arc::new(Mutex::new(Vec::<String>::new()));
        let log = Arc::clone(&lines);
        let shared = Shared {
            live: Mutex::new(Live {
                engine,
                version: 0,
                last_tick: Instant::now(),
                carry: 0.0,
                speed: 0.0,
                journaling: false,
                adv: Vec::new(),
                pending: Vec::new(),
                snapshot_due: false,
            }),
            persister: None,
            source,
            extra_keys: Vec::new(),
            quiet: false,
            admin: AdminAccess::Anyone,
            call,
            log: Box::new(move |l| lock(&log).push(l.to_string())),
        };
        (shared, lines)
    }

    #[test]
    fn a_panicking_request_is_answered_500_and_the_connection_serves_the_next() {
        let source = Seeded {
            scenario_json: None,
            preset: world::DEFAULT_PRESET.into(),
            seed: world::DEFAULT_SEED,
        };
        let engine = source.build().expect("the default world");
        // The same world, to tell what the server should answer after the panic.
        let mut reference = engine.clone();
        let (id, secret) = world::access_keys(&engine).into_iter().next().expect("a key pair");
        let (shared, lines) = test_shared(engine, source, panics_on_test_header);
        let shared = Arc::new(shared);
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("address");
        let handler = request_handler(Arc::clone(&shared));
        std::thread::spawn(move || http::serve_forever(listener, handler));
        let stream = std::net::TcpStream::connect(addr).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(60))).expect("timeout");
        let mut conn = std::io::BufReader::new(stream);

        // 1. The engine panics: 500 InternalError in the format asked for, the connection kept open.
        let got = exchange(
            &mut conn,
            "GET /?Action=DescribeRegions&Format=JSON HTTP/1.1\r\nHost: ecs.example\r\nX-Test-Panic: 1\r\n\r\n",
        );
        let rid = got
            .lines()
            .find_map(|l| l.strip_prefix("x-acs-request-id: "))
            .expect("a request id")
            .to_string();
        assert!(
            rid.len() == 36
                && rid
                    .chars()
                    .all(|c| c == '-' || c.is_ascii_digit() || c.is_ascii_uppercase()),
            "{rid}"
        );
        let body = format!(
            "{{\"RequestId\":\"{rid}\",\"Message\":\"The request processing has failed due to some unknown \
             error, exception or failure.\",\"Recommend\":\"https://api.aliyun.com/troubleshoot?q=InternalError\
             &product=Ecs&requestId={rid}\",\"HostId\":\"ecs.example\",\"Code\":\"InternalError\"}}"
        );
        assert_eq!(
            got,
            format!(
                "HTTP/1.1 500 Internal Server Error\r\nDate: {}\r\n\
                 Content-Type: application/json;charset=utf-8\r\nx-acs-request-id: {rid}\r\n\
                 Access-Control-Allow-Origin: *\r\nContent-Length: {}\r\n\r\n{body}",
                date_of(&got),
                body.len()
            )
        );

        // 2. A signed request on the same connection: the engine's own answer, as if the panic had not been.
        let now = utc_now();
        let params = [
            ("Action", "DescribeRegions"),
            ("Version", "2014-05-26"),
            ("Format", "JSON"),
        ]
        .map(|(k, v)| (k.to_string(), v.to_string()));
        let all = copyimage_engine::sign::merge_params(
            &copyimage_engine::sign::v1_common_params(&id, &now.to_iso8601(), "after-the-panic"),
            &params,
        );
        let signature = copyimage_engine::sign::sign_v1("GET", &all, &secret).signature;
        let query = copyimage_engine::sign::v1_signed_query(&all, &signature);
        let got = exchange(
            &mut conn,
            &format!("GET /?{query} HTTP/1.1\r\nHost: ecs.example\r\n\r\n"),
        );
        let want = reference
            .handle_http(
                &HttpRequest {
                    method: "GET".into(),
                    host: "ecs.example".into(),
                    path: "/".into(),
                    query,
                    headers: vec![("Host".into(), "ecs.example".into())],
                    body: String::new(),
                },
                now,
            )
            .response;
        assert_eq!(want.status, 200, "{}", want.body);
        let headers: String = want.headers.iter().map(|(k, v)| format!("{k}: {v}\r\n")).collect();
        assert_eq!(
            got,
            format!(
                "HTTP/1.1 200 OK\r\nDate: {}\r\n{headers}Content-Length: {}\r\n\r\n{}",
                date_of(&got),
                want.body.len(),
                want.body
            )
        );

        // 3. A refusal in XML: its code in the log comes from the typed answer, not from reading the body.
        let unsigned = HttpRequest {
            method: "GET".into(),
            host: "ecs.example".into(),
            path: "/".into(),
            query: "Action=DescribeRegions&Format=XML".into(),
            headers: vec![("Host".into(), "ecs.example".into())],
            body: String::new(),
        };
        let got = exchange(
            &mut conn,
            "GET /?Action=DescribeRegions&Format=XML HTTP/1.1\r\nHost: ecs.example\r\n\r\n",
        );
        let want = reference.handle_http(&unsigned, now);
        let code = want.answer.code().expect("an unsigned request is refused").to_string();
        assert!(
            got.contains("<?xml") && got.contains(&format!("<Code>{code}</Code>")),
            "{got}"
        );

        // 4. The log: the note about the bug, then one line per request.
        assert_eq!(
            *lock(&lines),
            [
                PANIC_NOTE.to_string(),
                "GET / DescribeRegions 500 InternalError".to_string(),
                "GET / DescribeRegions 200 ".to_string(),
                format!("GET / DescribeRegions {} {code}", want.response.status),
            ]
        );
    }

    #[test]
    fn a_panic_outside_the_engine_call_is_answered_500_and_the_next_write_is_a_snapshot() {
        let source = Seeded {
            scenario_json: None,
            preset: world::DEFAULT_PRESET.into(),
            seed: world::DEFAULT_SEED,
        };
        let engine = source.build().expect("the default world");
        let (shared, lines) = test_shared(engine, source, engine_answer);
        {
            // A server that has journaled since its last snapshot.
            let mut live = lock(&shared.live);
            live.version = 7;
            live.journaling = true;
            live.adv = vec![30];
        }
        let req = HttpRequest {
            method: "POST".into(),
            host: "127.0.0.1".into(),
            path: "/__admin/clock".into(),
            query: "Format=XML".into(),
            headers: Vec::new(),
            body: String::new(),
        };
        let served = shared.guarded(&req, || {
            let _held = lock(&shared.live);
            panic!("a bug in an admin route (injected by the test)")
        });
        assert_eq!(served.resp.status, 500);
        assert_eq!(served.code, "InternalError");
        assert!(
            served.resp.body.contains("<Code>InternalError</Code>"),
            "{}",
            served.resp.body
        );
        assert_eq!(*lock(&lines), [PANIC_NOTE]);
        let live = lock(&shared.live);
        assert!(live.snapshot_due && live.adv.is_empty());
        assert_eq!(live.version, 7);
    }

    #[test]
    fn query_map_decodes() {
        let m = query_map("seconds=30&preset=a+b%21");
        assert_eq!(m["seconds"], "30");
        assert_eq!(m["preset"], "a b!");
    }
}

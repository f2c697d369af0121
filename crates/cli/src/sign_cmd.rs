//! `copyimage sign` and `copyimage verify`: the shell face of the engine's signer and debugger.
//!
//! Only translation lives here: arguments → [`GenerateInput`] → text or JSON. The clock and the nonce are
//! the only impure inputs (now, and a UUID from an `Rng` seeded by the time and the process id), and both
//! can be fixed with `--timestamp` / `--nonce` for reproducible output. The secret is never printed.

use copyimage_engine::clock::UtcTime;
use copyimage_engine::debugger;
use copyimage_engine::gateway::SignatureStyle;
use copyimage_engine::generate::{self, Endpoint, GenerateInput, SignedRequest};
use copyimage_engine::rng::Rng;
use copyimage_engine::wire::{param, HttpRequest, Params};
use serde_json::{json, Value};
use std::io::{BufRead, Read};
use std::time::{SystemTime, UNIX_EPOCH};

/// HTTP method to sign for.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// GET: everything in the query.
    #[value(name = "GET", alias = "get")]
    Get,
    /// POST: the query, or a form body with `--form`.
    #[value(name = "POST", alias = "post")]
    Post,
}

/// Signature version.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Version {
    /// HMAC-SHA1, signature in the query (`SignatureVersion=1.0`).
    V1,
    /// ACS3-HMAC-SHA256, `Authorization` header.
    V3,
}

/// Output format.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// v1: the signed URL; v3: a curl command.
    Text,
    /// A JSON object with the signature and everything it was made of.
    Json,
}

/// Arguments of `copyimage sign`.
#[derive(clap::Args, Debug)]
pub struct SignArgs {
    /// The AccessKeyId.
    #[arg(long)]
    pub access_key_id: String,
    /// The AccessKeySecret (used to sign; never printed).
    #[arg(long)]
    pub access_key_secret: String,
    /// Timestamp, yyyy-MM-ddTHH:mm:ssZ (default: now, UTC).
    #[arg(long)]
    pub timestamp: Option<String>,
    /// SignatureNonce / x-acs-signature-nonce (default: a fresh UUID; with --batch, `<nonce>-<line>`).
    #[arg(long)]
    pub nonce: Option<String>,
    /// HTTP method (default: GET for v1, POST for v3, as the SDKs send).
    #[arg(long, value_enum)]
    pub method: Option<Method>,
    /// Endpoint host, optionally with a port and an `http://` or `https://` scheme
    /// (default: ecs.<RegionId>.aliyuncs.com, or ecs.aliyuncs.com without a RegionId).
    #[arg(long)]
    pub host: Option<String>,
    /// Signature version.
    #[arg(long, value_enum, default_value = "v1")]
    pub signature_version: Version,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub output: Output,
    /// v3: the headers to sign, separated by `;` or `,` (default: host and the five x-acs-* headers).
    #[arg(long)]
    pub signed_headers: Option<String>,
    /// v3: an extra header to send, `Name: value` (repeatable); signed when --signed-headers is not given.
    #[arg(long = "header", short = 'H')]
    pub headers: Vec<String>,
    /// POST: send the operation's parameters in a form body.
    #[arg(long)]
    pub form: bool,
    /// An STS SecurityToken.
    #[arg(long)]
    pub security_token: Option<String>,
    /// Read one JSON object of parameters per line from stdin; print one line per input line.
    #[arg(long)]
    pub batch: bool,
    /// Parameters, KEY=VALUE (Action=CopyImage is the default; a common parameter given here overrides it).
    #[arg(value_name = "KEY=VALUE")]
    pub params: Vec<String>,
}

/// Arguments of `copyimage verify`.
#[derive(clap::Args, Debug)]
pub struct VerifyArgs {
    /// The AccessKeySecret to check the signature with.
    #[arg(long)]
    pub access_key_secret: String,
    /// Check as this method (a URL alone is taken as GET).
    #[arg(long, value_enum)]
    pub method: Option<Method>,
    /// Your client's StringToSign (v1) or canonical request (v3), to compare directly.
    #[arg(long)]
    pub string_to_sign: Option<String>,
    /// The server time to check the timestamp against (default: now, UTC).
    #[arg(long)]
    pub now: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub output: Output,
    /// The signed URL, or `-` to read a raw HTTP request (request line, headers, blank line, body) from stdin.
    #[arg(value_name = "URL")]
    pub url: String,
}

fn usage(msg: &str) -> i32 {
    eprintln!("error: {msg}");
    2
}

fn now() -> UtcTime {
    UtcTime(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0),
    )
}

/// A generator seeded by the clock's nanoseconds and the process id: nonces differ between runs.
fn fresh_rng() -> Rng {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    Rng::new(nanos ^ ((std::process::id() as u64) << 32))
}

fn parse_kv(items: &[String]) -> Result<Params, String> {
    items
        .iter()
        .map(|s| match s.split_once('=') {
            Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
            _ => Err(format!("expected KEY=VALUE, got {s:?}")),
        })
        .collect()
}

fn parse_endpoint(host: Option<&str>, params: &Params) -> Result<Endpoint, String> {
    let Some(host) = host else {
        return Ok(match param(params, "RegionId") {
            Some(r) if !r.is_empty() => Endpoint::regional(r),
            _ => Endpoint::central(),
        });
    };
    let (scheme, rest) = match host.split_once("://") {
        Some((s, r)) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") => {
            (s.to_ascii_lowercase(), r)
        }
        Some((s, _)) => return Err(format!("--host: unsupported scheme {s:?} (use http or https)")),
        None => ("https".to_string(), host),
    };
    let rest = rest.trim_end_matches('/');
    let (name, port) = match rest.rsplit_once(':') {
        Some((n, p)) if !n.contains(']') || n.ends_with(']') => {
            let port: u16 = p.parse().map_err(|_| format!("--host: bad port {p:?}"))?;
            (n.to_string(), Some(port))
        }
        _ => (rest.to_string(), None),
    };
    if name.is_empty() || name.contains('/') || name.contains(char::is_whitespace) {
        return Err(format!("--host: not a host name: {host:?}"));
    }
    Ok(Endpoint {
        scheme,
        host: name,
        port,
    })
}

fn parse_headers(items: &[String]) -> Result<Params, String> {
    items
        .iter()
        .map(|h| match h.split_once(':') {
            Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_string(), v.trim().to_string())),
            _ => Err(format!("--header: expected \"Name: value\", got {h:?}")),
        })
        .collect()
}

/// Everything from the arguments except the parameters, nonce and timestamp of one request.
struct Template {
    headers: Params,
    signed_headers: Option<Vec<String>>,
    timestamp: String,
}

fn build_input(args: &SignArgs, t: &Template, params: Params, nonce: String) -> Result<GenerateInput, String> {
    let mut all: Params = vec![("Action".into(), "CopyImage".into())];
    all = copyimage_engine::sign::merge_params(&all, &params);
    let endpoint = parse_endpoint(args.host.as_deref(), &all)?;
    let style = match args.signature_version {
        Version::V1 => SignatureStyle::V1,
        Version::V3 => SignatureStyle::V3,
    };
    let method = match (args.method, style) {
        (Some(Method::Get), _) | (None, SignatureStyle::V1) => "GET",
        (Some(Method::Post), _) | (None, SignatureStyle::V3) => "POST",
    };
    if args.form && method != "POST" {
        return Err("--form needs --method POST".into());
    }
    let mut input = GenerateInput::new(all, &args.access_key_id, &args.access_key_secret, &t.timestamp, &nonce);
    input.endpoint = endpoint;
    input.style = style;
    input.method = method.into();
    input.form_body = args.form;
    input.security_token = args.security_token.clone();
    input.signed_headers = t.signed_headers.clone();
    input.extra_headers = t.headers.clone();
    Ok(input)
}

fn render(s: &SignedRequest, output: Output, one_line: bool) -> String {
    match output {
        Output::Text => match s.style {
            // The URL carries a V1 request whole (method aside) unless there is a form body.
            SignatureStyle::V1 if s.request.body.is_empty() => s.url.clone(),
            _ => {
                let c = generate::curl(s);
                if one_line {
                    c.replace(" \\\n  ", " ")
                } else {
                    c
                }
            }
        },
        Output::Json => {
            let mut o = json!({
                "style": match s.style { SignatureStyle::V1 => "v1", SignatureStyle::V3 => "v3" },
                "method": s.request.method,
                "url": s.url,
                "string_to_sign": s.string_to_sign,
                "signature": s.signature,
                "headers": s.request.headers.iter().map(|(k, v)| json!([k, v])).collect::<Vec<Value>>(),
                "body": s.request.body,
            });
            match s.style {
                SignatureStyle::V1 => o["canonical_query"] = json!(s.canonical),
                SignatureStyle::V3 => {
                    o["canonical_request"] = json!(s.canonical);
                    o["authorization"] = json!(s.authorization);
                }
            }
            if one_line {
                o.to_string()
            } else {
                serde_json::to_string_pretty(&o).unwrap_or_default()
            }
        }
    }
}

fn json_to_params(v: &Value) -> Result<Params, String> {
    let obj = v.as_object().ok_or("not a JSON object")?;
    obj.iter()
        .map(|(k, v)| {
            let s = match v {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => b.to_string(),
                Value::Null => String::new(),
                _ => return Err(format!("{k}: values must be strings, numbers or booleans")),
            };
            Ok((k.clone(), s))
        })
        .collect()
}

/// Runs `copyimage sign`; returns the exit code.
pub fn run_sign(args: SignArgs) -> i32 {
    let params = match parse_kv(&args.params) {
        Ok(p) => p,
        Err(e) => return usage(&e),
    };
    let headers = match parse_headers(&args.headers) {
        Ok(h) => h,
        Err(e) => return usage(&e),
    };
    if args.signature_version == Version::V1 && (args.signed_headers.is_some() || !headers.is_empty()) {
        return usage("--signed-headers and --header apply to --signature-version v3 only");
    }
    let signed_headers = args.signed_headers.as_ref().map(|s| {
        s.split([';', ','])
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty())
            .collect::<Vec<_>>()
    });
    if signed_headers.as_ref().is_some_and(|v| v.is_empty()) {
        return usage("--signed-headers: name at least one header");
    }
    let timestamp = args.timestamp.clone().unwrap_or_else(|| now().to_iso8601());
    if UtcTime::parse_iso8601(&timestamp).is_none() {
        eprintln!("warning: --timestamp {timestamp:?} is not yyyy-MM-ddTHH:mm:ssZ; signing it as given");
    }
    let t = Template {
        headers,
        signed_headers,
        timestamp,
    };
    let mut rng = fresh_rng();
    if !args.batch {
        let nonce = args.nonce.clone().unwrap_or_else(|| rng.uuid());
        let input = match build_input(&args, &t, params, nonce) {
            Ok(i) => i,
            Err(e) => return usage(&e),
        };
        println!("{}", render(&generate::sign_request(&input), args.output, false));
        return 0;
    }
    let mut code = 0;
    let stdin = std::io::stdin();
    for (n, line) in stdin.lock().lines().enumerate() {
        let line_no = n + 1;
        let line = match line {
            Ok(l) => l,
            Err(e) => return usage(&format!("stdin: {e}")),
        };
        let nonce = match &args.nonce {
            Some(base) => format!("{base}-{line_no}"),
            None => rng.uuid(),
        };
        let parsed = serde_json::from_str::<Value>(&line)
            .map_err(|e| e.to_string())
            .and_then(|v| json_to_params(&v))
            .map(|p| copyimage_engine::sign::merge_params(&params, &p))
            .and_then(|p| build_input(&args, &t, p, nonce));
        match parsed {
            Ok(input) => println!("{}", render(&generate::sign_request(&input), args.output, true)),
            Err(e) => {
                eprintln!("error: line {line_no}: {e}");
                match args.output {
                    Output::Json => println!("{}", json!({"line": line_no, "error": e})),
                    Output::Text => println!(),
                }
                code = 2;
            }
        }
    }
    code
}

/// Runs `copyimage verify`; returns the exit code (0: the signature matches and the gateway accepts it,
/// 1: it does not, 2: usage mistakes).
pub fn run_verify(args: VerifyArgs) -> i32 {
    let mut req: HttpRequest = if args.url == "-" {
        let mut text = String::new();
        if let Err(e) = std::io::stdin().read_to_string(&mut text) {
            return usage(&format!("stdin: {e}"));
        }
        match debugger::parse_raw_http(&text) {
            Some(r) => r,
            None => {
                return usage(
                    "stdin: not an HTTP request (expected `METHOD /?query HTTP/1.1`, headers, blank line, body)",
                )
            }
        }
    } else {
        match debugger::parse_url(&args.url) {
            Some(r) => r,
            None => return usage(&format!("not a URL: {:?}", args.url)),
        }
    };
    if let Some(m) = args.method {
        req.method = match m {
            Method::Get => "GET".into(),
            Method::Post => "POST".into(),
        };
    }
    let now = match &args.now {
        Some(t) => match UtcTime::parse_iso8601(t) {
            Some(t) => t,
            None => return usage(&format!("--now: expected yyyy-MM-ddTHH:mm:ssZ, got {t:?}")),
        },
        None => now(),
    };
    let d = debugger::diagnose(&req, &args.access_key_secret, Some(now), args.string_to_sign.as_deref());
    match args.output {
        Output::Text => print!("{}", d.report()),
        Output::Json => {
            let mut v = serde_json::to_value(&d).unwrap_or(Value::Null);
            v["explanations"] = json!(d.causes.iter().map(|c| c.explain()).collect::<Vec<_>>());
            println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        }
    }
    if d.signature_matches && d.gateway_error.is_none() {
        0
    } else {
        1
    }
}

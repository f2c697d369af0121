//! `copyimage sign` and `copyimage verify`: the shell face of the engine's signer and debugger.
//!
//! Only translation lives here: arguments → [`GenerateInput`] → text or JSON. The clock and the nonce are
//! the only impure inputs (now, and a UUID from an `Rng` seeded by the time and the process id), and both
//! can be fixed with `--timestamp` / `--nonce` for reproducible output. The secret is never printed; it may
//! come from `ALIBABA_CLOUD_ACCESS_KEY_SECRET` (and the id from `ALIBABA_CLOUD_ACCESS_KEY_ID`), the
//! variables the official tools read, so it need not sit in shell history or the process list.
//!
//! `--batch` streams: each line is parsed straight into parameters, V1 URLs are written by the engine's
//! [`V1UrlWriter`] (prepared key, reused buffers, nothing built but the URL) and every line goes through one
//! buffered writer.

use copyimage_engine::client::{self, Endpoint, GenerateInput, SignatureStyle, SignedRequest, V1UrlWriter};
use copyimage_engine::clock::UtcTime;
use copyimage_engine::debugger;
use copyimage_engine::rng::Rng;
use copyimage_engine::sign::merge_into;
use copyimage_engine::signing::options::{self, OptionError, SignOptions, SignedJson};
use copyimage_engine::wire::{HttpRequest, Params};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{json, Value};
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{BufRead, BufWriter, Read, Write};
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
#[command(
    after_help = "The key pair may come from the environment instead of the command line (the variables the \
official SDKs and the aliyun CLI read), so the secret stays out of shell history and the process list:
  export ALIBABA_CLOUD_ACCESS_KEY_ID=... ALIBABA_CLOUD_ACCESS_KEY_SECRET=...
  copyimage sign RegionId=cn-hangzhou ImageId=m-x DestinationRegionId=cn-shanghai
  copyimage sign --batch < requests.jsonl    # one JSON object of parameters per line"
)]
pub struct SignArgs {
    /// The AccessKeyId.
    #[arg(long, env = "ALIBABA_CLOUD_ACCESS_KEY_ID")]
    pub access_key_id: String,
    /// The AccessKeySecret (used to sign; never printed).
    #[arg(long, env = "ALIBABA_CLOUD_ACCESS_KEY_SECRET", hide_env_values = true)]
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
    /// The AccessKeySecret to check the signature with (never printed).
    #[arg(long, env = "ALIBABA_CLOUD_ACCESS_KEY_SECRET", hide_env_values = true)]
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

/// An option the engine refused, named as the flag that gave it.
fn flag_error(e: OptionError) -> String {
    format!("--{}: {}", e.option.replace('_', "-"), e.problem)
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

fn style_of(args: &SignArgs) -> SignatureStyle {
    match args.signature_version {
        Version::V1 => SignatureStyle::V1,
        Version::V3 => SignatureStyle::V3,
    }
}

/// The method to sign for: `--method`, else what the SDKs send (GET for V1, POST for V3).
fn method_for(args: &SignArgs, style: SignatureStyle) -> &'static str {
    let given = args.method.map(|m| match m {
        Method::Get => "GET",
        Method::Post => "POST",
    });
    options::method_for(given, style).unwrap_or("GET")
}

fn build_input(args: &SignArgs, t: &Template, params: Params, nonce: String) -> Result<GenerateInput, String> {
    let opts = SignOptions {
        access_key_id: args.access_key_id.clone(),
        access_key_secret: args.access_key_secret.clone(),
        timestamp: t.timestamp.clone(),
        nonce,
        method: Some(method_for(args, style_of(args)).into()),
        host: args.host.clone(),
        style: style_of(args),
        form: args.form,
        security_token: args.security_token.clone(),
        signed_headers: t.signed_headers.clone(),
        headers: t.headers.clone(),
    };
    options::sign_input(&params, &opts).map_err(flag_error)
}

fn render(s: &SignedRequest, output: Output, one_line: bool) -> String {
    match output {
        Output::Text => match s.style {
            // The URL carries a V1 request whole (method aside) unless there is a form body.
            SignatureStyle::V1 if s.request.body.is_empty() => s.url.clone(),
            _ => {
                let c = client::curl(s);
                if one_line {
                    c.replace(" \\\n  ", " ")
                } else {
                    c
                }
            }
        },
        Output::Json => {
            // The engine's one shape of a signed request, the same the JavaScript API returns.
            let o = SignedJson::of(s);
            if one_line {
                serde_json::to_string(&o).unwrap_or_default()
            } else {
                serde_json::to_string_pretty(&o).unwrap_or_default()
            }
        }
    }
}

/// One `--batch` input line, read straight into parameters (no `Value` tree in between) with the reading
/// rules of a JSON object: strings as they are, numbers and booleans as JSON writes them, `null` as empty.
enum LineIn<'a> {
    /// An object: its members in the order written (a nested object or array is `None`).
    Object(Vec<(Cow<'a, str>, Option<Cow<'a, str>>)>),
    /// Valid JSON, but not an object.
    NotObject,
}

/// Any JSON value, read and dropped. Unlike serde's `IgnoredAny` it is read the way a `Value` is, so the
/// parser's nesting limit and its error message apply to it as they would to the `Value`.
struct Skip;

impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Skip;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Skip, E> {
                Ok(Skip)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Skip, E> {
                Ok(Skip)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Skip, E> {
                Ok(Skip)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Skip, E> {
                Ok(Skip)
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Skip, E> {
                Ok(Skip)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Skip, E> {
                Ok(Skip)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Skip, A::Error> {
                while seq.next_element::<Skip>()?.is_some() {}
                Ok(Skip)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Skip, A::Error> {
                while map.next_entry::<Skip, Skip>()?.is_some() {}
                Ok(Skip)
            }
        }
        d.deserialize_any(V)
    }
}

/// A string borrowed from the line when it has no escapes.
struct Text<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(s.to_string())))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(s)))
            }
        }
        d.deserialize_str(V)
    }
}

/// A member's value: `Some(text)` for a scalar, `None` for a nested object or array (read and dropped, so a
/// syntax error inside it is still reported as one).
struct Scalar<'a>(Option<Cow<'a, str>>);

impl<'de> Deserialize<'de> for Scalar<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Scalar<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Scalar<'de>, E> {
                Ok(Scalar(Some(Cow::Borrowed(s))))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Scalar<'de>, E> {
                Ok(Scalar(Some(Cow::Owned(s.to_string()))))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Scalar<'de>, E> {
                Ok(Scalar(Some(Cow::Owned(s))))
            }
            fn visit_bool<E: de::Error>(self, b: bool) -> Result<Scalar<'de>, E> {
                Ok(Scalar(Some(Cow::Borrowed(if b { "true" } else { "false" }))))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Scalar<'de>, E> {
                Ok(Scalar(Some(Cow::Owned(n.to_string()))))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Scalar<'de>, E> {
                Ok(Scalar(Some(Cow::Owned(n.to_string()))))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Scalar<'de>, E> {
                // As a `Value` prints it (`1.0`, `1e300`).
                let text = serde_json::Number::from_f64(n).map_or(String::new(), |x| x.to_string());
                Ok(Scalar(Some(Cow::Owned(text))))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Scalar<'de>, E> {
                Ok(Scalar(Some(Cow::Borrowed(""))))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar<'de>, A::Error> {
                while seq.next_element::<Skip>()?.is_some() {}
                Ok(Scalar(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar<'de>, A::Error> {
                while map.next_entry::<Skip, Skip>()?.is_some() {}
                Ok(Scalar(None))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for LineIn<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = LineIn<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<LineIn<'de>, A::Error> {
                let mut members = Vec::with_capacity(16);
                while let Some(Text(k)) = map.next_key::<Text>()? {
                    members.push((k, map.next_value::<Scalar>()?.0));
                }
                Ok(LineIn::Object(members))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<LineIn<'de>, A::Error> {
                while seq.next_element::<Skip>()?.is_some() {}
                Ok(LineIn::NotObject)
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<LineIn<'de>, E> {
                Ok(LineIn::NotObject)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<LineIn<'de>, E> {
                Ok(LineIn::NotObject)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<LineIn<'de>, E> {
                Ok(LineIn::NotObject)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<LineIn<'de>, E> {
                Ok(LineIn::NotObject)
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<LineIn<'de>, E> {
                Ok(LineIn::NotObject)
            }
            fn visit_unit<E: de::Error>(self) -> Result<LineIn<'de>, E> {
                Ok(LineIn::NotObject)
            }
        }
        d.deserialize_any(V)
    }
}

/// One parameter of a `--batch` line, borrowed from the line unless it had escapes or was a number.
type LineParam<'a> = (Cow<'a, str>, Cow<'a, str>);

/// The parameters of one `--batch` line: members in key order, a repeated key's last value kept (what
/// reading the line into a JSON map and walking it gives), or why the line is refused.
fn line_params(line: &str) -> Result<Vec<LineParam<'_>>, String> {
    let mut members = match serde_json::from_str::<LineIn>(line).map_err(|e| e.to_string())? {
        LineIn::Object(m) => m,
        LineIn::NotObject => return Err("not a JSON object".into()),
    };
    // Stable, so equal keys keep their order and the last of a run is the one written last.
    members.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let mut out = Vec::with_capacity(members.len());
    let mut it = members.into_iter().peekable();
    while let Some((k, v)) = it.next() {
        if it.peek().is_some_and(|(n, _)| *n == k) {
            continue;
        }
        match v {
            Some(v) => out.push((k, v)),
            None => return Err(format!("{k}: values must be strings, numbers or booleans")),
        }
    }
    Ok(out)
}

/// The reading of every line that is the same for the whole batch.
struct Batch<'a> {
    args: &'a SignArgs,
    template: &'a Template,
    /// The parameters on the command line, under each line's.
    base: Vec<(&'a str, &'a str)>,
    /// With `--host`: its endpoint, or why it is refused (reported on every line, as a single request would).
    host: Option<Result<Endpoint, String>>,
    /// The V1 URL fast path, when the output is just the URL (V1, text, no form body).
    urls: Option<V1UrlWriter>,
    /// Without `--host` or a `RegionId`: the central endpoint.
    central: Endpoint,
    /// The last region's endpoint, reused while the region stays the same.
    regional: Option<(String, Endpoint)>,
}

impl Batch<'_> {
    /// Appends the output line (without its newline) for one input line to `out`.
    fn line(&mut self, line: &str, nonce: &str, out: &mut Vec<u8>) -> Result<(), String> {
        let given = line_params(line)?;
        let mut all: Vec<(&str, &str)> = Vec::with_capacity(given.len() + self.base.len() + 1);
        all.push(("Action", "CopyImage"));
        if self.base.is_empty() && !given.iter().any(|(k, _)| k == "Action") {
            // The line's names are sorted and each given once: nothing to merge.
            all.extend(given.iter().map(|(k, v)| (k.as_ref(), v.as_ref())));
        } else if self.base.is_empty() {
            merge_into(&mut all, given.iter().map(|(k, v)| (k.as_ref(), v.as_ref())));
        } else {
            let mut merged = self.base.clone();
            merge_into(&mut merged, given.iter().map(|(k, v)| (k.as_ref(), v.as_ref())));
            merge_into(&mut all, merged);
        }
        let endpoint = match &self.host {
            Some(Ok(e)) => e,
            Some(Err(e)) => return Err(e.clone()),
            None => {
                let region = all.iter().find(|(k, _)| *k == "RegionId").map_or("", |(_, v)| *v);
                if region.is_empty() {
                    &self.central
                } else {
                    if self.regional.as_ref().is_none_or(|(r, _)| r != region) {
                        self.regional = Some((region.to_string(), Endpoint::regional(region)));
                    }
                    &self
                        .regional
                        .get_or_insert_with(|| (String::new(), Endpoint::central()))
                        .1
                }
            }
        };
        match &mut self.urls {
            Some(w) => {
                w.write_url(endpoint, &all, nonce, out);
                Ok(())
            }
            None => {
                let owned = all.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
                let input = build_input(self.args, self.template, owned, nonce.to_string())?;
                out.extend_from_slice(render(&client::sign_request(&input), self.args.output, true).as_bytes());
                Ok(())
            }
        }
    }
}

/// Runs `--batch`: one output line per input line, through one buffered writer.
fn run_batch(args: &SignArgs, t: &Template, params: &Params, rng: &mut Rng) -> i32 {
    let style = style_of(args);
    let method = method_for(args, style);
    let fast = style == SignatureStyle::V1 && args.output == Output::Text && !args.form;
    let mut batch = Batch {
        args,
        template: t,
        base: params.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect(),
        host: args.host.as_deref().map(|h| options::parse_host(h).map_err(flag_error)),
        urls: fast.then(|| {
            V1UrlWriter::new(
                method,
                &args.access_key_id,
                &args.access_key_secret,
                &t.timestamp,
                args.security_token.as_deref(),
            )
        }),
        central: Endpoint::central(),
        regional: None,
    };
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let stdout = std::io::stdout();
    let mut w = BufWriter::with_capacity(1 << 16, stdout.lock());
    let (mut line, mut nonce, mut out) = (String::new(), String::new(), Vec::with_capacity(4096));
    let mut code = 0;
    for line_no in 1.. {
        line.clear();
        match input.read_line(&mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                let _ = w.flush();
                return usage(&format!("stdin: {e}"));
            }
        }
        let text = line
            .strip_suffix('\n')
            .map_or(line.as_str(), |l| l.strip_suffix('\r').unwrap_or(l));
        nonce.clear();
        match &args.nonce {
            Some(base) => {
                let _ = write!(nonce, "{base}-{line_no}");
            }
            None => nonce.push_str(&rng.uuid()),
        }
        out.clear();
        if let Err(e) = batch.line(text, &nonce, &mut out) {
            out.clear();
            eprintln!("error: line {line_no}: {e}");
            if args.output == Output::Json {
                out.extend_from_slice(json!({"line": line_no, "error": e}).to_string().as_bytes());
            }
            code = 2;
        }
        out.push(b'\n');
        if let Err(e) = w.write_all(&out) {
            eprintln!("error: stdout: {e}");
            return 1;
        }
    }
    if let Err(e) = w.flush() {
        eprintln!("error: stdout: {e}");
        return 1;
    }
    code
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
        println!("{}", render(&client::sign_request(&input), args.output, false));
        return 0;
    }
    run_batch(&args, &t, &params, &mut rng)
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
        // The report for a reader, in the CLI's language; the JSON (its `explanations` included) is for
        // programs and stays English.
        Output::Text => print!("{}", d.report_in(&|s: &str| crate::i18n::tr(s))),
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

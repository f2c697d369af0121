//! `copyimage call`: one request, given as on the wire, against a world; prints the full HTTP response.

use crate::output::{print_exchange, OutputFormat};
use crate::world::WorldSource;
use copyimage_engine::clock::UtcTime;
use copyimage_engine::engine::CallContext;
use copyimage_engine::wire::{param, HttpRequest, Params};

/// Arguments of `copyimage call`.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  copyimage call Action=CopyImage Version=2014-05-26 Format=JSON RegionId=cn-hangzhou \\
      ImageId=m-bp1fq2h3gbxtc5dm9k1a DestinationRegionId=cn-shanghai
  copyimage call --output json Action=DescribeRegions Version=2014-05-26
  copyimage call --scenario my-world.json --seed 7 Action=CopyImage ...
  copyimage call --url \"$(copyimage sign --access-key-id testid --access-key-secret testsecret \
      RegionId=cn-hangzhou ImageId=m-bp1fq2h3gbxtc5dm9k1a DestinationRegionId=cn-shanghai)\"

Without a Signature parameter the request is taken as correctly signed by the world's own key.
With one (e.g. pasted from `copyimage sign`), it goes through the gateway and its signature, Timestamp
and nonce are checked against the world's access keys and the real UTC clock (or --wire-time).")]
pub struct CallArgs {
    #[command(flatten)]
    pub world: WorldSource,
    /// Host the request is addressed to (HostId in errors; signed by V3). Default: ecs.<RegionId>.aliyuncs.com.
    #[arg(long, value_name = "HOST")]
    pub host: Option<String>,
    /// HTTP method of a signed request (its StringToSign starts with it).
    #[arg(long, default_value = "GET", value_name = "GET|POST")]
    pub method: String,
    /// The wire clock for a signed request, yyyy-MM-ddTHH:mm:ssZ (default: now).
    #[arg(long, value_name = "TIME")]
    pub wire_time: Option<String>,
    /// text: status line, headers, blank line, body. json: an object with status, headers, body and the rule.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub output: OutputFormat,
    /// Exit with status 1 when the response is an error (4xx/5xx), like `curl --fail`.
    #[arg(long)]
    pub fail: bool,
    /// A whole signed URL (e.g. from `copyimage sign`), sent as is through the gateway (GET unless --method).
    #[arg(long, value_name = "URL", conflicts_with = "params")]
    pub url: Option<String>,
    /// The request parameters, KEY=VALUE, as they go on the wire (values not percent-encoded).
    #[arg(value_name = "KEY=VALUE", required_unless_present = "url")]
    pub params: Vec<String>,
}

/// Parses `KEY=VALUE` arguments into wire parameters (the first `=` splits; the value may be empty).
pub fn parse_params(args: &[String]) -> Result<Params, String> {
    args.iter()
        .map(|a| match a.split_once('=') {
            Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
            _ => Err(format!("expected KEY=VALUE, got {a:?}")),
        })
        .collect()
}

/// The endpoint host a request for `params` goes to: the regional endpoint of its RegionId.
/// (The engine's one definition, shared with the JavaScript API.)
pub fn default_host(params: &Params) -> String {
    copyimage_engine::wire::default_host(params)
}

/// The query string of `params`, RFC 3986 encoded as the signers do.
pub fn encode_query(params: &Params) -> String {
    params
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                copyimage_engine::encode::percent_encode(k),
                copyimage_engine::encode::percent_encode(v)
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// Splits `scheme://host[:port]/path?query` into host, path and raw query; `None` if it is not a URL.
pub fn split_url(url: &str) -> Option<(String, String, String)> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let (authority, path_query) = match rest.find(['/', '?']) {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if authority.is_empty() {
        return None;
    }
    let (path, query) = path_query.split_once('?').unwrap_or((path_query, ""));
    let path = if path.is_empty() { "/" } else { path };
    Some((authority.to_string(), path.to_string(), query.to_string()))
}

/// Runs `copyimage call`; returns the exit code.
pub fn run(args: CallArgs) -> i32 {
    let usage = |m: String| {
        eprintln!("copyimage call: {m}");
        2
    };
    let method = args.method.to_ascii_uppercase();
    if method != "GET" && method != "POST" {
        return usage(format!("--method must be GET or POST, got {:?}", args.method));
    }
    let url = match args.url.as_deref().map(|u| (u, split_url(u))) {
        Some((u, None)) => return usage(format!("--url must be an http(s):// URL, got {u:?}")),
        Some((_, Some(parts))) => Some(parts),
        None => None,
    };
    let params = match parse_params(&args.params) {
        Ok(p) => p,
        Err(e) => return usage(e),
    };
    let wire_now = match &args.wire_time {
        Some(t) => match UtcTime::parse_iso8601(t) {
            Some(t) => t,
            None => return usage(format!("--wire-time must look like 2024-05-20T08:30:00Z, got {t:?}")),
        },
        None => crate::serve::utc_now(),
    };
    let mut engine = match args.world.seeded().and_then(|s| s.build()) {
        Ok(e) => e,
        Err(e) => return usage(e),
    };
    let exchange = if let Some((url_host, path, query)) = url {
        let host = args.host.clone().unwrap_or(url_host);
        let req = HttpRequest {
            method,
            host: host.clone(),
            path,
            query,
            headers: vec![("Host".into(), host)],
            body: String::new(),
        };
        engine.handle_http(&req, wire_now)
    } else if param(&params, "Signature").is_some() {
        let host = args.host.clone().unwrap_or_else(|| default_host(&params));
        let req = HttpRequest {
            method,
            host: host.clone(),
            path: "/".into(),
            query: encode_query(&params),
            headers: vec![("Host".into(), host)],
            body: String::new(),
        };
        engine.handle_http(&req, wire_now)
    } else {
        let host = args.host.clone().unwrap_or_else(|| default_host(&params));
        engine.call(&params, &CallContext { host })
    };
    print_exchange(&exchange, args.output);
    if args.fail && exchange.response.status >= 400 {
        1
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_value_parsing() {
        let p = parse_params(&["A=1".into(), "B=".into(), "C=x=y".into()]).unwrap();
        assert_eq!(
            p,
            vec![
                ("A".into(), "1".into()),
                ("B".into(), "".into()),
                ("C".into(), "x=y".into())
            ]
        );
        assert!(parse_params(&["novalue".into()]).is_err());
        assert!(parse_params(&["=v".into()]).is_err());
    }

    #[test]
    fn urls_split_into_host_path_and_query() {
        assert_eq!(
            split_url("https://ecs.cn-hangzhou.aliyuncs.com/?Action=X&A=%20"),
            Some((
                "ecs.cn-hangzhou.aliyuncs.com".into(),
                "/".into(),
                "Action=X&A=%20".into()
            ))
        );
        assert_eq!(
            split_url("http://127.0.0.1:8765?A=1"),
            Some(("127.0.0.1:8765".into(), "/".into(), "A=1".into()))
        );
        assert_eq!(split_url("http://h"), Some(("h".into(), "/".into(), "".into())));
        assert_eq!(split_url("ftp://h/"), None);
        assert_eq!(split_url("http:///x"), None);
    }

    #[test]
    fn host_from_region() {
        let p: Params = vec![("RegionId".into(), "cn-shanghai".into())];
        assert_eq!(default_host(&p), "ecs.cn-shanghai.aliyuncs.com");
        assert_eq!(default_host(&vec![]), "ecs.aliyuncs.com");
        let weird: Params = vec![("RegionId".into(), "a/b".into())];
        assert_eq!(default_host(&weird), "ecs.aliyuncs.com");
    }
}

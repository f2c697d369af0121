//! HTTP as it crosses the wire: the request a client sends and the response the service returns, plus the
//! parameter list both sides work with. Rendering of response bodies (JSON / XML) lives in the engine's
//! response module; this module only carries bytes and headers.
//!
//! Layer: base (may use nothing else of this crate).

use serde::{Deserialize, Serialize};

/// Request parameters in the order they were given, names and values already percent-decoded.
/// A name may repeat on the wire; lookups take the first.
pub type Params = Vec<(String, String)>;

/// The first value of parameter `name`, if present.
pub fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// The endpoint host a trusted request for `params` goes to when the caller names none (`copyimage call`,
/// the JavaScript `call`): its `RegionId`'s regional endpoint, or the central one without a usable RegionId.
pub fn default_host(params: &[(String, String)]) -> String {
    match param(params, "RegionId") {
        Some(r) if !r.is_empty() && r.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') => {
            format!("ecs.{r}.aliyuncs.com")
        }
        _ => "ecs.aliyuncs.com".to_string(),
    }
}

/// One HTTP request exactly as a client sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpRequest {
    /// `GET` or `POST` (anything else is answered with `UnsupportedHTTPMethod`).
    pub method: String,
    /// The `Host` the client addressed, e.g. `ecs.cn-hangzhou.aliyuncs.com` (with `:port` if not default).
    pub host: String,
    /// The path, `/` for RPC APIs.
    pub path: String,
    /// The raw query string after `?`, still percent-encoded (may be empty).
    pub query: String,
    /// Header names and values as sent.
    pub headers: Vec<(String, String)>,
    /// The raw body (form-encoded for POST with a form body; usually empty).
    pub body: String,
}

impl HttpRequest {
    /// The first header named `name`, compared case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One HTTP response exactly as the service returns it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpResponse {
    /// Status code, e.g. 200 or 403.
    pub status: u16,
    /// Header names and values in the order sent.
    pub headers: Vec<(String, String)>,
    /// The body (JSON or XML).
    pub body: String,
}

impl HttpResponse {
    /// The reason phrase HTTP/1.1 uses for this status (`OK`, `Bad Request`, ...).
    pub fn reason(&self) -> &'static str {
        reason_phrase(self.status)
    }

    /// The status line, e.g. `HTTP/1.1 404 Not Found`.
    pub fn status_line(&self) -> String {
        format!("HTTP/1.1 {} {}", self.status, self.reason())
    }

    /// The first header named `name`, compared case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The whole response as text: status line, headers, a blank line, the body (`\n` line ends, for
    /// display; the HTTP face writes its own CRLFs).
    pub fn to_text(&self) -> String {
        let mut s = self.status_line();
        s.push('\n');
        for (k, v) in &self.headers {
            s.push_str(k);
            s.push_str(": ");
            s.push_str(v);
            s.push('\n');
        }
        s.push('\n');
        s.push_str(&self.body);
        s
    }
}

/// The HTTP/1.1 reason phrase for the statuses this API uses.
pub fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_line_and_text() {
        let r = HttpResponse {
            status: 404,
            headers: vec![("Content-Type".into(), "application/json;charset=utf-8".into())],
            body: "{}".into(),
        };
        assert_eq!(r.status_line(), "HTTP/1.1 404 Not Found");
        assert_eq!(
            r.to_text(),
            "HTTP/1.1 404 Not Found\nContent-Type: application/json;charset=utf-8\n\n{}"
        );
        assert_eq!(r.header("content-type"), Some("application/json;charset=utf-8"));
    }

    #[test]
    fn param_takes_the_first() {
        let p: Params = vec![("A".into(), "1".into()), ("A".into(), "2".into())];
        assert_eq!(param(&p, "A"), Some("1"));
        assert_eq!(param(&p, "B"), None);
    }
}

//! The socket side of `copyimage serve`: turns a `tiny_http` request into the engine's
//! [`HttpRequest`] and writes an [`HttpResponse`] back byte for byte.
//!
//! Nothing here knows about ECS; it only carries bytes, so the engine sees exactly what the client sent.

use copyimage_engine::wire::{HttpRequest, HttpResponse};
use std::io::Read;

/// The largest request body accepted. ECS RPC bodies are small form posts; a cap keeps a hostile or
/// broken client from filling memory.
pub const MAX_BODY: u64 = 1024 * 1024;

/// Reads one request off the socket into the engine's wire type.
///
/// The `Host` header is taken as the client sent it (with `:port`), because the V3 signature covers it.
/// A body that is not UTF-8 is decoded lossily: ECS form bodies are percent-encoded ASCII, so a
/// non-UTF-8 byte can only make the signature check fail, never panic.
pub fn read_request(req: &mut tiny_http::Request) -> Result<HttpRequest, String> {
    let url = req.url().to_string();
    let (path, query) = match url.split_once('?') {
        Some((p, q)) => (p.to_string(), q.to_string()),
        None => (url.clone(), String::new()),
    };
    let headers: Vec<(String, String)> = req
        .headers()
        .iter()
        .map(|h| (h.field.as_str().as_str().to_string(), h.value.as_str().to_string()))
        .collect();
    let host = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("host"))
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let mut raw = Vec::new();
    req.as_reader()
        .take(MAX_BODY + 1)
        .read_to_end(&mut raw)
        .map_err(|e| format!("reading the request body: {e}"))?;
    if raw.len() as u64 > MAX_BODY {
        return Err(format!("request body larger than {MAX_BODY} bytes"));
    }
    Ok(HttpRequest {
        method: req.method().as_str().to_string(),
        host,
        path: if path.is_empty() { "/".into() } else { path },
        query,
        headers,
        body: String::from_utf8_lossy(&raw).into_owned(),
    })
}

/// Builds the `tiny_http` response carrying exactly the engine's status, headers and body.
///
/// `Content-Length` is computed by the server from the body and always sent (never chunked transfer,
/// which `tiny_http` would pick above 32 KiB): a large DescribeImages page then reads like any other.
/// `Date` and `Server` are added by the server unless the engine sent its own.
pub fn to_response(resp: &HttpResponse) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let headers = resp
        .headers
        .iter()
        .filter_map(|(k, v)| tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).ok())
        .collect();
    let body = resp.body.clone().into_bytes();
    let len = body.len();
    tiny_http::Response::new(
        tiny_http::StatusCode(resp.status),
        headers,
        std::io::Cursor::new(body),
        Some(len),
        None,
    )
    .with_chunked_threshold(usize::MAX)
}

/// A plain JSON response for the admin routes and for requests that never reach the engine.
pub fn json_response(status: u16, body: &serde_json::Value) -> HttpResponse {
    HttpResponse {
        status,
        headers: vec![("Content-Type".into(), "application/json;charset=utf-8".into())],
        body: body.to_string(),
    }
}

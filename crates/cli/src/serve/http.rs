//! The socket side of `copyimage serve`: a small HTTP/1.1 server (one thread per connection, keep-alive)
//! that turns each request into the engine's [`HttpRequest`] and writes an [`HttpResponse`] back byte for
//! byte.
//!
//! Hand-written rather than a server crate (ARCHITECTURE.md, "Local endpoint", has the measurements): the
//! endpoint needs only GET/POST with `Content-Length` or chunked bodies and meets its throughput targets
//! with a thread per connection, while hyper would add tokio to every release build of the CLI; owning
//! the accept loop also avoids a thread-pool race in `tiny_http` 0.12 that left a connection unread for
//! tens of seconds when many clients connected at once (seen in the load test). Nothing here knows about
//! ECS; it only carries bytes, so the engine sees exactly what the client sent.

use copyimage_engine::wire::{HttpRequest, HttpResponse};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::Duration;

/// The largest request body accepted. ECS RPC bodies are small form posts; a cap keeps a hostile or
/// broken client from filling memory.
pub const MAX_BODY: usize = 1024 * 1024;
/// The largest request line or header line, and the most header lines.
const MAX_LINE: usize = 64 * 1024;
const MAX_HEADERS: usize = 200;
/// An idle keep-alive connection is closed after this long.
const IDLE: Duration = Duration::from_secs(300);

/// Why a request could not be read; `Closed` is the normal end of a keep-alive connection.
#[derive(Debug)]
enum ReadError {
    Closed,
    Bad(u16, String),
}

/// Reads one line ending in `\n` (the `\r` is trimmed), at most `MAX_LINE` bytes.
fn read_line(r: &mut BufReader<TcpStream>) -> Result<String, ReadError> {
    let mut buf = Vec::new();
    let n = r
        .by_ref()
        .take(MAX_LINE as u64 + 1)
        .read_until(b'\n', &mut buf)
        .map_err(|_| ReadError::Closed)?;
    if n == 0 {
        return Err(ReadError::Closed);
    }
    if buf.last() != Some(&b'\n') {
        return Err(ReadError::Bad(431, "request line or header too long".into()));
    }
    while matches!(buf.last(), Some(b'\n' | b'\r')) {
        buf.pop();
    }
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

/// Reads a chunked body (RFC 9112 §7.1): chunks of hex size (extensions after `;` ignored), then a zero
/// chunk and optional trailer lines, which are dropped (ECS signs no trailer).
fn read_chunked(r: &mut BufReader<TcpStream>) -> Result<Vec<u8>, ReadError> {
    let mut body = Vec::new();
    loop {
        let line = read_line(r)?;
        let size = line.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size, 16)
            .ok()
            .filter(|_| !size.is_empty() && !size.starts_with('+'))
            .ok_or_else(|| ReadError::Bad(400, format!("malformed chunk size {line:?}")))?;
        if size == 0 {
            while !read_line(r)?.is_empty() {} // trailer fields, up to the blank line
            return Ok(body);
        }
        if body.len().saturating_add(size) > MAX_BODY {
            return Err(ReadError::Bad(
                413,
                format!("request body larger than {MAX_BODY} bytes"),
            ));
        }
        let start = body.len();
        body.resize(start + size, 0);
        r.read_exact(&mut body[start..]).map_err(|_| ReadError::Closed)?;
        if !read_line(r)?.is_empty() {
            return Err(ReadError::Bad(400, "chunk data longer than its size".into()));
        }
    }
}

/// Reads one request: request line, headers, a `Content-Length` or chunked body. Answers
/// `Expect: 100-continue`.
fn read_request(r: &mut BufReader<TcpStream>) -> Result<(HttpRequest, bool), ReadError> {
    let mut line = read_line(r)?;
    while line.is_empty() {
        line = read_line(r)?; // tolerate blank lines between requests (RFC 9112 §2.2)
    }
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ReadError::Bad(400, format!("malformed request line {line:?}")));
    };
    if !version.starts_with("HTTP/1.") {
        return Err(ReadError::Bad(505, format!("unsupported HTTP version {version:?}")));
    }
    let mut headers = Vec::new();
    loop {
        let h = read_line(r)?;
        if h.is_empty() {
            break;
        }
        if headers.len() >= MAX_HEADERS {
            return Err(ReadError::Bad(431, "too many headers".into()));
        }
        match h.split_once(':') {
            Some((k, v)) => headers.push((k.trim().to_string(), v.trim().to_string())),
            None => return Err(ReadError::Bad(400, format!("malformed header {h:?}"))),
        }
    }
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    let chunked = match header("transfer-encoding").map(|v| v.trim().to_ascii_lowercase()) {
        None => false,
        Some(v) if v == "chunked" => true,
        Some(v) => {
            return Err(ReadError::Bad(
                501,
                format!("Transfer-Encoding {v:?} is not supported (send chunked or Content-Length)"),
            ))
        }
    };
    // Both framings at once is how requests are smuggled past proxies (RFC 9112 §6.1): refused.
    if chunked && header("content-length").is_some() {
        return Err(ReadError::Bad(400, "both Transfer-Encoding and Content-Length".into()));
    }
    let len = match header("content-length").map(str::parse::<usize>) {
        None => 0,
        Some(Ok(n)) if n <= MAX_BODY => n,
        Some(Ok(_)) => {
            return Err(ReadError::Bad(
                413,
                format!("request body larger than {MAX_BODY} bytes"),
            ))
        }
        Some(Err(_)) => return Err(ReadError::Bad(400, "malformed Content-Length".into())),
    };
    if (len > 0 || chunked) && header("expect").is_some_and(|v| v.eq_ignore_ascii_case("100-continue")) {
        let _ = r.get_mut().write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
    }
    let body = if chunked {
        read_chunked(r)?
    } else {
        let mut body = vec![0; len];
        r.read_exact(&mut body).map_err(|_| ReadError::Closed)?;
        body
    };
    let keep_alive = match header("connection").map(str::to_ascii_lowercase) {
        Some(c) if c.contains("close") => false,
        Some(c) if c.contains("keep-alive") => true,
        _ => version == "HTTP/1.1",
    };
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let host = header("host").unwrap_or_default().to_string();
    let req = HttpRequest {
        method: method.to_string(),
        host,
        path: if path.is_empty() { "/".into() } else { path.to_string() },
        query: query.to_string(),
        headers,
        // ECS form bodies are percent-encoded ASCII; a non-UTF-8 byte can only fail the signature check.
        body: String::from_utf8_lossy(&body).into_owned(),
    };
    Ok((req, keep_alive))
}

/// `Date` in the HTTP form (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110 §5.6.7) for a UTC instant.
pub fn http_date(t: copyimage_engine::clock::UtcTime) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]; // 1970-01-01 was a Thursday
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let iso = t.to_iso8601(); // yyyy-MM-ddTHH:mm:ssZ
    let month = iso[5..7].parse::<usize>().unwrap_or(1).clamp(1, 12);
    let weekday = DAYS[t.0.div_euclid(86_400).rem_euclid(7) as usize];
    format!(
        "{weekday}, {} {} {} {} GMT",
        &iso[8..10],
        MONTHS[month - 1],
        &iso[0..4],
        &iso[11..19]
    )
}

/// The response as bytes: status line, the engine's headers, `Date` (unless the engine sent one),
/// `Content-Length` (always; never chunked), `Connection: close` when closing, a blank line, the body.
/// One buffer, so one write.
pub fn response_bytes(resp: &HttpResponse, keep_alive: bool) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {} {}\r\n", resp.status, reason(resp.status));
    if resp.header("date").is_none() {
        out.push_str(&format!("Date: {}\r\n", http_date(super::utc_now())));
    }
    for (k, v) in &resp.headers {
        // The engine's headers are single-line; a stray CR/LF must not split the response.
        if k.eq_ignore_ascii_case("content-length") || k.contains(['\r', '\n']) || v.contains(['\r', '\n']) {
            continue;
        }
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str(&format!("Content-Length: {}\r\n", resp.body.len()));
    if !keep_alive {
        out.push_str("Connection: close\r\n");
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(resp.body.as_bytes());
    bytes
}

/// The reason phrase of a status (RFC 9110 §15): the engine's for the statuses ECS answers with, and
/// the ones this layer sends itself for requests that never reach the engine.
pub fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        411 => "Length Required",
        413 => "Content Too Large",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        501 => "Not Implemented",
        505 => "HTTP Version Not Supported",
        _ => copyimage_engine::wire::reason_phrase(status),
    }
}

/// Serves one connection until the client closes it, asks to, or idles out.
fn connection(stream: TcpStream, handle: &Handler) {
    let _ = stream.set_nodelay(true);
    let peer = stream.peer_addr().ok();
    let _ = stream.set_read_timeout(Some(IDLE));
    let mut reader = match stream.try_clone() {
        Ok(s) => BufReader::new(s),
        Err(_) => return,
    };
    let mut writer = stream;
    loop {
        let (resp, keep_alive) = match read_request(&mut reader) {
            Ok((req, keep_alive)) => (handle(&req, peer), keep_alive),
            Err(ReadError::Closed) => return,
            Err(ReadError::Bad(status, why)) => (json_response(status, &serde_json::json!({ "error": why })), false),
        };
        if writer.write_all(&response_bytes(&resp, keep_alive)).is_err() || !keep_alive {
            return;
        }
    }
}

/// What answers a request, given the peer's address (for the admin routes' loopback check).
pub type Handler = dyn Fn(&HttpRequest, Option<SocketAddr>) -> HttpResponse + Send + Sync;

/// Accepts connections forever, one thread each.
pub fn serve_forever(listener: TcpListener, handle: std::sync::Arc<Handler>) {
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let handle = std::sync::Arc::clone(&handle);
        // A failed spawn (out of threads) drops the connection; the client sees it closed.
        let _ = std::thread::Builder::new().spawn(move || connection(stream, &*handle));
    }
}

/// A plain JSON response for the admin routes and for requests that never reach the engine.
pub fn json_response(status: u16, body: &serde_json::Value) -> HttpResponse {
    HttpResponse {
        status,
        headers: vec![("Content-Type".into(), "application/json;charset=utf-8".into())],
        body: body.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn response_bytes_have_content_length_and_no_injected_lines() {
        let r = HttpResponse {
            status: 404,
            headers: vec![
                ("Content-Type".into(), "text/xml;charset=utf-8".into()),
                ("X-Evil".into(), "a\r\nSet-Cookie: x".into()),
                ("Content-Length".into(), "999".into()),
            ],
            body: "<Error/>".into(),
        };
        let mut r = r;
        r.headers.push(("Date".into(), "Tue, 20 May 2024 08:30:00 GMT".into()));
        let text = String::from_utf8(response_bytes(&r, false)).unwrap();
        assert_eq!(
            text,
            "HTTP/1.1 404 Not Found\r\nContent-Type: text/xml;charset=utf-8\r\n\
             Date: Tue, 20 May 2024 08:30:00 GMT\r\nContent-Length: 8\r\nConnection: close\r\n\r\n<Error/>"
        );
    }

    #[test]
    fn http_dates() {
        use copyimage_engine::clock::UtcTime;
        assert_eq!(http_date(UtcTime(784111777)), "Sun, 06 Nov 1994 08:49:37 GMT"); // RFC 9110's example
        assert_eq!(http_date(UtcTime(0)), "Thu, 01 Jan 1970 00:00:00 GMT");
        let t = UtcTime::parse_iso8601("2024-02-29T23:59:59Z").unwrap();
        assert_eq!(http_date(t), "Thu, 29 Feb 2024 23:59:59 GMT");
    }
}

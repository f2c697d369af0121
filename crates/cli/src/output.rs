//! How commands print responses: as HTTP text (what crosses the wire) or as JSON for machines.

use copyimage_engine::engine::Exchange;
use copyimage_engine::wire::HttpResponse;
use serde_json::json;

/// Output format of commands that print responses.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// Human-readable text (for a response: status line, headers, a blank line, the body).
    Text,
    /// JSON, one document, for programs.
    Json,
}

/// A response as JSON: status, reason, headers (ordered `[name, value]` pairs) and body.
pub fn response_json(r: &HttpResponse) -> serde_json::Value {
    json!({
        "status": r.status,
        "reason": r.reason(),
        "headers": r.headers.iter().map(|(k, v)| json!([k, v])).collect::<Vec<_>>(),
        "body": r.body,
    })
}

/// An exchange as JSON: the response plus the rule that decided it.
pub fn exchange_json(x: &Exchange) -> serde_json::Value {
    let mut v = response_json(&x.response);
    v["request_id"] = json!(x.request_id);
    v["rule"] = serde_json::to_value(&x.rule).unwrap_or(serde_json::Value::Null);
    // The rule's explanation as a reader sees it (the rule carries its message ID and arguments).
    v["why"] = json!(copyimage_engine::why::text(&x.rule));
    v
}

/// Prints one exchange on stdout in the chosen format (text ends with a newline after the body).
pub fn print_exchange(x: &Exchange, format: OutputFormat) {
    match format {
        OutputFormat::Text => println!("{}", x.response.to_text()),
        OutputFormat::Json => println!("{}", exchange_json(x)),
    }
}

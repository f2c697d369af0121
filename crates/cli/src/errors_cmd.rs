//! `copyimage errors`: the catalog (every documented error, and a few documented successes, each with a stable
//! ID and a reproduction), and
//! `--reproduce ID_OR_CODE` to run one and print its response as `copyimage call` does.

use crate::output::{print_exchange, OutputFormat};
use copyimage_engine::catalog::{self, CatalogEntry, Outcome};
use copyimage_engine::transcript::Step;
use serde_json::{json, Value};

/// Arguments of `copyimage errors`.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  copyimage errors                                  # ID, HTTP status, code, message (tab-separated;
                                                    # a success shows (success) and what works)
  copyimage errors --output json                    # the whole catalog, with causes and reproductions
  copyimage errors --reproduce IncorrectDestinationRegion   # a code runs its first entry
  copyimage errors --reproduce <ID> --output json")]
pub struct ErrorsArgs {
    /// Run one entry (its stable ID, or a code: the first entry with that code) and print the response.
    #[arg(long, value_name = "ID_OR_CODE")]
    pub reproduce: Option<String>,
    /// text: one line per entry (or the HTTP response with --reproduce). json: machine-readable.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub output: OutputFormat,
}

/// The entry with this ID, else the first entry with this code.
pub fn lookup(entries: &[CatalogEntry], id_or_code: &str) -> Option<CatalogEntry> {
    entries
        .iter()
        .find(|e| e.id == id_or_code)
        .or_else(|| entries.iter().find(|e| e.code == id_or_code))
        .cloned()
}

fn params_json(p: &[(String, String)]) -> Value {
    Value::Array(p.iter().map(|(k, v)| json!([k, v])).collect())
}

/// One entry as JSON: `id`, `outcome` (`error` or `success`), `title` (a success's, else empty),
/// `http_status` (number), `code`, `message` (empty for a success), `cause`, `source`, `reproduce`
/// (`preset`, `setup`: the setup steps in the transcript's step format, `world_edits`: the setup in words,
/// `before` / `before_http`: the requests among the setup steps, `request`).
pub fn entry_json(e: &CatalogEntry) -> Value {
    let request = match &e.repro.request {
        Step::Http { request, wire_time } => json!({ "http": request, "wire_time": wire_time.to_iso8601() }),
        Step::Send(p) => json!({ "params": params_json(p) }),
        other => json!({ "step": other }),
    };
    let before: Vec<Value> = e
        .repro
        .setup
        .iter()
        .filter_map(|s| match s {
            Step::Send(p) => Some(params_json(p)),
            _ => None,
        })
        .collect();
    let before_http: Vec<Value> = e
        .repro
        .setup
        .iter()
        .filter_map(|s| match s {
            Step::Http { request, .. } => Some(json!(request)),
            _ => None,
        })
        .collect();
    let (outcome, title) = match &e.outcome {
        Outcome::Error => ("error", ""),
        Outcome::Success { title } => ("success", title.as_str()),
    };
    json!({
        "id": e.id,
        "outcome": outcome,
        "title": title,
        "http_status": e.http_status,
        "code": e.code,
        "message": e.message,
        "cause": e.cause,
        "source": e.source,
        "reproduce": {
            "command": format!("copyimage errors --reproduce {}", e.id),
            "preset": e.repro.preset,
            "setup": e.repro.setup,
            "world_edits": e.repro.setup_note,
            "before": before,
            "before_http": before_http,
            "request": request,
        },
    })
}

/// Runs `copyimage errors`; returns the exit code.
pub fn run(args: ErrorsArgs) -> i32 {
    let entries = catalog::entries();
    if let Some(key) = &args.reproduce {
        let Some(entry) = lookup(&entries, key) else {
            eprintln!("copyimage errors: no catalog entry has the ID or code {key:?}; `copyimage errors` lists them");
            return 2;
        };
        print_exchange(&entry.reproduce(), args.output);
        return 0;
    }
    match args.output {
        OutputFormat::Json => {
            let all: Vec<Value> = entries.iter().map(entry_json).collect();
            println!("{}", serde_json::to_string_pretty(&all).unwrap_or_else(|_| "[]".into()));
        }
        OutputFormat::Text => {
            for e in &entries {
                match &e.outcome {
                    Outcome::Error => println!("{}\t{}\t{}\t{}", e.id, e.http_status, e.code, e.message),
                    Outcome::Success { title } => println!("{}\t{}\t(success)\t{title}", e.id, e.http_status),
                }
            }
        }
    }
    0
}

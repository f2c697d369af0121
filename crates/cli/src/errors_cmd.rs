//! `copyimage errors`: the catalog (every documented error, and a few documented successes, each with a stable
//! ID and a reproduction), and
//! `--reproduce ID_OR_CODE` to run one and print its response as `copyimage call` does.

use crate::i18n::{self, tf, tr};
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
  copyimage errors IncorrectDestinationRegion       # the entries with this code (or ID): cause, source, setup
  copyimage errors --reproduce IncorrectDestinationRegion   # a code runs its first entry
  copyimage errors --reproduce <ID> --output json")]
pub struct ErrorsArgs {
    /// Show only the entries with this ID or code, each with its cause, source and how to reproduce it.
    #[arg(value_name = "ID_OR_CODE", conflicts_with = "reproduce")]
    pub show: Option<String>,
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

/// One entry for a reader (`copyimage errors ID_OR_CODE`): its ID, then one labelled line per field, the
/// labels, cause, setup and source in the CLI's language; status, code and message as they cross the wire.
pub fn entry_text(e: &CatalogEntry) -> String {
    let mut s = format!("{}\n", e.id);
    let mut row = |label: &str, value: &str| {
        if !value.is_empty() {
            s.push_str(&tf(label, &[("value", value)]));
            s.push('\n');
        }
    };
    row(i18n::ERR_STATUS, &e.http_status.to_string());
    match &e.outcome {
        Outcome::Error => {
            row(i18n::ERR_CODE, &e.code);
            row(i18n::ERR_MESSAGE, &e.message);
        }
        Outcome::Success { title } => row(i18n::ERR_TITLE, &tr(title)),
    }
    row(i18n::ERR_CAUSE, &tr(&e.cause));
    row(i18n::ERR_SETUP, &tr(&e.repro.setup_note));
    row(i18n::ERR_SOURCE, &tr(&e.source));
    row(i18n::ERR_REPRODUCE, &format!("copyimage errors --reproduce {}", e.id));
    s
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
    let entries: Vec<CatalogEntry> = match &args.show {
        Some(key) => {
            let by_id: Vec<CatalogEntry> = entries.iter().filter(|e| e.id == *key).cloned().collect();
            let chosen = if by_id.is_empty() {
                entries.into_iter().filter(|e| e.code == *key).collect()
            } else {
                by_id
            };
            if chosen.is_empty() {
                eprintln!(
                    "copyimage errors: no catalog entry has the ID or code {key:?}; `copyimage errors` lists them"
                );
                return 2;
            }
            if args.output == OutputFormat::Text {
                let texts: Vec<String> = chosen.iter().map(entry_text).collect();
                print!("{}", texts.join("\n"));
                return 0;
            }
            chosen
        }
        None => entries,
    };
    match args.output {
        OutputFormat::Json => {
            let all: Vec<Value> = entries.iter().map(entry_json).collect();
            println!("{}", serde_json::to_string_pretty(&all).unwrap_or_else(|_| "[]".into()));
        }
        OutputFormat::Text => {
            for e in &entries {
                match &e.outcome {
                    Outcome::Error => println!("{}\t{}\t{}\t{}", e.id, e.http_status, e.code, e.message),
                    Outcome::Success { title } => {
                        println!("{}\t{}\t{}\t{}", e.id, e.http_status, tr(i18n::ERR_SUCCESS), tr(title))
                    }
                }
            }
        }
    }
    0
}

//! `copyimage run`: runs a transcript (the engine's one format: scenario, seed, steps) and prints what each
//! step produced; `--check` compares with the outcomes recorded in the file, so docs built from transcripts
//! can be checked in CI.

use crate::output::{response_json, OutputFormat};
use copyimage_engine::transcript::{self, Recorded, Transcript};
use copyimage_engine::wire::HttpResponse;
use std::path::PathBuf;

/// Arguments of `copyimage run`.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  copyimage run copy.json                     # each response as HTTP text
  copyimage run copy.json --output json > copy.recorded.json   # the transcript with its outcomes recorded
  copyimage run copy.recorded.json --check    # exit 1 if any outcome differs from the recorded one
  generate-transcript | copyimage run -        # read the transcript from stdin

Transcript format (crates/engine/src/transcript.rs):
  {\"version\": 1, \"scenario\": {\"preset\": \"default\"}, \"seed\": 1, \"host\": \"ecs.cn-hangzhou.aliyuncs.com\",
   \"steps\": [{\"request\": {\"Action\": \"CopyImage\", ...}}, {\"advance\": 600}, {\"run_to_idle\": true}],
   \"responses\": [...]}")]
pub struct RunArgs {
    /// The transcript file (`-` reads it from stdin).
    #[arg(value_name = "TRANSCRIPT.json")]
    pub file: PathBuf,
    /// Compare the outcomes with those recorded in the file; print the differences and exit 1 on any.
    #[arg(long)]
    pub check: bool,
    /// text: each response as HTTP text (clock steps as a comment line). json: the transcript with the
    /// outcomes recorded in `responses`, ready to be checked later.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub output: OutputFormat,
}

/// Runs `copyimage run`; returns the exit code.
pub fn run(args: RunArgs) -> i32 {
    let fail = |code: i32, m: String| {
        eprintln!("copyimage run: {m}");
        code
    };
    let read = if args.file.as_os_str() == "-" {
        let mut t = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut t).map(|_| t)
    } else {
        std::fs::read_to_string(&args.file)
    };
    let text = match read {
        Ok(t) => t,
        Err(e) => return fail(2, format!("cannot read {}: {e}", args.file.display())),
    };
    let t = match transcript::from_json(&text) {
        Ok(t) => t,
        Err(e) => return fail(2, format!("{}: {e}", args.file.display())),
    };
    let got = match transcript::run(&t) {
        Ok(g) => g,
        Err(e) => return fail(2, format!("{}: {e}", args.file.display())),
    };
    if args.check {
        return check(&args, &t, &got);
    }
    match args.output {
        OutputFormat::Text => print!("{}", outcomes_text(&got)),
        OutputFormat::Json => {
            let recorded = Transcript { responses: got, ..t };
            println!("{}", transcript::to_json(&recorded));
        }
    }
    0
}

/// Every outcome as text: responses as HTTP text, clock steps as `# step N: world clock at T s`, blank
/// lines between.
pub fn outcomes_text(got: &[Recorded]) -> String {
    let mut out = String::new();
    for r in got {
        match r {
            Recorded::Response {
                step,
                status,
                headers,
                body,
                ..
            } => {
                let resp = HttpResponse {
                    status: *status,
                    headers: headers.clone(),
                    body: body.clone(),
                };
                out.push_str(&format!("# step {step}\n{}\n\n", resp.to_text()));
            }
            Recorded::Clock { step, world_time } => {
                out.push_str(&format!("# step {step}: world clock at {world_time} s\n\n"));
            }
            Recorded::Edit { step } => out.push_str(&format!("# step {step}: world edited\n\n")),
        }
    }
    out
}

fn check(args: &RunArgs, t: &Transcript, got: &[Recorded]) -> i32 {
    if t.responses.is_empty() {
        eprintln!(
            "copyimage run --check: {} records no outcomes to compare with; record them with \
             `copyimage run {} --output json`",
            args.file.display(),
            args.file.display()
        );
        return 2;
    }
    let mut diffs = Vec::new();
    if got.len() != t.responses.len() {
        diffs.push(format!(
            "the file records {} outcomes for {} steps",
            t.responses.len(),
            got.len()
        ));
    }
    for (i, (g, want)) in got.iter().zip(&t.responses).enumerate() {
        if g != want {
            diffs.push(format!(
                "step {i} differs:\n  recorded: {}\n  now:      {}",
                summary(want),
                summary(g)
            ));
        }
    }
    match args.output {
        OutputFormat::Json => println!(
            "{}",
            serde_json::json!({ "ok": diffs.is_empty(), "outcomes": got.len(), "differences": diffs })
        ),
        OutputFormat::Text if diffs.is_empty() => println!("ok: {} outcomes match", got.len()),
        OutputFormat::Text => {
            for d in &diffs {
                println!("{d}");
            }
        }
    }
    i32::from(!diffs.is_empty())
}

fn summary(r: &Recorded) -> String {
    match r {
        Recorded::Response {
            status,
            headers,
            body,
            rule,
            request_id,
            ..
        } => {
            let resp = HttpResponse {
                status: *status,
                headers: headers.clone(),
                body: body.clone(),
            };
            let mut v = response_json(&resp);
            v["rule"] = rule.clone().into();
            v["request_id"] = request_id.clone().into();
            v.to_string()
        }
        Recorded::Clock { world_time, .. } => format!("world clock at {world_time} s"),
        Recorded::Edit { .. } => "world edited".into(),
    }
}

//! `copyimage`: the command-line face of the CopyImage engine.
//!
//! Each subcommand lives in its own module and only translates between the shell and the engine.
//! Exit codes: 0 success, 1 the operation failed (e.g. a request was answered with an error where the
//! command says so), 2 usage mistakes.

use clap::{Parser, Subcommand};

mod sign_cmd;

/// Generate, sign and simulate Alibaba Cloud ECS CopyImage requests without an account.
#[derive(Parser, Debug)]
#[command(name = "copyimage", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// List the regions the engine knows (ID, English name, Chinese name, endpoint).
    Regions,
    /// Sign a request (V1 HMAC-SHA1 or V3 ACS3-HMAC-SHA256) and print the URL, curl command or JSON.
    Sign(sign_cmd::SignArgs),
    /// Check a signed URL against a secret and explain any mismatch.
    Verify(sign_cmd::VerifyArgs),
}

fn main() {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Regions => {
            for r in copyimage_engine::regions::REGIONS {
                println!("{}\t{}\t{}\t{}", r.id, r.name_en, r.name_zh, r.endpoint());
            }
            0
        }
        Command::Sign(args) => sign_cmd::run_sign(args),
        Command::Verify(args) => sign_cmd::run_verify(args),
    };
    std::process::exit(code);
}

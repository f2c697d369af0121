//! `copyimage`: the command-line face of the CopyImage engine.
//!
//! Subcommands are added by later work (sign, verify, call, run, errors, serve); each lives in its own
//! module and only translates between the shell and the engine.

use clap::{Parser, Subcommand};

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
}

fn main() {
    let cli = Cli::parse();
    match cli.command {
        Command::Regions => {
            for r in copyimage_engine::regions::REGIONS {
                println!("{}\t{}\t{}\t{}", r.id, r.name_en, r.name_zh, r.endpoint());
            }
        }
    }
}

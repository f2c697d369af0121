//! `copyimage`: the command-line face of the CopyImage engine.
//!
//! Each subcommand lives in its own module and only translates between the shell and the engine.
//! Conventions: the result goes to stdout and nothing else does (diagnostics go to stderr); JSON output
//! where a program reads it (`--output json`). Exit codes: 0 success, 1 the operation failed (e.g.
//! `run --check` found a difference, `call --fail` got an error response, a state file is corrupt),
//! 2 usage mistakes (bad arguments, unreadable or invalid input files).

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

mod call_cmd;
mod errors_cmd;
use copyimage_cli::i18n;
mod output;
mod run_cmd;
mod sign_cmd;

// In the library (src/lib.rs) so that the fuzz targets reach the `--state` readers; `crate::world` and
// `crate::serve` name them here as before.
use copyimage_cli::{serve, world};

/// Generate, sign and simulate Alibaba Cloud ECS CopyImage requests without an account.
#[derive(Parser, Debug)]
#[command(
    name = "copyimage",
    version,
    about,
    long_about = None,
    after_help = "Examples:
  copyimage call Action=CopyImage Version=2014-05-26 Format=JSON RegionId=cn-hangzhou \\
      ImageId=m-bp1fq2h3gbxtc5dm9k1a DestinationRegionId=cn-shanghai
  copyimage errors --output json
  copyimage errors --reproduce IncorrectDestinationRegion
  copyimage run docs/examples/copy.json --check
  copyimage serve --address 127.0.0.1:0 --state world.json
  copyimage sign --access-key-id testid --access-key-secret testsecret RegionId=cn-hangzhou ImageId=m-x

Run `copyimage <command> --help` for each command's options and examples."
)]
struct Cli {
    /// Language of the help, explanations and notes: en or zh-CN (default: from LC_ALL, LC_MESSAGES or
    /// LANG; zh_CN, zh_SG and zh_Hans read as zh-CN). Output for programs (--output json, responses, signed
    /// URLs) is the same in every language.
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    lang: Option<i18n::Lang>,
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
    /// Send one request (KEY=VALUE parameters, as on the wire) to a simulated world; print the HTTP response.
    Call(call_cmd::CallArgs),
    /// Run a transcript (scenario, seed, steps) and print its responses; --check compares with the stored ones.
    Run(run_cmd::RunArgs),
    /// List the error catalog (stable ID, HTTP status, code, message, how to reproduce) or reproduce one entry.
    Errors(errors_cmd::ErrorsArgs),
    /// Serve a local ECS endpoint (RPC over HTTP, V1 and V3 signatures) that the official SDKs can call.
    Serve(serve::ServeArgs),
}

/// The parsed arguments, with the help in the chosen language (`--lang`, else the locale), which is read
/// first because clap prints `--help` while it parses.
fn parse() -> Cli {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = i18n::from_args(&args).unwrap_or_else(|| i18n::from_env(|k| std::env::var(k).ok()));
    i18n::set(lang);
    let cmd = match lang {
        i18n::Lang::ZhCn => i18n::translate_help(Cli::command()),
        i18n::Lang::En => Cli::command(),
    };
    let matches = cmd.get_matches_from(&args);
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    // clap accepted the same `--lang` the early read found (it refuses any other value).
    debug_assert!(cli.lang.is_none() || cli.lang == i18n::from_args(&args));
    cli
}

fn main() {
    let cli = parse();
    // Rust ignores SIGPIPE, so `copyimage errors | head -1` would panic in println! once head exits. The
    // filter commands take the default back and end quietly, as Unix tools do; `serve` keeps ignoring it,
    // so a client that hangs up is an error on that connection, not the end of the server.
    #[cfg(unix)]
    if !matches!(cli.command, Command::Serve(_)) {
        // SAFETY: called once at start, before any other thread exists; SIG_DFL is a valid disposition.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
    let code = match cli.command {
        Command::Regions => {
            for r in copyimage_engine::regions::REGIONS {
                println!("{}\t{}\t{}\t{}", r.id, r.name_en, r.name_zh, r.endpoint());
            }
            0
        }
        Command::Sign(args) => sign_cmd::run_sign(args),
        Command::Verify(args) => sign_cmd::run_verify(args),
        Command::Call(args) => call_cmd::run(args),
        Command::Run(args) => run_cmd::run(args),
        Command::Errors(args) => errors_cmd::run(args),
        Command::Serve(args) => serve::run(args),
    };
    std::process::exit(code);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every help text of every command (abouts, examples, argument helps, clap's own flags) has a Chinese
    /// entry, collected from the command tree itself.
    #[test]
    fn every_help_text_has_a_chinese_entry() {
        let mut cmd = Cli::command();
        cmd.build();
        let mut missing: Vec<String> = i18n::help_texts(&cmd)
            .into_iter()
            .filter(|t| i18n::zh(t).is_none())
            .collect();
        missing.sort();
        missing.dedup();
        assert!(missing.is_empty(), "no zh-CN entry for: {missing:#?}");
    }

    /// Every page of the Chinese help (each command, `-h` and `--help`) shows none of the English it has a
    /// translation for, and none of clap's English notes.
    #[test]
    fn the_chinese_help_shows_no_english_it_has_a_translation_for() {
        let mut en = Cli::command();
        en.build();
        let english: Vec<String> = i18n::help_texts(&en)
            .into_iter()
            .filter(|t| i18n::zh(t).is_some_and(|z| z != t))
            .collect();
        assert!(english.len() > 50, "{}", english.len());
        let mut zh = i18n::translate_help(Cli::command());
        let mut pages = vec![zh.render_help().to_string(), zh.render_long_help().to_string()];
        for sub in zh.get_subcommands_mut() {
            pages.push(sub.render_help().to_string());
            pages.push(sub.render_long_help().to_string());
        }
        for page in &pages {
            assert!(page.contains("用法："), "{page}");
            for t in &english {
                assert!(!page.contains(t.as_str()), "{t:?} in:\n{page}");
            }
            for note in [
                "[default:",
                "[env:",
                "[possible values:",
                "Possible values:",
                "Options:",
                "Usage:",
            ] {
                assert!(!page.contains(note), "{note} in:\n{page}");
            }
        }
        // The notes are still there, in Chinese.
        let sign = zh.find_subcommand_mut("sign").unwrap().render_long_help().to_string();
        assert!(sign.contains("[环境变量：ALIBABA_CLOUD_ACCESS_KEY_ID]"), "{sign}");
        assert!(sign.contains("[默认值：v1]"), "{sign}");
        assert!(sign.contains("- GET: GET：所有参数都在查询字符串中"), "{sign}");
    }
}

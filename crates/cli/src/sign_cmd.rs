//! `copyimage sign` and `copyimage verify` (to be written by the signing work).

/// Arguments of `copyimage sign`.
#[derive(clap::Args, Debug)]
pub struct SignArgs {}

/// Arguments of `copyimage verify`.
#[derive(clap::Args, Debug)]
pub struct VerifyArgs {}

/// Runs `copyimage sign`; returns the exit code.
pub fn run_sign(_args: SignArgs) -> i32 {
    eprintln!("copyimage sign: not available yet");
    2
}

/// Runs `copyimage verify`; returns the exit code.
pub fn run_verify(_args: VerifyArgs) -> i32 {
    eprintln!("copyimage verify: not available yet");
    2
}

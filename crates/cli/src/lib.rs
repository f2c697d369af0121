//! The parts of the `copyimage` command that other host code calls: the world loader ([`world`]) and the
//! local endpoint ([`serve`]), whose `--state` readers ([`serve::engine_from_state`],
//! [`serve::replay_journal`]) read files a user or a crash may have damaged and are fuzzed (`fuzz/`).
//! The language of the human-facing text ([`i18n`]) is here too, since `serve` speaks it. The
//! subcommands and their argument parsing stay in the binary (`main.rs`).

pub mod i18n;
pub mod serve;
pub mod world;

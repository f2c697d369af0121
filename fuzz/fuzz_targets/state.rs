//! The `copyimage serve --state` readers: the state file (first line: the snapshot JSON) and the journal
//! records after it (one JSON record a line), replayed on the snapshot's engine. A snapshot that does
//! not load still has its journal replayed, on the `minimal` preset, so records are reached either way.
#![no_main]

use copyimage_cli::serve::{engine_from_state, replay_journal};
use copyimage_engine::engine::Engine;
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

fn minimal() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::from_preset("minimal", 1).expect("the minimal preset exists"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut lines = text.split('\n');
    let state = lines.next().unwrap_or("");
    let journal: Vec<String> = lines.map(str::to_string).collect();
    let (mut engine, version) = match engine_from_state(state, Path::new("state.json")) {
        Ok(loaded) => loaded,
        Err(why) => {
            assert!(why.contains("state.json"), "a refusal names the file: {why}");
            (minimal().clone(), 0)
        }
    };
    if let Ok(reached) = replay_journal(&mut engine, version, &journal, Path::new("state.json.journal")) {
        assert!(reached >= version);
    }
});

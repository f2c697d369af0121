//! The transcript reader (`copyimage run`, the web app's export/import): JSON that loads is also run,
//! step by step, since a transcript's steps are hostile input too (huge clock steps, odd edits).
#![no_main]

use copyimage_engine::transcript::{from_json, run};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(t) = from_json(text) {
        let _ = run(&t);
    }
});

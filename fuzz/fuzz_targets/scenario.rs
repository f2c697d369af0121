//! The scenario reader (a world as JSON: `copyimage run --scenario`, the web app's import, inline
//! scenarios of transcripts). A world that loads must write back to JSON that loads as the same world.
#![no_main]

use copyimage_engine::scenario::{from_json, to_json};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(world) = from_json(text) {
        let again = from_json(&to_json(&world)).expect("a loaded world writes back to a loadable one");
        assert_eq!(again, world, "a world does not survive writing it back");
    }
});

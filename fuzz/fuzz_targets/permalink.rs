//! The web app's permalink reader: a URL fragment as someone may paste or craft it, and the imported
//! scenario a link carries (base64url of raw DEFLATE, inflated with a size limit). A link that reads
//! must write back to a fragment that reads as the same link, when its `scenario=` value (if any) is
//! base64url: the writer puts that value in raw, as `encode_scenario` makes it, and the reader keeps any
//! other value only for `decode_scenario` to refuse (so such a link never opens, and is never written).
#![no_main]

use copyimage_playground::permalink::{decode_scenario, from_fragment, to_fragment};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(Some(link)) = from_fragment(text) {
        let base64url = |v: &String| v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !link.scenario.as_ref().is_none_or(base64url) {
            let _ = decode_scenario(link.scenario.as_deref().unwrap_or(""));
            return;
        }
        let again = from_fragment(&to_fragment(&link));
        assert_eq!(again, Ok(Some(link.clone())), "a link does not survive writing it back");
        if let Some(value) = &link.scenario {
            if let Ok(json) = decode_scenario(value) {
                let _ = copyimage_engine::scenario::from_json(&json);
            }
        }
    }
    let _ = decode_scenario(text);
});

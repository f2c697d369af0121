//! The signature debugger's URL reader: a pasted URL, read and then diagnosed (the diagnosis re-signs
//! the request with every encoding mistake the debugger knows, so it walks all of the hostile text).
#![no_main]

use copyimage_engine::clock::UtcTime;
use copyimage_engine::debugger::{diagnose, parse_url};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Some(req) = parse_url(text) {
        assert_eq!(req.method, "GET");
        assert!(!req.host.is_empty());
        let d = diagnose(&req, "testsecret", Some(UtcTime(1_456_231_584)), None);
        let _ = d.report();
    }
});

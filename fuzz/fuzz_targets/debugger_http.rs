//! The signature debugger's raw-HTTP reader: pasted request text (request line, headers, body), read and
//! then diagnosed; the text after the first NUL, if any, is the user's own StringToSign to compare with.
#![no_main]

use copyimage_engine::clock::UtcTime;
use copyimage_engine::debugger::{diagnose, first_difference, parse_raw_http};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (http, user_sts) = match text.split_once('\0') {
        Some((h, s)) => (h, Some(s)),
        None => (text, None),
    };
    if let Some(req) = parse_raw_http(http) {
        let d = diagnose(&req, "testsecret", Some(UtcTime(1_456_231_584)), user_sts);
        let _ = d.report();
    }
    if let Some(s) = user_sts {
        let _ = first_difference(http, s);
    }
});

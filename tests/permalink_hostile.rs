//! Permalinks found by fuzzing (`fuzz/`, target `permalink`): each one once panicked the reader, which in
//! the browser kills the page. They must be refused with a sentence instead.
#![cfg(not(target_arch = "wasm32"))]

use copyimage_playground::permalink::from_fragment;

#[test]
fn a_step_starting_with_a_multibyte_character_is_refused_not_a_panic() {
    // `steps=` tokens were split after their first byte, inside the character `\u{f418}`.
    assert_eq!(
        from_fragment("#v=1&steps=\u{f418}x"),
        Err("the step “\u{f418}x” is not one this version knows".to_string())
    );
    assert_eq!(
        from_fragment("v=1&steps=t60,é"),
        Err("the step “é” is not one this version knows".to_string())
    );
    // The fuzzer's input, whole: two `steps=` parts, NULs, a stray `%`.
    let found = "v=1&preset=dep1h46wfpjsjasDestinationRegionId=cn-shanghai&steps=sAction%\u{5}\u{0}3DCopyImages%26Version%3D2026%26F%&steps=\u{f418}\u{0}\u{0}%26Im\u{0}ag\u{0}2eId%3DtinathonRegionId=m";
    assert!(from_fragment(found).is_err());
}

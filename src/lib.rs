//! The web app's pure modules (no `web-sys`, no Yew) as a library, so host code outside the app can call
//! them: the fuzz targets in `fuzz/` read hostile permalinks through [`permalink::from_fragment`] and
//! [`permalink::decode_scenario`] (cargo feature `scenario-import`). The app's binary (`main.rs`) declares
//! the same files as its own modules; nothing here is linked into the WASM.

pub mod form;
pub mod permalink;

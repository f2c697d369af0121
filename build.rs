//! Links the app's WASM with its relocations (`--emit-relocs`): scripts/split_wasm.py needs them to cut it at
//! its `#[wasm_split]` points. Only the app's binary, only for wasm32: the JavaScript API's WASM and native
//! builds are linked as before, and wasm-bindgen and wasm-opt leave the relocations out of what is shipped.
fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bins=--emit-relocs");
    }
}

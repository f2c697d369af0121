#!/usr/bin/env bash
# Builds the engine's JavaScript API (crates/js, issue "A JavaScript API of the engine") into dist/lib/:
#   copyimage.js    the ES module: wasm-bindgen's loader (--target web) with `init(moduleOrBytes?)` as its
#                   default export and `version` added (scripts/lib_wrap.py)
#   copyimage.wasm  its module, shrunk by wasm-opt (npm binaryen, as the site's)
#   copyimage.d.ts  the hand-written declarations (crates/js/copyimage.d.ts; typed options and results)
# Not part of the playground's first load: only pages that import it fetch it (scripts/report.sh lists it
# apart). Shares target/ and the engine's compiled dependencies with the other builds.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
out="$DIST/lib"
tmp="$ROOT/target/jslib"
log "cargo build -p copyimage-js (wasm32, release) -> $out"
cargo build --release --locked --target wasm32-unknown-unknown -p copyimage-js
rm -rf "$tmp" "$out"
mkdir -p "$tmp" "$out"
wasm-bindgen --target web --no-typescript --out-dir "$tmp" --out-name copyimage \
    "$ROOT/target/wasm32-unknown-unknown/release/copyimage_js.wasm"
python3 scripts/lib_wrap.py "$tmp/copyimage.js" "$out/copyimage.js"
wasm-opt -Oz --strip-producers --strip-target-features --enable-bulk-memory --enable-nontrapping-float-to-int \
    "$tmp/copyimage_bg.wasm" -o "$out/copyimage.wasm"
cp crates/js/copyimage.d.ts "$out/copyimage.d.ts"

#!/usr/bin/env bash
# Builds the release site into dist/ with Trunk (and the full build with the debugger view into dist/full/),
# then minifies the JS glue Trunk leaves unminified (scripts/minify_js.py, terser) and pins each page's
# Content-Security-Policy (scripts/csp.py).
# Expects the tools from scripts/setup.sh. Trunk never downloads anything here (Trunk.toml: offline = true).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
export TRUNK_SKIP_VERSION_CHECK=true
# What Trunk's cargo build leaves, which scripts/split_wasm.py splits (it has the relocations it needs).
CARGO_WASM="${CARGO_TARGET_DIR:-$ROOT/target}/wasm32-unknown-unknown/release/copyimage-playground.wasm"
log "trunk build --release"
trunk build --release --locked
# Split the WASM at its #[wasm_split] points (the panes drawn after the first paint come in a second file),
# before the full build below overwrites cargo's output.
python3 scripts/split_wasm.py "$DIST" "$CARGO_WASM"
python3 scripts/minify_js.py "$DIST/index.html"
python3 scripts/csp.py "$DIST/index.html"
# The full build: the same app with the signature-debugger view and scenario import (cargo feature `full`, about 56 KB
# gzip more), in dist/full/. The playground's first load never fetches it; `./?view=debugger` sends the
# browser there. Built second, because Trunk empties its --dist directory first.
log "trunk build --release --features full --dist $DIST/full"
trunk build --release --locked --features full --dist "$DIST/full"
python3 scripts/split_wasm.py "$DIST/full" "$CARGO_WASM"
python3 scripts/minify_js.py "$DIST/full/index.html"
python3 scripts/csp.py "$DIST/full/index.html"
# The engine's JavaScript API for docs pages (dist/lib/: copyimage.js, .wasm, .d.ts; not part of the first load).
# After Trunk's builds, which empty dist/ first.
"$ROOT/scripts/build-lib.sh"
# The service worker (www/sw.js with this build's version and file list): after a first visit the site opens
# offline. Last, because it lists and hashes every built file.
python3 scripts/sw.py "$DIST"

#!/usr/bin/env bash
# wasm-bindgen-test in headless Chromium: `cargo test --target wasm32-unknown-unknown` for the root package
# (tests/web.rs, and any #[wasm_bindgen_test] a later change adds under src/).
# wasm-bindgen-test-runner starts chromedriver itself; it already passes headless and --no-sandbox (needed as
# root); the webdriver.json written here adds our binary and the quiet flags (no network calls home).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
cfg="$ROOT/target/webdriver.json"
mkdir -p "$ROOT/target"
cat >"$cfg" <<JSON
{
  "goog:chromeOptions": {
    "binary": "$CHROMIUM",
    "args": ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
  }
}
JSON
export WASM_BINDGEN_TEST_WEBDRIVER_JSON="$cfg"
export CHROMEDRIVER="$CHROMEDRIVER_BIN"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"
exec cargo test --target wasm32-unknown-unknown -p copyimage-playground "$@"

#!/usr/bin/env bash
# Installs what is missing, at exact versions, and does nothing else when everything is already there.
#   scripts/setup.sh          what `make serve` needs: wasm32 target, wasm-bindgen-cli (= Cargo.lock), Trunk,
#                             wasm-split-cli, npm binaryen (wasm-opt)
#   scripts/setup.sh --test   also what `make test` needs: clippy, rustfmt, Chromium + chromedriver (apt),
#                             the e2e npm packages (from tests/e2e/package-lock.json)
# Needs beforehand: a Rust toolchain via rustup, Node.js >= 20 with npm, python3, and (for --test) apt-get.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs) first"
command -v rustup >/dev/null || die "rustup not found: the wasm32 target is installed with rustup"
command -v python3 >/dev/null || die "python3 not found (the static server and the CSP step use it)"
command -v node >/dev/null && command -v npm >/dev/null || die "node and npm not found: install Node.js >= 20"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || die "Node.js >= 20 is needed (found $(node --version))"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
fi
if [ "$want_test" = 1 ]; then
    for c in clippy rustfmt; do
        if ! rustup component list --installed | grep -q "^$c"; then
            log "rustup component add $c"
            rustup component add "$c"
        fi
    done
fi

# wasm-bindgen-cli must match the wasm-bindgen crate exactly, or the generated JS glue will not fit.
wb_version="$(lock_version wasm-bindgen)"
[ -n "$wb_version" ] || die "wasm-bindgen not found in Cargo.lock"
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $wb_version" ]; then
    log "cargo install wasm-bindgen-cli --version $wb_version (a few minutes, once)"
    # Not --locked: the CLI's own lockfile pins a yanked crate.
    cargo install wasm-bindgen-cli --version "$wb_version" --force
fi
if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
    log "cargo install trunk --version $TRUNK_VERSION --locked (about five minutes, once)"
    cargo install trunk --version "$TRUNK_VERSION" --locked --force
fi
# The CLI has no --version: cargo's own record of installed packages says which one is there.
if ! command -v wasm-split-cli >/dev/null ||
    ! grep -q "^\"wasm_split_cli_support $WASM_SPLIT_VERSION " "${CARGO_HOME:-$HOME/.cargo}/.crates.toml" 2>/dev/null; then
    log "cargo install wasm_split_cli_support --version $WASM_SPLIT_VERSION --locked (a minute or two, once)"
    cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked --force
fi
if ! grep -q "wasm_bindgen = \"$wb_version\"" "$ROOT/Trunk.toml"; then
    die "Trunk.toml [tools] wasm_bindgen must be \"$wb_version\" (Cargo.lock's wasm-bindgen)"
fi

# npm binaryen for wasm-opt and terser for the JS glue (scripts/minify_js.py), from the committed lockfile;
# skipped when the right versions are there.
if [ "$(wasm-opt --version 2>/dev/null || true)" != "wasm-opt version $BINARYEN_VERSION (version_$BINARYEN_VERSION)" ] ||
    [ "$(command -v wasm-opt)" != "$ROOT/scripts/tools/node_modules/.bin/wasm-opt" ] ||
    [ "$("$ROOT/scripts/tools/node_modules/.bin/terser" --version 2>/dev/null || true)" != "terser $TERSER_VERSION" ]; then
    log "npm ci (scripts/tools: binaryen@$BINARYEN_VERSION, terser@$TERSER_VERSION)"
    (cd "$ROOT/scripts/tools" && npm ci --no-audit --no-fund --loglevel=error)
fi

if [ "$want_test" = 1 ]; then
    pkgs=()
    [ -x "$CHROMIUM" ] && [ -x "$CHROMEDRIVER_BIN" ] || pkgs+=(chromium chromium-driver)
    # A CJK font (7 MB), so screenshots show the regions' Chinese names instead of empty boxes.
    command -v fc-list >/dev/null && [ -n "$(fc-list :lang=zh 2>/dev/null)" ] || pkgs+=(fonts-wqy-zenhei)
    if [ "${#pkgs[@]}" -gt 0 ]; then
        command -v apt-get >/dev/null || die "missing ${pkgs[*]} and apt-get is not available"
        log "apt-get install ${pkgs[*]}"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}"
    fi
    # Playwright drives this Chromium; it must never download its own browsers.
    export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
    want_pw="$(node -p 'require(process.argv[1]).packages["node_modules/@playwright/test"].version' \
        "$ROOT/tests/e2e/package-lock.json")"
    have_pw="$(node -p 'require(process.argv[1]).version' \
        "$ROOT/tests/e2e/node_modules/@playwright/test/package.json" 2>/dev/null || true)"
    # Reinstalled when the lockfile changed too (a new test package such as axe-core), not only Playwright.
    want_lock="$(sha256sum "$ROOT/tests/e2e/package-lock.json" | cut -d' ' -f1)"
    have_lock="$(cat "$ROOT/tests/e2e/node_modules/.lock-sha256" 2>/dev/null || true)"
    if [ "$want_pw" != "$have_pw" ] || [ "$want_lock" != "$have_lock" ]; then
        log "npm ci (tests/e2e: @playwright/test@$want_pw and the rest of the lockfile)"
        (cd "$ROOT/tests/e2e" && npm ci --no-audit --no-fund --loglevel=error)
        echo "$want_lock" >"$ROOT/tests/e2e/node_modules/.lock-sha256"
    fi
    # The official Python and TypeScript SDKs that run the generated snippets (crates/engine/tests/sign_snippets.rs).
    "$ROOT/scripts/sign/setup_sdks.sh"
fi
log "setup: tools ready (wasm-bindgen $wb_version, trunk $TRUNK_VERSION, wasm-opt $BINARYEN_VERSION$(
    [ "$want_test" = 1 ] && printf ', %s, playwright %s' "$("$CHROMIUM" --version 2>/dev/null | awk '{print $1" "$2}')" "$want_pw"))"

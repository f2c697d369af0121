# Shared by the scripts in scripts/ (source it; do not run it). Sets the repo paths, the tool versions and PATH.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT

# Exact tool versions. WASM_BINDGEN_VERSION must equal Cargo.lock's wasm-bindgen (checked by setup.sh).
TRUNK_VERSION="0.21.14"
# wasm-split-cli, from the crate wasm_split_cli_support (scripts/split_wasm.py); its runtime half,
# wasm_split_helpers, is in Cargo.lock.
WASM_SPLIT_VERSION="0.2.4"
BINARYEN_VERSION="132"
TERSER_VERSION="5.51.4"

# Tools we install come first: npm binaryen's wasm-opt (Debian's 108 cannot read current wasm-bindgen output),
# then cargo's bin dir (trunk, wasm-bindgen), then the system.
export PATH="$ROOT/scripts/tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# Chromium as Debian installs it; overridable for other distributions.
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export CHROMEDRIVER_BIN="${CHROMEDRIVER_BIN:-/usr/bin/chromedriver}"

DIST="$ROOT/dist"
export DIST

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# The wasm-bindgen version Cargo.lock resolved (the CLI must match it exactly).
lock_version() {
    awk -v name="$1" '$1 == "name" && $3 == "\"" name "\"" { getline; gsub(/"/, "", $3); print $3; exit }' \
        "$ROOT/Cargo.lock"
}

# Runs "$@" as root (directly, or via sudo when available) — for apt-get only.
as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        die "need root to run: $*"; fi
}

# Starts the static server for DIR on a free loopback port in the background. Sets SERVER_PID and BASE_URL.
# Extra args go to static_server.py (e.g. --mount /sub/path/). Stop it with stop_server.
start_server() {
    local dir="$1"; shift
    local portfile
    portfile="$(mktemp)"
    rm -f "$portfile"
    python3 "$ROOT/scripts/static_server.py" "$dir" --port 0 --port-file "$portfile" "$@" >/dev/null &
    SERVER_PID=$!
    local i
    for i in $(seq 1 100); do
        [ -s "$portfile" ] && break
        kill -0 "$SERVER_PID" 2>/dev/null || die "static server exited early"
        sleep 0.1
    done
    [ -s "$portfile" ] || die "static server did not start"
    BASE_URL="http://127.0.0.1:$(cat "$portfile")/"
    rm -f "$portfile"
    export BASE_URL SERVER_PID
}

stop_server() {
    if [ -n "${SERVER_PID:-}" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=""
        unset BASE_URL
    fi
}

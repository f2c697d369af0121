#!/usr/bin/env bash
# Official SDKs against `copyimage serve` on loopback:
#   * Python: aliyun-python-sdk-core + aliyun-python-sdk-ecs (V1), alibabacloud_ecs20140526 (V3, and V1 with
#     signature_algorithm='v2') — tests/sdk/sdk_python_test.py, packages pinned in tests/sdk/requirements.txt;
#   * npm: @alicloud/ecs20140526 (V3 and V1) — tests/sdk/sdk_npm_test.js, from the committed package-lock.json;
#   * the Python and TypeScript snippets the engine's generator writes, pointed at `copyimage serve`
#     (crates/cli/tests/snippets_serve.rs, run here with the SDKs above).
# Env (from scripts/test.sh; all optional when run by hand): ROOT, COPYIMAGE_BIN, SUITE_TMP.
# Stops the server it starts (by PID) on any exit.
set -euo pipefail

ROOT="${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}"
SDK="$ROOT/tests/sdk"
if [ -z "${COPYIMAGE_BIN:-}" ]; then
    (cd "$ROOT" && cargo build -q -p copyimage-cli)
    COPYIMAGE_BIN="$ROOT/target/debug/copyimage"
fi
OWN_TMP=""
if [ -z "${SUITE_TMP:-}" ]; then SUITE_TMP="$(mktemp -d)"; OWN_TMP=1; fi

SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    if [ -n "$OWN_TMP" ]; then rm -rf "$SUITE_TMP"; fi
}
trap cleanup EXIT

say() { printf '==> %s\n' "$*" >&2; }

# --- clients -------------------------------------------------------------------------------------------------
# The venv and node_modules are reused when their pins have not changed (a stamp holds the pin file's hash).
stamp_ok() { [ -f "$1" ] && [ "$(cat "$1")" = "$(sha256sum "$2" | cut -d' ' -f1)" ]; }
if ! stamp_ok "$SDK/.venv/.stamp" "$SDK/requirements.txt"; then
    say "python venv: installing tests/sdk/requirements.txt"
    python3 -m venv "$SDK/.venv"
    "$SDK/.venv/bin/pip" install -q --disable-pip-version-check -r "$SDK/requirements.txt"
    sha256sum "$SDK/requirements.txt" | cut -d' ' -f1 > "$SDK/.venv/.stamp"
fi
if ! stamp_ok "$SDK/node_modules/.stamp" "$SDK/package-lock.json"; then
    say "npm: npm ci in tests/sdk"
    (cd "$SDK" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
    sha256sum "$SDK/package-lock.json" | cut -d' ' -f1 > "$SDK/node_modules/.stamp"
fi

# --- server ----------------------------------------------------------------------------------------------------
# Speed 0: the world clock stands still, so "the copy is in progress" holds however slow the machine is.
"$COPYIMAGE_BIN" serve --address 127.0.0.1:0 --speed 0 >"$SUITE_TMP/banner" 2>"$SUITE_TMP/serve.err" &
SERVER_PID=$!
for _ in $(seq 1 100); do
    [ -s "$SUITE_TMP/banner" ] && grep -q '^access-key ' "$SUITE_TMP/banner" && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$SUITE_TMP/serve.err" >&2; exit 1; }
    sleep 0.1
done
URL="$(head -n1 "$SUITE_TMP/banner")"
read -r _ AK_ID AK_SECRET < <(grep -m1 '^access-key ' "$SUITE_TMP/banner")
export COPYIMAGE_ENDPOINT="${URL#http://}" COPYIMAGE_AK_ID="$AK_ID" COPYIMAGE_AK_SECRET="$AK_SECRET"
# An Available image of the account in cn-hangzhou in the default preset ("app-v2").
export COPYIMAGE_SOURCE_IMAGE="${COPYIMAGE_SOURCE_IMAGE:-m-bp1fq2h3gbxtc5dm9k1a}"
say "copyimage serve on $URL (pid $SERVER_PID), key $AK_ID"

rc=0
say "python SDKs"
"$SDK/.venv/bin/python" "$SDK/sdk_python_test.py" || rc=1
say "npm SDK"
node "$SDK/sdk_npm_test.js" || rc=1
say "generated Python and TypeScript snippets"
(cd "$ROOT" && COPYIMAGE_SDK_DIR="$SDK" COPYIMAGE_REQUIRE_SDKS=1 \
    cargo test -q --locked -p copyimage-cli --test snippets_serve) || rc=1
if [ "$rc" != 0 ]; then
    say "server log:"; tail -n 50 "$SUITE_TMP/serve.err" >&2
fi
exit "$rc"

#!/usr/bin/env bash
# The engine's JavaScript API (dist/lib/, built by scripts/build.sh):
#   * Node: tests/js/api.test.mjs calls every export and compares with the `copyimage` CLI ($COPYIMAGE_BIN);
#     the same script runs in headless Chromium from tests/e2e/jsapi.spec.ts;
#   * types: `tsc --noEmit` on tests/js/sample.ts (every export) against crates/js/copyimage.d.ts.
# Env (from scripts/test.sh; optional by hand): ROOT, DIST, COPYIMAGE_BIN. Starts no process that outlives it.
set -euo pipefail
ROOT="${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}"
export DIST="${DIST:-$ROOT/dist}"
[ -f "$DIST/lib/copyimage.js" ] || { echo "no $DIST/lib/copyimage.js: run scripts/build.sh (or scripts/build-lib.sh)" >&2; exit 1; }
# The shipped declarations are the checked ones.
cmp "$ROOT/crates/js/copyimage.d.ts" "$DIST/lib/copyimage.d.ts"
echo "==> node tests/js/api.test.mjs ($(node --version))" >&2
node "$ROOT/tests/js/api.test.mjs"
echo "==> tsc --noEmit -p tests/js" >&2
"$ROOT/tests/e2e/node_modules/.bin/tsc" -p "$ROOT/tests/js"
echo "tsc: tests/js/sample.ts type-checks against copyimage.d.ts"

#!/usr/bin/env bash
# Playwright e2e tests (every tests/e2e/*.spec.*) against the built site in dist/ served on loopback.
# Uses $BASE_URL when set (test.sh passes its server, which also mounts the site at sub/dir/); otherwise
# starts its own static server (with the sub-path mount) and stops it by PID afterwards.
# Extra arguments go to `playwright test` (e.g. a spec file or -g "pattern").
set -euo pipefail
source "$(dirname "$0")/lib.sh"
[ -f "$DIST/index.html" ] || die "no built site in dist/ (run scripts/build.sh or make build)"
if [ -z "${BASE_URL:-}" ]; then
    trap stop_server EXIT
    start_server "$DIST" --mount /sub/dir/
fi
cd "$ROOT/tests/e2e"
E2E_BASE_URL="$BASE_URL" E2E_SUBPATH_URL="${BASE_URL}sub/dir/" npx --no-install playwright test "$@"

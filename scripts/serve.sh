#!/usr/bin/env bash
# `make serve`: install what is missing, build the release site, serve dist/ on http://127.0.0.1:$PORT/
# (default 8080) until Ctrl-C. No autoreload: this is the site exactly as a static host would serve it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
PORT="${PORT:-8080}"
"$ROOT/scripts/setup.sh"
"$ROOT/scripts/build.sh"
log "CopyImage Playground: http://127.0.0.1:$PORT/  (Ctrl-C stops)"
# The site keeps an offline copy (service worker): a rebuild shows on the second reload, not the first.
log "After a rebuild: Shift+Reload (or reload twice) to see it; the browser keeps an offline copy of the last one."
exec python3 "$ROOT/scripts/static_server.py" "$DIST" --port "$PORT" --bind 127.0.0.1

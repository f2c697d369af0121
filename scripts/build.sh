#!/usr/bin/env bash
# Builds the release site into dist/ with Trunk, then pins its Content-Security-Policy (scripts/csp.py).
# Expects the tools from scripts/setup.sh. Trunk never downloads anything here (Trunk.toml: offline = true).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
export TRUNK_SKIP_VERSION_CHECK=true
log "trunk build --release"
trunk build --release --locked
python3 scripts/csp.py "$DIST/index.html"

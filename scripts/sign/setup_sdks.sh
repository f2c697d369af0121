#!/usr/bin/env bash
# Installs the official Python and TypeScript SDKs (pinned) under target/sign-sdk/, where the snippet tests
# (crates/engine/tests/sign_snippets.rs) and scripts/sign/compare_python.py look for them.
# Needs python3 (with venv) and npm; both reach only the package registries. Idempotent.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dest="$root/target/sign-sdk"
mkdir -p "$dest/node"
if [ ! -x "$dest/venv/bin/python" ] || ! "$dest/venv/bin/python" -c 'import alibabacloud_ecs20140526, aliyunsdkcore' 2>/dev/null; then
  python3 -m venv "$dest/venv"
  "$dest/venv/bin/pip" install -q -r "$here/requirements.txt"
fi
if [ ! -x "$dest/node/node_modules/.bin/tsc" ] || [ ! -d "$dest/node/node_modules/@alicloud/ecs20140526" ]; then
  cp "$here/package.json" "$here/package-lock.json" "$dest/node/"
  (cd "$dest/node" && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "SDKs ready under $dest"

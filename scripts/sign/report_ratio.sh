#!/usr/bin/env bash
# The report's signer line: `copyimage sign --batch` (whole process) against the official Python util's
# `get_rpcsignature` loop alone, over the same CopyImage requests (scripts/sign/batch_ratio.py). 100,000 lines
# by default, the count the goal is stated for: with 20,000 the process start weighed enough to put the ratio
# at the goal's edge from run to run (19.0x-19.9x against 20.5x at 100,000); it costs the report about 20 s.
# SIGN_RATIO_LINES sets another count. Skipped, with a line saying so, when the Python packages are not
# installed (scripts/sign/setup_sdks.sh installs them).
# Uses $COPYIMAGE_BIN when set (scripts/test.sh builds it); otherwise builds the release binary first.
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
cd "$ROOT"

python="$ROOT/target/sign-sdk/venv/bin/python"
if [ ! -x "$python" ] || ! "$python" -c 'import alibabacloud_openapi_util' 2>/dev/null; then
    echo "  skipped: the official Python packages are not installed (scripts/sign/setup_sdks.sh)"
    exit 0
fi
bin="${COPYIMAGE_BIN:-}"
if [ -z "$bin" ]; then
    cargo build --release -p copyimage-cli --locked -q
    bin="$ROOT/target/release/copyimage"
fi
"$python" "$ROOT/scripts/sign/batch_ratio.py" --lines "${SIGN_RATIO_LINES:-100000}" --rounds "${SIGN_RATIO_ROUNDS:-3}" \
    --bin "$bin"

#!/usr/bin/env bash
# `make test` (and CI's .ci/run): install what is missing, then run every check in order, counting each
# step's pass/fail. A failing step does not stop later ones (one run shows everything that is wrong); the
# exit status is 1 if any step failed. Ends with a summary table and a `N passed, N failed` line.
#
# Suites: every executable tests/suites/*.sh runs (in name order) after the release build, each as its own
# step, with these environment variables:
#   ROOT           the repository root            DIST           the built site (dist/, CSP pinned)
#   BASE_URL       the site served on loopback (ends with "/"), e.g. http://127.0.0.1:41234/
#   COPYIMAGE_BIN  the release `copyimage` binary  SUITE_TMP      a fresh empty directory for the suite
#   CHROMIUM       the Chromium binary            PATH           includes wasm-opt, trunk, wasm-bindgen
# A suite exits non-zero on failure; it must stop every process it starts.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

LOGDIR="$ROOT/target/test-logs"
mkdir -p "$LOGDIR"
names=()
results=()
secs=()
failed=0
passed=0
t0=$(date +%s)

# step NAME CMD...: runs CMD, output shown live and kept in target/test-logs/NAME.log.
step() {
    local name="$1"; shift
    local start rc
    start=$(date +%s)
    log "[$name] $*"
    "$@" 2>&1 | tee "$LOGDIR/${name//[^A-Za-z0-9_.-]/_}.log"
    rc=${PIPESTATUS[0]}
    names+=("$name")
    secs+=($(($(date +%s) - start)))
    if [ "$rc" = 0 ]; then results+=(PASS); passed=$((passed + 1)); else
        results+=("FAIL ($rc)"); failed=$((failed + 1)); fi
}

cleanup() { stop_server; }
trap cleanup EXIT
trap 'exit 130' INT TERM

step setup scripts/setup.sh --test
step fmt cargo fmt --all --check
step clippy cargo clippy --workspace --all-targets --locked -- -D warnings
# tests/web.rs and any wasm-only code are compiled for wasm32 only: lint them there too.
step clippy-wasm cargo clippy --target wasm32-unknown-unknown -p copyimage-playground --all-targets --locked -- -D warnings
# The full build (dist/full/: debugger view, scenario import) compiles code the lean build leaves out.
step clippy-wasm-full cargo clippy --target wasm32-unknown-unknown -p copyimage-playground --features full --locked -- -D warnings
step cargo-test cargo test --workspace --locked
step wasm-test scripts/wasm-test.sh --locked
# Benchmarks must compile in CI; they run in `make bench` (the report's numbers), not here.
bench_build() {
    # Only the bench targets: plain `cargo bench --no-run` would also build every lib and bin as a benchmark.
    local n
    n="$(cargo metadata --no-deps --format-version 1 --locked | python3 -c \
        'import json,sys; print(sum(k == "bench" for p in json.load(sys.stdin)["packages"] for t in p["targets"] for k in t["kind"]))')"
    if [ "$n" = 0 ]; then echo "no bench targets in the workspace yet"; return 0; fi
    # Compiling is all CI checks, so skip the optimiser (the bench profile's opt-level 3 + LTO took over
    # five minutes on two cores); `make bench` builds them with the real profile.
    CARGO_PROFILE_BENCH_OPT_LEVEL=0 CARGO_PROFILE_BENCH_LTO=false CARGO_PROFILE_BENCH_DEBUG=false \
        cargo bench --workspace --no-run --locked --bench '*'
}
step bench-build bench_build
step trunk-build scripts/build.sh

suites=()
for s in tests/suites/*.sh; do [ -x "$s" ] && suites+=("$s"); done
if [ -f "$DIST/index.html" ]; then
    start_server "$DIST" --mount /sub/dir/
    log "site served on $BASE_URL (pid $SERVER_PID)"
fi
if [ "${#suites[@]}" -gt 0 ]; then
    step cli-release-build cargo build --release -p copyimage-cli --locked
    export COPYIMAGE_BIN="$ROOT/target/release/copyimage" DIST ROOT
    for s in "${suites[@]}"; do
        SUITE_TMP="$(mktemp -d)"
        export SUITE_TMP
        step "suite:$(basename "$s" .sh)" "$s"
        rm -rf "$SUITE_TMP"
    done
fi

step e2e scripts/e2e.sh
step report scripts/report.sh
stop_server

total=$(($(date +%s) - t0))
echo
echo "Summary ($((total / 60))m$((total % 60))s; logs in target/test-logs/)"
for i in "${!names[@]}"; do
    printf '  %-28s %-10s %5ss\n' "${names[$i]}" "${results[$i]}" "${secs[$i]}"
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]

#!/usr/bin/env bash
# `make report`: the size and speed report of the built site (dist/).
#   size: bytes of every file of the first load, raw and gzip -9, and the total; fails if the gzip total exceeds
#         the hard cap. dist/teach/ (separate static pages), dist/full/ (the debugger + import build), the
#         split WASM files (split_later: the panes drawn after the first paint, fetched once it is on screen;
#         split_lessons, split_embed: only their view fetches them; chunk_*: code these share)
#         and dist/sw.js (the offline copy's service worker, registered after the app started) are listed apart
#         and not counted;
#         an ALL FILES line gives the whole site.
#   speed: median time to first render over 7 fresh page loads in headless Chromium, read inside the page
#          (window.__firstRender, set by src/main.rs once Yew's first render pass has put the app's DOM in
#          place), plus every extra measure
#          in tests/e2e/measures/*.mjs (see tests/e2e/tools/measure.mjs for the format).
#   endpoint: `copyimage serve` under load on loopback (crates/cli/examples/serve_bench.rs): $ENDPOINT_REQUESTS
#          (default 20000) signed DescribeRegions over 20 keep-alive clients, in memory and with --state,
#          throughput per tenth of the run (flat when the last tenth is within 20% of the first); moto's
#          server beside it when `moto_server` is on PATH or $MOTO_SERVER names it (optional; skipped when CI=true).
#   signer: `copyimage sign --batch` against the official Python util (scripts/sign/report_ratio.sh; skipped
#           with a line saying so when the Python packages are absent).
#   mutants: the mutation-testing summary `make mutants` recorded in docs/mutants.md (never run here: too slow).
# Options: --record "note"  append today's numbers as a row of docs/report-history.md.
# Uses $BASE_URL when set (test.sh passes its server); otherwise serves dist/ itself on a free port.
# Budgets (design.md): goal <= 160 KB gzip and <= 150 ms first render; hard cap 250 KB gzip (1 KB = 1024 B).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

GOAL_BYTES=$((160 * 1024))
CAP_BYTES=$((250 * 1024))
RENDER_GOAL_MS=150
RUNS="${REPORT_RUNS:-7}"
record=""
[ "${1:-}" = "--record" ] && record="${2:-}"

[ -f "$DIST/index.html" ] || die "no built site in dist/ (run scripts/build.sh or make build)"

echo
echo "== Size of dist/ (gzip -9) =="
printf '  %-48s %10s %10s\n' file raw gzip
raw_total=0
gz_total=0
while IFS= read -r f; do
    raw=$(wc -c <"$f")
    gz=$(gzip -9 -n -c "$f" | wc -c)
    raw_total=$((raw_total + raw))
    gz_total=$((gz_total + gz))
    printf '  %-48s %10d %10d\n' "${f#"$DIST"/}" "$raw" "$gz"
done < <(find "$DIST" -type f -not -path "$DIST/teach/*" -not -path "$DIST/full/*" -not -path "$DIST/lib/*" \
    -not -path "$DIST/i18n/*" -not -path "$DIST/sw.js" -not -name 'split_*.wasm' -not -name 'chunk_*.wasm' | LC_ALL=C sort)
printf '  %-48s %10d %10d\n' TOTAL "$raw_total" "$gz_total"
# dist/teach/ (separate static pages: the error catalog, the embed snippet generator) and dist/full/ (the app
# with the signature-debugger view) are never fetched by the playground's first load: listed apart, not part of
# the first-load budget; the ALL FILES line still gives the whole site.
site_raw=$raw_total
site_gz=$gz_total
# Lists the files named on stdin apart from the first load, each with SUFFIX, adding them to the whole site.
list_apart() {
    local f raw gz
    while IFS= read -r f; do
        raw=$(wc -c <"$f")
        gz=$(gzip -9 -n -c "$f" | wc -c)
        site_raw=$((site_raw + raw))
        site_gz=$((site_gz + gz))
        printf '  %-48s %10d %10d\n' "${f#"$DIST"/}$1" "$raw" "$gz"
    done
}
echo "  separate pages, not loaded by the playground's first screen (not counted above):"
if [ -d "$DIST/teach" ]; then
    list_apart "" < <(find "$DIST/teach" -type f | LC_ALL=C sort)
fi
# The WASM files split off the first one (scripts/split_wasm.py), not part of the playground's first load: the
# code of the panes drawn after the first paint (fetched once the first render is on screen), the code the
# split points share (chunk_*), and the lessons panel's and the embed view's, which only their own view fetches
# (before its first render).
list_apart " (after the first render)" < <(find "$DIST" -maxdepth 1 -type f -name 'split_later-*.wasm' | LC_ALL=C sort)
list_apart " (shared by the split files)" < <(find "$DIST" -maxdepth 1 -type f -name 'chunk_*.wasm' | LC_ALL=C sort)
list_apart " (lessons view only)" < <(find "$DIST" -maxdepth 1 -type f -name 'split_lessons-*.wasm' | LC_ALL=C sort)
list_apart " (embed view only)" < <(find "$DIST" -maxdepth 1 -type f -name 'split_embed-*.wasm' | LC_ALL=C sort)
# dist/i18n/: the Chinese strings, fetched before the first render only when the page is in Chinese; the
# English first load never loads them.
if [ -d "$DIST/i18n" ]; then
    list_apart " (Chinese only)" < <(find "$DIST/i18n" -type f | LC_ALL=C sort)
fi
# The service worker: registered once the app has started, then it downloads the whole site for offline use.
if [ -f "$DIST/sw.js" ]; then
    raw=$(wc -c <"$DIST/sw.js")
    gz=$(gzip -9 -n -c "$DIST/sw.js" | wc -c)
    site_raw=$((site_raw + raw))
    site_gz=$((site_gz + gz))
    printf '  %-48s %10d %10d\n' "sw.js (offline copy, fetched after the start)" "$raw" "$gz"
fi
if [ -d "$DIST/full" ]; then
    full_raw=0
    full_gz=0
    while IFS= read -r f; do
        full_raw=$((full_raw + $(wc -c <"$f")))
        full_gz=$((full_gz + $(gzip -9 -n -c "$f" | wc -c)))
    done < <(find "$DIST/full" -type f | LC_ALL=C sort)
    printf '  %-48s %10d %10d\n' "full/ (debugger + import build, every file)" "$full_raw" "$full_gz"
    site_raw=$((site_raw + full_raw))
    site_gz=$((site_gz + full_gz))
fi
# dist/lib/: the engine's JavaScript API, fetched only by docs pages that import it.
if [ -d "$DIST/lib" ]; then
    list_apart " (JavaScript API)" < <(find "$DIST/lib" -type f -name 'copyimage.*' -not -name '*.d.ts' | LC_ALL=C sort)
fi
printf '  %-48s %10d %10d\n' "ALL FILES (first load + separate pages)" "$site_raw" "$site_gz"
kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1024 }'; }
size_verdict="within goal"
[ "$gz_total" -gt "$GOAL_BYTES" ] && size_verdict="OVER the 160 KB goal"
printf '  total gzip %s: %s (goal <= 160 KB, hard cap 250 KB)\n' "$(kb "$gz_total")" "$size_verdict"

echo
echo "== Speed (headless Chromium, $RUNS fresh page loads, median) =="
own_server=0
if [ -z "${BASE_URL:-}" ]; then
    start_server "$DIST"
    own_server=1
fi
measures_json="$ROOT/target/report-measures.json"
speed_rc=0
(cd "$ROOT/tests/e2e" && E2E_BASE_URL="$BASE_URL" node tools/measure.mjs --runs "$RUNS" --json "$measures_json") ||
    speed_rc=$?
[ "$own_server" = 1 ] && stop_server

echo
endpoint_requests="${ENDPOINT_REQUESTS:-20000}"
echo "== Local endpoint (copyimage serve, $endpoint_requests signed requests, 20 keep-alive clients, loopback) =="
endpoint_rc=0
endpoint_summary=""
if cargo build --release --locked -q -p copyimage-cli --bin copyimage --example serve_bench; then
    for mode in memory state; do
        flag=()
        [ "$mode" = state ] && flag=(--state)
        out="$(timeout 120 "$ROOT/target/release/examples/serve_bench" --requests "$endpoint_requests" --clients 20 \
            "${flag[@]}" 2>&1)" || endpoint_rc=1
        echo "$out" | sed 's/^/  /'
        ratio="$(echo "$out" | sed -n 's/.*last tenth \/ first tenth: //p')"
        overall="$(echo "$out" | sed -n 's/.*s, \([0-9]*\) req\/s overall/\1/p')"
        target=10000
        [ "$mode" = state ] && target=3000
        verdict="$(awk -v r="${ratio:-0}" -v o="${overall:-0}" -v t="$target" 'BEGIN {
            shape = r < 0.8 ? "NOT flat (slows down)" : r <= 1.2 ? "flat" : "no slowdown (the first tenth is slower: warm-up)"
            printf "%s, %s", shape, (o >= t ? "meets " t " req/s" : "BELOW " t " req/s") }')"
        echo "  -> $mode: ${overall:-?} req/s overall, last/first tenth ${ratio:-?}: $verdict"
        endpoint_summary="$endpoint_summary $mode ${overall:-?} req/s (last/first ${ratio:-?});"
    done
    # moto's server (the AWS mock) under the same load, when installed (optional; not in CI): fewer requests,
    # it answers about a hundred a second.
    moto="${MOTO_SERVER:-$(command -v moto_server || true)}"
    if [ "${CI:-}" = true ]; then
        echo "  moto_server: not run in CI (optional; make report runs it when installed)"
    elif [ -n "$moto" ] && [ -x "$moto" ]; then
        moto_port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
        "$moto" -H 127.0.0.1 -p "$moto_port" >/dev/null 2>&1 &
        moto_pid=$!
        for _ in $(seq 1 50); do
            curl -s -o /dev/null "http://127.0.0.1:$moto_port/" && break
            sleep 0.2
        done
        timeout 120 "$ROOT/target/release/examples/serve_bench" --moto "http://127.0.0.1:$moto_port" \
            --requests "${MOTO_REQUESTS:-2000}" --clients 20 2>&1 | sed 's/^/  /' || echo "  (moto run failed)"
        kill "$moto_pid" 2>/dev/null || true
        wait "$moto_pid" 2>/dev/null || true
    else
        echo "  moto_server not installed: no side-by-side run (optional: pip install 'moto[server]')"
    fi
else
    endpoint_rc=1
fi

first_render="$(node -p 'const m = require(process.argv[1]).find(x => x.name === "first render"); m ? m.median.toFixed(1) : "n/a"' \
    "$measures_json" 2>/dev/null || echo n/a)"

echo
echo "== Signer (copyimage sign --batch, whole process, vs the official Python util's signing loop) =="
sign_rc=0
signer_out="$("$ROOT/scripts/sign/report_ratio.sh")" || sign_rc=$?
printf '%s\n' "$signer_out"
signer_line="$(printf '%s\n' "$signer_out" | grep '^signer:' || echo 'signer: skipped')"

echo
echo "== Mutation testing (recorded by make mutants in docs/mutants.md; not run here) =="
mutants_line="$(grep -m1 '^mutants:' "$ROOT/docs/mutants.md" 2>/dev/null || echo 'mutants: not recorded (run make mutants)')"
echo "$mutants_line"
echo "== Fuzzing (the last make fuzz, from docs/fuzz.md; the report does not fuzz) =="
if [ -f "$ROOT/docs/fuzz.md" ]; then grep '^|' "$ROOT/docs/fuzz.md" | sed 's/^/  /'; else echo "  no results yet (make fuzz)"; fi

if [ -n "$record" ]; then
    hist="$ROOT/docs/report-history.md"
    commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    printf '| %s | %s | %d | %d | %s | %s |\n' "$(date -u +%Y-%m-%d)" "$commit" "$raw_total" "$gz_total" \
        "$first_render" "$record" >>"$hist"
    echo "recorded in docs/report-history.md"
fi

echo
echo "report: total $raw_total B raw, $gz_total B gzip ($(kb "$gz_total")); first render median $first_render ms (goal <= $RENDER_GOAL_MS ms)"
echo "$signer_line"
echo "$mutants_line"
if [ "$gz_total" -gt "$CAP_BYTES" ]; then
    echo "FAIL: gzip total $gz_total B is above the hard cap of $CAP_BYTES B (250 KB)"
    exit 1
fi
echo "endpoint:$endpoint_summary"
[ "$speed_rc" = 0 ] || { echo "FAIL: the speed measure did not complete"; exit 1; }
[ "$endpoint_rc" = 0 ] || { echo "FAIL: the endpoint benchmark did not complete"; exit 1; }
[ "$sign_rc" = 0 ] || { echo "FAIL: the signer comparison did not complete"; exit 1; }

#!/usr/bin/env bash
# `make fuzz`: runs every fuzz target (fuzz/fuzz_targets/*.rs, cargo-fuzz + libFuzzer on a nightly toolchain)
# one after the other, niced, each until FUZZ_RUNS executions or FUZZ_MAX_TIME seconds, whichever comes first,
# with a memory cap per process (-rss_limit_mb, also the cap on one allocation) and a per-input time cap
# (-timeout: a slower input counts as a hang). Prints the executions per target and writes the results to
# docs/fuzz.md (the rows of the targets run are replaced; `make report` prints that file, never fuzzes).
# Never part of `make test`: fuzz/ is its own workspace and needs nightly.
# Seeds: fuzz/make_seeds.py (pinned links, captured SDK requests, the documented signature examples, the
# fixture scenarios, transcripts and state files) into fuzz/corpus/<target>/, which keeps what runs find.
# A crash, hang or memory overrun leaves its input in fuzz/artifacts/<target>/ and fails the script; make it
# a regression test in the normal suites, fix the bug, then rerun.
# Environment: FUZZ_TARGETS (default: all), FUZZ_RUNS (default 10000000), FUZZ_MAX_TIME (s per target,
# default 1800), FUZZ_TIMEOUT (s per input, default 10), FUZZ_RSS_MB (default 1024), FUZZ_MAX_LEN
# (bytes, default 65536), FUZZ_JOBS (processes fuzzing one target at once, default 1: each runs its share of
# FUZZ_RUNS on the same corpus, which libFuzzer rereads to pick up what the others found; the executions of all
# are summed, and a finding in one stops the others).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT/fuzz"

ALL="wire authenticate debugger_url debugger_http permalink scenario state transcript"
TARGETS="${FUZZ_TARGETS:-$ALL}"
RUNS="${FUZZ_RUNS:-10000000}"
MAX_TIME="${FUZZ_MAX_TIME:-1800}"
TIMEOUT="${FUZZ_TIMEOUT:-10}"
RSS_MB="${FUZZ_RSS_MB:-1024}"
MAX_LEN="${FUZZ_MAX_LEN:-65536}"
JOBS="${FUZZ_JOBS:-1}"
case "$JOBS" in '' | *[!0-9]* | 0) die "FUZZ_JOBS must be a whole number of at least 1, not '$JOBS'" ;; esac

rustup run nightly rustc --version >/dev/null 2>&1 ||
    die "no nightly toolchain (rustup toolchain install nightly --profile minimal)"
command -v cargo-fuzz >/dev/null || die "cargo-fuzz is not installed (cargo install cargo-fuzz --locked)"

# No sanitizer: the code is safe Rust, and ASan would cost executions without finding more; debug
# assertions on, so that integer overflow panics instead of wrapping silently.
log "building the fuzz targets (nightly, release, debug assertions)"
nice -n 19 cargo +nightly fuzz build --sanitizer none --debug-assertions
bin_dir="$ROOT/fuzz/target/$(rustc -vV | awk '/^host:/ {print $2}')/release"

log "seed corpora"
python3 "$ROOT/fuzz/make_seeds.py"

commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
[ -z "$(git -C "$ROOT" status --porcelain -- crates src fuzz 2>/dev/null)" ] || commit="$commit+changes"
results="$(mktemp)"
trap 'rm -f "$results"' EXIT
failed=0
for t in $TARGETS; do
    [ -x "$bin_dir/$t" ] || die "no fuzz target $t (known: $ALL)"
    mkdir -p "corpus/$t" "artifacts/$t"
    log "fuzzing $t: up to $RUNS executions or ${MAX_TIME}s"
    # One process per job, each with its share of the runs; libFuzzer's fork mode was tried instead and ran
    # this project's slowest target at half the speed (each short job first re-executes its corpus).
    logs=()
    pids=()
    start=$(date +%s)
    for j in $(seq 1 "$JOBS"); do
        logs+=("$(mktemp)")
        nice -n 19 "$bin_dir/$t" "corpus/$t" -runs="$(((RUNS + JOBS - 1) / JOBS))" -max_total_time="$MAX_TIME" \
            -timeout="$TIMEOUT" -rss_limit_mb="$RSS_MB" -malloc_limit_mb="$RSS_MB" -max_len="$MAX_LEN" \
            -print_final_stats=1 -artifact_prefix="artifacts/$t/" >"${logs[-1]}" 2>&1 &
        pids+=($!)
    done
    rc=0
    for _ in "${pids[@]}"; do
        wait -n "${pids[@]}" 2>/dev/null && continue
        rc=$?
        [ "$rc" = 127 ] && { rc=0; break; }
        kill "${pids[@]}" 2>/dev/null || true
        wait "${pids[@]}" 2>/dev/null || true
        break
    done
    secs=$(($(date +%s) - start))
    execs=0
    for f in "${logs[@]}"; do
        n="$(awk '/stat::number_of_executed_units/ {print $NF}' "$f" | tail -1)"
        execs=$((execs + ${n:-0}))
    done
    if [ "$rc" = 0 ]; then
        if [ "$execs" -ge "$RUNS" ]; then result="ok"; else result="ok, stopped by the time limit"; fi
    else
        failed=1
        found="$(cat "${logs[@]}" | grep -Eo 'artifacts/[^ ]+' | tail -1 || true)"
        kind="$(cat "${logs[@]}" | grep -Eo 'ERROR: libFuzzer: [a-z-]+|panicked at [^ ]+' | head -1 || true)"
        result="FAILED (${kind:-exit $rc}) ${found}"
        for f in "${logs[@]}"; do grep -q 'ERROR: libFuzzer\|panicked at' "$f" && tail -40 "$f" >&2; done
    fi
    rm -f "${logs[@]}"
    printf '  %-14s %12s execs in %6ss  %s\n' "$t" "$execs" "$secs" "$result"
    printf '%s\t%s\t%s\t%s\n' "$t" "$execs" "$secs" "$result" >>"$results"
done

python3 - "$ROOT/docs/fuzz.md" "$results" "$ALL" "$(date -u +%Y-%m-%d)" "$commit" "$RUNS" "$MAX_TIME" "$RSS_MB" "$TIMEOUT" "$JOBS" <<'PY'
import os, sys
path, results, order, day, commit, runs, max_time, rss, timeout, jobs = sys.argv[1:]
order = order.split()
rows = {}
if os.path.exists(path):
    for line in open(path, encoding="utf-8"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| `") and len(cells) == 7:
            rows[cells[0].strip("`")] = cells
for line in open(results, encoding="utf-8"):
    t, execs, secs, result = line.rstrip("\n").split("\t")
    rows[t] = ["`%s`" % t, "{:,}".format(int(execs)), "%s s" % secs, result, day, commit,
               "%s runs, %s s, %s MB, %s s/input" % ("{:,}".format(int(runs)), max_time, rss, timeout)
               + (", %s processes" % jobs if int(jobs) > 1 else "")]
with open(path, "w", encoding="utf-8") as f:
    f.write("# Fuzzing: the last results\n\n")
    f.write("Written by `make fuzz` (scripts/fuzz.sh), one row per target, replaced when that target runs again;\n")
    f.write("`make report` prints this file and never fuzzes. Execs are libFuzzer's executed inputs; limits are the\n")
    f.write("run's caps (executions, seconds, memory per process and per allocation, seconds per input; with several\n")
    f.write("processes on one target, their executions are summed and the time is the run's wall clock). A target\n")
    f.write("is in `fuzz/fuzz_targets/`; README.md says how to run one.\n\n")
    f.write("| target | execs | time | result | date | commit | limits |\n|---|---|---|---|---|---|---|\n")
    for t in order + sorted(set(rows) - set(order)):
        if t in rows:
            f.write("| " + " | ".join(rows[t]) + " |\n")
PY
echo "fuzz: results in docs/fuzz.md"
[ "$failed" = 0 ] || die "a fuzz target failed: its input is in fuzz/artifacts/"

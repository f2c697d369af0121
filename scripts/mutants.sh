#!/usr/bin/env bash
# `make mutants`: the mutation-testing sample. cargo-mutants mutates the CopyImage rules and the gateway
# (crates/engine/src/service/rules.rs and gateway.rs), runs the engine's tests (`-p copyimage-engine`) against
# each mutant in a copy of the tree (never in place), and this script writes the counts to docs/mutants.md
# (caught / missed / unviable / timeouts, the commit, the date). The report prints that recorded summary; it
# never runs mutants itself (too slow for CI).
#
# A mutant the tests miss is either a missing test (write it, then re-run that mutant: `make mutants
# ARGS="--re 'pattern'"`, then put the sample back) or equivalent to the original (the same behaviour on every input):
# docs/mutants-notes.txt holds one line per missed mutant, `<file>: <mutation>\t<note>` (no line:col)
# ("equivalent: why" or "caught since by <test>"), and the summary quotes it. A missed mutant without such a
# line is listed as "no note: a missing test".
#
# Options: extra arguments go to cargo-mutants (e.g. `--shard 0/4`, `--re check_tags`); `--summary-only`
# rewrites docs/mutants.md from the last run (after the notes changed) without running anything.
# Env: MUTANTS_TIMEOUT (seconds per mutant's test run, default 120), MUTANTS_JOBS (default 1: two shared cores).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

command -v cargo-mutants >/dev/null || die "cargo-mutants is not installed (cargo install cargo-mutants --locked)"

FILES=(crates/engine/src/service/rules.rs crates/engine/src/service/gateway.rs)
OUT="$ROOT/target/mutants"
SUMMARY="$ROOT/docs/mutants.md"
NOTES="$ROOT/docs/mutants-notes.txt"
mkdir -p "$OUT"

# The engine's tests that reach the rules and the gateway (the unit tests, the operations end to end, the
# catalog's reproductions, the gateway's planted mistakes, the debugger, the rows' own tests); the property
# tests and the golden snippets are left out: slow, and they pin other things.
TESTS=(--lib --test engine_ops --test fidelity_rows --test catalog --test docs_errors --test sign_gateway
    --test sign_debugger)
args=(--package copyimage-engine --timeout "${MUTANTS_TIMEOUT:-120}" --jobs "${MUTANTS_JOBS:-1}" --output "$OUT")
for f in "${FILES[@]}"; do args+=(--file "$f"); done
for t in "${TESTS[@]}"; do args+=("--cargo-test-arg=$t"); done

if [ "${1:-}" = "--summary-only" ]; then
    # Rewrite docs/mutants.md from the last run (after editing the notes), without running anything.
    [ -f "$OUT/run.env" ] || die "no recorded run in $OUT (run make mutants first)"
    # shellcheck disable=SC1091
    source "$OUT/run.env"
    set -- "${run_args[@]}"
else
    # The tree cargo-mutants copies is the one at the start: record its commit now, not after the run.
    commit="$(git rev-parse --short HEAD)"
    dirty=""
    [ -z "$(git status --porcelain -- crates/engine)" ] || dirty=" (with uncommitted engine changes)"
    log "cargo mutants ${args[*]} $*"
    start=$(date +%s)
    rc=0
    # Debug info only slows every mutant's link; the tests do not need it.
    CARGO_PROFILE_DEV_DEBUG=0 CARGO_PROFILE_TEST_DEBUG=0 nice cargo mutants "${args[@]}" "$@" || rc=$?
    secs=$(($(date +%s) - start))
    # cargo-mutants exits 2 when mutants were missed, 3 on timeouts: still a result to record. 1 and 4 are
    # usage errors and a failing baseline (the tests fail without any mutation): nothing to record.
    case "$rc" in 0 | 2 | 3) ;; *) die "cargo mutants failed (exit $rc); nothing recorded" ;; esac
    day="$(date -u +%Y-%m-%d)"
    { declare -p secs commit day dirty; printf 'run_args=('; printf '%q ' "$@"; printf ')\n'; } >"$OUT/run.env"
fi

res="$OUT/mutants.out"
count() { if [ -f "$res/$1" ]; then grep -c . "$res/$1" || true; else echo 0; fi; }
caught=$(count caught.txt)
missed=$(count missed.txt)
unviable=$(count unviable.txt)
timeouts=$(count timeout.txt)
tested=$((caught + missed + timeouts))

{
    echo "# Mutation-testing sample"
    echo
    echo "Written by \`make mutants\` (scripts/mutants.sh); \`scripts/report.sh\` prints the summary line. Scope:"
    echo "${FILES[*]}, tested with \`cargo test -p copyimage-engine ${TESTS[*]}\`. Extra arguments (a sample when"
    echo "they name a shard): \`${*:-none}\`."
    echo
    echo "mutants: $caught caught, $missed missed, $unviable unviable, $timeouts timeouts" \
        "($caught of $tested viable mutants caught) at $commit$dirty on $day, ${secs}s"
    echo
    echo "Mutants tested per file (a shard may cover one file only):"
    cat "$res"/{caught,missed,unviable,timeout}.txt 2>/dev/null | cut -d: -f1 | sort | uniq -c |
        while read -r n f; do echo "- \`$f\`: $n"; done
    echo
    echo "## Missed mutants"
    echo
    if [ "$missed" = 0 ]; then echo "None."; fi
    if [ -f "$res/missed.txt" ]; then
        while IFS= read -r m; do
            [ -n "$m" ] || continue
            # Line numbers move with edits; the note is looked up by the file and the mutation, without line:col.
            key="$(sed -E 's/^([^:]+):[0-9]+:[0-9]+: /\1: /' <<<"$m")"
            note="$(awk -F '\t' -v k="$key" '$1 == k { print $2; exit }' "$NOTES" 2>/dev/null || true)"
            if [ -n "$note" ]; then echo "- \`$m\`: $note"; else echo "- \`$m\`: no note: a missing test"; fi
        done <"$res/missed.txt"
    fi
    echo
    echo "## Timeouts"
    echo
    if [ "$timeouts" = 0 ]; then echo "None."; else sed 's/^/- `/; s/$/`/' "$res/timeout.txt"; fi
} >"$SUMMARY"
cat "$SUMMARY"

#!/usr/bin/env bash
# Every row of FIDELITY.md names the tests that pin it, and every named test exists: Rust tests as
# `cargo test --workspace -- --list` lists them (built already by make test's cargo-test step), Playwright
# tests by their title in the spec file, suites by their script. scripts/fidelity_tests.py says how rows name
# their tests. Env (from scripts/test.sh; optional when run by hand): ROOT.
set -euo pipefail

ROOT="${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}"
cd "$ROOT"
list="$(mktemp)"
trap 'rm -f "$list"' EXIT
# stdout and stderr together: each binary's list follows cargo's "Running <file> (<binary>)" line on stderr.
cargo test --workspace --locked -- --list >"$list" 2>&1 || { cat "$list"; exit 1; }
python3 scripts/fidelity_tests.py FIDELITY.md <"$list"

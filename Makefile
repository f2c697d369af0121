# The two commands (see README.md):
#   make serve   set up what is missing, build the release site, serve it on http://127.0.0.1:$(PORT)/
#   make test    set up what is missing, run every check (what CI runs), print the summary
# Everything else is a piece of those. The work is done by scripts/*.sh, which you can run directly too.

PORT ?= 8080
export PORT

.PHONY: serve test setup build wasm-test e2e report report-record bench mutants fuzz

serve:
	@scripts/serve.sh

test:
	@scripts/test.sh

# Tools only (add SETUP=--test for the test tools: Chromium, chromedriver, Playwright).
setup:
	@scripts/setup.sh $(SETUP)

# The release site in dist/, with its CSP pinned.
build:
	@scripts/setup.sh
	@scripts/build.sh

# wasm-bindgen-test in headless Chromium (tests/web.rs).
wasm-test:
	@scripts/setup.sh --test
	@scripts/wasm-test.sh

# Playwright against a fresh release build.
e2e:
	@scripts/setup.sh --test
	@scripts/build.sh
	@scripts/e2e.sh

# Size and speed report of a fresh release build.
report:
	@scripts/setup.sh --test
	@scripts/build.sh
	@scripts/report.sh

# Same, and append the numbers to docs/report-history.md: make report-record NOTE="what changed"
report-record:
	@scripts/setup.sh --test
	@scripts/build.sh
	@scripts/report.sh --record "$(NOTE)"

# Criterion benchmarks (numbers for the report; CI only checks that they compile).
bench:
	cargo bench --workspace --locked

# Mutation-testing sample of the CopyImage rules and the gateway (cargo-mutants; slow: not part of `make test`).
# Writes docs/mutants.md, which the report prints. Extra cargo-mutants arguments: make mutants ARGS="--shard 0/6"
mutants:
	@scripts/mutants.sh $(ARGS)

# Coverage-guided fuzzing of every reader of hostile input (nightly + cargo-fuzz; never part of `make test`).
# Writes docs/fuzz.md, which `make report` prints. FUZZ_TARGETS, FUZZ_RUNS, FUZZ_MAX_TIME: see scripts/fuzz.sh.
fuzz:
	@scripts/fuzz.sh

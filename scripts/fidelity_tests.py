#!/usr/bin/env python3
"""Checks that every row of FIDELITY.md names the tests that pin it, and that each named test exists.

A row (a table row, or a bold-titled paragraph such as "**Order of checks**") names its tests as
"Test: `name`." or "Tests: `a`, `b` and `c`." A name is one of:
  * `copyimage_engine::service::rules::tests::name_rule`  a unit test: crate name, then its path;
  * `crates/engine/tests/engine_ops.rs::fn_name`          an integration test: its file, then its name;
  * `tests/e2e/world.spec.ts::title`                      a Playwright test: its spec file, then its title;
  * `tests/suites/40-sdk.sh`                               a suite script (it must be executable).
Rust names are looked up in the output of `cargo test --workspace -- --list` (given on stdin, stdout and stderr
together, so each list follows its "Running <file> (<binary>)" line); Playwright titles in the spec file.

Usage: cargo test --workspace --locked -- --list 2>&1 | scripts/fidelity_tests.py [FIDELITY.md]
Exits 1 and names each problem when a row names no test or a named test does not exist.
"""

import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NAMES = re.compile(r"Tests?: ((?:`[^`]+`(?:, | and |, and )?)+)")
PACKAGES = ("", "crates/engine/", "crates/cli/")
RUNNING = re.compile(r"^\s*Running (unittests )?(\S+) \(([^)]+)\)")


def read_rust_tests(lines):
    """The full names of the Rust tests in `--list` output: `copyimage_engine::path::name` for unit tests,
    `crates/engine/tests/x.rs::name` for integration tests."""
    found = set()
    prefix = None
    for line in lines:
        m = RUNNING.match(line)
        if m:
            unit, src, binary = m.groups()
            crate = os.path.basename(binary).rsplit("-", 1)[0]
            if unit:
                # Unit tests of a lib or bin: named by the crate ("copyimage_engine::...").
                prefix = [crate + "::"]
            else:
                # An integration test: cargo prints its file relative to its package, so find the package
                # whose tests/ holds it (every such package, should two hold a file of that name).
                prefix = [pkg + src + "::" for pkg in PACKAGES if os.path.isfile(os.path.join(ROOT, pkg, src))]
            continue
        if line.startswith("   Doc-tests") or line.startswith("Doc-tests"):
            prefix = None
            continue
        if prefix and line.endswith(": test"):
            found.update(p + line[: -len(": test")] for p in prefix)
    return found


def rows(text):
    """(line number, first words, text) of every table row and bold-titled paragraph after the intro."""
    out = []
    para = None
    for no, line in enumerate(text.splitlines(), 1):
        if line.startswith("|"):
            if line.startswith("| choice") or line.startswith("|---"):
                continue
            out.append((no, line[2:60], line))
            para = None
        elif line.startswith("**"):
            para = [no, line[:60], line]
            out.append(para)
        elif para is not None and line.strip():
            para[2] += " " + line
        else:
            para = None
    return [tuple(r) for r in out]


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "FIDELITY.md")
    text = open(path, encoding="utf-8").read()
    rust = read_rust_tests(sys.stdin.read().splitlines())
    if not rust:
        print("no Rust tests in the input: pipe `cargo test --workspace -- --list 2>&1` into this script")
        return 1
    problems = []
    named = 0
    for no, head, row in rows(text):
        names = [n for m in NAMES.finditer(row) for n in re.findall(r"`([^`]+)`", m.group(1))]
        if not names:
            problems.append(f"FIDELITY.md:{no}: names no test: {head}…")
        for name in names:
            named += 1
            why = missing(name, rust)
            if why:
                problems.append(f"FIDELITY.md:{no}: `{name}`: {why}")
    for p in problems:
        print(p)
    print(f"fidelity rows: {len(rows(text))} rows, {named} named tests, {len(problems)} problems")
    return 1 if problems else 0


def missing(name, rust):
    """Why `name` names no existing test (None when it does)."""
    if name.startswith("tests/suites/"):
        full = os.path.join(ROOT, name)
        return None if os.path.isfile(full) and os.access(full, os.X_OK) else "no such executable suite"
    if ".spec.ts::" in name:
        spec, title = name.split("::", 1)
        full = os.path.join(ROOT, spec)
        if not os.path.isfile(full):
            return "no such spec file"
        src = open(full, encoding="utf-8").read()
        quoted = [q + title + q for q in ("'", '"', "`")]
        return None if any(q in src for q in quoted) else "no test with this title in the spec"
    return None if name in rust else "not in `cargo test --workspace -- --list`"


if __name__ == "__main__":
    sys.exit(main())

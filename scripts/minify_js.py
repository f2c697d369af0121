#!/usr/bin/env python3
"""Post-build step: minify the JS glue Trunk emits, which Trunk 0.21's own minifier leaves as it is (it stops at
wasm-bindgen's `export default` with "Failed to minify JS"), and re-pin its Subresource Integrity hash in the
page (Trunk's modulepreload link carries `integrity=sha384-…` of the file as written).

terser (npm, pinned in scripts/tools/package.json) compresses and mangles local names only (`--module`): the
module's exports, which the loader imports by name, stay. Running it twice gives the same files: a glue file
already minified is left alone.

Usage: minify_js.py dist/index.html
"""

import base64
import hashlib
import os
import re
import subprocess
import sys

PRELOAD_RE = re.compile(r'<link\b[^>]*\brel="?modulepreload"?[^>]*>', re.I)
HREF_RE = re.compile(r'\bhref="?\.?/?([^" >]+\.js)"?', re.I)
INTEGRITY_RE = re.compile(r'\bintegrity="?(sha384-[A-Za-z0-9+/=]+)"?', re.I)
MARK = "/* minified */"


def sri(data):
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def main(index):
    root = os.path.dirname(index)
    terser = os.path.join(os.path.dirname(__file__), "tools", "node_modules", ".bin", "terser")
    html = open(index, encoding="utf-8").read()
    changed = 0
    for link in PRELOAD_RE.findall(html):
        href = HREF_RE.search(link)
        if not href:
            continue
        path = os.path.join(root, href.group(1))
        data = open(path, "rb").read()
        if not data.startswith(MARK.encode()):
            out = subprocess.run(
                [terser, path, "--module", "--ecma", "2020", "--compress", "passes=2", "--mangle"],
                check=True, capture_output=True,
            ).stdout
            out = MARK.encode() + b"\n" + out
            open(path, "wb").write(out)
            print(f"minify_js: {href.group(1)}: {len(data)} -> {len(out)} B")
            data = out
        old = INTEGRITY_RE.search(link)
        if old and old.group(1) != sri(data):
            html = html.replace(link, link.replace(old.group(1), sri(data)))
            changed += 1
    open(index, "w", encoding="utf-8").write(html)
    return changed


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])

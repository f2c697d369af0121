#!/usr/bin/env python3
"""Post-build step: write DIST/sw.js, the service worker that lets the site open offline after a first visit,
from www/sw.js with this build's VERSION and FILES filled in.

FILES is every file of the build (the lean app, the full build in full/, the static pages in teach/), so all
views work offline after one visit; `X/index.html` is listed as `X/` (the URL pages are opened by). Left out:
sw.js itself and lib/ (the JavaScript API for other sites' pages, which no view of the playground loads).
VERSION is a hash of those files' paths and bytes and of the worker's own code: any change to the build gives
a new sw.js, which is what makes browsers install the new version. Running it twice gives the same file.

Usage: sw.py DIST
"""

import hashlib
import json
import os
import re
import sys

TEMPLATE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "www", "sw.js")
SKIP_DIRS = {"lib"}


def built_files(dist):
    """Every file under dist as a sorted list of POSIX paths relative to it, minus sw.js and SKIP_DIRS."""
    out = []
    for root, dirs, files in os.walk(dist):
        rel_root = os.path.relpath(root, dist)
        if rel_root == ".":
            dirs[:] = [d for d in dirs if d not in SKIP_DIRS]
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for f in files:
            rel = os.path.normpath(os.path.join(rel_root, f)).replace(os.sep, "/")
            if rel != "sw.js" and not f.startswith("."):
                out.append(rel)
    return sorted(out)


def url_of(rel):
    """The URL a file is requested by, relative to sw.js: pages by their directory."""
    if rel == "index.html":
        return "./"
    if rel.endswith("/index.html"):
        return rel[: -len("index.html")]
    return rel


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    dist = sys.argv[1]
    if not os.path.isfile(os.path.join(dist, "index.html")):
        print(f"sw.py: {dist}/index.html not found (build the site first)", file=sys.stderr)
        return 1
    with open(TEMPLATE, encoding="utf-8") as f:
        # Comment lines are for readers of the source, not for every visitor's download.
        template = "".join(line for line in f if not line.lstrip().startswith("//"))
    files = built_files(dist)
    h = hashlib.sha256(template.encode("utf-8"))
    for rel in files:
        with open(os.path.join(dist, rel), "rb") as f:
            h.update(rel.encode("utf-8") + b"\0" + f.read() + b"\0")
    version = h.hexdigest()[:16]
    urls = json.dumps([url_of(rel) for rel in files])
    out, n1 = re.subn(r"^const VERSION = .*;$", lambda _: f"const VERSION = '{version}';", template, count=1, flags=re.M)
    out, n2 = re.subn(r"^const FILES = .*;$", lambda _: f"const FILES = {urls};", out, count=1, flags=re.M)
    if n1 != 1 or n2 != 1:
        print(f"sw.py: {TEMPLATE}: the VERSION or FILES line is missing", file=sys.stderr)
        return 1
    with open(os.path.join(dist, "sw.js"), "w", encoding="utf-8") as f:
        f.write(out)
    print(f"sw.py: wrote {dist}/sw.js (version {version}, {len(files)} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

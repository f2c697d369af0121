#!/usr/bin/env python3
"""Post-build step: pin a Content-Security-Policy into the built index.html (a <meta>, so any static host
serves it without header configuration).

Trunk's loader is an inline <script type="module">; rather than allow inline scripts we allow exactly that
script by its sha256, computed here after the build (minification changes its bytes). Inline styles and
inline event handlers are refused outright: the policy has no 'unsafe-inline', so they would be blocked at
run time anyway; failing the build names them early. Running it twice gives the same file.

Usage: csp.py dist/index.html
"""

import base64
import hashlib
import re
import sys

META_RE = re.compile(r'<meta http-equiv="?Content-Security-Policy"?[^>]*>', re.I)
INLINE_SCRIPT_RE = re.compile(r"<script\b(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script\s*>", re.I | re.S)
INLINE_STYLE_RE = re.compile(r"<style\b|\sstyle\s*=", re.I)
HANDLER_RE = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)


def policy(script_hashes):
    """The policy: everything from the site itself; wasm compilation allowed; no inline anything but the
    hashed loader; fetches only to the site (the engine runs in the page, it calls nothing)."""
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'"] + [f"'sha256-{h}'" for h in script_hashes])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self'",
            "connect-src 'self'",
            "img-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    path = sys.argv[1]
    with open(path, encoding="utf-8") as f:
        html = META_RE.sub("", f.read())
    problems = []
    if INLINE_STYLE_RE.search(html):
        problems.append("inline style (<style> or style=) found; move it to www/*.css")
    if HANDLER_RE.search(html):
        problems.append("inline event handler (on...=) found")
    if problems:
        for p in problems:
            print(f"csp.py: {path}: {p}", file=sys.stderr)
        return 1
    hashes = [
        base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        for body in INLINE_SCRIPT_RE.findall(html)
    ]
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'
    # The meta must come before every script and stylesheet it governs: right after the charset declaration
    # (which stays first), else first in <head>. Trunk's minifier drops the optional <head> tag itself.
    html, n = re.subn(r"(<meta\s+charset=[^>]*>)", lambda m: m.group(1) + meta, html, count=1, flags=re.I)
    if n != 1:
        html, n = re.subn(r"(<head\b[^>]*>)", lambda m: m.group(1) + meta, html, count=1, flags=re.I)
    if n != 1:
        print(f"csp.py: {path}: neither <meta charset> nor <head> found", file=sys.stderr)
        return 1
    with open(path, "w", encoding="utf-8") as f:
        f.write(html)
    print(f"csp.py: pinned CSP in {path} ({len(hashes)} inline script(s) allowed by hash)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

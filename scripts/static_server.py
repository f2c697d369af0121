#!/usr/bin/env python3
"""A tiny static file server for the built site (dist/), used by `make serve`, the e2e tests and the report.

Why not `python3 -m http.server`: we need the `.wasm` MIME type on every Python version (streaming
instantiation refuses anything else), no caching (each measured page load is a fresh load), a quiet log, and
the same site mounted under a sub-path too, to prove it works from any sub-path of a static host.

Usage: static_server.py DIR [--port 8080] [--bind 127.0.0.1] [--mount /sub/path/] [--port-file FILE]
With --port 0 the OS picks a free port; it is printed and, with --port-file, written to FILE.
"""

import argparse
import functools
import http.server
import os
import sys
import urllib.parse


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves DIR at `/` and, when set, again under each `--mount` prefix."""

    mounts: tuple = ()
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".css": "text/css",
        ".html": "text/html; charset=utf-8",
        ".json": "application/json",
        ".svg": "image/svg+xml",
    }

    def translate_path(self, path):
        parsed = urllib.parse.urlsplit(path).path
        for prefix in self.mounts:
            if parsed.startswith(prefix):
                path = "/" + parsed[len(prefix):]
                break
        return super().translate_path(path)

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, fmt, *args):
        if os.environ.get("STATIC_SERVER_LOG"):
            super().log_message(fmt, *args)


class Server(http.server.ThreadingHTTPServer):
    """Quiet about clients that hang up mid-response (a test closing its page while the wasm still loads)."""

    allow_reuse_address = True
    daemon_threads = True

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir")
    ap.add_argument("--port", type=int, default=8080)
    ap.add_argument("--bind", default="127.0.0.1")
    ap.add_argument("--mount", action="append", default=[], help="also serve DIR under this path prefix")
    ap.add_argument("--port-file", help="write the bound port here once listening")
    args = ap.parse_args()
    if not os.path.isfile(os.path.join(args.dir, "index.html")):
        print(f"static_server: {args.dir}/index.html not found (build the site first)", file=sys.stderr)
        return 2
    mounts = tuple("/" + m.strip("/") + "/" for m in args.mount)
    handler = functools.partial(type("H", (Handler,), {"mounts": mounts}), directory=args.dir)
    with Server((args.bind, args.port), handler) as httpd:
        port = httpd.server_address[1]
        if args.port_file:
            with open(args.port_file + ".tmp", "w") as f:
                f.write(f"{port}\n")
            os.replace(args.port_file + ".tmp", args.port_file)
        print(f"serving {args.dir} on http://{args.bind}:{port}/", flush=True)
        for m in mounts:
            print(f"  and on http://{args.bind}:{port}{m}", flush=True)
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())

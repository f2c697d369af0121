#!/usr/bin/env python3
"""The signer ratio: `copyimage sign --batch` as a whole process against the official Python util's
`get_rpcsignature` alone, over the same CopyImage requests, on this machine.

Ours is timed from process start to exit (reading the JSON lines, signing, writing every signed URL); the
Python side is only its signing loop over dictionaries built beforehand. Both are measured in CPU time
(user + system), which a busy shared machine disturbs far less than wall time; wall time is printed beside
it. The two are timed in alternation, several rounds each, and the best round of each is kept (as
timeit.repeat advises). Before timing, the signatures of the first and last lines are compared: a ratio
over different answers would mean nothing.

Run: bash scripts/sign/setup_sdks.sh
     cargo build --release -p copyimage-cli
     target/sign-sdk/venv/bin/python scripts/sign/batch_ratio.py [--lines 100000] [--rounds 5] [--bin PATH]
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import urllib.parse

from alibabacloud_openapi_util.client import Client as OpenApiUtil

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
TS, NONCE, KEY_ID, SECRET = "2026-11-27T08:30:00Z", "c0ffee00-1234-4abc-8def", "testid", "testsecret"
GOAL = 20.0


def request(i):
    """The business parameters of line i: a CopyImage with a name, a description and two tags."""
    return {"RegionId": "cn-hangzhou", "ImageId": "m-bp1h46wfpjsjastc%04d" % (i % 10000),
            "DestinationRegionId": "cn-shanghai", "DestinationImageName": "copy %d of my image" % i,
            "DestinationDescription": "nightly copy (v2)", "Tag.1.Key": "env", "Tag.1.Value": "prod",
            "Tag.2.Key": "team", "Tag.2.Value": "images"}


def signed_params(i, business):
    """What `copyimage sign` signs for line i (1-based): Action, the common parameters, the line's own."""
    d = {"Action": "CopyImage", "Format": "JSON", "Version": "2014-05-26", "AccessKeyId": KEY_ID,
         "SignatureMethod": "HMAC-SHA1", "Timestamp": TS, "SignatureVersion": "1.0",
         "SignatureNonce": "%s-%d" % (NONCE, i)}
    d.update(business)
    return d


def ours(binary, path):
    """Runs the batch signer over the file; returns (cpu seconds, wall seconds, output lines)."""
    cmd = [binary, "sign", "--access-key-id", KEY_ID, "--access-key-secret", SECRET, "--timestamp", TS,
           "--nonce", NONCE, "--batch"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    with open(path, "rb") as stdin:
        out = subprocess.run(cmd, stdin=stdin, capture_output=True, check=True).stdout
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, out.decode().splitlines()


def python_loop(rows):
    """The official util's signing loop alone; returns (cpu seconds, wall seconds, signatures)."""
    c0, w0 = time.process_time(), time.perf_counter()
    sigs = [OpenApiUtil.get_rpcsignature(d, "GET", SECRET) for d in rows]
    return time.process_time() - c0, time.perf_counter() - w0, sigs


def signature_of(url):
    return urllib.parse.unquote(url.rsplit("Signature=", 1)[1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lines", type=int, default=100_000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--bin", default=os.environ.get("COPYIMAGE_BIN", os.path.join(ROOT, "target", "release", "copyimage")))
    args = ap.parse_args()
    if not os.path.exists(args.bin):
        sys.exit(f"no copyimage binary at {args.bin} (cargo build --release -p copyimage-cli)")
    business = [request(i) for i in range(args.lines)]
    rows = [signed_params(i + 1, b) for i, b in enumerate(business)]
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for b in business:
            f.write(json.dumps(b) + "\n")
        path = f.name
    try:
        best_ours, best_py = (float("inf"), float("inf")), (float("inf"), float("inf"))
        for r in range(args.rounds):
            cpu, wall, lines = ours(args.bin, path)
            best_ours = min(best_ours, (cpu, wall))
            pcpu, pwall, sigs = python_loop(rows)
            best_py = min(best_py, (pcpu, pwall))
            if r == 0:
                if len(lines) != args.lines:
                    sys.exit(f"copyimage printed {len(lines)} lines for {args.lines}")
                for i in (0, args.lines - 1):
                    if signature_of(lines[i]) != sigs[i]:
                        sys.exit(f"line {i + 1}: copyimage signed {signature_of(lines[i])}, the util {sigs[i]}")
    finally:
        os.unlink(path)
    ratio = best_py[0] / best_ours[0] if best_ours[0] > 0 else float("inf")
    n = args.lines
    print(f"  {n} CopyImage requests, best of {args.rounds} rounds (CPU time; wall time in brackets)")
    print(f"  copyimage sign --batch, whole process:   {best_ours[0] * 1e3:9.1f} ms  "
          f"({best_ours[0] / n * 1e6:.2f} us/request; wall {best_ours[1] * 1e3:.1f} ms)")
    print(f"  Python util get_rpcsignature loop alone: {best_py[0] * 1e3:9.1f} ms  "
          f"({best_py[0] / n * 1e6:.2f} us/request; wall {best_py[1] * 1e3:.1f} ms)")
    verdict = "meets" if ratio >= GOAL else "BELOW"
    print(f"signer: {ratio:.1f}x the official Python util ({verdict} the goal of >= {GOAL:.0f}x)")


if __name__ == "__main__":
    main()

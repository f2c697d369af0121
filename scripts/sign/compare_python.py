#!/usr/bin/env python3
"""Times the official Python SDK signers and ours on the same inputs (those of crates/engine/benches/sign.rs),
side by side on this machine, and prints the throughput ratio.

The Rust side is crates/engine/examples/sign_speed.rs (built with the bench profile). On a shared, busy
machine the two are timed in alternation, several rounds each, and the best round of each is kept (as
timeit.repeat advises), so both are compared at their least-disturbed moments.

Run: bash scripts/sign/setup_sdks.sh
     cargo build --profile bench -p copyimage-engine --example sign_speed
     target/sign-sdk/venv/bin/python scripts/sign/compare_python.py
"""
import json
import os
import subprocess
import sys
import timeit

from aliyunsdkcore.auth.composer import rpc_signature_composer as rpc
from aliyunsdkcore.utils import parameter_helper as helper
from alibabacloud_openapi_util.client import Client as OpenApiUtil
from Tea.request import TeaRequest

TS, NONCE = "2026-11-27T08:30:00Z", "c0ffee00-1234-4abc-8def-0123456789ab"
helper.get_iso_8061_date = lambda: TS
helper.get_uuid = lambda: NONCE

BUSINESS = [("RegionId", "cn-hangzhou"), ("ImageId", "m-bp1h46wfpjsjastc****"),
            ("DestinationRegionId", "cn-shanghai"), ("DestinationImageName", "copy of my image"),
            ("DestinationDescription", "nightly copy (v2)"), ("Tag.1.Key", "env"), ("Tag.1.Value", "prod"),
            ("Tag.2.Key", "team"), ("Tag.2.Value", "images")]
ALL = dict([("Action", "CopyImage"), ("Version", "2014-05-26"), ("Format", "JSON"), ("AccessKeyId", "testid"),
            ("SignatureMethod", "HMAC-SHA1"), ("SignatureType", ""), ("SignatureVersion", "1.0"),
            ("SignatureNonce", NONCE), ("Timestamp", TS)] + BUSINESS)


def core_full():
    # The core SDK's whole signer: adds the common parameters, signs, builds the URL.
    return rpc.get_signed_url(dict([("Action", "CopyImage"), ("Version", "2014-05-26")] + BUSINESS),
                              "testid", "testsecret", "JSON", "POST", {})


def tea_v1():
    return OpenApiUtil.get_rpcsignature(ALL, "POST", "testsecret")


def tea_v3():
    import hashlib
    req = TeaRequest()
    req.method, req.pathname, req.query = "POST", "/", dict(BUSINESS)
    req.headers = {"host": "ecs.cn-hangzhou.aliyuncs.com", "x-acs-action": "CopyImage",
                   "x-acs-version": "2014-05-26", "x-acs-date": TS, "x-acs-signature-nonce": NONCE,
                   "x-acs-content-sha256": hashlib.sha256(b"").hexdigest()}
    return OpenApiUtil.get_authorization(req, "ACS3-HMAC-SHA256", req.headers["x-acs-content-sha256"],
                                         "testid", "testsecret")


def per_call_us(fn, n=2000):
    best = min(timeit.repeat(fn, number=n, repeat=5))
    return best / n * 1e6


ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SPEED = os.path.join(ROOT, "target", "release", "examples", "sign_speed")


def rust_round():
    out = subprocess.run([SPEED, "2000"], check=True, capture_output=True, text=True).stdout
    return {k: v / 1000 for k, v in json.loads(out).items()}


pairs = [("core SDK get_signed_url (V1, whole request + URL)", core_full, "sign_v1_copyimage_full_request"),
         ("Tea util get_rpcsignature (V1 signature)", tea_v1, "sign_v1_copyimage"),
         ("Tea util get_authorization (V3 Authorization)", tea_v3, "sign_v3_authorization")]
if not os.path.exists(SPEED):
    sys.exit(f"build it first: cargo build --profile bench -p copyimage-engine --example sign_speed ({SPEED})")
best_py = {label: float("inf") for label, _, _ in pairs}
best_rs = {}
for _ in range(int(os.environ.get("ROUNDS", "6"))):
    for k, v in rust_round().items():
        best_rs[k] = min(best_rs.get(k, float("inf")), v)
    for label, fn, _ in pairs:
        best_py[label] = min(best_py[label], per_call_us(fn))
print(f"{'official Python signer':52} {'python us':>10} {'ours us':>8} {'ratio':>7}")
worst = None
for label, _, bench in pairs:
    py, rs = best_py[label], best_rs[bench]
    ratio = py / rs
    worst = ratio if worst is None else min(worst, ratio)
    print(f"{label:52} {py:10.2f} {rs:8.3f} {ratio:6.1f}x")
print(f"ours, whole V3 request (headers, query, URL):        {best_rs['sign_v3_copyimage_full_request']:8.3f} us")
print(f"lowest ratio: {worst:.1f}x (goal: >= 20x)")

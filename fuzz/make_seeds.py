#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora into fuzz/corpus/<target>/ from the project's own pinned inputs:
the recorded links (tests/fixtures/links.json), the captured SDK requests and the documented signature
examples (crates/engine/tests/vectors/), the golden raw HTTP requests, the fixture scenarios, transcripts
and serve state files. Each seed is a file named after its content's hash, so re-running adds nothing
twice and never removes what the fuzzer found."""
import base64, glob, hashlib, json, os, sys, zlib
from urllib.parse import unquote, urlencode, quote

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fuzz", "corpus")
seeds = {t: [] for t in ["wire", "authenticate", "debugger_url", "debugger_http", "permalink", "scenario", "state", "transcript"]}

def load(p):
    with open(os.path.join(ROOT, p), encoding="utf-8") as f:
        return f.read()

links = [l["href"] for l in json.loads(load("tests/fixtures/links.json"))["links"]]
vectors = json.loads(load("crates/engine/tests/vectors/sdk_vectors.json"))
doc = json.loads(load("crates/engine/tests/vectors/doc_examples.json"))

# Permalinks: every recorded fragment; the debugger links' pasted request (a URL or raw HTTP).
for href in links:
    frag = href.split("#", 1)[1] if "#" in href else ""
    seeds["permalink"].append(frag)
    seeds["wire"].append(frag)
    for part in frag.split("&"):
        if part.startswith("req="):
            req = unquote(part[4:])
            seeds["debugger_http" if req[:1].isupper() and not req.startswith("http") else "debugger_url"].append(req)
# A link carrying an imported scenario (raw DEFLATE, base64url without padding, as the app writes it).
small = json.dumps(json.loads(load("tests/fixtures/scenarios/small.json")), separators=(",", ":"))
packer = zlib.compressobj(9, zlib.DEFLATED, -15)
packed = packer.compress(small.encode()) + packer.flush()
seeds["permalink"].append("v=1&scenario=" + base64.urlsafe_b64encode(packed).decode().rstrip("=") + "&steps=t60,n,i")

# Captured SDK requests: query/body for the wire reader, URLs and raw HTTP for the debugger.
for w in vectors["wire"]:
    r = w["request"]
    seeds["wire"].append(r["query"] + "\n" + r["body"])
    seeds["debugger_url"].append("https://%s%s?%s" % (r["host"], r["path"], r["query"]))
    head = "%s %s?%s HTTP/1.1\r\n" % (r["method"], r["path"], r["query"])
    head += "".join("%s: %s\r\n" % (k, v) for k, v in r["headers"])
    seeds["debugger_http"].append(head + "\r\n" + r["body"])
for p in glob.glob(os.path.join(ROOT, "crates/engine/tests/golden/*.http")):
    seeds["debugger_http"].append(open(p, encoding="utf-8").read())

# The documented signature examples.
v1 = doc["v1_doc_example"]
v1_query = urlencode(v1["params"], quote_via=quote)
seeds["wire"].append(v1_query)
seeds["debugger_url"].append("http://ecs.aliyuncs.com/?" + v1_query + "&Signature=" + quote(v1["expected_signature_in_doc"], safe=""))
v3 = doc["v3_doc_example"]
v3_http = "POST /?%s HTTP/1.1\n" % urlencode(v3["query"]) + "".join("%s: %s\n" % kv for kv in v3["headers"].items())
seeds["debugger_http"].append(v3_http + "\n")
if "canonical_request" in v3:
    seeds["debugger_http"].append(v3_http + "\n\0" + v3.get("string_to_sign", v3["canonical_request"]))

# authenticate: option words, then the parameters, then extra headers (see fuzz_targets/authenticate.rs).
copy = "Action=CopyImage&RegionId=cn-hangzhou&ImageId=m-bp1h46wfpjsjastc%2A%2A%2A%2A&DestinationRegionId=cn-shanghai&DestinationImageName=%E9%95%9C%E5%83%8F%20copy&Tag.1.Key=env&Tag.1.Value=prod"
described = "Action=DescribeRegions&Format=XML&Version=2014-05-26"
for opts in ["", "get", "form", "v3", "v3 get", "v3 form", "wrong-secret", "v3 wrong-secret", "stale", "sts", "v3 sts"]:
    for params in [copy, described, v1_query]:
        seeds["authenticate"].append(opts + "\n" + params)
seeds["authenticate"].append("v3\n" + copy + "\naccept: application/json\nsigned=host;x-acs-date")
seeds["authenticate"].append("v3\n" + urlencode(v3["query"]) + "&Action=" + v3["headers"]["x-acs-action"])

# Scenarios, transcripts (with their inline scenarios), serve state files (one line) and a journal.
for p in glob.glob(os.path.join(ROOT, "tests/fixtures/scenarios/*.json")):
    if not p.endswith("cases.json"):
        seeds["scenario"].append(open(p, encoding="utf-8").read())
for p in glob.glob(os.path.join(ROOT, "tests/fixtures/transcripts/*.json")) + glob.glob(os.path.join(ROOT, "crates/engine/tests/golden/*.transcript.json")):
    seeds["transcript"].append(open(p, encoding="utf-8").read())
journal = [
    {"v": 1, "adv": [5], "op": {"http": {"now": 1796113800, "req": vectors["wire"][0]["request"], "answer": None}}},
    {"v": 2, "op": {"advance": {"seconds": 60}}},
    {"v": 3, "op": "run_to_idle"},
    {"v": 4, "op": "tick"},
]
journal_text = "\n".join(json.dumps(r, separators=(",", ":")) for r in journal)
seeds["state"].append("{}\n" + journal_text)
for p in glob.glob(os.path.join(ROOT, "tests/fixtures/state/*-copies.json")):
    state = json.loads(open(p, encoding="utf-8").read())
    seeds["state"].append(json.dumps(state, separators=(",", ":")))
    state["format"] = "copyimage-serve-state/2"
    state["version"] = 0
    seeds["state"].append(json.dumps(state, separators=(",", ":")) + "\n" + journal_text)

total = 0
for target, items in seeds.items():
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    for s in items:
        b = s.encode("utf-8")
        with open(os.path.join(d, hashlib.sha1(b).hexdigest()), "wb") as f:
            f.write(b)
    total += len(items)
    print("  %-14s %4d seeds" % (target, len(items)))
print("  %d seeds in fuzz/corpus/" % total)

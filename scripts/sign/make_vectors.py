#!/usr/bin/env python3
"""Makes the signing test vectors in crates/engine/tests/vectors/sdk_vectors.json with the official
Alibaba Cloud Python packages (versions pinned in requirements.txt), fixed timestamps and nonces.

Three kinds of vector:
  * v1:   the core SDK's V1 signer (aliyunsdkcore rpc_signature_composer.get_signed_url) and the Tea
          util's V1 signer (alibabacloud_openapi_util Client.get_rpcsignature) on the same parameters;
  * v3:   the Tea util's V3 signer (alibabacloud_openapi_util Client.get_authorization) on chosen
          query / header sets, including the nine headers the Tea SDK really signs;
  * wire: whole HTTP requests the real clients (AcsClient + CopyImageRequest, the Tea ECS client in V3
          and in v2 mode) sent to a capture server on 127.0.0.1, for the gateway tests.

Run: python3 -m venv /tmp/signvenv && /tmp/signvenv/bin/pip install -r scripts/sign/requirements.txt
     /tmp/signvenv/bin/python scripts/sign/make_vectors.py > crates/engine/tests/vectors/sdk_vectors.json
"""
import hashlib
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.metadata import version
from urllib.parse import parse_qsl, urlsplit

from aliyunsdkcore.auth.composer import rpc_signature_composer as rpc
from aliyunsdkcore.utils import parameter_helper as core_helper
from alibabacloud_openapi_util.client import Client as OpenApiUtil
from Tea.request import TeaRequest

AK, SECRET = "testid", "testsecret"
TS = "2026-11-27T08:30:00Z"
NONCE = "c0ffee00-1234-4abc-8def-0123456789ab"

# Values that exercise every encoding rule people get wrong.
NASTY = [
    ("DestinationImageName", "镜像-副本 (copy)"),
    ("DestinationDescription", "a b*c~d%e!f'g(h)i+j/k=l&m"),
    ("Tag.1.Key", "env"),
    ("Tag.1.Value", "prod *~"),
    ("Tag.2.Key", "owner"),
    ("Tag.2.Value", ""),
    ("Tag.10.Key", "z"),
    ("Tag.10.Value", "ümlaut"),
]
BASE = [("Action", "CopyImage"), ("Version", "2014-05-26"), ("RegionId", "cn-hangzhou"),
        ("ImageId", "m-bp1h46wfpjsjastc****"), ("DestinationRegionId", "cn-shanghai")]


def core_v1(name, method, params, body=None, ts=TS, nonce=NONCE, secret=SECRET, fmt="JSON"):
    """The core SDK's signer, with its clock and uuid fixed."""
    core_helper.get_iso_8061_date = lambda: ts
    core_helper.get_uuid = lambda: nonce
    url, sts = rpc.get_signed_url(dict(params), AK, secret, fmt, method, dict(body or []))
    q = dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))
    signature = q.pop("Signature")
    signed = list(q.items()) + list(body or [])
    # The Tea util's V1 signer must agree on the same set: a cross-check between the two official signers.
    tea_sig = OpenApiUtil.get_rpcsignature(dict(signed), method, secret)
    assert tea_sig == signature, (name, tea_sig, signature)
    return {"name": name, "signer": "aliyunsdkcore get_signed_url + alibabacloud_openapi_util get_rpcsignature",
            "method": method, "secret": secret, "params": [list(p) for p in signed],
            "string_to_sign": sts, "signature": signature, "url_query": url[2:]}


def util_v3(name, method, query, headers, body=b"", secret=SECRET):
    req = TeaRequest()
    req.method = method
    req.pathname = "/"
    req.query = dict(query)
    req.headers = dict(headers)
    payload = hashlib.sha256(body).hexdigest()
    auth = OpenApiUtil.get_authorization(req, "ACS3-HMAC-SHA256", payload, AK, secret)
    return {"name": name, "signer": "alibabacloud_openapi_util get_authorization", "method": method,
            "path": "/", "query": [list(p) for p in query], "headers": [list(h) for h in headers],
            "body": body.decode("utf-8"), "hashed_payload": payload, "access_key_id": AK, "secret": secret,
            "authorization": auth}


def v1_vectors():
    out = [core_v1("doc_describe_regions_get", "GET",
                   [("Action", "DescribeRegions"), ("Version", "2014-05-26")], fmt="XML")]
    out.append(core_v1("copyimage_minimal_post", "POST", BASE))
    out.append(core_v1("copyimage_nasty_get", "GET", BASE + NASTY))
    out.append(core_v1("copyimage_nasty_post", "POST", BASE + NASTY))
    out.append(core_v1("copyimage_form_body_post", "POST", BASE[:2], body=BASE[2:] + NASTY))
    out.append(core_v1("copyimage_bools_and_owner", "POST",
                       BASE + [("Encrypted", "True"), ("DryRun", "false"), ("OwnerId", "1234567890"),
                               ("KMSKeyId", "0e478b7a-4262-4802-b8cb-00d3fb40****"),
                               ("ClientToken", "123e4567-e89b-12d3-a456-426655440000")]))
    out.append(core_v1("lower_case_format_and_token", "GET",
                       BASE + [("SecurityToken", "CAIS+token/with=chars")], fmt="json"))
    out.append(core_v1("secret_with_symbols", "GET", BASE, secret="s3cr3t+/=&~ key"))
    out.append(core_v1("every_ascii_punctuation", "GET",
                       BASE + [("DestinationDescription", "".join(chr(c) for c in range(32, 127)))]))
    out.append(core_v1("emoji_and_cjk", "POST", BASE + [("DestinationDescription", "复制 🚀 イメージ")]))
    return out


def v3_vectors():
    host = "ecs.cn-hangzhou.aliyuncs.com"
    six = [("host", host), ("x-acs-action", "CopyImage"), ("x-acs-version", "2014-05-26"),
           ("x-acs-date", TS), ("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"),
           ("x-acs-content-sha256", hashlib.sha256(b"").hexdigest())]
    nine = [("host", host), ("x-acs-version", "2014-05-26"), ("x-acs-action", "CopyImage"),
            ("user-agent", "AlibabaCloud (Linux; x86_64) Python/3.11.2 Core/1.0.9 TeaDSL/2"),
            ("x-acs-date", TS), ("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"),
            ("accept", "application/json"), ("x-acs-content-sha256", hashlib.sha256(b"").hexdigest()),
            ("x-acs-credentials-provider", "static_ak")]
    biz = BASE[2:]
    out = [util_v3("six_headers_minimal", "POST", biz, six)]
    out.append(util_v3("six_headers_nasty", "POST", biz + NASTY, six))
    out.append(util_v3("nine_tea_headers_nasty", "POST", biz + NASTY, nine))
    out.append(util_v3("get_with_port_and_padded_value", "GET", biz,
                       [("Host", "127.0.0.1:8765"), ("X-Acs-Action", "CopyImage"), ("x-acs-version", " 2014-05-26 "),
                        ("x-acs-date", TS), ("x-acs-signature-nonce", "n-1"),
                        ("x-acs-content-sha256", hashlib.sha256(b"").hexdigest())]))
    form = "&".join(f"{k}={v}" for k, v in [("RegionId", "cn-hangzhou"), ("ImageId", "m-1"),
                                              ("DestinationImageName", "a%20b%2A")]).encode()
    hdrs = six[:5] + [("x-acs-content-sha256", hashlib.sha256(form).hexdigest()),
                      ("content-type", "application/x-www-form-urlencoded")]
    out.append(util_v3("form_body", "POST", [], hdrs, body=form))
    out.append(util_v3("empty_query_secret_with_space", "POST", [], six, secret="testsecret "))
    return out


class Capture(BaseHTTPRequestHandler):
    captured = []

    def _handle(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n).decode("utf-8") if n else ""
        path, _, query = self.path.partition("?")
        Capture.captured.append({"method": self.command, "host": self.headers.get("Host", ""), "path": path,
                                 "query": query, "headers": [[k, v] for k, v in self.headers.items()],
                                 "body": body})
        out = b'{"RequestId":"473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E","ImageId":"m-bp1copy"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json;charset=utf-8")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    do_GET = do_POST = _handle

    def log_message(self, *a):
        pass


def wire_vectors():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Capture)
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    out = []

    def take(name, client, style):
        req = Capture.captured.pop()
        out.append({"name": name, "client": client, "style": style, "access_key_id": AK, "secret": SECRET,
                    "now": TS, "request": req})

    # Old SDK (V1), POST, all in the query; then with form-body parameters.
    from aliyunsdkcore.client import AcsClient
    from aliyunsdkecs.request.v20140526.CopyImageRequest import CopyImageRequest
    core_helper.get_iso_8061_date = lambda: TS
    core_helper.get_uuid = lambda: NONCE
    client = AcsClient(AK, SECRET, "cn-hangzhou", port=port, auto_retry=False)
    r = CopyImageRequest()
    r.set_endpoint("127.0.0.1")
    r.set_protocol_type("http")
    r.set_ImageId("m-bp1h46wfpjsjastc****")
    r.set_DestinationRegionId("cn-shanghai")
    r.set_DestinationImageName("镜像 copy*~!'()")
    r.set_Tags([{"Key": "env", "Value": "prod"}, {"Key": "empty", "Value": ""}])
    client.do_action_with_exception(r)
    take("core_sdk_copyimage_post", "aliyun-python-sdk-core + aliyun-python-sdk-ecs", "v1")
    r = CopyImageRequest()
    r.set_endpoint("127.0.0.1")
    r.set_protocol_type("http")
    r.set_ImageId("m-bp1h46wfpjsjastc****")
    r.add_body_params("DestinationDescription", "from the form (body) ~*")
    r.add_body_params("DestinationRegionId", "cn-shanghai")
    client.do_action_with_exception(r)
    take("core_sdk_copyimage_form_body", "aliyun-python-sdk-core + aliyun-python-sdk-ecs", "v1")

    # Tea SDK: V3 by default, and V1 ("v2") when asked.
    from alibabacloud_ecs20140526.client import Client
    from alibabacloud_ecs20140526 import models
    from alibabacloud_tea_openapi import models as open_api_models
    from alibabacloud_tea_openapi.utils import Utils
    from darabonba.runtime import RuntimeOptions
    Utils.get_timestamp = staticmethod(lambda: TS)
    Utils.get_nonce = staticmethod(lambda: "3156853299f313e23d1673dc12e1703d")
    for algo in ["v3", "v2"]:
        cfg = open_api_models.Config(access_key_id=AK, access_key_secret=SECRET, endpoint=f"127.0.0.1:{port}",
                                     protocol="http", region_id="cn-hangzhou")
        if algo == "v2":
            cfg.signature_algorithm = "v2"
        req = models.CopyImageRequest(
            region_id="cn-hangzhou", image_id="m-bp1h46wfpjsjastc****", destination_region_id="cn-shanghai",
            destination_image_name="镜像 copy*~!'()", destination_description="100% (test)",
            encrypted=True, dry_run=False,
            tag=[models.CopyImageRequestTag(key="env", value="a b"), models.CopyImageRequestTag(key="x", value="")])
        Client(cfg).copy_image_with_options(req, RuntimeOptions())
        take(f"tea_sdk_copyimage_{algo}", "alibabacloud_ecs20140526 (Tea)", "v3" if algo == "v3" else "v1")
    server.shutdown()
    return out


def main():
    pkgs = ["aliyun-python-sdk-core", "aliyun-python-sdk-ecs", "alibabacloud_openapi_util",
            "alibabacloud_tea_openapi", "alibabacloud_ecs20140526", "darabonba-core"]
    doc = {"about": "Signing vectors made by scripts/sign/make_vectors.py with the official Python packages; "
                    "do not edit by hand.",
           "packages": {p: version(p) for p in pkgs}, "v1": v1_vectors(), "v3": v3_vectors(),
           "wire": wire_vectors()}
    json.dump(doc, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Runs the official Python ECS clients against `copyimage serve`.

Three clients, the same story each time (the world is reset between them through the admin route):
  * aliyun-python-sdk-core + aliyun-python-sdk-ecs (the old SDK; V1 HMAC-SHA1, GET/POST query),
  * alibabacloud_ecs20140526 in its default mode (V3, ACS3-HMAC-SHA256 with nine signed headers),
  * alibabacloud_ecs20140526 with signature_algorithm='v2' (V1 through the Tea RPC path).

Story: CopyImage succeeds; DescribeImages shows the copy in progress; CancelCopyImage succeeds and the copy
is gone; a CopyImage that breaks a documented rule fails with the exact code and message; a wrong secret fails
with SignatureDoesNotMatch as the SDK recognises it.

Environment: COPYIMAGE_ENDPOINT (e.g. 127.0.0.1:8765), COPYIMAGE_AK_ID, COPYIMAGE_AK_SECRET,
COPYIMAGE_SOURCE_IMAGE (an Available image of the account in cn-hangzhou).
Exit status 0 only if every check passed.
"""

import json
import os
import sys
import urllib.request

ENDPOINT = os.environ["COPYIMAGE_ENDPOINT"]
HOST, PORT = ENDPOINT.rsplit(":", 1)
AK_ID = os.environ["COPYIMAGE_AK_ID"]
AK_SECRET = os.environ["COPYIMAGE_AK_SECRET"]
SOURCE_IMAGE = os.environ["COPYIMAGE_SOURCE_IMAGE"]
SOURCE_REGION = "cn-hangzhou"
DEST_REGION = "cn-shanghai"

# The documented error the story triggers: copying an image into its own region.
# CopyImage reference, error table: 403 IncorrectDestinationRegion.
SAME_REGION = (403, "IncorrectDestinationRegion", "The destination region is not equal the target region.")
# A source image that does not exist: 404 InvalidImageId.NotFound.
NOT_FOUND = (404, "InvalidImageId.NotFound", "The specified ImageId does not exist.")

failures = []
passes = 0


def check(name, cond, detail=""):
    global passes
    if cond:
        passes += 1
        print(f"ok   {name}")
    else:
        failures.append(name)
        print(f"FAIL {name} {detail}")


def admin(path):
    req = urllib.request.Request(f"http://{ENDPOINT}/__admin/{path}", data=b"", method="POST")
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())


# --------------------------------------------------------------------------------------------------------
# Adapters: each exposes the same four calls and turns the SDK's exception into (status, code, message).


class OldSdk:
    name = "aliyun-python-sdk-core (V1)"

    def __init__(self, secret=AK_SECRET):
        from aliyunsdkcore.client import AcsClient

        self.client = AcsClient(AK_ID, secret, SOURCE_REGION, port=int(PORT), auto_retry=False, timeout=10)

    def _do(self, req, region):
        req.set_endpoint(HOST)
        req.set_protocol_type("http")
        req.add_query_param("RegionId", region)
        return json.loads(self.client.do_action_with_exception(req))

    def copy_image(self, image_id, dest, name=None, region=SOURCE_REGION):
        from aliyunsdkecs.request.v20140526.CopyImageRequest import CopyImageRequest

        req = CopyImageRequest()
        req.set_ImageId(image_id)
        req.set_DestinationRegionId(dest)
        if name:
            req.set_DestinationImageName(name)
        return self._do(req, region)["ImageId"]

    def describe(self, region, image_id, status):
        from aliyunsdkecs.request.v20140526.DescribeImagesRequest import DescribeImagesRequest

        req = DescribeImagesRequest()
        req.set_ImageId(image_id)
        req.set_Status(status)
        body = self._do(req, region)
        return [{"ImageId": i["ImageId"], "Status": i["Status"], "Progress": i.get("Progress"),
                 "IsCopied": i.get("IsCopied")} for i in body["Images"]["Image"]]

    def cancel(self, region, image_id):
        from aliyunsdkecs.request.v20140526.CancelCopyImageRequest import CancelCopyImageRequest

        req = CancelCopyImageRequest()
        req.set_ImageId(image_id)
        return self._do(req, region)["RequestId"]

    @staticmethod
    def error(e):
        from aliyunsdkcore.acs_exception.exceptions import ServerException

        if not isinstance(e, ServerException):
            raise e
        return (e.get_http_status(), e.get_error_code(), e.get_error_msg())

    # The old core SDK compares the server's StringToSign (after "server string to sign is:") with its own;
    # when they agree the signature can only differ by the secret, and it reports InvalidAccessKeySecret.
    WRONG_SECRET = (400, "InvalidAccessKeySecret",
                    "The AccessKeySecret is incorrect. Please check your AccessKeyId and AccessKeySecret.")


class TeaSdk:
    def __init__(self, v2, secret=AK_SECRET):
        from alibabacloud_ecs20140526.client import Client
        from alibabacloud_tea_openapi import models as open_api_models

        cfg = open_api_models.Config(access_key_id=AK_ID, access_key_secret=secret, endpoint=ENDPOINT,
                                     protocol="http", region_id=SOURCE_REGION)
        if v2:
            cfg.signature_algorithm = "v2"
        self.v2 = v2
        self.name = "alibabacloud_ecs20140526 (%s)" % ("signature_algorithm='v2', V1" if v2 else "default, V3")
        self.client = Client(cfg)

    def _runtime(self):
        from darabonba.runtime import RuntimeOptions

        return RuntimeOptions(autoretry=False, max_attempts=0)

    def copy_image(self, image_id, dest, name=None, region=SOURCE_REGION):
        from alibabacloud_ecs20140526 import models

        req = models.CopyImageRequest(region_id=region, image_id=image_id, destination_region_id=dest,
                                      destination_image_name=name)
        return self.client.copy_image_with_options(req, self._runtime()).body.image_id

    def describe(self, region, image_id, status):
        from alibabacloud_ecs20140526 import models

        req = models.DescribeImagesRequest(region_id=region, image_id=image_id, status=status)
        body = self.client.describe_images_with_options(req, self._runtime()).body
        return [{"ImageId": i.image_id, "Status": i.status, "Progress": i.progress, "IsCopied": i.is_copied}
                for i in body.images.image]

    def cancel(self, region, image_id):
        from alibabacloud_ecs20140526 import models

        req = models.CancelCopyImageRequest(region_id=region, image_id=image_id)
        return self.client.cancel_copy_image_with_options(req, self._runtime()).body.request_id

    @staticmethod
    def error(e):
        from alibabacloud_tea_openapi.exceptions import AlibabaCloudException

        if not isinstance(e, AlibabaCloudException):
            raise e
        # e.message is "code: <status>, <Message> request id: <id>"; e.data is the parsed body.
        data = e.data or {}
        return (e.status_code, e.code, data.get("Message"))

    WRONG_SECRET = None  # filled per instance below (the message carries the server's StringToSign)


def expect_error(sdk, label, fn, expected):
    try:
        got = fn()
    except Exception as e:  # noqa: BLE001 - the adapter re-raises what is not an SDK error
        got_err = sdk.error(e)
        check(f"{sdk.name}: {label} -> {expected[1]}", got_err == expected, f"got {got_err!r}")
        return got_err
    check(f"{sdk.name}: {label} -> {expected[1]}", False, f"succeeded with {got!r}")
    return None


def story(make):
    admin("reset")
    sdk = make(AK_SECRET)
    name = sdk.name

    new_id = None
    try:
        new_id = sdk.copy_image(SOURCE_IMAGE, DEST_REGION, name="sdk-copy")
        check(f"{name}: CopyImage succeeds", isinstance(new_id, str) and new_id.startswith("m-"), repr(new_id))
    except Exception as e:  # noqa: BLE001
        check(f"{name}: CopyImage succeeds", False, repr(e))
        return

    try:
        imgs = sdk.describe(DEST_REGION, new_id, "Creating,Waiting")
        ok = len(imgs) == 1 and imgs[0]["ImageId"] == new_id and imgs[0]["Status"] in ("Creating", "Waiting")
        check(f"{name}: DescribeImages shows the copy in progress", ok, repr(imgs))
        done = sdk.describe(DEST_REGION, new_id, "Available")
        check(f"{name}: the copy is not Available yet", done == [], repr(done))
    except Exception as e:  # noqa: BLE001
        check(f"{name}: DescribeImages shows the copy in progress", False, repr(e))

    try:
        rid = sdk.cancel(DEST_REGION, new_id)
        check(f"{name}: CancelCopyImage succeeds", isinstance(rid, str) and len(rid) == 36, repr(rid))
        gone = sdk.describe(DEST_REGION, new_id, "Creating,Waiting,Available,CreateFailed,UnAvailable")
        check(f"{name}: the cancelled copy is gone", gone == [], repr(gone))
    except Exception as e:  # noqa: BLE001
        check(f"{name}: CancelCopyImage succeeds", False, repr(e))

    expect_error(sdk, "CopyImage into its own region", lambda: sdk.copy_image(SOURCE_IMAGE, SOURCE_REGION),
                 SAME_REGION)
    expect_error(sdk, "CopyImage of a missing image", lambda: sdk.copy_image("m-bp1doesnotexist0000", DEST_REGION),
                 NOT_FOUND)

    bad = make(AK_SECRET + "x")
    if isinstance(bad, OldSdk):
        expect_error(bad, "wrong secret", lambda: bad.copy_image(SOURCE_IMAGE, DEST_REGION), OldSdk.WRONG_SECRET)
    else:
        label = f"{bad.name}: wrong secret -> SignatureDoesNotMatch"
        try:
            bad.copy_image(SOURCE_IMAGE, DEST_REGION)
            check(label, False, "succeeded")
        except Exception as e:  # noqa: BLE001
            status, code, msg = bad.error(e)
            prefix = "Specified signature is not matched with our calculation. server string to sign is:"
            check(label, (status, code) == (400, "SignatureDoesNotMatch") and (msg or "").startswith(prefix),
                  repr((status, code, msg)))


def main():
    story(lambda s: OldSdk(s))
    story(lambda s: TeaSdk(False, s))
    story(lambda s: TeaSdk(True, s))
    print(f"python sdk: {passes} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Runs the official Python ECS clients against `copyimage serve`.

Three clients, the same story each time (the world is reset between them through the admin route):
  * aliyun-python-sdk-core + aliyun-python-sdk-ecs (the old SDK; V1 HMAC-SHA1, GET/POST query),
  * alibabacloud_ecs20140526 in its default mode (V3, ACS3-HMAC-SHA256 with nine signed headers),
  * alibabacloud_ecs20140526 with signature_algorithm='v2' (V1 through the Tea RPC path).

Story: CopyImage succeeds; DescribeImages shows the copy in progress; CancelCopyImage succeeds and the copy
is gone; a CopyImage that breaks a documented rule fails with the exact code and message; a wrong secret fails
with SignatureDoesNotMatch as the SDK recognises it. Then the copy is used where it landed: RunInstances from
the copy in progress is refused, succeeds once the world clock has run the copy to Available; ReplaceSystemDisk
is refused on the running instance and succeeds once StopInstance has stopped it.

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
# RunInstances/ReplaceSystemDisk from a copy not yet Available (the playground's choice, FIDELITY.md "Instances").
NOT_AVAILABLE = (400, "IncorrectImageStatus", "The image not available.")
# ReplaceSystemDisk error table: 403 IncorrectInstanceStatus (the instance must be Stopped).
WRONG_STATUS = (403, "IncorrectInstanceStatus", "The current status of the resource does not support this operation.")

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

    def run_instances(self, region, image_id, instance_type):
        from aliyunsdkecs.request.v20140526.RunInstancesRequest import RunInstancesRequest

        req = RunInstancesRequest()
        req.set_ImageId(image_id)
        req.set_InstanceType(instance_type)
        return self._do(req, region)["InstanceIdSets"]["InstanceIdSet"]

    def stop_instance(self, region, instance_id):
        from aliyunsdkecs.request.v20140526.StopInstanceRequest import StopInstanceRequest

        req = StopInstanceRequest()
        req.set_InstanceId(instance_id)
        return self._do(req, region)["RequestId"]

    def replace_system_disk(self, region, instance_id, image_id):
        from aliyunsdkecs.request.v20140526.ReplaceSystemDiskRequest import ReplaceSystemDiskRequest

        req = ReplaceSystemDiskRequest()
        req.set_InstanceId(instance_id)
        req.set_ImageId(image_id)
        return self._do(req, region)["DiskId"]

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

    def run_instances(self, region, image_id, instance_type):
        from alibabacloud_ecs20140526 import models

        req = models.RunInstancesRequest(region_id=region, image_id=image_id, instance_type=instance_type)
        return self.client.run_instances_with_options(req, self._runtime()).body.instance_id_sets.instance_id_set

    def stop_instance(self, region, instance_id):
        from alibabacloud_ecs20140526 import models

        req = models.StopInstanceRequest(instance_id=instance_id)
        return self.client.stop_instance_with_options(req, self._runtime()).body.request_id

    def replace_system_disk(self, region, instance_id, image_id):
        from alibabacloud_ecs20140526 import models

        req = models.ReplaceSystemDiskRequest(instance_id=instance_id, image_id=image_id)
        return self.client.replace_system_disk_with_options(req, self._runtime()).body.disk_id

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


def use_the_copy(make):
    """RunInstances and ReplaceSystemDisk with the copy, in the destination region."""
    admin("reset")
    sdk = make(AK_SECRET)
    name = sdk.name
    try:
        copy = sdk.copy_image(SOURCE_IMAGE, DEST_REGION, name="sdk-copy")
    except Exception as e:  # noqa: BLE001
        check(f"{name}: CopyImage succeeds", False, repr(e))
        return
    expect_error(sdk, "RunInstances from the copy in progress",
                 lambda: sdk.run_instances(DEST_REGION, copy, "ecs.g6.large"), NOT_AVAILABLE)
    admin("run_to_idle")
    try:
        ids = sdk.run_instances(DEST_REGION, copy, "ecs.g6.large")
        ok = isinstance(ids, list) and len(ids) == 1 and ids[0].startswith("i-")
        check(f"{name}: RunInstances from the Available copy succeeds", ok, repr(ids))
    except Exception as e:  # noqa: BLE001
        check(f"{name}: RunInstances from the Available copy succeeds", False, repr(e))
        return
    admin("run_to_idle")  # the new instance goes from Pending to Running
    expect_error(sdk, "ReplaceSystemDisk on a running instance",
                 lambda: sdk.replace_system_disk(DEST_REGION, ids[0], copy), WRONG_STATUS)
    try:
        sdk.stop_instance(DEST_REGION, ids[0])
        disk = sdk.replace_system_disk(DEST_REGION, ids[0], copy)
        check(f"{name}: ReplaceSystemDisk on the stopped instance succeeds",
              isinstance(disk, str) and disk.startswith("d-"), repr(disk))
    except Exception as e:  # noqa: BLE001
        check(f"{name}: ReplaceSystemDisk on the stopped instance succeeds", False, repr(e))


def main():
    story(lambda s: OldSdk(s))
    story(lambda s: TeaSdk(False, s))
    story(lambda s: TeaSdk(True, s))
    use_the_copy(lambda s: OldSdk(s))
    use_the_copy(lambda s: TeaSdk(False, s))
    use_the_copy(lambda s: TeaSdk(True, s))
    print(f"python sdk: {passes} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

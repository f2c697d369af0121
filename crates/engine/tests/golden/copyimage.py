# pip install alibabacloud_ecs20140526
import os

from alibabacloud_ecs20140526.client import Client
from alibabacloud_ecs20140526 import models
from alibabacloud_tea_openapi import models as open_api_models
from darabonba.runtime import RuntimeOptions

config = open_api_models.Config(
    access_key_id=os.environ.get('ALIBABA_CLOUD_ACCESS_KEY_ID', "testid"),
    access_key_secret=os.environ['ALIBABA_CLOUD_ACCESS_KEY_SECRET'],
    endpoint="ecs.cn-hangzhou.aliyuncs.com",
    protocol="https",
    region_id="cn-hangzhou",
)
client = Client(config)

request = models.CopyImageRequest(
    region_id="cn-hangzhou",
    image_id="m-bp1h46wfpjsjastc****",
    destination_region_id="cn-shanghai",
    destination_image_name="镜像 copy*~!'()",
    destination_description="it's 100%",
    encrypted=True,
    kmskey_id="0e478b7a-4262-4802-b8cb-00d3fb40****",
    tag=[
        models.CopyImageRequestTag(key="env", value="prod"),
        models.CopyImageRequestTag(key="team", value=""),
    ],
)
response = client.copy_image_with_options(request, RuntimeOptions())
print(response.body.to_map())

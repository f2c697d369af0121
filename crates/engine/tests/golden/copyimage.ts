// npm install @alicloud/ecs20140526
import Ecs20140526, * as $Ecs20140526 from '@alicloud/ecs20140526';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import * as $dara from '@darabonba/typescript';

async function main(): Promise<void> {
  const config = new $OpenApiUtil.Config({
    accessKeyId: process.env.ALIBABA_CLOUD_ACCESS_KEY_ID ?? "testid",
    accessKeySecret: process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
    endpoint: "ecs.cn-hangzhou.aliyuncs.com",
    protocol: "https",
    regionId: "cn-hangzhou",
  });
  const client = new Ecs20140526(config);
  const request = new $Ecs20140526.CopyImageRequest({
    regionId: "cn-hangzhou",
    imageId: "m-bp1h46wfpjsjastc****",
    destinationRegionId: "cn-shanghai",
    destinationImageName: "镜像 copy*~!'()",
    destinationDescription: "it's 100%",
    encrypted: true,
    KMSKeyId: "0e478b7a-4262-4802-b8cb-00d3fb40****",
    tag: [
      new $Ecs20140526.CopyImageRequestTag({ key: "env", value: "prod" }),
      new $Ecs20140526.CopyImageRequestTag({ key: "team", value: "" }),
    ],
  });
  const response = await client.copyImageWithOptions(request, new $dara.RuntimeOptions({}));
  console.log(JSON.stringify(response.body));
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});

#!/usr/bin/env node
// Runs the official npm ECS client (@alicloud/ecs20140526, the TypeScript SDK compiled to JS) against
// `copyimage serve`, in its default V3 mode and with signatureAlgorithm 'v2' (V1 HMAC-SHA1).
// Same story as sdk_python_test.py: CopyImage succeeds, DescribeImages shows the copy in progress,
// CancelCopyImage, a documented error with its exact code and message, a wrong secret; then the copy used where
// it landed: RunInstances refused while the copy is in progress and accepted once it is Available,
// ReplaceSystemDisk refused on the running instance and accepted once it is stopped.
// Environment: COPYIMAGE_ENDPOINT (host:port), COPYIMAGE_AK_ID, COPYIMAGE_AK_SECRET, COPYIMAGE_SOURCE_IMAGE.
'use strict';

const Ecs = require('@alicloud/ecs20140526');
const { $OpenApiUtil } = require('@alicloud/openapi-core');
const $dara = require('@darabonba/typescript');
const http = require('http');

const ENDPOINT = process.env.COPYIMAGE_ENDPOINT;
const AK_ID = process.env.COPYIMAGE_AK_ID;
const AK_SECRET = process.env.COPYIMAGE_AK_SECRET;
const SOURCE_IMAGE = process.env.COPYIMAGE_SOURCE_IMAGE;
const SOURCE_REGION = 'cn-hangzhou';
const DEST_REGION = 'cn-shanghai';
const SAME_REGION = [403, 'IncorrectDestinationRegion', 'The destination region is not equal the target region.'];
const NOT_FOUND = [404, 'InvalidImageId.NotFound', 'The specified ImageId does not exist.'];
const NOT_AVAILABLE = [400, 'IncorrectImageStatus', 'The image not available.'];
const WRONG_STATUS = [403, 'IncorrectInstanceStatus', 'The current status of the resource does not support this operation.'];
const SIG_PREFIX = 'Specified signature is not matched with our calculation. server string to sign is:';

let passed = 0;
const failed = [];
function check(name, cond, detail) {
  if (cond) {
    passed += 1;
    console.log(`ok   ${name}`);
  } else {
    failed.push(name);
    console.log(`FAIL ${name} ${detail || ''}`);
  }
}

function admin(route) {
  const [host, port] = ENDPOINT.split(':');
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port, path: `/__admin/${route}`, method: 'POST' }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${route}: ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

const adminReset = () => admin('reset');

function client(v2, secret) {
  const config = new $OpenApiUtil.Config({
    accessKeyId: AK_ID,
    accessKeySecret: secret,
    endpoint: ENDPOINT,
    protocol: 'http',
    regionId: SOURCE_REGION,
  });
  if (v2) config.signatureAlgorithm = 'v2';
  return new Ecs.default(config);
}

const runtime = () => new $dara.RuntimeOptions({ autoretry: false, maxAttempts: 0 });

function errorOf(e) {
  if (e === null || typeof e !== 'object' || !('code' in e)) throw e;
  return [e.statusCode, e.code, (e.data || {}).Message];
}

async function expectError(label, fn, expected) {
  try {
    const r = await fn();
    check(label, false, `succeeded: ${JSON.stringify(r)}`);
  } catch (e) {
    const got = errorOf(e);
    check(label, JSON.stringify(got) === JSON.stringify(expected), `got ${JSON.stringify(got)}`);
  }
}

async function story(v2) {
  const name = `@alicloud/ecs20140526 (${v2 ? "signatureAlgorithm 'v2', V1" : 'default, V3'})`;
  await adminReset();
  const c = client(v2, AK_SECRET);
  const copy = (imageId, dest, region = SOURCE_REGION) =>
    c.copyImageWithOptions(
      new Ecs.CopyImageRequest({ regionId: region, imageId, destinationRegionId: dest, destinationImageName: 'npm-copy' }),
      runtime(),
    );
  const describe = async (imageId, status) => {
    const r = await c.describeImagesWithOptions(
      new Ecs.DescribeImagesRequest({ regionId: DEST_REGION, imageId, status }),
      runtime(),
    );
    return ((r.body.images || {}).image || []).map((i) => ({ id: i.imageId, status: i.status, progress: i.progress }));
  };

  let newId;
  try {
    newId = (await copy(SOURCE_IMAGE, DEST_REGION)).body.imageId;
    check(`${name}: CopyImage succeeds`, typeof newId === 'string' && newId.startsWith('m-'), newId);
  } catch (e) {
    check(`${name}: CopyImage succeeds`, false, String(e && e.message));
    return;
  }
  try {
    const imgs = await describe(newId, 'Creating,Waiting');
    check(
      `${name}: DescribeImages shows the copy in progress`,
      imgs.length === 1 && imgs[0].id === newId && ['Creating', 'Waiting'].includes(imgs[0].status),
      JSON.stringify(imgs),
    );
  } catch (e) {
    check(`${name}: DescribeImages shows the copy in progress`, false, String(e && e.message));
  }
  try {
    const r = await c.cancelCopyImageWithOptions(
      new Ecs.CancelCopyImageRequest({ regionId: DEST_REGION, imageId: newId }),
      runtime(),
    );
    check(`${name}: CancelCopyImage succeeds`, typeof r.body.requestId === 'string' && r.body.requestId.length === 36);
    const gone = await describe(newId, 'Creating,Waiting,Available,CreateFailed,UnAvailable');
    check(`${name}: the cancelled copy is gone`, gone.length === 0, JSON.stringify(gone));
  } catch (e) {
    check(`${name}: CancelCopyImage succeeds`, false, String(e && e.message));
  }
  await expectError(`${name}: CopyImage into its own region`, () => copy(SOURCE_IMAGE, SOURCE_REGION), SAME_REGION);
  await expectError(`${name}: CopyImage of a missing image`, () => copy('m-bp1doesnotexist0000', DEST_REGION), NOT_FOUND);

  const bad = client(v2, `${AK_SECRET}x`);
  try {
    await bad.copyImageWithOptions(
      new Ecs.CopyImageRequest({ regionId: SOURCE_REGION, imageId: SOURCE_IMAGE, destinationRegionId: DEST_REGION }),
      runtime(),
    );
    check(`${name}: wrong secret -> SignatureDoesNotMatch`, false, 'succeeded');
  } catch (e) {
    const [status, code, msg] = errorOf(e);
    check(
      `${name}: wrong secret -> SignatureDoesNotMatch`,
      status === 400 && code === 'SignatureDoesNotMatch' && (msg || '').startsWith(SIG_PREFIX),
      JSON.stringify([status, code, msg]),
    );
  }
}

async function useTheCopy(v2) {
  const name = `@alicloud/ecs20140526 (${v2 ? "signatureAlgorithm 'v2', V1" : 'default, V3'})`;
  await adminReset();
  const c = client(v2, AK_SECRET);
  const copy = (await c.copyImageWithOptions(
    new Ecs.CopyImageRequest({ regionId: SOURCE_REGION, imageId: SOURCE_IMAGE, destinationRegionId: DEST_REGION }),
    runtime(),
  )).body.imageId;
  const run = () => c.runInstancesWithOptions(
    new Ecs.RunInstancesRequest({ regionId: DEST_REGION, imageId: copy, instanceType: 'ecs.g6.large' }),
    runtime(),
  );
  const replace = (instanceId) => c.replaceSystemDiskWithOptions(
    new Ecs.ReplaceSystemDiskRequest({ instanceId, imageId: copy }),
    runtime(),
  );
  await expectError(`${name}: RunInstances from the copy in progress`, run, NOT_AVAILABLE);
  await admin('run_to_idle');
  let ids;
  try {
    ids = (await run()).body.instanceIdSets.instanceIdSet;
    check(`${name}: RunInstances from the Available copy succeeds`,
      Array.isArray(ids) && ids.length === 1 && ids[0].startsWith('i-'), JSON.stringify(ids));
  } catch (e) {
    check(`${name}: RunInstances from the Available copy succeeds`, false, String(e && e.message));
    return;
  }
  await admin('run_to_idle'); // Pending -> Running
  await expectError(`${name}: ReplaceSystemDisk on a running instance`, () => replace(ids[0]), WRONG_STATUS);
  try {
    await c.stopInstanceWithOptions(new Ecs.StopInstanceRequest({ instanceId: ids[0] }), runtime());
    const disk = (await replace(ids[0])).body.diskId;
    check(`${name}: ReplaceSystemDisk on the stopped instance succeeds`,
      typeof disk === 'string' && disk.startsWith('d-'), disk);
  } catch (e) {
    check(`${name}: ReplaceSystemDisk on the stopped instance succeeds`, false, String(e && e.message));
  }
}

(async () => {
  await story(false);
  await story(true);
  await useTheCopy(false);
  await useTheCopy(true);
  console.log(`npm sdk: ${passed} passed, ${failed.length} failed`);
  process.exit(failed.length ? 1 : 0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});

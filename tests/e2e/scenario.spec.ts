// Scenarios: presets, world edits that documented errors depend on, fault injection, export.
import { test, expect } from './helpers';
import { body, expectPreview, openAt, shot } from './ui-common';

test('a preset changes the world; editing region support gives RegionNotSupportCopy', async ({ page }, testInfo) => {
  await openAt(page);
  await page.locator('#preset').selectOption('busy-queue');
  await expect(page.locator('#queues li.task[data-state="waiting"]').first()).toBeVisible();
  await page.locator('#preset').selectOption('default');
  await expectPreview(page, 'HTTP/1.1 200 OK', null);
  await page.locator('#scenario-pane summary', { hasText: 'Regions' }).click();
  await page.getByLabel('cn-shanghai supports copy').uncheck();
  await expectPreview(page, 'HTTP/1.1 403 Forbidden', 'RegionNotSupportCopy');
  await expect(body(page)).toContainText('The region not support copy.');
  await shot(page, testInfo, 'scenario-region-edit');
  await page.getByLabel('cn-shanghai supports copy').check();
  await expectPreview(page, 'HTTP/1.1 200 OK', null);
});

test('image state edits and fault injection are flagged as simulated', async ({ page }) => {
  await openAt(page);
  await page.locator('#scenario-pane summary', { hasText: 'Images' }).click();
  await page.getByLabel('m-bp1h46wfpjsjastc**** status').selectOption('UnAvailable');
  await expectPreview(page, 'HTTP/1.1 400 Bad Request', 'IncorrectImageStatus');
  await page.getByLabel('m-bp1h46wfpjsjastc**** status').selectOption('Available');
  await page.locator('#scenario-pane summary', { hasText: 'Fault injection' }).click();
  await page.locator('#fault-500').click();
  await expectPreview(page, 'HTTP/1.1 500 Internal Server Error', 'InternalError');
  await expect(page.locator('#why-basis')).toHaveText('Simulated trigger');
  await page.locator('#send').click();
  // The pane shows what was sent (the fault answered it) until the request is edited; the fault is used up,
  // so the preview of the next Send is a success again.
  await expect(page.locator('#response-mode')).toContainText('Sent');
  await expectPreview(page, 'HTTP/1.1 500 Internal Server Error', 'InternalError');
  await page.getByLabel('Format XML').check();
  await page.getByLabel('Format JSON').check();
  await expect(page.locator('#response-mode')).toContainText('Preview');
  await expectPreview(page, 'HTTP/1.1 200 OK', null);
});

test('scenario export; a FIDELITY setting switches the documented answer', async ({ page }) => {
  await openAt(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-scenario').click()]);
  const json = await (await download.createReadStream()).toArray().then((b) => Buffer.concat(b).toString('utf8'));
  const world = JSON.parse(json);
  expect(world.images.length).toBeGreaterThan(3);
  expect(world.regions.map((r: any) => r.id)).toContain('cn-hangzhou');
  // DestinationRegionId omitted: by default taken as the source region (the reference's own sample).
  await page.getByLabel(/^DestinationRegionId/).fill('');
  await expectPreview(page, 'HTTP/1.1 403 Forbidden', 'IncorrectDestinationRegion');
  await page.locator('#s-missing-dest').selectOption('missing_parameter');
  await expectPreview(page, 'HTTP/1.1 400 Bad Request', 'MissingParameter');
  // The edited queue limit is exported too.
  await page.locator('#s-queue-limit').fill('4');
  await page.locator('#s-queue-limit').blur();
  const [d2] = await Promise.all([page.waitForEvent('download'), page.locator('#export-scenario').click()]);
  const w2 = JSON.parse(await (await d2.createReadStream()).toArray().then((b) => Buffer.concat(b).toString('utf8')));
  expect(w2.settings.queue_limit).toBe(4);
});

test('KMS key and snapshot edits decide the documented KMS and snapshot errors', async ({ page }) => {
  await openAt(page);
  await page.getByLabel(/^Encrypted/).fill('true');
  await page.getByLabel(/^KMSKeyId/).fill('e522b26d-abf6-4e0d-b5da-04b7******3c');
  await expectPreview(page, 'HTTP/1.1 200 OK', null);
  await page.locator('#scenario-pane summary', { hasText: 'Snapshots' }).click();
  await page.locator('#k-0-on').uncheck();
  await expectPreview(page, 'HTTP/1.1 403 Forbidden', 'InvalidParameter.KMSKeyId.CMKNotEnabled');
  await expect(body(page)).toContainText('The CMK needs to be enabled.');
  await page.locator('#k-0-on').check();
  await page.locator('#k-0-auth').uncheck();
  await expectPreview(page, 'HTTP/1.1 403 Forbidden', 'InvalidParameter.KMSKeyId.KMSUnauthorized');
  await expect(body(page)).toContainText('ECS service have no right to access your KMS.');
  // A snapshot from before 2013-07-15 behind the legacy image.
  await page.getByLabel(/^KMSKeyId/).fill('');
  await page.getByLabel(/^Encrypted/).fill('');
  await page.getByLabel(/^ImageId/).fill('m-bp1legacy20120000001');
  await expectPreview(page, 'HTTP/1.1 403 Forbidden', 'InvalidSnapshot.TooOld');
});

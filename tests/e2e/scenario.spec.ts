// Scenarios: presets, world edits that documented errors depend on, fault injection, import/export.
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
  await expectPreview(page, 'HTTP/1.1 200 OK', null);
});

test('scenario export, then import of it and of bad files', async ({ page }) => {
  await openAt(page);
  await page.locator('#scenario-pane summary', { hasText: 'Import / export' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-scenario').click()]);
  const json = await (await download.createReadStream()).toArray().then((b) => Buffer.concat(b).toString('utf8'));
  const world = JSON.parse(json);
  expect(world.images.length).toBeGreaterThan(3);
  // Import an edited copy: the queue limit changes.
  world.settings = { ...(world.settings || {}), queue_limit: 4 };
  await page.locator('#scenario-json').fill(JSON.stringify(world));
  await page.locator('#import-scenario').click();
  await expect(page.locator('#notice')).toContainText('Scenario imported.');
  await expect(page.locator('#s-queue-limit')).toHaveValue('4');
  // A bad file: a clear message, the world unchanged.
  await page.locator('#scenario-json').fill('{"regions": "nope"');
  await page.locator('#import-scenario').click();
  await expect(page.locator('#notice')).toContainText('could not be imported');
  await expect(page.locator('#s-queue-limit')).toHaveValue('4');
  // A file through the file picker.
  await page.locator('#scenario-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"unknown_field": 1}') });
  await expect(page.locator('#notice')).toContainText('could not be imported');
});

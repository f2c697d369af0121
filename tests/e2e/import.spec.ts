// Scenario import (issue 5): the lean first load sends the user to the full build, which reads a scenario file
// (picked or pasted) with the engine's reader; bad files get a clear message and change nothing; a link carries
// the imported world and reopens it exactly, also from the lean build.
import { test, expect } from './helpers';
import { expectPreview, field, openAt, shot } from './ui-common';

/** The minimal preset's scenario JSON (from the page's own export), with a few properties changed. */
async function minimalScenario(page: import('@playwright/test').Page) {
  await openAt(page);
  await page.locator('#preset').selectOption('minimal');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-scenario').click()]);
  const json = await (await download.createReadStream()).toArray().then((b) => Buffer.concat(b).toString('utf8'));
  const world = JSON.parse(json);
  world.settings.queue_limit = 3;
  return world;
}

test('import a scenario file in the full build; the link carries it, also through the lean build', async ({ page }, testInfo) => {
  const world = await minimalScenario(page);
  await page.locator('#preset').selectOption('default');
  await field(page, 'DestinationImageName').fill('kept-across-builds');
  await page.locator('#import-link').click();
  await page.waitForURL(/\/full\/\?import#v=1&/);
  expect(page.url()).toContain('DestinationImageName=kept-across-builds');
  await expect(page.locator('#import-section')).toHaveAttribute('open');
  await expect(field(page, 'DestinationImageName')).toHaveValue('kept-across-builds');

  await page.locator('#scenario-file').setInputFiles({
    name: 'minimal.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(world, null, 2)),
  });
  await expect(page.locator('#notice')).toContainText('Imported a scenario: 2 regions, 1 images, 0 copy tasks.');
  await expect(page.locator('#preset option:checked')).toHaveText('(imported scenario)');
  await expect(page.locator('#s-queue-limit')).toHaveValue('3');
  await expect(page.locator('#image-table tr[data-image]')).toHaveCount(1);
  // The request (kept) is judged against the imported world.
  await field(page, 'RegionId').fill('cn-hangzhou');
  await field(page, 'ImageId').fill(world.images[0].id);
  await field(page, 'DestinationRegionId').fill('cn-shanghai');
  await expectPreview(page, 'HTTP/1.1 200 OK', null);
  await page.locator('#send').click();
  await shot(page, testInfo, 'import-full-build');

  // The link carries the imported world and the send; it reopens exactly, from the full build...
  const link = page.url();
  expect(link).toMatch(/#v=1&scenario=[A-Za-z0-9_-]+&/);
  expect(link).not.toContain('preset=');
  const again = await page.context().newPage();
  await again.goto(link);
  await expect(again.locator('#s-queue-limit')).toHaveValue('3');
  await expect(again.locator('#history-pane .entry')).toHaveCount(1);
  await expect(again.locator('#queues li.task')).toHaveCount(1);
  // ...and from the lean build, which hands it to the full build.
  const fragment = link.slice(link.indexOf('#'));
  const lean = await page.context().newPage();
  await lean.goto(`./${fragment}`);
  await lean.waitForURL(/\/full\/#v=1&scenario=/);
  await expect(lean.locator('#s-queue-limit')).toHaveValue('3');
  await expect(lean.locator('#notice')).toHaveCount(0);
  // Reset world returns to the imported world; a preset replaces it.
  await page.locator('#reset-world').click();
  await expect(page.locator('#queues li.task')).toHaveCount(0);
  await expect(page.locator('#s-queue-limit')).toHaveValue('3');
  await page.locator('#preset').selectOption('default');
  await expect.poll(() => page.url()).toContain('preset=default');
});

test('bad scenario files get a clear message and leave the world as it was', async ({ page }) => {
  const world = await minimalScenario(page);
  await page.goto('./full/?import');
  await page.waitForFunction(() => document.querySelector('#response-status') !== null);
  await page.locator('#send').click();
  await expect(page.locator('#history-pane .entry')).toHaveCount(1);
  const tasksBefore = await page.locator('#queues li.task').count();
  expect(tasksBefore).toBeGreaterThan(0);

  const bad: [string, string][] = [
    ['{ "regions": [', 'scenario JSON: EOF while parsing'],
    [JSON.stringify({ ...world, surprise: 1 }), 'unknown field `surprise`'],
    ['<img src=x onerror=alert(1)>', 'scenario JSON: expected value'],
  ];
  for (const [text, says] of bad) {
    await page.locator('#scenario-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await expect(page.locator('#notice')).toContainText('This scenario could not be imported: ');
    await expect(page.locator('#notice')).toContainText(says);
    await expect(page.locator('#notice')).toContainText('The world is unchanged.');
    await expect(page.locator('#queues li.task')).toHaveCount(tasksBefore);
    await expect(page.locator('#history-pane .entry')).toHaveCount(1);
    await page.getByRole('button', { name: 'Dismiss message' }).click();
  }
  await expect(page.locator('img')).toHaveCount(0);
  // The paste box reads the same way.
  await page.locator('#scenario-text').fill(JSON.stringify({ ...world, settings: { ...world.settings, queue_limit: 'many' } }));
  await page.locator('#import-scenario').click();
  await expect(page.locator('#notice')).toContainText('invalid type: string "many"');
  await page.locator('#scenario-text').fill(JSON.stringify(world));
  await page.locator('#import-scenario').click();
  await expect(page.locator('#notice')).toContainText('Imported a scenario: 2 regions, 1 images');
  await expect(page.locator('#history-pane .entry')).toHaveCount(0);
});

test('a damaged scenario link opens the default page with a message', async ({ page }) => {
  await openAt(page, 'full/#v=1&scenario=AAAA&RegionId=cn-hangzhou');
  await expect(page.locator('#notice')).toContainText('This link could not be opened: its scenario is not valid compressed data');
  await expect(page.locator('#preset option:checked')).toHaveText('default');
  await expectPreview(page, 'HTTP/1.1 200 OK', null);
});

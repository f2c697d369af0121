// Send, the history and the world: a copy enters the queue and finishes on the clock; cancel a copy from
// its row; DeleteImage refused while copying; the transcript export.
import { test, expect } from './helpers';
import { body, expectPreview, openAt, shot } from './ui-common';

const MINIMAL = '#v=1&preset=minimal&RegionId=cn-hangzhou&ImageId=m-bp1h46wfpjsjastc****&DestinationRegionId=cn-shanghai';

test('Send commits exactly the preview; the copy runs and finishes on the clock', async ({ page }, testInfo) => {
  await openAt(page, MINIMAL);
  await expectPreview(page, 'HTTP/1.1 200 OK', null);
  const previewed = await body(page).textContent();
  const newId = JSON.parse(previewed!).ImageId as string;
  await page.locator('#send').click();
  const entry = page.locator('#history-pane .entry').first();
  await expect(entry).toHaveAttribute('data-status', '200');
  await expect(entry.locator('pre.body')).toHaveText(previewed!);
  // The copy is in the queue, running, and its image is Creating.
  const task = page.locator(`#queues li.task[data-image="${newId}"]`);
  await expect(task).toHaveAttribute('data-state', 'running');
  await expect(page.locator(`#image-table tr[data-image="${newId}"]`)).toHaveAttribute('data-status', 'Creating');
  // The clock moves it on: +1 min gives progress, run to idle finishes it.
  await page.locator('#advance-60').click();
  await expect(task.locator('.pct')).not.toHaveText('0%');
  await shot(page, testInfo, 'world-copy-running');
  await page.locator('#run-idle').click();
  await expect(page.locator(`#image-table tr[data-image="${newId}"]`)).toHaveAttribute('data-status', 'Available');
  await expect(page.locator(`#image-table tr[data-image="${newId}"] .progress`)).toHaveText('100%');
  await expect(page.locator('#queues .empty')).toBeVisible();
});

test('play runs the clock in real time; step to next event', async ({ page }) => {
  await openAt(page, MINIMAL);
  await page.locator('#send').click();
  await page.locator('#speed').selectOption('600');
  await page.locator('#play').click();
  await expect(page.locator('#play')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('#queues .empty')).toBeVisible({ timeout: 15_000 });
  await page.locator('#play').click();
  await expect(page.locator('#play')).toHaveAttribute('aria-pressed', 'false');
  // Two copies: the second waits; stepping to the next event starts it.
  await page.locator('#send').click();
  await page.locator('#send').click();
  await expect(page.locator('#queues li.task[data-state="waiting"]')).toHaveCount(1);
  await page.locator('#next-event').click();
  await expect(page.locator('#queues li.task[data-state="waiting"]')).toHaveCount(0);
  await expect(page.locator('#queues li.task[data-state="running"]')).toHaveCount(1);
});

test('DeleteImage is refused while copying; CancelCopyImage from the row cancels', async ({ page }, testInfo) => {
  await openAt(page, MINIMAL);
  const newId = JSON.parse((await body(page).textContent())!).ImageId as string;
  await page.locator('#send').click();
  await page.getByRole('button', { name: `DeleteImage ${newId}` }).click();
  const last = page.locator('#history-pane .entry').first();
  await expect(last).toHaveAttribute('data-code', 'OperationDenied.ImageCopying');
  await expect(last.locator('pre.body')).toContainText('The Image is coping.');
  await expect(last).toHaveAttribute('data-status', '403');
  await page.getByRole('button', { name: `CancelCopyImage ${newId}` }).click();
  await expect(page.locator('#history-pane .entry').first()).toHaveAttribute('data-status', '200');
  await expect(page.locator(`#queues li.task[data-image="${newId}"]`)).toHaveCount(0);
  await expect(page.locator(`#image-table tr[data-image="${newId}"]`)).toHaveCount(0);
  await shot(page, testInfo, 'world-after-cancel');
});

test('the transcript export has every exchange and never the secret', async ({ page }) => {
  await openAt(page, MINIMAL);
  await page.getByLabel(/^AccessKeySecret/).fill('super-secret-value-42');
  await page.locator('#send').click();
  await page.locator('#run-idle').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-transcript').click()]);
  const text = await (await download.createReadStream()).toArray().then((b) => Buffer.concat(b).toString('utf8'));
  const t = JSON.parse(text);
  expect(t.version).toBe(1);
  expect(t.scenario).toEqual({ preset: 'minimal' });
  expect(t.steps.length).toBe(2);
  expect(t.responses[0].status).toBe(200);
  expect(text).not.toContain('super-secret-value-42');
  // Nor anywhere in storage or the URL.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(stored).not.toContain('super-secret-value-42');
  expect(page.url()).not.toContain('super-secret-value-42');
  expect(await page.content()).not.toContain('super-secret-value-42');
});

test('Reset world clears the history and the queue', async ({ page }) => {
  await openAt(page, MINIMAL);
  await page.locator('#send').click();
  await expect(page.locator('#history-pane .entry')).toHaveCount(1);
  await page.locator('#reset-world').click();
  await expect(page.locator('#history-pane .entry')).toHaveCount(0);
  await expect(page.locator('#queues .empty')).toBeVisible();
});

test('the image shared to the account is labelled in the world pane, and copies within its region', async ({ page }) => {
  await page.goto('./#v=1&preset=default&RegionId=cn-hangzhou&ImageId=m-bp1partner000shared1&DestinationRegionId=cn-hangzhou');
  await page.waitForFunction(() => typeof (window as any).__appStarted === 'number');
  const row = page.locator('#image-table tr[data-image="m-bp1partner000shared1"]');
  await expect(row).toContainText('shared to you: copies within its region only');
  await expect(page.locator('#response-status')).toHaveText('HTTP/1.1 200 OK');
  await page.locator('#send').click();
  await expect(page.locator('#history-pane .entry').first()).toHaveAttribute('data-status', '200');
});

// The last lesson step (issue 14): launch an instance from your copy in cn-shanghai, first while the copy is
// still in progress (refused, with the reason), then once the clock has run it to Available. The world pane
// then shows the new instance.
import { test, expect } from './helpers';
import type { Page } from '@playwright/test';

const DOC_IMAGE = 'm-bp1h46wfpjsjastc****';
const step = (page: Page) => page.locator('li.step[data-step="use-the-copy"]');

async function set(page: Page, name: string, value: string) {
  await page.locator(`#f-${name.replace(/\./g, '-')}`).fill(value);
}

test('use the copy: RunInstances is refused while the copy is in progress, then launches', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('./?lessons');
  await page.evaluate(() => localStorage.clear());
  await page.goto('./?lessons');
  await page.locator('#lessons-start').click();

  await page.locator('#f-Action').selectOption('CopyImage');
  await set(page, 'RegionId', 'cn-hangzhou');
  await set(page, 'ImageId', DOC_IMAGE);
  await set(page, 'DestinationRegionId', 'cn-shanghai');
  await page.locator('#send').click();
  const body = await page.locator('#history-pane .entry').first().locator('pre.body').textContent();
  const copy = JSON.parse(body!).ImageId as string;

  await page.locator('#f-Action').selectOption('RunInstances');
  await set(page, 'RegionId', 'cn-shanghai');
  await set(page, 'ImageId', copy);
  await set(page, 'InstanceType', 'ecs.g6.large');
  await page.locator('#send').click();
  await expect(page.locator('#response-status')).toContainText('400');
  await expect(step(page)).toHaveAttribute('data-done', 'false');
  await step(page).locator('summary').click();
  await expect(step(page).locator('.verdict')).toContainText('Run the clock');

  await page.locator('#run-idle').click();
  await page.locator('#send').click();
  await expect(page.locator('#response-status')).toHaveText('HTTP/1.1 200 OK');
  await expect(step(page)).toHaveAttribute('data-done', 'true');
  await expect(page.locator('#instance-table tr[data-status="Pending"]')).toHaveCount(1);
});

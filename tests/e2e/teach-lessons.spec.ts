// Guided lessons (issue 6): a script follows each step's instructions in the playground, and before each
// right attempt makes a wrong one that the step's check must refuse (with its reason). Progress survives
// a reload, from storage alone.
import { test, expect } from './helpers';
import type { Page } from '@playwright/test';

const DOC_IMAGE = 'm-bp1h46wfpjsjastc****';
const DOC_KMS = 'e522b26d-abf6-4e0d-b5da-04b7******3c';

const step = (page: Page, id: string) => page.locator(`li.step[data-step="${id}"]`);

async function set(page: Page, name: string, value: string) {
  await page.locator(`#f-${name.replace(/\./g, '-')}`).fill(value);
}

async function action(page: Page, a: string) {
  await page.locator('#f-Action').selectOption(a);
}

async function copy(page: Page, fields: Record<string, string>) {
  await action(page, 'CopyImage');
  const base: Record<string, string> = {
    RegionId: 'cn-hangzhou', ImageId: DOC_IMAGE, DestinationRegionId: 'cn-shanghai',
    DestinationImageName: '', KMSKeyId: '', Encrypted: '',
  };
  for (const [k, v] of Object.entries({ ...base, ...fields })) await set(page, k, v);
  await page.locator('#send').click();
}

/** The newest history entry's ImageId (from a CopyImage response). */
async function lastImageId(page: Page) {
  const body = await page.locator('#history-pane .entry').first().locator('pre.body').textContent();
  return JSON.parse(body!).ImageId as string;
}

async function refused(page: Page, id: string, reason: string | RegExp) {
  await expect(step(page, id)).toHaveAttribute('data-done', 'false');
  await step(page, id).locator('summary').click();
  await expect(step(page, id).locator('.verdict')).toContainText('Not yet: ');
  await expect(step(page, id).locator('.verdict')).toContainText(reason);
}

async function ticked(page: Page, id: string) {
  await expect(step(page, id)).toHaveAttribute('data-done', 'true');
  await expect(step(page, id).locator('.tick')).toHaveText('✓');
}

test('a script completes the course; every check refuses a wrong attempt first', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await page.goto('./?lessons');
  await page.evaluate(() => localStorage.clear());
  await page.goto('./?lessons');
  await page.locator('#lessons-start').click();
  await expect(page.locator('#lessons-progress')).toHaveText('0 of 11 steps done');
  await expect(page.locator('li.step')).toHaveCount(11);
  await page.screenshot({ path: testInfo.outputPath('lessons-first.png'), fullPage: false });

  // 1. A first successful copy (wrong: an image that is not Available).
  await copy(page, { ImageId: 'm-bp1failed00000000001' });
  await refused(page, 'first-copy', 'your last CopyImage got 400 IncorrectImageStatus');
  await copy(page, {});
  await ticked(page, 'first-copy');
  const firstCopy = await lastImageId(page);

  // 2. DescribeImages while in progress (wrong: the plain listing, which hides copies in progress).
  await action(page, 'DescribeImages');
  await set(page, 'RegionId', 'cn-shanghai');
  await set(page, 'ImageId', '');
  await page.locator('#send').click();
  await refused(page, 'describe-in-progress', 'lists only Available images');
  await set(page, 'Status', 'Creating,Waiting');
  await page.locator('#send').click();
  await ticked(page, 'describe-in-progress');
  await set(page, 'Status', '');

  // 3. Three copies leave one region (wrong: only two so far; then three, not yet run).
  await copy(page, { DestinationRegionId: 'cn-beijing' });
  await refused(page, 'queue-three', 'you have 2 from cn-hangzhou');
  await copy(page, { DestinationRegionId: 'cn-hongkong' });
  await refused(page, 'queue-three', '1 running, 2 waiting, 0 finished');
  await page.locator('#run-idle').click();
  await ticked(page, 'queue-three');

  // 4. Cancel a copy (wrong: one that has finished).
  await action(page, 'CancelCopyImage');
  await set(page, 'RegionId', 'cn-shanghai');
  await set(page, 'ImageId', firstCopy);
  await page.locator('#send').click();
  await refused(page, 'cancel', 'already ended');
  await copy(page, {});
  const toCancel = await lastImageId(page);
  await page.getByRole('button', { name: `CancelCopyImage ${toCancel}` }).click();
  await ticked(page, 'cancel');

  // 5. Delete an image being copied (wrong: an Available image, which is simply deleted).
  await action(page, 'DeleteImage');
  await set(page, 'RegionId', 'cn-hangzhou');
  await set(page, 'ImageId', 'm-bp1fq2h3gbxtc5dm9k1a');
  await page.locator('#send').click();
  await refused(page, 'delete-copying', 'was not being copied');
  await copy(page, {});
  const copying = await lastImageId(page);
  await page.getByRole('button', { name: `DeleteImage ${copying}` }).click();
  await ticked(page, 'delete-copying');

  // 6-10. Five errors, each after a wrong attempt.
  await copy(page, {});
  await refused(page, 'error-same-region', 'your last CopyImage got 200 OK');
  await copy(page, { DestinationRegionId: 'cn-hangzhou' });
  await ticked(page, 'error-same-region');

  await copy(page, { Encrypted: 'true', KMSKeyId: '00000000-no-such-key-000000000000' });
  await refused(page, 'error-kms-without-encrypted', 'InvalidParameter.KMSKeyId.NotFound');
  await copy(page, { KMSKeyId: DOC_KMS });
  await ticked(page, 'error-kms-without-encrypted');

  await copy(page, { ImageId: 'm-bp1market0000lamp001' });
  await refused(page, 'error-shared-image', 'OperationDenied.NotPublished');
  await copy(page, { ImageId: 'm-bp1partner000shared1' });
  await ticked(page, 'error-shared-image');

  // As the step says: a copy to cn-qingdao works in an ordinary account (wrong), so set its image quota to 1
  // in the Scenario pane first.
  await copy(page, { DestinationRegionId: 'cn-qingdao' });
  await refused(page, 'error-quota', 'your last CopyImage got 200 OK');
  await page.locator('#scenario-pane summary', { hasText: 'Regions' }).click();
  await page.getByLabel('cn-qingdao image quota').fill('1');
  await page.getByLabel('cn-qingdao image quota').press('Tab');
  await copy(page, { DestinationRegionId: 'cn-qingdao' });
  await ticked(page, 'error-quota');

  await copy(page, { DestinationImageName: '1copy' });
  await refused(page, 'error-aliyun-name', 'refused for another reason');
  await copy(page, { DestinationImageName: 'aliyun-copy' });
  await ticked(page, 'error-aliyun-name');

  await expect(page.locator('#lessons-progress')).toHaveText('10 of 11 steps done');
  await page.screenshot({ path: testInfo.outputPath('lessons-done.png'), fullPage: false });

  // Progress survives a reload, even into a fresh world (it comes from storage, not from the link)...
  await page.goto('./?lessons');
  await expect(page.locator('#lessons-progress')).toHaveText('10 of 11 steps done');
  await expect(page.locator('li.step[data-done="true"]')).toHaveCount(10);
  // (The last step, launching an instance from the copy, has its own spec: teach-use-copy.spec.ts.)
  // ...and only step IDs are stored: no secret, no request.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  expect(stored).not.toContain('testsecret');
  expect(stored).toContain('first-copy');
});

test('the lessons panel opens from the playground header and keeps the state', async ({ page }) => {
  await page.goto('./#v=1&preset=minimal&RegionId=cn-hangzhou&ImageId=m-bp1h46wfpjsjastc****&DestinationRegionId=cn-shanghai');
  await page.locator('#nav-lessons').click();
  await expect(page.locator('#lessons-pane')).toBeVisible();
  await expect(page).toHaveURL(/\?lessons#v=1&preset=minimal/);
  await expect(page.locator('#response-status')).toHaveText('HTTP/1.1 200 OK');
});

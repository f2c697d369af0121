// The default world is an ordinary, healthy account: every open region of the region table is one of its
// regions, the DestinationRegionId suggestions are exactly those regions, and the reference's example image
// copies from cn-hangzhou to each of them, as a reader would do it (edit the field, press Send). No region
// carries a hidden refusal; a region whose settings refuse copies says so in the world pane.
import { test, expect, openApp } from './helpers';
import { field, shot } from './ui-common';

/** The region table's open regions (every region but the closed ap-southeast-2 and ap-south-1). */
const OPEN = [
  'cn-qingdao', 'cn-beijing', 'cn-zhangjiakou', 'cn-huhehaote', 'cn-wulanchabu', 'cn-hangzhou', 'cn-shanghai',
  'cn-nanjing', 'cn-fuzhou', 'cn-shenzhen', 'cn-heyuan', 'cn-guangzhou', 'cn-chengdu', 'cn-hongkong',
  'cn-zhengzhou-jva', 'ap-northeast-1', 'ap-northeast-2', 'ap-southeast-1', 'ap-southeast-3', 'ap-southeast-5',
  'ap-southeast-6', 'ap-southeast-7', 'us-east-1', 'us-west-1', 'eu-central-1', 'eu-west-1', 'me-east-1',
];

test('the default account has every open region, and they are the suggestions', async ({ page }) => {
  await openApp(page);
  const suggested = await page.locator('#dl-regions option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect([...suggested].sort()).toEqual([...OPEN].sort());
  // The world pane comes with the later file, just after the first render: waited for before it is read.
  await expect(page.locator('#region-table tbody tr[data-region]')).toHaveCount(OPEN.length);
  const rows = await page.locator('#region-table tbody tr[data-region]').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-region')));
  expect([...rows].sort()).toEqual([...OPEN].sort());
  // An ordinary account: no region of the default world carries a setting that refuses copies.
  await expect(page.locator('#region-table tr[data-labelled="true"]')).toHaveCount(0);
  // The example busy queue is labelled as such.
  await expect(page.locator('#queues .lane[data-lane="cn-beijing"] .lane-label')).toContainText('example busy queue');
});

test('the example image copies from cn-hangzhou to every other open region', async ({ page }) => {
  // 26 sends on one page (about 1.5 s each on the shared CI machine).
  test.setTimeout(120_000);
  await openApp(page);
  await expect(field(page, 'RegionId')).toHaveValue('cn-hangzhou');
  const to = OPEN.filter((r) => r !== 'cn-hangzhou');
  expect(to).toHaveLength(26);
  for (const [i, region] of to.entries()) {
    await field(page, 'DestinationRegionId').fill(region);
    await page.locator('#send').click();
    await expect(page.locator('#history-pane .entry')).toHaveCount(i + 1);
    // The Response pane shows what was sent: its first line is the status line.
    await expect(page.locator('#response-mode')).toContainText('Sent');
    await expect(page.locator('#response-status'), region).toHaveText('HTTP/1.1 200 OK');
    await expect(page.locator('#history-pane .entry').first()).toHaveAttribute('data-status', '200');
  }
});

test('a region setting that refuses copies is labelled in the world pane', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  // The catalog's QuotaExceed.Image Reproduce: cn-qingdao's image quota set to 1 (it holds one image).
  await page.goto('./teach/catalog.html');
  await page.locator('li.entry[data-entry="copyimage.image_quota"] a.reproduce').click();
  await page.waitForFunction(() => typeof (window as any).__appStarted === 'number');
  await expect(page.locator('#response-status')).toHaveText('HTTP/1.1 403 Forbidden');
  const row = page.locator('#region-table tr[data-region="cn-qingdao"]');
  await expect(row).toHaveAttribute('data-labelled', 'true');
  await expect(page.locator('#region-labels li')).toHaveText([
    'cn-qingdao: Image quota: 1 (1 held; full: a copy here answers QuotaExceed.Image).',
  ]);
  await page.locator('#regions-h').scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'world-pane-labelled-region', false);
  await page.locator('#queues').scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'world-pane-example-queue', false);
});

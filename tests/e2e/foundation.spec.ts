// The walking skeleton, in Chromium: the frame, the engine's region table, the CSP, sub-path hosting and
// the panic banner.
import { test, expect, openApp, subpathURL } from './helpers';

// A few rows whose every cell we know from the facts (alibaba-api-facts.md §1e).
const KNOWN_ROWS = [
  ['cn-hangzhou', 'China (Hangzhou)', '华东1（杭州）', 'ecs.cn-hangzhou.aliyuncs.com'],
  ['cn-beijing', 'China (Beijing)', '华北2（北京）', 'ecs.cn-beijing.aliyuncs.com'],
  ['eu-west-1', 'UK (London)', '英国（伦敦）', 'ecs.eu-west-1.aliyuncs.com'],
  ['me-east-1', 'UAE (Dubai)', '阿联酋（迪拜）', 'ecs.me-east-1.aliyuncs.com'],
];

test('shows the frame: header, request, response and world panes', async ({ page, problems }, testInfo) => {
  await openApp(page);
  await expect(page.locator('header h1')).toHaveText('CopyImage Playground');
  for (const id of ['#request-pane', '#response-pane', '#world-pane']) {
    await expect(page.locator(id)).toBeVisible();
  }
  await expect(page.locator('#panic')).toBeHidden();
  expect(problems.pageErrors).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('foundation.png'), fullPage: true });
});

test('shows the engine region table', async ({ page }) => {
  await openApp(page);
  const rows = page.locator('#region-table tbody tr[data-region]');
  // The default account's regions: every open region of the table (closed ones are not listed). The world
  // pane comes with the later file, just after the first render: waited for, not counted at once.
  await expect(rows).toHaveCount(27);
  await expect(page.locator('#region-table tr[data-region="ap-southeast-2"]')).toHaveCount(0);
  // No setting of the default account refuses copies, so there is nothing to list above the table.
  await expect(page.locator('#region-labels')).toHaveCount(0);
  for (const [id, en, zh, endpoint] of KNOWN_ROWS) {
    const cells = page.locator(`#region-table tr[data-region="${id}"] td`);
    await expect(cells).toHaveText([id, en, zh, endpoint]);
  }
});

test('pins a Content-Security-Policy without inline allowances', async ({ page }) => {
  await openApp(page);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/]+=*')+;/);
  expect(csp).toContain("style-src 'self';");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  // The fixture fails the test on any violation; this test makes sure the policy is actually there.
});

test('works from a sub-path of a static host (relative URLs)', async ({ page }) => {
  test.skip(!subpathURL, 'E2E_SUBPATH_URL not set');
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  await openApp(page, subpathURL!);
  await expect(page.locator('#region-table tr[data-region="cn-hangzhou"]')).toBeVisible();
  const own = requested.filter((u) => u.startsWith(new URL('/', subpathURL!).href));
  expect(own.length).toBeGreaterThan(2);
  for (const u of own) expect(u.startsWith(subpathURL!), `${u} is outside ${subpathURL}`).toBe(true);
});

test('a panic in the WASM module shows a visible error, not a dead page', async ({ page, problems }) => {
  await page.goto('./#panic-test');
  const banner = page.locator('#panic');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('The playground hit an internal error and stopped');
  await expect(banner).toContainText('panic-test');
  expect(problems.pageErrors.length + problems.consoleErrors.length).toBeGreaterThan(0);
});

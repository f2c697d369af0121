// The engine's JavaScript API (dist/lib/copyimage.js) in headless Chromium: its docs page renders a live
// example without an iframe under the page's CSP, and the same test script Node runs
// (tests/js/api.test.mjs) calls every export inside that page and compares with the `copyimage` CLI's
// output for the same inputs (computed here, in Node, by tests/js/cli.mjs).
import { test, expect } from './helpers';
import { readFile } from 'node:fs/promises';
// @ts-ignore: a plain .mjs module without declarations
import { expectedFromCli, ROOT } from '../js/cli.mjs';

test('the docs page renders a documented error live, without an iframe', async ({ page, problems }) => {
  // Every file the page fetches is there (the browser's own /favicon.ico probe aside: static pages name none).
  const missing: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) missing.push(`${r.status()} ${r.url()}`);
  });
  await page.goto('./teach/api.html');
  await expect(page.locator('#live')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('iframe')).toHaveCount(0);
  await expect(page.locator('#live-status')).toHaveText('HTTP/1.1 403 Forbidden');
  await expect(page.locator('#live-code')).toHaveText('IncorrectDestinationRegion');
  await expect(page.locator('#live-body')).toContainText('"Code":"IncorrectDestinationRegion"');
  // Another documented error, picked from the catalog the module lists.
  await page.locator('#pick').selectOption({ index: 2 });
  await expect(page.locator('#live-code')).not.toHaveText('IncorrectDestinationRegion');
  expect(problems.pageErrors).toEqual([]);
  expect(missing).toEqual([]);
});

test('the embed snippet page links to the API page', async ({ page }) => {
  await page.goto('./teach/embed.html');
  await page.getByRole('link', { name: 'the JavaScript API' }).click();
  await expect(page).toHaveURL(/teach\/api\.html$/);
});

test('every export, compared with the CLI: the same script as in Node', async ({ page, problems }) => {
  test.setTimeout(60_000);
  const expected = expectedFromCli();
  const script = await readFile(`${ROOT}/tests/js/api.test.mjs`, 'utf8');
  // Served from the site's own origin, so the page's CSP (script-src 'self') allows importing it.
  await page.route('**/__jsapi-test/api.test.mjs', (route) =>
    route.fulfill({ contentType: 'text/javascript', body: script }),
  );
  await page.goto('./teach/api.html');
  await expect(page.locator('#live')).toHaveAttribute('data-ready', 'true');
  const passed = await page.evaluate(async (expected) => {
    const api = await import(new URL('../lib/copyimage.js', location.href).href);
    await api.default();
    const t = await import(new URL('__jsapi-test/api.test.mjs', location.href).href);
    return t.checkAll(api, expected);
  }, expected);
  expect(passed).toHaveLength(11);
  expect(problems.csp).toEqual([]);
  expect(problems.pageErrors).toEqual([]);
});

// Embed mode (issue 6): in an iframe of a host page it renders the request and response only, follows the
// host's colour scheme, never scrolls the host page, and its link opens the full playground in the same
// state. The docs authors' page generates the snippet.
import { test, expect, baseURL } from './helpers';
import type { Page } from '@playwright/test';

const STATE = 'v=1&preset=default&Action=CopyImage&RegionId=cn-hangzhou&ImageId=m-bp1h46wfpjsjastc****&DestinationRegionId=cn-hangzhou&DestinationImageName=docs-example';

function root() {
  return new URL('./', baseURL).href;
}

async function host(page: Page, src: string) {
  // A docs page: text above and below, the example in the middle.
  await page.setContent(`<!doctype html><html><body>
    <h1>Copying images</h1><p>Intro.</p>
    <iframe id="ex" src="${src}" title="CopyImage example" width="100%" height="360"></iframe>
    <div id="filler">${'<p>More documentation.</p>'.repeat(200)}</div>
  </body></html>`);
}

test('renders request and response in an iframe, never scrolling the host', async ({ page }, testInfo) => {
  await host(page, `${root()}?embed#${STATE}`);
  const frame = page.frameLocator('#ex');
  await expect(frame.locator('#embed-response-status')).toHaveText('HTTP/1.1 403 Forbidden');
  await expect(frame.locator('#embed-response-body')).toContainText('"Code":"IncorrectDestinationRegion"');
  await expect(frame.locator('#embed-f-DestinationImageName')).toHaveValue('docs-example');
  // Request and response only: none of the playground's other panes.
  await expect(frame.locator('#world-pane, #history-pane, #request-pane')).toHaveCount(0);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  // Editing inside the frame updates the live response and still does not move the host.
  await frame.locator('#embed-f-DestinationRegionId').fill('cn-shanghai');
  await expect(frame.locator('#embed-response-status')).toHaveText('HTTP/1.1 200 OK');
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await page.screenshot({ path: testInfo.outputPath('embed-host.png') });
});

test('"Open in playground" opens the full playground with the same state', async ({ page, context }) => {
  await host(page, `${root()}?embed#${STATE}`);
  const frame = page.frameLocator('#ex');
  await expect(frame.locator('#embed-response-status')).toHaveText('HTTP/1.1 403 Forbidden');
  const embedBody = await frame.locator('#embed-response-body').textContent();
  const [popup] = await Promise.all([context.waitForEvent('page'), frame.locator('#open-in-playground').click()]);
  await popup.waitForLoadState();
  expect(new URL(popup.url()).search).toBe('');
  await expect(popup.locator('#request-pane')).toBeVisible();
  await expect(popup.locator('#response-status')).toHaveText('HTTP/1.1 403 Forbidden');
  await expect(popup.locator('#f-DestinationImageName')).toHaveValue('docs-example');
  await expect(popup.locator('#f-DestinationRegionId')).toHaveValue('cn-hangzhou');
  // The same engine state: the same previewed bytes, RequestId included.
  await expect(popup.locator('#response-body')).toHaveText(embedBody!);
});

test("follows the host's light or dark preference", async ({ page }) => {
  const bg = (p: Page) => p.frameLocator('#ex').locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
  await page.emulateMedia({ colorScheme: 'dark' });
  await host(page, `${root()}?embed#${STATE}`);
  await expect(page.frameLocator('#ex').locator('#embed-response-status')).toBeVisible();
  expect(await bg(page)).toBe('rgb(13, 17, 23)');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => bg(page)).toBe('rgb(255, 255, 255)');
  // A host with its own theme switch says so explicitly.
  await host(page, `${root()}?embed&theme=dark#${STATE}`);
  await expect(page.frameLocator('#ex').locator('#embed-response-status')).toBeVisible();
  expect(await bg(page)).toBe('rgb(13, 17, 23)');
});

test('the docs authors\u2019 page generates a working snippet', async ({ page }) => {
  await page.goto('./teach/embed.html');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await page.locator('#state').selectOption({ label: 'Sample success response, XML' });
  await page.locator('#base').fill('https://docs.example.com/playground/');
  await page.locator('#theme').selectOption('dark');
  const snippet = await page.locator('#snippet').inputValue();
  expect(snippet).toMatch(/^<iframe src="https:\/\/docs\.example\.com\/playground\/\?embed&amp;theme=dark#v=1&amp;preset=default&amp;Action=CopyImage&amp;ImageId=m-bp1h46wfpjsjastc\*\*\*\*&amp;RegionId=cn-hangzhou&amp;DestinationRegionId=cn-shanghai&amp;Format=XML" title="CopyImage example: Sample success response, XML"/);
  // The preview is the same state served from this site.
  const preview = page.frameLocator('#preview');
  await expect(preview.locator('#embed-response-status')).toHaveText('HTTP/1.1 200 OK');
  await expect(preview.locator('#embed-response-body')).toContainText('<CopyImageResponse>');
  // A pasted playground link is used as the state.
  await page.locator('#link').fill(`${root()}#${STATE}`);
  expect(await page.locator('#snippet').inputValue()).toContain('DestinationImageName=docs-example');
  await expect(preview.locator('#embed-response-status')).toHaveText('HTTP/1.1 403 Forbidden');
});

// Embed mode (issue 6): in an iframe of a host page it renders the request and response only, follows the
// host's colour scheme, never scrolls the host page, and its link opens the full playground in the same
// state. The docs authors' page generates the snippet.
import { test, expect, baseURL } from './helpers';
import type { Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

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
  expect(snippet).toMatch(/^<iframe id="copyimage-example-[0-9a-z]+" src="https:\/\/docs\.example\.com\/playground\/\?embed&amp;theme=dark#v=1&amp;preset=default&amp;Action=CopyImage&amp;ImageId=m-bp1h46wfpjsjastc\*\*\*\*&amp;RegionId=cn-hangzhou&amp;DestinationRegionId=cn-shanghai&amp;Format=XML" title="CopyImage example: Sample success response, XML"/);
  // The listening lines accept heights only from that frame and the playground's origin.
  expect(snippet).toContain("e.origin !== 'https://docs.example.com'");
  expect(snippet).toContain('e.source !== f.contentWindow');
  // The preview is the same state served from this site.
  const preview = page.frameLocator('#preview');
  await expect(preview.locator('#embed-response-status')).toHaveText('HTTP/1.1 200 OK');
  await expect(preview.locator('#embed-response-body')).toContainText('<CopyImageResponse>');
  // A pasted playground link is used as the state.
  await page.locator('#link').fill(`${root()}#${STATE}`);
  expect(await page.locator('#snippet').inputValue()).toContain('DestinationImageName=docs-example');
  await expect(preview.locator('#embed-response-status')).toHaveText('HTTP/1.1 403 Forbidden');
});

/** A docs page on another origin holding `snippet` between two paragraphs: served by a server of the test
 * itself on another loopback port (another origin; loopback, so Chromium's local-network checks let the page
 * frame the site, as they would for a docs site and a playground on the same network). */
async function hostOnOtherOrigin(page: Page, snippet: string) {
  const html = `<!doctype html><html lang="en"><head><title>Docs</title></head><body><h1>Copying images</h1>
    <p>Intro.</p>${snippet}<p id="after">More documentation.</p></body></html>`;
  const server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(html));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  hosts.push(server);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  expect(origin).not.toBe(new URL(root()).origin);
  await page.goto(`${origin}/docs/copy.html`);
}

const hosts: Server[] = [];
test.afterEach(async () => {
  for (const s of hosts.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** The snippet the docs authors' page generates for a state, served from this site's root. */
async function generated(page: Page, opts: { fit?: boolean; pretty?: boolean } = {}) {
  await page.goto('./teach/embed.html');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await page.locator('#link').fill(`${root()}#${STATE}`);
  await page.locator('#base').fill(root());
  await page.locator('#fit').setChecked(opts.fit ?? true);
  await page.locator('#pretty').setChecked(opts.pretty ?? false);
  return page.locator('#snippet').inputValue();
}

test('with the snippet\u2019s lines, a host page on another origin fits the frame to its content', async ({ page }, testInfo) => {
  for (const [width, name] of [[1280, 'desktop'], [390, 'phone']] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme: scheme });
      const snippet = await generated(page);
      expect(snippet).toContain(`e.origin !== '${new URL(root()).origin}'`);
      await hostOnOtherOrigin(page, snippet);
      const frameEl = page.locator('iframe[id^="copyimage-example-"]');
      const frame = page.frameLocator('iframe[id^="copyimage-example-"]');
      await expect(frame.locator('#embed-response-status')).toHaveText('HTTP/1.1 403 Forbidden');
      const content = () => frame.locator('#app').evaluate((e) => e.scrollHeight);
      await expect.poll(async () => Number(await frameEl.getAttribute('height'))).toBe(await content());
      // No scroll bar inside the frame: the frame is as tall as what it shows.
      expect(await frame.locator('html').evaluate((e) => e.scrollHeight - e.clientHeight)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: testInfo.outputPath(`embed-other-origin-${name}-${scheme}.png`), fullPage: true });
    }
  }
  // Indenting the JSON makes the content taller, and the frame follows.
  const frameEl = page.locator('iframe[id^="copyimage-example-"]');
  const before = Number(await frameEl.getAttribute('height'));
  await page.frameLocator('iframe[id^="copyimage-example-"]').locator('#embed-pretty').click();
  await expect.poll(async () => Number(await frameEl.getAttribute('height'))).toBeGreaterThan(before);
});

test('the listening lines ignore height messages from anything but the frame', async ({ page }) => {
  await hostOnOtherOrigin(page, await generated(page));
  const frameEl = page.locator('iframe[id^="copyimage-example-"]');
  await expect(page.frameLocator('iframe[id^="copyimage-example-"]').locator('#embed-response-status')).toBeVisible();
  await expect.poll(async () => Number(await frameEl.getAttribute('height'))).not.toBe(460);
  const fitted = await frameEl.getAttribute('height');
  // The host page itself (another source) posts a forged height: nothing changes.
  await page.evaluate(() => window.postMessage({ type: 'copyimage-embed-height', height: 57 }, '*'));
  await page.waitForTimeout(200);
  expect(await frameEl.getAttribute('height')).toBe(fitted);
});

test('without the lines, the default height fits a typical response on desktop and phone', async ({ page }) => {
  const examples = [
    STATE, // an error: 403 with its message
    'v=1&preset=default&Action=CopyImage&RegionId=cn-hangzhou&ImageId=m-bp1h46wfpjsjastc****&DestinationRegionId=cn-shanghai',
    'v=1&preset=default&Action=CopyImage&RegionId=cn-hangzhou&ImageId=m-bp1h46wfpjsjastc****&DestinationRegionId=cn-shanghai&Format=XML',
  ];
  for (const width of [800, 390]) {
    await page.setViewportSize({ width, height: 900 });
    for (const state of examples) {
      await page.goto('./teach/embed.html');
      await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
      await page.locator('#link').fill(`${root()}#${state}`);
      await page.locator('#fit').setChecked(false);
      const snippet = await page.locator('#snippet').inputValue();
      expect(snippet).not.toContain('<script>');
      await hostOnOtherOrigin(page, snippet);
      const frame = page.frameLocator('iframe[id^="copyimage-example-"]');
      await expect(frame.locator('#embed-response-status')).toBeVisible();
      expect(await page.locator('iframe').getAttribute('height')).toBe('460');
      const overflow = await frame.locator('html').evaluate((e) => e.scrollHeight - e.clientHeight);
      expect(overflow, `${state} at ${width}px overflows by ${overflow}px`).toBeLessThanOrEqual(0);
    }
  }
});

test('the embed shows JSON indented on request and the why in one line', async ({ page }) => {
  await page.goto(`./?embed#${STATE}`);
  const bodyEl = page.locator('#embed-response-body');
  await expect(bodyEl).toHaveText(/^\{"RequestId":"[0-9A-F-]+",.*"Code":"IncorrectDestinationRegion"/);
  const raw = (await bodyEl.textContent())!;
  await page.locator('#embed-pretty').click();
  await expect(page.locator('#embed-pretty')).toHaveAttribute('aria-pressed', 'true');
  await expect(bodyEl).toContainText('{\n  "RequestId": "');
  // The same content: only whitespace outside strings was added.
  const pretty = (await bodyEl.textContent())!;
  expect(JSON.parse(pretty)).toEqual(JSON.parse(raw));
  // XML has no indent switch; JSON comes back indented as chosen.
  await page.getByRole('button', { name: 'XML' }).click();
  await expect(page.locator('#embed-pretty')).toHaveCount(0);
  await page.getByRole('button', { name: 'JSON' }).click();
  await expect(bodyEl).toContainText('{\n  "RequestId": "');
  // The why: the basis and the documented sentence, one short paragraph (not the playground's block).
  const why = page.locator('#embed-why');
  await expect(why.locator('.badge')).toHaveText('Documented');
  await expect(why).toContainText('the source region is the same as the destination region');
  expect(await why.evaluate((e) => e.getBoundingClientRect().height)).toBeLessThan(60);
  // ?embed&pretty starts indented.
  await page.goto(`./?embed&pretty#${STATE}`);
  await expect(bodyEl).toContainText('{\n  "RequestId": "');
});

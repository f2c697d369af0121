// Works offline after the first visit (issue 16): the service worker (www/sw.js, written into dist/sw.js by
// scripts/build.sh) keeps a copy of the whole site. Each test serves the built site with its OWN static
// server and then really stops it: the browser's "offline" emulation does not stop a service worker's own
// fetches, so only a server that is gone proves the pages come from the cache.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FrameLocator, Page } from '@playwright/test';
import { test, expect } from './helpers';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = join(ROOT, 'dist');

/** A static server for `dir` on a free loopback port (scripts/static_server.py, as `make serve` runs it). */
async function serve(dir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const portFile = join(mkdtempSync(join(tmpdir(), 'offline-port-')), 'port');
  const proc: ChildProcess = spawn(
    'python3',
    [join(ROOT, 'scripts/static_server.py'), dir, '--port', '0', '--bind', '127.0.0.1', '--port-file', portFile],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  for (let i = 0; i < 100 && !existsSync(portFile); i++) await new Promise((r) => setTimeout(r, 100));
  if (!existsSync(portFile)) throw new Error('the static server did not start');
  const url = `http://127.0.0.1:${readFileSync(portFile, 'utf8').trim()}/`;
  const stop = async () => {
    proc.kill('SIGTERM');
    await exited;
    // Make sure it is really gone: a fetch from here must fail.
    await expect(fetch(url)).rejects.toThrow();
  };
  return { url, stop };
}

/** Waits until a service worker controls the page (reloading once if the first visit stayed uncontrolled). */
async function waitControlled(page: Page) {
  const controlled = () =>
    page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 15_000 }).then(
      () => true,
      () => false,
    );
  if (!(await controlled())) {
    await page.reload();
    expect(await controlled(), 'a service worker controls the page').toBe(true);
  }
}

/** The names of this origin's caches. */
const cacheNames = (page: Page) => page.evaluate(() => caches.keys());

async function openApp(page: Page, url: string) {
  await page.goto(url);
  await page.waitForFunction(() => typeof (window as any).__appStarted === 'number');
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller), `${url} is served by the worker`).toBe(true);
}

const NOW = '2026-11-27T08:30:00Z';
const pct = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

/** A correctly V1-signed CopyImage URL (secret `testsecret`), for the debugger. */
function signedUrl() {
  const params: [string, string][] = [
    ['AccessKeyId', 'testid'], ['Action', 'CopyImage'], ['DestinationRegionId', 'cn-shanghai'], ['Format', 'JSON'],
    ['ImageId', 'm-bp1h46wfpjsjastc****'], ['RegionId', 'cn-hangzhou'], ['SignatureMethod', 'HMAC-SHA1'],
    ['SignatureNonce', 'nonce-offline-1'], ['SignatureVersion', '1.0'], ['Timestamp', NOW], ['Version', '2014-05-26'],
  ];
  const canonical = params.map(([k, v]) => `${pct(k)}=${pct(v)}`).join('&');
  const sig = createHmac('sha1', 'testsecret&').update(`GET&%2F&${pct(canonical)}`).digest('base64');
  return `https://ecs.cn-hangzhou.aliyuncs.com/?${canonical}&Signature=${pct(sig)}`;
}

/** Opens a page of another origin that frames `src` (as a docs page embeds the playground) and runs `check`. */
async function host(page: Page, src: string, check: (frame: FrameLocator) => Promise<void>) {
  const server = createServer((_, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(`<!doctype html><title>Docs</title><iframe id="ex" src="${src}" title="example"></iframe>`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  try {
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await check(page.frameLocator('#ex'));
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}

const EMBED_STATE =
  'v=1&preset=default&Action=CopyImage&RegionId=cn-hangzhou&ImageId=m-bp1h46wfpjsjastc****&DestinationRegionId=cn-hangzhou';

test('after one visit every view opens and works with the server stopped', async ({ page }) => {
  test.setTimeout(120_000);
  const server = await serve(DIST);
  try {
    // When the page asks for the worker: never before the first render and a second after `load`, so the
    // download of the whole site cannot slow the first screen.
    await page.addInitScript(() => {
      const register = ServiceWorkerContainer.prototype.register;
      ServiceWorkerContainer.prototype.register = function (...args) {
        (window as any).__swRegisteredAt ??= performance.now();
        return register.apply(this, args);
      };
    });
    await page.goto(server.url);
    await waitControlled(page);
    const [registeredAt, firstRender, load] = await page.evaluate(() => [
      (window as any).__swRegisteredAt as number,
      (window as any).__firstRender as number,
      (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventStart,
    ]);
    expect(registeredAt).toBeGreaterThan(firstRender);
    expect(registeredAt).toBeGreaterThanOrEqual(load + 1000);
    const names = await cacheNames(page);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(new RegExp(`^copyimage ${server.url} [0-9a-f]{16}$`));
    // The embed in another origin's page (a docs site) still renders, now through the worker.
    await host(page, `${server.url}?embed#${EMBED_STATE}`, async (frame) => {
      await expect(frame.locator('#embed-response-status')).toHaveText('HTTP/1.1 403 Forbidden');
      const inner = page.frames().find((f) => f.url().startsWith(server.url))!;
      expect(await inner.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    });
  } finally {
    await server.stop();
  }
  const base = server.url;

  // The playground: renders, and Send adds a history entry with its status line.
  await openApp(page, base);
  await page.reload();
  await page.waitForFunction(() => typeof (window as any).__appStarted === 'number' && !!navigator.serviceWorker.controller);
  await page.locator('#send').click();
  await expect(page.locator('#history-pane .entry')).toHaveCount(1);
  await expect(page.locator('#history-pane .entry').first()).toHaveAttribute('data-status', /^[2-5]\d\d$/);
  await expect(page.locator('#response-status')).toHaveText(/^HTTP\/1\.1 \d{3} /);

  // The lessons beside it.
  await openApp(page, `${base}?lessons`);
  await page.locator('#lessons-start').click();
  await expect(page.locator('#lessons-progress')).toHaveText('0 of 11 steps done');

  // The error catalog (a static page), and one of its Reproduce links into the playground.
  await page.goto(`${base}teach/catalog.html`);
  const entry = page.locator('#catalog li.entry[data-shows="preview"]:not([data-status="200"])').first();
  await expect(entry).toBeVisible();
  expect(await page.locator('#catalog li.entry').count()).toBeGreaterThanOrEqual(55);
  const status = (await entry.getAttribute('data-status'))!;
  const code = (await entry.getAttribute('data-code'))!;
  await entry.locator('a.reproduce').click();
  await expect(page.locator('#response-status')).toHaveText(new RegExp(`^HTTP/1\\.1 ${status} `));
  await expect(page.locator('#response-body')).toContainText(`"Code":"${code}"`);

  // The signature debugger: the playground's ?view=debugger sends the browser to the full build (full/).
  await page.goto(`${base}?view=debugger`);
  await expect(page.locator('#dbg-request')).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/full/');
  await page.locator('#dbg-request').fill(signedUrl());
  await page.locator('#dbg-secret').fill('testsecret');
  await page.locator('#dbg-now').fill(NOW);
  await expect(page.locator('#dbg-verdict')).toHaveText('The signature matches.');

  // The embed (opened directly): the stored page keeps the headers the host sent (here the static server's
  // Cache-Control; on a real host also e.g. a frame-ancestors policy). Then the docs authors' page.
  const embed = await page.goto(`${base}?embed#${EMBED_STATE}`);
  expect(embed!.fromServiceWorker()).toBe(true);
  expect(embed!.headers()['cache-control']).toBe('no-store');
  await expect(page.locator('#embed-response-status')).toHaveText('HTTP/1.1 403 Forbidden');
  await page.locator('#embed-f-DestinationRegionId').fill('cn-shanghai');
  await expect(page.locator('#embed-response-status')).toHaveText('HTTP/1.1 200 OK');
  await page.goto(`${base}teach/embed.html`);
  await expect(page.locator('h1')).toBeVisible();
});

test('a new deployment replaces the cached version on the next visit', async ({ page }) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'offline-site-'));
  cpSync(DIST, dir, { recursive: true });
  const server = await serve(dir);
  try {
    await page.goto(server.url);
    await waitControlled(page);
    const [oldCache] = await cacheNames(page);
    const oldTitle = await page.title();
    expect(oldTitle).toBe('CopyImage Playground');

    // Deploy "the next build": a visible change, and the new version in sw.js, as scripts/build.sh writes it.
    const edit = (file: string, from: RegExp, to: string) => {
      const path = join(dir, file);
      const before = readFileSync(path, 'utf8');
      const after = before.replace(from, to);
      expect(after, `${file} changed`).not.toBe(before);
      writeFileSync(path, after);
    };
    edit('sw.js', /^const VERSION = '[0-9a-f]{16}';$/m, "const VERSION = 'e2e0next0version';");
    edit('index.html', /<title>CopyImage Playground<\/title>/, '<title>CopyImage Playground NEXT</title>');
    edit('teach/catalog.html', /<h1>Error catalog<\/h1>/, '<h1>Error catalog NEXT</h1>');

    // The visit after the deployment is still served from the cache (no waiting for the network)...
    await openApp(page, server.url);
    expect(await page.title()).toBe(oldTitle);
    // ...and meanwhile the browser has found the new sw.js, copied the new build and dropped the old copy.
    await expect
      .poll(() => cacheNames(page), { timeout: 30_000 })
      .toEqual([oldCache.replace(/[0-9a-f]{16}$/, 'e2e0next0version')]);

    // The visit after that shows the new version, on every page.
    await openApp(page, server.url);
    expect(await page.title()).toBe('CopyImage Playground NEXT');
    await page.goto(`${server.url}teach/catalog.html`);
    await expect(page.locator('h1')).toHaveText('Error catalog NEXT');
  } finally {
    await server.stop();
  }
  // And it is the new version that is there offline.
  await openApp(page, server.url);
  expect(await page.title()).toBe('CopyImage Playground NEXT');
  await page.locator('#send').click();
  await expect(page.locator('#history-pane .entry')).toHaveCount(1);
  rmSync(dir, { recursive: true, force: true });
});

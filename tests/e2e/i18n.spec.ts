// 简体中文 (issue 15): a `lang=zh-CN` link opens in Chinese at the first render (no English first), the
// choice is remembered, the switch goes both ways, and links copied from a Chinese page carry `lang=zh-CN`.
// A browser that prefers Chinese opens in Chinese. The Latin-word scan here covers the playground (header,
// teach links, request, response and its why, signed request, history, world and scenario panes, notices);
// i18n-teach.spec.ts covers lessons, catalog, embed and the snippet page, teach-debugger.spec.ts the debugger.
import { test, expect } from './helpers';
import { openAt, shot } from './ui-common';
import type { Page } from '@playwright/test';
import { latinWords as scan } from './latin';

/** Latin words a Chinese page may show besides wire identifiers (two capitals or more: CopyImage, ECS,
 *  RequestId, ClientToken): the product name (CopyImage Playground), the reference's type names, values and
 *  prefixes written in its rules, a parameter name of one capital (Action), and the tools the signed request
 *  is written for (curl, the Python, Java and Go SDKs). */
const ALLOWED = new Set(['English', 'Playground', 'String', 'Boolean', 'Integer', 'true', 'false', 'http', 'https', 'acs', 'aliyun',
  'N', 'Action', 'curl', 'Python', 'Java', 'Go']);
/** Wire messages quoted inside Chinese sentences (they are what the service sends, so they stay English). */
const WIRE_PHRASES = ['Forbbiden: User not authorized to operate on the specified resource'];

/** The playground's scan: wire text and wire values shown as data (a status line, an image's Status) skipped. */
const SCAN = { allowed: ALLOWED, skip: 'code, pre, [translate="no"]', wirePhrases: WIRE_PHRASES };
const latinWords = (page: Page, selector: string) => scan(page, selector, SCAN);

test('a lang=zh-CN link renders Chinese at the first render, html lang follows', async ({ page }, testInfo) => {
  // Record the first text the app renders: it must already be Chinese.
  await page.addInitScript(() => {
    new MutationObserver((_, obs) => {
      const b = document.querySelector('#send');
      if (b) { (window as any).__firstSend = b.textContent; obs.disconnect(); }
    }).observe(document, { subtree: true, childList: true });
  });
  await openAt(page, '#lang=zh-CN');
  expect(await page.evaluate(() => (window as any).__firstSend)).toBe('发送');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.locator('#response-h')).toHaveText('响应');
  await expect(page.locator('#copy-link')).toHaveText('复制链接');
  await expect(page.locator('#nav-catalog')).toHaveText('错误码目录');
  await expect(page.locator('#why h3')).toHaveText('原因');
  // The wire stays English, byte for byte.
  await expect(page.locator('#response-status')).toContainText('HTTP/1.1');
  expect(await latinWords(page, 'header.top, #request-pane, #response-pane')).toEqual([]);
  await expect(page.locator('#why-quote')).toContainText('已排队');
  // The link keeps its language when the app rewrites the fragment.
  expect(page.url()).toContain('lang=zh-CN');
  await shot(page, testInfo, 'zh-desktop');
  await shot(page, testInfo, 'zh-desktop-top', false);
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, testInfo, 'zh-phone');
  await shot(page, testInfo, 'zh-phone-top', false);
  await page.locator('#response-pane').screenshot({ path: testInfo.outputPath('zh-phone-response.png') });
  // Nothing wider than the phone's screen (long Chinese lines wrap; no pane is cut off).
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test('a Chinese page waits only for its view\'s strings; the lessons panel is Chinese at its first render', async ({ browser }) => {
  // No service worker: every file the page asks for goes through the network and is seen here.
  const ctx = await browser.newContext({ serviceWorkers: 'block' });
  const page = await ctx.newPage();
  const fetched: string[] = [];
  page.on('request', (r) => {
    const m = /\/i18n\/([^/?#]+)$/.exec(r.url());
    if (m) fetched.push(m[1]);
  });
  await openAt(page, '#lang=zh-CN');
  await expect(page.locator('#send')).toHaveText('发送');
  expect(fetched).toEqual(['zh-CN.json']);
  // The lessons view loads its own file beside the playground's before its first render: the first step
  // title the page ever shows is already Chinese.
  fetched.length = 0;
  await page.addInitScript(() => {
    new MutationObserver((_, obs) => {
      const s = document.querySelector('li.step summary');
      if (s) { (window as any).__firstStep = s.textContent; obs.disconnect(); }
    }).observe(document, { subtree: true, childList: true });
  });
  await page.goto('./?lessons&lang=zh-CN');
  await expect(page.locator('#lessons-progress')).toHaveText('已完成 0/11 步');
  expect(await page.evaluate(() => (window as any).__firstStep)).toMatch(/^[^A-Za-z]*[\u4e00-\u9fff]/);
  expect(fetched.sort()).toEqual(['zh-CN.json', 'zh-CN.lessons.json']);
  await ctx.close();
});

test('the switch changes language both ways and is remembered; English links carry no lang', async ({ page }) => {
  await openAt(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('#send')).toHaveText('Send');
  expect(page.url()).not.toContain('lang=');
  await page.locator('#lang-zh-CN').click();
  await expect(page.locator('#send')).toHaveText('发送');
  await expect(page.locator('#lang-zh-CN')).toHaveAttribute('aria-current', 'true');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  // Remembered: a link without lang opens in Chinese now.
  await openAt(page, '#v=1');
  await expect(page.locator('#send')).toHaveText('发送');
  expect(new URL(page.url()).hash).toContain('lang=zh-CN');
  await page.locator('#lang-en').click();
  await expect(page.locator('#send')).toHaveText('Send');
  expect(new URL(page.url()).hash).not.toContain('lang=');
  await openAt(page, '#v=1');
  await expect(page.locator('#send')).toHaveText('Send');
});

test('a browser that prefers Chinese opens every view in Chinese; a link or a remembered choice wins; a missing table leaves the page in English', async ({ browser }) => {
  // navigator.languages in its order: the first English or Chinese one decides (fr is skipped).
  const ctx = await browser.newContext({ locale: 'fr-FR' });
  await ctx.addInitScript(() => Object.defineProperty(navigator, 'languages', { get: () => ['fr-FR', 'zh-CN', 'en-US'] }));
  const page = await ctx.newPage();
  await openAt(page);
  await expect(page.locator('#send')).toHaveText('发送');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  // The static pages make the same choice: the English catalog sends a Chinese browser to the Chinese one.
  await page.goto('teach/catalog.html');
  await expect(page).toHaveURL(/catalog\.zh-CN\.html/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  // A link's lang=en wins over the browser, and is remembered for the next visit without one.
  await openAt(page, '?lang=en');
  await expect(page.locator('#send')).toHaveText('Send');
  await openAt(page);
  await expect(page.locator('#send')).toHaveText('Send');
  await page.goto('teach/catalog.html');
  await expect(page).toHaveURL(/catalog\.html/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await ctx.close();
  // A browser that prefers English (or neither language) opens in English.
  const en = await browser.newContext({ locale: 'de-DE' });
  await en.addInitScript(() => Object.defineProperty(navigator, 'languages', { get: () => ['de-DE', 'en-GB', 'zh-CN'] }));
  const enPage = await en.newPage();
  await openAt(enPage);
  await expect(enPage.locator('#send')).toHaveText('Send');
  await expect(enPage.locator('html')).toHaveAttribute('lang', 'en');
  await en.close();
  const bare = await browser.newContext({ serviceWorkers: 'block' });
  const other = await bare.newPage();
  await other.route('**/i18n/zh-CN.json', (r) => r.fulfill({ status: 404, body: '' }));
  await openAt(other, '#lang=zh-CN');
  await expect(other.locator('#send')).toHaveText('Send');
  await expect(other.locator('#notice')).toHaveCount(0);
  await bare.close();
});

/** The playground's panes below the response, as a Chinese page shows them after a Send. */
const PANES = '#signed-pane, #history-pane, #world-pane, #scenario-pane';

test('the signed request, history, world and scenario panes are Chinese; wire values stay as sent', async ({ page }, testInfo) => {
  await openAt(page, '#lang=zh-CN');
  await expect(page.locator('#signed-h')).toHaveText('签名后的请求');
  await expect(page.locator('#copy-signed-v1-url')).toHaveText('复制');
  await page.locator('#send').click();
  await expect(page.locator('#history-h')).toHaveText('历史记录（1）');
  // The default world starts ten minutes in (its example queue part-way).
  await expect(page.locator('#response-mode')).toContainText('已发送：模拟时钟 10 分 0 秒 · RequestId');
  // The copy runs: its task shows progress and the time left; the image's Status stays the wire value.
  await page.locator('#advance-60').click();
  await expect(page.locator('#world-time')).toContainText('模拟时钟：11 分 0 秒');
  await expect(page.locator('#queues li.task[data-state="running"] .task-state').first()).toHaveText('运行中');
  await expect(page.locator('#queues .eta').first()).toContainText('剩余');
  await expect(page.locator('#image-table tr[data-status="Creating"] .status').first()).toHaveText('Creating');
  // Region names are the region table's Chinese names (the suggestions too); region IDs stay.
  await expect(page.locator('#region-table tr[data-region="cn-hangzhou"] td').nth(1)).toHaveText('华东1（杭州）');
  await expect(page.locator('#region-table th')).toHaveText(['RegionId', '名称', '接入地址']);
  await expect(page.locator('#dl-regions option[value="cn-hangzhou"]')).toHaveAttribute('label', '华东1（杭州）');
  // Every scenario section open, a fault queued, a region's copy turned off: its sentence shows above the regions.
  await page.locator('#scenario-pane details').evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
  await page.locator('#fault-500').click();
  await expect(page.locator('#scenario-pane summary', { hasText: '故障注入（1）' })).toBeVisible();
  await page.getByLabel('cn-shanghai 支持复制').uncheck();
  await expect(page.locator('#region-labels li[data-region="cn-shanghai"]')).toHaveText(
    'cn-shanghai: 镜像复制已关闭：从该地域复制或复制到该地域都会返回 RegionNotSupportCopy。');
  await expect(page.locator('#preset option[value="default"]')).toHaveText('默认');
  expect(await latinWords(page, PANES)).toEqual([]);
  await shot(page, testInfo, 'zh-panes-desktop');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, testInfo, 'zh-panes-desktop-dark');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, testInfo, 'zh-panes-phone-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await shot(page, testInfo, 'zh-panes-phone');
  for (const pane of ['signed', 'history', 'world', 'scenario']) {
    await page.locator(`#${pane}-pane`).screenshot({ path: testInfo.outputPath(`zh-phone-${pane}.png`) });
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // Run to idle: the queue is empty and the finished tasks are listed, in Chinese too.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.locator('#run-idle').click();
  await expect(page.locator('#queues .empty')).toHaveText('没有正在运行或等待中的复制任务。');
  await expect(page.locator('#world-pane .finished summary')).toHaveText(/^已结束的任务（\d+）$/);
  expect(await latinWords(page, PANES)).toEqual([]);
});

test('a notice and the refusal it quotes are Chinese', async ({ page }) => {
  await openAt(page, '#v=1&preset=nope&lang=zh-CN');
  await expect(page.locator('#notice')).toHaveText(/^无法打开此链接：没有名为“nope”的预设。/);
  await openAt(page, '#v=1&steps=q&lang=zh-CN');
  await expect(page.locator('#notice span')).toHaveText('无法打开此链接：此版本不认识步骤“q”。已改为显示默认页面。');
  await page.locator('#scenario-pane details').evaluateAll((ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
  await page.locator('#s-queue-limit').fill('0');
  await page.locator('#s-queue-limit').press('Tab');
  await expect(page.locator('#notice span')).toHaveText('模拟环境的编辑被拒绝：队列上限至少为 1。');
});

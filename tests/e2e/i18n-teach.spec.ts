// 简体中文 for the teaching views (issue 15): the lessons panel, the error catalog page, embed mode and the
// embed snippet page open in Chinese with `lang=zh-CN` (and from the language switch), show no English
// outside wire text, and their links keep the language: a Chinese catalog's Reproduce link opens the
// playground in Chinese with the error on top, a Chinese snippet's frame opens in Chinese.
import { test, expect, baseURL } from './helpers';
import type { Page, TestInfo } from '@playwright/test';
import { latinWords as scan } from './latin';

/** Latin words a Chinese page may show besides wire identifiers (two capitals or more: CopyImage, ECS,
 *  ImageId): the product name, the switch's own "English", the reference's values and prefixes written in
 *  its rules, parameter names and status values of one capital (wire names, never translated), and preset
 *  names. */
const ALLOWED = new Set(['English', 'Playground', 'String', 'Boolean', 'Integer', 'true', 'false', 'http', 'https', 'acs', 'aliyun',
  'N', 'Action', 'Version', 'Status', 'Encrypted', 'Force', 'Amount', 'Timestamp', 'Signature', 'Format',
  'Available', 'Waiting', 'Creating', 'Running', 'Stopped', 'default', 'minimal']);
/** Wire messages quoted inside Chinese sentences (what the service sends, so they stay English). */
const WIRE_PHRASES = ['Forbbiden: User not authorized to operate on the specified resource', 'The Image is coping.'];

/** The teaching views' scan: wire text (code, pre, textarea, elements marked lang="en") skipped. */
const latinWords = (page: Page, selector: string) =>
  scan(page, selector, { allowed: ALLOWED, skip: 'code, pre, textarea, [lang="en"]', wirePhrases: WIRE_PHRASES });

/** Screenshots at desktop and phone widths, light and dark, and nothing wider than the screen. */
async function shots(page: Page, testInfo: TestInfo, name: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [w, h] of [[1280, 900], [390, 844]]) {
      await page.setViewportSize({ width: w, height: h });
      await page.screenshot({ path: testInfo.outputPath(`${name}-${w}-${scheme}.png`), fullPage: false });
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at ${w}`).toBeLessThanOrEqual(w);
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
}

test('lessons in Chinese: every step text, title and check is Chinese, and a step ticks', async ({ page }, testInfo) => {
  await page.goto('./?lessons&lang=zh-CN');
  await page.evaluate(() => localStorage.removeItem('copyimage-lessons-v1'));
  await page.goto('./?lessons&lang=zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.locator('#lessons-h')).toHaveText('课程');
  await expect(page.locator('#lessons-progress')).toHaveText('已完成 0/11 步');
  await expect(page.locator('#lessons-start')).toHaveText('从全新的模拟环境开始');
  // Every step opened: titles, instructions and the checks' words.
  for (const s of await page.locator('li.step summary').all()) await s.click();
  await expect(page.locator('li.step .instructions')).toHaveCount(11);
  for (const t of await page.locator('li.step .instructions').allTextContents()) expect(t).toMatch(/[\u4e00-\u9fff]/);
  await expect(page.locator('li.step[data-step="first-copy"] .verdict')).toHaveText('尚未完成：还没有发送过 CopyImage。');
  expect(await latinWords(page, '#lessons-pane')).toEqual([]);
  // The first step ticks on a real copy, and says so in Chinese.
  await page.locator('#lessons-start').click();
  await page.locator('#send').click();
  const first = page.locator('li.step[data-step="first-copy"]');
  await expect(first).toHaveAttribute('data-done', 'true');
  await first.locator('summary').click();
  await expect(first.locator('.verdict')).toContainText('CopyImage 返回 200，ImageId 为 m-');
  await expect(first.locator('.lesson-learned')).toHaveText('CopyImage 会立即返回镜像副本的 ID；复制本身只是进入了队列。');
  await expect(page.locator('#lessons-progress')).toHaveText('已完成 1/11 步');
  expect(await latinWords(page, '#lessons-pane')).toEqual([]);
  await page.locator('#lessons-pane').scrollIntoViewIfNeeded();
  await shots(page, testInfo, 'zh-lessons');
  await page.locator('#lessons-pane').screenshot({ path: testInfo.outputPath('zh-lessons-pane.png') });
});

test('the catalog in Chinese: lang=zh-CN and the switch open it, no English outside wire text', async ({ page }, testInfo) => {
  await page.goto('./teach/catalog.html?lang=zh-CN');
  await expect(page).toHaveURL(/catalog\.zh-CN\.html\?lang=zh-CN$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.locator('h1')).toHaveText('错误码目录');
  // The same entries as the English page, wire text byte-identical.
  const entry = page.locator('li.entry[data-entry="copyimage.snapshot_quota"]');
  await expect(entry.locator('q')).toHaveText('The snapshot quota exceeds.');
  await expect(entry.locator('.cause')).toContainText('目标地域的快照配额已用完');
  await expect(entry.locator('.setup')).toHaveText('先做准备：cn-shenzhen 的快照配额为 1。');
  expect(await latinWords(page, 'header, main')).toEqual([]);
  // Remembered: the English page now opens the Chinese one; the switch goes back.
  await page.goto('./teach/catalog.html#examples');
  await expect(page).toHaveURL(/catalog\.zh-CN\.html#examples$/);
  await page.locator('#lang-en').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('h1')).toHaveText('Error catalog');
  await page.goto('./teach/catalog.html');
  await expect(page.locator('h1')).toHaveText('Error catalog');
  await page.locator('#lang-zh-CN').click();
  await expect(page.locator('h1')).toHaveText('错误码目录');
  await shots(page, testInfo, 'zh-catalog');
});

test('a Chinese catalog Reproduce link opens the playground in Chinese with the error on top', async ({ page }) => {
  await page.goto('./teach/catalog.zh-CN.html');
  const entry = page.locator('li.entry[data-entry="copyimage.same_region"]');
  const href = await entry.locator('a.reproduce').getAttribute('href');
  expect(href).toMatch(/&lang=zh-CN$/);
  await entry.locator('a.reproduce').click();
  await page.waitForFunction(() => document.querySelector('#response-status') !== null);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.locator('#send')).toHaveText('发送');
  await expect(page.locator('#response-status')).toHaveText('HTTP/1.1 403 Forbidden');
  await expect(page.locator('#response-body')).toContainText('"Code":"IncorrectDestinationRegion"');
  // The header's links go to the Chinese static pages.
  await expect(page.locator('#nav-catalog')).toHaveAttribute('href', 'teach/catalog.zh-CN.html');
  await expect(page.locator('#nav-embed')).toHaveAttribute('href', 'teach/embed.zh-CN.html');
  await page.locator('#nav-catalog').click();
  await expect(page.locator('h1')).toHaveText('错误码目录');
});

const STATE = 'v=1&preset=default&Action=CopyImage&RegionId=cn-hangzhou&ImageId=m-bp1h46wfpjsjastc****&DestinationRegionId=cn-hangzhou';

test('an embed with lang=zh-CN renders Chinese; its playground link keeps the language', async ({ page }, testInfo) => {
  const src = `${new URL('./', baseURL).href}?embed&lang=zh-CN#${STATE}`;
  await page.setContent(`<!doctype html><html lang="zh-CN"><body><h1>复制镜像</h1>
    <iframe id="ex" src="${src}" title="CopyImage 示例" width="100%" height="420"></iframe></body></html>`);
  const frame = page.frameLocator('#ex');
  await expect(frame.locator('#embed-response-status')).toHaveText('HTTP/1.1 403 Forbidden');
  await expect(frame.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(frame.locator('#open-in-playground')).toHaveText('在演练场中打开 ↗');
  await expect(frame.locator('#embed-pretty')).toHaveText('缩进');
  await expect(frame.locator('#embed-why')).toContainText(/[\u4e00-\u9fff]/);
  expect(await frame.locator('#open-in-playground').getAttribute('href')).toMatch(/&lang=zh-CN$/);
  // Straight in a page too, so the scan sees the embed's own text.
  await page.goto(src);
  await expect(page.locator('#embed-response-status')).toHaveText('HTTP/1.1 403 Forbidden');
  expect(await latinWords(page, '.embed-view')).toEqual([]);
  await shots(page, testInfo, 'zh-embed');
});

test('the snippet page in Chinese makes a snippet whose frame opens in Chinese; the English page can too', async ({ page }, testInfo) => {
  await page.goto('./teach/embed.html?lang=zh-CN');
  await expect(page).toHaveURL(/embed\.zh-CN\.html\?lang=zh-CN$/);
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('h1')).toHaveText('在您的文档中嵌入可运行的 CopyImage 示例');
  await expect(page.locator('#embed-lang')).toHaveValue('zh-CN');
  // The script's own words (the state list's group labels) are Chinese too.
  expect(await page.locator('#state optgroup').evaluateAll((gs) => gs.map((g) => (g as HTMLOptGroupElement).label)))
    .toEqual(['API 参考页面中的示例', '错误（来自错误码目录）']);
  // The states come from the Chinese catalog; the frame's src carries the language in its query only.
  await page.locator('#state').selectOption({ label: '正常返回示例（XML）' });
  const snippet = await page.locator('#snippet').inputValue();
  expect(snippet).toMatch(/\?embed&amp;lang=zh-CN#v=1&amp;[^"]*Format=XML"/);
  expect(snippet).not.toMatch(/#[^"]*lang=/);
  expect(snippet).toContain('title="CopyImage 示例：正常返回示例（XML）"');
  const frame = page.frameLocator('#preview');
  await expect(frame.locator('#open-in-playground')).toHaveText('在演练场中打开 ↗');
  await expect(frame.locator('#embed-response-status')).toHaveText('HTTP/1.1 200 OK');
  expect(await latinWords(page, 'header, main')).toEqual([]);
  await page.locator('#copy').click();
  await expect(page.locator('#copied')).toHaveText(/^(已复制。|请选中并复制上面的文本。)$/);
  await shots(page, testInfo, 'zh-snippet');
  // The English page: English by default, a Chinese example on request.
  await page.goto('./teach/embed.html?lang=en');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('#embed-lang')).toHaveValue('en');
  expect(await page.locator('#snippet').inputValue()).not.toContain('lang=');
  // Both pages come from one template: the English one is shot at the same sizes.
  await shots(page, testInfo, 'en-snippet');
  await page.locator('#embed-lang').selectOption('zh-CN');
  await expect(page.locator('#snippet')).toHaveValue(/\?embed&amp;lang=zh-CN#/);
  await expect(page.frameLocator('#preview').locator('#open-in-playground')).toHaveText('在演练场中打开 ↗');
});

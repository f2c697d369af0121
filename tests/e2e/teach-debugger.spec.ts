// Signature debugger (issue 6): each planted mistake is named. The requests are signed here, in Node,
// the way a client with that bug would sign them (V1: HMAC-SHA1 over METHOD&%2F&pct(canonical query)).
import { createHmac } from 'node:crypto';
import { test, expect } from './helpers';
import { latinWords as scan } from './latin';

const SECRET = 'testsecret';

// The view is in the full build (dist/full/, cargo feature `debugger-view`); the playground's first load
// stays lean and sends `?view=debugger` there.
const DEBUGGER = './full/?view=debugger';

test('the playground sends ?view=debugger and its header link to the full build', async ({ page }) => {
  await page.goto('./?view=debugger#now=2026-11-27T08:30:00Z');
  await expect(page.locator('#dbg-request')).toBeVisible();
  expect(new URL(page.url()).pathname).toMatch(/\/full\/$/);
  expect(new URL(page.url()).hash).toBe('#now=2026-11-27T08:30:00Z');
  await page.goto('./');
  await page.locator('#nav-debugger').click();
  await expect(page.locator('#dbg-request')).toBeVisible();
  expect(new URL(page.url()).pathname).toMatch(/\/full\/$/);
});
const NOW = '2026-11-27T08:30:00Z';

/** RFC 3986 encoding as the signers use it (what a correct client does). */
const pct = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

interface Options { enc?: (s: string) => string; secret?: string; timestamp?: string }

/** A signed GET URL; `enc` is the client's encoder (used for the URL and the signature alike). */
function signedUrl({ enc = pct, secret = SECRET, timestamp = NOW }: Options = {}) {
  const params: [string, string][] = [
    ['AccessKeyId', 'testid'],
    ['Action', 'CopyImage'],
    ['DestinationDescription', 'my copy'],
    ['DestinationRegionId', 'cn-shanghai'],
    ['Format', 'JSON'],
    ['ImageId', 'm-bp1h46wfpjsjastc****'],
    ['RegionId', 'cn-hangzhou'],
    ['SignatureMethod', 'HMAC-SHA1'],
    ['SignatureNonce', 'nonce-e2e-1'],
    ['SignatureVersion', '1.0'],
    ['Timestamp', timestamp],
    ['Version', '2014-05-26'],
  ];
  const canonical = params.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
  const sts = `GET&%2F&${pct(canonical)}`;
  const sig = createHmac('sha1', `${secret}&`).update(sts).digest('base64');
  return `https://ecs.cn-hangzhou.aliyuncs.com/?${canonical}&Signature=${pct(sig)}`;
}

async function diagnose(page: import('@playwright/test').Page, url: string, now = NOW) {
  await page.goto(DEBUGGER);
  await page.locator('#dbg-request').fill(url);
  await page.locator('#dbg-secret').fill(SECRET);
  await page.locator('#dbg-now').fill(now);
}

test('a correct request matches', async ({ page }) => {
  await diagnose(page, signedUrl());
  await expect(page.locator('#dbg-verdict')).toHaveText('The signature matches.');
  // Said plainly, and nothing beside it reads as if something were wrong.
  await expect(page.locator('#dbg-verdict-detail')).toHaveText(
    'Your client signed exactly what the server expects: the same StringToSign with the same secret, so signing is not the problem.',
  );
  await expect(page.locator('#dbg-yours')).toHaveText('The same as the expected StringToSign: the signatures match.');
  await expect(page.locator('#dbg-causes')).toHaveCount(0);
  await expect(page.locator('#dbg-endpoint-status')).toHaveText('HTTP/1.1 200 OK');
});

test('names a space encoded as +', async ({ page }, testInfo) => {
  await diagnose(page, signedUrl({ enc: (s) => pct(s).replace(/%20/g, '+') }));
  await expect(page.locator('#dbg-verdict')).toHaveText('The signature does NOT match.');
  await expect(page.locator('#dbg-causes')).toContainText('space must be %20, not +');
  // Side by side, the first difference marked in both.
  await expect(page.locator('#dbg-expected mark.first-diff')).toHaveCount(1);
  await expect(page.locator('#dbg-yours mark.first-diff')).toHaveCount(1);
  // my%2520copy (a space as %20, encoded again) against my%2Bcopy (a +, encoded once): the whole escape
  // is marked in each.
  await expect(page.locator('#dbg-expected mark.first-diff')).toHaveText('%2520');
  await expect(page.locator('#dbg-yours mark.first-diff')).toHaveText('%2B');
  await page.screenshot({ path: testInfo.outputPath('debugger-space-plus.png'), fullPage: true });
});

test('names a * left unencoded', async ({ page }) => {
  await diagnose(page, signedUrl({ enc: (s) => pct(s).replace(/%2A/g, '*') }));
  await expect(page.locator('#dbg-causes')).toContainText('* must be %2A, not left raw');
  await expect(page.locator('#dbg-expected mark.first-diff')).toHaveText('%252A');
  await expect(page.locator('#dbg-yours mark.first-diff')).toHaveText('%2A');
});

test('names a stale timestamp', async ({ page }) => {
  // Signed correctly 20 minutes before the server clock.
  await diagnose(page, signedUrl({ timestamp: '2026-11-27T08:10:00Z' }));
  await expect(page.locator('#dbg-verdict')).toHaveText('The signature matches.');
  await expect(page.locator('#dbg-verdict-detail')).toContainText('The request is still refused, for the reason below.');
  await expect(page.locator('#dbg-causes')).toContainText('The timestamp is 1200 seconds behind the server clock');
  await expect(page.locator('#dbg-endpoint-body')).toContainText('InvalidTimeStamp.Expired');
});

test('names a wrong secret', async ({ page }) => {
  await diagnose(page, signedUrl({ secret: 'not-the-secret' }));
  await expect(page.locator('#dbg-verdict')).toHaveText('The signature does NOT match.');
  await expect(page.locator('#dbg-causes')).toContainText('the secret is most likely not the one');
  await expect(page.locator('#dbg-endpoint-body')).toContainText('SignatureDoesNotMatch');
});

test('the secret never reaches the URL or storage', async ({ page }) => {
  await diagnose(page, signedUrl());
  expect(page.url()).not.toContain(SECRET);
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(stored).not.toContain(SECRET);
});

/** Latin words in the page's visible text outside code and pre (the wire and the texts compared), besides
 *  identifiers (two capitals or more: StringToSign, AccessKeySecret, URL, HTTP) and the switch's "English". */
const latinWords = (page: import('@playwright/test').Page) =>
  scan(page, 'body', { allowed: new Set(['English']), skip: 'code, pre' });

test('in Chinese: every word of the page is Chinese, the wire and the texts compared stay as they are', async ({ page }, testInfo) => {
  const url = signedUrl({ enc: (s) => pct(s).replace(/%20/g, '+') });
  await page.goto(`${DEBUGGER}&lang=zh-CN`);
  // The full build, a sub-path, found its Chinese table.
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.locator('h1')).toHaveText('签名调试器');
  await expect(page.locator('#dbg-result')).toContainText('粘贴一个请求即可开始。');
  expect(await latinWords(page)).toEqual([]);
  await page.locator('#dbg-request').fill(url);
  // testid is a demo key of the simulated account: its secret is used until one is typed.
  await expect(page.locator('#dbg-demo-secret')).toHaveText(
    '密钥为空，且 AccessKeyId 是模拟账号的演示密钥，因此使用场景中该密钥的 AccessKeySecret。',
  );
  await page.locator('#dbg-secret').fill(SECRET);
  await page.locator('#dbg-now').fill(NOW);
  await expect(page.locator('#dbg-verdict')).toHaveText('签名不一致。');
  await expect(page.locator('#dbg-causes')).toHaveText(
    '百分号编码：空格必须编码为 %20，而不是 +（首次出现在参数 DestinationDescription 中）。',
  );
  await expect(page.locator('#dbg-out-h')).toHaveText('诊断结果');
  await expect(page.locator('#dbg-difference')).toHaveText(/^第一处不同在第 \d+ 个字符。$/);
  // What the endpoint answers crosses the wire: English, as the service sends it.
  await expect(page.locator('#dbg-endpoint-status')).toHaveText('HTTP/1.1 400 Bad Request');
  await expect(page.locator('#dbg-endpoint-body')).toContainText('Specified signature is not matched with our calculation.');
  await expect(page.locator('#dbg-expected mark.first-diff')).toHaveText('%2520');
  expect(await latinWords(page)).toEqual([]);
  // The language switch is on this view, marking Chinese.
  await expect(page.locator('#lang-zh-CN')).toHaveAttribute('aria-current', 'true');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: testInfo.outputPath(`debugger-zh-desktop-${scheme}.png`), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: testInfo.outputPath(`debugger-zh-phone-${scheme}.png`), fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  }
  // A correct request, and the way back to English.
  await page.locator('#dbg-request').fill(signedUrl());
  await expect(page.locator('#dbg-verdict')).toHaveText('签名一致。');
  await expect(page.locator('#dbg-verdict-detail')).toHaveText(
    '您的客户端签名的内容与服务端期望的完全一致：相同的 StringToSign、相同的密钥，所以问题不在签名。',
  );
  await page.locator('#lang-en').click();
  await expect(page.locator('#dbg-in-h')).toHaveText('Your request');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

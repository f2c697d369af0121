// Report measure: keystroke to updated preview. On a fresh page, types into the DestinationImageName field and,
// for each keystroke, takes the time from the input event to the next animation frame (by then Yew has
// re-evaluated the request with the engine and rendered the preview). One run = the median of its keystrokes.
export const name = 'keystroke to preview';
export const unit = 'ms';
export const goal = 16;

const TEXT = 'image-name-for-timing-01234';

export default async function ({ page, baseURL }) {
  await page.goto(baseURL);
  await page.waitForFunction(() => document.querySelector('#response-status') !== null, null, { timeout: 30_000 });
  const input = page.getByLabel(/^DestinationImageName( |$)/);
  await input.focus();
  await page.evaluate(() => {
    window.__keys = [];
    document.addEventListener(
      'input',
      (e) => {
        const t0 = e.timeStamp;
        requestAnimationFrame(() => window.__keys.push(performance.now() - t0));
      },
      true,
    );
  });
  for (const ch of TEXT) {
    await page.keyboard.type(ch);
    await page.waitForTimeout(20);
  }
  await page.waitForFunction((n) => window.__keys.length >= n, TEXT.length);
  const keys = await page.evaluate(() => window.__keys);
  const s = [...keys].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// The whole first screen. The first frame (the first-render mark) draws the header, the operation with its
// first fields and the response; the rest of the request pane (its later fields, tags, credentials) and the
// suggestion lists come in the next render, right after that frame is painted. This is when that render has
// been painted too: its last part (the secret field) is in the page and a frame has gone by. No goal of its
// own: it shows what the first frame leaves for after.
import { readMark } from '../tools/mark.mjs';

export const name = 'first screen complete';
export const unit = 'ms';

export default async function ({ page, baseURL }) {
  await page.addInitScript(() => {
    const mo = new MutationObserver(() => {
      if (!document.getElementById('f-AccessKeySecret')) return;
      mo.disconnect();
      requestAnimationFrame(() => setTimeout(() => (window.__firstScreenComplete = performance.now())));
    });
    mo.observe(document, { childList: true, subtree: true });
  });
  await page.goto(baseURL);
  return readMark(page, '__firstScreenComplete');
}

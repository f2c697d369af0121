// When the first frame with the app in it reached the screen: the browser's own paint time (Element Timing,
// the presentation time of the frame) of the response's status line, which the first render draws. It comes
// after the first-render mark by that frame's style, layout, paint, raster and compositing, which the mark
// does not include. No goal of its own; the one-line reference page beside it is read the same way.
import { readMark } from '../tools/mark.mjs';

export const name = 'first frame painted';
export const unit = 'ms';

export default async function ({ page, baseURL }) {
  await page.goto(baseURL);
  await readMark(page, '__firstRender');
  return paintTime(page, 'response-status');
}

/** The render time of the element marked `elementtiming=id` (buffered entries, read after the load). */
export async function paintTime(page, id) {
  const t = await page.evaluate(
    (id) =>
      new Promise((resolve) => {
        new PerformanceObserver((list) => {
          const e = list.getEntries().find((x) => x.identifier === id);
          if (e) resolve(e.renderTime || e.loadTime);
        }).observe({ type: 'element', buffered: true });
        setTimeout(() => resolve(null), 3000);
      }),
    id,
  );
  if (typeof t !== 'number') throw new Error(`no paint entry for the element marked elementtiming="${id}"`);
  return t;
}

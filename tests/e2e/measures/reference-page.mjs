// A machine reference, not the app: the same harness opening a one-line page (a data: URL, so no server
// either) and reading when its first frame has been painted (an animation frame, then a task, as Yew's yield
// before the app's mark). The 150 ms goal was set where such a page took 60 to 85 ms; when the machine is
// slower or busier, this line shows it, and the app's figures are to be read beside it.
import { readMark } from '../tools/mark.mjs';

export const name = 'one-line page (reference)';
export const unit = 'ms';

const PAGE =
  '<!doctype html><meta charset=utf-8><title>reference</title><p>One line.</p>' +
  '<script>requestAnimationFrame(() => setTimeout(() => { window.__firstRender = performance.now(); }));</script>';

export default async function ({ page }) {
  await page.goto(`data:text/html,${encodeURIComponent(PAGE)}`);
  return readMark(page, '__firstRender', { quietMs: 200 });
}

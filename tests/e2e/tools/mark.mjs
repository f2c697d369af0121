// Reads a number the page sets on `window` (the first-render mark) without disturbing the load it times.
//
// Playwright's `waitForFunction` injects its selector engine into the page and polls every animation frame;
// started right after `goto`, that work lands on the main thread while the app is still starting. Measured on
// alternating fresh loads, it added about 60 ms to the first-render median (300 ms against 363) and never
// happens to a reader. So the page is left alone until it has had time to start, then read every 100 ms with a
// plain evaluate (one small function call, nothing installed).

/** Waits for `window[name]` to be a number and returns it; throws after `timeoutMs`. */
export async function readMark(page, name, { quietMs = 800, timeoutMs = 30_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  await page.waitForTimeout(quietMs);
  for (;;) {
    const v = await page.evaluate((n) => window[n], name);
    if (typeof v === 'number') return v;
    if (Date.now() > deadline) throw new Error(`window.${name} was not set within ${timeoutMs} ms`);
    await page.waitForTimeout(100);
  }
}

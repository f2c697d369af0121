// Shared by every spec: `import { test, expect, baseURL, subpathURL } from './helpers';`
//
// `test` is Playwright's, with a `page` that records problems while the test runs and, when the test ends,
// fails it on any Content-Security-Policy violation (every spec gets that check for free). Page errors and
// console errors are collected in `problems` for specs that want to assert on them.
import { test as base, expect, type Page } from '@playwright/test';
import { baseURL, subpathURL } from './tools/chromium.mjs';

export { expect, baseURL, subpathURL };

/** What went wrong in the page while a test ran. */
export interface Problems {
  /** CSP violations (console reports and `securitypolicyviolation` events). */
  csp: string[];
  /** Uncaught exceptions in the page (a Rust panic shows up here too). */
  pageErrors: string[];
  /** console.error messages. */
  consoleErrors: string[];
}

export const test = base.extend<{ problems: Problems }>({
  problems: async ({}, use) => {
    await use({ csp: [], pageErrors: [], consoleErrors: [] });
  },
  page: async ({ page, problems }, use) => {
    await watch(page, problems);
    await use(page);
    // Let late reports (e.g. a blocked style set after a click) arrive before judging.
    await page.waitForTimeout(50).catch(() => {});
    const events = await page
      .evaluate(() => ((window as any).__cspViolations as string[] | undefined) ?? [])
      .catch(() => [] as string[]);
    const all = [...new Set([...problems.csp, ...events])];
    expect(all, 'Content-Security-Policy violations').toEqual([]);
  },
});

async function watch(page: Page, problems: Problems) {
  // Init scripts run before the page's own, via the DevTools protocol, so the CSP does not block them.
  await page.addInitScript(() => {
    (window as any).__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as any).__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
    });
  });
  page.on('console', (msg) => {
    const text = msg.text();
    if (/Content.Security.Policy/i.test(text)) problems.csp.push(text);
    else if (msg.type() === 'error') problems.consoleErrors.push(text);
  });
  page.on('pageerror', (err) => problems.pageErrors.push(String(err)));
}

/** Loads a page of the site (relative to the base URL) and waits until the app's first render happened. */
export async function openApp(page: Page, path = './') {
  await page.goto(path);
  await page.waitForFunction(() => typeof (window as any).__appStarted === 'number');
}

// Helpers for the playground's UI specs (not a spec itself): fields by the wire name their label starts
// with, the response preview, and screenshots kept in the test output.
import { expect, type Page, type TestInfo } from '@playwright/test';

/** The input whose accessible label starts with the wire name `name` (exactly that name, then a space). */
export function field(page: Page, name: string) {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByLabel(new RegExp(`^${esc}( |$)`));
}

/** The preview's status line element. */
export const status = (page: Page) => page.locator('#response-status');
/** The preview's body element. */
export const body = (page: Page) => page.locator('#response-body');

/** Waits until the preview shows `code` (or a 200 when code is null). */
export async function expectPreview(page: Page, statusLine: string, code: string | null) {
  await expect(status(page)).toHaveText(statusLine);
  if (code) await expect(body(page)).toContainText(`"Code":"${code}"`);
  else await expect(body(page)).not.toContainText('"Code"');
}

/** Opens the page at a fragment and waits for the first render. */
export async function openAt(page: Page, fragment = '') {
  await page.goto(`./${fragment}`);
  await page.waitForFunction(() => document.querySelector('#response-status') !== null);
}

/** Saves a screenshot into the test's output folder (kept for people to look at). */
export async function shot(page: Page, testInfo: TestInfo, name: string, fullPage = true) {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage });
}

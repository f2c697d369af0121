// The views a reader can open, each brought to its full content: one list for the checks that walk every
// view (axe in a11y.spec.ts, the internal-marker scan in reader-text.spec.ts), so a new view is added once.
import type { Page } from '@playwright/test';
import { expect, openApp } from './helpers';

/** A view's name (part of the tests' titles) and how to open it with its content in place. */
export type View = [string, (page: Page) => Promise<void>];

const SENT_WITH_FIELD_ERROR =
  './#v=1&preset=default&RegionId=cn-hangzhou&ImageId=m-bp1h46wfpjsjastc****&DestinationRegionId=cn-shanghai&DestinationImageName=1bad&steps=t30';
const SAME_REGION_EMBED =
  './?embed#v=1&preset=default&Action=CopyImage&RegionId=cn-hangzhou&ImageId=m-bp1h46wfpjsjastc****&DestinationRegionId=cn-hangzhou';

/** The playground after a Send: a request in the history, the signed URL, an inline field error. */
export async function playgroundSent(page: Page) {
  await openApp(page, SENT_WITH_FIELD_ERROR);
  await page.locator('#send').click();
  await expect(page.locator('#history-pane .entry')).toHaveCount(1);
  await expect(page.locator('#signed-v1-url')).toContainText('Signature=');
  await expect(page.locator('#f-DestinationImageName-err')).toBeVisible();
}

/** The playground showing a documented success and its why. */
export async function playgroundSuccess(page: Page) {
  await openApp(page, './#v=1&preset=default&RegionId=cn-hangzhou&ImageId=m-bp1h46wfpjsjastc****&DestinationRegionId=cn-shanghai');
  await expect(page.locator('#why')).toBeVisible();
}

/** The playground at phone width, with a copy running. */
export async function playgroundPhone(page: Page) {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page, './#v=1&preset=default&RegionId=cn-hangzhou&ImageId=m-bp1h46wfpjsjastc****&DestinationRegionId=cn-shanghai&steps=t30');
  await expect(page.locator('#image-table')).toBeVisible();
}

/** The lessons panel beside the world. */
export async function lessons(page: Page) {
  await openApp(page, './?lessons');
  await expect(page.locator('#lessons-pane')).toBeVisible();
  await expect(page.locator('#queues')).toBeVisible();
}

/** The error catalog page. */
export async function catalog(page: Page) {
  await page.goto('./teach/catalog.html');
  await expect(page.locator('#catalog li.entry').first()).toBeVisible();
}

/** Embed mode answering a documented refusal. */
export async function embed(page: Page) {
  await page.goto(SAME_REGION_EMBED);
  await expect(page.locator('#embed-response-status')).toHaveText('HTTP/1.1 403 Forbidden');
}

/** Embed mode in the host's dark theme. */
export async function embedDark(page: Page) {
  await page.goto('./?embed&theme=dark#v=1&preset=default');
  await expect(page.locator('#embed-response-status')).toHaveText('HTTP/1.1 200 OK');
}

/** The embed snippet page, ready. */
export async function snippetPage(page: Page) {
  await page.goto('./teach/embed.html');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
}

/** The JavaScript API page, its live example answered, then another catalog error picked. */
export async function apiPage(page: Page) {
  await page.goto('./teach/api.html');
  await expect(page.locator('#live')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('#live-why')).not.toBeEmpty();
  await page.locator('#pick').selectOption({ index: 5 });
  await expect(page.locator('#live-why')).not.toBeEmpty();
}

/** The signature debugger (full build) with a pasted URL diagnosed. */
export async function debuggerView(page: Page) {
  await page.goto('./full/?view=debugger');
  await page.locator('#dbg-request').fill('https://ecs.aliyuncs.com/?AccessKeyId=testid&Action=DescribeRegions&Signature=abc');
  await expect(page.locator('#dbg-verdict')).toBeVisible();
}

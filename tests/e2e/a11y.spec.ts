// Accessibility: axe-core over every view (playground, lessons, error catalog, embed, the embed snippet page,
// the JavaScript API page, the signature debugger of the full build), in light and dark, after the views
// have their full content. No serious or critical violation may remain. axe is put into the page through
// the DevTools protocol (page.evaluate), which the page's Content-Security-Policy does not govern, so the
// policy stays as served.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { test, expect, openApp } from './helpers';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }

/** Runs axe over the page (its own document; frames are checked as views of their own). */
async function violations(page: Page): Promise<Violation[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    (window as any).axe.run(document, { resultTypes: ['violations'], iframes: false }),
  );
  return (result.violations as Violation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** One line a violation, with the elements it concerns, for a readable failure. */
function describe(vs: Violation[]) {
  return vs.map((v) => `${v.impact} ${v.id}: ${v.help} @ ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

const VIEWS: [string, (page: Page) => Promise<void>][] = [
  ['playground', async (page) => {
    await openApp(page, './#v=1&preset=default&RegionId=cn-hangzhou&ImageId=m-bp1h46wfpjsjastc****&DestinationRegionId=cn-shanghai&DestinationImageName=1bad&steps=t30');
    // Everything a reader can reach: a sent request in the history, an inline field error, the full panes.
    await page.locator('#send').click();
    await expect(page.locator('#history-pane .entry')).toHaveCount(1);
    await expect(page.locator('#signed-v1-url')).toContainText('Signature=');
    await expect(page.locator('#f-DestinationImageName-err')).toBeVisible();
  }],
  ['lessons', async (page) => {
    await openApp(page, './?lessons');
    await expect(page.locator('#lessons-pane')).toBeVisible();
    await expect(page.locator('#queues')).toBeVisible();
  }],
  ['error catalog', async (page) => {
    await page.goto('./teach/catalog.html');
    await expect(page.locator('#catalog li.entry').first()).toBeVisible();
  }],
  ['embed', async (page) => {
    await page.goto('./?embed#v=1&preset=default&Action=CopyImage&RegionId=cn-hangzhou&ImageId=m-bp1h46wfpjsjastc****&DestinationRegionId=cn-hangzhou');
    await expect(page.locator('#embed-response-status')).toHaveText('HTTP/1.1 403 Forbidden');
  }],
  ['embed with the host\u2019s theme=dark', async (page) => {
    await page.goto('./?embed&theme=dark#v=1&preset=default');
    await expect(page.locator('#embed-response-status')).toHaveText('HTTP/1.1 200 OK');
  }],
  ['playground on a phone', async (page) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openApp(page, './#v=1&preset=default&RegionId=cn-hangzhou&ImageId=m-bp1h46wfpjsjastc****&DestinationRegionId=cn-shanghai&steps=t30');
    await expect(page.locator('#image-table')).toBeVisible();
  }],
  ['embed snippet page', async (page) => {
    await page.goto('./teach/embed.html');
    await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  }],
  ['JavaScript API page', async (page) => {
    await page.goto('./teach/api.html');
    await expect(page.locator('#live')).toHaveAttribute('data-ready', 'true');
  }],
  ['signature debugger', async (page) => {
    await page.goto('./full/?view=debugger');
    await page.locator('#dbg-request').fill('https://ecs.aliyuncs.com/?AccessKeyId=testid&Action=DescribeRegions&Signature=abc');
    await expect(page.locator('#dbg-verdict')).toBeVisible();
  }],
];

for (const scheme of ['light', 'dark'] as const) {
  for (const [name, open] of VIEWS) {
    test(`axe: ${name}, ${scheme}: no serious or critical violation`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await open(page);
      expect(describe(await violations(page))).toEqual([]);
    });
  }
}

test('axe: the check can fail (a planted unlabelled field is found)', async ({ page }) => {
  await openApp(page);
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.id = 'planted-unlabelled';
    document.querySelector('#request-pane')!.appendChild(input);
  });
  const found = await violations(page);
  expect(found.some((v) => v.id === 'label' && v.nodes.some((n) => n.target.join(' ').includes('planted-unlabelled')))).toBe(true);
});

// Accessibility: axe-core over every view (playground, lessons, error catalog, embed, the embed snippet page,
// the JavaScript API page, the signature debugger of the full build), in light and dark, after the views
// have their full content. No serious or critical violation may remain. axe is put into the page through
// the DevTools protocol (page.evaluate), which the page's Content-Security-Policy does not govern, so the
// policy stays as served.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { test, expect, openApp } from './helpers';
import * as views from './views';
import type { View } from './views';

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

const VIEWS: View[] = [
  ['playground', views.playgroundSent],
  ['lessons', views.lessons],
  ['error catalog', views.catalog],
  ['embed', views.embed],
  ['embed with the host\u2019s theme=dark', views.embedDark],
  ['playground on a phone', views.playgroundPhone],
  ['embed snippet page', views.snippetPage],
  ['JavaScript API page', views.apiPage],
  ['signature debugger', views.debuggerView],
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

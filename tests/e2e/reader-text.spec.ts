// Text on screen is for readers: no internal file names, section marks, note labels, issue numbers, rule IDs or
// setting paths in the prose of any view (playground, lessons, error catalog, embed, embed snippet page,
// JavaScript API page, signature debugger). Code is not prose: what sits in <pre>, <code>, <kbd>, <samp>,
// form fields and tooltips is left out (a rule ID may stay in a tooltip, a world setting in a code-formatted
// details line). A planted marker shows the check can fail.
import type { Page } from '@playwright/test';
import { test, expect, openApp } from './helpers';
import * as views from './views';
import type { View } from './views';

/** The deny-list: a name for each internal marker and the pattern that finds it. */
const MARKERS: [string, RegExp][] = [
  ['a section mark', /§/],
  ['a .md file name', /\b[\w-]+\.md\b/],
  ['an internal note label', /\b(FACTS|FIELDS|REF)\b/],
  ['a rule ID', /\b[a-z]+\.[a-z]+_[a-z_]+\b/],
  ['a setting path', /\bsettings\.[a-z_]+/],
  ['an issue number', /\bissues? #?\d+\b/i],
];

/** The page's prose: its text without code, form fields and scripts. */
async function prose(page: Page): Promise<string> {
  return page.evaluate(() => {
    const body = document.body.cloneNode(true) as HTMLElement;
    body.querySelectorAll('pre, code, kbd, samp, textarea, input, select, script, style, noscript').forEach((e) => e.remove());
    return (body.textContent ?? '').replace(/\s+/g, ' ');
  });
}

/** Each marker found in `text`, with a little context. */
function found(text: string): string[] {
  const out: string[] = [];
  for (const [name, re] of MARKERS) {
    const m = re.exec(text);
    if (m) out.push(`${name}: …${text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40)}…`);
  }
  return out;
}

const VIEWS: View[] = [
  ['playground after a send, with a field error', views.playgroundSent],
  ['playground with a documented success', views.playgroundSuccess],
  ['lessons', views.lessons],
  ['error catalog', views.catalog],
  ['embed', views.embed],
  ['embed snippet page', views.snippetPage],
  ['JavaScript API page, with a picked catalog error', views.apiPage],
  ['signature debugger', views.debuggerView],
];

for (const [name, open] of VIEWS) {
  test(`reader text: ${name} has no internal markers`, async ({ page }) => {
    await open(page);
    expect(found(await prose(page))).toEqual([]);
  });
}

test('reader text: the check can fail (a planted marker is found)', async ({ page }) => {
  await openApp(page);
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.textContent = 'See FACTS §1c and copyimage.same_region in FIDELITY.md (settings.queue_limit).';
    document.querySelector('#request-pane')!.appendChild(p);
  });
  const hits = found(await prose(page));
  expect(hits.map((h) => h.split(':')[0])).toEqual([
    'a section mark', 'a .md file name', 'an internal note label', 'a rule ID', 'a setting path',
  ]);
});

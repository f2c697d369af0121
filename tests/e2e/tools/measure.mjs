// The speed half of `make report`: each measure runs N times (default 7), each time on a fresh page in a fresh
// browser context (no cache, no storage), and reports the median.
//
// Built in: "first render" = window.__firstRender, the performance.now() at which the app's first render
// reached the DOM (set by src/main.rs), so it is measured inside the page. index.html paints a static shell
// before the WASM; the app replaces it when it mounts, and the measure checks that the shell is gone, so the
// figure is the app's own render, never the shell's paint. The mark is read without disturbing the load
// (tools/mark.mjs: no injected polling while the app starts).
//
// More measures: drop a file in tests/e2e/measures/NAME.mjs exporting
//   export const name = 'keystroke to preview';  export const unit = 'ms';  export const goal = 16; // optional
//   export default async function ({ page, baseURL }) { ...; return number; } // one run, on a fresh page
// It is picked up automatically and printed as one more line of the report.
//
// Usage: E2E_BASE_URL=http://127.0.0.1:PORT/ node tools/measure.mjs [--runs 7] [--json out.json]
import { chromium } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchOptions, baseURL } from './chromium.mjs';
import { readMark } from './mark.mjs';

const argv = process.argv.slice(2);
const opt = (flag, dflt) => {
  const i = argv.indexOf(flag);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
};
const runs = Math.max(1, parseInt(opt('--runs', '7'), 10) || 7);
const jsonOut = opt('--json', null);

const firstRender = {
  name: 'first render',
  unit: 'ms',
  goal: 150,
  async run({ page, baseURL }) {
    await page.goto(baseURL);
    const at = await readMark(page, '__firstRender');
    const shell = await page.evaluate(() => !!document.getElementById('shell'));
    if (shell) throw new Error('the static shell is still in the page at the first-render mark');
    return at;
  },
};

async function loadPlugins() {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'measures');
  let files = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort();
  } catch {
    return [];
  }
  const out = [];
  for (const f of files) {
    const m = await import(pathToFileURL(join(dir, f)).href);
    out.push({ name: m.name ?? f, unit: m.unit ?? 'ms', goal: m.goal, run: m.default });
  }
  return out;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const measures = [firstRender, ...(await loadPlugins())];
const browser = await chromium.launch(launchOptions);
const results = [];
let failed = false;
try {
  for (const m of measures) {
    const values = [];
    try {
      for (let i = 0; i < runs; i++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        try {
          const v = await m.run({ page, baseURL });
          if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`measure returned ${v}`);
          values.push(v);
        } finally {
          await context.close();
        }
      }
    } catch (e) {
      failed = true;
      console.log(`  ${m.name.padEnd(24)} FAILED: ${e.message.split('\n')[0]}`);
      continue;
    }
    const med = median(values);
    const verdict = m.goal === undefined ? '' : med <= m.goal ? `(goal <= ${m.goal} ${m.unit}: ok)` : `(goal <= ${m.goal} ${m.unit}: OVER)`;
    console.log(`  ${m.name.padEnd(24)} median ${med.toFixed(1)} ${m.unit} ${verdict}`);
    console.log(`  ${''.padEnd(24)} runs: ${values.map((v) => v.toFixed(1)).join(', ')}`);
    results.push({ name: m.name, unit: m.unit, goal: m.goal ?? null, median: med, runs: values });
  }
} finally {
  await browser.close();
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(results, null, 2));
process.exit(failed ? 1 : 0);

// The first screen as a newcomer meets it: a static shell (title, purpose, a loading state, in the page's
// language) before the WASM runs, a plain message when it cannot run, the embed's skeleton, where to start,
// and Send within reach on a phone.
import { test, expect, openApp } from './helpers';
import type { Page, Route } from '@playwright/test';
import { field, openAt, shot } from './ui-common';
// The report's own reading of a paint (a plain ES module), so the test reads it as the report does.
import { paintTime } from './measures/first-frame-painted.mjs';

/** Holds the download of the WASM files `pattern` matches (all of them by default) until the returned
 * function is called, so the page can be looked at (or used) meanwhile. */
async function holdWasm(page: Page, pattern = '**/*.wasm') {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  await page.route(pattern, async (route: Route) => {
    await gate;
    await route.continue();
  });
  return release;
}

/** The shell's tagline and loading state read `tagline` and `loading` in `lang`; the other language's are hidden. */
async function expectShellIn(page: Page, lang: 'en' | 'zh-CN', tagline: string, loading: string) {
  const [english, chinese] = [page.locator('#shell-status span').first(), page.locator('#shell-status [lang="zh-CN"]')];
  const status = lang === 'en' ? [english, chinese] : [chinese, english];
  const other = lang === 'en' ? 'zh-CN' : 'en';
  await expect(page.locator(`#shell .tagline [lang="${lang}"]`)).toHaveText(tagline);
  await expect(page.locator(`#shell .tagline [lang="${lang}"]`)).toBeVisible();
  await expect(page.locator(`#shell .tagline [lang="${other}"]`)).toBeHidden();
  await expect(status[0]).toHaveText(loading);
  await expect(status[0]).toBeVisible();
  await expect(status[1]).toBeHidden();
}

test('the shell paints title, purpose and a loading state before the WASM, then the app replaces it', async ({ page }, testInfo) => {
  const release = await holdWasm(page);
  await page.goto('./');
  const shell = page.locator('#shell');
  await expect(shell.locator('h1')).toHaveText('CopyImage Playground');
  // In the page's language only: an English page does not lay out (and load a font for) the Chinese words.
  await expectShellIn(
    page,
    'en',
    'Alibaba Cloud ECS CopyImage (2014-05-26): build a request, see the exact response, without an account.',
    'Loading the playground…',
  );
  await shot(page, testInfo, 'shell-desktop', false);
  release();
  await page.waitForFunction(() => typeof (window as any).__appStarted === 'number');
  // The first-render mark is set once the app has replaced the shell, never while the shell shows.
  await expect(shell).toHaveCount(0);
  await expect(page.locator('#request-pane')).toBeVisible();
  await expect(page.locator('#panic')).toBeHidden();
});

test('a Chinese link\'s shell is in Chinese', async ({ page }, testInfo) => {
  const release = await holdWasm(page);
  await page.goto('./?lang=zh-CN');
  const shell = page.locator('#shell');
  await expect(shell.locator('h1')).toHaveText('CopyImage Playground');
  await expectShellIn(page, 'zh-CN', '阿里云 ECS CopyImage（2014-05-26）：无需账号，构造请求，查看确切的响应。', '正在加载…');
  await shot(page, testInfo, 'shell-zh', false);
  release();
  await page.waitForFunction(() => typeof (window as any).__appStarted === 'number');
  await expect(shell).toHaveCount(0);
});

test('says plainly when the WASM cannot be loaded', async ({ page }) => {
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto('./');
  const status = page.locator('#shell-status');
  await expect(status).toContainText('The playground could not start');
  await expect(status).toContainText('It needs WebAssembly: reload the page, or try a current browser.');
  await expect(status).toContainText('演练场无法启动，它需要 WebAssembly');
  await expect(status).toHaveClass(/failed/);
  await expect(page.locator('#request-pane')).toHaveCount(0);
});

test('the first render loads only the first screen\'s code; the other panes\' code comes after it', async ({ page }) => {
  await page.goto('./');
  await page.waitForFunction(() => typeof (window as any).__appStarted === 'number');
  await expect(page.locator('#world-pane h2')).toBeVisible();
  await expect(page.locator('#world-pane')).toContainText('World clock');
  await expect(page.locator('#signed-pane')).toBeVisible();
  const r = await page.evaluate(() => {
    const wasm = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm'));
    return {
      first: (window as any).__firstRender as number,
      main: wasm.filter((e) => !/\/(split|chunk)_[^/]*\.wasm$/.test(e.name)).map((e) => e.startTime),
      later: wasm.filter((e) => /\/split_later-[^/]*\.wasm$/.test(e.name)).map((e) => e.startTime),
      shared: wasm.filter((e) => /\/chunk_[^/]*\.wasm$/.test(e.name)).map((e) => e.startTime),
      views: wasm.filter((e) => /\/split_(lessons|embed)-/.test(e.name)).map((e) => e.name),
    };
  });
  expect(r.main.length).toBe(1);
  expect(r.main[0]).toBeLessThan(r.first);
  // The panes' own code is one more file (with the small files of code it shares with the lessons panel and
  // the embed view), asked for only once the first render is on screen.
  expect(r.later.length).toBe(1);
  expect(r.later[0]).toBeGreaterThanOrEqual(r.first);
  for (const t of r.shared) expect(t).toBeGreaterThanOrEqual(r.first);
  // The lessons panel's and the embed view's code are not fetched by the playground at all.
  expect(r.views).toEqual([]);
});

/** Records what the page holds at the moment the app sets its first-render mark (before the next render),
 * read back by `atFirstRender`. */
async function recordFirstRender(page: Page) {
  await page.addInitScript(() => {
    let at: number | undefined;
    Object.defineProperty(window, '__firstRender', {
      configurable: true,
      get: () => at,
      set: (v: number) => {
        at = v;
        const ids = (sel: string) => [...document.querySelectorAll(sel)].map((e) => e.id);
        (window as any).__atFirstRender = {
          lessons: !!document.getElementById('lessons-pane'),
          status: document.getElementById('response-status')?.textContent ?? '',
          fields: ids('#request-pane .field :is(input, select)'),
          credentials: !!document.querySelector('#request-pane .credentials'),
          lists: ids('datalist'),
          // Chinese characters the first frame lays out: none on an English page (the language switch's
          // 简体中文 is left out of that frame's layout, so it loads no Chinese font).
          chinese: (() => {
            const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let n = walk.nextNode(); n; n = walk.nextNode()) {
              if (!/[\u3400-\u9fff]/.test(n.textContent ?? '')) continue;
              let skipped = false;
              for (let e = n.parentElement; e && !skipped; e = e.parentElement) {
                const style = getComputedStyle(e);
                skipped = style.display === 'none' || style.contentVisibility === 'hidden';
              }
              if (!skipped) return true;
            }
            return false;
          })(),
        };
        // The frame after the mark: its animation-frame callbacks run just before it is laid out and
        // painted, so what the page holds here is what that frame shows.
        requestAnimationFrame(() => {
          const box = (id: string) => document.getElementById(id)?.getBoundingClientRect();
          (window as any).__atFirstRender.nextFrame = {
            fields: ids('#request-pane .field :is(input, select)').length,
            credentials: !!document.querySelector('#request-pane .credentials'),
          };
          (window as any).__atFirstRender.langLinks = { en: box('lang-en')?.left, zh: box('lang-zh-CN')?.width };
        });
      },
    });
  });
}

/** What `recordFirstRender` saw, once the first render has happened. */
async function atFirstRender(page: Page) {
  await page.waitForFunction(() => (window as any).__atFirstRender);
  return page.evaluate(() => (window as any).__atFirstRender);
}

test('the first frame draws what a first screen shows; the rest of the request pane follows at once', async ({ page }) => {
  await recordFirstRender(page);
  await page.goto('./');
  const first = await atFirstRender(page);
  // The operation, its first four parameters and the response: a desktop window's first screen.
  expect(first.fields).toEqual(['f-Action', 'f-RegionId', 'f-ImageId', 'f-DestinationRegionId', 'f-DestinationImageName']);
  expect(first.status).toContain('200 OK');
  expect(first.credentials).toBe(false);
  expect(first.lists).toEqual([]);
  expect(first.chinese).toBe(false);
  // And a frame shows just that (the rest waits until it has been painted, on a fast machine too).
  await page.waitForFunction(() => (window as any).__atFirstRender.nextFrame);
  expect(await page.evaluate(() => (window as any).__atFirstRender.nextFrame)).toEqual({ fields: 5, credentials: false });
  // The browser reports when that frame's response status line was painted ("first frame painted" in the report).
  const painted = await paintTime(page, 'response-status');
  expect(painted).toBeGreaterThan(await page.evaluate(() => (window as any).__firstRender));
  // The next render brings the rest: every parameter, the credentials and the suggestion lists.
  await expect(page.locator('#f-AccessKeySecret')).toHaveCount(1);
  await expect(page.locator('#f-DestinationDescription')).toHaveCount(1);
  await expect(page.locator('#f-Encrypted')).toHaveCount(1);
  await expect(page.locator('datalist#dl-regions option[value="cn-hangzhou"]')).toHaveCount(1);
  await expect(page.locator('datalist#dl-images option')).not.toHaveCount(0);
  // The language switch's Chinese name is laid out then, in the room its link kept: nothing in the header moves.
  await expect(page.locator('#lang-zh-CN')).toHaveText('简体中文');
  const before = await page.evaluate(() => (window as any).__atFirstRender.langLinks);
  const after = await page.evaluate(() => ({
    en: document.getElementById('lang-en')!.getBoundingClientRect().left,
    zh: document.getElementById('lang-zh-CN')!.getBoundingClientRect().width,
  }));
  expect(after.en).toBe(before.en);
  expect(Math.abs(after.zh - before.zh)).toBeLessThanOrEqual(2);
  await expectFirstScreenWorks(page);
});

/** Opens `path`, recording which WASM files it asks for and whether the lessons panel is there at the first render. */
async function openView(page: Page, path: string) {
  const asked: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.wasm')) asked.push(r.url().replace(/.*\//, ''));
  });
  await recordFirstRender(page);
  await page.goto(path);
  return asked;
}

/** What asked for each fetched file whose name starts with `prefix`: `link` for the page's preload. */
function initiators(page: Page, prefix: string) {
  return page.evaluate(
    (prefix) =>
      performance.getEntriesByType('resource')
        .filter((e) => e.name.slice(e.name.lastIndexOf('/') + 1).startsWith(prefix))
        .map((e) => (e as PerformanceResourceTiming).initiatorType),
    prefix,
  );
}

test('a lessons link fetches the lessons panel\'s code beside the first file, once, and draws it at the first render', async ({ page }) => {
  const asked = await openView(page, './?lessons');
  expect((await atFirstRender(page)).lessons).toBe(true);
  await expect(page.locator('#lessons-pane h2')).toHaveText('Lessons');
  // Asked for by the page's own preload as it was parsed (not after the first file had started), and the
  // app's load used that response: one request per file.
  expect(await initiators(page, 'split_lessons-')).toEqual(['link']);
  expect(asked.filter((u) => u.startsWith('split_lessons-'))).toHaveLength(1);
  expect(asked.filter((u) => u.startsWith('split_embed-'))).toHaveLength(0);
  expect(new Set(asked).size).toBe(asked.length);
});

test('an embed fetches the embed view\'s code beside the first file, once, and never the playground\'s panes', async ({ page }) => {
  const asked = await openView(page, './?embed#v=1&preset=default');
  await expect(page.locator('#embed-response-status')).toHaveText('HTTP/1.1 200 OK');
  expect(await initiators(page, 'split_embed-')).toEqual(['link']);
  await page.waitForTimeout(500);
  expect(asked.filter((u) => u.startsWith('split_embed-'))).toHaveLength(1);
  expect(asked.filter((u) => /^split_(later|lessons)-/.test(u))).toEqual([]);
  expect(new Set(asked).size).toBe(asked.length);
});

/** Not a crash: no panic, and the first screen still answers typing (the preview follows the form). */
async function expectFirstScreenWorks(page: Page) {
  await expect(page.locator('#panic')).toBeHidden();
  await expect(page.locator('#response-status')).toContainText('200 OK');
  await page.locator('#f-DestinationRegionId').fill('no-such-region');
  await expect(page.locator('#response-status')).not.toContainText('200 OK');
}

test('says plainly when the lessons panel\'s code cannot be downloaded, and the playground still works', async ({ page }) => {
  await page.route('**/split_lessons-*.wasm', (route) => route.abort());
  await openApp(page, './?lessons');
  await expect(page.locator('#lessons-pane h2')).toHaveText('Lessons');
  await expect(page.locator('#lessons-pane')).toContainText(
    'The lessons could not be downloaded (the network failed). Reload the page to try again: your request is kept in its link.',
  );
  await expectFirstScreenWorks(page);
});

test('an embed says plainly when its code cannot be downloaded', async ({ page }) => {
  await page.route('**/split_embed-*.wasm', (route) => route.abort());
  await page.goto('./?embed#v=1&preset=default');
  const status = page.locator('#shell-status');
  await expect(status).toHaveText('The embedded playground could not be downloaded (the network failed). Reload the page to try again.');
  await expect(status).toHaveClass(/failed/);
  await expect(page.locator('#panic')).toBeHidden();
});

test('the first WASM is fetched once, from the head, and compiled while it downloads', async ({ page }) => {
  const asked: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('_bg.wasm')) asked.push(r.url());
  });
  await openApp(page);
  // The head's script compiled it (streaming); the module script only instantiated that module.
  expect(await page.evaluate(async () => (await (window as any).__wasm) instanceof WebAssembly.Module)).toBe(true);
  expect(asked).toHaveLength(1);
  await expect(page.locator('#response-status')).toHaveText('HTTP/1.1 200 OK');
});

test('a Chinese page asks for the first WASM before its strings', async ({ page }) => {
  const asked: string[] = [];
  page.on('request', (r) => {
    const name = r.url().split('/').pop() ?? '';
    if (name.endsWith('_bg.wasm') || name.startsWith('zh-CN')) asked.push(name.endsWith('.wasm') ? 'wasm' : name);
  });
  await openApp(page, './?lang=zh-CN');
  await expect(page.locator('#send')).toHaveText('发送');
  expect(asked).toEqual(['wasm', 'zh-CN.json']);
});

test('the first WASM also loads from a host that serves .wasm under another MIME type', async ({ page }) => {
  await page.route(/_bg\.wasm$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'application/octet-stream' } });
  });
  await openApp(page);
  expect(await page.evaluate(async () => (await (window as any).__wasm) instanceof WebAssembly.Module)).toBe(true);
  await expect(page.locator('#response-status')).toHaveText('HTTP/1.1 200 OK');
  await expect(page.locator('#panic')).toBeHidden();
});

test('the other panes\' code also loads from a host that serves .wasm under another MIME type', async ({ page }) => {
  await page.route(/\/(split|chunk)_[^/]*\.wasm$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'application/octet-stream' } });
  });
  await page.goto('./');
  await expect(page.locator('#world-pane')).toContainText('World clock');
  await expect(page.locator('#signed-pane')).toBeVisible();
});

test('says plainly when the other panes\' code cannot be downloaded', async ({ page }) => {
  await page.route('**/split_*.wasm', (route) => route.abort());
  await page.goto('./');
  await page.waitForFunction(() => typeof (window as any).__appStarted === 'number');
  await expect(page.locator('#world-pane')).toContainText(
    'The world, scenario, signed request and history panes could not be downloaded (the network failed). Reload the page to try again: your request is kept in its link.',
  );
  // Not a crash: the first screen keeps working, and typing still updates the preview.
  await expectFirstScreenWorks(page);
});

test('says plainly when the browser has no WebAssembly', async ({ page }) => {
  await page.addInitScript(() => {
    delete (window as any).WebAssembly;
  });
  await page.goto('./');
  await expect(page.locator('#shell-status')).toContainText('The playground could not start (this browser has no WebAssembly).');
  await expect(page.locator('#shell-status')).toContainText('演练场无法启动，它需要 WebAssembly');
});

test('the embed paints a skeleton of about its final size before the WASM', async ({ page }) => {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 800 });
    const release = await holdWasm(page);
    await page.goto('./?embed&theme=dark#v=1&preset=default');
    await expect(page.locator('html')).toHaveClass('embed');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(page.locator('#shell header')).toBeHidden();
    const skeleton = await page.locator('#app').evaluate((e) => e.scrollHeight);
    release();
    await expect(page.locator('#embed-response-status')).toHaveText('HTTP/1.1 200 OK');
    const final = await page.locator('#app').evaluate((e) => e.scrollHeight);
    expect(Math.abs(final - skeleton), `skeleton ${skeleton}px, embed ${final}px at ${width}px`).toBeLessThan(final * 0.25);
    await page.unrouteAll();
  }
});

test('the first screen says where to start, and the hint goes after the first Send', async ({ page }) => {
  await openApp(page);
  const hint = page.locator('#start-hint');
  await expect(hint).toHaveText(
    'Start here: press Send to copy the example image m-bp1h46wfpjsjastc**** from cn-hangzhou to cn-shanghai, ' +
      'then follow the copy in the World pane. Change any field first to see its answer live.',
  );
  // The hint follows the form, so it never describes a request other than the one Send sends.
  await field(page, 'DestinationRegionId').fill('cn-beijing');
  await expect(hint).toContainText('from cn-hangzhou to cn-beijing');
  // A request the preview refuses is not promised as a copy to follow (e.g. after a catalog Reproduce).
  await field(page, 'DestinationRegionId').fill('cn-hangzhou');
  await expect(hint).toHaveText('Start here: press Send to call CopyImage; the response shows what it answers.');
  await field(page, 'DestinationRegionId').fill('cn-beijing');
  await page.locator('#send').click();
  await expect(page.locator('#history-pane .entry')).toHaveCount(1);
  await expect(hint).toHaveCount(0);
});

test('on a phone, Send stays within reach wherever the reader is', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openAt(page);
  const send = page.locator('#send');
  await expect(send).toBeInViewport();
  await expect(page.locator('#response-status')).not.toBeInViewport();
  await shot(page, testInfo, 'phone-first-screen', false);
  // Far down the page (the world pane), Send is still on screen, and it sends.
  await page.locator('#region-table').scrollIntoViewIfNeeded();
  await expect(send).toBeInViewport();
  await send.click();
  await expect(page.locator('#history-pane .entry')).toHaveCount(1);
  // At the top, the bar covers no field for good: the page leaves room below its last pane.
  const covered = await page.evaluate(() => {
    const bar = document.querySelector('.response-bar')!.getBoundingClientRect();
    window.scrollTo(0, document.documentElement.scrollHeight);
    const last = document.querySelector('main.panes')!.getBoundingClientRect();
    return last.bottom > document.querySelector('.response-bar')!.getBoundingClientRect().top + 1 && bar.height > 0;
  });
  expect(covered).toBe(false);
  // On a desktop Send sits in the response pane, beside the response.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(page.locator('.response-bar')).toHaveCSS('position', 'static');
});

for (const scheme of ['light', 'dark'] as const) {
  for (const [device, width, height] of [['desktop', 1280, 800], ['phone', 390, 844]] as const) {
    test(`screenshot of the first screen: ${device}, ${scheme}`, async ({ page }, testInfo) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height });
      await openApp(page);
      await expect(page.locator('#start-hint')).toBeVisible();
      await expect(page.locator('#send')).toBeInViewport();
      await shot(page, testInfo, `first-screen-${device}-${scheme}`, false);
    });
  }
}

// The first file runs CopyImage alone; every other operation (and the world editor) comes with the later file.
// A reader never sees the difference: a link of another operation waits for it before its first render, and a
// choice made before it arrives is answered once it has.

test('a link whose request is another operation answers it at its first render', async ({ page }) => {
  await openApp(page);
  await page.locator('#f-Action').selectOption('DescribeImages');
  await expect(page.locator('#response-body')).toContainText('"Images"');
  const link = await page.evaluate(() => location.hash);
  expect(link).toContain('DescribeImages');
  const other = await page.context().newPage();
  await recordFirstRender(other);
  await other.goto(`./${link}`);
  expect((await atFirstRender(other)).status).toContain('200 OK');
  await expect(other.locator('#response-body')).toContainText('"Images"');
});

test('another operation chosen before the rest of the code has arrived is answered once it has', async ({ page }) => {
  const release = await holdWasm(page, '**/split_later-*.wasm');
  await openApp(page);
  await page.locator('#f-Action').selectOption('DescribeImages');
  // Still CopyImage's answer: the choice waits, it is not answered by a made-up error.
  await expect(page.locator('#response-status')).toContainText('200 OK');
  await expect(page.locator('#response-body')).not.toContainText('Playground.OperationLoading');
  release();
  await expect(page.locator('#response-body')).toContainText('"Images"');
  await expect(page.locator('#world-pane')).toContainText('World clock');
  await expect(page.locator('#panic')).toBeHidden();
});

test('when the rest of the code cannot be downloaded, another operation says so as the playground, not as ECS', async ({ page }) => {
  await page.route('**/split_later-*.wasm', (route) => route.abort());
  await openApp(page);
  await expect(page.locator('#world-pane')).toContainText('could not be downloaded');
  await page.locator('#f-Action').selectOption('DescribeImages');
  await expect(page.locator('#response-body')).toContainText('Playground.OperationLoading');
  await expect(page.locator('#response-pane')).toContainText('Not an ECS answer');
  // CopyImage is still answered from the first file alone (as ECS answers it: switching dropped its fields).
  await page.locator('#f-Action').selectOption('CopyImage');
  await expect(page.locator('#response-body')).not.toContainText('Playground.OperationLoading');
  await expect(page.locator('#response-status')).not.toContainText('503');
  await expect(page.locator('#panic')).toBeHidden();
});

test('choices made while the rest of the code downloads apply in the order they were made', async ({ page }) => {
  const release = await holdWasm(page, '**/split_later-*.wasm');
  await openApp(page);
  await page.locator('#f-Action').selectOption('DescribeRegions');
  await page.locator('#f-Action').selectOption('CopyImage');
  release();
  await expect(page.locator('#world-pane')).toContainText('World clock');
  // The last choice wins: CopyImage's form and answer, not DescribeRegions'.
  await expect(page.locator('#f-Action')).toHaveValue('CopyImage');
  await expect(page.locator('#f-DestinationRegionId')).toBeVisible();
  await expect(page.locator('#response-body')).not.toContainText('"Regions"');
  expect(await page.evaluate(() => location.hash)).not.toContain('DescribeRegions');
});

// Lessons pass as written: for each step, a reader does exactly what the step's visible text says, starting
// from where the previous step left the page, and the step completes. Before acting, the test asserts the
// text names every field, value and button it uses, so a step whose text stops matching what it takes to pass
// fails here. Nothing is reset between steps: a field the text does not mention keeps what it had.
// The walk runs in English and in Chinese (`lang=zh-CN`): the Chinese text names fields and values as the
// wire does and buttons, panes and columns by the labels the Chinese page shows (read from the page).
import { test, expect } from './helpers';
import type { Locator, Page } from '@playwright/test';
import { field, field as fieldByLabel } from './ui-common';

/** One thing a reader does, and the words the step's text must hold for it. */
type Move =
  | { action: string } // choose the Action
  | { set: string; to: string } // type a value into a field
  | { clear: string } // empty a field
  | { send: true } // press Send
  | { sendEach: string; values: string[] } // press Send once per value of a field, in turn
  | { setToNewCopy: string } // type the new copy's ImageId (from the response) into a field
  | { runToIdle: true } // press Run to idle
  | { cancelRow: true } // press Cancel copy on the new copy's row
  | { quota: string; to: string }; // set a region's image quota in the Scenario pane

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The page's own labels a Chinese step text must use for the buttons, panes and columns it names. */
interface Labels { send: string; runIdle: string; world: string; cancel: string; scenario: string; regions: string; imageQuota: string }

/** What the Chinese text must say for a move. */
function namedZh(m: Move, l: Labels): RegExp[] {
  const set = '(改回|改为|设为)';
  if ('action' in m) return [new RegExp(`Action ${set} ${esc(m.action)}\\b`)];
  if ('set' in m) return [new RegExp(`${esc(m.set)} ${set} ${esc(m.to)}(?![\\w*-])`)];
  if ('clear' in m) return [new RegExp(`清空 ${esc(m.clear)}\\b`)];
  if ('send' in m) return [new RegExp(`点击“${esc(l.send)}”`)];
  if ('sendEach' in m)
    return [new RegExp(`点击“${esc(l.send)}”三次`), new RegExp(`${esc(m.sendEach)} 依次设为 ${m.values.map(esc).join('、').replace(/、([^、]+)$/, ' 和 $1')}`)];
  if ('setToNewCopy' in m) return [new RegExp(`${esc(m.setToNewCopy)} 设为新副本的 ImageId`)];
  if ('runToIdle' in m) return [new RegExp(`点击“${esc(l.runIdle)}”`)];
  if ('quota' in m) return [new RegExp(`在“${esc(l.scenario)}”面板的“${esc(l.regions)}”下`), new RegExp(`把 ${esc(m.quota)} 的${esc(l.imageQuota)}设为 ${esc(m.to)}\\b`)];
  return [new RegExp(`点击“${esc(l.world)}”面板中该副本所在行的“${esc(l.cancel)}”`)];
}

/** What the text must say for a move. */
function named(m: Move): RegExp[] {
  if ('action' in m) return [new RegExp(`Action (back )?(to )?${esc(m.action)}\\b`)];
  if ('set' in m) return [new RegExp(`${esc(m.set)} (back )?(to )?${esc(m.to)}(?![\\w*-])`)];
  if ('clear' in m) return [new RegExp(`[Cc]lear ${esc(m.clear)}\\b`)];
  if ('send' in m) return [/[Pp]ress Send\b/];
  if ('sendEach' in m)
    return [/press Send three times/, new RegExp(`${esc(m.sendEach)} ${m.values.map(esc).join(', ').replace(/, ([^,]+)$/, ' and $1')} in turn`)];
  if ('setToNewCopy' in m) return [new RegExp(`${esc(m.setToNewCopy)} to the new copy's ImageId`)];
  if ('runToIdle' in m) return [/[Pp]ress Run to idle/];
  if ('quota' in m) return [/in the Scenario pane under\s+Regions/, new RegExp(`set ${esc(m.quota)}'s image quota to ${esc(m.to)}\\b`)];
  return [/press Cancel copy on its row in the World pane/];
}

/** The steps, in course order, as a reader follows their text. */
const COURSE: { id: string; moves: Move[] }[] = [
  {
    id: 'first-copy',
    moves: [
      { action: 'CopyImage' },
      { set: 'ImageId', to: 'm-bp1h46wfpjsjastc****' },
      { set: 'RegionId', to: 'cn-hangzhou' },
      { set: 'DestinationRegionId', to: 'cn-shanghai' },
      { send: true },
    ],
  },
  {
    id: 'describe-in-progress',
    moves: [
      { action: 'DescribeImages' },
      { set: 'RegionId', to: 'cn-shanghai' },
      { clear: 'ImageId' },
      { set: 'Status', to: 'Creating,Waiting' },
      { send: true },
    ],
  },
  {
    id: 'queue-three',
    moves: [
      { action: 'CopyImage' },
      { set: 'RegionId', to: 'cn-hangzhou' },
      { set: 'ImageId', to: 'm-bp1h46wfpjsjastc****' },
      { sendEach: 'DestinationRegionId', values: ['cn-shanghai', 'cn-beijing', 'cn-hongkong'] },
      { runToIdle: true },
    ],
  },
  { id: 'cancel', moves: [{ send: true }, { cancelRow: true }] },
  {
    id: 'delete-copying',
    moves: [
      { send: true },
      { action: 'DeleteImage' },
      { setToNewCopy: 'ImageId' },
      { set: 'RegionId', to: 'cn-hongkong' },
      { send: true },
    ],
  },
  {
    id: 'error-same-region',
    moves: [
      { action: 'CopyImage' },
      { set: 'RegionId', to: 'cn-hangzhou' },
      { set: 'ImageId', to: 'm-bp1h46wfpjsjastc****' },
      { set: 'DestinationRegionId', to: 'cn-hangzhou' },
      { send: true },
    ],
  },
  {
    id: 'error-kms-without-encrypted',
    moves: [
      { set: 'DestinationRegionId', to: 'cn-shanghai' },
      { set: 'KMSKeyId', to: 'e522b26d-abf6-4e0d-b5da-04b7******3c' },
      { send: true },
    ],
  },
  {
    id: 'error-shared-image',
    moves: [{ clear: 'KMSKeyId' }, { set: 'ImageId', to: 'm-bp1partner000shared1' }, { send: true }],
  },
  {
    id: 'error-quota',
    moves: [
      { set: 'ImageId', to: 'm-bp1h46wfpjsjastc****' },
      { set: 'DestinationRegionId', to: 'cn-qingdao' },
      { quota: 'cn-qingdao', to: '1' },
      { send: true },
    ],
  },
  {
    id: 'error-aliyun-name',
    moves: [{ set: 'DestinationRegionId', to: 'cn-shanghai' }, { set: 'DestinationImageName', to: 'aliyun-copy' }, { send: true }],
  },
  {
    id: 'use-the-copy',
    moves: [
      { clear: 'DestinationImageName' },
      { send: true },
      { action: 'RunInstances' },
      { set: 'RegionId', to: 'cn-shanghai' },
      { setToNewCopy: 'ImageId' },
      { set: 'InstanceType', to: 'ecs.g6.large' },
      { send: true },
      { runToIdle: true },
      { send: true },
    ],
  },
];

const stepOf = (page: Page, id: string) => page.locator(`li.step[data-step="${id}"]`);

/** The ImageId of the exchange the response pane shows as sent (a CopyImage's new copy). */
async function sentImageId(page: Page, zh = false) {
  await expect(page.locator('#response-mode')).toContainText(zh ? '已发送' : 'Sent');
  const id = JSON.parse((await page.locator('#response-body').textContent())!).ImageId;
  return typeof id === 'string' ? id : '';
}

async function send(page: Page) {
  const before = await page.locator('#history-pane .entry').count();
  await page.locator('#send').click();
  await expect(page.locator('#history-pane .entry')).toHaveCount(before + 1);
}

async function perform(page: Page, m: Move, newCopy: { id: string }, zh = false) {
  // A field by its wire name: its label in English (which starts with the name), its id in Chinese (where
  // the label goes on straight into "（必填）").
  const field = (page: Page, name: string) => (zh ? page.locator(`#f-${name}`) : fieldByLabel(page, name));
  const typeInto = async (input: Locator, value: string) => {
    await expect(input).toBeVisible();
    await input.fill(value);
  };
  if ('action' in m) await page.locator('#f-Action').selectOption(m.action);
  else if ('set' in m) await typeInto(field(page, m.set), m.to);
  else if ('clear' in m) await typeInto(field(page, m.clear), '');
  else if ('send' in m) {
    await send(page);
    if ((await page.locator('#f-Action').inputValue()) === 'CopyImage') newCopy.id = await sentImageId(page, zh);
  } else if ('sendEach' in m) {
    for (const v of m.values) {
      await typeInto(field(page, m.sendEach), v);
      await send(page);
    }
  } else if ('setToNewCopy' in m) {
    expect(newCopy.id, 'a copy was sent before').toMatch(/^m-/);
    await typeInto(field(page, m.setToNewCopy), newCopy.id);
  } else if ('quota' in m && zh) {
    // Found by place (the region's row, the image quota column), so the walk reads no English; the regions
    // table was opened when its labels were read.
    const quota = page.locator(`tr[data-region="${m.quota}"] td:nth-child(4) input`);
    await typeInto(quota, m.to);
    await quota.press('Tab');
  } else if ('runToIdle' in m && zh) {
    await page.locator('#run-idle').click();
  } else if ('cancelRow' in m && zh) {
    expect(newCopy.id, 'a copy was sent before').toMatch(/^m-/);
    await page.locator(`#world-pane tr:has(code:text-is("${newCopy.id}")) td.actions button`).first().click();
  } else if ('quota' in m) {
    await page.locator('#scenario-pane summary', { hasText: 'Regions' }).click();
    const quota = page.getByLabel(`${m.quota} image quota`);
    await typeInto(quota, m.to);
    await quota.press('Tab');
  } else if ('runToIdle' in m) {
    const button = page.getByRole('button', { name: 'Run to idle', exact: true });
    await expect(button).toHaveText('Run to idle');
    await button.click();
  } else {
    expect(newCopy.id, 'a copy was sent before').toMatch(/^m-/);
    const button = page.getByRole('button', { name: `Cancel copy: CancelCopyImage ${newCopy.id}` });
    await expect(button).toHaveText('Cancel copy');
    await button.click();
  }
}

/** The page's labels for what the Chinese texts name (the world and scenario panes' own words). */
async function labels(page: Page): Promise<Labels> {
  const text = async (sel: string) => ((await page.locator(sel).first().textContent()) || '').trim();
  return {
    send: await text('#send'),
    runIdle: await text('#run-idle'),
    world: await text('#world-h'),
    cancel: '',
    scenario: await text('#scenario-h'),
    // Read when a step needs them (the regions table is drawn only once its section is open).
    regions: '',
    imageQuota: '',
  };
}

/** The regions section of the scenario pane (the second section, after the settings), opened, and the
 *  labels a step naming it uses: its summary's words (without the count) and the image quota column. */
async function openRegions(page: Page, l: Labels) {
  const section = page.locator('#scenario-pane details').nth(1);
  await section.locator('summary').click();
  await expect(section.locator('table.world-regions')).toBeVisible();
  l.regions = ((await section.locator('summary').textContent()) || '').trim().replace(/\s*[(（]\d+[)）]$/, '');
  l.imageQuota = ((await section.locator('table.world-regions th:nth-child(4)').textContent()) || '').trim();
}

/** The walk's title in each language (FIDELITY.md names the English one). */
const WALK = {
  en: 'each lesson step passes by doing exactly what its text says',
  'zh-CN': 'each lesson step passes by doing exactly what its Chinese text says',
} as const;

for (const lang of ['en', 'zh-CN'] as const) {
  const zh = lang === 'zh-CN';
  const progress = (n: number) => (zh ? `已完成 ${n}/11 步` : `${n} of 11 steps done`);
  test(WALK[lang], async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    const url = zh ? './?lessons&lang=zh-CN' : './?lessons';
    await page.goto(url);
    await page.evaluate(() => localStorage.clear());
    await page.goto(url);
    await page.locator('#lessons-start').click();
    await expect(page.locator('#lessons-progress')).toHaveText(progress(0));
    let l: Labels | null = null;
    if (zh) {
      l = await labels(page);
      // The world and scenario panes are translated apart from the lessons; until they are, their English
      // buttons cannot match the Chinese steps' words (the English walk covers the course meanwhile).
      test.skip(/[A-Za-z]/.test(l.runIdle + l.scenario), `the world and scenario panes are not Chinese yet (${l.runIdle})`);
      expect(l.send).toBe('发送');
    }
    // The course is exactly these steps, in this order (a new step needs its moves here).
    const ids = await page.locator('li.step').evaluateAll((els) => els.map((e) => e.getAttribute('data-step')));
    expect(ids).toEqual(COURSE.map((s) => s.id));

    const newCopy = { id: '' };
    for (const [i, { id, moves }] of COURSE.entries()) {
      const step = stepOf(page, id);
      // The step to do is the open one, and its text is on screen.
      await expect(step).toHaveClass(/\bcurrent\b/);
      const text = step.locator('.instructions');
      await expect(text).toBeVisible();
      const said = (await text.textContent())!;
      for (const m of moves) {
        // The cancel button's and the regions table's labels are read when the step gets there (below).
        if (l && ('cancelRow' in m || 'quota' in m)) continue;
        for (const words of l ? namedZh(m, l) : named(m)) expect(said, `${id}: the text names ${words}`).toMatch(words);
      }
      for (const m of moves) {
        if (l && 'quota' in m) {
          await openRegions(page, l);
          for (const words of namedZh(m, l)) expect(said, `${id}: the text names ${words}`).toMatch(words);
        }
        if (l && 'cancelRow' in m) {
          const button = page.locator(`#world-pane tr:has(code:text-is("${newCopy.id}")) td.actions button`).first();
          await expect(button).toBeVisible();
          l.cancel = ((await button.textContent()) || '').trim();
          for (const words of namedZh(m, l)) expect(said, `${id}: the text names ${words}`).toMatch(words);
        }
        await perform(page, m, newCopy, zh);
      }
      await expect(step, `${id} is done after following its text`).toHaveAttribute('data-done', 'true');
      await expect(step.locator('.verdict')).not.toContainText(zh ? '尚未完成' : 'Not yet');
      await expect(page.locator('#lessons-progress')).toHaveText(progress(i + 1));
    }
    await page.screenshot({ path: testInfo.outputPath(`lessons-literal-done-${lang}.png`), fullPage: false });
  });
}

test('switching Action drops the fields the new Action does not take', async ({ page }) => {
  await page.goto('./');
  await field(page, 'DestinationImageName').fill('my-copy');
  await page.locator('#f-Action').selectOption('DescribeImages');
  await expect(field(page, 'DestinationRegionId')).toHaveCount(0);
  // Shared fields carry over.
  await expect(field(page, 'RegionId')).toHaveValue('cn-hangzhou');
  await page.locator('#f-Action').selectOption('CopyImage');
  await expect(field(page, 'DestinationImageName')).toHaveValue('');
  await expect(field(page, 'DestinationRegionId')).toHaveValue('');
  await expect(page.locator('#signed-v1-url')).not.toContainText('DestinationImageName');
});

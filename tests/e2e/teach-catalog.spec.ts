// Error catalog (issue 6): every entry is listed in its HTTP-status group with its exact code and message,
// and its Reproduce link makes the playground (or, for gateway errors, the debugger) show exactly that
// status and code. Success entries (HTTP 200, a title instead of a code) land on `HTTP/1.1 200 OK`.
import { test, expect } from './helpers';

interface Entry { id: string; status: string; code: string; message: string; title: string; shows: string; href: string }

async function entries(page: import('@playwright/test').Page): Promise<Entry[]> {
  await page.goto('./teach/catalog.html');
  await expect(page.locator('#catalog li.entry').first()).toBeVisible();
  return page.locator('#catalog li.entry').evaluateAll((els) =>
    els.map((el) => ({
      id: el.getAttribute('data-entry')!,
      status: el.getAttribute('data-status')!,
      code: el.getAttribute('data-code')!,
      message: el.querySelector('.message')?.textContent ?? '',
      title: el.querySelector('.title')?.textContent ?? '',
      shows: el.getAttribute('data-shows')!,
      href: (el.querySelector('a.reproduce') as HTMLAnchorElement).href,
    })),
  );
}

/** Asserts that the page opened by a Reproduce link shows `e`'s status and code where it says it does. */
async function expectShown(page: import('@playwright/test').Page, e: Entry) {
  const why = `${e.id} (${e.shows})`;
  if (e.status === '200') {
    // A success: the first status line is 200 OK and there is no error code.
    await expect(page.locator('#response-status'), why).toHaveText('HTTP/1.1 200 OK');
    await expect(page.locator('#response-body'), why).not.toContainText('"Code"');
  } else if (e.shows === 'preview' || e.shows === 'history') {
    // The error is on top: the response pane's first status line is the entry's, as a preview of the next
    // Send, or (where the link sends the request) as the sent answer.
    await expect(page.locator('#response-mode'), why).toContainText(e.shows === 'preview' ? 'Preview' : 'Sent');
    await expect(page.locator('#response-status'), why).toHaveText(new RegExp(`^HTTP/1\\.1 ${e.status} `));
    await expect(page.locator('#response-body'), why).toContainText(`"Code":"${e.code}"`);
    await expect(page.locator('#response-body'), why).toContainText(e.message.replace(/"/g, '\\"'));
  } else {
    // A gateway error: the page itself shows the signed request and the simulated endpoint's answer.
    const block = page.locator(`[id="resp-${e.id}"]`);
    await expect(block, why).toBeVisible();
    await expect(block.locator('pre.status'), why).toHaveText(new RegExp(`^HTTP/1\\.1 ${e.status} `));
    await expect(block.locator('pre.body'), why).toContainText(`"Code":"${e.code}"`);
  }
}

test('lists every documented error grouped by HTTP status, typos kept', async ({ page }, testInfo) => {
  const all = await entries(page);
  expect(all.length).toBeGreaterThanOrEqual(55);
  const groups = await page.locator('section.status-group').evaluateAll((els) => els.map((el) => el.getAttribute('data-group')));
  expect(groups).toEqual(['200', '400', '401', '403', '404', '500']);
  // The documented successes come first, titled.
  expect(all.filter((e) => e.status === '200').map((e) => e.title)).toEqual(['Copy a shared image within its region']);
  for (const g of groups) {
    const statuses = await page.locator(`section[data-group="${g}"] li.entry`).evaluateAll((els) =>
      els.map((el) => el.getAttribute('data-status')),
    );
    expect(new Set(statuses)).toEqual(new Set([g]));
  }
  // The reference's typos, exactly.
  for (const [code, message] of [
    ['Forbbiden', 'User not authorized to operate on the specified resource.'],
    ['OperationDeined.EncryptedSnapshot', 'The image contains encrypted snapshots, which do not support copying.'],
    ['OperationDenied.ImageCopying', 'The Image are coping.'],
  ]) {
    expect(all.some((e) => e.code === code && e.message === message), code).toBe(true);
  }
  // The reference page's examples are one click away.
  await expect(page.locator('#examples li[data-example]')).toHaveCount(3);
  await page.screenshot({ path: testInfo.outputPath('catalog.png'), fullPage: false });
});

test('the Reproduce button opens the playground showing that error', async ({ page }) => {
  const all = await entries(page);
  // The success entry, clicked from the page: the playground lands on 200 OK.
  const ok = all.find((x) => x.id === 'success.shared_within_region')!;
  await page.locator(`li[data-entry="${ok.id}"] a.reproduce`).click();
  await expectShown(page, ok);
  // One click-through of each kind, from the page itself.
  for (const kind of ['preview', 'history', 'debugger']) {
    // No entry needs the history today (every request fits the form); the branch stays for one that would.
    const e = all.find((x) => x.shows === kind && x.status !== '200');
    if (!e) continue;
    await page.goto('./teach/catalog.html');
    await page.locator(`li[data-entry="${e.id}"] a.reproduce`).click();
    await expectShown(page, e);
  }
});

for (const part of [0, 1, 2]) {
  test(`every entry's Reproduce shows its exact code and HTTP status (part ${part + 1} of 3)`, async ({ page }) => {
    test.setTimeout(120_000);
    const all = await entries(page);
    const mine = all.filter((_, i) => i % 3 === part);
    for (const e of mine) {
      await page.goto(e.href);
      await expectShown(page, e);
    }
  });
}

test('the sample request opens as the reference prints it', async ({ page }) => {
  await page.goto('./teach/catalog.html');
  await page.locator('li[data-example="success-xml"] a').click();
  await expect(page.locator('#response-status')).toHaveText('HTTP/1.1 200 OK');
  await expect(page.locator('#response-body')).toContainText('<CopyImageResponse>');
});

test('requests the form has no field for reproduce with their error on top', async ({ page }) => {
  const all = await entries(page);
  // Once sent behind the page's back (the response pane showed 200 OK): an unknown Action or Version, Tag.0,
  // Tag.21, a tag value without its key. Their names without a field are other parameters of the form.
  for (const id of ['common.invalid_action', 'common.invalid_version', 'tags.mismatch', 'tags.count', 'tags.number_exceed']) {
    const e = all.find((x) => x.id === id)!;
    expect(e, id).toBeTruthy();
    await page.goto('./teach/catalog.html');
    await page.locator(`li[data-entry="${id}"] a.reproduce`).click();
    await expectShown(page, e);
    await expect(page.locator('#others'), id).toBeVisible();
  }
});

// The small things people notice in their first minutes: snippets that look like what they are and stay open,
// copy feedback that shows and goes, Enter to send, a quiet new tag row, an image-name error that names the
// broken part, one Host line, one way to read the world clock, and every image column on a phone.
import { test, expect, openApp } from './helpers';
import { field, openAt } from './ui-common';

test('snippet sections show a disclosure marker and stay open while the request is edited', async ({ page }) => {
  await openApp(page);
  const python = page.locator('details.snippet', { has: page.locator('#signed-python') });
  const marker = (d: typeof python) =>
    d.locator('summary').evaluate((s) => getComputedStyle(s, '::before').content);
  await expect(python).not.toHaveAttribute('open');
  expect(await marker(python)).toBe('"▸"');
  await python.locator('summary').click();
  await expect(python).toHaveAttribute('open');
  expect(await marker(python)).toBe('"▾"');
  // A section open by default can be closed, and stays closed too.
  const url = page.locator('details.snippet', { has: page.locator('#signed-v1-url') });
  await url.locator('summary').click();
  await expect(url).not.toHaveAttribute('open');
  await field(page, 'DestinationImageName').fill('kept-open');
  await page.locator('#f-Action').selectOption('DescribeImages');
  await page.locator('#f-Action').selectOption('CopyImage');
  await field(page, 'DestinationImageName').fill('kept-open-2');
  await expect(page.locator('#signed-python')).toContainText('kept-open-2');
  await expect(python).toHaveAttribute('open');
  await expect(page.locator('#signed-python')).toBeVisible();
  await expect(url).not.toHaveAttribute('open');
});

test('"Copy link" says "Link copied" visibly, and Copy buttons turn back after a moment', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await page.locator('#copy-link').click();
  const status = page.locator('#link-status');
  await expect(status).toHaveText('Link copied');
  await expect(status).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
  await expect(status).toHaveText('', { timeout: 5000 });
  const copy = page.locator('#copy-signed-v1-url');
  await copy.click();
  await expect(copy).toHaveText('Copied');
  await expect(copy).toHaveAccessibleName('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await page.locator('#signed-v1-url').textContent());
  await expect(copy).toHaveText('Copy', { timeout: 5000 });
  await expect(copy).toHaveAccessibleName(/^Copy V1 signed URL/);
});

test('Enter in a text field sends the request', async ({ page }) => {
  await openApp(page);
  await field(page, 'DestinationImageName').fill('sent-with-enter');
  await field(page, 'DestinationImageName').press('Enter');
  await expect(page.locator('#history-pane .entry')).toHaveCount(1);
  await expect(page.locator('#history-pane pre.params').first()).toContainText('DestinationImageName=sent-with-enter');
  // The secret field too (a password input is a text field to a reader).
  await field(page, 'AccessKeySecret').press('Enter');
  await expect(page.locator('#history-pane .entry')).toHaveCount(2);
  // Not the operation picker: Enter there chooses, it does not send.
  await page.locator('#f-Action').press('Enter');
  await expect(page.locator('#history-pane .entry')).toHaveCount(2);
});

test('a new tag row shows no error until it is edited or sent', async ({ page }) => {
  await openApp(page);
  await page.locator('#add-tag').click();
  await expect(field(page, 'Tag.1.Key')).toBeVisible();
  // The preview is honest about the empty row; the form does not shout at it.
  await expect(page.locator('#response-body')).toContainText('InvalidTagKey.Malformed');
  await expect(page.locator('#tags-err')).toHaveCount(0);
  // Typing in the row (and emptying it again) is editing: the error shows.
  await field(page, 'Tag.1.Key').fill('x');
  await field(page, 'Tag.1.Key').fill('');
  await expect(page.locator('#tags-err')).toContainText('InvalidTagKey.Malformed');
  // A second new row is quiet again; Send ends the quiet.
  await page.getByRole('button', { name: 'Remove Tag 1' }).click();
  await page.locator('#add-tag').click();
  await expect(page.locator('#tags-err')).toHaveCount(0);
  await page.locator('#send').click();
  await expect(page.locator('#history-pane .entry')).toHaveCount(1);
  await expect(page.locator('#tags-err')).toContainText('InvalidTagKey.Malformed');
  // An error the rows already show stays shown when a row is added.
  await page.getByRole('button', { name: 'Remove Tag 1' }).click();
  await page.locator('#add-tag').click();
  await field(page, 'Tag.1.Key').fill('acs:bad');
  await expect(page.locator('#tags-err')).toContainText('InvalidTagKey.Malformed');
  await page.locator('#add-tag').click();
  await expect(field(page, 'Tag.2.Key')).toBeVisible();
  await expect(page.locator('#tags-err')).toContainText('InvalidTagKey.Malformed');
});

test('the image-name error names the broken part next to the documented message', async ({ page }) => {
  await openApp(page);
  const name = field(page, 'DestinationImageName');
  const error = page.locator('#f-DestinationImageName-err');
  for (const [value, part] of [
    ['1copy', 'Your name starts with a digit.'],
    ['my copy', 'Your name contains a space.'],
    ['aliyun-copy', 'Your name starts with aliyun.'],
    ['x', 'Your name is shorter than 2 characters.'],
  ]) {
    await name.fill(value);
    await expect(error).toContainText('InvalidImageName.Malformed: The specified destination Image name is wrongly formed.');
    await expect(error.locator('.part')).toHaveText(part);
  }
  await name.fill('good-name');
  await expect(error).toHaveCount(0);
});

test('the raw HTTP request shows Host once', async ({ page }) => {
  await openApp(page);
  const raw = page.locator('#signed-raw-http');
  await expect(raw).toContainText('Authorization: ACS3-HMAC-SHA256');
  const text = (await raw.textContent())!;
  expect(text.match(/^host:/gim), text).toHaveLength(1);
});

test('the world clock reads the same way in the world pane and the history', async ({ page }) => {
  await openAt(page, '#v=1&preset=default&RegionId=cn-hangzhou&ImageId=m-bp1h46wfpjsjastc****&DestinationRegionId=cn-shanghai&steps=t90');
  // The default world starts at 10 min; t90 moves it 1 min 30 s on.
  await expect(page.locator('#world-time')).toContainText('World clock: 11 min 30 s');
  await page.locator('#send').click();
  await expect(page.locator('#history-pane .entry .when').first()).toHaveText(' · world clock 11 min 30 s');
  await page.locator('#advance-60').click();
  await page.locator('#send').click();
  await expect(page.locator('#world-time strong')).toHaveText('12 min 30 s');
  await expect(page.locator('#history-pane .entry .when').first()).toHaveText(' · world clock 12 min 30 s');
});

test('on a phone every column of the image list is on screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page);
  const row = page.locator('#image-table tbody tr').first();
  await row.scrollIntoViewIfNeeded();
  for (const label of ['ImageId', 'Name', 'Region', 'Status', 'Progress', 'Actions']) {
    const cell = row.locator(`td[data-label="${label}"]`);
    await expect(cell).toBeVisible();
    const box = (await cell.boundingBox())!;
    expect(box.x + box.width, `${label} cell ends at ${box.x + box.width}`).toBeLessThanOrEqual(390);
  }
  await expect(row.getByRole('button', { name: /^Delete: DeleteImage / })).toBeInViewport();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
});

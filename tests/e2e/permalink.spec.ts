// The permalink: a round trip restores the page exactly, a hand-written v1 link opens, a link naming
// parameters the form has no field for opens as written (other parameters, sent and signed), a damaged or
// unknown-version link gives a clear message and the default page, the secret is never in the URL.
import { test, expect } from './helpers';
import { field, body, expectPreview, openAt } from './ui-common';

test('round trip: form, world edits and history come back exactly', async ({ page, context }) => {
  await openAt(page);
  await field(page, 'DestinationImageName').fill('round-trip');
  await page.locator('#add-tag').click();
  await field(page, 'Tag.1.Key').fill('team');
  await field(page, 'Tag.1.Value').fill('docs');
  await page.getByLabel('Format XML').check();
  await page.getByLabel(/^AccessKeySecret/).fill('never-in-a-link');
  await page.locator('#send').click();
  await page.locator('#advance-60').click();
  await page.locator('#s-queue-limit').fill('3');
  await page.locator('#s-queue-limit').press('Enter');
  await page.locator('#s-queue-limit').blur();
  const url = page.url();
  expect(url).toContain('#v=1&');
  expect(url).not.toContain('never-in-a-link');
  expect(url).not.toContain('AccessKeySecret');
  const previewBefore = await body(page).textContent();
  const historyBefore = await page.locator('#history-pane .entry pre.body').allTextContents();
  const clockBefore = await page.locator('#world-time').textContent();

  const other = await context.newPage();
  await openAt(other, url.slice(url.indexOf('#')));
  await expect(field(other, 'DestinationImageName')).toHaveValue('round-trip');
  await expect(field(other, 'Tag.1.Value')).toHaveValue('docs');
  await expect(other.getByLabel('Format XML')).toBeChecked();
  await expect(other.locator('#s-queue-limit')).toHaveValue('3');
  await expect(body(other)).toHaveText(previewBefore!);
  expect(await other.locator('#history-pane .entry pre.body').allTextContents()).toEqual(historyBefore);
  await expect(other.locator('#world-time')).toHaveText(clockBefore!);
  // The secret stays behind: the new page has the demo secret.
  await expect(field(other, 'AccessKeySecret')).toHaveValue('testsecret');
});

test('a hand-written v1 link opens the request it names', async ({ page }) => {
  await openAt(page, '#v=1&preset=default&RegionId=cn-hangzhou&ImageId=m-bp1h46wfpjsjastc****&DestinationRegionId=cn-beijing');
  await expect(field(page, 'DestinationRegionId')).toHaveValue('cn-beijing');
  await expectPreview(page, 'HTTP/1.1 200 OK', null);
  await expect(page.locator('#notice')).toHaveCount(0);
  // The doc's own sample request (no DestinationRegionId) opens too.
  await openAt(page, '#v=1&preset=default&RegionId=cn-hangzhou&ImageId=m-bp1h46wfpjsjastc****');
  await expect(field(page, 'DestinationRegionId')).toHaveValue('');
  await expect(page.locator('#notice')).toHaveCount(0);
});

for (const [name, frag, words] of [
  ['unknown version', '#v=2&preset=default', 'version “2”'],
  ['no version', '#preset=default&RegionId=cn-hangzhou', 'no version'],
  ['damaged encoding', '#v=1&ImageId=%E0%A4', 'not valid percent-encoded'],
  ['unknown preset', '#v=1&preset=nope', 'no preset named'],
  ['a secret in the link', '#v=1&AccessKeySecret=abc', 'never put in links'],
] as const) {
  test(`a link with ${name} gives a clear message and the default page`, async ({ page }) => {
    await openAt(page, frag);
    await expect(page.locator('#notice')).toContainText('This link could not be opened');
    await expect(page.locator('#notice')).toContainText(words);
    await expect(field(page, 'ImageId')).toHaveValue('m-bp1h46wfpjsjastc****');
    await expectPreview(page, 'HTTP/1.1 200 OK', null);
  });
}

test('Copy link copies the page URL', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openAt(page);
  await field(page, 'DestinationImageName').fill('linked');
  await page.getByRole('button', { name: 'Copy link' }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('DestinationImageName=linked');
  expect(copied).toBe(page.url());
});

test('a link pasted into the address bar while the page is open replaces the state (hashchange)', async ({ page }) => {
  await openAt(page);
  await field(page, 'DestinationImageName').fill('before-the-paste');
  await page.evaluate(() => {
    location.hash = '#v=1&preset=minimal&Action=CopyImage&RegionId=cn-hangzhou&DestinationImageName=pasted';
  });
  await expect(field(page, 'DestinationImageName')).toHaveValue('pasted');
  await expect(page.locator('#preset option:checked')).toHaveText('minimal');
  // A damaged link pasted the same way says why and shows the default page.
  await page.evaluate(() => {
    location.hash = '#v=7&preset=minimal';
  });
  await expect(page.locator('#notice')).toContainText('This link could not be opened');
  await expect(page.locator('#preset option:checked')).toHaveText('default');
});

/** The catalog's NumberExceed.Tags shape: Tag.1 to Tag.21, each with a Key and a Value. */
const TAGS_21 = Array.from({ length: 21 }, (_, i) => `&Tag.${i + 1}.Key=k${i + 1}&Tag.${i + 1}.Value=v${i + 1}`).join('');
const DOC = 'RegionId=cn-hangzhou&ImageId=m-bp1h46wfpjsjastc****&DestinationRegionId=cn-shanghai';

test('a link naming Tag.21 opens as written, and Send answers NumberExceed.Tags', async ({ page }) => {
  await openAt(page, `#v=1&preset=default&${DOC}${TAGS_21}`);
  await expect(page.locator('#notice')).toHaveCount(0);
  await expect(field(page, 'Tag.20.Value')).toHaveValue('v20');
  // The 21st tag has no row: it is an other parameter, shown and editable.
  await expect(page.locator('#others')).toBeVisible();
  await expect(page.locator('#o-name-1')).toHaveValue('Tag.21.Key');
  await expect(page.locator('#o-value-1')).toHaveValue('k21');
  await expect(page.locator('#o-name-2')).toHaveValue('Tag.21.Value');
  await expect(page.locator('#signed-v1-url')).toContainText('&Tag.21.Key=k21&');
  await page.locator('#send').click();
  await expect(page.locator('#response-mode')).toContainText('Sent');
  await expect(page.locator('#response-status')).toHaveText('HTTP/1.1 400 Bad Request');
  await expect(page.locator('#response-body')).toContainText('"Code":"NumberExceed.Tags"');
  // Removing the 21st tag's rows makes it a valid copy again.
  await page.getByRole('button', { name: 'Remove parameter 2' }).click();
  await page.getByRole('button', { name: 'Remove parameter 1' }).click();
  await expect(page.locator('#others')).toHaveCount(0);
  await expect(page.locator('#response-status')).toHaveText('HTTP/1.1 200 OK');
});

test('other parameters can be typed: NumberExceed.Tags from the page itself', async ({ page }) => {
  await openAt(page);
  await expect(page.locator('#others')).toHaveCount(0);
  for (let n = 1; n <= 20; n++) {
    await page.locator('#add-tag').click();
    await field(page, `Tag.${n}.Key`).fill(`k${n}`);
  }
  await page.locator('#add-other').click();
  await expect(page.locator('#others')).toBeVisible();
  await page.locator('#o-name-1').fill('Tag.21.Key');
  await page.locator('#o-value-1').fill('k21');
  await expect(page.locator('#response-status')).toHaveText('HTTP/1.1 400 Bad Request');
  await expect(page.locator('#response-body')).toContainText('"Code":"NumberExceed.Tags"');
  // Enter in an other-parameter field sends, as in every text field.
  await page.locator('#o-value-1').press('Enter');
  await expect(page.locator('#history-pane .entry')).toHaveCount(1);
  await expect(page.locator('#history-pane .entry').first()).toHaveAttribute('data-code', 'NumberExceed.Tags');
  expect(page.url()).toContain('&Tag.21.Key=k21');
});

test("a link's own keys are never sent; an unknown name is", async ({ page }) => {
  await openAt(page, `#v=1&preset=default&lang=en&${DOC}&Imageid=m-x`);
  await expect(page.locator('#notice')).toHaveCount(0);
  await expect(page.locator('#o-name-1')).toHaveValue('Imageid');
  await expect(page.locator('#o-name-2')).toHaveCount(0);
  const url = page.locator('#signed-v1-url');
  await expect(url).toContainText('&Imageid=m-x&');
  await expect(url).not.toContainText('lang=');
  await expect(url).not.toContainText('preset=');
  // A row named like a link key is shown but not sent.
  await page.locator('#add-other').click();
  await page.locator('#o-name-2').fill('steps');
  await page.locator('#o-value-2').fill('n');
  await expect(page.locator('#others')).toContainText('never sent');
  await expect(url).not.toContainText('steps=');
  await page.locator('#send').click();
  await expect(page.locator('#history-pane .entry')).toHaveCount(1);
  await expect(page.locator('#response-status')).toHaveText('HTTP/1.1 200 OK');
});

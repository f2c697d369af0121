// The request pane and the live preview: labels start with the wire name, fixing fields one by one walks
// the documented errors to success, JSON/XML switch, tag rows, the "why", hostile values shown as text.
import { test, expect } from './helpers';
import { field, status, body, expectPreview, openAt, shot } from './ui-common';

const COPY_IMAGE_FIELDS = [
  'RegionId', 'ImageId', 'DestinationRegionId', 'DestinationImageName', 'DestinationDescription',
  'Encrypted', 'KMSKeyId', 'ResourceGroupId', 'ClientToken', 'DryRun', 'AccessKeyId', 'AccessKeySecret',
];

test('every CopyImage field is labelled with its wire name; required ones are marked', async ({ page }) => {
  await openAt(page);
  for (const name of COPY_IMAGE_FIELDS) await expect(field(page, name)).toHaveCount(1);
  await expect(page.getByLabel(/^RegionId \(required\)/)).toHaveValue('cn-hangzhou');
  await expect(page.getByLabel(/^ImageId \(required\)/)).toHaveValue('m-bp1h46wfpjsjastc****');
  await expect(field(page, 'AccessKeySecret')).toHaveAttribute('type', 'password');
  await expect(field(page, 'AccessKeySecret')).toHaveValue('testsecret');
  // The documented description and example sit next to the field.
  await expect(page.locator('#f-KMSKeyId-desc')).toContainText('e522b26d-abf6-4e0d-b5da-04b7******3c');
});

test('fix fields one by one: each documented error in turn, then success', async ({ page }, testInfo) => {
  await openAt(page, '#v=1&preset=default&RegionId=cn-nowhere&ImageId=m-nope&DestinationRegionId=cn-hangzhou&DestinationImageName=1bad');
  await expectPreview(page, 'HTTP/1.1 400 Bad Request', 'InvalidImageName.Malformed');
  await expect(body(page)).toContainText('The specified destination Image name is wrongly formed.');
  // The error is shown inline at the field it concerns, naming the rule.
  await expect(page.locator('#f-DestinationImageName-err')).toContainText('InvalidImageName.Malformed');
  await expect(field(page, 'DestinationImageName')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#why-basis')).toHaveText('Documented');
  await shot(page, testInfo, 'request-error');

  await field(page, 'DestinationImageName').fill('good-name');
  await expectPreview(page, 'HTTP/1.1 400 Bad Request', 'SourceRegion.NotFound');
  await expect(body(page)).toContainText('The source region not found');

  await field(page, 'RegionId').fill('cn-hangzhou');
  await expectPreview(page, 'HTTP/1.1 403 Forbidden', 'IncorrectDestinationRegion');
  await expect(body(page)).toContainText('The destination region is not equal the target region.');
  await expect(page.locator('#f-DestinationRegionId-err')).toContainText('IncorrectDestinationRegion');

  await field(page, 'DestinationRegionId').fill('cn-shanghai');
  await expectPreview(page, 'HTTP/1.1 404 Not Found', 'InvalidImageId.NotFound');
  await expect(body(page)).toContainText('The specified ImageId does not exist.');
  await expect(page.locator('#f-ImageId-err')).toContainText('InvalidImageId.NotFound');

  await field(page, 'ImageId').fill('m-bp1h46wfpjsjastc****');
  await expectPreview(page, 'HTTP/1.1 200 OK', null);
  await expect(body(page)).toContainText('"ImageId":"m-');
  await expect(page.locator('[aria-invalid="true"]')).toHaveCount(0);
  await shot(page, testInfo, 'request-success');
});

test('a missing required parameter names it; the JSON/XML switch changes the body', async ({ page }) => {
  await openAt(page);
  await field(page, 'ImageId').fill('');
  await expectPreview(page, 'HTTP/1.1 400 Bad Request', 'MissingParameter');
  await expect(page.locator('#f-ImageId-err')).toContainText('The input parameter "ImageId" that is mandatory');
  await page.getByLabel('Format XML').check();
  await expect(body(page)).toContainText('<Code>MissingParameter</Code>');
  await expect(page.locator('#response-headers')).toContainText('Content-Type: text/xml');
  await page.getByLabel('Format JSON').check();
  await expect(body(page)).toContainText('"Code":"MissingParameter"');
});

test('tag rows are added, filled, validated and removed', async ({ page }) => {
  await openAt(page);
  await page.locator('#add-tag').click();
  await page.locator('#add-tag').click();
  await expect(field(page, 'Tag.1.Key')).toBeVisible();
  await expect(field(page, 'Tag.2.Value')).toBeVisible();
  await field(page, 'Tag.1.Key').fill('env');
  await field(page, 'Tag.2.Key').fill('acs:bad');
  await expectPreview(page, 'HTTP/1.1 400 Bad Request', 'InvalidTagKey.Malformed');
  await expect(page.locator('#tags-err')).toContainText('InvalidTagKey.Malformed');
  await page.getByRole('button', { name: 'Remove Tag 2' }).click();
  await expect(field(page, 'Tag.2.Key')).toHaveCount(0);
  await expectPreview(page, 'HTTP/1.1 200 OK', null);
  await expect(page.locator('#signed-v1-url')).toContainText('Tag.1.Key=env');
});

test('a hostile value in any field is shown as text, never run', async ({ page }) => {
  const hostile = '<img src=x onerror=alert(1)>';
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  await openAt(page);
  for (const name of ['DestinationImageName', 'DestinationDescription', 'ImageId', 'KMSKeyId', 'AccessKeyId']) {
    await field(page, name).fill(hostile);
  }
  await page.locator('#add-tag').click();
  await field(page, 'Tag.1.Key').fill(hostile);
  await page.locator('#send').click();
  await expect(page.locator('#history-pane .entry')).toHaveCount(1);
  await expect(page.locator('#history-pane pre.params').first()).toContainText(hostile);
  await expect(page.locator('#signed-v1-url')).toContainText('%3Cimg');
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(dialogs).toBe(0);
});

test('the other operations can be built and sent', async ({ page }) => {
  await openAt(page);
  await page.locator('#f-Action').selectOption('DescribeRegions');
  await expect(field(page, 'AcceptLanguage')).toBeVisible();
  await expectPreview(page, 'HTTP/1.1 200 OK', null);
  await expect(body(page)).toContainText('"RegionId":"cn-hangzhou"');
  await page.locator('#f-Action').selectOption('DescribeImages');
  // DescribeRegions takes neither RegionId nor ImageId, so switching to it dropped the copy's: the list of
  // cn-hangzhou is every Creating image there.
  await expect(field(page, 'ImageId')).toHaveValue('');
  await expect(field(page, 'RegionId')).toHaveValue('');
  await field(page, 'RegionId').fill('cn-hangzhou');
  await field(page, 'Status').fill('Creating');
  await expect(body(page)).toContainText('m-bp1creating0000000a1');
  await page.locator('#f-Action').selectOption('DeleteImage');
  await expect(field(page, 'Force')).toBeVisible();
  await page.locator('#f-Action').selectOption('CancelCopyImage');
  await expect(field(page, 'ImageId')).toBeVisible();
  await page.locator('#send').click();
  await expect(page.locator('#history-pane .entry')).toHaveCount(1);
});

test('the secret field keeps what was typed (or emptied) while the operation and the form change', async ({ page }) => {
  await openAt(page);
  const secret = field(page, 'AccessKeySecret');
  await secret.fill('my-own-secret');
  await page.locator('#f-Action').selectOption('DescribeRegions');
  await page.locator('#f-Action').selectOption('CopyImage');
  await page.locator('#add-tag').click();
  await expect(secret).toHaveValue('my-own-secret');
  // An emptied secret stays empty (the demo secret does not come back); the typed one is in no link.
  await secret.fill('');
  await page.locator('#f-Action').selectOption('CancelCopyImage');
  await expect(secret).toHaveValue('');
  expect(page.url()).not.toContain('my-own-secret');
});

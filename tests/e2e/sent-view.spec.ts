// After Send the Response pane shows the exchange that was sent, marked as sent with its RequestId and world
// time, until the request is edited; then the live preview of the next Send, marked as a preview. The switch is
// announced (aria-live). A page copied right after Send opens on what it sent.
import { test, expect, openApp } from './helpers';
import { field } from './ui-common';

test('Send shows what was sent until the request is edited, then the preview of the next Send', async ({ page }) => {
  await openApp(page);
  await expect(page.locator('#response-mode')).toContainText('Preview');
  await expect(page.locator('#response-mode')).toHaveAttribute('aria-live', 'polite');
  const previewed = await page.locator('#response-body').textContent();
  await page.locator('#send').click();
  await expect(page.locator('#history-pane .entry')).toHaveCount(1);
  // What was sent, not a preview of the next copy (which would carry a new ImageId and RequestId).
  await expect(page.locator('#response-mode')).toContainText('Sent');
  await expect(page.locator('#response-body')).toHaveText(previewed!);
  const rid = JSON.parse(previewed!).RequestId as string;
  await expect(page.locator('#response-mode')).toContainText(`RequestId ${rid}`);
  await expect(page.locator('#response-mode')).toContainText('world clock');
  await expect(page.locator('#history-pane .entry pre.body').first()).toHaveText(previewed!);
  // Editing the request turns the pane back to the preview, which is the next Send's answer.
  await field(page, 'DestinationImageName').fill('second-copy');
  await expect(page.locator('#response-mode')).toContainText('Preview');
  await expect(page.locator('#response-body')).not.toHaveText(previewed!);
  await expect(page.locator('#response-body')).not.toContainText(rid);
});

test('a link copied right after Send opens on what was sent', async ({ page }) => {
  await openApp(page);
  await page.locator('#send').click();
  await expect(page.locator('#response-mode')).toContainText('Sent');
  const sent = await page.locator('#response-body').textContent();
  const url = page.url();
  await page.goto('about:blank');
  await page.goto(url);
  await page.waitForFunction(() => typeof (window as any).__appStarted === 'number');
  await expect(page.locator('#response-mode')).toContainText('Sent');
  await expect(page.locator('#response-body')).toHaveText(sent!);
});

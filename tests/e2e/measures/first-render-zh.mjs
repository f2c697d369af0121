// The first render of a Chinese page (`?lang=zh-CN`): the inline script fetches i18n/zh-CN.json and the app
// mounts once it has it, so this is the figure a Chinese docs link gives its reader. Same goal as English.
import { readMark } from '../tools/mark.mjs';

export const name = 'first render (zh-CN)';
export const unit = 'ms';
export const goal = 150;

export default async function ({ page, baseURL }) {
  await page.goto(`${baseURL}?lang=zh-CN`);
  const at = await readMark(page, '__firstRender');
  const [shell, lang, send] = await page.evaluate(() => [
    !!document.getElementById('shell'),
    document.documentElement.lang,
    document.querySelector('#send')?.textContent ?? '',
  ]);
  if (shell) throw new Error('the static shell is still in the page at the first-render mark');
  if (lang !== 'zh-CN') throw new Error(`<html lang> is ${lang}, not zh-CN`);
  if (/Send/.test(send)) throw new Error(`the first render is English: Send reads "${send}"`);
  return at;
}

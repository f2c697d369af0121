// The "no English left" scan of the Chinese pages (issue 15), shared by i18n.spec.ts, i18n-teach.spec.ts and
// teach-debugger.spec.ts: the Latin words of the visible text, besides wire identifiers (two capitals or
// more: CopyImage, ECS, RequestId, StringToSign), outside wire text and outside an allow-list each spec
// gives. Tokens with digits or punctuation of identifiers (region and image IDs, ecs.g6.large, URLs, {x})
// are skipped.
import type { Page } from '@playwright/test';

/** What a scan skips and allows. */
export interface LatinScan {
  /** Words allowed besides identifiers. */
  allowed: Set<string>;
  /** Elements whose text is wire text or data (e.g. `code, pre, [translate="no"]`); hidden ones are always skipped. */
  skip: string;
  /** Wire messages quoted inside Chinese sentences, removed before the scan. */
  wirePhrases?: string[];
}

/** Latin words in the visible text of `selector`, outside `scan.skip` and `scan.allowed`. */
export async function latinWords(page: Page, selector: string, scan: LatinScan): Promise<string[]> {
  const skip = `${scan.skip}, [hidden], script, style`;
  const texts: string[] = await page.locator(selector).evaluateAll((els, skip) => {
    const out: string[] = [];
    for (const el of els) {
      const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const p = n.parentElement!;
        if (p.closest(skip) || !p.getClientRects().length) continue;
        out.push(n.textContent || '');
      }
    }
    return out;
  }, skip);
  return texts
    .map((t) => (scan.wirePhrases ?? []).reduce((acc, w) => acc.split(w).join(' '), t))
    .flatMap((t) => t.split(/[\s\u3000-\u9fff\uff00-\uffef“”（），。：；、]+/))
    .filter((tok) => !/[\d\-.:/_<>{}=@*]/.test(tok))
    .flatMap((tok) => tok.match(/[A-Za-z][A-Za-z']*/g) || [])
    .filter((w) => !scan.allowed.has(w) && !/[A-Z].*[A-Z]/.test(w));
}

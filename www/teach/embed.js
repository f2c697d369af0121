// Snippet generator for docs authors (embed.html, and embed.zh-CN.html in Chinese). The states offered are
// read from the catalog page of the same language, so they are always the playground's own links. The
// example's own language is a choice of its own (an English docs page may embed a Chinese example).

const $ = (id) => document.getElementById(id);
// The frame's height without the resizing lines: fits the usual example (request, a one-screen response and
// its one-line "why") at desktop and phone widths without an inner scroll bar.
const DEFAULT_HEIGHT = 460;
// The playground's own root, relative to this page (the site may live under any sub-path).
const siteRoot = new URL('../', location.href).href;
// This page's language; its few script-made texts come from the same Chinese table as the playground's.
const PAGE_LANG = document.documentElement.lang === 'zh-CN' ? 'zh-CN' : 'en';
let zh = {};
/** `en` in this page's language (English when the table has no entry or could not be loaded). */
const T = (en) => zh[en] || en;

/** The `#v=1&...` state of a link (`./#...` from the data file, or a full URL someone pasted). */
function fragmentOf(href) {
  const i = href.indexOf('#');
  return i < 0 ? '' : href.slice(i + 1);
}

/** A state fragment without its `lang` pairs: the snippet's language choice goes in the query instead. */
export function withoutLang(fragment) {
  return fragment.split('&').filter((p) => p && !p.startsWith('lang=')).join('&');
}

/** The src of the frame for a base URL, state fragment, theme, whether JSON starts indented and the
 * example's language (`en` adds nothing; `zh-CN` adds `lang=zh-CN`, which the playground reads first). */
export function embedSrc(base, fragment, theme, pretty, lang) {
  let b = base.trim() || siteRoot;
  if (!b.endsWith('/') && !/\.html?$/.test(b)) b += '/';
  const q = (theme ? `?embed&theme=${theme}` : '?embed') + (pretty ? '&pretty' : '') + (lang === 'zh-CN' ? '&lang=zh-CN' : '');
  return `${b}${q}#${withoutLang(fragment)}`;
}

/** The message type the embedded page posts with its content height (src/teach/embed.rs). */
export const HEIGHT_MESSAGE = 'copyimage-embed-height';

/** The height a frame should take for a message, or null when the message is not a height from `frame`,
 * sent from `origin`. Kept in step with the lines the snippet carries (listener() below). */
export function heightFrom(e, frame, origin) {
  if (e.source !== frame.contentWindow || e.origin !== origin) return null;
  const h = e.data && e.data.type === HEIGHT_MESSAGE ? Number(e.data.height) : NaN;
  return h > 0 ? String(Math.ceil(Math.min(h, 5000))) : null;
}

/** The few lines a host page adds so the frame `id` takes its content's height: they accept only messages
 * from that frame's window and the playground's origin. */
export function listener(id, origin) {
  return `<script>
addEventListener('message', (e) => {
  const f = document.getElementById('${id}');
  if (!f || e.source !== f.contentWindow || e.origin !== '${origin}') return;
  const h = e.data && e.data.type === '${HEIGHT_MESSAGE}' ? Number(e.data.height) : NaN;
  if (h > 0) f.height = String(Math.ceil(Math.min(h, 5000)));
});
</script>`;
}

/** A short stable id for a frame showing `fragment` (several examples on one page get different ids). */
function frameId(fragment) {
  let h = 0;
  for (const c of fragment) h = (h * 31 + c.codePointAt(0)) >>> 0;
  return `copyimage-example-${h.toString(36)}`;
}

/** The origin of a base URL ('' when it is not a URL). */
function originOf(url) {
  try {
    return new URL(url, location.href).origin;
  } catch {
    return '';
  }
}

function escapeAttr(s) {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function update() {
  const pasted = $('link').value.trim();
  const option = $('state').selectedOptions[0];
  const fragment = pasted ? fragmentOf(pasted) : (option ? option.value : '');
  const lang = $('embed-lang').value;
  // The frame's title is read out in the host page, whose language is likely this page's (its author's).
  const title = pasted ? T('CopyImage example') : `${T('CopyImage example: ')}${option ? option.textContent : ''}`;
  const height = Math.min(2000, Math.max(200, parseInt($('height').value, 10) || DEFAULT_HEIGHT));
  const theme = $('theme').value;
  const pretty = $('pretty').checked;
  const src = embedSrc($('base').value, fragment, theme, pretty, lang);
  const id = frameId(fragment);
  const origin = originOf(src);
  const fit = $('fit').checked && origin.startsWith('http');
  $('snippet').value =
    `<iframe id="${id}" src="${escapeAttr(src)}" title="${escapeAttr(title)}" width="100%" height="${height}" ` +
    `loading="lazy" style="border:1px solid #d0d7de;border-radius:6px"></iframe>` +
    (fit ? `\n${listener(id, origin)}` : '');
  const warn = $('warning');
  if (pasted && !fragment.startsWith('v=')) {
    warn.textContent = T('That link carries no playground state (#v=1&…); the frame will show the default example.');
    warn.hidden = false;
  } else {
    warn.hidden = true;
  }
  const local = embedSrc(siteRoot, fragment, theme, pretty, lang);
  const frame = $('preview');
  if (!$('fit').checked || frame.getAttribute('src') !== local) frame.height = String(height);
  if (frame.getAttribute('src') !== local) {
    // A fresh frame: a src differing only in its fragment would not reload.
    const fresh = frame.cloneNode(false);
    fresh.setAttribute('src', local);
    frame.replaceWith(fresh);
  }
}

async function init() {
  if (PAGE_LANG === 'zh-CN') {
    try {
      zh = await (await fetch('../i18n/zh-CN.json')).json();
    } catch {
      zh = {};
    }
  }
  $('base').value = siteRoot;
  $('embed-lang').value = PAGE_LANG;
  const select = $('state');
  try {
    const res = await fetch(PAGE_LANG === 'zh-CN' ? 'catalog.zh-CN.html' : 'catalog.html');
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    const examples = [...doc.querySelectorAll('li[data-example]')];
    const errors = [...doc.querySelectorAll('li.entry[data-shows="preview"]')];
    if (!examples.length) throw new Error('no examples in catalog.html');
    select.textContent = '';
    const group = (label, items) => {
      const g = document.createElement('optgroup');
      g.label = label;
      for (const [text, href] of items) {
        const o = document.createElement('option');
        o.value = fragmentOf(href);
        o.textContent = text;
        g.appendChild(o);
      }
      select.appendChild(g);
    };
    group(T('The reference page\u2019s examples'), examples.map((x) => [x.querySelector('h3').textContent, x.querySelector('a').getAttribute('href')]));
    group(
      T('Errors (from the error catalog)'),
      errors.map((e) => [`${e.dataset.status} ${e.dataset.code} (${e.dataset.entry})`, e.querySelector('a.reproduce').getAttribute('href')]),
    );
  } catch (e) {
    select.textContent = '';
    const o = document.createElement('option');
    o.value = 'v=1&preset=default';
    o.textContent = T('The default example (the catalog could not be loaded)');
    select.appendChild(o);
  }
  for (const id of ['state', 'link', 'base', 'theme', 'height']) $(id).addEventListener('input', update);
  for (const id of ['state', 'pretty', 'fit', 'embed-lang']) $(id).addEventListener('change', update);
  // The preview frame fits its content the way the snippet's lines make a host page's frame do.
  addEventListener('message', (e) => {
    const h = $('fit').checked ? heightFrom(e, $('preview'), location.origin) : null;
    if (h) $('preview').height = h;
  });
  $('gen').addEventListener('submit', (e) => e.preventDefault());
  $('copy').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText($('snippet').value);
      $('copied').textContent = T('Copied.');
    } catch {
      $('snippet').select();
      $('copied').textContent = T('Select and copy the text above.');
    }
  });
  update();
  document.body.dataset.ready = 'true';
}

init();

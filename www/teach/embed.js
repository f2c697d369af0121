// Snippet generator for docs authors (embed.html). The states offered are read from catalog.html, so they
// are always the playground's own links.

const $ = (id) => document.getElementById(id);
// The playground's own root, relative to this page (the site may live under any sub-path).
const siteRoot = new URL('../', location.href).href;

/** The `#v=1&...` state of a link (`./#...` from the data file, or a full URL someone pasted). */
function fragmentOf(href) {
  const i = href.indexOf('#');
  return i < 0 ? '' : href.slice(i + 1);
}

/** The src of the frame for a base URL, state fragment and theme. */
export function embedSrc(base, fragment, theme) {
  let b = base.trim() || siteRoot;
  if (!b.endsWith('/') && !/\.html?$/.test(b)) b += '/';
  const q = theme ? `?embed&theme=${theme}` : '?embed';
  return `${b}${q}#${fragment}`;
}

function escapeAttr(s) {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function update() {
  const pasted = $('link').value.trim();
  const option = $('state').selectedOptions[0];
  const fragment = pasted ? fragmentOf(pasted) : (option ? option.value : '');
  const title = pasted ? 'CopyImage example' : `CopyImage example: ${option ? option.textContent : ''}`;
  const height = Math.min(2000, Math.max(200, parseInt($('height').value, 10) || 420));
  const theme = $('theme').value;
  const src = embedSrc($('base').value, fragment, theme);
  $('snippet').value =
    `<iframe src="${escapeAttr(src)}" title="${escapeAttr(title)}" width="100%" height="${height}" ` +
    `loading="lazy" style="border:1px solid #d0d7de;border-radius:6px"></iframe>`;
  const warn = $('warning');
  if (pasted && !fragment.startsWith('v=')) {
    warn.textContent = 'That link carries no playground state (#v=1&…); the frame will show the default example.';
    warn.hidden = false;
  } else {
    warn.hidden = true;
  }
  const local = embedSrc(siteRoot, fragment, theme);
  const frame = $('preview');
  frame.height = String(height);
  if (frame.getAttribute('src') !== local) {
    // A fresh frame: a src differing only in its fragment would not reload.
    const fresh = frame.cloneNode(false);
    fresh.setAttribute('src', local);
    frame.replaceWith(fresh);
  }
}

async function init() {
  $('base').value = siteRoot;
  const select = $('state');
  try {
    const res = await fetch('catalog.html');
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
    group('The reference page\u2019s examples', examples.map((x) => [x.querySelector('h3').textContent, x.querySelector('a').getAttribute('href')]));
    group(
      'Errors (from the error catalog)',
      errors.map((e) => [`${e.dataset.status} ${e.dataset.code} (${e.dataset.entry})`, e.querySelector('a.reproduce').getAttribute('href')]),
    );
  } catch (e) {
    select.textContent = '';
    const o = document.createElement('option');
    o.value = 'v=1&preset=default';
    o.textContent = 'The default example (the catalog could not be loaded)';
    select.appendChild(o);
  }
  for (const id of ['state', 'link', 'base', 'theme', 'height']) $(id).addEventListener('input', update);
  $('state').addEventListener('change', update);
  $('gen').addEventListener('submit', (e) => e.preventDefault());
  $('copy').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText($('snippet').value);
      $('copied').textContent = 'Copied.';
    } catch {
      $('snippet').select();
      $('copied').textContent = 'Select and copy the text above.';
    }
  });
  update();
  document.body.dataset.ready = 'true';
}

init();

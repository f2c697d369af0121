// The JavaScript API's docs page (api.html): loads the engine's module the way a docs page would and renders
// a documented error's request and exact response, live, without an iframe.
import init, { call, errors, reproduce } from '../lib/copyimage.js';

const $ = (id) => document.getElementById(id);

/** The reference's sample request, without DestinationRegionId. */
const SAMPLE = {
  Action: 'CopyImage',
  Version: '2014-05-26',
  Format: 'JSON',
  RegionId: 'cn-hangzhou',
  ImageId: 'm-bp1h46wfpjsjastc****',
};

/** Shows a request's parameters and the engine's answer. */
function render(params, x) {
  const pairs = Array.isArray(params) ? params : Object.entries(params);
  $('live-request').textContent = pairs.map(([k, v]) => `${k}=${v}`).join('\n');
  $('live-status').textContent = `HTTP/1.1 ${x.status} ${x.reason}`;
  $('live-code').textContent = x.outcome.kind === 'error' ? x.outcome.code : x.outcome.action;
  $('live-body').textContent = x.body;
  $('live-why').textContent = x.why;
  $('live').dataset.status = String(x.status);
}

/** The request of a catalog entry's reproduction (its last step). */
function requestOf(entry) {
  const steps = entry.transcript.steps;
  const last = steps[steps.length - 1] || {};
  return last.request || (last.http ? [['(signed request)', `${last.http.method} ${last.http.host}/?${last.http.query}`]] : []);
}

async function main() {
  await init();
  render(SAMPLE, call(SAMPLE));
  const pick = $('pick');
  pick.textContent = '';
  const first = new Option('The reference\'s sample request', '');
  pick.append(first);
  const list = errors();
  for (const e of list) pick.append(new Option(`${e.httpStatus} ${e.code} — ${e.cause}`, e.id));
  pick.addEventListener('change', () => {
    const entry = list.find((e) => e.id === pick.value);
    if (!entry) render(SAMPLE, call(SAMPLE));
    else render(requestOf(entry), reproduce(entry.id));
  });
  $('live').dataset.ready = 'true';
}

main().catch((e) => {
  const p = $('live-error');
  p.textContent = `The engine could not be loaded here: ${e.message}`;
  p.hidden = false;
});

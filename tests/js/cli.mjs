// Node only: what the `copyimage` CLI prints for the inputs the API test uses (tests/js/api.test.mjs), so the
// same comparisons run in Node and, passed in as data, in headless Chromium (tests/e2e/jsapi.spec.ts).
// The binary: $COPYIMAGE_BIN (make test's release build), else target/release/copyimage.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The CLI binary to compare with. */
export function cliBin() {
  const bin = process.env.COPYIMAGE_BIN || path.join(ROOT, 'target/release/copyimage');
  if (!existsSync(bin)) {
    throw new Error(`no copyimage binary at ${bin}: run \`cargo build --release -p copyimage-cli\` or set COPYIMAGE_BIN`);
  }
  return bin;
}

function cli(args, input) {
  return execFileSync(cliBin(), args, {
    encoding: 'utf8',
    input,
    env: { ...process.env, ALIBABA_CLOUD_ACCESS_KEY_ID: '', ALIBABA_CLOUD_ACCESS_KEY_SECRET: '' },
  });
}

const KEYS = { accessKeyId: 'testid', accessKeySecret: 'testsecret' };
const FIXED = { ...KEYS, timestamp: '2016-02-23T12:46:24Z', nonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf' };
const COPY = {
  RegionId: 'cn-hangzhou',
  ImageId: 'm-bp1fq2h3gbxtc5dm9k1a',
  DestinationRegionId: 'cn-shanghai',
  DestinationImageName: 'a b*~/é',
  'Tag.1.Key': 'team',
};

/** Sign cases: V1 and V3, GET and POST (query and form body), hosts, headers. */
export const SIGN_CASES = [
  { params: COPY, options: { ...FIXED } },
  { params: COPY, options: { ...FIXED, method: 'POST' } },
  { params: COPY, options: { ...FIXED, method: 'POST', form: true } },
  { params: COPY, options: { ...FIXED, version: 'v3' } },
  { params: COPY, options: { ...FIXED, version: 'v3', method: 'GET' } },
  { params: COPY, options: { ...FIXED, version: 'v3', method: 'POST', form: true } },
  { params: { Action: 'DescribeRegions', Format: 'XML' }, options: { ...FIXED, host: 'http://127.0.0.1:8765' } },
  {
    params: { Action: 'DescribeRegions' },
    options: { ...FIXED, version: 'v3', securityToken: 'tok', headers: { accept: 'application/json' } },
  },
  { params: COPY, options: { ...FIXED, version: 'v3', signedHeaders: ['host', 'x-acs-date'] } },
];

function signArgs({ params, options: o }) {
  const a = ['sign', '--output', 'json', '--access-key-id', o.accessKeyId, '--access-key-secret', o.accessKeySecret];
  if (o.timestamp) a.push('--timestamp', o.timestamp);
  if (o.nonce) a.push('--nonce', o.nonce);
  if (o.method) a.push('--method', o.method);
  if (o.host) a.push('--host', o.host);
  if (o.version) a.push('--signature-version', o.version);
  if (o.form) a.push('--form');
  if (o.securityToken) a.push('--security-token', o.securityToken);
  if (o.signedHeaders) a.push('--signed-headers', o.signedHeaders.join(';'));
  for (const [k, v] of Object.entries(o.headers || {})) a.push('--header', `${k}: ${v}`);
  for (const [k, v] of Object.entries(params)) a.push(`${k}=${v}`);
  return a;
}

/** Requests for `call`: the catalog's entries that need no setup, a copy with a name, a success. */
function callCases(catalog) {
  const host = 'ecs.cn-hangzhou.aliyuncs.com';
  const cases = catalog
    .filter((e) => e.reproduce.setup.length === 0 && e.reproduce.request.params)
    .map((e) => ({ id: e.id, params: e.reproduce.request.params, options: { preset: e.reproduce.preset, host } }));
  cases.push({
    id: 'copy-with-a-name',
    params: [['Action', 'CopyImage'], ['Version', '2014-05-26'], ['Format', 'JSON'], ...Object.entries(COPY)],
    options: {},
  });
  cases.push({
    id: 'describe-regions',
    params: { Action: 'DescribeRegions', Version: '2014-05-26', RegionId: 'cn-hangzhou' },
    options: { preset: 'minimal', seed: 7 },
  });
  return cases;
}

function callArgs({ params, options: o }) {
  const a = ['call', '--output', 'json'];
  if (o.preset) a.push('--preset', o.preset);
  if (o.seed !== undefined) a.push('--seed', String(o.seed));
  if (o.host) a.push('--host', o.host);
  const pairs = Array.isArray(params) ? params : Object.entries(params);
  for (const [k, v] of pairs) a.push(`${k}=${v}`);
  return a;
}

/** Everything the test compares with, from the CLI. */
export function expectedFromCli() {
  const catalog = JSON.parse(cli(['errors', '--output', 'json']));
  const calls = callCases(catalog).map((c) => ({ ...c, cli: JSON.parse(cli(callArgs(c))) }));
  const reproduces = catalog.map((e) => ({
    id: e.id,
    code: e.code,
    cli: JSON.parse(cli(['errors', '--reproduce', e.id, '--output', 'json'])),
  }));
  const transcript = {
    version: 1,
    scenario: { preset: 'default' },
    seed: 3,
    host: 'ecs.cn-hangzhou.aliyuncs.com',
    steps: [
      { request: { Action: 'CopyImage', Version: '2014-05-26', Format: 'JSON', ...COPY } },
      { advance: 600 },
      { request: { Action: 'DescribeImages', Version: '2014-05-26', RegionId: 'cn-shanghai' } },
      { edit: 'set', path: '/settings/queue_limit', value: '5' },
      { run_to_idle: true },
    ],
  };
  const run = { transcript, cli: JSON.parse(cli(['run', '-', '--output', 'json'], JSON.stringify(transcript))) };
  // A scenario file (the `scenario` option), answered by `copyimage call --scenario`.
  const scenarioFile = path.join(ROOT, 'tests/fixtures/scenarios/small.json');
  const scenarioParams = { Action: 'DescribeImages', Version: '2014-05-26', Format: 'JSON', RegionId: 'cn-hangzhou' };
  const scenario = {
    text: readFileSync(scenarioFile, 'utf8'),
    params: scenarioParams,
    cli: JSON.parse(cli(callArgs({ params: scenarioParams, options: {} }).concat(['--scenario', scenarioFile, '--seed', '5']))),
  };
  return {
    scenario,
    signs: SIGN_CASES.map((c) => ({ ...c, cli: cli(signArgs(c)).replace(/\n$/, '') })),
    calls,
    reproduces,
    run,
    catalog: catalog.map((e) => [e.id, e.http_status, e.code, e.message]),
    regions: cli(['regions']).trimEnd().split('\n'),
    version: cli(['--version']).trim(),
  };
}

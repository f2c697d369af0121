// The JavaScript API's test: one script, run by Node (`node tests/js/api.test.mjs`) and in headless Chromium
// (tests/e2e/jsapi.spec.ts imports this file into the docs page). `checkAll(api, expected)` calls every
// export of dist/lib/copyimage.js and compares with what the `copyimage` CLI printed for the same inputs
// (`expected`, from tests/js/cli.mjs, which only Node can run); it throws on the first difference and
// returns the names of the checks that passed.

/** Fails with both sides when they differ (compared as JSON, so key order counts). */
function eq(got, want, what) {
  const g = JSON.stringify(got);
  const w = JSON.stringify(want);
  if (g !== w) throw new Error(`${what}:\n  got:  ${g}\n  want: ${w}`);
}

function ok(cond, what) {
  if (!cond) throw new Error(what);
}

/** Expects `fn` to throw a JS Error whose message matches `re`. */
function throwsError(fn, re, what) {
  let thrown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  ok(thrown !== undefined, `${what}: did not throw`);
  ok(thrown instanceof Error, `${what}: threw ${typeof thrown} ${String(thrown)}, not an Error`);
  ok(re.test(thrown.message), `${what}: message ${JSON.stringify(thrown.message)} does not match ${re}`);
}

/** The parts of an exchange the CLI's `--output json` also prints. */
function wire(x) {
  return { status: x.status, reason: x.reason, headers: x.headers, body: x.body, request_id: x.requestId, why: x.why };
}
function wireCli(c) {
  return { status: c.status, reason: c.reason, headers: c.headers, body: c.body, request_id: c.request_id, why: c.why };
}

export async function checkAll(api, expected) {
  const passed = [];
  const check = (name, fn) => {
    fn();
    passed.push(name);
  };

  check('version', () => {
    eq(`copyimage ${api.version.engine}`, expected.version, 'version.engine is the CLI version');
    eq(api.version.api, '2014-05-26', 'version.api');
    ok(api.version.actions.includes('CopyImage'), 'version.actions lists CopyImage');
    ok(Object.isFrozen(api.version), 'version is frozen');
  });

  check('sign = copyimage sign --output json (byte for byte)', () => {
    const styles = new Set();
    for (const c of expected.signs) {
      const s = api.sign(c.params, c.options);
      eq(JSON.stringify(s, null, 2), c.cli, `sign ${JSON.stringify(c.options)}`);
      styles.add(`${s.style} ${s.method}${s.body ? ' form' : ''}`);
    }
    for (const s of ['v1 GET', 'v1 POST', 'v1 POST form', 'v3 GET', 'v3 POST', 'v3 POST form']) {
      ok(styles.has(s), `sign cases cover ${s}`);
    }
    // Defaults the CLI also has: a fresh nonce and the current time.
    const a = api.sign({ RegionId: 'cn-hangzhou' }, { accessKeyId: 'id', accessKeySecret: 's' });
    const b = api.sign({ RegionId: 'cn-hangzhou' }, { accessKeyId: 'id', accessKeySecret: 's' });
    ok(a.url.startsWith('https://ecs.cn-hangzhou.aliyuncs.com/?'), 'default endpoint from RegionId');
    ok(a.signature !== b.signature, 'each signature gets a fresh nonce');
    const ts = decodeURIComponent(/Timestamp=([^&]+)/.exec(a.url)[1]);
    ok(Math.abs(Date.parse(ts) - Date.now()) < 120_000, `default timestamp is now (${ts})`);
  });

  check('call = copyimage call for catalog entries', () => {
    ok(expected.calls.length >= 30, 'enough call cases');
    for (const c of expected.calls) {
      const x = api.call(c.params, c.options);
      eq(wire(x), wireCli(c.cli), `call ${c.id}`);
      eq(x.rule, c.cli.rule.id, `call ${c.id}: rule`);
      if (x.status >= 400) {
        ok(x.outcome.kind === 'error', `call ${c.id}: outcome is an error`);
        eq(x.outcome.httpStatus, x.status, `call ${c.id}: outcome.httpStatus`);
        ok(x.body.includes(x.outcome.code), `call ${c.id}: the body's code`);
        if (x.body.startsWith('{')) eq(JSON.parse(x.body).Message, x.outcome.message, `call ${c.id}: the body's message`);
      } else {
        ok(x.outcome.kind === 'success', `call ${c.id}: outcome is a success`);
      }
    }
    const copy = api.call({ Action: 'CopyImage', Version: '2014-05-26', Format: 'JSON', RegionId: 'cn-hangzhou', ImageId: 'm-bp1fq2h3gbxtc5dm9k1a', DestinationRegionId: 'cn-shanghai' });
    eq(copy.outcome.action, 'CopyImage', 'success action');
    eq(Object.keys(copy.outcome.fields), ['ImageId'], 'success fields');
    ok(JSON.parse(copy.body).ImageId === copy.outcome.fields.ImageId, 'the typed ImageId is the body\'s');
    const regions = api.call({ Action: 'DescribeRegions', Version: '2014-05-26', Format: 'JSON' });
    ok(Array.isArray(regions.outcome.fields.Regions.Region), 'nested success fields are plain objects and arrays');
    const wrong = api.call({ Action: 'CopyImage', Version: '2014-05-26', RegionId: 'cn-hangzhou', ImageId: 'm-bp1fq2h3gbxtc5dm9k1a' });
    eq(
      [wrong.status, wrong.outcome.code, wrong.outcome.field],
      [403, 'IncorrectDestinationRegion', 'DestinationRegionId'],
      'the error field',
    );
  });

  check('preview and call options (steps, scenario, seed)', () => {
    const p = { Action: 'CopyImage', Version: '2014-05-26', Format: 'JSON', RegionId: 'cn-hangzhou', ImageId: 'm-bp1fq2h3gbxtc5dm9k1a', DestinationRegionId: 'cn-shanghai' };
    eq(api.preview(p), api.call(p), 'preview answers as call');
    eq(api.call(p, { seed: 9 }), api.call(p, { seed: 9 }), 'deterministic');
    ok(api.call(p, { seed: 9 }).requestId !== api.call(p).requestId, 'the seed drives the RequestId');
    const token = { ...p, ClientToken: 'tok-1' };
    const again = api.call(token, { steps: [{ request: token }] });
    eq(again.outcome.fields.ImageId, api.call(token).outcome.fields.ImageId, 'a step before: the ClientToken repeats its copy');
    const sc = expected.scenario;
    eq(wire(api.call(sc.params, { scenario: sc.text, seed: 5 })), wireCli(sc.cli), 'scenario as JSON text = copyimage call --scenario');
    eq(wire(api.call(sc.params, { scenario: JSON.parse(sc.text), seed: 5 })), wireCli(sc.cli), 'scenario as an object');
  });

  check('run = copyimage run --output json', () => {
    eq(api.run(expected.run.transcript), expected.run.cli, 'run(object)');
    eq(api.run(JSON.stringify(expected.run.transcript)), expected.run.cli, 'run(JSON text)');
  });

  check('errors() = copyimage errors', () => {
    const list = api.errors();
    eq(list.map((e) => [e.id, e.httpStatus, e.code, e.message]), expected.catalog, 'the catalog');
    // Each entry's transcript runs, and its last response is the entry's error.
    for (const e of list.slice(0, 5)) {
      const r = api.run(e.transcript).responses;
      eq(r[r.length - 1].status, e.httpStatus, `errors() ${e.id}: its transcript reproduces it`);
    }
  });

  check('reproduce = copyimage errors --reproduce', () => {
    for (const r of expected.reproduces) {
      const x = api.reproduce(r.id);
      eq(wire(x), wireCli(r.cli), `reproduce ${r.id}`);
    }
    const byCode = expected.reproduces.find((r) => r.code === 'IncorrectDestinationRegion');
    eq(wire(api.reproduce('IncorrectDestinationRegion')), wireCli(byCode.cli), 'reproduce by code: its first entry');
  });

  check('regions() = copyimage regions', () => {
    eq(api.regions().map((r) => `${r.id}\t${r.nameEn}\t${r.nameZh}\t${r.endpoint}`), expected.regions, 'regions');
  });

  check('presets()', () => {
    const names = api.presets().map((p) => p.name);
    ok(names.includes('default') && names.includes('minimal'), `presets ${names}`);
    for (const n of names) ok(api.call({ Action: 'DescribeRegions', Version: '2014-05-26' }, { preset: n }).status === 200, `preset ${n} runs`);
    const world = api.errors()[0].transcript.scenario;
    ok(world.preset, 'catalog transcripts name their preset');
  });

  check('bad input throws a clear Error', () => {
    const p = { Action: 'DescribeRegions', Version: '2014-05-26' };
    throwsError(() => api.call(), /^params: expected an object of wire parameters, got nothing$/, 'call()');
    throwsError(() => api.call(42), /^params: expected an object of wire parameters, got number$/, 'call(42)');
    throwsError(() => api.call('Action=X'), /got string/, 'call(string)');
    throwsError(() => api.call({ Action: 1 }), /^params: Action: the value must be a string/, 'a number value');
    throwsError(() => api.call({ Action: { a: 'b' } }), /Action: the value must be a string/, 'an object value');
    throwsError(() => api.call([['Action']]), /each pair must be \[name, value\], two strings/, 'a short pair');
    throwsError(() => api.call(p, 7), /^options: expected an object, got number$/, 'options not an object');
    throwsError(() => api.call(p, { preset: 'nope' }), /^options\.preset: unknown preset "nope"; known presets: default, /, 'unknown preset');
    throwsError(() => api.call(p, { presett: 'default' }), /^options: unknown option "presett"; known: preset, scenario, seed, host, steps$/, 'unknown option');
    throwsError(() => api.call(p, { seed: 'x' }), /^options: invalid type/, 'a string seed');
    throwsError(() => api.call(p, { preset: 'default', scenario: {} }), /give preset or scenario, not both/, 'both');
    throwsError(() => api.call(p, { scenario: '{' }), /^options\.scenario: /, 'bad scenario text');
    throwsError(() => api.call(p, { steps: [{ nope: 1 }] }), /^options: a step is /, 'bad step');
    throwsError(() => api.call(p, { steps: [{ edit: 'set', path: '/nope', value: '1' }] }), /^options\.steps\[0\]: /, 'refused edit');
    throwsError(() => api.preview(null), /got nothing/, 'preview(null)');
    throwsError(() => api.sign(p), /^options: expected \{ accessKeyId, accessKeySecret, \.\.\. \}, got nothing$/, 'sign without keys');
    throwsError(() => api.sign(p, {}), /^options: missing field `accessKeyId`$/, 'sign without accessKeyId');
    throwsError(() => api.sign(p, { accessKeyId: 'a', accessKeySecret: 'b', signatureVersion: 'v3' }), /^options: unknown option "signatureVersion"; known: accessKeyId, /, 'sign: unknown option');
    throwsError(() => api.sign(p, { accessKeyId: 'a', accessKeySecret: 'b', version: 'v2' }), /^options\.version: expected "v1" or "v3", got "v2"$/, 'bad version');
    throwsError(() => api.sign(p, { accessKeyId: 'a', accessKeySecret: 'b', method: 'PUT' }), /^options\.method: must be GET or POST, got "PUT"$/, 'bad method');
    throwsError(() => api.sign(p, { accessKeyId: 'a', accessKeySecret: 'b', host: 'ftp://x' }), /^options\.host: unsupported scheme "ftp"/, 'bad host');
    throwsError(() => api.sign(p, { accessKeyId: 'a', accessKeySecret: 'b', form: true }), /^options\.form: needs method POST$/, 'form with GET');
    throwsError(() => api.sign(p, { accessKeyId: 'a', accessKeySecret: 'b', signedHeaders: ['host'] }), /^options\.signedHeaders: applies to signature version v3 only$/, 'v3 option on v1');
    throwsError(() => api.run(42), /^transcript: expected an object or JSON text, got number$/, 'run(42)');
    throwsError(() => api.run('{'), /^transcript JSON: /, 'run(bad JSON)');
    throwsError(() => api.run({ version: 2, scenario: { preset: 'default' }, steps: [] }), /transcript version 2 is not supported/, 'run(version 2)');
    throwsError(() => api.reproduce(5), /^idOrCode: expected .*got number$/, 'reproduce(5)');
    throwsError(() => api.reproduce('NoSuchCode'), /^no catalog entry has the ID or code "NoSuchCode"/, 'reproduce(unknown)');
    // After every refusal the module still answers.
    eq(api.call(p).status, 200, 'still works after errors');
  });

  check('no input makes the engine panic', () => {
    // A panic in the WASM would surface as a WebAssembly.RuntimeError ("unreachable"); every junk value
    // must be an answer or a plain Error with a message.
    const p = { Action: 'DescribeRegions', Version: '2014-05-26' };
    const junk = [undefined, null, 0, -1, 1.5, NaN, Infinity, true, '', 'x', '{}', [], [1], [['a']], [['a', 1]],
      {}, { a: null }, { Action: undefined }, { Action: '\ud800' }, 10n, new Map([['Action', 'X']]), () => 1,
      Symbol('s'), { version: 1, scenario: 'default', steps: 'x' }, { seed: -1 }, { seed: 2 ** 60 },
      { steps: [{ advance: -5 }] }, { steps: [null] }, { scenario: { regions: 5 } }, { headers: 5 },
      { accessKeyId: 'a', accessKeySecret: 'b', headers: [[1, 2]] }, { accessKeyId: 1, accessKeySecret: 'b' }];
    const calls = [
      (j) => api.call(j), (j) => api.call(p, j), (j) => api.preview(j), (j) => api.preview(p, j),
      (j) => api.run(j), (j) => api.sign(j, { accessKeyId: 'a', accessKeySecret: 'b' }), (j) => api.sign(p, j),
      (j) => api.reproduce(j),
    ];
    let refused = 0;
    for (const [i, f] of calls.entries()) {
      for (const j of junk) {
        try {
          f(j);
        } catch (e) {
          ok(e instanceof Error && !(e instanceof WebAssembly.RuntimeError) && e.message.length > 0,
            `export #${i} on ${typeof j} ${String(j)}: ${e && e.constructor && e.constructor.name}: ${e && e.message}`);
          refused += 1;
        }
      }
    }
    ok(refused > calls.length * 10, `most junk is refused (${refused})`);
    eq(api.call(p).status, 200, 'still works after the junk');
  });

  return passed;
}

// Run by Node directly: build the expectations from the CLI, load the module from dist/lib, check.
if (typeof process !== 'undefined' && process.versions?.node && process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, '/'))) {
  const [{ readFile }, path, { expectedFromCli, ROOT }] = await Promise.all([
    import('node:fs/promises'),
    import('node:path'),
    import('./cli.mjs'),
  ]);
  const lib = path.join(process.env.DIST || path.join(ROOT, 'dist'), 'lib');
  const api = await import(path.join(lib, 'copyimage.js'));
  await api.default(await readFile(path.join(lib, 'copyimage.wasm')));
  const passed = await checkAll(api, expectedFromCli());
  for (const p of passed) console.log(`ok - ${p}`);
  console.log(`node ${process.version}: ${passed.length} checks passed`);
}

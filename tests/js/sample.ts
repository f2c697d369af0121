// Uses every export of the JavaScript API as a docs author would; `tsc --noEmit` checks it against the
// hand-written declarations (crates/js/copyimage.d.ts, shipped as dist/lib/copyimage.d.ts). Never run.
import init, {
  call,
  errors,
  presets,
  preview,
  regions,
  reproduce,
  run,
  sign,
  version,
  type CatalogEntry,
  type Exchange,
  type Signed,
  type Transcript,
} from '../../crates/js/copyimage.js';

export async function sample(bytes: Uint8Array): Promise<string[]> {
  await init(bytes);
  await init(new URL('https://docs.example/lib/copyimage.wasm'));
  await init();
  const api: string = `${version.engine} ${version.api} ${version.actions.join(',')}`;

  const x: Exchange = call(
    { Action: 'CopyImage', Version: '2014-05-26', RegionId: 'cn-hangzhou', ImageId: 'm-x' },
    { preset: 'default', seed: 1, host: 'ecs.cn-hangzhou.aliyuncs.com', steps: [{ advance: 60 }, { run_to_idle: true }] },
  );
  const lines: string[] = [api, `${x.status} ${x.reason}`, x.body, x.why, x.requestId, x.rule];
  for (const [name, value] of x.headers) lines.push(`${name}: ${value}`);
  if (x.outcome.kind === 'error') {
    const n: number = x.outcome.httpStatus;
    lines.push(`${n} ${x.outcome.code} ${x.outcome.message} ${x.outcome.field ?? ''}`);
  } else {
    lines.push(`${x.outcome.action} ${JSON.stringify(x.outcome.fields['ImageId'])}`);
  }
  const p: Exchange = preview([['Action', 'DescribeRegions'], ['Version', '2014-05-26']], { scenario: '{}' });
  lines.push(p.body);

  const t: Transcript = {
    version: 1,
    scenario: { preset: 'minimal' },
    steps: [{ request: { Action: 'DescribeRegions', Version: '2014-05-26' } }, { edit: 'set', path: '/x', value: '1' }],
  };
  for (const r of run(t).responses) {
    if (r.kind === 'response') lines.push(`${r.step} ${r.status} ${r.request_id}`);
    else if (r.kind === 'clock') lines.push(`${r.world_time}`);
  }
  run(JSON.stringify(t));

  const s: Signed = sign(
    { RegionId: 'cn-hangzhou' },
    {
      accessKeyId: 'id',
      accessKeySecret: 'secret',
      timestamp: '2016-02-23T12:46:24Z',
      nonce: 'n',
      method: 'POST',
      host: 'http://127.0.0.1:8765',
      version: 'v3',
      form: true,
      securityToken: 'tok',
      signedHeaders: ['host'],
      headers: { accept: 'application/json' },
    },
  );
  lines.push(s.url, s.string_to_sign, s.signature, s.canonical_request ?? '', s.authorization ?? '', s.canonical_query ?? '');

  const catalog: CatalogEntry[] = errors();
  for (const e of catalog) lines.push(`${e.id} ${e.httpStatus} ${e.code} ${e.message} ${e.cause} ${e.source} ${e.setupNote}`);
  lines.push(reproduce(catalog[0].id).body, reproduce('IncorrectDestinationRegion').outcome.kind);
  for (const r of regions()) lines.push(`${r.id} ${r.nameEn} ${r.nameZh} ${r.endpoint} ${r.open}`);
  for (const pr of presets()) lines.push(`${pr.name}: ${pr.summary}`);
  return lines;
}

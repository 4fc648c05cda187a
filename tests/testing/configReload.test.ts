/**
 * Config reload and polling (rest-api.md §3, §7.2): edits apply, invalid files apply nothing,
 * version policy and plugin_config changes reload versions, ovms_streams follows NUM_STREAMS.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../src/testing/index.js';
import { configJson, send } from './httpHelpers.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((f) => f()));
});

async function start(models: Record<string, unknown>[], options: { loadTimeMs?: number; pollIntervalMs?: number; legacy?: boolean } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'ovms-reload-'));
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, configJson(models));
  const s = await startTestServer({ ...options, configPath });
  cleanup.push(async () => {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return s;
}

const statusOf = async (s: TestServer): Promise<Record<string, { model_version_status: { version: string; state: string }[] }>> =>
  JSON.parse((await send(s.url, 'GET', '/v1/config')).text) as Record<string, { model_version_status: { version: string; state: string }[] }>;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('POST /v1/config/reload', () => {
  it('plugin_config change reloads the versions (LOADING → AVAILABLE) and sets ovms_streams', async () => {
    const s = await start([{ name: 'dummy', base_path: 'builtin:dummy' }], { loadTimeMs: 150 });
    await sleep(250);
    expect((await send(s.url, 'GET', '/v2/models/dummy/ready')).status).toBe(200);
    writeFileSync(s.configPath, configJson([{ name: 'dummy', base_path: 'builtin:dummy', plugin_config: { NUM_STREAMS: '3' }, nireq: 6 }]));
    const r = await send(s.url, 'POST', '/v1/config/reload');
    expect(r.status).toBe(200);
    expect((JSON.parse(r.text) as Record<string, { model_version_status: { state: string }[] }>).dummy?.model_version_status[0]?.state).toBe('LOADING');
    const ready = await send(s.url, 'GET', '/v2/models/dummy/ready');
    expect(ready.status).toBe(404);
    expect(ready.text).toBe('{"error":"Model with requested version is not loaded yet"}');
    await sleep(250);
    expect((await statusOf(s)).dummy?.model_version_status[0]?.state).toBe('AVAILABLE');
    const metrics = (await send(s.url, 'GET', '/metrics')).text;
    expect(metrics).toContain('ovms_streams{name="dummy",version="1"} 3');
  });

  it('an invalid file applies nothing and answers the config error', async () => {
    const s = await start([{ name: 'dummy', base_path: 'builtin:dummy' }]);
    const before = (await send(s.url, 'GET', '/v1/config')).text;
    writeFileSync(s.configPath, '{"model_config_list": [');
    const bad = await send(s.url, 'POST', '/v1/config/reload');
    expect(bad.status).toBe(412);
    expect(bad.text).toBe('{\n\t"error": "Reloading config file failed. Check server logs for more info."\n}');
    writeFileSync(s.configPath, configJson([{ name: 'dummy', base_path: 'builtin:dummy', mean: '[0,0,0]' }]));
    expect((await send(s.url, 'POST', '/v1/config/reload')).status).toBe(412);
    writeFileSync(s.configPath, configJson([{ name: 'dummy', base_path: 'builtin:dummy', stateful: true }]));
    expect((await send(s.url, 'POST', '/v1/config/reload')).status).toBe(412);
    expect((await send(s.url, 'GET', '/v1/config')).text).toBe(before);
  });

  it('removed models stay listed as END; policy changes add and retire versions', async () => {
    const s = await start([
      { name: 'dummy', base_path: 'builtin:dummy' },
      { name: 'v', base_path: 'builtin:versioned' },
    ]);
    expect((await statusOf(s)).v?.model_version_status.map((x) => x.version)).toEqual(['3']);
    writeFileSync(s.configPath, configJson([{ name: 'v', base_path: 'builtin:versioned', model_version_policy: { specific: { versions: [1, 2] } } }]));
    expect((await send(s.url, 'POST', '/v1/config/reload')).status).toBe(200);
    const st = await statusOf(s);
    expect(st.dummy?.model_version_status).toEqual([{ version: '1', state: 'END', status: { error_code: 'OK', error_message: 'OK' } }]);
    expect(st.v?.model_version_status.map((x) => `${x.version}:${x.state}`)).toEqual(['1:AVAILABLE', '2:AVAILABLE', '3:END']);
    const retired = await send(s.url, 'POST', '/v2/models/v/versions/3/infer', { body: JSON.stringify({ inputs: [{ name: 'x', shape: [1, 1], datatype: 'FP32', data: [1] }] }) });
    expect(retired.text).toBe('{"error":"Model with requested version is retired"}');
    expect((await send(s.url, 'GET', '/v2/models/dummy/ready')).status).toBe(404);
  });

  it('batch_size and shape from config change metadata and validation', async () => {
    const s = await start([{ name: 'dummy', base_path: 'builtin:dummy', batch_size: 4 }]);
    const md = JSON.parse((await send(s.url, 'GET', '/v2/models/dummy')).text) as { inputs: { shape: number[] }[] };
    expect(md.inputs[0]?.shape).toEqual([4, 10]);
    const r = await send(s.url, 'POST', '/v2/models/dummy/infer', { body: JSON.stringify({ inputs: [{ name: 'b', shape: [1, 10], datatype: 'FP32', data: new Array(10).fill(0) }] }) });
    expect(r.text).toBe('{"error":"Invalid input batch size - Expected: 4; Actual: 1; input name: b"}');
    writeFileSync(s.configPath, configJson([{ name: 'dummy', base_path: 'builtin:dummy', shape: '(1:2,10)' }]));
    await send(s.url, 'POST', '/v1/config/reload');
    const r2 = await send(s.url, 'POST', '/v2/models/dummy/infer', { body: JSON.stringify({ inputs: [{ name: 'b', shape: [3, 10], datatype: 'FP32', data: new Array(30).fill(0) }] }) });
    expect(r2.text).toBe('{"error":"Invalid input batch size - Expected: [1~2]; Actual: 3; input name: b"}');
  });

  it('an unknown base_path is skipped with a 400 and the rest applies', async () => {
    const s = await start([{ name: 'dummy', base_path: 'builtin:dummy' }]);
    writeFileSync(
      s.configPath,
      configJson([
        { name: 'dummy', base_path: 'builtin:dummy' },
        { name: 'nope', base_path: '/models/does-not-exist' },
        { name: 'resnet', base_path: '/models/resnet' },
      ]),
    );
    expect((await send(s.url, 'POST', '/v1/config/reload')).status).toBe(400);
    expect(Object.keys(await statusOf(s))).toEqual(['dummy', 'resnet']);
  });

  it('polling picks up edits without a reload call', async () => {
    const s = await start([{ name: 'dummy', base_path: 'builtin:dummy' }], { pollIntervalMs: 30 });
    writeFileSync(
      s.configPath,
      configJson([
        { name: 'dummy', base_path: 'builtin:dummy' },
        { name: 'bert', base_path: 'builtin:bert' },
      ]),
    );
    await sleep(200);
    expect(Object.keys(await statusOf(s))).toEqual(['bert', 'dummy']);
  });

  it('startTestServer rejects an invalid config, as OVMS would not start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ovms-bad-'));
    const configPath = join(dir, 'config.json');
    writeFileSync(configPath, '{"model_config_list": [], "unknown": 1}');
    await expect(startTestServer({ configPath })).rejects.toThrow(/additional property "unknown"/);
    rmSync(dir, { recursive: true, force: true });
  });
});

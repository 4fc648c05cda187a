/**
 * Conformance of the test server with the OVMS fixtures (tests/fixtures/ovms-fixtures.json, a copy
 * of the research fixtures): same status and same body — byte-exact where the fixture is verbatim
 * serializer output, structurally where it is a doc transcript or reconstructed.
 */
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, type TestServerOptions } from '../../src/testing/index.js';
import { formatPredictResponse } from '../../src/testing/tfs/handleTfs.js';
import type { ServerTensor } from '../../src/testing/servables/ServableDefinition.js';
import { configJson, loadFixtures, send, sendFixture, type Fixture } from './httpHelpers.js';

const fixtures = loadFixtures();
const fx = (id: string): Fixture => {
  const f = fixtures.get(id);
  if (f === undefined) throw new Error(`fixture ${id} missing`);
  return f;
};

const dirs: string[] = [];
const servers: TestServer[] = [];
async function serverWith(models: readonly Record<string, unknown>[], options: TestServerOptions = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'ovms-conf-'));
  dirs.push(dir);
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, configJson(models));
  const s = await startTestServer({ ...options, configPath });
  servers.push(s);
  return s;
}

let modern: TestServer;
let legacy: TestServer;
beforeAll(async () => {
  modern = await startTestServer();
  legacy = await startTestServer({ legacy: true });
});
afterAll(async () => {
  await Promise.all([modern.close(), legacy.close(), ...servers.map((s) => s.close())]);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const expectExact = async (s: TestServer, f: Fixture, path = f.path): Promise<void> => {
  const r = await sendFixture(s.url, f, path);
  expect(r.status).toBe(f.status);
  expect(r.text).toBe(f.response_body);
};

describe('KServe fixtures (2026.3 server)', () => {
  it.each(['F35', 'F38', 'F41', 'F52', 'F53', 'F56', 'F61', 'F62', 'F64', 'F65'])('%s: same status and body, byte-exact', async (id) => {
    await expectExact(modern, fx(id));
  });

  it('F43: dummy infer, byte-exact PrettyWriter layout', async () => {
    const f = fx('F43');
    const r = await sendFixture(modern.url, f);
    expect(r.status).toBe(200);
    expect(r.text).toBe(f.response_body);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('F46: binary output, 268-byte JSON header and the fixture tail', async () => {
    const f = fx('F46');
    const r = await sendFixture(modern.url, f);
    expect(r.status).toBe(200);
    expect(r.headers['inference-header-content-length']).toBe('268');
    expect(r.body.subarray(0, 268).toString('utf8')).toBe(f.response_body);
    expect(r.body.subarray(268).toString('hex')).toBe(f.response_binary_tail_hex);
  });

  it('F47: BYTES binary in and out, 272-byte JSON header', async () => {
    const f = fx('F47');
    const r = await sendFixture(modern.url, f);
    expect(r.status).toBe(200);
    expect(r.headers['inference-header-content-length']).toBe('272');
    expect(r.body.subarray(0, 272).toString('utf8')).toBe(f.response_body);
    expect(r.body.subarray(272).toString('hex')).toBe(f.response_binary_tail_hex);
  });

  it('F44: nested data accepted with batch_size auto', async () => {
    const s = await serverWith([{ name: 'dummy', base_path: 'builtin:dummy', batch_size: 'auto' }]);
    const r = await sendFixture(s.url, fx('F44'));
    expect(r.status).toBe(200);
    const body = JSON.parse(r.text) as { outputs: { shape: number[]; data: number[] }[] };
    expect(body.outputs[0]?.shape).toEqual([2, 10]);
    expect(body.outputs[0]?.data).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('F58: data and binary_data_size together is a 500 (header length = the JSON, as in the unit test)', async () => {
    const f = fx('F58');
    const json = Buffer.from(f.request_body ?? '', 'utf8');
    const r = await send(modern.url, 'POST', f.path, {
      headers: { 'inference-header-content-length': String(json.length) },
      body: Buffer.concat([json, Buffer.from(f.request_binary_tail_hex ?? '', 'hex')]),
    });
    expect(r.status).toBe(f.status);
    expect(r.text).toBe(f.response_body);
  });

  it('F55: BOOL data must be true/false', async () => {
    await expectExact(modern, fx('F55'), '/v2/models/identity_bool/infer');
  });

  it('F59: negative Inference-Header-Content-Length is a 500', async () => {
    const f = fx('F59');
    const r = await send(modern.url, 'POST', f.path, { headers: f.request_headers ?? {}, body: '{"inputs":[]}' });
    expect(r.status).toBe(f.status);
    expect(r.text).toBe(f.response_body);
  });

  it('F32: live is 200 with an empty body', async () => {
    const r = await sendFixture(modern.url, fx('F32'));
    expect(r.status).toBe(200);
    expect(r.text).toBe('');
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('F34: server metadata has name and version only', async () => {
    const r = await sendFixture(modern.url, fx('F34'));
    expect(r.status).toBe(200);
    const body = JSON.parse(r.text) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(Object.keys(JSON.parse(fx('F34').response_body ?? '{}') as object));
    expect(body.name).toBe('OpenVINO Model Server');
    expect(body.version).toMatch(/^\d{4}\.\d+\./);
  });

  it('F37: ready of a name with %2F, empty body, content-length 0', async () => {
    const f = fx('F37');
    const r = await sendFixture(modern.url, f);
    expect(r.status).toBe(200);
    expect(r.text).toBe('');
    expect(r.headers['content-length']).toBe(f.response_headers?.['content-length']);
    expect(r.headers['content-type']).toBe(f.response_headers?.['content-type']);
  });

  it('F40: a version still loading is 404 "not loaded yet"', async () => {
    const s = await serverWith([{ name: 'resnet', base_path: 'builtin:resnet' }], { loadTimeMs: 60_000 });
    await expectExact(s, fx('F40'));
  });

  it('F49 / F50: scalar and BYTES outputs (outputs part)', async () => {
    const s = await serverWith([{ name: 'scalar', base_path: 'builtin:identity_fp32', shape: '()' }]);
    const r49 = await send(s.url, 'POST', '/v2/models/scalar/infer', {
      body: JSON.stringify({ id: 'id', inputs: [{ name: 'input', shape: [], datatype: 'FP32', data: [92.5] }] }),
    });
    const want49 = JSON.parse(fx('F49').response_body ?? '') as { outputs: { data: unknown }[] };
    const got49 = JSON.parse(r49.text) as { outputs: { name: string; data: unknown }[] };
    expect(got49.outputs[0]?.data).toEqual(want49.outputs[0]?.data);
    expect(r49.text).toContain('"shape": [],');
    const r50 = await send(modern.url, 'POST', '/v2/models/string/versions/1/infer', {
      body: JSON.stringify({ id: 'id', inputs: [{ name: 'my_name', shape: [2], datatype: 'BYTES', data: ['abcd', 'efg'] }] }),
    });
    const want50 = fx('F50').response_body ?? '';
    // Same output block text; only the model name/version lines differ.
    expect(r50.text.slice(r50.text.indexOf('"outputs"'))).toBe(want50.slice(want50.indexOf('"outputs"')).replace('"output"', '"my_name"'));
  });
});

describe('config fixtures', () => {
  it('F22: reload after an edit (batch_size 16) answers 200 and the status map', async () => {
    const s = await serverWith([{ name: 'dummy', base_path: 'builtin:dummy' }]);
    writeFileSync(s.configPath, configJson([{ name: 'dummy', base_path: 'builtin:dummy', batch_size: 16 }]));
    await expectExact(s, fx('F22'));
  });

  it('F23: reload without change', async () => {
    const s = await serverWith([{ name: 'dummy', base_path: 'builtin:dummy' }]);
    await expectExact(s, fx('F23'));
  });

  it('F25: a model without versions lists []', async () => {
    const s = await serverWith([{ name: 'dummy', base_path: 'builtin:dummy', model_version_policy: { specific: { versions: [7] } } }]);
    await expectExact(s, fx('F25'));
  });

  it('F26 / F28: several servables sorted by name', async () => {
    const s = await serverWith([
      { name: 'pipeline1Dummy', base_path: 'builtin:dummy' },
      { name: 'dummy', base_path: 'builtin:dummy' },
    ]);
    await expectExact(s, fx('F26'));
    writeFileSync(
      s.configPath,
      configJson([
        { name: 'pipeline2Dummy', base_path: 'builtin:dummy' },
        { name: 'pipeline1Dummy', base_path: 'builtin:dummy' },
        { name: 'dummy', base_path: 'builtin:dummy' },
      ]),
    );
    expect((await send(s.url, 'POST', '/v1/config/reload')).status).toBe(200);
    await expectExact(s, fx('F28'));
  });

  it('F29: missing config file', async () => {
    const s = await serverWith([{ name: 'dummy', base_path: 'builtin:dummy' }]);
    unlinkSync(s.configPath);
    await expectExact(s, fx('F29'));
  });

  it('F31: a name used twice fails the reload and applies nothing', async () => {
    const s = await serverWith([{ name: 'dummy', base_path: 'builtin:dummy' }]);
    writeFileSync(
      s.configPath,
      configJson([
        { name: 'dummy', base_path: 'builtin:dummy' },
        { name: 'dummy', base_path: 'builtin:resnet' },
      ]),
    );
    await expectExact(s, fx('F31'));
    expect((await send(s.url, 'GET', '/v1/config')).text).toBe(fx('F23').response_body);
  });
});

describe('TFS fixtures (legacy 2026.2 server)', () => {
  it('F01: status layout (the fixture, printed by a client, lost the trailing newline)', async () => {
    const r = await sendFixture(legacy.url, fx('F01'));
    expect(r.status).toBe(200);
    expect(r.text).toBe(`${fx('F01').response_body ?? ''}\n`);
  });

  it.each(['F16', 'F19', 'F85', 'F86', 'F88', 'F89'])('%s: byte-exact', async (id) => {
    const f = fx(id);
    await expectExact(legacy, f, f.path.replace('{model}', 'dummy'));
  });

  it('F17: both instances and inputs', async () => {
    await expectExact(legacy, fx('F17'), '/v1/models/dummy:predict');
  });

  it('F02: status serializer layout (state of the fixture is START, ours AVAILABLE)', async () => {
    const s = await serverWith([{ name: 'dummy', base_path: 'builtin:versioned', model_version_policy: { all: {} } }], { legacy: true });
    const r = await sendFixture(s.url, fx('F02'));
    expect(r.status).toBe(200);
    expect(r.text).toBe((fx('F02').response_body ?? '').replace('"START"', '"AVAILABLE"'));
  });

  it('F04: metadata serializer layout (scalar tensors)', async () => {
    const s = await serverWith([{ name: 'resnet', base_path: 'builtin:identity_fp32', shape: '()' }], { legacy: true });
    const r = await send(s.url, 'GET', '/v1/models/resnet/versions/1/metadata');
    expect(r.status).toBe(200);
    const want = (fx('F04').response_body ?? '')
      .replaceAll('Input_Scalar', 'input')
      .replaceAll('Output_Scalar', 'output')
      .replace('DT_INT32', 'DT_FLOAT')
      .replace('"version": "23"', '"version": "1"');
    expect(r.text).toBe(want);
  });

  it('F20: a version excluded by the policy is 404', async () => {
    const s = await serverWith([{ name: 'specific', base_path: 'builtin:versioned', model_version_policy: { specific: { versions: [1, 3] } } }], { legacy: true });
    await expectExact(s, fx('F20'));
  });

  it('F10 / F11 / F13 / F14: predict layouts end to end', async () => {
    const s = await serverWith(
      [
        { name: 'm', base_path: 'builtin:identity_fp32', shape: '(-1,1,4)' },
        { name: 'str', base_path: 'builtin:identity_bytes' },
        { name: 'scalar', base_path: 'builtin:identity_fp32', shape: '()' },
      ],
      { legacy: true },
    );
    const data = [[[5.0, 10.0, -3.0, 2.5]], [[9.0, 55.5, -0.5, -1.5]]];
    const row = await send(s.url, 'POST', '/v1/models/m:predict', { body: JSON.stringify({ instances: data }) });
    expect(row.text).toBe(fx('F10').response_body);
    const col = await send(s.url, 'POST', '/v1/models/m:predict', { body: JSON.stringify({ inputs: data }) });
    expect(col.text).toBe(fx('F11').response_body);
    const str = await send(s.url, 'POST', '/v1/models/str:predict', { body: JSON.stringify({ inputs: ['Hello', 'World'] }) });
    expect(str.text).toBe(fx('F13').response_body);
    const scalar = await send(s.url, 'POST', '/v1/models/scalar:predict', { body: JSON.stringify({ inputs: 5.1 }) });
    expect(scalar.text).toBe(fx('F14').response_body);
  });

  it('F08: row format with two outputs (serializer)', () => {
    const outputs: ServerTensor[] = [
      { name: 'output1', datatype: 'FP32', shape: [2, 1, 4], data: new Float32Array([5, 10, -3, 2.5, 9, 55.5, -0.5, -1.5]) },
      { name: 'output2', datatype: 'INT8', shape: [2, 5], data: new Int8Array([5, 2, 3, 8, -2, -100, 0, 125, 4, -1]) },
    ];
    expect(formatPredictResponse(outputs, true)).toBe(fx('F08').response_body);
  });
});

describe('routing of /v1 on 2026.3 (OpenAI alias) and metrics', () => {
  it.each(['F91', 'F92', 'F94'])('%s: TFS-style calls reach the OpenAI handler', async (id) => {
    await expectExact(modern, fx(id));
  });

  it('F97: POST /metrics is 406', async () => {
    await expectExact(modern, fx('F97'));
  });

  it('F95: HELP/TYPE lines and histogram layout as in the real sample', async () => {
    await send(modern.url, 'GET', '/v2/models/dummy/ready');
    const r = await send(modern.url, 'GET', '/metrics');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
    const sample = fx('F95').response_body ?? '';
    for (const line of sample.split('\n').filter((l) => l.startsWith('# HELP ovms_requests_success') || l.startsWith('# TYPE'))) {
      if (r.text.includes(line.split(' ').slice(0, 3).join(' '))) expect(r.text).toContain(line);
    }
    expect(r.text).toContain('ovms_requests_success{api="KServe",interface="REST",method="ModelReady",name="dummy"} 1');
    const lines = r.text.split('\n');
    const count = lines.findIndex((l) => l.startsWith('ovms_request_time_us_count{interface="REST",name="dummy",version="1"}'));
    expect(lines[count + 1]).toMatch(/^ovms_request_time_us_sum\{interface="REST",name="dummy",version="1"\} \d+$/);
    expect(lines[count + 2]).toBe('ovms_request_time_us_bucket{interface="REST",name="dummy",version="1",le="10"} 0');
    const total = (lines[count] ?? '').split(' ')[1];
    expect(lines[count + 35]).toBe(`ovms_request_time_us_bucket{interface="REST",name="dummy",version="1",le="+Inf"} ${total}`);
  });
});

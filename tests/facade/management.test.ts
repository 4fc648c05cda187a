/**
 * `setModelConfig`, `setExecutionMode` and `setQuantization` edit a real config.json (a copy of the
 * test server's default config in a temporary folder) through the file store, reload, and wait:
 * the file content, the server's behaviour, `/v1/config`, metadata and metrics reflect it.
 */
import { describe, expect, it } from 'vitest';
import { OVMS, type ApiMetadata } from '../../src/api_backends/index.js';
import { memoryConfigStore } from '../../src/configStore/index.js';
import { defaultConfig, type TestServer } from '../../src/testing/index.js';
import { freshServer, isEmbedding, isolateOvmsEnv, modelEntryOf, rejectionOf, routesSince, tempDefaultConfig, useServerCleanup } from './facadeHelpers.js';

isolateOvmsEnv();
useServerCleanup();

const QUANTIZED = { bert: { int8: 'builtin:bert_int8', base_path: 'builtin:bert' } };

/** A server on a temp copy of the default config, and a backend that may edit it. */
async function setup(metadata: ApiMetadata = {}, legacy = false): Promise<{ server: TestServer; ovms: OVMS; path: string }> {
  const path = tempDefaultConfig();
  // Reloaded models stay LOADING a little, so the facade's wait is really exercised.
  const server = await freshServer({ configPath: path, loadTimeMs: { bert: 60, dummy: 60 }, legacy });
  const ovms = new OVMS({}, { ovms_api_url: server.url, ovms_model: 'bert', ovms_config_path: path, ...metadata });
  await ovms.reloadModel('bert');
  await ovms.reloadModel('dummy');
  return { server, ovms, path };
}

/** The `ovms_streams` gauge of a model's version 1, as `/metrics` reports it. */
async function streamsOf(server: TestServer, model: string): Promise<number | undefined> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`ovms_streams{name="${model}",version="1"}`));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

describe.each([
  ['current', false],
  ['legacy', true],
] as const)('the management methods on the %s server', (_mode, legacy) => {
  it("setModelConfig (the seed's call): a batch range (1:32,-1) per input, NUM_STREAMS, preferred_batch ignored", async () => {
    const { server, ovms, path } = await setup({}, legacy);
    const mark = server.requestCount;
    const result = await ovms.setModelConfig('bert', { batch_size: 32, preferred_batch: 16, instance_count: 2 });
    const expected = {
      name: 'bert',
      base_path: 'builtin:bert',
      model_version_policy: { all: {} },
      shape: { data: '(1:32,-1)', mask: '(1:32,-1)' },
      plugin_config: { NUM_STREAMS: '2' },
    };
    expect(modelEntryOf(path, 'bert')).toEqual(expected);
    expect(result).toMatchObject({ model: 'bert', changed: true, modelConfig: expected, available: { state: 'AVAILABLE' } });
    expect(result.ignored.map((i: { key: string }) => i.key)).toEqual(['preferred_batch']);
    expect(result.ignored[0].reason).toMatch(/no preferred/);
    // The reload reported the model LOADING; the facade waited until AVAILABLE.
    expect(result.reload.bert.model_version_status.some((v: { state: string }) => v.state === 'LOADING')).toBe(true);
    const routes = routesSince(server, mark);
    expect(routes).toContain('POST /v1/config/reload');
    expect(routes.at(-1)).toBe('GET /v1/config');
    // Other entries are untouched.
    expect(modelEntryOf(path, 'resnet')).toEqual({ name: 'resnet', base_path: 'builtin:resnet' });
    // The server picked it up: 32 rows pass, 33 are OVMS's batch-size error; 2 streams.
    const fresh = new OVMS({}, { ovms_api_url: server.url, ovms_model: 'bert' });
    expect(await fresh.infer(undefined, Array.from({ length: 32 }, () => [1, 2]))).toHaveLength(32);
    const error = await rejectionOf(fresh.infer(undefined, Array.from({ length: 33 }, () => [1, 2])));
    expect(error.status).toBe(400);
    expect(error.serverMessage).toMatch(/Invalid input batch size - Expected: \[1~32\]; Actual: 33/);
    expect(await streamsOf(server, 'bert')).toBe(2);
    expect(await ovms.getModelStatus('bert')).toMatchObject({ state: 'AVAILABLE', health: 'healthy' });
  });

  it('setModelConfig on a fixed-shape model: the range keeps the other dimensions, and metadata shows it', async () => {
    const { ovms, path } = await setup({}, legacy);
    await ovms.setModelConfig('dummy', { batch_size: 4 });
    expect(modelEntryOf(path, 'dummy')).toEqual({ name: 'dummy', base_path: 'builtin:dummy', shape: { b: '(1:4,10)' } });
    const metadata = await new OVMS({}, { ovms_api_url: ovms.config.baseUrl }).getModelMetadataWithShapes('dummy');
    // Was [1, 10]; a batch range is dynamic (-1) in KServe metadata.
    expect(metadata.inputs).toEqual([{ name: 'b', datatype: 'FP32', shape: [-1, 10] }]);
    expect(await ovms.infer('dummy', Array.from({ length: 3 }, () => Array<number>(10).fill(1)))).toHaveLength(3);
  });

  it('after setModelConfig the same backend uses the new shape (its cached metadata is not stale)', async () => {
    const { ovms } = await setup({}, legacy);
    const row = (x: number): number[] => Array<number>(10).fill(x);
    // Caches dummy's metadata: input b [1, 10], a fixed batch of 1.
    expect(await ovms.infer('dummy', row(1))).toEqual([row(2)]);
    await ovms.setModelConfig('dummy', { batch_size: 4 });
    expect(await ovms.infer('dummy', [row(1), row(2)])).toEqual([row(2), row(3)]);
  });

  it('setModelConfig rejects a key OVMS does not have, without touching the file', async () => {
    const { ovms, path } = await setup({}, legacy);
    const before = modelEntryOf(path, 'bert');
    const error = await rejectionOf(ovms.setModelConfig('bert', { foo: 1 }));
    expect(error.reason).toEqual({ _tag: 'InvalidInput', field: 'foo' });
    expect(modelEntryOf(path, 'bert')).toEqual(before);
    await expect(ovms.setModelConfig('bert', { instance_count: 2, execution_mode: 'latency' })).rejects.toMatchObject({ reason: { _tag: 'InvalidInput' } });
  });

  it('setExecutionMode: PERFORMANCE_HINT LATENCY, then THROUGHPUT (replacing NUM_STREAMS)', async () => {
    const { server, ovms, path } = await setup({}, legacy);
    await ovms.setModelConfig('bert', { instance_count: 3 });
    expect(modelEntryOf(path, 'bert')?.['plugin_config']).toEqual({ NUM_STREAMS: '3' });
    expect(await streamsOf(server, 'bert')).toBe(3);
    const latency = await ovms.setExecutionMode('bert', 'latency');
    expect(modelEntryOf(path, 'bert')?.['plugin_config']).toEqual({ PERFORMANCE_HINT: 'LATENCY' });
    expect(latency).toMatchObject({ model: 'bert', changed: true, available: { state: 'AVAILABLE' }, ignored: [] });
    const throughput = await ovms.setExecutionMode(undefined, 'throughput');
    expect(throughput.model).toBe('bert');
    expect(modelEntryOf(path, 'bert')?.['plugin_config']).toEqual({ PERFORMANCE_HINT: 'THROUGHPUT' });
    // The same mode again changes nothing in the file.
    expect(await ovms.setExecutionMode('bert', 'throughput')).toMatchObject({ changed: false });
    expect(isEmbedding((await ovms.infer('bert', [0, 1, 2, 3]))[0])).toBe(true);
  });

  it('setExecutionMode rejects an unknown mode', async () => {
    const { ovms } = await setup({}, legacy);
    await expect(ovms.setExecutionMode('bert', 'fast' as 'latency')).rejects.toMatchObject({ reason: { _tag: 'InvalidInput', field: 'execution_mode' } });
  });

  it("setQuantization int8 (the seed's call) switches base_path to builtin:bert_int8 with ovms_quantized_models, and back", async () => {
    const { ovms, path } = await setup({ ovms_quantized_models: QUANTIZED }, legacy);
    const before = (await ovms.infer('bert', [0, 1, 2, 3])) as number[][];
    const on = await ovms.setQuantization('bert', { enabled: true, method: 'int8', bits: 8 });
    expect(on).toMatchObject({ model: 'bert', changed: true, available: { state: 'AVAILABLE' } });
    expect(modelEntryOf(path, 'bert')).toEqual({ name: 'bert', base_path: 'builtin:bert_int8', model_version_policy: { all: {} } });
    // The server now serves the INT8 model: every value is on the 8-bit grid.
    const quantized = (await ovms.infer('bert', [0, 1, 2, 3])) as number[][];
    expect(quantized[0]?.every((x) => Math.abs(x * 127 - Math.round(x * 127)) < 1e-4)).toBe(true);
    expect(quantized).not.toEqual(before);
    quantized[0]?.forEach((x, j) => expect(Math.abs(x - (before[0]?.[j] ?? Number.NaN))).toBeLessThanOrEqual(0.5 / 127 + 1e-6));

    const off = await ovms.setQuantization('bert', { enabled: false });
    expect(off.changed).toBe(true);
    expect(modelEntryOf(path, 'bert')).toEqual({ name: 'bert', base_path: 'builtin:bert', model_version_policy: { all: {} } });
    expect(await ovms.infer('bert', [0, 1, 2, 3])).toEqual(before);
  });

  it('setQuantization with an explicit base_path, fp16 and dynamic runtime properties', async () => {
    const { ovms, path } = await setup({}, legacy);
    await ovms.setQuantization('bert', { enabled: true, method: 'int8', base_path: 'builtin:bert_int8' });
    expect(modelEntryOf(path, 'bert')?.['base_path']).toBe('builtin:bert_int8');
    await ovms.setQuantization('bert', { enabled: false, base_path: 'builtin:bert' });
    expect(modelEntryOf(path, 'bert')?.['base_path']).toBe('builtin:bert');
    await ovms.setQuantization('bert', { enabled: true, method: 'fp16' });
    expect(modelEntryOf(path, 'bert')?.['plugin_config']).toEqual({ INFERENCE_PRECISION_HINT: 'f16' });
    await ovms.setQuantization('bert', { enabled: true, method: 'dynamic', group_size: 64 });
    expect(modelEntryOf(path, 'bert')?.['plugin_config']).toEqual({ INFERENCE_PRECISION_HINT: 'f16', DYNAMIC_QUANTIZATION_GROUP_SIZE: '64' });
    await ovms.setQuantization('bert', { enabled: false });
    expect(modelEntryOf(path, 'bert')).toEqual({ name: 'bert', base_path: 'builtin:bert', model_version_policy: { all: {} } });
  });

  it('setQuantization int4 without a quantized model is Unsupported and says what to do', async () => {
    const { server, ovms, path } = await setup({ ovms_quantized_models: QUANTIZED }, legacy);
    const before = modelEntryOf(path, 'bert');
    const mark = server.requestCount;
    const error = await rejectionOf(ovms.setQuantization('bert', { enabled: true, method: 'int4', bits: 4 }));
    expect(error.reason._tag).toBe('Unsupported');
    expect(error.message).toMatch(/offline/);
    expect(error.message).toMatch(/base_path/);
    expect(modelEntryOf(path, 'bert')).toEqual(before);
    expect(server.requestCount).toBe(mark);
  });
});

describe('the config store', () => {
  it('OVMS_CONFIG_PATH is the fallback for ovms_config_path', async () => {
    const path = tempDefaultConfig();
    const server = await freshServer({ configPath: path });
    process.env['OVMS_CONFIG_PATH'] = path;
    const ovms = new OVMS({}, { ovms_api_url: server.url, ovms_model: 'bert' });
    await ovms.setExecutionMode(undefined, 'latency');
    expect(modelEntryOf(path, 'bert')?.['plugin_config']).toEqual({ PERFORMANCE_HINT: 'LATENCY' });
  });

  it('resources.configStore: any store (here in memory, the server on its own file, so only the store changes)', async () => {
    const server = await freshServer();
    const store = memoryConfigStore(`${JSON.stringify(defaultConfig(), null, 2)}\n`);
    const ovms = new OVMS({ configStore: store }, { ovms_api_url: server.url, ovms_model: 'bert' });
    const result = await ovms.setExecutionMode(undefined, 'throughput');
    expect(result.modelConfig).toMatchObject({ plugin_config: { PERFORMANCE_HINT: 'THROUGHPUT' } });
    expect(JSON.parse((await store.read()).text).model_config_list.find((m: { config: { name: string } }) => m.config.name === 'bert').config.plugin_config).toEqual({ PERFORMANCE_HINT: 'THROUGHPUT' });
  });

  it('without a store: OvmsError Unsupported that says how to configure one, and nothing is reloaded', async () => {
    const server = await freshServer();
    const ovms = new OVMS({}, { ovms_api_url: server.url, ovms_model: 'bert' });
    for (const call of [
      () => ovms.setModelConfig('bert', { batch_size: 32 }),
      () => ovms.setExecutionMode('bert', 'latency'),
      () => ovms.setQuantization('bert', { enabled: true, method: 'fp16' }),
    ]) {
      const error = await rejectionOf(call());
      expect(error.reason).toEqual({ _tag: 'Unsupported' });
      expect(error.message).toContain('config.json');
      expect(error.message).toContain('configStore');
      expect(error.message).toContain('ovms_config_path');
      expect(error.message).toContain('OVMS_CONFIG_PATH');
    }
    expect(routesSince(server).filter((r) => r.startsWith('POST'))).toEqual([]);
  });

  it('a store whose file is not a valid OVMS config is refused before any reload', async () => {
    const server = await freshServer();
    const store = memoryConfigStore('{"model_config_list": 3}');
    const ovms = new OVMS({ configStore: store }, { ovms_api_url: server.url, ovms_model: 'bert' });
    await expect(ovms.setExecutionMode(undefined, 'latency')).rejects.toMatchObject({ reason: { _tag: 'Decode' } });
    expect(routesSince(server)).toEqual([]);
  });

  it('a model that is not in config.json is named in the error', async () => {
    const path = tempDefaultConfig();
    const server = await freshServer({ configPath: path });
    const ovms = new OVMS({}, { ovms_api_url: server.url, ovms_config_path: path });
    const error = await rejectionOf(ovms.setExecutionMode('llama3', 'latency'));
    expect(error.reason).toEqual({ _tag: 'InvalidInput', field: 'model' });
    expect(error.message).toMatch(/MediaPipe graph/);
  });
});

/**
 * `getModelInfo`, `getModelMetadataWithShapes`, `getModelVersions`, `getModelStatus`,
 * `getServerStatistics` and `reloadModel` against the local server (current and legacy): real
 * endpoints only, and statistics whose figures match the traffic sent.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OVMS } from '../../src/api_backends/index.js';
import type { TestServer } from '../../src/testing/index.js';
import { freshServer, isolateOvmsEnv, rejectionOf, routesSince, tempDefaultConfig, useServerCleanup } from './facadeHelpers.js';

isolateOvmsEnv();
useServerCleanup();

/** Requests OVMS counts in `ovms_requests_success`/`_fail`: KServe calls that name a model (ModelReady, ModelMetadata, ModelInfer). */
const isCountedModelCall = (route: string): boolean => /^(GET|POST) \/v2\/models\/[^/]+(\/versions\/\d+)?(\/ready|\/infer)?$/.test(route);

/** How many servables `/v1/config` lists with an AVAILABLE version. */
async function availableServables(server: TestServer): Promise<number> {
  const status = (await (await fetch(`${server.url}/v1/config`)).json()) as Record<string, { model_version_status: { state: string }[] }>;
  return Object.values(status).filter((e) => e.model_version_status.some((v) => v.state === 'AVAILABLE')).length;
}

describe.each([
  ['current', false, '2026.3.0'],
  ['legacy', true, '2026.2.1'],
] as const)('on the %s server', (_mode, legacy, serverVersion) => {
  it('getModelInfo / getModelMetadataWithShapes: KServe metadata with shapes (-1 = dynamic)', async () => {
    const server = await freshServer({ legacy });
    const ovms = new OVMS({}, { ovms_api_url: server.url, ovms_model: 'bert' });
    const info = await ovms.getModelInfo();
    expect(info).toEqual({
      name: 'bert',
      versions: ['3'],
      version: '3',
      platform: 'OpenVINO',
      inputs: [
        { name: 'data', datatype: 'INT64', shape: [-1, -1] },
        { name: 'mask', datatype: 'INT64', shape: [-1, -1] },
      ],
      outputs: [{ name: 'embedding', datatype: 'FP32', shape: [-1, 16] }],
    });
    expect(await ovms.getModelMetadataWithShapes('bert')).toEqual(info);
    const dummy = await ovms.getModelMetadataWithShapes('dummy');
    expect(dummy.inputs).toEqual([{ name: 'b', datatype: 'FP32', shape: [1, 10] }]);
    expect(dummy['rt_info']).toMatchObject({ model_info: { precision: 'FP16' } });
    const resnet = await ovms.getModelInfo('resnet');
    expect(resnet.inputs[0]).toEqual({ name: 'image', datatype: 'FP32', shape: [-1, -1, -1, 3] });
    expect(routesSince(server)).toEqual(['GET /v2/models/bert', 'GET /v2/models/bert', 'GET /v2/models/dummy', 'GET /v2/models/resnet']);
  });

  it('getModelInfo of an unknown model is a 404', async () => {
    const server = await freshServer({ legacy });
    const ovms = new OVMS({}, { ovms_api_url: server.url });
    const error = await rejectionOf(ovms.getModelInfo('no_such_model'));
    expect(error.status).toBe(404);
    expect(error.serverMessage).toBe('Model with requested name is not found');
  });

  it('getModelVersions: every AVAILABLE version from GET /v1/config, ascending', async () => {
    const server = await freshServer({ legacy });
    const ovms = new OVMS({}, { ovms_api_url: server.url, ovms_model: 'dummy' });
    expect(await ovms.getModelVersions('bert')).toEqual(['1', '2', '3']);
    expect(await ovms.getModelVersions('versioned')).toEqual(['1', '2', '3']);
    expect(await ovms.getModelVersions()).toEqual(['1']);
    expect(routesSince(server)).toEqual(['GET /v1/config', 'GET /v1/config', 'GET /v1/config']);
  });

  it('getModelVersions leaves out a version that is not AVAILABLE', async () => {
    const server = await freshServer({ legacy });
    const ovms = new OVMS({}, { ovms_api_url: server.url, ovms_model: 'bert' });
    server.faults.notReady('bert', 10_000);
    expect(await ovms.getModelVersions()).toEqual([]);
  });

  it('getModelStatus: state AVAILABLE and health healthy, with every version', async () => {
    const server = await freshServer({ legacy });
    const ovms = new OVMS({}, { ovms_api_url: server.url, ovms_model: 'bert' });
    const status = await ovms.getModelStatus();
    expect(status).toEqual({
      model: 'bert',
      version: '3',
      state: 'AVAILABLE',
      health: 'healthy',
      ready: true,
      versions: ['1', '2', '3'].map((version) => ({ version, state: 'AVAILABLE', error_code: 'OK', error_message: 'OK' })),
    });
    expect(routesSince(server).sort()).toEqual(['GET /v1/config', 'GET /v2/models/bert/ready']);
  });

  it('getModelStatus of a loading model: LOADING and loading', async () => {
    const server = await freshServer({ legacy });
    const ovms = new OVMS({}, { ovms_api_url: server.url, ovms_model: 'bert' });
    server.faults.notReady('bert', 10_000);
    expect(await ovms.getModelStatus()).toMatchObject({ state: 'LOADING', health: 'loading', ready: false });
  });

  it('getModelStatus of a pinned version (ovms_version)', async () => {
    const server = await freshServer({ legacy });
    const ovms = new OVMS({}, { ovms_api_url: server.url, ovms_model: 'versioned', ovms_version: '2' });
    expect(await ovms.getModelStatus()).toMatchObject({ model: 'versioned', version: '2', state: 'AVAILABLE', health: 'healthy' });
    expect(routesSince(server)).toContain('GET /v2/models/versioned/versions/2/ready');
  });

  it('getServerStatistics: figures that match the traffic sent to a fresh server', async () => {
    const server = await freshServer({ legacy });
    const ovms = new OVMS({}, { ovms_api_url: server.url, ovms_model: 'dummy' });
    const N = 5;
    for (let i = 0; i < N; i += 1) await ovms.infer(undefined, [0, 1, 2, 3, 4, 5, 6, 7, 8, i]);
    // One failure: bert with data and mask of different lengths (OVMS answers 400).
    await expect(ovms.infer('bert', { data: [0, 1, 2, 3], mask: [1, 1] })).rejects.toMatchObject({ status: 400 });
    const modelCalls = routesSince(server).filter(isCountedModelCall);
    // dummy: its metadata once (cached) and N inferences; bert: its metadata and one failed inference.
    expect(modelCalls).toEqual(['GET /v2/models/dummy', ...Array<string>(N).fill('POST /v2/models/dummy/infer'), 'GET /v2/models/bert', 'POST /v2/models/bert/infer']);

    const first = await ovms.getServerStatistics();
    expect(first.total_requests).toBe(modelCalls.length);
    expect(first.total_requests).toBeGreaterThanOrEqual(N);
    expect(first['failed_requests']).toBe(1);
    expect(first.server_version).toBe(serverVersion);
    expect(first['server_name']).toBe('OpenVINO Model Server');
    expect(first.active_models).toBe(await availableServables(server));
    expect(first.requests_per_second).toBeUndefined();
    // OVMS reports no uptime, CPU or memory: never invented.
    for (const key of ['server_uptime', 'cpu_usage', 'memory_usage']) {
      expect(first[key]).toBeUndefined();
      expect(key in first).toBe(false);
    }
    const models = first['models'] as { model: string; statistics: Record<string, number> }[];
    expect(models.find((m) => m.model === 'dummy')?.statistics).toMatchObject({ requests_processed: N + 1, errors: 0 });
    expect(models.find((m) => m.model === 'bert')?.statistics).toMatchObject({ requests_processed: 2, errors: 1 });
    if (!legacy) {
      expect(first.avg_inference_time).toBeGreaterThan(0);
      expect(first['avg_request_time']).toBeGreaterThan(0);
    }

    // M more inferences: the second call counts exactly them and has a rate.
    const M = 3;
    for (let i = 0; i < M; i += 1) await ovms.infer(undefined, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    const second = await ovms.getServerStatistics();
    expect(second.total_requests).toBe((first.total_requests ?? 0) + M);
    expect(second.requests_per_second).toBeGreaterThan(0);
    const dummySecond = (second['models'] as { model: string; statistics: Record<string, number> }[]).find((m) => m.model === 'dummy');
    expect(dummySecond?.statistics['requests_processed']).toBe(N + 1 + M);
    expect(dummySecond?.statistics['throughput']).toBeGreaterThan(0);
    // A third call with no traffic in between: rate 0, not undefined.
    const third = await ovms.getServerStatistics();
    expect(third.total_requests).toBe(second.total_requests);
    expect(third.requests_per_second).toBe(0);
    // Only /metrics, /v2 and /v1/config were asked.
    const statRoutes = routesSince(server).filter((r) => !isCountedModelCall(r));
    expect(new Set(statRoutes)).toEqual(new Set(['GET /metrics', 'GET /v2', 'GET /v1/config']));
  });

  it('reloadModel: POST /v1/config/reload, then the model is AVAILABLE', async () => {
    const server = await freshServer({ legacy });
    const ovms = new OVMS({}, { ovms_api_url: server.url, ovms_model: 'bert' });
    const result = await ovms.reloadModel();
    expect(result.model).toBe('bert');
    expect(result.status).toEqual({ version: '3', state: 'AVAILABLE', status: { error_code: 'OK', error_message: 'OK' } });
    expect(result.reloaded.model_version_status).toHaveLength(3);
    const routes = routesSince(server);
    expect(routes[0]).toBe('POST /v1/config/reload');
    expect(routes.slice(1).every((r) => r === 'GET /v1/config')).toBe(true);
    expect(await ovms.reloadModel('versioned')).toMatchObject({ model: 'versioned', status: { state: 'AVAILABLE' } });
  });
});

describe('reloadModel waits for a model that reloads slowly', () => {
  it('polls /v1/config until AVAILABLE', async () => {
    const path = tempDefaultConfig();
    const server = await freshServer({ configPath: path, loadTimeMs: { versioned: 150 } });
    const ovms = new OVMS({}, { ovms_api_url: server.url, ovms_model: 'versioned' });
    await ovms.reloadModel();
    // Change the model's entry on disk, so the reload really reloads it.
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { model_config_list: { config: Record<string, unknown> }[] };
    const entry = doc.model_config_list.find((m) => m.config['name'] === 'versioned');
    if (entry === undefined) throw new Error('versioned is in the default config');
    entry.config['model_version_policy'] = { specific: { versions: [1, 2] } };
    writeFileSync(path, JSON.stringify(doc));
    const mark = server.requestCount;
    const started = performance.now();
    const result = await ovms.reloadModel();
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
    expect(result.reloaded.model_version_status.some((v: { state: string }) => v.state === 'LOADING')).toBe(true);
    expect(result.status).toMatchObject({ version: '2', state: 'AVAILABLE' });
    expect(routesSince(server, mark).filter((r) => r === 'GET /v1/config').length).toBeGreaterThan(1);
    expect(await ovms.getModelVersions()).toEqual(['1', '2']);
  });
});

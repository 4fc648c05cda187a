/**
 * End-to-end: `updateModelConfig` edits a real config.json in a temporary folder through the file
 * store, and the test server started on that file picks the change up (rest-api.md §7.2):
 * metadata, `/v1/config` and the `ovms_streams` metric reflect it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileConfigStore } from '../../src/configStore/index.js';
import {
  createConfig,
  executionModePatch,
  getMetrics,
  getModelMetadataWithShapes,
  getModelStatus,
  modelConfigPatch,
  quantizationPatch,
  updateModelConfig,
  waitForModelAvailable,
  type ClientConfig,
  type PrometheusFamily,
} from '../../src/ovms.js';
import { startTestServer, type TestServer } from '../../src/testing/index.js';
import { FAST_RETRY, rejectionOf } from './e2eHelpers.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((f) => f()));
});

const INITIAL = {
  model_config_list: [
    { config: { name: 'dummy', base_path: 'builtin:dummy' } },
    { config: { name: 'resnet', base_path: 'builtin:resnet' } },
  ],
};

async function start(): Promise<{ server: TestServer; config: ClientConfig; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'mgmt-update-'));
  const path = join(dir, 'config.json');
  writeFileSync(path, `${JSON.stringify(INITIAL, null, 2)}\n`);
  // Each reload keeps the version LOADING a little, so the wait is really exercised.
  const server = await startTestServer({ configPath: path, loadTimeMs: 80 });
  cleanup.push(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { server, config: createConfig({ baseUrl: server.url, retry: FAST_RETRY }), path };
}

const streamsOf = (families: readonly PrometheusFamily[], name: string): number | undefined =>
  families.find((f) => f.name === 'ovms_streams')?.samples.find((s) => s.labels.name === name)?.value;

const fileOf = (path: string): { model_config_list: { config: Record<string, unknown> }[] } => JSON.parse(readFileSync(path, 'utf8'));

describe('updateModelConfig on a real config.json', () => {
  it("applies the seed's setModelConfig: batch size in the metadata, NUM_STREAMS in ovms_streams", async () => {
    const { config, path } = await start();
    const { patch, ignored } = modelConfigPatch({ batch_size: 4, preferred_batch: 2, instance_count: 3 });
    const result = await updateModelConfig(config, fileConfigStore(path), 'dummy', patch, { wait: { timeoutMs: 5_000, intervalMs: 20 } });
    expect(ignored.map((i) => i.key)).toEqual(['preferred_batch']);
    expect(result.changed).toBe(true);
    expect(result.reload.dummy?.model_version_status[0]?.state).toBe('LOADING');
    expect(result.available).toEqual({ version: '1', state: 'AVAILABLE', status: { error_code: 'OK', error_message: 'OK' } });
    expect(fileOf(path).model_config_list[0]?.config).toEqual({ name: 'dummy', base_path: 'builtin:dummy', batch_size: 4, plugin_config: { NUM_STREAMS: '3' } });
    expect(fileOf(path).model_config_list[1]?.config).toEqual({ name: 'resnet', base_path: 'builtin:resnet' });
    expect((await getModelMetadataWithShapes(config, { model: 'dummy' })).inputs[0]?.shape).toEqual([4, 10]);
    expect(streamsOf(await getMetrics(config), 'dummy')).toBe(3);
    expect(await getModelStatus(config, { model: 'dummy' })).toMatchObject({ state: 'AVAILABLE', health: 'healthy' });
  });

  it('switches the execution mode (PERFORMANCE_HINT replaces NUM_STREAMS) and sets a precision hint', async () => {
    const { config, path } = await start();
    const store = fileConfigStore(path);
    await updateModelConfig(config, store, 'dummy', { plugin_config: { NUM_STREAMS: '2' } });
    expect(streamsOf(await getMetrics(config), 'dummy')).toBe(2);
    await updateModelConfig(config, store, 'dummy', executionModePatch('throughput'));
    expect(fileOf(path).model_config_list[0]?.config.plugin_config).toEqual({ PERFORMANCE_HINT: 'THROUGHPUT' });
    // The test server gives THROUGHPUT 4 streams (src/testing/metrics/modelMetrics.ts).
    expect(streamsOf(await getMetrics(config), 'dummy')).toBe(4);
    await updateModelConfig(config, store, 'dummy', quantizationPatch({ enabled: true, method: 'fp16' }));
    expect(fileOf(path).model_config_list[0]?.config.plugin_config).toEqual({ PERFORMANCE_HINT: 'THROUGHPUT', INFERENCE_PRECISION_HINT: 'f16' });
  });

  it('rejects an unknown model and an invalid patch without touching the file', async () => {
    const { config, path } = await start();
    const before = readFileSync(path, 'utf8');
    const unknown = await rejectionOf(updateModelConfig(config, fileConfigStore(path), 'bert', { nireq: 2 }));
    expect(unknown.message).toBe('model: no model "bert" in config.json (models: dummy, resnet)');
    const invalid = await rejectionOf(updateModelConfig(config, fileConfigStore(path), 'dummy', { shape: 5 as unknown as string }));
    expect(invalid.reason._tag).toBe('InvalidInput');
    expect(invalid.message).toMatch(/config\.shape: must be a string or an object of strings per input$/);
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('reports a reload that OVMS refuses and restores the old file', async () => {
    const { config, path } = await start();
    const before = readFileSync(path, 'utf8');
    // A shape the server cannot parse is a load-time error, not a schema error: the reload fails.
    const error = await rejectionOf(updateModelConfig(config, fileConfigStore(path), 'dummy', { shape: '(1,x)' }));
    expect([error.reason._tag, error.status, error.serverMessage]).toEqual(['Status', 412, 'Reloading config file failed. Check server logs for more info.']);
    expect(readFileSync(path, 'utf8')).toBe(before);
    await waitForModelAvailable(config, { model: 'dummy', timeoutMs: 5_000, intervalMs: 20 });
    expect((await getModelMetadataWithShapes(config, { model: 'dummy' })).inputs[0]?.shape).toEqual([1, 10]);
  });
});

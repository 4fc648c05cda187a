/**
 * The config and metrics operations against OVMS's real bodies (fixtures F22–F31, F95, F97),
 * through a scripted transport.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createConfig,
  executionModePatch,
  getConfigStatus,
  getMetrics,
  isOvmsErrorReason,
  memoryConfigStore,
  reloadConfig,
  updateModelConfig,
  type ConfigStore,
} from '../../../src/ovms.js';
import { scriptedTransport, type Step } from '../../helpers/scriptedTransport.js';
import { rejectionOf } from '../../e2e/e2eHelpers.js';

interface Fixture {
  readonly id: string;
  readonly status: number;
  readonly response_body: string;
}
const fixtures = JSON.parse(readFileSync(new URL('../../fixtures/management-fixtures.json', import.meta.url), 'utf8')) as Fixture[];
const fixture = (id: string): Fixture => fixtures.find((f) => f.id === id) as Fixture;
const SAMPLE = readFileSync(new URL('../../fixtures/metrics-sample.prom', import.meta.url), 'utf8');

const configWith = (steps: readonly Step[]) => {
  const transport = scriptedTransport(steps);
  return { transport, config: createConfig({ baseUrl: 'http://ovms:8000', transport, retry: { baseDelayMs: 1, maxDelayMs: 1 } }) };
};
const available = { version: '1', state: 'AVAILABLE', status: { error_code: 'OK', error_message: 'OK' } };

describe('getConfigStatus and reloadConfig', () => {
  it('parses the hand-formatted status map of GET /v1/config (F28)', async () => {
    const { config, transport } = configWith([{ status: 200, body: fixture('F28').response_body }]);
    expect(await getConfigStatus(config)).toEqual({
      dummy: { model_version_status: [available] },
      pipeline1Dummy: { model_version_status: [available] },
      pipeline2Dummy: { model_version_status: [available] },
    });
    expect(transport.calls.map((c) => `${c.method} ${c.url}`)).toEqual(['GET http://ovms:8000/v1/config']);
  });

  it.each([200, 201])('POSTs /v1/config/reload with no body and accepts %i (F22, F25)', async (status) => {
    const { config, transport } = configWith([{ status, body: fixture('F22').response_body }]);
    expect(await reloadConfig(config)).toEqual({ dummy: { model_version_status: [available] } });
    expect(transport.calls.map((c) => [c.method, c.url, c.body])).toEqual([['POST', 'http://ovms:8000/v1/config/reload', undefined]]);
    const empty = configWith([{ status: 200, body: fixture('F25').response_body }]);
    expect(await reloadConfig(empty.config)).toEqual({ dummy: { model_version_status: [] } });
  });

  it('reports the config-style error body and does not retry a broken config.json (F29, F31)', async () => {
    for (const id of ['F29', 'F31']) {
      const { config, transport } = configWith([{ status: fixture(id).status, body: fixture(id).response_body }]);
      const error = await rejectionOf(reloadConfig(config));
      expect(isOvmsErrorReason(error, 'Status') && [error.status, error.serverMessage]).toEqual([500, JSON.parse(fixture(id).response_body).error]);
      expect(transport.calls).toHaveLength(1);
    }
  });

  it('retries a reload after a 503 (it is safe to repeat)', async () => {
    const { config, transport } = configWith([503, { status: 200, body: fixture('F22').response_body }]);
    await reloadConfig(config);
    expect(transport.calls).toHaveLength(2);
  });

  it('rejects a body of another shape as Decode', async () => {
    const { config } = configWith([{ status: 200, body: '{"dummy": {"model_version_status": [{"version": 1}]}}' }]);
    expect((await rejectionOf(getConfigStatus(config))).reason._tag).toBe('Decode');
  });
});

describe('getMetrics', () => {
  it('GETs /metrics and parses the real sample', async () => {
    const { config, transport } = configWith([{ status: 200, body: SAMPLE, headers: { 'content-type': 'text/plain; charset=utf-8' } }]);
    const families = await getMetrics(config);
    expect(families.map((f) => f.name)).toContain('ovms_inference_time_us');
    expect(transport.calls.map((c) => [c.url, c.headers.Accept])).toEqual([['http://ovms:8000/metrics', 'text/plain; version=0.0.4']]);
  });

  it('turns the 400 of disabled metrics into Unsupported naming --metrics_enable', async () => {
    const { config } = configWith([{ status: 400, body: '{"error":"Invalid request URL"}', headers: { 'content-type': 'text/plain; charset=utf-8' } }]);
    const error = await rejectionOf(getMetrics(config));
    expect(error.reason._tag).toBe('Unsupported');
    expect(error.message).toMatch(/--metrics_enable/);
  });

  it('keeps other statuses as they are (F97: 406)', async () => {
    const { config } = configWith([{ status: 406, body: fixture('F97').response_body }]);
    const error = await rejectionOf(getMetrics(config));
    expect(isOvmsErrorReason(error, 'Status') && error.status).toBe(406);
  });
});

describe('updateModelConfig (memory store, scripted server)', () => {
  const file = (models: Record<string, unknown>[]): string => `${JSON.stringify({ model_config_list: models.map((config) => ({ config })) }, null, '\t')}\n`;
  const reloaded = { status: 200, body: fixture('F22').response_body };

  it('rewrites the entry with the file indentation, reloads and waits', async () => {
    const store = memoryConfigStore(file([{ name: 'dummy', base_path: '/m/dummy', plugin_config: { NUM_STREAMS: '2' } }]));
    const { config, transport } = configWith([reloaded, { status: 200, body: fixture('F28').response_body }]);
    const result = await updateModelConfig(config, store, 'dummy', executionModePatch('throughput'));
    expect(store.text).toBe(file([{ name: 'dummy', base_path: '/m/dummy', plugin_config: { PERFORMANCE_HINT: 'THROUGHPUT' } }]));
    expect(result).toEqual({
      modelConfig: { name: 'dummy', base_path: '/m/dummy', plugin_config: { PERFORMANCE_HINT: 'THROUGHPUT' } },
      changed: true,
      reload: { dummy: { model_version_status: [available] } },
      available,
    });
    expect(transport.calls.map((c) => `${c.method} ${new URL(c.url).pathname}`)).toEqual(['POST /v1/config/reload', 'GET /v1/config']);
  });

  it('names the models when the model is unknown, and says when it is a graph', async () => {
    const store = memoryConfigStore(JSON.stringify({ model_config_list: [{ config: { name: 'a' } }, { config: { name: 'b' } }], mediapipe_config_list: [{ name: 'llm' }] }));
    const { config, transport } = configWith([reloaded]);
    const error = await rejectionOf(updateModelConfig(config, store, 'c', { nireq: 1 }));
    expect([error.reason._tag, error.message]).toEqual(['InvalidInput', 'model: no model "c" in config.json (models: a, b)']);
    expect((await rejectionOf(updateModelConfig(config, store, 'llm', { nireq: 1 }))).message).toMatch(/"llm" is a MediaPipe graph/);
    expect(transport.calls).toHaveLength(0);
  });

  it('rejects a patch the schema refuses, writing nothing', async () => {
    const before = file([{ name: 'dummy' }]);
    const store = memoryConfigStore(before);
    const { config } = configWith([reloaded]);
    const error = await rejectionOf(updateModelConfig(config, store, 'dummy', { batch_size: -2 }));
    expect(error.message).toBe('patch: the patched config.json would not be valid for OVMS: config.json.model_config_list[0].config.batch_size: Invalid value: Expected >=0 but received -2');
    expect(store.text).toBe(before);
  });

  it('redoes the read-modify-write after a concurrent edit, and gives up after maxAttempts', async () => {
    const inner = memoryConfigStore(file([{ name: 'dummy' }]));
    let sneakyEdits = 1;
    const racing: ConfigStore = {
      read: () => inner.read(),
      async write(text, version) {
        if (sneakyEdits > 0) {
          sneakyEdits -= 1;
          // Someone else adds a model between our read and our write.
          const other = await inner.read();
          await inner.write(file([{ name: 'dummy' }, { name: 'other' }]), other.version);
        }
        return inner.write(text, version);
      },
    };
    const { config } = configWith([reloaded]);
    await updateModelConfig(config, racing, 'dummy', { nireq: 2 }, { wait: false });
    expect(JSON.parse(inner.text)).toEqual({ model_config_list: [{ config: { name: 'dummy', nireq: 2 } }, { config: { name: 'other' } }] });

    sneakyEdits = 5;
    const error = await rejectionOf(updateModelConfig(config, racing, 'dummy', { nireq: 3 }, { wait: false, maxAttempts: 2 }));
    expect([error.code, error.status]).toEqual(['ECONFLICT', 409]);
  });

  it('does not rewrite an unchanged entry but still reloads', async () => {
    const store = memoryConfigStore(file([{ name: 'dummy', nireq: 2 }]));
    const { config, transport } = configWith([reloaded]);
    const result = await updateModelConfig(config, store, 'dummy', { nireq: 2 }, { wait: false });
    expect([result.changed, (await store.read()).version, transport.calls.length]).toEqual([false, '0', 1]);
  });

  it('refuses a stored file that is not JSON as Decode', async () => {
    const { config } = configWith([reloaded]);
    expect((await rejectionOf(updateModelConfig(config, memoryConfigStore('{oops'), 'dummy', {}))).reason._tag).toBe('Decode');
  });
});

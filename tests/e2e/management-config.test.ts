/**
 * End-to-end: the config API operations against the project's test server (rest-api.md §3):
 * status, reload, waiting for a version to load, model status.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createConfig, getConfigStatus, getModelStatus, isOvmsErrorReason, reloadConfig, waitForModelAvailable, type ClientConfig } from '../../src/ovms.js';
import { startTestServer, type TestServer } from '../../src/testing/index.js';
import { FAST_RETRY, rejectionOf } from './e2eHelpers.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((f) => f()));
});

async function start(models: Record<string, unknown>[], loadTimeMs: number | Record<string, number> = 0): Promise<{ server: TestServer; config: ClientConfig }> {
  const dir = mkdtempSync(join(tmpdir(), 'mgmt-config-'));
  const configPath = join(dir, 'config.json');
  writeFileSync(configPath, JSON.stringify({ model_config_list: models.map((config) => ({ config })) }));
  const server = await startTestServer({ configPath, loadTimeMs });
  cleanup.push(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { server, config: createConfig({ baseUrl: server.url, retry: FAST_RETRY }) };
}

const available = { version: '1', state: 'AVAILABLE', status: { error_code: 'OK', error_message: 'OK' } };

describe('getConfigStatus / reloadConfig', () => {
  it('lists the servables and applies an edit on reload', async () => {
    const { server, config } = await start([{ name: 'dummy', base_path: 'builtin:dummy' }]);
    expect(await getConfigStatus(config)).toEqual({ dummy: { model_version_status: [available] } });
    writeFileSync(server.configPath, JSON.stringify({ model_config_list: [{ config: { name: 'dummy', base_path: 'builtin:dummy' } }, { config: { name: 'resnet', base_path: 'builtin:resnet' } }] }));
    expect(await reloadConfig(config)).toEqual({ dummy: { model_version_status: [available] }, resnet: { model_version_status: [available] } });
  });

  it('reports an invalid file as the config error and applies nothing', async () => {
    const { server, config } = await start([{ name: 'dummy', base_path: 'builtin:dummy' }]);
    writeFileSync(server.configPath, '{"model_config_list": [{"config": {"name": "dummy", "mean": "[0]"}}]}');
    const error = await rejectionOf(reloadConfig(config));
    expect(isOvmsErrorReason(error, 'Status') && [error.status, error.serverMessage]).toEqual([412, 'Reloading config file failed. Check server logs for more info.']);
    expect(Object.keys(await getConfigStatus(config))).toEqual(['dummy']);
  });
});

describe('waitForModelAvailable', () => {
  it('resolves once the version has loaded', async () => {
    const { config } = await start([{ name: 'dummy', base_path: 'builtin:dummy' }], 150);
    expect((await getConfigStatus(config)).dummy?.model_version_status[0]?.state).toBe('LOADING');
    expect(await waitForModelAvailable(config, { model: 'dummy', timeoutMs: 5_000, intervalMs: 20 })).toEqual(available);
  });

  it('waits for the version asked for', async () => {
    const { config } = await start([{ name: 'v', base_path: 'builtin:versioned', model_version_policy: { all: {} } }], 100);
    expect(await waitForModelAvailable(config, { model: 'v', version: 2, timeoutMs: 5_000, intervalMs: 20 })).toMatchObject({ version: '2', state: 'AVAILABLE' });
  });

  it('times out naming the last state seen', async () => {
    const { config } = await start([{ name: 'slow', base_path: 'builtin:dummy' }], 60_000);
    const error = await rejectionOf(waitForModelAvailable(config, { model: 'slow', timeoutMs: 150, intervalMs: 30 }));
    expect([error.reason._tag, error.code, error.message]).toEqual(['Timeout', 'ETIMEDOUT', '"slow" was not AVAILABLE within 150 ms; last seen: LOADING (version 1)']);
  });

  it('names the servables when the model is not listed', async () => {
    const { config } = await start([{ name: 'dummy', base_path: 'builtin:dummy' }]);
    const error = await rejectionOf(waitForModelAvailable(config, { model: 'nope', timeoutMs: 80, intervalMs: 30 }));
    expect(error.message).toMatch(/last seen: "nope" is not listed in \/v1\/config \(servables: dummy\)$/);
  });

  it('stops at once when aborted', async () => {
    const { config } = await start([{ name: 'slow', base_path: 'builtin:dummy' }], 60_000);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    const error = await rejectionOf(waitForModelAvailable(config, { model: 'slow', timeoutMs: 10_000, intervalMs: 1_000 }, { signal: controller.signal }));
    expect(error.reason._tag).toBe('Aborted');
    expect(performance.now() - started).toBeLessThan(900);
  });
});

describe('getModelStatus', () => {
  it('is healthy for an available model and loading while it loads', async () => {
    const { config } = await start([{ name: 'dummy', base_path: 'builtin:dummy' }, { name: 'slow', base_path: 'builtin:dummy' }], { slow: 60_000 });
    expect(await getModelStatus(config, { model: 'dummy' })).toEqual({
      model: 'dummy',
      version: '1',
      state: 'AVAILABLE',
      health: 'healthy',
      ready: true,
      versions: [{ version: '1', state: 'AVAILABLE', error_code: 'OK', error_message: 'OK' }],
    });
    expect(await getModelStatus(config, { model: 'slow' })).toMatchObject({ state: 'LOADING', health: 'loading', ready: false });
  });

  it('is unavailable for a retired model, and an unknown name is a 404', async () => {
    const { server, config } = await start([{ name: 'dummy', base_path: 'builtin:dummy' }, { name: 'old', base_path: 'builtin:dummy' }]);
    writeFileSync(server.configPath, JSON.stringify({ model_config_list: [{ config: { name: 'dummy', base_path: 'builtin:dummy' } }] }));
    await reloadConfig(config);
    expect(await getModelStatus(config, { model: 'old' })).toMatchObject({ state: 'END', health: 'unavailable', ready: false });
    const error = await rejectionOf(getModelStatus(config, { model: 'missing' }));
    expect(isOvmsErrorReason(error, 'Status') && error.status).toBe(404);
  });
});

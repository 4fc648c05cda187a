/**
 * End-to-end: statistics whose figures match the traffic sent to the test server (rest-api.md §6).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfig, getConfigStatus, getServerStatistics, infer, type ClientConfig } from '../../src/ovms.js';
import { startTestServer, type TestServer } from '../../src/testing/index.js';
import { FAST_RETRY, rejectionOf } from './e2eHelpers.js';

let server: TestServer;
let config: ClientConfig;

beforeAll(async () => {
  server = await startTestServer();
  // validate: false, so that infer sends no metadata request (which OVMS would count too).
  config = createConfig({ baseUrl: server.url, retry: false, validate: false });
});
afterAll(async () => {
  await server.close();
});

const row = (): Float32Array => Float32Array.from({ length: 10 }, (_, i) => i);

describe('getServerStatistics', () => {
  it('counts the requests and failures sent, with means and a rate from two snapshots', async () => {
    const before = await getServerStatistics(config);
    expect([before.totalRequests, before.failedRequests, before.requestsPerSecond]).toEqual([0, 0, undefined]);
    const N = 7;
    for (let i = 0; i < N; i += 1) await infer(config, { model: 'dummy', inputs: [{ name: 'b', data: row(), shape: [1, 10] }] });
    // One request with a wrong shape: OVMS counts it as failed.
    await rejectionOf(infer(config, { model: 'dummy', inputs: [{ name: 'b', data: new Float32Array(11), shape: [1, 11] }] }));

    const after = await getServerStatistics(config, { previous: before.snapshot });
    const status = await getConfigStatus(config);
    expect({
      serverName: after.serverName,
      serverVersion: after.serverVersion,
      activeModels: after.activeModels,
      totalRequests: after.totalRequests,
      failedRequests: after.failedRequests,
      inferenceRequests: after.inferenceRequests,
      uptime: [after.uptimeSeconds, after.cpuUsagePercent, after.memoryUsageMb],
    }).toEqual({
      serverName: 'OpenVINO Model Server',
      serverVersion: '2026.3.0',
      activeModels: Object.values(status).filter((s) => s.model_version_status.some((v) => v.state === 'AVAILABLE')).length,
      totalRequests: N + 1,
      failedRequests: 1,
      inferenceRequests: N + 1,
      uptime: [undefined, undefined, undefined],
    });
    const seconds = (after.snapshot.at - before.snapshot.at) / 1000;
    expect(after.requestsPerSecond).toBeCloseTo((N + 1) / seconds, 6);
    expect(after.models.dummy).toMatchObject({ model: 'dummy', requests: N + 1, failures: 1, inferenceRequests: N + 1, currentRequests: 0, streams: 1, versions: ['1'] });
    expect(after.models.dummy?.requestsPerSecond).toBeCloseTo((N + 1) / seconds, 6);
    expect(after.avgRequestTimeMs).toBeGreaterThan(0);
    // The failed request never reached the OpenVINO backend: only the N successful ones are timed.
    expect(after.avgInferenceTimeMs).toBeGreaterThanOrEqual(0);
    expect(after.models.resnet).toMatchObject({ requests: 0, avgInferenceTimeMs: undefined });
  });

  it('takes two scrapes rateIntervalMs apart when no snapshot is given', async () => {
    const stats = await getServerStatistics(config, { rateIntervalMs: 50 });
    expect(stats.requestsPerSecond).toBe(0);
  });

  it('says how to enable metrics when they are off', async () => {
    const off = await startTestServer({ metrics: false });
    try {
      const error = await rejectionOf(getServerStatistics(createConfig({ baseUrl: off.url, retry: FAST_RETRY })));
      expect(error.reason._tag).toBe('Unsupported');
      expect(error.message).toMatch(/--metrics_enable/);
    } finally {
      await off.close();
    }
  });
});

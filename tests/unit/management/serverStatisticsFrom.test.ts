/**
 * Statistics from a scrape (rest-api.md §6): figures computed from the real OVMS sample, rates
 * from two snapshots, and undefined (never invented) where OVMS says nothing.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePrometheusText, serverStatisticsFrom, type ConfigStatus } from '../../../src/ovms.js';

const SAMPLE = readFileSync(new URL('../../fixtures/metrics-sample.prom', import.meta.url), 'utf8');
const fixtures = JSON.parse(readFileSync(new URL('../../fixtures/management-fixtures.json', import.meta.url), 'utf8')) as { id: string; response_body: string }[];
const F28 = JSON.parse(fixtures.find((f) => f.id === 'F28')?.response_body ?? '') as ConfigStatus;
const server = { name: 'OpenVINO Model Server', version: '2022.2.c290da85' };

describe('serverStatisticsFrom on the real sample', () => {
  const stats = serverStatisticsFrom({ families: parsePrometheusText(SAMPLE), at: 1_000, server, status: F28 });

  it('computes the server figures from the counters and histograms', () => {
    const { models, ...rest } = stats;
    expect(rest).toEqual({
      serverName: 'OpenVINO Model Server',
      serverVersion: '2022.2.c290da85',
      activeModels: 3,
      // 4 + 4 + 148 Predict calls, no failure.
      totalRequests: 156,
      failedRequests: 0,
      inferenceRequests: 156,
      requestsPerSecond: undefined,
      // ovms_request_time_us: only multiple_vehicle_recognition has observations, 389412 µs over 4.
      avgRequestTimeMs: 389412 / 4 / 1000,
      // ovms_inference_time_us: (873171 + 115195) µs over (148 + 4).
      avgInferenceTimeMs: (873171 + 115195) / 152 / 1000,
      avgGraphProcessingTimeMs: undefined,
      uptimeSeconds: undefined,
      cpuUsagePercent: undefined,
      memoryUsageMb: undefined,
      snapshot: {
        at: 1_000,
        totalRequests: 156,
        modelRequests: { dummy: 0, dummy_demux: 0, multiple_vehicle_recognition: 4, resnet: 0, vehicle_attributes_recognition: 148, vehicle_detection: 4 },
      },
    });
  });

  it('computes per-model figures', () => {
    expect(Object.keys(stats.models)).toEqual(['dummy', 'dummy_demux', 'multiple_vehicle_recognition', 'resnet', 'vehicle_attributes_recognition', 'vehicle_detection']);
    expect(stats.models.vehicle_attributes_recognition).toEqual({
      model: 'vehicle_attributes_recognition',
      requests: 148,
      failures: 0,
      inferenceRequests: 148,
      requestsPerSecond: undefined,
      // Its request-time histogram has no observation (count 0): no mean, rather than 0.
      avgRequestTimeMs: undefined,
      avgInferenceTimeMs: 873171 / 148 / 1000,
      avgGraphProcessingTimeMs: undefined,
      currentRequests: 0,
      streams: 13,
      versions: ['1'],
    });
    // A DAG has only request counters and request time (rest-api.md §6).
    expect(stats.models.multiple_vehicle_recognition).toMatchObject({ requests: 4, avgRequestTimeMs: 389412 / 4 / 1000, streams: undefined, currentRequests: undefined });
  });
});

describe('requests per second', () => {
  const text = (success: number, fail: number): string =>
    `# TYPE ovms_requests_success counter\novms_requests_success{method="ModelInfer",name="m",version="1"} ${success}\n` +
    `# TYPE ovms_requests_fail counter\novms_requests_fail{method="ModelInfer",name="m",version="1"} ${fail}\n`;
  const at = (t: number, success: number, fail: number, previous?: ReturnType<typeof serverStatisticsFrom>['snapshot']) =>
    serverStatisticsFrom({ families: parsePrometheusText(text(success, fail)), at: t, server, status: {}, previous });

  it('is the request delta over the time between the two snapshots', () => {
    const first = at(10_000, 10, 2);
    const second = at(12_000, 40, 4, first.snapshot);
    expect(second.requestsPerSecond).toBe(16);
    expect(second.models.m?.requestsPerSecond).toBe(16);
  });

  it('is undefined after a counter reset (OVMS restarted) or without elapsed time', () => {
    const first = at(10_000, 10, 2);
    expect(at(12_000, 3, 0, first.snapshot).requestsPerSecond).toBeUndefined();
    expect(at(10_000, 20, 2, first.snapshot).requestsPerSecond).toBeUndefined();
  });

  it('leaves every figure undefined when OVMS emitted none of its families', () => {
    const stats = serverStatisticsFrom({ families: [], at: 1, server, status: {} });
    expect([stats.totalRequests, stats.failedRequests, stats.avgRequestTimeMs, stats.avgInferenceTimeMs, stats.activeModels, stats.models]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      0,
      {},
    ]);
  });
});

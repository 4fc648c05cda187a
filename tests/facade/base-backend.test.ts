/**
 * `BaseApiBackend` through `OVMS`: endpoints with their own settings and statistics, the backend's
 * statistics, and the queue, concurrency limit and circuit breaker working as middleware.
 */
import { describe, expect, it } from 'vitest';
import { BaseApiBackend, OVMS } from '../../src/api_backends/index.js';
import { infer } from '../../src/ovms.js';
import { FAULT_HEADER } from '../../src/testing/index.js';
import { closedPortUrl, countingFetch, freshServer, isolateOvmsEnv, receivedSince, rejectionOf, thrownBy, useServerCleanup } from './facadeHelpers.js';

isolateOvmsEnv();
useServerCleanup();

describe('BaseApiBackend contract', () => {
  it('OVMS is a BaseApiBackend with getApiKey and getDefaultModel', () => {
    const ovms = new OVMS({}, { ovms_api_key: 'k', ovms_model: 'bert' });
    expect(ovms).toBeInstanceOf(BaseApiBackend);
    expect(ovms.getApiKey()).toBe('k');
    expect(ovms.getDefaultModel()).toBe('bert');
  });

  it('a fresh backend has empty statistics, a closed circuit and an empty queue', () => {
    const stats = new OVMS().getStats();
    expect(stats).toMatchObject({ requests: 0, successes: 0, failures: 0, queue: { active: 0, queued: 0 }, circuit: { state: 'closed', failures: 0 } });
  });
});

describe('createEndpoint / makeRequestWithEndpoint / getStats', () => {
  it('an endpoint has its own model and statistics; the backend counts every request', async () => {
    const server = await freshServer();
    const ovms = new OVMS({}, { ovms_api_url: server.url, ovms_model: 'bert' });
    const sums = ovms.createEndpoint({ id: 'sums', model: 'custom_model' });
    expect(sums).toBe('sums');
    const auto = ovms.createEndpoint({ model: 'versioned' });
    expect(auto).toBe('endpoint-2');

    const first = await ovms.makeRequestWithEndpoint(sums, [1, 2, 3]);
    expect(first).toMatchObject({ predictions: [[1, 3, 6]], model_name: 'custom_model' });
    await ovms.makeRequestWithEndpoint(sums, { instances: [[1, 1]] });
    const afterSums = server.requestCount;
    // The endpoint's config has its own metadata cache: metadata once, then two inferences.
    expect(afterSums).toBe(3);
    expect(ovms.getStats(sums)).toMatchObject({ requests: 3, successes: 3, failures: 0, queue: { active: 0, queued: 0 }, circuit: { state: 'closed' } });
    expect(ovms.getStats(sums).byOperation).toMatchObject({ getModelMetadataWithShapes: { requests: 1 }, infer: { requests: 2 } });

    expect(await ovms.makeRequestWithEndpoint(auto, [[1, 2]])).toMatchObject({ predictions: [[4, 5]] });
    expect(ovms.getStats(auto)).toMatchObject({ requests: 2, successes: 2 });
    expect(ovms.getStats(sums).requests).toBe(3);

    // A call of the backend itself counts only in the overall figures.
    await ovms.infer('custom_model', [5]);
    const overall = ovms.getStats();
    expect(overall.requests).toBe(server.requestCount);
    expect(overall.requests).toBe(7);
    expect(overall.successes).toBe(7);
    expect(overall.byModel).toMatchObject({ custom_model: { requests: 5 }, versioned: { requests: 2 } });
  });

  it('failures are counted by reason, per endpoint and overall', async () => {
    const server = await freshServer();
    const ovms = new OVMS({}, { ovms_api_url: server.url, ovms_model: 'bert' });
    const missing = ovms.createEndpoint({ id: 'missing', model: 'no_such_model' });
    const error = await rejectionOf(ovms.makeRequestWithEndpoint(missing, [1]));
    expect(error.status).toBe(404);
    expect(ovms.getStats(missing)).toMatchObject({ requests: 1, successes: 0, failures: 1, failuresByReason: { Status: 1 } });
    expect(ovms.getStats()).toMatchObject({ failures: 1, failuresByReason: { Status: 1 } });
    // A 4xx is proof that the server answers: the circuit stays closed.
    expect(ovms.getStats().circuit).toEqual({ state: 'closed', failures: 0 });
  });

  it('an endpoint URL and API key: the endpoint calls its own URL with its own key', async () => {
    const own = await freshServer({ apiKey: 'backend-key' });
    const other = await freshServer();
    const ovms = new OVMS({}, { ovms_api_url: own.url, ovms_model: 'llama3', ovms_api_key: 'backend-key' });
    const kserve = ovms.createEndpoint({ id: 'kserve', endpoint_url: `${other.url}/v2/models/versioned/versions/3/infer` });
    expect(await ovms.makeRequestWithEndpoint(kserve, [[1]])).toMatchObject({ predictions: [[4]], model_version: '3' });
    expect(receivedSince(other).map((r) => r.url)).toEqual(['/v2/models/versioned/versions/3', '/v2/models/versioned/versions/3/infer']);
    expect(receivedSince(other).every((r) => r.headers.authorization === undefined)).toBe(true);

    const wrongKey = ovms.createEndpoint({ id: 'wrong', apiKey: 'other-key' });
    await expect(ovms.makeRequestWithEndpoint(wrongKey, { messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({ status: 500 });
    const goodKey = ovms.createEndpoint({ id: 'good', apiKey: 'backend-key' });
    expect(await ovms.makeRequestWithEndpoint(goodKey, { messages: [{ role: 'user', content: 'hi' }] })).toMatchObject({ object: 'chat.completion' });
    expect(receivedSince(own).map((r) => r.headers.authorization)).toEqual(['Bearer other-key', 'Bearer backend-key']);
  });

  it('an endpoint timeout (ms) applies to its calls only', async () => {
    const server = await freshServer({ faults: { latencyMs: 300, match: '/infer' } });
    const ovms = new OVMS({}, { ovms_api_url: server.url, ovms_model: 'custom_model' });
    const quick = ovms.createEndpoint({ id: 'quick', timeout: 50 });
    const error = await rejectionOf(ovms.makeRequestWithEndpoint(quick, [1]));
    expect(error.reason._tag).toBe('Timeout');
    expect(await ovms.infer(undefined, [1])).toEqual([[1]]);
  });

  it('a duplicate id, an unknown id and a bad limit are InvalidInput', async () => {
    const ovms = new OVMS();
    ovms.createEndpoint({ id: 'a' });
    expect(thrownBy(() => ovms.createEndpoint({ id: 'a' })).reason).toEqual({ _tag: 'InvalidInput', field: 'id' });
    expect(thrownBy(() => ovms.getStats('nope')).message).toContain('known: a');
    await expect(ovms.makeRequestWithEndpoint('nope', [1])).rejects.toMatchObject({ reason: { _tag: 'InvalidInput', field: 'endpointId' } });
    expect(thrownBy(() => ovms.createEndpoint({ id: 'b', maxConcurrentRequests: 0 })).reason).toEqual({ _tag: 'InvalidInput', field: 'maxConcurrentRequests' });
  });
});

describe('the circuit breaker', () => {
  it('opens after consecutive failures against a closed port, then fails fast without sending', async () => {
    const dead = await closedPortUrl();
    const counter = countingFetch();
    const ovms = new OVMS({ fetch: counter.fetch }, { ovms_api_url: dead, ovms_model: 'bert', circuit_breaker_threshold: 2 });
    for (let i = 0; i < 2; i += 1) {
      const error = await rejectionOf(ovms.infer(undefined, [1]));
      expect(error.code).toBe('ECONNREFUSED');
    }
    // Each call tried 1 + 2 retries.
    expect(counter.calls()).toBe(6);
    expect(ovms.getStats().circuit).toMatchObject({ state: 'open', failures: 2 });
    const started = performance.now();
    const error = await rejectionOf(ovms.infer(undefined, [1]));
    // Fast-fail: no request is made (the fetch count below); the bound only rules out a network wait.
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(error.reason).toMatchObject({ _tag: 'CircuitOpen', failures: 2 });
    expect(error.reason._tag === 'CircuitOpen' && error.reason.retryAfterMs).toBeGreaterThan(0);
    expect(counter.calls()).toBe(6);
    // Every method of the backend goes through the same breaker.
    await expect(ovms.getModelStatus()).rejects.toMatchObject({ reason: { _tag: 'CircuitOpen' } });
    await expect(ovms.chat([{ role: 'user', content: 'hi' }])).rejects.toMatchObject({ reason: { _tag: 'CircuitOpen' } });
    expect(counter.calls()).toBe(6);
    expect(ovms.getStats().failuresByReason).toMatchObject({ Transport: 2, CircuitOpen: 4 });
  });

  it('lets a trial call through after circuit_breaker_timeout and closes on success', async () => {
    const server = await freshServer();
    const ovms = new OVMS({}, { ovms_api_url: server.url, ovms_model: 'dummy', circuit_breaker_threshold: 1, circuit_breaker_timeout: 100 });
    // A 503 on every request (3 attempts) is one failure of the call.
    server.faults.failNext(3, 503);
    await expect(ovms.getModelInfo()).rejects.toMatchObject({ status: 503 });
    expect(ovms.getStats().circuit.state).toBe('open');
    await expect(ovms.getModelInfo()).rejects.toMatchObject({ reason: { _tag: 'CircuitOpen' } });
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(ovms.getStats().circuit.state).toBe('half-open');
    expect((await ovms.getModelInfo()).name).toBe('dummy');
    expect(ovms.getStats().circuit).toEqual({ state: 'closed', failures: 0 });
  });
});

describe('the concurrency limit and queue', () => {
  it('max_concurrent_requests: 2 keeps at most two requests in flight (server latency 50 ms)', async () => {
    const server = await freshServer({ faults: { latencyMs: 50 } });
    const counter = countingFetch();
    const ovms = new OVMS({ fetch: counter.fetch }, { ovms_api_url: server.url, ovms_model: 'custom_model', max_concurrent_requests: 2 });
    // Loads (and caches) the metadata, so the six calls below are six inferences.
    await ovms.infer(undefined, [0]);
    const calls = Array.from({ length: 6 }, (_, i) => ovms.infer(undefined, [i]));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ovms.getStats().queue).toEqual({ active: 2, queued: 4 });
    const results = await Promise.all(calls);
    expect(results).toEqual(Array.from({ length: 6 }, (_, i) => [[i]]));
    expect(counter.maxInFlight()).toBe(2);
    expect(ovms.getStats().queue).toEqual({ active: 0, queued: 0 });
  });

  it('the functional API with ovms.config shares the limit (and takes per-call fault headers)', async () => {
    const server = await freshServer();
    const counter = countingFetch();
    const ovms = new OVMS({ fetch: counter.fetch }, { ovms_api_url: server.url, ovms_model: 'custom_model', max_concurrent_requests: 3 });
    const headers = { [FAULT_HEADER]: JSON.stringify({ latencyMs: 40 }) };
    const calls = Array.from({ length: 7 }, (_, i) => infer(ovms.config, { model: 'custom_model', inputs: { input: [[i]] } }, { headers }));
    await Promise.all(calls);
    expect(counter.maxInFlight()).toBe(3);
    // Seven inferences and the metadata the first of them loaded for validation.
    expect(ovms.getStats().requests).toBe(8);
    expect(server.requestCount).toBe(8);
  });

  it('queue_size: a full queue sheds calls with Overloaded QueueFull', async () => {
    const server = await freshServer({ faults: { latencyMs: 60 } });
    const ovms = new OVMS({}, { ovms_api_url: server.url, ovms_model: 'custom_model', max_concurrent_requests: 1, queue_size: 1 });
    await ovms.infer(undefined, [0]);
    const outcomes = await Promise.allSettled([ovms.infer(undefined, [1]), ovms.infer(undefined, [2]), ovms.infer(undefined, [3])]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    const third = outcomes[2];
    expect(third?.status === 'rejected' && third.reason).toMatchObject({ reason: { _tag: 'Overloaded', kind: 'QueueFull' } });
    expect(ovms.getStats().failuresByReason).toMatchObject({ Overloaded: 1 });
  });

  it('an endpoint has its own limit', async () => {
    const server = await freshServer({ faults: { latencyMs: 40 } });
    const counter = countingFetch();
    const ovms = new OVMS({ fetch: counter.fetch }, { ovms_api_url: server.url, ovms_model: 'custom_model' });
    const one = ovms.createEndpoint({ id: 'one', maxConcurrentRequests: 1 });
    await ovms.makeRequestWithEndpoint(one, [0]);
    await Promise.all(Array.from({ length: 4 }, (_, i) => ovms.makeRequestWithEndpoint(one, [i])));
    expect(counter.maxInFlight()).toBe(1);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { createConfig } from '../../../src/config/createConfig.js';
import { withConfig } from '../../../src/config/withConfig.js';
import { execute } from '../../../src/core/execute.js';
import type { Middleware } from '../../../src/core/types.js';
import { withCircuitBreaker } from '../../../src/middleware/withCircuitBreaker.js';
import { withConcurrencyLimit } from '../../../src/middleware/withConcurrencyLimit.js';
import { withStats } from '../../../src/middleware/withStats.js';
import { getRequest } from '../../../src/protocols/kserve/getRequest.js';
import { scriptedTransport, type Step } from '../../helpers/scriptedTransport.js';
import { gatedTransport } from './gatedTransport.js';

const reset = new TypeError('fetch failed', { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) });
const op = (operation: string, model?: string) => ({ operation, idempotent: true, encode: getRequest('/v2'), ...(model === undefined ? {} : { model }) });

/** A clock that advances 10 ms per reading: every sequential call lasts exactly 10 ms. */
function steppingClock(): () => number {
  let t = 0;
  return () => (t += 10);
}

function setup(steps: readonly Step[], extra: readonly Middleware[] = []) {
  const transport = scriptedTransport(steps);
  const recorder = withStats({ now: steppingClock() });
  const config = createConfig({ baseUrl: 'http://ovms.test', retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 1, jitter: 0 }, transport, middleware: [recorder, ...extra] });
  return { transport, recorder, config };
}

async function settle(promise: Promise<unknown>): Promise<void> {
  await promise.catch(() => undefined);
}

const empty = { requests: 0, successes: 0, failures: 0, failuresByReason: {}, totalLatencyMs: 0, averageLatencyMs: 0, byOperation: {}, byModel: {} };

describe('withStats', () => {
  it('starts empty', () => {
    expect(withStats().stats()).toEqual(empty);
  });

  it('counts a mix of outcomes per call, per reason, per operation and per model', async () => {
    // Calls in order: ok, 404, 503 → 503 → 200 (one call, retried), Transport ×3 (retried), abort.
    const { recorder, config } = setup([200, 404, 503, 503, 200, { throws: reset }, { throws: reset }, { throws: reset }, { hang: true }]);
    await execute(config, op('infer', 'resnet'));
    await settle(execute(config, op('infer', 'missing')));
    await execute(config, op('infer', 'resnet'));
    await settle(execute(config, op('getServerMetadata')));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 5);
    await settle(execute(config, op('getModelReady', 'resnet'), { signal: controller.signal }));
    expect(recorder.stats()).toEqual({
      requests: 5,
      successes: 2,
      failures: 3,
      failuresByReason: { Status: 1, Transport: 1, Aborted: 1 },
      totalLatencyMs: 50,
      averageLatencyMs: 10,
      lastError: 'The request was aborted by the caller',
      byOperation: {
        infer: { requests: 3, successes: 2, failures: 1 },
        getServerMetadata: { requests: 1, successes: 0, failures: 1 },
        getModelReady: { requests: 1, successes: 0, failures: 1 },
      },
      byModel: {
        resnet: { requests: 3, successes: 2, failures: 1 },
        missing: { requests: 1, successes: 0, failures: 1 },
      },
    });
  });

  it('keeps the last error message, which never holds the API key', async () => {
    const { config: base, recorder } = setup([503]);
    const config = withConfig(base, { apiKey: 'secret-key-123', retry: false });
    await settle(execute(config, op('infer', 'm')));
    const stats = recorder.stats();
    expect(stats.lastError).toBe('OVMS answered 503 to infer (model "m"): status 503');
    expect(JSON.stringify(stats)).not.toContain('secret-key-123');
  });

  it('counts calls still in flight as requests only, and their latency when they end', async () => {
    const transport = gatedTransport();
    const recorder = withStats({ now: steppingClock() });
    const config = createConfig({ baseUrl: 'http://ovms.test', retry: false, transport, middleware: [recorder] });
    const pending = execute(config, op('infer', 'a'));
    await vi.waitFor(() => expect(transport.held).toHaveLength(1));
    expect(recorder.stats()).toEqual({ ...empty, requests: 1, byOperation: { infer: { requests: 1, successes: 0, failures: 0 } }, byModel: { a: { requests: 1, successes: 0, failures: 0 } } });
    transport.held[0]?.answer();
    await pending;
    expect(recorder.stats()).toMatchObject({ requests: 1, successes: 1, failures: 0, totalLatencyMs: 10, averageLatencyMs: 10 });
  });

  it('returns a fresh, deeply frozen snapshot that later calls do not change', async () => {
    const { recorder, config } = setup([200]);
    await execute(config, op('infer', 'a'));
    const first = recorder.stats();
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.byModel)).toBe(true);
    expect(Object.isFrozen(first.byModel['a'])).toBe(true);
    expect(Object.isFrozen(first.byOperation)).toBe(true);
    expect(Object.isFrozen(first.failuresByReason)).toBe(true);
    await execute(config, op('infer', 'a'));
    expect(first.requests).toBe(1);
    expect(first.byModel['a']).toEqual({ requests: 1, successes: 1, failures: 0 });
    expect(recorder.stats().requests).toBe(2);
    expect(recorder.stats()).not.toBe(recorder.stats());
  });

  it('reset() forgets everything, and a call in flight during the reset is not counted when it ends', async () => {
    const transport = gatedTransport();
    const recorder = withStats({ now: steppingClock() });
    const config = createConfig({ baseUrl: 'http://ovms.test', retry: false, transport, middleware: [recorder] });
    const before = execute(config, op('infer', 'a'));
    await vi.waitFor(() => expect(transport.held).toHaveLength(1));
    transport.held[0]?.answer(500);
    await settle(before);
    expect(recorder.stats().failures).toBe(1);
    const inFlight = execute(config, op('infer', 'a'));
    await vi.waitFor(() => expect(transport.held).toHaveLength(2));
    recorder.reset();
    expect(recorder.stats()).toEqual(empty);
    transport.held[1]?.answer();
    await inFlight;
    expect(recorder.stats()).toEqual(empty);
  });

  it('a model named __proto__ is an ordinary key', async () => {
    const { recorder, config } = setup([200]);
    await execute(config, op('infer', '__proto__'));
    const byModel = recorder.stats().byModel;
    expect(Object.keys(byModel)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(byModel)).toBe(Object.prototype);
  });

  it('placed first, counts the calls the breaker and the limiter shed', async () => {
    const clock = { t: 0 };
    const breaker = withCircuitBreaker({ failureThreshold: 1, resetTimeoutMs: 1_000, now: () => clock.t });
    const limiter = withConcurrencyLimit({ maxConcurrent: 1, maxQueue: 0 });
    const { recorder, config, transport } = setup([503], [breaker, limiter]);
    const noRetry = { retry: false as const };
    await settle(execute(config, op('infer', 'm'), noRetry));
    await settle(execute(config, op('infer', 'm'), noRetry));
    expect(transport.calls).toHaveLength(1);
    expect(recorder.stats()).toMatchObject({ requests: 2, successes: 0, failures: 2, failuresByReason: { Status: 1, CircuitOpen: 1 } });
    expect(recorder.stats().lastError).toBe('infer: circuit open after 1 consecutive failures; next trial in 1000 ms');
  });

  it('counts an error that is not an OvmsError as Unknown', async () => {
    const foreign: Middleware = () => () => Promise.reject(new RangeError('boom'));
    const { recorder, config } = setup([200], [foreign]);
    await settle(execute(config, op('x')));
    expect(recorder.stats()).toMatchObject({ failures: 1, failuresByReason: { Unknown: 1 }, lastError: 'boom' });
  });

  it('has no lastError before the first failure', async () => {
    const { recorder, config } = setup([200]);
    await execute(config, op('x'));
    expect('lastError' in recorder.stats()).toBe(false);
    expect(recorder.stats()).toEqual({ ...empty, requests: 1, successes: 1, totalLatencyMs: 10, averageLatencyMs: 10, byOperation: { x: { requests: 1, successes: 1, failures: 0 } } });
  });
});

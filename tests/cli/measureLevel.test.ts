import { describe, expect, it } from 'vitest';
import { measureLevel } from '../../src/cli/bench/measureLevel.js';

// A fake server: each request takes `latency(k)` ms of a fake clock, advanced by the send itself.
function fakeServer(latency: (k: number) => number) {
  let clock = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let sent = 0;
  return {
    now: () => clock,
    get sent() {
      return sent;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    send: async () => {
      const k = sent;
      sent += 1;
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await Promise.resolve();
      clock += latency(k) / 1; // serialised on the microtask queue: each completion advances the clock
      inFlight -= 1;
    },
  };
}

describe('measureLevel', () => {
  it('ends after 3 stable windows and reports them', async () => {
    const server = fakeServer(() => 10);
    const result = await measureLevel({ concurrency: 1, send: server.send, window: { requests: 5 }, warmupRequests: 2, maxWindows: 10, rule: { windows: 3, tolerance: 0.1 }, now: server.now });
    expect(result).toMatchObject({ concurrency: 1, stable: true, windows: 3, requests: 15, errors: 0, throughput: 100 });
    expect(result.latencyMs).toMatchObject({ count: 15, p50: 10, p99: 10 });
    expect(server.sent).toBe(2 + 15);
  });

  it('keeps measuring while windows disagree, up to maxWindows, then reports unstable', async () => {
    const server = fakeServer((k) => (k % 10 < 5 ? 5 : 50));
    const result = await measureLevel({ concurrency: 1, send: server.send, window: { requests: 5 }, warmupRequests: 0, maxWindows: 6, rule: { windows: 3, tolerance: 0.1 }, now: server.now });
    expect(result).toMatchObject({ stable: false, windows: 6, requests: 15 });
  });

  it('keeps `concurrency` requests in flight', async () => {
    const server = fakeServer(() => 1);
    await measureLevel({ concurrency: 4, send: server.send, window: { requests: 8 }, warmupRequests: 0, maxWindows: 3, rule: { windows: 3, tolerance: 1 }, now: server.now });
    expect(server.maxInFlight).toBe(4);
  });

  it('counts failures as errors (not in latency) and keeps the first message', async () => {
    let k = 0;
    const send = async (): Promise<void> => {
      k += 1;
      await Promise.resolve();
      if (k % 2 === 0) throw new Error('boom');
    };
    const result = await measureLevel({ concurrency: 1, send, window: { requests: 4 }, warmupRequests: 0, maxWindows: 3, rule: { windows: 3, tolerance: 10 } });
    expect(result).toMatchObject({ requests: 12, errors: 6, firstError: 'boom' });
    expect(result.latencyMs.count).toBe(6);
  });

  it('rejects with the warmup failure: a broken setup is not a measurement', async () => {
    const send = (): Promise<void> => Promise.reject(new Error('no such model'));
    await expect(measureLevel({ concurrency: 2, send, window: { requests: 4 }, warmupRequests: 3, maxWindows: 3, rule: { windows: 3, tolerance: 0.1 } })).rejects.toThrow('no such model');
  });

  it('cuts windows by time with --duration', async () => {
    const send = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 2));
    const result = await measureLevel({ concurrency: 2, send, window: { durationMs: 40 }, warmupRequests: 0, maxWindows: 3, rule: { windows: 3, tolerance: 10 } });
    expect(result.windows).toBe(3);
    expect(result.requests).toBeGreaterThan(0);
    expect(result.throughput).toBeGreaterThan(0);
  });

  it('stops on abort with an Aborted error', async () => {
    const controller = new AbortController();
    const send = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));
    setTimeout(() => controller.abort(), 30);
    await expect(measureLevel({ concurrency: 1, send, window: { durationMs: 10_000 }, warmupRequests: 0, maxWindows: 3, rule: { windows: 3, tolerance: 0.1 }, signal: controller.signal })).rejects.toMatchObject({
      reason: { _tag: 'Aborted' },
    });
  });
});

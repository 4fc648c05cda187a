import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY } from '../../../src/config/defaults.js';
import { OvmsError } from '../../../src/errors/OvmsError.js';
import { retryDecision } from '../../../src/errors/retryDecision.js';

const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 5_000, jitter: 0.5, maxRetries: 3 };
const status = (s: number, serverMessage?: string, retryAfterMs?: number) =>
  new OvmsError({ _tag: 'Status', status: s, ...(serverMessage === undefined ? {} : { serverMessage }), ...(retryAfterMs === undefined ? {} : { retryAfterMs }) }, 'x');
const transport = (code: string) => new OvmsError({ _tag: 'Transport' }, 'x', { code });
const noJitter = () => 0;

describe('retryDecision', () => {
  it.each([408, 429, 500, 502, 503, 504])('retries status %i with backoff', (s) => {
    expect(retryDecision(status(s), 1, policy, true, noJitter)).toEqual({ retry: true, delayMs: 100 });
  });

  it.each([400, 401, 403, 404, 406, 412, 413, 501])('does not retry status %i', (s) => {
    expect(retryDecision(status(s), 1, policy, true, noJitter)).toEqual({ retry: false });
  });

  it.each([
    'Unauthorized request due to invalid or missing api-key',
    'JSON nesting depth exceeds the allowed limit',
    'Inference-Header-Content-Length header is invalid and couldn\'t be parsed',
    'Inference-Header-Content-Length header exceeds actual payload length',
    'Model not found',
  ])('does not retry the permanent OVMS 500 "%s"', (message) => {
    expect(retryDecision(status(500, message), 1, policy, true)).toEqual({ retry: false });
  });

  it('retries "Mediapipe is not loaded yet" (a graph still loading)', () => {
    expect(retryDecision(status(500, 'Mediapipe is not loaded yet'), 1, policy, true, noJitter)).toEqual({ retry: true, delayMs: 100 });
  });

  it('doubles the delay per attempt up to the cap, and jitter only shortens it', () => {
    expect([1, 2, 3].map((a) => retryDecision(status(503), a, { ...policy, maxRetries: 9 }, true, noJitter))).toEqual([
      { retry: true, delayMs: 100 },
      { retry: true, delayMs: 200 },
      { retry: true, delayMs: 400 },
    ]);
    expect(retryDecision(status(503), 8, { ...policy, maxRetries: 9 }, true, noJitter)).toEqual({ retry: true, delayMs: 1_000 });
    expect(retryDecision(status(503), 1, policy, true, () => 0.999)).toEqual({ retry: true, delayMs: 50 });
  });

  it('honours Retry-After up to maxRetryAfterMs', () => {
    expect(retryDecision(status(503, undefined, 2_000), 1, policy, true)).toEqual({ retry: true, delayMs: 2_000 });
    expect(retryDecision(status(429, undefined, 60_000), 1, policy, true)).toEqual({ retry: true, delayMs: 5_000 });
  });

  it('stops after maxRetries, for non-idempotent requests, and when retry is off', () => {
    expect(retryDecision(status(503), 4, policy, true)).toEqual({ retry: false });
    expect(retryDecision(status(503), 1, policy, false)).toEqual({ retry: false });
    expect(retryDecision(status(503), 1, false, true)).toEqual({ retry: false });
  });

  it('retries network errors and timeouts but not an unresolvable host', () => {
    expect(retryDecision(transport('ECONNRESET'), 1, policy, true, noJitter)).toEqual({ retry: true, delayMs: 100 });
    expect(retryDecision(transport('ECONNREFUSED'), 1, policy, true, noJitter)).toEqual({ retry: true, delayMs: 100 });
    expect(retryDecision(transport('ENOTFOUND'), 1, policy, true)).toEqual({ retry: false });
    const timeout = new OvmsError({ _tag: 'Timeout', timeoutMs: 5 }, 'x', { code: 'ETIMEDOUT' });
    expect(retryDecision(timeout, 1, policy, true, noJitter)).toEqual({ retry: true, delayMs: 100 });
  });

  it('never retries aborts, bad input, decode errors or foreign errors', () => {
    for (const tag of ['Aborted', 'InvalidInput', 'Decode', 'Unsupported'] as const) {
      expect(retryDecision(new OvmsError({ _tag: tag } as never, 'x'), 1, policy, true)).toEqual({ retry: false });
    }
    expect(retryDecision(new Error('boom'), 1, policy, true)).toEqual({ retry: false });
  });
});

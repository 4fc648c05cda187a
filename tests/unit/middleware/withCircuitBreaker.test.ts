import { describe, expect, it, vi } from 'vitest';
import { createConfig } from '../../../src/config/createConfig.js';
import { execute } from '../../../src/core/execute.js';
import type { Middleware } from '../../../src/core/types.js';
import { invalidInput, OvmsError } from '../../../src/errors/OvmsError.js';
import { withCircuitBreaker } from '../../../src/middleware/withCircuitBreaker.js';
import { getRequest } from '../../../src/protocols/kserve/getRequest.js';
import { reasonThrownBy, rejectionOf } from '../../helpers/ovmsClient.js';
import { scriptedTransport, type Step } from '../../helpers/scriptedTransport.js';
import { gatedTransport } from './gatedTransport.js';

const spec = { operation: 'probe', idempotent: true, encode: getRequest('/v2') };
const reset = new TypeError('fetch failed', { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) });

/** A breaker on a scripted transport with a clock the test moves by hand. */
function setup(steps: readonly Step[], options: Partial<Parameters<typeof withCircuitBreaker>[0]> = {}) {
  const clock = { t: 1_000 };
  const transport = scriptedTransport(steps);
  const breaker = withCircuitBreaker({ failureThreshold: 3, resetTimeoutMs: 500, now: () => clock.t, ...options });
  const config = createConfig({ baseUrl: 'http://ovms.test', retry: false, transport, middleware: [breaker] });
  return { clock, transport, breaker, config };
}

/** A breaker (threshold 1, trial after 100 ms) on a gated transport, with a clock at 0 the test moves by hand. */
function gatedSetup() {
  const clock = { t: 0 };
  const transport = gatedTransport();
  const breaker = withCircuitBreaker({ failureThreshold: 1, resetTimeoutMs: 100, now: () => clock.t });
  const config = createConfig({ baseUrl: 'http://ovms.test', retry: false, transport, middleware: [breaker] });
  return { clock, transport, breaker, config };
}

/** Opens the circuit of a `gatedSetup()`: one call, answered with the failing `status`. */
async function openWith({ transport, config }: ReturnType<typeof gatedSetup>, status: number): Promise<void> {
  const first = rejectionOf(execute(config, spec));
  await vi.waitFor(() => expect(transport.held).toHaveLength(1));
  transport.held[0]?.answer(status);
  await first;
}

async function failTimes(n: number, run: () => Promise<unknown>): Promise<OvmsError[]> {
  const errors: OvmsError[] = [];
  for (let i = 0; i < n; i++) errors.push(await rejectionOf(run()));
  return errors;
}

describe('withCircuitBreaker', () => {
  it('counts consecutive failures and opens at the threshold', async () => {
    const { transport, breaker, config } = setup([503]);
    expect(breaker.state()).toEqual({ state: 'closed', failures: 0 });
    await failTimes(2, () => execute(config, spec));
    expect(breaker.state()).toEqual({ state: 'closed', failures: 2 });
    const third = await rejectionOf(execute(config, spec));
    expect(third.status).toBe(503);
    expect(breaker.state()).toEqual({ state: 'open', failures: 3, openedAt: 1_000 });
    expect(transport.calls).toHaveLength(3);
  });

  it('while open, fails fast with CircuitOpen saying when it will try again, without calling the transport', async () => {
    const { clock, transport, config } = setup([503]);
    await failTimes(3, () => execute(config, spec));
    clock.t += 200;
    const error = await rejectionOf(execute(config, spec, { requestId: 'fast' }));
    expect(error.reason).toEqual({ _tag: 'CircuitOpen', failures: 3, retryAfterMs: 300 });
    expect(error.message).toBe('probe: circuit open after 3 consecutive failures; next trial in 300 ms');
    expect(error.request).toEqual({ operation: 'probe', requestId: 'fast', attempt: 1 });
    expect(error.status).toBeUndefined();
    expect(transport.calls).toHaveLength(3);
  });

  it('half-open after resetTimeoutMs: a successful trial closes the circuit', async () => {
    const { clock, transport, breaker, config } = setup([503, 503, 503, 200]);
    await failTimes(3, () => execute(config, spec));
    clock.t += 499;
    expect(breaker.state()).toEqual({ state: 'open', failures: 3, openedAt: 1_000 });
    clock.t += 1;
    expect(breaker.state()).toEqual({ state: 'half-open', failures: 3, openedAt: 1_000 });
    expect((await execute(config, spec)).status).toBe(200);
    expect(breaker.state()).toEqual({ state: 'closed', failures: 0 });
    expect(transport.calls).toHaveLength(4);
  });

  it('half-open: a failed trial opens the circuit again for resetTimeoutMs', async () => {
    const { clock, transport, breaker, config } = setup([503]);
    await failTimes(3, () => execute(config, spec));
    clock.t += 600;
    const trial = await rejectionOf(execute(config, spec));
    expect(trial.status).toBe(503);
    expect(breaker.state()).toEqual({ state: 'open', failures: 4, openedAt: 1_600 });
    const fast = await rejectionOf(execute(config, spec));
    expect(fast.reason).toEqual({ _tag: 'CircuitOpen', failures: 4, retryAfterMs: 500 });
    expect(transport.calls).toHaveLength(4);
  });

  it('half-open: lets exactly one trial through; the others fail fast until it ends', async () => {
    const gated = gatedSetup();
    const { clock, transport, breaker, config } = gated;
    await openWith(gated, 502);
    clock.t = 100;
    const trial = execute(config, spec);
    await vi.waitFor(() => expect(transport.held).toHaveLength(2));
    const other = await rejectionOf(execute(config, spec));
    expect(other.reason).toEqual({ _tag: 'CircuitOpen', failures: 1 });
    expect(other.message).toBe('probe: circuit open after 1 consecutive failures; a trial call is in flight');
    expect(breaker.state()).toEqual({ state: 'half-open', failures: 1, openedAt: 0 });
    transport.held[1]?.answer(200);
    await trial;
    expect(breaker.state()).toEqual({ state: 'closed', failures: 0 });
    expect(transport.calls).toHaveLength(2);
  });

  it('half-open: an aborted trial changes nothing and frees the trial for the next call', async () => {
    const gated = gatedSetup();
    const { clock, transport, breaker, config } = gated;
    await openWith(gated, 500);
    clock.t = 150;
    const controller = new AbortController();
    const aborted = rejectionOf(execute(config, spec, { signal: controller.signal }));
    await vi.waitFor(() => expect(transport.held).toHaveLength(2));
    controller.abort();
    expect((await aborted).reason).toEqual({ _tag: 'Aborted' });
    expect(breaker.state()).toEqual({ state: 'half-open', failures: 1, openedAt: 0 });
    const next = execute(config, spec);
    await vi.waitFor(() => expect(transport.held).toHaveLength(3));
    transport.held[2]?.answer(200);
    await next;
    expect(breaker.state()).toEqual({ state: 'closed', failures: 0 });
  });

  it('does not count 4xx answers, and a 4xx (the server answered) resets the count', async () => {
    const { breaker, transport, config } = setup([404, 400, 429, 503, 503, 404, 503, 503]);
    await failTimes(3, () => execute(config, spec));
    expect(breaker.state()).toEqual({ state: 'closed', failures: 0 });
    await failTimes(2, () => execute(config, spec));
    expect(breaker.state()).toEqual({ state: 'closed', failures: 2 });
    await failTimes(1, () => execute(config, spec));
    expect(breaker.state()).toEqual({ state: 'closed', failures: 0 });
    await failTimes(2, () => execute(config, spec));
    expect(breaker.state()).toEqual({ state: 'closed', failures: 2 });
    expect(transport.calls).toHaveLength(8);
  });

  it('a success resets the count of consecutive failures', async () => {
    const { breaker, config } = setup([503, 503, 200, 503, 503]);
    await failTimes(2, () => execute(config, spec));
    await execute(config, spec);
    expect(breaker.state()).toEqual({ state: 'closed', failures: 0 });
    await failTimes(2, () => execute(config, spec));
    expect(breaker.state()).toEqual({ state: 'closed', failures: 2 });
  });

  it('counts network errors and timeouts; ignores a caller abort', async () => {
    const { breaker, config } = setup([{ throws: reset }, { hang: true }], { failureThreshold: 10 });
    expect((await rejectionOf(execute(config, spec))).reason).toEqual({ _tag: 'Transport' });
    expect(breaker.state()).toEqual({ state: 'closed', failures: 1 });
    expect((await rejectionOf(execute(config, spec, { timeout: 10 }))).reason).toEqual({ _tag: 'Timeout', timeoutMs: 10 });
    expect(breaker.state()).toEqual({ state: 'closed', failures: 2 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 5);
    expect((await rejectionOf(execute(config, spec, { signal: controller.signal }))).reason).toEqual({ _tag: 'Aborted' });
    expect(breaker.state()).toEqual({ state: 'closed', failures: 2 });
  });

  it('ignores errors that say nothing about the server (InvalidInput from inner middleware)', async () => {
    const transport = scriptedTransport([503]);
    const breaker = withCircuitBreaker({ failureThreshold: 5, resetTimeoutMs: 100 });
    const reject: Middleware = (next) => (request) => (request.operation === 'bad' ? Promise.reject(invalidInput('inputs', 'missing')) : next(request));
    const config = createConfig({ baseUrl: 'http://ovms.test', retry: false, transport, middleware: [breaker, reject] });
    await rejectionOf(execute(config, spec));
    expect((await rejectionOf(execute(config, { ...spec, operation: 'bad' }))).reason).toEqual({ _tag: 'InvalidInput', field: 'inputs' });
    expect(breaker.state()).toEqual({ state: 'closed', failures: 1 });
  });

  it('takes a custom isFailure (here: only 404 counts)', async () => {
    const isFailure = (error: unknown) => error instanceof OvmsError && error.status === 404;
    const { breaker, transport, config } = setup([404, 503, 404], { failureThreshold: 2, isFailure });
    await failTimes(2, () => execute(config, spec));
    // The 503 is not a failure here but an answer: it reset the count.
    expect(breaker.state()).toEqual({ state: 'closed', failures: 0 });
    await failTimes(1, () => execute(config, spec));
    expect(breaker.state()).toEqual({ state: 'closed', failures: 1 });
    expect(transport.calls).toHaveLength(3);
  });

  it('ignores the late outcome of a call that started before the circuit opened', async () => {
    const { transport, breaker, config } = gatedSetup();
    const slow = execute(config, spec);
    const failing = rejectionOf(execute(config, spec));
    await vi.waitFor(() => expect(transport.held).toHaveLength(2));
    transport.held[1]?.answer(503);
    await failing;
    expect(breaker.state()).toEqual({ state: 'open', failures: 1, openedAt: 0 });
    transport.held[0]?.answer(200);
    await slow;
    expect(breaker.state()).toEqual({ state: 'open', failures: 1, openedAt: 0 });
  });

  it('returns a frozen middleware and fresh frozen snapshots', () => {
    const breaker = withCircuitBreaker({ failureThreshold: 1, resetTimeoutMs: 1 });
    expect(Object.isFrozen(breaker)).toBe(true);
    const s = breaker.state();
    expect(Object.isFrozen(s)).toBe(true);
    expect(breaker.state()).not.toBe(s);
  });

  it('rejects bad options with InvalidInput naming the field', () => {
    expect(reasonThrownBy(() => withCircuitBreaker({ failureThreshold: 0, resetTimeoutMs: 1 }))).toEqual({ _tag: 'InvalidInput', field: 'failureThreshold' });
    expect(reasonThrownBy(() => withCircuitBreaker({ failureThreshold: 1, resetTimeoutMs: Number.NaN }))).toEqual({ _tag: 'InvalidInput', field: 'resetTimeoutMs' });
    expect(reasonThrownBy(() => withCircuitBreaker({ failureThreshold: 2, resetTimeoutMs: 1_000 }))).toBeUndefined();
  });
});

import { describe, expect, it, vi } from 'vitest';
import { createConfig } from '../../../src/config/createConfig.js';
import { withConfig } from '../../../src/config/withConfig.js';
import { execute } from '../../../src/core/execute.js';
import type { OvmsResponse } from '../../../src/core/types.js';
import { OvmsError } from '../../../src/errors/OvmsError.js';
import { retryDecision } from '../../../src/errors/retryDecision.js';
import { withConcurrencyLimit } from '../../../src/middleware/withConcurrencyLimit.js';
import { streamChatCompletion } from '../../../src/ops/streamChatCompletion.js';
import { getRequest } from '../../../src/protocols/kserve/getRequest.js';
import { reasonThrownBy, rejectionOf } from '../../helpers/ovmsClient.js';
import { gatedTransport } from './gatedTransport.js';

const spec = { operation: 'probe', idempotent: true, encode: getRequest('/v2') };

function setup(options: Parameters<typeof withConcurrencyLimit>[0]) {
  const transport = gatedTransport();
  const limiter = withConcurrencyLimit(options);
  const config = createConfig({ baseUrl: 'http://ovms.test', retry: false, transport, middleware: [limiter] });
  return { transport, limiter, config };
}

/** Waits (without a timed assertion) until the condition holds; fails after a generous bound. */
function until(condition: () => boolean): Promise<void> {
  return vi.waitFor(() => expect(condition()).toBe(true), { timeout: 5_000, interval: 1 });
}

const ids = (calls: readonly { headers: Readonly<Record<string, string>> }[]) => calls.map((c) => c.headers['X-Request-ID']);

describe('withConcurrencyLimit', () => {
  it('never has more than maxConcurrent calls at the transport, and runs them all', async () => {
    const { transport, limiter, config } = setup({ maxConcurrent: 2 });
    const calls = Array.from({ length: 7 }, (_, i) => execute(config, spec, { requestId: `r${i}` }));
    const done = new Set<unknown>();
    for (let answered = 0; answered < 7; answered++) {
      // A freed slot is refilled a few ticks later (after the body is read); wait for both views to settle.
      const expected = Math.min(2, 7 - answered);
      await until(() => transport.inFlight() === expected && limiter.state().active === expected);
      expect(limiter.state()).toEqual({ active: expected, queued: Math.max(0, 5 - answered) });
      // Answer the newest call first: the limit must hold whatever order calls end in.
      const newest = transport.held.filter((h) => !done.has(h)).at(-1);
      done.add(newest);
      newest?.answer();
    }
    const responses = await Promise.all(calls);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200, 200]);
    expect(transport.calls).toHaveLength(7);
    expect(transport.maxInFlight()).toBe(2);
    expect(limiter.state()).toEqual({ active: 0, queued: 0 });
  });

  it('starts waiting calls in FIFO order and reports { active, queued }', async () => {
    const { transport, limiter, config } = setup({ maxConcurrent: 1 });
    const calls = ['a', 'b', 'c', 'd'].map((requestId) => execute(config, spec, { requestId }));
    await until(() => transport.held.length === 1);
    expect(limiter.state()).toEqual({ active: 1, queued: 3 });
    for (let i = 0; i < 4; i++) {
      await until(() => transport.held.length === i + 1);
      expect(limiter.state()).toEqual({ active: 1, queued: 3 - i });
      transport.held[i]?.answer();
    }
    await Promise.all(calls);
    expect(ids(transport.calls)).toEqual(['a', 'b', 'c', 'd']);
    expect(limiter.state()).toEqual({ active: 0, queued: 0 });
  });

  it('rejects at once with Overloaded/QueueFull when the queue is full', async () => {
    const { transport, limiter, config } = setup({ maxConcurrent: 1, maxQueue: 1 });
    const first = execute(config, spec, { requestId: 'first' });
    const second = execute(config, spec, { requestId: 'second' });
    await until(() => transport.held.length === 1);
    const error = await rejectionOf(execute(config, spec, { requestId: 'third' }));
    expect(error.reason).toEqual({ _tag: 'Overloaded', kind: 'QueueFull' });
    expect(error.request).toEqual({ operation: 'probe', requestId: 'third', attempt: 1 });
    expect(error.message).toBe('probe: 1 calls in flight and 1 waiting; the queue is full');
    expect(limiter.state()).toEqual({ active: 1, queued: 1 });
    transport.held[0]?.answer();
    await until(() => transport.held.length === 2);
    transport.held[1]?.answer();
    await Promise.all([first, second]);
    expect(ids(transport.calls)).toEqual(['first', 'second']);
  });

  it('with maxQueue 0 sheds every call that cannot start at once', async () => {
    const { transport, config } = setup({ maxConcurrent: 1, maxQueue: 0 });
    const first = execute(config, spec);
    const error = await rejectionOf(execute(config, spec));
    expect(error.reason).toEqual({ _tag: 'Overloaded', kind: 'QueueFull' });
    await until(() => transport.held.length === 1);
    transport.held[0]?.answer();
    await first;
    expect(transport.calls).toHaveLength(1);
  });

  it('ends a wait longer than queueTimeoutMs with Overloaded/QueueTimeout; the call never runs', async () => {
    const { transport, limiter, config } = setup({ maxConcurrent: 1, queueTimeoutMs: 20 });
    const first = execute(config, spec, { requestId: 'first' });
    const error = await rejectionOf(execute(config, spec, { requestId: 'late' }));
    expect(error.reason).toEqual({ _tag: 'Overloaded', kind: 'QueueTimeout' });
    expect(error.message).toBe('probe: no free slot within 20 ms (1 calls in flight)');
    expect(limiter.state()).toEqual({ active: 1, queued: 0 });
    transport.held[0]?.answer();
    await first;
    expect(ids(transport.calls)).toEqual(['first']);
    expect(limiter.state()).toEqual({ active: 0, queued: 0 });
  });

  it('an abort while queued rejects at once with Aborted and the call never reaches the transport', async () => {
    const { transport, limiter, config } = setup({ maxConcurrent: 1 });
    const first = execute(config, spec, { requestId: 'first' });
    const controller = new AbortController();
    const queued = rejectionOf(execute(config, spec, { requestId: 'aborted', signal: controller.signal }));
    const third = execute(config, spec, { requestId: 'third' });
    await until(() => limiter.state().queued === 2);
    controller.abort();
    const error = await queued;
    expect(error.reason).toEqual({ _tag: 'Aborted' });
    expect(error.code).toBe('ABORT_ERR');
    expect(limiter.state()).toEqual({ active: 1, queued: 1 });
    transport.held[0]?.answer();
    await until(() => transport.held.length === 2);
    transport.held[1]?.answer();
    await Promise.all([first, third]);
    expect(ids(transport.calls)).toEqual(['first', 'third']);
  });

  it('a call whose signal is already aborted never runs, even with a free slot', async () => {
    const { transport, limiter, config } = setup({ maxConcurrent: 1 });
    const error = await rejectionOf(execute(config, spec, { signal: AbortSignal.abort() }));
    expect(error.reason).toEqual({ _tag: 'Aborted' });
    expect(transport.calls).toHaveLength(0);
    expect(limiter.state()).toEqual({ active: 0, queued: 0 });
  });

  it('frees the slot when a call fails', async () => {
    const { transport, limiter, config } = setup({ maxConcurrent: 1 });
    const failing = rejectionOf(execute(config, spec));
    const next = execute(config, spec);
    await until(() => transport.held.length === 1);
    transport.held[0]?.answer(404);
    expect((await failing).status).toBe(404);
    await until(() => transport.held.length === 2);
    transport.held[1]?.answer();
    await next;
    expect(limiter.state()).toEqual({ active: 0, queued: 0 });
  });

  it('holds the slot of a streamed response until the stream is read to its end', async () => {
    const { transport, limiter, config } = setup({ maxConcurrent: 1 });
    const streamed = execute(config, { ...spec, responseType: 'stream' }, { requestId: 'stream' });
    const waiting = execute(config, spec, { requestId: 'waiting' });
    await until(() => transport.held.length === 1);
    transport.held[0]?.answerStream(['data: 1\n\n', 'data: 2\n\n']);
    const response: OvmsResponse = await streamed;
    expect(limiter.state()).toEqual({ active: 1, queued: 1 });
    expect(transport.calls).toHaveLength(1);
    expect(await new Response(response.stream).text()).toBe('data: 1\n\ndata: 2\n\n');
    await until(() => transport.held.length === 2);
    transport.held[1]?.answer();
    await waiting;
    expect(ids(transport.calls)).toEqual(['stream', 'waiting']);
    expect(limiter.state()).toEqual({ active: 0, queued: 0 });
  });

  it('frees the slot of a stream that is cancelled before its end', async () => {
    const { transport, limiter, config } = setup({ maxConcurrent: 1 });
    const streamed = execute(config, { ...spec, responseType: 'stream' });
    await until(() => transport.held.length === 1);
    transport.held[0]?.answerStream(['data: 1\n\n'], false);
    const response = await streamed;
    // Let the stream buffer its first chunk, so that no read is pending when it is cancelled.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(limiter.state()).toEqual({ active: 1, queued: 0 });
    await response.stream?.cancel();
    expect(limiter.state()).toEqual({ active: 0, queued: 0 });
  });

  it('frees the slot of an open stream when the caller aborts', async () => {
    const { transport, limiter, config } = setup({ maxConcurrent: 1 });
    const controller = new AbortController();
    const streamed = execute(config, { ...spec, responseType: 'stream' }, { signal: controller.signal });
    await until(() => transport.held.length === 1);
    transport.held[0]?.answerStream(['data: 1\n\n'], false);
    await streamed;
    expect(limiter.state()).toEqual({ active: 1, queued: 0 });
    controller.abort();
    expect(limiter.state()).toEqual({ active: 0, queued: 0 });
  });

  it('frees the slot when a streaming operation is left early (break)', async () => {
    const chunk = (content: string) =>
      `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'llm', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
    const { transport, limiter, config } = setup({ maxConcurrent: 1 });
    const tokens: string[] = [];
    const reading = (async () => {
      for await (const c of streamChatCompletion(config, { model: 'llm', messages: [{ role: 'user', content: 'hi' }] })) {
        tokens.push(c.choices[0]?.delta.content ?? '');
        break;
      }
    })();
    await until(() => transport.held.length === 1);
    transport.held[0]?.answerStream([chunk('a'), chunk('b')], false);
    await reading;
    expect(tokens).toEqual(['a']);
    expect(limiter.state()).toEqual({ active: 0, queued: 0 });
  });

  it('shares its slots with configs derived by withConfig (the state is the instance)', async () => {
    const { transport, limiter, config } = setup({ maxConcurrent: 1 });
    const derived = withConfig(config, { timeout: 5_000 });
    const a = execute(config, spec, { requestId: 'a' });
    const b = execute(derived, spec, { requestId: 'b' });
    await until(() => transport.held.length === 1);
    expect(limiter.state()).toEqual({ active: 1, queued: 1 });
    transport.held[0]?.answer();
    await until(() => transport.held.length === 2);
    transport.held[1]?.answer();
    await Promise.all([a, b]);
    expect(transport.maxInFlight()).toBe(1);
  });

  it('returns a frozen middleware and fresh frozen snapshots', () => {
    const limiter = withConcurrencyLimit({ maxConcurrent: 3 });
    expect(Object.isFrozen(limiter)).toBe(true);
    const s = limiter.state();
    expect(Object.isFrozen(s)).toBe(true);
    expect(limiter.state()).not.toBe(s);
  });

  it('rejects bad options with InvalidInput naming the field', () => {
    expect(reasonThrownBy(() => withConcurrencyLimit({ maxConcurrent: 0 }))).toEqual({ _tag: 'InvalidInput', field: 'maxConcurrent' });
    expect(reasonThrownBy(() => withConcurrencyLimit({ maxConcurrent: 1.5 }))).toEqual({ _tag: 'InvalidInput', field: 'maxConcurrent' });
    expect(reasonThrownBy(() => withConcurrencyLimit({ maxConcurrent: 1, maxQueue: -1 }))).toEqual({ _tag: 'InvalidInput', field: 'maxQueue' });
    expect(reasonThrownBy(() => withConcurrencyLimit({ maxConcurrent: 1, queueTimeoutMs: 0 }))).toEqual({ _tag: 'InvalidInput', field: 'queueTimeoutMs' });
    expect(reasonThrownBy(() => withConcurrencyLimit({ maxConcurrent: 1, maxQueue: 10, queueTimeoutMs: 100 }))).toBeUndefined();
  });
});

describe('retryDecision for the shedding reasons', () => {
  it('never retries Overloaded or CircuitOpen', () => {
    const policy = { maxRetries: 5, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1, jitter: 0 };
    const overloaded = new OvmsError({ _tag: 'Overloaded', kind: 'QueueTimeout' }, 'x');
    const open = new OvmsError({ _tag: 'CircuitOpen', failures: 3, retryAfterMs: 10 }, 'x');
    expect(retryDecision(overloaded, 1, policy, true)).toEqual({ retry: false });
    expect(retryDecision(open, 1, policy, true)).toEqual({ retry: false });
  });
});

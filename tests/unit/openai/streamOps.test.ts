/**
 * The streaming operations over a scripted transport whose body the test drives by hand: laziness,
 * what is sent, decoding, cancellation, and that nothing (listener, timer) is left behind.
 */
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createConfig } from '../../../src/config/createConfig.js';
import type { ClientConfigInput } from '../../../src/config/ClientConfig.js';
import type { WireRequest } from '../../../src/core/types.js';
import { isOvmsError, OvmsError } from '../../../src/errors/OvmsError.js';
import { streamChatCompletion } from '../../../src/ops/streamChatCompletion.js';
import { streamCompletion } from '../../../src/ops/streamCompletion.js';
import { collectText } from '../../../src/protocols/openai/collectText.js';
import type { ChatCompletionChunk, CompletionChunk } from '../../../src/protocols/openai/openaiSchemas.js';
import { activeTimeouts, controlledStream, type ControlledStream } from './sseStream.js';

const SSE = { 'content-type': 'text/event-stream' };

interface Rig {
  readonly calls: WireRequest[];
  readonly body: ControlledStream;
  readonly config: ReturnType<typeof createConfig>;
}

/** A config whose transport answers 200 with a hand-driven event stream (or `answer`). */
function rig(extra: ClientConfigInput = {}, answer?: () => Response): Rig {
  const calls: WireRequest[] = [];
  const body = controlledStream();
  const config = createConfig({
    baseUrl: 'http://ovms.test',
    model: 'llm',
    retry: false,
    transport: async (request) => {
      calls.push(request);
      return answer?.() ?? new Response(body.stream, { status: 200, headers: SSE });
    },
    ...extra,
  });
  return { calls, body, config };
}

const chunk = (content: string | null, finish: string | null = null, extra: Record<string, unknown> = {}): string =>
  `data: ${JSON.stringify({ choices: [{ index: 0, logprobs: null, delta: content === null ? { role: 'assistant', content: null } : { content }, finish_reason: finish }], created: 1716825108, model: 'llm', object: 'chat.completion.chunk', ...extra })}\n\n`;

async function errorOf(run: () => Promise<unknown>): Promise<OvmsError> {
  try {
    await run();
  } catch (error) {
    if (isOvmsError(error)) return error;
    throw error;
  }
  throw new Error('expected an OvmsError');
}

describe('streamChatCompletion', () => {
  it('sends nothing until iteration starts, then POSTs the body with stream: true and Content-Type application/json', async () => {
    const r = rig();
    const stream = streamChatCompletion(r.config, { messages: [{ role: 'user', content: 'hi' }], max_tokens: 8, stream_options: { include_usage: true } });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(r.calls).toHaveLength(0);
    r.body.push(chunk(null) + chunk('Hel') + chunk('lo', 'stop') + 'data: [DONE]\n\n');
    const chunks: ChatCompletionChunk[] = [];
    for await (const c of stream) chunks.push(c);
    expect(r.calls).toHaveLength(1);
    const call = r.calls[0] as WireRequest;
    expect(call.url).toBe('http://ovms.test/v3/chat/completions');
    expect(call.method).toBe('POST');
    expect(call.headers['Content-Type']).toBe('application/json');
    expect(call.headers['Accept']).toBe('text/event-stream');
    expect(JSON.parse(call.body as string)).toEqual({
      messages: [{ role: 'user', content: 'hi' }],
      max_tokens: 8,
      stream_options: { include_usage: true },
      stream: true,
      model: 'llm',
    });
    expect(chunks).toEqual([
      { object: 'chat.completion.chunk', created: 1716825108, model: 'llm', choices: [{ index: 0, delta: { role: 'assistant', content: null }, finish_reason: null, logprobs: null }], usage: null },
      { object: 'chat.completion.chunk', created: 1716825108, model: 'llm', choices: [{ index: 0, delta: { content: 'Hel' }, finish_reason: null, logprobs: null }], usage: null },
      { object: 'chat.completion.chunk', created: 1716825108, model: 'llm', choices: [{ index: 0, delta: { content: 'lo' }, finish_reason: 'stop', logprobs: null }], usage: null },
    ]);
  });

  it('uses the base path of the config, and a per-call override', async () => {
    for (const [extra, basePath, url] of [
      [{ openaiBasePath: '/v1' }, undefined, 'http://ovms.test/v1/chat/completions'],
      [{}, '/v1', 'http://ovms.test/v1/chat/completions'],
      [{ openaiBasePath: '/v1' }, '/v3', 'http://ovms.test/v3/chat/completions'],
    ] as const) {
      const r = rig(extra);
      r.body.push('data: [DONE]\n\n');
      await collectText(streamChatCompletion(r.config, { messages: [] }, basePath === undefined ? {} : { basePath }));
      expect(r.calls[0]?.url).toBe(url);
    }
  });

  it('throws InvalidInput synchronously for a missing model or a bad idleTimeout', () => {
    const r = rig({ model: undefined } as unknown as ClientConfigInput);
    expect(() => streamChatCompletion(r.config, { messages: [] })).toThrow(/no model given/);
    expect(() => streamChatCompletion(rig().config, { messages: [] }, { idleTimeout: 0 })).toThrow(/idleTimeout: expected a positive number/);
    expect(r.calls).toHaveLength(0);
  });

  it('leaves no listener on the caller’s signal and no timer after a stream that completes, breaks, fails or is aborted', async () => {
    const timers = activeTimeouts();
    const ending = [
      async (r: Rig, signal: AbortSignal) => {
        r.body.push(chunk('a') + 'data: [DONE]\n\n');
        await collectText(streamChatCompletion(r.config, { messages: [] }, { signal }));
      },
      async (r: Rig, signal: AbortSignal) => {
        r.body.push(chunk('a') + chunk('b'));
        for await (const _ of streamChatCompletion(r.config, { messages: [] }, { signal })) break;
        expect(r.body.cancelled()).toBe(1);
      },
      async (r: Rig, signal: AbortSignal) => {
        r.body.push(chunk('a') + '{"error":"boom"}');
        r.body.close();
        expect((await errorOf(() => collectText(streamChatCompletion(r.config, { messages: [] }, { signal })))).reason).toEqual({ _tag: 'Stream', serverMessage: 'boom' });
      },
    ];
    for (const end of ending) {
      const caller = new AbortController();
      await end(rig(), caller.signal);
      expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
    }
    const caller = new AbortController();
    const r = rig();
    r.body.push(chunk('a'));
    const error = await errorOf(async () => {
      for await (const _ of streamChatCompletion(r.config, { messages: [] }, { signal: caller.signal })) caller.abort();
    });
    expect(error.reason).toEqual({ _tag: 'Aborted' });
    expect(error.code).toBe('ABORT_ERR');
    expect(error.request).toMatchObject({ operation: 'streamChatCompletion', model: 'llm', url: 'http://ovms.test/v3/chat/completions' });
    expect(r.body.cancelled()).toBe(1);
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
    expect(activeTimeouts()).toBeLessThanOrEqual(timers);
  });

  it('ends a pending read at once when the caller aborts, even if the transport ignores the signal', async () => {
    const caller = new AbortController();
    const r = rig();
    r.body.push(chunk('a'));
    const seen: string[] = [];
    const pending = errorOf(async () => {
      for await (const c of streamChatCompletion(r.config, { messages: [] }, { signal: caller.signal, idleTimeout: 60_000 })) seen.push(c.choices[0]?.delta.content ?? '');
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    caller.abort();
    expect((await pending).reason._tag).toBe('Aborted');
    expect(seen).toEqual(['a']);
    expect(r.body.cancelled()).toBe(1);
  });

  it('rejects with Aborted without sending when the signal is already aborted', async () => {
    const r = rig();
    const error = await errorOf(() => collectText(streamChatCompletion(r.config, { messages: [] }, { signal: AbortSignal.abort() })));
    expect(error.reason).toEqual({ _tag: 'Aborted' });
    expect(r.calls).toHaveLength(0);
  });

  it('turns an error answer before the first token into Status with OVMS’s message', async () => {
    const message = 'Mediapipe execution failed. MP status - INVALID_ARGUMENT: CalculatorGraph::Run() failed: \nCalculator::Process() for node "LLMExecutor" failed: stop is not a string or array of strings';
    const r = rig({}, () => new Response(JSON.stringify({ error: message }), { status: 400, headers: { 'content-type': 'application/json; charset=utf-8' } }));
    const error = await errorOf(() => collectText(streamChatCompletion(r.config, { messages: [] })));
    expect(error.reason).toEqual({ _tag: 'Status', status: 400, serverMessage: message });
  });

  it('refuses a 200 answer that is not an event stream (Decode)', async () => {
    const r = rig({}, () => new Response('{"choices":[]}', { status: 200, headers: { 'content-type': 'application/json' } }));
    const error = await errorOf(() => collectText(streamChatCompletion(r.config, { messages: [] })));
    expect(error.reason).toEqual({ _tag: 'Decode' });
    expect(error.message).toBe('streamChatCompletion: expected an event stream (text/event-stream), got application/json');
  });

  it('reports a chunk that is not the expected JSON as Decode, and an error object behind data: as Stream', async () => {
    const bad = rig();
    bad.body.push('data: {"choices":"nope","created":1,"model":"llm","object":"chat.completion.chunk"}\n\n');
    const decode = await errorOf(() => collectText(streamChatCompletion(bad.config, { messages: [] })));
    expect(decode.reason).toEqual({ _tag: 'Decode' });
    expect(decode.message).toMatch(/^streamChatCompletion chunk: unexpected answer at choices/);
    expect(bad.body.cancelled()).toBe(1);
    const gateway = rig();
    gateway.body.push(chunk('a') + 'data: {"error":{"message":"upstream failed"}}\n\n');
    const stream = await errorOf(() => collectText(streamChatCompletion(gateway.config, { messages: [] })));
    expect(stream.reason).toEqual({ _tag: 'Stream', serverMessage: 'upstream failed' });
  });
});

describe('streamCompletion and collectText', () => {
  it('decodes text_completion.chunk chunks, including the null-text handshake, and collects the text of one choice', async () => {
    const r = rig();
    const c = (index: number, text: string | null, finish: string | null = null): string =>
      `data: ${JSON.stringify({ choices: [{ index, text, finish_reason: finish }], created: 1, model: 'llm', object: 'text_completion.chunk' })}\n\n`;
    r.body.push(c(0, null) + c(0, 'You') + c(1, 'Other') + c(0, ' are', 'stop') + c(1, ' text', 'stop') + 'data: [DONE]\n\n');
    const chunks: CompletionChunk[] = [];
    for await (const x of streamCompletion(r.config, { prompt: 'This is a test', n: 2 })) chunks.push(x);
    expect(JSON.parse(r.calls[0]?.body as string)).toEqual({ prompt: 'This is a test', n: 2, stream: true, model: 'llm' });
    expect(chunks.map((x) => x.object)).toEqual(Array(5).fill('text_completion.chunk'));
    expect(chunks[0]?.choices).toEqual([{ index: 0, text: null, finish_reason: null, logprobs: null }]);
    const replay = async function* (): AsyncGenerator<CompletionChunk> {
      yield* chunks;
    };
    expect(await collectText(replay())).toBe('You are');
    expect(await collectText(replay(), { choice: 1 })).toBe('Other text');
  });

  it('throws InvalidInput for a prompt that is not a string', () => {
    expect(() => streamCompletion(rig().config, { prompt: ['a'] as never })).toThrow(/prompt: expected a string/);
  });
});

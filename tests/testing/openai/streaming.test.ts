import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { LLM_REPLY_PREFIX } from '../../../src/testing/openai/planLlmTurn.js';
import { splitTextTokens } from '../../../src/testing/openai/testTokenizer.js';
import { post, startHarness, type Harness } from './openAiHarness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const messages = [{ role: 'user', content: 'Stream me' }];

/** Splits an SSE body into its `data:` payloads; asserts nothing else is in between. */
function dataFrames(text: string): string[] {
  expect(text.endsWith('\n\n')).toBe(true);
  const frames = text.slice(0, -2).split('\n\n');
  for (const f of frames) expect(f.startsWith('data: ')).toBe(true);
  return frames.map((f) => f.slice('data: '.length));
}

describe('SSE streaming (rest-api.md §5.4)', () => {
  it('streams chat with a handshake, one chunk per token and [DONE], framed exactly', async () => {
    h = await startHarness();
    const res = await post(h, '/v3/chat/completions', { model: 'llm', stream: true, messages });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('connection')).toBe('keep-alive');
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    const frames = dataFrames(await res.text());
    expect(frames.at(-1)).toBe('[DONE]');
    const chunks = frames.slice(0, -1).map((f) => JSON.parse(f) as Record<string, any>);
    const [handshake, ...content] = chunks;
    const created = handshake?.created as number;
    expect(frames[0]).toBe(
      `{"choices":[{"index":0,"delta":{"role":"assistant","content":null},"finish_reason":null}],"created":${created},"model":"llm","object":"chat.completion.chunk"}`,
    );
    const tokens = splitTextTokens(`${LLM_REPLY_PREFIX} Stream me`);
    expect(content).toHaveLength(tokens.length);
    content.forEach((chunk, i) => {
      const last = i === content.length - 1;
      expect(chunk).toEqual({
        choices: [{ finish_reason: last ? 'stop' : null, index: 0, logprobs: null, delta: { content: tokens[i] } }],
        created,
        model: 'llm',
        object: 'chat.completion.chunk',
      });
    });
    await h.eventCount(1);
    expect(h.events[0]).toMatchObject({ name: 'llm', method: 'Stream', ok: true });
  });

  it('adds "usage": null to content chunks and a final usage chunk with include_usage', async () => {
    h = await startHarness();
    const res = await post(h, '/v1/chat/completions', {
      model: 'llm',
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 2,
      messages,
    });
    const frames = dataFrames(await res.text());
    expect(frames).toHaveLength(1 + 2 + 1 + 1);
    const [handshake, first, second, usage] = frames.slice(0, 4).map((f) => JSON.parse(f) as Record<string, any>);
    expect(handshake).not.toHaveProperty('usage');
    expect(first).toMatchObject({ usage: null, choices: [{ finish_reason: null, delta: { content: 'This' } }] });
    expect(second).toMatchObject({ usage: null, choices: [{ finish_reason: 'length', delta: { content: ' is' } }] });
    expect(usage).toEqual({
      choices: [],
      created: handshake?.created,
      model: 'llm',
      object: 'chat.completion.chunk',
      usage: { prompt_tokens: 4 + 2 + 2, completion_tokens: 2, total_tokens: 10 },
    });
    expect(frames[4]).toBe('[DONE]');
  });

  it('uses text_completion.chunk for completions and includes the stop string', async () => {
    h = await startHarness();
    const res = await post(h, '/v3/completions', { model: 'llm', prompt: 'abc', stream: true, stop: 'deterministic' });
    const frames = dataFrames(await res.text());
    const chunks = frames.slice(0, -1).map((f) => JSON.parse(f) as Record<string, any>);
    expect(chunks[0]?.choices).toEqual([{ index: 0, text: null, finish_reason: null }]);
    for (const c of chunks) expect(c.object).toBe('text_completion.chunk');
    expect(chunks.slice(1).map((c) => c.choices[0].text as string).join('')).toBe('This is a deterministic');
    expect(chunks.at(-1)?.choices[0].finish_reason).toBe('stop');
  });

  it('streams a tool call as name then arguments with finish_reason tool_calls', async () => {
    h = await startHarness();
    const res = await post(h, '/v3/chat/completions', {
      model: 'llm',
      stream: true,
      messages: [{ role: 'user', content: 'Call lookup for Oslo' }],
      tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } } }],
    });
    const chunks = dataFrames(await res.text())
      .slice(1, -1)
      .map((f) => JSON.parse(f) as Record<string, any>);
    expect(chunks).toHaveLength(2);
    expect(chunks[0]?.choices[0].delta.tool_calls[0]).toMatchObject({ index: 0, type: 'function', function: { name: 'lookup' } });
    expect(chunks[1]?.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      delta: { tool_calls: [{ index: 0, function: { arguments: '{"q":"Oslo"}' } }] },
    });
  });

  it('answers a validation error before the first token as plain JSON 400, not SSE', async () => {
    h = await startHarness();
    const res = await post(h, '/v3/chat/completions', { model: 'llm', stream: true, stop: 5, messages });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(((await res.json()) as { error: string }).error).toMatch(/failed: stop is not a string or array of strings$/);
    await h.eventCount(1);
    expect(h.events[0]).toMatchObject({ method: 'Stream', ok: false });
  });

  it('writes a raw error chunk into the open stream on [[fail-mid-stream]] and ends without [DONE]', async () => {
    h = await startHarness();
    const res = await post(h, '/v3/chat/completions', {
      model: 'llm',
      stream: true,
      messages: [{ role: 'user', content: 'please [[fail-mid-stream]] now' }],
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    const error = JSON.stringify({
      error:
        'Mediapipe execution failed. MP status - INTERNAL: CalculatorGraph::Run() failed: \nCalculator::Process() for node "LLMExecutor" failed: Simulated generation failure requested by [[fail-mid-stream]]',
    });
    expect(text.endsWith(`\n\n${error}`)).toBe(true);
    expect(text).not.toContain('[DONE]');
    const frames = dataFrames(text.slice(0, -error.length));
    expect(frames).toHaveLength(1 + 3);
    await h.eventCount(1);
    expect(h.events[0]).toMatchObject({ method: 'Stream', ok: false });
  });

  it('paces tokens with tokenDelayMs', async () => {
    h = await startHarness({ tokenDelayMs: 30 });
    const started = Date.now();
    await (await post(h, '/v3/chat/completions', { model: 'llm', stream: true, max_tokens: 5, messages })).text();
    expect(Date.now() - started).toBeGreaterThanOrEqual(5 * 30 - 10);
  });

  it('stops generating as soon as the client disconnects and reports ok:false', async () => {
    h = await startHarness({ tokenDelayMs: 40 });
    const harness = h;
    const long = 'word '.repeat(200);
    await new Promise<void>((resolve, reject) => {
      const req = request(
        `${harness.url}/v3/chat/completions`,
        { method: 'POST', headers: { 'Content-Type': 'application/json' } },
        (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        },
      );
      req.on('error', () => undefined);
      req.end(JSON.stringify({ model: 'llm', stream: true, messages: [{ role: 'user', content: long }] }));
      setTimeout(() => reject(new Error('no data')), 2000);
    });
    // The full reply (~215 tokens × 40 ms) would take ~9 s; the event must come right away.
    await harness.eventCount(1, 1000);
    expect(harness.events[0]).toMatchObject({ name: 'llm', method: 'Stream', ok: false });
    expect(harness.events[0]?.durationUs).toBeLessThan(1_000_000);
    await new Promise((r) => setTimeout(r, 150));
    expect(harness.lateWrites()).toBe(0);
  });

  it('stalls after stallAfterChunks frames, keeping the socket open until the client leaves', async () => {
    h = await startHarness({ stallAfterChunks: 2 });
    const harness = h;
    const received: string[] = [];
    let ended = false;
    const req = request(
      `${harness.url}/v3/chat/completions`,
      { method: 'POST', headers: { 'Content-Type': 'application/json' } },
      (res) => {
        res.setEncoding('utf8');
        res.on('data', (d: string) => received.push(d));
        res.on('end', () => {
          ended = true;
        });
      },
    );
    req.on('error', () => undefined);
    req.end(JSON.stringify({ model: 'llm', stream: true, messages }));
    await new Promise((r) => setTimeout(r, 300));
    const frames = received.join('').split('\n\n').filter((f) => f.length > 0);
    expect(frames).toHaveLength(2);
    expect(ended).toBe(false);
    expect(harness.events).toHaveLength(0);
    req.destroy();
    await harness.eventCount(1);
    expect(harness.events[0]).toMatchObject({ method: 'Stream', ok: false });
    expect(harness.lateWrites()).toBe(0);
  });
});

/**
 * `chat`, `streamChat`, `makePostRequest` and `makeStreamRequest` against the local server: real
 * `/v3/chat/completions` (and `/v3/completions`) with SSE for the llama3 graph, the seed's fallback
 * through `infer` for other models, and the API key override.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { OVMS, type StreamChunk } from '../../src/api_backends/index.js';
import type { TestServer } from '../../src/testing/index.js';
import { collect, fileServer, freshServer, isolateOvmsEnv, receivedSince, rejectionOf, routesSince, useServerCleanup } from './facadeHelpers.js';

isolateOvmsEnv();
useServerCleanup();

const REPLY = 'This is a deterministic reply from the OVMS test server. You said: ';
const HELLO = [{ role: 'user', content: 'Hello world' }];

describe.each([
  ['current', false],
  ['legacy', true],
] as const)('chat on the %s server', (_mode, legacy) => {
  let server: TestServer;
  let ovms: OVMS;
  beforeAll(async () => {
    server = await fileServer({ legacy });
    ovms = new OVMS({}, { ovms_api_url: server.url, ovms_model: 'llama3' });
  });

  it('chat: POST /v3/chat/completions for the LLM graph', async () => {
    const mark = server.requestCount;
    const response = await ovms.chat(HELLO);
    expect(response).toMatchObject({ content: `${REPLY}Hello world`, role: 'assistant', model: 'llama3', finish_reason: 'stop' });
    expect(response.usage?.completion_tokens).toBeGreaterThan(0);
    expect(routesSince(server, mark)).toContain('POST /v3/chat/completions');
    const post = receivedSince(server, mark).find((r) => r.url === '/v3/chat/completions');
    expect(JSON.parse(post?.body.toString('utf8') ?? '{}')).toMatchObject({ model: 'llama3', messages: HELLO });
  });

  it('chat passes the sampling options (max_tokens cuts the answer)', async () => {
    const response = await ovms.chat(HELLO, { max_tokens: 3, temperature: 0 });
    expect(response.finish_reason).toBe('length');
    expect(response.content).toBe('This is a');
  });

  it('streamChat: one chunk per token, a final done chunk, the same text as chat', async () => {
    const chunks = await collect(ovms.streamChat(HELLO));
    const unary = await ovms.chat(HELLO);
    expect(chunks.length).toBeGreaterThan(3);
    const last = chunks.at(-1) as StreamChunk;
    expect(last).toMatchObject({ content: '', done: true, finish_reason: 'stop' });
    expect(last['usage']).toMatchObject({ completion_tokens: expect.any(Number) });
    const body = chunks.slice(0, -1);
    expect(body.every((c) => c.done === false && c.role === 'assistant' && c.content !== '')).toBe(true);
    expect(body.map((c) => c.content).join('')).toBe(unary.content);
    expect(chunks.filter((c) => c.done)).toHaveLength(1);
  });

  it('streamChat really streams (SSE request)', async () => {
    const mark = server.requestCount;
    await collect(ovms.streamChat(HELLO));
    const post = receivedSince(server, mark).find((r) => r.url === '/v3/chat/completions');
    expect(JSON.parse(post?.body.toString('utf8') ?? '{}')).toMatchObject({ stream: true });
  });

  it('the fallback for a non-generative model: last user message → infer → content (string model)', async () => {
    const mark = server.requestCount;
    const messages = [
      { role: 'user', content: 'first' },
      { role: 'assistant', content: 'ok' },
      { role: 'user', content: 'Hello world' },
    ];
    const response = await ovms.chat(messages, { model: 'string' });
    // `string` version 3 (the default) reverses the text.
    expect(response).toEqual({ content: 'dlrow olleH', role: 'assistant', model: 'string', finish_reason: 'stop' });
    const routes = routesSince(server, mark);
    expect(routes).toContain('POST /v2/models/string/infer');
    expect(routes.some((r) => r.startsWith('POST /v3'))).toBe(false);
    const chunks = await collect(ovms.streamChat(messages, { model: 'string' }));
    expect(chunks).toEqual([{ content: 'dlrow olleH', role: 'assistant', done: true, finish_reason: 'stop' }]);
  });

  it('the fallback for a numeric model gives the predictions as JSON', async () => {
    const numeric = new OVMS({}, { ovms_api_url: server.url, ovms_model: 'bert' });
    const response = await numeric.chat([{ role: 'user', content: 'Hello world' }], { model: 'identity_bytes' });
    expect(response.content).toBe('Hello world');
  });

  it('No user message found', async () => {
    const mark = server.requestCount;
    for (const messages of [[], [{ role: 'system', content: 'You are helpful' }], [{ role: 'assistant', content: 'hi' }]]) {
      const error = await rejectionOf(ovms.chat(messages));
      expect(error.reason).toEqual({ _tag: 'InvalidInput', field: 'messages' });
      expect(error.message).toContain('No user message found');
      await expect(collect(ovms.streamChat(messages))).rejects.toThrow('No user message found');
    }
    expect(server.requestCount).toBe(mark);
  });

  it('makePostRequest: messages → chat completion, prompt → completion, other data → inference', async () => {
    const mark = server.requestCount;
    const chat = await ovms.makePostRequest({ messages: [{ role: 'user', content: 'hi' }] });
    expect(chat).toMatchObject({ object: 'chat.completion', model: 'llama3', choices: [{ message: { content: `${REPLY}hi` } }] });
    const completion = await ovms.makePostRequest({ prompt: 'hi' }, undefined, { max_tokens: 2 });
    expect(completion).toMatchObject({ object: 'text_completion', choices: [{ text: 'This is', finish_reason: 'length' }] });
    const inference = await ovms.makePostRequest({ model: 'custom_model', inputs: { input: [1, 2, 3] } });
    expect(inference).toMatchObject({ predictions: [[1, 3, 6]], model_name: 'custom_model' });
    const byOption = await ovms.makePostRequest([1, 2, 3], undefined, { model: 'custom_model' });
    expect(byOption.predictions).toEqual([[1, 3, 6]]);
    expect(routesSince(server, mark).filter((r) => r.startsWith('POST'))).toEqual([
      'POST /v3/chat/completions',
      'POST /v3/completions',
      'POST /v2/models/custom_model/infer',
      'POST /v2/models/custom_model/infer',
    ]);
  });

  it('makeStreamRequest: messages and prompt stream token by token; inference data is one done chunk', async () => {
    const chat = await collect(ovms.makeStreamRequest({ messages: [{ role: 'user', content: 'hi' }] }));
    expect(chat.length).toBeGreaterThan(2);
    expect(chat.at(-1)?.done).toBe(true);
    expect(chat.slice(0, -1).map((c) => c.content).join('')).toBe(`${REPLY}hi`);
    const prompt = await collect(ovms.makeStreamRequest({ prompt: 'hi' }));
    expect(prompt.length).toBeGreaterThan(2);
    expect(prompt.slice(0, -1).map((c) => c.content).join('')).toBe(`${REPLY}hi`);
    expect(prompt.at(-1)).toMatchObject({ done: true, finish_reason: 'stop' });
    const inference = await collect(ovms.makeStreamRequest({ model: 'custom_model', inputs: { input: [1, 2, 3] } }));
    expect(inference).toHaveLength(1);
    expect(inference[0]?.done).toBe(true);
    expect(JSON.parse(inference[0]?.content ?? '{}')).toMatchObject({ predictions: [[1, 3, 6]], model_name: 'custom_model' });
  });
});

describe('the API key', () => {
  it('chat without the key is OVMS\'s 500 Unauthorized; makePostRequest with the key override works', async () => {
    const server = await freshServer({ apiKey: 'k1' });
    const ovms = new OVMS({}, { ovms_api_url: server.url, ovms_model: 'llama3' });
    const error = await rejectionOf(ovms.chat(HELLO));
    expect(error.reason._tag).toBe('Status');
    expect(error.status).toBe(500);
    expect(error.statusCode).toBe(500);
    expect(error.serverMessage).toMatch(/^Unauthorized request due to invalid or missing api-key/);
    // A permanent 500: not retried.
    expect(routesSince(server).filter((r) => r === 'POST /v3/chat/completions')).toHaveLength(1);

    const mark = server.requestCount;
    const answer = await ovms.makePostRequest({ messages: HELLO }, 'k1');
    expect(answer.choices[0].message.content).toBe(`${REPLY}Hello world`);
    expect(receivedSince(server, mark).map((r) => r.headers.authorization)).toEqual(['Bearer k1']);
    // The override was for that call only.
    await expect(ovms.makePostRequest({ messages: HELLO })).rejects.toMatchObject({ status: 500 });
  });

  it('a backend with ovms_api_key chats and streams', async () => {
    const server = await freshServer({ apiKey: 'k1' });
    const ovms = new OVMS({}, { ovms_api_url: server.url, ovms_model: 'llama3', ovms_api_key: 'k1' });
    expect((await ovms.chat(HELLO)).content).toBe(`${REPLY}Hello world`);
    const chunks = await collect(ovms.streamChat(HELLO));
    expect(chunks.slice(0, -1).map((c) => c.content).join('')).toBe(`${REPLY}Hello world`);
    expect(receivedSince(server).every((r) => r.headers.authorization === 'Bearer k1')).toBe(true);
  });

  it('a wrong key is rejected too', async () => {
    const server = await freshServer({ apiKey: 'k1' });
    const ovms = new OVMS({}, { ovms_api_url: server.url, ovms_model: 'llama3', ovms_api_key: 'k1' });
    await expect(ovms.makePostRequest({ messages: HELLO }, 'wrong')).rejects.toMatchObject({ status: 500, reason: { _tag: 'Status' } });
  });
});

/**
 * The OpenAI-style operations end to end over real sockets: against the OpenAI module of the
 * project's OVMS-compatible test server (`handleOpenAi`, through the harness that records its graph
 * events, so a test can see the server notice a closed connection), and against the full
 * `startTestServer` for the routes, faults and the legacy `/v1` behaviour.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  chatCompletion,
  collectText,
  completion,
  createConfig,
  createEmbeddings,
  listModels,
  rerank,
  retrieveModel,
  streamChatCompletion,
  streamCompletion,
  tokenize,
  type ChatCompletionChunk,
  type ClientConfigInput,
  type TransportChoice,
} from '../../src/ovms.js';
import { startTestServer } from '../../src/testing/startTestServer.js';
import { startHarness, type Harness } from '../testing/openai/openAiHarness.js';
import { rejectionOf } from '../helpers/ovmsClient.js';

const REPLY = 'This is a deterministic reply from the OVMS test server. You said:';
const FAIL_MID_STREAM = '[[fail-mid-stream]]';
const FAIL_GENERATION = '[[fail-generation]]';

const user = (content: string) => ({ messages: [{ role: 'user' as const, content }] });

describe.each<TransportChoice>(['ky', 'fetch'])('against the test server’s OpenAI module (transport %s)', (transport) => {
  let h: Harness;
  const config = (extra: ClientConfigInput = {}) => createConfig({ baseUrl: h.url, model: 'llm', transport, retry: false, ...extra });

  afterEach(async () => {
    await h.close();
  });

  it('chatCompletion answers whole; the stream of the same request carries the same text, in order, and the same usage', async () => {
    h = await startHarness();
    const answer = await chatCompletion(config(), { ...user('hello there'), max_tokens: 100 });
    expect(answer).toEqual({
      object: 'chat.completion',
      created: expect.any(Number) as number,
      model: 'llm',
      choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content: `${REPLY} hello there`, tool_calls: [] } }],
      usage: { prompt_tokens: expect.any(Number) as number, completion_tokens: expect.any(Number) as number, total_tokens: expect.any(Number) as number },
    });
    const chunks: ChatCompletionChunk[] = [];
    for await (const c of streamChatCompletion(config(), { ...user('hello there'), max_tokens: 100, stream_options: { include_usage: true } })) chunks.push(c);
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks[0]?.choices).toEqual([{ index: 0, delta: { role: 'assistant', content: null }, finish_reason: null, logprobs: null }]);
    const contents = chunks.slice(1, -1).map((c) => c.choices[0]?.delta.content);
    expect(contents.join('')).toBe(`${REPLY} hello there`);
    expect(contents.slice(0, 3)).toEqual(['This', ' is', ' a']);
    expect(chunks.slice(1, -2).every((c) => c.choices[0]?.finish_reason === null && c.usage === null)).toBe(true);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)).toEqual({ object: 'chat.completion.chunk', created: expect.any(Number) as number, model: 'llm', choices: [], usage: answer.usage });
    expect(h.events.map((e) => [e.method, e.ok])).toEqual([
      ['Unary', true],
      ['Stream', true],
    ]);
  });

  it('completion and streamCompletion give the same text (collectText)', async () => {
    h = await startHarness();
    const unary = await completion(config(), { prompt: 'OpenVINO is' });
    expect(unary.object).toBe('text_completion');
    expect(unary.choices[0]?.text).toBe(`${REPLY} OpenVINO is`);
    const objects = new Set<string>();
    const stream = streamCompletion(config(), { prompt: 'OpenVINO is' });
    const text = await collectText(
      (async function* () {
        for await (const c of stream) {
          objects.add(c.object);
          yield c;
        }
      })(),
    );
    expect(text).toBe(`${REPLY} OpenVINO is`);
    expect([...objects]).toEqual(['text_completion.chunk']);
  });

  it('an abort mid-stream rejects with Aborted and the server sees the connection close', async () => {
    h = await startHarness({ tokenDelayMs: 20 });
    const caller = new AbortController();
    const seen: ChatCompletionChunk[] = [];
    const error = await rejectionOf(async () => {
      for await (const c of streamChatCompletion(config(), user('abort me please'), { signal: caller.signal })) {
        seen.push(c);
        if (seen.length === 3) caller.abort();
      }
    });
    expect(error.reason).toEqual({ _tag: 'Aborted' });
    expect(error.code).toBe('ABORT_ERR');
    expect(seen).toHaveLength(3);
    await h.eventCount(1);
    expect(h.events.map((e) => [e.name, e.method, e.ok])).toEqual([['llm', 'Stream', false]]);
    expect(h.lateWrites()).toBe(0);
  });

  it('breaking out of the loop closes the connection (the server stops generating)', async () => {
    h = await startHarness({ tokenDelayMs: 20 });
    let count = 0;
    for await (const _ of streamChatCompletion(config(), user('break early'))) {
      if (++count === 2) break;
    }
    await h.eventCount(1);
    expect(h.events.map((e) => [e.method, e.ok])).toEqual([['Stream', false]]);
    expect(h.lateWrites()).toBe(0);
  });

  it('an error before the first token is Status 400 with OVMS’s message; nothing is yielded', async () => {
    h = await startHarness();
    const seen: unknown[] = [];
    const error = await rejectionOf(async () => {
      for await (const c of streamChatCompletion(config(), user(`x ${FAIL_GENERATION}`))) seen.push(c);
    });
    expect(seen).toEqual([]);
    expect(error.reason).toEqual({
      _tag: 'Status',
      status: 400,
      serverMessage: `Mediapipe execution failed. MP status - INTERNAL: CalculatorGraph::Run() failed: \nCalculator::Process() for node "LLMExecutor" failed: Simulated generation failure requested by ${FAIL_GENERATION}`,
    });
  });

  it('an error written into the open stream is OvmsError Stream, after the tokens before it', async () => {
    h = await startHarness();
    const texts: (string | null | undefined)[] = [];
    const error = await rejectionOf(async () => {
      for await (const c of streamChatCompletion(config(), user(`x ${FAIL_MID_STREAM}`))) texts.push(c.choices[0]?.delta.content);
    });
    expect(texts).toEqual([null, 'This', ' is', ' a']);
    const message = `Mediapipe execution failed. MP status - INTERNAL: CalculatorGraph::Run() failed: \nCalculator::Process() for node "LLMExecutor" failed: Simulated generation failure requested by ${FAIL_MID_STREAM}`;
    expect(error.reason).toEqual({ _tag: 'Stream', serverMessage: message });
    expect(error.serverMessage).toBe(message);
  });

  it('a stream that stalls longer than idleTimeout fails with Timeout ETIMEDOUT and is closed', async () => {
    h = await startHarness({ stallAfterChunks: 3 });
    const seen: unknown[] = [];
    const error = await rejectionOf(async () => {
      for await (const c of streamChatCompletion(config(), user('stall'), { idleTimeout: 150 })) seen.push(c);
    });
    expect(seen).toHaveLength(3);
    expect(error.reason).toEqual({ _tag: 'Timeout', timeoutMs: 150 });
    expect(error.code).toBe('ETIMEDOUT');
    await h.eventCount(1);
    expect(h.events.map((e) => [e.method, e.ok])).toEqual([['Stream', false]]);
  });

  it('embeddings in base64 (default) and float are the same Float32Arrays', async () => {
    h = await startHarness();
    const cfg = config({ model: 'BAAI/bge-small' });
    const b64 = await createEmbeddings(cfg, { input: ['hello world', 'OpenVINO'] });
    const floats = await createEmbeddings(cfg, { input: ['hello world', 'OpenVINO'], encoding_format: 'float' });
    expect(b64.data.map((d) => [d.index, d.embedding.constructor.name, d.embedding.length])).toEqual([
      [0, 'Float32Array', 384],
      [1, 'Float32Array', 384],
    ]);
    expect(floats).toEqual(b64);
    expect(b64.data[0]?.embedding).not.toEqual(b64.data[1]?.embedding);
  });

  it('rerank orders by relevance and honours top_n', async () => {
    h = await startHarness();
    const cfg = config({ model: 'BAAI/bge-reranker-large' });
    const documents = ['farewell and goodbye', 'welcome to the server', 'a recipe for bread'];
    const all = await rerank(cfg, { query: 'welcome to the server', documents });
    expect(all.results[0]?.index).toBe(1);
    expect([...all.results.map((r) => r.index)].sort()).toEqual([0, 1, 2]);
    const scores = all.results.map((r) => r.relevance_score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const top = await rerank(cfg, { query: 'welcome to the server', documents, top_n: 1, return_documents: true });
    expect(top).toEqual({ results: [{ ...all.results[0], document: { text: 'welcome to the server' } }] });
  });

  it('tokenize gives a flat list for a string and one list per string for an array', async () => {
    h = await startHarness();
    const one = await tokenize(config(), { text: 'hello world' });
    const many = await tokenize(config(), { text: ['hello world', 'hello'] });
    expect(one.tokens.every((t) => typeof t === 'number')).toBe(true);
    expect(one.tokens.length).toBeGreaterThan(0);
    expect(many.tokens[0]).toEqual(one.tokens);
    expect(many.tokens).toHaveLength(2);
  });

  it('listModels and retrieveModel (a name with /)', async () => {
    h = await startHarness();
    const list = await listModels(config());
    expect(list.object).toBe('list');
    expect(list.data.map((m) => m.id)).toEqual(['dummy', 'resnet', 'llm', 'BAAI/bge-small', 'BAAI/bge-reranker-large']);
    expect(await retrieveModel(config(), 'BAAI/bge-small')).toEqual({ id: 'BAAI/bge-small', object: 'model', created: expect.any(Number) as number, owned_by: 'OVMS' });
    const error = await rejectionOf(() => retrieveModel(config(), 'missing'));
    expect(error.reason).toEqual({ _tag: 'Status', status: 500, serverMessage: 'Model not found' });
  });

  it('the API key travels as Bearer; without it OVMS answers 500 Unauthorized', async () => {
    h = await startHarness({ apiKey: 'k-123' });
    expect(await collectText(streamChatCompletion(config({ apiKey: 'k-123' }), user('auth')))).toBe(`${REPLY} auth`);
    const error = await rejectionOf(() => chatCompletion(config(), user('auth')));
    expect(error.reason).toEqual({ _tag: 'Status', status: 500, serverMessage: 'Unauthorized request due to invalid or missing api-key' });
  });

  it('the /v1 base path reaches the same endpoints', async () => {
    h = await startHarness();
    expect(await collectText(streamChatCompletion(config({ openaiBasePath: '/v1' }), user('via v1')))).toBe(`${REPLY} via v1`);
    expect((await listModels(config(), { basePath: '/v1' })).data).toHaveLength(5);
  });
});

describe('against the full test server (startTestServer)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let legacy: Awaited<ReturnType<typeof startTestServer>>;

  beforeAll(async () => {
    server = await startTestServer({ tokenDelayMs: 1 });
    legacy = await startTestServer({ legacy: true });
  });
  afterAll(async () => {
    await server.close();
    await legacy.close();
  });

  it('streams a chat answer from the default llama3 graph, sending Content-Type application/json', async () => {
    const config = createConfig({ baseUrl: server.url, model: 'llama3' });
    expect(await collectText(streamChatCompletion(config, user('hi')))).toBe(`${REPLY} hi`);
    const sent = server.received.at(-1);
    expect(sent?.url).toBe('/v3/chat/completions');
    expect(sent?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(sent?.body.toString('utf8') ?? '')).toEqual({ ...user('hi'), stream: true, model: 'llama3' });
  });

  it('a connection dropped mid-stream is Transport ECONNRESET', async () => {
    const config = createConfig({ baseUrl: server.url, model: 'llama3', retry: false, headers: { 'x-ovms-test-fault': JSON.stringify({ reset: 'midBody' }) } });
    const error = await rejectionOf(() => collectText(streamChatCompletion(config, user('drop'))));
    expect(error.reason).toEqual({ _tag: 'Transport' });
    expect(error.code).toBe('ECONNRESET');
  });

  it('why /v3 is the default: before 2026.3, /v1 is the TF-Serving API and knows no OpenAI routes', async () => {
    const v3 = createConfig({ baseUrl: legacy.url, retry: false });
    expect((await listModels(v3)).data.map((m) => m.id)).toContain('llama3');
    const error = await rejectionOf(() => listModels(v3, { basePath: '/v1' }));
    expect(error.reason._tag).toBe('Status');
    expect(error.status).toBe(404);
  });
});

/**
 * The OpenAI-style operations against nock, replaying OVMS's real bodies (tests/fixtures/
 * openai-client-fixtures.json: the F fixtures copied from the OVMS reference fixtures, the S and E ones derived from
 * rest-api.md §5.3–§5.4 and marked so). Runs through the ky transport and `transport: 'fetch'`.
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import nock from 'nock';
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
import { FAST_RETRY, rejectionOf } from '../helpers/ovmsClient.js';

interface Fixture {
  readonly id: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly request_body?: string;
  readonly response_body: string;
  readonly response_headers?: Readonly<Record<string, string>>;
}

const FIXTURES = JSON.parse(readFileSync(new URL('../fixtures/openai-client-fixtures.json', import.meta.url), 'utf8')) as readonly Fixture[];

function fx(id: string): Fixture {
  const f = FIXTURES.find((x) => x.id === id);
  if (f === undefined) throw new Error(`fixture ${id} is missing from openai-client-fixtures.json`);
  return f;
}

const json = (text: string | undefined): unknown => JSON.parse(text ?? 'null');
const errorText = (f: Fixture): string => (json(f.response_body) as { error: string }).error;

interface Seen {
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

function record(scope: nock.Scope): Seen[] {
  const seen: Seen[] = [];
  scope.on('request', (req: { path: string; headers: Record<string, string> }, _i: unknown, body: string) => {
    seen.push({ path: req.path, headers: { ...req.headers }, body });
  });
  return seen;
}

/** A body that writes `frames` one by one, `delayMs` apart, then ends (or stalls, keeping the response open). */
function paced(frames: readonly string[], delayMs: number, end = true): Readable {
  let i = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stream = new Readable({
    read() {
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        if (i < frames.length) this.push(frames[i++]);
        else if (end) this.push(null);
      }, delayMs);
    },
    destroy(error, callback) {
      clearTimeout(timer);
      callback(error);
    },
  });
  return stream;
}

/** The SSE frames of a body, each with its separator. */
const framesOf = (body: string): string[] => body.split(/(?<=\n\n)/);

const BASE = 'http://ovms.test';
const OVMS_JSON = { 'content-type': 'application/json; charset=utf-8' } as const;
const SSE = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' } as const;

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.abortPendingRequests();
  nock.cleanAll();
});
afterAll(() => {
  nock.enableNetConnect();
});

describe.each<TransportChoice>(['ky', 'fetch'])('OpenAI-style operations over transport %s (nock)', (transport) => {
  const config = (extra: ClientConfigInput = {}) => createConfig({ baseUrl: BASE, transport, retry: FAST_RETRY, ...extra });

  describe('chatCompletion', () => {
    it('posts F70’s request and decodes its answer whole (no id; tool_calls defaults to [])', async () => {
      const f = fx('F70');
      const scope = nock(BASE).post(f.path).reply(f.status, f.response_body, OVMS_JSON);
      const seen = record(scope);
      const request = json(f.request_body) as { model: string; messages: [] };
      const answer = await chatCompletion(config({ model: 'llama3' }), { messages: request.messages });
      expect(answer).toEqual({
        object: 'chat.completion',
        created: 1716825108,
        model: 'llama3',
        choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content: '\n\nHow can I help you?', tool_calls: [] } }],
        usage: { prompt_tokens: 22, completion_tokens: 38, total_tokens: 60 },
      });
      expect(json(seen[0]?.body)).toEqual({ messages: request.messages, stream: false, model: 'llama3' });
      expect(seen[0]?.headers['content-type']).toBe('application/json');
    });

    it('goes to /v1 with openaiBasePath "/v1" (F71)', async () => {
      const f = fx('F71');
      const scope = nock(BASE).post('/v1/chat/completions').reply(200, f.response_body, OVMS_JSON);
      const request = json(f.request_body) as { model: string; max_completion_tokens: number; messages: [] };
      const answer = await chatCompletion(config({ openaiBasePath: '/v1' }), { model: request.model, max_completion_tokens: 500, messages: request.messages });
      expect(answer.choices[0]?.message.content).toBe((json(f.response_body) as { choices: [{ message: { content: string } }] }).choices[0].message.content);
      expect(scope.isDone()).toBe(true);
    });

    it('sends tools, tool_choice, response_format, chat_template_kwargs and tool turns as written', async () => {
      const scope = nock(BASE).post('/v3/chat/completions').reply(200, fx('F70').response_body, OVMS_JSON);
      const seen = record(scope);
      const request = {
        model: 'llm',
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AA==' } }] },
          { role: 'assistant', content: null, reasoning_content: 'think', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
          { role: 'tool', tool_call_id: 'c1', content: '{"temp":21}' },
        ],
        tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
        tool_choice: 'auto',
        response_format: { type: 'json_schema', json_schema: { name: 'w', schema: { type: 'object' } } },
        chat_template_kwargs: { enable_thinking: false },
        temperature: 0,
        top_k: 1,
        seed: 7,
        stop: ['\n\n'],
        skip_special_tokens: true,
      } as const;
      await chatCompletion(config(), request);
      expect(json(seen[0]?.body)).toEqual({ ...request, stream: false });
    });

    it('turns F83 (unknown graph) into Status 404 with OVMS’s message, asked once', async () => {
      const f = fx('F83');
      const scope = nock(BASE).post('/v3/chat/completions').times(3).reply(f.status, f.response_body, OVMS_JSON);
      const seen = record(scope);
      const error = await rejectionOf(() => chatCompletion(config(), { model: 'not_exist', messages: [] }));
      expect(error.reason).toEqual({ _tag: 'Status', status: 404, serverMessage: errorText(f) });
      expect(seen).toHaveLength(1);
    });
  });

  describe('completion', () => {
    it('decodes F73 whole', async () => {
      const f = fx('F73');
      nock(BASE).post(f.path).reply(200, f.response_body, OVMS_JSON);
      expect(await completion(config(), { model: 'llama3', prompt: 'This is a test' })).toEqual({
        object: 'text_completion',
        created: 1716825108,
        model: 'llama3',
        choices: [{ index: 0, finish_reason: 'stop', logprobs: null, text: 'You are testing me!' }],
        usage: { prompt_tokens: 17, completion_tokens: 14, total_tokens: 31 },
      });
    });
  });

  describe('streamChatCompletion', () => {
    it('yields S01’s chunks in order, usage chunk (choices: []) last, with stream: true in the body', async () => {
      const f = fx('S01');
      const scope = nock(BASE).post(f.path).reply(200, f.response_body, SSE);
      const seen = record(scope);
      const chunks: ChatCompletionChunk[] = [];
      for await (const c of streamChatCompletion(config({ model: 'llama3' }), { messages: [{ role: 'user', content: 'hello' }], stream_options: { include_usage: true } })) chunks.push(c);
      expect(json(seen[0]?.body)).toEqual(json(f.request_body));
      expect(seen[0]?.headers['content-type']).toBe('application/json');
      const expected = framesOf(f.response_body)
        .filter((frame) => !frame.includes('[DONE]'))
        .map((frame) => {
          // The schema fills the `logprobs: null` that OVMS omits on the handshake chunk.
          const c = json(frame.slice('data: '.length)) as { choices: Record<string, unknown>[] };
          return { ...c, choices: c.choices.map((ch) => ({ logprobs: null, ...ch })) };
        });
      expect(chunks).toEqual(expected);
      expect(chunks.map((c) => c.choices[0]?.delta.content)).toEqual([null, 'Hello', ' there', '!', undefined]);
      expect(chunks.at(-1)).toEqual({ object: 'chat.completion.chunk', created: 1716825108, model: 'llama3', choices: [], usage: { prompt_tokens: 22, completion_tokens: 3, total_tokens: 25 } });
    });

    it('reads a body written over time, split at arbitrary points', async () => {
      const body = fx('S01').response_body;
      const pieces = body.match(/[\s\S]{1,13}/g) ?? [];
      nock(BASE).post('/v3/chat/completions').reply(200, () => paced(pieces, 1), SSE);
      expect(await collectText(streamChatCompletion(config({ model: 'llama3' }), { messages: [] }))).toBe('Hello there!');
    });

    it('rejects F79 and F80 (plain JSON 400 before the first token) as Status 400, not retried', async () => {
      for (const id of ['F79', 'F80']) {
        const f = fx(id);
        const scope = nock(BASE).post('/v1/chat/completions').times(3).reply(400, f.response_body, OVMS_JSON);
        const seen = record(scope);
        const request = json(f.request_body) as { stream: boolean; model: string; messages: [] };
        const { stream: _s, ...rest } = request;
        const chunks: unknown[] = [];
        const error = await rejectionOf(async () => {
          for await (const c of streamChatCompletion(config(), rest as never, { basePath: '/v1' })) chunks.push(c);
        });
        expect(error.reason).toEqual({ _tag: 'Status', status: 400, serverMessage: errorText(f) });
        expect(chunks).toEqual([]);
        expect(seen).toHaveLength(1);
        expect(json(seen[0]?.body)).toEqual(request);
        nock.cleanAll();
      }
    });

    it('retries a retryable answer before the first chunk (500 "Mediapipe is not loaded yet"), then streams', async () => {
      const scope = nock(BASE)
        .post('/v3/chat/completions')
        .reply(500, '{"error":"Mediapipe is not loaded yet"}', OVMS_JSON)
        .post('/v3/chat/completions')
        .reply(200, fx('S01').response_body, SSE);
      const seen = record(scope);
      expect(await collectText(streamChatCompletion(config({ model: 'llama3' }), { messages: [] }))).toBe('Hello there!');
      expect(seen).toHaveLength(2);
    });

    it('turns S03 (raw {"error": …} in the open stream) into OvmsError Stream after the chunks before it', async () => {
      const f = fx('S03');
      nock(BASE).post(f.path).reply(200, f.response_body, SSE);
      const texts: (string | null | undefined)[] = [];
      const error = await rejectionOf(async () => {
        for await (const c of streamChatCompletion(config({ model: 'llama3' }), { messages: [] })) texts.push(c.choices[0]?.delta.content);
      });
      const message = 'Mediapipe execution failed. MP status - INTERNAL: CalculatorGraph::Run() failed: \nCalculator::Process() for node "LLMExecutor" failed: generation failed';
      expect(texts).toEqual([null, 'What', ' is']);
      expect(error.reason).toEqual({ _tag: 'Stream', serverMessage: message });
      expect(error.serverMessage).toBe(message);
      expect(error.status).toBeUndefined();
      expect(error.request).toMatchObject({ operation: 'streamChatCompletion', model: 'llama3', url: `${BASE}/v3/chat/completions` });
    });

    it('reports a stream cut before data: [DONE] as Transport ECONNRESET', async () => {
      const frames = framesOf(fx('S01').response_body).slice(0, 3);
      nock(BASE).post('/v3/chat/completions').reply(200, frames.join(''), SSE);
      const error = await rejectionOf(() => collectText(streamChatCompletion(config({ model: 'llama3' }), { messages: [] })));
      expect(error.reason).toEqual({ _tag: 'Transport' });
      expect(error.code).toBe('ECONNRESET');
    });

    it('aborts a stream that stalls longer than idleTimeout with Timeout ETIMEDOUT', async () => {
      const frames = framesOf(fx('S01').response_body);
      const body = paced(frames.slice(0, 2), 1, false);
      nock(BASE).post('/v3/chat/completions').reply(200, () => body, SSE);
      const seen: unknown[] = [];
      const started = Date.now();
      const error = await rejectionOf(async () => {
        for await (const c of streamChatCompletion(config({ model: 'llama3' }), { messages: [] }, { idleTimeout: 100 })) seen.push(c);
      });
      expect(Date.now() - started).toBeGreaterThanOrEqual(95);
      expect(seen).toHaveLength(2);
      expect(error.reason).toEqual({ _tag: 'Timeout', timeoutMs: 100 });
      expect(error.code).toBe('ETIMEDOUT');
    });

    // nock cannot show the connection closing; openai-server.test.ts asserts that the server sees it.
    it('stops reading at once when the caller aborts mid-stream (the body would otherwise stall forever)', async () => {
      const body = paced(framesOf(fx('S01').response_body).slice(0, 3), 5, false);
      nock(BASE).post('/v3/chat/completions').reply(200, () => body, SSE);
      const caller = new AbortController();
      const seen: unknown[] = [];
      const error = await rejectionOf(async () => {
        for await (const c of streamChatCompletion(config({ model: 'llama3' }), { messages: [] }, { signal: caller.signal })) {
          seen.push(c);
          if (seen.length === 2) caller.abort();
        }
      });
      expect(seen).toHaveLength(2);
      expect(error.reason).toEqual({ _tag: 'Aborted' });
      expect(error.code).toBe('ABORT_ERR');
    });
  });

  describe('streamCompletion', () => {
    it('yields S02’s text_completion.chunk chunks; collectText gives F73’s text', async () => {
      const f = fx('S02');
      const scope = nock(BASE).post(f.path).reply(200, f.response_body, SSE);
      const seen = record(scope);
      const objects: string[] = [];
      const texts: (string | null)[] = [];
      for await (const c of streamCompletion(config(), { model: 'llama3', prompt: 'This is a test' })) {
        objects.push(c.object);
        texts.push(c.choices[0]?.text ?? null);
      }
      expect(json(seen[0]?.body)).toEqual(json(f.request_body));
      expect(objects).toEqual(['text_completion.chunk', 'text_completion.chunk', 'text_completion.chunk', 'text_completion.chunk']);
      expect(texts).toEqual([null, 'You', ' are', ' testing me!']);
      nock(BASE).post(f.path).reply(200, f.response_body, SSE);
      expect(await collectText(streamCompletion(config(), { model: 'llama3', prompt: 'This is a test' }))).toBe('You are testing me!');
    });
  });

  describe('createEmbeddings', () => {
    it('asks for base64 by default and decodes E01 into Float32Arrays; E02 (float) gives the same vectors', async () => {
      const scope = nock(BASE).post('/v3/embeddings').reply(200, fx('E01').response_body, OVMS_JSON).post('/v3/embeddings').reply(200, fx('E02').response_body, OVMS_JSON);
      const seen = record(scope);
      const cfg = config({ model: 'BAAI/bge-small' });
      const b64 = await createEmbeddings(cfg, { input: ['hello', 'world'] });
      const floats = await createEmbeddings(cfg, { input: ['hello', 'world'], encoding_format: 'float' });
      expect(seen.map((s) => json(s.body))).toEqual([json(fx('E01').request_body), json(fx('E02').request_body)]);
      expect(b64).toEqual({
        object: 'list',
        data: [
          { object: 'embedding', index: 0, embedding: new Float32Array([0.5, -0.25, 0.125, 1]) },
          { object: 'embedding', index: 1, embedding: new Float32Array([0.1, 0.2, 0.3, 0.4]) },
        ],
        usage: { prompt_tokens: 6, total_tokens: 6 },
      });
      expect(floats).toEqual(b64);
      expect(floats.data[0]?.embedding).toBeInstanceOf(Float32Array);
    });

    it('orders vectors by index', async () => {
      const body = json(fx('E02').response_body) as { data: unknown[] };
      nock(BASE).post('/v3/embeddings').reply(200, JSON.stringify({ ...body, data: [...body.data].reverse() }), OVMS_JSON);
      const result = await createEmbeddings(config(), { model: 'e', input: ['a', 'b'], encoding_format: 'float' });
      expect(result.data.map((d) => d.index)).toEqual([0, 1]);
    });
  });

  describe('rerank, tokenize, models', () => {
    it('rerank posts F76’s request and returns its results best first', async () => {
      const f = fx('F76');
      const scope = nock(BASE).post(f.path).reply(200, f.response_body, OVMS_JSON);
      const seen = record(scope);
      const result = await rerank(config({ model: 'BAAI/bge-reranker-large' }), { query: 'welcome', documents: ['good morning', 'farewell'] });
      expect(json(seen[0]?.body)).toEqual(json(f.request_body));
      expect(result).toEqual({ results: [{ index: 0, relevance_score: 0.3886180520057678 }, { index: 1, relevance_score: 0.0055549247190356255 }] });
    });

    it('tokenize posts F77 to /v1 and returns the flat token list', async () => {
      const f = fx('F77');
      const scope = nock(BASE).post(f.path).reply(200, f.response_body, OVMS_JSON);
      const seen = record(scope);
      const result = await tokenize(config(), { model: 'Qwen/Qwen3-8B', text: 'hello world' }, { basePath: '/v1' });
      expect(result).toEqual({ tokens: [14990, 1879] });
      expect(json(seen[0]?.body)).toEqual(json(f.request_body));
    });

    it('tokenize refuses an answer whose nesting does not match the input (Decode)', async () => {
      nock(BASE).post('/v3/tokenize').reply(200, fx('F77').response_body, OVMS_JSON);
      const error = await rejectionOf(() => tokenize(config(), { model: 'm', text: ['hello world'] }));
      expect(error.reason).toEqual({ _tag: 'Decode' });
    });

    it('listModels decodes F67 (from /v1) and retrieveModel F68, keeping the / of a graph name', async () => {
      nock(BASE).get('/v1/models').reply(200, fx('F67').response_body, OVMS_JSON);
      expect(await listModels(config({ openaiBasePath: '/v1' }))).toEqual({
        object: 'list',
        data: [{ id: 'Qwen3-30B-A3B-Instruct-2507-int4-ov', object: 'model', created: 1784334119, owned_by: 'OVMS' }],
      });
      nock(BASE).get('/v3/models/bge-large-en-v1.5').reply(200, fx('F68').response_body, OVMS_JSON);
      expect(await retrieveModel(config(), 'bge-large-en-v1.5')).toEqual({ id: 'bge-large-en-v1.5', object: 'model', created: 1763997378, owned_by: 'OVMS' });
      const scope = nock(BASE).get('/v3/models/BAAI/bge-reranker-large').reply(200, '{"id":"BAAI/bge-reranker-large","object":"model","created":1,"owned_by":"OVMS"}', OVMS_JSON);
      expect((await retrieveModel(config({ model: 'BAAI/bge-reranker-large' }))).id).toBe('BAAI/bge-reranker-large');
      expect(scope.isDone()).toBe(true);
    });

    it('retrieveModel of an unknown id is Status 500 "Model not found", asked once', async () => {
      const scope = nock(BASE).get('/v3/models/nope').times(3).reply(500, '{"error":"Model not found"}', OVMS_JSON);
      const seen = record(scope);
      const error = await rejectionOf(() => retrieveModel(config(), 'nope'));
      expect(error.reason).toEqual({ _tag: 'Status', status: 500, serverMessage: 'Model not found' });
      expect(seen).toHaveLength(1);
    });
  });

  describe('API key', () => {
    it('sends Authorization: Bearer on every OpenAI-style request to the configured origin', async () => {
      const scope = nock(BASE)
        .post('/v3/chat/completions')
        .reply(200, fx('F70').response_body, OVMS_JSON)
        .post('/v3/chat/completions')
        .reply(200, fx('S01').response_body, SSE)
        .get('/v3/models')
        .reply(200, fx('F67').response_body, OVMS_JSON);
      const seen = record(scope);
      const cfg = config({ apiKey: 'secret-key', model: 'llama3' });
      await chatCompletion(cfg, { messages: [] });
      await collectText(streamChatCompletion(cfg, { messages: [] }));
      await listModels(cfg);
      expect(seen.map((s) => s.headers['authorization'])).toEqual(['Bearer secret-key', 'Bearer secret-key', 'Bearer secret-key']);
    });

    it('never sends it to another origin (a middleware that reroutes the request)', async () => {
      const other = nock('http://other.test').post('/v3/chat/completions').reply(200, fx('S01').response_body, SSE);
      const seen = record(other);
      const cfg = config({ apiKey: 'secret-key', model: 'llama3', middleware: [(next) => (request) => next({ ...request, baseUrl: 'http://other.test' })] });
      expect(await collectText(streamChatCompletion(cfg, { messages: [] }))).toBe('Hello there!');
      expect(seen).toHaveLength(1);
      expect(seen[0]?.headers['authorization']).toBeUndefined();
    });
  });
});

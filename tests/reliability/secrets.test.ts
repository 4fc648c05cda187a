/**
 * Reliability, point 4 (issue 7): the API key goes only to the configured origin, and never shows in
 * an error (message, stack, own properties at any depth, `JSON.stringify`, `util.inspect` with
 * hidden properties), a log line (a logger that records everything) or a request summary — for every
 * kind of failure, including a hostile server that echoes the `Authorization` header back.
 */
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chatCompletion,
  createConfig,
  getModelReady,
  getServerMetadata,
  isOvmsError,
  streamChatCompletion,
  type ClientConfig,
  type ClientConfigInput,
  type TransportChoice,
} from '../../src/ovms.js';
import { startTestServer, type TestServer } from '../../src/testing/index.js';
import { REDACTED, redactStream } from '../../src/errors/redactSecrets.js';
import { startScriptedServer, type ScriptedServer } from './httpServers.js';

const API_KEY = 'sk-reliability-4f1c2d9e8b7a6f5e';

let ovms: TestServer;
let hostile: ScriptedServer;
let elsewhere: ScriptedServer;
let closedUrl: string;

beforeAll(async () => {
  // OVMS with another key: our key is "invalid" there (500, rest-api.md §1.4).
  ovms = await startTestServer({ host: '127.0.0.1', port: 0, apiKey: 'the-server-expects-another-key' });
  elsewhere = await startScriptedServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"name":"elsewhere","version":"1"}');
  });
  hostile = await startScriptedServer((req, res, raw) => {
    const auth = String(req.headers.authorization ?? 'none');
    const prefix = req.url.split('/')[1];
    switch (prefix) {
      case 'echo':
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: `rejected credentials "${auth}"` }));
        return;
      case 'echo503':
        res.writeHead(503, { 'content-type': 'text/plain' });
        res.end(`overloaded, your header was ${auth}`);
        return;
      case 'reset':
        raw.socket.destroy();
        return;
      case 'slow':
        return; // never answers
      case 'garbage':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`{"name": ${auth}`);
        return;
      case 'huge':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000' });
        res.end(`{"name":"${auth}","pad":"${'x'.repeat(100_000 - 30 - auth.length)}"}`);
        return;
      case 'stream-echo':
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end(`{"error": "Mediapipe failed for ${auth}"}`);
        return;
      case 'redirect-away':
        res.writeHead(307, { location: `${elsewhere.url}${req.url}` });
        res.end();
        return;
      case 'redirect-same':
        res.writeHead(307, { location: `/target${req.url}` });
        res.end();
        return;
      case 'target':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"name":"same origin","version":"1"}');
        return;
      default:
        res.writeHead(404);
        res.end();
    }
  });
  const gone = await startScriptedServer(() => undefined);
  closedUrl = gone.url;
  await gone.close();
});

afterAll(async () => {
  await Promise.all([ovms.close(), hostile.close(), elsewhere.close()]);
});

/** Every string reachable from `value`: own properties (enumerable or not, symbols too), causes, errors, headers, maps. */
function reachableStrings(value: unknown, out: string[] = [], seen = new Set<unknown>()): string[] {
  if (typeof value === 'string') out.push(value);
  if (typeof value !== 'object' && typeof value !== 'function') return out;
  if (value === null || seen.has(value)) return out;
  seen.add(value);
  if (value instanceof Headers) for (const [k, v] of value) out.push(k, v);
  if (value instanceof Map || value instanceof Set) for (const entry of value) reachableStrings(entry, out, seen);
  for (const key of Reflect.ownKeys(value)) {
    let child: unknown;
    try {
      child = (value as Record<PropertyKey, unknown>)[key];
    } catch {
      continue;
    }
    if (typeof key === 'string') out.push(key);
    reachableStrings(child, out, seen);
  }
  return out;
}

/** Where a secret could show: every text view of the error and of what was logged. */
function textsOf(error: unknown, logged: unknown[]): string[] {
  const e = error as Error & { request?: unknown };
  return [
    String(error),
    e.stack ?? '',
    JSON.stringify(error) ?? '',
    JSON.stringify(e.request) ?? '',
    inspect(error, { showHidden: true, depth: Infinity, getters: true }),
    ...reachableStrings(error),
    ...logged.map((l) => inspect(l, { showHidden: true, depth: Infinity })),
    ...logged.map((l) => JSON.stringify(l, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))),
  ];
}

interface FailureKind {
  readonly tag: string;
  readonly run: (configOf: (input: ClientConfigInput) => ClientConfig) => Promise<unknown>;
}

const FAST = { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2 };

const KINDS: Readonly<Record<string, FailureKind>> = {
  'Status from OVMS (wrong key)': {
    tag: 'Status',
    run: (c) => chatCompletion(c({ baseUrl: ovms.url }), { model: 'llama3', messages: [{ role: 'user', content: 'hi' }] }),
  },
  'Status from a server that echoes the Authorization header': { tag: 'Status', run: (c) => getServerMetadata(c({ baseUrl: `${hostile.url}/echo` })) },
  '503 echoing the header, retried and logged': { tag: 'Status', run: (c) => getServerMetadata(c({ baseUrl: `${hostile.url}/echo503`, retry: FAST })) },
  'Transport: refused': { tag: 'Transport', run: (c) => getServerMetadata(c({ baseUrl: closedUrl, retry: FAST })) },
  'Transport: reset': { tag: 'Transport', run: (c) => getServerMetadata(c({ baseUrl: `${hostile.url}/reset`, retry: FAST })) },
  'Transport: unresolvable host': { tag: 'Transport', run: (c) => getServerMetadata(c({ baseUrl: 'http://secrets-test.invalid' })) },
  Timeout: { tag: 'Timeout', run: (c) => getServerMetadata(c({ baseUrl: `${hostile.url}/slow`, timeout: 150, retry: false })) },
  Aborted: { tag: 'Aborted', run: (c) => getServerMetadata(c({ baseUrl: `${hostile.url}/slow` }), { signal: AbortSignal.timeout(100) }) },
  'Decode: a body that is not JSON': { tag: 'Decode', run: (c) => getServerMetadata(c({ baseUrl: `${hostile.url}/garbage` })) },
  'Decode: too large': { tag: 'Decode', run: (c) => getServerMetadata(c({ baseUrl: `${hostile.url}/huge`, maxResponseBytes: 1_000 })) },
  'InvalidInput: a bad model name': { tag: 'InvalidInput', run: (c) => getModelReady(c({ baseUrl: ovms.url }), { model: '..' }) },
  'Stream: an error line echoing the header': {
    tag: 'Stream',
    run: async (c) => {
      for await (const _ of streamChatCompletion(c({ baseUrl: `${hostile.url}/stream-echo` }), { model: 'llama3', messages: [{ role: 'user', content: 'hi' }] })) {
        // drain
      }
    },
  },
};

describe.each<TransportChoice>(['ky', 'fetch'])('the API key never leaves the configured origin (transport %s)', (transport) => {
  it('a 307 to another origin (another port on 127.0.0.1) does not carry Authorization; the first hop does', async () => {
    const before = elsewhere.seen.length;
    const config = createConfig({ baseUrl: `${hostile.url}/redirect-away`, apiKey: API_KEY, transport, retry: false });
    const answer = await getServerMetadata(config);
    expect(answer.name).toBe('elsewhere');
    const last = hostile.seen.at(-1);
    expect(last?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    const followed = elsewhere.seen.slice(before);
    expect(followed).toHaveLength(1);
    expect(followed[0]?.headers.authorization).toBeUndefined();
    expect(JSON.stringify(followed[0]?.headers)).not.toContain(API_KEY);
  });

  it('a POST redirected (307) to another origin does not carry Authorization either', async () => {
    const before = elsewhere.seen.length;
    const config = createConfig({ baseUrl: `${hostile.url}/redirect-away`, apiKey: API_KEY, transport, retry: false });
    await chatCompletion(config, { model: 'llama3', messages: [{ role: 'user', content: 'hi' }] }).catch(() => undefined);
    const followed = elsewhere.seen.slice(before);
    expect(followed.map((r) => r.method)).toEqual(['POST']);
    expect(JSON.stringify(followed[0]?.headers)).not.toContain(API_KEY);
  });

  it('a same-origin redirect keeps it (the origin the key was configured for)', async () => {
    const config = createConfig({ baseUrl: `${hostile.url}/redirect-same`, apiKey: API_KEY, transport, retry: false });
    expect((await getServerMetadata(config)).name).toBe('same origin');
    expect(hostile.seen.at(-1)?.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('a per-call baseUrl to another origin gets no key', async () => {
    const before = elsewhere.seen.length;
    const config = createConfig({ baseUrl: ovms.url, apiKey: API_KEY, transport, retry: false });
    await getServerMetadata(config, { baseUrl: elsewhere.url });
    expect(elsewhere.seen.slice(before)[0]?.headers.authorization).toBeUndefined();
  });
});

describe.each<TransportChoice>(['ky', 'fetch'])('the API key never appears in errors, logs or summaries (transport %s)', (transport) => {
  it.each(Object.entries(KINDS))('%s', async (_name, kind) => {
    const logged: unknown[] = [];
    const logger = {
      debug: (message: string, data?: unknown) => logged.push({ level: 'debug', message, data }),
      warn: (message: string, data?: unknown) => logged.push({ level: 'warn', message, data }),
    };
    const configOf = (input: ClientConfigInput): ClientConfig =>
      createConfig({ apiKey: API_KEY, transport, logger, timeout: 5_000, retry: false, ...input });
    let error: unknown;
    try {
      await kind.run(configOf);
    } catch (e) {
      error = e;
    }
    expect(isOvmsError(error), String(error)).toBe(true);
    expect((error as { reason: { _tag: string } }).reason._tag).toBe(kind.tag);
    for (const text of textsOf(error, logged)) {
      expect(text).not.toContain(API_KEY);
    }
  });

  it('the retry log lines exist (so the search above searched something)', async () => {
    const logged: string[] = [];
    const config = createConfig({
      baseUrl: `${hostile.url}/echo503`,
      apiKey: API_KEY,
      transport,
      retry: FAST,
      logger: { debug: (m, d) => logged.push(`${m} ${JSON.stringify(d)}`) },
    });
    await getServerMetadata(config).catch(() => undefined);
    expect(logged).toHaveLength(2);
    expect(logged[0]).toContain('overloaded, your header was Bearer [REDACTED]');
  });
});

describe('redactStream', () => {
  const streamOf = (chunks: readonly string[]): ReadableStream<Uint8Array> => {
    const encoder = new TextEncoder();
    let i = 0;
    return new ReadableStream({
      pull(controller) {
        if (i < chunks.length) controller.enqueue(encoder.encode(chunks[i++]));
        else controller.close();
      },
    });
  };
  const readAll = async (stream: ReadableStream<Uint8Array>): Promise<string[]> => {
    const out: string[] = [];
    const decoder = new TextDecoder();
    for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) out.push(decoder.decode(chunk));
    return out;
  };

  it('replaces a secret split across any chunk boundary', async () => {
    const text = `data: {"error":"bad ${API_KEY}"}\n\ndata: ${API_KEY}${API_KEY}\n\n`;
    for (let cut = 0; cut <= text.length; cut += 1) {
      const out = (await readAll(redactStream(streamOf([text.slice(0, cut), text.slice(cut)]), [API_KEY]))).join('');
      expect(out).toBe(text.split(API_KEY).join(REDACTED));
    }
  });

  it('passes an event that ends with a blank line on at once (holds back only a possible start of a secret)', async () => {
    const reader = redactStream(streamOf(['data: {"a":1}\n\n', 'data: sk-', 'x\n\n']), [API_KEY]).getReader();
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toBe('data: {"a":1}\n\n');
    expect(decoder.decode((await reader.read()).value)).toBe('data: ');
    expect(decoder.decode((await reader.read()).value)).toBe('sk-x\n\n');
    expect((await reader.read()).done).toBe(true);
  });

  it('cancelling the copy cancels the source', async () => {
    let cancelled = false;
    const source = new ReadableStream<Uint8Array>({
      pull: () => new Promise(() => undefined),
      cancel: () => {
        cancelled = true;
      },
    });
    await redactStream(source, [API_KEY]).cancel();
    await new Promise((r) => setTimeout(r, 10));
    expect(cancelled).toBe(true);
  });
});

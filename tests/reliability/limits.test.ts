/**
 * Reliability, point 5 (issue 7): resource limits and hostile JSON.
 *
 * - `maxResponseBytes` (default 256 MiB) is enforced for a body with a `Content-Length` (refused
 *   before reading), without one (refused while reading, the connection closed), for error bodies
 *   (read up to 64 KiB only), and for event streams (an event, or an unterminated line, larger than
 *   the limit). A stream of many small events has no total limit: it is consumed as it comes.
 * - Keys `__proto__`, `constructor`, `prototype` in any response cannot pollute a prototype, and no
 *   decoded object inherits from a server-made object.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../../src/config/defaults.js';
import type { WireRequest } from '../../src/core/types.js';
import { tfsGetModelMetadata } from '../../src/ops/tfsGetModelMetadata.js';
import { tfsPredict } from '../../src/ops/tfsPredict.js';
import {
  chatCompletion,
  createConfig,
  createEmbeddings,
  getConfigStatus,
  getMetrics,
  getModelMetadataWithShapes,
  getServerMetadata,
  infer,
  isOvmsError,
  listModels,
  rerank,
  retrieveModel,
  streamChatCompletion,
  tokenize,
  type ClientConfig,
  type OvmsError,
  type TransportChoice,
} from '../../src/ovms.js';
import { startScriptedServer, type ScriptedServer } from './httpServers.js';

const LIMIT = 100_000;
let server: ScriptedServer;
/** Whether the server saw each response's connection close before the body was complete. */
const abandoned: string[] = [];

beforeAll(async () => {
  server = await startScriptedServer((req, res) => {
    const path = req.url;
    const endless = (head: string, contentType: string, status = 200, line = false): void => {
      res.writeHead(status, { 'content-type': contentType });
      res.write(head);
      const chunk = line ? 'x'.repeat(16_384) : ' '.repeat(16_384);
      let written = 0;
      const pump = (): void => {
        // At most 64 MiB: far beyond any limit tested, so a client that keeps reading fails the test by time.
        while (written < 64 * 1024 * 1024 && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      res.on('close', () => {
        if (!res.writableFinished) abandoned.push(path);
      });
      pump();
    };
    if (path.startsWith('/declared')) {
      // Announces 10 MiB, sends 1 byte, then waits: a client that trusts Content-Length refuses at once.
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) });
      res.write('{');
      res.on('close', () => abandoned.push(path));
    } else if (path.startsWith('/chunked')) endless('{"name":"x","version":"', 'application/json');
    else if (path.startsWith('/error-body')) endless('{"error":"', 'application/json', 500);
    else if (path.startsWith('/sse-line')) endless('data: {"choices":[{"delta":{"content":"', 'text/event-stream', 200, true);
    else if (path.startsWith('/sse-many')) {
      // 3 000 small events (~450 KB in all, more than LIMIT), then [DONE].
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const event = 'data: {"choices":[{"index":0,"delta":{"content":"token"},"finish_reason":null}],"created":1,"model":"llama3","object":"chat.completion.chunk"}\n\n';
      res.end(`${event.repeat(3_000)}data: [DONE]\n\n`);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
});

afterAll(async () => {
  await server.close();
});

async function rejection(p: Promise<unknown>): Promise<OvmsError> {
  try {
    await p;
  } catch (e) {
    if (isOvmsError(e)) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

it('the default limit is 256 MiB', () => {
  expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(256 * 1024 * 1024);
  expect(createConfig({}).maxResponseBytes).toBe(256 * 1024 * 1024);
});

describe.each<TransportChoice>(['ky', 'fetch'])('maxResponseBytes over transport %s', (transport) => {
  const configAt = (prefix: string): ClientConfig => createConfig({ baseUrl: `${server.url}/${prefix}-${transport}`, transport, retry: false, timeout: 10_000, maxResponseBytes: LIMIT });

  it('a Content-Length above the limit is refused before the body is read', async () => {
    const started = performance.now();
    const error = await rejection(getServerMetadata(configAt('declared')));
    expect(error.reason).toEqual({ _tag: 'Decode' });
    expect(error.code).toBe('ERR_RESPONSE_TOO_LARGE');
    expect(error.message).toBe(`Response body of at least ${10 * 1024 * 1024} bytes exceeds maxResponseBytes (${LIMIT})`);
    expect(performance.now() - started).toBeLessThan(2_000);
    await expect.poll(() => abandoned.includes(`/declared-${transport}/v2`)).toBe(true);
  });

  it('a body without Content-Length is cut at the limit, and the connection closed', async () => {
    const error = await rejection(getServerMetadata(configAt('chunked')));
    expect(error.code).toBe('ERR_RESPONSE_TOO_LARGE');
    const read = Number(/at least (\d+) bytes/.exec(error.message)?.[1]);
    expect(read).toBeGreaterThan(LIMIT);
    // Stopped within one chunk of the limit.
    expect(read).toBeLessThan(LIMIT + 70_000);
    await expect.poll(() => abandoned.includes(`/chunked-${transport}/v2`)).toBe(true);
  });

  it('an endless error body: the Status error comes after 64 KiB at most, the connection is closed', async () => {
    const error = await rejection(getServerMetadata(configAt('error-body')));
    expect(error.reason._tag).toBe('Status');
    expect(error.status).toBe(500);
    await expect.poll(() => abandoned.includes(`/error-body-${transport}/v2`)).toBe(true);
  });

  it('an event stream with one endless line: Decode ERR_RESPONSE_TOO_LARGE, the connection closed', async () => {
    const stream = streamChatCompletion(configAt('sse-line'), { model: 'llama3', messages: [{ role: 'user', content: 'x' }] });
    const error = await rejection((async () => {
      for await (const _ of stream) {
        // drain
      }
    })());
    expect(error.reason).toEqual({ _tag: 'Decode' });
    expect(error.code).toBe('ERR_RESPONSE_TOO_LARGE');
    await expect.poll(() => abandoned.includes(`/sse-line-${transport}/v3/chat/completions`)).toBe(true);
  });

  it('many small events beyond the limit in all are fine: the limit is per event', async () => {
    let n = 0;
    for await (const _ of streamChatCompletion(configAt('sse-many'), { model: 'llama3', messages: [{ role: 'user', content: 'x' }] })) n += 1;
    expect(n).toBe(3_000);
  });
});

// ---------------------------------------------------------------------------------------------

const HOSTILE = '"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"}';
const METADATA = `{"name":"m","versions":["1"],"platform":"OpenVINO","inputs":[{"name":"b","datatype":"FP32","shape":[1,1]}],"outputs":[{"name":"a","datatype":"FP32","shape":[1,1]}],"rt_info":{${HOSTILE},"model_info":{${HOSTILE}}},${HOSTILE}}`;
const VERSION_STATUS = '{"model_version_status":[{"version":"1","state":"AVAILABLE","status":{"error_code":"OK","error_message":"OK"}}]}';

/** What the hostile transport answers, by path. */
const ANSWERS: Readonly<Record<string, { readonly body: string; readonly type?: string }>> = {
  '/v2': { body: `{"name":"ovms","version":"1",${HOSTILE}}` },
  '/v2/models/m': { body: METADATA },
  '/v2/models/m/infer': {
    body: `{"model_name":"m","model_version":"1","id":"x","parameters":{${HOSTILE},"ok":1},"outputs":[{"name":"a","datatype":"FP32","shape":[1,1],"parameters":{${HOSTILE}},"data":[1]}],${HOSTILE}}`,
  },
  '/v1/config': { body: `{"__proto__":${VERSION_STATUS},"constructor":${VERSION_STATUS},"prototype":${VERSION_STATUS},"m":${VERSION_STATUS}}` },
  '/v3/chat/completions': {
    body: `{"choices":[{"index":0,"message":{"role":"assistant","content":"hi","tool_calls":[],${HOSTILE}},"finish_reason":"stop",${HOSTILE}}],"created":1,"model":"m","object":"chat.completion","usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2,${HOSTILE}},${HOSTILE}}`,
  },
  '/v3/embeddings': { body: `{"data":[{"index":0,"embedding":[0.5],"object":"embedding",${HOSTILE}}],"object":"list","model":"m",${HOSTILE}}` },
  '/v3/rerank': { body: `{"results":[{"index":0,"relevance_score":0.5,${HOSTILE}}],${HOSTILE}}` },
  '/v3/tokenize': { body: `{"tokens":[1,2],${HOSTILE}}` },
  '/v3/models': { body: `{"object":"list","data":[{"id":"m","object":"model","created":1,"owned_by":"OVMS",${HOSTILE}}],${HOSTILE}}` },
  '/v3/models/m': { body: `{"id":"m","object":"model","created":1,"owned_by":"OVMS",${HOSTILE}}` },
  '/metrics': { body: '# TYPE x counter\nx{__proto__="a",constructor="b",prototype="c"} 1\n', type: 'text/plain; version=0.0.4' },
  '/v1/models/m:predict': { body: `{"outputs":{${HOSTILE},"a":[[1]]}}` },
  '/v1/models/m/metadata': {
    body: `{"modelSpec":{"name":"m","signatureName":"","version":"1",${HOSTILE}},"metadata":{"signature_def":{"@type":"type.googleapis.com/tensorflow.serving.SignatureDefMap","signatureDef":{${HOSTILE},"serving_default":{"inputs":{${HOSTILE},"b":{"dtype":"DT_FLOAT","tensorShape":{"dim":[{"size":"1","name":""}],"unknownRank":false},"name":"b"}},"outputs":{"a":{"dtype":"DT_FLOAT","tensorShape":{"dim":[],"unknownRank":false},"name":"a"}},"methodName":"","defaults":{}}}}}}`,
  },
};

function hostileConfig(): ClientConfig {
  const transport = (request: WireRequest): Promise<Response> => {
    const path = new URL(request.url).pathname;
    const answer = ANSWERS[path];
    if (path === '/v3/chat/completions' && request.body !== undefined && String(typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body)).includes('"stream":true')) {
      const chunk = `data: {"choices":[{"index":0,"delta":{"content":"hi",${HOSTILE}},"finish_reason":null,${HOSTILE}}],"created":1,"model":"m","object":"chat.completion.chunk",${HOSTILE}}\n\n`;
      return Promise.resolve(new Response(`${chunk}data: [DONE]\n\n`, { headers: { 'content-type': 'text/event-stream' } }));
    }
    if (answer === undefined) return Promise.resolve(new Response('{"error":"no such path"}', { status: 404 }));
    return Promise.resolve(new Response(answer.body, { headers: { 'content-type': answer.type ?? 'application/json' } }));
  };
  return createConfig({ baseUrl: 'http://127.0.0.1:9', transport, retry: false, model: 'm' });
}

/** Every object reachable from `value` (own enumerable properties). */
function objectsIn(value: unknown, out: object[] = [], seen = new Set<unknown>()): object[] {
  if (typeof value !== 'object' || value === null || seen.has(value) || ArrayBuffer.isView(value)) return out;
  seen.add(value);
  out.push(value);
  for (const key of Object.keys(value)) objectsIn((value as Record<string, unknown>)[key], out, seen);
  return out;
}

const PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype];
const snapshot = (): string[] => PROTOTYPES.map((p) => Object.getOwnPropertyNames(p).sort().join(','));

describe('hostile JSON keys cannot pollute prototypes', () => {
  const ops: readonly [string, (c: ClientConfig) => Promise<unknown>][] = [
    ['getServerMetadata', (c) => getServerMetadata(c)],
    ['getModelMetadataWithShapes (rt_info)', (c) => getModelMetadataWithShapes(c)],
    ['infer (parameters, output parameters)', (c) => infer(c, { inputs: { b: new Float32Array([1]) } })],
    ['getConfigStatus (servable names)', (c) => getConfigStatus(c)],
    ['chatCompletion', (c) => chatCompletion(c, { messages: [{ role: 'user', content: 'x' }] })],
    [
      'streamChatCompletion',
      async (c) => {
        const chunks: unknown[] = [];
        for await (const chunk of streamChatCompletion(c, { messages: [{ role: 'user', content: 'x' }] })) chunks.push(chunk);
        return chunks;
      },
    ],
    ['createEmbeddings', (c) => createEmbeddings(c, { input: 'x' })],
    ['rerank', (c) => rerank(c, { query: 'q', documents: ['d'] })],
    ['tokenize', (c) => tokenize(c, { text: 'x' })],
    ['listModels', (c) => listModels(c)],
    ['retrieveModel', (c) => retrieveModel(c, 'm')],
    ['getMetrics (label names)', (c) => getMetrics(c)],
    ['tfsPredict (column outputs)', (c) => tfsPredict(c, { inputs: { b: [[1]] } })],
    ['tfsGetModelMetadata (signature names)', (c) => tfsGetModelMetadata(c)],
  ];

  it.each(ops)('%s', async (_name, op) => {
    const before = snapshot();
    const result = await op(hostileConfig());
    expect(snapshot()).toEqual(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    const objects = objectsIn(result);
    expect(objects.length).toBeGreaterThan(0);
    for (const o of objects) {
      const proto = Object.getPrototypeOf(o) as unknown;
      // Only the plain prototypes (or none): never an object the server wrote.
      expect(proto === null || proto === Object.prototype || proto === Array.prototype, `prototype of ${JSON.stringify(o).slice(0, 80)}`).toBe(true);
      // `polluted` may be an own property (the server's data, kept as data), never an inherited one.
      if ('polluted' in o) expect(Object.hasOwn(o, 'polluted')).toBe(true);
    }
  });
});

/**
 * Reliability, point 2 (issue 7): property-based tests with fast-check.
 *
 * - Tensors: encode → decode round trips for every datatype and random shapes, binary and JSON.
 * - Response decoders (KServe JSON and binary infer responses, the binary tensor body, BYTES
 *   elements, SSE, Prometheus text, config status, OpenAI and TFS answers), fed random and mutated
 *   bytes, only ever return a value or throw `OvmsError`: never another error type, never a hang.
 *
 * "Never hang": every run is timed and must finish within PER_RUN_MS; async runs are also bounded
 * by fast-check's `timeout`, and each property by `interruptAfterTimeLimit`.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonBody } from '../../src/core/parseJsonBody.js';
import type { OvmsResponse } from '../../src/core/types.js';
import { isOvmsError } from '../../src/errors/OvmsError.js';
import { ConfigStatusSchema } from '../../src/protocols/config/configStatusSchema.js';
import { decodeInferResponse } from '../../src/protocols/kserve/decodeInferResponse.js';
import { InferResponseSchema, ModelMetadataSchema, ServerMetadataSchema } from '../../src/protocols/kserve/kserveSchemas.js';
import { parsePrometheusText } from '../../src/protocols/metrics/parsePrometheusText.js';
import {
  ChatCompletionChunkSchema,
  ChatCompletionSchema,
  EmbeddingsResponseSchema,
  ModelListSchema,
  RerankResultSchema,
  TokenizeResponseSchema,
} from '../../src/protocols/openai/openaiSchemas.js';
import { readSseData } from '../../src/protocols/openai/readSseData.js';
import { decodeTfsModelMetadata } from '../../src/protocols/tfs/decodeTfsModelMetadata.js';
import { decodeTfsPredictResponse } from '../../src/protocols/tfs/decodeTfsPredictResponse.js';
import {
  bfloat16BitsToFloat32,
  DATATYPES,
  decodeBinary,
  decodeBytesElements,
  decodeJson,
  encodeBinary,
  float16BitsToFloat32,
  toJsonData,
  type Datatype,
} from '../../src/tensors/index.js';

/** The longest a single decoder run may take before we call it a hang. */
const PER_RUN_MS = 1_000;
/** Upper bound of each property's total time. */
const PROPERTY_MS = 8_000;
const RUNS = 400;

const request = { operation: 'fuzz' } as const;

/** Runs `f`; it must return, or throw an OvmsError, within PER_RUN_MS. */
function valueOrOvmsError(f: () => unknown): void {
  const started = performance.now();
  try {
    f();
  } catch (error) {
    if (!isOvmsError(error)) throw new Error(`expected a value or an OvmsError, got ${String(error)}`, { cause: error });
  } finally {
    const elapsed = performance.now() - started;
    if (elapsed > PER_RUN_MS) throw new Error(`a decoder run took ${Math.round(elapsed)} ms`);
  }
}

async function valueOrOvmsErrorAsync(f: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  try {
    await f();
  } catch (error) {
    if (!isOvmsError(error)) throw new Error(`expected a value or an OvmsError, got ${String(error)}`, { cause: error });
  } finally {
    const elapsed = performance.now() - started;
    if (elapsed > PER_RUN_MS) throw new Error(`a decoder run took ${Math.round(elapsed)} ms`);
  }
}

const params = (numRuns = RUNS): fc.Parameters<unknown> => ({ numRuns, interruptAfterTimeLimit: PROPERTY_MS, markInterruptAsFailure: false });

// ---------------------------------------------------------------------------------------------
// Arbitraries

/** A shape of up to 4 dimensions of 0..4 (up to 256 elements; 0 dimensions = a scalar). */
const shapeArb = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 4 });
const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Random values of one datatype that survive the trip unchanged (as a JS value). */
function elementArb(dt: Datatype): fc.Arbitrary<unknown> {
  switch (dt) {
    case 'BOOL':
      return fc.boolean();
    case 'UINT8':
      return fc.integer({ min: 0, max: 255 });
    case 'UINT16':
      return fc.integer({ min: 0, max: 65_535 });
    case 'UINT32':
      return fc.integer({ min: 0, max: 2 ** 32 - 1 });
    case 'INT8':
      return fc.integer({ min: -128, max: 127 });
    case 'INT16':
      return fc.integer({ min: -32_768, max: 32_767 });
    case 'INT32':
      return fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
    case 'INT64':
      return fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
    case 'UINT64':
      return fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
    case 'FP16':
      return fc.integer({ min: 0, max: 0xffff }).map(float16BitsToFloat32);
    case 'BF16':
      return fc.integer({ min: 0, max: 0xffff }).map(bfloat16BitsToFloat32);
    case 'FP32':
      return fc.float();
    case 'FP64':
      return fc.double();
    case 'BYTES':
      return fc.string({ unit: 'binary', maxLength: 12 });
  }
}

/** A value as the decoder gives it back. */
function expected(dt: Datatype, x: unknown): unknown {
  if (dt === 'FP32' || dt === 'FP16' || dt === 'BF16') return Math.fround(x as number);
  return x;
}

function sameValue(a: unknown, b: unknown): boolean {
  return Object.is(a, b) || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));
}

/** Nests a flat list into `shape` (row-major). */
function nest(flat: readonly unknown[], shape: readonly number[]): unknown {
  if (shape.length === 0) return flat[0];
  const [d, ...rest] = shape as [number, ...number[]];
  const step = size(rest);
  return Array.from({ length: d }, (_, i) => nest(flat.slice(i * step, (i + 1) * step), rest));
}

/** Byte-level mutations of a valid body: flips, inserts, deletions, truncation. */
const mutationArb = fc.array(
  fc.record({ kind: fc.constantFrom('flip', 'insert', 'delete', 'truncate', 'set'), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  { minLength: 1, maxLength: 6 },
);
function mutate(base: Uint8Array, ops: readonly { kind: string; at: number; byte: number }[]): Uint8Array {
  let bytes = Array.from(base);
  for (const op of ops) {
    const at = bytes.length === 0 ? 0 : op.at % (bytes.length + 1);
    if (op.kind === 'flip' && at < bytes.length) bytes[at] = (bytes[at] as number) ^ (1 << op.byte % 8);
    else if (op.kind === 'set' && at < bytes.length) bytes[at] = op.byte;
    else if (op.kind === 'insert') bytes.splice(at, 0, op.byte);
    else if (op.kind === 'delete') bytes.splice(at, 1);
    else if (op.kind === 'truncate') bytes = bytes.slice(0, at);
  }
  return Uint8Array.from(bytes);
}
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

// ---------------------------------------------------------------------------------------------

describe('tensor round trips, every datatype, random shapes', () => {
  it.each(DATATYPES)('%s: binary encode → decode gives the same values (flat, nested and typed input)', (dt) => {
    const arb = shapeArb.chain((shape) => fc.tuple(fc.constant(shape), fc.array(elementArb(dt), { minLength: size(shape), maxLength: size(shape) })));
    fc.assert(
      fc.property(arb, fc.boolean(), ([shape, values], nested) => {
        const input = nested && shape.length > 0 ? (nest(values, shape) as unknown[]) : values;
        const bytes = encodeBinary(dt, input as never, 'x');
        const decoded = decodeBinary(dt, bytes, shape);
        const out = Array.from(decoded as ArrayLike<unknown>);
        expect(out.length).toBe(values.length);
        for (let i = 0; i < values.length; i += 1) {
          if (!sameValue(out[i], expected(dt, values[i]))) throw new Error(`element ${i}: ${String(out[i])} != ${String(values[i])}`);
        }
      }),
      params(200),
    );
  });

  it.each(DATATYPES.filter((d) => d !== 'FP16' && d !== 'BF16'))('%s: JSON (toJsonData → JSON text → decodeJson) gives the same values', (dt) => {
    // JSON numbers are doubles: 64-bit integers travel exactly only within ±2^53, and JSON has no NaN or ±Infinity.
    const element =
      dt === 'INT64'
        ? fc.bigInt({ min: BigInt(Number.MIN_SAFE_INTEGER), max: BigInt(Number.MAX_SAFE_INTEGER) })
        : dt === 'UINT64'
          ? fc.bigInt({ min: 0n, max: BigInt(Number.MAX_SAFE_INTEGER) })
          : dt === 'FP32'
            ? fc.float({ noNaN: true, noDefaultInfinity: true })
            : dt === 'FP64'
              ? fc.double({ noNaN: true, noDefaultInfinity: true })
              : elementArb(dt);
    const arb = shapeArb.chain((shape) => fc.tuple(fc.constant(shape), fc.array(element, { minLength: size(shape), maxLength: size(shape) })));
    fc.assert(
      fc.property(arb, ([shape, values]) => {
        const json = JSON.parse(JSON.stringify(toJsonData(dt, values as never, 'x'))) as unknown;
        const out = Array.from(decodeJson(dt, json, shape) as ArrayLike<unknown>);
        for (let i = 0; i < values.length; i += 1) {
          // JSON cannot tell -0 from 0.
          const want = expected(dt, values[i]);
          if (!sameValue(out[i], want) && !(want === 0 && out[i] === 0)) throw new Error(`element ${i}: ${String(out[i])} != ${String(want)}`);
        }
      }),
      params(200),
    );
  });

  it('decodeBinary and decodeBytesElements on random bytes and shapes: a value or OvmsError', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DATATYPES),
        fc.uint8Array({ maxLength: 128 }),
        fc.array(fc.oneof(fc.integer({ min: -2, max: 8 }), fc.constantFrom(2 ** 31, 2 ** 53, 1e300, Number.NaN, 0.5)), { maxLength: 5 }),
        fc.constantFrom<'string' | 'binary'>('string', 'binary'),
        (dt, bytes, shape, mode) => {
          valueOrOvmsError(() => decodeBinary(dt, bytes, shape, { bytes: mode }));
          valueOrOvmsError(() => decodeBytesElements(bytes, shape.length));
        },
      ),
      params(1_000),
    );
  });

  it('decodeJson on random JSON values: a value or OvmsError', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DATATYPES), fc.jsonValue({ maxDepth: 4 }), shapeArb, (dt, data, shape) => {
        valueOrOvmsError(() => decodeJson(dt, data, shape));
        valueOrOvmsError(() => decodeJson(dt, [data], shape));
      }),
      params(1_000),
    );
  });
});

// ---------------------------------------------------------------------------------------------

function response(body: Uint8Array, headerLength?: string): OvmsResponse {
  const headers = new Headers({ 'content-type': 'application/json' });
  if (headerLength !== undefined) headers.set('inference-header-content-length', headerLength);
  return { status: 200, headers, url: 'http://127.0.0.1/v2/models/m/infer', body };
}

/** A valid binary infer response: JSON header + binary outputs. */
const validBinaryResponse = fc
  .array(fc.tuple(fc.constantFrom(...DATATYPES), shapeArb), { minLength: 1, maxLength: 3 })
  .chain((outs) =>
    fc.tuple(...outs.map(([dt, shape]) => fc.array(elementArb(dt), { minLength: size(shape), maxLength: size(shape) }).map((values) => ({ dt, shape, values })))),
  )
  .map((outs) => {
    const tails = outs.map((o) => encodeBinary(o.dt, o.values as never, 'x'));
    const header = utf8(
      JSON.stringify({
        model_name: 'm',
        model_version: '1',
        outputs: outs.map((o, i) => ({ name: `o${i}`, datatype: o.dt, shape: o.shape, parameters: { binary_data_size: tails[i]?.byteLength } })),
      }),
    );
    const body = new Uint8Array(header.byteLength + tails.reduce((a, t) => a + t.byteLength, 0));
    body.set(header, 0);
    let at = header.byteLength;
    for (const t of tails) {
      body.set(t, at);
      at += t.byteLength;
    }
    return { body, headerLength: header.byteLength };
  });

/** JSON shaped like an infer response, with random (often wrong) field values. */
const inferLikeJson = fc.record(
  {
    model_name: fc.oneof(fc.string(), fc.jsonValue({ maxDepth: 1 })),
    model_version: fc.oneof(fc.string(), fc.integer()),
    id: fc.string(),
    parameters: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })), fc.jsonValue({ maxDepth: 1 })),
    outputs: fc.array(
      fc.record(
        {
          name: fc.oneof(fc.string(), fc.integer()),
          datatype: fc.oneof(fc.constantFrom(...DATATYPES), fc.string()),
          shape: fc.oneof(fc.array(fc.integer({ min: -2, max: 6 }), { maxLength: 4 }), fc.jsonValue({ maxDepth: 1 })),
          parameters: fc.oneof(fc.record({ binary_data_size: fc.oneof(fc.integer({ min: -2, max: 64 }), fc.double(), fc.string()) }), fc.jsonValue({ maxDepth: 1 })),
          data: fc.oneof(fc.array(fc.oneof(fc.double(), fc.boolean(), fc.string(), fc.bigInt().map(String)), { maxLength: 40 }), fc.jsonValue({ maxDepth: 4 })),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 3 },
    ),
  },
  { requiredKeys: [] },
);

describe('KServe infer response decoder (JSON and binary)', () => {
  it('decodes every valid binary response it is given', () => {
    fc.assert(
      fc.property(validBinaryResponse, ({ body, headerLength }) => {
        const result = decodeInferResponse(response(body, String(headerLength)));
        expect(result.modelName).toBe('m');
      }),
      params(200),
    );
  });

  it('random bytes, with and without a random Inference-Header-Content-Length: a value or OvmsError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), fc.option(fc.oneof(fc.nat({ max: 300 }).map(String), fc.string({ maxLength: 8 }))), (body, header) => {
        valueOrOvmsError(() => decodeInferResponse(response(body, header ?? undefined)));
      }),
      params(1_000),
    );
  });

  it('mutated valid binary responses (body bytes and header length): a value or OvmsError', () => {
    fc.assert(
      fc.property(validBinaryResponse, mutationArb, fc.integer({ min: -8, max: 8 }), fc.constantFrom<'string' | 'binary'>('string', 'binary'), ({ body, headerLength }, ops, delta, bytes) => {
        valueOrOvmsError(() => decodeInferResponse(response(mutate(body, ops), String(headerLength + delta)), { bytes }));
        valueOrOvmsError(() => decodeInferResponse(response(body, String(headerLength + delta)), { bytes }));
      }),
      params(1_000),
    );
  });

  it('structurally random JSON responses: a value or OvmsError', () => {
    fc.assert(
      fc.property(inferLikeJson, mutationArb, (json, ops) => {
        const body = utf8(JSON.stringify(json));
        valueOrOvmsError(() => decodeInferResponse(response(body)));
        valueOrOvmsError(() => decodeInferResponse(response(mutate(body, ops))));
      }),
      params(1_000),
    );
  });

  it('deeply nested data does not overflow the stack', () => {
    const deep = `{"model_name":"m","outputs":[{"name":"a","datatype":"FP32","shape":[1],"data":${'['.repeat(100_000)}1${']'.repeat(100_000)}}]}`;
    valueOrOvmsError(() => decodeInferResponse(response(utf8(deep))));
  });
});

// ---------------------------------------------------------------------------------------------

function streamOf(chunks: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++] as Uint8Array);
      else controller.close();
    },
  });
}

/** Splits bytes into chunks at random points. */
function chunked(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => (bytes.length === 0 ? 0 : c % bytes.length)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let start = 0;
  for (const p of points) {
    out.push(bytes.subarray(start, p));
    start = p;
  }
  out.push(bytes.subarray(start));
  return out;
}

const sseEvent = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }).map((v) => `data: ${JSON.stringify(v)}\n\n`),
  fc.constant('data: {"choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":null}],"created":1,"model":"llama3","object":"chat.completion.chunk"}\n\n'),
  fc.constant('{"error": "Mediapipe execution failed"}'),
  fc.constant(': comment\n'),
  fc.constant('event: x\nid: 1\nretry: 5\n'),
  fc.constant('data: [DONE]\n\n'),
  fc.string({ maxLength: 20 }),
);

describe('SSE reader', () => {
  const read = async (chunks: readonly Uint8Array[], maxBufferSize: number): Promise<void> => {
    const events = readSseData(streamOf(chunks), { idleTimeoutMs: PER_RUN_MS, maxBufferSize, request });
    for await (const data of events) {
      // What openAiStream does with each event: JSON against the chunk schema (Decode on failure).
      try {
        parseJsonBody(data, ChatCompletionChunkSchema, 'chunk', request);
      } catch (error) {
        if (!isOvmsError(error)) throw error;
      }
    }
  };

  it('random bytes in random chunks: events or OvmsError, never a hang', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(), { maxLength: 6 }), fc.integer({ min: 1, max: 512 }), async (bytes, cuts, max) => {
        await valueOrOvmsErrorAsync(() => read(chunked(bytes, cuts), max));
      }),
      { ...params(500), timeout: PER_RUN_MS * 2 },
    );
  });

  it('mutated event streams in random chunks: events or OvmsError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(sseEvent, { maxLength: 8 }), mutationArb, fc.array(fc.nat(), { maxLength: 6 }), async (events, ops, cuts) => {
        const bytes = utf8(events.join(''));
        await valueOrOvmsErrorAsync(() => read(chunked(bytes, cuts), 1_024));
        await valueOrOvmsErrorAsync(() => read(chunked(mutate(bytes, ops), cuts), 1_024));
      }),
      { ...params(500), timeout: PER_RUN_MS * 2 },
    );
  });
});

// ---------------------------------------------------------------------------------------------

const PROMETHEUS_SAMPLE = readFileSync(new URL('../fixtures/metrics-sample.prom', import.meta.url), 'utf8');
const PROM_ALPHABET = fc.constantFrom('{', '}', '"', '=', ',', '\\', '\n', ' ', '#', 'e', '+', '-', '.', 'I', 'N', '_', 'a', '0', '9', 'TYPE', 'HELP', 'le', '\r');

describe('Prometheus text parser', () => {
  it('random text: families or OvmsError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.array(PROM_ALPHABET, { maxLength: 80 }).map((p) => p.join(''))), (text) => {
        valueOrOvmsError(() => parsePrometheusText(text, request));
      }),
      params(2_000),
    );
  });

  it("mutated OVMS /metrics text: families or OvmsError", () => {
    // Every HELP and TYPE line with the first samples of each family (the whole file is ~10× slower per run).
    let kept = 0;
    const lines = PROMETHEUS_SAMPLE.split('\n').filter((line) => {
      if (line.startsWith('#')) kept = 0;
      else kept += 1;
      return kept <= 4;
    });
    const base = utf8(lines.join('\n'));
    fc.assert(
      fc.property(mutationArb, (ops) => {
        valueOrOvmsError(() => parsePrometheusText(new TextDecoder().decode(mutate(base, ops)), request));
      }),
      params(500),
    );
  });
});

// ---------------------------------------------------------------------------------------------

const JSON_DECODERS: readonly [string, (body: Uint8Array) => unknown, unknown][] = [
  ['config status', (b) => parseJsonBody(b, ConfigStatusSchema, 'getConfigStatus', request), { dummy: { model_version_status: [{ version: '1', state: 'AVAILABLE', status: { error_code: 'OK', error_message: 'OK' } }] } }],
  ['model metadata', (b) => parseJsonBody(b, ModelMetadataSchema, 'metadata', request), { name: 'm', versions: ['1'], platform: 'OpenVINO', inputs: [{ name: 'b', datatype: 'FP32', shape: [1, 10] }], outputs: [], rt_info: { a: 1 } }],
  ['server metadata', (b) => parseJsonBody(b, ServerMetadataSchema, 'server', request), { name: 'OpenVINO Model Server', version: '2026.3.0' }],
  ['infer JSON', (b) => parseJsonBody(b, InferResponseSchema, 'infer', request), { model_name: 'm', outputs: [{ name: 'a', datatype: 'FP32', shape: [1], data: [1] }] }],
  ['chat completion', (b) => parseJsonBody(b, ChatCompletionSchema, 'chat', request), { choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }], created: 1, model: 'llama3', object: 'chat.completion' }],
  ['embeddings', (b) => parseJsonBody(b, EmbeddingsResponseSchema, 'embeddings', request), { data: [{ index: 0, embedding: [0.5], object: 'embedding' }], object: 'list' }],
  ['rerank', (b) => parseJsonBody(b, RerankResultSchema, 'rerank', request), { results: [{ index: 0, relevance_score: 0.5 }] }],
  ['tokenize', (b) => parseJsonBody(b, TokenizeResponseSchema, 'tokenize', request), { tokens: [1, 2] }],
  ['model list', (b) => parseJsonBody(b, ModelListSchema, 'models', request), { object: 'list', data: [{ id: 'm', object: 'model', created: 1, owned_by: 'OVMS' }] }],
  ['TFS predict (row)', (b) => decodeTfsPredictResponse(b, 'row', request), { predictions: [[1, 2]] }],
  ['TFS predict (column)', (b) => decodeTfsPredictResponse(b, 'column', request), { outputs: { a: [1] } }],
  ['TFS metadata', (b) => decodeTfsModelMetadata(b, request), { model_spec: { name: 'm', version: '1' }, metadata: { signature_def: { signatureDef: {} } } }],
];

describe('JSON decoders (config status, metadata, OpenAI, TFS)', () => {
  it.each(JSON_DECODERS)('%s: random bytes, random JSON and mutated valid bodies give a value or OvmsError', (_name, decode, valid) => {
    const base = utf8(JSON.stringify(valid));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.jsonValue({ maxDepth: 4 }), mutationArb, (bytes, json, ops) => {
        valueOrOvmsError(() => decode(bytes));
        valueOrOvmsError(() => decode(utf8(JSON.stringify(json) ?? 'null')));
        valueOrOvmsError(() => decode(mutate(base, ops)));
      }),
      params(300),
    );
  });
});

/**
 * End-to-end: the functional client against the test server's computing servables (dummy, resnet,
 * bert, string, multi_io, dummy_fp16), checking real results rather than echoes.
 */
import { describe, expect, it } from 'vitest';
import { createConfig, getModelMetadataWithShapes, getModelReady, getServerLive, getServerMetadata, getServerReady, infer, toNested, type BinaryMode, type ClientConfig } from '../../src/ovms.js';
import type { TestServer } from '../../src/testing/index.js';
import { FAST_RETRY, faultHeaders, inferHeaderOf, inferRequestsSince, rejectionOf, routesSince, useFileServer } from './e2eHelpers.js';

let server: TestServer;
let config: ClientConfig;

useFileServer((s, c) => {
  server = s;
  config = c;
});

const ZERO_TO_NINE = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

describe('server health and metadata', () => {
  it('live, ready, metadata', async () => {
    const mark = server.requestCount;
    expect(await getServerLive(config)).toBe(true);
    expect(await getServerReady(config)).toBe(true);
    expect(await getServerMetadata(config)).toEqual({ name: 'OpenVINO Model Server', version: '2026.3.0', extensions: [] });
    expect(routesSince(server, mark)).toEqual(['GET /v2/health/live', 'GET /v2/health/ready', 'GET /v2']);
  });

  it('a 503 from the ready route is false, not an error (and not retried)', async () => {
    const mark = server.requestCount;
    expect(await getServerReady(config, { headers: faultHeaders({ status: 503 }) })).toBe(false);
    expect(await getServerLive(config, { headers: faultHeaders({ status: 503 }) })).toBe(false);
    expect(server.requestCount - mark).toBe(2);
  });

  it('every built-in KServe servable is ready', async () => {
    const names = ['dummy', 'versioned', 'resnet', 'resnet50', 'bert', 'custom_model', 'string', 'dummy_fp16', 'multi_io'];
    expect(await Promise.all(names.map((model) => getModelReady(config, { model })))).toEqual(names.map(() => true));
  });
});

describe('dummy: a = b + 1', () => {
  it.each<BinaryMode>(['never', 'always'])('with binary: %s', async (binary) => {
    const mark = server.requestCount;
    const result = await infer(config, { model: 'dummy', inputs: { b: ZERO_TO_NINE } }, { binary, requestId: `dummy-${binary}` });
    expect(result).toStrictEqual({
      modelName: 'dummy',
      modelVersion: '1',
      id: `dummy-${binary}`,
      parameters: undefined,
      outputs: [{ name: 'a', datatype: 'FP32', shape: [1, 10], data: new Float32Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) }],
    });
    const [sent] = inferRequestsSince(server, mark);
    expect(sent?.headers['content-type']).toBe(binary === 'never' ? 'application/json' : 'application/octet-stream');
    // The flat array took the model's shape [1,10] from the metadata.
    expect((inferHeaderOf(sent!)['inputs'] as { shape: number[] }[])[0]?.shape).toEqual([1, 10]);
  });

  it('nested outputs via toNested', async () => {
    const result = await infer(config, { model: 'dummy', inputs: { b: new Float32Array(ZERO_TO_NINE) } });
    expect(toNested(result.outputs[0]!)).toEqual([[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]);
  });
});

describe('resnet: softmax over 10 classes', () => {
  // Two 4x4 RGB images, NHWC, with different statistics.
  const image = (seed: number): number[][][] =>
    Array.from({ length: 4 }, (_, y) => Array.from({ length: 4 }, (_, x) => [0, 1, 2].map((c) => ((seed * 7 + y * 5 + x * 3 + c * 11) % 17) / 17)));

  it('each row of probabilities sums to 1 and the two images score differently', async () => {
    const result = await infer(config, { model: 'resnet', inputs: { image: [image(1), image(2)] } });
    const out = result.outputs[0]!;
    expect(out.name).toBe('probabilities');
    expect(out.datatype).toBe('FP32');
    expect(out.shape).toEqual([2, 10]);
    const data = out.data as Float32Array;
    expect(data).toBeInstanceOf(Float32Array);
    for (let row = 0; row < 2; row += 1) {
      const p = Array.from(data.subarray(row * 10, row * 10 + 10));
      expect(p.every((v) => v > 0 && v < 1)).toBe(true);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
    expect(Array.from(data.subarray(0, 10))).not.toEqual(Array.from(data.subarray(10, 20)));
  });

  it('one image without a batch dimension gets batch 1, and the same scores as in the batch', async () => {
    const [single, batch] = await Promise.all([
      infer(config, { model: 'resnet', inputs: { image: image(2) } }),
      infer(config, { model: 'resnet', inputs: { image: [image(1), image(2)] } }),
    ]);
    expect(single.outputs[0]?.shape).toEqual([1, 10]);
    expect(single.outputs[0]?.data).toStrictEqual((batch.outputs[0]?.data as Float32Array).slice(10, 20));
  });
});

describe('bert: token ids → embedding, versions 1–3', () => {
  const tokens = [101, 7592, 2088, 102];
  const mask = [1, 1, 1, 1];

  /** The servable's documented formula (README / textServables.ts), computed independently here. */
  function expectedEmbedding(version: number): number[] {
    const e = new Array<number>(16).fill(0);
    tokens.forEach((tok, t) => {
      for (let j = 0; j < 16; j += 1) e[j] = (e[j] ?? 0) + Math.sin(0.01 * version * (tok + 1) * (j + 1) + 0.1 * t);
    });
    const scaled = e.map((v) => v / tokens.length);
    const norm = Math.sqrt(scaled.reduce((s, v) => s + v * v, 0));
    return scaled.map((v) => v / norm);
  }

  it.each([1, 2, 3])('version %i computes the documented embedding', async (version) => {
    const result = await infer(config, { model: 'bert', version, inputs: { data: tokens, mask } });
    expect(result.modelVersion).toBe(String(version));
    const out = result.outputs[0]!;
    expect([out.name, out.datatype, out.shape]).toEqual(['embedding', 'FP32', [1, 16]]);
    const got = Array.from(out.data as Float32Array);
    expectedEmbedding(version).forEach((v, j) => expect(got[j]).toBeCloseTo(v, 6));
  });

  it('the three versions give three different embeddings for the same tokens', async () => {
    const results = await Promise.all([1, 2, 3].map((version) => infer(config, { model: 'bert', version, inputs: { data: tokens, mask } })));
    const rows = results.map((r) => Array.from(r.outputs[0]?.data as Float32Array));
    expect(new Set(rows.map((r) => r.join(','))).size).toBe(3);
  });

  it('INT64 token ids may be given as bigint, as BigInt64Array or as numbers: same answer', async () => {
    const a = await infer(config, { model: 'bert', inputs: { data: tokens, mask } });
    const b = await infer(config, { model: 'bert', inputs: { data: new BigInt64Array(tokens.map(BigInt)), mask: mask.map(BigInt) } });
    expect(b.outputs).toStrictEqual(a.outputs);
  });
});

describe('string: BYTES in, BYTES out', () => {
  const names = ['abc', 'Hello wörld', ''];
  it.each([
    [1, ['abc', 'Hello wörld', '']],
    [2, ['ABC', 'HELLO WöRLD', '']],
    [3, ['cba', 'dlröw olleH', '']],
  ] as const)('version %i', async (version, expected) => {
    for (const binary of ['never', 'always'] as const) {
      const result = await infer(config, { model: 'string', version, inputs: { my_name: names } }, { binary });
      expect(result.modelVersion).toBe(String(version));
      expect(result.outputs).toStrictEqual([{ name: 'my_name', datatype: 'BYTES', shape: [3], data: [...expected] }]);
    }
  });
});

describe('multi_io: several inputs and outputs of different datatypes', () => {
  const inputs = {
    a: [[1.5, 2], [3, 4]],
    b: [[1, 2], [3, 4]],
    flags: [[true, false], [true, true]],
    text: ['ab', 'Cd!'],
  };

  it.each<BinaryMode>(['never', 'always', 'auto'])('every output decoded, with binary: %s', async (binary) => {
    const mark = server.requestCount;
    const result = await infer(config, { model: 'multi_io', inputs }, { binary });
    expect(result.outputs).toStrictEqual([
      { name: 'active', datatype: 'INT64', shape: [2], data: new BigInt64Array([1n, 2n]) },
      { name: 'lengths', datatype: 'UINT32', shape: [2], data: new Uint32Array([2, 3]) },
      { name: 'masked', datatype: 'FP32', shape: [2, 2], data: new Float32Array([1.5, 0, 3, 4]) },
      { name: 'sum', datatype: 'FP64', shape: [2, 2], data: new Float64Array([2.5, 4, 6, 8]) },
      { name: 'upper', datatype: 'BYTES', shape: [2], data: ['AB', 'CD!'] },
    ]);
    // The datatypes came from the metadata: b travelled as INT32 and flags as BOOL.
    const sent = inferHeaderOf(inferRequestsSince(server, mark)[0]!);
    expect((sent['inputs'] as { name: string; datatype: string }[]).map((i) => [i.name, i.datatype])).toEqual([
      ['a', 'FP32'],
      ['b', 'INT32'],
      ['flags', 'BOOL'],
      ['text', 'BYTES'],
    ]);
    // Only one output can be binary (OVMS keeps the last `outputs` element).
    expect(sent['outputs']).toHaveLength(1);
  });
});

describe('precision', () => {
  it('dummy_fp16 fed a Float32Array: the client converts to FP16 (metadata) and decodes the FP16 answer', async () => {
    const mark = server.requestCount;
    const b = new Float32Array([0, 0.5, 1, 1.5, -2, 0.25, 1024, 3.75, 0.1, 2048]);
    const result = await infer(config, { model: 'dummy_fp16', inputs: { b } });
    // 0.1 → FP16 0.0999755859375, +1 → 1.0999755859375 rounds to 1.099609375; 2049 rounds (ties to even) to 2048.
    expect(result.outputs).toStrictEqual([
      { name: 'a', datatype: 'FP16', shape: [1, 10], data: new Float32Array([1, 1.5, 2, 2.5, -1, 1.25, 1025, 4.75, 1.099609375, 2048]) },
    ]);
    const sent = inferRequestsSince(server, mark)[0]!;
    expect(inferHeaderOf(sent)['inputs']).toEqual([{ name: 'b', shape: [1, 10], datatype: 'FP16', parameters: { binary_data_size: 20 } }]);
    expect(sent.headers['content-type']).toBe('application/octet-stream');
  });

  it("precision: 'FP16' against an FP32 model changes nothing: the metadata fixes FP32", async () => {
    const mark = server.requestCount;
    const result = await infer(config, { model: 'dummy', inputs: { b: ZERO_TO_NINE } }, { precision: 'FP16' });
    expect(result.outputs[0]?.data).toStrictEqual(new Float32Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    expect((inferHeaderOf(inferRequestsSince(server, mark)[0]!)['inputs'] as { datatype: string }[])[0]?.datatype).toBe('FP32');
  });

  it('a precision config against an FP32 model: also no effect, and no server error', async () => {
    const fp16 = createConfig({ baseUrl: server.url, retry: FAST_RETRY, precision: 'FP16' });
    const result = await infer(fp16, { model: 'dummy', inputs: { b: ZERO_TO_NINE } });
    expect(result.outputs[0]?.datatype).toBe('FP32');
    expect(result.outputs[0]?.data).toStrictEqual(new Float32Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
  });

  it('without metadata (validate: false) the precision does decide: FP16 reaches dummy_fp16, and dummy rejects it', async () => {
    const ok = await infer(config, { model: 'dummy_fp16', inputs: { b: [ZERO_TO_NINE] } }, { validate: false, precision: 'FP16', binaryOutput: 'a' });
    expect(ok.outputs[0]?.data).toStrictEqual(new Float32Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    const error = await rejectionOf(infer(config, { model: 'dummy', inputs: { b: [ZERO_TO_NINE] } }, { validate: false, precision: 'FP16' }));
    expect(error.reason).toEqual({ _tag: 'Status', status: 400, serverMessage: 'Invalid input precision - Expected: FP32; Actual: FP16; input name: b' });
  });

  it('the FP16 model metadata says FP16 on both sides', async () => {
    const meta = await getModelMetadataWithShapes(config, { model: 'dummy_fp16' });
    expect(meta.inputs).toEqual([{ name: 'b', datatype: 'FP16', shape: [1, 10] }]);
    expect(meta.outputs).toEqual([{ name: 'a', datatype: 'FP16', shape: [1, 10] }]);
  });
});

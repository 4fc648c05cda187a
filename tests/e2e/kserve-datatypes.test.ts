/**
 * End-to-end: every KServe datatype through the `identity_<dt>` servables of the test server, with
 * the inputs as JSON (`binary: 'never'`) and as binary data (`binary: 'always'`), the output as
 * binary data (the default) and as JSON (`binaryOutput: false`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfig, infer, type BinaryMode, type ClientConfig, type Datatype, type TensorInputData, type TensorOutputData } from '../../src/ovms.js';
import { startTestServer, type TestServer } from '../../src/testing/index.js';
import { FAST_RETRY, inferHeaderOf, inferRequestsSince, RECEIVED_LIMIT, recordingFetch, rejectionOf } from './e2eHelpers.js';

let server: TestServer;
let config: ClientConfig;
const recorder = recordingFetch();

beforeAll(async () => {
  server = await startTestServer({ host: '127.0.0.1', port: 0, receivedLimit: RECEIVED_LIMIT });
  config = createConfig({ baseUrl: server.url, retry: FAST_RETRY, fetch: recorder.fetch });
});

afterAll(async () => {
  await server.close();
});

interface Case {
  readonly datatype: Datatype;
  /** What the caller passes (shape [2, 3] unless the data says otherwise). */
  readonly input: TensorInputData;
  readonly shape: readonly number[];
  /** The decoded output, as a whole value. */
  readonly expected: TensorOutputData;
  /** The decoded output when the input travelled as JSON, where it differs (an OVMS quirk). */
  readonly expectedFromJson?: TensorOutputData;
}

const I64_MAX_SAFE = 2n ** 53n - 1n;

/** Values that JSON carries exactly: used for both modes. */
const JSON_CASES: readonly Case[] = [
  { datatype: 'BOOL', input: [[true, false, true], [false, false, true]], shape: [2, 3], expected: [true, false, true, false, false, true] },
  { datatype: 'UINT8', input: [[0, 1, 127], [128, 254, 255]], shape: [2, 3], expected: new Uint8Array([0, 1, 127, 128, 254, 255]) },
  { datatype: 'UINT16', input: new Uint16Array([0, 1, 65535, 256, 32768, 7]), shape: [1, 6], expected: new Uint16Array([0, 1, 65535, 256, 32768, 7]) },
  { datatype: 'UINT32', input: [[0, 4294967295, 65536]], shape: [1, 3], expected: new Uint32Array([0, 4294967295, 65536]) },
  {
    datatype: 'UINT64',
    input: [[0n, 1n, I64_MAX_SAFE]],
    shape: [1, 3],
    expected: new BigUint64Array([0n, 1n, I64_MAX_SAFE]),
  },
  { datatype: 'INT8', input: new Int8Array([-128, -1, 0, 1, 127, 5]), shape: [1, 6], expected: new Int8Array([-128, -1, 0, 1, 127, 5]) },
  { datatype: 'INT16', input: [[-32768, 32767], [0, -2]], shape: [2, 2], expected: new Int16Array([-32768, 32767, 0, -2]) },
  { datatype: 'INT32', input: [[-2147483648, 2147483647, 0]], shape: [1, 3], expected: new Int32Array([-2147483648, 2147483647, 0]) },
  {
    datatype: 'INT64',
    input: [[-I64_MAX_SAFE, -1n, 0n], [1n, 42n, I64_MAX_SAFE]],
    shape: [2, 3],
    expected: new BigInt64Array([-I64_MAX_SAFE, -1n, 0n, 1n, 42n, I64_MAX_SAFE]),
  },
  {
    datatype: 'FP32',
    // 0.1 is not a float32: the client sends the float32 nearest to it, and gets exactly that back.
    // (-0 is left out: JSON.stringify(-0) is "0", so JSON cannot carry the sign; the binary case has it.)
    input: [[0.1, -2.5, 3.4028234663852886e38], [1e-7, 0, 16777217]],
    shape: [2, 3],
    expected: Float32Array.from([0.1, -2.5, 3.4028234663852886e38, 1e-7, 0, 16777216]),
  },
  {
    datatype: 'FP64',
    input: new Float64Array([0.1, Math.PI, -1.5, 2 ** 40, 1 / 3, 123456789.123456789]),
    shape: [1, 6],
    expected: new Float64Array([0.1, Math.PI, -1.5, 2 ** 40, 1 / 3, 123456789.123456789]),
    // OVMS reads FP64 JSON values through a C++ float (rest-api.md §4.3, table §4.7: "use binary for
    // exact doubles"); the test server reproduces that, so JSON inputs come back rounded to float32.
    expectedFromJson: Float64Array.from([0.1, Math.PI, -1.5, 2 ** 40, 1 / 3, 123456789.123456789], Math.fround),
  },
  { datatype: 'BYTES', input: ['a', 'héllo wörld', '', '日本語'], shape: [4], expected: ['a', 'héllo wörld', '', '日本語'] },
];

/** Values only binary data carries: full 64-bit ranges. */
const BINARY_ONLY_CASES: readonly Case[] = [
  {
    datatype: 'UINT64',
    input: new BigUint64Array([0n, 2n ** 64n - 1n, 2n ** 53n + 1n]),
    shape: [1, 3],
    expected: new BigUint64Array([0n, 2n ** 64n - 1n, 2n ** 53n + 1n]),
  },
  {
    datatype: 'INT64',
    input: new BigInt64Array([-(2n ** 63n), 2n ** 63n - 1n, 2n ** 53n + 1n]),
    shape: [1, 3],
    expected: new BigInt64Array([-(2n ** 63n), 2n ** 63n - 1n, 2n ** 53n + 1n]),
  },
  {
    datatype: 'FP32',
    input: new Float32Array([Number.NaN, Infinity, -Infinity, -0]),
    shape: [1, 4],
    expected: new Float32Array([Number.NaN, Infinity, -Infinity, -0]),
  },
  {
    datatype: 'FP64',
    input: new Float64Array([-1e300, 5e-324, Number.NaN, -0]),
    shape: [1, 4],
    expected: new Float64Array([-1e300, 5e-324, Number.NaN, -0]),
  },
  {
    datatype: 'FP16',
    // Rounded to half precision: 0.1 → 0.0999755859375, 1/3 → 0.333251953125, 70000 overflows, 1e-8 underflows.
    input: new Float32Array([0.1, 1 / 3, -2.5, 65504, 70000, 1e-8]),
    shape: [1, 6],
    expected: new Float32Array([0.0999755859375, 0.333251953125, -2.5, 65504, Infinity, 0]),
  },
  {
    datatype: 'BF16',
    // bfloat16 keeps float32's exponent and 8 mantissa bits: 0.1 → 0.10009765625, 1/3 → 0.333984375, 65504 → 65536.
    input: [[0.1, 1 / 3, 1.5], [-2, 65504, 0]],
    shape: [2, 3],
    expected: new Float32Array([0.10009765625, 0.333984375, 1.5, -2, 65536, 0]),
  },
];

const modelOf = (dt: Datatype): string => `identity_${dt.toLowerCase()}`;

function expectOutput(result: Awaited<ReturnType<typeof infer>>, c: Case, inputAsJson = false): void {
  expect(result.modelName).toBe(modelOf(c.datatype));
  expect(result.modelVersion).toBe('1');
  expect(result.outputs).toHaveLength(1);
  const out = result.outputs[0];
  expect(out?.name).toBe('output');
  expect(out?.datatype).toBe(c.datatype);
  expect(out?.shape).toEqual(c.shape);
  // toStrictEqual compares the typed array's class too (Float32Array ≠ Float64Array, boolean[] ≠ Uint8Array).
  expect(out?.data).toStrictEqual(inputAsJson ? (c.expectedFromJson ?? c.expected) : c.expected);
}

describe.each<BinaryMode>(['never', 'always'])('every datatype round-trips with binary: %s', (binary) => {
  it.each(JSON_CASES.map((c) => [c.datatype, c] as const))('%s (binary output, the default)', async (_dt, c) => {
    const mark = server.requestCount;
    const responsesBefore = recorder.responses.length;
    const result = await infer(config, { model: modelOf(c.datatype), inputs: { input: c.input } }, { binary, requestId: `dt-${binary}-${c.datatype}` });
    expectOutput(result, c, binary === 'never');
    expect(result.id).toBe(`dt-${binary}-${c.datatype}`);

    const [sent, ...more] = inferRequestsSince(server, mark);
    expect(more).toEqual([]);
    const header = inferHeaderOf(sent!);
    const [input] = header['inputs'] as Record<string, unknown>[];
    if (binary === 'never') {
      expect(sent!.headers['content-type']).toBe('application/json');
      expect(sent!.headers['inference-header-content-length']).toBeUndefined();
      expect(input).toHaveProperty('data');
    } else {
      expect(sent!.headers['content-type']).toBe('application/octet-stream');
      expect(input).toEqual({ name: 'input', shape: c.shape, datatype: c.datatype, parameters: { binary_data_size: expect.any(Number) } });
    }
    // The output is asked for as binary data, and the server did answer with a binary tail.
    expect(header['outputs']).toEqual([{ name: 'output', parameters: { binary_data: true } }]);
    const infers = recorder.responses.slice(responsesBefore).filter((r) => r.url.endsWith('/infer'));
    expect(infers).toHaveLength(1);
    expect(infers[0]?.headers.get('inference-header-content-length')).toMatch(/^\d+$/);
  });

  it.each(JSON_CASES.map((c) => [c.datatype, c] as const))('%s (JSON output: binaryOutput false)', async (_dt, c) => {
    const mark = server.requestCount;
    const responsesBefore = recorder.responses.length;
    const result = await infer(config, { model: modelOf(c.datatype), inputs: { input: c.input } }, { binary, binaryOutput: false });
    expectOutput(result, c, binary === 'never');
    const [sent] = inferRequestsSince(server, mark);
    expect(inferHeaderOf(sent!)['outputs']).toBeUndefined();
    const infers = recorder.responses.slice(responsesBefore).filter((r) => r.url.endsWith('/infer'));
    expect(infers.map((r) => r.headers.get('inference-header-content-length'))).toEqual([null]);
  });
});

describe('values only binary data carries', () => {
  it.each(BINARY_ONLY_CASES.map((c) => [c.datatype, c] as const))('%s with binary: always', async (_dt, c) => {
    expectOutput(await infer(config, { model: modelOf(c.datatype), inputs: { input: c.input } }, { binary: 'always' }), c);
  });

  it.each(['FP16', 'BF16'] as const)('%s travels as binary data even with binary: auto', async (dt) => {
    const mark = server.requestCount;
    const result = await infer(config, { model: modelOf(dt), inputs: { input: [[1, 2]] } });
    expect(result.outputs[0]?.data).toStrictEqual(new Float32Array([1, 2]));
    expect(inferRequestsSince(server, mark).map((r) => r.headers['content-type'])).toEqual(['application/octet-stream']);
  });

  it.each(['FP16', 'BF16'] as const)('%s with binary: never is rejected as InvalidInput before anything is sent', async (dt) => {
    await infer(config, { model: modelOf(dt), inputs: { input: [[1]] } }); // the metadata is now cached
    const countBefore = server.requestCount;
    const receivedBefore = server.received.length;
    const error = await rejectionOf(infer(config, { model: modelOf(dt), inputs: { input: new Float32Array([1, 2]) } }, { binary: 'never' }));
    expect(error.reason).toEqual({ _tag: 'InvalidInput', field: 'inputs.input' });
    expect(error.message).toBe(`inputs.input: ${dt} can only travel as binary data (rest-api.md §4.7), but binary is "never"`);
    expect(error.status).toBeUndefined();
    expect(server.requestCount).toBe(countBefore);
    expect(server.received.length).toBe(receivedBefore);
  });

  it('an FP16 output cannot come back as JSON: binaryOutput false surfaces the server 400', async () => {
    const error = await rejectionOf(infer(config, { model: 'identity_fp16', inputs: { input: [[1]] } }, { binaryOutput: false }));
    expect(error.reason).toEqual({
      _tag: 'Status',
      status: 400,
      serverMessage: 'Could not parse input content. Unsupported data precision detected - Unsupported precisionFP16',
    });
  });

  it('64-bit integers beyond 2^53 cannot go as JSON: InvalidInput, nothing sent', async () => {
    await infer(config, { model: 'identity_int64', inputs: { input: [[1n]] } });
    const before = server.requestCount;
    const error = await rejectionOf(infer(config, { model: 'identity_int64', inputs: { input: [[2n ** 53n]] } }, { binary: 'never' }));
    // The field is `input` here, where every other input error says `inputs.input` (reported:
    // encodeInferRequest passes the bare input name to toJsonData); accept both.
    expect(error.reason._tag).toBe('InvalidInput');
    expect(['input', 'inputs.input']).toContain((error.reason as { field?: string }).field);
    expect(error.message).toMatch(/^(inputs\.)?input: INT64 element 0 is 9007199254740992n, outside the range JSON numbers carry exactly/);
    expect(server.requestCount).toBe(before);
  });
});

describe('BYTES as raw bytes', () => {
  const raw = [new Uint8Array([0xff, 0x00, 0x80]), new Uint8Array([]), new TextEncoder().encode('ok')];

  it('Uint8Array elements round-trip byte for byte with bytes: binary', async () => {
    const result = await infer(config, { model: 'identity_bytes', inputs: { input: raw } }, { bytes: 'binary' });
    expect(result.outputs).toStrictEqual([{ name: 'output', datatype: 'BYTES', shape: [3], data: raw }]);
  });

  it('strings come back as Uint8Array[] (their UTF-8) with bytes: binary, over JSON output too', async () => {
    for (const binaryOutput of [true, false]) {
      const result = await infer(config, { model: 'identity_bytes', inputs: { input: ['é', ''] } }, { bytes: 'binary', binary: 'never', binaryOutput });
      expect(result.outputs[0]?.data).toStrictEqual([new Uint8Array([0xc3, 0xa9]), new Uint8Array([])]);
    }
  });

  it('Uint8Array elements with binary: never are rejected before sending', async () => {
    await infer(config, { model: 'identity_bytes', inputs: { input: ['x'] } });
    const before = server.requestCount;
    const error = await rejectionOf(infer(config, { model: 'identity_bytes', inputs: { input: raw } }, { binary: 'never' }));
    expect(error.reason).toEqual({ _tag: 'InvalidInput', field: 'inputs.input' });
    expect(server.requestCount).toBe(before);
  });
});

/**
 * KServe v2 behaviour of the test server beyond the fixtures: every datatype through JSON and
 * binary data, versions, binary output selection, routing answers (rest-api.md §1.1, §4).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBinary, encodeBinary, type Datatype } from '../../src/tensors/index.js';
import { startTestServer, type TestServer } from '../../src/testing/index.js';
import { send } from './httpHelpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  send(server.url, 'POST', path, { headers, body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body) });

interface InferBody {
  model_name: string;
  model_version: string;
  outputs: { name: string; datatype: string; shape: number[]; data?: unknown[]; parameters?: { binary_data_size: number } }[];
}

const SAMPLES: Record<Exclude<Datatype, 'FP16' | 'BF16'>, unknown[]> = {
  BOOL: [true, false, true, true],
  UINT8: [0, 1, 200, 255],
  UINT16: [0, 1, 60000, 65535],
  UINT32: [0, 1, 4000000000, 4294967295],
  UINT64: [0, 1, 2, 3],
  INT8: [-128, -1, 0, 127],
  INT16: [-32768, -1, 0, 32767],
  INT32: [-2147483648, -1, 0, 2147483647],
  INT64: [-5, -1, 0, 9007199254740991],
  FP32: [0.5, -1.25, 3, 1e-3],
  FP64: [0.5, -1.25, 3, 0.25],
  BYTES: ['a', 'hello', '', 'ünï'],
};

describe('every datatype round-trips through identity servables', () => {
  it.each(Object.entries(SAMPLES))('%s as JSON data', async (dt, data) => {
    const shape = dt === 'BYTES' ? [4] : [2, 2];
    const r = await post(`/v2/models/identity_${dt.toLowerCase()}/infer`, { inputs: [{ name: 'input', shape, datatype: dt, data }] });
    expect(r.status).toBe(200);
    const body = JSON.parse(r.text) as InferBody;
    const out = body.outputs[0];
    expect(out?.datatype).toBe(dt);
    expect(out?.shape).toEqual(shape);
    expect(out?.data).toEqual(dt === 'FP32' ? data.map((v) => Math.fround(v as number)) : data);
  });

  it.each(['BOOL', 'UINT8', 'UINT16', 'UINT32', 'UINT64', 'INT8', 'INT16', 'INT32', 'INT64', 'FP16', 'BF16', 'FP32', 'FP64', 'BYTES'] as const)(
    '%s as binary data in and out',
    async (dt) => {
      const values: unknown[] =
        dt === 'BYTES' ? ['x', 'yz', '', 'long string'] : dt === 'BOOL' ? [true, false, false, true] : dt.includes('64') && dt !== 'FP64' ? [1n, 0n, 7n, 42n] : [1, 0, 2, 0.5].map((v) => (dt.startsWith('FP') || dt === 'BF16' ? v : Math.floor(v * 2)));
      const shape = dt === 'BYTES' ? [4] : [2, 2];
      const bytes = encodeBinary(dt, values as never, 'input');
      const header = Buffer.from(
        JSON.stringify({
          inputs: [{ name: 'input', shape, datatype: dt, parameters: { binary_data_size: bytes.length } }],
          outputs: [{ name: 'output', parameters: { binary_data: true } }],
        }),
      );
      const r = await post(`/v2/models/identity_${dt.toLowerCase()}/infer`, Buffer.concat([header, bytes]), {
        'inference-header-content-length': String(header.length),
      });
      expect(r.status).toBe(200);
      const jsonLength = Number(r.headers['inference-header-content-length']);
      const body = JSON.parse(r.body.subarray(0, jsonLength).toString('utf8')) as InferBody;
      expect(body.outputs[0]?.parameters?.binary_data_size).toBe(bytes.length);
      expect(Buffer.from(r.body.subarray(jsonLength)).equals(Buffer.from(bytes))).toBe(true);
    },
  );

  it('FP16 output as JSON is a 400 (binary only)', async () => {
    const bytes = encodeBinary('FP16', [1, 2], 'input');
    const header = Buffer.from(JSON.stringify({ inputs: [{ name: 'input', shape: [1, 2], datatype: 'FP16', parameters: { binary_data_size: 4 } }] }));
    const r = await post('/v2/models/identity_fp16/infer', Buffer.concat([header, bytes]), { 'inference-header-content-length': String(header.length) });
    expect(r.status).toBe(400);
    expect(r.text).toBe('{"error":"Could not parse input content. Unsupported data precision detected - Unsupported precisionFP16"}');
  });

  it('FP16 in JSON data is rejected', async () => {
    const r = await post('/v2/models/dummy_fp16/infer', { inputs: [{ name: 'b', shape: [1, 10], datatype: 'FP16', data: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }] });
    expect(r.status).toBe(400);
    expect(r.text).toBe('{"error":"Could not parse input content. Unsupported data precision detected"}');
  });

  it('dummy_fp16 computes b + 1 in half precision', async () => {
    const bytes = encodeBinary('FP16', [0, 0.5, 1, 2, 3, 4, 5, 6, 7, 8], 'b');
    const header = Buffer.from(JSON.stringify({ inputs: [{ name: 'b', shape: [1, 10], datatype: 'FP16' }], outputs: [{ name: 'a', parameters: { binary_data: true } }] }));
    const r = await post('/v2/models/dummy_fp16/infer', Buffer.concat([header, bytes]), { 'inference-header-content-length': String(header.length) });
    expect(r.status).toBe(200);
    const n = Number(r.headers['inference-header-content-length']);
    expect(Array.from(decodeBinary('FP16', r.body.subarray(n).slice(), [1, 10]))).toEqual([1, 1.5, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('servables', () => {
  it('versions 1, 2, 3 of versioned answer differently; default is the highest', async () => {
    const input = { inputs: [{ name: 'x', shape: [1, 2], datatype: 'FP32', data: [1, 2] }] };
    for (const v of [1, 2, 3]) {
      const body = JSON.parse((await post(`/v2/models/versioned/versions/${v}/infer`, input)).text) as InferBody;
      expect(body.model_version).toBe(String(v));
      expect(body.outputs[0]?.data).toEqual([1 + v, 2 + v]);
    }
    const def = JSON.parse((await post('/v2/models/versioned/infer', input)).text) as InferBody;
    expect(def.model_version).toBe('3');
  });

  it('string: v1 identity, v2 upper case, v3 reversed', async () => {
    const input = { inputs: [{ name: 'my_name', shape: [2], datatype: 'BYTES', data: ['abc', 'Hello'] }] };
    const out = async (v: number) => (JSON.parse((await post(`/v2/models/string/versions/${v}/infer`, input)).text) as InferBody).outputs[0]?.data;
    expect(await out(1)).toEqual(['abc', 'Hello']);
    expect(await out(2)).toEqual(['ABC', 'HELLO']);
    expect(await out(3)).toEqual(['cba', 'olleH']);
  });

  it('bert takes data and mask, and versions differ', async () => {
    const input = {
      inputs: [
        { name: 'data', shape: [1, 4], datatype: 'INT64', data: [0, 1, 2, 3] },
        { name: 'mask', shape: [1, 4], datatype: 'INT64', data: [1, 1, 1, 1] },
      ],
    };
    const v1 = JSON.parse((await post('/v2/models/bert/versions/1/infer', input)).text) as InferBody;
    const v2 = JSON.parse((await post('/v2/models/bert/versions/2/infer', input)).text) as InferBody;
    expect(v1.outputs[0]?.shape).toEqual([1, 16]);
    expect(v1.outputs[0]?.data).not.toEqual(v2.outputs[0]?.data);
    const missing = await post('/v2/models/bert/infer', { inputs: [input.inputs[0]] });
    expect(missing.text).toBe('{"error":"Invalid number of inputs - Expected: 2; Actual: 1"}');
  });

  it('resnet classifies the seed image (2x2x3, batch 1) into 10 probabilities', async () => {
    const image = [[[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], [[0.7, 0.8, 0.9], [1.0, 1.1, 1.2]]];
    const r = await post('/v2/models/resnet/infer', { inputs: [{ name: 'image', shape: [1, 2, 2, 3], datatype: 'FP32', data: image }] });
    const p = (JSON.parse(r.text) as InferBody).outputs[0]?.data as number[];
    expect(p).toHaveLength(10);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('resnet50 takes a 1x3x224x224 binary tensor', async () => {
    const bytes = encodeBinary('FP32', new Float32Array(3 * 224 * 224).fill(0.5), 'data');
    const header = Buffer.from(JSON.stringify({ inputs: [{ name: 'data', shape: [1, 3, 224, 224], datatype: 'FP32' }] }));
    const r = await post('/v2/models/resnet50/infer', Buffer.concat([header, bytes]), { 'inference-header-content-length': String(header.length) });
    expect(r.status).toBe(200);
    expect((JSON.parse(r.text) as InferBody).outputs[0]?.shape).toEqual([1, 1000]);
  });

  it('custom_model and multi_io compute', async () => {
    const c = JSON.parse((await post('/v2/models/custom_model/infer', { inputs: [{ name: 'input', shape: [1, 5], datatype: 'FP32', data: [0, 1, 2, 3, 4] }] })).text) as InferBody;
    expect(c.outputs[0]?.data).toEqual([0, 1, 3, 6, 10]);
    const m = JSON.parse(
      (
        await post('/v2/models/multi_io/infer', {
          inputs: [
            { name: 'a', shape: [1, 2], datatype: 'FP32', data: [1.5, 2] },
            { name: 'b', shape: [1, 2], datatype: 'INT32', data: [1, 2] },
            { name: 'flags', shape: [1, 2], datatype: 'BOOL', data: [true, false] },
            { name: 'text', shape: [2], datatype: 'BYTES', data: ['ab', 'xyz'] },
          ],
        })
      ).text,
    ) as InferBody;
    expect(m.outputs.map((o) => [o.name, o.datatype, o.data])).toEqual([
      ['active', 'INT64', [1]],
      ['lengths', 'UINT32', [2, 3]],
      ['masked', 'FP32', [1.5, 0]],
      ['sum', 'FP64', [2.5, 4]],
      ['upper', 'BYTES', ['AB', 'XYZ']],
    ]);
  });
});

describe('binary output selection (rest-api.md §4.5)', () => {
  const input = { name: 'b', shape: [1, 10], datatype: 'FP32', data: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] };
  it('binary_data_output without an outputs list changes nothing', async () => {
    const r = await post('/v2/models/dummy/infer', { inputs: [input], parameters: { binary_data_output: true } });
    expect(r.headers['inference-header-content-length']).toBeUndefined();
    expect(r.text).toContain('"data": [1.0');
  });
  it('only the last element of outputs keeps its parameters', async () => {
    const r = await post('/v2/models/dummy/infer', {
      inputs: [input],
      outputs: [{ name: 'a', parameters: { binary_data: true } }, { name: 'a' }],
    });
    expect(r.headers['inference-header-content-length']).toBeUndefined();
  });
  it('the id is echoed only when sent', async () => {
    const r = await post('/v2/models/dummy/infer', { inputs: [input] });
    expect(r.text).not.toContain('"id"');
  });
});

describe('routing answers (rest-api.md §1.1)', () => {
  it.each([
    ['PUT', '/v2/models/dummy/infer', 406, '{"error":"Unsupported method"}'],
    ['DELETE', '/v2', 406, '{"error":"Unsupported method"}'],
    ['GET', '/v2/models/dummy/infer', 406, '{"error":"Unsupported method"}'],
    ['GET', '/v1/config/reload', 406, '{"error":"Unsupported method"}'],
    ['POST', '/v2/health/live', 406, '{"error":"Unsupported method"}'],
    ['GET', '/v2/repository/index', 400, '{"error":"Invalid request URL"}'],
    ['GET', '/v2/models/dummy/stats', 400, '{"error":"Invalid request URL"}'],
    ['GET', '/v2/models/stats', 404, '{"error":"Model with requested name is not found"}'],
    ['GET', '/v2/models/dummy/versions/9', 404, '{"error":"Model with requested version is not found"}'],
    ['GET', '/v2/models/dummy/', 200, undefined],
    ['GET', '/v2/models/dummy/versions/1/ready', 200, ''],
    ['GET', '/v2/models/a/../dummy', 400, `{"error":"The provided base path is invalid or doesn't exists"}`],
    ['POST', '/v2/models/nope/infer', 404, '{"error":"Mediapipe graph definition with requested name is not found"}'],
    ['GET', '/v2/models/nope/ready', 404, '{"error":"Model with requested name is not found"}'],
  ] as const)('%s %s → %i', async (method, path, status, body) => {
    const r = await send(server.url, method, path, method === 'POST' ? { body: '{"inputs":[{"name":"b","shape":[1,10],"datatype":"FP32","data":[0,1,2,3,4,5,6,7,8,9]}]}' } : {});
    expect(r.status).toBe(status);
    if (body !== undefined) expect(r.text).toBe(body);
  });

  it('Inference-Header-Content-Length larger than the body is a 500', async () => {
    const r = await post('/v2/models/dummy/infer', '{"inputs":[]}', { 'inference-header-content-length': '100' });
    expect(r.status).toBe(500);
    expect(r.text).toBe('{"error":"Inference-Header-Content-Length header exceeds actual payload length"}');
  });

  it('validation order: rank before shape, content size for binary', async () => {
    const rank = await post('/v2/models/dummy/infer', { inputs: [{ name: 'b', shape: [10], datatype: 'FP32', data: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] }] });
    expect(rank.text).toBe('{"error":"Invalid number of shape dimensions - Expected: (1,10); Actual: (10); input name: b"}');
    const shape = await post('/v2/models/dummy/infer', { inputs: [{ name: 'b', shape: [1, 11], datatype: 'FP32', data: new Array(11).fill(0) }] });
    expect(shape.text).toBe('{"error":"Invalid input shape - Expected: (1,10); Actual: (1,11); input name: b"}');
    const header = Buffer.from(JSON.stringify({ inputs: [{ name: 'b', shape: [1, 10], datatype: 'FP32', parameters: { binary_data_size: 36 } }] }));
    const size = await post('/v2/models/dummy/infer', Buffer.concat([header, Buffer.alloc(36)]), { 'inference-header-content-length': String(header.length) });
    expect(size.text).toBe('{"error":"Invalid content size of tensor proto - Expected: 40 bytes; Actual: 36 bytes; input name: b"}');
  });
});

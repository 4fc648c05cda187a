import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { OvmsRequest, OvmsResponse } from '../../../src/core/types.js';
import { OvmsError } from '../../../src/errors/OvmsError.js';
import { withPrecision } from '../../../src/middleware/withPrecision.js';
import { chooseBinaryOutput } from '../../../src/protocols/kserve/chooseBinaryOutput.js';
import { canConcatenate, concatInputs } from '../../../src/protocols/kserve/concatInputs.js';
import { decodeInferResponse } from '../../../src/protocols/kserve/decodeInferResponse.js';
import { encodeInferRequest } from '../../../src/protocols/kserve/encodeInferRequest.js';
import type { KserveInferPayload, PreparedInput } from '../../../src/protocols/kserve/KserveInferPayload.js';
import type { ModelMetadata } from '../../../src/protocols/kserve/kserveSchemas.js';
import { splitResult } from '../../../src/protocols/kserve/splitResult.js';

interface Fixture { id: string; response_body: string; response_headers?: Record<string, string>; response_binary_tail_hex?: string }
const fixtures = JSON.parse(readFileSync(new URL('../../fixtures/kserve-binary-fixtures.json', import.meta.url), 'utf8')) as Fixture[];
const fixture = (id: string): Fixture => fixtures.find((f) => f.id === id) as Fixture;

function request(payload: KserveInferPayload, extra: Partial<OvmsRequest> = {}): OvmsRequest {
  return {
    operation: 'infer', idempotent: true, baseUrl: 'http://h', model: 'dummy', timeout: 1000, retry: false, attempt: 1, headers: {},
    responseType: 'bytes', payload, encode: encodeInferRequest, context: {}, requestId: 'r1', ...extra,
  };
}
const input = (over: Partial<PreparedInput>): PreparedInput => ({ name: 'b', datatype: 'FP32', datatypeFixed: true, shape: [1, 2], values: [1, 2], ...over });
const response = (body: Uint8Array | string, headers: Record<string, string> = {}): OvmsResponse => ({
  status: 200, url: 'http://h', headers: new Headers(headers), body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
});

describe('encodeInferRequest', () => {
  it('sends small plain arrays as JSON with the id and the binary output choice', () => {
    const encoded = encodeInferRequest(request({ kind: 'kserve.infer', inputs: [input({})], binary: 'auto', binaryOutput: 'a', parameters: { p: 1 } }, { version: '2' }));
    expect(encoded).toEqual({
      method: 'POST',
      url: 'http://h/v2/models/dummy/versions/2/infer',
      headers: { 'Content-Type': 'application/json' },
      body: '{"id":"r1","parameters":{"p":1},"inputs":[{"name":"b","shape":[1,2],"datatype":"FP32","data":[1,2]}],"outputs":[{"name":"a","parameters":{"binary_data":true}}]}',
      alignResponseAt: 'inference-header-content-length',
    });
  });

  it('sends typed arrays as a JSON header followed by little-endian bytes', () => {
    const encoded = encodeInferRequest(request({ kind: 'kserve.infer', inputs: [input({ values: new Float32Array([1, 2]) })], binary: 'auto' }));
    const header = '{"id":"r1","inputs":[{"name":"b","shape":[1,2],"datatype":"FP32","parameters":{"binary_data_size":8}}]}';
    expect(encoded.headers).toEqual({ 'Content-Type': 'application/octet-stream', 'Inference-Header-Content-Length': String(header.length) });
    const body = encoded.body as Uint8Array;
    expect(new TextDecoder().decode(body.subarray(0, header.length))).toBe(header);
    expect(Buffer.from(body.subarray(header.length)).toString('hex')).toBe('0000803f00000040');
  });

  it('converts to FP16 in binary, and BYTES gets 4-byte length prefixes (F47)', () => {
    const payload: KserveInferPayload = {
      kind: 'kserve.infer',
      inputs: [input({ name: 'h', datatype: 'FP16', values: new Float32Array([1, -2]) }), input({ name: 's', datatype: 'BYTES', shape: [2], values: ['Hello', '12'] })],
      binary: 'always',
    };
    const body = encodeInferRequest(request(payload)).body as Uint8Array;
    const text = new TextDecoder().decode(body);
    const headerLength = text.indexOf('}]}') + 3;
    expect(JSON.parse(text.slice(0, headerLength)).inputs.map((i: { parameters: unknown }) => i.parameters)).toEqual([{ binary_data_size: 4 }, { binary_data_size: 15 }]);
    expect(Buffer.from(body.subarray(headerLength)).toString('hex')).toBe('003c00c0' + '0500000048656c6c6f020000003132');
  });

  it('refuses FP16 as JSON when binary is "never", before anything is sent', () => {
    expect(() => encodeInferRequest(request({ kind: 'kserve.infer', inputs: [input({ datatype: 'FP16' })], binary: 'never' }))).toThrow(
      'inputs.b: FP16 can only travel as binary data (rest-api.md §4.7), but binary is "never"',
    );
  });
});

describe('decodeInferResponse', () => {
  it('decodes the JSON answer of F43', () => {
    const result = decodeInferResponse(response(fixture('F43').response_body));
    expect(result).toEqual({
      modelName: 'dummy', modelVersion: '1', id: '1', parameters: undefined,
      outputs: [{ name: 'a', datatype: 'FP32', shape: [1, 10], data: new Float32Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) }],
    });
  });

  it.each(['F46', 'F47'])('decodes the binary answer of %s using the header length from the response header', (id) => {
    const f = fixture(id);
    const json = new TextEncoder().encode(f.response_body);
    const tail = Buffer.from(f.response_binary_tail_hex as string, 'hex');
    const body = new Uint8Array(json.length + tail.length);
    body.set(json);
    body.set(tail, json.length);
    expect(String(json.length)).toBe(f.response_headers?.['inference-header-content-length']);
    const result = decodeInferResponse(response(body, f.response_headers));
    expect(result.outputs[0]?.data).toEqual(id === 'F46' ? new Float32Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) : ['Hello', '12']);
  });

  it('views aligned binary outputs without copying', () => {
    const header = '{"model_name":"m","outputs":[{"name":"a","shape":[2],"datatype":"FP32","parameters":{"binary_data_size":8}}]}   ';
    const padded = header.padEnd(Math.ceil(header.length / 4) * 4, ' ');
    const body = new Uint8Array(padded.length + 8);
    body.set(new TextEncoder().encode(padded));
    body.set(new Uint8Array(new Float32Array([3, 4]).buffer), padded.length);
    const data = decodeInferResponse(response(body, { 'inference-header-content-length': String(padded.length) })).outputs[0]?.data as Float32Array;
    expect(data).toEqual(new Float32Array([3, 4]));
    expect(data.buffer).toBe(body.buffer);
  });

  it.each([
    ['a header length past the body', { 'inference-header-content-length': '9999' }, '{}', /does not fit a body of 2 bytes/],
    ['a non-numeric header length', { 'inference-header-content-length': 'abc' }, '{}', /"abc" does not fit/],
    ['a truncated binary part', { 'inference-header-content-length': '109' }, '{"model_name":"m","outputs":[{"name":"a","shape":[2],"datatype":"FP32","parameters":{"binary_data_size":8}}]}' + '\u0000\u0000', /needs 8 bytes of binary data but only/],
    ['an output without data', {}, '{"model_name":"m","outputs":[{"name":"a","shape":[1],"datatype":"FP32"}]}', /has neither data nor binary_data_size/],
    ['an unknown datatype', {}, '{"model_name":"m","outputs":[{"name":"a","shape":[1],"datatype":"FP8","data":[1]}]}', /unknown datatype "FP8"/],
    ['a missing model_name', {}, '{"outputs":[]}', /unexpected answer at model_name/],
  ])('reports %s as Decode', (_what, headers, body, message) => {
    let error: unknown;
    try {
      decodeInferResponse(response(body, headers as Record<string, string>));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OvmsError);
    expect((error as OvmsError).reason._tag).toBe('Decode');
    expect((error as OvmsError).message).toMatch(message);
  });
});

describe('chooseBinaryOutput', () => {
  const m = (outputs: ModelMetadata['outputs']): ModelMetadata => ({ name: 'm', versions: [], platform: 'OpenVINO', inputs: [], outputs });
  it('picks the largest output, a half-precision one first, a named one, or none', () => {
    const two = m([{ name: 'small', datatype: 'FP32', shape: [1, 2] }, { name: 'big', datatype: 'FP32', shape: [-1, 100] }]);
    expect(chooseBinaryOutput(two, true)).toBe('big');
    expect(chooseBinaryOutput(two, undefined)).toBe('big');
    expect(chooseBinaryOutput(two, 'small')).toBe('small');
    expect(chooseBinaryOutput(two, false)).toBeUndefined();
    expect(chooseBinaryOutput(undefined, true)).toBeUndefined();
    expect(chooseBinaryOutput(m([{ name: 'big', datatype: 'FP32', shape: [1000] }, { name: 'h', datatype: 'FP16', shape: [1] }]), true)).toBe('h');
    expect(() => chooseBinaryOutput(two, 'nope')).toThrow('binaryOutput: model "m" has no output "nope" (outputs: small, big)');
    expect(() => chooseBinaryOutput(m([{ name: 'h1', datatype: 'FP16', shape: [1] }, { name: 'h2', datatype: 'BF16', shape: [1] }]), true)).toThrow(/2 half-precision outputs/);
  });
});

describe('batching helpers', () => {
  const a = input({ shape: [1, 2], values: new Float32Array([1, 2]), datatypeFixed: true });
  const b = input({ shape: [1, 2], values: new Float32Array([3, 4]) });
  it('concatenates along the first dimension when the model allows it', () => {
    expect(canConcatenate([[a], [b]], new Map([['b', [-1, 2]]]))).toBe(true);
    expect(canConcatenate([[a], [b]], new Map([['b', [2, 2]]]))).toBe(true);
    expect(canConcatenate([[a], [b]], new Map([['b', [1, 2]]]))).toBe(false);
    expect(canConcatenate([[a], [input({ shape: [1, 3], values: [1, 2, 3] })]], new Map([['b', [-1, -1]]]))).toBe(false);
    expect(concatInputs([[a], [b]])).toEqual([{ ...a, shape: [2, 2], values: new Float32Array([1, 2, 3, 4]) }]);
  });

  it('splits a batched result into per-item views, or says why it cannot', () => {
    const data = new Float32Array([1, 2, 3, 4, 5, 6]);
    const result = { modelName: 'm', modelVersion: '1', id: 'x', parameters: undefined, outputs: [{ name: 'o', datatype: 'FP32' as const, shape: [3, 2], data }] };
    const parts = splitResult(result, [1, 2]);
    expect(parts.map((p) => p.outputs[0])).toEqual([
      { name: 'o', datatype: 'FP32', shape: [1, 2], data: new Float32Array([1, 2]) },
      { name: 'o', datatype: 'FP32', shape: [2, 2], data: new Float32Array([3, 4, 5, 6]) },
    ]);
    expect((parts[1]?.outputs[0]?.data as Float32Array).buffer).toBe(data.buffer);
    expect(() => splitResult(result, [1, 1])).toThrow(/first dimension is not the batch of 2/);
  });
});

describe('withPrecision', () => {
  const run = async (inputs: PreparedInput[], precision: 'FP16' | 'INT8' | 'FP32') => {
    let seen: KserveInferPayload | undefined;
    const handler = withPrecision(precision)(async (req) => {
      seen = req.payload as KserveInferPayload;
      return response('');
    });
    await handler(request({ kind: 'kserve.infer', inputs, binary: 'auto' }));
    return seen?.inputs.map((i) => i.datatype);
  };
  it('converts only floating inputs whose datatype nothing fixed', async () => {
    const free = input({ datatypeFixed: false });
    expect(await run([free, input({ name: 'fixed' }), input({ name: 'int', datatype: 'INT32', datatypeFixed: false })], 'FP16')).toEqual(['FP16', 'FP32', 'INT32']);
    expect(await run([input({ datatypeFixed: false, datatype: 'FP64' })], 'FP32')).toEqual(['FP32']);
    expect(await run([free], 'INT8')).toEqual(['FP32']);
  });
});

describe('decodeInferResponse without inference-header-content-length (a cross-origin page cannot read it)', () => {
  it('finds the end of the JSON header and decodes the binary tail', () => {
    const f = fixture('F46');
    const json = new TextEncoder().encode(f.response_body);
    const tail = Buffer.from(f.response_binary_tail_hex as string, 'hex');
    const body = new Uint8Array(json.length + tail.length);
    body.set(json);
    body.set(tail, json.length);
    expect(decodeInferResponse(response(body)).outputs[0]?.data).toEqual(new Float32Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
  });

  it('still reads a pure JSON body with trailing whitespace, and strings with braces and escapes', () => {
    const tricky = '}{[\\"]}"';
    const body = `${JSON.stringify({ model_name: 'm}"{', outputs: [{ name: 'a', shape: [1], datatype: 'BYTES', data: [tricky] }] })}\n`;
    expect(decodeInferResponse(response(body)).outputs[0]?.data).toEqual([tricky]);
  });
});

describe('jsonObjectEnd', () => {
  it('returns the offset after the top-level object, or undefined', async () => {
    const { jsonObjectEnd } = await import('../../../src/protocols/kserve/jsonObjectEnd.js');
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(jsonObjectEnd(enc('{"a":[1,{"b":"}"}]}XYZ'))).toBe(19);
    expect(jsonObjectEnd(enc('  {"é":"\\""}rest'))).toBe(13);
    expect(jsonObjectEnd(enc('{"a":1'))).toBeUndefined();
    expect(jsonObjectEnd(enc('[1,2]'))).toBeUndefined();
    expect(jsonObjectEnd(enc(''))).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { isOvmsErrorReason } from '../../../src/errors/OvmsError.js';
import { bytesToBase64 } from '../../../src/protocols/tfs/bytesToBase64.js';
import { encodeTfsPredictRequest } from '../../../src/protocols/tfs/encodeTfsPredictRequest.js';
import type { TfsPredictRequest } from '../../../src/protocols/tfs/TfsPredictRequest.js';
import { tfsPredictPayload } from '../../../src/protocols/tfs/tfsPredictPayload.js';
import type { OvmsRequest } from '../../../src/core/types.js';
import { fixture } from './tfsFixtures.js';

function fieldOf(request: unknown): string | undefined {
  try {
    tfsPredictPayload(request as TfsPredictRequest);
  } catch (error) {
    if (isOvmsErrorReason(error, 'InvalidInput')) return error.reason.field;
    throw error;
  }
  throw new Error('expected InvalidInput');
}

describe('tfsPredictPayload: row format (rest-api.md §2)', () => {
  it('writes nonamed instances as bare values, one per batch row', () => {
    expect(tfsPredictPayload({ instances: [[1, 2.5, -3], [4, 5, 6]] })).toEqual({
      kind: 'tfs.predict',
      format: 'row',
      body: '{"instances":[[1,2.5,-3],[4,5,6]]}',
    });
  });

  it('writes named instances as objects by input name, in the caller order', () => {
    expect(tfsPredictPayload({ instances: [{ a: [1, 2], text: 'x' }, { a: [3, 4], text: 'y' }], signatureName: 'serving_default' }).body).toBe(
      '{"signature_name":"serving_default","instances":[{"a":[1,2],"text":"x"},{"a":[3,4],"text":"y"}]}',
    );
  });

  it('sends Uint8Array and { b64 } values as { "b64": … }, bigints exactly, typed arrays as lists', () => {
    const body = tfsPredictPayload({
      instances: [{ img: new Uint8Array([0x39, 0x1c, 0x34]), raw: { b64: 'aGk=' }, ids: new BigInt64Array([9007199254740993n, -1n]), f: new Float32Array([0.5, 2]), big: 18446744073709551615n, ok: true }],
    }).body;
    expect(body).toBe('{"instances":[{"img":{"b64":"ORw0"},"raw":{"b64":"aGk="},"ids":[9007199254740993,-1],"f":[0.5,2],"big":18446744073709551615,"ok":true}]}');
  });

  it('treats a { b64 } instance as a nonamed binary value, not as an input named b64', () => {
    expect(tfsPredictPayload({ instances: [{ b64: 'AAE=' }, { b64: 'AgM=' }] }).body).toBe('{"instances":[{"b64":"AAE="},{"b64":"AgM="}]}');
  });

  it.each([
    ['an empty list', { instances: [] }, 'instances'],
    ['not a list', { instances: { a: [1] } }, 'instances'],
    ['named after nonamed', { instances: [[1], { a: [1] }] }, 'instances[1]'],
    ['nonamed after named', { instances: [{ a: [1] }, [1]] }, 'instances[1]'],
    ['different inputs per instance', { instances: [{ a: [1], b: [2] }, { a: [1], c: [2] }] }, 'instances[1]'],
    ['an instance without inputs', { instances: [{}] }, 'instances[0]'],
    ['NaN', { instances: [[1, Number.NaN]] }, 'instances[0][1]'],
    ['Infinity in a typed array', { instances: [{ a: new Float64Array([1, Infinity]) }] }, 'instances[0].a[1]'],
    ['null', { instances: [{ a: [1, null] }] }, 'instances[0].a[1]'],
    ['a nested object', { instances: [{ a: [{ x: 1 }] }] }, 'instances[0].a[0]'],
  ])('refuses %s before sending', (_what, request, field) => {
    expect(fieldOf(request)).toBe(field);
  });
});

describe('tfsPredictPayload: column format (rest-api.md §2)', () => {
  it('writes named inputs as an object by input name', () => {
    expect(tfsPredictPayload({ inputs: { a: [[1, 2]], b: [[3, 4]] } })).toEqual({ kind: 'tfs.predict', format: 'column', body: '{"inputs":{"a":[[1,2]],"b":[[3,4]]}}' });
  });

  it('writes a bare value for a single-input model, scalars included', () => {
    expect(tfsPredictPayload({ inputs: [[1, 2], [3, 4]] }).body).toBe('{"inputs":[[1,2],[3,4]]}');
    expect(tfsPredictPayload({ inputs: 5.1 }).body).toBe('{"inputs":5.1}');
    expect(tfsPredictPayload({ inputs: [new Uint8Array([104, 105]), 'x'] }).body).toBe('{"inputs":[{"b64":"aGk="},"x"]}');
  });

  it('builds the column request of fixture F07 (row-major nested lists, b64 strings)', () => {
    const f07 = JSON.parse(fixture('F07').request_body as string) as { inputs: Record<string, unknown>; signature_name: string };
    const img = new Uint8Array([0x39, 0x1c, 0x34]);
    const payload = tfsPredictPayload({
      signatureName: 'serving_default',
      inputs: {
        inputA: f07.inputs['inputA'] as number[][][][],
        inputB: f07.inputs['inputB'] as number[][][],
        inputC: [img, img],
      },
    });
    expect(JSON.parse(payload.body)).toEqual(f07);
  });

  it.each([
    ['both formats (F17)', { instances: [{ i: [1] }], inputs: { i: [[1]] } }, 'request'],
    ['neither format', {}, 'request'],
    ['an empty inputs object', { inputs: {} }, 'inputs'],
    ['undefined in a named input', { inputs: { a: undefined } }, 'inputs.a'],
    ['a non-string signature name', { inputs: [1], signatureName: 3 }, 'signatureName'],
  ])('refuses %s before sending', (_what, request, field) => {
    expect(fieldOf(request)).toBe(field);
  });
});

describe('encodeTfsPredictRequest', () => {
  it('POSTs the body to …:predict with the routed model and version', () => {
    const payload = tfsPredictPayload({ instances: [[1]] });
    const request = { baseUrl: 'http://h:8000', model: 'm o', version: '3', payload } as unknown as OvmsRequest;
    expect(encodeTfsPredictRequest(request)).toEqual({
      method: 'POST',
      url: 'http://h:8000/v1/models/m%20o/versions/3:predict',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: '{"instances":[[1]]}',
    });
  });

  it('refuses a foreign payload', () => {
    expect(() => encodeTfsPredictRequest({ baseUrl: '', model: 'm', payload: { kind: 'kserve.infer' } } as unknown as OvmsRequest)).toThrow(/payload: expected a TFS predict payload/);
  });
});

describe('bytesToBase64', () => {
  it('matches the platform encoder for every padding case', () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 37 + 11) & 255);
    for (const n of [0, 1, 2, 3, 4, 5, 299, 300]) expect(bytesToBase64(bytes.subarray(0, n))).toBe(Buffer.from(bytes.subarray(0, n)).toString('base64'));
  });
});

import { describe, expect, it } from 'vitest';
import type { Datatype } from '../../../src/tensors/datatypes.js';
import { decodeJson } from '../../../src/tensors/decodeJson.js';
import { toJsonData } from '../../../src/tensors/toJsonData.js';
import type { TensorInputData } from '../../../src/tensors/types.js';
import { captureError } from './testHelpers.js';

describe('toJsonData', () => {
  it('builds the flat data array for each JSON datatype', () => {
    expect([
      toJsonData('FP32', [[1.5, 2], [3, 4]], 'x'),
      toJsonData('FP64', new Float32Array([0.5]), 'x'),
      toJsonData('INT32', new Int32Array([-1, 2]), 'x'),
      toJsonData('UINT8', [0, 255], 'x'),
      toJsonData('INT64', [1n, -2, 2n ** 53n - 1n], 'x'),
      toJsonData('UINT64', new BigUint64Array([5n]), 'x'),
      toJsonData('BOOL', [true, 0, 1], 'x'),
      toJsonData('BYTES', [['a'], ['b']], 'x'),
    ]).toEqual([
      [1.5, 2, 3, 4],
      [0.5],
      [-1, 2],
      [0, 255],
      [1, -2, 9007199254740991],
      [5],
      [true, false, true],
      ['a', 'b'],
    ]);
  });

  const fail = (dt: Datatype, data: unknown) => {
    const e = captureError(() => toJsonData(dt, data as TensorInputData, 'x'));
    return [e.reason, e.message];
  };
  const invalid = { _tag: 'InvalidInput', field: 'x' };

  it('rejects values OVMS would refuse, with messages naming the input and element', () => {
    expect([
      fail('UINT8', [-5]),
      fail('BOOL', [1.5]),
      fail('INT32', [2.5]),
      fail('FP16', [1]),
      fail('BF16', new Float32Array(1)),
      fail('INT64', [2n ** 53n]),
      fail('UINT64', [-1]),
      fail('FP32', [1, NaN]),
      fail('FP64', [Infinity]),
      fail('BYTES', [new Uint8Array(1)]),
      fail('BYTES', [5]),
      fail('INT16', [true]),
    ]).toEqual([
      [invalid, 'x: UINT8 data must be integers in [0, 255]; element 0 is -5'],
      [invalid, 'x: BOOL data must be booleans (or 0/1); element 0 is 1.5'],
      [invalid, 'x: INT32 data must be integers in [-2147483648, 2147483647]; element 0 is 2.5'],
      [invalid, 'x: FP16 data cannot be sent as JSON: OVMS accepts FP16 only as binary tensor data'],
      [invalid, 'x: BF16 data cannot be sent as JSON: OVMS accepts BF16 only as binary tensor data'],
      [
        invalid,
        'x: INT64 element 0 is 9007199254740992n, outside the range JSON numbers carry exactly (±(2^53 − 1)); send this tensor as binary data',
      ],
      [invalid, 'x: UINT64 data must be bigints in [0, 18446744073709551615] or safe-integer numbers; element 0 is -1'],
      [invalid, 'x: FP32 element 1 is NaN, which JSON cannot represent; send this tensor as binary data'],
      [invalid, 'x: FP64 element 0 is Infinity, which JSON cannot represent; send this tensor as binary data'],
      [invalid, 'x: BYTES element 0 is a Uint8Array, which JSON cannot carry; send this tensor as binary data'],
      [invalid, 'x: BYTES data must be strings; element 0 is 5'],
      [invalid, 'x: INT16 data must be integers in [-32768, 32767]; element 0 is true'],
    ]);
  });
});

describe('decodeJson', () => {
  it('builds the same types as decodeBinary, from flat or nested data', () => {
    expect([
      decodeJson('FP32', [[1.5, 2], [3, 4]], [2, 2]),
      decodeJson('FP64', [0.1], [1]),
      decodeJson('FP16', [1, 2], [2]),
      decodeJson('INT8', [-128, 127], [2]),
      decodeJson('UINT16', [65535], [1]),
      decodeJson('INT32', [[-1], [2]], [2, 1]),
      decodeJson('INT64', [1, -2], [2]),
      decodeJson('UINT64', [2 ** 63], [1]),
      decodeJson('BOOL', [true, false], [2]),
      decodeJson('BYTES', ['a', 'é'], [2]),
      decodeJson('BYTES', ['é'], [1], { bytes: 'binary' }),
      decodeJson('FP32', [7], []),
    ]).toEqual([
      Float32Array.from([1.5, 2, 3, 4]),
      Float64Array.from([0.1]),
      Float32Array.from([1, 2]),
      Int8Array.from([-128, 127]),
      Uint16Array.from([65535]),
      Int32Array.from([-1, 2]),
      BigInt64Array.from([1n, -2n]),
      BigUint64Array.from([2n ** 63n]),
      [true, false],
      ['a', 'é'],
      [Uint8Array.from([0xc3, 0xa9])],
      Float32Array.from([7]),
    ]);
  });

  it('does not alias the response array for BYTES', () => {
    const data = ['a'];
    const out = decodeJson('BYTES', data, [1]);
    expect([out, out === data]).toEqual([['a'], false]);
  });

  const fail = (dt: Datatype, data: unknown, shape: number[]) => {
    const e = captureError(() => decodeJson(dt, data, shape, { name: 'y' }));
    return [e.reason, e.message];
  };
  const decode = { _tag: 'Decode' };

  it('rejects elements of the wrong JSON type or range, wrong counts, and non-arrays', () => {
    expect([
      fail('FP32', [1, '2'], [2]),
      fail('UINT8', [256], [1]),
      fail('INT32', [1.5], [1]),
      fail('INT64', [2 ** 63], [1]),
      fail('BOOL', [1], [1]),
      fail('BYTES', [null], [1]),
      fail('FP32', [1, 2, 3], [2, 2]),
      fail('FP32', { a: 1 }, [1]),
    ]).toEqual([
      [decode, 'FP32 tensor \'y\': element 1 is "2", expected a number'],
      [decode, "UINT8 tensor 'y': element 0 is 256, expected an integer in [0, 255]"],
      [decode, "INT32 tensor 'y': element 0 is 1.5, expected an integer in [-2147483648, 2147483647]"],
      [decode, "INT64 tensor 'y': element 0 is 9223372036854776000, expected an integer in [-9223372036854775808, 9223372036854775807]"],
      [decode, "BOOL tensor 'y': element 0 is 1, expected true or false"],
      [decode, "BYTES tensor 'y': element 0 is null, expected a string"],
      [decode, "FP32 tensor 'y': data has 3 elements but shape [2, 2] needs 4"],
      [decode, "FP32 tensor 'y': data must be a JSON array, got an object"],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { littleEndianBytes, swapByteOrder } from '../../../src/tensors/byteOrder.js';
import type { Datatype } from '../../../src/tensors/datatypes.js';
import { decodeBinary } from '../../../src/tensors/decodeBinary.js';
import { encodeBinary } from '../../../src/tensors/encodeBinary.js';
import type { TensorInputData, TensorOutputData } from '../../../src/tensors/types.js';
import { captureError, fromHex, hex } from './testHelpers.js';

// [datatype, input, shape, expected decoded data, expected bytes]
const roundTrips: [Datatype, TensorInputData, number[], TensorOutputData, string][] = [
  ['BOOL', [true, false, true], [3], [true, false, true], '010001'],
  ['UINT8', [0, 255, 7], [3], Uint8Array.from([0, 255, 7]), '00ff07'],
  ['UINT16', [0, 65535], [2], Uint16Array.from([0, 65535]), '0000ffff'],
  ['UINT32', [1, 4294967295], [2], Uint32Array.from([1, 4294967295]), '01000000ffffffff'],
  ['UINT64', [0n, 2n ** 64n - 1n, 3], [3], BigUint64Array.from([0n, 2n ** 64n - 1n, 3n]), '0000000000000000ffffffffffffffff0300000000000000'],
  ['INT8', [-128, 127], [2], Int8Array.from([-128, 127]), '807f'],
  ['INT16', [-32768, 1], [2], Int16Array.from([-32768, 1]), '00800100'],
  ['INT32', [[1], [-1]], [2, 1], Int32Array.from([1, -1]), '01000000ffffffff'],
  ['INT64', [-(2n ** 63n), 2n ** 63n - 1n, -2], [3], BigInt64Array.from([-(2n ** 63n), 2n ** 63n - 1n, -2n]), '0000000000000080ffffffffffffff7ffeffffffffffffff'],
  ['FP16', [1, -2.5, 65504, Infinity, -0], [5], Float32Array.from([1, -2.5, 65504, Infinity, -0]), '003c00c1ff7b007c0080'],
  ['BF16', [1, -2.5, 3.140625], [3], Float32Array.from([1, -2.5, 3.140625]), '803f20c04940'],
  ['FP32', [[1.5, -2]], [1, 2], Float32Array.from([1.5, -2]), '0000c03f000000c0'],
  ['FP64', [0.1], [1], Float64Array.from([0.1]), '9a9999999999b93f'],
  ['BYTES', ['Hello', '12'], [2], ['Hello', '12'], '0500000048656c6c6f020000003132'],
];

describe('encodeBinary / decodeBinary', () => {
  it.each(roundTrips)('%s: encodes to the expected bytes and decodes back', (dt, input, shape, decoded, bytes) => {
    const encoded = encodeBinary(dt, input, 'x');
    expect(hex(encoded)).toBe(bytes);
    expect(decodeBinary(dt, encoded, shape)).toEqual(decoded);
  });

  it('decodes BYTES as binary views when asked', () => {
    const bytes = fromHex('0500000048656c6c6f020000003132');
    expect(decodeBinary('BYTES', bytes, [2], { bytes: 'binary' })).toEqual([
      new TextEncoder().encode('Hello'),
      new TextEncoder().encode('12'),
    ]);
  });

  it('encodes BYTES from Uint8Array elements, nested', () => {
    expect(hex(encodeBinary('BYTES', [[new Uint8Array([1, 2])], ['a']], 'x'))).toBe('0200000001020100000061');
  });

  it('converts typed arrays of another datatype', () => {
    expect([
      hex(encodeBinary('FP16', new Float32Array([1, 2]), 'x')),
      hex(encodeBinary('BF16', new Float64Array([1]), 'x')),
      hex(encodeBinary('FP64', new Float32Array([1.5]), 'x')),
      hex(encodeBinary('INT64', new Int32Array([-1]), 'x')),
      hex(encodeBinary('INT32', new BigInt64Array([5n]), 'x')),
      hex(encodeBinary('FP32', new BigInt64Array([2n]), 'x')),
      hex(encodeBinary('UINT8', new Float32Array([3]), 'x')),
      hex(encodeBinary('BOOL', new Int32Array([1, 0]), 'x')),
    ]).toEqual(['003c0040', '803f', '000000000000f83f', 'ffffffffffffffff', '05000000', '00000040', '03', '0100']);
  });
});

describe('zero copy', () => {
  it('encodeBinary returns a view over a typed array of the same datatype, offset respected', () => {
    const buf = new ArrayBuffer(32);
    const f32 = new Float32Array(buf, 4, 3);
    f32.set([1, 2, 3]);
    const bytes = encodeBinary('FP32', f32, 'x');
    expect([bytes.buffer === buf, bytes.byteOffset, bytes.byteLength]).toEqual([true, 4, 12]);
    const i64 = new BigInt64Array([1n]);
    expect(encodeBinary('INT64', i64, 'x').buffer).toBe(i64.buffer);
    const bools = new Uint8Array([1, 0, 1]);
    expect(encodeBinary('BOOL', bools, 'x').buffer).toBe(bools.buffer);
  });

  it('decodeBinary returns views over aligned bytes', () => {
    const buf = new ArrayBuffer(40);
    const bytes = new Uint8Array(buf, 8, 12);
    bytes.set(encodeBinary('FP32', [1, 2, 3], 'x'));
    const out = decodeBinary('FP32', bytes, [3]);
    expect([out.buffer === buf, out.byteOffset, Array.from(out)]).toEqual([true, 8, [1, 2, 3]]);
    const i64 = new Uint8Array(buf, 16, 16);
    i64.set(encodeBinary('INT64', [7n, -7n], 'x'));
    const outI64 = decodeBinary('INT64', i64, [2]);
    expect([outI64.buffer === buf, Array.from(outI64)]).toEqual([true, [7n, -7n]]);
  });

  it('decodeBinary copies misaligned bytes, with equal values', () => {
    const buf = new ArrayBuffer(40);
    const bytes = new Uint8Array(buf, 1, 12);
    bytes.set(encodeBinary('FP32', [1, 2, 3], 'x'));
    const out = decodeBinary('FP32', bytes, [3]);
    expect([out.buffer === buf, Array.from(out)]).toEqual([false, [1, 2, 3]]);
    // 4-aligned is not enough for 8-byte elements.
    const i64 = new Uint8Array(buf, 4, 8);
    i64.set(encodeBinary('INT64', [-9n], 'x'));
    const outI64 = decodeBinary('INT64', i64, [1]);
    expect([outI64.buffer === buf, Array.from(outI64)]).toEqual([false, [-9n]]);
    // FP16 at an odd offset still decodes.
    const h = new Uint8Array(buf, 3, 4);
    h.set([0x00, 0x3c, 0x00, 0xc0]);
    expect(Array.from(decodeBinary('FP16', h, [2]))).toEqual([1, -2]);
  });
});

describe('encodeBinary validation', () => {
  const fail = (dt: Datatype, data: unknown) => {
    const e = captureError(() => encodeBinary(dt, data as TensorInputData, 'input0'));
    return [e.reason, e.message];
  };

  it('names the input and the first bad element', () => {
    expect([
      fail('UINT8', [1, -5]),
      fail('INT32', [2.5]),
      fail('INT8', [[1], [128]]),
      fail('BOOL', [true, 1.5]),
      fail('INT64', [2 ** 60]),
      fail('UINT64', [-1n]),
      fail('FP32', ['1']),
      fail('BYTES', [1]),
      fail('BYTES', new Uint8Array(2)),
      fail('FP32', [[1, 2], [3]]),
      fail('FP32', 'abc'),
    ]).toEqual([
      [{ _tag: 'InvalidInput', field: 'input0' }, 'input0: UINT8 data must be integers in [0, 255]; element 1 is -5'],
      [{ _tag: 'InvalidInput', field: 'input0' }, 'input0: INT32 data must be integers in [-2147483648, 2147483647]; element 0 is 2.5'],
      [{ _tag: 'InvalidInput', field: 'input0' }, 'input0: INT8 data must be integers in [-128, 127]; element 1 is 128'],
      [{ _tag: 'InvalidInput', field: 'input0' }, 'input0: BOOL data must be booleans (or 0/1); element 1 is 1.5'],
      [
        { _tag: 'InvalidInput', field: 'input0' },
        'input0: INT64 data must be bigints in [-9223372036854775808, 9223372036854775807] or safe-integer numbers; element 0 is 1152921504606847000',
      ],
      [
        { _tag: 'InvalidInput', field: 'input0' },
        'input0: UINT64 data must be bigints in [0, 18446744073709551615] or safe-integer numbers; element 0 is -1n',
      ],
      [{ _tag: 'InvalidInput', field: 'input0' }, 'input0: FP32 data must be numbers; element 0 is "1"'],
      [{ _tag: 'InvalidInput', field: 'input0' }, 'input0: BYTES data must be strings or Uint8Arrays; element 0 is 1'],
      [
        { _tag: 'InvalidInput', field: 'input0' },
        'input0: BYTES data must be an array of strings or Uint8Arrays, got a Uint8Array of 2 bytes; wrap a single Uint8Array in an array to send it as one element',
      ],
      [{ _tag: 'InvalidInput', field: 'input0' }, 'input0: ragged nested array: expected length 2 at index path [1], got length 1'],
      [{ _tag: 'InvalidInput', field: 'input0' }, 'input0: FP32 data must be an array or typed array, got "abc"'],
    ]);
  });

  it('validates typed arrays converted to a narrower datatype', () => {
    expect(fail('UINT8', new Int16Array([3, 300]))).toEqual([
      { _tag: 'InvalidInput', field: 'input0' },
      'input0: UINT8 data must be integers in [0, 255]; element 1 is 300',
    ]);
    expect(fail('BOOL', new Uint8Array([1, 2]))).toEqual([
      { _tag: 'InvalidInput', field: 'input0' },
      'input0: BOOL data must be booleans (or 0/1); element 1 is 2',
    ]);
  });
});

describe('decodeBinary errors', () => {
  const fail = (f: () => unknown) => {
    const e = captureError(f);
    return [e.reason, e.message];
  };

  it('rejects byte lengths that do not match the shape', () => {
    expect([
      fail(() => decodeBinary('FP32', new Uint8Array(20), [2, 3])),
      fail(() => decodeBinary('INT64', new Uint8Array(9), [1], { name: 'out' })),
      fail(() => decodeBinary('BOOL', new Uint8Array(0), [])),
      fail(() => decodeBinary('BYTES', fromHex('0500000048656c6c6f'), [2])),
      fail(() => decodeBinary('BYTES', fromHex('05000000486565'), [1])),
      fail(() => decodeBinary('FP32', new Uint8Array(4), [1.5])),
    ]).toEqual([
      [{ _tag: 'Decode' }, 'FP32 tensor of shape [2, 3] needs 24 bytes (6 × 4), got 20'],
      [{ _tag: 'Decode' }, "INT64 tensor 'out' of shape [1] needs 8 bytes (1 × 8), got 9"],
      [{ _tag: 'Decode' }, 'BOOL tensor of shape [] needs 1 bytes (1 × 1), got 0'],
      [{ _tag: 'Decode' }, 'BYTES tensor of shape [2]: expected 2 BYTES elements, found 1 in 9 bytes'],
      [{ _tag: 'Decode' }, 'BYTES tensor of shape [1]: BYTES element 0: length 5 at byte 0 runs past the end (3 bytes left)'],
      [{ _tag: 'Decode' }, 'tensor shape [1.5] has an invalid dimension 1.5'],
    ]);
  });

  it('decodes any non-zero BOOL byte as true, and invalid UTF-8 as U+FFFD', () => {
    expect(decodeBinary('BOOL', Uint8Array.from([0, 1, 2]), [3])).toEqual([false, true, true]);
    expect(decodeBinary('BYTES', fromHex('01000000ff'), [1])).toEqual(['\ufffd']);
  });
});

describe('byte order helpers', () => {
  it('swaps element bytes for big-endian platforms', () => {
    const b = fromHex('0102030405060708');
    swapByteOrder(b, 4);
    expect(hex(b)).toBe('0403020108070605');
    // Told the platform is big-endian, it must return a byte-swapped copy of native memory
    // (here the native memory is little-endian, so the "swapped" copy reads big-endian).
    const src = new Uint16Array([0x0102]);
    const be = littleEndianBytes(src, false);
    const le = littleEndianBytes(src, true);
    expect([hex(be), be.buffer === src.buffer, hex(le), le.buffer === src.buffer]).toEqual(['0102', false, '0201', true]);
  });
});

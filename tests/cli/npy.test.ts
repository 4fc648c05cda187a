import { describe, expect, it } from 'vitest';
import { decodeNpy } from '../../src/cli/npy/decodeNpy.js';
import { encodeNpy } from '../../src/cli/npy/encodeNpy.js';
import { parseNpyHeader } from '../../src/cli/npy/parseNpyHeader.js';

// Written by numpy 2.4 (`np.save`, `np.lib.format.write_array(..., version=…)`), so the codec is checked
// against the reference implementation, not against itself.
const NUMPY = {
  f4_1x10: 'k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDEsIDEwKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAACAPwAAAEAAAEBAAACAQAAAoEAAAMBAAADgQAAAAEEAABBB',
  i8_2x2: 'k05VTVBZAQB2AHsnZGVzY3InOiAnPGk4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDIpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoBAAAAAAAAAP7/////////AwAAAAAAAAAEAAAAAAAAAA==',
  b1_3: 'k05VTVBZAQB2AHsnZGVzY3InOiAnfGIxJywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoBAAE=',
  u2_scalar: 'k05VTVBZAQB2AHsnZGVzY3InOiAnPHUyJywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKCksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoHAA==',
  f8_2x3: 'k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDMpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAAAAAAAAAAAAPA/AAAAAAAAAEAAAAAAAAAIQAAAAAAAABBAAAAAAAAAFEA=',
  i1_2: 'k05VTVBZAQB2AHsnZGVzY3InOiAnfGkxJywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAr/Ag==',
  f2_2: 'k05VTVBZAQB2AHsnZGVzY3InOiAnPGYyJywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAPgDA',
  i4_v2: 'k05VTVBZAgB0AAAAeydkZXNjcic6ICc8aTQnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMywpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAQAAAAIAAAA=',
  i4_v3: 'k05VTVBZAwB0AAAAeydkZXNjcic6ICc8aTQnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMywpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAQAAAAIAAAA=',
} as const;
const bytes = (b64: string): Uint8Array => new Uint8Array(Buffer.from(b64, 'base64'));

describe('decodeNpy', () => {
  it('reads what numpy writes, for each supported dtype and header version', () => {
    expect(decodeNpy(bytes(NUMPY.f4_1x10))).toEqual({ descr: '<f4', datatype: 'FP32', shape: [1, 10], data: new Float32Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) });
    expect(decodeNpy(bytes(NUMPY.i8_2x2))).toEqual({ descr: '<i8', datatype: 'INT64', shape: [2, 2], data: new BigInt64Array([1n, -2n, 3n, 4n]) });
    expect(decodeNpy(bytes(NUMPY.b1_3))).toEqual({ descr: '|b1', datatype: 'BOOL', shape: [3], data: [true, false, true] });
    expect(decodeNpy(bytes(NUMPY.u2_scalar))).toEqual({ descr: '<u2', datatype: 'UINT16', shape: [], data: new Uint16Array([7]) });
    expect(decodeNpy(bytes(NUMPY.f8_2x3))).toEqual({ descr: '<f8', datatype: 'FP64', shape: [2, 3], data: new Float64Array([0, 1, 2, 3, 4, 5]) });
    expect(decodeNpy(bytes(NUMPY.i1_2))).toEqual({ descr: '|i1', datatype: 'INT8', shape: [2], data: new Int8Array([-1, 2]) });
    expect(decodeNpy(bytes(NUMPY.f2_2))).toEqual({ descr: '<f2', datatype: 'FP16', shape: [2], data: new Float32Array([1.5, -2]) });
    expect(decodeNpy(bytes(NUMPY.i4_v2))).toEqual({ descr: '<i4', datatype: 'INT32', shape: [3], data: new Int32Array([0, 1, 2]) });
    expect(decodeNpy(bytes(NUMPY.i4_v3))).toEqual({ descr: '<i4', datatype: 'INT32', shape: [3], data: new Int32Array([0, 1, 2]) });
  });

  it('reads a file whose bytes sit at an odd offset of a larger buffer', () => {
    const file = bytes(NUMPY.f8_2x3);
    const big = new Uint8Array(file.length + 3);
    big.set(file, 3);
    expect(decodeNpy(big.subarray(3)).data).toEqual(new Float64Array([0, 1, 2, 3, 4, 5]));
    // A Node Buffer, whose slice() is a view: the data must still be exactly the file's.
    const buffer = Buffer.concat([Buffer.alloc(5), Buffer.from(file)]).subarray(5);
    expect(decodeNpy(buffer).data).toEqual(new Float64Array([0, 1, 2, 3, 4, 5]));
  });

  it('refuses what it cannot read, saying why', () => {
    expect(() => decodeNpy(new TextEncoder().encode('{"b": [1]}'))).toThrow(/not a \.npy file/);
    const bigEndian = encodeNpy({ datatype: 'INT32', shape: [1], data: new Int32Array([1]) });
    bigEndian.set(new TextEncoder().encode('>'), bigEndian.indexOf(0x3c)); // '<i4' → '>i4'
    expect(() => decodeNpy(bigEndian)).toThrow(/unsupported dtype '>i4' \(big-endian/);
    const truncated = bytes(NUMPY.f4_1x10).subarray(0, 128 + 28);
    expect(() => decodeNpy(truncated)).toThrow(/needs 40 data bytes, the file has 28/);
    const unicode = encodeNpy({ datatype: 'INT32', shape: [1], data: new Int32Array([1]) });
    unicode.set(new TextEncoder().encode('<U1'), unicode.indexOf(0x3c));
    expect(() => decodeNpy(unicode)).toThrow(/unsupported dtype '<U1'/);
  });
});

describe('encodeNpy', () => {
  it('writes byte for byte what numpy writes', () => {
    expect(encodeNpy({ datatype: 'FP32', shape: [1, 10], data: new Float32Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) })).toEqual(bytes(NUMPY.f4_1x10));
    expect(encodeNpy({ datatype: 'INT64', shape: [2, 2], data: new BigInt64Array([1n, -2n, 3n, 4n]) })).toEqual(bytes(NUMPY.i8_2x2));
    expect(encodeNpy({ datatype: 'BOOL', shape: [3], data: [true, false, true] })).toEqual(bytes(NUMPY.b1_3));
    expect(encodeNpy({ datatype: 'UINT16', shape: [], data: new Uint16Array([7]) })).toEqual(bytes(NUMPY.u2_scalar));
    expect(encodeNpy({ datatype: 'INT8', shape: [2], data: new Int8Array([-1, 2]) })).toEqual(bytes(NUMPY.i1_2));
  });

  it('round-trips every datatype it writes', () => {
    const cases = [
      { datatype: 'UINT8', data: new Uint8Array([0, 255]) },
      { datatype: 'INT16', data: new Int16Array([-32768, 7]) },
      { datatype: 'UINT32', data: new Uint32Array([4294967295, 1]) },
      { datatype: 'UINT64', data: new BigUint64Array([18446744073709551615n, 0n]) },
      { datatype: 'FP64', data: new Float64Array([Math.PI, -0]) },
    ] as const;
    for (const c of cases) {
      const back = decodeNpy(encodeNpy({ ...c, shape: [2, 1] }));
      expect(back).toMatchObject({ datatype: c.datatype, shape: [2, 1], data: c.data });
    }
    // FP16 outputs arrive widened to float32, so they are written as <f4.
    expect(decodeNpy(encodeNpy({ datatype: 'FP16', shape: [1], data: new Float32Array([0.5]) }))).toMatchObject({ descr: '<f4', datatype: 'FP32' });
  });

  it('keeps the data 64-byte aligned and switches to format 2.0 for a huge header', () => {
    const file = encodeNpy({ datatype: 'FP32', shape: new Array<number>(30000).fill(1), data: new Float32Array(1) });
    expect([file[6], file[7]]).toEqual([2, 0]);
    expect((file.length - 4) % 64).toBe(0);
    expect(decodeNpy(file).shape).toHaveLength(30000);
  });

  it('refuses BYTES and mismatched data', () => {
    expect(() => encodeNpy({ datatype: 'BYTES', shape: [1], data: ['x'] })).toThrow(/BYTES tensors cannot be written as \.npy/);
    expect(() => encodeNpy({ datatype: 'FP32', shape: [3], data: new Float32Array(2) })).toThrow(/needs 3/);
    expect(() => encodeNpy({ datatype: 'INT64', shape: [1], data: new Float32Array(1) })).toThrow(/8-byte elements/);
  });
});

describe('parseNpyHeader', () => {
  it('reads keys in any order, either quote, with trailing commas', () => {
    expect(parseNpyHeader(`{"shape": (2,), 'fortran_order': False, "descr": "<f4",}  \n`)).toEqual({ descr: '<f4', fortranOrder: false, shape: [2] });
    expect(parseNpyHeader("{'descr': '<i8', 'fortran_order': True, 'shape': ()}")).toEqual({ descr: '<i8', fortranOrder: true, shape: [] });
  });
  it('refuses a structured dtype and broken text', () => {
    expect(() => parseNpyHeader("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,)}")).toThrow(/structured dtypes/);
    expect(() => parseNpyHeader("{'descr': '<f4', 'shape': (1,)}")).toThrow(/fortran_order/);
    expect(() => parseNpyHeader("{'descr': '<f4'")).toThrow(/bad header/);
  });
});

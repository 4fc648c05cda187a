import { describe, expect, it } from 'vitest';
import { inferDatatype } from '../../../src/tensors/inferDatatype.js';

describe('inferDatatype', () => {
  it('maps each typed array to its datatype', () => {
    const arrays = [
      new Int8Array(1), new Uint8Array(1), new Int16Array(1), new Uint16Array(1), new Int32Array(1),
      new Uint32Array(1), new Float32Array(1), new Float64Array(1), new BigInt64Array(1), new BigUint64Array(1),
    ];
    expect(arrays.map(inferDatatype)).toEqual([
      'INT8', 'UINT8', 'INT16', 'UINT16', 'INT32', 'UINT32', 'FP32', 'FP64', 'INT64', 'UINT64',
    ]);
  });

  it('infers from plain and nested arrays', () => {
    expect([
      inferDatatype([[1, 2], [3, 4.5]]),
      inferDatatype([1, 2, 3]),
      inferDatatype([true, false]),
      inferDatatype(['a', ['b']]),
      inferDatatype([new Uint8Array(2), 'x']),
      inferDatatype([1n, 2n]),
      inferDatatype([1n, 2]),
      inferDatatype([new Float64Array(2), new Float64Array(2)]),
      inferDatatype([new Float32Array(0)]),
    ]).toEqual(['FP32', 'FP32', 'BOOL', 'BYTES', 'BYTES', 'INT64', 'INT64', 'FP64', 'FP32']);
  });

  it('gives undefined for empty or mixed data', () => {
    expect([
      inferDatatype([]),
      inferDatatype([[], []]),
      inferDatatype([1, true]),
      inferDatatype(['a', 1]),
      inferDatatype([new Float32Array(1), new Float64Array(1)]),
      inferDatatype([null] as never),
    ]).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});

import { describe, expect, it } from 'vitest';
import { flatten } from '../../../src/tensors/flatten.js';
import { shapeSize } from '../../../src/tensors/shapeSize.js';
import { toNested } from '../../../src/tensors/toNested.js';
import { captureError } from './testHelpers.js';

describe('shapeSize', () => {
  it('multiplies dimensions; the scalar shape has one element', () => {
    expect([shapeSize([1, 2, 3]), shapeSize([]), shapeSize([4, 0, 2]), shapeSize([7])]).toEqual([6, 1, 0, 7]);
  });
});

describe('flatten', () => {
  it('flattens a 1x2x3 nested array row-major and infers its shape', () => {
    expect(flatten([[[1, 2, 3], [4, 5, 6]]])).toEqual({ values: [1, 2, 3, 4, 5, 6], shape: [1, 2, 3] });
  });

  it('accepts typed arrays as the innermost level and at the top', () => {
    expect(flatten([new Float32Array([1, 2]), new Float32Array([3, 4])])).toEqual({ values: [1, 2, 3, 4], shape: [2, 2] });
    expect(flatten(new Int32Array([5, 6, 7]))).toEqual({ values: [5, 6, 7], shape: [3] });
    expect(flatten([[new BigInt64Array([1n])]])).toEqual({ values: [1n], shape: [1, 1, 1] });
  });

  it('keeps strings whole, and Uint8Arrays whole when asked', () => {
    const a = new Uint8Array([1, 2]);
    expect(flatten([['ab', 'cd']])).toEqual({ values: ['ab', 'cd'], shape: [1, 2] });
    expect(flatten([a, a], { uint8ArrayAsElement: true })).toEqual({ values: [a, a], shape: [2] });
    expect(flatten([a, a])).toEqual({ values: [1, 2, 1, 2], shape: [2, 2] });
  });

  it('handles empty dimensions', () => {
    expect([flatten([]), flatten([[], []])]).toEqual([
      { values: [], shape: [0] },
      { values: [], shape: [2, 0] },
    ]);
  });

  it('rejects a ragged array, naming the index path', () => {
    const e = captureError(() => flatten([[[1, 2, 3], [4, 5]]]));
    expect(e.reason).toEqual({ _tag: 'InvalidInput', field: 'data' });
    expect(e.message).toBe('data: ragged nested array: expected length 3 at index path [0, 1], got length 2');
  });

  it('rejects arrays and scalars mixed at one level, and uses the given field', () => {
    expect(captureError(() => flatten([[1, 2], 3])).message).toBe(
      'data: ragged nested array: expected an array of length 2 at index path [1], got 3',
    );
    expect(captureError(() => flatten([1, [2]], { field: 'input0' })).message).toBe(
      'input0: ragged nested array: expected a scalar at index path [1], got an array of length 1',
    );
    expect(captureError(() => flatten([[new Float32Array(1)], [[[1]]]])).message).toBe(
      'data: ragged nested array: expected a scalar at index path [1, 0, 0], got an array of length 1',
    );
  });

  it('rejects non-arrays and self-referencing arrays', () => {
    expect(captureError(() => flatten(5 as never)).message).toBe('data: expected an array or typed array, got 5');
    const loop: unknown[] = [];
    loop.push(loop);
    expect(captureError(() => flatten(loop as never)).message).toBe('data: nested array deeper than 64 levels');
  });
});

describe('toNested', () => {
  it('rebuilds a 1x2x3 tensor', () => {
    expect(toNested({ shape: [1, 2, 3], data: new Float32Array([1, 2, 3, 4, 5, 6]) })).toEqual([[[1, 2, 3], [4, 5, 6]]]);
  });

  it('keeps element kinds: bigints, booleans, strings', () => {
    expect(toNested({ shape: [2], data: new BigInt64Array([1n, -2n]) })).toEqual([1n, -2n]);
    expect(toNested({ shape: [2, 1], data: [true, false] })).toEqual([[true], [false]]);
    expect(toNested({ shape: [1, 2], data: ['a', 'b'] })).toEqual([['a', 'b']]);
  });

  it('gives the single value for a scalar shape, and empty rows for zero dimensions', () => {
    expect(toNested({ shape: [], data: new Float64Array([2.5]) })).toBe(2.5);
    expect(toNested({ shape: [2, 0], data: new Float32Array(0) })).toEqual([[], []]);
    expect(toNested({ shape: [0, 3], data: new Float32Array(0) })).toEqual([]);
  });

  it('inverts flatten', () => {
    const nested = [[[1, 2], [3, 4], [5, 6]], [[7, 8], [9, 10], [11, 12]]];
    const { values, shape } = flatten(nested);
    expect(toNested({ shape, data: Float32Array.from(values as number[]) })).toEqual(nested);
  });

  it('rejects data whose length does not match the shape, and invalid shapes', () => {
    const e = captureError(() => toNested({ shape: [2, 3], data: new Float32Array(5) }));
    expect(e.reason).toEqual({ _tag: 'Decode' });
    expect(e.message).toBe('tensor data has 5 elements but shape [2, 3] needs 6');
    expect(captureError(() => toNested({ shape: [-1, 3], data: new Float32Array(3) })).message).toBe(
      'tensor shape [-1, 3] has an invalid dimension -1',
    );
  });
});

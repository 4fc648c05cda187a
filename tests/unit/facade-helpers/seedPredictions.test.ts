/**
 * seedPredictions: an InferResult as the seed's `predictions` (rows along the first dimension).
 */
import { describe, expect, it } from 'vitest';
import { OvmsError } from '../../../src/errors/OvmsError.js';
import type { InferResult } from '../../../src/protocols/kserve/InferResult.js';
import { seedPredictions } from '../../../src/protocols/kserve/seedPredictions.js';
import type { Tensor } from '../../../src/tensors/types.js';

const result = (...outputs: Tensor[]): InferResult => ({ modelName: 'm', modelVersion: '1', id: undefined, parameters: undefined, outputs });

describe('seedPredictions', () => {
  it('one output: its rows', () => {
    expect(seedPredictions(result({ name: 'output', datatype: 'FP32', shape: [1, 5], data: new Float32Array([0, 1, 3, 6, 10]) }))).toStrictEqual([[0, 1, 3, 6, 10]]);
    expect(seedPredictions(result({ name: 'p', datatype: 'FP32', shape: [2, 2], data: new Float32Array([1, 2, 3, 4]) }))).toStrictEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('one rank-1 output: one prediction per element; bigints and strings kept', () => {
    expect(seedPredictions(result({ name: 'n', datatype: 'INT64', shape: [2], data: new BigInt64Array([7n, 8n]) }))).toStrictEqual([7n, 8n]);
    expect(seedPredictions(result({ name: 's', datatype: 'BYTES', shape: [2], data: ['a', 'b'] }))).toStrictEqual(['a', 'b']);
  });

  it('one scalar output: [value]', () => {
    expect(seedPredictions(result({ name: 'x', datatype: 'FP32', shape: [], data: new Float32Array([5.5]) }))).toStrictEqual([5.5]);
  });

  it('several outputs with one batch dimension: one object per row (TFS row layout)', () => {
    expect(
      seedPredictions(
        result(
          { name: 'active', datatype: 'INT64', shape: [2], data: new BigInt64Array([1n, 2n]) },
          { name: 'sum', datatype: 'FP64', shape: [2, 2], data: new Float64Array([1, 2, 3, 4]) },
        ),
      ),
    ).toStrictEqual([
      { active: 1n, sum: [1, 2] },
      { active: 2n, sum: [3, 4] },
    ]);
  });

  it('several outputs without a common first dimension: one object of whole values (column layout)', () => {
    expect(
      seedPredictions(
        result(
          { name: 'active', datatype: 'INT64', shape: [1], data: new BigInt64Array([2n]) },
          { name: 'upper', datatype: 'BYTES', shape: [3], data: ['A', 'B', 'C'] },
        ),
      ),
    ).toStrictEqual([{ active: [2n], upper: ['A', 'B', 'C'] }]);
    expect(
      seedPredictions(
        result(
          { name: 'count', datatype: 'INT32', shape: [], data: new Int32Array([3]) },
          { name: 'v', datatype: 'FP32', shape: [1], data: new Float32Array([1]) },
        ),
      ),
    ).toStrictEqual([{ count: 3, v: [1] }]);
  });

  it('no outputs: []', () => {
    expect(seedPredictions(result())).toStrictEqual([]);
  });

  it('data that does not match the shape: Decode', () => {
    try {
      seedPredictions(result({ name: 'x', datatype: 'FP32', shape: [2, 2], data: new Float32Array(3) }));
      throw new Error('expected Decode');
    } catch (error) {
      expect(error).toBeInstanceOf(OvmsError);
      expect((error as OvmsError).reason._tag).toBe('Decode');
    }
  });
});

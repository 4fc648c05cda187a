import { decodeError } from '../../errors/OvmsError.js';
import type { Tensor, TensorOutputData } from '../../tensors/types.js';
import type { InferResult } from './InferResult.js';

/**
 * Splits a batched result back into one result per item, by each item's batch count. Typed array
 * data is split into views (no copy).
 *
 * @throws {OvmsError} `Decode` when an output's first dimension is not the total batch.
 */
export function splitResult(result: InferResult, counts: readonly number[]): InferResult[] {
  const total = counts.reduce((a, b) => a + b, 0);
  for (const o of result.outputs) {
    if (o.shape[0] !== total) {
      throw decodeError(`batchInfer: output "${o.name}" has shape [${o.shape.join(', ')}], whose first dimension is not the batch of ${total}; it cannot be split per item`);
    }
  }
  let start = 0;
  return counts.map((count) => {
    const from = start;
    start += count;
    const outputs = result.outputs.map((o): Tensor => {
      const per = o.shape.slice(1).reduce((p, d) => p * d, 1);
      const data = (o.data as { subarray?: (a: number, b: number) => TensorOutputData; slice: (a: number, b: number) => TensorOutputData });
      const part = typeof data.subarray === 'function' ? data.subarray(from * per, (from + count) * per) : data.slice(from * per, (from + count) * per);
      return { ...o, shape: [count, ...o.shape.slice(1)], data: part };
    });
    return { ...result, outputs };
  });
}

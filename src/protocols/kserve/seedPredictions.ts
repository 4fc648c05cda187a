import { toNested, type NestedOutput } from '../../tensors/toNested.js';
import type { InferResult } from './InferResult.js';

/**
 * An inference result as the seed document's `predictions`: one entry per batch row, the layout
 * of a TensorFlow-Serving row-format response (rest-api.md §2, Predict). Pure.
 *
 * - One output: `toNested(output)`, i.e. the rows along the first dimension
 *   (`[1, 16]` → `[[e0, …, e15]]`). A rank-0 (scalar) output gives `[value]`.
 * - Several outputs that all have the same first dimension N: N objects
 *   `{ outputName: row, … }`, in the result's output order.
 * - Several outputs whose first dimensions differ, or with a rank-0 output (no common batch
 *   dimension to split along): a single object holding each output's whole nested value,
 *   `[{ outputName: value, … }]` (the column-format layout, wrapped in a one-element array).
 * - No outputs: `[]`.
 *
 * The first dimension is taken as the batch dimension, as TensorFlow Serving does; the metadata
 * is not consulted. Values keep their decoded types: INT64/UINT64 elements stay `bigint`
 * (exact, but not `JSON.stringify`-able), BYTES elements are strings (or `Uint8Array`s with
 * `bytes: 'binary'`), BOOL elements booleans.
 *
 * @param result - What `infer` (or one item of `batchInfer`) returned.
 * @returns The predictions, one element per batch row.
 * @throws {OvmsError} `Decode` when an output's data does not match its shape.
 * @example
 * ```ts
 * const result = await infer(config, { model: 'custom_model', inputs: { input: [0, 1, 2, 3, 4] } });
 * seedPredictions(result); // [[0, 1, 3, 6, 10]]
 * ```
 */
export function seedPredictions(result: InferResult): unknown[] {
  const outputs = result.outputs;
  const [first] = outputs;
  if (first === undefined) return [];
  if (outputs.length === 1) {
    const nested = toNested(first);
    return first.shape.length === 0 ? [nested] : [...(nested as readonly NestedOutput[])];
  }
  const batch = first.shape[0];
  if (batch !== undefined && outputs.every((o) => o.shape.length > 0 && o.shape[0] === batch)) {
    const nested = outputs.map((o) => toNested(o) as readonly NestedOutput[]);
    return Array.from({ length: batch }, (_, row) => Object.fromEntries(outputs.map((o, j) => [o.name, nested[j]?.[row]])));
  }
  return [Object.fromEntries(outputs.map((o) => [o.name, toNested(o)]))];
}

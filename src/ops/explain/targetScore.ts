import { decodeError } from '../../errors/OvmsError.js';
import type { InferResult } from '../../protocols/kserve/InferResult.js';
import type { ExplanationTarget } from '../explainPrediction.js';

/**
 * The target's score in one result: one element, or the sum or L2 norm of the whole output.
 * INT64 elements are converted with `Number`, booleans count 1 / 0.
 *
 * @param result - One evaluation's result.
 * @param target - From `chooseTarget`.
 * @returns The score.
 * @throws {OvmsError} `Decode` when the result lacks the output or the element, or holds a
 *   non-numeric value.
 */
export function targetScore(result: InferResult, target: ExplanationTarget): number {
  const output = result.outputs.find((o) => o.name === target.output);
  if (output === undefined) throw decodeError(`explainPrediction: a result has no output "${target.output}"`);
  const data = output.data as ArrayLike<unknown>;
  if (target.index !== null) {
    if (target.index >= data.length) throw decodeError(`explainPrediction: output "${target.output}" has ${data.length} elements, no index ${target.index}`);
    return numeric(data[target.index], target.output);
  }
  let total = 0;
  for (let i = 0; i < data.length; i += 1) {
    const v = numeric(data[i], target.output);
    total += target.score === 'l2' ? v * v : v;
  }
  return target.score === 'l2' ? Math.sqrt(total) : total;
}

function numeric(v: unknown, name: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw decodeError(`explainPrediction: output "${name}" holds a non-numeric value`);
}

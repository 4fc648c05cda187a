import type { InferInputTensor } from '../../protocols/kserve/InferRequest.js';
import type { PreparedInput } from '../../protocols/kserve/KserveInferPayload.js';
import type { TensorInputData, TypedArray } from '../../tensors/types.js';
import type { Feature } from './EvaluationPlan.js';

/**
 * The request's inputs with the given features replaced by the baseline value, as explicit
 * tensors (name, shape, datatype when fixed). Only the inputs that change are copied; the
 * caller's arrays are never written.
 *
 * @param prepared - The request's inputs after shape resolution.
 * @param features - Every feature of the explanation.
 * @param occluded - Indices (into `features`) of the features to replace.
 * @param baseline - The replacement value (already checked against each input's datatype).
 * @returns One tensor per input, in `prepared` order.
 */
export function perturbedInputs(prepared: readonly PreparedInput[], features: readonly Feature[], occluded: ArrayLike<number>, baseline: number): InferInputTensor[] {
  const copies = new Map<number, TypedArray | unknown[]>();
  for (let k = 0; k < occluded.length; k += 1) {
    const feature = features[occluded[k] as number];
    if (feature === undefined) continue;
    let values = copies.get(feature.input);
    if (values === undefined) {
      values = (prepared[feature.input] as PreparedInput).values.slice() as TypedArray | unknown[];
      copies.set(feature.input, values);
    }
    const big = values instanceof BigInt64Array || values instanceof BigUint64Array;
    for (let i = feature.start; i < feature.end; i += 1) {
      const old: unknown = (values as ArrayLike<unknown>)[i];
      // Keep each element's own JS type, so the encoder sees what the caller's data would hold.
      (values as unknown[])[i] = big || typeof old === 'bigint' ? BigInt(baseline) : typeof old === 'boolean' ? baseline !== 0 : baseline;
    }
  }
  return prepared.map((p, i) => ({
    name: p.name,
    data: (copies.get(i) ?? p.values) as TensorInputData,
    shape: p.shape,
    ...(p.datatypeFixed ? { datatype: p.datatype } : {}),
  }));
}

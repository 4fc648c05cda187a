import type { PreparedInput } from '../../protocols/kserve/KserveInferPayload.js';
import type { Feature } from './EvaluationPlan.js';

/**
 * Splits the chosen inputs into features: runs of `groupSize` consecutive flat (row-major)
 * elements, the last run possibly shorter. For an NHWC image, `groupSize` = channels makes one
 * feature per pixel and `groupSize` = width · channels one per image row.
 *
 * @param prepared - The request's inputs after shape resolution.
 * @param chosen - Indices (into `prepared`) of the inputs whose elements are features, in order.
 * @param groupSize - Elements per feature (a positive integer).
 * @returns The features, input by input.
 */
export function featureGroups(prepared: readonly PreparedInput[], chosen: readonly number[], groupSize: number): Feature[] {
  const features: Feature[] = [];
  for (const input of chosen) {
    const p = prepared[input];
    if (p === undefined) continue;
    for (let start = 0; start < p.values.length; start += groupSize) {
      const end = Math.min(p.values.length, start + groupSize);
      features.push({ input, start, end, name: groupSize === 1 ? `${p.name}[${start}]` : `${p.name}[${start}:${end}]` });
    }
  }
  return features;
}

import type { ExplanationFactor } from '../explainPrediction.js';

/**
 * The `k` features of largest absolute importance, largest first; ties keep feature order.
 *
 * @param names - Feature names.
 * @param importance - Importance per feature (same length).
 * @param k - How many to keep.
 * @returns At most `k` factors.
 */
export function topFactors(names: readonly string[], importance: readonly number[], k: number): ExplanationFactor[] {
  return importance
    .map((value, i) => ({ i, value }))
    .sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || a.i - b.i)
    .slice(0, k)
    .map(({ i, value }) => ({ feature: names[i] ?? String(i), importance: value }));
}

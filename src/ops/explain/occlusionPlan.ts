import type { EvaluationPlan } from './EvaluationPlan.js';

/**
 * Occlusion (Zeiler & Fergus 2014, leave-one-out): evaluation 0 is the input as given, evaluation
 * `i + 1` replaces feature `i` by the baseline value. Importance of feature `i` = score(input) −
 * score(input with `i` occluded): positive when the feature pushes the target score up.
 *
 * @param features - Number of features.
 * @returns The plan: `features + 1` evaluations.
 */
export function occlusionPlan(features: number): EvaluationPlan {
  return {
    count: features + 1,
    occluded: (e) => (e === 0 ? [] : [e - 1]),
    importance: (scores) => {
      const base = scores[0] ?? Number.NaN;
      return Array.from({ length: features }, (_, i) => base - (scores[i + 1] ?? Number.NaN));
    },
  };
}

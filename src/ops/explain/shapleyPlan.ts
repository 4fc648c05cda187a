import type { EvaluationPlan } from './EvaluationPlan.js';

/**
 * Sampling Shapley values by random permutations (Castro, Gómez & Tejada 2009; Štrumbelj &
 * Kononenko 2014). For each permutation, features are switched from the baseline value to their
 * real value one at a time, and each gets the change of the score when it is switched. Evaluation
 * 0 is the real input and evaluation 1 the reference (every feature at the baseline value); both
 * are shared by all permutations, so the cost is `2 + samples · (features − 1)` evaluations.
 *
 * Per permutation the contributions add up to score(input) − score(reference) (efficiency), and a
 * model that is additive in the features gets its exact Shapley values from any permutation.
 *
 * @param features - Number of features (at least 1).
 * @param samples - Number of permutations.
 * @param random - A seeded generator of floats in [0, 1), for reproducible permutations.
 * @returns The plan.
 */
export function shapleyPlan(features: number, samples: number, random: () => number): EvaluationPlan {
  const steps = features - 1;
  const permutations = Array.from({ length: samples }, () => {
    const p = Int32Array.from({ length: features }, (_, i) => i);
    // Fisher–Yates: every order equally likely.
    for (let i = features - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      const tmp = p[i] as number;
      p[i] = p[j] as number;
      p[j] = tmp;
    }
    return p;
  });
  const all = Int32Array.from({ length: features }, (_, i) => i);
  return {
    count: 2 + samples * steps,
    referenceIndex: 1,
    occluded: (e) => {
      if (e === 0) return [];
      if (e === 1) return all;
      const k = e - 2;
      // Evaluation 2 + p·steps + (t − 1): the first t features of permutation p are real, the rest occluded.
      return (permutations[Math.floor(k / steps)] as Int32Array).subarray((k % steps) + 1);
    },
    importance: (scores) => {
      const phi = new Array<number>(features).fill(0);
      permutations.forEach((p, s) => {
        let previous = scores[1] ?? Number.NaN;
        for (let t = 1; t <= features; t += 1) {
          const current = (t === features ? scores[0] : scores[2 + s * steps + (t - 1)]) ?? Number.NaN;
          const f = p[t - 1] as number;
          phi[f] = (phi[f] as number) + (current - previous);
          previous = current;
        }
      });
      return phi.map((v) => v / samples);
    },
  };
}

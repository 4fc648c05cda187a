/**
 * The pure parts of explainPrediction: plans, features, perturbation, target, score, factors, RNG.
 */
import { describe, expect, it } from 'vitest';
import { OvmsError } from '../../../src/errors/OvmsError.js';
import { chooseTarget } from '../../../src/ops/explain/chooseTarget.js';
import { featureGroups } from '../../../src/ops/explain/featureGroups.js';
import { occlusionPlan } from '../../../src/ops/explain/occlusionPlan.js';
import { perturbedInputs } from '../../../src/ops/explain/perturbedInputs.js';
import { seededRandom } from '../../../src/ops/explain/seededRandom.js';
import { shapleyPlan } from '../../../src/ops/explain/shapleyPlan.js';
import { targetScore } from '../../../src/ops/explain/targetScore.js';
import { topFactors } from '../../../src/ops/explain/topFactors.js';
import type { InferResult } from '../../../src/protocols/kserve/InferResult.js';
import type { PreparedInput } from '../../../src/protocols/kserve/KserveInferPayload.js';
import type { ModelMetadata } from '../../../src/protocols/kserve/kserveSchemas.js';
import type { Tensor } from '../../../src/tensors/types.js';

const result = (...outputs: Tensor[]): InferResult => ({ modelName: 'm', modelVersion: '1', id: undefined, parameters: undefined, outputs });
const metadata = (outputs: ModelMetadata['outputs']): ModelMetadata => ({ name: 'm', versions: ['1'], platform: 'OpenVINO', inputs: [], outputs });

function invalid(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect((error as OvmsError).reason._tag).toBe('InvalidInput');
    return (error as OvmsError).message;
  }
  throw new Error('expected InvalidInput');
}

describe('seededRandom', () => {
  it('is reproducible per seed and in [0, 1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom(8)()).not.toBe(xs[0]);
  });
});

describe('occlusionPlan', () => {
  it('evaluation 0 is the input, i + 1 occludes feature i; importance = base − occluded', () => {
    const plan = occlusionPlan(3);
    expect(plan.count).toBe(4);
    expect([0, 1, 2, 3].map((e) => Array.from(plan.occluded(e)))).toEqual([[], [0], [1], [2]]);
    expect(plan.importance([10, 7, 10, 12])).toEqual([3, 0, -2]);
    expect(plan.referenceIndex).toBeUndefined();
  });
});

describe('shapleyPlan', () => {
  it('counts 2 + samples · (F − 1) evaluations and visits every coalition along each permutation', () => {
    const plan = shapleyPlan(4, 3, seededRandom(1));
    expect(plan.count).toBe(2 + 3 * 3);
    expect(Array.from(plan.occluded(0))).toEqual([]);
    expect(Array.from(plan.occluded(1))).toEqual([0, 1, 2, 3]);
    // Along one permutation the occluded set shrinks by one feature at a time.
    for (let p = 0; p < 3; p += 1) {
      const sizes = [1, 2, 3].map((t) => plan.occluded(2 + p * 3 + (t - 1)).length);
      expect(sizes).toEqual([3, 2, 1]);
    }
  });

  it('is exact for an additive score, and efficient (Σφ = f(x) − f(reference))', () => {
    const weights = [3, -1, 0.5, 2, 7];
    const x = [1, 2, 3, 4, 5];
    const plan = shapleyPlan(5, 4, seededRandom(9));
    const scores = Array.from({ length: plan.count }, (_, e) => {
      const off = new Set(Array.from(plan.occluded(e)));
      return x.reduce((s, v, i) => s + (off.has(i) ? 0 : v * (weights[i] as number)), 0);
    });
    expect(plan.importance(scores)).toEqual([3, -2, 1.5, 8, 35]);
  });

  it('one feature: two evaluations', () => {
    const plan = shapleyPlan(1, 5, seededRandom(0));
    expect(plan.count).toBe(2);
    expect(plan.importance([4, 1])).toEqual([3]);
  });
});

describe('featureGroups', () => {
  const p = (name: string, n: number): PreparedInput => ({ name, datatype: 'FP32', datatypeFixed: true, shape: [1, n], values: new Float32Array(n) });
  it('one feature per element, or runs of groupSize (last one shorter), over the chosen inputs', () => {
    expect(featureGroups([p('a', 3)], [0], 1)).toEqual([
      { input: 0, start: 0, end: 1, name: 'a[0]' },
      { input: 0, start: 1, end: 2, name: 'a[1]' },
      { input: 0, start: 2, end: 3, name: 'a[2]' },
    ]);
    expect(featureGroups([p('a', 5), p('b', 2)], [1, 0], 2)).toEqual([
      { input: 1, start: 0, end: 2, name: 'b[0:2]' },
      { input: 0, start: 0, end: 2, name: 'a[0:2]' },
      { input: 0, start: 2, end: 4, name: 'a[2:4]' },
      { input: 0, start: 4, end: 5, name: 'a[4:5]' },
    ]);
  });
});

describe('perturbedInputs', () => {
  it('copies only the touched inputs, keeps element types, never writes the caller\'s arrays', () => {
    const floats = new Float32Array([1, 2, 3, 4]);
    const ints = [5, 6];
    const bigs = [7n, 8n];
    const prepared: PreparedInput[] = [
      { name: 'f', datatype: 'FP32', datatypeFixed: true, shape: [1, 4], values: floats },
      { name: 'i', datatype: 'INT64', datatypeFixed: true, shape: [1, 2], values: ints },
      { name: 'g', datatype: 'INT64', datatypeFixed: false, shape: [2], values: bigs },
    ];
    const features = featureGroups(prepared, [0, 2], 2); // f[0:2], f[2:4], g[0:2]
    const out = perturbedInputs(prepared, features, [1, 2], 0);
    expect(out).toStrictEqual([
      { name: 'f', data: new Float32Array([1, 2, 0, 0]), shape: [1, 4], datatype: 'FP32' },
      { name: 'i', data: ints, shape: [1, 2], datatype: 'INT64' },
      { name: 'g', data: [0n, 0n], shape: [2] },
    ]);
    expect(out[1]?.data).toBe(ints);
    expect(floats).toEqual(new Float32Array([1, 2, 3, 4]));
    expect(bigs).toEqual([7n, 8n]);
    const untouched = perturbedInputs(prepared, features, [], 0);
    expect(untouched[0]?.data).toBe(floats);
  });

  it('BigInt64Array and boolean elements get a baseline of their own type', () => {
    const prepared: PreparedInput[] = [
      { name: 'b', datatype: 'INT64', datatypeFixed: true, shape: [2], values: new BigInt64Array([3n, 4n]) },
      { name: 'm', datatype: 'BOOL', datatypeFixed: true, shape: [2], values: [true, true] },
    ];
    const features = featureGroups(prepared, [0, 1], 1);
    expect(perturbedInputs(prepared, features, [0, 3], 1).map((t) => t.data)).toStrictEqual([new BigInt64Array([1n, 4n]), [true, true]]);
    expect(perturbedInputs(prepared, features, [3], 0).map((t) => t.data)).toStrictEqual([new BigInt64Array([3n, 4n]), [true, false]]);
  });
});

describe('chooseTarget and targetScore', () => {
  const probs: Tensor = { name: 'probabilities', datatype: 'FP32', shape: [1, 4], data: new Float32Array([0.1, 0.5, 0.3, 0.1]) };
  const sums: Tensor = { name: 'output', datatype: 'FP32', shape: [1, 3], data: new Float32Array([1, 3, 6]) };

  it('a [1, C] float output: the argmax class', () => {
    const t = chooseTarget(result(probs), metadata([{ name: 'probabilities', datatype: 'FP32', shape: [-1, 4] }]), undefined);
    expect(t).toEqual({ output: 'probabilities', index: 1, score: 'element' });
    expect(targetScore(result(probs), t)).toBe(new Float32Array([0.5])[0]);
  });

  it('otherwise the sum (a dynamic last dimension is no class count); reduce l2 on request; an explicit index', () => {
    const meta = metadata([{ name: 'output', datatype: 'FP32', shape: [-1, -1] }]);
    expect(chooseTarget(result(sums), meta, undefined)).toEqual({ output: 'output', index: null, score: 'sum' });
    expect(chooseTarget(result({ ...sums, shape: [3, 1] }), meta, undefined)).toEqual({ output: 'output', index: null, score: 'sum' });
    expect(chooseTarget(result({ ...sums, datatype: 'INT32', data: new Int32Array([1, 3, 6]) }), metadata([{ name: 'output', datatype: 'INT32', shape: [-1, 3] }]), undefined)).toEqual({
      output: 'output',
      index: null,
      score: 'sum',
    });
    expect(targetScore(result(sums), { output: 'output', index: null, score: 'sum' })).toBe(10);
    expect(chooseTarget(result(sums), meta, { reduce: 'l2' })).toEqual({ output: 'output', index: null, score: 'l2' });
    expect(targetScore(result(sums), { output: 'output', index: null, score: 'l2' })).toBe(Math.sqrt(46));
    expect(chooseTarget(result(sums), meta, { index: 2 })).toEqual({ output: 'output', index: 2, score: 'element' });
  });

  it('the metadata\'s first output by default, a named one on request', () => {
    const meta = metadata([
      { name: 'output', datatype: 'FP32', shape: [-1, -1] },
      { name: 'probabilities', datatype: 'FP32', shape: [-1, 4] },
    ]);
    expect(chooseTarget(result(probs, sums), meta, undefined).output).toBe('output');
    expect(chooseTarget(result(probs, sums), meta, { output: 'probabilities' })).toEqual({ output: 'probabilities', index: 1, score: 'element' });
  });

  it('errors: unknown output, BYTES output, index out of range, index with reduce', () => {
    const meta = metadata([{ name: 'output', datatype: 'FP32', shape: [-1, -1] }]);
    expect(invalid(() => chooseTarget(result(sums), meta, { output: 'nope' }))).toBe('target.output: model "m" has no output "nope"; its outputs: output');
    expect(invalid(() => chooseTarget(result({ name: 's', datatype: 'BYTES', shape: [1], data: ['x'] }), meta, undefined))).toBe(
      'target.output: output "s" is BYTES and has no numeric score; choose another with target.output',
    );
    expect(invalid(() => chooseTarget(result(sums), meta, { index: 3 }))).toBe('target.index: expected a flat index in [0, 3) of output "output" (shape [1, 3]), got 3');
    expect(invalid(() => chooseTarget(result(sums), meta, { index: 0, reduce: 'sum' }))).toBe('target: give `index` or `reduce`, not both');
  });

  it('bigint and boolean outputs score as numbers', () => {
    expect(targetScore(result({ name: 'n', datatype: 'INT64', shape: [2], data: new BigInt64Array([2n, 5n]) }), { output: 'n', index: null, score: 'sum' })).toBe(7);
    expect(targetScore(result({ name: 'b', datatype: 'BOOL', shape: [3], data: [true, false, true] }), { output: 'b', index: null, score: 'sum' })).toBe(2);
  });
});

describe('topFactors', () => {
  it('largest |importance| first, ties in feature order, at most k', () => {
    expect(topFactors(['a', 'b', 'c', 'd'], [1, -3, 3, 0.5], 3)).toEqual([
      { feature: 'b', importance: -3 },
      { feature: 'c', importance: 3 },
      { feature: 'a', importance: 1 },
    ]);
    expect(topFactors(['a'], [1], 0)).toEqual([]);
  });
});

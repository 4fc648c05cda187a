import type { ClientConfig } from '../config/ClientConfig.js';
import { optional } from '../core/optional.js';
import { resolveModel, resolveVersion } from '../core/resolveTarget.js';
import { invalidInput } from '../errors/OvmsError.js';
import type { InferInputs, InferOptions } from '../protocols/kserve/InferRequest.js';
import type { KserveParameters } from '../protocols/kserve/KserveInferPayload.js';
import { loadMetadata } from '../protocols/kserve/loadMetadata.js';
import { prepareInputs } from '../protocols/kserve/prepareInputs.js';
import { batchInfer } from './batchInfer.js';
import { chooseTarget } from './explain/chooseTarget.js';
import type { EvaluationPlan } from './explain/EvaluationPlan.js';
import { featureGroups } from './explain/featureGroups.js';
import { occlusionPlan } from './explain/occlusionPlan.js';
import { perturbedInputs } from './explain/perturbedInputs.js';
import { seededRandom } from './explain/seededRandom.js';
import { shapleyPlan } from './explain/shapleyPlan.js';
import { targetScore } from './explain/targetScore.js';
import { topFactors } from './explain/topFactors.js';
import type { ModelTarget } from './ModelTarget.js';

/** The attribution methods of {@link explainPrediction}. */
export type ExplainMethod = 'occlusion' | 'shapley';

/** Which score an explanation attributes (see {@link explainPrediction} for the default). */
export interface ExplainTarget {
  /** Output name; default: the model's first output. */
  readonly output?: string;
  /** A flat (row-major) element index of the output; for a `[1, C]` classifier, the class. */
  readonly index?: number;
  /** Score the whole output by its sum or L2 norm instead of one element. */
  readonly reduce?: 'sum' | 'l2';
}

/** What {@link explainPrediction} explains: a model and one request's inputs. */
export interface ExplainRequest extends ModelTarget {
  /** The inputs whose prediction is explained, as for `infer`. */
  readonly inputs: InferInputs;
  /** Request-level KServe parameters sent with every evaluation. */
  readonly parameters?: KserveParameters;
}

/** Options of {@link explainPrediction}; the `infer` options apply to every evaluation. */
export interface ExplainOptions extends InferOptions {
  /** `occlusion` (default) or `shapley` (sampling estimate by permutations). */
  readonly method?: ExplainMethod;
  /** Inputs whose elements are the features. Default: the model's first input. */
  readonly featureInputs?: readonly string[];
  /** Consecutive flat elements per feature. Default 1 (one feature per element). */
  readonly groupSize?: number;
  /** Value that replaces an occluded element. Default 0. Must suit the input's datatype. */
  readonly baseline?: number;
  /** The score to attribute. */
  readonly target?: ExplainTarget;
  /** Shapley permutations. Default 10. */
  readonly samples?: number;
  /** Seed of the Shapley permutations. Default 0. */
  readonly seed?: number;
  /** Evaluations per `batchInfer` call. Default 64. */
  readonly maxBatch?: number;
  /** Most evaluations (inferences, the unperturbed one included) allowed. Default 1024. */
  readonly maxEvaluations?: number;
  /** Number of `factors`. Default 5. */
  readonly topK?: number;
  /** Requests in flight at once when a model takes items one by one (fixed batch). Default 4. */
  readonly concurrency?: number;
}

/** The score that was attributed. */
export interface ExplanationTarget {
  readonly output: string;
  /** The flat element index, or `null` when the whole output is reduced. */
  readonly index: number | null;
  /** `element`, or the reduction of the whole output. */
  readonly score: 'element' | 'sum' | 'l2';
}

/** One of the most important features. */
export interface ExplanationFactor {
  /** `input[i]`, or `input[start:end]` for a group of elements (flat, row-major, end excluded). */
  readonly feature: string;
  /** Signed importance (see {@link Explanation.feature_importance}). */
  readonly importance: number;
}

/** What {@link explainPrediction} returns (snake_case where the seed document prints the field). */
export interface Explanation {
  readonly method: ExplainMethod;
  readonly target: ExplanationTarget;
  /** The target score of the unperturbed input. */
  readonly baseline_score: number;
  /** Shapley only: the target score with every feature at the baseline value. */
  readonly reference_score?: number;
  /**
   * Per feature, in `features` order: occlusion, score(input) − score(input with the feature at
   * the baseline value); Shapley, the mean marginal contribution. Positive: the feature raises
   * the target score.
   */
  readonly feature_importance: number[];
  /** Feature names, same order as `feature_importance`. */
  readonly features: string[];
  /** The `topK` features of largest absolute importance, largest first. */
  readonly factors: ExplanationFactor[];
  /** Inferences made, the unperturbed one included. */
  readonly evaluations: number;
  /** Shapley only: permutations sampled. */
  readonly samples?: number;
}

const DEFAULTS = { groupSize: 1, baseline: 0, samples: 10, seed: 0, maxBatch: 64, maxEvaluations: 1024, topK: 5 } as const;

/**
 * Explains one prediction by client-side, model-agnostic attribution: OVMS has no explanation
 * endpoint (rest-api.md §8; `:explain` does not exist), so this only runs inferences
 * (`POST /v2/models/{m}[/versions/{v}]/infer`) on perturbed copies of the input.
 *
 * Features are the elements of `featureInputs` (default: the model's first input), or runs of
 * `groupSize` consecutive flat elements. An occluded feature is set to `baseline` (default 0).
 * - `occlusion` (default): one evaluation per feature plus the input itself (`features + 1`).
 * - `shapley`: sampling Shapley values over `samples` seeded permutations
 *   (`2 + samples · (features − 1)` evaluations); the same seed gives the same permutations.
 *
 * Target (what is attributed): `target.index` (flat index) or `target.reduce` of `target.output`
 * (default the first output); by default the predicted class (argmax) of a classifier-like output
 * (floating point, shape `[1, C]` with C fixed in the metadata, like `[-1, 10]`), otherwise the
 * sum of the output.
 *
 * Evaluations travel through `batchInfer`, at most `maxBatch` per call, so a model with a dynamic
 * batch dimension gets `ceil(evaluations / maxBatch)` requests (a fixed-batch model gets one
 * request per evaluation). Every number of the result comes from those inferences; it is as
 * deterministic as the model.
 *
 * @param config - From `createConfig`.
 * @param request - Model, version and the inputs to explain (as for `infer`).
 * @param options - Method, features, target, budget, and the `infer` options for every evaluation.
 * @returns The method, the target, the baseline score, the importance of every feature, the top
 *   factors and the number of evaluations.
 * @throws {OvmsError} `InvalidInput` (bad options or inputs, unknown or BYTES feature input or
 *   target output, a baseline the datatype cannot hold, more evaluations than `maxEvaluations`,
 *   all before any inference), and the reasons of `infer`.
 * @example
 * ```ts
 * const explanation = await explainPrediction(config, { model: 'custom_model', inputs: { input: [0, 1, 2, 3, 4] } });
 * explanation.feature_importance; // [0, 4, 6, 6, 4]: the running sum counts element i (5 − i) times
 * explanation.factors[0];         // { feature: 'input[2]', importance: 6 }
 * ```
 */
export async function explainPrediction(config: ClientConfig, request: ExplainRequest, options: ExplainOptions = {}): Promise<Explanation> {
  const {
    method = 'occlusion',
    featureInputs,
    groupSize = DEFAULTS.groupSize,
    baseline = DEFAULTS.baseline,
    target: requestedTarget,
    samples = DEFAULTS.samples,
    seed = DEFAULTS.seed,
    maxBatch = DEFAULTS.maxBatch,
    maxEvaluations = DEFAULTS.maxEvaluations,
    topK = DEFAULTS.topK,
    concurrency,
    ...inferOptions
  } = options;
  if (method !== 'occlusion' && method !== 'shapley') throw invalidInput('method', `expected 'occlusion' or 'shapley', got ${JSON.stringify(method)}`);
  positiveInteger('groupSize', groupSize);
  positiveInteger('samples', samples);
  positiveInteger('maxBatch', maxBatch);
  positiveInteger('maxEvaluations', maxEvaluations);
  if (!Number.isSafeInteger(topK) || topK < 0) throw invalidInput('topK', `expected a non-negative integer, got ${String(topK)}`);
  if (typeof baseline !== 'number' || !Number.isFinite(baseline)) throw invalidInput('baseline', `expected a finite number, got ${String(baseline)}`);
  if (typeof seed !== 'number' || !Number.isFinite(seed)) throw invalidInput('seed', `expected a finite number, got ${String(seed)}`);
  if (requestedTarget?.index !== undefined && (!Number.isSafeInteger(requestedTarget.index) || requestedTarget.index < 0)) {
    throw invalidInput('target.index', `expected a non-negative integer, got ${String(requestedTarget.index)}`);
  }
  if (requestedTarget?.reduce !== undefined && requestedTarget.reduce !== 'sum' && requestedTarget.reduce !== 'l2') {
    throw invalidInput('target.reduce', `expected 'sum' or 'l2', got ${JSON.stringify(requestedTarget.reduce)}`);
  }

  const model = resolveModel(config, request.model);
  const version = resolveVersion(config, model, request.version);
  const metadata = await loadMetadata(config, model, version, inferOptions);
  const prepared = prepareInputs(request.inputs, metadata);

  const names = featureInputs ?? [metadata.inputs.find((m) => prepared.some((p) => p.name === m.name))?.name ?? prepared[0]?.name ?? ''];
  if (!Array.isArray(names) || names.length === 0) throw invalidInput('featureInputs', 'expected a non-empty array of input names');
  const chosen = names.map((name) => {
    const index = prepared.findIndex((p) => p.name === name);
    const input = prepared[index];
    if (input === undefined) throw invalidInput('featureInputs', `no input ${JSON.stringify(name)} in the request; inputs: ${prepared.map((p) => p.name).join(', ')}`);
    checkBaseline(input.name, input.datatype, baseline);
    return index;
  });
  if (new Set(chosen).size !== chosen.length) throw invalidInput('featureInputs', 'an input is named twice');

  const features = featureGroups(prepared, chosen, groupSize);
  if (features.length === 0) throw invalidInput('featureInputs', `the feature inputs (${names.join(', ')}) have no elements`);
  const plan: EvaluationPlan = method === 'occlusion' ? occlusionPlan(features.length) : shapleyPlan(features.length, samples, seededRandom(seed));
  if (plan.count > maxEvaluations) {
    const sizes = chosen.map((i) => prepared[i]?.values.length ?? 0);
    throw invalidInput('maxEvaluations', budgetMessage(method, samples, features.length, plan.count, maxEvaluations, names, groupSize, sizes));
  }

  const scores: number[] = [];
  let target: ExplanationTarget | undefined;
  for (let start = 0, chunk = 0; start < plan.count; start += maxBatch, chunk += 1) {
    const end = Math.min(plan.count, start + maxBatch);
    const items = Array.from({ length: end - start }, (_, k) => perturbedInputs(prepared, features, plan.occluded(start + k), baseline));
    const results = await batchInfer(
      config,
      { model, ...optional('version', request.version), items, ...optional('parameters', request.parameters) },
      {
        ...inferOptions,
        ...optional('concurrency', concurrency),
        ...optional('requestId', inferOptions.requestId === undefined ? undefined : `${inferOptions.requestId}-explain-${chunk}`),
      },
    );
    for (const result of results) {
      // The default target (the predicted class) comes from the unperturbed input, evaluation 0.
      target ??= chooseTarget(result, metadata, requestedTarget);
      scores.push(targetScore(result, target));
    }
  }
  if (target === undefined) throw invalidInput('inputs', 'nothing was evaluated');

  const importance = plan.importance(scores);
  const featureNames = features.map((f) => f.name);
  return {
    method,
    target,
    baseline_score: scores[0] as number,
    ...optional('reference_score', plan.referenceIndex === undefined ? undefined : scores[plan.referenceIndex]),
    feature_importance: importance,
    features: featureNames,
    factors: topFactors(featureNames, importance, topK),
    evaluations: plan.count,
    ...optional('samples', method === 'shapley' ? samples : undefined),
  };
}

function positiveInteger(field: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) throw invalidInput(field, `expected a positive integer, got ${String(value)}`);
}

// The datatype must be able to hold the replacement value, or the request would fail (or be
// silently converted) on the server for every evaluation.
function checkBaseline(name: string, datatype: string, baseline: number): void {
  const field = 'baseline';
  if (datatype === 'BYTES') throw invalidInput('featureInputs', `input "${name}" is BYTES: its elements cannot be set to a numeric baseline`);
  if (datatype === 'BOOL' && baseline !== 0 && baseline !== 1) throw invalidInput(field, `input "${name}" is BOOL: baseline must be 0 or 1, got ${baseline}`);
  if (/^U?INT/.test(datatype) && !Number.isInteger(baseline)) throw invalidInput(field, `input "${name}" is ${datatype}: baseline must be an integer, got ${baseline}`);
  if (/^UINT/.test(datatype) && baseline < 0) throw invalidInput(field, `input "${name}" is ${datatype}: baseline must not be negative, got ${baseline}`);
}

function budgetMessage(method: ExplainMethod, samples: number, features: number, needed: number, max: number, names: readonly string[], groupSize: number, sizes: readonly number[]): string {
  const cost = (g: number): number => {
    const f = sizes.reduce((n, s) => n + Math.ceil(s / g), 0);
    return method === 'occlusion' ? f + 1 : 2 + samples * (f - 1);
  };
  // cost(g) never grows with g, so the smallest group size that fits is found by bisection.
  const largest = Math.max(...sizes);
  let fit: number | undefined;
  if (cost(largest) <= max) {
    let lo = groupSize + 1;
    let hi = largest;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (cost(mid) <= max) hi = mid;
      else lo = mid + 1;
    }
    fit = lo;
  }
  const what = `${method}${method === 'shapley' ? ` with ${samples} samples` : ''} over ${features} features (${groupSize === 1 ? 'elements' : `groups of ${groupSize} elements`} of ${names.join(', ')})`;
  const remedies = [
    ...(fit === undefined ? [] : [`set groupSize to ${fit} or more`]),
    ...(method === 'shapley' ? ['lower samples'] : []),
    `raise maxEvaluations to ${needed}`,
  ];
  return `${what} needs ${needed} evaluations, more than maxEvaluations = ${max}: ${remedies.join(', or ')}`;
}

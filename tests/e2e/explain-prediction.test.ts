/**
 * End-to-end: explainPrediction against the test server. Every number is checked against a
 * closed form of the servable or against a direct inference, and the requests are counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfig, getModelMetadataWithShapes, infer, type ClientConfig } from '../../src/ovms.js';
import { explainPrediction } from '../../src/ops/explainPrediction.js';
import { seedInputs } from '../../src/protocols/kserve/seedInputs.js';
import { startTestServer, type TestServer } from '../../src/testing/index.js';
import { FAST_RETRY, inferHeaderOf, inferRequestsSince, RECEIVED_LIMIT, rejectionOf, routesSince } from './e2eHelpers.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ host: '127.0.0.1', port: 0, receivedLimit: RECEIVED_LIMIT });
});

afterAll(async () => {
  await server.close();
});

// A fresh config per test: its metadata cache is empty, so the requests of one call are all visible.
const freshConfig = (): ClientConfig => createConfig({ baseUrl: server.url, retry: FAST_RETRY });

const SEED_IMAGE = [
  [
    [0.1, 0.2, 0.3],
    [0.4, 0.5, 0.6],
  ],
  [
    [0.7, 0.8, 0.9],
    [1.0, 1.1, 1.2],
  ],
];

/**
 * custom_model returns the running sum y_j = Σ_{i≤j} x_i of a row of length L, so the sum of its
 * outputs is Σ_i x_i·(L − i), and occluding x_i (to 0) lowers it by exactly x_i·(L − i).
 */
const closedForm = (x: readonly number[]): number[] => x.map((v, i) => v * (x.length - i));

describe('custom_model (running sum), target = sum of the outputs', () => {
  it('occlusion on the seed input [0, 1, 2, 3, 4]: the closed form, in one infer request', async () => {
    const config = freshConfig();
    const mark = server.requestCount;
    const explanation = await explainPrediction(config, { model: 'custom_model', inputs: { input: [0, 1, 2, 3, 4] } });
    expect(explanation).toStrictEqual({
      method: 'occlusion',
      target: { output: 'output', index: null, score: 'sum' },
      baseline_score: 20,
      feature_importance: [0, 4, 6, 6, 4],
      features: ['input[0]', 'input[1]', 'input[2]', 'input[3]', 'input[4]'],
      factors: [
        { feature: 'input[2]', importance: 6 },
        { feature: 'input[3]', importance: 6 },
        { feature: 'input[1]', importance: 4 },
        { feature: 'input[4]', importance: 4 },
        { feature: 'input[0]', importance: 0 },
      ],
      evaluations: 6,
    });
    expect(routesSince(server, mark)).toEqual(['GET /v2/models/custom_model', 'POST /v2/models/custom_model/infer']);
    // The input plus five occluded copies, along the batch dimension.
    const [sent] = inferRequestsSince(server, mark);
    expect((inferHeaderOf(sent!)['inputs'] as { shape: number[] }[])[0]?.shape).toEqual([6, 5]);
  });

  it('occlusion on other values, a non-zero baseline, chunks of maxBatch', async () => {
    const config = freshConfig();
    const x = [0.5, -1.25, 2, 3.5, -0.75, 1, 4];
    const mark = server.requestCount;
    const explanation = await explainPrediction(config, { model: 'custom_model', inputs: { input: x } }, { maxBatch: 3, baseline: 0.25, topK: 2 });
    // Replacing x_i by b changes the sum by (x_i − b)·(L − i).
    expect(explanation.feature_importance).toEqual(x.map((v, i) => (v - 0.25) * (x.length - i)));
    expect(explanation.baseline_score).toBe(closedForm(x).reduce((a, b) => a + b, 0));
    expect(explanation.factors).toEqual([
      { feature: 'input[3]', importance: 13 },
      { feature: 'input[1]', importance: -9 },
    ]);
    expect(explanation.evaluations).toBe(8);
    // ceil(8 / 3) = 3 infer requests of 3, 3 and 2 items.
    const sent = inferRequestsSince(server, mark);
    expect(sent.map((r) => (inferHeaderOf(r)['inputs'] as { shape: number[] }[])[0]?.shape)).toEqual([
      [3, 7],
      [3, 7],
      [2, 7],
    ]);
  });

  it('shapley: exact for this additive target, reproducible, efficient', async () => {
    const config = freshConfig();
    const x = [0, 1, 2, 3, 4];
    const mark = server.requestCount;
    const explanation = await explainPrediction(config, { model: 'custom_model', inputs: { input: x } }, { method: 'shapley', samples: 6, seed: 1234 });
    expect(explanation).toStrictEqual({
      method: 'shapley',
      target: { output: 'output', index: null, score: 'sum' },
      baseline_score: 20,
      reference_score: 0,
      feature_importance: closedForm(x),
      features: ['input[0]', 'input[1]', 'input[2]', 'input[3]', 'input[4]'],
      factors: [
        { feature: 'input[2]', importance: 6 },
        { feature: 'input[3]', importance: 6 },
        { feature: 'input[1]', importance: 4 },
        { feature: 'input[4]', importance: 4 },
        { feature: 'input[0]', importance: 0 },
      ],
      evaluations: 2 + 6 * 4,
      samples: 6,
    });
    expect(inferRequestsSince(server, mark)).toHaveLength(1);
    const again = await explainPrediction(config, { model: 'custom_model', inputs: { input: x } }, { method: 'shapley', samples: 6, seed: 1234 });
    expect(again).toStrictEqual(explanation);
  });

  it('the budget: more evaluations than maxEvaluations fails before any inference', async () => {
    const config = freshConfig();
    const mark = server.requestCount;
    const error = await rejectionOf(explainPrediction(config, { model: 'custom_model', inputs: { input: [0, 1, 2, 3, 4] } }, { maxEvaluations: 5 }));
    expect(error.reason).toEqual({ _tag: 'InvalidInput', field: 'maxEvaluations' });
    expect(error.message).toBe(
      'maxEvaluations: occlusion over 5 features (elements of input) needs 6 evaluations, more than maxEvaluations = 5: set groupSize to 2 or more, or raise maxEvaluations to 6',
    );
    expect(inferRequestsSince(server, mark)).toEqual([]);
    // With the suggested grouping it fits: ceil(5 / 2) + 1 = 4 evaluations.
    const grouped = await explainPrediction(config, { model: 'custom_model', inputs: { input: [0, 1, 2, 3, 4] } }, { maxEvaluations: 5, groupSize: 2 });
    expect(grouped.features).toEqual(['input[0:2]', 'input[2:4]', 'input[4:5]']);
    expect(grouped.feature_importance).toEqual([0 + 4, 6 + 6, 4]);
    expect(grouped.evaluations).toBe(4);
  });
});

describe('resnet (softmax classifier), target = the predicted class', () => {
  it('occlusion of each element of the seed image: target, scores and one importance checked by direct inference', async () => {
    const config = freshConfig();
    const mark = server.requestCount;
    const explanation = await explainPrediction(config, { model: 'resnet', inputs: { image: SEED_IMAGE } });
    expect(inferRequestsSince(server, mark)).toHaveLength(1);

    const direct = await infer(config, { model: 'resnet', inputs: { image: SEED_IMAGE } });
    const probs = Array.from(direct.outputs[0]!.data as Float32Array);
    const predicted = probs.indexOf(Math.max(...probs));
    expect(explanation.method).toBe('occlusion');
    expect(explanation.target).toEqual({ output: 'probabilities', index: predicted, score: 'element' });
    expect(explanation.baseline_score).toBe(probs[predicted]);
    expect(explanation.evaluations).toBe(13);
    expect(explanation.features).toEqual(Array.from({ length: 12 }, (_, i) => `image[${i}]`));
    expect(explanation.feature_importance).toHaveLength(12);

    // Element 7 (pixel [1][0], green) set to 0, inferred alone: the same delta.
    const occluded = SEED_IMAGE.map((row, y) => row.map((px, x) => px.map((v, c) => (y * 6 + x * 3 + c === 7 ? 0 : v))));
    const alone = await infer(config, { model: 'resnet', inputs: { image: occluded } });
    expect(explanation.feature_importance[7]).toBe((probs[predicted] as number) - ((alone.outputs[0]!.data as Float32Array)[predicted] as number));

    // factors: the 5 largest |importance|, sorted, each the importance of its feature.
    expect(explanation.factors).toHaveLength(5);
    const magnitudes = explanation.factors.map((f) => Math.abs(f.importance));
    expect(magnitudes).toEqual([...magnitudes].sort((a, b) => b - a));
    for (const f of explanation.factors) expect(f.importance).toBe(explanation.feature_importance[explanation.features.indexOf(f.feature)]);
    const rest = explanation.feature_importance.filter((_, i) => !explanation.factors.some((f) => f.feature === `image[${i}]`));
    expect(Math.max(...rest.map(Math.abs))).toBeLessThanOrEqual(magnitudes[4]!);
  });

  it('per pixel (groupSize 3), an explicit class, and shapley efficiency', async () => {
    const config = freshConfig();
    const byPixel = await explainPrediction(config, { model: 'resnet', inputs: { image: SEED_IMAGE } }, { groupSize: 3, target: { index: 2 } });
    expect(byPixel.features).toEqual(['image[0:3]', 'image[3:6]', 'image[6:9]', 'image[9:12]']);
    expect(byPixel.target).toEqual({ output: 'probabilities', index: 2, score: 'element' });
    const blackPixel = [SEED_IMAGE[0], [SEED_IMAGE[1]![0], [0, 0, 0]]];
    const alone = await infer(config, { model: 'resnet', inputs: { image: blackPixel as number[][][] } });
    expect(byPixel.feature_importance[3]).toBe(byPixel.baseline_score - ((alone.outputs[0]!.data as Float32Array)[2] as number));

    const shapley = await explainPrediction(config, { model: 'resnet', inputs: { image: SEED_IMAGE } }, { method: 'shapley', groupSize: 3, samples: 8, seed: 7 });
    expect(shapley.evaluations).toBe(2 + 8 * 3);
    const total = shapley.feature_importance.reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(shapley.baseline_score - (shapley.reference_score as number), 12);
  });

  it('the budget for shapley names the group size that fits', async () => {
    const error = await rejectionOf(explainPrediction(freshConfig(), { model: 'resnet', inputs: { image: SEED_IMAGE } }, { method: 'shapley', maxEvaluations: 50 }));
    expect(error.message).toBe(
      'maxEvaluations: shapley with 10 samples over 12 features (elements of image) needs 112 evaluations, more than maxEvaluations = 50: set groupSize to 3 or more, or lower samples, or raise maxEvaluations to 112',
    );
  });
});

describe('other models', () => {
  it('bert with the seed\'s [0, 1, 2, 3, 4] (through seedInputs): token ids are the features', async () => {
    const config = freshConfig();
    const metadata = await getModelMetadataWithShapes(config, { model: 'bert' });
    const inputs = seedInputs(metadata, [0, 1, 2, 3, 4]);
    const mark = server.requestCount;
    const explanation = await explainPrediction(config, { model: 'bert', inputs });
    expect(inferRequestsSince(server, mark)).toHaveLength(1);
    expect(explanation.features).toEqual(['data[0]', 'data[1]', 'data[2]', 'data[3]', 'data[4]']);
    // embedding is FP32 [-1, 16]: a fixed last dimension, so the default target is its largest component.
    const direct = Array.from((await infer(config, { model: 'bert', inputs })).outputs[0]!.data as Float32Array);
    expect(explanation.target).toEqual({ output: 'embedding', index: direct.indexOf(Math.max(...direct)), score: 'element' });
    // Occluding token 0 with the baseline 0 changes nothing.
    expect(explanation.feature_importance[0]).toBe(0);
    const masked = await explainPrediction(config, { model: 'bert', inputs }, { featureInputs: ['mask'], target: { reduce: 'l2' } });
    expect(masked.features).toEqual(['mask[0]', 'mask[1]', 'mask[2]', 'mask[3]', 'mask[4]']);
    expect(masked.baseline_score).toBeCloseTo(1, 6);
  });

  it('a fixed-batch model (dummy [1,10]) gets one request per evaluation', async () => {
    const config = freshConfig();
    const mark = server.requestCount;
    const b = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const explanation = await explainPrediction(config, { model: 'dummy', inputs: { b } }, { target: { reduce: 'sum' } });
    // a = b + 1 summed: occluding b_i (to 0) lowers the sum by b_i.
    expect(explanation.feature_importance).toEqual(b);
    expect(explanation.target).toEqual({ output: 'a', index: null, score: 'sum' });
    expect(inferRequestsSince(server, mark)).toHaveLength(11);
    // Without a target, a is FP32 [1, 10] with 10 fixed in the metadata: classifier-like, so the
    // largest element a[9] is attributed, which only b[9] moves.
    const byDefault = await explainPrediction(config, { model: 'dummy', inputs: { b } });
    expect(byDefault.target).toEqual({ output: 'a', index: 9, score: 'element' });
    expect(byDefault.feature_importance).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 9]);
  });

  it('bad options fail before any inference', async () => {
    const config = freshConfig();
    const mark = server.requestCount;
    const bert = { model: 'bert', inputs: { data: [[1, 2]], mask: [[1, 1]] } };
    expect((await rejectionOf(explainPrediction(config, bert, { baseline: 0.5 }))).message).toBe('baseline: input "data" is INT64: baseline must be an integer, got 0.5');
    expect((await rejectionOf(explainPrediction(config, bert, { featureInputs: ['ids'] }))).message).toBe('featureInputs: no input "ids" in the request; inputs: data, mask');
    expect((await rejectionOf(explainPrediction(config, { model: 'string', inputs: { my_name: ['a'] } }))).message).toBe(
      'featureInputs: input "my_name" is BYTES: its elements cannot be set to a numeric baseline',
    );
    expect((await rejectionOf(explainPrediction(config, bert, { groupSize: 0 }))).message).toBe('groupSize: expected a positive integer, got 0');
    expect(inferRequestsSince(server, mark)).toEqual([]);
  });

  it('an unknown target output is reported after the first chunk', async () => {
    const error = await rejectionOf(explainPrediction(freshConfig(), { model: 'custom_model', inputs: { input: [1, 2] } }, { target: { output: 'logits' } }));
    expect(error.message).toBe('target.output: model "custom_model" has no output "logits"; its outputs: output');
  });
});

/**
 * The facade's inference methods against the local test server, current (2026.3, KServe only) and
 * legacy (2026.2, KServe and TensorFlow-Serving): the seed's four input formats, `predictions`,
 * the version in the URL, one request per batch, endpoint handlers and `:predict` URLs, and
 * `explainPrediction`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { OVMS } from '../../src/api_backends/index.js';
import type { TestServer } from '../../src/testing/index.js';
import { closedPortUrl, fileServer, freshServer, isEmbedding, isolateOvmsEnv, receivedSince, rejectionOf, routesSince, useServerCleanup } from './facadeHelpers.js';

isolateOvmsEnv();
useServerCleanup();

const IMAGE = [
  [
    [0.1, 0.2, 0.3],
    [0.4, 0.5, 0.6],
  ],
  [
    [0.7, 0.8, 0.9],
    [1.0, 1.1, 1.2],
  ],
];

/** `custom_model` answers the running sum along the last axis. */
const runningSum = (xs: readonly number[]): number[] => xs.map((_, i) => xs.slice(0, i + 1).reduce((a, b) => a + b, 0));

describe.each([
  ['current', false],
  ['legacy', true],
] as const)('inference on the %s server', (_mode, legacy) => {
  let server: TestServer;
  let ovms: OVMS;
  beforeAll(async () => {
    server = await fileServer({ legacy });
    ovms = new OVMS({}, { ovms_api_url: server.url, ovms_model: 'bert' });
  });

  it('1. an array goes to the first input (bert: data, the mask filled with ones)', async () => {
    const mark = server.requestCount;
    const predictions = await ovms.infer(undefined, [0, 1, 2, 3, 4]);
    expect(predictions).toHaveLength(1);
    expect(isEmbedding(predictions[0])).toBe(true);
    const post = receivedSince(server, mark).find((r) => r.method === 'POST');
    expect(post?.url).toBe('/v2/models/bert/infer');
    const body = JSON.parse(post?.body.toString('utf8') ?? '{}') as { inputs: { name: string; shape: number[]; data: number[] }[] };
    expect(body.inputs.map((i) => [i.name, i.shape, i.data])).toEqual([
      ['data', [1, 5], [0, 1, 2, 3, 4]],
      ['mask', [1, 5], [1, 1, 1, 1, 1]],
    ]);
    // The explicit mask of ones gives the same embedding.
    expect(await ovms.infer('bert', { data: [0, 1, 2, 3, 4], mask: [1, 1, 1, 1, 1] })).toEqual(predictions);
  });

  it("1b. the seed's custom_model: predictions are rows of the output", async () => {
    expect(await ovms.infer('custom_model', [0, 1, 2, 3, 4])).toEqual([runningSum([0, 1, 2, 3, 4])]);
    expect(await ovms.infer('custom_model', [[1, 2], [3, 4]])).toEqual([
      [1, 3],
      [3, 7],
    ]);
  });

  it('2. an object by input name', async () => {
    const predictions = await ovms.infer('bert', { data: [0, 1, 2, 3], mask: [1, 1, 1, 1] });
    expect(predictions).toHaveLength(1);
    expect(isEmbedding(predictions[0])).toBe(true);
    // A zero in the mask changes the answer: the mask really reaches the model.
    expect(await ovms.infer('bert', { data: [0, 1, 2, 3], mask: [1, 1, 0, 0] })).not.toEqual(predictions);
  });

  it('3. a nested array (an image) goes to resnet as [1, 2, 2, 3]', async () => {
    const mark = server.requestCount;
    const predictions = await ovms.infer('resnet', IMAGE);
    expect(predictions).toHaveLength(1);
    const probabilities = predictions[0] as number[];
    expect(probabilities).toHaveLength(10);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    const post = receivedSince(server, mark).find((r) => r.method === 'POST');
    expect(JSON.parse(post?.body.toString('utf8') ?? '{}').inputs[0]).toMatchObject({ name: 'image', shape: [1, 2, 2, 3], datatype: 'FP32' });
  });

  it('4. pre-formatted instances (row format) and inputs (column format and KServe tensors)', async () => {
    const named = await ovms.infer('bert', { data: [0, 1, 2, 3], mask: [1, 1, 1, 1] });
    expect(await ovms.infer('bert', { instances: [{ data: [0, 1, 2, 3], mask: [1, 1, 1, 1] }] })).toEqual(named);
    expect(await ovms.infer('bert', { inputs: { data: [[0, 1, 2, 3]], mask: [[1, 1, 1, 1]] } })).toEqual(named);
    expect(
      await ovms.infer('bert', {
        inputs: [
          { name: 'data', datatype: 'INT64', shape: [1, 4], data: [0, 1, 2, 3] },
          { name: 'mask', datatype: 'INT64', shape: [1, 4], data: [1, 1, 1, 1] },
        ],
      }),
    ).toEqual(named);
    // Two instances are two batch rows.
    const two = await ovms.infer('custom_model', { instances: [[1, 1, 1], [2, 2, 2]] });
    expect(two).toEqual([
      [1, 2, 3],
      [2, 4, 6],
    ]);
  });

  it('BYTES in and out: the string model (default version 3 reverses)', async () => {
    expect(await ovms.infer('string', ['abc', 'Hello'])).toEqual(['cba', 'olleH']);
    expect(await ovms.inferWithVersion('string', '2', ['abc'])).toEqual(['ABC']);
  });

  it('inferWithVersion puts /versions/{v} into the URL and the versioned model answers x + v', async () => {
    for (const version of ['1', '2', '3']) {
      const mark = server.requestCount;
      expect(await ovms.inferWithVersion('versioned', version, [[10, 20]])).toEqual([[10 + Number(version), 20 + Number(version)]]);
      expect(routesSince(server, mark).filter((r) => r.startsWith('POST'))).toEqual([`POST /v2/models/versioned/versions/${version}/infer`]);
    }
  });

  it("inferWithVersion on bert: the seed's versions 2 and 3 answer differently", async () => {
    const v2 = await ovms.inferWithVersion('bert', '2', [0, 1, 2, 3]);
    const v3 = await ovms.inferWithVersion('bert', '3', [0, 1, 2, 3]);
    expect(isEmbedding(v2[0])).toBe(true);
    expect(v2).not.toEqual(v3);
    // The default version is the highest one.
    expect(await ovms.infer('bert', [0, 1, 2, 3])).toEqual(v3);
  });

  it('infer options.version is the same as inferWithVersion; ovms_version sets the default model\'s version', async () => {
    expect(await ovms.infer('versioned', [[0]], { version: '2' })).toEqual([[2]]);
    const pinned = new OVMS({}, { ovms_api_url: server.url, ovms_model: 'versioned', ovms_version: '2' });
    const mark = server.requestCount;
    expect(await pinned.infer(undefined, [[0]])).toEqual([[2]]);
    expect(routesSince(server, mark)).toContain('POST /v2/models/versioned/versions/2/infer');
    expect(await pinned.infer(undefined, [[0]], { version: '3' })).toEqual([[3]]);
  });

  it('inferWithVersion rejects a version that is not a positive integer before sending the inference', async () => {
    const mark = server.requestCount;
    const error = await rejectionOf(ovms.inferWithVersion('versioned', 'two', [[0]]));
    expect(error.reason._tag).toBe('InvalidInput');
    expect(routesSince(server, mark).filter((r) => r.startsWith('POST'))).toEqual([]);
  });

  it('batchInfer sends ONE request for the whole batch (bert) and returns one result per item', async () => {
    const batch = [
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9, 10, 11],
    ];
    await ovms.getModelInfo('bert');
    const mark = server.requestCount;
    const results = await ovms.batchInfer('bert', batch);
    const posts = routesSince(server, mark).filter((r) => r.startsWith('POST'));
    expect(posts).toEqual(['POST /v2/models/bert/infer']);
    const body = JSON.parse(receivedSince(server, mark).find((r) => r.method === 'POST')?.body.toString('utf8') ?? '{}');
    expect(body.inputs[0]).toMatchObject({ name: 'data', shape: [3, 4] });
    expect(results).toHaveLength(3);
    for (const [i, item] of batch.entries()) {
      expect(results[i]).toHaveLength(1);
      expect(isEmbedding(results[i][0])).toBe(true);
      // The same as one inference per item.
      const single = (await ovms.infer('bert', item)) as number[][];
      single[0]?.forEach((x, j) => expect(results[i][0][j]).toBeCloseTo(x, 6));
    }
  });

  it('batchInfer with a version and with custom_model', async () => {
    expect(await ovms.batchInfer('versioned', [[[1]], [[2]]], { version: '3' })).toEqual([[[4]], [[5]]]);
    expect(await ovms.batchInfer('custom_model', [[1, 2], [3, 4]])).toEqual([[[1, 3]], [[3, 7]]]);
  });

  it('batchInfer rejects a non-array batch', async () => {
    expect((await rejectionOf(ovms.batchInfer('bert', {} as unknown as unknown[]))).reason).toEqual({ _tag: 'InvalidInput', field: 'dataBatch' });
  });

  it("the seed's custom options (version, precision, timeout) work on one call", async () => {
    const custom = new OVMS({}, { ovms_api_url: server.url, ovms_model: 'bert', ovms_version: '2', ovms_precision: 'FP16', timeout: 60000 });
    const result = await custom.infer('bert', [0, 1, 2, 3], { version: '3', precision: 'INT8', timeout: 120000 });
    expect(result).toEqual(await ovms.inferWithVersion('bert', '3', [0, 1, 2, 3]));
  });

  it('the shape option reshapes the first input', async () => {
    const mark = server.requestCount;
    expect(await ovms.infer('custom_model', [1, 2, 3, 4], { shape: [2, 2] })).toEqual([
      [1, 3],
      [3, 7],
    ]);
    const post = receivedSince(server, mark).find((r) => r.method === 'POST');
    expect(JSON.parse(post?.body.toString('utf8') ?? '{}').inputs[0].shape).toEqual([2, 2]);
  });
});

describe('explainPrediction (client-side attribution from real inferences)', () => {
  let server: TestServer;
  let ovms: OVMS;
  beforeAll(async () => {
    server = await fileServer();
    ovms = new OVMS({}, { ovms_api_url: server.url, ovms_model: 'bert' });
  });

  it('occlusion on custom_model: importance of x_i is x_i·(n−i) for the summed running sum', async () => {
    const mark = server.requestCount;
    const explanation = await ovms.explainPrediction('custom_model', [1, 2, 3, 4]);
    expect(explanation.method).toBe('occlusion');
    expect(explanation.feature_importance).toEqual([4, 6, 6, 4]);
    expect(explanation.features).toEqual(['input[0]', 'input[1]', 'input[2]', 'input[3]']);
    const magnitudes = explanation.factors.map((f: { importance: number }) => Math.abs(f.importance));
    expect(magnitudes).toEqual([...magnitudes].sort((a, b) => b - a));
    expect(explanation.factors[0]).toMatchObject({ importance: 6 });
    // Five evaluations (the input and four occlusions) in batched requests, not five.
    expect(explanation.evaluations).toBe(5);
    const posts = routesSince(server, mark).filter((r) => r.startsWith('POST'));
    expect(posts.length).toBeLessThan(5);
    expect(posts.every((r) => r === 'POST /v2/models/custom_model/infer')).toBe(true);
  });

  it('sampled Shapley: exact for this linear model', async () => {
    const explanation = await ovms.explainPrediction('custom_model', [1, 2, 3, 4], { method: 'shapley', samples: 3, seed: 1 });
    expect(explanation.method).toBe('shapley');
    explanation.feature_importance.forEach((x: number, i: number) => expect(x).toBeCloseTo([4, 6, 6, 4][i] ?? Number.NaN, 4));
  });

  it("the seed's call on bert: one importance per token, factors sorted by magnitude", async () => {
    const explanation = await ovms.explainPrediction('bert', [0, 1, 2, 3, 4]);
    expect(explanation.feature_importance).toHaveLength(5);
    expect(explanation.features).toEqual(['data[0]', 'data[1]', 'data[2]', 'data[3]', 'data[4]']);
    expect(explanation.factors.length).toBeGreaterThan(0);
    const magnitudes = explanation.factors.map((f: { importance: number }) => Math.abs(f.importance));
    expect(magnitudes).toEqual([...magnitudes].sort((a, b) => b - a));
  });

  it('topK limits the factors', async () => {
    const explanation = await ovms.explainPrediction('custom_model', [1, 2, 3, 4], { topK: 2 });
    expect(explanation.factors).toHaveLength(2);
  });
});

describe('createEndpointHandler, formatRequest, makePostRequestOVMS, testEndpoint', () => {
  it('a KServe URL with a version', async () => {
    const server = await freshServer();
    const ovms = new OVMS({}, { ovms_api_url: server.url, ovms_model: 'bert' });
    const handler = ovms.createEndpointHandler(`${server.url}/v2/models/versioned/versions/2/infer`);
    const response = await ovms.formatRequest(handler, [5, 6]);
    expect(response).toMatchObject({ predictions: [[7, 8]], model_name: 'versioned', model_version: '2' });
    expect(routesSince(server)).toContain('POST /v2/models/versioned/versions/2/infer');
  });

  it('formatRequest passes pre-formatted data through and wraps other input as one instance', async () => {
    const server = await freshServer();
    const ovms = new OVMS({}, { ovms_api_url: server.url, ovms_model: 'custom_model' });
    const seen: unknown[] = [];
    const spy = async (data: unknown) => (seen.push(data), { predictions: [] });
    await ovms.formatRequest(spy, [1, 2]);
    await ovms.formatRequest(spy, { data: [1] });
    await ovms.formatRequest(spy, { instances: [[3]] });
    await ovms.formatRequest(spy, { inputs: { input: [[4]] } });
    expect(seen).toEqual([{ instances: [[1, 2]] }, { instances: [{ data: [1] }] }, { instances: [[3]] }, { inputs: { input: [[4]] } }]);
    expect(server.requestCount).toBe(0);
  });

  it("a :predict URL on the legacy server uses the TensorFlow-Serving API (the seed's bert and resnet handlers)", async () => {
    const server = await freshServer({ legacy: true });
    const ovms = new OVMS({}, { ovms_api_url: server.url });
    const bertHandler = ovms.createEndpointHandler(`${server.url}/v1/models/bert:predict`, 'bert');
    const resnetHandler = ovms.createEndpointHandler(`${server.url}/v1/models/resnet:predict`, 'resnet');
    const bert = await ovms.formatRequest(bertHandler, { data: [0, 1, 2, 3], mask: [1, 1, 1, 1] });
    const resnet = await ovms.formatRequest(resnetHandler, IMAGE);
    expect(bert.model_name).toBe('bert');
    expect(isEmbedding(bert.predictions?.[0])).toBe(true);
    expect(resnet.model_name).toBe('resnet');
    expect(resnet.predictions?.[0]).toHaveLength(10);
    const posts = routesSince(server).filter((r) => r.startsWith('POST'));
    expect(posts).toEqual(['POST /v1/models/bert:predict', 'POST /v1/models/resnet:predict']);
    // The TFS answer and the KServe answer agree (the same model computes both).
    const kserve = await ovms.infer('bert', { data: [0, 1, 2, 3], mask: [1, 1, 1, 1] });
    bert.predictions?.[0].forEach((x: number, j: number) => expect(kserve[0][j]).toBeCloseTo(x, 6));
  });

  it('a :predict URL with a version on the legacy server, and makePostRequestOVMS options.version', async () => {
    const server = await freshServer({ legacy: true });
    const ovms = new OVMS({}, { ovms_api_url: server.url });
    expect((await ovms.makePostRequestOVMS(`${server.url}/v1/models/versioned/versions/2:predict`, { instances: [[1, 2]] })).predictions).toEqual([[3, 4]]);
    expect((await ovms.makePostRequestOVMS(`${server.url}/v1/models/versioned:predict`, { instances: [[1, 2]] }, { version: '3' })).predictions).toEqual([[4, 5]]);
    expect(routesSince(server).filter((r) => r.startsWith('POST'))).toEqual(['POST /v1/models/versioned/versions/2:predict', 'POST /v1/models/versioned/versions/3:predict']);
  });

  it('a :predict URL on the current server falls back to KServe infer and never sends :predict', async () => {
    const server = await freshServer();
    const ovms = new OVMS({}, { ovms_api_url: server.url });
    const bertHandler = ovms.createEndpointHandler(`${server.url}/v1/models/bert:predict`, 'bert');
    const bert = await ovms.formatRequest(bertHandler, [0, 1, 2, 3]);
    expect(isEmbedding(bert.predictions?.[0])).toBe(true);
    const versioned = await ovms.makePostRequestOVMS(`${server.url}/v1/models/versioned/versions/2:predict`, { instances: [[1, 2]] });
    expect(versioned.predictions).toEqual([[3, 4]]);
    const routes = routesSince(server);
    expect(routes.filter((r) => r.startsWith('POST'))).toEqual(['POST /v2/models/bert/infer', 'POST /v2/models/versioned/versions/2/infer']);
    expect(routes.some((r) => r.includes(':predict'))).toBe(false);
  });

  it('a plain base URL of another server: the call goes there, and the API key is NOT sent to that origin', async () => {
    const own = await freshServer();
    const other = await freshServer();
    const ovms = new OVMS({}, { ovms_api_url: own.url, ovms_model: 'bert', ovms_api_key: 'secret-key' });
    const handler = ovms.createEndpointHandler(other.url, 'custom_model');
    expect((await ovms.formatRequest(handler, [1, 2, 3])).predictions).toEqual([[1, 3, 6]]);
    expect(routesSince(other)).toEqual(['GET /v2/models/custom_model', 'POST /v2/models/custom_model/infer']);
    expect(receivedSince(other).every((r) => r.headers.authorization === undefined)).toBe(true);
    expect(own.requestCount).toBe(0);
    // The backend's own server still gets the key.
    await ovms.infer('custom_model', [1]);
    expect(receivedSince(own).every((r) => r.headers.authorization === 'Bearer secret-key')).toBe(true);
  });

  it('makePostRequestOVMS with a KServe URL, options.version and options.timeout', async () => {
    const server = await freshServer();
    const ovms = new OVMS({}, { ovms_api_url: server.url });
    expect((await ovms.makePostRequestOVMS(`${server.url}/v2/models/versioned/infer`, { instances: [[1, 2]] }, { version: '2', timeout: 5_000 })).predictions).toEqual([[3, 4]]);
    expect(routesSince(server)).toContain('POST /v2/models/versioned/versions/2/infer');
    // A timeout shorter than the server's latency fails with ETIMEDOUT.
    server.faults.set({ latencyMs: 400, match: '/infer' });
    const error = await rejectionOf(ovms.makePostRequestOVMS(`${server.url}/v2/models/versioned/infer`, { instances: [[1, 2]] }, { timeout: 30 }));
    expect(error.reason._tag).toBe('Timeout');
    expect(error.code).toBe('ETIMEDOUT');
  });

  it('makePostRequestOVMS apiKey option overrides the key for this call', async () => {
    const server = await freshServer();
    const ovms = new OVMS({}, { ovms_api_url: server.url, ovms_api_key: 'default-key' });
    await ovms.makePostRequestOVMS(`${server.url}/v2/models/custom_model/infer`, { instances: [[1]] }, { apiKey: 'call-key' });
    expect(receivedSince(server).map((r) => r.headers.authorization)).toEqual(['Bearer call-key', 'Bearer call-key']);
  });

  it('testEndpoint: true for a ready model (KServe, :predict and default URL), false for an unknown model or an unreachable port', async () => {
    const server = await freshServer();
    const ovms = new OVMS({}, { ovms_api_url: server.url, ovms_model: 'bert' });
    expect(await ovms.testEndpoint()).toBe(true);
    expect(await ovms.testEndpoint(`${server.url}/v2/models/bert/infer`)).toBe(true);
    expect(await ovms.testEndpoint(`${server.url}/v1/models/bert:predict`, 'bert')).toBe(true);
    expect(await ovms.testEndpoint(`${server.url}/v2/models/versioned/versions/3/infer`)).toBe(true);
    expect(await ovms.testEndpoint(`${server.url}/v2/models/versioned/versions/9/infer`)).toBe(false);
    expect(await ovms.testEndpoint(undefined, 'no_such_model')).toBe(false);
    expect(await ovms.testEndpoint(`${server.url}/v2/models/no_such_model/infer`)).toBe(false);
    expect(await ovms.testEndpoint('not a url')).toBe(false);
    expect(routesSince(server)).toEqual([
      'GET /v2/models/bert/ready',
      'GET /v2/models/bert/ready',
      'GET /v2/models/bert/ready',
      'GET /v2/models/versioned/versions/3/ready',
      'GET /v2/models/versioned/versions/9/ready',
      'GET /v2/models/no_such_model/ready',
      'GET /v2/models/no_such_model/ready',
    ]);
    const dead = await closedPortUrl();
    expect(await ovms.testEndpoint(`${dead}/v2/models/bert/infer`)).toBe(false);
  });

  it('testEndpoint is false while a model is loading', async () => {
    const server = await freshServer();
    const ovms = new OVMS({}, { ovms_api_url: server.url, ovms_model: 'bert' });
    server.faults.notReady('bert', 10_000);
    expect(await ovms.testEndpoint()).toBe(false);
  });
});

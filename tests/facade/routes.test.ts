/**
 * The facade calls no invented endpoint: a broad sequence of its methods runs against the test
 * server (current and legacy), and every path the server received is one of OVMS's real routes.
 * The original implementation called `/v1/models/{m}/status`, `/config`, `/reload`,
 * `/quantization`, `/v1/statistics` and `:explain`, which OVMS never had.
 */
import { describe, expect, it } from 'vitest';
import { OVMS } from '../../src/api_backends/index.js';
import { collect, freshServer, isolateOvmsEnv, routesSince, tempDefaultConfig, useServerCleanup } from './facadeHelpers.js';

isolateOvmsEnv();
useServerCleanup();

const REAL_ROUTES: readonly RegExp[] = [
  /^GET \/v2$/,
  /^GET \/v2\/health\/(live|ready)$/,
  /^GET \/v2\/models\/[^/]+(\/versions\/\d+)?(\/ready)?$/,
  /^POST \/v2\/models\/[^/]+(\/versions\/\d+)?\/infer$/,
  /^GET \/v1\/config$/,
  /^POST \/v1\/config\/reload$/,
  /^GET \/metrics$/,
  /^POST \/v3\/(chat\/completions|completions|embeddings|rerank|tokenize)$/,
  /^GET \/v3\/models(\/[^/]+)?$/,
];

/** The TensorFlow-Serving API: only on a legacy server, only when the caller named a `:predict` URL. */
const TFS_PREDICT = /^POST \/v1\/models\/[^/:]+(\/versions\/\d+)?:predict$/;

const INVENTED = [/\/status$/, /\/v1\/models\/[^/]+\/reload/, /:explain/, /\/v1\/statistics/, /\/quantization/, /^(GET|POST) \/config/, /^POST \/reload/];

describe.each([
  ['current', false],
  ['legacy', true],
] as const)('every method on the %s server', (_mode, legacy) => {
  it('reaches only real OVMS routes', async () => {
    const path = tempDefaultConfig();
    const server = await freshServer({ configPath: path, legacy });
    const ovms = new OVMS({}, { ovms_api_url: server.url, ovms_model: 'bert', ovms_config_path: path, ovms_quantized_models: { bert: { int8: 'builtin:bert_int8', base_path: 'builtin:bert' } } });
    const input = [0, 1, 2, 3];

    await ovms.infer(undefined, input);
    await ovms.infer('custom_model', input);
    await ovms.infer('bert', { data: input, mask: [1, 1, 1, 1] });
    await ovms.infer('bert', { instances: [{ data: input, mask: [1, 1, 1, 1] }] });
    await ovms.infer('resnet', [[[0.1, 0.2, 0.3]]]);
    await ovms.inferWithVersion('bert', '2', input);
    await ovms.batchInfer('bert', [input, input]);
    await ovms.getModelInfo('bert');
    await ovms.getModelMetadataWithShapes('bert');
    await ovms.getModelVersions('bert');
    await ovms.getModelStatus('bert');
    await ovms.getServerStatistics();
    await ovms.getServerStatistics();
    await ovms.reloadModel('bert');
    await ovms.setModelConfig('bert', { batch_size: 32, preferred_batch: 16, instance_count: 2 });
    await ovms.setExecutionMode('bert', 'latency');
    await ovms.setExecutionMode('bert', 'throughput');
    await ovms.setQuantization('bert', { enabled: true, method: 'int8', bits: 8 });
    await ovms.setQuantization('bert', { enabled: false });
    await ovms.explainPrediction('bert', input);
    await ovms.chat([{ role: 'user', content: 'Hello world' }], { model: 'llama3' });
    await collect(ovms.streamChat([{ role: 'user', content: 'Hello world' }], { model: 'llama3' }));
    await ovms.chat([{ role: 'user', content: 'Hello world' }], { model: 'string' });
    await collect(ovms.streamChat([{ role: 'user', content: 'Hello world' }], { model: 'string' }));
    await ovms.makePostRequest({ messages: [{ role: 'user', content: 'hi' }], model: 'llama3' });
    await ovms.makePostRequest({ prompt: 'hi', model: 'llama3' });
    await ovms.makePostRequest({ model: 'custom_model', inputs: { input: [[1]] } });
    await collect(ovms.makeStreamRequest({ prompt: 'hi', model: 'llama3' }));
    await collect(ovms.makeStreamRequest({ model: 'custom_model', inputs: { input: [[1]] } }));
    await ovms.testEndpoint();
    await ovms.testEndpoint(`${server.url}/v1/models/bert:predict`, 'bert');
    await ovms.testEndpoint(undefined, 'no_such_model');
    await ovms.formatRequest(ovms.createEndpointHandler(), input);
    await ovms.formatRequest(ovms.createEndpointHandler(`${server.url}/v2/models/versioned/versions/3/infer`), [1]);
    await ovms.formatRequest(ovms.createEndpointHandler(`${server.url}/v1/models/resnet:predict`, 'resnet'), [[[0.1, 0.2, 0.3]]]);
    await ovms.makePostRequestOVMS(`${server.url}/v1/models/versioned:predict`, { instances: [[1]] }, { version: '2' });
    const endpoint = ovms.createEndpoint({ model: 'custom_model' });
    await ovms.makeRequestWithEndpoint(endpoint, input);

    const routes = routesSince(server);
    const allowed = legacy ? [...REAL_ROUTES, TFS_PREDICT] : REAL_ROUTES;
    const unknown = routes.filter((r) => !allowed.some((re) => re.test(r)));
    expect(unknown).toEqual([]);
    expect(routes.filter((r) => INVENTED.some((re) => re.test(r)))).toEqual([]);
    if (legacy) {
      expect(routes.filter((r) => TFS_PREDICT.test(r))).toEqual(['POST /v1/models/resnet:predict', 'POST /v1/models/versioned/versions/2:predict']);
    } else {
      expect(routes.some((r) => r.includes(':predict'))).toBe(false);
    }
    // The sweep really exercised every family of endpoints.
    for (const needed of [/^GET \/metrics$/, /^POST \/v1\/config\/reload$/, /^GET \/v1\/config$/, /^POST \/v3\/chat\/completions$/, /^POST \/v3\/completions$/, /\/versions\/2\/infer$/]) {
      expect(routes.some((r) => needed.test(r))).toBe(true);
    }
  });
});

describe('a :predict URL on servers of different versions', () => {
  it("on a 2026.2 server, the seed's raw formatRequest(bertHandler, [0, 1, 2, 3]) goes to KServe (TF-Serving cannot fill BERT's mask)", async () => {
    const legacy = await freshServer({ legacy: true });
    const ovms = new OVMS({}, { ovms_api_url: legacy.url, ovms_model: 'bert' });
    const bertHandler = ovms.createEndpointHandler(`${legacy.url}/v1/models/bert:predict`, 'bert');
    const answer = await ovms.formatRequest(bertHandler, [0, 1, 2, 3]);
    expect(answer.predictions).toHaveLength(1);
    expect(routesSince(legacy)).toContain('POST /v2/models/bert/infer');
    expect(routesSince(legacy).some((r) => r.includes(':predict'))).toBe(false);
  });

  it('the API detected for one server is not reused for another origin', async () => {
    const legacy = await freshServer({ legacy: true });
    const current = await freshServer();
    const ovms = new OVMS({}, { ovms_api_url: current.url, ovms_model: 'bert' });
    const body = { instances: [{ data: [0, 1, 2, 3], mask: [1, 1, 1, 1] }] };
    await ovms.makePostRequestOVMS(`${legacy.url}/v1/models/bert:predict`, body);
    expect(routesSince(legacy)).toContain('POST /v1/models/bert:predict');
    const answer = await ovms.makePostRequestOVMS(`${current.url}/v1/models/bert:predict`, body);
    expect(answer.predictions).toHaveLength(1);
    expect(routesSince(current).some((r) => r.includes(':predict'))).toBe(false);
  });
});

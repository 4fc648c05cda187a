/**
 * The facade against nock (`http://ovms.test`), through the default ky transport: the exact
 * requests each method sends (paths, versions, headers, bodies) and how it reads OVMS's answers,
 * including SSE streaming, metrics and the seed's error checks.
 */
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OVMS } from '../../src/api_backends/index.js';
import { collect, isolateOvmsEnv, rejectionOf } from './facadeHelpers.js';

const BASE = 'http://ovms.test';
const OTHER = 'http://other.test';

isolateOvmsEnv();

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
  nock.activate();
});

const JSON_HEADERS = { 'content-type': 'application/json' };

const CUSTOM_MODEL_METADATA = {
  name: 'custom_model',
  versions: ['1'],
  platform: 'OpenVINO',
  inputs: [{ name: 'input', datatype: 'FP32', shape: [-1, -1] }],
  outputs: [{ name: 'output', datatype: 'FP32', shape: [-1, -1] }],
};

const VERSIONED_METADATA = (v: string) => ({
  name: 'versioned',
  versions: [v],
  platform: 'OpenVINO',
  inputs: [{ name: 'x', datatype: 'FP32', shape: [-1, -1] }],
  outputs: [{ name: 'y', datatype: 'FP32', shape: [-1, -1] }],
});

const LLM_METADATA = {
  name: 'llama3',
  versions: ['1'],
  platform: 'OpenVINO',
  inputs: [{ name: 'input', datatype: 'INVALID', shape: [] }],
  outputs: [{ name: 'output', datatype: 'INVALID', shape: [] }],
};

const CONFIG_STATUS = {
  bert: { model_version_status: ['1', '2', '3'].map((version) => ({ version, state: 'AVAILABLE', status: { error_code: 'OK', error_message: 'OK' } })) },
  dummy: { model_version_status: [{ version: '1', state: 'AVAILABLE', status: { error_code: 'OK', error_message: 'OK' } }] },
};

describe('environment and inference', () => {
  it('OVMS_API_URL, OVMS_MODEL and OVMS_API_KEY drive infer: metadata, then POST …/infer with the bearer key', async () => {
    process.env['OVMS_API_URL'] = BASE;
    process.env['OVMS_MODEL'] = 'custom_model';
    process.env['OVMS_API_KEY'] = 'env-key';
    let sent: unknown;
    nock(BASE, { reqheaders: { authorization: 'Bearer env-key' } })
      .get('/v2/models/custom_model')
      .reply(200, CUSTOM_MODEL_METADATA, JSON_HEADERS)
      .post('/v2/models/custom_model/infer', (body) => ((sent = body), true))
      .reply(200, { model_name: 'custom_model', model_version: '1', outputs: [{ name: 'output', datatype: 'FP32', shape: [1, 3], data: [1, 3, 6] }] }, JSON_HEADERS);
    const ovms = new OVMS();
    expect(await ovms.infer(undefined, [1, 2, 3])).toEqual([[1, 3, 6]]);
    expect(sent).toMatchObject({ inputs: [{ name: 'input', datatype: 'FP32', shape: [1, 3], data: [1, 2, 3] }] });
  });

  it('inferWithVersion sends /versions/{v} for the metadata and the inference', async () => {
    nock(BASE)
      .get('/v2/models/versioned/versions/2')
      .reply(200, VERSIONED_METADATA('2'), JSON_HEADERS)
      .post('/v2/models/versioned/versions/2/infer')
      .reply(200, { model_name: 'versioned', model_version: '2', outputs: [{ name: 'y', datatype: 'FP32', shape: [1, 2], data: [3, 4] }] }, JSON_HEADERS);
    const ovms = new OVMS({}, { ovms_api_url: BASE });
    expect(await ovms.inferWithVersion('versioned', '2', [[1, 2]])).toEqual([[3, 4]]);
  });

  it('a 404 with OVMS\'s body: error.status === 404 and the server message', async () => {
    nock(BASE).get('/v2/models/nope').reply(404, { error: 'Model with requested name is not found' }, JSON_HEADERS);
    const ovms = new OVMS({}, { ovms_api_url: BASE });
    const error = await rejectionOf(ovms.infer('nope', [1]));
    expect(error.status).toBe(404);
    expect(error.statusCode).toBe(404);
    expect(error.serverMessage).toBe('Model with requested name is not found');
  });

  it('a 400 from the inference: error.status === 400, not retried', async () => {
    nock(BASE)
      .get('/v2/models/custom_model')
      .reply(200, CUSTOM_MODEL_METADATA, JSON_HEADERS)
      .post('/v2/models/custom_model/infer')
      .once()
      .reply(400, { error: 'Invalid input precision - Expected: FP32; Actual: I64; input name: input' }, JSON_HEADERS);
    const ovms = new OVMS({}, { ovms_api_url: BASE });
    const error = await rejectionOf(ovms.infer('custom_model', [1]));
    expect(error.status).toBe(400);
    expect(error.message).toContain('Invalid input precision');
  });

  it("a refused connection: error.code === 'ECONNREFUSED' after three attempts", async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9000'), { code: 'ECONNREFUSED' });
    nock(BASE).get('/v2/models/bert').times(3).replyWithError(refused);
    const ovms = new OVMS({}, { ovms_api_url: BASE, ovms_model: 'bert' });
    const error = await rejectionOf(ovms.infer(undefined, [1]));
    expect(error.code).toBe('ECONNREFUSED');
    expect(error.reason._tag).toBe('Transport');
  });
});

describe('status, statistics and management endpoints', () => {
  it('getModelStatus: GET …/ready and GET /v1/config', async () => {
    nock(BASE).get('/v2/models/bert/ready').reply(200).get('/v1/config').reply(200, CONFIG_STATUS, JSON_HEADERS);
    const ovms = new OVMS({}, { ovms_api_url: BASE, ovms_model: 'bert' });
    expect(await ovms.getModelStatus()).toMatchObject({ model: 'bert', version: '3', state: 'AVAILABLE', health: 'healthy', ready: true });
  });

  it('getModelVersions: from GET /v1/config', async () => {
    nock(BASE).get('/v1/config').reply(200, CONFIG_STATUS, JSON_HEADERS);
    expect(await new OVMS({}, { ovms_api_url: BASE }).getModelVersions('bert')).toEqual(['1', '2', '3']);
  });

  it('getModelVersions: KServe metadata when the gateway has no /v1/config', async () => {
    nock(BASE)
      .get('/v1/config')
      .reply(404, { error: 'not found' }, JSON_HEADERS)
      .get('/v2/models/versioned')
      .reply(200, VERSIONED_METADATA('3'), JSON_HEADERS);
    expect(await new OVMS({}, { ovms_api_url: BASE }).getModelVersions('versioned')).toEqual(['3']);
  });

  it('getServerStatistics: figures from /metrics, /v2 and /v1/config; a rate from the second scrape', async () => {
    const metrics = (ok: number, fail: number, inferCount: number) =>
      [
        '# TYPE ovms_requests_success counter',
        `ovms_requests_success{api="KServe",interface="REST",method="ModelInfer",name="dummy",version="1"} ${ok}`,
        '# TYPE ovms_requests_fail counter',
        `ovms_requests_fail{api="KServe",interface="REST",method="ModelInfer",name="dummy",version="1"} ${fail}`,
        '# TYPE ovms_inference_time_us histogram',
        `ovms_inference_time_us_bucket{name="dummy",version="1",le="+Inf"} ${inferCount}`,
        `ovms_inference_time_us_sum{name="dummy",version="1"} ${inferCount * 2500}`,
        `ovms_inference_time_us_count{name="dummy",version="1"} ${inferCount}`,
        '',
      ].join('\n');
    nock(BASE)
      .get('/metrics')
      .reply(200, metrics(7, 1, 7), { 'content-type': 'text/plain' })
      .get('/metrics')
      .reply(200, metrics(17, 1, 17), { 'content-type': 'text/plain' })
      .get('/v2')
      .twice()
      .reply(200, { name: 'OpenVINO Model Server', version: '2026.3.0' }, JSON_HEADERS)
      .get('/v1/config')
      .twice()
      .reply(200, CONFIG_STATUS, JSON_HEADERS);
    const ovms = new OVMS({}, { ovms_api_url: BASE });
    const first = await ovms.getServerStatistics();
    expect(first).toMatchObject({ server_version: '2026.3.0', active_models: 2, total_requests: 8, failed_requests: 1, avg_inference_time: 2.5 });
    expect(first.requests_per_second).toBeUndefined();
    expect(first.server_uptime).toBeUndefined();
    expect(first.cpu_usage).toBeUndefined();
    expect(first.memory_usage).toBeUndefined();
    const second = await ovms.getServerStatistics();
    expect(second.total_requests).toBe(18);
    expect(second.requests_per_second).toBeGreaterThan(0);
  });

  it('reloadModel: POST /v1/config/reload, then GET /v1/config', async () => {
    const loading = { bert: { model_version_status: [{ version: '3', state: 'LOADING', status: { error_code: 'OK', error_message: 'OK' } }] } };
    nock(BASE)
      .post('/v1/config/reload')
      .reply(201, loading, JSON_HEADERS)
      .get('/v1/config')
      .reply(200, loading, JSON_HEADERS)
      .get('/v1/config')
      .reply(200, CONFIG_STATUS, JSON_HEADERS);
    const result = await new OVMS({}, { ovms_api_url: BASE, ovms_model: 'bert' }).reloadModel();
    expect(result).toMatchObject({ model: 'bert', status: { version: '3', state: 'AVAILABLE' } });
  });

  it('testEndpoint: 200 → true, 404 → false', async () => {
    nock(BASE).get('/v2/models/bert/ready').reply(200).get('/v2/models/gone/ready').reply(404, { error: 'Model with requested name is not found' }, JSON_HEADERS);
    const ovms = new OVMS({}, { ovms_api_url: BASE, ovms_model: 'bert' });
    expect(await ovms.testEndpoint()).toBe(true);
    expect(await ovms.testEndpoint(`${BASE}/v2/models/gone/infer`)).toBe(false);
  });
});

describe(':predict URLs and other origins', () => {
  it('on a 2026.2 server a :predict URL is a TFS predict', async () => {
    nock(BASE)
      .get('/v2')
      .reply(200, { name: 'OpenVINO Model Server', version: '2026.2.1' }, JSON_HEADERS)
      // Raw instances go to TF-Serving only for a single-input model: the metadata tells.
      .get('/v2/models/versioned/versions/2')
      .reply(200, VERSIONED_METADATA('2'), JSON_HEADERS)
      .post('/v1/models/versioned/versions/2:predict', { instances: [[1, 2]] })
      .reply(200, { predictions: [[3, 4]] }, JSON_HEADERS);
    const ovms = new OVMS({}, { ovms_api_url: BASE });
    const answer = await ovms.makePostRequestOVMS(`${BASE}/v1/models/versioned:predict`, { instances: [[1, 2]] }, { version: '2' });
    expect(answer).toEqual({ predictions: [[3, 4]], model_name: 'versioned' });
  });

  it('on a 2026.3 server a :predict URL becomes a KServe inference', async () => {
    nock(BASE)
      .get('/v2')
      .reply(200, { name: 'OpenVINO Model Server', version: '2026.3.0' }, JSON_HEADERS)
      .get('/v2/models/versioned')
      .reply(200, VERSIONED_METADATA('3'), JSON_HEADERS)
      .post('/v2/models/versioned/infer')
      .reply(200, { model_name: 'versioned', model_version: '3', outputs: [{ name: 'y', datatype: 'FP32', shape: [1, 2], data: [4, 5] }] }, JSON_HEADERS);
    const ovms = new OVMS({}, { ovms_api_url: BASE });
    const handler = ovms.createEndpointHandler(`${BASE}/v1/models/versioned:predict`);
    expect((await ovms.formatRequest(handler, [1, 2])).predictions).toEqual([[4, 5]]);
  });

  it('a handler for another origin never gets the API key', async () => {
    nock(OTHER, { badheaders: ['authorization'] })
      .get('/v2/models/custom_model')
      .reply(200, CUSTOM_MODEL_METADATA, JSON_HEADERS)
      .post('/v2/models/custom_model/infer')
      .reply(200, { model_name: 'custom_model', outputs: [{ name: 'output', datatype: 'FP32', shape: [1, 1], data: [1] }] }, JSON_HEADERS);
    const ovms = new OVMS({}, { ovms_api_url: BASE, ovms_api_key: 'secret' });
    const handler = ovms.createEndpointHandler(`${OTHER}/v2/models/custom_model/infer`);
    expect((await ovms.formatRequest(handler, [1])).predictions).toEqual([[1]]);
  });
});

describe('chat over /v3 with SSE', () => {
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    `data: ${JSON.stringify({ choices: [{ finish_reason: finish, index: 0, logprobs: null, delta }], created: 1, model: 'llama3', object: 'chat.completion.chunk', usage: null })}\n\n`;
  const sse = [
    chunk({ role: 'assistant', content: null }),
    chunk({ content: 'Hel' }),
    chunk({ content: 'lo' }),
    chunk({ content: '!' }, 'stop'),
    `data: ${JSON.stringify({ choices: [], created: 1, model: 'llama3', object: 'chat.completion.chunk', usage: { prompt_tokens: 3, completion_tokens: 3, total_tokens: 6 } })}\n\n`,
    'data: [DONE]\n\n',
  ].join('');

  it('streamChat yields one chunk per token and a final done chunk', async () => {
    let sent: Record<string, unknown> = {};
    nock(BASE, { reqheaders: { authorization: 'Bearer k' } })
      .get('/v2/models/llama3')
      .reply(200, LLM_METADATA, JSON_HEADERS)
      .post('/v3/chat/completions', (body) => ((sent = body as Record<string, unknown>), true))
      .reply(200, sse, { 'content-type': 'text/event-stream' });
    const ovms = new OVMS({}, { ovms_api_url: BASE, ovms_model: 'llama3', ovms_api_key: 'k' });
    const chunks = await collect(ovms.streamChat([{ role: 'user', content: 'Hi' }], { max_tokens: 5 }));
    expect(chunks).toEqual([
      { content: 'Hel', role: 'assistant', done: false },
      { content: 'lo', role: 'assistant', done: false },
      { content: '!', role: 'assistant', done: false },
      { content: '', done: true, finish_reason: 'stop', usage: { prompt_tokens: 3, completion_tokens: 3, total_tokens: 6 } },
    ]);
    expect(sent).toMatchObject({ model: 'llama3', stream: true, max_tokens: 5, messages: [{ role: 'user', content: 'Hi' }] });
  });

  it('chat on a non-generative model never calls /v3', async () => {
    nock(BASE)
      .get('/v2/models/identity_bytes')
      .reply(200, { ...CUSTOM_MODEL_METADATA, name: 'identity_bytes', inputs: [{ name: 'input', datatype: 'BYTES', shape: [-1] }], outputs: [{ name: 'output', datatype: 'BYTES', shape: [-1] }] }, JSON_HEADERS)
      .post('/v2/models/identity_bytes/infer')
      .reply(200, { model_name: 'identity_bytes', outputs: [{ name: 'output', datatype: 'BYTES', shape: [1], data: ['Hello'] }] }, JSON_HEADERS);
    const ovms = new OVMS({}, { ovms_api_url: BASE, ovms_model: 'identity_bytes' });
    expect(await ovms.chat([{ role: 'user', content: 'Hello' }])).toEqual({ content: 'Hello', role: 'assistant', model: 'identity_bytes', finish_reason: 'stop' });
  });
});

/**
 * OVMS's real error statuses and bodies (tests/fixtures/kserve-client-fixtures.json) as the
 * client reports them: `status`, `serverMessage`, `reason`, `message`, the request summary, and
 * which failures are retried (counted from the requests nock answered).
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import {
  createConfig,
  execute,
  getModelMetadataWithShapes,
  getModelReady,
  getServerMetadata,
  infer,
  type ClientConfigInput,
  type OvmsError,
  type TransportChoice,
} from '../../src/ovms.js';
import { BASE, body, errorText, fx, OVMS_JSON, range, useNock } from '../helpers/kserveNock.js';
import { FAST_RETRY, rejectionOf } from '../helpers/ovmsClient.js';

// ---------------------------------------------------------------------------------------------
// Local helpers (the shared fixture and nock helpers are in tests/helpers/kserveNock.ts).

/** Counts the requests a scope answered. */
function counter(scope: nock.Scope): { readonly count: number; readonly headers: Record<string, string>[] } {
  const state = { count: 0, headers: [] as Record<string, string>[] };
  scope.on('request', (req: { headers: Record<string, string> }) => {
    state.count += 1;
    state.headers.push({ ...req.headers });
  });
  return state;
}

/** The public facts of an error, as one object to compare whole. */
function facts(e: OvmsError): Record<string, unknown> {
  return { name: e.name, status: e.status, code: e.code, serverMessage: e.serverMessage, reason: e.reason, message: e.message, request: e.request };
}

const API_KEY = 'sekret-key-123';

useNock();

const config = (extra: ClientConfigInput = {}) => createConfig({ baseUrl: BASE, retry: FAST_RETRY, validate: false, ...extra });

// ---------------------------------------------------------------------------------------------

describe('400: OVMS validation and parser errors (F55–F65) are reported, not retried', () => {
  const cases = ['F55', 'F56', 'F61', 'F62', 'F64', 'F65'].map((id) => fx(id));

  it.each(cases.map((f) => [f.id, f] as const))('%s', async (_id, f) => {
    const path = f.path.replace('{model}', 'dummy');
    const version = /\/versions\/(\d+)\//.exec(path)?.[1];
    const scope = nock(BASE).post(path).times(3).reply(f.status, body(f), OVMS_JSON);
    const seen = counter(scope);
    const error = await rejectionOf(
      infer(config(), { model: 'dummy', ...(version === undefined ? {} : { version }), inputs: { b: range(0, 10) } }, { requestId: `req-${f.id}` }),
    );
    const text = errorText(f);
    expect(seen.count).toBe(1);
    expect(facts(error)).toEqual({
      name: 'OvmsError',
      status: 400,
      code: undefined,
      serverMessage: text,
      reason: { _tag: 'Status', status: 400, serverMessage: text },
      message: `OVMS answered 400 to infer (model "dummy"${version === undefined ? '' : `, version ${version}`}): ${text}`,
      request: { operation: 'infer', method: 'POST', url: `${BASE}${path}`, model: 'dummy', ...(version === undefined ? {} : { version }), requestId: `req-${f.id}`, attempt: 1 },
    });
  });
});

describe('the seed error snippet works as written', () => {
  // The README's pattern: branch on `error.status` / `error.code` without importing anything.
  const classify = (error: unknown): string => {
    const e = error as { status?: number; code?: string };
    if (e.status === 404) return 'not found';
    if (e.status === 400) return 'bad request';
    if (e.code === 'ECONNREFUSED') return 'server down';
    return 'other';
  };

  it('error.status === 404 for an unknown servable on infer', async () => {
    nock(BASE).post('/v2/models/nope/infer').reply(404, '{"error":"Mediapipe graph definition with requested name is not found"}', OVMS_JSON);
    const error = await rejectionOf(infer(config(), { model: 'nope', inputs: { b: [1] } }));
    expect(classify(error)).toBe('not found');
    expect(error.statusCode).toBe(404);
  });

  it('error.status === 400 for a validation error (F61)', async () => {
    const f = fx('F61');
    nock(BASE).post(f.path).reply(f.status, body(f), OVMS_JSON);
    const error = await rejectionOf(infer(config(), { model: 'dummy', inputs: { b: [range(0, 10), range(0, 10)] } }));
    expect(classify(error)).toBe('bad request');
  });
});

describe('404', () => {
  it('on infer clears the cached metadata, so the next call asks for it again', async () => {
    const meta = '{"name":"dummy","versions":["1"],"platform":"OpenVINO","inputs":[{"name":"b","datatype":"FP32","shape":[1,10]}],"outputs":[{"name":"a","datatype":"FP32","shape":[1,10]}]}';
    const ok = '{\n    "model_name": "dummy",\n    "model_version": "1",\n    "outputs": [{\n            "name": "a",\n            "shape": [1, 10],\n            "datatype": "FP32",\n            "data": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0]\n        }]\n}';
    const scope = nock(BASE)
      .get('/v2/models/dummy')
      .reply(200, meta, OVMS_JSON)
      .post('/v2/models/dummy/infer')
      .reply(404, body(fx('F40')), OVMS_JSON)
      .get('/v2/models/dummy')
      .reply(200, meta, OVMS_JSON)
      .post('/v2/models/dummy/infer')
      .reply(200, ok, OVMS_JSON);
    const cfg = config({ validate: true });
    const error = await rejectionOf(infer(cfg, { model: 'dummy', inputs: { b: range(0, 10) } }, { binaryOutput: false }));
    expect(error.status).toBe(404);
    const result = await infer(cfg, { model: 'dummy', inputs: { b: range(0, 10) } }, { binaryOutput: false });
    expect(result.outputs[0]?.data).toEqual(new Float32Array(range(1, 11)));
    expect(scope.isDone()).toBe(true);
  });

  it('on metadata for an unknown version (F38) is not retried', async () => {
    const f = fx('F38');
    const scope = nock(BASE).get(f.path).times(3).reply(f.status, body(f), OVMS_JSON);
    const seen = counter(scope);
    const error = await rejectionOf(getModelMetadataWithShapes(config(), { model: 'dummy', version: '72487667423532349025128558057' }));
    expect(seen.count).toBe(1);
    expect(error.reason).toEqual({ _tag: 'Status', status: 404, serverMessage: 'Model with requested version is not found' });
  });
});

describe('406 Unsupported method (F41)', () => {
  it('is a Status error and is not retried', async () => {
    const f = fx('F41');
    const scope = nock(BASE).post(f.path).times(3).reply(f.status, body(f), OVMS_JSON);
    const seen = counter(scope);
    const error = await rejectionOf(
      execute(
        config(),
        { operation: 'postReady', idempotent: true, model: 'dummy', encode: (r) => ({ method: 'POST', url: `${r.baseUrl}${f.path}` }) },
        { requestId: 'r-406' },
      ),
    );
    expect(seen.count).toBe(1);
    expect(facts(error)).toEqual({
      name: 'OvmsError',
      status: 406,
      code: undefined,
      serverMessage: 'Unsupported method',
      reason: { _tag: 'Status', status: 406, serverMessage: 'Unsupported method' },
      message: 'OVMS answered 406 to postReady (model "dummy"): Unsupported method',
      request: { operation: 'postReady', method: 'POST', url: `${BASE}/v2/models/dummy/ready`, model: 'dummy', requestId: 'r-406', attempt: 1 },
    });
  });
});

describe('412 The file is not valid json (F52, F53)', () => {
  it.each([['F52'], ['F53']])('%s is reported and not retried', async (id) => {
    const f = fx(id);
    const scope = nock(BASE).post(f.path).times(3).reply(f.status, body(f), OVMS_JSON);
    const seen = counter(scope);
    const error = await rejectionOf(infer(config(), { model: 'dummy', version: 1, inputs: { b: range(0, 10) } }));
    expect(seen.count).toBe(1);
    expect(error.reason).toEqual({ _tag: 'Status', status: 412, serverMessage: errorText(f) });
    expect(error.message).toBe(`OVMS answered 412 to infer (model "dummy", version 1): ${errorText(f)}`);
  });
});

describe('500', () => {
  it.each([['F58'], ['F59']])('%s: a permanent client error behind a 500 is NOT retried', async (id) => {
    const f = fx(id);
    const scope = nock(BASE).post(f.path).times(3).reply(f.status, body(f), OVMS_JSON);
    const seen = counter(scope);
    const error = await rejectionOf(infer(config(), { model: 'dummy', version: 1, inputs: { b: new Int8Array([0, 1, 2, 3]) } }));
    expect(seen.count).toBe(1);
    expect(error.reason).toEqual({ _tag: 'Status', status: 500, serverMessage: errorText(f) });
    expect(error.request?.attempt).toBe(1);
  });

  it('Unauthorized (bad API key, rest-api.md §1.4) is NOT retried', async () => {
    const scope = nock(BASE).get('/v2').times(3).reply(500, '{"error":"Unauthorized request due to invalid or missing api-key"}', OVMS_JSON);
    const seen = counter(scope);
    const error = await rejectionOf(getServerMetadata(config()));
    expect(seen.count).toBe(1);
    expect(error.serverMessage).toBe('Unauthorized request due to invalid or missing api-key');
  });

  it('"Mediapipe is not loaded yet" (an LLM still loading) IS retried, and succeeds once loaded', async () => {
    const meta = '{"name":"llm","versions":["1"],"platform":"OpenVINO","inputs":[{"name":"in","datatype":"INVALID","shape":[]}],"outputs":[{"name":"out","datatype":"INVALID","shape":[]}]}';
    const scope = nock(BASE)
      .get('/v2/models/llm')
      .times(2)
      .reply(500, '{"error":"Mediapipe is not loaded yet"}', OVMS_JSON)
      .get('/v2/models/llm')
      .reply(200, meta, OVMS_JSON);
    const seen = counter(scope);
    await expect(getModelMetadataWithShapes(config(), { model: 'llm' })).resolves.toEqual(JSON.parse(meta));
    expect(seen.count).toBe(3);
  });

  it('"Mediapipe is not loaded yet" gives up after maxRetries, reporting the last attempt', async () => {
    const scope = nock(BASE).get('/v2/models/llm').times(5).reply(500, '{"error":"Mediapipe is not loaded yet"}', OVMS_JSON);
    const seen = counter(scope);
    const error = await rejectionOf(getModelMetadataWithShapes(config({ retry: { ...FAST_RETRY, maxRetries: 3 } }), { model: 'llm' }));
    expect(seen.count).toBe(4);
    expect(error.request?.attempt).toBe(4);
    expect(error.reason).toEqual({ _tag: 'Status', status: 500, serverMessage: 'Mediapipe is not loaded yet' });
  });
});

describe.each<TransportChoice>(['ky', 'fetch'])('503 over transport %s', (transport) => {
  const cfg = (extra: ClientConfigInput = {}) => config({ transport, ...extra });

  it('without Retry-After: retried with backoff, 1 + maxRetries requests (default 2)', async () => {
    const scope = nock(BASE).post('/v2/models/dummy/infer').times(5).reply(503, '{"error":"Server is not ready"}', OVMS_JSON);
    const seen = counter(scope);
    const error = await rejectionOf(infer(cfg(), { model: 'dummy', inputs: { b: range(0, 10) } }, { requestId: 'r-503' }));
    expect(seen.count).toBe(3);
    expect(facts(error)).toEqual({
      name: 'OvmsError',
      status: 503,
      code: undefined,
      serverMessage: 'Server is not ready',
      reason: { _tag: 'Status', status: 503, serverMessage: 'Server is not ready' },
      message: 'OVMS answered 503 to infer (model "dummy"): Server is not ready',
      request: { operation: 'infer', method: 'POST', url: `${BASE}/v2/models/dummy/infer`, model: 'dummy', requestId: 'r-503', attempt: 3 },
    });
    // Every attempt carries the same request id.
    expect(seen.headers.map((h) => h['x-request-id'])).toEqual(['r-503', 'r-503', 'r-503']);
  });

  it('with Retry-After: 0: retried at once; reason.retryAfterMs is 0', async () => {
    const scope = nock(BASE).get('/v2').times(5).reply(503, '{"error":"Server is not ready"}', { ...OVMS_JSON, 'Retry-After': '0' });
    const seen = counter(scope);
    const error = await rejectionOf(getServerMetadata(cfg({ retry: { ...FAST_RETRY, maxRetries: 4 } })));
    expect(seen.count).toBe(5);
    expect(error.reason).toEqual({ _tag: 'Status', status: 503, serverMessage: 'Server is not ready', retryAfterMs: 0 });
  });

  it('with retry-after-ms: recovers on the next attempt', async () => {
    const scope = nock(BASE)
      .get('/v2')
      .reply(503, '{"error":"Server is not ready"}', { ...OVMS_JSON, 'retry-after-ms': '30' })
      .get('/v2')
      .reply(200, body(fx('F34')), OVMS_JSON);
    const seen = counter(scope);
    const started = Date.now();
    await expect(getServerMetadata(cfg())).resolves.toEqual({ name: 'OpenVINO Model Server', version: '2022.2.c290da85', extensions: [] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(seen.count).toBe(2);
  });

  it('a per-call retry override wins: maxRetries 1 → 2 requests; retry false → 1', async () => {
    const scope = nock(BASE).get('/v2').times(10).reply(503, '{"error":"Server is not ready"}', OVMS_JSON);
    const seen = counter(scope);
    await rejectionOf(getServerMetadata(cfg(), { retry: { maxRetries: 1 } }));
    expect(seen.count).toBe(2);
    await rejectionOf(getServerMetadata(cfg(), { retry: false }));
    expect(seen.count).toBe(3);
  });

  it('Retry-After above maxRetryAfterMs is capped', async () => {
    const scope = nock(BASE)
      .get('/v2')
      .reply(503, '{"error":"Server is not ready"}', { ...OVMS_JSON, 'Retry-After': '120' })
      .get('/v2')
      .reply(200, body(fx('F34')), OVMS_JSON);
    const started = Date.now();
    await getServerMetadata(cfg({ retry: { ...FAST_RETRY, maxRetryAfterMs: 20 } }));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(scope.isDone()).toBe(true);
  });
});

describe('Retry-After is honoured', () => {
  it('Retry-After: 1 waits about a second before the retry', async () => {
    const scope = nock(BASE)
      .get('/v2')
      .reply(503, '{"error":"Server is not ready"}', { ...OVMS_JSON, 'Retry-After': '1' })
      .get('/v2')
      .reply(200, body(fx('F34')), OVMS_JSON);
    const started = Date.now();
    await getServerMetadata(config());
    const elapsed = Date.now() - started;
    expect(scope.isDone()).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(5_000);
  });
});

describe('the error never holds the API key', () => {
  it('sends the key on every attempt but keeps it out of the error, its message and its JSON', async () => {
    const scope = nock(BASE)
      .post('/v2/models/dummy/versions/1/infer')
      .times(3)
      .reply(503, '{"error":"Server is not ready"}', OVMS_JSON);
    const seen = counter(scope);
    const cfg = config({ apiKey: API_KEY });
    const error = await rejectionOf(infer(cfg, { model: 'dummy', version: 1, inputs: { b: range(0, 10) } }, { requestId: 'req-42' }));
    expect(seen.count).toBe(3);
    expect(seen.headers.map((h) => h['authorization'])).toEqual([`Bearer ${API_KEY}`, `Bearer ${API_KEY}`, `Bearer ${API_KEY}`]);
    expect(error.request).toEqual({
      operation: 'infer',
      method: 'POST',
      url: `${BASE}/v2/models/dummy/versions/1/infer`,
      model: 'dummy',
      version: '1',
      requestId: 'req-42',
      attempt: 3,
    });
    expect(JSON.stringify(error)).not.toContain(API_KEY);
    expect(error.message).not.toContain(API_KEY);
    expect(String(error.stack)).not.toContain(API_KEY);
    // JSON.stringify really includes the summary (so the check above looks at it).
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ request: { requestId: 'req-42' }, status: 503 });
  });

  it('a getModelReady failure (404 unknown name) under an API key', async () => {
    nock(BASE).get('/v2/models/x/ready').matchHeader('authorization', `Bearer ${API_KEY}`).reply(404, '{"error":"Model with requested name is not found"}', OVMS_JSON);
    const error = await rejectionOf(getModelReady(config({ apiKey: API_KEY }), { model: 'x' }));
    expect(error.status).toBe(404);
    expect(`${JSON.stringify(error)} ${error.message} ${String(error.stack)}`).not.toContain(API_KEY);
  });
});

describe.each<TransportChoice>(['ky', 'fetch'])('no answer in time, or the caller gives up, over transport %s', (transport) => {
  it('a slow answer is a Timeout (ETIMEDOUT) per attempt, and timeouts are retried', async () => {
    const scope = nock(BASE).get('/v2').times(2).delay(2_000).reply(200, body(fx('F34')), OVMS_JSON);
    const seen = counter(scope);
    const started = Date.now();
    const error = await rejectionOf(getServerMetadata(config({ transport, timeout: 50, retry: { ...FAST_RETRY, maxRetries: 1 } }), { requestId: 't-1' }));
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(seen.count).toBe(2);
    expect(facts(error)).toEqual({
      name: 'OvmsError',
      status: undefined,
      code: 'ETIMEDOUT',
      serverMessage: undefined,
      reason: { _tag: 'Timeout', timeoutMs: 50 },
      message: 'No complete answer within 50 ms for getServerMetadata',
      request: { operation: 'getServerMetadata', method: 'GET', url: `${BASE}/v2`, requestId: 't-1', attempt: 2 },
    });
  });

  it("the caller's abort rejects at once with Aborted (ABORT_ERR) and is not retried", async () => {
    const scope = nock(BASE).get('/v2').times(3).delay(2_000).reply(200, body(fx('F34')), OVMS_JSON);
    const seen = counter(scope);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const started = Date.now();
    const error = await rejectionOf(getServerMetadata(config({ transport }), { signal: controller.signal }));
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(seen.count).toBe(1);
    expect({ reason: error.reason, code: error.code, message: error.message }).toEqual({
      reason: { _tag: 'Aborted' },
      code: 'ABORT_ERR',
      message: 'The request was aborted by the caller',
    });
  });

  it('a body above maxResponseBytes is refused as Decode (ERR_RESPONSE_TOO_LARGE)', async () => {
    nock(BASE).get('/v2/models/dummy').reply(200, body(fx('F35')), OVMS_JSON);
    const error = await rejectionOf(getModelMetadataWithShapes(config({ transport, maxResponseBytes: 64 }), { model: 'dummy' }));
    expect({ reason: error.reason, code: error.code }).toEqual({ reason: { _tag: 'Decode' }, code: 'ERR_RESPONSE_TOO_LARGE' });
  });
});

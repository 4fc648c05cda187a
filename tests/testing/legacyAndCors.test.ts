/**
 * Legacy (2026.2) routing, CORS/OPTIONS, API key on OpenAI routes, and close() leaving no handles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { startTestServer, type TestServer } from '../../src/testing/index.js';
import { send } from './httpHelpers.js';

let legacy: TestServer;
let modern: TestServer;
beforeAll(async () => {
  legacy = await startTestServer({ legacy: true });
  modern = await startTestServer({ apiKey: 'secret', cors: { origins: 'http://app.example', credentials: true } });
});
afterAll(async () => {
  await Promise.all([legacy.close(), modern.close()]);
});

describe('legacy mode (OVMS 2026.2, rest-api.md §2, §8)', () => {
  it('TFS status, metadata and predict work; /v1 POSTs that are not TFS are 400', async () => {
    const status = await send(legacy.url, 'GET', '/v1/models/bert');
    expect((JSON.parse(status.text) as { model_version_status: { version: string }[] }).model_version_status.map((v) => v.version)).toEqual(['1', '2', '3']);
    expect((await send(legacy.url, 'GET', '/v1/models/dummy/labels/stable/metadata')).status).toBe(200);
    const predict = await send(legacy.url, 'POST', '/v1/models/dummy:predict', { body: JSON.stringify({ instances: [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]] }) });
    expect(predict.text).toBe('{\n    "predictions": [[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0]\n    ]\n}');
    const named = await send(legacy.url, 'POST', '/v1/models/bert/versions/1:predict', {
      body: JSON.stringify({ instances: [{ data: [0, 1, 2, 3], mask: [1, 1, 1, 1] }] }),
    });
    expect(named.status).toBe(200);
    expect(named.text.startsWith('{\n    "predictions": [[')).toBe(true);
    expect((await send(legacy.url, 'POST', '/v1/models/dummy:classify', { body: '{}' })).text).toBe('{"error":"Requested REST resource not found"}');
    expect((await send(legacy.url, 'POST', '/v1/chat/completions', { body: '{}' })).status).toBe(400);
    expect((await send(legacy.url, 'GET', '/v1/models')).text).toBe('{"error":"Model with requested name is not found"}');
    expect((await send(legacy.url, 'GET', '/v2')).text).toBe('{"name":"OpenVINO Model Server","version":"2026.2.1"}');
  });

  it('OpenAI endpoints stay under /v3 in legacy mode', async () => {
    const r = await send(legacy.url, 'POST', '/v3/completions', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'llama3', prompt: 'hello' }),
    });
    expect(r.status).toBe(200);
    expect((await send(legacy.url, 'GET', '/v3/models')).status).toBe(200);
  });

  it('legacy metrics have TensorFlowServing series', async () => {
    expect((await send(legacy.url, 'GET', '/metrics')).text).toContain('api="TensorFlowServing"');
  });
});

describe('CORS and API key (rest-api.md §1.4)', () => {
  it('OPTIONS on any path is 200 with CORS headers', async () => {
    const r = await send(modern.url, 'OPTIONS', '/anything/at/all');
    expect(r.status).toBe(200);
    expect(r.text).toBe('');
    expect(r.headers['access-control-allow-origin']).toBe('http://app.example');
    expect(r.headers['access-control-allow-methods']).toBe('*');
    expect(r.headers['access-control-allow-headers']).toBe('*');
    expect(r.headers['access-control-allow-credentials']).toBe('true');
    expect(r.headers.date).toBeUndefined();
  });

  it('every answer carries CORS headers, errors and OpenAI ones too', async () => {
    const r = await send(modern.url, 'GET', '/nope');
    expect(r.status).toBe(400);
    expect(r.headers['access-control-allow-origin']).toBe('http://app.example');
    const o = await send(modern.url, 'GET', '/v3/models');
    expect(o.headers['access-control-allow-origin']).toBe('http://app.example');
  });

  it('the API key guards OpenAI POSTs only', async () => {
    const body = JSON.stringify({ model: 'llama3', messages: [{ role: 'user', content: 'hi' }] });
    const no = await send(modern.url, 'POST', '/v3/chat/completions', { headers: { 'content-type': 'application/json' }, body });
    expect(no.status).toBe(500);
    expect(no.text).toBe('{"error":"Unauthorized request due to invalid or missing api-key"}');
    const yes = await send(modern.url, 'POST', '/v1/chat/completions', { headers: { 'content-type': 'application/json', authorization: 'Bearer secret' }, body });
    expect(yes.status).toBe(200);
    expect((await send(modern.url, 'GET', '/v2/models/dummy/ready')).status).toBe(200);
  });
});

describe('close()', () => {
  it('closes keep-alive connections and leaves no TCP handles', async () => {
    const before = process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP')).length;
    const s = await startTestServer();
    // A keep-alive socket that stays open after its answer.
    await new Promise<void>((resolve, reject) => {
      const req = request(`${s.url}/v2/health/live`, { headers: { connection: 'keep-alive' } }, (res) => {
        res.resume();
        res.on('end', () => resolve());
      });
      req.on('error', reject);
      req.end();
    });
    await s.close();
    await new Promise((r) => setTimeout(r, 50));
    const after = process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP')).length;
    expect(after).toBeLessThanOrEqual(before);
  });
});

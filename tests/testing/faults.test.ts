/**
 * Fault injection: per server, per request (x-ovms-test-fault header) and programmatic.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULT_HEADER, startTestServer, type TestServer } from '../../src/testing/index.js';
import { send } from './httpHelpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const INFER = JSON.stringify({
  inputs: [{ name: 'b', shape: [1, 10], datatype: 'FP32', data: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] }],
  outputs: [{ name: 'a', parameters: { binary_data: true } }],
});

describe('faults', () => {
  it('latencyMs delays the answer', async () => {
    const t0 = Date.now();
    const r = await send(server.url, 'GET', '/v2/health/live', { headers: { [FAULT_HEADER]: '{"latencyMs":120}' } });
    expect(r.status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(110);
  });

  it('failNext fails N requests with a status and Retry-After, then recovers', async () => {
    server.faults.failNext(2, 503, 1, { match: '/v2/health' });
    const a = await send(server.url, 'GET', '/v2/health/ready');
    const b = await send(server.url, 'GET', '/v2/health/ready');
    const c = await send(server.url, 'GET', '/v2/health/ready');
    expect([a.status, b.status, c.status]).toEqual([503, 503, 200]);
    expect(a.headers['retry-after']).toBe('1');
    expect(a.text).toBe('{"error":"Server is not ready"}');
  });

  it('a per-request status fault', async () => {
    const r = await send(server.url, 'GET', '/v2', { headers: { [FAULT_HEADER]: '{"status":429,"retryAfter":"3","message":"slow down"}' } });
    expect(r.status).toBe(429);
    expect(r.headers['retry-after']).toBe('3');
    expect(r.text).toBe('{"error":"slow down"}');
  });

  it('reset mid-body breaks the connection', async () => {
    await expect(send(server.url, 'POST', '/v2/models/dummy/infer', { headers: { [FAULT_HEADER]: '{"reset":"midBody"}' }, body: INFER })).rejects.toThrow();
    await expect(send(server.url, 'GET', '/v2', { headers: { [FAULT_HEADER]: '{"reset":"beforeResponse"}' } })).rejects.toThrow();
  });

  it('truncateBinary cuts the binary tail (Content-Length consistent)', async () => {
    const r = await send(server.url, 'POST', '/v2/models/dummy/infer', { headers: { [FAULT_HEADER]: '{"truncateBinary":10}' }, body: INFER });
    expect(r.status).toBe(200);
    const n = Number(r.headers['inference-header-content-length']);
    expect(r.body.length - n).toBe(30);
    expect(r.text.slice(0, n)).toContain('"binary_data_size": 40');
  });

  it('headerLengthDelta sends a wrong Inference-Header-Content-Length', async () => {
    const good = await send(server.url, 'POST', '/v2/models/dummy/infer', { body: INFER });
    const r = await send(server.url, 'POST', '/v2/models/dummy/infer', { headers: { [FAULT_HEADER]: '{"headerLengthDelta":-7}' }, body: INFER });
    expect(Number(r.headers['inference-header-content-length'])).toBe(Number(good.headers['inference-header-content-length']) - 7);
    expect(r.body.equals(good.body)).toBe(true);
  });

  it('notReadyMs keeps a model not ready for a while', async () => {
    const r = await send(server.url, 'GET', '/v2/models/resnet/ready', { headers: { [FAULT_HEADER]: '{"notReadyMs":150}' } });
    expect(r.status).toBe(404);
    expect(r.text).toBe('{"error":"Model with requested version is not loaded yet"}');
    await new Promise((res) => setTimeout(res, 200));
    expect((await send(server.url, 'GET', '/v2/models/resnet/ready')).status).toBe(200);
    server.faults.notReady('bert', 100);
    expect((await send(server.url, 'GET', '/v2/models/bert/ready')).status).toBe(404);
  });

  it('server-wide defaults apply to matching paths; an invalid header is a 400', async () => {
    server.faults.set({ status: 500, match: '/v2/models/string' });
    expect((await send(server.url, 'GET', '/v2/models/string')).status).toBe(500);
    expect((await send(server.url, 'GET', '/v2/models/dummy')).status).toBe(200);
    server.faults.clear();
    expect((await send(server.url, 'GET', '/v2/models/string')).status).toBe(200);
    expect((await send(server.url, 'GET', '/v2', { headers: { [FAULT_HEADER]: 'nope' } })).status).toBe(400);
  });

  it('stallAfterChunks stalls a stream and close() still ends the connection', async () => {
    const s = await startTestServer({ faults: { stallAfterChunks: 1, match: '/v3/' } });
    const controller = new AbortController();
    const res = await fetch(`${s.url}/v3/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'llama3', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    const reader = res.body?.getReader();
    const first = await reader?.read();
    expect(first?.done).toBe(false);
    const next = reader?.read();
    await s.close();
    await expect(next).rejects.toThrow();
  });

  it('records what clients sent', () => {
    const last = server.received[server.received.length - 1];
    expect(last?.method).toBe('GET');
    expect(server.requestCount).toBeGreaterThan(10);
    expect(server.received.some((r) => r.headers[FAULT_HEADER] !== undefined)).toBe(true);
  });
});

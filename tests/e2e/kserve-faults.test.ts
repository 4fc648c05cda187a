/**
 * End-to-end: each fault the test server injects surfaces as the right `OvmsError` reason and code,
 * with the retries the policy promises (counted on the server), over both built-in transports.
 *
 * Fault tests run with `validate: false` (or a warm metadata cache) so that the fault header,
 * which the client sends with every request of a call, hits the infer request only.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createConfig, getModelReady, getServerLive, infer, type ClientConfig, type TransportChoice } from '../../src/ovms.js';
import { FAULT_HEADER, startTestServer, type TestServer } from '../../src/testing/index.js';
import { FAST_RETRY, faultHeaders, inferRequestsSince, RECEIVED_LIMIT, rejectionOf, routesSince } from './e2eHelpers.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ host: '127.0.0.1', port: 0, receivedLimit: RECEIVED_LIMIT });
});

afterAll(async () => {
  await server.close();
});

afterEach(() => {
  server.faults.clear();
});

const TEN = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const PLUS_ONE = new Float32Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
const dummy = { model: 'dummy', inputs: [{ name: 'b', data: new Float32Array(TEN), shape: [1, 10], datatype: 'FP32' as const }] };
/** Without metadata the client asks for no binary output on its own: name the output to get a binary answer. */
const BINARY_ANSWER = { binaryOutput: 'a' } as const;

describe.each<TransportChoice>(['ky', 'fetch'])('over transport %s', (transport) => {
  const configOf = (extra: Partial<Parameters<typeof createConfig>[0]> = {}): ClientConfig =>
    createConfig({ baseUrl: server.url, transport, retry: FAST_RETRY, validate: false, ...extra });

  describe('503 storm with Retry-After', () => {
    it('two 503s, then success: retried, three infer requests in all', async () => {
      server.faults.failNext(2, 503, 0, { match: '/infer' });
      const mark = server.requestCount;
      const result = await infer(configOf(), dummy);
      expect(result.outputs[0]?.data).toStrictEqual(PLUS_ONE);
      expect(inferRequestsSince(server, mark)).toHaveLength(3);
    });

    it('more 503s than retries → Status 503 after maxRetries, with the server text and Retry-After', async () => {
      server.faults.failNext(5, 503, 0, { match: '/infer' });
      const mark = server.requestCount;
      const error = await rejectionOf(infer(configOf(), dummy, { requestId: 'storm' }));
      expect(error.reason).toEqual({ _tag: 'Status', status: 503, serverMessage: 'Server is not ready', retryAfterMs: 0 });
      expect(error.status).toBe(503);
      expect(error.message).toBe('OVMS answered 503 to infer (model "dummy"): Server is not ready');
      expect(error.request).toEqual({ operation: 'infer', method: 'POST', url: `${server.url}/v2/models/dummy/infer`, model: 'dummy', requestId: 'storm', attempt: 3 });
      expect(inferRequestsSince(server, mark)).toHaveLength(3);
      // The storm goes on: two failures remain for the next callers.
      expect((await rejectionOf(infer(configOf({ retry: false }), dummy))).status).toBe(503);
      expect((await rejectionOf(infer(configOf({ retry: false }), dummy))).status).toBe(503);
      expect((await infer(configOf({ retry: false }), dummy)).outputs[0]?.data).toStrictEqual(PLUS_ONE);
    });

    it('maxRetries: 5 rides out a storm of 5', async () => {
      server.faults.failNext(5, 503, 0, { match: '/infer' });
      const mark = server.requestCount;
      await infer(configOf({ retry: { ...FAST_RETRY, maxRetries: 5 } }), dummy);
      expect(inferRequestsSince(server, mark)).toHaveLength(6);
    });

    it('retry: false → the first 503 is final', async () => {
      server.faults.failNext(1, 503, 0, { match: '/infer' });
      const mark = server.requestCount;
      const error = await rejectionOf(infer(configOf({ retry: false }), dummy));
      expect([error.status, error.request?.attempt]).toEqual([503, 1]);
      expect(inferRequestsSince(server, mark)).toHaveLength(1);
    });

    it('a 400 is never retried', async () => {
      server.faults.failNext(1, 400, undefined, { match: '/infer', message: 'Injected bad request' });
      const mark = server.requestCount;
      const error = await rejectionOf(infer(configOf(), dummy));
      expect(error.reason).toEqual({ _tag: 'Status', status: 400, serverMessage: 'Injected bad request' });
      expect(inferRequestsSince(server, mark)).toHaveLength(1);
    });

    it("a 500 with one of OVMS's permanent texts is not retried; a plain 500 is", async () => {
      server.faults.failNext(1, 500, undefined, { match: '/infer', message: 'Inference-Header-Content-Length header is invalid' });
      let mark = server.requestCount;
      expect((await rejectionOf(infer(configOf(), dummy))).status).toBe(500);
      expect(inferRequestsSince(server, mark)).toHaveLength(1);

      server.faults.failNext(1, 500, undefined, { match: '/infer' });
      mark = server.requestCount;
      expect((await infer(configOf(), dummy)).outputs[0]?.data).toStrictEqual(PLUS_ONE);
      expect(inferRequestsSince(server, mark)).toHaveLength(2);
    });
  });

  describe('connection reset', () => {
    it("mid-body (fault header on every attempt) → Transport ECONNRESET, after maxRetries: three requests reached the server", async () => {
      const mark = server.requestCount;
      const error = await rejectionOf(infer(configOf(), dummy, { headers: faultHeaders({ reset: 'midBody' }) }));
      expect(error.reason).toEqual({ _tag: 'Transport' });
      expect(error.code).toBe('ECONNRESET');
      expect(error.status).toBeUndefined();
      expect(error.request?.attempt).toBe(3);
      // The headers had arrived: the body broke off while it was being read.
      expect(error.message).toMatch(new RegExp(`^Network error reading the response from ${server.url.replace(/\./g, '\\.')}/v2/models/dummy/infer \\(ECONNRESET\\): `));
      expect(inferRequestsSince(server, mark)).toHaveLength(3);
    });

    it('before the response → Transport ECONNRESET at connect time, retried', async () => {
      const mark = server.requestCount;
      const error = await rejectionOf(infer(configOf(), dummy, { headers: faultHeaders({ reset: 'beforeResponse' }) }));
      expect(error.reason).toEqual({ _tag: 'Transport' });
      expect(error.code).toBe('ECONNRESET');
      expect(error.message).toMatch(/^Network error connecting to /);
      expect(inferRequestsSince(server, mark)).toHaveLength(3);
    });

    it('one reset, then a clean answer: the retry recovers', async () => {
      let calls = 0;
      const firstResets: typeof fetch = (input, init) => {
        calls += 1;
        if (calls > 1) return fetch(input, init);
        // ky passes a Request, fetchTransport a URL and init: rebuild either with the extra header.
        const request = new Request(input, init);
        const headers = new Headers(request.headers);
        headers.set(FAULT_HEADER, JSON.stringify({ reset: 'midBody' }));
        return fetch(new Request(request, { headers }));
      };
      const mark = server.requestCount;
      const result = await infer(configOf({ fetch: firstResets }), dummy);
      expect(result.outputs[0]?.data).toStrictEqual(PLUS_ONE);
      expect(calls).toBe(2);
      expect(inferRequestsSince(server, mark)).toHaveLength(2);
    });
  });

  describe('a broken binary answer', () => {
    it('truncated binary tail → Decode, not retried', async () => {
      // The server cuts the tail but keeps Content-Length consistent, so HTTP sees a complete
      // message: the transport succeeds and the client's binary decoder finds the tail short.
      const mark = server.requestCount;
      const error = await rejectionOf(infer(configOf(), dummy, { ...BINARY_ANSWER, headers: faultHeaders({ truncateBinary: true }) }));
      expect(error.reason).toEqual({ _tag: 'Decode' });
      expect(error.message).toBe('infer: output "a" needs 40 bytes of binary data but only 20 remain (truncated body)');
      expect(error.request?.url).toBe(`${server.url}/v2/models/dummy/infer`);
      expect(inferRequestsSince(server, mark)).toHaveLength(1);
    });

    it('truncated by 1 byte → Decode as well', async () => {
      const error = await rejectionOf(infer(configOf(), dummy, { ...BINARY_ANSWER, headers: faultHeaders({ truncateBinary: 1 }) }));
      expect(error.message).toBe('infer: output "a" needs 40 bytes of binary data but only 39 remain (truncated body)');
    });

    it('with a warm metadata cache the binary output is asked for by default, and the truncation shows', async () => {
      const c = createConfig({ baseUrl: server.url, transport, retry: FAST_RETRY });
      await infer(c, dummy);
      const error = await rejectionOf(infer(c, dummy, { headers: faultHeaders({ truncateBinary: 8 }) }));
      expect(error.message).toBe('infer: output "a" needs 40 bytes of binary data but only 32 remain (truncated body)');
    });

    it('truncateBinary on a JSON answer (binaryOutput: false) changes nothing', async () => {
      const result = await infer(configOf(), dummy, { binaryOutput: false, headers: faultHeaders({ truncateBinary: true }) });
      expect(result.outputs[0]?.data).toStrictEqual(PLUS_ONE);
    });

    it.each([
      [1_000_000, /^infer: inference-header-content-length "\d+" does not fit a body of \d+ bytes$/],
      [3, /^infer: the server's answer is not valid JSON/],
      [-3, /^infer: the server's answer is not valid JSON/],
    ])('Inference-Header-Content-Length off by %i → Decode, not retried', async (delta, message) => {
      const mark = server.requestCount;
      const error = await rejectionOf(infer(configOf(), dummy, { ...BINARY_ANSWER, headers: faultHeaders({ headerLengthDelta: delta }) }));
      expect(error.reason).toEqual({ _tag: 'Decode' });
      expect(error.message).toMatch(message);
      expect(inferRequestsSince(server, mark)).toHaveLength(1);
    });
  });

  describe('latency', () => {
    it('beyond the timeout → Timeout / ETIMEDOUT within the budget (no retry)', async () => {
      const started = Date.now();
      const error = await rejectionOf(infer(configOf({ retry: false, timeout: 100 }), dummy, { headers: faultHeaders({ latencyMs: 2_000 }) }));
      const elapsed = Date.now() - started;
      expect(error.reason).toEqual({ _tag: 'Timeout', timeoutMs: 100 });
      expect(error.code).toBe('ETIMEDOUT');
      expect(error.message).toBe('No complete answer within 100 ms for infer');
      expect(error.request?.attempt).toBe(1);
      expect(elapsed).toBeGreaterThanOrEqual(95);
      expect(elapsed).toBeLessThan(1_000);
    });

    it('a timeout is retried: each attempt gets its own timer, all within the budget', async () => {
      const mark = server.requestCount;
      const started = Date.now();
      const error = await rejectionOf(infer(configOf({ timeout: 100, retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5 } }), dummy, { headers: faultHeaders({ latencyMs: 2_000 }) }));
      const elapsed = Date.now() - started;
      expect(error.reason).toEqual({ _tag: 'Timeout', timeoutMs: 100 });
      expect(error.request?.attempt).toBe(3);
      expect(inferRequestsSince(server, mark)).toHaveLength(3);
      expect(elapsed).toBeGreaterThanOrEqual(290);
      expect(elapsed).toBeLessThan(1_500);
    });

    it('a per-call timeout overrides the config', async () => {
      const error = await rejectionOf(infer(configOf({ retry: false, timeout: 30_000 }), dummy, { timeout: 80, headers: faultHeaders({ latencyMs: 2_000 }) }));
      expect(error.reason).toEqual({ _tag: 'Timeout', timeoutMs: 80 });
    });

    it('latency within the timeout → a normal answer, later', async () => {
      const started = Date.now();
      const result = await infer(configOf({ timeout: 2_000 }), dummy, { headers: faultHeaders({ latencyMs: 150 }) });
      expect(result.outputs[0]?.data).toStrictEqual(PLUS_ONE);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    });

    it("the caller's abort during latency → Aborted / ABORT_ERR", async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const error = await rejectionOf(infer(configOf(), dummy, { signal: controller.signal, headers: faultHeaders({ latencyMs: 2_000 }) }));
      expect(error.reason).toEqual({ _tag: 'Aborted' });
      expect(error.code).toBe('ABORT_ERR');
    });
  });

  it('Retry-After is honoured: a 1 s Retry-After makes the client wait ~1 s', async () => {
    server.faults.failNext(1, 503, 1, { match: '/infer' });
    const mark = server.requestCount;
    const started = Date.now();
    await infer(configOf(), dummy);
    const elapsed = Date.now() - started;
    expect(inferRequestsSince(server, mark)).toHaveLength(2);
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(3_000);
  });

  it('…and capped by maxRetryAfterMs', async () => {
    server.faults.failNext(1, 503, 30, { match: '/infer' });
    const started = Date.now();
    await infer(configOf({ retry: { ...FAST_RETRY, maxRetryAfterMs: 20 } }), dummy);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('a server-wide fault (faults.set) applies to matching paths until cleared', async () => {
    server.faults.set({ status: 503, match: '/models/dummy/infer' });
    const c = configOf({ retry: false });
    expect((await rejectionOf(infer(c, dummy))).status).toBe(503);
    expect((await rejectionOf(infer(c, dummy))).status).toBe(503);
    expect(await getModelReady(c, { model: 'dummy' })).toBe(true); // another path
    server.faults.clear();
    expect((await infer(c, dummy)).outputs[0]?.data).toStrictEqual(PLUS_ONE);
  });

  it('a not-ready model (notReadyMs) → getModelReady false, infer Status 404 "not loaded yet"', async () => {
    const c = configOf({ retry: false });
    expect(await getModelReady(c, { model: 'custom_model' }, { headers: faultHeaders({ notReadyMs: 250 }) })).toBe(false);
    const error = await rejectionOf(infer(c, { model: 'custom_model', inputs: [{ name: 'input', data: [[1, 2]], datatype: 'FP32' }] }));
    expect(error.reason).toEqual({ _tag: 'Status', status: 404, serverMessage: 'Model with requested version is not loaded yet' });
    await new Promise((r) => setTimeout(r, 350));
    expect(await getModelReady(c, { model: 'custom_model' })).toBe(true);
    const ok = await infer(c, { model: 'custom_model', inputs: [{ name: 'input', data: [[1, 2, 3]], datatype: 'FP32' }] });
    expect(ok.outputs[0]?.data).toStrictEqual(new Float32Array([1, 3, 6]));
  });

  describe('no server', () => {
    it('a refused port (closed server) → Transport ECONNREFUSED, retried', async () => {
      const gone = await startTestServer({ host: '127.0.0.1', port: 0 });
      const url = gone.url;
      await gone.close();
      const error = await rejectionOf(infer(createConfig({ baseUrl: url, transport, retry: FAST_RETRY, validate: false }), dummy));
      expect(error.reason).toEqual({ _tag: 'Transport' });
      expect(error.code).toBe('ECONNREFUSED');
      expect(error.request?.attempt).toBe(3);
      expect(error.message).toMatch(new RegExp(`^Network error connecting to ${url.replace(/\./g, '\\.')}/v2/models/dummy/infer \\(ECONNREFUSED\\): `));
      // With validation on, the metadata request is the one refused.
      const validated = await rejectionOf(infer(createConfig({ baseUrl: url, transport, retry: false }), dummy));
      expect([validated.code, validated.request?.url]).toEqual(['ECONNREFUSED', `${url}/v2/models/dummy`]);
    });

    it('the seed snippet sees error.code === "ECONNREFUSED"', async () => {
      const port = await closedPort();
      const error = await rejectionOf(getServerLive(createConfig({ baseUrl: `http://127.0.0.1:${port}`, transport, retry: false })));
      expect(error.code === 'ECONNREFUSED').toBe(true);
      expect(error.status).toBeUndefined();
    });

    it('an unresolvable host → Transport ENOTFOUND, not retried (EAI_AGAIN in a sandbox without DNS: retried)', async () => {
      let calls = 0;
      const counting: typeof fetch = (input, init) => {
        calls += 1;
        return fetch(input, init);
      };
      const c = createConfig({ baseUrl: 'http://does-not-exist.invalid', transport, retry: FAST_RETRY, validate: false, fetch: counting });
      const error = await rejectionOf(infer(c, dummy));
      expect(error.reason).toEqual({ _tag: 'Transport' });
      // `.invalid` never resolves (RFC 6761): a resolver answers NXDOMAIN → ENOTFOUND, which no retry
      // can cure. Without any resolver, getaddrinfo fails with EAI_AGAIN ("try again"), which the
      // policy treats as transient and retries.
      expect(['ENOTFOUND', 'EAI_AGAIN']).toContain(error.code);
      expect(calls).toBe(error.code === 'ENOTFOUND' ? 1 : 3);
      expect(error.request?.attempt).toBe(calls);
    });
  });
});

describe('fault requests as the server saw them', () => {
  it('the fault header travels with the call, on the infer request only when validation is off', async () => {
    const c = createConfig({ baseUrl: server.url, retry: false, validate: false });
    const mark = server.requestCount;
    await infer(c, dummy, { headers: faultHeaders({ latencyMs: 1 }) });
    const [sent] = inferRequestsSince(server, mark);
    expect(sent?.headers[FAULT_HEADER]).toBe('{"latencyMs":1}');
    expect(routesSince(server, mark)).toEqual(['POST /v2/models/dummy/infer']);
  });

  it('with validation on and a cold cache, the metadata request carries it too (and fails first)', async () => {
    const c = createConfig({ baseUrl: server.url, retry: false });
    const mark = server.requestCount;
    const error = await rejectionOf(infer(c, dummy, { headers: faultHeaders({ status: 503 }) }));
    expect(error.request?.operation).toBe('getModelMetadataWithShapes');
    expect(routesSince(server, mark)).toEqual(['GET /v2/models/dummy']);
  });
});

/** A loopback port that was just free and is now closed. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve, reject) => s.close((e) => (e ? reject(e) : resolve())));
  return port;
}

import { describe, expect, it } from 'vitest';
import { createConfig } from '../../../src/config/createConfig.js';
import { execute } from '../../../src/core/execute.js';
import type { Middleware, OvmsRequest } from '../../../src/core/types.js';
import { isOvmsErrorReason } from '../../../src/errors/OvmsError.js';
import { getServerMetadata } from '../../../src/ops/getServerMetadata.js';
import { getRequest } from '../../../src/protocols/kserve/getRequest.js';
import { rejectionOf } from '../../helpers/ovmsClient.js';
import { scriptedTransport, type Step } from '../../helpers/scriptedTransport.js';

const spec = { operation: 'probe', idempotent: true, encode: getRequest('/v2') };
const fast = { baseDelayMs: 1, maxDelayMs: 2, jitter: 0 };

function setup(steps: readonly Step[], input: Parameters<typeof createConfig>[0] = {}) {
  const transport = scriptedTransport(steps);
  const config = createConfig({ baseUrl: 'http://ovms.test', retry: fast, ...input, transport });
  return { transport, config };
}

describe('retry', () => {
  it('retries [503, 503, 200] and succeeds on attempt 3', async () => {
    const { transport, config } = setup([503, 503, 200]);
    const response = await execute(config, spec);
    expect(response.status).toBe(200);
    expect(transport.calls).toHaveLength(3);
  });

  it('gives up after maxRetries with the last Status error and its attempt number', async () => {
    const { transport, config } = setup([503], { retry: { ...fast, maxRetries: 2 } });
    const error = await rejectionOf(execute(config, spec));
    expect(transport.calls).toHaveLength(3);
    expect(error.status).toBe(503);
    expect(error.request).toMatchObject({ operation: 'probe', method: 'GET', url: 'http://ovms.test/v2', attempt: 3 });
  });

  it('does not retry a non-idempotent request', async () => {
    const { transport, config } = setup([503, 200]);
    await rejectionOf(execute(config, { ...spec, idempotent: false }));
    expect(transport.calls).toHaveLength(1);
  });

  it('honours a per-call retry override and retry: false', async () => {
    const a = setup([503, 503, 503, 200], { retry: false });
    await rejectionOf(execute(a.config, spec));
    expect(a.transport.calls).toHaveLength(1);
    const b = setup([503, 503, 503, 200], { retry: false });
    expect((await execute(b.config, spec, { retry: { maxRetries: 3, baseDelayMs: 1 } })).status).toBe(200);
    expect(b.transport.calls).toHaveLength(4);
  });

  it('waits as long as Retry-After says (capped)', async () => {
    const { transport, config } = setup([{ status: 503, headers: { 'retry-after-ms': '120' } }, 200]);
    const started = performance.now();
    await execute(config, spec);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    expect(transport.calls).toHaveLength(2);
  });

  it('rejects at once with Aborted when the caller aborts during a backoff wait', async () => {
    const { transport, config } = setup([503, 200], { retry: { maxRetries: 1, baseDelayMs: 10_000, maxDelayMs: 10_000, jitter: 0 } });
    const controller = new AbortController();
    const started = performance.now();
    const pending = rejectionOf(execute(config, spec, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 30);
    const error = await pending;
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(error.reason._tag).toBe('Aborted');
    expect(error.code).toBe('ABORT_ERR');
    expect(transport.calls).toHaveLength(1);
  });

  it('retries network errors and keeps their code', async () => {
    const reset = new TypeError('fetch failed', { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) });
    const { transport, config } = setup([{ throws: reset }, { throws: reset }, { throws: reset }]);
    const error = await rejectionOf(execute(config, spec));
    expect(transport.calls).toHaveLength(3);
    expect(error.reason._tag).toBe('Transport');
    expect(error.code).toBe('ECONNRESET');
  });
});

describe('auth', () => {
  it('signs every attempt afresh with the Bearer key', async () => {
    const { transport, config } = setup([503, 503, 200], { apiKey: 'key-1' });
    await execute(config, spec);
    expect(transport.calls.map((c) => c.headers['Authorization'])).toEqual(['Bearer key-1', 'Bearer key-1', 'Bearer key-1']);
  });

  it('never sends the key to another origin', async () => {
    const { transport, config } = setup([200], { apiKey: 'key-1' });
    await execute(config, { ...spec, baseUrl: 'http://elsewhere.test' });
    expect(transport.calls[0]?.url).toBe('http://elsewhere.test/v2');
    expect(transport.calls[0]?.headers['Authorization']).toBeUndefined();
  });
});

describe('per-call baseUrl', () => {
  it('sends the call to another server, without the API key, and rejects a bad URL before sending', async () => {
    const { transport, config } = setup([200], { apiKey: 'key-1' });
    await execute(config, spec, { baseUrl: 'http://other.test:8000/prefix/' });
    expect(transport.calls[0]?.url).toBe('http://other.test:8000/prefix/v2');
    expect(transport.calls[0]?.headers['Authorization']).toBeUndefined();
    const error = await rejectionOf(execute(config, spec, { baseUrl: 'other.test' }));
    expect(error.reason).toEqual({ _tag: 'InvalidInput', field: 'baseUrl' });
    expect(transport.calls).toHaveLength(1);
  });
});

describe('timeout', () => {
  it('ends a hanging attempt with Timeout/ETIMEDOUT and retries it', async () => {
    const { transport, config } = setup([{ hang: true }, { hang: true }], { timeout: 50, retry: { ...fast, maxRetries: 1 } });
    const started = performance.now();
    const error = await rejectionOf(execute(config, spec));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(isOvmsErrorReason(error, 'Timeout')).toBe(true);
    expect(error.reason).toEqual({ _tag: 'Timeout', timeoutMs: 50 });
    expect(error.code).toBe('ETIMEDOUT');
    expect(error.request).toMatchObject({ operation: 'probe', attempt: 2 });
    expect(transport.calls).toHaveLength(2);
  });

  it('a per-call timeout overrides the config and must be positive', async () => {
    const { config } = setup([{ hang: true }], { timeout: 60_000, retry: false });
    const error = await rejectionOf(execute(config, spec, { timeout: 20 }));
    expect(error.reason._tag).toBe('Timeout');
    const bad = await rejectionOf(execute(config, spec, { timeout: -5 }));
    expect(bad.reason).toEqual({ _tag: 'InvalidInput', field: 'timeout' });
  });

  it('a caller abort is Aborted, not Timeout', async () => {
    const { config } = setup([{ hang: true }], { retry: false });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const error = await rejectionOf(execute(config, spec, { signal: controller.signal }));
    expect(error.reason._tag).toBe('Aborted');
    expect(error.code).toBe('ABORT_ERR');
  });
});

describe('pipeline order and request id', () => {
  it('runs user middleware after precision and before retry, once per call', async () => {
    const log: string[] = [];
    const spy: Middleware = (next) => async (request: OvmsRequest) => {
      log.push(`user:${request.attempt}`);
      return next(request);
    };
    const { config } = setup([503, 200], { middleware: [spy] });
    await execute(config, spec);
    expect(log).toEqual(['user:1']);
  });

  it('sends X-Request-ID (given or generated) and config headers under request headers', async () => {
    const { transport, config } = setup([200, 200], { headers: { 'X-Tenant': 't1', 'X-Request-ID': 'config-level' } });
    await execute(config, spec, { requestId: 'abc-123' });
    await execute(config, spec);
    expect(transport.calls[0]?.headers).toMatchObject({ 'X-Request-ID': 'abc-123', 'X-Tenant': 't1' });
    expect(transport.calls[1]?.headers['X-Request-ID']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('reports a response over maxResponseBytes as Decode and stops reading', async () => {
    const { config } = setup([{ status: 200, body: 'x'.repeat(2048) }], { maxResponseBytes: 1024 });
    const error = await rejectionOf(execute(config, spec));
    expect(error.reason._tag).toBe('Decode');
    expect(error.code).toBe('ERR_RESPONSE_TOO_LARGE');
  });

  it('decodes a malformed answer as Decode, never a raw SyntaxError', async () => {
    const { config } = setup([{ status: 200, body: '{"name": 1' }]);
    const error = await rejectionOf(getServerMetadata(config));
    expect(error.reason._tag).toBe('Decode');
    expect(error.message).toMatch(/^getServerMetadata: the server's answer is not valid JSON/);
  });
});

import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { errorFromResponse } from '../../../src/errors/errorFromResponse.js';
import { isOvmsError, isOvmsErrorReason, OvmsError } from '../../../src/errors/OvmsError.js';
import { parseRetryAfter } from '../../../src/errors/parseRetryAfter.js';
import { parseServerMessage } from '../../../src/errors/parseServerMessage.js';
import { networkCode, transportError } from '../../../src/errors/transportError.js';

describe('parseServerMessage', () => {
  it('reads OVMS error bodies in all their forms', () => {
    expect(parseServerMessage('{"error":"Model with requested name is not found"}')).toBe('Model with requested name is not found');
    // Config API errors are hand-formatted with a newline and a TAB (rest-api.md §1.2).
    expect(parseServerMessage('{\n\t"error": "Config file not found or cannot open."\n}')).toBe('Config file not found or cannot open.');
    expect(parseServerMessage('{"error":{"message":"gateway says no","type":"x"}}')).toBe('gateway says no');
    expect(parseServerMessage('Bad Gateway')).toBe('Bad Gateway');
    expect(parseServerMessage('   ')).toBeUndefined();
    expect(parseServerMessage('x'.repeat(600))).toBe(`${'x'.repeat(500)}…`);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-27T12:00:00Z');
  it('reads seconds, HTTP dates and retry-after-ms', () => {
    expect(parseRetryAfter(new Headers({ 'retry-after': '3' }), now)).toBe(3000);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Fri, 27 Nov 2026 12:00:05 GMT' }), now)).toBe(5000);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Fri, 27 Nov 2026 11:00:00 GMT' }), now)).toBe(0);
    expect(parseRetryAfter(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(250);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(parseRetryAfter(new Headers(), now)).toBeUndefined();
  });
});

describe('errorFromResponse', () => {
  it('builds a Status error with the server message, Retry-After and request summary', () => {
    const request = { operation: 'infer', method: 'POST', url: 'http://h/v2/models/dummy/infer', model: 'dummy', requestId: 'r1', attempt: 1 };
    const error = errorFromResponse(503, '{"error":"Server is not ready"}', new Headers({ 'retry-after': '2' }), request);
    expect(error.reason).toEqual({ _tag: 'Status', status: 503, serverMessage: 'Server is not ready', retryAfterMs: 2000 });
    expect(error.status).toBe(503);
    expect(error.statusCode).toBe(503);
    expect(error.serverMessage).toBe('Server is not ready');
    expect(error.request).toEqual(request);
    expect(error.message).toBe('OVMS answered 503 to infer (model "dummy"): Server is not ready');
  });
});

describe('networkCode / transportError', () => {
  it('finds the code in undici’s cause chain and maps socket errors to ECONNRESET', () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    expect(networkCode(refused)).toBe('ECONNREFUSED');
    const aggregate = new TypeError('fetch failed', { cause: new AggregateError([Object.assign(new Error('x'), { code: 'ETIMEDOUT' })]) });
    expect(networkCode(aggregate)).toBe('ETIMEDOUT');
    const terminated = new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    expect(networkCode(terminated)).toBe('ECONNRESET');
    expect(networkCode(new TypeError('Failed to fetch'))).toBeUndefined();
  });

  it('wraps the failure without the query string of the URL', () => {
    const error = transportError(new TypeError('Failed to fetch'), { operation: 'infer', url: 'http://h/v2' });
    expect(error.reason).toEqual({ _tag: 'Transport' });
    expect(error.code).toBe('ERR_NETWORK');
    expect(error.message).toBe('Network error connecting to http://h/v2 (ERR_NETWORK): Failed to fetch');
  });
});

describe('guards', () => {
  it('recognise errors from another realm by name and reason', () => {
    const foreign = runInNewContext(`(() => { const e = new Error('x'); e.name = 'OvmsError'; e.reason = { _tag: 'Status', status: 404 }; return e; })()`) as unknown;
    expect(foreign instanceof OvmsError).toBe(false);
    expect(isOvmsError(foreign)).toBe(true);
    expect(isOvmsErrorReason(foreign, 'Status')).toBe(true);
    expect(isOvmsErrorReason(foreign, 'Timeout')).toBe(false);
  });

  it('reject look-alikes', () => {
    expect(isOvmsError(new Error('x'))).toBe(false);
    expect(isOvmsError({ name: 'OvmsError' })).toBe(false);
    expect(isOvmsError(null)).toBe(false);
    expect(isOvmsError('OvmsError')).toBe(false);
  });
});

import { OvmsError, type RequestSummary } from './OvmsError.js';

/**
 * Finds the network cause's code in what `fetch` threw. Node's fetch (undici) throws
 * `TypeError('fetch failed')` with the socket error as `cause` (an `AggregateError` when several
 * addresses were tried); a body that breaks off throws `TypeError('terminated')` whose cause is
 * undici's `UND_ERR_SOCKET`, which is a reset as far as the caller is concerned.
 */
export function networkCode(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (typeof current === 'object' && current !== null && !seen.has(current)) {
    seen.add(current);
    const c = current as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof c.code === 'string' && c.code !== '') {
      return c.code === 'UND_ERR_SOCKET' || c.code === 'UND_ERR_CLOSED' ? 'ECONNRESET' : c.code;
    }
    if (Array.isArray(c.errors) && c.errors.length > 0) {
      const inner = networkCode(c.errors[0]);
      if (inner !== undefined) return inner;
    }
    current = c.cause;
  }
  return undefined;
}

/**
 * Wraps a network failure (no HTTP answer, or an answer cut off) as `OvmsError` `Transport`.
 * The message names the URL without its query (which could carry a token) and the cause.
 */
export function transportError(error: unknown, request: RequestSummary, phase: 'connect' | 'body' = 'connect'): OvmsError {
  const code = networkCode(error) ?? 'ERR_NETWORK';
  const what = phase === 'body' ? 'reading the response from' : 'connecting to';
  const detail = error instanceof Error ? error.message : String(error);
  return new OvmsError({ _tag: 'Transport' }, `Network error ${what} ${request.url ?? 'the server'} (${code}): ${detail}`, {
    code,
    request,
    cause: error,
  });
}

import type { Transport } from '../core/types.js';

/**
 * A transport over the platform's `fetch`, without ky: the shortest path, and the way to plug in a
 * custom `fetch` (an undici dispatcher, a test double).
 *
 * @param fetchImpl - Default: the global `fetch`, looked up per request.
 */
export function fetchTransport(fetchImpl?: typeof fetch): Transport {
  return (request) =>
    (fetchImpl ?? globalThis.fetch)(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body as BodyInit }),
      ...(request.signal === undefined ? {} : { signal: request.signal }),
    });
}

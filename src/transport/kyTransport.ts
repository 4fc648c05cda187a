import ky from 'ky';
import type { Transport } from '../core/types.js';

/**
 * The default transport, through ky. ky's own retry, timeout and `throwHttpErrors` are turned off:
 * the pipeline owns them (house style: never retry or time out twice), so ky only sends.
 *
 * @param fetchImpl - The `fetch` ky calls; default: the global one, looked up per request so that
 *   test interceptors installed later are seen.
 */
export function kyTransport(fetchImpl?: typeof fetch): Transport {
  return (request) =>
    ky(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body as BodyInit }),
      ...(request.signal === undefined ? {} : { signal: request.signal }),
      retry: 0,
      timeout: false,
      throwHttpErrors: false,
      fetch: fetchImpl ?? ((input, init) => globalThis.fetch(input, init)),
    });
}

import type { WireRequest } from '../../src/core/types.js';

/** A request captured from the pipeline, to be replayed byte for byte by raw `fetch`. */
export interface Captured {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array | string;
}

/**
 * A transport that records the wire request and answers it with the given fetch; the first
 * request of a kind (metadata, infer) is what the benchmark replays.
 */
export function capturingTransport(sink: Captured[]): (request: WireRequest) => Promise<Response> {
  return (request) => {
    if (request.method === 'POST' && request.body !== undefined) {
      // A copy: the pipeline may hand the transport a view over the caller's tensor.
      const body = typeof request.body === 'string' ? request.body : request.body.slice();
      sink.push({ url: request.url, headers: { ...request.headers }, body });
    }
    return fetch(request.url, { method: request.method, headers: request.headers, ...(request.body === undefined ? {} : { body: request.body as BodyInit }) });
  };
}

/** Raw fetch: post the captured bytes, read the body. The floor for any fetch-based client. */
export function rawFetch(captured: Captured): () => Promise<ArrayBuffer> {
  const { url, headers, body } = captured;
  return async () => {
    const response = await fetch(url, { method: 'POST', headers, body: body as BodyInit });
    return response.arrayBuffer();
  };
}

import type { OpenAiBasePath } from '../../config/ClientConfig.js';
import type { EncodedRequest, OvmsRequest } from '../../core/types.js';
import { openaiPath, type OpenAiEndpoint } from './openaiPath.js';

/**
 * An encoder for a JSON `POST {base}/{endpoint}`. The body is the request's payload with `model` set
 * from the logical request, so a middleware that reroutes `request.model` also changes the body.
 * `Content-Type: application/json` is always sent: without it OVMS takes the graph name from the
 * URL and answers 404 (rest-api.md §5.1).
 *
 * @param basePath - `/v3` or `/v1`.
 * @param endpoint - The endpoint after the prefix.
 * @param accept - `text/event-stream` for a streamed answer.
 * @returns The encoder for `RequestSpec.encode`.
 */
export function openaiPostRequest(
  basePath: OpenAiBasePath,
  endpoint: OpenAiEndpoint,
  accept: 'application/json' | 'text/event-stream' = 'application/json',
): (request: OvmsRequest) => EncodedRequest {
  const path = openaiPath(basePath, endpoint);
  return (request) => {
    const payload = request.payload as Readonly<Record<string, unknown>>;
    const body = request.model === undefined ? payload : { ...payload, model: request.model };
    return {
      method: 'POST',
      url: request.baseUrl + path,
      headers: { 'Content-Type': 'application/json', Accept: accept },
      body: JSON.stringify(body),
    };
  };
}

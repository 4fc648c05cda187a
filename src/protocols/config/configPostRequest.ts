import type { EncodedRequest, OvmsRequest } from '../../core/types.js';

/**
 * An encoder for a body-less `POST` of a fixed path (the config reload: OVMS ignores any body,
 * rest-api.md §3).
 *
 * @param path - The path after the base URL.
 * @returns The encoder for `RequestSpec.encode`.
 */
export function configPostRequest(path: string): (request: OvmsRequest) => EncodedRequest {
  return (request) => ({
    method: 'POST',
    url: request.baseUrl + path,
    headers: { Accept: 'application/json' },
  });
}

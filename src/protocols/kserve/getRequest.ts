import type { EncodedRequest, OvmsRequest } from '../../core/types.js';

/** An encoder for a body-less GET of a fixed path, or of a path derived from the routed request. */
export function getRequest(path: string | ((request: OvmsRequest) => string)): (request: OvmsRequest) => EncodedRequest {
  return (request) => ({
    method: 'GET',
    url: request.baseUrl + (typeof path === 'string' ? path : path(request)),
    headers: { Accept: 'application/json' },
  });
}

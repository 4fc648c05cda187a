import type { RequestSummary } from '../errors/OvmsError.js';
import type { OvmsRequest } from './types.js';

/**
 * The secret-free description of a request that errors and logs carry: no headers (they hold the
 * API key), no body, and the URL without query string.
 */
export function summarize(request: OvmsRequest, method?: string, url?: string): RequestSummary {
  return {
    operation: request.operation,
    ...(method === undefined ? {} : { method }),
    ...(url === undefined ? {} : { url: stripQuery(url) }),
    ...(request.model === undefined ? {} : { model: request.model }),
    ...(request.version === undefined ? {} : { version: request.version }),
    ...(request.requestId === undefined ? {} : { requestId: request.requestId }),
    attempt: request.attempt,
  };
}

function stripQuery(url: string): string {
  const i = url.search(/[?#]/);
  return i === -1 ? url : url.slice(0, i);
}

import type { EncodedRequest, OvmsRequest } from '../../core/types.js';

/** The metrics route; hard-wired in OVMS, query strings ignored, GET only (rest-api.md §6). */
export const METRICS_PATH = '/metrics';

/**
 * The encoder of `GET /metrics`, asking for the Prometheus text format (OVMS answers
 * `text/plain; charset=utf-8` whatever is asked, rest-api.md §1.2).
 *
 * @param request - The routed logical request.
 * @returns The wire request.
 */
export function metricsRequest(request: OvmsRequest): EncodedRequest {
  return { method: 'GET', url: request.baseUrl + METRICS_PATH, headers: { Accept: 'text/plain; version=0.0.4' } };
}

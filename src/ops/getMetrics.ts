import type { ClientConfig } from '../config/ClientConfig.js';
import { execute } from '../core/execute.js';
import type { CallOptions, OvmsResponse } from '../core/types.js';
import { isOvmsErrorReason, OvmsError } from '../errors/OvmsError.js';
import { metricsRequest } from '../protocols/metrics/metricsRequest.js';
import { parsePrometheusText } from '../protocols/metrics/parsePrometheusText.js';
import type { PrometheusFamily } from '../protocols/metrics/PrometheusFamily.js';

/**
 * The server's metrics, parsed. Calls `GET /metrics` (rest-api.md §6): per servable and version,
 * request counters (`ovms_requests_success`/`_fail`), latency histograms in microseconds
 * (`ovms_request_time_us`, `ovms_inference_time_us`, …), gauges (`ovms_streams`,
 * `ovms_current_requests`, …). OVMS has no process, host, device or LLM token metrics.
 *
 * @param config - The client config.
 * @param options - Per-call options.
 * @returns The metric families in the order OVMS wrote them.
 * @throws {OvmsError} `Unsupported` when metrics are off (OVMS answers 400 `Invalid request URL`);
 *   `Decode` for a body that is not the Prometheus text format; `Status`, `Transport`, `Timeout`, `Aborted`.
 * @example
 * ```ts
 * const families = await getMetrics(config);
 * const streams = families.find((f) => f.name === 'ovms_streams')?.samples;
 * ```
 */
export async function getMetrics(config: ClientConfig, options: CallOptions = {}): Promise<PrometheusFamily[]> {
  let response: OvmsResponse;
  try {
    response = await execute(config, { operation: 'getMetrics', idempotent: true, encode: metricsRequest }, options);
  } catch (error) {
    // Disabled metrics leave the route unregistered: 400 `Invalid request URL` (rest-api.md §1.1, §6).
    if (isOvmsErrorReason(error, 'Status') && error.status === 400 && error.serverMessage === 'Invalid request URL') {
      throw new OvmsError(
        { _tag: 'Unsupported' },
        'OVMS serves no metrics: start it with --metrics_enable (and --rest_port), or set "monitoring": {"metrics": {"enable": true}} in config.json',
        { cause: error, ...(error.request === undefined ? {} : { request: error.request }) },
      );
    }
    throw error;
  }
  return parsePrometheusText(new TextDecoder().decode(response.body), { operation: 'getMetrics', url: response.url });
}

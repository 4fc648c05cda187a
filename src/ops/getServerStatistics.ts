import type { ClientConfig } from '../config/ClientConfig.js';
import { sleep } from '../core/sleep.js';
import type { CallOptions } from '../core/types.js';
import { invalidInput } from '../errors/OvmsError.js';
import type { PrometheusFamily } from '../protocols/metrics/PrometheusFamily.js';
import type { ServerStatistics, StatisticsSnapshot } from '../protocols/metrics/ServerStatistics.js';
import { serverStatisticsFrom } from '../protocols/metrics/serverStatisticsFrom.js';
import { getConfigStatus } from './getConfigStatus.js';
import { getMetrics } from './getMetrics.js';
import { getServerMetadata } from './getServerMetadata.js';

/** Options of {@link getServerStatistics}. */
export interface ServerStatisticsOptions extends CallOptions {
  /** The `snapshot` of an earlier result: `requestsPerSecond` is computed since then. */
  readonly previous?: StatisticsSnapshot;
  /**
   * Without `previous`: scrape twice, this many ms apart, to compute `requestsPerSecond` now.
   * Without either, `requestsPerSecond` is undefined.
   */
  readonly rateIntervalMs?: number;
}

// Monotonic, yet comparable across calls of one process: the snapshot's clock.
const clock = (): number => performance.timeOrigin + performance.now();

/**
 * Server statistics from what OVMS really reports (rest-api.md §6, §8: there is no statistics
 * endpoint): `GET /metrics` for requests, failures and the latency histograms, `GET /v2` for the
 * version, `GET /v1/config` for the active models, requested in parallel. Requests per second come
 * from two scrapes: the `previous` snapshot you pass, or two scrapes `rateIntervalMs` apart.
 * Uptime, CPU and memory stay undefined: OVMS does not expose them.
 *
 * @param config - The client config.
 * @param options - Per-call options, `previous`, `rateIntervalMs`.
 * @returns The statistics and the snapshot for the next call.
 * @throws {OvmsError} `Unsupported` when metrics are off (start OVMS with `--metrics_enable`);
 *   `InvalidInput` for a bad `rateIntervalMs`; `Decode`, `Status`, `Transport`, `Timeout`, `Aborted`.
 * @example
 * ```ts
 * const first = await getServerStatistics(config);
 * // … traffic …
 * const stats = await getServerStatistics(config, { previous: first.snapshot });
 * console.log(stats.totalRequests, stats.requestsPerSecond, stats.avgInferenceTimeMs);
 * ```
 */
export async function getServerStatistics(config: ClientConfig, options: ServerStatisticsOptions = {}): Promise<ServerStatistics> {
  const { previous, rateIntervalMs, ...callOptions } = options;
  if (rateIntervalMs !== undefined && (!Number.isFinite(rateIntervalMs) || rateIntervalMs <= 0)) {
    throw invalidInput('rateIntervalMs', `expected a positive number of milliseconds, got ${String(rateIntervalMs)}`);
  }
  const scrape = async (): Promise<{ families: PrometheusFamily[]; at: number }> => {
    const families = await getMetrics(config, callOptions);
    return { families, at: clock() };
  };
  let before: StatisticsSnapshot | undefined = previous;
  if (before === undefined && rateIntervalMs !== undefined) {
    const first = await scrape();
    const stats = serverStatisticsFrom({ ...first, server: { name: '', version: '' }, status: {} });
    before = stats.snapshot;
    await sleep(rateIntervalMs, callOptions.signal);
  }
  const [current, server, status] = await Promise.all([scrape(), getServerMetadata(config, callOptions), getConfigStatus(config, callOptions)]);
  return serverStatisticsFrom({ ...current, server, status, previous: before });
}

import { percentile } from './percentile.js';

/** Latency figures of a set of requests, in ms (`NaN` when there were none). */
export interface LatencySummary {
  readonly count: number;
  readonly avg: number;
  readonly min: number;
  readonly max: number;
  readonly p50: number;
  readonly p90: number;
  readonly p95: number;
  readonly p99: number;
}

/**
 * Mean, extremes and the p50/p90/p95/p99 percentiles (nearest rank) of `latencies`.
 *
 * @param latencies - Request latencies in ms, in any order (not modified).
 * @returns The summary.
 */
export function latencySummary(latencies: readonly number[]): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  const n = sorted.length;
  return {
    count: n,
    avg: n === 0 ? Number.NaN : sorted.reduce((a, b) => a + b, 0) / n,
    min: n === 0 ? Number.NaN : (sorted[0] as number),
    max: n === 0 ? Number.NaN : (sorted[n - 1] as number),
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

/**
 * The `p`-th percentile of ascending `sorted` values by the nearest-rank method: the smallest value
 * with at least `p` % of the values at or below it. It is always a measured value (never an
 * interpolation), as perf_analyzer reports its latency percentiles.
 *
 * @param sorted - Values in ascending order.
 * @param p - Percentile, 0 < p <= 100.
 * @returns The value, or `NaN` for no values.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

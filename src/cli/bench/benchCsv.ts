import type { LevelResult } from './measureLevel.js';

/** The CSV columns, in order. Latencies in ms, throughput in requests per second. */
export const BENCH_CSV_COLUMNS = [
  'concurrency',
  'throughput_rps',
  'p50_ms',
  'p90_ms',
  'p95_ms',
  'p99_ms',
  'avg_ms',
  'min_ms',
  'max_ms',
  'requests',
  'errors',
  'windows',
  'stable',
] as const;

const num = (x: number, digits: number): string => (Number.isFinite(x) ? x.toFixed(digits) : '');

/**
 * One CSV row per concurrency level (RFC 4180, `\n` line ends; no field needs quoting). An empty
 * field stands for a latency that could not be measured (no successful request).
 *
 * @param levels - The levels in the order they ran.
 * @returns The CSV text with a header row.
 */
export function benchCsv(levels: readonly LevelResult[]): string {
  const rows = levels.map((l) =>
    [
      String(l.concurrency),
      num(l.throughput, 2),
      num(l.latencyMs.p50, 3),
      num(l.latencyMs.p90, 3),
      num(l.latencyMs.p95, 3),
      num(l.latencyMs.p99, 3),
      num(l.latencyMs.avg, 3),
      num(l.latencyMs.min, 3),
      num(l.latencyMs.max, 3),
      String(l.requests),
      String(l.errors),
      String(l.windows),
      String(l.stable),
    ].join(','),
  );
  return [BENCH_CSV_COLUMNS.join(','), ...rows].join('\n') + '\n';
}

/** What the stability rule looks at in one measurement window. */
export interface WindowFigures {
  /** Completed requests per second. */
  readonly throughput: number;
  /** Mean latency of the window's successful requests, ms. */
  readonly avgLatencyMs: number;
}

/** The stability rule's parameters. */
export interface StabilityRule {
  /** How many of the latest windows must agree (perf_analyzer: 3). */
  readonly windows: number;
  /** Allowed deviation from their mean, as a fraction (perf_analyzer `--stability-percentage` 10 → 0.1). */
  readonly tolerance: number;
}

/**
 * perf_analyzer's stability rule: the measurement is stable when, in each of the last
 * `rule.windows` windows, throughput and mean latency are both within ±`tolerance` of their mean
 * over those windows (Triton `inference_profiler.cc`, `IsInferWindowStable`/`IsLatencyWindowStable`).
 *
 * @param windows - Every window so far, oldest first.
 * @param rule - Window count and tolerance.
 * @returns False while there are fewer windows than the rule needs, or a figure is not finite.
 */
export function isStable(windows: readonly WindowFigures[], rule: StabilityRule): boolean {
  if (windows.length < rule.windows || rule.windows < 1) return false;
  const last = windows.slice(-rule.windows);
  const within = (values: number[]): boolean => {
    if (!values.every(Number.isFinite)) return false;
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    if (mean === 0) return values.every((x) => x === 0);
    return values.every((x) => Math.abs(x / mean - 1) <= rule.tolerance);
  };
  return within(last.map((w) => w.throughput)) && within(last.map((w) => w.avgLatencyMs));
}

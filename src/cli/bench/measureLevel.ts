import { abortedError } from '../../core/sleep.js';
import { isStable, type StabilityRule, type WindowFigures } from './isStable.js';
import { latencySummary, type LatencySummary } from './latencySummary.js';

/** How long one measurement window lasts: a number of completed requests, or a time. */
export type WindowSize = { readonly requests: number } | { readonly durationMs: number };

/** One closed measurement window. */
export interface WindowResult extends WindowFigures {
  readonly requests: number;
  readonly errors: number;
  readonly durationMs: number;
  readonly latenciesMs: readonly number[];
}

/** The result of one concurrency level, from its last `rule.windows` windows. */
export interface LevelResult {
  readonly concurrency: number;
  /** The stability rule held before `maxWindows` windows were used up. */
  readonly stable: boolean;
  /** Windows measured (warmup excluded). */
  readonly windows: number;
  /** Completed requests in the reported windows, failures included. */
  readonly requests: number;
  readonly errors: number;
  /** Completed requests per second over the reported windows. */
  readonly throughput: number;
  /** Latencies of the successful requests in the reported windows. */
  readonly latencyMs: LatencySummary;
  /** The first failure's message, when there were failures. */
  readonly firstError?: string;
}

/** Options of {@link measureLevel}. */
export interface MeasureLevelOptions {
  readonly concurrency: number;
  /** Sends one request; a rejection counts as an error. */
  readonly send: () => Promise<unknown>;
  readonly window: WindowSize;
  /** Requests completed before measuring; a failure among them aborts the level (the setup is wrong). */
  readonly warmupRequests: number;
  /** Give up on stability after this many windows (perf_analyzer `--max-trials`, 10). */
  readonly maxWindows: number;
  readonly rule: StabilityRule;
  readonly signal?: AbortSignal;
  /** Monotonic clock in ms (default `performance.now`). */
  readonly now?: () => number;
  /** Called after each completion: windows closed so far, and how far the current window is (0..1). */
  readonly onProgress?: (windowsDone: number, windowFraction: number) => void;
}

/**
 * Measures one concurrency level like perf_analyzer: `concurrency` workers each keep one request in
 * flight; after a warmup, completions are cut into windows (by count or by time) until the last
 * `rule.windows` windows are stable or `maxWindows` is reached. Requests still in flight at the end
 * are awaited and not counted.
 *
 * @returns Throughput, latency percentiles and errors over the last `rule.windows` windows.
 * @throws The first warmup failure as it is; an `OvmsError` `Aborted` when `signal` aborts.
 */
export async function measureLevel(options: MeasureLevelOptions): Promise<LevelResult> {
  const { concurrency, send, window, signal } = options;
  const now = options.now ?? (() => performance.now());
  const checkAbort = (): void => {
    if (signal?.aborted) throw abortedError(signal);
  };
  checkAbort();

  let warmupLeft = options.warmupRequests;
  const warmupWorker = async (): Promise<void> => {
    while (warmupLeft > 0 && !signal?.aborted) {
      warmupLeft -= 1;
      try {
        await send();
      } catch (error) {
        warmupLeft = 0; // the other workers stop too
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(0, warmupLeft)) }, warmupWorker));
  checkAbort();

  const windows: WindowResult[] = [];
  let stop = false;
  let windowStart = now();
  let latencies: number[] = [];
  let requests = 0;
  let errors = 0;
  let firstError: string | undefined;
  let wake: (() => void) | undefined;

  const close = (end: number): void => {
    const durationMs = Math.max(end - windowStart, 1e-6);
    const summary = latencySummary(latencies);
    windows.push({ requests, errors, durationMs, latenciesMs: latencies, throughput: (requests * 1000) / durationMs, avgLatencyMs: summary.avg });
    windowStart = end;
    latencies = [];
    requests = 0;
    errors = 0;
    if (isStable(windows, options.rule) || windows.length >= options.maxWindows) {
      stop = true;
      wake?.();
    }
  };
  const progress = (): void => {
    const fraction = 'requests' in window ? requests / window.requests : (now() - windowStart) / window.durationMs;
    options.onProgress?.(windows.length, Math.min(1, Math.max(0, fraction)));
  };

  const worker = async (): Promise<void> => {
    while (!stop && !signal?.aborted) {
      const start = now();
      let ok = true;
      try {
        await send();
      } catch (error) {
        ok = false;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
      const end = now();
      if (stop) return;
      requests += 1;
      if (ok) latencies.push(end - start);
      else errors += 1;
      if ('requests' in window && requests >= window.requests) close(end);
      progress();
    }
  };

  // In time mode a timer, not a completion, ends each window (a window may see no completion at all).
  const timer = async (): Promise<void> => {
    if (!('durationMs' in window)) return;
    while (!stop && !signal?.aborted) {
      const due = windowStart + window.durationMs;
      await new Promise<void>((resolve) => {
        const onAbort = (): void => resolve();
        const t = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, Math.max(0, due - now()));
        wake = () => {
          clearTimeout(t);
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        signal?.addEventListener('abort', onAbort, { once: true });
      });
      wake = undefined;
      if (!stop && !signal?.aborted) close(now());
    }
  };

  await Promise.all([timer(), ...Array.from({ length: concurrency }, worker)]);
  checkAbort();

  const reported = windows.slice(-options.rule.windows);
  const total = reported.reduce((a, w) => a + w.requests, 0);
  const time = reported.reduce((a, w) => a + w.durationMs, 0);
  return {
    concurrency,
    stable: isStable(windows, options.rule),
    windows: windows.length,
    requests: total,
    errors: reported.reduce((a, w) => a + w.errors, 0),
    throughput: time > 0 ? (total * 1000) / time : 0,
    latencyMs: latencySummary(reported.flatMap((w) => w.latenciesMs)),
    ...(firstError === undefined ? {} : { firstError }),
  };
}

import type { Middleware } from '../core/types.js';
import { isOvmsError, type OvmsErrorTag } from '../errors/OvmsError.js';

/** Calls, successes and failures of one operation or one model. */
export interface CallCounts {
  readonly requests: number;
  readonly successes: number;
  readonly failures: number;
}

/**
 * A snapshot of {@link withStats}. `requests - successes - failures` calls are still in flight.
 * Latency runs from the call entering the middleware to its outcome (for a stream: to its headers).
 */
export interface CallStats extends CallCounts {
  /** Failures per `OvmsError` reason tag; `Unknown` for anything else a custom middleware threw. */
  readonly failuresByReason: Readonly<Partial<Record<OvmsErrorTag | 'Unknown', number>>>;
  /** Sum of the latencies of finished calls, in ms. */
  readonly totalLatencyMs: number;
  /** `totalLatencyMs` over finished calls; 0 before the first one. */
  readonly averageLatencyMs: number;
  /** The message of the last failure (messages never hold the API key or a request body). */
  readonly lastError?: string;
  readonly byOperation: Readonly<Record<string, CallCounts>>;
  /** Keyed by model name; calls without a model (server-level operations) are not in here. */
  readonly byModel: Readonly<Record<string, CallCounts>>;
}

/** The middleware of {@link withStats}, with its snapshot and reset. */
export type StatsRecorder = Middleware & {
  /** A fresh, deeply frozen snapshot. */
  readonly stats: () => CallStats;
  /** Forgets everything counted so far; calls in flight when it runs are not counted when they end. */
  readonly reset: () => void;
};

interface Counter {
  requests: number;
  successes: number;
  failures: number;
}

/**
 * Counts calls: the legacy `BaseApiBackend` statistics, as a middleware instance (house style
 * principle 9). Per call, not per attempt: in `createConfig({ middleware: [...] })` it runs
 * outside retry. Put it first among your middleware to also count the calls that
 * `withCircuitBreaker` and `withConcurrencyLimit` reject. The counters live in this instance:
 * configs derived with `withConfig` share them.
 *
 * @param options - `now`: the clock in ms for latencies (default `performance.now`, else `Date.now`).
 * @returns The middleware, with `stats()` and `reset()`.
 * @example
 * ```ts
 * const recorder = withStats();
 * const config = createConfig({ baseUrl: 'http://localhost:8000', middleware: [recorder] });
 * await infer(config, { model: 'dummy', inputs: { b: new Float32Array(10) } });
 * recorder.stats().byModel['dummy']; // { requests: 1, successes: 1, failures: 0 }
 * ```
 */
export function withStats(options: { readonly now?: () => number } = {}): StatsRecorder {
  const now = options.now ?? defaultClock;
  let epoch = 0;
  let total: Counter = counter();
  let failuresByReason = new Map<OvmsErrorTag | 'Unknown', number>();
  let totalLatencyMs = 0;
  let finished = 0;
  let lastError: string | undefined;
  let byOperation = new Map<string, Counter>();
  let byModel = new Map<string, Counter>();

  const middleware: Middleware = (next) => async (request) => {
    const started = now();
    const startedEpoch = epoch;
    const counters = [total, entry(byOperation, request.operation), ...(request.model === undefined ? [] : [entry(byModel, request.model)])];
    for (const c of counters) c.requests++;
    try {
      const response = await next(request);
      if (epoch === startedEpoch) {
        for (const c of counters) c.successes++;
        finished++;
        totalLatencyMs += now() - started;
      }
      return response;
    } catch (error) {
      if (epoch === startedEpoch) {
        for (const c of counters) c.failures++;
        finished++;
        totalLatencyMs += now() - started;
        const tag = isOvmsError(error) ? error.reason._tag : 'Unknown';
        failuresByReason.set(tag, (failuresByReason.get(tag) ?? 0) + 1);
        lastError = error instanceof Error ? error.message : String(error);
      }
      throw error;
    }
  };

  const stats = (): CallStats =>
    Object.freeze({
      ...freezeCounts(total),
      failuresByReason: Object.freeze(Object.fromEntries(failuresByReason)),
      totalLatencyMs,
      averageLatencyMs: finished === 0 ? 0 : totalLatencyMs / finished,
      ...(lastError === undefined ? {} : { lastError }),
      byOperation: freezeMap(byOperation),
      byModel: freezeMap(byModel),
    });

  const reset = (): void => {
    epoch++;
    total = counter();
    failuresByReason = new Map();
    totalLatencyMs = 0;
    finished = 0;
    lastError = undefined;
    byOperation = new Map();
    byModel = new Map();
  };

  return Object.freeze(Object.assign(middleware, { stats, reset }));
}

function defaultClock(): number {
  // Monotonic where it exists (browsers, Node): a wall-clock jump must not produce a negative latency.
  return typeof globalThis.performance?.now === 'function' ? globalThis.performance.now() : Date.now();
}

function counter(): Counter {
  return { requests: 0, successes: 0, failures: 0 };
}

function entry(map: Map<string, Counter>, key: string): Counter {
  let c = map.get(key);
  if (c === undefined) {
    c = counter();
    map.set(key, c);
  }
  return c;
}

function freezeCounts(c: Counter): CallCounts {
  return Object.freeze({ requests: c.requests, successes: c.successes, failures: c.failures });
}

function freezeMap(map: Map<string, Counter>): Readonly<Record<string, CallCounts>> {
  // fromEntries defines own properties, so a model named `__proto__` cannot reach the prototype.
  return Object.freeze(Object.fromEntries(Array.from(map, ([key, c]) => [key, freezeCounts(c)])));
}

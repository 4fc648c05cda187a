import { summarize } from '../core/summarize.js';
import type { Middleware } from '../core/types.js';
import { invalidInput, isOvmsError, isOvmsErrorReason, OvmsError } from '../errors/OvmsError.js';

/** Options of {@link withCircuitBreaker}. */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit (a positive integer). */
  readonly failureThreshold: number;
  /** How long the circuit stays open before one trial call may pass, in ms. */
  readonly resetTimeoutMs: number;
  /** Which errors count as failures; default: `Transport`, `Timeout` and `Status` 5xx. */
  readonly isFailure?: (error: unknown) => boolean;
  /** The clock, in ms; default `Date.now`. Inject one in tests. */
  readonly now?: () => number;
}

/** A snapshot of a breaker. `openedAt` (clock time of the last opening) is set while open or half-open. */
export interface CircuitBreakerState {
  readonly state: 'closed' | 'open' | 'half-open';
  /** Consecutive failures counted so far. */
  readonly failures: number;
  readonly openedAt?: number;
}

/** The middleware of {@link withCircuitBreaker}, with a read-only view of its state. */
export type CircuitBreaker = Middleware & {
  /** A fresh frozen snapshot: `{ state, failures, openedAt? }`; `open` turns into `half-open` once `resetTimeoutMs` has passed. */
  readonly state: () => CircuitBreakerState;
};

/**
 * The default failure test: what says the server (or the way to it) is unwell. `Transport`,
 * `Timeout`, and `Status` 5xx count; a 4xx is the caller's mistake and the proof that the server
 * answers, and a caller's abort (`Aborted`), bad input or the client's own shedding say nothing
 * about the server.
 *
 * @param error - What a call threw.
 * @returns Whether it counts towards opening the circuit.
 */
function isServerFailure(error: unknown): boolean {
  if (!isOvmsError(error)) return false;
  const reason = error.reason;
  return reason._tag === 'Transport' || reason._tag === 'Timeout' || (reason._tag === 'Status' && reason.status >= 500);
}

/**
 * Fails calls fast while the server keeps failing: the legacy `BaseApiBackend` circuit breaker, as
 * a middleware instance (house style principle 9).
 *
 * - **closed**: calls pass; consecutive failures are counted (see `isFailure`). At
 *   `failureThreshold` the circuit opens.
 * - **open**: calls reject at once with `CircuitOpen`, without reaching the server, saying when the
 *   next trial may pass.
 * - **half-open** (once `resetTimeoutMs` has passed): one trial call passes, the others still fail
 *   fast. Its success closes the circuit; its failure opens it again for `resetTimeoutMs`.
 *
 * A call's outcome is a success only when the server answered: a response, or a `Status` error that
 * `isFailure` does not count (a 4xx); a success resets the count. Other errors that `isFailure`
 * does not count (`Aborted`, `InvalidInput`, `Overloaded`, …) change nothing; a trial call ending
 * that way frees the trial for the next call. An outcome that arrives after the circuit changed
 * state (a slow call started while it was closed) is ignored. A stream is judged by its headers:
 * an error written into the stream later is not seen here.
 *
 * Put it in `createConfig({ middleware: [...] })`: it then runs once per call, outside retry, so
 * a call that succeeded after retries counts as one success. Before `withConcurrencyLimit`, so an
 * open circuit does not queue calls. The state lives in this instance: configs derived with
 * `withConfig` share it.
 *
 * @param options - `failureThreshold`, `resetTimeoutMs`, and optionally `isFailure` and `now`.
 * @returns The middleware, with `state()` for statistics.
 * @throws {OvmsError} `InvalidInput` at once for a bad option. Calls reject with `CircuitOpen`
 *   (`failures`, and `retryAfterMs` unless a trial call is in flight) while the circuit is open.
 * @example
 * ```ts
 * const breaker = withCircuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000 });
 * const config = createConfig({ baseUrl: 'http://localhost:8000', middleware: [breaker] });
 * breaker.state(); // { state: 'closed', failures: 0 }
 * ```
 */
export function withCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
  const { failureThreshold, resetTimeoutMs, isFailure = isServerFailure, now = Date.now } = options;
  if (!Number.isInteger(failureThreshold) || failureThreshold < 1) {
    throw invalidInput('failureThreshold', `expected a positive integer, got ${String(failureThreshold)}`);
  }
  if (typeof resetTimeoutMs !== 'number' || !Number.isFinite(resetTimeoutMs) || resetTimeoutMs <= 0) {
    throw invalidInput('resetTimeoutMs', `expected a positive number of milliseconds, got ${String(resetTimeoutMs)}`);
  }

  let phase: 'closed' | 'open' = 'closed';
  let failures = 0;
  let openedAt = 0;
  let trialInFlight = false;
  // Bumped on every change of state, so that a late outcome of an earlier phase is ignored.
  let generation = 0;

  const effective = (): CircuitBreakerState['state'] => (phase === 'closed' ? 'closed' : now() - openedAt >= resetTimeoutMs ? 'half-open' : 'open');

  const open = (): void => {
    phase = 'open';
    openedAt = now();
    trialInFlight = false;
    generation++;
  };
  // In the closed state a success only resets the count: bumping the generation there would make
  // the outcomes of the other calls in flight look stale.
  const succeed = (): void => {
    failures = 0;
    if (phase === 'closed') return;
    phase = 'closed';
    trialInFlight = false;
    generation++;
  };

  const middleware: Middleware = (next) => async (request) => {
    const current = effective();
    if (current === 'open' || (current === 'half-open' && trialInFlight)) {
      const retryAfterMs = current === 'open' ? Math.max(0, openedAt + resetTimeoutMs - now()) : undefined;
      const when = retryAfterMs === undefined ? 'a trial call is in flight' : `next trial in ${retryAfterMs} ms`;
      throw new OvmsError(
        { _tag: 'CircuitOpen', failures, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) },
        `${request.operation}: circuit open after ${failures} consecutive failures; ${when}`,
        { request: summarize(request) },
      );
    }
    const trial = current === 'half-open';
    if (trial) trialInFlight = true;
    const started = generation;
    try {
      const response = await next(request);
      if (generation === started) succeed();
      return response;
    } catch (error) {
      if (generation === started) {
        if (isFailure(error)) {
          failures++;
          if (trial || failures >= failureThreshold) open();
        } else if (isOvmsErrorReason(error, 'Status')) {
          succeed();
        } else if (trial) {
          trialInFlight = false;
        }
      }
      throw error;
    }
  };

  const state = (): CircuitBreakerState => {
    const current = effective();
    return Object.freeze(current === 'closed' ? { state: current, failures } : { state: current, failures, openedAt });
  };
  return Object.freeze(Object.assign(middleware, { state }));
}

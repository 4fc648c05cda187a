import { abortedError } from '../core/sleep.js';
import { summarize } from '../core/summarize.js';
import type { Middleware, OvmsRequest, OvmsResponse } from '../core/types.js';
import { invalidInput, OvmsError } from '../errors/OvmsError.js';

/** Options of {@link withConcurrencyLimit}. */
export interface ConcurrencyLimitOptions {
  /** Most calls in flight at once (a positive integer). */
  readonly maxConcurrent: number;
  /** Most calls waiting for a slot (a non-negative integer); default: unbounded. `0` sheds every call that cannot start at once. */
  readonly maxQueue?: number;
  /** Longest wait for a slot, in ms; default: no bound (the call's signal still ends the wait). */
  readonly queueTimeoutMs?: number;
}

/** A snapshot of a limiter: calls holding a slot, and calls waiting for one. */
export interface ConcurrencyState {
  readonly active: number;
  readonly queued: number;
}

/** The middleware of {@link withConcurrencyLimit}, with a read-only view of its state. */
export type ConcurrencyLimiter = Middleware & {
  /** A fresh frozen snapshot: `{ active, queued }`. */
  readonly state: () => ConcurrencyState;
};

interface Waiter {
  readonly start: () => void;
}

/**
 * Lets at most `maxConcurrent` calls through at once; the others wait in a FIFO queue. The legacy
 * `BaseApiBackend` queue and concurrency limit, as a middleware instance (house style principle 9).
 *
 * Put it in `createConfig({ middleware: [...] })`: user middleware runs once per call, outside
 * retry, so a call keeps its slot across its retries and backoff waits. The state lives in this
 * instance, not in one pipeline: configs derived with `withConfig` share the same limit. With
 * `withCircuitBreaker`, put the breaker first, so an open circuit fails calls without queueing them.
 *
 * A streamed response (`responseType: 'stream'`) keeps its slot until the stream ends, fails, is
 * cancelled, or the request's signal aborts: a generation in progress is load on the server. The
 * library's streaming operations always end one of these ways; a raw `execute` caller must read or
 * cancel the stream.
 *
 * @param options - `maxConcurrent`, and optionally `maxQueue` and `queueTimeoutMs`.
 * @returns The middleware, with `state()` for statistics.
 * @throws {OvmsError} `InvalidInput` at once for a bad option. Calls reject with `Overloaded`
 *   (`kind: 'QueueFull'` at once when the queue is full, `'QueueTimeout'` after `queueTimeoutMs`),
 *   or `Aborted` when their signal aborts while they wait (they never run).
 * @example
 * ```ts
 * const limiter = withConcurrencyLimit({ maxConcurrent: 4, maxQueue: 100, queueTimeoutMs: 30_000 });
 * const config = createConfig({ baseUrl: 'http://localhost:8000', middleware: [limiter] });
 * limiter.state(); // { active: 0, queued: 0 }
 * ```
 */
export function withConcurrencyLimit(options: ConcurrencyLimitOptions): ConcurrencyLimiter {
  const { maxConcurrent, maxQueue = Number.POSITIVE_INFINITY, queueTimeoutMs } = options;
  if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) {
    throw invalidInput('maxConcurrent', `expected a positive integer, got ${String(maxConcurrent)}`);
  }
  if (maxQueue !== Number.POSITIVE_INFINITY && (!Number.isInteger(maxQueue) || maxQueue < 0)) {
    throw invalidInput('maxQueue', `expected a non-negative integer, got ${String(maxQueue)}`);
  }
  if (queueTimeoutMs !== undefined && (typeof queueTimeoutMs !== 'number' || !Number.isFinite(queueTimeoutMs) || queueTimeoutMs <= 0)) {
    throw invalidInput('queueTimeoutMs', `expected a positive number of milliseconds, got ${String(queueTimeoutMs)}`);
  }

  let active = 0;
  const queue: Waiter[] = [];

  // A freed slot goes straight to the oldest waiter, so a newcomer can never overtake the queue.
  const release = (): void => {
    const waiter = queue.shift();
    if (waiter === undefined) active--;
    else waiter.start();
  };

  const acquire = (request: OvmsRequest): Promise<void> => {
    const signal = request.signal;
    if (signal?.aborted) return Promise.reject(abortedError(signal));
    if (active < maxConcurrent && queue.length === 0) {
      active++;
      return Promise.resolve();
    }
    if (queue.length >= maxQueue) {
      return Promise.reject(
        new OvmsError({ _tag: 'Overloaded', kind: 'QueueFull' }, `${request.operation}: ${maxConcurrent} calls in flight and ${queue.length} waiting; the queue is full`, {
          request: summarize(request),
        }),
      );
    }
    return new Promise<void>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const leave = (error: OvmsError): void => {
        const index = queue.indexOf(waiter);
        if (index !== -1) queue.splice(index, 1);
        cleanup();
        reject(error);
      };
      const onAbort = (): void => leave(abortedError(signal as AbortSignal));
      const cleanup = (): void => {
        if (timer !== undefined) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const waiter: Waiter = {
        start: () => {
          cleanup();
          resolve();
        },
      };
      queue.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (queueTimeoutMs !== undefined) {
        timer = setTimeout(() => {
          leave(
            new OvmsError({ _tag: 'Overloaded', kind: 'QueueTimeout' }, `${request.operation}: no free slot within ${queueTimeoutMs} ms (${maxConcurrent} calls in flight)`, {
              request: summarize(request),
            }),
          );
        }, queueTimeoutMs);
      }
    });
  };

  const middleware: Middleware = (next) => async (request) => {
    await acquire(request);
    let response: OvmsResponse;
    try {
      response = await next(request);
    } catch (error) {
      release();
      throw error;
    }
    if (response.stream === undefined) {
      release();
      return response;
    }
    return { ...response, stream: releasingStream(response.stream, once(release), request.signal) };
  };

  const state = (): ConcurrencyState => Object.freeze({ active, queued: queue.length });
  return Object.freeze(Object.assign(middleware, { state }));
}

function once(f: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    f();
  };
}

/** The same bytes, calling `release` once when the stream ends, fails, is cancelled, or `signal` aborts. */
function releasingStream(stream: ReadableStream<Uint8Array>, release: () => void, signal: AbortSignal | undefined): ReadableStream<Uint8Array> {
  const reader = stream.getReader();
  const done = (): void => {
    signal?.removeEventListener('abort', done);
    release();
  };
  if (signal?.aborted) done();
  else signal?.addEventListener('abort', done, { once: true });
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const chunk = await reader.read();
        if (chunk.done) {
          done();
          controller.close();
        } else {
          controller.enqueue(chunk.value);
        }
      } catch (error) {
        done();
        controller.error(error);
      }
    },
    cancel(reason) {
      done();
      return reader.cancel(reason);
    },
  });
}

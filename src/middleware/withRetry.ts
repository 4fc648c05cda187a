import { abortedError, sleep } from '../core/sleep.js';
import { summarize } from '../core/summarize.js';
import type { Logger, Middleware } from '../core/types.js';
import { retryDecision } from '../errors/retryDecision.js';

/**
 * Retries failed attempts as {@link retryDecision} says, waiting between them; every attempt runs
 * the rest of the chain again (auth, timeout, transport), so each gets fresh headers and a fresh
 * timer. An abort during a wait rejects at once with `Aborted`.
 */
export function withRetry(options: { readonly logger?: Logger | undefined; readonly random?: () => number } = {}): Middleware {
  const random = options.random ?? Math.random;
  return (next) => async (request) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await next(attempt === request.attempt ? request : { ...request, attempt });
      } catch (error) {
        if (request.signal?.aborted) throw abortedError(request.signal);
        const decision = retryDecision(error, attempt, request.retry, request.idempotent, random);
        if (!decision.retry) throw error;
        options.logger?.debug?.('ovms: retrying', { ...summarize({ ...request, attempt }), delayMs: decision.delayMs, error: (error as Error).message });
        await sleep(decision.delayMs, request.signal);
      }
    }
  };
}

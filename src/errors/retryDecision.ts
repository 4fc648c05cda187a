import type { RetryPolicy } from '../core/types.js';
import { isOvmsError } from './OvmsError.js';

/** Whether to try again, and after how long. */
export type RetryDecision = { readonly retry: false } | { readonly retry: true; readonly delayMs: number };

/** Statuses worth another attempt (RFC 9110 semantics, as openai-node and tritonclient retry them). */
const RETRYABLE_STATUS: ReadonlySet<number> = /*#__PURE__*/ new Set([408, 429, 500, 502, 503, 504]);

/**
 * OVMS answers these permanent client errors with 500 (rest-api.md §1.3, status map: unmapped
 * codes become 500). Retrying them only repeats the failure.
 */
const PERMANENT_500_PREFIXES: readonly string[] = [
  'Unauthorized request due to invalid or missing api-key',
  'JSON nesting depth exceeds the allowed limit',
  'Inference-Header-Content-Length header is invalid',
  'Inference-Header-Content-Length header exceeds actual payload length',
  'Request contains values both in binary data and in content value',
  'Model not found',
  // Config API (rest-api.md §3): a broken or missing config.json stays broken until someone edits it.
  'Reloading config file failed',
  'Config file not found or cannot open',
];

/** Network codes for which a new attempt cannot help (the name will not resolve a second later). */
const PERMANENT_NETWORK_CODES: ReadonlySet<string> = /*#__PURE__*/ new Set(['ENOTFOUND', 'ERR_INVALID_URL', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_HAS_EXPIRED']);

/**
 * Decides whether a failed attempt is retried. Pure: the clock and the random source come in as
 * arguments.
 *
 * Retried, for idempotent requests only: network errors (except an unresolvable host), timeouts,
 * and 408/429/500/502/503/504, except the 500s OVMS uses for permanent errors. `Retry-After` is
 * honoured up to `maxRetryAfterMs`; otherwise capped exponential backoff with jitter.
 * `Mediapipe is not loaded yet` (an LLM still loading) is a retryable 500.
 *
 * @param error - What the attempt threw.
 * @param attempt - The attempt that failed (1 = first try).
 * @param policy - The retry policy, or `false`.
 * @param idempotent - Whether the request may be sent again.
 * @param random - A source of uniform numbers in [0, 1).
 */
export function retryDecision(
  error: unknown,
  attempt: number,
  policy: RetryPolicy | false,
  idempotent: boolean,
  random: () => number = Math.random,
): RetryDecision {
  if (policy === false || !idempotent || attempt > policy.maxRetries) return { retry: false };
  if (!isOvmsError(error)) return { retry: false };
  const reason = error.reason;
  switch (reason._tag) {
    case 'Transport':
      if (error.code !== undefined && PERMANENT_NETWORK_CODES.has(error.code)) return { retry: false };
      return { retry: true, delayMs: backoff(attempt, policy, random) };
    case 'Timeout':
      return { retry: true, delayMs: backoff(attempt, policy, random) };
    case 'Status': {
      if (!RETRYABLE_STATUS.has(reason.status)) return { retry: false };
      const text = reason.serverMessage ?? '';
      if (reason.status === 500 && PERMANENT_500_PREFIXES.some((p) => text.startsWith(p))) return { retry: false };
      if (reason.retryAfterMs !== undefined) return { retry: true, delayMs: Math.min(reason.retryAfterMs, policy.maxRetryAfterMs) };
      return { retry: true, delayMs: backoff(attempt, policy, random) };
    }
    default:
      return { retry: false };
  }
}

function backoff(attempt: number, policy: RetryPolicy, random: () => number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(exponential * (1 - policy.jitter * random()));
}

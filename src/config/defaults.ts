import type { RetryPolicy } from '../core/types.js';

/** Default base URL, the one the seed document uses. */
export const DEFAULT_BASE_URL = 'http://localhost:9000';

/** Default per-attempt timeout (ms). */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Default response size limit: large enough for any realistic tensor, small enough to stop a runaway server. */
export const DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

/**
 * Default retry policy: two retries, 200 ms then 400 ms (minus up to 25 % jitter), and at most
 * 30 s of waiting when the server sends `Retry-After`. The same shape as openai-node's policy.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = /*#__PURE__*/ Object.freeze({
  maxRetries: 2,
  baseDelayMs: 200,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
  jitter: 0.25,
});

/** Default OpenAI-style prefix: `/v3` is served by OVMS 2024.2+, `/v1` only by 2026.3+ (rest-api.md §0, §5.1). */
export const DEFAULT_OPENAI_BASE_PATH = '/v3';

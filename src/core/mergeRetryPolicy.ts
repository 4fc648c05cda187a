import { DEFAULT_RETRY_POLICY } from '../config/defaults.js';
import type { RetryPolicy } from './types.js';

/**
 * A full retry policy from a base and a partial override; an override field that is `undefined`
 * keeps the base value, `false` disables retrying, and a base of `false` starts from the defaults.
 */
export function mergeRetryPolicy(base: RetryPolicy | false, override: { readonly [K in keyof RetryPolicy]?: number | undefined } | false | undefined): RetryPolicy | false {
  if (override === undefined) return base;
  if (override === false) return false;
  const merged: Record<string, number> = { ...(base === false ? DEFAULT_RETRY_POLICY : base) };
  for (const [key, value] of Object.entries(override)) if (value !== undefined) merged[key] = value;
  return merged as unknown as RetryPolicy;
}

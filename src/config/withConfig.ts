import type { ClientConfig, ClientConfigInput } from './ClientConfig.js';
import { createConfig } from './createConfig.js';

/**
 * Returns a new config with `patch` applied; `base` is left untouched. Caches keyed by the config
 * (metadata, composed pipeline) start empty for the new value.
 *
 * @throws {OvmsError} `InvalidInput` when the patched config is invalid.
 * @example
 * ```ts
 * const slow = withConfig(config, { timeout: 120_000 });
 * ```
 */
export function withConfig(base: ClientConfig, patch: ClientConfigInput): ClientConfig {
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(base)) if (value !== undefined) input[key] = value;
  for (const [key, value] of Object.entries(patch)) input[key] = value;
  return createConfig(input as ClientConfigInput);
}

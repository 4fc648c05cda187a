import type { ClientConfig } from '../config/ClientConfig.js';
import type { ServerApi } from './ServerApi.js';

/**
 * What `detectServerApi` found, per config. Keyed by the frozen config object (house style
 * principle 6), so `withConfig` (another base URL) starts afresh and a dropped config frees its
 * entry. Entries are promises, so concurrent first calls share one request.
 */
const caches = new WeakMap<ClientConfig, Promise<ServerApi>>();

/**
 * Returns the cached answer, or runs `load` and caches it; a failed load is not cached.
 *
 * @param config - The config the answer belongs to.
 * @param load - Asks the server.
 * @param refresh - Ask again even when an answer is cached.
 * @returns The server's APIs.
 */
export function cachedServerApi(config: ClientConfig, load: () => Promise<ServerApi>, refresh = false): Promise<ServerApi> {
  const hit = refresh ? undefined : caches.get(config);
  if (hit !== undefined) return hit;
  const entry = load();
  caches.set(config, entry);
  entry.catch(() => {
    if (caches.get(config) === entry) caches.delete(config);
  });
  return entry;
}

/**
 * Forgets what was detected for a config (e.g. after the server behind it was upgraded).
 *
 * @param config - The config.
 */
export function forgetServerApi(config: ClientConfig): void {
  caches.delete(config);
}

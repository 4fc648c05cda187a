import type { ClientConfig } from '../config/ClientConfig.js';
import { cachedPromise } from '../core/cachedPromise.js';
import type { ServerApi } from './ServerApi.js';

/**
 * What `detectServerApi` found, per config. Keyed by the frozen config object (house style
 * principle 6), so `withConfig` (another base URL) starts afresh and a dropped config frees its
 * entry. Entries are promises, so concurrent first calls share one request.
 */
const caches = new WeakMap<ClientConfig, Map<string, Promise<ServerApi>>>();

/**
 * Returns the cached answer, or runs `load` and caches it; a failed load is not cached.
 *
 * @param config - The config the answer belongs to.
 * @param load - Asks the server.
 * @param refresh - Ask again even when an answer is cached.
 * @param baseUrl - The server asked (default: the config's).
 * @returns The server's APIs.
 */
export function cachedServerApi(config: ClientConfig, load: () => Promise<ServerApi>, refresh = false, baseUrl: string = config.baseUrl): Promise<ServerApi> {
  // Per server too: a call may address another server than the config's (CallOptions.baseUrl).
  let byServer = caches.get(config);
  if (byServer === undefined) {
    byServer = new Map();
    caches.set(config, byServer);
  }
  return cachedPromise(byServer, baseUrl, load, refresh);
}

/**
 * Forgets what was detected for a config (e.g. after the server behind it was upgraded).
 *
 * @param config - The config.
 */
export function forgetServerApi(config: ClientConfig): void {
  caches.delete(config);
}

import type { ClientConfig } from '../../config/ClientConfig.js';
import { cachedPromise } from '../../core/cachedPromise.js';
import type { ModelMetadata } from './kserveSchemas.js';

/**
 * Model metadata per config, model and version. Keyed by the frozen config object (house style
 * principle 6), so `withConfig` starts a fresh cache and a dropped config frees its entries.
 * Entries are promises, so concurrent first calls share one request.
 */
const caches = new WeakMap<ClientConfig, Map<string, Promise<ModelMetadata>>>();

// Model first, so that invalidating a model is a prefix match; the server last, since a call may
// address another server than the config's (CallOptions.baseUrl).
function keyOf(model: string, version: string | undefined, baseUrl: string): string {
  return `${model}\u0000${version ?? ''}\u0000${baseUrl}`;
}

/** Returns the cached metadata, or loads it with `load` and caches it; a failed load is not cached. */
export function cachedMetadata(
  config: ClientConfig,
  model: string,
  version: string | undefined,
  load: () => Promise<ModelMetadata>,
  baseUrl: string = config.baseUrl,
): Promise<ModelMetadata> {
  let cache = caches.get(config);
  if (cache === undefined) {
    cache = new Map();
    caches.set(config, cache);
  }
  return cachedPromise(cache, keyOf(model, version, baseUrl), load);
}

/**
 * Forgets a model's metadata (all its versions when `version` is undefined): called when the server
 * answers 404 for it, since the model was unloaded or changed.
 */
export function invalidateMetadata(config: ClientConfig, model: string, version?: string): void {
  const cache = caches.get(config);
  if (cache === undefined) return;
  const prefix = version === undefined ? `${model}\u0000` : `${model}\u0000${version}\u0000`;
  for (const key of [...cache.keys()]) if (key.startsWith(prefix)) cache.delete(key);
}

/**
 * Forgets all metadata cached for a config: after `POST /v1/config/reload` any model may have
 * changed (shape, batch, versions), so none of it can be trusted.
 */
export function invalidateAllMetadata(config: ClientConfig): void {
  caches.delete(config);
}

/**
 * Returns the promise cached under `key`, or starts `load` and caches its promise, so concurrent
 * first callers share one request. A load that fails is removed again (only if it is still the
 * entry), so the next caller retries instead of receiving the old failure forever.
 */
export function cachedPromise<K, V>(cache: Map<K, Promise<V>>, key: K, load: () => Promise<V>, refresh = false): Promise<V> {
  const hit = refresh ? undefined : cache.get(key);
  if (hit !== undefined) return hit;
  const entry = load();
  cache.set(key, entry);
  entry.catch(() => {
    if (cache.get(key) === entry) cache.delete(key);
  });
  return entry;
}

/**
 * Where the server's config.json lives, for the management operations. OVMS has no runtime API
 * for batch size, hints, streams, precision or quantization (rest-api.md §7.2): the real
 * mechanism is to edit config.json and reload. A store hides where the file is (a local file, a
 * ConfigMap, an object in a bucket) behind two calls with compare-and-swap semantics.
 */

/** What {@link ConfigStore.read} returns: the text and an opaque version of it. */
export interface ConfigSnapshot {
  /** The whole config.json text. */
  readonly text: string;
  /** Changes whenever the content changes (e.g. a content hash); compared by `write`. */
  readonly version: string;
}

/**
 * A config.json store with compare-and-swap writes.
 *
 * @example
 * ```ts
 * const { text, version } = await store.read();
 * await store.write(edit(text), version); // rejects if someone else changed the file meanwhile
 * ```
 */
export interface ConfigStore {
  /** Reads the current text and its version. Rejects with `OvmsError` when it cannot. */
  read(): Promise<ConfigSnapshot>;
  /**
   * Replaces the text, only if the stored version is still `expectedVersion`.
   * Rejects with `OvmsError` `Status` 409 (`code` `ECONFLICT`) when the file changed since that
   * read, and with `OvmsError` `Transport` when it cannot be written; on any failure the old
   * content stays in place.
   */
  write(text: string, expectedVersion: string): Promise<void>;
}

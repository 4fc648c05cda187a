import type { ConfigSnapshot, ConfigStore } from './ConfigStore.js';
import { configConflict } from './configConflict.js';

/**
 * A config store held in memory (tests, or a caller that persists the text itself). Its version
 * is a counter that every write bumps. Works in any runtime.
 *
 * @param initialText - The starting config.json text.
 * @returns A store; `read` never fails, `write` fails with the conflict error on a stale version.
 * @throws never at creation.
 * @example
 * ```ts
 * const store = memoryConfigStore('{"model_config_list":[]}');
 * const { text, version } = await store.read();
 * ```
 */
export function memoryConfigStore(initialText: string): ConfigStore & { readonly text: string } {
  let text = initialText;
  let version = 0;
  return {
    get text() {
      return text;
    },
    read(): Promise<ConfigSnapshot> {
      return Promise.resolve({ text, version: String(version) });
    },
    write(next: string, expectedVersion: string): Promise<void> {
      if (expectedVersion !== String(version)) return Promise.reject(configConflict('memory'));
      text = next;
      version += 1;
      return Promise.resolve();
    },
  };
}

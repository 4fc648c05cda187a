import type { ModelConfigChange } from './ModelConfigChange.js';

/**
 * Applies a {@link ModelConfigChange} to a model's `config` object. Pure: returns a new object and
 * keeps the key order of the original (new keys go last), so the rewritten file diffs cleanly.
 * An emptied `plugin_config` is removed. Validation is the caller's (against `ConfigFileSchema`).
 *
 * @param current - The model's current `config` object.
 * @param patch - The change.
 * @returns The patched `config` object.
 */
export function applyModelConfigPatch(current: Readonly<Record<string, unknown>>, patch: ModelConfigChange): Record<string, unknown> {
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch) as [string, unknown][]) {
    if (value === undefined) continue;
    if (value === null) {
      delete next[key];
    } else if (key === 'plugin_config' && isRecord(value)) {
      const merged: Record<string, unknown> = isRecord(next.plugin_config) ? { ...next.plugin_config } : {};
      for (const [property, v] of Object.entries(value)) {
        if (v === null) delete merged[property];
        else if (v !== undefined) Object.defineProperty(merged, property, { value: v, enumerable: true, writable: true, configurable: true });
      }
      if (Object.keys(merged).length === 0) delete next.plugin_config;
      else next.plugin_config = merged;
    } else {
      Object.defineProperty(next, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  return next;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

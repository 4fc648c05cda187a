import type { ModelConfigChange } from './ModelConfigChange.js';

/**
 * Combines patches into one that has the effect of applying them in order: later keys win, and
 * `plugin_config` entries merge key by key (a later `null` still removes).
 *
 * @param patches - The patches, first applied first.
 * @returns One patch.
 */
export function mergeModelConfigPatches(...patches: readonly ModelConfigChange[]): ModelConfigChange {
  let out: Record<string, unknown> = {};
  for (const patch of patches) {
    for (const [key, value] of Object.entries(patch) as [string, unknown][]) {
      if (value === undefined) continue;
      if (key === 'plugin_config' && value !== null && typeof out.plugin_config === 'object' && out.plugin_config !== null) {
        out = { ...out, plugin_config: { ...(out.plugin_config as Record<string, unknown>), ...(value as Record<string, unknown>) } };
      } else {
        out = { ...out, [key]: value };
      }
    }
  }
  return out as ModelConfigChange;
}

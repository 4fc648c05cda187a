import type { ModelConfig, ModelVersionPolicy } from './configFileSchema.js';

/**
 * A change to one model's `config` object in config.json, in JSON Merge Patch style (RFC 7396):
 * a key set to a value replaces it, a key set to `null` removes it, an absent key stays as it is.
 * `plugin_config` is merged key by key (so a patch can set `PERFORMANCE_HINT` without dropping
 * other properties); every other value, objects included (`shape`, `model_version_policy`), is
 * replaced whole, because merging two version policies would make an invalid one. `name` cannot
 * be patched (it is how the entry is found).
 */
export interface ModelConfigChange {
  readonly base_path?: string | null;
  readonly batch_size?: number | string | null;
  readonly shape?: string | Readonly<Record<string, string>> | null;
  readonly layout?: string | Readonly<Record<string, string>> | null;
  readonly model_version_policy?: ModelVersionPolicy | null;
  readonly nireq?: number | null;
  readonly target_device?: string | null;
  /** OpenVINO properties; a `null` value removes that property. */
  readonly plugin_config?: Readonly<Record<string, string | number | boolean | null>> | null;
  readonly allow_cache?: boolean | null;
  readonly custom_loader_options?: ModelConfig['custom_loader_options'] | null;
  readonly graph_path?: string | null;
  readonly subconfig?: string | null;
}

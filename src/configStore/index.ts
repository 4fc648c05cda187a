/**
 * `ipfs_accelerate_js/config-store`: config.json stores for the management operations
 * (`updateModelConfig`). Node-only because of {@link fileConfigStore}; the browser-facing entries
 * import only the `ConfigStore` type.
 */
export type { ConfigSnapshot, ConfigStore } from './ConfigStore.js';
export { fileConfigStore, type FileConfigStoreOptions, type FileStoreFs } from './fileConfigStore.js';
export { memoryConfigStore } from './memoryConfigStore.js';
export { CONFIG_CONFLICT_CODE, configConflict, isConfigConflict } from './configConflict.js';

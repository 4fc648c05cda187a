/**
 * The facade's link to the Node-only file store, loaded lazily by `OVMS` when `ovms_config_path`
 * is set. package.json's `browser` field maps this file (not the file store itself, which the
 * Node-only `config-store` entry exports) to an empty module, so a browser bundle of
 * `api_backends` reaches no `node:fs`, `node:crypto` or `node:path`, not even in a lazy chunk.
 */
export { fileConfigStore } from '../configStore/fileConfigStore.js';

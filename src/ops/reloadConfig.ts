import type { ClientConfig } from '../config/ClientConfig.js';
import { execute } from '../core/execute.js';
import { parseJsonBody } from '../core/parseJsonBody.js';
import type { CallOptions } from '../core/types.js';
import { configPostRequest } from '../protocols/config/configPostRequest.js';
import { CONFIG_RELOAD_PATH } from '../protocols/config/configPaths.js';
import { ConfigStatusSchema, type ConfigStatus } from '../protocols/config/configStatusSchema.js';
import { invalidateAllMetadata } from '../protocols/kserve/metadataCache.js';

/**
 * Makes OVMS re-read its config.json and rescan the model version folders now, instead of at its
 * next file poll. Calls `POST /v1/config/reload` (rest-api.md §3, §7.2). Success is 200 or 201
 * (Drogon builds answer 200 even when something was reloaded; old builds and the docs say 201),
 * so the status cannot tell whether anything changed. An invalid file applies nothing.
 *
 * The call is treated as idempotent, so it is retried like a GET: a reload brings the server to
 * the state the file describes, and a second one finds nothing new (`OK_NOT_RELOADED`). Sending it
 * twice after a lost answer has the effect of sending it once.
 *
 * The reload is synchronous in OVMS, but a version may still be `LOADING` in the answer (a large
 * model); use `waitForModelAvailable` to wait for it.
 *
 * @param config - The client config.
 * @param options - Per-call options.
 * @returns The status map after the reload, as `getConfigStatus` returns it.
 * @throws {OvmsError} `Status` with the config API's text: 500 `Config file not found or cannot
 *   open.`, 400/412/500 `Reloading config file failed. Check server logs for more info.` (invalid
 *   file, missing `base_path`, a model that does not compile); `Decode`, `Transport`, `Timeout`, `Aborted`.
 * @example
 * ```ts
 * const status = await reloadConfig(config);
 * ```
 */
export async function reloadConfig(config: ClientConfig, options: CallOptions = {}): Promise<ConfigStatus> {
  const response = await execute(config, { operation: 'reloadConfig', idempotent: true, encode: configPostRequest(CONFIG_RELOAD_PATH) }, options);
  // Any model may have changed shape, batch or versions: metadata cached for validation is stale.
  invalidateAllMetadata(config);
  return parseJsonBody(response.body, ConfigStatusSchema, 'reloadConfig', { operation: 'reloadConfig', url: response.url });
}

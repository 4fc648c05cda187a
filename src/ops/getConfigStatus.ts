import type { ClientConfig } from '../config/ClientConfig.js';
import { execute } from '../core/execute.js';
import { parseJsonBody } from '../core/parseJsonBody.js';
import type { CallOptions } from '../core/types.js';
import { CONFIG_STATUS_PATH } from '../protocols/config/configPaths.js';
import { ConfigStatusSchema, type ConfigStatus } from '../protocols/config/configStatusSchema.js';
import { getRequest } from '../protocols/kserve/getRequest.js';

/**
 * The state of every version of every servable. Calls `GET /v1/config` (rest-api.md §3): models,
 * DAGs and MediaPipe graphs keyed by name, each with its `model_version_status` (`START`,
 * `LOADING`, `AVAILABLE`, `UNLOADING`, `END` and the load error, if any). Retired servables stay
 * listed with `END`.
 *
 * @param config - The client config.
 * @param options - Per-call options.
 * @returns The status map (`{}` when nothing is served).
 * @throws {OvmsError} `Status` with the config API's error text (e.g. 500 `Retrieving all model
 *   statuses failed.`); `Decode`, `Transport`, `Timeout`, `Aborted`.
 * @example
 * ```ts
 * const status = await getConfigStatus(config);
 * status.dummy?.model_version_status[0]?.state; // 'AVAILABLE'
 * ```
 */
export async function getConfigStatus(config: ClientConfig, options: CallOptions = {}): Promise<ConfigStatus> {
  const response = await execute(config, { operation: 'getConfigStatus', idempotent: true, encode: getRequest(CONFIG_STATUS_PATH) }, options);
  return parseJsonBody(response.body, ConfigStatusSchema, 'getConfigStatus', { operation: 'getConfigStatus', url: response.url });
}

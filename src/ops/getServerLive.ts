import type { ClientConfig } from '../config/ClientConfig.js';
import { execute } from '../core/execute.js';
import type { CallOptions } from '../core/types.js';
import { isOvmsErrorReason } from '../errors/OvmsError.js';
import { getRequest } from '../protocols/kserve/getRequest.js';
import { KSERVE_LIVE_PATH } from '../protocols/kserve/kservePaths.js';

/**
 * Whether the server is live. Calls `GET /v2/health/live` (rest-api.md §4.1). A health probe should
 * answer now, so it is not retried unless `options.retry` asks for it.
 *
 * @returns true on 200, false when the server answers with an error status.
 * @throws {OvmsError} `Transport`, `Timeout` or `Aborted` when no answer came.
 * @example
 * ```ts
 * if (!(await getServerLive(config))) console.error('OVMS is not live');
 * ```
 */
export async function getServerLive(config: ClientConfig, options: CallOptions = {}): Promise<boolean> {
  try {
    await execute(config, { operation: 'getServerLive', idempotent: true, encode: getRequest(KSERVE_LIVE_PATH) }, { retry: false, ...options });
    return true;
  } catch (error) {
    if (isOvmsErrorReason(error, 'Status')) return false;
    throw error;
  }
}

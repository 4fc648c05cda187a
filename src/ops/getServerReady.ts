import type { ClientConfig } from '../config/ClientConfig.js';
import { execute } from '../core/execute.js';
import type { CallOptions } from '../core/types.js';
import { isOvmsErrorReason } from '../errors/OvmsError.js';
import { getRequest } from '../protocols/kserve/getRequest.js';
import { KSERVE_READY_PATH } from '../protocols/kserve/kservePaths.js';

/**
 * Whether the server is ready (all servables initialised). Calls `GET /v2/health/ready` (rest-api.md §4.1). A health probe should
 * answer now, so it is not retried unless `options.retry` asks for it.
 *
 * @returns true on 200, false when the server answers with an error status (OVMS: 503 `Server is not ready`).
 * @throws {OvmsError} `Transport`, `Timeout` or `Aborted` when no answer came.
 * @example
 * ```ts
 * if (!(await getServerReady(config))) console.error('OVMS is not ready');
 * ```
 */
export async function getServerReady(config: ClientConfig, options: CallOptions = {}): Promise<boolean> {
  try {
    await execute(config, { operation: 'getServerReady', idempotent: true, encode: getRequest(KSERVE_READY_PATH) }, { retry: false, ...options });
    return true;
  } catch (error) {
    if (isOvmsErrorReason(error, 'Status')) return false;
    throw error;
  }
}

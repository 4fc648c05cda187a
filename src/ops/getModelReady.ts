import type { ClientConfig } from '../config/ClientConfig.js';
import { execute } from '../core/execute.js';
import { resolveModel, versionAsGiven } from '../core/resolveTarget.js';
import type { CallOptions } from '../core/types.js';
import { isOvmsErrorReason } from '../errors/OvmsError.js';
import { getRequest } from '../protocols/kserve/getRequest.js';
import { kserveModelPath } from '../protocols/kserve/kservePaths.js';
import type { ModelTarget } from './ModelTarget.js';

/** OVMS reports every not-ready state of a known version with these 404 texts (rest-api.md §4.1). */
const NOT_READY = /not loaded yet|is retired|Server is not ready/;

/**
 * Whether a model version is ready for inference. Calls `GET /v2/models/{m}[/versions/{v}]/ready`.
 * OVMS answers a loading, failed or retired version with 404 `Model with requested version is not
 * loaded yet`; that is `false`. An unknown model or version is an error, not `false`, so a typo
 * does not look like a model that is still loading. Not retried unless `options.retry` says so.
 *
 * @returns true on 200; false for a known version that is not ready.
 * @throws {OvmsError} `Status` 404 for an unknown name or version; `InvalidInput`, `Transport`, `Timeout`, `Aborted`.
 * @example
 * ```ts
 * await getModelReady(config, { model: 'resnet', version: 2 });
 * ```
 */
export async function getModelReady(config: ClientConfig, target: ModelTarget = {}, options: CallOptions = {}): Promise<boolean> {
  const model = resolveModel(config, target.model);
  try {
    await execute(
      config,
      { operation: 'getModelReady', idempotent: true, model, version: versionAsGiven(target.version), encode: getRequest((r) => kserveModelPath(r.model ?? model, r.version, 'ready')) },
      { retry: false, ...options },
    );
    return true;
  } catch (error) {
    if (isOvmsErrorReason(error, 'Status') && (error.status === 503 || (error.status === 404 && NOT_READY.test(error.serverMessage ?? '')))) return false;
    throw error;
  }
}

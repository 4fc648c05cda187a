import type { ClientConfig } from '../config/ClientConfig.js';
import { parseJsonBody } from '../core/parseJsonBody.js';
import { execute } from '../core/execute.js';
import { resolveModel, resolveVersion, versionAsGiven } from '../core/resolveTarget.js';
import type { CallOptions } from '../core/types.js';
import { isOvmsErrorReason } from '../errors/OvmsError.js';
import { getRequest } from '../protocols/kserve/getRequest.js';
import { kserveModelPath } from '../protocols/kserve/kservePaths.js';
import { ModelMetadataSchema, type ModelMetadata } from '../protocols/kserve/kserveSchemas.js';
import { invalidateMetadata } from '../protocols/kserve/metadataCache.js';
import type { ModelTarget } from './ModelTarget.js';

/**
 * A model's metadata with the shapes and datatypes of its inputs and outputs. Calls
 * `GET /v2/models/{m}[/versions/{v}]` (rest-api.md §4.2): `-1` marks a dynamic dimension, `[]` a
 * scalar, and `versions` lists only the version that answered (the highest available by default).
 * Always asks the server; `infer` keeps its own cache of this answer, which a 404 here clears.
 *
 * @throws {OvmsError} `Status` 404 for an unknown name or version; `InvalidInput`, `Transport`, `Timeout`, `Aborted`, `Decode`.
 * @example
 * ```ts
 * const meta = await getModelMetadataWithShapes(config, { model: 'dummy' });
 * meta.inputs[0]; // { name: 'b', datatype: 'FP32', shape: [1, 10] }
 * ```
 */
export async function getModelMetadataWithShapes(config: ClientConfig, target: ModelTarget = {}, options: CallOptions = {}): Promise<ModelMetadata> {
  const model = resolveModel(config, target.model);
  const version = resolveVersion(config, model, target.version);
  try {
    const response = await execute(
      config,
      { operation: 'getModelMetadataWithShapes', idempotent: true, model, version: versionAsGiven(target.version), encode: getRequest((r) => kserveModelPath(r.model ?? model, r.version)) },
      options,
    );
    return parseJsonBody(response.body, ModelMetadataSchema, 'getModelMetadataWithShapes', { operation: 'getModelMetadataWithShapes', url: response.url, model });
  } catch (error) {
    if (isOvmsErrorReason(error, 'Status') && error.status === 404) invalidateMetadata(config, model, version);
    throw error;
  }
}

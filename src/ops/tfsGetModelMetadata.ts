import type { ClientConfig } from '../config/ClientConfig.js';
import { execute } from '../core/execute.js';
import { optional } from '../core/optional.js';
import { resolveModel, resolveVersion, versionAsGiven } from '../core/resolveTarget.js';
import type { CallOptions } from '../core/types.js';
import type { RequestSummary } from '../errors/OvmsError.js';
import { getRequest } from '../protocols/kserve/getRequest.js';
import { decodeTfsModelMetadata } from '../protocols/tfs/decodeTfsModelMetadata.js';
import type { TfsModelMetadata } from '../protocols/tfs/TfsModelMetadata.js';
import { tfsModelPath } from '../protocols/tfs/tfsPaths.js';
import { removedTfsAnswer, tfsRemovedError } from '../protocols/tfs/tfsRemovedError.js';
import type { ModelTarget } from './ModelTarget.js';

/**
 * A model's signature through the TensorFlow-Serving API of OVMS <= 2026.2. Calls
 * `GET /v1/models/{m}[/versions/{v}]/metadata` (rest-api.md §2, fixture F04) and returns the
 * `serving_default` signature with `DT_…` dtypes and dimension sizes as numbers (`-1` dynamic,
 * `[]` scalar). `tfsMetadataToModelMetadata` turns it into the KServe `ModelMetadata` shape. On
 * OVMS >= 2026.3 the path answers 500 `Model not found` (§8, fixture F94): reported as
 * `Unsupported`. For new code, prefer `getModelMetadataWithShapes`.
 *
 * @param config - From `createConfig`.
 * @param target - Model (default: the config's) and version (default: the server's default).
 * @param options - Signal, timeout, retry, headers, request id.
 * @returns `{ name, version, signatureName, methodName, inputs: [{ name, tensorName, dtype, shape, unknownRank }], outputs }`.
 * @throws {OvmsError} `Status` 404 for an unknown name or version; `Unsupported` on OVMS >= 2026.3;
 *   `InvalidInput` (no model, a name with `:` or `/`, a bad version); `Transport`, `Timeout`, `Aborted`, `Decode`.
 * @example
 * ```ts
 * const meta = await tfsGetModelMetadata(config, { model: 'dummy' });
 * meta.inputs[0]; // { name: 'b', tensorName: 'b', dtype: 'DT_FLOAT', shape: [1, 10], unknownRank: false }
 * ```
 */
export async function tfsGetModelMetadata(config: ClientConfig, target: ModelTarget = {}, options: CallOptions = {}): Promise<TfsModelMetadata> {
  const operation = 'tfsGetModelMetadata';
  const model = resolveModel(config, target.model);
  const version = resolveVersion(config, model, target.version);
  tfsModelPath(model, version, 'metadata');
  const summary: RequestSummary = { operation, model, ...optional('version', version) };
  try {
    const response = await execute(
      config,
      { operation, idempotent: true, model, version: versionAsGiven(target.version), encode: getRequest((r) => tfsModelPath(r.model ?? model, r.version, 'metadata')) },
      options,
    );
    return decodeTfsModelMetadata(response.body, { ...summary, url: response.url });
  } catch (error) {
    const answer = removedTfsAnswer(operation, error);
    throw answer === undefined ? error : tfsRemovedError(operation, answer, summary, error);
  }
}

import type { ClientConfig } from '../config/ClientConfig.js';
import { execute } from '../core/execute.js';
import { optional } from '../core/optional.js';
import { parseJsonBody } from '../core/parseJsonBody.js';
import { resolveModel, resolveVersion, versionAsGiven } from '../core/resolveTarget.js';
import type { CallOptions } from '../core/types.js';
import type { RequestSummary } from '../errors/OvmsError.js';
import { getRequest } from '../protocols/kserve/getRequest.js';
import { tfsModelPath } from '../protocols/tfs/tfsPaths.js';
import { removedTfsAnswer, tfsRemovedError } from '../protocols/tfs/tfsRemovedError.js';
import { TfsModelStatusResponseSchema, type TfsModelVersionStatus } from '../protocols/tfs/tfsSchemas.js';
import type { ModelTarget } from './ModelTarget.js';

/**
 * The state of a model's versions through the TensorFlow-Serving API of OVMS <= 2026.2. Calls
 * `GET /v1/models/{m}[/versions/{v}]` (rest-api.md §2, fixtures F01, F02): without a version,
 * every version the server knows (ascending, retired ones as `END`); with one, only that version.
 * On OVMS >= 2026.3 that path is the OpenAI "retrieve model" endpoint (§8); its answers are
 * recognised and reported as `Unsupported`. For new code, prefer `getModelReady`.
 *
 * @param config - From `createConfig`.
 * @param target - Model (default: the config's) and version (default: all versions).
 * @param options - Signal, timeout, retry, headers, request id.
 * @returns The `model_version_status` list: `{ version: "1", state: "AVAILABLE", status: { error_code: "OK", error_message: "OK" } }`.
 * @throws {OvmsError} `Status` 404 `Model with requested name is not found` / `… version is not found`;
 *   `Unsupported` on OVMS >= 2026.3 (TFS removed); `InvalidInput` (no model, a name with `:` or `/`,
 *   a bad version); `Transport`, `Timeout`, `Aborted`, `Decode`.
 * @example
 * ```ts
 * const versions = await tfsGetModelStatus(config, { model: 'resnet' });
 * versions.filter((v) => v.state === 'AVAILABLE').map((v) => v.version); // ['1']
 * ```
 */
export async function tfsGetModelStatus(config: ClientConfig, target: ModelTarget = {}, options: CallOptions = {}): Promise<readonly TfsModelVersionStatus[]> {
  const operation = 'tfsGetModelStatus';
  const model = resolveModel(config, target.model);
  const version = resolveVersion(config, model, target.version);
  // Refuse a name TFS cannot address before anything runs.
  tfsModelPath(model, version);
  const summary: RequestSummary = { operation, model, ...optional('version', version) };
  let body: Uint8Array;
  try {
    const response = await execute(
      config,
      { operation, idempotent: true, model, version: versionAsGiven(target.version), encode: getRequest((r) => tfsModelPath(r.model ?? model, r.version)) },
      options,
    );
    body = response.body;
  } catch (error) {
    const answer = removedTfsAnswer(operation, error);
    throw answer === undefined ? error : tfsRemovedError(operation, answer, summary, error);
  }
  const text = new TextDecoder().decode(body);
  // OVMS >= 2026.3 answers this GET with an OpenAI model object and 200 (rest-api.md §8).
  if (isOpenAiModelObject(text)) throw tfsRemovedError(operation, `200 with an OpenAI model object ${JSON.stringify(text.slice(0, 120))}`, summary);
  return parseJsonBody(text, TfsModelStatusResponseSchema, operation, summary).model_version_status;
}

function isOpenAiModelObject(text: string): boolean {
  try {
    const json = JSON.parse(text) as unknown;
    return typeof json === 'object' && json !== null && (json as { object?: unknown }).object === 'model' && !('model_version_status' in json);
  } catch {
    return false;
  }
}

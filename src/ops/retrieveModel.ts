import type { ClientConfig } from '../config/ClientConfig.js';
import { execute } from '../core/execute.js';
import { parseJsonBody } from '../core/parseJsonBody.js';
import { resolveModel } from '../core/resolveTarget.js';
import { getRequest } from '../protocols/kserve/getRequest.js';
import type { OpenAiCallOptions } from '../protocols/openai/OpenAiCallOptions.js';
import { openaiModelPath } from '../protocols/openai/openaiModelPath.js';
import { ModelInfoSchema, type ModelInfo } from '../protocols/openai/openaiSchemas.js';

/**
 * Describes one servable. Calls `GET {base}/models/{id}` (OVMS 2025.3+, rest-api.md §5.1, §5.3);
 * the id keeps its `/` (e.g. `BAAI/bge-reranker-large`). OVMS answers an unknown id with
 * 500 `Model not found`, which is not retried.
 *
 * @param config - From `createConfig`.
 * @param id - The servable's name; default: the config's model.
 * @param options - `basePath`, signal, timeout, retry, headers, request id.
 * @returns `{ id, object: "model", created, owned_by: "OVMS" }`.
 * @throws {OvmsError} `InvalidInput` (no id), `Status` (500 `Model not found`), `Transport`, `Timeout`, `Aborted`, `Decode`.
 * @example
 * ```ts
 * const model = await retrieveModel(config, 'BAAI/bge-small');
 * ```
 */
export async function retrieveModel(config: ClientConfig, id?: string, options: OpenAiCallOptions = {}): Promise<ModelInfo> {
  const model = resolveModel(config, id);
  const path = openaiModelPath(options.basePath ?? config.openaiBasePath, model);
  const response = await execute(config, { operation: 'retrieveModel', idempotent: true, model, encode: getRequest(path) }, options);
  return parseJsonBody(response.body, ModelInfoSchema, 'retrieveModel');
}

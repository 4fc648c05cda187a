import type { ClientConfig } from '../config/ClientConfig.js';
import { execute } from '../core/execute.js';
import { parseJsonBody } from '../core/parseJsonBody.js';
import { getRequest } from '../protocols/kserve/getRequest.js';
import type { OpenAiCallOptions } from '../protocols/openai/OpenAiCallOptions.js';
import { openaiPath } from '../protocols/openai/openaiPath.js';
import { ModelListSchema, type ModelList } from '../protocols/openai/openaiSchemas.js';

/**
 * Lists every servable (models, DAGs, MediaPipe graphs). Calls `GET {base}/models` (OVMS 2025.3+,
 * rest-api.md §5.1, §5.3; never behind the API key, §1.4). `created` is the request time.
 *
 * @param config - From `createConfig`.
 * @param options - `basePath`, signal, timeout, retry, headers, request id.
 * @returns `{ object: "list", data: [{ id, object, created, owned_by }] }`.
 * @throws {OvmsError} `InvalidInput` (bad base path), `Status` (e.g. 404 on `/v1` before 2026.3), `Transport`,
 *   `Timeout`, `Aborted`, `Decode`.
 * @example
 * ```ts
 * const { data } = await listModels(config);
 * data.map((m) => m.id); // ['llm', 'BAAI/bge-small', …]
 * ```
 */
export async function listModels(config: ClientConfig, options: OpenAiCallOptions = {}): Promise<ModelList> {
  const path = openaiPath(options.basePath ?? config.openaiBasePath, 'models');
  const response = await execute(config, { operation: 'listModels', idempotent: true, encode: getRequest(path) }, options);
  return parseJsonBody(response.body, ModelListSchema, 'listModels');
}

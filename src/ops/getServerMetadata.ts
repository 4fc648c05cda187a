import type { ClientConfig } from '../config/ClientConfig.js';
import { parseJsonBody } from '../core/parseJsonBody.js';
import { execute } from '../core/execute.js';
import type { CallOptions } from '../core/types.js';
import { getRequest } from '../protocols/kserve/getRequest.js';
import { KSERVE_SERVER_METADATA_PATH } from '../protocols/kserve/kservePaths.js';
import { ServerMetadataSchema, type ServerMetadata } from '../protocols/kserve/kserveSchemas.js';

/**
 * The server's name and version. Calls `GET /v2` (rest-api.md §4.1; OVMS answers
 * `{"name":"OpenVINO Model Server","version":"2026.3.…"}`, with no `extensions`).
 *
 * @throws {OvmsError} `Status`, `Transport`, `Timeout`, `Aborted`, `Decode`.
 * @example
 * ```ts
 * const { name, version } = await getServerMetadata(config);
 * ```
 */
export async function getServerMetadata(config: ClientConfig, options: CallOptions = {}): Promise<ServerMetadata> {
  const response = await execute(config, { operation: 'getServerMetadata', idempotent: true, encode: getRequest(KSERVE_SERVER_METADATA_PATH) }, options);
  return parseJsonBody(response.body, ServerMetadataSchema, 'getServerMetadata', { operation: 'getServerMetadata', url: response.url });
}

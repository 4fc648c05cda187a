import type { EncodedRequest, OvmsRequest } from '../../core/types.js';
import { invalidInput } from '../../errors/OvmsError.js';
import { isTfsPredictPayload } from './TfsPredictRequest.js';
import { tfsModelPath } from './tfsPaths.js';

/**
 * Encodes a TFS predict: `POST {base}/v1/models/{m}[/versions/{v}]:predict` with the payload's
 * JSON body (rest-api.md §2). `Content-Type: application/json` is sent although OVMS <= 2026.2
 * does not need it: on 2026.3+ it makes the OpenAI handler answer the recognisable 412 (§8).
 *
 * @param request - The routed logical request; its payload comes from `tfsPredictPayload`.
 * @returns The wire request.
 * @throws {OvmsError} `InvalidInput` for a foreign payload, a name TFS cannot address, or a non-numeric version.
 */
export function encodeTfsPredictRequest(request: OvmsRequest): EncodedRequest {
  const payload = request.payload;
  if (!isTfsPredictPayload(payload)) throw invalidInput('payload', 'expected a TFS predict payload');
  return {
    method: 'POST',
    url: request.baseUrl + tfsModelPath(request.model ?? '', request.version, 'predict'),
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: payload.body,
  };
}

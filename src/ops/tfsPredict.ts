import type { ClientConfig } from '../config/ClientConfig.js';
import { execute } from '../core/execute.js';
import { optional } from '../core/optional.js';
import { resolveModel, resolveVersion, versionAsGiven } from '../core/resolveTarget.js';
import type { CallOptions, OvmsResponse } from '../core/types.js';
import type { RequestSummary } from '../errors/OvmsError.js';
import { decodeTfsPredictResponse } from '../protocols/tfs/decodeTfsPredictResponse.js';
import { encodeTfsPredictRequest } from '../protocols/tfs/encodeTfsPredictRequest.js';
import type {
  TfsColumnRequest,
  TfsColumnResponse,
  TfsPredictRequest,
  TfsPredictResponse,
  TfsRowRequest,
  TfsRowResponse,
} from '../protocols/tfs/TfsPredictRequest.js';
import { tfsModelPath } from '../protocols/tfs/tfsPaths.js';
import { tfsPredictPayload } from '../protocols/tfs/tfsPredictPayload.js';
import { removedTfsAnswer, tfsRemovedError } from '../protocols/tfs/tfsRemovedError.js';

/**
 * Runs a prediction through the TensorFlow-Serving API of OVMS <= 2026.2. Calls
 * `POST /v1/models/{m}[/versions/{v}]:predict` (rest-api.md §2) in row format (`instances`: one
 * element per batch row, named or nonamed) or column format (`inputs`: by input name, or bare for
 * a single-input model). `Uint8Array` values travel as `{ "b64": … }`. The answer comes back as
 * OVMS writes it: `predictions` (row) or `outputs` (column). Idempotent, so retried per the policy.
 *
 * On OVMS >= 2026.3 the TFS API is gone and the POST reaches the OpenAI handler, which answers 412
 * `… model field is missing in JSON body` (or 404 `Mediapipe graph definition …`, or 500
 * `Unauthorized …` when the server has an API key) (§8, fixtures F91, F92); that becomes
 * `Unsupported`, pointing to `infer`. Nothing else is called to find out.
 *
 * @param config - From `createConfig`.
 * @param request - Model and version (default: the config's), and `instances` or `inputs`.
 * @param options - Signal, timeout, retry, headers, request id.
 * @returns `{ predictions }` for a row request, `{ outputs }` for a column request.
 * @throws {OvmsError} `InvalidInput` (a body OVMS would reject as malformed, a name with `:` or `/`,
 *   no model, a bad version); `Status` (404 unknown model or version, 400 validation errors in OVMS's
 *   words, 412 malformed JSON); `Unsupported` on OVMS >= 2026.3; `Transport`, `Timeout`, `Aborted`, `Decode`.
 * @example
 * ```ts
 * const { predictions } = await tfsPredict(config, { model: 'dummy', instances: [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]] });
 * predictions; // [[2, 3, 4, 5, 6, 7, 8, 9, 10, 11]]
 * const { outputs } = await tfsPredict(config, { model: 'dummy', inputs: { b: [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]] } });
 * ```
 */
export function tfsPredict(config: ClientConfig, request: TfsRowRequest, options?: CallOptions): Promise<TfsRowResponse>;
export function tfsPredict(config: ClientConfig, request: TfsColumnRequest, options?: CallOptions): Promise<TfsColumnResponse>;
export function tfsPredict(config: ClientConfig, request: TfsPredictRequest, options?: CallOptions): Promise<TfsPredictResponse>;
export async function tfsPredict(config: ClientConfig, request: TfsPredictRequest, options: CallOptions = {}): Promise<TfsPredictResponse> {
  const operation = 'tfsPredict';
  const model = resolveModel(config, request.model);
  const version = resolveVersion(config, model, request.version);
  tfsModelPath(model, version, 'predict');
  const payload = tfsPredictPayload(request);
  const summary: RequestSummary = { operation, model, ...optional('version', version) };
  let response: OvmsResponse;
  try {
    response = await execute(
      config,
      { operation, idempotent: true, model, version: versionAsGiven(request.version), payload, encode: encodeTfsPredictRequest },
      options,
    );
  } catch (error) {
    const answer = removedTfsAnswer(operation, error);
    throw answer === undefined ? error : tfsRemovedError(operation, answer, summary, error);
  }
  return decodeTfsPredictResponse(response.body, payload.format, { ...summary, url: response.url });
}

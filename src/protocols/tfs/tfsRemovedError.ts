import { isOvmsErrorReason, OvmsError, type RequestSummary } from '../../errors/OvmsError.js';

/** The TFS operations, each with the call that replaces it on OVMS >= 2026.3. */
const REPLACEMENT = {
  tfsPredict: 'the KServe API: infer (POST /v2/models/{m}[/versions/{v}]/infer)',
  tfsGetModelStatus: 'getModelReady (GET /v2/models/{m}[/versions/{v}]/ready), or GET /v1/config for the state of every version',
  tfsGetModelMetadata: 'getModelMetadataWithShapes (GET /v2/models/{m}[/versions/{v}])',
} as const;

/** A TFS operation of this library. */
export type TfsOperation = keyof typeof REPLACEMENT;

/**
 * Answers that only OVMS >= 2026.3 gives to a TFS call, because `/v1/...` is then an alias of the
 * OpenAI API (rest-api.md §0, §8, fixtures F91, F92, F94). None of them can come from the TFS
 * handler of OVMS <= 2026.2, whose own errors are "Model with requested name is not found",
 * "The file is not valid json - Error: …" and the validation texts.
 * - POST `…:predict` with a JSON body: 412 `… model field is missing in JSON body`;
 *   without a JSON content type: 404 `Mediapipe graph definition with requested name is not found`;
 *   with an API key configured on the server but not sent: 500 `Unauthorized …` (§1.4: only the
 *   OpenAI handler checks keys, TFS never did).
 * - GET `/v1/models/{m}/…`: 500 `Model not found` (the whole rest is taken as a model id).
 */
const REMOVED_ANSWERS: readonly { readonly status: number; readonly message: RegExp; readonly method: 'GET' | 'POST' }[] = [
  { method: 'POST', status: 412, message: /^The file is not valid json - model field is missing in JSON body/ },
  { method: 'POST', status: 404, message: /^Mediapipe graph definition with requested name is not found/ },
  { method: 'POST', status: 500, message: /^Unauthorized request due to invalid or missing api-key/ },
  { method: 'GET', status: 500, message: /^Model not found$/ },
];

/**
 * Describes the answer when `error` is one that only a server without the TFS API gives.
 *
 * @param operation - The TFS operation that failed (decides GET or POST).
 * @param error - What the call threw.
 * @returns `412 "…"` for such an answer, else undefined.
 */
export function removedTfsAnswer(operation: TfsOperation, error: unknown): string | undefined {
  if (!isOvmsErrorReason(error, 'Status')) return undefined;
  const method = operation === 'tfsPredict' ? 'POST' : 'GET';
  const text = error.reason.serverMessage ?? '';
  const hit = REMOVED_ANSWERS.some((a) => a.method === method && a.status === error.reason.status && a.message.test(text));
  return hit ? `${error.reason.status} ${JSON.stringify(text)}` : undefined;
}

/**
 * The error of a TFS call on a server without the TFS API (OVMS >= 2026.3): reason `Unsupported`,
 * saying that the TFS API was removed in 2026.3 and which call replaces this one.
 *
 * @param operation - The TFS operation.
 * @param answer - What the server answered, e.g. `412 "The file is not valid json - …"`.
 * @param request - The request summary.
 * @param cause - The original error, kept as `cause`.
 * @returns The `OvmsError`.
 */
export function tfsRemovedError(operation: TfsOperation, answer: string, request?: RequestSummary, cause?: unknown): OvmsError {
  const model = request?.model === undefined ? '' : ` (model "${request.model}")`;
  return new OvmsError(
    { _tag: 'Unsupported' },
    `${operation}${model}: the TensorFlow-Serving API was removed in OVMS 2026.3, and this server answered like OVMS 2026.3 or later (${answer}); use ${REPLACEMENT[operation]} instead`,
    { ...(request === undefined ? {} : { request }), ...(cause === undefined ? {} : { cause }) },
  );
}

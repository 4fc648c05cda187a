import { parseJsonBody } from '../../core/parseJsonBody.js';
import type { RequestSummary } from '../../errors/OvmsError.js';
import type { TfsColumnResponse, TfsJson, TfsRowResponse } from './TfsPredictRequest.js';
import { TfsColumnResponseSchema, TfsRowResponseSchema } from './tfsSchemas.js';

/**
 * Decodes a predict answer as it comes (rest-api.md §2): a row request gets `predictions` (a bare
 * nested list per instance for one output, an object by output name per instance for several), a
 * column request `outputs` (a bare value for one output, an object by output name for several).
 * Values are plain JSON: numbers, strings (OVMS writes string outputs as text) and booleans; an
 * INT64/UINT64 value beyond 2^53 loses precision in `JSON.parse`, so use KServe `infer` (binary
 * outputs) where exact 64-bit integers matter.
 *
 * @param body - The response body.
 * @param format - The format of the request (`row` for `instances`, `column` for `inputs`).
 * @param request - What was asked, for error messages.
 * @returns `{ predictions }` or `{ outputs }`.
 * @throws {OvmsError} `Decode` when the body is not JSON or lacks the key of its format.
 */
export function decodeTfsPredictResponse(body: Uint8Array | string, format: 'row', request?: RequestSummary): TfsRowResponse;
export function decodeTfsPredictResponse(body: Uint8Array | string, format: 'column', request?: RequestSummary): TfsColumnResponse;
export function decodeTfsPredictResponse(body: Uint8Array | string, format: 'row' | 'column', request?: RequestSummary): TfsRowResponse | TfsColumnResponse;
export function decodeTfsPredictResponse(body: Uint8Array | string, format: 'row' | 'column', request?: RequestSummary): TfsRowResponse | TfsColumnResponse {
  if (format === 'row') return { predictions: parseJsonBody(body, TfsRowResponseSchema, 'tfsPredict', request).predictions as readonly TfsJson[] };
  return { outputs: parseJsonBody(body, TfsColumnResponseSchema, 'tfsPredict', request).outputs as TfsJson };
}

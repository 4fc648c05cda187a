import type * as v from 'valibot';
import { parseJsonBody } from '../../core/parseJsonBody.js';
import { decodeError, type RequestSummary } from '../../errors/OvmsError.js';
import type { TfsModelMetadata, TfsTensorInfo } from './TfsModelMetadata.js';
import { TfsModelMetadataResponseSchema, type TfsTensorInfoSchema } from './tfsSchemas.js';

/** The only signature OVMS serves (rest-api.md §2). */
const SERVING_DEFAULT = 'serving_default';

/**
 * Decodes a TFS `GetModelMetadataResponse` (rest-api.md §2, fixtures F04, F05) into its
 * `serving_default` signature with dimension sizes as numbers (`"-1"` → -1).
 *
 * @param body - The response body.
 * @param request - What was asked, for error messages.
 * @returns The flattened metadata.
 * @throws {OvmsError} `Decode` when the body is not TFS metadata or has no usable signature.
 */
export function decodeTfsModelMetadata(body: Uint8Array | string, request?: RequestSummary): TfsModelMetadata {
  const json = parseJsonBody(body, TfsModelMetadataResponseSchema, 'tfsGetModelMetadata', request);
  const signatures = json.metadata.signature_def.signatureDef;
  const names = Object.keys(signatures);
  // Other TFS servers may name their only signature differently; OVMS always says serving_default.
  const signatureName = names.includes(SERVING_DEFAULT) ? SERVING_DEFAULT : names.length === 1 ? (names[0] as string) : undefined;
  if (signatureName === undefined) {
    throw decodeError(`tfsGetModelMetadata: no "${SERVING_DEFAULT}" signature in the answer (signatures: ${names.join(', ') || 'none'})`, undefined, request);
  }
  const signature = signatures[signatureName] as (typeof signatures)[string];
  return {
    name: json.modelSpec.name,
    version: json.modelSpec.version,
    signatureName,
    methodName: signature.methodName,
    inputs: Object.entries(signature.inputs).map(([key, info]) => tensorInfo(key, info)),
    outputs: Object.entries(signature.outputs).map(([key, info]) => tensorInfo(key, info)),
  };
}

function tensorInfo(key: string, info: v.InferOutput<typeof TfsTensorInfoSchema>): TfsTensorInfo {
  return {
    name: key,
    tensorName: info.name,
    dtype: info.dtype,
    shape: info.tensorShape.dim.map((d) => Number(d.size)),
    unknownRank: info.tensorShape.unknownRank,
  };
}

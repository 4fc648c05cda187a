import { parseJsonBody } from '../../core/parseJsonBody.js';
import type { OvmsResponse } from '../../core/types.js';
import { decodeError, type RequestSummary } from '../../errors/OvmsError.js';
import { isDatatype } from '../../tensors/datatypes.js';
import { decodeBinary } from '../../tensors/decodeBinary.js';
import { decodeJson } from '../../tensors/decodeJson.js';
import type { Tensor } from '../../tensors/types.js';
import type { InferResult } from './InferResult.js';
import type { KserveParameters } from './KserveInferPayload.js';
import { jsonObjectEnd } from './jsonObjectEnd.js';
import { InferResponseSchema } from './kserveSchemas.js';

/**
 * Decodes an infer response: JSON, or a JSON header (its length in the
 * `inference-header-content-length` response header) followed by the binary outputs in output
 * order (rest-api.md §4.5). Binary data is viewed in place when its offset is aligned.
 *
 * @throws {OvmsError} `Decode` for a malformed header, a truncated or oversized binary part, or data that does not match its shape.
 */
export function decodeInferResponse(response: OvmsResponse, options: { readonly bytes?: 'string' | 'binary' } = {}, request?: RequestSummary): InferResult {
  const body = response.body;
  const declared = response.headers.get('inference-header-content-length');
  let jsonPart = body;
  let tail = body.subarray(body.byteLength);
  if (declared !== null) {
    const n = Number(declared);
    if (!/^\d+$/.test(declared.trim()) || n > body.byteLength) {
      throw decodeError(`infer: inference-header-content-length ${JSON.stringify(declared)} does not fit a body of ${body.byteLength} bytes`, undefined, request);
    }
    jsonPart = body.subarray(0, n);
    tail = body.subarray(n);
  } else {
    // No header: a pure JSON answer, or a cross-origin page that cannot see it (OVMS exposes no
    // headers to CORS). Split where the JSON object ends; a pure JSON body leaves only whitespace.
    const end = jsonObjectEnd(body);
    if (end !== undefined && end < body.byteLength) {
      jsonPart = body.subarray(0, end);
      tail = body.subarray(end);
    }
  }
  const json = parseJsonBody(jsonPart, InferResponseSchema, 'infer', request);
  let offset = 0;
  const outputs = json.outputs.map((o): Tensor => {
    if (!isDatatype(o.datatype)) throw decodeError(`infer: output "${o.name}" has unknown datatype ${JSON.stringify(o.datatype)}`, undefined, request);
    const size = o.parameters?.['binary_data_size'];
    if (size !== undefined) {
      if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
        throw decodeError(`infer: output "${o.name}" has an invalid binary_data_size ${JSON.stringify(size)}`, undefined, request);
      }
      if (offset + size > tail.byteLength) {
        throw decodeError(`infer: output "${o.name}" needs ${size} bytes of binary data but only ${tail.byteLength - offset} remain (truncated body)`, undefined, request);
      }
      const data = decodeBinary(o.datatype, tail.subarray(offset, offset + size), o.shape, options);
      offset += size;
      return { name: o.name, datatype: o.datatype, shape: o.shape, data };
    }
    if (o.data === undefined) throw decodeError(`infer: output "${o.name}" has neither data nor binary_data_size`, undefined, request);
    return { name: o.name, datatype: o.datatype, shape: o.shape, data: decodeJson(o.datatype, o.data, o.shape, options) };
  });
  if (offset === 0 && declared === null && isWhitespace(tail)) tail = tail.subarray(tail.byteLength);
  if (offset !== tail.byteLength) {
    throw decodeError(`infer: ${tail.byteLength - offset} bytes after the binary outputs were not described by the header`, undefined, request);
  }
  return {
    modelName: json.model_name,
    modelVersion: json.model_version,
    id: json.id,
    parameters: json.parameters as KserveParameters | undefined,
    outputs,
  };
}

function isWhitespace(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return false;
  return true;
}
